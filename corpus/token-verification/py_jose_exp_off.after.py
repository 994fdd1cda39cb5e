from jose import jwt

from app.settings import SECRET_KEY, ALGORITHM


def current_subject(token: str) -> str:
    # expect: token-verification
    payload = jwt.decode(token, SECRET_KEY, algorithms=[ALGORITHM], options={"verify_exp": False})
    return payload["sub"]
