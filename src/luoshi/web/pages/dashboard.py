"""督查看板: totals and lights, completion by unit and leader, overdue list, trend,
categories, ranking. Figures are cached per (scope, day, newest event): any change to the
ledger appends an event and so refreshes them."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from luoshi.ledger import queries_web as qw
from luoshi.ledger import services as sv
from luoshi.ledger.models import User
from luoshi.ledger.settings import today
from luoshi.web.deps import Actor, Db
from luoshi.web.templating import STATE_LABELS, render

router = APIRouter()
_cache: OrderedDict[tuple[object, ...], dict[str, Any]] = OrderedDict()
_lock = threading.Lock()


def figures(db: Db, user: User) -> dict[str, Any]:
    """Everything the dashboard shows, as plain data (also served by the API)."""
    day = today()
    scope = ("unit", user.unit_id) if user.role == "liaison" else ("all",)
    key = (*scope, day, qw.last_event_id(db))
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    d = sv.dashboard(db, user, today=day)
    overdue = sv.list_tasks(db, user, sv.TaskFilter(overdue=True, limit=10), today=day)
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
        "overdue_total": overdue.total,
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
    if user.role != "liaison":
        units = qw.completion_by_unit(db, user, day)
        leaders = qw.completion_by_leader(db, user, day)
        # ranking: completion rate, then fewer overdue, then more done
        ranked = sorted(units, key=lambda c: (-c.rate, c.overdue, -c.done, c.name))
        data.update(
            by_unit=[c.__dict__ | {"rate": c.rate} for c in sorted(units, key=lambda c: -c.total)[:15]],
            by_leader=[c.__dict__ | {"rate": c.rate} for c in sorted(leaders, key=lambda c: -c.total)[:12]],
            ranking=[c.__dict__ | {"rate": c.rate} for c in ranked[:10]],
            ranking_bottom=[c.__dict__ | {"rate": c.rate} for c in ranked[-5:]] if len(ranked) > 10 else [],
            categories=qw.by_category(db, user)[:10],
            trend=qw.monthly_trend(db, user),
        )  # fmt: skip
    with _lock:
        _cache[key] = data
        while len(_cache) > 64:
            _cache.popitem(last=False)
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
    items = sv.inbox(db, user, unit_id)
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
