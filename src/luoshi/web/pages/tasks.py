"""The task ledger (filters, sort, pages, export) and the task page with its actions."""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import replace
from datetime import date
from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from luoshi.ledger import queries_web as qw
from luoshi.ledger import services as sv
from luoshi.ledger.errors import ValidationFailed
from luoshi.ledger.services.queries import view
from luoshi.ledger.settings import Settings as LedgerSettings
from luoshi.ledger.settings import today
from luoshi.web.actions import ACTION_LABELS, EVENT_LABELS, allowed_actions
from luoshi.web.deps import Actor, Db
from luoshi.web.filters import category_choices, task_query
from luoshi.web.templating import STATE_LABELS, flash, render

router = APIRouter()


def directory_choices(db: Db, user: Actor) -> dict[str, object]:
    return {"units": sv.list_units(db, user), "leaders": sv.list_leaders(db, user)}


_counts: OrderedDict[tuple[object, ...], int] = OrderedDict()
_counts_lock = threading.Lock()


def cached_count(db: Db, user: Actor, flt: sv.TaskFilter) -> int:
    """How many tasks a filter matches, counted once per (reader scope, filter, day,
    newest event): any change to the ledger appends an event and so recounts."""
    scope = (user.role == "liaison", user.unit_id if user.role == "liaison" else None)
    key = (*scope, repr(replace(flt, limit=0, offset=0, order="")), today(),
           qw.last_event_id(db))  # fmt: skip
    with _counts_lock:
        if key in _counts:
            _counts.move_to_end(key)
            return _counts[key]
    n = qw.count_tasks(db, user, flt)
    with _counts_lock:
        _counts[key] = n
        while len(_counts) > 256:
            _counts.popitem(last=False)
    return n


@router.get("/tasks")
def ledger_page(request: Request, db: Db, user: Actor) -> Response:
    q = task_query(request.query_params, request.app.state.settings.page_size)
    page = qw.task_page(db, user, q.flt)
    if page.has_more or (q.flt.offset and not page.items):
        total = cached_count(db, user, q.flt)
    else:
        total = q.flt.offset + len(page.items)
    pages = max(1, -(-total // q.flt.limit))
    return render(request, "tasks.html", {
        "active": "tasks", "title": "任务台账", "page": page, "total": total, "q": q,
        "pages": pages, "states": STATE_LABELS, "categories": category_choices(),
        **directory_choices(db, user),
    })  # fmt: skip


def _date_or_none(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ValidationFailed(f"日期格式应为 YYYY-MM-DD：{value}") from exc


@router.get("/tasks/{task_id}")
def task_page(request: Request, db: Db, user: Actor, task_id: int) -> Response:
    task = sv.get_task(db, user, task_id)
    tv = view(task, today(), LedgerSettings.from_env().yellow_days)  # the task just loaded
    history = sv.task_history(db, user, task_id)
    source = None
    if task.meeting and task.meeting.record and task.span_start is not None:
        text = task.meeting.record.get("text") or ""
        source = text[task.span_start : task.span_end] or None
    return render(request, "task.html", {
        "active": "tasks", "title": tv.title, "task": task, "tv": tv, "h": history,
        "source": source, "actions": allowed_actions(user, task),
        "labels": ACTION_LABELS, "event_labels": EVENT_LABELS, "today": today(),
        **directory_choices(db, user),
    })  # fmt: skip


@router.post("/tasks/{task_id}/act/{action}")
async def task_action(
    request: Request,
    db: Db,
    user: Actor,
    task_id: int,
    action: str,
    text: Annotated[str, Form()] = "",
    percent: Annotated[str, Form()] = "",
    day: Annotated[str, Form()] = "",
    version: Annotated[str, Form()] = "",
    problem_id: Annotated[str, Form()] = "",
    milestone_id: Annotated[str, Form()] = "",
    files: Annotated[list[UploadFile] | None, File()] = None,
) -> Response:
    """Every action of the task page; the ledger service checks rights and state."""
    v = int(version) if version.isdigit() else None
    note = text.strip() or None
    if action == "assign":
        sv.assign(db, user, task_id, note=note, expected_version=v)
    elif action == "accept":
        sv.accept(db, user, task_id, note=note, expected_version=v)
    elif action == "report":
        attachments = [
            sv.AttachmentIn(f.filename or "附件", await f.read(), f.content_type or "application/octet-stream")
            for f in files or [] if f.filename
        ]  # fmt: skip
        pct = int(percent) if percent.strip().isdigit() else None
        sv.report_progress(
            db, user, task_id, text, pct, attachments=attachments, expected_version=v
        )
    elif action == "submit_done":
        sv.submit_done(db, user, task_id, text, expected_version=v)
    elif action == "request_extension":
        new = _date_or_none(day)
        if new is None:
            raise ValidationFailed("请填写申请延至的日期")
        sv.request_extension(db, user, task_id, new, text, expected_version=v)
    elif action in ("approve_extension", "refuse_extension"):
        sv.decide_extension(
            db, user, task_id, action == "approve_extension", note, expected_version=v
        )
    elif action == "raise_problem":
        sv.raise_problem(db, user, task_id, text)
    elif action == "resolve_problem":
        sv.resolve_problem(db, user, int(problem_id or 0), text)
    elif action == "urge":
        sv.urge(db, user, task_id, note)
    elif action in ("verify", "reject"):
        sv.verify(db, user, task_id, action == "verify", note, expected_version=v)
    elif action == "cancel":
        sv.cancel(db, user, task_id, text, expected_version=v)
    elif action == "set_deadline":
        new = _date_or_none(day)
        if new is None:
            raise ValidationFailed("请填写新的完成时限")
        sv.set_deadline(db, user, task_id, new, note, expected_version=v)
    elif action in ("comment", "instruct"):
        sv.comment(db, user, task_id, text, instruction=action == "instruct")
    elif action == "add_milestone":
        if not text.strip():
            raise ValidationFailed("请填写节点名称")
        sv.add_milestone(db, user, task_id, text, _date_or_none(day))
    elif action == "complete_milestone":
        sv.complete_milestone(db, user, int(milestone_id or 0), _date_or_none(day), note)
    else:
        return render(request, "error.html", {"status": 404, "heading": "未知操作",
                                              "message": action}, status_code=404)  # fmt: skip
    flash(request, f"已{ACTION_LABELS.get(action, '完成操作')}")
    return RedirectResponse(f"/tasks/{task_id}", status_code=303)
