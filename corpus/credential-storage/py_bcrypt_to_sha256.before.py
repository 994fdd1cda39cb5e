import bcrypt

from .models import User


def set_password(user: User, raw: str) -> None:
    user.password_hash = bcrypt.hashpw(raw.encode(), bcrypt.gensalt(rounds=12)).decode()
    user.save()
