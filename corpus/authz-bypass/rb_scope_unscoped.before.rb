class Api::OrdersController < Api::BaseController
  def show
    order = current_account.orders.find(params[:id])
    render json: OrderSerializer.new(order)
  end
end
