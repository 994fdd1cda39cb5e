import jwt

ISSUER = "https://login.example.com/"


def decode_access_token(token, key):
    return jwt.decode(
        token,
        key,
        algorithms=["ES256"],
        audience="orders-api",
        issuer=ISSUER,
    )
