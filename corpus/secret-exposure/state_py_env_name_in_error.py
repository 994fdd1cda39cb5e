import os

_CREDENTIAL_ENV = "EXPORTER_CREDENTIAL_PROVIDER"
INVALID_API_KEY_EXIT_CODE = 13


def load_provider():
    name = os.environ.get(_CREDENTIAL_ENV)
    if not name:
        # ok: secret-exposure
        raise RuntimeError(f"set {_CREDENTIAL_ENV} to the name of a credential provider")
    return name


def fail_auth(log):
    # ok: secret-exposure
    log.error("login failed; exiting with %d", INVALID_API_KEY_EXIT_CODE)
