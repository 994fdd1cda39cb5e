import random
import string

from flask import redirect, session, url_for

from .oauth import github

_rng = random.Random()
_ALPHABET = string.ascii_letters + string.digits


def login_with_github():
    # expect: token-randomness
    state = "".join(_rng.choice(_ALPHABET) for _ in range(32))
    session["oauth_state"] = state
    return github.authorize_redirect(url_for("auth.callback", _external=True), state=state)
