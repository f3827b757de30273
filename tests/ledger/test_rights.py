"""Rights are enforced in the services. Table-driven: the liaison of 财政局 asks for a task
of 发改委 through every service that takes a task (or a unit) and is refused, and the task
is unchanged. A guard test makes sure no service taking `task_id` escapes the table."""

from __future__ import annotations

import inspect
from datetime import date

import pytest

from luoshi.ledger import services as sv
from luoshi.ledger.errors import PermissionDenied
from luoshi.ledger.models import Milestone, Problem

from .conftest import TODAY

CALLS = {
    "get_task": lambda s, u, t, w: sv.get_task(s, u, t),
    "get_task_view": lambda s, u, t, w: sv.get_task_view(s, u, t),
    "task_history": lambda s, u, t, w: sv.task_history(s, u, t),
    "accept": lambda s, u, t, w: sv.accept(s, u, t),
    "report_progress": lambda s, u, t, w: sv.report_progress(s, u, t, "进展", 10),
    "request_extension": lambda s, u, t, w: sv.request_extension(s, u, t, date(2025, 1, 1), "r"),
    "approve_extension": lambda s, u, t, w: sv.approve_extension(s, u, t),
    "refuse_extension": lambda s, u, t, w: sv.refuse_extension(s, u, t),
    "decide_extension": lambda s, u, t, w: sv.decide_extension(s, u, t, True),
    "raise_problem": lambda s, u, t, w: sv.raise_problem(s, u, t, "问题"),
    "resolve_problem": lambda s, u, t, w: sv.resolve_problem(s, u, w["problem"], "好了"),
    "submit_done": lambda s, u, t, w: sv.submit_done(s, u, t, "完成"),
    "verify": lambda s, u, t, w: sv.verify(s, u, t),
    "cancel": lambda s, u, t, w: sv.cancel(s, u, t, "理由"),
    "urge": lambda s, u, t, w: sv.urge(s, u, t),
    "assign": lambda s, u, t, w: sv.assign(s, u, t),
    "set_deadline": lambda s, u, t, w: sv.set_deadline(s, u, t, date(2025, 1, 1)),
    "comment": lambda s, u, t, w: sv.comment(s, u, t, "看看"),
    "instruct": lambda s, u, t, w: sv.instruct(s, u, t, "批示"),
    "add_milestone": lambda s, u, t, w: sv.add_milestone(s, u, t, "开工"),
    "complete_milestone": lambda s, u, t, w: sv.complete_milestone(s, u, w["milestone"]),
    "edit_draft": lambda s, u, t, w: sv.edit_draft(s, u, t, title="改"),
    "merge_drafts": lambda s, u, t, w: sv.merge_drafts(s, u, [t, w["other"]]),
    "split_draft": lambda s, u, t, w: sv.split_draft(s, u, t, ["a", "b"]),
    "drop_draft": lambda s, u, t, w: sv.drop_draft(s, u, t),
    "inbox": lambda s, u, t, w: sv.inbox(s, u, w["unit"]),
    "dashboard": lambda s, u, t, w: sv.dashboard(s, u, unit_id=w["unit"]),
    "assign_all": lambda s, u, t, w: sv.assign_all(s, u, w["meeting"]),
    "create_task": lambda s, u, t, w: sv.create_task(s, u, "x", lead_unit_ids=[w["unit"]]),
    "import_record": lambda s, u, t, w: sv.import_record(s, u, None),  # type: ignore[arg-type]
}


@pytest.fixture
def target(s, world, imported):  # type: ignore[no-untyped-def]
    """Task 1 (发改委) assigned, with a problem routed to 发改委 and a milestone."""
    tid = imported.tasks[0].id
    sv.assign(s, world.dc, tid)
    p = sv.raise_problem(s, world.fgw, tid, "需协调", routed_unit_id=world.units["发改委"])
    m = sv.add_milestone(s, world.dc, tid, "签约", date(2024, 6, 10))
    return {"task": tid, "problem": p.id, "milestone": m.id, "unit": world.units["发改委"],
            "other": imported.tasks[1].id, "meeting": imported.meeting.id}  # fmt: skip


