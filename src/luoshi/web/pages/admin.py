"""Administration: the unit directory, leaders and their oversight, users."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from luoshi.ledger import queries_web as qw
from luoshi.ledger import services as sv
from luoshi.ledger.rights import ROLE_LABELS, ROLES, require_office
from luoshi.web.deps import Actor, Db
from luoshi.web.templating import flash, render

router = APIRouter(prefix="/admin")


def _ctx(tab: str, **kw: object) -> dict[str, object]:
    return {"active": "admin", "tab": tab, "title": {"units": "单位名录", "leaders": "领导",
                                                     "users": "用户"}[tab], **kw}  # fmt: skip


@router.get("/units")
def units_page(request: Request, db: Db, user: Actor) -> Response:
    require_office(user, "manage the directory")
    return render(request, "admin_units.html",
                  _ctx("units", units=sv.list_units(db, user), kinds=sv.UNIT_KINDS))  # fmt: skip


@router.post("/units")
def units_create(
    request: Request, db: Db, user: Actor, name: Annotated[str, Form()],
    kind: Annotated[str, Form()] = "department", aliases: Annotated[str, Form()] = "",
) -> Response:  # fmt: skip
    names = [a for a in aliases.replace("，", ",").replace("、", ",").split(",") if a.strip()]
    unit = sv.create_unit(db, user, name, kind=kind, aliases=names)
    flash(request, f"已添加单位：{unit.name}")
    return RedirectResponse("/admin/units", status_code=303)


@router.get("/leaders")
def leaders_page(request: Request, db: Db, user: Actor) -> Response:
    require_office(user, "manage the directory")
    units = {u.id: u.name for u in sv.list_units(db, user)}
    return render(request, "admin_leaders.html",
                  _ctx("leaders", leaders=sv.list_leaders(db, user), unit_names=units))  # fmt: skip


@router.post("/leaders")
async def leaders_create(request: Request, db: Db, user: Actor) -> Response:
    form = await request.form()
    oversees = [int(str(v)) for v in form.getlist("oversees") if str(v).isdigit()]
    leader = sv.create_leader(db, user, str(form.get("name") or ""), str(form.get("title") or "") or None,
                              oversees=oversees)  # fmt: skip
    flash(request, f"已添加领导：{leader.name}")
    return RedirectResponse("/admin/leaders", status_code=303)


@router.get("/users")
def users_page(request: Request, db: Db, user: Actor) -> Response:
    return render(request, "admin_users.html", _ctx(
        "users", users=qw.users_with_units(db, user), roles=ROLES, role_labels=ROLE_LABELS,
        units=sv.list_units(db, user), leaders=sv.list_leaders(db, user),
        new_password=request.session.pop("new_password", None)))  # fmt: skip


@router.post("/users")
def users_create(
    request: Request, db: Db, user: Actor, username: Annotated[str, Form()],
    role: Annotated[str, Form()], display_name: Annotated[str, Form()] = "",
    unit_id: Annotated[str, Form()] = "", leader_id: Annotated[str, Form()] = "",
) -> Response:  # fmt: skip
    created, password = sv.create_user(
        db, user, username.strip(), role, None, display_name=display_name.strip(),
        unit_id=int(unit_id) if unit_id.isdigit() else None,
        leader_id=int(leader_id) if leader_id.isdigit() else None,
    )  # fmt: skip
    request.session["new_password"] = [created.username, password]
    flash(request, f"已创建用户 {created.username}")
    return RedirectResponse("/admin/users", status_code=303)


@router.post("/users/{user_id}/active")
def users_active(request: Request, db: Db, user: Actor, user_id: int,
                 active: Annotated[str, Form()] = "0") -> Response:  # fmt: skip
    target = sv.set_active(db, user, user_id, active == "1")
    flash(request, f"已{'启用' if target.active else '停用'}用户 {target.username}")
    return RedirectResponse("/admin/users", status_code=303)
