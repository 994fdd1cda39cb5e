from datetime import datetime, timezone

import jwt
from django.conf import settings


def issue(user_id, key):
    now = datetime.now(timezone.utc)
    exp = now + settings.ACCESS_TOKEN_TTL
    return jwt.encode({"sub": user_id, "exp": exp}, key, algorithm="HS256")
