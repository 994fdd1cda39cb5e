class Ability
  include CanCan::Ability

  def initialize(user)
    if user.reviewer?
      can :read, Submission
    else
      # expect: authz-bypass
      can :manage, :all
    end
  end
end
