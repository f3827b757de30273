"""Reminders (`luoshi remind`, cron-able): tasks near or past their deadline and reports not
filed for the current period. Each reminder is recorded once per task, unit, kind and day
(running twice a day sends nothing new) and, when SMTP is configured, e-mailed to the
unit's address and its liaisons — one message per unit."""

from __future__ import annotations

import smtplib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from email.message import EmailMessage

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, selectinload

from luoshi.ledger import settings as _settings
from luoshi.ledger.derived import LIVE_VALUES
from luoshi.ledger.models import Reminder, Task, TaskUnit, Unit, User, utcnow
from luoshi.ledger.rights import require_office
from luoshi.ledger.services.base import record_event, unit_of_work
from luoshi.ledger.settings import Settings, SmtpSettings

KIND_LABELS = {"overdue": "已逾期", "due_soon": "即将到期", "report_missing": "本期未反馈进展"}


@dataclass
class RemindResult:
    created: list[Reminder] = field(default_factory=list)
    emails_sent: int = 0
    errors: list[str] = field(default_factory=list)


def period_start(day: date, every: str) -> date:
    return day - timedelta(days=day.weekday()) if every == "week" else day.replace(day=1)


def _due(session: Session, today: date, cfg: Settings) -> list[tuple[Task, str]]:
    soon = today + timedelta(days=cfg.yellow_days)
    start = datetime.combine(period_start(today, cfg.report_every), datetime.min.time())
    reporting = ("assigned", "accepted", "in_progress")
    stmt = (
        select(Task)
        .where(Task.state.in_(LIVE_VALUES))
        .where(
            or_(
                Task.deadline <= soon,
                and_(Task.state.in_(reporting), Task.assigned_at < start,
                     or_(Task.last_report_at.is_(None), Task.last_report_at < start)),
            )
        )
        .options(selectinload(Task.units).selectinload(TaskUnit.unit))
        .order_by(Task.deadline, Task.id)
    )  # fmt: skip
    out: list[tuple[Task, str]] = []
    for t in session.scalars(stmt):
        if t.deadline is not None and t.deadline < today:
            out.append((t, "overdue"))
        elif t.deadline is not None and t.deadline <= soon:
            out.append((t, "due_soon"))
        if (t.state in reporting and t.assigned_at and t.assigned_at < start
                and (t.last_report_at is None or t.last_report_at < start)):  # fmt: skip
            out.append((t, "report_missing"))
    return out


def _body(unit: Unit, items: list[tuple[Task, str]], today: date) -> str:
    lines = [f"{unit.name}:", "", f"截至{today:%Y年%m月%d日},贵单位以下督办事项需要关注:", ""]
    for n, (t, kind) in enumerate(items, start=1):
        due = f"{t.deadline:%Y年%m月%d日}" if t.deadline else "无"
        lines.append(f"{n}. 【{KIND_LABELS[kind]}】{t.title}(任务编号{t.id},完成时限{due})")
    lines += ["", "请抓紧办理,按时反馈进展。", "", "区委区政府督查室"]
    return "\n".join(lines)


def send_mail(smtp: SmtpSettings, to: list[str], subject: str, body: str) -> None:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = smtp.sender, ", ".join(to), subject
    msg.set_content(body)
    with smtplib.SMTP(smtp.host, smtp.port, timeout=30) as conn:
        if smtp.starttls:
            conn.starttls()
        if smtp.user:
            conn.login(smtp.user, smtp.password or "")
        conn.send_message(msg)


@unit_of_work
def run_reminders(
    session: Session,
    actor: User | None,
    *,
    today: date | None = None,
    settings: Settings | None = None,
    send: bool = True,
) -> RemindResult:
    """Find what is due, overdue or unreported, record reminders (once a day each) and
    e-mail them per unit when `settings.smtp` is set and `send` is true."""
    actor = require_office(actor, "send reminders")
    today = today or _settings.today()
    cfg = settings or Settings.from_env()
    res = RemindResult()
    per_unit: dict[int, list[tuple[Task, str, Reminder]]] = {}
    done = {
        tuple(r)
        for r in session.execute(
            select(Reminder.task_id, Reminder.unit_id, Reminder.kind).where(Reminder.day == today)
        )
    }
    for task, kind in _due(session, today, cfg):
        for tu in task.units:
            if tu.role != "lead" or (task.id, tu.unit_id, kind) in done:
                continue
            rem = Reminder(task_id=task.id, unit_id=tu.unit_id, kind=kind, day=today)
            session.add(rem)
            res.created.append(rem)
            per_unit.setdefault(tu.unit_id, []).append((task, kind, rem))
            record_event(session, actor, "remind", task=task, note=KIND_LABELS[kind],
                         data={"unit": tu.unit_id, "kind": kind})  # fmt: skip
    session.flush()
    if not (send and cfg.smtp and per_unit):
        return res
    liaisons: dict[int, list[str]] = {}
    for uid, email in session.execute(
        select(User.unit_id, User.email).where(
            User.role == "liaison", User.active, User.email.is_not(None)
        )
    ):
        liaisons.setdefault(uid, []).append(email)
    for unit_id, items in per_unit.items():
        unit = session.get(Unit, unit_id)
        assert unit is not None
        to = sorted({*([unit.email] if unit.email else []), *liaisons.get(unit_id, [])})
        if not to:
            res.errors.append(f"{unit.name}: no e-mail address")
            continue
        subject = f"【督查提醒】{unit.name}有{len(items)}项督办事项需要关注"
        try:
            send_mail(cfg.smtp, to, subject, _body(unit, [(t, k) for t, k, _ in items], today))
        except (OSError, smtplib.SMTPException) as exc:
            for _, _, rem in items:
                rem.error = str(exc)[:500]
            res.errors.append(f"{unit.name}: {exc}")
            continue
        res.emails_sent += 1
        for _, _, rem in items:
            rem.emailed_to, rem.sent_at = ", ".join(to), utcnow()
    return res
