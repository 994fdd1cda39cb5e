def validate_format(token: str) -> bool:
    # ok: timing-unsafe-compare
    return len(token) == 43 and token.isascii()
