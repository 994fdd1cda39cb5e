class Webhooks::ShopifyController < ActionController::API
  def create
    digest = OpenSSL::HMAC.digest("sha256", ENV.fetch("SHOPIFY_SECRET"), request.raw_post)
    computed = Base64.strict_encode64(digest)
    # expect: timing-unsafe-compare
    head :unauthorized unless computed == request.headers["X-Shopify-Hmac-Sha256"]
  end
end
