"""`luoshi batch INPUT OUTPUT` and `luoshi analyze OUTPUT`: corpus runs and what they show.

Ray, pyarrow and matplotlib are imported inside the command functions only.
"""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "batch", help="extract a corpus (directory, JSONL[.gz], Parquet) into Parquet tables",
        description="Extract every document of INPUT into Parquet tables under OUTPUT "
                    "(meetings, people, conveyed, directives, errors). Rerunning into the "
                    "same OUTPUT skips the shards already finished.")
    p.add_argument("input", metavar="INPUT",
                   help="a directory of documents, a .jsonl/.jsonl.gz file or a .parquet file")
    p.add_argument("output", metavar="OUTPUT", help="output directory (created)")
    p.add_argument("--engine", choices=("local", "ray"), default="local",
                   help="local: a process pool here (default); ray: Ray Data")
    p.add_argument("--address", metavar="RAY_ADDRESS", default=None,
                   help="Ray cluster to join (e.g. auto or ray://host:10001); "
                        "default: start Ray on this machine")
    p.add_argument("--workers", type=int, default=None, metavar="N",
                   help="worker processes (default: the CPUs of this machine, or of the cluster)")
    p.add_argument("--shard-size", type=int, default=None, metavar="DOCS",
                   help="documents per shard, fixed for an OUTPUT at its first run (default 500)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(func=run_batch_cmd)

    a = sub.add_parser(
        "analyze", help="tables and charts over the output of `luoshi batch`",
        description="Directives by category over time and by region, diffusion of conveyed "
                    "items, frequent programmes and responsible units: CSV, Parquet, PNG, SVG.")
    a.add_argument("output", metavar="OUTPUT", help="an output directory of `luoshi batch`")
    a.add_argument("--out", metavar="DIR", default=None,
                   help="where to write tables and charts (default OUTPUT/analysis)")
    a.add_argument("--top", type=int, default=30, help="rows of the top-N tables (default 30)")
    a.set_defaults(func=run_analyze_cmd)


def run_batch_cmd(args: argparse.Namespace) -> int:
    from luoshi.batch import OutputError, SourceError, run_batch

    if args.workers is not None and args.workers < 1:
        print("luoshi: --workers must be at least 1", file=sys.stderr)
        return 2
    if args.shard_size is not None and args.shard_size < 1:
        print("luoshi: --shard-size must be at least 1", file=sys.stderr)
        return 2
    try:
        res = run_batch(args.input, args.output, engine=args.engine, workers=args.workers,
                        address=args.address, shard_size=args.shard_size,
                        progress=not args.no_progress)
    except (SourceError, OutputError) as exc:
        print(f"luoshi: {exc}", file=sys.stderr)
        return 2
    rows = ", ".join(f"{k} {v}" for k, v in res.rows.items())
    print(f"luoshi batch: {res.docs_done} documents in {res.seconds:.1f} s "
          f"({res.docs_per_second:.0f}/s), {res.shards_done} shards written, "
          f"{res.shards_skipped} already done ({res.docs_skipped} documents); rows: {rows}",
          file=sys.stderr)
    if res.rows["errors"]:
        print(f"luoshi batch: {res.rows['errors']} documents failed; see {args.output}/errors",
              file=sys.stderr)
    return 0


def run_analyze_cmd(args: argparse.Namespace) -> int:
    from pathlib import Path

    from luoshi.analysis import write_analysis
    from luoshi.batch.store import MANIFEST

    out = Path(args.output)
    if not (out / MANIFEST).exists():
        print(f"luoshi: {out}: not an output directory of `luoshi batch`", file=sys.stderr)
        return 2
    dest = Path(args.out) if args.out else out / "analysis"
    written = write_analysis(out, dest, top=args.top)
    for path in written:
        print(path)
    return 0
