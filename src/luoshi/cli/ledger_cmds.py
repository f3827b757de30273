"""Ledger commands: `luoshi init | demo | import | tasks | assign | report | remind | rank |
export | users | backup | restore`. They act as `--as USER` (default: LUOSHI_USER, else
the first admin): the terminal belongs to whoever holds the database, and the services
still check that user's rights."""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path


def _db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="URL", help="database URL (default: LUOSHI_DATABASE_URL or "
                   "sqlite:///var/luoshi.db)")  # fmt: skip
    p.add_argument("--as", dest="actor", metavar="USER", help="act as this user")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("init", help="create or upgrade the ledger database")
    _db(p)
    p.add_argument("--admin", default="admin", help="name of the first admin (default admin)")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("demo", help="build the demo district and import the seed meetings")
    _db(p)
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("import", help="import meeting documents, records (.json) or Excel ledgers")
    _db(p)
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--excel-title", help="meeting title for an Excel ledger")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("tasks", help="list tasks (filtered)")
    _db(p)
    p.add_argument("--state", action="append", default=[])
    p.add_argument("--unit", help="unit name or alias")
    p.add_argument("--leader", help="leader name")
    p.add_argument("--meeting", type=int)
    p.add_argument("--light", choices=("green", "yellow", "red"))
    p.add_argument("--overdue", action="store_true")
    p.add_argument("--q", help="text search")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    p.set_defaults(func=cmd_tasks)

    p = sub.add_parser("assign", help="assign drafts (交办): task ids or --meeting ID for all")
    _db(p)
    p.add_argument("ids", nargs="*", type=int)
    p.add_argument("--meeting", type=int)
    p.set_defaults(func=cmd_assign)

    p = sub.add_parser("report", help="file a progress report on a task")
    _db(p)
    p.add_argument("task", type=int)
    p.add_argument("text")
    p.add_argument("--percent", type=int)
    p.add_argument("--attach", action="append", default=[], metavar="FILE")
    p.add_argument("--done", action="store_true", help="report the task done (→ 待复核)")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("users", help="list or add users")
    _db(p)
    p.add_argument("action", choices=("list", "add", "passwd", "disable", "enable"), nargs="?",
                   default="list")  # fmt: skip
    p.add_argument("username", nargs="?")
    p.add_argument("--role")
    p.add_argument("--unit", help="unit of a liaison (name or alias)")
    p.add_argument("--leader", help="leader of a leader account (name)")
    p.add_argument("--password", help="default: generated and printed")
    p.add_argument("--email")
    p.set_defaults(func=cmd_users)

    from luoshi.cli import ledger_ops

    for name in ("remind", "rank", "export", "backup", "restore"):
        ledger_ops.register(sub, name, _db)


# ---------------------------------------------------------------- helpers


