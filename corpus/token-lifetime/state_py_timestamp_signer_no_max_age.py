from itsdangerous import TimestampSigner, URLSafeSerializer

from .settings import SECRET_KEY

signer = TimestampSigner(SECRET_KEY)
plain = URLSafeSerializer(SECRET_KEY)


def unsubscribe_user(signed: str) -> str:
    # expect: token-issued-without-expiry
    return signer.unsign(signed).decode()


def magic_login(signed: str) -> str:
    # ok: token-issued-without-expiry
    return signer.unsign(signed, max_age=600).decode()


def preferences(blob: str) -> dict:
    # ok: token-issued-without-expiry
    return plain.loads(blob)
