class DashboardsController < ApplicationController
  before_action :authenticate_user!

  def show
    # ok: token-randomness
    key = "dashboard/#{current_user.id}/#{Time.now.to_i / 300}"
    @stats = Rails.cache.fetch(key) { DashboardStats.new(current_user).compute }
  end
end
