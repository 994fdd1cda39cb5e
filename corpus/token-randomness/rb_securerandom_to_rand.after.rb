class ApiToken < ApplicationRecord
  before_create :assign_token

  private

  def assign_token
    # expect: token-randomness
    self.token = Array.new(32) { rand(16).to_s(16) }.join
  end
end
