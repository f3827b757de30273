"""The directory (units, leaders) and users."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from luoshi.ledger import queries_web as qw
from luoshi.ledger import services as sv
from luoshi.web.api.schemas import LeaderOut, UnitMatchOut, UnitOut, UserOut, user_out
from luoshi.web.deps import Actor, Db

router = APIRouter(tags=["directory"])


def unit_out(u) -> UnitOut:  # type: ignore[no-untyped-def]
    return UnitOut(id=u.id, name=u.name, kind=u.kind, aliases=[a.alias for a in u.aliases])


@router.get("/units", response_model=list[UnitOut], summary="The unit directory")
def list_units(db: Db, user: Actor, kind: str | None = None) -> list[UnitOut]:
    return [unit_out(u) for u in sv.list_units(db, user, kind=kind)]


@router.get("/units/match", response_model=list[UnitMatchOut],
            summary="What the directory makes of a written unit name (with scores)")  # fmt: skip
def match_units(db: Db, user: Actor, q: str) -> list[UnitMatchOut]:
    return [UnitMatchOut(unit_id=m.unit_id, unit_name=m.unit_name, mention=m.mention,
                         method=m.method, score=m.score) for m in sv.match_units(db, user, q)]  # fmt: skip


class UnitIn(BaseModel):
    name: str
    kind: str = "department"
    aliases: list[str] = []


@router.post("/units", response_model=UnitOut, status_code=201, summary="Add a unit")
def create_unit(db: Db, user: Actor, body: UnitIn) -> UnitOut:
    u = sv.create_unit(db, user, body.name, kind=body.kind, aliases=body.aliases)
    return UnitOut(id=u.id, name=u.name, kind=u.kind, aliases=body.aliases)


@router.get(
    "/leaders", response_model=list[LeaderOut], summary="Leaders and the units they oversee"
)
def list_leaders(db: Db, user: Actor) -> list[LeaderOut]:
    return [LeaderOut(id=le.id, name=le.name, title=le.title,
                      oversees=[o.unit_id for o in le.oversight]) for le in sv.list_leaders(db, user)]  # fmt: skip


class LeaderIn(BaseModel):
    name: str
    title: str | None = None
    oversees: list[int] = []


@router.post("/leaders", response_model=LeaderOut, status_code=201, summary="Add a leader")
def create_leader(db: Db, user: Actor, body: LeaderIn) -> LeaderOut:
    le = sv.create_leader(db, user, body.name, body.title, oversees=body.oversees)
    return LeaderOut(id=le.id, name=le.name, title=le.title, oversees=body.oversees)


@router.get("/users", response_model=list[UserOut], summary="Users (office)")
def list_users(db: Db, user: Actor) -> list[UserOut]:
    return [user_out(u) for u in qw.users_with_units(db, user)]


class UserIn(BaseModel):
    username: str
    role: str
    display_name: str = ""
    unit_id: int | None = None
    leader_id: int | None = None
    password: str | None = None


class NewUserOut(BaseModel):
    user: UserOut
    password: str


@router.post("/users", response_model=NewUserOut, status_code=201,
             summary="Create a user (admin); returns the password once")  # fmt: skip
def create_user(db: Db, user: Actor, body: UserIn) -> NewUserOut:
    created, password = sv.create_user(db, user, body.username, body.role, body.password,
                                       display_name=body.display_name, unit_id=body.unit_id,
                                       leader_id=body.leader_id)  # fmt: skip
    return NewUserOut(user=user_out(created), password=password)


class ActiveIn(BaseModel):
    active: bool


@router.post("/users/{user_id}/active", response_model=UserOut, summary="Enable or disable a user")
def set_active(db: Db, user: Actor, user_id: int, body: ActiveIn) -> UserOut:
    return user_out(sv.set_active(db, user, user_id, body.active))
