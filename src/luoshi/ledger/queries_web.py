"""Read-only look-ups the web pages need beyond `luoshi.ledger.services.queries`: the
dashboard's breakdowns (by unit, leader, category, month), meeting search and the
review page's data. Kept beside the ledger so the web layer runs no SQL of its own;
rights are checked with the ledger's own functions (`rights`)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from types import SimpleNamespace
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Engine,
    Select,
    and_,
    bindparam,
    func,
    literal,
    select,
    text,
    union_all,
)
from sqlalchemy.orm import Session, joinedload, selectinload

from luoshi.ledger import settings as _settings
from luoshi.ledger.derived import LIVE_VALUES
from luoshi.ledger.errors import NotFound, PermissionDenied, ValidationFailed
from luoshi.ledger.models import (
    Attachment,
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
from luoshi.ledger.rights import _active, require_office, require_read, scope_tasks
from luoshi.ledger.services.queries import (
    DUE_ORDER,
    Dashboard,
    TaskFilter,
    TaskView,
    filtered_tasks,
)
from luoshi.ledger.states import LABELS


def active_user_by_id(session: Session, user_id: int) -> User | None:
    """The user a web session belongs to, with unit loaded; None when gone or inactive."""
    user = session.scalar(select(User).where(User.id == user_id).options(joinedload(User.unit)))
    return user if user is not None and user.active else None


def first_office_user(session: Session) -> User | None:
    """The first active admin or supervisor (None when there is none)."""
    stmt = (
        select(User)
        .where(User.active.is_(True), User.role.in_(("admin", "supervisor")))
        .order_by(User.id)
        .limit(1)
    )
    return session.scalar(stmt)


def last_event_id(session: Session) -> int:
    """The newest event's id: any change to the ledger moves it (cache key of figures)."""
    return session.scalar(select(func.max(Event.id))) or 0


@dataclass
class Completion:
    key: int | None
    name: str
    total: int
    done: int
    overdue: int

    @property
    def rate(self) -> float:
        return round(100.0 * self.done / self.total, 1) if self.total else 0.0


def _not_liaison(actor: User | None, what: str) -> User:
    actor = _active(actor)
    if actor.role == "liaison":
        raise PermissionDenied(f"{actor.username} may not read {what}")
    return actor


def _counts(today: date):  # type: ignore[no-untyped-def]
    return (
        func.count().filter(Task.state.notin_(("draft", "cancelled"))),
        func.count().filter(Task.state == "done"),
        func.count().filter(Task.state.in_(LIVE_VALUES), Task.deadline < today),
    )


def completion_by_unit(session: Session, actor: User | None, today: date) -> list[Completion]:
    """Per lead unit: tasks assigned, done and overdue (units with tasks only). One pass
    over the lead rows in unit order (ix_task_units_role_unit_task), no sort."""
    _not_liaison(actor, "every unit's figures")
    total, done, overdue = _counts(today)
    stmt = (
        select(TaskUnit.unit_id, total, done, overdue)
        .select_from(TaskUnit)
        .join(Task, Task.id == TaskUnit.task_id)
        .where(TaskUnit.role == "lead")
        .group_by(TaskUnit.unit_id)
    )
    rows = [(i, t or 0, d or 0, o or 0) for i, t, d, o in session.execute(stmt) if t]
    names = _names(session, Unit, [r[0] for r in rows])
    return [Completion(i, names.get(i, str(i)), t, d, o) for i, t, d, o in rows]


def completion_by_leader(session: Session, actor: User | None, today: date) -> list[Completion]:
    """Per lead leader: tasks assigned, done and overdue; an index-only pass over
    ix_tasks_leader_state."""
    _not_liaison(actor, "every leader's figures")
    total, done, overdue = _counts(today)
    stmt = (
        select(Task.lead_leader_id, total, done, overdue)
        .where(Task.lead_leader_id.is_not(None))
        .group_by(Task.lead_leader_id)
    )
    rows = [(i, t or 0, d or 0, o or 0) for i, t, d, o in session.execute(stmt) if t]
    names = _names(session, Leader, [r[0] for r in rows])
    return [Completion(i, names.get(i, str(i)), t, d, o) for i, t, d, o in rows]


