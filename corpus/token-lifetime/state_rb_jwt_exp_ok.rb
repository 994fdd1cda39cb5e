module Tokens
  def self.email_change(user, new_email)
    # ok: token-lifetime
    JWT.encode({ sub: user.id, email: new_email, exp: 1.hour.from_now.to_i }, Rails.application.secret_key_base, "HS256")
  end
end
