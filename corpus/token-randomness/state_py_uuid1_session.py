import uuid

from .store import sessions


def new_session(user_id: int) -> str:
    # expect: token-randomness
    sid = uuid.uuid1().hex
    sessions.put(sid, {"user_id": user_id})
    return sid
