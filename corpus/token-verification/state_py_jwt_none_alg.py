import jwt as pyjwt


def parse_invite(token: str, key: str) -> dict:
    # expect: token-verification
    return pyjwt.decode(token, key, algorithms=["HS256", "none"])
