"""Import of records and documents: drafts per leaf directive, matching, deadlines,
leaders, duplicates, and all-or-nothing on failure."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from luoshi.ledger import services as sv
from luoshi.ledger.errors import DuplicateImport, PermissionDenied, ValidationFailed
from luoshi.ledger.models import Directive, Event, Meeting, Task, TaskUnit

from .conftest import TODAY, make_record

SEED = Path(__file__).resolve().parents[1] / "gold" / "dev" / "seed-002.txt"


def counts(s) -> tuple[int, ...]:  # type: ignore[no-untyped-def]
    return tuple(s.scalar(select(func.count()).select_from(m)) for m in
                 (Meeting, Directive, Task, TaskUnit, Event))  # fmt: skip


def test_record_becomes_meeting_with_draft_tasks(s, world) -> None:
    res = sv.import_record(s, world.dc, make_record(), today=TODAY)
    assert res.meeting.title == "区政府常务会议"
    assert [t.state for t in res.tasks] == ["draft"] * 3
    t1, _t2, t3 = (sv.get_task(s, world.dc, t.id) for t in res.tasks)
    assert [(tu.unit_id, tu.method) for tu in t1.units] == [(world.units["发改委"], "alias")]
    assert t1.deadline.isoformat() == "2024-06-30"
    assert (t1.span_start, t1.span_end) == (0, len("区发改委牵头做好重大项目谋划储备。"))
    assert t1.lead_leader_id == world.leaders["陈静"]  # the speaker is a known leader
    assert {tu.unit_id for tu in t3.units} == {world.units["住建局"], world.units["城关街道"]}
    assert res.unmatched == []


def test_only_leaf_directives_become_tasks_and_leader_falls_back(s, world) -> None:
    rec = make_record(speaker="某某", items=[
        ("一、抓好城市建设。", [], None),
        ("一要抓好老旧小区改造。", ["住建局"], None),
        ("二要抓好背街小巷整治。", ["区住房和城乡建设局"], "2024-08-31"),
    ])  # fmt: skip
    rec.directives[1].parent = 1
    rec.directives[2].parent = 1
    res = sv.import_record(s, world.dc, rec, today=TODAY)
    assert [t.content for t in res.tasks] == ["一要抓好老旧小区改造。", "二要抓好背街小巷整治。"]
    assert res.tasks[0].title == "抓好老旧小区改造"
    # the speaker is unknown: the overseeing leader of the lead unit is proposed
    assert {t.lead_leader_id for t in res.tasks} == {world.leaders["孙伟"]}
    assert res.tasks[1].units[0].method == "exact"
    assert s.scalar(select(func.count()).select_from(Directive)) == 3


def test_fuzzy_and_collective_matches_carry_method_and_score(s, world) -> None:
    rec = make_record(items=[("各街道要配合开展整治。", ["各街道"], None),
                             ("发展改革委员会要牵头。", ["发展和改革委员会"], None),
                             ("火星办要负责。", ["火星办"], None)])  # fmt: skip
    res = sv.import_record(s, world.dc, rec, today=TODAY)
    coll, fuzzy, none = res.tasks
    assert {tu.unit_id for tu in coll.units} == {world.units["城关街道"], world.units["东湖街道"]}
    assert {tu.method for tu in coll.units} == {"collective"}
    assert fuzzy.units[0].unit_id == world.units["发改委"] and fuzzy.units[0].method == "fuzzy"
    assert 80 <= fuzzy.units[0].score < 100
    assert none.units == [] and res.unmatched == ["火星办"] and none.unit_text == "火星办"


def test_deadline_text_resolved_against_meeting_date(s, world) -> None:
    rec = make_record(items=[("三季度末前完成。", ["财政局"], None)])
    rec.directives[0].deadlines = [type(rec.directives[0]).model_fields["deadlines"]
                                   .annotation.__args__[0](text="三季度末前", span=(0, 5))]  # fmt: skip
    res = sv.import_record(s, world.dc, rec, today=TODAY)
    assert res.tasks[0].deadline.isoformat() == "2024-09-30"
    assert res.tasks[0].deadline_text == "三季度末前"


def test_same_document_twice_is_refused(s, world) -> None:
    first = sv.import_record(s, world.dc, make_record(), today=TODAY)
    before = counts(s)
    with pytest.raises(DuplicateImport) as exc:
        sv.import_record(s, world.dc, make_record(), today=TODAY)
    assert exc.value.meeting_id == first.meeting.id
    assert counts(s) == before


def test_failed_import_leaves_database_as_it_was(s, world) -> None:
    sv.import_record(s, world.dc, make_record(sha="b" * 64), today=TODAY)
    before = counts(s)
    bad = make_record(sha="c" * 64)
    bad.directives[2].deadlines[0].due = "2024-13-45"  # fails after two tasks were built
    with pytest.raises(ValidationFailed, match="bad due date"):
        sv.import_record(s, world.dc, bad, today=TODAY)
    assert counts(s) == before
    assert s.scalar(select(Meeting).where(Meeting.source_sha256 == "c" * 64)) is None


def test_only_the_office_imports(s, world) -> None:
    for who in ("fgw", "lead", "viewer"):
        with pytest.raises(PermissionDenied):
            sv.import_record(s, world.users[who], make_record(), today=TODAY)


def test_real_seed_document_imports_with_consistent_structure(s, world) -> None:
    res = sv.import_document(s, world.dc, SEED, today=TODAY)
    m = res.meeting
    assert m.origin == "document" and m.source_format == "text"
    assert len(m.source_sha256) == 64 and m.record["text"]
    directives = s.scalars(select(Directive).where(Directive.meeting_id == m.id)).all()
    parents = {d.parent_seq for d in directives if d.parent_seq is not None}
    assert len(res.tasks) == len([d for d in directives if d.seq not in parents])
    text = m.record["text"]
    for t in res.tasks:
        assert t.state == "draft" and t.content
        assert text[t.span_start : t.span_end] == t.content
    with pytest.raises(DuplicateImport):
        sv.import_document(s, world.dc, SEED, today=TODAY)


def test_unreadable_document_is_an_input_error(s, world, tmp_path) -> None:
    from luoshi.text import InputError

    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InputError):
        sv.import_document(s, world.dc, bad, today=TODAY)
    assert counts(s)[0] == 0


def test_document_without_a_meeting_is_refused(s, world, tmp_path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("今天天气很好。", "utf-8")
    with pytest.raises(ValidationFailed, match="no meeting"):
        sv.import_document(s, world.dc, note, today=TODAY)
    assert counts(s)[0] == 0
