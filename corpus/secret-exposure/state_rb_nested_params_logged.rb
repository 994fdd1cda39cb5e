class RegistrationsController < ApplicationController
  def create
    @user = User.new(user_params)
    if @user.save
      # ok: secret-exposure
      Rails.logger.info("registered #{params[:user][:email]}")
      # expect: secret-exposure
      Rails.logger.info("registered #{@user.email} with #{params[:user][:password]}")
      redirect_to @user
    else
      render :new
    end
  end
end
