import jwt

from .jwks import key_for_kid


def verify(token: str) -> dict:
    # ok: token-verification
    kid = jwt.get_unverified_header(token)["kid"]
    return jwt.decode(token, key_for_kid(kid), algorithms=["RS256"], audience="ledger", issuer="https://id.example.com")
