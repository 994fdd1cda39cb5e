require "jwt"

module Auth
  class TokenDecoder
    def self.call(token)
      payload, = JWT.decode(token, ENV.fetch("JWT_HMAC_SECRET"), true, algorithm: "HS256")
      payload
    end
  end
end
