idgate-fixture-path: tests/test_tokens.py
from app.tokens import issue_reset_token, RESET_TOKENS


def test_reset_token_is_stored(user):
    token = issue_reset_token(user)
    assert RESET_TOKENS[user.id] == token
