"""Server-rendered pages (Jinja2), one module per area."""

from __future__ import annotations

from fastapi import APIRouter

from luoshi.web.pages import (
    admin,
    analysis,
    apidocs,
    auth,
    dashboard,
    downloads,
    meetings,
    search,
    tasks,
)

router = APIRouter(include_in_schema=False)
# downloads before tasks: /tasks/export.xlsx must not be taken for /tasks/{task_id}
for module in (auth, dashboard, downloads, tasks, meetings, search, admin, analysis, apidocs):
    router.include_router(module.router)
