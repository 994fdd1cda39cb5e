from itsdangerous import URLSafeTimedSerializer

from .config import settings

serializer = URLSafeTimedSerializer(settings.secret_key, salt="password-reset")
RESET_MAX_AGE = 60 * 30


def load_reset_token(token: str) -> str:
    return serializer.loads(token, max_age=RESET_MAX_AGE)
