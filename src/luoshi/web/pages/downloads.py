"""Downloads: the current ledger view as .xlsx (任务分解表) and the 督查通报 as .docx, both
made by `luoshi.reports`."""

from __future__ import annotations

import importlib
import tempfile
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from luoshi.ledger import services as sv
from luoshi.ledger.queries_web import require_meeting_reader
from luoshi.ledger.settings import today
from luoshi.web.deps import Actor, Db
from luoshi.web.filters import task_query

router = APIRouter()
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def attachment(data: bytes, media_type: str, filename: str) -> Response:
    return Response(data, media_type=media_type, headers={
        "Content-Disposition": f"attachment; filename=\"luoshi.{filename.rsplit('.', 1)[-1]}\"; "
                               f"filename*=UTF-8''{quote(filename)}"})  # fmt: skip


def _reports(name: str):  # type: ignore[no-untyped-def]
    """The `luoshi.reports` module `name`, or 503 when it cannot be imported."""
    try:
        return importlib.import_module(f"luoshi.reports.{name}")
    except ImportError as exc:  # the reports extra is not installed
        raise HTTPException(503, f"报表组件不可用：luoshi.reports.{name}") from exc


def _via_file(write, suffix: str) -> bytes:  # type: ignore[no-untyped-def]
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / f"out{suffix}"
        write(path)
        return path.read_bytes()


@router.get("/tasks/export.xlsx")
def export_xlsx(request: Request, db: Db, user: Actor) -> Response:
    write = _reports("xlsx_ledger").write_ledger_xlsx
    q = task_query(request.query_params)
    tasks = sv.all_tasks(db, user, q.flt)
    data = _via_file(lambda path: write(tasks, path, title="任务分解表"), ".xlsx")
    return attachment(data, XLSX, f"任务台账-{today():%Y%m%d}.xlsx")


@router.get("/downloads/bulletin.docx")
def bulletin_docx(request: Request, db: Db, user: Actor) -> Response:
    require_meeting_reader(user)  # the bulletin covers every unit: not for liaisons
    build = _reports("bulletin").build_bulletin
    write = _reports("docx_bulletin").write_bulletin_docx
    day = today()
    b = build(db, user, str(day.year), today=day)
    data = _via_file(lambda path: write(b, path), ".docx")
    return attachment(data, DOCX, f"督查通报-{datetime.now():%Y%m%d}.docx")
