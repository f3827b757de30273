"""Small read-only look-ups the web layer needs, kept beside the ledger so the web layer
runs no SQL of its own. Rights are checked with the ledger's own functions."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from luoshi.ledger.models import User


def active_user_by_id(session: Session, user_id: int) -> User | None:
    """The user a web session belongs to, with unit loaded; None when gone or inactive."""
    user = session.scalar(select(User).where(User.id == user_id).options(selectinload(User.unit)))
    return user if user is not None and user.active else None
