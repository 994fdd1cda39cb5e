class User < ApplicationRecord
  before_create :assign_unsubscribe_token

  private

  def assign_unsubscribe_token
    # expect: token-randomness
    self.unsubscribe_token = SecureRandom.hex(4)
  end
end
