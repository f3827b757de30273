"""Meetings: import a document, list, one meeting with its record, assign its drafts."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from pydantic import BaseModel

from luoshi.ledger import queries_web as qw
from luoshi.ledger import services as sv
from luoshi.ledger.rights import require_office
from luoshi.web.api.schemas import ImportOut, MeetingOut, TaskOut, meeting_out, task_out
from luoshi.web.deps import Actor, Db
from luoshi.web.importer import UploadRejected, record_from_upload

router = APIRouter(prefix="/meetings", tags=["meetings"])


@router.get("", response_model=list[MeetingOut], summary="Meetings, newest first")
def list_meetings(db: Db, user: Actor, q: str = "", limit: int = 100) -> list[MeetingOut]:
    qw.require_meeting_reader(user)
    limit = max(1, min(limit, 500))
    rows = qw.search_meetings(db, user, q, limit) if q else sv.list_meetings(db, user, limit=limit)
    return [meeting_out(m) for m in rows]


@router.post("/import", response_model=ImportOut, status_code=201,
             summary="Import a document (txt, html, docx, pdf) or pasted text")  # fmt: skip
async def import_meeting(
    request: Request, db: Db, user: Actor,
    file: Annotated[UploadFile | None, File()] = None, text: Annotated[str, Form()] = "",
) -> ImportOut:  # fmt: skip
    require_office(user, "import meetings")
    try:
        record = await record_from_upload(file, text, request.app.state.settings.upload_max_bytes)
    except UploadRejected as exc:
        raise HTTPException(exc.status, str(exc)) from exc
    result = sv.import_record(db, user, record)
    return ImportOut(meeting=meeting_out(result.meeting), task_ids=[t.id for t in result.tasks],
                     unmatched=result.unmatched)  # fmt: skip


class MeetingDetailOut(BaseModel):
    meeting: MeetingOut
    record: dict[str, Any] | None
    tasks: list[TaskOut]


@router.get(
    "/{meeting_id}", response_model=MeetingDetailOut, summary="A meeting, its record and tasks"
)
def get_meeting(db: Db, user: Actor, meeting_id: int) -> MeetingDetailOut:
    qw.require_meeting_reader(user)
    m = sv.get_meeting(db, user, meeting_id)
    page = sv.list_tasks(db, user, sv.TaskFilter(meeting_id=meeting_id, order="id", limit=1000))
    return MeetingDetailOut(meeting=meeting_out(m), record=m.record,
                            tasks=[task_out(t) for t in page.items])  # fmt: skip


class AssignAllOut(BaseModel):
    assigned: list[int]
    skipped: list[str]


@router.post("/{meeting_id}/assign", response_model=AssignAllOut,
             summary="交办 every ready draft of the meeting")  # fmt: skip
def assign_all(db: Db, user: Actor, meeting_id: int) -> AssignAllOut:
    sv.get_meeting(db, user, meeting_id)
    done, skipped = sv.assign_all(db, user, meeting_id)
    return AssignAllOut(assigned=done, skipped=skipped)
