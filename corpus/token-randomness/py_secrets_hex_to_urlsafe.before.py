import secrets


def new_api_key() -> str:
    return "ak_" + secrets.token_hex(16)
