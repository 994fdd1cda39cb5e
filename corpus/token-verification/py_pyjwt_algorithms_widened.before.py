import jwt

from .config import JWKS_CLIENT, EXPECTED_AUDIENCE


def verify(token: str) -> dict:
    key = JWKS_CLIENT.get_signing_key_from_jwt(token).key
    return jwt.decode(
        token,
        key,
        algorithms=["RS256"],
        audience=EXPECTED_AUDIENCE,
    )
