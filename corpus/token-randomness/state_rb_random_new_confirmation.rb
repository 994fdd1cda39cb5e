class ConfirmationMailer < ApplicationMailer
  RNG = Random.new

  def confirm(user)
    # expect: token-randomness
    token = RNG.bytes(20).unpack1("H*")
    user.update!(confirmation_token: token, confirmation_sent_at: Time.current)
    @url = confirm_email_url(token: token)
    mail(to: user.email, subject: "Confirm your account")
  end
end
