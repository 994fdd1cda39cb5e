import jwt as pyjwt
from django.conf import settings


def claims_from_header(auth_header: str) -> dict:
    token = auth_header.removeprefix("Bearer ").strip()
    return pyjwt.decode(
        token,
        settings.JWT_PUBLIC_KEY,
        algorithms=["RS256"],
        audience="billing-api",
    )
