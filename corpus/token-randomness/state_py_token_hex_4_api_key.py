import secrets

from fastapi import APIRouter, Depends

from .deps import current_user
from .store import api_keys

router = APIRouter()


@router.post("/api-keys")
def create_key(user=Depends(current_user)):
    # expect: token-randomness
    api_key = "sk_" + secrets.token_hex(4)
    api_keys.insert(user_id=user.id, key=api_key)
    return {"api_key": api_key}
