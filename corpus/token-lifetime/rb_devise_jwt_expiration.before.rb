Devise.setup do |config|
  config.jwt do |jwt|
    jwt.secret = Rails.application.credentials.devise_jwt_secret_key!
    jwt.dispatch_requests = [["POST", %r{^/api/login$}]]
    jwt.expiration_time = 30.minutes.to_i
  end
end
