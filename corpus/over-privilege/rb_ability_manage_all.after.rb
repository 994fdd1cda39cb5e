class Ability
  include CanCan::Ability

  def initialize(user)
    return unless user

    can :read, Article
    # expect: over-privilege
    can :manage, :all if user.editor?
  end
end
