"""The life of an assigned task: assign, accept, report, extensions, problems, urges,
verification, cancellation, comments and instructions, milestones.

Every function takes the session and the acting user first, checks the actor's right and
the state machine (`luoshi.ledger.states`), changes the task, appends an event and
commits. `expected_version` (optional) refuses a change made on a stale view.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from luoshi.ledger import settings as _settings
from luoshi.ledger.errors import NotFound, PermissionDenied, ValidationFailed
from luoshi.ledger.models import (
    Attachment,
    Comment,
    Extension,
    Milestone,
    Problem,
    ProgressReport,
    Task,
    Urge,
    User,
    utcnow,
)
from luoshi.ledger.rights import (
    OFFICE,
    _active,
    require_office,
    require_read,
    require_role,
    require_unit_action,
    task_unit_ids,
)
from luoshi.ledger.services.base import check_version, load_task, record_event, unit_of_work
from luoshi.ledger.states import LABELS, TaskState, check


@dataclass(frozen=True)
class AttachmentIn:
    filename: str
    data: bytes
    content_type: str = "application/octet-stream"


MAX_ATTACHMENT = 20 * 1024 * 1024


def _transition(
    session: Session, actor: User, task: Task, action: str, target: str | None,
    note: str | None = None, **data: object,
) -> None:  # fmt: skip
    before = task.state
    if target is not None:
        task.state = target
    record_event(session, actor, action, task=task, from_state=before, to_state=task.state,
                 note=note, data=dict(data) or None)  # fmt: skip


def _acting_unit(actor: User, task: Task) -> int | None:
    """The unit on whose behalf the actor acts: the liaison's, else the first lead unit."""
    if actor.role == "liaison":
        return actor.unit_id
    lead = [tu.unit_id for tu in task.units if tu.role == "lead"]
    return lead[0] if lead else None


@unit_of_work
def assign(
    session: Session, actor: User | None, task_id: int, *, note: str | None = None,
    expected_version: int | None = None,
) -> Task:  # fmt: skip
    """交办: a reviewed draft goes to its units. It needs a lead unit and a deadline."""
    actor = require_office(actor, "assign tasks")
    task = load_task(session, task_id, for_update=True)
    check_version(task, expected_version)
    target = check("assign", task.state)
    if not any(tu.role == "lead" for tu in task.units):
        raise ValidationFailed(f"task {task.id} has no lead unit (责任单位); set one first")
    if task.deadline is None:
        raise ValidationFailed(f"task {task.id} has no deadline (完成时限); set one first")
    task.assigned_at = utcnow()
    task.original_deadline = task.deadline
    _transition(session, actor, task, "assign", target, note)
    return task


@unit_of_work
def accept(
    session: Session, actor: User | None, task_id: int, *, note: str | None = None,
    expected_version: int | None = None,
) -> Task:  # fmt: skip
    """签收 by one of the task's units."""
    task = load_task(session, task_id, for_update=True)
    actor = require_unit_action(actor, task, "accept", lead_only=False)
    check_version(task, expected_version)
    target = check("accept", task.state)
    task.accepted_at = utcnow()
    _transition(session, actor, task, "accept", target, note)
    return task


def report_period(day: date, every: str = "month") -> str:
    if every == "week":
        y, w, _ = day.isocalendar()
        return f"{y}-W{w:02d}"
    return f"{day:%Y-%m}"


