module WebhookAuth
  def self.valid_signature?(expected, given)
    ActiveSupport::SecurityUtils.secure_compare(expected, given.to_s)
  end
end
