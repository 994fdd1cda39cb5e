class PasswordResetsController < ApplicationController
  def create
    user = User.find_by(email: params[:email].to_s.downcase)
    if user
      # expect: token-randomness
      user.reset_digest = Digest::SHA1.hexdigest("#{user.email}#{Time.now.to_i}")
      user.reset_sent_at = Time.current
      user.save!
      UserMailer.password_reset(user).deliver_later
    end
    redirect_to root_path, notice: "If that address exists, we sent a link."
  end
end
