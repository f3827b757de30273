"""Server-rendered pages (Jinja2), one module per area."""

from __future__ import annotations

from fastapi import APIRouter

from luoshi.web.pages import auth

router = APIRouter(include_in_schema=False)
for module in (auth,):
    router.include_router(module.router)
