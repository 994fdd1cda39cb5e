class Api::OrdersController < Api::BaseController
  def show
    # expect: authz-bypass
    order = Order.find(params[:id])
    render json: OrderSerializer.new(order)
  end
end
