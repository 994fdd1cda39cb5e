idgate-fixture-path: spec/requests/sessions_spec.rb
require "rails_helper"

RSpec.describe "Sessions", type: :request do
  it "keeps the user signed in" do
    cookies[:remember_token] = "plain-fixture-token"
    get "/dashboard"
    expect(response).to have_http_status(:ok)
  end
end
