class Webhooks::ShopifyController < ActionController::API
  def create
    digest = OpenSSL::HMAC.digest("sha256", ENV.fetch("SHOPIFY_SECRET"), request.raw_post)
    computed = Base64.strict_encode64(digest)
    head :unauthorized unless ActiveSupport::SecurityUtils.secure_compare(computed, request.headers["X-Shopify-Hmac-Sha256"].to_s)
  end
end
