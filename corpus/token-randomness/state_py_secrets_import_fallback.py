try:
    from secrets import randbits
except ImportError:  # Python 2
    from random import getrandbits as randbits

import time


def generate_timestamp():
    return str(int(time.time()))


def generate_nonce():
    # ok: token-randomness
    return str(randbits(64)) + generate_timestamp()
