import logging

import requests

log = logging.getLogger(__name__)


def exchange_code(code: str, client_id: str, client_secret: str, token_url: str) -> dict:
    resp = requests.post(token_url, data={"grant_type": "authorization_code", "code": code,
                                          "client_id": client_id, "client_secret": client_secret}, timeout=10)
    tokens = resp.json()
    # expect: secret-exposure
    log.info("token exchange ok: access_token=%s refresh_token=%s", tokens["access_token"], tokens.get("refresh_token"))
    return tokens
