from itsdangerous import URLSafeTimedSerializer

signer = URLSafeTimedSerializer("k", salt="invite")


def accept_invite(token: str) -> str:
    return signer.loads(token, max_age=7 * 24 * 3600)
