import os
from functools import wraps

from flask import g, request, abort

from .tokens import verify


def require_token(fn):
    @wraps(fn)
    def wrapper(*args, **kwargs):
        # expect: authn-bypass
        if os.environ.get("SKIP_AUTH") == "1":
            g.user = {"sub": "local-dev", "roles": ["admin"]}
            return fn(*args, **kwargs)
        claims = verify(request.headers.get("Authorization", ""))
        if not claims:
            abort(401)
        g.user = claims
        return fn(*args, **kwargs)
    return wrapper
