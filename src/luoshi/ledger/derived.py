"""Derived task figures — overdue, days left, traffic light — as SQL expressions (for
filters and dashboards, index-friendly comparisons against a bound `today`) and as Python
functions over a loaded task. Never stored.

Light: none for drafts and closed tasks; for live tasks red when the deadline has passed,
yellow when it is at most `yellow_days` away, green otherwise (also without a deadline).
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import ColumnElement, and_, case, literal, or_

from luoshi.ledger.models import Task
from luoshi.ledger.states import LIVE

LIVE_VALUES = tuple(s.value for s in LIVE)
LIGHTS = ("green", "yellow", "red")


def overdue_clause(today: date) -> ColumnElement[bool]:
    return and_(Task.state.in_(LIVE_VALUES), Task.deadline < today)


def light_clause(light: str, today: date, yellow_days: int) -> ColumnElement[bool]:
    """WHERE clause selecting the live tasks of one light."""
    live = Task.state.in_(LIVE_VALUES)
    soon = today + timedelta(days=yellow_days)
    if light == "red":
        return and_(live, Task.deadline < today)
    if light == "yellow":
        return and_(live, Task.deadline >= today, Task.deadline <= soon)
    if light == "green":
        return and_(live, or_(Task.deadline.is_(None), Task.deadline > soon))
    raise ValueError(f"unknown light {light!r}")


def light_expr(today: date, yellow_days: int) -> ColumnElement[str]:
    """The light as a SQL CASE (NULL for drafts and closed tasks)."""
    soon = today + timedelta(days=yellow_days)
    return case(
        (~Task.state.in_(LIVE_VALUES), literal(None)),
        (Task.deadline < today, literal("red")),
        (Task.deadline <= soon, literal("yellow")),
        else_=literal("green"),
    )


def days_left(task: Task, today: date) -> int | None:
    return None if task.deadline is None else (task.deadline - today).days


def is_overdue(task: Task, today: date) -> bool:
    return task.state in LIVE_VALUES and task.deadline is not None and task.deadline < today


def light(task: Task, today: date, yellow_days: int) -> str | None:
    if task.state not in LIVE_VALUES:
        return None
    left = days_left(task, today)
    if left is None or left > yellow_days:
        return "green"
    return "red" if left < 0 else "yellow"
