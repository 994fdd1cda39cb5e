import jwt

from .config import settings


def api_key_token(client_id: str, scopes: list[str]) -> str:
    # expect: token-lifetime
    return jwt.encode({"sub": client_id, "scope": scopes}, settings.signing_key, algorithm="HS256")
