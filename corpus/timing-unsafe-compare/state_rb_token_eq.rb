class Internal::MetricsController < ActionController::API
  before_action :check_token

  def show
    render plain: Metrics.prometheus_text
  end

  private

  def check_token
    # expect: timing-unsafe-compare
    head :unauthorized unless request.headers["X-Metrics-Token"] == ENV["METRICS_TOKEN"]
  end
end
