from itsdangerous import URLSafeTimedSerializer

from .config import settings

serializer = URLSafeTimedSerializer(settings.secret_key, salt="password-reset")
# expect: token-lifetime
RESET_MAX_AGE = 60 * 60 * 24 * 90


def load_reset_token(token: str) -> str:
    return serializer.loads(token, max_age=RESET_MAX_AGE)
