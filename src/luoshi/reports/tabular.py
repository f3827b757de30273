"""Rows of a task list in the columns an office uses, as JSON or CSV."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from typing import IO, Any

LEDGER_COLUMNS = (
    "序号",
    "工作任务",
    "牵头领导",
    "责任单位",
    "配合单位",
    "完成时限",
    "进展情况",
    "状态",
)
LIGHT_LABELS = {"red": "红灯", "yellow": "黄灯", "green": "绿灯", None: ""}


def task_rows(views: Iterable[Any]) -> list[dict[str, Any]]:
    """TaskViews → dicts: the ledger columns plus id, light, days left, overdue."""
    rows = []
    for n, v in enumerate(views, start=1):
        rows.append({
            "id": v.id,
            "序号": v.code or str(n),
            "工作任务": v.content or v.title,
            "牵头领导": v.lead_leader or "",
            "责任单位": "、".join(v.lead_units),
            "配合单位": "、".join(v.assist_units),
            "完成时限": v.deadline.isoformat() if v.deadline else (v.deadline_text or ""),
            "进展情况": v.latest_progress or "",
            "状态": v.state_label,
            "亮灯": LIGHT_LABELS[v.light],
            "剩余天数": v.days_left,
            "逾期": v.overdue,
            "完成进度": v.percent,
            "会议": v.meeting_title or "",
        })  # fmt: skip
    return rows


def _plain(obj: Any) -> Any:
    if is_dataclass(obj) and not isinstance(obj, type):
        return asdict(obj)
    if isinstance(obj, date | datetime):
        return obj.isoformat()
    return str(obj)


def rows_of(items: Iterable[Any]) -> list[dict[str, Any]]:
    """Any list the services return (dataclasses or dicts) as plain dicts."""
    return [asdict(i) if is_dataclass(i) and not isinstance(i, type) else dict(i) for i in items]


def write_json(rows: Sequence[Any], fp: IO[str]) -> None:
    json.dump(list(rows), fp, ensure_ascii=False, indent=1, default=_plain)
    fp.write("\n")


def write_csv(rows: Sequence[dict[str, Any]], fp: IO[str], *, bom: bool = False) -> None:
    """CSV with a header from the first row's keys; `bom` for Excel on Windows."""
    if bom:
        fp.write("\ufeff")
    if not rows:
        return
    w = csv.DictWriter(fp, fieldnames=list(rows[0]), extrasaction="ignore")
    w.writeheader()
    for r in rows:
        w.writerow({k: (", ".join(map(str, v)) if isinstance(v, list | tuple) else
                        v.isoformat() if isinstance(v, date | datetime) else v)
                    for k, v in r.items()})  # fmt: skip
