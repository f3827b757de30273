"""SQLAlchemy 2 models of the ledger: the directory (units, aliases, leaders), users,
meetings and their directives, tasks and everything that happens to them.

Conventions: timestamps are naive UTC (`utcnow()`); dates are calendar dates in the
jurisdiction's local time. Nothing is ever deleted: tasks are cancelled, drafts dropped
(a cancelled state with a reason) and `events` are append-only (enforced by triggers in
the migration and by a flush guard here). `tasks.version` is an optimistic lock: a stale
update raises `Conflict` in the services. Overdue and traffic light are derived (see
`luoshi.ledger.derived`), never stored.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


# ---------------------------------------------------------------- directory


class Unit(Base):
    """A body the jurisdiction supervises: department, town/street, park, state firm…"""

    __tablename__ = "units"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    short_name: Mapped[str | None] = mapped_column(String(50))
    # party | government | department | town | street | park | enterprise | other
    kind: Mapped[str] = mapped_column(String(20), default="department")
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    sort: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    email: Mapped[str | None] = mapped_column(String(200))

    parent: Mapped[Unit | None] = relationship(remote_side=[id])
    aliases: Mapped[list[UnitAlias]] = relationship(back_populates="unit")


class UnitAlias(Base):
    __tablename__ = "unit_aliases"
    id: Mapped[int] = mapped_column(primary_key=True)
    alias: Mapped[str] = mapped_column(String(100), unique=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    unit: Mapped[Unit] = relationship(back_populates="aliases")


class Leader(Base):
    __tablename__ = "leaders"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), index=True)
    title: Mapped[str | None] = mapped_column(String(100))
    sort: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    email: Mapped[str | None] = mapped_column(String(200))

    oversight: Mapped[list[LeaderUnit]] = relationship(back_populates="leader")


class LeaderUnit(Base):
    """A leader oversees a unit: 分管 (in charge of) or 包联 (liaison for a town/project)."""

    __tablename__ = "leader_units"
    leader_id: Mapped[int] = mapped_column(ForeignKey("leaders.id"), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True, index=True)
    relation: Mapped[str] = mapped_column(String(10), primary_key=True, default="分管")

    leader: Mapped[Leader] = relationship(back_populates="oversight")
    unit: Mapped[Unit] = relationship()


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(100), default="")
    # admin | supervisor | leader | liaison | viewer
    role: Mapped[str] = mapped_column(String(16))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    leader_id: Mapped[int | None] = mapped_column(ForeignKey("leaders.id"))
    email: Mapped[str | None] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime)

    unit: Mapped[Unit | None] = relationship()
    leader: Mapped[Leader | None] = relationship()


# ---------------------------------------------------------------- meetings


class Meeting(Base):
    __tablename__ = "meetings"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    date: Mapped[date | None] = mapped_column(Date, index=True)
    date_text: Mapped[str | None] = mapped_column(String(20))  # as in the record (--MM-DD)
    kind: Mapped[str | None] = mapped_column(String(50))
    organizer: Mapped[str | None] = mapped_column(String(100))
    origin: Mapped[str] = mapped_column(String(16), default="record")  # record|document|excel
    source_path: Mapped[str | None] = mapped_column(String(500))
    source_format: Mapped[str | None] = mapped_column(String(16))
    # sha256 of the source bytes (or of the clean text); a second import is refused
    source_sha256: Mapped[str | None] = mapped_column(String(64), unique=True)
    record: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    imported_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    imported_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    directives: Mapped[list[Directive]] = relationship(
        back_populates="meeting", order_by="Directive.seq"
    )
    imported_by: Mapped[User | None] = relationship()


class Directive(Base):
    __tablename__ = "directives"
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"))
    seq: Mapped[int] = mapped_column(Integer)  # the record's directive id
    parent_seq: Mapped[int | None] = mapped_column(Integer)
    speaker: Mapped[str | None] = mapped_column(String(50))
    text: Mapped[str] = mapped_column(Text)
    span_start: Mapped[int | None] = mapped_column(Integer)
    span_end: Mapped[int | None] = mapped_column(Integer)
    category: Mapped[str | None] = mapped_column(String(40))

    meeting: Mapped[Meeting] = relationship(back_populates="directives")
    __table_args__ = (Index("ix_directives_meeting_seq", "meeting_id", "seq"),)


# ---------------------------------------------------------------- tasks


class Task(Base):
    __tablename__ = "tasks"
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"))
    directive_id: Mapped[int | None] = mapped_column(ForeignKey("directives.id"))
    seq: Mapped[int] = mapped_column(Integer, default=0)  # order within the meeting
    code: Mapped[str | None] = mapped_column(String(20))  # 序号 as printed in a ledger
    title: Mapped[str] = mapped_column(String(200))
    content: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str | None] = mapped_column(String(40))
    state: Mapped[str] = mapped_column(String(24), default="draft")
    lead_leader_id: Mapped[int | None] = mapped_column(ForeignKey("leaders.id"))
    deadline: Mapped[date | None] = mapped_column(Date)
    deadline_text: Mapped[str | None] = mapped_column(String(100))
    original_deadline: Mapped[date | None] = mapped_column(Date)
    unit_text: Mapped[str | None] = mapped_column(String(500))  # 责任单位 as written
    percent: Mapped[int] = mapped_column(Integer, default=0)
    latest_progress: Mapped[str | None] = mapped_column(Text)
    last_report_at: Mapped[datetime | None] = mapped_column(DateTime)
    span_start: Mapped[int | None] = mapped_column(Integer)
    span_end: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    assigned_at: Mapped[datetime | None] = mapped_column(DateTime)
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("tasks.id"))
    split_from_id: Mapped[int | None] = mapped_column(ForeignKey("tasks.id"))
    version: Mapped[int] = mapped_column(Integer, default=1)

    meeting: Mapped[Meeting | None] = relationship()
    directive: Mapped[Directive | None] = relationship()
    lead_leader: Mapped[Leader | None] = relationship()
    units: Mapped[list[TaskUnit]] = relationship(
        back_populates="task", cascade="all, delete-orphan", order_by="TaskUnit.position"
    )
    milestones: Mapped[list[Milestone]] = relationship(
        back_populates="task", order_by="Milestone.seq"
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
    __table_args__ = (
        # migration 0002 adds ix_tasks_due_order on (coalesce(deadline, '9999-12-31'), id),
        # an expression index serving the list order, and trigram indexes on PostgreSQL
        Index("ix_tasks_state_deadline_closed", "state", "deadline", "closed_at"),
        Index("ix_tasks_deadline_state", "deadline", "state"),
        Index("ix_tasks_meeting_seq", "meeting_id", "seq"),
        Index("ix_tasks_leader_state", "lead_leader_id", "state", "deadline"),
    )

    @property
    def lead_units(self) -> list[Unit]:
        return [tu.unit for tu in self.units if tu.role == "lead"]

    @property
    def assist_units(self) -> list[Unit]:
        return [tu.unit for tu in self.units if tu.role == "assist"]


class TaskUnit(Base):
    """A unit responsible for a task: `lead` (牵头/责任单位) or `assist` (配合单位), with how
    the import matched it (exact | alias | fuzzy | collective | manual) and the score."""

    __tablename__ = "task_units"
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id"), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)
    role: Mapped[str] = mapped_column(String(8), default="lead")
    position: Mapped[int] = mapped_column(Integer, default=0)
    mention: Mapped[str | None] = mapped_column(String(100))
    method: Mapped[str] = mapped_column(String(12), default="manual")
    score: Mapped[float] = mapped_column(Float, default=100.0)

    task: Mapped[Task] = relationship(back_populates="units")
    unit: Mapped[Unit] = relationship()
    __table_args__ = (Index("ix_task_units_unit_task", "unit_id", "task_id"),)


class Milestone(Base):
    """A dated node of a task's roadmap (路线图), e.g. 签约 → 开工 → 竣工."""

    __tablename__ = "milestones"
    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(200))
    due: Mapped[date | None] = mapped_column(Date)
    done_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)

    task: Mapped[Task] = relationship(back_populates="milestones")


