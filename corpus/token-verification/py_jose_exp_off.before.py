from jose import jwt

from app.settings import SECRET_KEY, ALGORITHM


def current_subject(token: str) -> str:
    payload = jwt.decode(token, SECRET_KEY, algorithms=[ALGORITHM])
    return payload["sub"]
