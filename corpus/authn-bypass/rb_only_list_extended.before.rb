class Api::V1::WebhooksController < ApplicationController
  before_action :authenticate_user!
  before_action :set_webhook, only: %i[show]

  def show
    render json: @webhook
  end

  def update
    @webhook.update!(params.require(:webhook).permit(:url, :active))
    render json: @webhook
  end

  private

  def set_webhook
    @webhook = current_user.webhooks.find(params[:id])
  end
end
