"""Import of an existing Excel ledger (任务分解表): the columns 序号 / 工作任务 / 牵头领导 /
责任单位 / 配合单位 / 完成时限 (and their usual synonyms), merged cells and all. Every row
that cannot be fully read is reported, line by line; the rest is imported in one
transaction as a meeting (origin `excel`) with draft tasks."""

from __future__ import annotations

import hashlib
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from luoshi.ledger import settings as _settings
from luoshi.ledger.deadlines import parse_deadline
from luoshi.ledger.errors import DuplicateImport, ValidationFailed
from luoshi.ledger.matching import split_mentions
from luoshi.ledger.models import Leader, Meeting, Task, User
from luoshi.ledger.rights import require_office
from luoshi.ledger.services.base import record_event, unit_of_work
from luoshi.ledger.services.directory import load_directory, overseeing_leader_id
from luoshi.ledger.services.importing import add_task_units, title_of

COLUMNS: dict[str, tuple[str, ...]] = {
    "code": ("序号", "编号"),
    "task": ("工作任务", "任务内容", "重点任务", "工作内容", "具体任务", "工作事项", "任务"),
    "leader": ("牵头领导", "责任领导", "分管领导", "区领导", "牵头区领导"),
    "units": ("责任单位", "牵头单位", "主责单位", "责任部门"),
    "assist": ("配合单位", "协办单位", "配合部门"),
    "deadline": ("完成时限", "时间节点", "完成时间", "时限要求", "时限"),
    "progress": ("进展情况", "推进情况"),
}


@dataclass
class ExcelImportResult:
    meeting: Meeting
    tasks: list[Task]
    problems: list[str] = field(default_factory=list)  # "row 7: …" lines


def _norm(v: Any) -> str:
    return re.sub(r"\s+", "", str(v)) if v is not None else ""


def _grid(ws) -> dict[tuple[int, int], Any]:  # type: ignore[no-untyped-def]
    """Cell values with every merged range filled from its top-left cell."""
    grid = {
        (c.row, c.column): c.value for row in ws.iter_rows() for c in row if c.value is not None
    }
    for rng in ws.merged_cells.ranges:
        v = ws.cell(rng.min_row, rng.min_col).value
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                grid[(r, c)] = v
    return grid


def _header(grid: dict[tuple[int, int], Any], max_col: int) -> tuple[int, dict[str, int]] | None:
    for r in range(1, 16):
        found: dict[str, int] = {}
        for c in range(1, max_col + 1):
            cell = _norm(grid.get((r, c)))
            for key, names in COLUMNS.items():
                if key not in found and any(cell == n or cell.startswith(n) for n in names):
                    found[key] = c
                    break
        if "task" in found and len(found) >= 3:
            return r, found
    return None


def read_workbook(path: Path):  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    try:
        return load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ValidationFailed(f"{path.name}: not a readable Excel workbook ({exc})") from exc


@unit_of_work
def import_excel(
    session: Session,
    actor: User | None,
    path: str | Path,
    *,
    title: str | None = None,
    today: date | None = None,
) -> ExcelImportResult:
    """Import a 任务分解表 (.xlsx). Raises ValidationFailed when no sheet has a
    recognisable header or no row holds a task; rows with unreadable cells are imported
    as far as they go and reported in `problems`."""
    actor = require_office(actor, "import ledgers")
    path = Path(path)
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    if existing := session.scalar(select(Meeting.id).where(Meeting.source_sha256 == sha)):
        raise DuplicateImport(f"{path.name} was imported before (meeting {existing})", existing)
    wb = read_workbook(path)
    today = today or _settings.today()
    for ws in wb.worksheets:
        grid = _grid(ws)
        head = _header(grid, ws.max_column)
        if head:
            break
    else:
        raise ValidationFailed(
            f"{path.name}: no sheet has a header row with 工作任务 and at least two of "
            "序号/牵头领导/责任单位/配合单位/完成时限"
        )
    hrow, cols = head
    sheet_title = next(
        (str(grid[(r, 1)]).strip() for r in range(1, hrow) if grid.get((r, 1))), None
    )
    ym = re.search(r"(20\d\d)年", sheet_title or "")
    ref = date(int(ym[1]), 1, 1) if ym else today
    meeting = Meeting(title=(title or sheet_title or path.stem)[:300], origin="excel",
                      source_path=str(path), source_format="xlsx", source_sha256=sha,
                      imported_by_id=actor.id)  # fmt: skip
    session.add(meeting)
    session.flush()
    directory = load_directory(session)
    leaders = list(session.execute(select(Leader.name, Leader.id).where(Leader.active)))
    problems: list[str] = []
    tasks: list[Task] = []
    merged_rows = {
        r for rng in ws.merged_cells.ranges if rng.max_col - rng.min_col >= 2
        for r in range(rng.min_row, rng.max_row + 1)
    }  # fmt: skip
    last_task = None
    for r in range(hrow + 1, ws.max_row + 1):
        cell = {k: grid.get((r, c)) for k, c in cols.items()}
        text = str(cell["task"]).strip() if cell.get("task") is not None else ""
        if not any(v is not None and str(v).strip() for v in cell.values()):
            continue
        if r in merged_rows and len({_norm(v) for v in cell.values() if v is not None}) == 1:
            continue  # a section heading (一、经济发展) spanning the table
        if not text:
            problems.append(f"row {r}: no 工作任务; row skipped")
            continue
        if text == last_task:  # a task cell merged over several rows: one task
            continue
        last_task = text
        task = Task(meeting_id=meeting.id, seq=len(tasks) + 1, title=title_of(text), content=text,
                    state="draft", code=_norm(cell.get("code")) or str(len(tasks) + 1),
                    unit_text=str(cell.get("units") or "").strip() or None)  # fmt: skip
        raw_due = cell.get("deadline")
        if raw_due is not None and str(raw_due).strip():
            due, ok = parse_deadline(raw_due, ref)
            task.deadline = task.original_deadline = due
            task.deadline_text = str(raw_due).strip()[:100]
            if not ok:
                problems.append(f"row {r}: 完成时限 {str(raw_due).strip()!r} could not be read;"
                                " task kept without a deadline")  # fmt: skip
        pos = 0
        for key, role in (("units", "lead"), ("assist", "assist")):
            for mention in split_mentions(str(cell.get(key) or "")):
                found = directory.match(mention)
                if not found:
                    problems.append(f"row {r}: unit {mention!r} is not in the directory")
                pos = add_task_units(task, found, role, pos)
        if not any(tu.role == "lead" for tu in task.units) and not cell.get("units"):
            problems.append(f"row {r}: no 责任单位")
        lname = _norm(cell.get("leader"))
        if lname:
            hit = [lid for n, lid in leaders if lname.startswith(n) or n in lname]
            if hit:
                task.lead_leader_id = hit[0]
            else:
                problems.append(f"row {r}: leader {lname!r} is not in the directory")
        elif task.units:
            task.lead_leader_id = overseeing_leader_id(session, task.units[0].unit_id)
        if cell.get("progress"):
            task.latest_progress = str(cell["progress"]).strip()
        session.add(task)
        tasks.append(task)
    if not tasks:
        raise ValidationFailed(f"{path.name}: no task rows under the header (row {hrow})")
    session.flush()
    for t in tasks:
        record_event(session, actor, "imported", task=t, to_state="draft",
                     data={"excel": path.name})  # fmt: skip
    record_event(session, actor, "meeting_imported", meeting_id=meeting.id, note=meeting.title,
                 data={"tasks": len(tasks), "problems": problems})  # fmt: skip
    return ExcelImportResult(meeting, tasks, problems)