def open_session(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from luoshi.ledger.db import make_engine, session_factory

    engine = make_engine(args.db)
    from luoshi.ledger.db import init_db

    init_db(engine)
    return session_factory(engine)()


def actor(session, args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from luoshi.ledger.models import User
    from luoshi.ledger.services import get_user

    name = args.actor or os.environ.get("LUOSHI_USER")
    if name:
        return get_user(session, name)
    user = session.scalar(select(User).where(User.role == "admin", User.active).order_by(User.id))
    if user is None:
        raise SystemExit("luoshi: no admin user; run `luoshi init` first")
    return user


def find_unit(session, text: str) -> int:  # type: ignore[no-untyped-def]
    from luoshi.ledger.services.directory import load_directory

    found = load_directory(session).match(text)
    if len(found) != 1:
        raise SystemExit(f"luoshi: unit {text!r} matches {len(found)} units")
    return found[0].unit_id


def find_leader(session, name: str) -> int:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from luoshi.ledger.models import Leader

    lid = session.scalar(select(Leader.id).where(Leader.name == name))
    if lid is None:
        raise SystemExit(f"luoshi: no leader named {name}")
    return lid


def fail(exc: Exception) -> int:
    print(f"luoshi: {exc}", file=sys.stderr)
    return 1


# ---------------------------------------------------------------- commands


def cmd_init(args: argparse.Namespace) -> int:
    from luoshi.ledger.db import database_url
    from luoshi.ledger.services import bootstrap_admin

    with open_session(args) as s:
        made = bootstrap_admin(s, args.admin)
    print(f"ledger ready at {database_url(args.db)}")
    if made:
        user, password = made
        print(
            f"first admin: {user.username}  password: {password}  (change it: luoshi users passwd)"
        )
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from luoshi.ledger.demo import build_demo
    from luoshi.ledger.errors import LedgerError

    with open_session(args) as s:
        try:
            res = build_demo(s)
        except LedgerError as exc:
            return fail(exc)
    print("meetings:")
    for line in res.meetings:
        print(f"  {line}")
    for line in res.failures:
        print(f"  FAILED {line}")
    print("users (demo passwords — change them before real use):")
    for user, pw, role, who in res.credentials:
        print(f"  {user:<10} {pw:<18} {role:<10} {who}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from luoshi.ledger import services as sv
    from luoshi.ledger.errors import LedgerError
    from luoshi.record import MeetingRecord
    from luoshi.text import InputError

    failed = 0
    with open_session(args) as s:
        me = actor(s, args)
        for raw in args.paths:
            path = Path(raw)
            try:
                if path.suffix.lower() in (".xlsx", ".xlsm"):
                    from luoshi.ledger.services.excel_import import import_excel

                    res = import_excel(s, me, path, title=args.excel_title)
                    print(f"{path}: meeting {res.meeting.id}, {len(res.tasks)} tasks")
                    for line in res.problems:
                        print(f"  {line}")
                    continue
                if path.suffix.lower() == ".json":
                    record = MeetingRecord.model_validate_json(path.read_bytes())
                    r = sv.import_record(s, me, record)
                else:
                    r = sv.import_document(s, me, path)
                print(f"{path}: meeting {r.meeting.id} {r.meeting.title}, {len(r.tasks)} draft tasks"
                      + (f"; unmatched units: {'、'.join(r.unmatched)}" if r.unmatched else ""))  # fmt: skip
            except (LedgerError, InputError, ValueError, OSError) as exc:
                print(f"luoshi: {path}: {exc}", file=sys.stderr)
                failed += 1
    return 1 if failed else 0


def cmd_tasks(args: argparse.Namespace) -> int:
    from luoshi.ledger import services as sv
    from luoshi.ledger.errors import LedgerError

    with open_session(args) as s:
        me = actor(s, args)
        flt = sv.TaskFilter(
            states=tuple(args.state), meeting_id=args.meeting, light=args.light,
            overdue=True if args.overdue else None, q=args.q, limit=args.limit,
            unit_id=find_unit(s, args.unit) if args.unit else None,
            leader_id=find_leader(s, args.leader) if args.leader else None,
        )  # fmt: skip
        try:
            page = sv.list_tasks(s, me, flt)
        except LedgerError as exc:
            return fail(exc)
    if args.format == "table":
        lights = {"red": "红", "yellow": "黄", "green": "绿", None: " "}
        for t in page.items:
            due = t.deadline.isoformat() if t.deadline else "—"
            print(f"{t.id:>6} {lights[t.light]} {t.state_label:<4} {due:<10} {t.percent:>3}% "
                  f"{'、'.join(t.lead_units)[:30]:<30} {t.title}")  # fmt: skip
        print(f"({len(page.items)} of {page.total})")
        return 0
    from luoshi.reports.tabular import task_rows, write_csv

    rows = task_rows(page.items)
    if args.format == "json":
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1, default=str)
        print()
    else:
        write_csv(rows, sys.stdout)
    return 0


def cmd_assign(args: argparse.Namespace) -> int:
    from luoshi.ledger import services as sv
    from luoshi.ledger.errors import LedgerError

    failed = 0
    with open_session(args) as s:
        me = actor(s, args)
        if args.meeting:
            done, skipped = sv.assign_all(s, me, args.meeting)
            print(f"assigned {len(done)} tasks")
            for line in skipped:
                print(f"  not assigned: {line}")
            failed = len(skipped)
        for tid in args.ids:
            try:
                sv.assign(s, me, tid)
                print(f"task {tid}: assigned")
            except LedgerError as exc:
                print(f"luoshi: task {tid}: {exc}", file=sys.stderr)
                failed += 1
    return 1 if failed else 0


def cmd_report(args: argparse.Namespace) -> int:
    from luoshi.ledger import services as sv
    from luoshi.ledger.errors import LedgerError

    with open_session(args) as s:
        me = actor(s, args)
        try:
            files = [sv.AttachmentIn(Path(f).name, Path(f).read_bytes()) for f in args.attach]
            if args.done:
                sv.submit_done(s, me, args.task, args.text)
            else:
                sv.report_progress(s, me, args.task, args.text, args.percent, attachments=files)
        except (LedgerError, OSError) as exc:
            return fail(exc)
    print(f"task {args.task}: reported")
    return 0


def cmd_users(args: argparse.Namespace) -> int:
    from luoshi.ledger import services as sv
    from luoshi.ledger.errors import LedgerError

    with open_session(args) as s:
        me = actor(s, args)
        try:
            if args.action == "list":
                for u in sv.list_users(s, me):
                    print(f"{u.id:>4} {u.username:<12} {u.role:<10} {u.display_name}"
                          f"{'' if u.active else '  (disabled)'}")  # fmt: skip
                return 0
            if not args.username:
                raise SystemExit("luoshi: which user?")
            if args.action == "add":
                kw: dict[str, object] = {"email": args.email}
                if args.unit:
                    kw["unit_id"] = find_unit(s, args.unit)
                if args.leader:
                    kw["leader_id"] = find_leader(s, args.leader)
                user, pw = sv.create_user(s, me, args.username, args.role or "viewer",
                                          args.password, **kw)  # fmt: skip
                print(f"user {user.username} ({user.role}) password: {pw}")
            elif args.action == "passwd":
                from luoshi.ledger.passwords import generate_password

                pw = args.password or generate_password()
                sv.set_password(s, me, sv.get_user(s, args.username).id, pw)
                print(f"user {args.username} password: {pw}")
            else:
                sv.set_active(s, me, sv.get_user(s, args.username).id, args.action == "enable")
                print(f"user {args.username}: {args.action}d")
        except LedgerError as exc:
            return fail(exc)
    return 0


def parse_date(text: str) -> date:
    return date.fromisoformat(text)
