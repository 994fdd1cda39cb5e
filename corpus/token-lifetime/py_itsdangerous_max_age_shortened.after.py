from itsdangerous import URLSafeTimedSerializer

signer = URLSafeTimedSerializer("k", salt="invite")


def accept_invite(token: str) -> str:
    # ok: token-lifetime-extended
    return signer.loads(token, max_age=2 * 24 * 3600)