def snapshot(s, tid: int):  # type: ignore[no-untyped-def]
    s.expire_all()
    from luoshi.ledger.models import Event, Task

    task = s.get(Task, tid)
    return (task.state, task.version, task.title, s.query(Event).count(),
            s.get(Problem, 1).status, s.query(Milestone).filter(Milestone.done_on.is_not(None)).count())  # fmt: skip


@pytest.mark.parametrize("service", sorted(CALLS))
def test_liaison_of_another_unit_is_refused(s, world, target, service) -> None:
    before = snapshot(s, target["task"])
    with pytest.raises(PermissionDenied):
        CALLS[service](s, world.czj, target["task"], target)
    assert snapshot(s, target["task"]) == before


def test_liaison_lists_never_show_other_units(s, world, target) -> None:
    page = sv.list_tasks(s, world.czj, sv.TaskFilter(unit_id=world.units["发改委"]), today=TODAY)
    assert page.items == [] and page.total == 0
    mine = sv.list_tasks(s, world.czj, sv.TaskFilter(), today=TODAY)
    assert [t.lead_units for t in mine.items] == [["区财政局"]]
    d = sv.dashboard(s, world.czj, today=TODAY)
    assert d.total == 1


def test_every_task_service_is_in_the_table() -> None:
    takes_task = {
        name for name in sv.__all__
        if callable(getattr(sv, name)) and not inspect.isclass(getattr(sv, name))
        and {"task_id", "task_ids", "problem_id", "milestone_id", "meeting_id"}
        & set(inspect.signature(getattr(sv, name)).parameters)
    }  # fmt: skip
    # get_meeting: a liaison reads a meeting that gave its unit a task (tested below)
    missing = takes_task - set(CALLS) - {"get_meeting"}
    assert not missing, f"add these services to the rights table: {sorted(missing)}"


@pytest.mark.parametrize("who", ["lead", "viewer"])
def test_readers_read_all_but_do_not_act(s, world, target, who) -> None:
    user = world.users[who]
    assert sv.get_task(s, user, target["task"]).id == target["task"]
    for service in ("accept", "report_progress", "assign", "verify", "urge", "cancel"):
        with pytest.raises(PermissionDenied):
            CALLS[service](s, user, target["task"], target)


def test_own_unit_liaison_may_act(s, world, target) -> None:
    sv.accept(s, world.fgw, target["task"])
    sv.report_progress(s, world.fgw, target["task"], "进展", 20, today=TODAY)
    assert [t.id for t in sv.inbox(s, world.fgw, today=TODAY)] == [target["task"]]
    sv.resolve_problem(s, world.fgw, target["problem"], "本单位已解决")  # routed to its unit


def test_assist_unit_reports_but_does_not_ask_extension(s, world, imported) -> None:
    tid = imported.tasks[2].id  # 住建局 lead, 城关街道 second lead → make it assist
    sv.edit_draft(s, world.dc, tid, lead_unit_ids=[world.units["住建局"]],
                  assist_unit_ids=[world.units["财政局"]])  # fmt: skip
    sv.assign(s, world.dc, tid)
    sv.report_progress(s, world.czj, tid, "配合单位已拨付资金", 10, today=TODAY)
    with pytest.raises(PermissionDenied):
        sv.request_extension(s, world.czj, tid, date(2025, 3, 1), "配合单位不能申请")


def test_inactive_user_is_refused(s, world, target) -> None:
    world.dc.active = False
    with pytest.raises(PermissionDenied):
        sv.get_task(s, world.dc, target["task"])


def test_liaison_reads_only_meetings_that_gave_it_a_task(s, world, target) -> None:
    from .conftest import make_record

    other = sv.import_record(s, world.dc, make_record([("发改委要牵头。", ["发改委"], None)],
                                                      sha="d" * 64), today=TODAY)  # fmt: skip
    assert sv.get_meeting(s, world.czj, target["meeting"]).id == target["meeting"]
    with pytest.raises(PermissionDenied):
        sv.get_meeting(s, world.czj, other.meeting.id)
    assert [m.id for m in sv.list_meetings(s, world.czj)] == [target["meeting"]]
    assert len(sv.list_meetings(s, world.fgw)) == 2
