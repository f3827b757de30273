"""Response models of the API (pydantic), built from ledger objects and views."""

from __future__ import annotations

from pydantic import BaseModel

from luoshi.ledger.models import User


class UserOut(BaseModel):
    id: int
    username: str
    display_name: str
    role: str
    unit_id: int | None
    unit_name: str | None
    leader_id: int | None
    active: bool


def user_out(user: User) -> UserOut:
    return UserOut(id=user.id, username=user.username, display_name=user.display_name,
                   role=user.role, unit_id=user.unit_id,
                   unit_name=user.unit.name if user.unit else None,
                   leader_id=user.leader_id, active=user.active)  # fmt: skip
