import random
import time


def backoff(attempt: int) -> float:
    return min(30.0, 2 ** attempt)


def retry(fn, attempts=5):
    for i in range(attempts):
        try:
            return fn()
        except ConnectionError:
            time.sleep(backoff(i))
    raise RuntimeError("gave up")
