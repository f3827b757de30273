"""Schema, migrations and the storage guarantees: WAL, foreign keys, append-only events."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError

from luoshi.ledger.db import init_db, make_engine, schema_revision
from luoshi.ledger.models import Base, Event


def head(engine) -> str:  # type: ignore[no-untyped-def]
    from alembic.script import ScriptDirectory

    from luoshi.ledger.db import alembic_config

    return ScriptDirectory.from_config(alembic_config(engine)).get_current_head()


def test_migrations_build_the_models_schema(engine) -> None:
    assert schema_revision(engine) == head(engine)
    init_db(engine)  # idempotent
    catalog = (
        "SELECT name FROM sqlite_master WHERE type = 'index'"
        if engine.dialect.name == "sqlite"
        else "SELECT indexname FROM pg_indexes WHERE tablename = 'tasks'"
    )
    with engine.connect() as c:
        indexes = set(c.exec_driver_sql(catalog).scalars())
    assert {"ix_tasks_due_order", "ix_tasks_state_deadline_closed"} <= indexes
    tables = set(inspect(engine).get_table_names()) - {"alembic_version"}
    assert tables == set(Base.metadata.tables)
    cols = {c["name"] for c in inspect(engine).get_columns("tasks")}
    assert {c.name for c in Base.metadata.tables["tasks"].columns} == cols


def test_sqlite_runs_in_wal_with_foreign_keys(tmp_path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'sub' / 'x.db'}")
    with engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert c.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    init_db(engine)
    with pytest.raises(DBAPIError), engine.begin() as c:
        c.execute(text("INSERT INTO task_units(task_id, unit_id, role, position, method, score)"
                       " VALUES (999, 999, 'lead', 0, 'x', 1)"))  # fmt: skip
    engine.dispose()


def test_events_are_append_only_in_the_database(engine, s, world, imported) -> None:
    n = s.query(Event).count()
    assert n == 4  # three tasks imported + the meeting
    for sql in ("UPDATE events SET note = 'forged'", "DELETE FROM events"):
        with pytest.raises(DBAPIError), engine.begin() as c:
            c.execute(text(sql))
    with engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM events WHERE note = 'forged'")).scalar() == 0
        assert c.execute(text("SELECT count(*) FROM events")).scalar() == n


def test_events_are_append_only_in_the_orm(s, world, imported) -> None:
    ev = s.query(Event).first()
    ev.note = "changed"
    with pytest.raises(RuntimeError, match="append-only"):
        s.flush()
    s.rollback()


def test_migrations_downgrade_and_upgrade_again(engine) -> None:
    from alembic import command

    from luoshi.ledger.db import alembic_config

    cfg = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0001")
    assert schema_revision(engine) == "0001"
    init_db(engine)
    assert schema_revision(engine) == head(engine)


def test_task_list_order_uses_the_expression_index(tmp_path, sqlite_template) -> None:
    import shutil

    from sqlalchemy import select

    from luoshi.ledger.models import Task
    from luoshi.ledger.services.queries import DUE_ORDER

    shutil.copy(sqlite_template, tmp_path / "x.db")
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    sql = str(select(Task.id).order_by(DUE_ORDER, Task.id).limit(5).compile(engine))
    with engine.connect() as c:
        plan = " ".join(str(r[-1]) for r in c.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", (5, 0)))
    assert "ix_tasks_due_order" in plan and "TEMP B-TREE" not in plan, plan
    engine.dispose()
