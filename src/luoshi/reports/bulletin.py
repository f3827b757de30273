"""Gathering a period's 督查通报 from the ledger services: figures, ranking, overdue list."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from luoshi.ledger import services as sv
from luoshi.ledger.models import User
from luoshi.ledger.scoring import ScoreRules, parse_period
from luoshi.reports.docx_bulletin import Bulletin


def build_bulletin(
    session: Session,
    actor: User,
    period: str,
    *,
    today: date | None = None,
    issuer: str = "区委区政府督查室",
    number: str | None = None,
    rules: ScoreRules | None = None,
) -> Bulletin:
    """The bulletin of `period` as of `today` (scores are recomputed and stored)."""
    from luoshi.ledger import settings

    today = today or settings.today()
    start, end = parse_period(period)
    d = sv.dashboard(session, actor, today=today)
    rows = sv.compute_scores(session, actor, period, rules=rules, today=today)
    overdue = sv.all_tasks(session, actor, sv.TaskFilter(overdue=True), today=today)
    live = sum(n for s, n in d.by_state.items() if s not in ("draft", "done", "cancelled"))
    figures = [
        f"截至{today.year}年{today.month}月{today.day}日,督查台账共有任务{d.total}项,"
        f"其中已办结{d.by_state.get('done', 0)}项(按期办结{d.done_on_time}项、逾期办结"
        f"{d.done_late}项),正在办理{live}项。",
        f"在办任务中,绿灯{d.by_light.get('green', 0)}项、黄灯{d.by_light.get('yellow', 0)}项、"
        f"红灯(逾期){d.by_light.get('red', 0)}项;待处理延期申请{d.pending_extensions}项,"
        f"待协调问题{d.open_problems}项。",
    ]
    return Bulletin(
        title=f"关于{_period_words(period)}重点工作任务落实情况的通报",
        issuer=issuer, date=today, number=number,
        intro=(f"为推动各项决策部署落地见效,现将{_period_words(period)}"
               f"({start:%Y年%m月%d日}至{min(end, today):%Y年%m月%d日})重点工作任务落实情况通报如下。"),
        figures=figures,
        ranking=[(r.rank, r.unit_name, r.score) for r in rows],
        overdue=[(v.title, "、".join(v.lead_units), v.deadline.isoformat() if v.deadline else "",
                  -(v.days_left or 0)) for v in overdue],
    )  # fmt: skip


def _period_words(period: str) -> str:
    y, rest = period[:4], period[5:]
    if not rest:
        return f"{y}年度"
    if rest.upper().startswith("Q"):
        return f"{y}年第{'一二三四'[int(rest[1:]) - 1]}季度"
    if rest.upper().startswith("H"):
        return f"{y}年{'上' if rest[1:] == '1' else '下'}半年"
    return f"{y}年{int(rest)}月"
