Devise.setup do |config|
  config.jwt do |jwt_config|
    jwt_config.secret = ENV.fetch("DEVISE_JWT_SECRET_KEY")
    # expect: token-lifetime-excessive
    jwt_config.expiration_time = 14.days.to_i
  end
end
