require "jwt"

module Auth
  class TokenDecoder
    def self.call(token)
      # expect: token-verification
      payload, _header = JWT.decode(token, nil, false)
      payload
    end
  end
end
