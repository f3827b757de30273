"""Arrow schemas of the output tables of a corpus run, keyed by `doc_id`.

`meetings` has one row per document that was extracted (meeting or not, see `is_meeting`)
and keeps the whole record as JSON; `people`, `conveyed` and `directives` have one row per
item; `errors` has one row per document that could not be read or extracted.
"""

from __future__ import annotations

import pyarrow as pa

_str = pa.string()
_strs = pa.list_(pa.string())

MEETINGS = pa.schema([
    ("doc_id", _str),
    ("url", _str),
    ("published", _str),  # as given by the input (or found by cleaning)
    ("title", _str),
    ("sha256", _str),
    ("is_meeting", pa.bool_()),
    ("date", _str),  # YYYY-MM-DD, or --MM-DD when the year is unknown
    ("name", _str),
    ("organizer", _str),
    ("kind", _str),
    ("script", _str),
    ("n_people", pa.int32()),
    ("n_conveyed", pa.int32()),
    ("n_directives", pa.int32()),
    ("programmes", _strs),
    ("programme_kinds", _strs),
    ("warnings", _strs),
    ("record_json", _str),
])

PEOPLE = pa.schema([
    ("doc_id", _str),
    ("idx", pa.int32()),
    ("name", _str),
    ("title", _str),
    ("roles", _strs),
    ("span_start", pa.int32()),
    ("span_end", pa.int32()),
])

CONVEYED = pa.schema([
    ("doc_id", _str),
    ("idx", pa.int32()),
    ("text", _str),
    ("span_start", pa.int32()),
    ("span_end", pa.int32()),
])

DIRECTIVES = pa.schema([
    ("doc_id", _str),
    ("id", pa.int32()),
    ("parent", pa.int32()),
    ("speaker", _str),
    ("text", _str),
    ("span_start", pa.int32()),
    ("span_end", pa.int32()),
    ("category", _str),
    ("enumerator", _str),
    ("units", _strs),
    ("deadlines", _strs),
    ("deadline_dues", _strs),
    ("targets", _strs),
    ("target_values", pa.list_(pa.float64())),
    ("target_units", _strs),
    ("programmes", _strs),
    ("programme_kinds", _strs),
])

ERRORS = pa.schema([
    ("doc_id", _str),
    ("source", _str),  # where in the input: file path, or FILE:LINE, or FILE#ROW
    ("stage", _str),  # read | parse | extract
    ("reason", _str),  # one line a person can read
])

SCHEMAS: dict[str, pa.Schema] = {
    "meetings": MEETINGS,
    "people": PEOPLE,
    "conveyed": CONVEYED,
    "directives": DIRECTIVES,
    "errors": ERRORS,
}
TABLES: tuple[str, ...] = tuple(SCHEMAS)
