"""Import: a meeting record (or a document, extracted first) becomes a meeting with one
proposed draft task per leaf directive, in one transaction. Responsible units are matched
to the directory (method and score kept for the reviewer), deadlines resolved against the
meeting date, the lead leader proposed from the speaker or from the overseeing leader of
the first lead unit, the source span kept. A document seen before is refused
(`DuplicateImport`)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from luoshi.ledger import settings
from luoshi.ledger.deadlines import parse_deadline
from luoshi.ledger.errors import DuplicateImport, ValidationFailed
from luoshi.ledger.matching import UnitDirectory, UnitMatch
from luoshi.ledger.models import Directive, Leader, Meeting, Task, TaskUnit, User
from luoshi.ledger.rights import require_office
from luoshi.ledger.services.base import record_event, unit_of_work
from luoshi.ledger.services.directory import load_directory, overseeing_leader_id
from luoshi.record import MeetingRecord


@dataclass
class ImportResult:
    meeting: Meeting
    tasks: list[Task]
    unmatched: list[str]  # unit mentions the directory could not place


def title_of(text: str, limit: int = 40) -> str:
    """A short task title: the first clause of the directive, enumerator dropped."""
    t = re.sub(
        r"^\s*(?:[一二三四五六七八九十]+[要是、]|[(（][一二三四五六七八九十]+[)）]|\d+[.、])",
        "",
        text,
    )
    first = re.split(r"[。；;!！?？]", t, maxsplit=1)[0].strip() or t.strip()
    return first if len(first) <= limit else first[: limit - 1] + "…"


def meeting_date(record: MeetingRecord, today: date) -> date | None:
    d = record.meeting.date
    if not d:
        return None
    try:
        if d.startswith("--"):  # year unknown: the published year, else this year
            year = int((record.source.published or str(today.year))[:4])
            return date.fromisoformat(f"{year}-{d[2:]}")
        return date.fromisoformat(d)
    except ValueError:
        return None


def record_sha256(record: MeetingRecord) -> str:
    return record.source.sha256 or hashlib.sha256(record.text.encode()).hexdigest()


def _leaf_directives(record: MeetingRecord) -> list:  # type: ignore[type-arg]
    parents = {d.parent for d in record.directives if d.parent is not None}
    return [d for d in record.directives if d.id not in parents]


def add_task_units(task: Task, matches: list[UnitMatch], role: str, start: int = 0) -> int:
    seen = {tu.unit_id for tu in task.units}
    pos = start
    for m in matches:
        if m.unit_id in seen:
            continue
        seen.add(m.unit_id)
        task.units.append(TaskUnit(unit_id=m.unit_id, role=role, position=pos, mention=m.mention,
                                   method=m.method, score=m.score))  # fmt: skip
        pos += 1
    return pos


def _guard_duplicate(session: Session, sha: str) -> None:
    existing = session.scalar(select(Meeting.id).where(Meeting.source_sha256 == sha))
    if existing:
        raise DuplicateImport(f"this document was imported before (meeting {existing})", existing)


def _import(
    session: Session, actor: User, record: MeetingRecord, origin: str, today: date
) -> ImportResult:
    sha = record_sha256(record)
    _guard_duplicate(session, sha)
    mdate = meeting_date(record, today)
    ref = mdate or today
    title = record.meeting.name or record.source.title or Path(record.source.path or "会议").stem
    meeting = Meeting(
        title=title[:300], date=mdate, date_text=record.meeting.date, kind=record.meeting.kind,
        organizer=record.meeting.organizer, origin=origin, source_path=record.source.path,
        source_format=record.source.format, source_sha256=sha,
        record=record.model_dump(mode="json"), imported_by_id=actor.id,
    )  # fmt: skip
    session.add(meeting)
    session.flush()
    directory: UnitDirectory = load_directory(session)
    leaders = {
        n: i for n, i in session.execute(select(Leader.name, Leader.id).where(Leader.active))
    }
    by_seq: dict[int, Directive] = {}
    for d in record.directives:
        row = Directive(meeting_id=meeting.id, seq=d.id, parent_seq=d.parent, speaker=d.speaker,
                        text=d.text, span_start=d.span[0], span_end=d.span[1],
                        category=d.category)  # fmt: skip
        session.add(row)
        by_seq[d.id] = row
    session.flush()
    tasks: list[Task] = []
    unmatched: list[str] = []
    for n, d in enumerate(_leaf_directives(record), start=1):
        due, due_text = None, None
        for dl in d.deadlines:
            due_text = due_text or dl.text
            if dl.due:
                try:
                    due = date.fromisoformat(dl.due)
                except ValueError as exc:
                    raise ValidationFailed(f"directive {d.id}: bad due date {dl.due!r}") from exc
                due_text = dl.text
                break
            parsed, _ok = parse_deadline(dl.text, ref)
            if parsed:
                due, due_text = parsed, dl.text
                break
        task = Task(meeting_id=meeting.id, directive_id=by_seq[d.id].id, seq=n, code=str(n),
                    title=title_of(d.text), content=d.text, category=d.category,
                    state="draft", deadline=due, original_deadline=due,
                    deadline_text=due_text, span_start=d.span[0], span_end=d.span[1],
                    unit_text="、".join(u.text for u in d.units) or None)  # fmt: skip
        pos = 0
        for u in d.units:
            found = directory.match(u.text)
            if not found:
                unmatched.append(u.text)
            pos = add_task_units(task, found, "lead", pos)
        speaker = (d.speaker or "").strip()
        if speaker in leaders:
            task.lead_leader_id = leaders[speaker]
        elif task.units:
            task.lead_leader_id = overseeing_leader_id(session, task.units[0].unit_id)
        session.add(task)
        tasks.append(task)
    session.flush()
    for t in tasks:
        record_event(session, actor, "imported", task=t, to_state="draft",
                     data={"units": [[tu.mention, tu.unit_id, tu.method, tu.score]
                                     for tu in t.units]})  # fmt: skip
    record_event(session, actor, "meeting_imported", meeting_id=meeting.id,
                 note=title, data={"tasks": len(tasks), "unmatched": unmatched})  # fmt: skip
    return ImportResult(meeting, tasks, unmatched)


@unit_of_work
def import_record(
    session: Session, actor: User | None, record: MeetingRecord, *, today: date | None = None
) -> ImportResult:
    """Import an extracted meeting record as a meeting with draft tasks."""
    actor = require_office(actor, "import meetings")
    return _import(session, actor, record, "record", today or settings.today())


@unit_of_work
def import_document(
    session: Session, actor: User | None, path: str | Path, *, today: date | None = None
) -> ImportResult:
    """Extract a txt/html/docx/pdf document and import it. Raises `luoshi.text.InputError`
    for an unreadable file, `ValidationFailed` for a document that holds no meeting and
    `DuplicateImport` for one imported before."""
    actor = require_office(actor, "import meetings")
    from luoshi.api import extract_file

    record = extract_file(path)
    if not record.is_meeting and not record.directives:
        raise ValidationFailed(f"{Path(path).name}: the document holds no meeting to import")
    return _import(session, actor, record, "document", today or settings.today())
