"""Derived figures (light, overdue, days left) in SQL and Python, lists, inbox, dashboard."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from luoshi.ledger import services as sv
from luoshi.ledger.deadlines import parse_deadline
from luoshi.ledger.matching import split_mentions

from .conftest import TODAY, make_record

ITEMS = [
    ("过期任务。", ["发改委"], (TODAY - timedelta(days=3)).isoformat()),
    ("临近任务。", ["发改委"], (TODAY + timedelta(days=7)).isoformat()),
    ("充裕任务。", ["财政局"], (TODAY + timedelta(days=30)).isoformat()),
    ("无期限任务。", ["财政局"], None),
    ("今天到期。", ["住建局"], TODAY.isoformat()),
]


@pytest.fixture
def lit(s, world):  # type: ignore[no-untyped-def]
    res = sv.import_record(s, world.dc, make_record(ITEMS), today=TODAY)
    ids = [t.id for t in res.tasks]
    for tid in ids:
        if tid != ids[3]:
            sv.assign(s, world.dc, tid)
    return ids


def test_lights_sql_and_python_agree(s, world, lit) -> None:
    expected = ["red", "yellow", "green", None, "yellow"]  # the undated one is still a draft
    views = {v.id: v for v in sv.list_tasks(s, world.dc, today=TODAY).items}
    assert [views[i].light for i in lit] == expected
    for light in ("red", "yellow", "green"):
        page = sv.list_tasks(s, world.dc, sv.TaskFilter(light=light), today=TODAY)
        assert sorted(v.id for v in page.items) == [i for i, e in zip(lit, expected, strict=True)
                                                    if e == light]  # fmt: skip
    assert [views[i].days_left for i in lit] == [-3, 7, 30, None, 0]
    overdue = sv.list_tasks(s, world.dc, sv.TaskFilter(overdue=True), today=TODAY)
    assert [v.id for v in overdue.items] == [lit[0]]
    # a later "today": the same rows, other colours — nothing stored
    later = sv.list_tasks(s, world.dc, sv.TaskFilter(light="red"), today=TODAY + timedelta(days=8))
    assert sorted(v.id for v in later.items) == [lit[0], lit[1], lit[4]]


def test_closed_tasks_have_no_light_and_are_not_overdue(s, world, lit) -> None:
    sv.report_progress(s, world.fgw, lit[0], "完成", 100, today=TODAY)
    sv.submit_done(s, world.fgw, lit[0], "完成")
    sv.verify(s, world.dc, lit[0])
    v = sv.get_task_view(s, world.dc, lit[0], today=TODAY)
    assert (v.light, v.overdue, v.state_label) == (None, False, "已办结")


def test_filters_order_and_paging(s, world, lit) -> None:
    page = sv.list_tasks(s, world.dc, sv.TaskFilter(limit=2), today=TODAY)
    assert page.total == 5 and [v.id for v in page.items] == [lit[0], lit[4]]  # by deadline
    last = sv.list_tasks(s, world.dc, sv.TaskFilter(limit=2, offset=4), today=TODAY)
    assert [v.id for v in last.items] == [lit[3]]  # undated last
    assert sv.list_tasks(s, world.dc, sv.TaskFilter(q="临近"), today=TODAY).total == 1
    unit = sv.list_tasks(s, world.dc, sv.TaskFilter(unit_id=world.units["财政局"]), today=TODAY)
    assert sorted(v.id for v in unit.items) == [lit[2], lit[3]]
    st = sv.list_tasks(s, world.dc, sv.TaskFilter(states=("draft",)), today=TODAY)
    assert [v.id for v in st.items] == [lit[3]]
    lead = sv.list_tasks(s, world.dc, sv.TaskFilter(leader_id=world.leaders["陈静"]), today=TODAY)
    assert lead.total == 5  # the speaker leads them all


def test_inbox_and_dashboard(s, world, lit) -> None:
    assert [v.id for v in sv.inbox(s, world.fgw, today=TODAY)] == [lit[0], lit[1]]
    assert [v.id for v in sv.inbox(s, world.dc, world.units["财政局"], today=TODAY)] == [lit[2]]
    d = sv.dashboard(s, world.dc, today=TODAY)
    assert d.total == 5 and d.by_state == {"assigned": 4, "draft": 1}
    assert d.by_light == {"red": 1, "yellow": 2, "green": 1}
    assert (d.overdue, d.due_soon) == (1, 2)
    sv.request_extension(s, world.fgw, lit[1], TODAY + timedelta(days=60), "原因")
    sv.raise_problem(s, world.fgw, lit[0], "问题")
    d = sv.dashboard(s, world.fgw, today=TODAY)
    assert (d.total, d.pending_extensions, d.open_problems) == (2, 1, 1)


@pytest.mark.parametrize(
    ("text", "due"),
    [("6月底前", date(2024, 6, 30)), ("年底前", date(2024, 12, 31)), ("三季度末", date(2024, 9, 30)),
     ("2024年10月15日", date(2024, 10, 15)), ("2025-03", date(2025, 3, 31)),
     ("3月底", date(2025, 3, 31)), ("十二月中旬", date(2024, 12, 20)), ("上半年", date(2024, 6, 30)),
     ("长期坚持", None)],
)  # fmt: skip
def test_deadline_phrases(text, due) -> None:
    assert parse_deadline(text, date(2024, 5, 10)) == (due, True)


def test_unreadable_deadline_phrases() -> None:
    for bad in ("下周", "2月30日", "2024年13月"):
        assert parse_deadline(bad, date(2024, 5, 10)) == (None, False)


def test_split_mentions() -> None:
    assert split_mentions("区发改委、区财政局,各街道") == ["区发改委", "区财政局", "各街道"]
