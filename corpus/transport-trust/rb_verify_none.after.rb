require "net/http"

module Sso
  class MetadataFetcher
    def fetch(uri)
      http = Net::HTTP.new(uri.host, uri.port)
      http.use_ssl = true
      # expect: transport-trust
      http.verify_mode = OpenSSL::SSL::VERIFY_NONE
      http.get(uri.request_uri).body
    end
  end
end
