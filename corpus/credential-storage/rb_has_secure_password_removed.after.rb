class Operator < ApplicationRecord
  before_save :store_password

  validates :email, presence: true, uniqueness: true

  private

  def store_password
    # expect: credential-storage
    self.password_digest = Digest::SHA1.hexdigest(password) if password.present?
  end
end
