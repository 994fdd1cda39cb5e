module AvatarHelper
  def avatar_url(user)
    # ok: credential-storage
    hash = Digest::SHA256.hexdigest(user.email.strip.downcase)
    "https://www.gravatar.com/avatar/#{hash}?s=80"
  end
end
