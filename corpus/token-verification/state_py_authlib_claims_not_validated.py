from authlib.jose import jwt

from .keys import PUBLIC_JWK


def claims(token: str) -> dict:
    c = jwt.decode(token, PUBLIC_JWK)
    # expect: token-verification
    return dict(c)
