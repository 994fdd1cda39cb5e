class DocumentPolicy < ApplicationPolicy
  # ok: authz-bypass
  def destroy?
    user.admin? || record.owner_id == user.id
  end
end
