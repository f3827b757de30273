"""Response models of the API (pydantic), built from ledger objects and views."""

from __future__ import annotations

from datetime import date, datetime
from typing import get_type_hints

from pydantic import BaseModel, create_model

from luoshi.ledger.models import User
from luoshi.ledger.services.queries import TaskView


class UserOut(BaseModel):
    id: int
    username: str
    display_name: str
    role: str
    unit_id: int | None
    unit_name: str | None
    leader_id: int | None
    active: bool


def user_out(user: User) -> UserOut:
    return UserOut(id=user.id, username=user.username, display_name=user.display_name,
                   role=user.role, unit_id=user.unit_id,
                   unit_name=user.unit.name if user.unit else None,
                   leader_id=user.leader_id, active=user.active)  # fmt: skip


# The API's task is the ledger's TaskView field for field; derived so the two cannot drift.
TaskOut: type[BaseModel] = create_model(
    "TaskOut",
    __doc__="A task as lists show it, with the derived figures of today.",
    **{name: (hint, ...) for name, hint in get_type_hints(TaskView).items()},
)


class TaskPageOut(BaseModel):
    """A page of tasks. `has_more`: another page follows (ask for `page + 1`). `total` is
    counted only when the request says `count=true` (null otherwise): counting a large
    ledger costs more than reading a page."""

    items: list[TaskOut]
    page: int
    limit: int
    offset: int
    has_more: bool
    total: int | None = None


class EventOut(BaseModel):
    id: int
    at: datetime
    kind: str
    actor: str | None
    from_state: str | None
    to_state: str | None
    note: str | None


class ReportOut(BaseModel):
    id: int
    at: datetime
    period: str
    text: str
    percent: int
    author: str | None
    attachments: list[str]


class ProblemOut(BaseModel):
    id: int
    at: datetime
    text: str
    status: str
    resolution: str | None


class ExtensionOut(BaseModel):
    id: int
    at: datetime
    reason: str
    old_deadline: date | None
    new_deadline: date
    status: str


class CommentOut(BaseModel):
    id: int
    at: datetime
    kind: str
    text: str
    author: str | None


class MilestoneOut(BaseModel):
    id: int
    seq: int
    title: str
    due: date | None
    done_on: date | None


class HistoryMoreOut(BaseModel):
    """Whether a history list of a task has more entries than were sent: older ones
    (milestones: later ones in roadmap order)."""

    events: bool = False
    reports: bool = False
    problems: bool = False
    extensions: bool = False
    comments: bool = False
    milestones: bool = False


class TaskDetailOut(BaseModel):
    """A task and its history. Each history list holds the newest `history_limit` entries,
    oldest first; `has_more` says which lists have older ones."""

    task: TaskOut
    source: str | None
    units: list[UnitMatchOut]
    milestones: list[MilestoneOut]
    reports: list[ReportOut]
    problems: list[ProblemOut]
    extensions: list[ExtensionOut]
    comments: list[CommentOut]
    events: list[EventOut]
    has_more: HistoryMoreOut = HistoryMoreOut()
    history_limit: int = 50


class UnitMatchOut(BaseModel):
    unit_id: int
    unit_name: str
    role: str = "lead"
    mention: str | None = None
    method: str
    score: float


class UnitOut(BaseModel):
    id: int
    name: str
    kind: str
    aliases: list[str]


class LeaderOut(BaseModel):
    id: int
    name: str
    title: str | None
    oversees: list[int]


class MeetingOut(BaseModel):
    id: int
    title: str
    date: date | None
    kind: str | None
    organizer: str | None
    source_path: str | None
    imported_at: datetime


class ImportOut(BaseModel):
    meeting: MeetingOut
    task_ids: list[int]
    unmatched: list[str]


def task_out(v: object) -> TaskOut:
    return TaskOut.model_validate(v, from_attributes=True)


def meeting_out(m: object) -> MeetingOut:
    return MeetingOut.model_validate(m, from_attributes=True)


TaskDetailOut.model_rebuild()
