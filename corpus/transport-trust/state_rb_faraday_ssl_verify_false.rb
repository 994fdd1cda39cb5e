require "faraday"

module Okta
  def self.connection
    Faraday.new(
      url: ENV.fetch("OKTA_ORG_URL"),
      # expect: transport-trust
      ssl: { verify: false },
      headers: { "Authorization" => "SSWS #{ENV.fetch('OKTA_API_TOKEN')}" }
    )
  end
end
