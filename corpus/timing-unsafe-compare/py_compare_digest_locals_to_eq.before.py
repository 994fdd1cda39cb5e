import hmac


def webhook_ok(presented: str, expected: str) -> bool:
    a = presented.encode()
    b = expected.encode()
    return hmac.compare_digest(a, b)
