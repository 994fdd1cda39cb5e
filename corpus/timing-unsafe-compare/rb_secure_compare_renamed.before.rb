module WebhookAuth
  def self.valid?(expected, given)
    ActiveSupport::SecurityUtils.secure_compare(expected, given.to_s)
  end
end
