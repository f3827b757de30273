"""The application factory: `create_app(database_url=None)`.

    uvicorn --factory luoshi.web.app:create_app      # reads LUOSHI_DATABASE_URL

The app holds no state of its own beyond its database (sessions live in a signed cookie),
so it scales by adding workers that share LUOSHI_SECRET_KEY.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine, event
from starlette.middleware.sessions import SessionMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from luoshi.ledger.db import database_url as resolve_url
from luoshi.ledger.db import init_db, make_engine, session_factory
from luoshi.ledger.queries_web import refresh_sqlite_stats
from luoshi.web import errors
from luoshi.web.csrf import csrf_guard
from luoshi.web.settings import WebSettings
from luoshi.web.throttle import LoginThrottle

STATIC = Path(__file__).parent / "static"
SKIP_MIGRATIONS = "LUOSHI_DB_READY"  # set by `luoshi serve` once it has migrated


def prepare_database(url: str | None = None) -> str:
    """Resolve the database URL and bring its schema up to date; returns the URL."""
    url = resolve_url(url)
    engine = make_engine(url)
    try:
        init_db(engine)
    finally:
        engine.dispose()
    os.environ[SKIP_MIGRATIONS] = url
    return url


# Per connection on SQLite, beyond the ledger's (WAL, synchronous=NORMAL, busy_timeout,
# foreign keys): a 16 MB page cache and the file memory-mapped, so reads of a large ledger
# come from memory instead of read() calls; temporary sort tables in memory.
SQLITE_READ_PRAGMAS = (
    "PRAGMA cache_size=-16384",
    "PRAGMA mmap_size=268435456",
    "PRAGMA temp_store=MEMORY",
)
# Requests a worker process handles at once; the others wait their turn, first come first
# served, in the event loop, holding nothing. Two reasons to bound it:
# - a request holds a database connection from its first query to its end, across the
#   thread hand-offs of its dependencies; without a bound, more requests than connections
#   take every pool thread waiting for a connection while the requests holding one wait
#   for a thread (a deadlock until the pool times out; seen with 50 clients);
# - on SQLite a request is CPU work in this process: more threads only fight over the GIL
#   (measured at 50 connections: 2.5 ms of CPU per list request with one in flight, 4.9 ms
#   with eight). PostgreSQL requests also wait on the network, so more may run at once.
# LUOSHI_WEB_CONCURRENCY overrides. The pool has room for all of them: no request waits.
SQLITE_INFLIGHT = 2
SERVER_INFLIGHT = 8


def max_inflight(url: str) -> int:
    value = os.environ.get("LUOSHI_WEB_CONCURRENCY", "")
    if value.isdigit() and int(value) > 0:
        return int(value)
    return SQLITE_INFLIGHT if url.startswith("sqlite") else SERVER_INFLIGHT


def pool_args(url: str) -> dict[str, int]:
    return {"pool_size": max_inflight(url), "max_overflow": 4, "pool_timeout": 30,
            "pool_recycle": 3600}  # fmt: skip


class InflightLimit:
    """ASGI middleware: at most `limit` HTTP requests of this process run at a time."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit
        self._sem: asyncio.Semaphore | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self._sem is None:  # created inside the running loop
            self._sem = asyncio.Semaphore(self.limit)
        async with self._sem:
            await self.app(scope, receive, send)


def _sqlite_read_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
    cur = dbapi_conn.cursor()
    for pragma in SQLITE_READ_PRAGMAS:
        cur.execute(pragma)
    cur.close()


def web_engine(url: str) -> Engine:
    """The ledger's engine with the web's pool sizes and read pragmas."""
    engine = make_engine(url, **pool_args(url))
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_read_pragmas)
    return engine


def create_app(database_url: str | None = None, *, settings: WebSettings | None = None) -> FastAPI:
    from luoshi.web.api import router as api_router
    from luoshi.web.pages import dashboard
    from luoshi.web.pages import router as pages_router

    settings = settings or WebSettings()
    url = resolve_url(database_url)
    engine = web_engine(url)
    if os.environ.get(SKIP_MIGRATIONS) != url:
        init_db(engine)
    refresh_sqlite_stats(engine)  # the planner needs them to pick the list indexes

    app = FastAPI(
        title="落实 Luoshi API",
        description="会议精神落实与督查督办：任务台账、交办、反馈、督办、办结。"
        "Log in with POST /api/v1/auth/login; send the returned csrf_token as X-CSRF-Token "
        "on every POST.",
        version="1",
        docs_url=None,  # Swagger UI loads from a CDN: /api/v1/docs is our own page instead
        swagger_ui_oauth2_redirect_url=None,
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
        dependencies=[Depends(csrf_guard)],
    )
    app.state.engine = engine
    app.state.sessions = session_factory(engine)
    app.state.settings = settings
    app.state.throttle = LoginThrottle(settings.login_max_failures, settings.login_window_seconds)
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.secret_key,
        session_cookie="luoshi_session",
        max_age=settings.session_max_age,
        same_site="lax",
        https_only=settings.https_only,
    )
    errors.install(app)
    app.add_middleware(InflightLimit, limit=max_inflight(url))  # outermost: added last
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(api_router, prefix="/api/v1")
    app.include_router(pages_router)
    dashboard.warm(app.state.sessions)  # each worker's figure cache, before the first request
    return app


def list_routes(app: FastAPI) -> list[tuple[str, str]]:
    """Every (method, path) the app answers, static files excepted. Newer FastAPI keeps
    included routers as nested objects; both layouts are walked."""
    out: set[tuple[str, str]] = set()

    def walk(routes: object) -> None:
        for r in routes:  # type: ignore[attr-defined]
            if hasattr(r, "effective_route_contexts"):
                for ctx in r.effective_route_contexts():
                    for m in getattr(ctx.original_route, "methods", None) or ():
                        out.add((m, ctx.path))
            elif getattr(r, "methods", None):
                out.update((m, r.path) for m in r.methods)
            elif hasattr(r, "routes") and r.path != "/static":
                walk(r.routes)

    walk(app.routes)
    return sorted((m, p) for m, p in out if m != "HEAD")
