"""Users and authentication (argon2id hashes). Only an admin manages users."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from luoshi.ledger.errors import AuthenticationFailed, NotFound, ValidationFailed
from luoshi.ledger.models import Leader, Unit, User, utcnow
from luoshi.ledger.passwords import generate_password, hash_password, needs_rehash, verify_password
from luoshi.ledger.rights import ROLES, _active, require_role
from luoshi.ledger.services.base import unit_of_work


def _create(
    session: Session,
    username: str,
    role: str,
    password: str | None,
    *,
    display_name: str = "",
    unit_id: int | None = None,
    leader_id: int | None = None,
    email: str | None = None,
) -> tuple[User, str]:
    if role not in ROLES:
        raise ValidationFailed(f"unknown role {role!r}; one of {', '.join(ROLES)}")
    if role == "liaison" and (unit_id is None or session.get(Unit, unit_id) is None):
        raise ValidationFailed("a unit liaison needs an existing unit")
    if leader_id is not None and session.get(Leader, leader_id) is None:
        raise ValidationFailed(f"leader {leader_id} does not exist")
    if session.scalar(select(User.id).where(User.username == username)):
        raise ValidationFailed(f"user {username} exists already")
    password = password or generate_password()
    if len(password) < 8:
        raise ValidationFailed("a password has at least 8 characters")
    user = User(username=username, role=role, display_name=display_name or username,
                unit_id=unit_id, leader_id=leader_id, email=email,
                password_hash=hash_password(password))  # fmt: skip
    session.add(user)
    session.flush()
    return user, password


@unit_of_work
def create_user(
    session: Session,
    actor: User | None,
    username: str,
    role: str,
    password: str | None = None,
    **fields: object,
) -> tuple[User, str]:
    """Create a user; returns it and its password (generated when none is given, to be
    handed over once). fields: display_name, unit_id (liaison), leader_id, email."""
    require_role(actor, "admin", what="manage users")
    return _create(session, username, role, password, **fields)  # type: ignore[arg-type]


@unit_of_work
def bootstrap_admin(session: Session, username: str = "admin", password: str | None = None):  # type: ignore[no-untyped-def]
    """The first admin of an empty database (used by `luoshi init`); None if users exist."""
    if session.scalar(select(User.id).limit(1)):
        return None
    return _create(session, username, "admin", password, display_name="系统管理员")


@unit_of_work
def authenticate(session: Session, username: str, password: str) -> User:
    """The active user with this name and password, else AuthenticationFailed."""
    user = session.scalar(select(User).where(User.username == username))
    if user is None or not user.active or not verify_password(user.password_hash, password):
        raise AuthenticationFailed("wrong user name or password")
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    return user


@unit_of_work
def set_password(
    session: Session, actor: User | None, user_id: int, new_password: str,
    old_password: str | None = None,
) -> None:  # fmt: skip
    """Admins set anyone's password; a user changes their own giving the old one."""
    actor = _active(actor)
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(f"user {user_id} does not exist")
    if actor.role != "admin" and (
        actor.id != user_id or not verify_password(user.password_hash, old_password or "")
    ):
        raise AuthenticationFailed("the old password is wrong")
    if len(new_password) < 8:
        raise ValidationFailed("a password has at least 8 characters")
    user.password_hash = hash_password(new_password)


@unit_of_work
def set_active(session: Session, actor: User | None, user_id: int, active: bool) -> User:
    require_role(actor, "admin", what="manage users")
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(f"user {user_id} does not exist")
    user.active = active
    return user


def list_users(session: Session, actor: User | None) -> list[User]:
    require_role(actor, "admin", "supervisor", what="list users")
    return list(session.scalars(select(User).order_by(User.id)))


def get_user(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise NotFound(f"user {username} does not exist")
    return user
