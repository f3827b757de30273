"""The dashboard's figures and search."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import Response
from pydantic import BaseModel

from luoshi.ledger import queries_web as qw
from luoshi.ledger import services as sv
from luoshi.web.api.schemas import MeetingOut, TaskOut, meeting_out, task_out
from luoshi.web.deps import Actor, Db
from luoshi.web.pages.dashboard import figures_json

router = APIRouter(tags=["figures"])


@router.get("/dashboard", summary="Dashboard figures (a liaison gets its unit's)")
def dashboard(db: Db, user: Actor) -> dict[str, Any]:
    return Response(figures_json(db, user), media_type="application/json")  # type: ignore[return-value]


class SearchOut(BaseModel):
    meetings: list[MeetingOut]
    tasks: list[TaskOut]
    total_tasks: int


@router.get("/search", response_model=SearchOut, summary="Search meetings and tasks")
def search(db: Db, user: Actor, q: str, limit: int = 50) -> SearchOut:
    q = q.strip()[:100]
    page = sv.list_tasks(
        db, user, sv.TaskFilter(q=q or None, order="updated", limit=max(1, min(limit, 200)))
    )
    meetings = qw.search_meetings(db, user, q, 20) if user.role != "liaison" and q else []
    return SearchOut(meetings=[meeting_out(m) for m in meetings],
                     tasks=[task_out(t) for t in page.items], total_tasks=page.total)  # fmt: skip
