"""Who may do what. The services call these checks; nothing else enforces rights.

admin       everything, including users
supervisor  督查室: everything on meetings and tasks of the jurisdiction
leader      reads everything, comments, instructs (批示), resolves problems routed to them
liaison     its own unit's tasks only: reads, accepts, reports, asks for extension,
            raises problems, comments
viewer      reads everything, changes nothing
"""

from __future__ import annotations

from sqlalchemy import Select, exists, select

from luoshi.ledger.errors import PermissionDenied
from luoshi.ledger.models import Task, TaskUnit, User

ROLES = ("admin", "supervisor", "leader", "liaison", "viewer")
ROLE_LABELS = {
    "admin": "系统管理员",
    "supervisor": "督查室",
    "leader": "领导",
    "liaison": "单位联络员",
    "viewer": "只读用户",
}
OFFICE = ("admin", "supervisor")


def _active(actor: User | None) -> User:
    if actor is None or not actor.active:
        raise PermissionDenied("no active user")
    return actor


def require_role(actor: User | None, *roles: str, what: str = "this") -> User:
    actor = _active(actor)
    if actor.role not in roles:
        raise PermissionDenied(f"{actor.username} ({actor.role}) may not {what}")
    return actor


def require_office(actor: User | None, what: str = "do this") -> User:
    return require_role(actor, *OFFICE, what=what)


def task_unit_ids(task: Task, role: str | None = None) -> set[int]:
    return {tu.unit_id for tu in task.units if role is None or tu.role == role}


def require_read(actor: User | None, task: Task) -> User:
    """Everyone reads every task except a liaison, who reads only its units' tasks."""
    actor = _active(actor)
    if actor.role == "liaison" and actor.unit_id not in task_unit_ids(task):
        raise PermissionDenied(f"task {task.id} is not a task of {actor.username}'s unit")
    if actor.role not in ROLES:
        raise PermissionDenied(f"unknown role {actor.role}")
    return actor


def require_unit_action(actor: User | None, task: Task, what: str, *, lead_only: bool) -> User:
    """Office staff, or the liaison of a unit responsible for the task (lead unit only
    when `lead_only`: extension requests and reporting done belong to the lead unit)."""
    actor = _active(actor)
    if actor.role in OFFICE:
        return actor
    if actor.role == "liaison":
        units = task_unit_ids(task, "lead" if lead_only else None)
        if actor.unit_id in units:
            return actor
        raise PermissionDenied(f"{actor.username} may not {what} task {task.id}: not its unit")
    raise PermissionDenied(f"{actor.username} ({actor.role}) may not {what}")


def scope_tasks(stmt: Select, actor: User | None) -> Select:
    """Restrict a SELECT over tasks to what the actor may read."""
    actor = _active(actor)
    if actor.role == "liaison":
        mine = exists().where(TaskUnit.task_id == Task.id, TaskUnit.unit_id == actor.unit_id)
        return stmt.where(mine)
    return stmt


def liaison_unit_ids_clause(actor: User) -> Select:
    return select(TaskUnit.task_id).where(TaskUnit.unit_id == actor.unit_id)
