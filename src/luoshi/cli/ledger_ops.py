"""`luoshi remind | rank | export | backup | restore` (registered by ledger_cmds)."""

from __future__ import annotations

import argparse
from collections.abc import Callable


def register(sub: argparse._SubParsersAction, name: str, db: Callable) -> None:  # type: ignore[type-arg]
    pass
