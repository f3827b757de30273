"""Tasks: filtered lists, one task with its history, every lifecycle action, review."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from luoshi.ledger import queries_web as qw
from luoshi.ledger import services as sv
from luoshi.ledger.errors import ValidationFailed
from luoshi.web.api.schemas import TaskDetailOut, TaskOut, TaskPageOut, task_out
from luoshi.web.deps import Actor, Db
from luoshi.web.filters import task_query

router = APIRouter(tags=["tasks"])


def json_response(body: BaseModel | bytes) -> Response:
    """A model already built (and so validated) sent as it is: FastAPI would otherwise
    validate it again against the route's response_model (which stays for the docs)."""
    data = body if isinstance(body, bytes) else body.model_dump_json().encode()
    return Response(data, media_type="application/json")


FILTER_DOC = (
    "Filters (query string, all optional): state (repeatable), unit, leader, meeting, "
    "light (green|yellow|red), overdue (1|0), due_before, due_after (YYYY-MM-DD), category, "
    "q (text), order (deadline|id|updated), limit (1–1000, default 50), page (from 1). "
    "The answer says `has_more` when another page follows; `count=true` adds `total` "
    "(not counted by default: on a large ledger the count costs more than the page)."
)


@router.get("/tasks", response_model=TaskPageOut, summary="List tasks", description=FILTER_DOC)
def list_tasks(request: Request, db: Db, user: Actor) -> TaskPageOut:
    q = task_query(request.query_params)
    want_count = (request.query_params.get("count") or "").lower() in ("1", "true", "yes")
    page = qw.task_page(db, user, q.flt, count=want_count)
    out = TaskPageOut(items=[task_out(t) for t in page.items], page=q.page, limit=page.limit,
                      offset=page.offset, has_more=page.has_more, total=page.total)  # fmt: skip
    return json_response(out)  # type: ignore[return-value]  # validated once, not twice


@router.get("/inbox", response_model=TaskPageOut, summary="A unit's live tasks, a page")
def inbox(
    db: Db, user: Actor, unit: int | None = None, limit: int = 50, page: int = 1
) -> TaskPageOut:
    """A unit's live tasks (a liaison: its own), soonest deadline first, a page at a time
    (`limit` 1–1000, default 50; `has_more` says another page follows)."""
    page = max(1, page)
    got = qw.inbox_tasks(db, user, unit, limit=limit, offset=(page - 1) * limit)
    out = TaskPageOut(items=[task_out(t) for t in got.items], page=page, limit=got.limit,
                      offset=got.offset, has_more=got.has_more)  # fmt: skip
    return json_response(out)  # type: ignore[return-value]


@router.get("/tasks/{task_id}", response_model=TaskDetailOut, summary="One task and its history")
def get_task(db: Db, user: Actor, task_id: int, history_limit: int = 50) -> TaskDetailOut:
    """The task, its units, the source sentence and its history: of each history list the
    newest `history_limit` entries (1–1000, default 50), oldest first, and in `has_more`
    whether older ones exist (milestones: the first ones in roadmap order)."""
    d = qw.task_detail(db, user, task_id, limit=history_limit)
    out = TaskDetailOut.model_validate({
        "task": task_out(d.task), "source": d.source, "units": d.units,
        "milestones": d.milestones, "reports": d.reports, "problems": d.problems,
        "extensions": d.extensions, "comments": d.comments, "events": d.events,
        "has_more": d.has_more, "history_limit": d.limit,
    })  # fmt: skip
    return json_response(out)  # type: ignore[return-value]


class ActionIn(BaseModel):
    """Body of a task action; which fields matter depends on the action."""

    text: str | None = Field(None, description="note, report text, reason, comment …")
    percent: int | None = Field(None, ge=0, le=100, description="report: percent done")
    day: date | None = Field(None, description="extension / deadline / milestone date")
    version: int | None = Field(None, description="the task version the change was made on")
    problem_id: int | None = None
    milestone_id: int | None = None


def _need_day(body: ActionIn, what: str) -> date:
    if body.day is None:
        raise ValidationFailed(f"{what}: day is required")
    return body.day


