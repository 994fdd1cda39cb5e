import hashlib

from .models import User


def set_password(user: User, raw: str) -> None:
    # expect: credential-storage
    user.password_hash = hashlib.sha256(raw.encode()).hexdigest()
    user.save()
