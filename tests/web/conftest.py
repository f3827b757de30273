"""Fixtures: a fresh SQLite database with a seeded jurisdiction, the app on it, and a
logged-in TestClient per role."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from luoshi.web.app import create_app
from luoshi.web.settings import WebSettings

from .seed import PASSWORD, Seeded, seed


def make_settings(**kw: object) -> WebSettings:
    base = {"secret_key": "test-secret", "login_max_failures": 5, "login_window_seconds": 60}
    base.update(kw)
    return WebSettings(**base)  # type: ignore[arg-type]


@pytest.fixture
def seeded(tmp_path: Path) -> Seeded:
    return seed(f"sqlite:///{tmp_path / 'web.db'}")


@pytest.fixture
def app(seeded: Seeded):  # type: ignore[no-untyped-def]
    application = create_app(seeded.url, settings=make_settings())
    yield application
    application.state.engine.dispose()


def login(client: TestClient, username: str, password: str = PASSWORD) -> TestClient:
    r = client.get("/api/v1/auth/csrf")
    token = r.json()["csrf_token"]
    r = client.post("/api/v1/auth/login", json={"username": username, "password": password},
                    headers={"X-CSRF-Token": token})  # fmt: skip
    assert r.status_code == 200, r.text
    client.headers["X-CSRF-Token"] = r.json()["csrf_token"]
    return client


@pytest.fixture
def client_for(app) -> Iterator[Callable[[str | None], TestClient]]:  # type: ignore[no-untyped-def]
    clients: list[TestClient] = []

    def make(username: str | None) -> TestClient:
        c = TestClient(app, base_url="http://testserver", follow_redirects=False)
        clients.append(c)
        return login(c, username) if username else c

    yield make
    for c in clients:
        c.close()


BACKENDS = ["sqlite", pytest.param("pg", marks=pytest.mark.pg)]


def fresh_database(kind: str, tmp_path_factory: pytest.TempPathFactory, name: str) -> str:
    """An empty database for a module's fixtures: a SQLite file, or (kind "pg", when
    LUOSHI_TEST_PG_URL is set) a PostgreSQL database of its own, `<db>_web_<name>`,
    dropped and created again so other suites on the server are not disturbed."""
    if kind == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp(name) / 'web.db'}"
    base = os.environ.get("LUOSHI_TEST_PG_URL")
    if not base:
        pytest.skip("LUOSHI_TEST_PG_URL not set")
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    url = make_url(base)
    db = f"{url.database}_web_{name}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)'))
        c.execute(text(f'CREATE DATABASE "{db}"'))
    admin.dispose()
    return url.set(database=db).render_as_string(hide_password=False)
