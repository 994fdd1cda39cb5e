import random
import sys

_FMT = "%%0%dd" % len(repr(sys.maxsize - 1))


def make_boundary(text=None):
    # A MIME boundary must only not occur in the body; it guards nothing.
    # ok: token-randomness
    token = random.randrange(sys.maxsize)
    boundary = ("=" * 15) + (_FMT % token) + "=="
    if text is None or boundary not in text:
        return boundary
    return make_boundary(text + boundary)
