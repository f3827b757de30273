"""Jinja2 environment: templates, the helpers they call, and flash messages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from luoshi.web.csrf import csrf_token
from luoshi.web.filters import category_label

TEMPLATES = Path(__file__).parent / "templates"

ROLE_LABELS = {
    "admin": "系统管理员",
    "supervisor": "督查室",
    "leader": "领导",
    "liaison": "单位联络员",
    "viewer": "查阅",
}
STATE_LABELS = {
    "draft": "拟办",
    "assigned": "已交办",
    "accepted": "已签收",
    "in_progress": "办理中",
    "extension_requested": "申请延期",
    "review": "待复核",
    "done": "已办结",
    "cancelled": "已撤销",
}
LIGHT_LABELS = {"green": "正常", "yellow": "临期", "red": "逾期", "none": "—"}


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str
    href: str


_NAV: tuple[tuple[NavItem, frozenset[str]], ...] = (
    (
        NavItem("dashboard", "督查看板", "/dashboard"),
        frozenset({"admin", "supervisor", "leader", "viewer"}),
    ),
    (NavItem("inbox", "本单位任务", "/inbox"), frozenset({"liaison"})),
    (
        NavItem("tasks", "任务台账", "/tasks"),
        frozenset({"admin", "supervisor", "leader", "viewer", "liaison"}),
    ),
    (
        NavItem("meetings", "会议", "/meetings"),
        frozenset({"admin", "supervisor", "leader", "viewer"}),
    ),
    (NavItem("import", "导入会议", "/import"), frozenset({"admin", "supervisor"})),
    (
        NavItem("search", "检索", "/search"),
        frozenset({"admin", "supervisor", "leader", "viewer", "liaison"}),
    ),
    (
        NavItem("analysis", "语料分析", "/analysis"),
        frozenset({"admin", "supervisor", "leader", "viewer"}),
    ),
    (NavItem("admin", "管理", "/admin/units"), frozenset({"admin", "supervisor"})),
)


def nav_items(user: Any) -> list[NavItem]:
    return [item for item, roles in _NAV if user is not None and user.role in roles]


def fmt_date(value: date | datetime | str | None) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def flash(request: Request, text: str, kind: str = "ok") -> None:
    """Queue a message for the next page the user sees."""
    request.session.setdefault("flash", [])
    request.session["flash"] = [*request.session["flash"], [kind, text]]


def _pop_flashes(request: Request) -> list[tuple[str, str]]:
    items = request.session.pop("flash", None) or []
    return [(k, t) for k, t in items]


templates = Jinja2Templates(directory=str(TEMPLATES))
env = templates.env
env.globals.update(
    csrf_token=csrf_token,
    nav_items=nav_items,
    role_label=lambda r: ROLE_LABELS.get(r, r),
    state_label=lambda s: STATE_LABELS.get(str(s), str(s)),
    light_label=lambda s: LIGHT_LABELS.get(str(s), str(s)),
    category_label=category_label,
)
env.filters["date"] = fmt_date


def render(
    request: Request, name: str, context: dict[str, Any] | None = None, status_code: int = 200
) -> HTMLResponse:
    ctx: dict[str, Any] = {"user": getattr(request.state, "user", None), "active": None}
    ctx.update(context or {})
    ctx["flashes"] = _pop_flashes(request)
    return templates.TemplateResponse(request, name, ctx, status_code=status_code)
