"""Backup and restore of the whole ledger as gzipped JSON lines, one table after another in
dependency order. Portable across backends: a SQLite backup restores into PostgreSQL and
back. Restore needs an empty, migrated database and runs in one transaction."""

from __future__ import annotations

import base64
import gzip
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Date, DateTime, Engine, LargeBinary, func, insert, select, text

from luoshi.ledger.db import schema_revision
from luoshi.ledger.errors import ValidationFailed
from luoshi.ledger.models import Base

FORMAT = "luoshi-ledger-backup/1"


def _out(v: Any) -> Any:
    if isinstance(v, bytes):
        return {"$b64": base64.b64encode(v).decode()}
    if isinstance(v, datetime | date):
        return v.isoformat()
    return v


def backup(engine: Engine, path: str | Path) -> dict[str, int]:
    """Write every table to `path` (.jsonl.gz); returns rows per table."""
    counts: dict[str, int] = {}
    with engine.connect() as conn, gzip.open(path, "wt", encoding="utf-8") as fp:
        header = {"format": FORMAT, "revision": schema_revision(engine),
                  "dialect": engine.dialect.name}  # fmt: skip
        fp.write(json.dumps(header) + "\n")
        for table in Base.metadata.sorted_tables:
            n = 0
            order = [c for c in table.primary_key.columns]
            for row in conn.execute(select(table).order_by(*order)).mappings():
                rec = {k: _out(v) for k, v in row.items()}
                fp.write(json.dumps({"t": table.name, "r": rec}, ensure_ascii=False) + "\n")
                n += 1
            counts[table.name] = n
    return counts


def _in(col, v: Any) -> Any:  # type: ignore[no-untyped-def]
    if v is None:
        return None
    if isinstance(col.type, LargeBinary):
        return base64.b64decode(v["$b64"])
    if isinstance(col.type, DateTime):
        return datetime.fromisoformat(v)
    if isinstance(col.type, Date):
        return date.fromisoformat(v)
    return v


def restore(engine: Engine, path: str | Path) -> dict[str, int]:
    """Load a backup into an empty database at the same schema revision."""
    tables = {t.name: t for t in Base.metadata.sorted_tables}
    counts: dict[str, int] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fp:
        try:
            header = json.loads(fp.readline())
        except json.JSONDecodeError as exc:
            raise ValidationFailed(f"{path}: not a Luoshi backup") from exc
        if header.get("format") != FORMAT:
            raise ValidationFailed(f"{path}: not a Luoshi backup ({header.get('format')})")
        if header.get("revision") != schema_revision(engine):
            raise ValidationFailed(f"{path}: backup at schema {header.get('revision')}, "
                                   f"database at {schema_revision(engine)}")  # fmt: skip
        with engine.begin() as conn:
            for t in tables.values():
                if conn.scalar(select(func.count()).select_from(t)):
                    raise ValidationFailed(f"the database is not empty ({t.name} has rows)")
            batch: list[dict[str, Any]] = []
            current = None

            def flush() -> None:
                if batch and current is not None:
                    conn.execute(insert(tables[current]), batch)
                batch.clear()

            for line in fp:
                item = json.loads(line)
                if item["t"] != current or len(batch) >= 1000:
                    flush()
                    current = item["t"]
                t = tables[current]
                batch.append({k: _in(t.c[k], v) for k, v in item["r"].items()})
                counts[current] = counts.get(current, 0) + 1
            flush()
            if engine.dialect.name == "postgresql":  # move the id sequences past the rows
                for t in tables.values():
                    if (
                        "id" in t.c
                        and t.c.id.autoincrement is not False
                        and len(t.primary_key.columns) == 1
                    ):
                        conn.execute(text(
                            f"SELECT setval(pg_get_serial_sequence('{t.name}', 'id'), "
                            f"COALESCE((SELECT max(id) FROM {t.name}), 0) + 1, false)"))  # fmt: skip
    return counts
