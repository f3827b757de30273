"""`luoshi remind | rank | export | backup | restore` (registered by ledger_cmds)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path


def register(sub: argparse._SubParsersAction, name: str, db: Callable) -> None:  # type: ignore[type-arg]
    if name == "remind":
        p = sub.add_parser("remind", help="record and e-mail reminders (run daily from cron)")
        db(p)
        p.add_argument("--today", type=date.fromisoformat)
        p.add_argument("--no-mail", action="store_true", help="record only, send nothing")
        p.set_defaults(func=cmd_remind)
    elif name == "rank":
        p = sub.add_parser("rank", help="score and rank the units for a period")
        db(p)
        p.add_argument("period", help="2024, 2024-H1, 2024-Q2 or 2024-05")
        p.add_argument("--rules", type=Path, help="JSON file of scoring rules (docs/ledger.md)")
        p.add_argument("--today", type=date.fromisoformat)
        p.set_defaults(func=cmd_rank)
    elif name == "export":
        p = sub.add_parser("export", help="export the ledger (xlsx/csv/json) or a bulletin (docx)")
        db(p)
        p.add_argument("kind", choices=("ledger", "bulletin", "csv", "json", "ranking"))
        p.add_argument("-o", "--out", type=Path, required=True)
        p.add_argument("--period", help="bulletin/ranking period, e.g. 2024-Q2")
        p.add_argument("--meeting", type=int, help="only this meeting's tasks")
        p.add_argument("--state", action="append", default=[])
        p.add_argument("--title", default="督查任务台账")
        p.add_argument("--number", help="发文字号 of a bulletin")
        p.add_argument("--today", type=date.fromisoformat)
        p.set_defaults(func=cmd_export)
    elif name == "backup":
        p = sub.add_parser("backup", help="write the whole ledger to a .jsonl.gz file")
        db(p)
        p.add_argument("out", type=Path)
        p.set_defaults(func=cmd_backup)
    elif name == "restore":
        p = sub.add_parser("restore", help="load a backup into an empty ledger database")
        db(p)
        p.add_argument("file", type=Path)
        p.set_defaults(func=cmd_restore)


def cmd_remind(args: argparse.Namespace) -> int:
    from luoshi.cli.ledger_cmds import actor, fail, open_session
    from luoshi.ledger import services as sv
    from luoshi.ledger.errors import LedgerError

    with open_session(args) as s:
        try:
            res = sv.run_reminders(s, actor(s, args), today=args.today, send=not args.no_mail)
        except LedgerError as exc:
            return fail(exc)
    kinds: dict[str, int] = {}
    for r in res.created:
        kinds[r.kind] = kinds.get(r.kind, 0) + 1
    print(f"reminders: {len(res.created)} new {kinds or ''}; e-mails sent: {res.emails_sent}")
    for e in res.errors:
        print(f"luoshi: remind: {e}", file=sys.stderr)
    return 1 if res.errors else 0


def cmd_rank(args: argparse.Namespace) -> int:
    from luoshi.cli.ledger_cmds import actor, fail, open_session
    from luoshi.ledger import services as sv
    from luoshi.ledger.errors import LedgerError
    from luoshi.ledger.scoring import ScoreRules

    try:
        rules = ScoreRules.load(args.rules) if args.rules else ScoreRules()
        with open_session(args) as s:
            rows = sv.compute_scores(s, actor(s, args), args.period, rules=rules, today=args.today)
    except (LedgerError, ValueError, OSError) as exc:
        return fail(exc)
    for r in rows:
        d = r.details
        print(f"{r.rank:>3} {r.score:>6.1f}  {r.unit_name:<24} 按期{d.get('done_on_time', 0):.0f} "
              f"逾期办结{d.get('done_late', 0):.0f} 逾期未结{d.get('overdue_open', 0):.0f} "
              f"缺报{d.get('missing_report', 0):.0f} 催办{d.get('urge', 0):.0f} "
              f"延期{d.get('extension', 0):.0f}")  # fmt: skip
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from luoshi.cli.ledger_cmds import actor, fail, open_session
    from luoshi.ledger import services as sv
    from luoshi.ledger.errors import LedgerError
    from luoshi.reports import tabular

    try:
        with open_session(args) as s:
            me = actor(s, args)
            if args.kind == "bulletin":
                from luoshi.reports.bulletin import build_bulletin
                from luoshi.reports.docx_bulletin import write_bulletin_docx

                if not args.period:
                    raise SystemExit("luoshi: a bulletin needs --period")
                b = build_bulletin(s, me, args.period, today=args.today, number=args.number)
                write_bulletin_docx(b, args.out)
            elif args.kind == "ranking":
                if not args.period:
                    raise SystemExit("luoshi: a ranking needs --period")
                rows = tabular.rows_of(sv.ranking(s, me, args.period))
                _write_rows(rows, args.out)
            else:
                flt = sv.TaskFilter(meeting_id=args.meeting, states=tuple(args.state), order="id")
                views = sv.all_tasks(s, me, flt, today=args.today)
                if args.kind == "ledger":
                    from luoshi.reports.xlsx_ledger import write_ledger_xlsx

                    write_ledger_xlsx(views, args.out, args.title)
                else:
                    rows = tabular.task_rows(views)
                    _write_rows(rows, args.out, "json" if args.kind == "json" else "csv")
    except (LedgerError, ValueError, OSError) as exc:
        return fail(exc)
    print(f"wrote {args.out}")
    return 0


def _write_rows(rows: list, out: Path, fmt: str | None = None) -> None:  # type: ignore[type-arg]
    from luoshi.reports import tabular

    fmt = fmt or ("json" if out.suffix == ".json" else "csv")
    with out.open("w", encoding="utf-8", newline="") as fp:
        if fmt == "json":
            tabular.write_json(rows, fp)
        else:
            tabular.write_csv(rows, fp, bom=True)


def cmd_backup(args: argparse.Namespace) -> int:
    from luoshi.cli.ledger_cmds import actor, open_session
    from luoshi.ledger.backup import backup
    from luoshi.ledger.errors import PermissionDenied

    with open_session(args) as s:
        me = actor(s, args)
        if me.role != "admin":
            return _fail_perm(PermissionDenied(f"{me.username} may not back up the ledger"))
        counts = backup(s.get_bind(), args.out)
    print(f"wrote {args.out}: {sum(counts.values())} rows in {len(counts)} tables")
    return 0


def _fail_perm(exc: Exception) -> int:
    print(f"luoshi: {exc}", file=sys.stderr)
    return 1


def cmd_restore(args: argparse.Namespace) -> int:
    from luoshi.cli.ledger_cmds import fail, open_session
    from luoshi.ledger.backup import restore
    from luoshi.ledger.errors import LedgerError

    with open_session(args) as s:
        engine = s.get_bind()
    try:
        counts = restore(engine, args.file)
    except (LedgerError, OSError) as exc:
        return fail(exc)
    print(f"restored {sum(counts.values())} rows in {len(counts)} tables")
    return 0
