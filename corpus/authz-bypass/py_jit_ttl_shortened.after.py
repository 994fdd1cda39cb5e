from datetime import timedelta

from .store import grants

MAX_ELEVATION = timedelta(hours=2)


def elevate(user_id, role, approver):
    if approver is None or approver == user_id:
        raise PermissionError("needs an independent approver")
    return grants.create(user_id, role, approver=approver, ttl=MAX_ELEVATION)
