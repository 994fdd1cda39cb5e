module Auth
  class AccessToken
    def self.decode(token)
      JWT.decode(token, ENV.fetch("JWT_PUBLIC_KEY"), true, algorithm: "RS256").first
    end
  end
end