def _names(session: Session, model: type[Unit] | type[Leader], ids: list[int]) -> dict[int, str]:
    if not ids:
        return {}
    return dict(session.execute(select(model.id, model.name).where(model.id.in_(ids))).all())


def by_category(session: Session, actor: User | None) -> list[tuple[str | None, int]]:
    """(category key or None, assigned tasks), largest first; index-only over
    ix_tasks_category_state."""
    _not_liaison(actor, "the category breakdown")
    stmt = (
        select(Task.category, func.count())
        .where(Task.state.notin_(("draft", "cancelled")))
        .group_by(Task.category)
    )
    rows = [(c or None, int(n)) for c, n in session.execute(stmt)]
    merged: dict[str | None, int] = {}
    for c, n in rows:  # '' and NULL are both "no category"
        merged[c] = merged.get(c, 0) + n
    return sorted(merged.items(), key=lambda r: (-r[1], r[0] or ""))


def _month_start(day: date, back: int) -> date:
    y, m = divmod(day.year * 12 + day.month - 1 - back, 12)
    return date(y, m + 1, 1)


def monthly_trend(
    session: Session, actor: User | None, months: int = 12, *, today: date | None = None
) -> list[tuple[str, int, int]]:
    """(YYYY-MM, tasks assigned, tasks closed as done) for each of the last `months`
    calendar months up to today's, oldest first, months without any included as zeros.
    One statement of range counts, each month one range of ix_tasks_assigned_at or
    ix_tasks_state_closed (no per-row date formatting, no sort)."""
    _not_liaison(actor, "the trend")
    today = today or _settings.today()
    bounds = [_month_start(today, back) for back in range(months - 1, -2, -1)]
    edges = [datetime(b.year, b.month, 1) for b in bounds]
    parts = []
    for i in range(months):
        lo, hi = edges[i], edges[i + 1]
        parts.append(
            select(literal(i).label("m"), literal("a").label("k"), func.count().label("n"))
            .select_from(Task)
            .where(Task.assigned_at >= lo, Task.assigned_at < hi)
        )
        parts.append(
            select(literal(i), literal("d"), func.count())
            .select_from(Task)
            .where(Task.state == "done", Task.closed_at >= lo, Task.closed_at < hi)
        )
    got = {(int(m), k): int(n) for m, k, n in session.execute(union_all(*parts))}
    return [
        (bounds[i].isoformat()[:7], got.get((i, "a"), 0), got.get((i, "d"), 0))
        for i in range(months)
    ]


def headline(
    session: Session, actor: User | None, today: date
) -> tuple[Dashboard, list[Completion]]:
    """The office's headline figures (the fields of `services.dashboard`, over every task)
    and completion by lead leader, from one index-only pass over ix_tasks_leader_state
    grouped by (leader, state), plus the late closures, open problems and pending
    extensions."""
    _not_liaison(actor, "every leader's figures")
    soon = today + timedelta(days=_settings.Settings.from_env().yellow_days)
    stmt = select(
        Task.lead_leader_id,
        Task.state,
        func.count(),
        func.count().filter(Task.deadline < today),
        func.count().filter(Task.deadline >= today, Task.deadline <= soon),
    ).group_by(Task.lead_leader_id, Task.state)
    d = Dashboard(today=today)
    leaders: dict[int, list[int]] = {}
    red = yellow = live = 0
    for leader_id, state, n, late, due_soon in session.execute(stmt):
        d.by_state[state] = d.by_state.get(state, 0) + n
        d.total += n
        is_live = state in LIVE_VALUES
        if is_live:
            live += n
            red += late
            yellow += due_soon
        if leader_id is not None:
            c = leaders.setdefault(leader_id, [0, 0, 0])
            c[0] += n if state not in ("draft", "cancelled") else 0
            c[1] += n if state == "done" else 0
            c[2] += late if is_live else 0
    d.overdue, d.due_soon = red, yellow
    d.by_light = {"red": red, "yellow": yellow, "green": live - red - yellow}
    d.done_late = (
        session.scalar(
            select(func.count()).where(
                Task.state == "done", func.date(Task.closed_at) > Task.deadline
            )
        )
        or 0
    )
    d.done_on_time = d.by_state.get("done", 0) - d.done_late
    d.open_problems = (
        session.scalar(select(func.count()).select_from(Problem).where(Problem.status == "open"))
        or 0
    )
    d.pending_extensions = (
        session.scalar(
            select(func.count()).select_from(Extension).where(Extension.status == "pending")
        )
        or 0
    )
    names = _names(session, Leader, [i for i, c in leaders.items() if c[0]])
    by_leader = [Completion(i, names.get(i, str(i)), *c) for i, c in leaders.items() if c[0]]
    return d, by_leader


