"""The `luoshi` command: a thin dispatcher over one module per command group.

Each module in COMMANDS exposes `register(subparsers)`; heavy imports happen inside the
command functions so that `luoshi extract` does not pay for the web stack.
Exit status: 0 all fine, 1 some inputs failed, 2 usage error.
"""

from __future__ import annotations

import argparse
import importlib
import sys

COMMANDS = (
    "luoshi.cli.extract_cmd",
    "luoshi.cli.ledger_cmds",
    "luoshi.cli.serve_cmd",
    "luoshi.cli.batch_cmd",
    "luoshi.cli.eval_cmd",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="luoshi", description="Luoshi (落实): meeting documents → supervised task ledger"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `luoshi extract … | head`
        return 0
