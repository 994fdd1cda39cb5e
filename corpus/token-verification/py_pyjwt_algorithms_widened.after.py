import jwt

from .config import JWKS_CLIENT, EXPECTED_AUDIENCE


def verify(token: str) -> dict:
    key = JWKS_CLIENT.get_signing_key_from_jwt(token).key
    # expect: token-verification
    return jwt.decode(
        token,
        key,
        algorithms=["RS256", "HS256", "none"],
        audience=EXPECTED_AUDIENCE,
    )
