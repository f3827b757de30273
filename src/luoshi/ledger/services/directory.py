"""The directory: units (with aliases and hierarchy) and leaders (with the units they
oversee). Changing it is office work; everyone may read it."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from luoshi.ledger.errors import NotFound, ValidationFailed
from luoshi.ledger.matching import UnitDirectory, UnitMatch
from luoshi.ledger.models import Leader, LeaderUnit, Unit, UnitAlias, User
from luoshi.ledger.rights import _active, require_office
from luoshi.ledger.services.base import unit_of_work

UNIT_KINDS = {
    "party": "党委部门",
    "government": "政府部门",
    "department": "部门",
    "town": "镇",
    "street": "街道",
    "park": "园区",
    "enterprise": "国有企业",
    "other": "其他",
}


@unit_of_work
def create_unit(
    session: Session,
    actor: User | None,
    name: str,
    *,
    kind: str = "department",
    short_name: str | None = None,
    aliases: list[str] | tuple[str, ...] = (),
    parent_id: int | None = None,
    email: str | None = None,
    sort: int = 0,
) -> Unit:
    """Add a unit; `aliases` are other names it goes by (发改委)."""
    require_office(actor, "change the directory")
    name = name.strip()
    if not name:
        raise ValidationFailed("a unit needs a name")
    if kind not in UNIT_KINDS:
        raise ValidationFailed(f"unknown unit kind {kind!r}; one of {', '.join(UNIT_KINDS)}")
    if session.scalar(select(Unit.id).where(Unit.name == name)):
        raise ValidationFailed(f"unit {name} exists already")
    unit = Unit(name=name, kind=kind, short_name=short_name, parent_id=parent_id, email=email,
                sort=sort)  # fmt: skip
    session.add(unit)
    session.flush()
    for a in {a.strip() for a in (*aliases, short_name or "") if a and a.strip() != name}:
        session.add(UnitAlias(alias=a, unit_id=unit.id))
    return unit


@unit_of_work
def add_alias(session: Session, actor: User | None, unit_id: int, alias: str) -> UnitAlias:
    require_office(actor, "change the directory")
    if session.get(Unit, unit_id) is None:
        raise NotFound(f"unit {unit_id} does not exist")
    if session.scalar(select(UnitAlias.id).where(UnitAlias.alias == alias)):
        raise ValidationFailed(f"alias {alias} is taken")
    row = UnitAlias(alias=alias.strip(), unit_id=unit_id)
    session.add(row)
    return row


@unit_of_work
def create_leader(
    session: Session,
    actor: User | None,
    name: str,
    title: str | None = None,
    *,
    oversees: list[int] | tuple[int, ...] = (),
    relation: str = "分管",
    email: str | None = None,
    sort: int = 0,
) -> Leader:
    """Add a leader and the units they oversee (分管, or 包联 for towns and projects)."""
    require_office(actor, "change the directory")
    leader = Leader(name=name.strip(), title=title, email=email, sort=sort)
    session.add(leader)
    session.flush()
    for uid in oversees:
        session.add(LeaderUnit(leader_id=leader.id, unit_id=uid, relation=relation))
    return leader


@unit_of_work
def set_oversight(
    session: Session, actor: User | None, leader_id: int, unit_id: int, relation: str = "分管"
) -> None:
    require_office(actor, "change the directory")
    if session.get(LeaderUnit, (leader_id, unit_id, relation)) is None:
        session.add(LeaderUnit(leader_id=leader_id, unit_id=unit_id, relation=relation))


def list_units(session: Session, actor: User | None, *, kind: str | None = None) -> list[Unit]:
    _active(actor)
    stmt = select(Unit).where(Unit.active).options(selectinload(Unit.aliases))
    if kind:
        stmt = stmt.where(Unit.kind == kind)
    return list(session.scalars(stmt.order_by(Unit.sort, Unit.id)))


def list_leaders(session: Session, actor: User | None) -> list[Leader]:
    _active(actor)
    stmt = select(Leader).where(Leader.active).options(selectinload(Leader.oversight))
    return list(session.scalars(stmt.order_by(Leader.sort, Leader.id)))


def load_directory(session: Session) -> UnitDirectory:
    d = UnitDirectory()
    aliases: dict[int, list[str]] = {}
    for alias, uid in session.execute(select(UnitAlias.alias, UnitAlias.unit_id)):
        aliases.setdefault(uid, []).append(alias)
    for uid, name, kind in session.execute(
        select(Unit.id, Unit.name, Unit.kind).where(Unit.active).order_by(Unit.sort, Unit.id)
    ):
        d.add(uid, name, kind, aliases.get(uid, []))
    return d


def match_units(session: Session, actor: User | None, mention: str) -> list[UnitMatch]:
    """What the directory makes of a written unit name (for the reviewer's picker)."""
    _active(actor)
    return load_directory(session).match(mention)


def overseeing_leader_id(session: Session, unit_id: int) -> int | None:
    """The leader in charge of (分管) a unit, else its 包联 leader."""
    rows = session.execute(
        select(LeaderUnit.leader_id, LeaderUnit.relation)
        .where(LeaderUnit.unit_id == unit_id)
        .order_by(LeaderUnit.leader_id)
    ).all()
    for relation in ("分管", "包联"):
        for lid, rel in rows:
            if rel == relation:
                return lid
    return rows[0][0] if rows else None
