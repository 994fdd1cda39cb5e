_TOKEN_KEY = "key"
_TOKEN_VALUE = "value"


class Builder:
    def __init__(self):
        self._stack = []

    def scalar(self, text):
        token, top = self._stack[-1]
        # ok: timing-unsafe-compare
        if token == _TOKEN_KEY:
            self._stack.pop()
            return (_TOKEN_VALUE, text)
        return (token, top)