# --- task lists for the web: a page without a count unless asked, index-friendly lights


@dataclass
class WebTaskPage:
    """A page of a task list: `has_more` tells whether another page follows; `total` is
    only counted when asked (None otherwise)."""

    items: list[TaskView]
    has_more: bool
    total: int | None
    limit: int
    offset: int


def light_where(light: str, today: date, yellow_days: int) -> ColumnElement[bool]:
    """The lights of `luoshi.ledger.derived.light_clause`, written over the list order
    expression coalesce(deadline, '9999-12-31') so that each light is one range of the
    expression index ix_tasks_due_order, read in list order (red: due < today; yellow:
    today ≤ due ≤ today + N; green: due > today + N, which also holds undated tasks)."""
    live = Task.state.in_(LIVE_VALUES)
    soon = today + timedelta(days=yellow_days)
    due = DUE_ORDER
    if light == "red":
        return and_(live, due < today)
    if light == "yellow":
        return and_(live, due >= today, due <= soon)
    if light == "green":
        return and_(live, due > soon)
    raise ValidationFailed(f"unknown light {light!r}")


FAR = date(9999, 12, 31)  # the order expression's stand-in for "no deadline"

_ROW = (
    Task.id, Task.code, Task.title, Task.content, Task.state, Task.deadline,
    Task.deadline_text, Task.percent, Task.latest_progress, Task.meeting_id, Task.version,
    Leader.name.label("leader_name"), Meeting.title.label("meeting_title"),
)  # fmt: skip


def _where(stmt: Select, actor: User | None, f: TaskFilter, today: date, yd: int) -> Select:
    stmt = scope_tasks(stmt, actor)
    light = f.light or ("red" if f.overdue is True else None)  # overdue = red, by definition
    if light:
        stmt = stmt.where(light_where(light, today, yd))
    # deadline ranges over the order expression too: one range of an order index
    due = DUE_ORDER
    if f.due_before:
        stmt = stmt.where(due <= f.due_before)
    if f.due_after:
        stmt = stmt.where(due >= f.due_after, due < FAR)  # undated tasks have no deadline
    rest = replace(f, light=None, overdue=None if f.overdue is True else f.overdue,
                   due_before=None, due_after=None)  # fmt: skip
    return filtered_tasks(stmt, rest, today, yd)


def _order(f: TaskFilter) -> tuple[Any, ...]:
    if f.order == "id":
        return (Task.id,)
    if f.order == "updated":  # newest first; walks ix_tasks_updated_at backwards
        return (Task.updated_at.desc(), Task.id.desc())
    if f.q:  # a text search matches few rows: sort them rather than walk the order index
        return (Task.deadline.is_(None), Task.deadline, Task.id)
    return (DUE_ORDER, Task.id)


def count_tasks(
    session: Session, actor: User | None, flt: TaskFilter, *, today: date | None = None
) -> int:
    """How many tasks match `flt` (what the actor may read)."""
    today = today or _settings.today()
    yd = _settings.Settings.from_env().yellow_days
    stmt = _where(select(func.count()).select_from(Task), actor, flt, today, yd)
    return int(session.scalar(stmt) or 0)


