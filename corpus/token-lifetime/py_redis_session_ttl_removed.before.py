import secrets

import redis

r = redis.Redis()


def open_session(user_id: int) -> str:
    sid = secrets.token_urlsafe(32)
    r.set(f"session:{sid}", user_id, ex=3600)
    r.set(f"report:{user_id}", "pending", ex=60)
    return sid
