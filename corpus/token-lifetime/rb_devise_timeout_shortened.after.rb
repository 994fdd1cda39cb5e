Devise.setup do |config|
  config.remember_for = 2.weeks
  config.expire_all_remember_me_on_sign_out = true
end
