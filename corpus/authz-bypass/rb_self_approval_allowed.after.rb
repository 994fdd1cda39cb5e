class AccessRequestsController < ApplicationController
  before_action :authenticate_user!

  # expect: authz-bypass
  def approve
    request_record = AccessRequest.find(params[:id])
    authorize request_record, :approve?
    request_record.update!(status: :approved, approver: current_user, approved_at: Time.current)
    redirect_to request_record, notice: "Approved"
  end
end
