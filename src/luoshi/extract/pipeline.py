"""The extraction pipeline: Document → clean text → MeetingRecord."""

from __future__ import annotations

from luoshi.record import MeetingRecord, RemovedLine, Source
from luoshi.text import Document, clean


class NotAMeeting(ValueError):
    """The document holds no meeting: no meeting name, people or directives."""


def extract_document(doc: Document, *, require_meeting: bool = False) -> MeetingRecord:
    cleaned = clean(doc.text, title=doc.title)
    record = MeetingRecord(
        source=Source(
            path=doc.path,
            sha256=doc.sha256,
            format=doc.format,
            encoding=doc.encoding,
            title=doc.title or cleaned.title,
            published=doc.published or cleaned.published,
            bytes=doc.bytes,
        ),
        script=cleaned.script,  # type: ignore[arg-type]
        text=cleaned.text,
        removed_lines=[RemovedLine(line_no=r.line_no, text=r.text, reason=r.reason)
                       for r in cleaned.removed],
    )
    if doc.path and doc.path != "-":
        record.id = doc.path.rsplit("/", 1)[-1].split(".")[0]
    record.is_meeting = bool(record.meeting.name or record.people or record.directives)
    if require_meeting and not record.is_meeting:
        raise NotAMeeting("not a meeting document: no meeting, people or requirements found")
    return record


def extract_text(text: str, *, path: str | None = None) -> MeetingRecord:
    return extract_document(Document(text=text, path=path))
