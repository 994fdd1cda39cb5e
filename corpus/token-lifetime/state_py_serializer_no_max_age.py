from itsdangerous import URLSafeTimedSerializer

from .config import SECRET

_s = URLSafeTimedSerializer(SECRET, salt="email-verify")


def confirm_email_token(token: str) -> str:
    # expect: token-lifetime
    return _s.loads(token)
