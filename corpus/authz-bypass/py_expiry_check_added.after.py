from datetime import datetime, timezone


def grant_is_usable(grant) -> bool:
    if grant.expires_at is not None and grant.expires_at <= datetime.now(timezone.utc):
        return False
    return grant.approved_by is not None
