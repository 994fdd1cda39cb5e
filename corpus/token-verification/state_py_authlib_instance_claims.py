from authlib.jose import JsonWebToken

from .keys import load_public_key

jwt = JsonWebToken(["RS256"])


def tenant(token: str) -> str:
    # expect: jwt-verification-disabled
    claims = jwt.decode(token, load_public_key())
    return claims["tenant"]


def checked_tenant(token: str) -> str:
    # ok: jwt-verification-disabled
    claims = jwt.decode(token, load_public_key())
    claims.validate()
    return claims["tenant"]
