from authlib.jose import jwt

from .keys import PUBLIC_JWK


def claims(token: str) -> dict:
    # expect: token-verification
    c = jwt.decode(token, PUBLIC_JWK)
    return dict(c)
