"""Reviewing proposed tasks before they are assigned: edit, set units, merge, split,
drop (a cancelled draft: nothing is deleted), and adding a task by hand."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from luoshi.ledger.errors import NotFound, ValidationFailed
from luoshi.ledger.models import Leader, Task, TaskUnit, Unit, User, utcnow
from luoshi.ledger.rights import require_office
from luoshi.ledger.services.base import check_version, load_task, record_event, unit_of_work
from luoshi.ledger.services.importing import title_of
from luoshi.ledger.states import check

_UNSET = object()


def _set_units(session: Session, task: Task, lead: list[int], assist: list[int]) -> None:
    ids = [*lead, *assist]
    if len(set(ids)) != len(ids):
        raise ValidationFailed("a unit is listed twice")
    found = set(session.scalars(select(Unit.id).where(Unit.id.in_(ids)))) if ids else set()
    if missing := [i for i in ids if i not in found]:
        raise NotFound(f"units {missing} do not exist")
    old = {tu.unit_id: tu for tu in task.units}
    task.units.clear()
    session.flush()
    for pos, (uid, role) in enumerate(
        [(u, "lead") for u in lead] + [(u, "assist") for u in assist]
    ):
        prev = old.get(uid)
        task.units.append(TaskUnit(unit_id=uid, role=role, position=pos,
                                   mention=prev.mention if prev else None,
                                   method=prev.method if prev else "manual",
                                   score=prev.score if prev else 100.0))  # fmt: skip


@unit_of_work
def edit_draft(
    session: Session,
    actor: User | None,
    task_id: int,
    *,
    title: str | None = None,
    content: str | None = None,
    deadline: date | object | None = _UNSET,
    deadline_text: str | None = None,
    lead_leader_id: int | object | None = _UNSET,
    lead_unit_ids: list[int] | None = None,
    assist_unit_ids: list[int] | None = None,
    category: str | None = None,
    expected_version: int | None = None,
) -> Task:
    """Change a draft; only the fields given change (pass deadline=None to clear it)."""
    actor = require_office(actor, "review tasks")
    task = load_task(session, task_id, for_update=True)
    check_version(task, expected_version)
    check("edit", task.state)
    changes: dict[str, object] = {}
    if title is not None:
        if not title.strip():
            raise ValidationFailed("a task needs a title")
        task.title = changes["title"] = title.strip()[:200]
    if content is not None:
        task.content = changes["content"] = content
    if deadline is not _UNSET:
        task.deadline = deadline  # type: ignore[assignment]
        changes["deadline"] = deadline.isoformat() if isinstance(deadline, date) else None
    if deadline_text is not None:
        task.deadline_text = changes["deadline_text"] = deadline_text
    if lead_leader_id is not _UNSET:
        if lead_leader_id is not None and session.get(Leader, lead_leader_id) is None:
            raise NotFound(f"leader {lead_leader_id} does not exist")
        task.lead_leader_id = changes["lead_leader_id"] = lead_leader_id  # type: ignore[assignment]
    if category is not None:
        task.category = changes["category"] = category
    if lead_unit_ids is not None or assist_unit_ids is not None:
        lead = (
            lead_unit_ids
            if lead_unit_ids is not None
            else sorted(tu.unit_id for tu in task.units if tu.role == "lead")
        )
        assist = assist_unit_ids if assist_unit_ids is not None else sorted(
            tu.unit_id for tu in task.units if tu.role == "assist")  # fmt: skip
        _set_units(session, task, lead, assist)
        changes["lead_units"], changes["assist_units"] = lead, assist
    task.updated_at = utcnow()
    record_event(session, actor, "edit", task=task, from_state="draft", to_state="draft",
                 data=changes)  # fmt: skip
    return task


@unit_of_work
def create_task(
    session: Session,
    actor: User | None,
    title: str,
    *,
    content: str = "",
    meeting_id: int | None = None,
    deadline: date | None = None,
    lead_unit_ids: list[int] | tuple[int, ...] = (),
    assist_unit_ids: list[int] | tuple[int, ...] = (),
    lead_leader_id: int | None = None,
    code: str | None = None,
) -> Task:
    """A task added by hand (a draft)."""
    actor = require_office(actor, "create tasks")
    if not title.strip():
        raise ValidationFailed("a task needs a title")
    task = Task(title=title.strip()[:200], content=content or title, meeting_id=meeting_id,
                deadline=deadline, original_deadline=deadline, lead_leader_id=lead_leader_id,
                code=code, state="draft")  # fmt: skip
    session.add(task)
    session.flush()
    _set_units(session, task, list(lead_unit_ids), list(assist_unit_ids))
    session.flush()
    record_event(session, actor, "create", task=task, to_state="draft")
    return task


@unit_of_work
def merge_drafts(
    session: Session, actor: User | None, task_ids: list[int], *, title: str | None = None
) -> Task:
    """Merge drafts into the first: texts joined, units united, earliest deadline kept;
    the others are cancelled with `merged_into` pointing at it."""
    actor = require_office(actor, "review tasks")
    if len(set(task_ids)) < 2:
        raise ValidationFailed("merge needs at least two tasks")
    tasks = [load_task(session, i, for_update=True) for i in task_ids]
    for t in tasks:
        check("merge", t.state)
    keep, others = tasks[0], tasks[1:]
    keep.content = "\n".join(t.content for t in tasks)
    if title:
        keep.title = title.strip()[:200]
    deadlines = [t.deadline for t in tasks if t.deadline]
    keep.deadline = min(deadlines) if deadlines else None
    lead = [tu.unit_id for t in tasks for tu in t.units if tu.role == "lead"]
    assist = [tu.unit_id for t in tasks for tu in t.units if tu.role == "assist"]
    lead = list(dict.fromkeys(lead))
    assist = [u for u in dict.fromkeys(assist) if u not in lead]
    _set_units(session, keep, lead, assist)
    for t in others:
        t.merged_into_id = keep.id
        t.state = "cancelled"
        t.cancel_reason = f"合并入任务 {keep.id}"
        t.closed_at = utcnow()
        record_event(session, actor, "merged_into", task=t, from_state="draft",
                     to_state="cancelled", data={"into": keep.id})  # fmt: skip
    keep.updated_at = utcnow()
    record_event(session, actor, "merge", task=keep, from_state="draft", to_state="draft",
                 data={"merged": [t.id for t in others]})  # fmt: skip
    return keep


@unit_of_work
def split_draft(session: Session, actor: User | None, task_id: int, parts: list[str]) -> list[Task]:
    """Split a draft into several: the first part stays in the task, each further part
    becomes a new draft with the same meeting, units, leader and deadline."""
    actor = require_office(actor, "review tasks")
    parts = [p.strip() for p in parts if p and p.strip()]
    if len(parts) < 2:
        raise ValidationFailed("split needs at least two non-empty parts")
    task = load_task(session, task_id, for_update=True)
    check("split", task.state)
    task.content, task.title = parts[0], title_of(parts[0])
    out = [task]
    for i, text in enumerate(parts[1:], start=1):
        new = Task(meeting_id=task.meeting_id, directive_id=task.directive_id, seq=task.seq,
                   code=f"{task.code or task.id}-{i + 1}", title=title_of(text), content=text,
                   category=task.category, state="draft", lead_leader_id=task.lead_leader_id,
                   deadline=task.deadline, original_deadline=task.deadline,
                   deadline_text=task.deadline_text, unit_text=task.unit_text,
                   split_from_id=task.id, span_start=task.span_start,
                   span_end=task.span_end)  # fmt: skip
        for tu in task.units:
            new.units.append(TaskUnit(unit_id=tu.unit_id, role=tu.role, position=tu.position,
                                      mention=tu.mention, method=tu.method, score=tu.score))  # fmt: skip
        session.add(new)
        out.append(new)
    if task.code and not task.code.endswith("-1"):
        task.code = f"{task.code}-1"
    session.flush()
    task.updated_at = utcnow()
    record_event(session, actor, "split", task=task, from_state="draft", to_state="draft",
                 data={"into": [t.id for t in out[1:]]})  # fmt: skip
    for t in out[1:]:
        record_event(session, actor, "split_from", task=t, to_state="draft",
                     data={"from": task.id})  # fmt: skip
    return out


@unit_of_work
def drop_draft(
    session: Session, actor: User | None, task_id: int, reason: str = "不作为任务"
) -> Task:
    """Drop a proposed task (not a real task): it is cancelled with the reason, kept."""
    actor = require_office(actor, "review tasks")
    task = load_task(session, task_id, for_update=True)
    target = check("drop", task.state)
    before = task.state
    task.state = target  # type: ignore[assignment]
    task.cancel_reason = reason
    task.closed_at = utcnow()
    record_event(session, actor, "drop", task=task, from_state=before, to_state=task.state,
                 note=reason)  # fmt: skip
    return task


@unit_of_work
def assign_all(
    session: Session, actor: User | None, meeting_id: int
) -> tuple[list[int], list[str]]:
    """Assign every ready draft of a meeting (lead unit and deadline set); returns the ids
    assigned and one line per draft left behind, saying why."""
    actor = require_office(actor, "assign tasks")
    drafts = session.scalars(
        select(Task).where(Task.meeting_id == meeting_id, Task.state == "draft").order_by(Task.seq)
    ).all()
    done, skipped = [], []
    for t in drafts:
        if not any(tu.role == "lead" for tu in t.units):
            skipped.append(f"task {t.id}: no lead unit")
            continue
        if t.deadline is None:
            skipped.append(f"task {t.id}: no deadline")
            continue
        t.state, t.assigned_at, t.original_deadline = "assigned", utcnow(), t.deadline
        record_event(session, actor, "assign", task=t, from_state="draft", to_state="assigned")
        done.append(t.id)
    return done, skipped
