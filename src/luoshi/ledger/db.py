"""Engine, sessions and schema migrations.

The database is a SQLite file by default (WAL, foreign keys on, busy timeout) or any URL in
`LUOSHI_DATABASE_URL` (PostgreSQL: `postgresql+psycopg://user@host/db`). The schema is
owned by Alembic; the migrations ship inside the package (`luoshi/ledger/migrations`) and
run programmatically, no alembic.ini needed.

    engine = make_engine()            # from LUOSHI_DATABASE_URL or var/luoshi.db
    init_db(engine)                   # alembic upgrade head (idempotent)
    Session = session_factory(engine)
    with Session() as s: ...
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

DEFAULT_URL = "sqlite:///var/luoshi.db"
MIGRATIONS = Path(__file__).with_name("migrations")


def database_url(url: str | None = None) -> str:
    """The URL to use: explicit, else LUOSHI_DATABASE_URL, else a SQLite file in ./var."""
    return url or os.environ.get("LUOSHI_DATABASE_URL") or DEFAULT_URL


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


def make_engine(url: str | None = None, **kwargs: object) -> Engine:
    """Create an engine; for SQLite also create the file's directory and set pragmas."""
    url = database_url(url)
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 10}, **kwargs)  # type: ignore[arg-type]
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if url.startswith("postgresql") and "connect_args" not in kwargs:
        # The ledger's queries are short OLTP reads over ≤ 100k-row indexes: starting parallel
        # workers costs more than it saves (measured: dashboard 51 → 20 ms on 2 cores).
        kwargs["connect_args"] = {"options": "-c max_parallel_workers_per_gather=0"}
    return create_engine(url, pool_pre_ping=True, **kwargs)  # type: ignore[arg-type]


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions whose objects stay readable after commit (services commit themselves)."""
    return sessionmaker(engine, expire_on_commit=False)


def alembic_config(engine: Engine):  # type: ignore[no-untyped-def]
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return cfg


def init_db(engine: Engine) -> None:
    """Bring the schema to the newest migration (creates it on an empty database)."""
    from alembic import command

    cfg = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def schema_revision(engine: Engine) -> str | None:
    """The Alembic revision the database is at, or None when it was never initialised."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def open_session(url: str | None = None) -> Session:
    """A session on an initialised database (for scripts and the command line)."""
    engine = make_engine(url)
    init_db(engine)
    return session_factory(engine)()