def task_page(
    session: Session,
    actor: User | None,
    flt: TaskFilter | None = None,
    *,
    today: date | None = None,
    count: bool = False,
) -> WebTaskPage:
    """A page of tasks like `services.list_tasks`, cheaper: one row query (limit + 1 rows
    tell whether more follow) and one query for the units of the page; the total is
    counted only with `count=True`, and not even then on the last page."""
    f = flt or TaskFilter()
    if f.limit > 1000 or f.limit < 1 or f.offset < 0:
        raise ValidationFailed("limit is 1…1000, offset ≥ 0")
    today = today or _settings.today()
    yd = _settings.Settings.from_env().yellow_days
    stmt = (
        select(*_ROW)
        .select_from(Task)
        .outerjoin(Leader, Leader.id == Task.lead_leader_id)
        .outerjoin(Meeting, Meeting.id == Task.meeting_id)
    )
    stmt = _where(stmt, actor, f, today, yd).order_by(*_order(f))
    rows = session.execute(stmt.limit(f.limit + 1).offset(f.offset)).all()
    has_more = len(rows) > f.limit
    rows = rows[: f.limit]
    units: dict[int, tuple[list[str], list[str]]] = {r.id: ([], []) for r in rows}
    if rows:
        for task_id, role, name in session.execute(_PAGE_UNITS, {"ids": list(units)}):
            units[task_id][0 if role == "lead" else 1].append(name)
    items = [_view(r, units[r.id], today, yd) for r in rows]
    total = None
    if count:
        total = (
            f.offset + len(items)
            if not has_more and (items or f.offset == 0)
            else count_tasks(session, actor, f, today=today)
        )
    return WebTaskPage(items, has_more, total, f.limit, f.offset)


# the units of a page's tasks; the ids as one expanding parameter (not a bound parameter
# built per id, which costs more than the query)
_PAGE_UNITS = (
    select(TaskUnit.task_id, TaskUnit.role, Unit.name)
    .join(Unit, Unit.id == TaskUnit.unit_id)
    .where(TaskUnit.task_id.in_(bindparam("ids", expanding=True)))
    .order_by(TaskUnit.task_id, TaskUnit.position)
)


def _view(r: Any, units: tuple[list[str], list[str]], today: date, yd: int) -> TaskView:
    """A row of `_ROW` as the ledger's `TaskView`, with `derived`'s figures (computed
    here as there: days left, overdue and light of a live task)."""
    (id_, code, title, content, state, deadline, deadline_text, percent, latest, meeting_id,
     version, leader_name, meeting_title) = r[:13]  # fmt: skip
    left = None if deadline is None else (deadline - today).days
    live = state in LIVE_VALUES
    lit = None
    if live:
        lit = "green" if left is None or left > yd else "red" if left < 0 else "yellow"
    return TaskView(
        id_, code, title, content, state, LABELS[state], deadline, deadline_text, left,
        live and left is not None and left < 0, lit, percent, latest, leader_name,
        units[0], units[1], meeting_id, meeting_title, version,
    )  # fmt: skip


def inbox_tasks(
    session: Session,
    actor: User | None,
    unit_id: int | None = None,
    *,
    today: date | None = None,
    limit: int = 50,
    offset: int = 0,
) -> WebTaskPage:
    """A page of a unit's live tasks, soonest deadline first, with `has_more`:
    `services.inbox`'s rights and content, read with `task_page` (two Core statements:
    the unit's task ids from ix_task_units_unit_task, each task by its key; then the
    page's units)."""
    actor = _active(actor)
    unit_id = unit_id if unit_id is not None else actor.unit_id
    if unit_id is None:
        raise ValidationFailed("which unit's inbox?")
    if actor.role == "liaison" and unit_id != actor.unit_id:
        raise PermissionDenied(f"{actor.username} may not read another unit's inbox")
    flt = TaskFilter(states=LIVE_VALUES, unit_id=unit_id, limit=limit, offset=offset)
    return task_page(session, actor, flt, today=today)


def inbox_page(
    session: Session,
    actor: User | None,
    unit_id: int | None = None,
    *,
    today: date | None = None,
    limit: int = 100,
) -> list[TaskView]:
    """A unit's live tasks, soonest deadline first (the first `limit`)."""
    return inbox_tasks(session, actor, unit_id, today=today, limit=limit).items


# --- one task with its history, in a few Core statements


@dataclass
class TaskDetail:
    """A task as its page shows it: the list view, the source sentence, the units with
    their match, and the newest `limit` entries of each history list, oldest first
    (milestones: the first `limit` in roadmap order); `has_more[name]` says that older
    (milestones: later) entries exist. History entries are plain dicts."""

    task: TaskView
    source: str | None
    units: list[dict[str, Any]]
    milestones: list[dict[str, Any]]
    reports: list[dict[str, Any]]
    problems: list[dict[str, Any]]
    extensions: list[dict[str, Any]]
    comments: list[dict[str, Any]]
    events: list[dict[str, Any]]
    has_more: dict[str, bool]
    limit: int


