import jwt

ISSUER = "https://login.example.com/"


def decode_access_token(token, key):
    # expect: token-verification
    return jwt.decode(
        token,
        key,
        algorithms=["ES256"],
        issuer=ISSUER,
        options={"verify_aud": False},
    )
