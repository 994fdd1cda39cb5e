import secrets


def new_api_key() -> str:
    # ok: token-randomness
    return "sk_live_" + secrets.token_urlsafe(32)
