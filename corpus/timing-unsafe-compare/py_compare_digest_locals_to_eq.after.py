import hmac


def webhook_ok(presented: str, expected: str) -> bool:
    # expect: secret-compared-in-variable-time
    return presented == expected
