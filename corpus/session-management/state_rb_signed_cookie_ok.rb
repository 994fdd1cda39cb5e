class PreferencesController < ApplicationController
  def update
    # ok: session-management
    cookies.permanent[:locale] = { value: params[:locale], same_site: :lax }
    redirect_back fallback_location: root_path
  end
end
