import hmac
import os

from fastapi import Header, HTTPException

METRICS_TOKEN = os.environ["METRICS_TOKEN"]


async def require_metrics_token(authorization: str = Header("")):
    presented = authorization.removeprefix("Bearer ")
    # ok: timing-unsafe-compare
    if not hmac.compare_digest(presented.encode(), METRICS_TOKEN.encode()):
        raise HTTPException(status_code=401)
