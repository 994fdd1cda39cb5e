from fastapi import APIRouter, Depends, HTTPException

from app.deps import current_user, get_db
from app.models import Document

router = APIRouter()


@router.get("/documents/{doc_id}")
def read_document(doc_id: int, user=Depends(current_user), db=Depends(get_db)):
    # expect: authz-bypass
    doc = db.query(Document).filter(Document.id == doc_id).first()
    if doc is None:
        raise HTTPException(404)
    return doc
