import ssl
import urllib.request


def download_jwks(url: str) -> bytes:
    ctx = ssl.create_default_context()
    with urllib.request.urlopen(url, context=ctx, timeout=10) as r:
        return r.read()
