"""`luoshi serve [--host 127.0.0.1] [--port 8000] [--database URL] [--workers N] [--demo]
[--analysis DIR]`: start the web app with uvicorn and print its address."""

from __future__ import annotations

import argparse
import os
import secrets
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="start the web app (pages and the /api/v1 JSON API)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument(
        "--database",
        metavar="URL",
        help="database URL (default: $LUOSHI_DATABASE_URL, else the SQLite file)",
    )
    p.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    p.add_argument(
        "--demo",
        action="store_true",
        help="fill an empty database with the demo jurisdiction and print its log-ins",
    )
    p.add_argument(
        "--analysis",
        metavar="DIR",
        help="output directory of `luoshi batch` to show on the analysis page",
    )
    p.add_argument("--log-level", default="warning", help="uvicorn log level (default warning)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        import uvicorn
    except ImportError:
        print("luoshi: the web app needs the web extra: pip install 'luoshi[web]'", file=sys.stderr)
        return 2
    from luoshi.web.app import prepare_database

    url = prepare_database(args.database)
    # Workers are separate processes: they read their configuration from the environment.
    os.environ["LUOSHI_DATABASE_URL"] = url
    os.environ.setdefault("LUOSHI_SECRET_KEY", secrets.token_urlsafe(32))
    if args.analysis:
        os.environ["LUOSHI_ANALYSIS_DIR"] = os.path.abspath(args.analysis)
    if args.demo:
        from luoshi.web.demo import ensure_demo

        for line in ensure_demo(url):
            print(line)
    host = f"[{args.host}]" if ":" in args.host else args.host
    print(f"Luoshi web app: http://{host}:{args.port}/   (database: {url})", flush=True)
    uvicorn.run(
        "luoshi.web.app:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=max(1, args.workers),
        log_level=args.log_level,
    )
    return 0