ACTIONS = {
    "assign": lambda db, u, t, b: sv.assign(db, u, t, note=b.text, expected_version=b.version),
    "accept": lambda db, u, t, b: sv.accept(db, u, t, note=b.text, expected_version=b.version),
    "report": lambda db, u, t, b: sv.report_progress(db, u, t, b.text or "", b.percent,
                                                     expected_version=b.version),
    "submit_done": lambda db, u, t, b: sv.submit_done(db, u, t, b.text or "",
                                                      expected_version=b.version),
    "request_extension": lambda db, u, t, b: sv.request_extension(
        db, u, t, _need_day(b, "extension"), b.text or "", expected_version=b.version),
    "approve_extension": lambda db, u, t, b: sv.decide_extension(db, u, t, True, b.text,
                                                                 expected_version=b.version),
    "refuse_extension": lambda db, u, t, b: sv.decide_extension(db, u, t, False, b.text,
                                                                expected_version=b.version),
    "raise_problem": lambda db, u, t, b: sv.raise_problem(db, u, t, b.text or ""),
    "resolve_problem": lambda db, u, t, b: sv.resolve_problem(db, u, b.problem_id or 0, b.text or ""),
    "urge": lambda db, u, t, b: sv.urge(db, u, t, b.text),
    "verify": lambda db, u, t, b: sv.verify(db, u, t, True, b.text, expected_version=b.version),
    "reject": lambda db, u, t, b: sv.verify(db, u, t, False, b.text, expected_version=b.version),
    "cancel": lambda db, u, t, b: sv.cancel(db, u, t, b.text or "", expected_version=b.version),
    "set_deadline": lambda db, u, t, b: sv.set_deadline(db, u, t, _need_day(b, "deadline"), b.text,
                                                        expected_version=b.version),
    "comment": lambda db, u, t, b: sv.comment(db, u, t, b.text or ""),
    "instruct": lambda db, u, t, b: sv.comment(db, u, t, b.text or "", instruction=True),
    "add_milestone": lambda db, u, t, b: sv.add_milestone(db, u, t, b.text or "", b.day),
    "complete_milestone": lambda db, u, t, b: sv.complete_milestone(db, u, b.milestone_id or 0,
                                                                    b.day, b.text),
}  # fmt: skip


def _action_route(action: str):  # type: ignore[no-untyped-def]
    def run(db: Db, user: Actor, task_id: int, body: ActionIn) -> TaskOut:
        ACTIONS[action](db, user, task_id, body)
        return task_out(sv.get_task_view(db, user, task_id))

    run.__name__ = f"task_{action}"
    return run


for _name in ACTIONS:
    router.add_api_route(f"/tasks/{{task_id}}/{_name}", _action_route(_name), methods=["POST"],
                         response_model=TaskOut, summary=f"Task action: {_name}")  # fmt: skip


class DraftEditIn(BaseModel):
    title: str | None = None
    content: str | None = None
    deadline: date | None = None
    clear_deadline: bool = False
    lead_leader_id: int | None = None
    lead_unit_ids: list[int] | None = None
    assist_unit_ids: list[int] | None = None
    category: str | None = None
    version: int | None = None


@router.post("/tasks/{task_id}/edit", response_model=TaskOut, summary="Review: edit a draft")
def edit_draft(db: Db, user: Actor, task_id: int, body: DraftEditIn) -> TaskOut:
    kw: dict[str, object] = {}
    if body.deadline is not None or body.clear_deadline:
        kw["deadline"] = body.deadline
    if body.lead_leader_id is not None:
        kw["lead_leader_id"] = body.lead_leader_id
    sv.edit_draft(db, user, task_id, title=body.title, content=body.content,
                  lead_unit_ids=body.lead_unit_ids, assist_unit_ids=body.assist_unit_ids,
                  category=body.category, expected_version=body.version, **kw)  # type: ignore[arg-type]  # fmt: skip
    return task_out(sv.get_task_view(db, user, task_id))


class DropIn(BaseModel):
    reason: str = "不作为任务"


@router.post("/tasks/{task_id}/drop", response_model=TaskOut, summary="Review: drop a draft")
def drop_draft(db: Db, user: Actor, task_id: int, body: DropIn) -> TaskOut:
    sv.drop_draft(db, user, task_id, body.reason)
    return task_out(sv.get_task_view(db, user, task_id))


class SplitIn(BaseModel):
    parts: list[str]


@router.post("/tasks/{task_id}/split", response_model=list[int], summary="Review: split a draft")
def split_draft(db: Db, user: Actor, task_id: int, body: SplitIn) -> list[int]:
    return [t.id for t in sv.split_draft(db, user, task_id, body.parts)]


class MergeIn(BaseModel):
    task_ids: list[int]
    title: str | None = None


@router.post("/tasks/merge", response_model=TaskOut, summary="Review: merge drafts")
def merge_drafts(db: Db, user: Actor, body: MergeIn) -> TaskOut:
    keep = sv.merge_drafts(db, user, body.task_ids, title=body.title)
    return task_out(sv.get_task_view(db, user, keep.id))
