from argon2 import PasswordHasher

_ph = PasswordHasher(time_cost=3, memory_cost=64 * 1024, parallelism=2)


def hash_password(raw: str) -> str:
    # ok: credential-storage
    return _ph.hash(raw)


def verify_password(stored: str, raw: str) -> bool:
    return _ph.verify(stored, raw)
