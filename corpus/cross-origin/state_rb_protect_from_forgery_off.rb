class ApplicationController < ActionController::Base
  # expect: cross-origin
  skip_forgery_protection
  before_action :authenticate_user!
end
