"""Read-only look-ups the web pages need beyond `luoshi.ledger.services.queries`: the
dashboard's breakdowns (by unit, leader, category, month), meeting search and the
review page's data. Kept beside the ledger so the web layer runs no SQL of its own;
rights are checked with the ledger's own functions (`rights`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Text as _Text
from sqlalchemy import case, func, select
from sqlalchemy.orm import Session, selectinload

from luoshi.ledger.derived import LIVE_VALUES
from luoshi.ledger.errors import PermissionDenied
from luoshi.ledger.models import Event, Leader, Meeting, Task, TaskUnit, Unit, User
from luoshi.ledger.rights import _active, require_office


def active_user_by_id(session: Session, user_id: int) -> User | None:
    """The user a web session belongs to, with unit loaded; None when gone or inactive."""
    user = session.scalar(select(User).where(User.id == user_id).options(selectinload(User.unit)))
    return user if user is not None and user.active else None


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
    assigned = Task.state.notin_(("draft", "cancelled"))
    return (
        func.sum(case((assigned, 1), else_=0)),
        func.sum(case((Task.state == "done", 1), else_=0)),
        func.sum(case((Task.state.in_(LIVE_VALUES) & (Task.deadline < today), 1), else_=0)),
    )


def completion_by_unit(session: Session, actor: User | None, today: date) -> list[Completion]:
    """Per lead unit: tasks assigned, done and overdue (units with tasks only)."""
    _not_liaison(actor, "every unit's figures")
    total, done, overdue = _counts(today)
    stmt = (
        select(Unit.id, Unit.name, total, done, overdue)
        .select_from(TaskUnit)
        .join(Task, Task.id == TaskUnit.task_id)
        .join(Unit, Unit.id == TaskUnit.unit_id)
        .where(TaskUnit.role == "lead")
        .group_by(Unit.id, Unit.name)
    )
    rows = [Completion(i, n, t or 0, d or 0, o or 0) for i, n, t, d, o in session.execute(stmt)]
    return [r for r in rows if r.total]


def completion_by_leader(session: Session, actor: User | None, today: date) -> list[Completion]:
    _not_liaison(actor, "every leader's figures")
    total, done, overdue = _counts(today)
    stmt = (
        select(Leader.id, Leader.name, total, done, overdue)
        .select_from(Task)
        .join(Leader, Leader.id == Task.lead_leader_id)
        .group_by(Leader.id, Leader.name)
    )
    rows = [Completion(i, n, t or 0, d or 0, o or 0) for i, n, t, d, o in session.execute(stmt)]
    return [r for r in rows if r.total]


def by_category(session: Session, actor: User | None) -> list[tuple[str, int]]:
    _not_liaison(actor, "the category breakdown")
    stmt = (
        select(func.coalesce(Task.category, ""), func.count())
        .where(Task.state.notin_(("draft", "cancelled")))
        .group_by(func.coalesce(Task.category, ""))
        .order_by(func.count().desc())
    )
    return [(c or "未分类", n) for c, n in session.execute(stmt)]


def monthly_trend(
    session: Session, actor: User | None, months: int = 12
) -> list[tuple[str, int, int]]:
    """(YYYY-MM, tasks assigned, tasks closed as done) for the last `months` months that
    have any, oldest first."""
    _not_liaison(actor, "the trend")
    assigned_m = func.substr(func.cast(Task.assigned_at, type_=_Text), 1, 7)
    closed_m = func.substr(func.cast(Task.closed_at, type_=_Text), 1, 7)
    a = dict(
        session.execute(
            select(assigned_m, func.count())
            .where(Task.assigned_at.is_not(None))
            .group_by(assigned_m)
        ).all()
    )
    d = dict(
        session.execute(
            select(closed_m, func.count()).where(Task.state == "done").group_by(closed_m)
        ).all()
    )
    keys = sorted({*a, *d} - {None})[-months:]
    return [(k, int(a.get(k, 0)), int(d.get(k, 0))) for k in keys]


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
