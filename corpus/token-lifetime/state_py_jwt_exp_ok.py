from datetime import datetime, timedelta, timezone

import jwt


def short_token(sub: str, key: str) -> str:
    now = datetime.now(timezone.utc)
    # ok: token-lifetime
    return jwt.encode({"sub": sub, "iat": now, "exp": now + timedelta(minutes=10)}, key, algorithm="HS256")
