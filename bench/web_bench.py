"""Web figures on a 100,000-task ledger (not a test; prints figures).

    .venv/bin/python bench/web_bench.py [--tasks 100000] [--seconds 10] [--workers 2]

1. builds a SQLite ledger with 500 units, 5,000 meetings and N tasks (bulk inserts), unless
   bench/out/web-bench-2.db exists with that many tasks; dates are relative to the day
   it is built (two years of work: old tasks mostly done, recent ones running);
2. renders the task ledger page and the dashboard in-process (TestClient), median of 20;
3. starts uvicorn with several workers on 127.0.0.1 and drives GET /api/v1/tasks with 50
   concurrent connections for a bounded time with `wrk` (Debian package), printing p50/p99
   and errors. Loopback only.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import httpx
from sqlalchemy import func, insert, select

from luoshi.ledger import services as sv
from luoshi.ledger.db import init_db, make_engine, session_factory
from luoshi.ledger.models import Leader, Meeting, Task, TaskUnit, Unit

OUT = Path(__file__).parent / "out"
DB = OUT / "web-bench-2.db"  # -2: dates relative to the day it was built
PASSWORD = "bench-password-1"
CATEGORIES = ["economy", "projects", "investment", "industry", "business", "party",
              "ecology", "safety", "livelihood", "urban", "rural", "innovation", None]  # fmt: skip
LIVE = ["assigned", "accepted", "in_progress", "in_progress", "review"]


def _task_dates(rnd: random.Random, today: date) -> tuple[str, datetime, date, datetime | None]:
    """A task of an office that has worked two years: old tasks mostly done, recent ones
    mostly running; deadlines one to eight months after assignment."""
    assigned = datetime.combine(today - timedelta(days=730), datetime.min.time()) + timedelta(
        days=rnd.randint(0, 725), minutes=rnd.randint(480, 1080)
    )
    deadline = assigned.date() + timedelta(days=rnd.randint(30, 240))
    age = (today - deadline).days  # > 0: the deadline has passed
    p = rnd.random()
    if age > 30:
        state = "done" if p < 0.88 else "cancelled" if p < 0.9 else rnd.choice(LIVE)
    elif age > 0:
        state = "done" if p < 0.55 else rnd.choice(LIVE)
    else:
        state = "done" if p < 0.15 else "draft" if p < 0.2 else rnd.choice(LIVE)
    closed = None
    if state == "done":
        span = max(5, (deadline - assigned.date()).days + rnd.randint(-20, 25))
        closed = min(assigned + timedelta(days=rnd.randint(5, span)),
                     datetime.combine(today, datetime.min.time()))  # fmt: skip
    return state, assigned, deadline, closed


def build(url: str, n_tasks: int) -> None:
    engine = make_engine(url)
    init_db(engine)
    rnd = random.Random(7)
    today = date.today()
    with session_factory(engine)() as s:
        if (s.scalar(select(func.count()).select_from(Task)) or 0) >= n_tasks:
            return
        admin, _ = sv.bootstrap_admin(s, "admin", PASSWORD)
        s.execute(insert(Unit), [{"name": f"测试单位{i:03d}", "kind": "department", "sort": i}
                                 for i in range(500)])  # fmt: skip
        s.execute(
            insert(Leader), [{"name": f"领导{i}", "title": "副区长", "sort": i} for i in range(12)]
        )
        s.commit()
        sv.create_user(s, admin, "dc", "supervisor", PASSWORD)
        unit_ids = list(s.scalars(select(Unit.id)))
        leader_ids = list(s.scalars(select(Leader.id)))
        sv.create_user(s, admin, "unit1", "liaison", PASSWORD, unit_id=unit_ids[0])
        start = today - timedelta(days=730)
        s.execute(insert(Meeting), [{"title": f"第{i}次常务会议", "date": start + timedelta(days=i * 730 // 5000),
                                     "origin": "record", "source_sha256": f"{i:064d}"}
                                    for i in range(5000)])  # fmt: skip
        s.commit()
        meeting_ids = list(s.scalars(select(Meeting.id)))
        batch = 10_000
        now = datetime.combine(today, datetime.min.time())
        for b in range(0, n_tasks, batch):
            rows = []
            for i in range(b, min(n_tasks, b + batch)):
                state, assigned, deadline, closed = _task_dates(rnd, today)
                rows.append({"meeting_id": meeting_ids[i % 5000], "seq": i % 20, "code": str(i % 20 + 1),
                             "title": f"推进重点工作任务{i}", "content": f"第{i}项：抓好项目建设和招商引资",
                             "category": rnd.choice(CATEGORIES),
                             "state": state, "lead_leader_id": rnd.choice(leader_ids),
                             "deadline": deadline, "original_deadline": deadline,
                             "percent": 100 if state == "done" else rnd.randint(0, 90),
                             "assigned_at": None if state == "draft" else assigned,
                             "closed_at": closed, "created_at": assigned,
                             "updated_at": closed or min(now, assigned + timedelta(days=rnd.randint(0, 60)))})  # fmt: skip
            s.execute(insert(Task), rows)
            ids = list(s.scalars(select(Task.id).where(Task.id > b).order_by(Task.id).limit(batch)))
            s.execute(insert(TaskUnit), [{"task_id": t, "unit_id": unit_ids[t % 500], "role": "lead",
                                          "method": "manual", "score": 100.0} for t in ids])  # fmt: skip
            s.commit()
    engine.dispose()


def median_ms(client, path: str, n: int = 20, before=None) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(n):
        if before:
            before()
        t = time.perf_counter()
        r = client.get(path)
        times.append((time.perf_counter() - t) * 1000)
        assert r.status_code == 200, (path, r.status_code)
    return statistics.median(times)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# The mixed load: what office staff and liaisons' clients ask for most.
MIXED = [
    "/api/v1/tasks?light=red&limit=20",
    "/api/v1/tasks?limit=20",
    "/api/v1/tasks?light=yellow&limit=20",
    "/api/v1/tasks?state=in_progress&limit=20&page=2",
    "/api/v1/tasks?category=projects&light=green&limit=20&page=3",
    "/api/v1/tasks?leader={leader}&light=red&limit=20",
    "/api/v1/tasks?unit={unit}&order=updated&limit=20",
    "/api/v1/tasks?due_after={today}&due_before={month}&limit=50",
    "/api/v1/inbox?unit={unit}",
    "/api/v1/dashboard",
    "/api/v1/tasks/{task}",
]

LUA = """
paths = {%s}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""