class ProgressReport(Base):
    __tablename__ = "progress_reports"
    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id"))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    period: Mapped[str] = mapped_column(String(10))  # YYYY-MM the report is filed for
    text: Mapped[str] = mapped_column(Text)
    percent: Mapped[int] = mapped_column(Integer, default=0)

    attachments: Mapped[list[Attachment]] = relationship(back_populates="report")
    author: Mapped[User | None] = relationship()
    __table_args__ = (Index("ix_progress_reports_task_at", "task_id", "at"),)


class Attachment(Base):
    __tablename__ = "attachments"
    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("progress_reports.id"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)

    report: Mapped[ProgressReport] = relationship(back_populates="attachments")


class Problem(Base):
    """A difficulty raised by a unit (困难问题), routed to a leader or unit, resolved."""

    __tablename__ = "problems"
    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    raised_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    text: Mapped[str] = mapped_column(Text)
    routed_leader_id: Mapped[int | None] = mapped_column(ForeignKey("leaders.id"))
    routed_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    status: Mapped[str] = mapped_column(String(10), default="open")  # open | resolved
    resolution: Mapped[str | None] = mapped_column(Text)
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime)


class Urge(Base):
    """A 催办: by a person (`by_id`) or by `luoshi remind` (`channel` = remind)."""

    __tablename__ = "urges"
    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    note: Mapped[str | None] = mapped_column(Text)
    channel: Mapped[str] = mapped_column(String(10), default="manual")


