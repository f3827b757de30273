"""`luoshi serve --demo`: fill an empty database with the demo district (the ledger's
`build_demo`) and return the lines to print: who can log in with which password."""

from __future__ import annotations

from sqlalchemy import func, select

from luoshi.ledger.db import make_engine, session_factory
from luoshi.ledger.models import Unit


def ensure_demo(url: str) -> list[str]:
    from luoshi.ledger.demo import build_demo
    from luoshi.ledger.rights import ROLE_LABELS

    engine = make_engine(url)
    try:
        with session_factory(engine)() as session:
            if session.scalar(select(func.count()).select_from(Unit)):
                return ["Demo: the database has data already; log in with its users "
                        "(demo passwords are <username>@luoshi)."]  # fmt: skip
            result = build_demo(session)
    finally:
        engine.dispose()
    lines = ["Demo district built. Log in with:"]
    for username, password, role, who in result.credentials:
        lines.append(f"  {username:<12} {password:<20} {ROLE_LABELS.get(role, role)}  {who}")
    lines += [f"  ! {f}" for f in result.failures]
    return lines
