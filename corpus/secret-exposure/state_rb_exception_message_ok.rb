class TokenRefreshError < StandardError; end

module Integrations
  def self.refresh!(account)
    response = account.oauth_client.refresh!
    # ok: secret-exposure
    raise TokenRefreshError, "refresh failed for account #{account.id} (status #{response.status})" unless response.ok?
    response
  end
end