@unit_of_work
def report_progress(
    session: Session,
    actor: User | None,
    task_id: int,
    text: str,
    percent: int | None = None,
    *,
    attachments: list[AttachmentIn] | tuple[AttachmentIn, ...] = (),
    today: date | None = None,
    expected_version: int | None = None,
) -> ProgressReport:
    """进展反馈: text, percent done (0–100, never going back) and attachments. An assigned
    or accepted task moves to 办理中."""
    task = load_task(session, task_id, for_update=True)
    actor = require_unit_action(actor, task, "report on", lead_only=False)
    check_version(task, expected_version)
    target = check("report", task.state)
    text = (text or "").strip()
    if not text:
        raise ValidationFailed("a progress report needs text")
    if percent is None:
        percent = task.percent
    if not 0 <= percent <= 100:
        raise ValidationFailed("percent is 0…100")
    if percent < task.percent:
        raise ValidationFailed(f"percent cannot go back from {task.percent} to {percent}")
    day = today or _settings.today()
    rep = ProgressReport(task_id=task.id, unit_id=_acting_unit(actor, task), author_id=actor.id,
                         period=report_period(day, _settings.Settings.from_env().report_every),
                         text=text, percent=percent)  # fmt: skip
    for a in attachments:
        if len(a.data) > MAX_ATTACHMENT:
            raise ValidationFailed(f"{a.filename}: attachments are at most 20 MB")
        rep.attachments.append(Attachment(filename=a.filename, content_type=a.content_type,
                                          size=len(a.data), data=a.data,
                                          sha256=hashlib.sha256(a.data).hexdigest()))  # fmt: skip
    session.add(rep)
    if task.accepted_at is None:
        task.accepted_at = utcnow()
    task.percent = percent
    task.latest_progress = text
    task.last_report_at = utcnow()
    _transition(session, actor, task, "report", target, text, percent=percent,
                attachments=[a.filename for a in attachments])  # fmt: skip
    return rep


@unit_of_work
def request_extension(
    session: Session, actor: User | None, task_id: int, new_deadline: date, reason: str,
    *, expected_version: int | None = None,
) -> Extension:  # fmt: skip
    """申请延期 by the lead unit (or the office on its behalf)."""
    task = load_task(session, task_id, for_update=True)
    actor = require_unit_action(actor, task, "ask an extension for", lead_only=True)
    check_version(task, expected_version)
    target = check("request_extension", task.state)
    if not (reason or "").strip():
        raise ValidationFailed("an extension request needs a reason")
    if task.deadline and new_deadline <= task.deadline:
        raise ValidationFailed("the new deadline must be after the current one")
    ext = Extension(task_id=task.id, unit_id=_acting_unit(actor, task), requested_by_id=actor.id,
                    reason=reason.strip(), old_deadline=task.deadline, new_deadline=new_deadline,
                    from_state=task.state)  # fmt: skip
    session.add(ext)
    _transition(session, actor, task, "request_extension", target, reason,
                new_deadline=new_deadline.isoformat())  # fmt: skip
    return ext


def _pending_extension(session: Session, task: Task) -> Extension:
    from sqlalchemy import select

    ext = session.scalar(
        select(Extension).where(Extension.task_id == task.id, Extension.status == "pending")
        .order_by(Extension.id.desc())
    )  # fmt: skip
    if ext is None:
        raise NotFound(f"task {task.id} has no pending extension request")
    return ext


@unit_of_work
def decide_extension(
    session: Session, actor: User | None, task_id: int, approve: bool, note: str | None = None,
    *, expected_version: int | None = None,
) -> Extension:  # fmt: skip
    """Approve (the deadline moves) or refuse (it stays) the pending extension; the task
    returns to the state it was in before the request."""
    actor = require_office(actor, "decide extensions")
    task = load_task(session, task_id, for_update=True)
    check_version(task, expected_version)
    check("approve_extension" if approve else "refuse_extension", task.state)
    ext = _pending_extension(session, task)
    ext.status = "approved" if approve else "refused"
    ext.decided_by_id, ext.decided_at, ext.decision_note = actor.id, utcnow(), note
    if approve:
        task.deadline = ext.new_deadline
    _transition(session, actor, task, "approve_extension" if approve else "refuse_extension",
                ext.from_state, note, deadline=task.deadline.isoformat() if task.deadline
                else None)  # fmt: skip
    return ext


def approve_extension(session: Session, actor: User | None, task_id: int,
                      note: str | None = None, **kw: object) -> Extension:  # fmt: skip
    return decide_extension(session, actor, task_id, True, note, **kw)  # type: ignore[arg-type]


def refuse_extension(session: Session, actor: User | None, task_id: int,
                     note: str | None = None, **kw: object) -> Extension:  # fmt: skip
    return decide_extension(session, actor, task_id, False, note, **kw)  # type: ignore[arg-type]


