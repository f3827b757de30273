"""The meeting record models (pydantic) and their shipped JSON Schema."""

from luoshi.record.models import (
    SCHEMA_VERSION,
    Conveyed,
    Deadline,
    Directive,
    Meeting,
    MeetingRecord,
    Person,
    Programme,
    RemovedLine,
    Source,
    Spanned,
    Target,
    json_schema,
)

__all__ = [
    "SCHEMA_VERSION",
    "Conveyed",
    "Deadline",
    "Directive",
    "Meeting",
    "MeetingRecord",
    "Person",
    "Programme",
    "RemovedLine",
    "Source",
    "Spanned",
    "Target",
    "json_schema",
]
