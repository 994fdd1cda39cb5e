import secrets


def new_api_key() -> str:
    # ok: token-randomness
    return "ak_" + secrets.token_urlsafe(24)
