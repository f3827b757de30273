"""Scores and rankings by the documented rules."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from luoshi.ledger import services as sv
from luoshi.ledger.models import Extension, Task, Urge
from luoshi.ledger.scoring import ScoreRules, parse_period

from .conftest import make_record

TODAY = date(2024, 6, 30)


@pytest.fixture
def played(s, world):  # type: ignore[no-untyped-def]
    """发改委: one task done on time, one done 5 days late. 财政局: one overdue by 10 days at
    the period's end, urged once, extension refused. 住建局: on track, reported."""
    items = [("甲。", ["发改委"], "2024-05-31"), ("乙。", ["发改委"], "2024-05-20"),
             ("丙。", ["财政局"], "2024-06-20"), ("丁。", ["住建局"], "2024-12-31")]  # fmt: skip
    res = sv.import_record(s, world.dc, make_record(items, speaker=None), today=TODAY)
    a, b, c, d = (t.id for t in res.tasks)
    for tid in (a, b, c, d):
        sv.assign(s, world.dc, tid)
        s.get(Task, tid).assigned_at = datetime(2024, 4, 1)
    s.commit()
    for tid, closed in ((a, datetime(2024, 5, 30, 9)), (b, datetime(2024, 5, 25, 9))):
        sv.report_progress(s, world.fgw, tid, "完成", 100, today=date(2024, 5, 1))
        sv.submit_done(s, world.fgw, tid, "完成")
        sv.verify(s, world.dc, tid)
        s.get(Task, tid).closed_at = closed
    s.commit()
    sv.urge(s, world.dc, c, "抓紧")
    sv.request_extension(s, world.czj, c, date(2024, 8, 1), "资金未到位")
    sv.refuse_extension(s, world.dc, c, "不同意")
    for row in (*s.scalars(select(Urge)), *s.scalars(select(Extension))):  # happened in June
        (row.__setattr__("at", datetime(2024, 6, 10)) if isinstance(row, Urge)
         else row.__setattr__("decided_at", datetime(2024, 6, 11)))  # fmt: skip
    s.commit()
    for month in (date(2024, 5, 3), date(2024, 6, 3)):
        sv.report_progress(s, world.zjj, d, f"{month:%m}月进展", 10 * month.month, today=month)
    return a, b, c, d


def test_scores_follow_the_rules(s, world, played) -> None:
    rows = sv.compute_scores(s, world.dc, "2024-Q2", today=TODAY)
    by = {r.unit_name: r for r in rows}
    r = ScoreRules()
    fgw, czj, zjj = by["区发展和改革委员会"], by["区财政局"], by["区住房和城乡建设局"]
    assert fgw.details["done_on_time"] == 1 and fgw.details["done_late"] == 1
    assert fgw.score == pytest.approx(r.base + r.done_on_time + r.done_late + 5 * r.late_day)
    # 财政局: overdue 10 days at 6-30, no report in May or June, one urge, a refusal (0)
    assert czj.details["overdue_open"] == 1 and czj.details["overdue_days"] == 10
    assert czj.details["missing_report"] == 2 and czj.details["urge"] == 1
    assert czj.score == pytest.approx(r.base + r.overdue_open + 10 * r.overdue_day
                                      + 2 * r.missing_report + r.urge)  # fmt: skip
    assert zjj.score == r.base
    assert [x.unit_name for x in rows] == ["区住房和城乡建设局", "区发展和改革委员会", "区财政局"]
    assert [x.rank for x in rows] == [1, 1, 3]  # 100 + 2 - 1 - 5 × 0.2 = 100: a tie
    stored = sv.ranking(s, world.viewer, "2024-Q2")
    assert [(x.rank, x.unit_name, x.score) for x in stored] == [(x.rank, x.unit_name, x.score)
                                                                for x in rows]  # fmt: skip
    assert [x.unit_name for x in sv.ranking(s, world.czj, "2024-Q2")] == ["区财政局"]


def test_rules_are_configurable_and_ties_share_a_rank(s, world, played, tmp_path) -> None:
    f = tmp_path / "rules.json"
    f.write_text('{"done_on_time": 0, "done_late": 0, "late_day": 0, "overdue_open": 0,'
                 ' "overdue_day": 0, "missing_report": 0, "urge": 0}')  # fmt: skip
    rows = sv.compute_scores(s, world.dc, "2024-Q2", rules=ScoreRules.load(f), today=TODAY)
    assert {x.score for x in rows} == {100.0} and {x.rank for x in rows} == {1}
    f.write_text('{"done_on_tme": 3}')
    with pytest.raises(ValueError, match="unknown scoring rules"):
        ScoreRules.load(f)


def test_recomputing_replaces_the_stored_ranking(s, world, played) -> None:
    sv.compute_scores(s, world.dc, "2024-Q2", today=TODAY)
    sv.compute_scores(s, world.dc, "2024-Q2", today=TODAY + timedelta(days=0))
    assert len(sv.ranking(s, world.dc, "2024-Q2")) == 3


@pytest.mark.parametrize(
    ("period", "span"),
    [("2024", (date(2024, 1, 1), date(2024, 12, 31))), ("2024-Q2", (date(2024, 4, 1), date(2024, 6, 30))),
     ("2024-02", (date(2024, 2, 1), date(2024, 2, 29))), ("2024-H2", (date(2024, 7, 1), date(2024, 12, 31)))],
)  # fmt: skip
def test_periods(period, span) -> None:
    assert parse_period(period) == span


def test_bad_period() -> None:
    with pytest.raises(ValueError, match="use 2024"):
        parse_period("2024-Q5")
