"""`run_reminders`: what is due, overdue or unreported; once a day; e-mail through a real
SMTP server (aiosmtpd) started by the test."""

from __future__ import annotations

import email
import socket
from datetime import date, datetime, timedelta
from email.policy import default

import pytest
from sqlalchemy import select

from luoshi.ledger import services as sv
from luoshi.ledger.models import Reminder, Task, Unit
from luoshi.ledger.settings import Settings, SmtpSettings

from .conftest import TODAY, make_record

pytest.importorskip("aiosmtpd")
from aiosmtpd.controller import Controller


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[list[str], email.message.EmailMessage]] = []

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        msg = email.message_from_bytes(envelope.content, policy=default)
        self.messages.append((list(envelope.rcpt_tos), msg))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp():  # type: ignore[no-untyped-def]
    inbox = Inbox()
    ctl = Controller(inbox, hostname="127.0.0.1", port=free_port())
    ctl.start()
    yield inbox, SmtpSettings(host="127.0.0.1", port=ctl.port, sender="dc@qingshan.invalid")
    ctl.stop()


@pytest.fixture
def due(s, world):  # type: ignore[no-untyped-def]
    items = [("过期任务。", ["发改委"], (TODAY - timedelta(days=2)).isoformat()),
             ("临近任务。", ["发改委"], (TODAY + timedelta(days=3)).isoformat()),
             ("宽裕任务。", ["财政局"], (TODAY + timedelta(days=90)).isoformat())]  # fmt: skip
    res = sv.import_record(s, world.dc, make_record(items), today=TODAY)
    ids = [t.id for t in res.tasks]
    for tid in ids:
        sv.assign(s, world.dc, tid)
    # assigned last month, never reported: all three miss this month's report
    for tid in ids:
        s.get(Task, tid).assigned_at = datetime(2024, 5, 2)
    s.commit()
    return ids


def test_reminders_are_recorded_once_a_day_and_mailed(s, world, due, smtp) -> None:
    inbox, cfg = smtp
    s.get(Unit, world.units["发改委"]).email = "fgw-office@example.invalid"
    s.commit()
    settings = Settings(yellow_days=7, smtp=cfg)
    res = sv.run_reminders(s, world.dc, today=TODAY, settings=settings)
    kinds = sorted((r.task_id, r.kind) for r in res.created)
    assert kinds == sorted([(due[0], "overdue"), (due[1], "due_soon"), (due[0], "report_missing"),
                            (due[1], "report_missing"), (due[2], "report_missing")])  # fmt: skip
    assert res.emails_sent == 2 and res.errors == []
    by_rcpt = {tuple(sorted(r)): m for r, m in inbox.messages}
    fgw = by_rcpt[("fgw-office@example.invalid", "fgw@example.invalid")]
    assert "区发展和改革委员会" in fgw["Subject"] and "4项" in fgw["Subject"]
    body = fgw.get_content()
    assert "【已逾期】过期任务" in body and "【即将到期】临近任务" in body
    assert ("czj@example.invalid",) in by_rcpt
    sent = s.scalars(select(Reminder)).all()
    assert all(r.sent_at is not None and r.emailed_to for r in sent)
    # a second run the same day: nothing new, nothing sent
    again = sv.run_reminders(s, world.dc, today=TODAY, settings=settings)
    assert again.created == [] and again.emails_sent == 0 and len(inbox.messages) == 2
    # the next day the overdue task is reminded again
    nxt = sv.run_reminders(
        s, world.dc, today=TODAY + timedelta(days=1), settings=settings, send=False
    )
    assert (due[0], "overdue") in {(r.task_id, r.kind) for r in nxt.created}


def test_reported_tasks_are_not_reminded_and_smtp_failure_is_recorded(s, world, due) -> None:
    sv.report_progress(s, world.czj, due[2], "按计划推进", 30, today=TODAY)
    dead = SmtpSettings(host="127.0.0.1", port=free_port())  # nobody listens here
    res = sv.run_reminders(s, world.dc, today=TODAY, settings=Settings(smtp=dead))
    assert due[2] not in {r.task_id for r in res.created}
    assert res.emails_sent == 0 and len(res.errors) == 1
    assert all(r.error for r in s.scalars(select(Reminder)))
    assert s.scalar(select(Reminder.sent_at).where(Reminder.sent_at.is_not(None))) is None


def test_only_the_office_reminds(s, world, due) -> None:
    from luoshi.ledger.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        sv.run_reminders(s, world.fgw, today=TODAY, settings=Settings())
    assert date(2024, 6, 1) == TODAY
