require "net/http"

module Sso
  class MetadataFetcher
    def fetch(uri)
      http = Net::HTTP.new(uri.host, uri.port)
      http.use_ssl = true
      http.verify_mode = OpenSSL::SSL::VERIFY_PEER
      http.get(uri.request_uri).body
    end
  end
end
