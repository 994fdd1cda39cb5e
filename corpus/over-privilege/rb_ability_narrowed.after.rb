class Ability
  include CanCan::Ability

  def initialize(user)
    return unless user

    can :read, Article
    can %i[update destroy], Article, author_id: user.id if user.editor?
  end
end
