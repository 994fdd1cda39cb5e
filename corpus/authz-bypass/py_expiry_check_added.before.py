from datetime import datetime, timezone


def grant_is_usable(grant) -> bool:
    return grant.approved_by is not None
