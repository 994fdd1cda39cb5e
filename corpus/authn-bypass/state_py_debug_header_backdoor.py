from fastapi import Depends, Header, HTTPException

from app.auth import decode_session
from app.models import User


async def current_user(authorization: str = Header(""), x_debug_user: str | None = Header(None)) -> User:
    # expect: authn-bypass
    if x_debug_user:
        return await User.get(email=x_debug_user)
    claims = decode_session(authorization.removeprefix("Bearer "))
    if claims is None:
        raise HTTPException(401)
    return await User.get(id=claims["sub"])
