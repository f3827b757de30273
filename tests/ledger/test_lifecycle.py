"""The state machine through the services: legal paths, refused transitions, events."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from luoshi.ledger import services as sv
from luoshi.ledger.errors import Conflict, InvalidTransition, ValidationFailed
from luoshi.ledger.models import Event, Extension, Problem, Task, Urge

from .conftest import TODAY


def events(s, task_id: int) -> list[tuple[str, str | None, str | None]]:  # type: ignore[no-untyped-def]
    rows = s.scalars(select(Event).where(Event.task_id == task_id).order_by(Event.id))
    return [(e.kind, e.from_state, e.to_state) for e in rows]


def test_full_path_to_done_records_every_step(s, world, assigned) -> None:
    tid = assigned[0]
    sv.accept(s, world.fgw, tid)
    rep = sv.report_progress(s, world.fgw, tid, "已完成谋划60%", 60, today=TODAY,
                             attachments=[sv.AttachmentIn("清单.xlsx", b"xlsx-bytes")])  # fmt: skip
    assert rep.period == "2024-06" and rep.attachments[0].size == 10
    sv.submit_done(s, world.fgw, tid, "项目库已建立")
    task = sv.verify(s, world.dc, tid, True, "复核通过")
    assert task.state == "done" and task.percent == 100 and task.closed_at is not None
    assert events(s, tid) == [
        ("imported", None, "draft"), ("assign", "draft", "assigned"),
        ("accept", "assigned", "accepted"), ("report", "accepted", "in_progress"),
        ("submit_done", "in_progress", "review"), ("verify", "review", "done"),
    ]  # fmt: skip
    ev = s.scalars(select(Event).where(Event.task_id == tid, Event.kind == "verify")).one()
    assert ev.actor_id == world.dc.id and ev.note == "复核通过" and ev.at is not None


@pytest.mark.parametrize(
    ("action", "state"),
    [
        ("accept", "draft"), ("report", "draft"), ("verify", "assigned"),
        ("submit_done", "assigned"), ("assign", "assigned"), ("cancel", "done"),
        ("request_extension", "review"),
    ],
)  # fmt: skip
def test_illegal_transitions_are_refused_and_change_nothing(
    s, world, imported, action, state
) -> None:
    tid = imported.tasks[0].id
    if state != "draft":
        sv.assign(s, world.dc, tid)
    if state in ("review", "done"):
        sv.report_progress(s, world.fgw, tid, "进展", 90, today=TODAY)
        sv.submit_done(s, world.fgw, tid, "完成")
    if state == "done":
        sv.verify(s, world.dc, tid)
    before = (sv.get_task(s, world.dc, tid).state, len(events(s, tid)))
    call = {
        "accept": lambda: sv.accept(s, world.fgw, tid),
        "report": lambda: sv.report_progress(s, world.dc, tid, "x", 10),
        "verify": lambda: sv.verify(s, world.dc, tid),
        "submit_done": lambda: sv.submit_done(s, world.fgw, tid, "完成"),
        "assign": lambda: sv.assign(s, world.dc, tid),
        "cancel": lambda: sv.cancel(s, world.dc, tid, "不再需要"),
        "request_extension": lambda: sv.request_extension(s, world.fgw, tid, date(2025, 1, 1), "r"),
    }[action]
    with pytest.raises(InvalidTransition):
        call()
    assert (sv.get_task(s, world.dc, tid).state, len(events(s, tid))) == before


def test_assign_needs_lead_unit_and_deadline(s, world) -> None:
    t = sv.create_task(s, world.dc, "无单位任务")
    with pytest.raises(ValidationFailed, match="lead unit"):
        sv.assign(s, world.dc, t.id)
    sv.edit_draft(s, world.dc, t.id, lead_unit_ids=[world.units["财政局"]])
    with pytest.raises(ValidationFailed, match="deadline"):
        sv.assign(s, world.dc, t.id)
    sv.edit_draft(s, world.dc, t.id, deadline=date(2024, 7, 1))
    assert sv.assign(s, world.dc, t.id).state == "assigned"


def test_extension_approved_moves_deadline_refused_keeps_it(s, world, assigned) -> None:
    tid = assigned[0]
    sv.accept(s, world.fgw, tid)
    sv.request_extension(s, world.fgw, tid, date(2024, 8, 31), "征地手续未完成")
    assert sv.get_task(s, world.dc, tid).state == "extension_requested"
    sv.approve_extension(s, world.dc, tid, "同意")
    t = sv.get_task(s, world.dc, tid)
    assert (t.state, t.deadline, t.original_deadline) == ("accepted", date(2024, 8, 31),
                                                          date(2024, 6, 30))  # fmt: skip
    sv.request_extension(s, world.fgw, tid, date(2024, 12, 31), "再延")
    sv.refuse_extension(s, world.dc, tid, "不同意")
    t = sv.get_task(s, world.dc, tid)
    assert (t.state, t.deadline) == ("accepted", date(2024, 8, 31))
    assert [e.status for e in s.scalars(select(Extension).order_by(Extension.id))] == [
        "approved", "refused"]  # fmt: skip
    with pytest.raises(ValidationFailed):
        sv.request_extension(s, world.fgw, tid, date(2024, 8, 1), "earlier than now")


def test_problems_urges_comments_instructions(s, world, assigned) -> None:
    tid = assigned[0]
    p = sv.raise_problem(s, world.fgw, tid, "用地指标不足")
    assert p.routed_leader_id == world.leaders["陈静"] and p.status == "open"
    with pytest.raises(Exception, match="may not resolve"):
        sv.resolve_problem(s, world.czj, p.id, "x")
    sv.resolve_problem(s, world.lead, p.id, "已协调市里追加指标")  # routed to this leader
    assert s.get(Problem, p.id).status == "resolved"
    urges = sv.urge(s, world.dc, tid, "请加快")
    assert [u.unit_id for u in urges] == [world.units["发改委"]]
    sv.instruct(s, world.lead, tid, "请抓紧落实")
    sv.comment(s, world.fgw, tid, "收到")
    with pytest.raises(Exception, match="instructions"):
        sv.instruct(s, world.fgw, tid, "liaisons do not instruct")
    h = sv.task_history(s, world.dc, tid)
    assert [c.kind for c in h.comments] == ["instruction", "comment"]
    assert s.scalar(select(Urge.note)) == "请加快"
    kinds = [e.kind for e in h.events]
    assert kinds[-5:] == ["raise_problem", "resolve_problem", "urge", "instruction", "comment"]


def test_cancel_needs_reason_and_review_operations(s, world, imported) -> None:
    a, b, c = (t.id for t in imported.tasks)
    with pytest.raises(ValidationFailed):
        sv.cancel(s, world.dc, a, " ")
    merged = sv.merge_drafts(s, world.dc, [a, b], title="合并任务")
    assert merged.title == "合并任务" and merged.deadline == date(2024, 6, 30)
    assert {tu.unit_id for tu in merged.units} == {world.units["发改委"], world.units["财政局"]}
    gone = s.get(Task, b)
    assert (gone.state, gone.merged_into_id) == ("cancelled", a)
    parts = sv.split_draft(s, world.dc, c, ["老旧小区改造。", "背街小巷整治。"])
    assert [p.content for p in parts] == ["老旧小区改造。", "背街小巷整治。"]
    assert parts[1].split_from_id == c and len(parts[1].units) == 2
    dropped = sv.drop_draft(s, world.dc, parts[1].id, "重复")
    assert dropped.state == "cancelled" and dropped.cancel_reason == "重复"
    assert s.get(Task, parts[1].id) is not None  # nothing deleted


def test_stale_version_is_refused(s, world, assigned) -> None:
    tid = assigned[0]
    v = sv.get_task(s, world.dc, tid).version
    sv.accept(s, world.fgw, tid, expected_version=v)
    with pytest.raises(Conflict):
        sv.report_progress(s, world.fgw, tid, "基于旧版本", 10, expected_version=v)


def test_percent_never_goes_back_and_is_bounded(s, world, assigned) -> None:
    tid = assigned[0]
    sv.report_progress(s, world.fgw, tid, "一半", 50, today=TODAY)
    for bad in (40, 101, -1):
        with pytest.raises(ValidationFailed):
            sv.report_progress(s, world.fgw, tid, "x", bad, today=TODAY)
    with pytest.raises(ValidationFailed):
        sv.report_progress(s, world.fgw, tid, "  ", 60, today=TODAY)


def test_milestones(s, world, assigned) -> None:
    tid = assigned[0]
    m1 = sv.add_milestone(s, world.dc, tid, "签约", date(2024, 6, 10))
    sv.add_milestone(s, world.dc, tid, "开工", date(2024, 6, 20))
    sv.complete_milestone(s, world.fgw, m1.id, date(2024, 6, 9))
    h = sv.task_history(s, world.fgw, tid)
    assert [(m.title, m.done_on) for m in h.milestones] == [
        ("签约", date(2024, 6, 9)),
        ("开工", None),
    ]
