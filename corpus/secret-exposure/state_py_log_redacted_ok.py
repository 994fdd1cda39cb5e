import logging

log = logging.getLogger(__name__)


def log_login(user_id: str, token: str) -> None:
    # ok: secret-exposure
    log.info("login ok user=%s token_suffix=%s", user_id, token[-4:] if token else "-")
