Devise.setup do |config|
  config.jwt do |jwt|
    jwt.secret = ENV.fetch("DEVISE_JWT_SECRET_KEY")
    # ok: token-lifetime-excessive
    jwt.expiration_time = 15.minutes.to_i
  end
end
