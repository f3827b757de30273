"""Scores and rankings per unit and period, by the rules of `luoshi.ledger.scoring`."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from luoshi.ledger import settings as _settings
from luoshi.ledger.derived import LIVE_VALUES
from luoshi.ledger.models import Extension, ProgressReport, Score, Task, TaskUnit, Unit, Urge, User
from luoshi.ledger.rights import _active, require_office
from luoshi.ledger.scoring import ScoreRules, months, parse_period
from luoshi.ledger.services.base import record_event, unit_of_work


@dataclass
class ScoreRow:
    unit_id: int
    unit_name: str
    score: float
    rank: int = 0
    details: dict[str, float] = field(default_factory=dict)


def _rank(rows: list[ScoreRow]) -> list[ScoreRow]:
    rows.sort(key=lambda r: (-r.score, r.unit_name))
    for i, r in enumerate(rows):
        r.rank = rows[i - 1].rank if i and rows[i - 1].score == r.score else i + 1
    return rows


def compute(session: Session, period: str, rules: ScoreRules, today: date) -> list[ScoreRow]:
    start, end = parse_period(period)
    end = min(end, today)
    t0, t1 = datetime.combine(start, time.min), datetime.combine(end, time.max)
    c: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    lead = select(TaskUnit.task_id, TaskUnit.unit_id).where(TaskUnit.role == "lead").subquery()
    base = select(lead.c.unit_id, Task.deadline, Task.closed_at)
    base = base.join(Task, Task.id == lead.c.task_id)
    closed = base.where(Task.state == "done", Task.closed_at.between(t0, t1))
    for uid, deadline, closed_at in session.execute(closed):
        late = (closed_at.date() - deadline).days if deadline else 0
        if late > 0:
            c[uid]["done_late"] += 1
            c[uid]["late_days"] += min(late, rules.late_day_cap)
        else:
            c[uid]["done_on_time"] += 1
    month_list = months(start, end)
    reported = defaultdict(set)
    for tid, period_key in session.execute(
        select(ProgressReport.task_id, ProgressReport.period).where(
            ProgressReport.period.in_(month_list)).distinct()
    ):  # fmt: skip
        reported[tid].add(period_key)
    live_ids = select(lead.c.unit_id, Task.id, Task.deadline, Task.assigned_at).join(
        Task, Task.id == lead.c.task_id).where(Task.state.in_(LIVE_VALUES), Task.assigned_at <= t1)  # fmt: skip
    for uid, tid, deadline, assigned_at in session.execute(live_ids):
        c[uid]["open"] += 1
        if deadline and deadline < end:
            c[uid]["overdue_open"] += 1
            c[uid]["overdue_days"] += min((end - deadline).days, rules.late_day_cap)
        for mk in month_list:  # months after assignment without a report
            if mk > f"{assigned_at:%Y-%m}" and mk not in reported[tid]:
                c[uid]["missing_report"] += 1
    for uid, n in session.execute(
        select(Urge.unit_id, func.count()).where(Urge.channel == "manual", Urge.at.between(t0, t1))
        .group_by(Urge.unit_id)
    ):  # fmt: skip
        if uid is not None:
            c[uid]["urge"] += n
    for uid, status, n in session.execute(
        select(Extension.unit_id, Extension.status, func.count())
        .where(and_(Extension.decided_at.between(t0, t1), Extension.status != "pending"))
        .group_by(Extension.unit_id, Extension.status)
    ):  # fmt: skip
        if uid is not None:
            c[uid]["extension" if status == "approved" else "extension_refused"] += n
    names = {
        i: n for i, n in session.execute(select(Unit.id, Unit.name).where(Unit.id.in_(list(c))))
    }
    rows = []
    for uid, d in c.items():
        score = (rules.base + rules.done_on_time * d["done_on_time"] + rules.done_late * d["done_late"]
                 + rules.late_day * d["late_days"] + rules.overdue_open * d["overdue_open"]
                 + rules.overdue_day * d["overdue_days"] + rules.missing_report * d["missing_report"]
                 + rules.urge * d["urge"] + rules.extension * d["extension"]
                 + rules.extension_refused * d["extension_refused"])  # fmt: skip
        score = round(max(rules.floor, min(rules.ceiling, score)), 2)
        rows.append(ScoreRow(uid, names[uid], score, details={k: float(v) for k, v in d.items()}))
    return _rank(rows)


@unit_of_work
def compute_scores(
    session: Session,
    actor: User | None,
    period: str,
    *,
    rules: ScoreRules | None = None,
    today: date | None = None,
    save: bool = True,
) -> list[ScoreRow]:
    """Score every unit with tasks in play for `period` (2024, 2024-H1, 2024-Q2, 2024-05)
    and store the ranking (recomputing a period replaces its stored figures)."""
    actor = require_office(actor, "compute scores")
    rules = rules or ScoreRules()
    rows = compute(session, period, rules, today or _settings.today())
    if save:
        stored = {
            sc.unit_id: sc for sc in session.scalars(select(Score).where(Score.period == period))
        }
        for r in rows:
            sc = stored.pop(r.unit_id, None) or Score(period=period, unit_id=r.unit_id)
            sc.score, sc.rank, sc.details = r.score, r.rank, {**r.details, "rules": rules.as_dict()}
            session.add(sc)
        for gone in stored.values():  # a unit no longer in play keeps no stale rank
            gone.rank, gone.score, gone.details = 0, 0.0, {"withdrawn": True}
        record_event(session, actor, "scores_computed", note=period,
                     data={"units": len(rows), "rules": rules.as_dict()})  # fmt: skip
    return rows


def ranking(session: Session, actor: User | None, period: str) -> list[ScoreRow]:
    """The stored ranking of a period (everyone but liaisons sees all of it; a liaison
    sees its own unit's line only)."""
    actor = _active(actor)
    stmt = select(Score, Unit.name).join(Unit).where(Score.period == period, Score.rank > 0)
    if actor.role == "liaison":
        stmt = stmt.where(Score.unit_id == actor.unit_id)
    rows = [ScoreRow(sc.unit_id, name, sc.score, sc.rank, {k: v for k, v in sc.details.items()
                                                         if k != "rules"})
            for sc, name in session.execute(stmt.order_by(Score.rank, Unit.name))]  # fmt: skip
    return rows