_DETAIL_ROW = (*_ROW, Task.span_start, Task.span_end)


def task_detail(
    session: Session,
    actor: User | None,
    task_id: int,
    *,
    today: date | None = None,
    limit: int = 50,
) -> TaskDetail:
    """`services.get_task` + `services.task_history` for a reader, cheaper: the task row
    (with its leader's and meeting's names) and its units are read once, the ledger's
    `rights.require_read` decides on them before anything else is read (NotFound, then
    PermissionDenied, as `get_task`); the source sentence is cut out of the meeting record
    by the database (the record is not loaded); each history list is one bounded
    statement over its task index (reports' attachments: one more, when there are
    reports). No ORM objects."""
    if limit < 1 or limit > 1000:
        raise ValidationFailed("limit is 1…1000")
    today = today or _settings.today()
    yd = _settings.Settings.from_env().yellow_days
    row = session.execute(
        select(*_DETAIL_ROW)
        .select_from(Task)
        .outerjoin(Leader, Leader.id == Task.lead_leader_id)
        .outerjoin(Meeting, Meeting.id == Task.meeting_id)
        .where(Task.id == task_id)
    ).first()
    if row is None:
        raise NotFound(f"task {task_id} does not exist")
    units = session.execute(
        select(TaskUnit.unit_id, Unit.name.label("unit_name"), TaskUnit.role, TaskUnit.mention,
               TaskUnit.method, TaskUnit.score)
        .join(Unit, Unit.id == TaskUnit.unit_id)
        .where(TaskUnit.task_id == task_id)
        .order_by(TaskUnit.position)
    ).all()  # fmt: skip
    require_read(actor, SimpleNamespace(id=task_id, units=units))  # type: ignore[arg-type]
    names: tuple[list[str], list[str]] = ([], [])
    for u in units:
        names[0 if u.role == "lead" else 1].append(u.unit_name)
    source = None
    start, end = row.span_start, row.span_end
    if (
        row.meeting_id is not None
        and start is not None
        and start >= 0
        and (end is None or end > start)
    ):
        text_ = Meeting.record["text"].as_string()
        cut = (
            func.substr(text_, start + 1)
            if end is None
            else func.substr(text_, start + 1, end - start)
        )
        source = session.scalar(select(cut).where(Meeting.id == row.meeting_id)) or None
    more: dict[str, bool] = {}

    def newest(name: str, stmt: Select, key: Any) -> list[dict[str, Any]]:
        rows = session.execute(stmt.order_by(key.desc()).limit(limit + 1)).mappings().all()
        more[name] = len(rows) > limit
        return [dict(r) for r in reversed(rows[:limit])]

    author = User.display_name
    events = newest("events", select(Event.id, Event.at, Event.kind, author.label("actor"),
                                     Event.from_state, Event.to_state, Event.note)
                    .outerjoin(User, User.id == Event.actor_id).where(Event.task_id == task_id),
                    Event.id)  # fmt: skip
    reports = newest("reports", select(ProgressReport.id, ProgressReport.at, ProgressReport.period,
                                       ProgressReport.text, ProgressReport.percent,
                                       author.label("author"))
                     .outerjoin(User, User.id == ProgressReport.author_id)
                     .where(ProgressReport.task_id == task_id), ProgressReport.id)  # fmt: skip
    if reports:
        files: dict[int, list[str]] = {r["id"]: [] for r in reports}
        for report_id, filename in session.execute(
            select(Attachment.report_id, Attachment.filename)
            .where(Attachment.report_id.in_(list(files)))
            .order_by(Attachment.id)
        ):
            files[report_id].append(filename)
        for r in reports:
            r["attachments"] = files[r["id"]]
    problems = newest("problems", select(Problem.id, Problem.at, Problem.text, Problem.status,
                                         Problem.resolution).where(Problem.task_id == task_id),
                      Problem.id)  # fmt: skip
    extensions = newest("extensions", select(Extension.id, Extension.at, Extension.reason,
                                             Extension.old_deadline, Extension.new_deadline,
                                             Extension.status).where(Extension.task_id == task_id),
                        Extension.id)  # fmt: skip
    comments = newest("comments", select(Comment.id, Comment.at, Comment.kind, Comment.text,
                                         author.label("author"))
                      .outerjoin(User, User.id == Comment.author_id)
                      .where(Comment.task_id == task_id), Comment.id)  # fmt: skip
    ms = (
        session.execute(
            select(Milestone.id, Milestone.seq, Milestone.title, Milestone.due, Milestone.done_on)
            .where(Milestone.task_id == task_id)
            .order_by(Milestone.seq, Milestone.id)
            .limit(limit + 1)
        )
        .mappings()
        .all()
    )
    more["milestones"] = len(ms) > limit
    return TaskDetail(
        task=_view(row, names, today, yd), source=source, units=[dict(u._mapping) for u in units],
        milestones=[dict(m) for m in ms[:limit]], reports=reports, problems=problems,
        extensions=extensions, comments=comments, events=events, has_more=more, limit=limit,
    )  # fmt: skip


