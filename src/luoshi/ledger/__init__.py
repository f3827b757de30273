"""The supervision ledger (督查台账): units, leaders, users, meetings, tasks and their whole
life — import, review, assignment, progress, problems, extensions, urges, verification,
reminders, scores — behind services that enforce rights (`luoshi.ledger.services`).

    from luoshi.ledger import db, services as sv
    engine = db.make_engine(); db.init_db(engine); Session = db.session_factory(engine)
    with Session() as s:
        me = sv.authenticate(s, "dc", "…")
        page = sv.list_tasks(s, me, sv.TaskFilter(light="red"))

See docs/ledger.md for the lifecycle, the rights and the scoring rules.
"""

from luoshi.ledger.errors import (
    AuthenticationFailed,
    Conflict,
    DuplicateImport,
    InvalidTransition,
    LedgerError,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)
from luoshi.ledger.states import LABELS, TaskState

__all__ = [
    "LABELS",
    "AuthenticationFailed",
    "Conflict",
    "DuplicateImport",
    "InvalidTransition",
    "LedgerError",
    "NotFound",
    "PermissionDenied",
    "TaskState",
    "ValidationFailed",
]
