class Tokenizer:
    """Splits a filter expression into tokens."""

    def __init__(self, text):
        self.text = text
        self.token = None

    def try_consume(self, token):
        # ok: timing-unsafe-compare
        if self.token == token:
            self.next()
            return True
        return False


def parse_bearer(header, expected_token):
    token = header.removeprefix("Bearer ")
    # expect: timing-unsafe-compare
    return token == expected_token
