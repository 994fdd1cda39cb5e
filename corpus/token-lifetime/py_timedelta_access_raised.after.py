from datetime import datetime, timedelta, timezone

import jwt

from .config import SIGNING_KEY

# expect: token-lifetime
ACCESS_TOKEN_TTL = timedelta(days=30)


def issue_access_token(user_id: str) -> str:
    now = datetime.now(timezone.utc)
    claims = {"sub": user_id, "iat": now, "exp": now + ACCESS_TOKEN_TTL, "typ": "access"}
    return jwt.encode(claims, SIGNING_KEY, algorithm="HS256")
