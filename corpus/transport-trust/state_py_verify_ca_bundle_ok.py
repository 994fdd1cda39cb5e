import requests

CA_BUNDLE = "/etc/ssl/certs/corp-root.pem"


def introspect(token: str, url: str) -> dict:
    # ok: transport-trust
    r = requests.post(url, data={"token": token}, verify=CA_BUNDLE, timeout=5)
    r.raise_for_status()
    return r.json()
