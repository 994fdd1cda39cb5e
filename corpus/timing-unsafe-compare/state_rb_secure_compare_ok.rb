class Internal::HealthController < ActionController::API
  def deep
    # ok: timing-unsafe-compare
    return head(:unauthorized) unless ActiveSupport::SecurityUtils.secure_compare(params[:key].to_s, ENV.fetch("HEALTH_KEY"))
    render json: { db: ActiveRecord::Base.connection.active? }
  end
end
