"""Query-string parsing shared by the task ledger page, its export and the API."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from starlette.datastructures import QueryParams

from luoshi.ledger.services import TaskFilter

LIGHTS = ("green", "yellow", "red")
ORDERS = ("deadline", "id", "updated")


def _int(value: str | None) -> int | None:
    return int(value) if value and value.strip().isdigit() else None


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


@dataclass
class ListQuery:
    """The filters of a task list as the user gave them, and the page asked for."""

    flt: TaskFilter
    page: int
    params: dict[str, str | list[str]]

    def url(self, path: str, **changes: object) -> str:
        """This view's URL with some parameters changed (None removes one)."""
        p = dict(self.params)
        for k, v in changes.items():
            if v is None:
                p.pop(k, None)
            else:
                p[k] = str(v)
        return f"{path}?{urlencode(p, doseq=True)}" if p else path


def task_query(qp: QueryParams, page_size: int = 50) -> ListQuery:
    states = [s for s in qp.getlist("state") if s]
    light = qp.get("light") if qp.get("light") in LIGHTS else None
    overdue = {"1": True, "0": False}.get(qp.get("overdue") or "")
    order = qp.get("order") if qp.get("order") in ORDERS else "deadline"
    page = max(1, _int(qp.get("page")) or 1)
    size = min(1000, max(1, _int(qp.get("limit")) or page_size))
    flt = TaskFilter(
        states=tuple(states),
        unit_id=_int(qp.get("unit")),
        leader_id=_int(qp.get("leader")),
        meeting_id=_int(qp.get("meeting")),
        light=light,
        overdue=overdue,
        due_before=_date(qp.get("due_before")),
        due_after=_date(qp.get("due_after")),
        category=qp.get("category") or None,
        q=(qp.get("q") or "").strip() or None,
        order=order or "deadline",
        limit=size,
        offset=(page - 1) * size,
    )
    params: dict[str, str | list[str]] = {
        k: v for k in ("unit", "leader", "meeting", "light", "overdue", "due_before",
                       "due_after", "category", "q", "order") if (v := qp.get(k) or "")
    }  # fmt: skip
    if states:
        params["state"] = states
    return ListQuery(flt, page, params)


# --- policy categories: keys in the ledger, Chinese labels on screen


def _category_labels() -> dict[str, str]:
    from luoshi.extract.lexicon import category_labels

    return category_labels()


def category_label(key: str | None) -> str:
    """项目建设 for "projects"; 未分类 for none; an unknown key is shown as it is."""
    if not key:
        return "未分类"
    return _category_labels().get(key, key)


def category_choices() -> list[tuple[str, str]]:
    """(key, label) of every category, in the taxonomy's order, for filters and forms."""
    return list(_category_labels().items())
