class Admin::ExportsController < Admin::BaseController

  def index
    @exports = Export.order(created_at: :desc).limit(50)
  end

  def create
    export = Export.create!(kind: params[:kind], requested_by: current_admin&.id)
    ExportJob.perform_later(export.id)
    redirect_to admin_exports_path, notice: "Export queued"
  end
end
