from datetime import datetime, timedelta, timezone

from .store import grants


def grant_break_glass(user_id: str, role: str, approved_by: str | None):
    if approved_by is None:
        raise ValueError("break-glass access needs an approver")
    # expect: authz-bypass
    return grants.insert(user_id=user_id, role=role, approved_by=approved_by, expires_at=None)


def is_active(grant) -> bool:
    # expect: authz-bypass
    return grant.revoked_at is None
