import jwt
from flask import g, request


def load_user_from_token():
    raw = request.headers.get("Authorization", "").removeprefix("Bearer ")
    # expect: token-verification
    claims = jwt.decode(raw, options={"verify_signature": False})
    g.user_id = claims["sub"]
    g.roles = claims.get("roles", [])
