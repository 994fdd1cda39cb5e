module Api
  class TokenAuthenticator
    def initialize(public_key_pem)
      @public_key = OpenSSL::PKey::RSA.new(public_key_pem)
    end

    def call(header)
      token = header.to_s.delete_prefix("Bearer ")
      # expect: token-randomness
      payload, = JWT.decode(token, @public_key, true, algorithms: %w[RS256 HS256])
      payload
    rescue JWT::DecodeError
      nil
    end
  end
end
