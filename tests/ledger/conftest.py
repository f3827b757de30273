"""Ledger fixtures: every test runs on SQLite and (when LUOSHI_TEST_PG_URL is set) on
PostgreSQL, each time on fresh data.

SQLite: the migrated database is built once and copied per test. PostgreSQL: a database of
our own (`<name>_ledger`, so other suites sharing the server are not disturbed) is migrated
once; every test starts from TRUNCATE … RESTART IDENTITY of all tables.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import sessionmaker

from luoshi.ledger.db import init_db, make_engine, session_factory
from luoshi.ledger.models import Base, Leader, LeaderUnit, Unit, UnitAlias, User
from luoshi.ledger.passwords import hash_password
from luoshi.record import MeetingRecord
from luoshi.record.models import Deadline, Directive, Meeting, Source, Spanned

PASSWORD = "right-horse-battery"
_HASH = hash_password(PASSWORD)  # argon2 is slow on purpose: hash once for all tests
TODAY = date(2024, 6, 1)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tmpl") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    init_db(engine)
    with engine.connect() as c:
        c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    base = os.environ.get("LUOSHI_TEST_PG_URL")
    if not base:
        pytest.skip("LUOSHI_TEST_PG_URL not set")
    url = make_url(base)
    name = f"{url.database}_ledger"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        c.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    own = url.set(database=name).render_as_string(hide_password=False)
    engine = make_engine(own)
    init_db(engine)
    engine.dispose()
    yield own


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def db_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if backend == "sqlite":
        path = tmp_path / "ledger.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    url = request.getfixturevalue("pg_url")
    engine = create_engine(url)
    tables = ", ".join(t.name for t in Base.metadata.sorted_tables)
    with engine.begin() as c:
        c.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    engine.dispose()
    return url


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    e = make_engine(db_url)
    yield e
    e.dispose()


@pytest.fixture
def Session(engine: Engine) -> sessionmaker[Session]:
    return session_factory(engine)


@pytest.fixture
def s(Session: sessionmaker[Session]) -> Iterator[Session]:
    with Session() as session:
        yield session


@dataclass
class World:
    """A small jurisdiction: ids of units and leaders, and one user per role."""

    units: dict[str, int] = field(default_factory=dict)
    leaders: dict[str, int] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)

    def __getattr__(self, name: str) -> User:
        try:
            return self.__dict__["users"][name]
        except KeyError:
            raise AttributeError(name) from None


UNITS = [
    ("区发展和改革委员会", "department", ["发改委", "区发改委"]),
    ("区财政局", "department", ["财政局"]),
    ("区住房和城乡建设局", "department", ["住建局"]),
    ("城关街道办事处", "street", ["城关街道"]),
    ("东湖街道办事处", "street", ["东湖街道"]),
    ("青山镇人民政府", "town", ["青山镇"]),
    ("青山高新技术产业开发区管委会", "park", ["高新区"]),
]


@pytest.fixture
def world(s: OrmSession) -> World:
    w = World()
    for name, kind, aliases in UNITS:
        u = Unit(name=name, kind=kind)
        s.add(u)
        s.flush()
        w.units[aliases[0]] = u.id
        s.add_all(UnitAlias(alias=a, unit_id=u.id) for a in aliases)
    for name, title, fen in [("陈静", "常务副区长", ["发改委", "财政局"]),
                             ("孙伟", "副区长", ["住建局", "城关街道"])]:  # fmt: skip
        le = Leader(name=name, title=title)
        s.add(le)
        s.flush()
        w.leaders[name] = le.id
        s.add_all(LeaderUnit(leader_id=le.id, unit_id=w.units[u], relation="分管") for u in fen)
    for username, role, unit, leader in [
        ("admin", "admin", None, None), ("dc", "supervisor", None, None),
        ("lead", "leader", None, "陈静"), ("viewer", "viewer", None, None),
        ("fgw", "liaison", "发改委", None), ("czj", "liaison", "财政局", None),
        ("zjj", "liaison", "住建局", None),
    ]:  # fmt: skip
        user = User(username=username, role=role, display_name=username, password_hash=_HASH,
                    unit_id=w.units[unit] if unit else None,
                    leader_id=w.leaders[leader] if leader else None,
                    email=f"{username}@example.invalid")  # fmt: skip
        s.add(user)
        s.flush()
        w.users[username] = user
    s.commit()
    return w


def make_record(
    items: list[tuple[str, list[str], str | None]] | None = None,
    *,
    sha: str = "a" * 64,
    meeting_date: str = "2024-05-10",
    speaker: str | None = "陈静",
) -> MeetingRecord:
    """A record with one directive per item (text, unit mentions, due ISO date or None)."""
    items = items or [
        ("区发改委牵头做好重大项目谋划储备。", ["区发改委"], "2024-06-30"),
        ("财政局要加强预算执行管理。", ["财政局"], "2024-09-30"),
        ("住建局要抓好老旧小区改造。", ["住建局", "城关街道"], "2024-12-31"),
    ]
    text_all, directives, pos = "", [], 0
    for i, (t, units, due) in enumerate(items, start=1):
        start = len(text_all)
        text_all += t
        us = [Spanned(text=u, span=(start, start + len(u))) for u in units]
        dls = [Deadline(text="年内", span=(start, start + 2), due=due)] if due else []
        directives.append(Directive(id=i, speaker=speaker, text=t, span=(start, start + len(t)),
                                    units=us, deadlines=dls))  # fmt: skip
        pos = len(text_all)
    assert pos == len(text_all)
    return MeetingRecord(
        source=Source(path="test://meeting", sha256=sha), text=text_all,
        meeting=Meeting(date=meeting_date, name="区政府常务会议"), directives=directives,
    )  # fmt: skip


@pytest.fixture
def imported(s: OrmSession, world: World):  # type: ignore[no-untyped-def]
    """The three-task meeting of `make_record`, imported by the supervisor."""
    from luoshi.ledger import services as sv

    return sv.import_record(s, world.dc, make_record(), today=TODAY)


@pytest.fixture
def assigned(s: OrmSession, world: World, imported):  # type: ignore[no-untyped-def]
    """The imported tasks, all assigned; returns their ids."""
    from luoshi.ledger import services as sv

    ids = [t.id for t in imported.tasks]
    for tid in ids:
        sv.assign(s, world.dc, tid)
    return ids
