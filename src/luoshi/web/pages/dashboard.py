"""督查看板: totals and lights, completion by unit and leader, overdue list, trend,
categories, ranking. Figures are cached per (scope, day, newest event): any change to the
ledger appends an event and so refreshes them."""

from __future__ import annotations

import json
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from luoshi.ledger import queries_web as qw
from luoshi.ledger import services as sv
from luoshi.ledger.models import User
from luoshi.ledger.settings import today
from luoshi.web.deps import Actor, Db
from luoshi.web.filters import category_label
from luoshi.web.templating import STATE_LABELS, render

router = APIRouter()
log = logging.getLogger(__name__)
Key = tuple[object, ...]
# key → (figures, the same as JSON)
_cache: OrderedDict[Key, tuple[dict[str, Any], bytes]] = OrderedDict()
_building: dict[Key, threading.Lock] = {}
_lock = threading.Lock()


def figures(db: Db, user: User) -> dict[str, Any]:
    """Everything the dashboard shows, as plain data."""
    return _cached(db, user)[0]


def figures_json(db: Db, user: User) -> bytes:
    """The same as JSON (the API's answer), serialised once per change of the ledger."""
    return _cached(db, user)[1]


def _cached(db: Db, user: User) -> tuple[dict[str, Any], bytes]:
    """The figures of the user's scope for today and the ledger's newest event. When they
    are missing, one request computes them and concurrent ones wait for its result
    rather than all computing the same thing."""
    day = today()
    scope = ("unit", user.unit_id) if user.role == "liaison" else ("all",)
    key = (*scope, day, qw.last_event_id(db))
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
        building = _building.setdefault(key, threading.Lock())
    with building:
        with _lock:
            if key in _cache:
                return _cache[key]
        data = _compute(db, user, day)
        entry = (data, json.dumps(data, ensure_ascii=False).encode())
        with _lock:
            _cache[key] = entry
            _building.pop(key, None)
            while len(_cache) > 64:
                _cache.popitem(last=False)
    return entry


def warm(sessions: Callable[[], Session]) -> bool:
    """Compute the office's figures once, at the start of a worker process, so that the
    first dashboard requests do not wait for them (each worker has its own cache; while
    one request computes, the others asking for them wait holding their request slot).
    Best effort: True when computed."""
    try:
        with sessions() as db:
            user = qw.first_office_user(db)
            if user is None:
                return False
            _cached(db, user)
            return True
    except SQLAlchemyError:
        log.warning("dashboard figures not computed at start", exc_info=True)
        return False


def _compute(db: Db, user: User, day: date) -> dict[str, Any]:
    office = user.role != "liaison"
    # the office's headline figures and leaders come from one grouped pass
    d, leaders = qw.headline(db, user, day) if office else (sv.dashboard(db, user, today=day), [])
    overdue = qw.task_page(db, user, sv.TaskFilter(light="red", limit=10), today=day)
    data: dict[str, Any] = {
        "today": day.isoformat(),
        "total": d.total,
        "by_state": {STATE_LABELS.get(k, k): v for k, v in d.by_state.items()},
        "by_state_keys": d.by_state,
        "lights": {k: d.by_light.get(k, 0) for k in ("green", "yellow", "red")},
        "overdue": d.overdue,
        "due_soon": d.due_soon,
        "done": d.by_state.get("done", 0),
        "done_on_time": d.done_on_time,
        "done_late": d.done_late,
        "open_problems": d.open_problems,
        "pending_extensions": d.pending_extensions,
        "overdue_total": d.overdue,
        "overdue_list": [
            {
                "id": t.id,
                "title": t.title,
                "units": t.lead_units,
                "leader": t.lead_leader,
                "deadline": t.deadline.isoformat() if t.deadline else None,
                "days_late": -t.days_left if t.days_left is not None else None,
            }
            for t in overdue.items
        ],
    }
    if office:
        units = qw.completion_by_unit(db, user, day)
        # ranking: completion rate, then fewer overdue, then more done
        ranked = sorted(units, key=lambda c: (-c.rate, c.overdue, -c.done, c.name))
        data.update(
            by_unit=[c.__dict__ | {"rate": c.rate} for c in sorted(units, key=lambda c: -c.total)[:15]],
            by_leader=[c.__dict__ | {"rate": c.rate} for c in sorted(leaders, key=lambda c: -c.total)[:12]],
            ranking=[c.__dict__ | {"rate": c.rate} for c in ranked[:10]],
            ranking_bottom=[c.__dict__ | {"rate": c.rate} for c in ranked[-5:]] if len(ranked) > 10 else [],
            categories=[(category_label(c), n) for c, n in qw.by_category(db, user)[:10]],
            trend=qw.monthly_trend(db, user, today=day),
        )  # fmt: skip
    return data


@router.get("/dashboard")
def dashboard_page(request: Request, db: Db, user: Actor) -> Response:
    return render(request, "dashboard.html",
                  {"active": "dashboard", "title": "督查看板", "f": figures(db, user)})  # fmt: skip


@router.get("/inbox")
def inbox_page(request: Request, db: Db, user: Actor) -> Response:
    """联络员: what to accept, what is due, what is late. Office staff may look at a unit's
    inbox with ?unit=ID."""
    unit_param = request.query_params.get("unit", "")
    unit_id = int(unit_param) if unit_param.isdigit() else None
    if unit_id is None and user.unit_id is None:
        return render(request, "inbox.html", {"active": "inbox", "title": "单位任务",
                                              "units": sv.list_units(db, user), "items": None})  # fmt: skip
    items = qw.inbox_page(db, user, unit_id)
    unit = sv.get_unit(db, user, unit_id or user.unit_id)  # type: ignore[arg-type]
    groups = {
        "to_accept": [t for t in items if t.state == "assigned"],
        "late": [t for t in items if t.overdue and t.state != "assigned"],
        "due_soon": [t for t in items if t.light == "yellow" and t.state != "assigned"],
        "running": [
            t for t in items if t.state != "assigned" and not t.overdue and t.light != "yellow"
        ],
    }
    return render(request, "inbox.html", {"active": "inbox", "title": f"{unit.name} 任务",
                                          "unit": unit, "items": items, "groups": groups,
                                          "units": sv.list_units(db, user)})  # fmt: skip
