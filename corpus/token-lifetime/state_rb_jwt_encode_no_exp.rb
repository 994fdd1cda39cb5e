module Tokens
  def self.magic_link(user)
    # expect: token-lifetime
    JWT.encode({ sub: user.id, purpose: "magic_link" }, Rails.application.secret_key_base, "HS256")
  end
end