def run_wrk(wrk: str, base: str, cookie: str, paths: list[str], a) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """wrk on one path or (Lua script) a rotation of paths; returns its figures."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(LUA % ", ".join(f'"{p}"' for p in paths))
    cmd = [wrk, f"-t{a.threads}", f"-c{a.connections}", f"-d{a.seconds}s", "--latency",
           "--timeout", "5s", "-H", f"Cookie: {cookie}", "-s", f.name, base + paths[0]]  # fmt: skip
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=a.seconds + 30).stdout
    os.unlink(f.name)
    got = {"raw": out}
    for key, pattern in (("p50", r"^\s+50%\s+(\S+)"), ("p99", r"^\s+99%\s+(\S+)"),
                         ("rps", r"Requests/sec:\s+(\S+)"), ("requests", r"(\d+) requests in"),
                         ("non2xx", r"Non-2xx or 3xx responses: (\d+)"),
                         ("socket", r"Socket errors: (.*)")):  # fmt: skip
        m = re.search(pattern, out, re.M)
        got[key] = m.group(1) if m else ""
    return got


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tasks", type=int, default=100_000)
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--connections", type=int, default=50)
    ap.add_argument(
        "--threads", type=int, default=1, help="wrk threads (one drives 50 connections)"
    )
    ap.add_argument("--renders", type=int, default=20, help="renders per page median")
    a = ap.parse_args()
    OUT.mkdir(exist_ok=True)
    url = f"sqlite:///{DB}"
    t = time.perf_counter()
    build(url, a.tasks)
    print(f"ledger: {a.tasks} tasks ready in {time.perf_counter() - t:.1f} s ({url})")

    from fastapi.testclient import TestClient

    from luoshi.web.app import create_app
    from luoshi.web.pages import dashboard as dash
    from luoshi.web.pages import tasks as ledger_page
    from luoshi.web.settings import WebSettings

    app = create_app(url, settings=WebSettings(secret_key="bench"))
    n = a.renders
    with TestClient(app) as c:
        tok = c.get("/api/v1/auth/csrf").json()["csrf_token"]
        c.post("/api/v1/auth/login", json={"username": "dc", "password": PASSWORD},
               headers={"X-CSRF-Token": tok})  # fmt: skip
        no_count_cache = ledger_page._counts.clear
        rows = [
            ("task ledger page", "/tasks", None),
            ("task ledger, page 5, uncached count", "/tasks?page=5", no_count_cache),
            ("ledger: red, by last change", "/tasks?light=red&order=updated", no_count_cache),
            ("ledger: category + leader", "/tasks?category=projects&leader=3", no_count_cache),
            ("dashboard, uncached figures", "/dashboard", dash._cache.clear),
            ("dashboard, cached figures", "/dashboard", None),
        ]
        c.get("/dashboard")
        for label, path, before in rows:
            print(f"{label:38s} {path:34s} median {median_ms(c, path, n, before):6.1f} ms")
    app.state.engine.dispose()

    wrk = shutil.which("wrk")
    if not wrk:
        print("load: wrk not found (apt-get install wrk); skipped")
        return 0
    port = free_port()
    env = {**os.environ, "LUOSHI_DATABASE_URL": url, "LUOSHI_SECRET_KEY": "bench"}
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "--factory", "luoshi.web.app:create_app",
                             "--host", "127.0.0.1", "--port", str(port), "--workers", str(a.workers),
                             "--log-level", "warning", "--no-access-log"], env=env)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if httpx.get(f"{base}/login", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        with httpx.Client(base_url=base) as h:
            tok = h.get("/api/v1/auth/csrf").json()["csrf_token"]
            h.post("/api/v1/auth/login", json={"username": "dc", "password": PASSWORD},
                   headers={"X-CSRF-Token": tok}).raise_for_status()  # fmt: skip
            cookie = "; ".join(f"{k}={v}" for k, v in h.cookies.items())
            today = date.today()
            fill = {"unit": 7, "leader": 3, "task": 4242, "today": today.isoformat(),
                    "month": (today + timedelta(days=30)).isoformat()}  # fmt: skip
            mixed = [p.format(**fill) for p in MIXED]
            for p in mixed:  # every path answers 200 before the load starts
                assert h.get(p).status_code == 200, p
        print(f"load: wrk, {a.connections} connections, {a.threads} threads, {a.seconds} s each, "
              f"{a.workers} uvicorn workers, 127.0.0.1")  # fmt: skip
        for label, paths in (("GET /api/v1/tasks?light=red&limit=20", mixed[:1]),
                             (f"mixed rotation of {len(mixed)} API reads", mixed)):  # fmt: skip
            r = run_wrk(wrk, base, cookie, paths, a)
            errors = int(r["non2xx"] or 0)
            print(f"  {label:40s} p50 {r['p50']:>8s}  p99 {r['p99']:>8s}  "
                  f"{r['rps']:>7s} req/s  {r['requests']} requests  "
                  f"errors {errors}{'  socket: ' + r['socket'] if r['socket'] else ''}")  # fmt: skip
            if not r["p99"]:
                print(r["raw"])
        if len(sys.argv) > 1 and "--show-paths" in sys.argv:
            print("\n".join(mixed))
    finally:
        proc.terminate()
        proc.wait(10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
