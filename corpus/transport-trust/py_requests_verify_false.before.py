import requests

from .settings import IDP_BASE_URL


def fetch_userinfo(access_token: str) -> dict:
    resp = requests.get(
        f"{IDP_BASE_URL}/userinfo",
        headers={"Authorization": f"Bearer {access_token}"},
        timeout=5,
    )
    resp.raise_for_status()
    return resp.json()
