"""`luoshi extract PATH... [--format json|jsonl|table]`."""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="extract meeting records from documents")
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="txt/html/docx/pdf files, directories (recursive), or - for stdin")
    p.add_argument("--format", choices=("json", "jsonl", "table"), default="json",
                   help="json: indented records; jsonl: one per line; table: for a person")
    p.add_argument("--keep-non-meetings", action="store_true",
                   help="print records of documents that hold no meeting instead of failing them")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from luoshi.cli.table import render_table
    from luoshi.extract import NotAMeeting, extract_document
    from luoshi.text import InputError, iter_paths, read_bytes, read_path

    failed = 0
    out = sys.stdout
    for path in iter_paths(args.paths):
        try:
            doc = read_bytes(sys.stdin.buffer.read(), "-") if path == "-" else read_path(path)
            record = extract_document(doc, require_meeting=not args.keep_non_meetings)
        except InputError as exc:
            print(f"luoshi: {exc}", file=sys.stderr)
            failed += 1
            continue
        except NotAMeeting as exc:
            print(f"luoshi: {path}: {exc}", file=sys.stderr)
            failed += 1
            continue
        if args.format == "jsonl":
            out.write(record.model_dump_json() + "\n")
        elif args.format == "json":
            out.write(record.model_dump_json(indent=1) + "\n")
        else:
            out.write(render_table(record) + "\n")
    return 1 if failed else 0