@unit_of_work
def raise_problem(
    session: Session, actor: User | None, task_id: int, text: str, *,
    routed_leader_id: int | None = None, routed_unit_id: int | None = None,
) -> Problem:  # fmt: skip
    """A unit reports a difficulty; routed to a leader (default: the task's lead leader)
    or to another unit."""
    task = load_task(session, task_id, for_update=True)
    actor = require_unit_action(actor, task, "raise problems on", lead_only=False)
    check("raise_problem", task.state)
    if not (text or "").strip():
        raise ValidationFailed("a problem needs a description")
    if routed_leader_id is None and routed_unit_id is None:
        routed_leader_id = task.lead_leader_id
    p = Problem(task_id=task.id, unit_id=_acting_unit(actor, task), raised_by_id=actor.id,
                text=text.strip(), routed_leader_id=routed_leader_id,
                routed_unit_id=routed_unit_id)  # fmt: skip
    session.add(p)
    session.flush()
    record_event(session, actor, "raise_problem", task=task, note=text,
                 data={"problem": p.id, "leader": routed_leader_id, "unit": routed_unit_id})  # fmt: skip
    task.updated_at = utcnow()  # bumps the version: the task changed
    return p


@unit_of_work
def resolve_problem(
    session: Session, actor: User | None, problem_id: int, resolution: str
) -> Problem:
    """Resolve with a note: the office, the leader it was routed to, or the liaison of
    the unit it was routed to."""
    actor = _active(actor)
    p = session.get(Problem, problem_id)
    if p is None:
        raise NotFound(f"problem {problem_id} does not exist")
    task = load_task(session, p.task_id, for_update=True)
    allowed = (
        actor.role in OFFICE
        or (actor.role == "leader" and actor.leader_id is not None
            and actor.leader_id == p.routed_leader_id)
        or (actor.role == "liaison" and actor.unit_id is not None
            and actor.unit_id == p.routed_unit_id)
    )  # fmt: skip
    if not allowed:
        raise PermissionDenied(f"{actor.username} may not resolve problem {problem_id}")
    if p.status == "resolved":
        raise ValidationFailed(f"problem {problem_id} is resolved already")
    if not (resolution or "").strip():
        raise ValidationFailed("a resolution needs a note")
    p.status, p.resolution, p.resolved_by_id, p.resolved_at = (
        "resolved",
        resolution.strip(),
        actor.id,
        utcnow(),
    )
    record_event(session, actor, "resolve_problem", task=task, note=resolution,
                 data={"problem": p.id})  # fmt: skip
    return p


@unit_of_work
def urge(
    session: Session, actor: User | None, task_id: int, note: str | None = None,
    *, unit_id: int | None = None,
) -> list[Urge]:  # fmt: skip
    """催办: one urge per lead unit of the task (or only `unit_id`)."""
    actor = require_office(actor, "urge tasks")
    task = load_task(session, task_id, for_update=True)
    check("urge", task.state)
    units = [unit_id] if unit_id is not None else sorted(task_unit_ids(task, "lead"))
    out = [Urge(task_id=task.id, unit_id=u, by_id=actor.id, note=note) for u in units]
    session.add_all(out)
    record_event(session, actor, "urge", task=task, note=note, data={"units": units})
    task.updated_at = utcnow()
    return out


@unit_of_work
def submit_done(
    session: Session, actor: User | None, task_id: int, text: str, *,
    expected_version: int | None = None,
) -> Task:  # fmt: skip
    """The lead unit reports the task done; it waits for verification (待复核)."""
    task = load_task(session, task_id, for_update=True)
    actor = require_unit_action(actor, task, "report done", lead_only=True)
    check_version(task, expected_version)
    target = check("submit_done", task.state)
    if not (text or "").strip():
        raise ValidationFailed("say what was done")
    task.percent = 100
    task.latest_progress = text.strip()
    task.last_report_at = utcnow()
    _transition(session, actor, task, "submit_done", target, text)
    return task


@unit_of_work
def verify(
    session: Session, actor: User | None, task_id: int, approve: bool = True,
    note: str | None = None, *, expected_version: int | None = None,
) -> Task:  # fmt: skip
    """复核: the office closes the task (办结) or sends it back (办理中) with a note."""
    actor = require_office(actor, "verify tasks")
    task = load_task(session, task_id, for_update=True)
    check_version(task, expected_version)
    target = check("verify" if approve else "reject", task.state)
    if not approve and not (note or "").strip():
        raise ValidationFailed("say why the task goes back")
    if approve:
        task.closed_at = utcnow()
    _transition(session, actor, task, "verify" if approve else "reject", target, note)
    return task


