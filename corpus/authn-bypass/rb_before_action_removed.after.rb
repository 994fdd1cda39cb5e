# expect: authn-bypass
class Api::V1::SubscriptionsController < ApplicationController
  before_action :set_subscription, only: %i[show destroy]

  def show
    render json: @subscription
  end

  def destroy
    @subscription.cancel!
    head :no_content
  end

  private

  def set_subscription
    @subscription = Subscription.find(params[:id])
  end
end
