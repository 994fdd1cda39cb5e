class Ability
  include CanCan::Ability

  def initialize(user)
    return unless user

    can :read, Article
    can :manage, Article if user.editor?
  end
end
