class Api::V1::InvoicesController < ApplicationController
  before_action :authenticate_user!
  before_action :set_invoice, only: %i[show update]

  def show
    render json: @invoice
  end

  def update
    @invoice.update!(invoice_params)
    render json: @invoice
  end

  private

  def set_invoice
    @invoice = current_user.invoices.find(params[:id])
  end

  def invoice_params
    params.require(:invoice).permit(:memo, :due_on)
  end
end
