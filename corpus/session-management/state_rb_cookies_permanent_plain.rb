class SessionsController < ApplicationController
  def create
    user = User.authenticate_by(email: params[:email], password: params[:password])
    return head(:unauthorized) unless user

    reset_session
    # expect: session-management
    cookies.permanent[:user_id] = user.id
    redirect_to dashboard_path
  end
end
