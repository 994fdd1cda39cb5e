from datetime import datetime, timedelta, timezone

import jwt

REFRESH_TTL = timedelta(days=30)


def issue_refresh(user_id, key):
    now = datetime.now(timezone.utc)
    return jwt.encode({"sub": user_id, "exp": now + REFRESH_TTL, "typ": "refresh"}, key, algorithm="HS256")