# --- SQLite planner statistics


def refresh_sqlite_stats(engine: Engine) -> bool:
    """On SQLite, (re)collect the planner's statistics (ANALYZE: 0.2 s for 100,000 tasks;
    sampling would misjudge the table's size) when they are
    missing, an index of the task table has none yet, or the table has grown or shrunk
    twofold since; True when it ran.
    Without them SQLite takes `state IN (…)` for selective and sorts a hundred thousand
    rows where walking an index would read twenty. PostgreSQL analyses by itself."""
    if engine.dialect.name != "sqlite":
        return False
    with engine.begin() as conn:
        have = conn.execute(
            text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'")
        ).first()
        indexes = set(
            conn.execute(
                text(
                    "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'tasks' "
                    "AND name NOT LIKE 'sqlite_autoindex%'"
                )
            ).scalars()
        )
        stats = (
            dict(conn.execute(text("SELECT idx, stat FROM sqlite_stat1 WHERE tbl = 'tasks'")).all())
            if have
            else {}
        )
        n = conn.execute(text("SELECT count(*) FROM tasks")).scalar_one()
        if stats and indexes <= set(stats):  # a new index (a migration) needs its figures
            seen = int(str(next(iter(stats.values()))).split()[0])
            if seen // 2 <= n <= seen * 2 + 100:
                return False
        conn.execute(text("ANALYZE"))
    return True


def search_meetings(session: Session, actor: User | None, q: str, limit: int = 50) -> list[Meeting]:
    _not_liaison(actor, "meetings")
    like = f"%{q}%"
    stmt = (
        select(Meeting)
        .where(Meeting.title.like(like) | Meeting.organizer.like(like))
        .order_by(Meeting.id.desc())
        .limit(limit)
    )
    return list(session.scalars(stmt))


def meeting_tasks(session: Session, actor: User | None, meeting_id: int) -> list[Task]:
    """Every task of a meeting (drafts included) with units and matches, for the review
    page: office only."""
    require_office(actor, "review meetings")
    stmt = (
        select(Task)
        .where(Task.meeting_id == meeting_id)
        .options(
            selectinload(Task.units).selectinload(TaskUnit.unit), selectinload(Task.lead_leader)
        )
        .order_by(Task.seq, Task.id)
    )
    return list(session.scalars(stmt))


def meeting_task_counts(session: Session, actor: User | None) -> dict[int, dict[str, int]]:
    """meeting id → state → count, for the meeting list."""
    _not_liaison(actor, "meetings")
    out: dict[int, dict[str, int]] = {}
    stmt = (
        select(Task.meeting_id, Task.state, func.count())
        .where(Task.meeting_id.is_not(None))
        .group_by(Task.meeting_id, Task.state)
    )
    for mid, state, n in session.execute(stmt):
        out.setdefault(mid, {})[state] = n
    return out


def users_with_units(session: Session, actor: User | None) -> list[User]:
    require_office(actor, "list users")
    stmt = (
        select(User).options(selectinload(User.unit), selectinload(User.leader)).order_by(User.id)
    )
    return list(session.scalars(stmt))


def require_meeting_reader(actor: User | None) -> User:
    """Meetings and their full records are for everyone but unit liaisons."""
    return _not_liaison(actor, "meetings")
