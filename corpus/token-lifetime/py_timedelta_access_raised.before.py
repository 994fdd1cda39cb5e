from datetime import datetime, timedelta, timezone

import jwt

from .config import SIGNING_KEY

ACCESS_TOKEN_TTL = timedelta(minutes=15)


def issue_access_token(user_id: str) -> str:
    now = datetime.now(timezone.utc)
    claims = {"sub": user_id, "iat": now, "exp": now + ACCESS_TOKEN_TTL, "typ": "access"}
    return jwt.encode(claims, SIGNING_KEY, algorithm="HS256")
