module Auth
  def self.claims(token)
    # ok: token-verification
    JWT.decode(token, ENV.fetch("JWT_PUBLIC_KEY"), true, algorithm: "RS256", iss: "https://id.example.com", verify_iss: true).first
  end
end
