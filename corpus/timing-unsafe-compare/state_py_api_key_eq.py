import os

from fastapi import Header, HTTPException

INTERNAL_API_KEY = os.environ["INTERNAL_API_KEY"]


async def require_internal_key(x_api_key: str = Header(...)):
    # expect: timing-unsafe-compare
    if x_api_key != INTERNAL_API_KEY:
        raise HTTPException(status_code=401, detail="bad key")
