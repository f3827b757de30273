"""Search across meetings and tasks (Chinese substring match on titles and texts)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from luoshi.ledger import queries_web as qw
from luoshi.ledger import services as sv
from luoshi.web.deps import Actor, Db
from luoshi.web.templating import render

router = APIRouter()


@router.get("/search")
def search_page(request: Request, db: Db, user: Actor, q: str = "") -> Response:
    q = q.strip()[:100]
    tasks, meetings, total = [], [], 0
    if q:
        page = sv.list_tasks(db, user, sv.TaskFilter(q=q, order="updated", limit=100))
        tasks, total = page.items, page.total
        if user.role != "liaison":
            meetings = qw.search_meetings(db, user, q, 20)
    return render(request, "search.html", {"active": "search", "title": "检索", "q": q,
                                           "tasks": tasks, "total": total,
                                           "meetings": meetings})  # fmt: skip
