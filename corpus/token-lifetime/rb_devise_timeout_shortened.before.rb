Devise.setup do |config|
  config.remember_for = 4.weeks
  config.expire_all_remember_me_on_sign_out = true
end
