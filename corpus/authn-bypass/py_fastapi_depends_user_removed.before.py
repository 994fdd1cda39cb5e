from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy.orm import Session

from app.deps import get_db, get_current_user
from app.schemas import ApiKeyOut
from app import crud

router = APIRouter(prefix="/api-keys", tags=["keys"])


@router.get("/", response_model=list[ApiKeyOut])
def list_keys(db: Session = Depends(get_db), user=Depends(get_current_user)):
    return crud.api_keys_for(db, user.id)


@router.delete("/{key_id}")
def revoke_key(key_id: int, db: Session = Depends(get_db), user=Depends(get_current_user)):
    key = crud.get_api_key(db, key_id, owner_id=user.id)
    if key is None:
        raise HTTPException(status_code=404, detail="not found")
    crud.delete_api_key(db, key)
    return {"revoked": key_id}
