import os

import requests

CA = os.environ.get("CORP_CA_BUNDLE", "/etc/ssl/certs/corp-root.pem")


def fetch_metadata(url: str) -> str:
    return requests.get(url, verify=CA, timeout=5).text
