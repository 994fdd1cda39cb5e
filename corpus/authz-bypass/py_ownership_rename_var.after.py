from fastapi import APIRouter, Depends, HTTPException

from app.deps import current_user, get_db
from app.models import Document

router = APIRouter()


@router.get("/documents/{doc_id}/versions")
def list_versions(doc_id: int, caller=Depends(current_user), db=Depends(get_db)):
    doc = (
        db.query(Document)
        .filter(Document.id == doc_id, Document.owner_id == caller.id)
        .first()
    )
    if doc is None:
        raise HTTPException(404)
    return doc.versions
