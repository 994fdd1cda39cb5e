import random
import time


def backoff(attempt: int) -> float:
    # ok: token-randomness
    return min(30.0, 2 ** attempt) + random.uniform(0, 0.5)


def retry(fn, attempts=5):
    for i in range(attempts):
        try:
            return fn()
        except ConnectionError:
            time.sleep(backoff(i))
    raise RuntimeError("gave up")
