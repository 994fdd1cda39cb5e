import jwt as pyjwt
from django.conf import settings


def claims_from_header(auth_header: str) -> dict:
    token = auth_header.removeprefix("Bearer ").strip()
    # expect: token-verification
    return pyjwt.decode(token, options={"verify_signature": False})
