import time

import jwt
from django.conf import settings


def refresh_token_for(user):
    now = int(time.time())
    payload = {
        "sub": str(user.pk),
        "iat": now,
        "exp": now + 7 * 24 * 3600,
        # expect: token-randomness
        "jti": f"{user.pk}-{int(time.time() * 1000)}",
    }
    return jwt.encode(payload, settings.SECRET_KEY, algorithm="HS256")
