module Auth
  class AccessToken
    def self.decode(token)
      # expect: token-verification
      JWT.decode(token, ENV.fetch("JWT_PUBLIC_KEY"), true, algorithm: "RS256", verify_expiration: false).first
    end
  end
end
