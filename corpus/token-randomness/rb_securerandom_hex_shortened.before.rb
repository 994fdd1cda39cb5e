class User < ApplicationRecord
  before_create :assign_unsubscribe_token

  private

  def assign_unsubscribe_token
    self.unsubscribe_token = SecureRandom.hex(24)
  end
end
