"""Ledger benchmark: a generated jurisdiction of 500 units, 5,000 meetings and 100,000 tasks
with their events, reports and units; then the median time of the reads the pages make
(filtered task list, a unit's inbox, the dashboard figures) and of importing one meeting.

    .venv/bin/python bench/ledger_bench.py                       # SQLite (temp file)
    .venv/bin/python bench/ledger_bench.py --pg postgresql+psycopg://postgres@127.0.0.1:55432/luoshi_test

With --pg the benchmark creates (and afterwards drops) its own database `<name>_bench` on
that server. Targets: every read < 50 ms median, one import < 200 ms.
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, insert, text
from sqlalchemy.engine import make_url

from luoshi.ledger import services as sv
from luoshi.ledger.db import init_db, make_engine, session_factory
from luoshi.ledger.models import (
    Event,
    Leader,
    LeaderUnit,
    Meeting,
    ProgressReport,
    Task,
    TaskUnit,
    Unit,
    UnitAlias,
    User,
)
from luoshi.ledger.passwords import hash_password
from luoshi.record import MeetingRecord
from luoshi.record.models import Deadline, Directive, Source, Spanned
from luoshi.record.models import Meeting as RMeeting

TODAY = date(2025, 6, 30)
STATES = [("done", 45), ("in_progress", 20), ("accepted", 10), ("assigned", 10),
          ("extension_requested", 2), ("review", 3), ("cancelled", 3), ("draft", 7)]  # fmt: skip
KINDS = [("department", 300), ("town", 60), ("street", 60), ("park", 20), ("enterprise", 20),
         ("party", 20), ("government", 20)]  # fmt: skip
NOW = datetime(2025, 6, 30, 12)


def bulk(engine: Engine, table, rows: list[dict[str, Any]]) -> None:  # type: ignore[no-untyped-def]
    """COPY on PostgreSQL, executemany on SQLite."""
    if not rows:
        return
    cols = list(rows[0])
    if engine.dialect.name == "postgresql":
        raw = engine.raw_connection()
        try:
            with (
                raw.cursor() as cur,
                cur.copy(f"COPY {table.name} ({', '.join(cols)}) FROM STDIN") as cp,
            ):
                for r in rows:
                    cp.write_row([r[c] for c in cols])
            raw.commit()
        finally:
            raw.close()
        return
    with engine.begin() as conn:
        for i in range(0, len(rows), 20000):
            conn.execute(insert(table), rows[i : i + 20000])


def generate(engine: Engine, n_units: int, n_meetings: int, n_tasks: int) -> dict[str, int]:
    rnd = random.Random(42)
    counts: dict[str, int] = {}
    kinds = [k for k, n in KINDS for _ in range(n)][:n_units]
    kinds += ["department"] * (n_units - len(kinds))
    units = [{"id": i + 1, "name": f"区单位{i + 1:03d}{'局' if k == 'department' else '处'}",
              "short_name": None, "kind": k, "parent_id": None, "sort": i, "active": True,
              "email": f"u{i + 1}@bench.invalid"} for i, k in enumerate(kinds)]  # fmt: skip
    bulk(engine, Unit.__table__, units)
    bulk(engine, UnitAlias.__table__, [{"id": i + 1, "alias": f"单位{i + 1:03d}", "unit_id": i + 1}
                                       for i in range(n_units)])  # fmt: skip
    leaders = [{"id": i + 1, "name": f"领导{i + 1:02d}", "title": "副区长", "sort": i,
                "active": True, "email": None} for i in range(30)]  # fmt: skip
    bulk(engine, Leader.__table__, leaders)
    bulk(engine, LeaderUnit.__table__, [{"leader_id": 1 + u % 30, "unit_id": u + 1, "relation": "分管"}
                                        for u in range(n_units)])  # fmt: skip
    pw = hash_password("bench-password")
    users = [{"id": 1, "username": "admin", "display_name": "admin", "role": "admin"},
             {"id": 2, "username": "dc", "display_name": "督查室", "role": "supervisor"}]  # fmt: skip
    users += [{"id": 3 + u, "username": f"liaison{u + 1}", "display_name": f"联络员{u + 1}",
               "role": "liaison"} for u in range(n_units)]  # fmt: skip
    for i, u in enumerate(users):
        u.update(unit_id=(i - 1) if i >= 2 else None, leader_id=None, email=None,
                 password_hash=pw, active=True, created_at=NOW, last_login_at=None)  # fmt: skip
    bulk(engine, User.__table__, users)
    start = TODAY - timedelta(days=3 * 365)
    meetings = []
    for m in range(n_meetings):
        d = start + timedelta(days=rnd.randrange(3 * 365))
        meetings.append({"id": m + 1, "title": f"第{m + 1}次常务会议", "date": d, "date_text": d.isoformat(),
                         "kind": "常务会议", "organizer": "区政府", "origin": "record",
                         "source_path": None, "source_format": "text",
                         "source_sha256": f"{m + 1:064x}", "record": None, "imported_by_id": 2,
                         "imported_at": NOW})  # fmt: skip
    bulk(engine, Meeting.__table__, meetings)
    states = [s for s, n in STATES for _ in range(n)]
    tasks, tus, events, reports = [], [], [], []
    per = max(1, n_tasks // n_meetings)
    tid = 0
    for m in meetings:
        for k in range(per):
            if tid >= n_tasks:
                break
            tid += 1
            state = rnd.choice(states)
            deadline = m["date"] + timedelta(days=rnd.randrange(15, 365))
            if deadline > TODAY + timedelta(days=200) and state == "done":
                state = "in_progress"
            assigned = datetime.combine(m["date"], datetime.min.time()) + timedelta(days=2)
            closed = None
            if state in ("done", "cancelled"):
                closed = datetime.combine(deadline, datetime.min.time()) + timedelta(
                    days=rnd.randrange(-40, 15)
                )
                closed = min(closed, NOW)  # fmt: skip
            percent = 100 if state in ("done", "review") else rnd.randrange(0, 95, 5)
            tasks.append({"id": tid, "meeting_id": m["id"], "directive_id": None, "seq": k + 1,
                          "code": str(k + 1), "title": f"任务{tid}:推进重点项目建设第{k + 1}项",
                          "content": f"任务{tid}的完整内容,要求各单位抓好落实。", "category": None,
                          "state": state, "lead_leader_id": 1 + rnd.randrange(30),
                          "deadline": deadline, "deadline_text": None, "original_deadline": deadline,
                          "unit_text": None, "percent": percent,
                          "latest_progress": None if state == "draft" else "按计划推进",
                          "last_report_at": None if state == "draft" else assigned + timedelta(days=20),
                          "span_start": None, "span_end": None, "created_at": assigned,
                          "updated_at": assigned, "assigned_at": None if state == "draft" else assigned,
                          "accepted_at": None, "closed_at": closed, "cancel_reason": None,
                          "merged_into_id": None, "split_from_id": None, "version": 3})  # fmt: skip
            lead = 1 + rnd.randrange(n_units)
            tus.append({"task_id": tid, "unit_id": lead, "role": "lead", "position": 0,
                        "mention": None, "method": "exact", "score": 100.0})  # fmt: skip
            if rnd.random() < 0.3:
                other = 1 + (lead + rnd.randrange(1, n_units - 1)) % n_units
                tus.append({"task_id": tid, "unit_id": other, "role": "assist", "position": 1,
                            "mention": None, "method": "exact", "score": 100.0})  # fmt: skip
            ev = {"task_id": tid, "meeting_id": m["id"], "actor_id": 2, "at": assigned,
                  "note": None, "data": None}  # fmt: skip
            events.append({**ev, "kind": "imported", "from_state": None, "to_state": "draft"})
            if state != "draft":
                events.append(
                    {**ev, "kind": "assign", "from_state": "draft", "to_state": "assigned"}
                )
                events.append({**ev, "kind": "report", "from_state": "assigned", "to_state": state,
                               "note": "按计划推进"})  # fmt: skip
                reports.append({"task_id": tid, "unit_id": lead, "author_id": 2 + lead,
                                "at": assigned + timedelta(days=20), "period": f"{assigned:%Y-%m}",
                                "text": "按计划推进", "percent": percent})  # fmt: skip
    bulk(engine, Task.__table__, tasks)
    bulk(engine, TaskUnit.__table__, tus)
    for i, e in enumerate(events):
        e["id"] = i + 1
    bulk(engine, Event.__table__, events)
    bulk(engine, ProgressReport.__table__, [{**r, "id": i + 1} for i, r in enumerate(reports)])
    if engine.dialect.name == "postgresql":
        with engine.begin() as c:
            for t in ("units", "unit_aliases", "leaders", "users", "meetings", "tasks", "events",
                      "progress_reports"):  # fmt: skip
                c.execute(text(f"SELECT setval(pg_get_serial_sequence('{t}', 'id'), "
                               f"(SELECT max(id) FROM {t}))"))  # fmt: skip
        # the steady state autovacuum keeps: statistics and a visibility map, without which
        # index-only scans would still read the table
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.execute(text("VACUUM ANALYZE"))
    else:
        with engine.begin() as c:
            c.execute(text("ANALYZE"))
    counts.update(units=len(units), meetings=len(meetings), tasks=len(tasks), task_units=len(tus),
                  events=len(events), progress_reports=len(reports), users=len(users))  # fmt: skip
    return counts


def record(i: int, n: int = 20) -> MeetingRecord:
    txt, ds = "", []
    for k in range(n):
        t = f"区单位{(k * 7 + i) % 500 + 1:03d}局要抓好第{k + 1}项重点工作,确保年底前完成。"
        s0 = len(txt)
        txt += t
        ds.append(Directive(id=k + 1, speaker="领导01", text=t, span=(s0, len(txt)),
                            units=[Spanned(text=t[:9], span=(s0, s0 + 9))],
                            deadlines=[Deadline(text="年底前", span=(s0, s0 + 3), due="2025-12-31")]))  # fmt: skip
    return MeetingRecord(source=Source(sha256=f"bench-{i:058d}"), text=txt,
                         meeting=RMeeting(date="2025-06-01", name=f"基准会议{i}"), directives=ds)  # fmt: skip


def median_ms(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    fn()  # warm up
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def measure(engine: Engine, repeat: int) -> list[tuple[str, float, float]]:
    Session = session_factory(engine)
    rnd = random.Random(7)
    out: list[tuple[str, float, float]] = []
    with Session() as s:
        dc = sv.get_user(s, "dc")
        live = ("assigned", "accepted", "in_progress", "extension_requested", "review")
        cases = [
            ("task list: default page (all, by deadline)", lambda: sv.list_tasks(s, dc, today=TODAY)),
            ("task list: red lights", lambda: sv.list_tasks(s, dc, sv.TaskFilter(light="red"), today=TODAY)),
            ("task list: live tasks of one unit",
             lambda: sv.list_tasks(s, dc, sv.TaskFilter(states=live, unit_id=1 + rnd.randrange(500)), today=TODAY)),
            ("task list: one leader, overdue",
             lambda: sv.list_tasks(s, dc, sv.TaskFilter(leader_id=1 + rnd.randrange(30), overdue=True), today=TODAY)),
            ("task list: text search",
             lambda: sv.list_tasks(s, dc, sv.TaskFilter(q=f"任务{rnd.randrange(100000)}:"), today=TODAY)),
        ]  # fmt: skip
        for name, fn in cases:
            out.append((name, median_ms(fn, repeat), 50))
        liaisons = [sv.get_user(s, f"liaison{u}") for u in rnd.sample(range(1, 501), 40)]
        it = iter(liaisons * (repeat // 40 + 2))
        out.append(
            (
                "inbox of a unit (liaison)",
                median_ms(lambda: sv.inbox(s, next(it), today=TODAY), repeat),
                50,
            )
        )
        out.append(
            (
                "dashboard figures (office)",
                median_ms(lambda: sv.dashboard(s, dc, today=TODAY), repeat),
                50,
            )
        )
        l1 = sv.get_user(s, "liaison1")
        out.append(
            (
                "dashboard figures (one unit)",
                median_ms(lambda: sv.dashboard(s, l1, today=TODAY), repeat),
                50,
            )
        )
        n = iter(range(1, 10000))
        out.append(("import one meeting (20 directives)",
                    median_ms(lambda: sv.import_record(s, dc, record(next(n)), today=TODAY), repeat), 200))  # fmt: skip
    return out


def run(url: str, args: argparse.Namespace) -> bool:
    engine = make_engine(url)
    init_db(engine)
    t0 = time.perf_counter()
    counts = generate(engine, args.units, args.meetings, args.tasks)
    gen = time.perf_counter() - t0
    print(f"\n== {engine.dialect.name} ({make_url(url).render_as_string(hide_password=True)})")
    print(f"generated in {gen:.1f} s: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
    ok = True
    for name, ms, target in measure(engine, args.repeat):
        flag = "ok" if ms < target else "SLOW"
        ok &= ms < target
        print(f"  {name:<44} {ms:8.2f} ms median  (target < {target} ms) {flag}")
    engine.dispose()
    return ok


def main() -> int:
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--sqlite", default=None, help="SQLite file (default: a temp file)")
    p.add_argument("--pg", help="PostgreSQL server URL; the bench uses its own <db>_bench database")
    p.add_argument("--skip-sqlite", action="store_true")
    p.add_argument("--units", type=int, default=500)
    p.add_argument("--meetings", type=int, default=5000)
    p.add_argument("--tasks", type=int, default=100_000)
    p.add_argument("--repeat", type=int, default=30)
    p.add_argument("--keep", action="store_true", help="keep the PostgreSQL bench database")
    args = p.parse_args()
    ok = True
    if not args.skip_sqlite:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(args.sqlite) if args.sqlite else Path(tmp) / "bench.db"
            if path.exists():
                sys.exit(f"{path} exists; give a new file")
            ok &= run(f"sqlite:///{path}", args)
    if args.pg:
        base = make_url(args.pg)
        name = f"{base.database}_bench"
        admin = create_engine(base, isolation_level="AUTOCOMMIT")
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            c.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            ok &= run(base.set(database=name).render_as_string(hide_password=False), args)
        finally:
            with admin.connect() as c:
                if args.keep:
                    c.execute(text("SELECT 1"))
                else:
                    c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
    print("\nall within targets" if ok else "\nsome figures miss their targets")
    return 0 if ok else 1


if __name__ == "__main__":
    _ = io  # keep the import list honest for readers: output is plain print
    sys.exit(main())
