"""Meetings: import (upload or paste), the meeting list, a meeting's record, and the review
page where the office turns proposed drafts into assigned tasks."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from luoshi.ledger import queries_web as qw
from luoshi.ledger import services as sv
from luoshi.ledger.errors import DuplicateImport, ValidationFailed
from luoshi.ledger.models import Task
from luoshi.ledger.rights import require_office
from luoshi.web.deps import Actor, Db
from luoshi.web.importer import UploadRejected, record_from_upload
from luoshi.web.templating import flash, render

router = APIRouter()


@router.get("/import")
def import_page(request: Request, user: Actor) -> Response:
    require_office(user, "import meetings")
    return render(request, "import.html", {"active": "import", "title": "导入会议"})


@router.post("/import")
async def import_submit(
    request: Request,
    db: Db,
    user: Actor,
    file: Annotated[UploadFile | None, File()] = None,
    text: Annotated[str, Form()] = "",
) -> Response:
    require_office(user, "import meetings")
    limit = request.app.state.settings.upload_max_bytes
    try:
        record = await record_from_upload(file, text, limit)
        result = sv.import_record(db, user, record)
    except UploadRejected as exc:
        return render(request, "import.html", {"active": "import", "title": "导入会议",
                                               "error": str(exc), "text": text},
                      status_code=exc.status)  # fmt: skip
    except DuplicateImport as exc:
        return render(request, "import.html", {"active": "import", "title": "导入会议",
                      "error": "该文件此前已导入，未重复导入。", "existing": exc.meeting_id},
                      status_code=409)  # fmt: skip
    flash(
        request,
        f"已导入《{result.meeting.title}》，拟办任务 {len(result.tasks)} 项，请逐项审核后交办",
    )
    if result.unmatched:
        flash(
            request,
            "以下单位未能在单位名录中找到，请人工指定："
            + "、".join(dict.fromkeys(result.unmatched)),
            "info",
        )
    return RedirectResponse(f"/meetings/{result.meeting.id}/review", status_code=303)


@router.get("/meetings")
def meetings_page(request: Request, db: Db, user: Actor) -> Response:
    q = (request.query_params.get("q") or "").strip()
    meetings = qw.search_meetings(db, user, q, 200) if q else sv.list_meetings(db, user, limit=200)
    counts = qw.meeting_task_counts(db, user)
    return render(request, "meetings.html", {"active": "meetings", "title": "会议",
                                             "meetings": meetings, "counts": counts, "q": q})  # fmt: skip


@router.get("/meetings/{meeting_id}")
def meeting_page(request: Request, db: Db, user: Actor, meeting_id: int) -> Response:
    qw.require_meeting_reader(user)
    meeting = sv.get_meeting(db, user, meeting_id)
    page = sv.list_tasks(db, user, sv.TaskFilter(meeting_id=meeting_id, order="id", limit=500))
    rec = meeting.record or {}
    return render(request, "meeting.html", {"active": "meetings", "title": meeting.title,
                                            "m": meeting, "rec": rec, "tasks": page.items})  # fmt: skip


def segments(text: str, tasks: list[Task]) -> list[tuple[str, int | None, int]]:
    """The clean text cut into (piece, task id or None, number) so that each task's span
    is one highlighted piece; overlapping spans keep the first."""
    spans = sorted(
        ((t.span_start, t.span_end, t.id) for t in tasks
         if t.span_start is not None and t.span_end and t.state != "cancelled"
         and 0 <= t.span_start < t.span_end <= len(text)),
    )  # fmt: skip
    out: list[tuple[str, int | None, int]] = []
    pos, n = 0, 0
    for start, end, tid in spans:
        if start < pos:
            continue
        if start > pos:
            out.append((text[pos:start], None, 0))
        n += 1
        out.append((text[start:end], tid, n))
        pos = end
    out.append((text[pos:], None, 0))
    return out


@router.get("/meetings/{meeting_id}/review")
def review_page(request: Request, db: Db, user: Actor, meeting_id: int) -> Response:
    meeting = sv.get_meeting(db, user, meeting_id)
    tasks = qw.meeting_tasks(db, user, meeting_id)
    text = (meeting.record or {}).get("text") or ""
    segs = segments(text, tasks)
    numbers = {tid: n for _, tid, n in segs if tid}
    ready = [t for t in tasks if t.state == "draft" and t.deadline
             and any(tu.role == "lead" for tu in t.units)]  # fmt: skip
    return render(request, "review.html", {
        "active": "meetings", "title": f"审核：{meeting.title}", "m": meeting, "tasks": tasks,
        "segments": segs, "numbers": numbers, "ready": ready,
        "drafts": [t for t in tasks if t.state == "draft"],
        "units": sv.list_units(db, user), "leaders": sv.list_leaders(db, user),
    })  # fmt: skip


def _ids(values: list[str]) -> list[int]:
    return [int(v) for v in values if v.strip().isdigit()]


@router.post("/meetings/{meeting_id}/review/{task_id}/edit")
async def review_edit(
    request: Request, db: Db, user: Actor, meeting_id: int, task_id: int
) -> Response:
    form = await request.form()
    deadline: Any = None
    if form.get("deadline"):
        try:
            deadline = date.fromisoformat(str(form["deadline"]))
        except ValueError as exc:
            raise ValidationFailed("完成时限格式应为 YYYY-MM-DD") from exc
    leader = str(form.get("lead_leader_id") or "")
    sv.edit_draft(
        db, user, task_id,
        title=str(form.get("title") or ""), content=str(form.get("content") or ""),
        deadline=deadline, lead_leader_id=int(leader) if leader.isdigit() else None,
        lead_unit_ids=_ids([str(v) for v in form.getlist("lead_units")]),
        assist_unit_ids=[u for u in _ids([str(v) for v in form.getlist("assist_units")])
                         if u not in _ids([str(v) for v in form.getlist("lead_units")])],
        expected_version=int(str(form["version"])) if str(form.get("version", "")).isdigit() else None,
    )  # fmt: skip
    flash(request, f"已保存拟办任务 {task_id}")
    return RedirectResponse(f"/meetings/{meeting_id}/review#p-{task_id}", status_code=303)


@router.post("/meetings/{meeting_id}/review/{task_id}/drop")
def review_drop(request: Request, db: Db, user: Actor, meeting_id: int, task_id: int,
                reason: Annotated[str, Form()] = "不作为任务") -> Response:  # fmt: skip
    sv.drop_draft(db, user, task_id, reason or "不作为任务")
    flash(request, f"拟办任务 {task_id} 已不列为任务")
    return RedirectResponse(f"/meetings/{meeting_id}/review", status_code=303)


@router.post("/meetings/{meeting_id}/review/{task_id}/split")
def review_split(request: Request, db: Db, user: Actor, meeting_id: int, task_id: int,
                 parts: Annotated[str, Form()]) -> Response:  # fmt: skip
    pieces = [p for p in parts.replace("\r", "").split("\n") if p.strip()]
    out = sv.split_draft(db, user, task_id, pieces)
    flash(request, f"已拆分为 {len(out)} 项")
    return RedirectResponse(f"/meetings/{meeting_id}/review#p-{task_id}", status_code=303)


@router.post("/meetings/{meeting_id}/review/merge")
async def review_merge(request: Request, db: Db, user: Actor, meeting_id: int) -> Response:
    form = await request.form()
    ids = _ids([str(v) for v in form.getlist("ids")])
    keep = sv.merge_drafts(db, user, ids)
    flash(request, f"已合并 {len(ids)} 项为任务 {keep.id}")
    return RedirectResponse(f"/meetings/{meeting_id}/review#p-{keep.id}", status_code=303)


@router.post("/meetings/{meeting_id}/review/assign")
def review_assign(request: Request, db: Db, user: Actor, meeting_id: int) -> Response:
    sv.get_meeting(db, user, meeting_id)
    done, skipped = sv.assign_all(db, user, meeting_id)
    flash(request, f"已交办 {len(done)} 项任务")
    if skipped:
        flash(request, f"{len(skipped)} 项拟办未交办（缺责任单位或完成时限）", "info")
    return RedirectResponse(f"/meetings/{meeting_id}/review", status_code=303)
