class Invitation < ApplicationRecord
  before_create do
    # expect: token-randomness
    self.code = rand(36**12).to_s(36)
  end
end