class Extension(Base):
    __tablename__ = "extensions"
    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    reason: Mapped[str] = mapped_column(Text)
    old_deadline: Mapped[date | None] = mapped_column(Date)
    new_deadline: Mapped[date] = mapped_column(Date)
    from_state: Mapped[str] = mapped_column(String(24))
    status: Mapped[str] = mapped_column(String(10), default="pending")  # pending|approved|refused
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    decision_note: Mapped[str | None] = mapped_column(Text)


class Comment(Base):
    """A comment, or a leader's instruction (批示) when kind = instruction."""

    __tablename__ = "comments"
    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    kind: Mapped[str] = mapped_column(String(12), default="comment")
    text: Mapped[str] = mapped_column(Text)

    author: Mapped[User | None] = relationship()


class Event(Base):
    """Append-only history: who, when, from, to, note (+ structured data)."""

    __tablename__ = "events"
    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int | None] = mapped_column(ForeignKey("tasks.id"))
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    kind: Mapped[str] = mapped_column(String(32))
    from_state: Mapped[str | None] = mapped_column(String(24))
    to_state: Mapped[str | None] = mapped_column(String(24))
    note: Mapped[str | None] = mapped_column(Text)
    data: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    actor: Mapped[User | None] = relationship()
    __table_args__ = (
        Index("ix_events_task_id", "task_id", "id"),
        Index("ix_events_kind_at", "kind", "at"),
    )


class Reminder(Base):
    """One reminder sent by `luoshi remind`; unique per task, unit, kind and day."""

    __tablename__ = "reminders"
    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    kind: Mapped[str] = mapped_column(String(16))  # due_soon | overdue | report_missing
    day: Mapped[date] = mapped_column(Date)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    emailed_to: Mapped[str | None] = mapped_column(String(500))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)
    error: Mapped[str | None] = mapped_column(Text)
    __table_args__ = (UniqueConstraint("task_id", "unit_id", "kind", "day"),)


class Score(Base):
    __tablename__ = "scores"
    id: Mapped[int] = mapped_column(primary_key=True)
    period: Mapped[str] = mapped_column(String(16))  # 2024 | 2024-Q2 | 2024-05
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    score: Mapped[float] = mapped_column(Float)
    rank: Mapped[int] = mapped_column(Integer)
    details: Mapped[dict[str, Any]] = mapped_column(JSON)
    computed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    unit: Mapped[Unit] = relationship()
    __table_args__ = (UniqueConstraint("period", "unit_id"),)


@event.listens_for(Session, "before_flush")
def _events_are_append_only(session: Session, _ctx: object, _instances: object) -> None:
    for obj in (*session.dirty, *session.deleted):
        if isinstance(obj, Event) and (obj in session.deleted or session.is_modified(obj)):
            raise RuntimeError("events are append-only")
