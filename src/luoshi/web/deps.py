"""Request dependencies: the database session, the logged-in user, the settings."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from luoshi.ledger.models import User
from luoshi.ledger.queries_web import active_user_by_id
from luoshi.web.settings import WebSettings


@dataclass(frozen=True)
class UnitRef:
    id: int
    name: str


@dataclass(frozen=True)
class PageUser:
    """What templates show of the logged-in user, copied out of the ORM object so that an
    error page rendered after a rolled-back transaction can still use it."""

    id: int
    username: str
    display_name: str
    role: str
    unit_id: int | None
    unit: UnitRef | None


class LoginRequired(Exception):
    """No valid session: pages redirect to the log-in page, the API answers 401."""


async def get_db(request: Request) -> AsyncIterator[Session]:
    """The request's session. Async (it does no I/O until the first query, which runs in
    the endpoint's thread) so that it costs no thread hand-off; closing it only returns
    the connection to the pool."""
    session = request.app.state.sessions()
    try:
        yield session
    finally:
        session.close()


Db = Annotated[Session, Depends(get_db)]


def current_user(request: Request, db: Db) -> User | None:
    uid = request.session.get("uid")
    user = active_user_by_id(db, uid) if isinstance(uid, int) else None
    if uid is not None and user is None:  # deactivated or gone: end the session
        request.session.clear()
    request.state.user = user and PageUser(
        user.id, user.username, user.display_name, user.role, user.unit_id,
        UnitRef(user.unit.id, user.unit.name) if user.unit else None,
    )  # fmt: skip
    return user


async def require_user(user: Annotated[User | None, Depends(current_user)]) -> User:
    if user is None:
        raise LoginRequired()
    return user


async def get_settings(request: Request) -> WebSettings:
    return request.app.state.settings


Actor = Annotated[User, Depends(require_user)]
MaybeActor = Annotated[User | None, Depends(current_user)]
Settings = Annotated[WebSettings, Depends(get_settings)]
