"""Reading the ledger: filtered task lists, a unit's inbox, a task's detail and history,
the dashboard figures. Liaisons see only their unit's tasks (see `rights.scope_tasks`);
a liaison asking for another unit's task gets `PermissionDenied`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import Select, func, literal_column, or_, select
from sqlalchemy.orm import Session, selectinload

from luoshi.ledger import settings as _settings
from luoshi.ledger.derived import (
    LIVE_VALUES,
    days_left,
    is_overdue,
    light,
    light_clause,
    overdue_clause,
)
from luoshi.ledger.errors import NotFound, PermissionDenied, ValidationFailed
from luoshi.ledger.models import (
    Comment,
    Event,
    Extension,
    Leader,
    Meeting,
    Milestone,
    Problem,
    ProgressReport,
    Task,
    TaskUnit,
    Unit,
    User,
)
from luoshi.ledger.rights import _active, require_read, scope_tasks
from luoshi.ledger.services.base import load_task
from luoshi.ledger.states import LABELS


@dataclass
class TaskFilter:
    """Filters of a task list; all optional and combined with AND."""

    states: tuple[str, ...] = ()
    unit_id: int | None = None
    leader_id: int | None = None
    meeting_id: int | None = None
    light: str | None = None  # green | yellow | red
    overdue: bool | None = None
    due_before: date | None = None
    due_after: date | None = None
    category: str | None = None
    q: str | None = None  # substring of title or content
    order: str = "deadline"  # deadline | id | updated
    limit: int = 50
    offset: int = 0


@dataclass
class TaskView:
    """A task as lists show it, with the derived figures of `today`."""

    id: int
    code: str | None
    title: str
    content: str
    state: str
    state_label: str
    deadline: date | None
    deadline_text: str | None
    days_left: int | None
    overdue: bool
    light: str | None
    percent: int
    latest_progress: str | None
    lead_leader: str | None
    lead_units: list[str]
    assist_units: list[str]
    meeting_id: int | None
    meeting_title: str | None
    version: int


@dataclass
class TaskPage:
    items: list[TaskView]
    total: int
    limit: int
    offset: int


@dataclass
class Dashboard:
    today: date
    total: int = 0
    by_state: dict[str, int] = field(default_factory=dict)
    by_light: dict[str, int] = field(default_factory=dict)
    overdue: int = 0
    due_soon: int = 0
    done_on_time: int = 0
    done_late: int = 0
    open_problems: int = 0
    pending_extensions: int = 0


def view(task: Task, today: date, yellow_days: int) -> TaskView:
    return TaskView(
        id=task.id, code=task.code, title=task.title, content=task.content, state=task.state,
        state_label=LABELS[task.state], deadline=task.deadline, deadline_text=task.deadline_text,
        days_left=days_left(task, today), overdue=is_overdue(task, today),
        light=light(task, today, yellow_days), percent=task.percent,
        latest_progress=task.latest_progress,
        lead_leader=task.lead_leader.name if task.lead_leader else None,
        lead_units=[tu.unit.name for tu in task.units if tu.role == "lead"],
        assist_units=[tu.unit.name for tu in task.units if tu.role == "assist"],
        meeting_id=task.meeting_id, meeting_title=task.meeting.title if task.meeting else None,
        version=task.version,
    )  # fmt: skip


def filtered_tasks(stmt: Select, f: TaskFilter, today: date, yellow_days: int) -> Select:
    if f.states:
        stmt = stmt.where(Task.state.in_(f.states))
    if f.unit_id is not None:
        stmt = stmt.where(
            Task.id.in_(select(TaskUnit.task_id).where(TaskUnit.unit_id == f.unit_id))
        )
    if f.leader_id is not None:
        stmt = stmt.where(Task.lead_leader_id == f.leader_id)
    if f.meeting_id is not None:
        stmt = stmt.where(Task.meeting_id == f.meeting_id)
    if f.light:
        stmt = stmt.where(light_clause(f.light, today, yellow_days))
    if f.overdue is True:
        stmt = stmt.where(overdue_clause(today))
    elif f.overdue is False:
        stmt = stmt.where(~overdue_clause(today) | Task.deadline.is_(None))
    if f.due_before:
        stmt = stmt.where(Task.deadline <= f.due_before)
    if f.due_after:
        stmt = stmt.where(Task.deadline >= f.due_after)
    if f.category:
        stmt = stmt.where(Task.category == f.category)
    if f.q:
        like = f"%{f.q}%"
        stmt = stmt.where(or_(Task.title.like(like), Task.content.like(like)))
    return stmt


# undated tasks last; matches the expression index ix_tasks_due_order (migration 0002)
DUE_ORDER = func.coalesce(Task.deadline, literal_column("'9999-12-31'"))

_LOAD = (
    selectinload(Task.units).selectinload(TaskUnit.unit),
    selectinload(Task.lead_leader),
    selectinload(Task.meeting),
)


def list_tasks(
    session: Session,
    actor: User | None,
    flt: TaskFilter | None = None,
    *,
    today: date | None = None,
    count: bool = True,
) -> TaskPage:
    """A page of tasks matching `flt`, ordered by deadline (no deadline last)."""
    f = flt or TaskFilter()
    if f.limit > 1000 or f.limit < 1:
        raise ValidationFailed("limit is 1…1000")
    today = today or _settings.today()
    yd = _settings.Settings.from_env().yellow_days
    base = filtered_tasks(scope_tasks(select(Task), actor), f, today, yd)
    order = {
        # a text search matches few rows: scanning then sorting them beats walking the
        # order index and testing LIKE on every row (SQLite picks the latter otherwise)
        "deadline": (DUE_ORDER, Task.id)
        if not f.q
        else (Task.deadline.is_(None), Task.deadline, Task.id),
        "id": (Task.id,),
        "updated": (Task.updated_at.desc(), Task.id),
    }[f.order]
    rows = session.scalars(base.options(*_LOAD).order_by(*order).limit(f.limit).offset(f.offset))
    items = [view(t, today, yd) for t in rows]
    total = -1
    if count and len(items) < f.limit and (items or f.offset == 0):
        total = f.offset + len(items)  # the last page: no need to count
    elif count:
        total = session.scalar(base.with_only_columns(func.count(Task.id)).order_by(None)) or 0
    return TaskPage(items, total, f.limit, f.offset)


def all_tasks(
    session: Session,
    actor: User | None,
    flt: TaskFilter | None = None,
    *,
    today: date | None = None,
) -> list[TaskView]:
    """Every task matching `flt` (for exports), in pages of 1000."""
    f = flt or TaskFilter()
    out: list[TaskView] = []
    offset = 0
    while True:
        page = list_tasks(session, actor, TaskFilter(**{**f.__dict__, "limit": 1000,
                                                         "offset": offset}),
                          today=today, count=False)  # fmt: skip
        out.extend(page.items)
        if len(page.items) < 1000:
            return out
        offset += 1000


def inbox(
    session: Session,
    actor: User | None,
    unit_id: int | None = None,
    *,
    today: date | None = None,
    limit: int = 100,
) -> list[TaskView]:
    """The live tasks of a unit (default: the liaison's own), soonest deadline first."""
    actor = _active(actor)
    unit_id = unit_id if unit_id is not None else actor.unit_id
    if unit_id is None:
        raise ValidationFailed("which unit's inbox?")
    if actor.role == "liaison" and unit_id != actor.unit_id:
        raise PermissionDenied(f"{actor.username} may not read another unit's inbox")
    flt = TaskFilter(states=LIVE_VALUES, unit_id=unit_id, limit=limit)
    return list_tasks(session, actor, flt, today=today, count=False).items


def get_task(session: Session, actor: User | None, task_id: int) -> Task:
    """The task (ORM object, units loaded) if the actor may read it."""
    task = load_task(session, task_id)
    require_read(actor, task)
    return task


def get_task_view(
    session: Session, actor: User | None, task_id: int, *, today: date | None = None
) -> TaskView:
    task = get_task(session, actor, task_id)
    return view(task, today or _settings.today(), _settings.Settings.from_env().yellow_days)


@dataclass
class TaskHistory:
    events: list[Event]
    reports: list[ProgressReport]
    problems: list[Problem]
    extensions: list[Extension]
    comments: list[Comment]
    milestones: list[Milestone]


def task_history(session: Session, actor: User | None, task_id: int) -> TaskHistory:
    """Everything that happened to a task, oldest first."""
    # the rights check needs the task and its units: when `get_task` has just loaded them
    # in this session they are taken from it rather than read again
    task = session.get(Task, task_id)
    if task is None:
        raise NotFound(f"task {task_id} does not exist")
    require_read(actor, task)

    def rows(model, order):  # type: ignore[no-untyped-def]
        return list(session.scalars(select(model).where(model.task_id == task_id).order_by(order)))

    return TaskHistory(
        events=rows(Event, Event.id),
        reports=list(session.scalars(
            select(ProgressReport).where(ProgressReport.task_id == task_id)
            .options(selectinload(ProgressReport.attachments)).order_by(ProgressReport.id))),
        problems=rows(Problem, Problem.id),
        extensions=rows(Extension, Extension.id),
        comments=rows(Comment, Comment.id),
        milestones=rows(Milestone, Milestone.seq),
    )  # fmt: skip


def dashboard(
    session: Session, actor: User | None, *, unit_id: int | None = None, today: date | None = None
) -> Dashboard:
    """Headline figures: counts by state and light, overdue, due soon, done on time/late,
    open problems, pending extensions. A liaison gets its own unit's figures."""
    actor = _active(actor)
    today = today or _settings.today()
    yd = _settings.Settings.from_env().yellow_days
    if actor.role == "liaison":
        if unit_id not in (None, actor.unit_id):
            raise PermissionDenied(f"{actor.username} may not read another unit's figures")
        unit_id = actor.unit_id
    soon = today + timedelta(days=yd)
    mine = (
        Task.id.in_(select(TaskUnit.task_id).where(TaskUnit.unit_id == unit_id))
        if unit_id is not None
        else None
    )

    def scoped(stmt: Select) -> Select:
        return stmt if mine is None else stmt.where(mine)

    # three index-only scans over ix_tasks_state_deadline_closed beat one pass of CASEs
    d = Dashboard(today=today)
    for state, n in session.execute(scoped(select(Task.state, func.count()).group_by(Task.state))):
        d.by_state[state] = n
        d.total += n
    red_yellow = select(
        func.count().filter(Task.deadline < today),
        func.count().filter(Task.deadline >= today, Task.deadline <= soon),
    ).where(Task.state.in_(LIVE_VALUES))
    red, yellow = session.execute(scoped(red_yellow)).one()
    live = sum(n for s, n in d.by_state.items() if s in LIVE_VALUES)
    d.overdue, d.due_soon = red, yellow
    d.by_light = {"red": red, "yellow": yellow, "green": live - red - yellow}
    late = select(func.count()).where(
        Task.state == "done", func.date(Task.closed_at) > Task.deadline
    )
    d.done_late = session.scalar(scoped(late)) or 0
    d.done_on_time = d.by_state.get("done", 0) - d.done_late
    probs = select(func.count()).select_from(Problem).where(Problem.status == "open")
    exts = select(func.count()).select_from(Extension).where(Extension.status == "pending")
    if unit_id is not None:
        probs = probs.where(Problem.unit_id == unit_id)
        exts = exts.where(Extension.unit_id == unit_id)
    d.open_problems = session.scalar(probs) or 0
    d.pending_extensions = session.scalar(exts) or 0
    return d


def _liaison_meetings(actor: User) -> Select:
    return (
        select(Task.meeting_id)
        .join(TaskUnit, TaskUnit.task_id == Task.id)
        .where(TaskUnit.unit_id == actor.unit_id)
    )


def list_meetings(session: Session, actor: User | None, *, limit: int = 100) -> list[Meeting]:
    """Newest first; a liaison sees the meetings that gave its unit a task."""
    actor = _active(actor)
    stmt = select(Meeting).order_by(Meeting.id.desc()).limit(limit)
    if actor.role == "liaison":
        stmt = stmt.where(Meeting.id.in_(_liaison_meetings(actor)))
    return list(session.scalars(stmt))


def get_meeting(session: Session, actor: User | None, meeting_id: int) -> Meeting:
    """A meeting with its record; a liaison only for a meeting that gave its unit a task."""
    actor = _active(actor)
    m = session.get(Meeting, meeting_id)
    if m is None:
        raise NotFound(f"meeting {meeting_id} does not exist")
    if actor.role == "liaison" and not session.scalar(
        _liaison_meetings(actor).where(Task.meeting_id == meeting_id).limit(1)
    ):
        raise PermissionDenied(f"meeting {meeting_id} gave {actor.username}'s unit no task")
    return m


def get_unit(session: Session, actor: User | None, unit_id: int) -> Unit:
    _active(actor)
    u = session.get(Unit, unit_id)
    if u is None:
        raise NotFound(f"unit {unit_id} does not exist")
    return u


def get_leader(session: Session, actor: User | None, leader_id: int) -> Leader:
    _active(actor)
    le = session.get(Leader, leader_id)
    if le is None:
        raise NotFound(f"leader {leader_id} does not exist")
    return le
