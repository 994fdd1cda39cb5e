class ApplicationController < ActionController::API
  before_action :authenticate!

  private

  def authenticate!
    @current_user = TokenVerifier.call(request.authorization)
    head :unauthorized unless @current_user
  rescue TokenVerifier::Unavailable => e
    Rails.logger.warn("verifier down: #{e.message}")
    # expect: authn-bypass
    @current_user = User.guest
  end
end
