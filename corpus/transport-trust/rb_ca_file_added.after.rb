require "net/http"

module Sso
  class MetadataFetcher
    def fetch(uri)
      http = Net::HTTP.new(uri.host, uri.port)
      http.use_ssl = true
      http.verify_mode = OpenSSL::SSL::VERIFY_PEER
      http.ca_file = ENV.fetch("SSO_CA_FILE", "/etc/ssl/certs/ca-certificates.crt")
      http.get(uri.request_uri).body
    end
  end
end
