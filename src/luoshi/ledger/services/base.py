"""What every service shares: the unit of work, loading a task for update, events.

Each public service is one transaction: it commits on success and rolls back on any
error, so a failed call leaves the database exactly as it was. A stale optimistic version
(or SQLite's "database is locked" after the busy timeout) becomes `Conflict`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from luoshi.ledger.errors import Conflict, NotFound
from luoshi.ledger.models import Event, Task, TaskUnit, User

P = ParamSpec("P")
R = TypeVar("R")


def unit_of_work(fn: Callable[P, R]) -> Callable[P, R]:
    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        session = args[0]
        assert isinstance(session, Session), f"{fn.__name__}: first argument is the session"
        try:
            result = fn(*args, **kwargs)
            session.commit()
            return result
        except StaleDataError as exc:
            session.rollback()
            raise Conflict("the task was changed by someone else meanwhile; reload") from exc
        except OperationalError as exc:
            session.rollback()
            if "locked" in str(exc) or "could not serialize" in str(exc):
                raise Conflict("the database is busy with a concurrent change; retry") from exc
            raise
        except BaseException:
            session.rollback()
            raise

    return wrapper


def load_task(session: Session, task_id: int, *, for_update: bool = False) -> Task:
    """The task with its units; `for_update` locks the row (PostgreSQL) and reloads it so
    that a concurrent change is seen, not overwritten."""
    stmt = (
        select(Task)
        .where(Task.id == task_id)
        .options(selectinload(Task.units).selectinload(TaskUnit.unit))
    )
    if for_update:
        stmt = stmt.with_for_update(of=Task).execution_options(populate_existing=True)
    task = session.execute(stmt).scalar_one_or_none()
    if task is None:
        raise NotFound(f"task {task_id} does not exist")
    return task


def check_version(task: Task, expected_version: int | None) -> None:
    """Refuse an edit made on a stale view of the task (web form opened before a change)."""
    if expected_version is not None and task.version != expected_version:
        raise Conflict(
            f"task {task.id} is at version {task.version}, the change was made on version "
            f"{expected_version}; reload"
        )


def record_event(
    session: Session,
    actor: User | None,
    kind: str,
    *,
    task: Task | None = None,
    meeting_id: int | None = None,
    from_state: str | None = None,
    to_state: str | None = None,
    note: str | None = None,
    data: dict[str, Any] | None = None,
) -> Event:
    ev = Event(
        task_id=task.id if task is not None else None,
        meeting_id=meeting_id if meeting_id is not None else (task.meeting_id if task else None),
        actor_id=actor.id if actor is not None else None,
        kind=kind,
        from_state=from_state,
        to_state=to_state,
        note=note,
        data=data,
    )
    session.add(ev)
    return ev


def get_or_404(session: Session, model: type[R], obj_id: int) -> R:
    obj = session.get(model, obj_id)
    if obj is None:
        raise NotFound(f"{model.__name__.lower()} {obj_id} does not exist")  # type: ignore[attr-defined]
    return obj
