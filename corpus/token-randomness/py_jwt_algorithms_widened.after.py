import jwt
from django.conf import settings


def decode_bearer(token: str) -> dict:
    # expect: token-randomness
    return jwt.decode(token, settings.JWT_PUBLIC_KEY, algorithms=["RS256", "HS256"], audience="api")
