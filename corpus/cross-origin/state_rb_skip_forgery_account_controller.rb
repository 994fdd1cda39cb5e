class AccountsController < ApplicationController
  before_action :require_login
  # expect: cross-origin
  skip_forgery_protection

  def update
    current_user.update!(params.require(:account).permit(:email, :payout_iban))
    redirect_to account_path
  end
end
