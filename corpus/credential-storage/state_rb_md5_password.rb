require "digest"

class Member < ApplicationRecord
  def password=(plain)
    # expect: credential-storage
    self.crypted_password = Digest::MD5.hexdigest(plain)
  end

  def valid_password?(plain)
    crypted_password == Digest::MD5.hexdigest(plain)
  end
end
