import ssl
import urllib.request


def download_jwks(url: str) -> bytes:
    ctx = ssl.create_default_context()
    # expect: transport-trust
    ctx.check_hostname = False
    # expect: transport-trust
    ctx.verify_mode = ssl.CERT_NONE
    with urllib.request.urlopen(url, context=ctx, timeout=10) as r:
        return r.read()
