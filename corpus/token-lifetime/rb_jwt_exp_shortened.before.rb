module Tokens
  def self.api(user)
    JWT.encode({ sub: user.id, exp: 1.day.from_now.to_i }, ENV.fetch("JWT_SECRET"), "HS256")
  end
end
