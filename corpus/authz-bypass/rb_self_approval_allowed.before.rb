class AccessRequestsController < ApplicationController
  before_action :authenticate_user!

  def approve
    request_record = AccessRequest.find(params[:id])
    authorize request_record, :approve?
    if request_record.requester_id == current_user.id
      return redirect_to(request_record, alert: "You cannot approve your own request")
    end
    request_record.update!(status: :approved, approver: current_user, approved_at: Time.current)
    redirect_to request_record, notice: "Approved"
  end
end
