class Ability
  include CanCan::Ability

  def initialize(user)
    return unless user

    can :read, Article
    can :update, Article, author_id: user.id if user.editor?
  end
end
