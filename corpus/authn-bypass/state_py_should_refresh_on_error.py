from .tokens import read_claims, verify_token


def should_refresh_id_token(credentials, now):
    """Whether the cached ID token must be replaced before use."""
    try:
        payload = verify_token(credentials.id_token)
    except ValueError:
        # A malformed cached token is replaced, never used.
        # ok: authn-bypass
        return True
    return payload["exp"] - now < 300
