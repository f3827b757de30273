"""Web figures on a 100,000-task ledger (not a test; prints figures).

    .venv/bin/python bench/web_bench.py [--tasks 100000] [--seconds 10] [--workers 2]

1. builds a SQLite ledger with 500 units, 5,000 meetings and N tasks (bulk inserts), unless
   bench/out/web-bench.db exists with that many tasks;
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
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import httpx
from sqlalchemy import func, insert, select

from luoshi.ledger import services as sv
from luoshi.ledger.db import init_db, make_engine, session_factory
from luoshi.ledger.models import Leader, Meeting, Task, TaskUnit, Unit

OUT = Path(__file__).parent / "out"
PASSWORD = "bench-password-1"
STATES = (
    ["assigned"] * 3 + ["accepted"] * 2 + ["in_progress"] * 4 + ["done"] * 4 + ["draft", "review"]
)


def build(url: str, n_tasks: int) -> None:
    engine = make_engine(url)
    init_db(engine)
    rnd = random.Random(7)
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
        start = date(2023, 1, 1)
        s.execute(insert(Meeting), [{"title": f"第{i}次常务会议", "date": start + timedelta(days=i % 700),
                                     "origin": "record", "source_sha256": f"{i:064d}"}
                                    for i in range(5000)])  # fmt: skip
        s.commit()
        meeting_ids = list(s.scalars(select(Meeting.id)))
        batch = 10_000
        for b in range(0, n_tasks, batch):
            rows = []
            for i in range(b, min(n_tasks, b + batch)):
                state = rnd.choice(STATES)
                deadline = start + timedelta(days=rnd.randint(30, 900))
                assigned = datetime(2023, 1, 1) + timedelta(days=rnd.randint(0, 700))
                rows.append({"meeting_id": meeting_ids[i % 5000], "seq": i % 20, "code": str(i % 20 + 1),
                             "title": f"推进重点工作任务{i}", "content": f"第{i}项：抓好项目建设和招商引资",
                             "category": rnd.choice(["economy", "projects", "livelihood", "party"]),
                             "state": state, "lead_leader_id": rnd.choice(leader_ids),
                             "deadline": deadline, "original_deadline": deadline,
                             "percent": 100 if state == "done" else rnd.randint(0, 90),
                             "assigned_at": None if state == "draft" else assigned,
                             "closed_at": assigned + timedelta(days=60) if state == "done" else None})  # fmt: skip
            s.execute(insert(Task), rows)
            ids = list(s.scalars(select(Task.id).where(Task.id > b).order_by(Task.id).limit(batch)))
            s.execute(insert(TaskUnit), [{"task_id": t, "unit_id": unit_ids[t % 500], "role": "lead",
                                          "method": "manual", "score": 100.0} for t in ids])  # fmt: skip
            s.commit()
    engine.dispose()


def median_ms(client, path: str, n: int = 20) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(n):
        t = time.perf_counter()
        r = client.get(path)
        times.append((time.perf_counter() - t) * 1000)
        assert r.status_code == 200, (path, r.status_code)
    return statistics.median(times)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tasks", type=int, default=100_000)
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--connections", type=int, default=50)
    a = ap.parse_args()
    OUT.mkdir(exist_ok=True)
    url = f"sqlite:///{OUT / 'web-bench.db'}"
    t = time.perf_counter()
    build(url, a.tasks)
    print(f"ledger: {a.tasks} tasks ready in {time.perf_counter() - t:.1f} s ({url})")

    from fastapi.testclient import TestClient

    from luoshi.web.app import create_app
    from luoshi.web.settings import WebSettings

    app = create_app(url, settings=WebSettings(secret_key="bench"))
    with TestClient(app) as c:
        tok = c.get("/api/v1/auth/csrf").json()["csrf_token"]
        c.post("/api/v1/auth/login", json={"username": "dc", "password": PASSWORD},
               headers={"X-CSRF-Token": tok})  # fmt: skip
        print(f"task ledger page  /tasks            median {median_ms(c, '/tasks'):6.1f} ms")
        print(
            f"filtered ledger   /tasks?light=red  median {median_ms(c, '/tasks?light=red&order=updated'):6.1f} ms"
        )
        print(
            f"dashboard         /dashboard        median {median_ms(c, '/dashboard'):6.1f} ms (cached figures)"
        )
        from luoshi.web.pages import dashboard as dash

        def cold() -> float:
            dash._cache.clear()
            t0 = time.perf_counter()
            assert c.get("/dashboard").status_code == 200
            return (time.perf_counter() - t0) * 1000

        print(
            f"dashboard (cold)  /dashboard        median {statistics.median(cold() for _ in range(7)):6.1f} ms"
        )
    app.state.engine.dispose()

    wrk = shutil.which("wrk")
    if not wrk:
        print("load: wrk not found (apt-get install wrk); skipped")
        return 0
    port = free_port()
    env = {**os.environ, "LUOSHI_DATABASE_URL": url, "LUOSHI_SECRET_KEY": "bench"}
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "--factory", "luoshi.web.app:create_app",
                             "--host", "127.0.0.1", "--port", str(port), "--workers", str(a.workers),
                             "--log-level", "warning"], env=env)  # fmt: skip
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
        target = f"{base}/api/v1/tasks?light=red&limit=20"
        out = subprocess.run([wrk, "-t2", f"-c{a.connections}", f"-d{a.seconds}s", "--latency",
                              "--timeout", "5s", "-H", f"Cookie: {cookie}", target],
                             capture_output=True, text=True, timeout=a.seconds + 30).stdout  # fmt: skip
        print(
            f"load: GET /api/v1/tasks?light=red&limit=20, {a.connections} connections, "
            f"{a.seconds} s, {a.workers} uvicorn workers"
        )
        for line in out.splitlines():
            if re.search(r"^\s+(50|99)%|Requests/sec|requests in|Non-2xx|Socket errors", line):
                print("  " + line.strip())
        if "Non-2xx" not in out and "Socket errors" not in out:
            print("  errors: none")
    finally:
        proc.terminate()
        proc.wait(10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
