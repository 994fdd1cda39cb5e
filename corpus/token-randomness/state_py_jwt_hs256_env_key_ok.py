import os
from datetime import datetime, timedelta, timezone

import jwt

JWT_SECRET = os.environ["JWT_SECRET"]


def issue_access_token(user_id: str) -> str:
    now = datetime.now(timezone.utc)
    claims = {"sub": user_id, "iat": now, "exp": now + timedelta(minutes=15)}
    # ok: token-randomness
    return jwt.encode(claims, JWT_SECRET, algorithm="HS256")
