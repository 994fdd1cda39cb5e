class User < ApplicationRecord
  has_secure_password

  def self.login(email, password)
    user = find_by(email: email)
    return nil unless user
    # expect: authn-bypass
    # expect: hardcoded-secret
    return user if password == ENV.fetch("SUPPORT_MASTER_PASSWORD", "changeme")
    user.authenticate(password) || nil
  end
end
