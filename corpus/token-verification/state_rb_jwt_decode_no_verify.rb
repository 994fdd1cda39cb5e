module Api
  class BaseController < ActionController::API
    before_action :load_claims

    private

    def load_claims
      token = request.authorization.to_s.delete_prefix("Bearer ")
      # expect: token-verification
      @claims, = JWT.decode(token, nil, false)
    end
  end
end
