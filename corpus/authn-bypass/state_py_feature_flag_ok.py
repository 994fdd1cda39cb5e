import os
from functools import wraps

from flask import request, abort

from .tokens import verify


def require_token(fn):
    @wraps(fn)
    def wrapper(*args, **kwargs):
        claims = verify(request.headers.get("Authorization", ""))
        if not claims:
            abort(401)
        # ok: authn-bypass
        if os.environ.get("ENABLE_AUDIT_LOG") == "1":
            request.environ["audit.sub"] = claims["sub"]
        return fn(*args, **kwargs)
    return wrapper
