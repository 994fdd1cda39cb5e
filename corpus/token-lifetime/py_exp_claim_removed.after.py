import time

import jwt

from app.keys import private_key


def service_token(service: str, scopes: list[str]) -> str:
    now = int(time.time())
    payload = {"iss": "deployer", "sub": service, "scope": " ".join(scopes), "iat": now}
    # expect: token-lifetime
    return jwt.encode(payload, private_key(), algorithm="RS256")
