"""Downloads: the current ledger view as .xlsx (任务分解表) and the 督查通报 as .docx, both
made by `luoshi.reports`."""

from __future__ import annotations

from datetime import datetime
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
    """The `luoshi.reports` function `name`, or 503 when the reports package lacks it."""
    try:
        from luoshi import reports
    except ImportError as exc:  # the reports extra is not installed
        raise HTTPException(503, "报表组件未安装（pip install 'luoshi[reports]'）") from exc
    fn = getattr(reports, name, None)
    if fn is None:
        raise HTTPException(503, f"报表组件不可用：luoshi.reports.{name}")
    return fn


@router.get("/tasks/export.xlsx")
def export_xlsx(request: Request, db: Db, user: Actor) -> Response:
    ledger_xlsx = _reports("ledger_xlsx")
    q = task_query(request.query_params)
    tasks = sv.all_tasks(db, user, q.flt)
    data = ledger_xlsx(tasks, title="任务分解表")
    return attachment(data, XLSX, f"任务台账-{today():%Y%m%d}.xlsx")


@router.get("/downloads/bulletin.docx")
def bulletin_docx(request: Request, db: Db, user: Actor) -> Response:
    require_meeting_reader(user)  # the bulletin covers every unit: not for liaisons
    bulletin = _reports("bulletin_docx")
    data = bulletin(db, user, today=today())
    return attachment(data, DOCX, f"督查通报-{datetime.now():%Y%m%d}.docx")
