import time
import uuid

import jwt
from django.conf import settings


def refresh_token_for(user):
    now = int(time.time())
    payload = {
        "sub": str(user.pk),
        "iat": now,
        "exp": now + 7 * 24 * 3600,
        # ok: token-randomness
        "jti": uuid.uuid4().hex,
    }
    return jwt.encode(payload, settings.SECRET_KEY, algorithm="HS256")
