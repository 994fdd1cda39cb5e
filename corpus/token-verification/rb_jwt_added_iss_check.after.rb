require "jwt"

module Auth
  class TokenDecoder
    def self.call(token)
      payload, = JWT.decode(token, ENV.fetch("JWT_HMAC_SECRET"), true,
                            algorithm: "HS256", iss: "accounts", verify_iss: true)
      payload
    end
  end
end
