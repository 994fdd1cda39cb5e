class ApiToken < ApplicationRecord
  before_create :assign_token

  private

  def assign_token
    self.token = SecureRandom.hex(32)
  end
end
