import secrets

import redis

r = redis.Redis()


def open_session(user_id: int) -> str:
    sid = secrets.token_urlsafe(32)
    # expect: token-lifetime-extended
    r.set(f"session:{sid}", user_id)
    # ok: token-lifetime-extended
    r.set(f"report:{user_id}", "pending")
    return sid
