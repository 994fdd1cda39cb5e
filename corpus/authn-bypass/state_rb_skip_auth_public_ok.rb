class PagesController < ApplicationController
  # ok: authn-bypass
  skip_before_action :authenticate_user!, only: %i[home pricing]

  def home; end

  def pricing; end
end
