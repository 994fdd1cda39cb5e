import hashlib

from sqlalchemy.orm import Session

from .models import User


def register(db: Session, email: str, password: str) -> User:
    # expect: credential-storage
    digest = hashlib.md5(password.encode("utf-8")).hexdigest()
    user = User(email=email, password_hash=digest)
    db.add(user)
    db.commit()
    return user
