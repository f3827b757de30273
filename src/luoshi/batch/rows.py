"""One input item → rows of the output tables. Pure; runs in the workers.

Every failure of one document (undecodable bytes, bad JSON, no text, the extractor
raising) becomes an `errors` row with a one-line reason; nothing here raises.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from luoshi.batch.sources import Item
from luoshi.record import MeetingRecord

MAX_CHARS = 2_000_000  # a "document" longer than this is most likely not one
Rows = dict[str, list[dict[str, Any]]]


class DocError(Exception):
    def __init__(self, stage: str, reason: str):
        super().__init__(reason)
        self.stage = stage
        self.reason = reason


def _one_line(text: str, limit: int = 300) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _opt_str(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _from_fields(fields: dict[str, Any], where: str) -> tuple[str, Any, str | None]:
    """(doc_id, Document, url) of a JSONL/Parquet record; raises DocError."""
    from luoshi.text import Document

    doc_id = _opt_str(fields.get("id")) or _opt_str(fields.get("url")) or where
    text = fields.get("text")
    if not isinstance(text, str) or not text.strip():
        raise DocError("parse", "no text: the 'text' field is missing, empty or not a string")
    if len(text) > MAX_CHARS:
        raise DocError("parse", f"text too long ({len(text)} characters > {MAX_CHARS})")
    data = text.encode("utf-8", "surrogatepass")
    doc = Document(text=text, path=doc_id, published=_opt_str(fields.get("published")),
                   sha256=hashlib.sha256(data).hexdigest(), bytes=len(data))
    return doc_id, doc, _opt_str(fields.get("url"))


def to_document(item: Item) -> tuple[str, Any, str | None]:
    """(doc_id, Document, url) of an item; raises DocError with the id in `.args`."""
    if item.kind == "file":
        from luoshi.text import InputError, read_bytes

        if item.error is not None:
            raise DocError("read", item.error)
        try:
            doc = read_bytes(item.payload, item.where)
        except InputError as exc:
            raise DocError("read", exc.reason) from exc
        if not doc.text.strip():
            raise DocError("read", "empty document: no text")
        if len(doc.text) > MAX_CHARS:
            raise DocError("read", f"text too long ({len(doc.text)} characters > {MAX_CHARS})")
        return item.where, doc, None
    if item.kind == "json":
        try:
            fields = json.loads(item.payload)
        except (ValueError, UnicodeDecodeError) as exc:
            raise DocError("parse", f"invalid JSON: {exc}") from exc
        if not isinstance(fields, dict):
            raise DocError("parse", "a JSONL line must hold an object")
        return _from_fields(fields, item.where)
    if item.kind == "row":
        return _from_fields(item.payload, item.where)
    raise DocError("parse", f"unknown item kind {item.kind!r}")


def _guess_id(item: Item) -> str:
    """The id of an item whose parsing failed: its own id field if it can be seen."""
    if item.kind == "json":
        try:
            fields = json.loads(item.payload)
            if isinstance(fields, dict):
                return _opt_str(fields.get("id")) or _opt_str(fields.get("url")) or item.where
        except (ValueError, UnicodeDecodeError):
            pass
    if item.kind == "row" and isinstance(item.payload, dict):
        return _opt_str(item.payload.get("id")) or _opt_str(item.payload.get("url")) or item.where
    return item.where


def record_rows(doc_id: str, record: MeetingRecord, url: str | None, rows: Rows) -> None:
    """Append the rows of one extracted record to `rows`."""
    m = record.meeting
    rows["meetings"].append({
        "doc_id": doc_id,
        "url": url,
        "published": record.source.published,
        "title": record.source.title,
        "sha256": record.source.sha256,
        "is_meeting": record.is_meeting,
        "date": m.date,
        "name": m.name,
        "organizer": m.organizer,
        "kind": m.kind,
        "script": record.script,
        "n_people": len(record.people),
        "n_conveyed": len(record.conveyed),
        "n_directives": len(record.directives),
        "programmes": [p.text for p in record.programmes],
        "programme_kinds": [p.kind for p in record.programmes],
        "warnings": list(record.warnings),
        "record_json": record.model_dump_json(),
    })
    for i, p in enumerate(record.people):
        rows["people"].append({
            "doc_id": doc_id, "idx": i, "name": p.name, "title": p.title,
            "roles": list(p.roles),
            "span_start": p.span[0] if p.span else None,
            "span_end": p.span[1] if p.span else None,
        })
    for i, c in enumerate(record.conveyed):
        rows["conveyed"].append({
            "doc_id": doc_id, "idx": i, "text": c.text,
            "span_start": c.span[0], "span_end": c.span[1],
        })
    for d in record.directives:
        rows["directives"].append({
            "doc_id": doc_id, "id": d.id, "parent": d.parent, "speaker": d.speaker,
            "text": d.text, "span_start": d.span[0], "span_end": d.span[1],
            "category": d.category, "enumerator": d.enumerator,
            "units": [u.text for u in d.units],
            "deadlines": [x.text for x in d.deadlines],
            "deadline_dues": [x.due for x in d.deadlines],
            "targets": [t.text for t in d.targets],
            "target_values": [t.value for t in d.targets],
            "target_units": [t.unit for t in d.targets],
            "programmes": [p.text for p in d.programmes],
            "programme_kinds": [p.kind for p in d.programmes],
        })


def item_rows(item: Item, rows: Rows) -> None:
    """Extract one item and append its rows (or its error row) to `rows`."""
    from luoshi.extract import extract_document

    doc_id = None
    try:
        doc_id, doc, url = to_document(item)
        try:
            record = extract_document(doc)
        except Exception as exc:  # one bad document must never fail a run
            raise DocError("extract", f"{type(exc).__name__}: {exc}") from exc
        record.id = doc_id
        record_rows(doc_id, record, url, rows)
    except DocError as exc:
        rows["errors"].append({
            "doc_id": doc_id or _guess_id(item), "source": item.where,
            "stage": exc.stage, "reason": _one_line(exc.reason),
        })
    except Exception as exc:  # rows of a record that breaks the contract
        rows["errors"].append({
            "doc_id": doc_id or _guess_id(item), "source": item.where,
            "stage": "extract", "reason": _one_line(f"{type(exc).__name__}: {exc}"),
        })
