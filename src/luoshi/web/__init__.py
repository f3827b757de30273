"""The web app: a JSON API under /api/v1 and server-rendered pages, thin over ledger services.

`create_app` is imported lazily so that `import luoshi.web` does not pull in FastAPI.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fastapi import FastAPI


def create_app(database_url: str | None = None, **kwargs: Any) -> FastAPI:
    from luoshi.web.app import create_app as _create_app

    return _create_app(database_url, **kwargs)


__all__ = ["create_app"]
