class Integrations::GithubSync
  def initialize(installation)
    @installation = installation
  end

  def call
    token = @installation.access_token!
    # expect: secret-exposure
    Rails.logger.info("github sync for #{@installation.id} using #{token}")
    Octokit::Client.new(access_token: token).repositories
  end
end
