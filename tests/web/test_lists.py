"""The web's task lists and figures against the ledger's own definitions: the index-friendly
lights select exactly the ledger's tasks, pages say whether more follow and count only when
asked, and the dashboard's grouped pass gives the ledger's headline figures."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from luoshi.ledger import queries_web as qw
from luoshi.ledger import services as sv
from luoshi.ledger.db import make_engine, session_factory
from luoshi.web.filters import category_choices, category_label

from .conftest import BACKENDS, fresh_database
from .seed import seed, small_record

TODAY = date.today()
OFFSETS = (-30, -1, 0, 3, 7, 8, 40, None)  # around the yellow window (7 days by default)


@pytest.fixture(scope="module", params=BACKENDS)
def ledger(request, tmp_path_factory):  # type: ignore[no-untyped-def]
    """Tasks of every state-and-deadline shape that decides a light (SQLite, and
    PostgreSQL when LUOSHI_TEST_PG_URL is set)."""
    url = fresh_database(request.param, tmp_path_factory, "lists")
    seeded = seed(url)
    engine = make_engine(url)
    s = session_factory(engine)()
    sup = sv.get_user(s, "supervisor")
    unit = seeded.unit_ids["区发展和改革委员会"]
    n = 0
    for i, offset in enumerate(OFFSETS):
        res = sv.import_record(s, sup, small_record(tag=f"l{i}"))
        for j, t in enumerate(res.tasks):
            due = None if offset is None else TODAY + timedelta(days=offset + j)
            sv.edit_draft(s, sup, t.id, deadline=due, lead_unit_ids=[unit],
                          category=("projects", "economy", None)[j])  # fmt: skip
            if (i + j) % 4 and due is not None:  # a quarter stay drafts, and the undated
                sv.assign(s, sup, t.id)
            if (i + j) % 4 == 3 and due is not None:
                sv.accept(s, sup, t.id)
                sv.report_progress(s, sup, t.id, "完成", 100)
                sv.submit_done(s, sup, t.id, "完成")
                sv.verify(s, sup, t.id, True, None)
            n += 1
    yield s, sup, n
    s.close()
    engine.dispose()


@pytest.mark.parametrize("light", ["red", "yellow", "green", None])
@pytest.mark.parametrize("order", ["deadline", "id", "updated"])
def test_lights_select_the_ledgers_tasks(ledger, light: str | None, order: str) -> None:  # type: ignore[no-untyped-def]
    s, sup, _ = ledger
    flt = sv.TaskFilter(light=light, order=order, limit=1000)
    mine = qw.task_page(s, sup, flt, today=TODAY).items
    theirs = sv.list_tasks(s, sup, flt, today=TODAY).items
    assert {t.id for t in mine} == {t.id for t in theirs}
    assert len(mine) > 0
    if light:
        assert {t.light for t in mine} == {light}
    if order == "deadline":  # same order too, undated last
        assert [t.id for t in mine] == [t.id for t in theirs]
    by_id = {t.id: t for t in theirs}
    for t in mine:  # the same views, field by field
        assert t == by_id[t.id]


@pytest.mark.parametrize("after,before", [(-5, 10), (0, None), (None, 3), (8, 8)])
def test_deadline_ranges_select_the_ledgers_tasks(ledger, after, before) -> None:  # type: ignore[no-untyped-def]
    s, sup, _ = ledger
    flt = sv.TaskFilter(
        due_after=None if after is None else TODAY + timedelta(days=after),
        due_before=None if before is None else TODAY + timedelta(days=before),
        limit=1000,
    )
    mine = [t.id for t in qw.task_page(s, sup, flt, today=TODAY).items]
    theirs = [t.id for t in sv.list_tasks(s, sup, flt, today=TODAY).items]
    assert mine == theirs and mine  # undated tasks never in a deadline range


@pytest.mark.parametrize("field", ["leader_id", "category", "states"])
def test_filtered_lists_walk_in_the_ledgers_order(ledger, field: str) -> None:  # type: ignore[no-untyped-def]
    s, sup, _ = ledger
    value = {"leader_id": None, "category": "projects", "states": ("assigned",)}[field]
    if field == "leader_id":
        value = sv.list_leaders(s, sup)[0].id
        for t in sv.list_tasks(s, sup, sv.TaskFilter(states=("draft",), limit=3)).items:
            sv.edit_draft(s, sup, t.id, lead_leader_id=value)
    flt = sv.TaskFilter(**{field: value, "limit": 1000})  # type: ignore[arg-type]
    mine = [t.id for t in qw.task_page(s, sup, flt, today=TODAY).items]
    assert mine and mine == [t.id for t in sv.list_tasks(s, sup, flt, today=TODAY).items]


def test_overdue_is_red_and_not_overdue_is_the_rest(ledger) -> None:  # type: ignore[no-untyped-def]
    s, sup, n = ledger
    late = qw.task_page(s, sup, sv.TaskFilter(overdue=True, limit=1000), today=TODAY).items
    red = qw.task_page(s, sup, sv.TaskFilter(light="red", limit=1000), today=TODAY).items
    rest = qw.task_page(s, sup, sv.TaskFilter(overdue=False, limit=1000), today=TODAY).items
    assert late and {t.id for t in late} == {t.id for t in red}
    assert len(late) + len(rest) == n and all(t.overdue for t in late)


def test_pages_say_whether_more_follow_and_count_only_when_asked(ledger) -> None:  # type: ignore[no-untyped-def]
    s, sup, n = ledger
    seen: list[int] = []
    offset = 0
    while True:
        page = qw.task_page(s, sup, sv.TaskFilter(limit=5, offset=offset), today=TODAY)
        assert page.total is None
        seen += [t.id for t in page.items]
        if not page.has_more:
            break
        assert len(page.items) == 5
        offset += 5
    assert len(seen) == len(set(seen)) == n
    counted = qw.task_page(s, sup, sv.TaskFilter(limit=5), today=TODAY, count=True)
    assert counted.total == n and counted.has_more
    assert qw.count_tasks(s, sup, sv.TaskFilter(light="red"), today=TODAY) == len(
        sv.list_tasks(s, sup, sv.TaskFilter(light="red", limit=1000), today=TODAY).items
    )


def test_the_api_pages_and_counts_on_request(seeded, client_for) -> None:  # type: ignore[no-untyped-def]
    engine = make_engine(seeded.url)
    with session_factory(engine)() as s:
        for tag in ("a", "b"):
            sv.import_record(s, sv.get_user(s, "supervisor"), small_record(tag=tag))
    engine.dispose()
    c = client_for("supervisor")
    first = c.get("/api/v1/tasks?limit=4").json()
    assert first["has_more"] is True and first["total"] is None and len(first["items"]) == 4
    last = c.get("/api/v1/tasks?limit=4&page=2").json()
    assert last["has_more"] is False and len(last["items"]) == 2 and last["offset"] == 4
    assert {t["id"] for t in first["items"]}.isdisjoint(t["id"] for t in last["items"])
    counted = c.get("/api/v1/tasks?limit=4&count=true").json()
    assert counted["total"] == 6


def test_headline_figures_are_the_ledgers(ledger) -> None:  # type: ignore[no-untyped-def]
    s, sup, n = ledger
    mine, leaders = qw.headline(s, sup, TODAY)
    assert sum(c.total for c in leaders) <= mine.total
    theirs = sv.dashboard(s, sup, today=TODAY)
    assert mine == theirs and mine.total == n
    trend = qw.monthly_trend(s, sup, today=TODAY)
    assert len(trend) == 12 and trend[-1][0] == TODAY.isoformat()[:7]
    assigned = sum(1 for t in sv.list_tasks(s, sup, sv.TaskFilter(limit=1000)).items
                   if t.state != "draft")  # fmt: skip
    assert trend[-1][1] == assigned and trend[-1][2] == theirs.by_state.get("done", 0)
    cats = dict(qw.by_category(s, sup))
    assert cats.get("projects") and None in cats


def test_category_labels() -> None:
    assert category_label("projects") == "项目建设"
    assert category_label(None) == "未分类" and category_label("general") == "综合"
    assert category_label("no-such-key") == "no-such-key"
    keys = [k for k, _ in category_choices()]
    assert keys[0] == "economy" and "projects" in keys and len(keys) == len(set(keys))
