class StripeWebhooksController < ApplicationController
  # ok: cross-origin
  skip_forgery_protection

  def create
    event = Stripe::Webhook.construct_event(request.body.read, request.headers["Stripe-Signature"], ENV.fetch("STRIPE_WEBHOOK_SECRET"))
    PaymentEvents.handle(event)
    head :ok
  end
end
