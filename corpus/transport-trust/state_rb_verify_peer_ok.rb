require "net/http"

module Billing
  def self.client(uri)
    http = Net::HTTP.new(uri.host, uri.port)
    http.use_ssl = true
    # ok: transport-trust
    http.verify_mode = OpenSSL::SSL::VERIFY_PEER
    http
  end
end
