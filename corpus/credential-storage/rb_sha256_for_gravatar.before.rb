module AvatarHelper
  def avatar_url(user)
    hash = Digest::MD5.hexdigest(user.email.strip.downcase)
    "https://www.gravatar.com/avatar/#{hash}?s=80"
  end
end
