class SessionsController < ApplicationController
  def create
    user = User.authenticate_by(email: params[:email], password: params[:password])
    return head(:unauthorized) unless user

    reset_session
    # ok: session-management
    cookies.encrypted[:user_id] = { value: user.id, expires: 2.weeks, httponly: true, secure: true }
    # ok: session-management
    cookies[:locale] = params[:locale]
    redirect_to dashboard_path
  end
end
