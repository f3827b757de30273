"""The JSON API under /api/v1, one module per resource."""

from __future__ import annotations

from fastapi import APIRouter

from luoshi.web.api import auth, directory, figures, meetings, tasks

router = APIRouter()
for module in (auth, tasks, meetings, directory, figures):
    router.include_router(module.router)