@unit_of_work
def cancel(
    session: Session, actor: User | None, task_id: int, reason: str, *,
    expected_version: int | None = None,
) -> Task:  # fmt: skip
    """撤销 with a reason (a dropped draft is a cancelled draft)."""
    actor = require_office(actor, "cancel tasks")
    task = load_task(session, task_id, for_update=True)
    check_version(task, expected_version)
    target = check("cancel", task.state)
    if not (reason or "").strip():
        raise ValidationFailed("a cancellation needs a reason")
    task.cancel_reason = reason.strip()
    task.closed_at = utcnow()
    _transition(session, actor, task, "cancel", target, reason)
    return task


@unit_of_work
def set_deadline(
    session: Session, actor: User | None, task_id: int, deadline: date, note: str | None = None,
    *, expected_version: int | None = None,
) -> Task:  # fmt: skip
    """The office moves a deadline directly (recorded as an event)."""
    actor = require_office(actor, "change deadlines")
    task = load_task(session, task_id, for_update=True)
    check_version(task, expected_version)
    check("set_deadline", task.state)
    old = task.deadline
    task.deadline = deadline
    _transition(session, actor, task, "set_deadline", None, note,
                old=old.isoformat() if old else None, new=deadline.isoformat())  # fmt: skip
    return task


@unit_of_work
def comment(
    session: Session, actor: User | None, task_id: int, text: str, *, instruction: bool = False
) -> Comment:
    """A comment (anyone who may read the task, except viewers) or a leader's 批示
    (`instruction=True`: leaders and the office only)."""
    task = load_task(session, task_id)
    actor = require_read(actor, task)
    if actor.role == "viewer":
        raise PermissionDenied("viewers do not comment")
    if instruction:
        require_role(actor, "leader", "admin", "supervisor", what="give instructions (批示)")
    if not (text or "").strip():
        raise ValidationFailed("empty comment")
    c = Comment(task_id=task.id, author_id=actor.id, text=text.strip(),
                kind="instruction" if instruction else "comment")  # fmt: skip
    session.add(c)
    record_event(session, actor, "instruction" if instruction else "comment", task=task,
                 note=text.strip())  # fmt: skip
    return c


def instruct(session: Session, actor: User | None, task_id: int, text: str) -> Comment:
    """批示: a leader's instruction on a task."""
    return comment(session, actor, task_id, text, instruction=True)


@unit_of_work
def add_milestone(
    session: Session, actor: User | None, task_id: int, title: str, due: date | None = None
) -> Milestone:
    """A roadmap node (路线图), e.g. 签约 → 开工 → 竣工."""
    actor = require_office(actor, "plan milestones")
    task = load_task(session, task_id, for_update=True)
    if task.state in (TaskState.DONE, TaskState.CANCELLED):
        raise ValidationFailed(f"task {task.id} is {LABELS[task.state]}")
    seq = len(task.milestones) + 1
    m = Milestone(task_id=task.id, seq=seq, title=title.strip(), due=due)
    session.add(m)
    record_event(session, actor, "add_milestone", task=task, note=title,
                 data={"due": due.isoformat() if due else None})  # fmt: skip
    return m


@unit_of_work
def complete_milestone(
    session: Session, actor: User | None, milestone_id: int, done_on: date | None = None,
    note: str | None = None,
) -> Milestone:  # fmt: skip
    m = session.get(Milestone, milestone_id)
    if m is None:
        raise NotFound(f"milestone {milestone_id} does not exist")
    task = load_task(session, m.task_id, for_update=True)
    actor = require_unit_action(actor, task, "complete milestones of", lead_only=False)
    m.done_on = done_on or _settings.today()
    m.note = note
    record_event(session, actor, "complete_milestone", task=task, note=m.title,
                 data={"milestone": m.id, "done_on": m.done_on.isoformat()})  # fmt: skip
    return m
