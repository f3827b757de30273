"""The JSON API under /api/v1, one module per resource."""

from __future__ import annotations

from fastapi import APIRouter

from luoshi.web.api import auth

router = APIRouter()
for module in (auth,):
    router.include_router(module.router)
