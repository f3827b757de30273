"""The extraction pipeline: Document → clean text → MeetingRecord."""

from __future__ import annotations

import re

from luoshi.extract.conveyed import find_conveyed
from luoshi.extract.directives import DirectiveFinder
from luoshi.extract.fields import fields
from luoshi.extract.lexicon import alternation
from luoshi.extract.meeting import find_meeting
from luoshi.extract.people import find_people
from luoshi.extract.people import finder as people_finder
from luoshi.extract.sentences import split
from luoshi.record import (
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
)
from luoshi.text import CleanText, Document, clean

_ISO_IN_LINE = re.compile(r"(20\d{2}|19\d{2})[-年./](\d{1,2})[-月./](\d{1,2})")
_directives: DirectiveFinder | None = None


class NotAMeeting(ValueError):
    """The document holds no meeting: no meeting name, people or directives."""


def _finder() -> DirectiveFinder:
    global _directives
    if _directives is None:
        _directives = DirectiveFinder()
    return _directives


def _published(doc: Document, cleaned: CleanText) -> str | None:
    if doc.published or cleaned.published:
        return doc.published or cleaned.published
    for r in cleaned.removed:  # a date in page furniture (发布日期, trailing CMS line)
        m = _ISO_IN_LINE.search(r.text)
        if m:
            return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    return None


def extract_document(doc: Document, *, require_meeting: bool = False) -> MeetingRecord:
    cleaned = clean(doc.text, title=doc.title)
    text = cleaned.text
    published = _published(doc, cleaned)
    record = MeetingRecord(
        source=Source(
            path=doc.path,
            sha256=doc.sha256,
            format=doc.format,
            encoding=doc.encoding,
            title=doc.title or cleaned.title,
            published=published,
            bytes=doc.bytes,
        ),
        script=cleaned.script,  # type: ignore[arg-type]
        text=text,
        removed_lines=[
            RemovedLine(line_no=r.line_no, text=r.text, reason=r.reason) for r in cleaned.removed
        ],
    )
    if doc.path and doc.path != "-":
        record.id = doc.path.replace("\\", "/").rsplit("/", 1)[-1].split(".")[0]
    fill_record(record, text, published)
    record.is_meeting = bool(record.meeting.name or record.people or record.directives)
    if require_meeting and not record.is_meeting:
        raise NotAMeeting("not a meeting document: no meeting, people or requirements found")
    return record


def fill_record(record: MeetingRecord, text: str, published: str | None) -> None:
    """Everything extraction finds in clean text, written into `record`."""
    mi = find_meeting(text, published, [r.text for r in record.removed_lines])
    record.meeting = Meeting(
        date=mi.date,
        name=mi.name,
        organizer=mi.organizer,
        kind=mi.kind,
        date_span=mi.date_span,
        name_span=mi.name_span,
        organizer_span=mi.organizer_span,
    )
    people, _mentions = find_people(text)
    record.people = [
        Person(name=p.name, title=p.title, roles=p.roles, span=p.span)  # type: ignore[arg-type]
        for p in people
    ]
    record.conveyed = [Conveyed(text=t, span=(s, e)) for t, s, e in find_conveyed(text)]

    paragraphs = split(text)
    # higher leaders are quoted, never the speaker of a local requirement
    names = [p.name for p in people if p.name not in people_finder().higher]
    # the person a sentence is about (its first 30 characters name them): who 他/她 is
    subjects: dict[tuple[int, int], str] = {}
    if names:
        name_re = re.compile(alternation(names))
        for para in paragraphs:
            for s in para:
                m = name_re.search(s.text, 0, 30)
                if m:
                    subjects[(s.para, s.index_in_para)] = m.group()
    items = _finder().find(paragraphs, text, names, subjects)

    year = month = None
    date = mi.date or published
    if date and not date.startswith("--"):
        year, month = int(date[:4]), int(date[5:7])
    ff = fields()
    programmes: dict[str, Programme] = {}
    # The extractor's own output is valid by construction: build it without re-validation
    # (model_construct), which is a third of the cost of a small document otherwise.
    for it in items:
        body = text[it.start : it.end]
        progs = [
            Programme.model_construct(
                text=f.text, span=(f.start, f.end), kind=f.kind or "programme"
            )
            for f in ff.programmes(body, it.start)
        ]
        for p in progs:
            programmes.setdefault(p.text, p)
        record.directives.append(
            Directive.model_construct(
                id=it.id,
                parent=it.parent,
                speaker=it.speaker,
                text=body,
                span=(it.start, it.end),
                enumerator=it.enumerator,
                units=[
                    Spanned.model_construct(text=f.text, span=(f.start, f.end))
                    for f in ff.units(body, it.start)
                ],
                deadlines=[
                    Deadline.model_construct(text=f.text, span=(f.start, f.end), due=f.due)
                    for f in ff.deadlines(body, it.start, year, month)
                ],
                targets=[
                    Target.model_construct(
                        text=f.text, span=(f.start, f.end), value=f.value, unit=f.unit
                    )
                    for f in ff.targets(body, it.start)
                ],
                programmes=progs,
                category=ff.category(body),
            )
        )
    record.programmes = list(programmes.values())


def extract_text(text: str, *, path: str | None = None) -> MeetingRecord:
    return extract_document(Document(text=text, path=path))
