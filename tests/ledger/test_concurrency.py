"""Two sessions changing one task never lose an update (optimistic version column, plus
SELECT … FOR UPDATE on PostgreSQL)."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from luoshi.ledger import services as sv
from luoshi.ledger.errors import Conflict
from luoshi.ledger.models import Event, Task

from .conftest import TODAY


def test_interleaved_orm_sessions_second_writer_is_refused(Session, world, assigned) -> None:
    tid = assigned[0]
    with Session() as a, Session() as b:
        ta, tb = a.get(Task, tid), b.get(Task, tid)
        ta.latest_progress = "A"
        a.commit()
        tb.latest_progress = "B"
        with pytest.raises(StaleDataError):
            b.commit()
        b.rollback()
    with Session() as c:
        assert c.get(Task, tid).latest_progress == "A"


def test_two_workers_hammering_one_task_lose_nothing(Session, world, assigned) -> None:
    tid = assigned[0]
    n = 12
    with Session() as s0:
        v0 = s0.get(Task, tid).version
    errors: list[BaseException] = []
    conflicts = [0, 0]

    def worker(k: int, who: str) -> None:
        try:
            with Session() as s:
                user = sv.get_user(s, who)
                for i in range(n):
                    while True:
                        try:
                            sv.report_progress(s, user, tid, f"{who}-{i}", today=TODAY)
                            break
                        except Conflict:
                            conflicts[k] += 1
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(0, "fgw")),
               threading.Thread(target=worker, args=(1, "dc"))]  # fmt: skip
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, errors
    with Session() as s:
        task = s.get(Task, tid)
        reports = s.scalars(
            select(Event).where(Event.task_id == tid, Event.kind == "report").order_by(Event.id)
        ).all()
        assert len(reports) == 2 * n
        assert sorted(e.note for e in reports) == sorted(
            f"{w}-{i}" for w in ("fgw", "dc") for i in range(n))  # fmt: skip
        assert task.version == v0 + 2 * n  # every change went through, one after the other
        assert task.latest_progress == reports[-1].note
