"""Errors the ledger services raise; each carries a message a person can read (Chinese UI
text is produced by the web layer from `code`)."""

from __future__ import annotations


class LedgerError(Exception):
    """Base of every ledger error. `code` is a stable machine tag for the web layer."""

    code = "ledger_error"


class PermissionDenied(LedgerError):
    """The actor may not do this (or may not see this object at all)."""

    code = "permission_denied"


class NotFound(LedgerError):
    code = "not_found"


class InvalidTransition(LedgerError):
    """The task's state does not allow this action."""

    code = "invalid_transition"


class DuplicateImport(LedgerError):
    """The same document (same sha256) was imported before."""

    code = "duplicate_import"

    def __init__(self, message: str, meeting_id: int | None = None) -> None:
        super().__init__(message)
        self.meeting_id = meeting_id


class Conflict(LedgerError):
    """Someone else changed the object meanwhile (stale version); reload and retry."""

    code = "conflict"


class ValidationFailed(LedgerError):
    """Input that cannot be accepted (empty text, percent out of range, bad date…)."""

    code = "invalid"


class AuthenticationFailed(LedgerError):
    code = "authentication_failed"
