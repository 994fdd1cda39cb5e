from fastapi import APIRouter, Depends

from app.deps import get_current_user
from app.services import notes

router = APIRouter(prefix="/notes", dependencies=[Depends(get_current_user)])


@router.get("/")
def list_notes():
    return notes.recent(limit=20)


@router.get("/{note_id}")
def get_note(note_id: int, user=Depends(get_current_user)):
    return notes.get_for(user.id, note_id)
