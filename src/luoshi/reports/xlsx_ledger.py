"""The 任务分解表 / 督查台账 as .xlsx: title row, the office's columns, frozen header,
wrapped text, borders, a light-coloured 状态 cell, A4 landscape print setup with the header
repeated on every page."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from luoshi.reports.tabular import LEDGER_COLUMNS, task_rows

WIDTHS = {"序号": 6, "工作任务": 60, "牵头领导": 10, "责任单位": 22, "配合单位": 18,
          "完成时限": 12, "进展情况": 40, "状态": 10}  # fmt: skip
FILLS = {"red": "FFC7CE", "yellow": "FFEB9C", "green": "C6EFCE"}


def write_ledger_xlsx(views: Iterable[Any], path: str | Path, title: str = "督查任务台账") -> Path:
    rows = task_rows(views)
    lights = [r["亮灯"] for r in rows]
    wb = Workbook()
    ws = wb.active
    ws.title = "任务台账"
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    ncol = len(LEDGER_COLUMNS)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncol)
    ws.cell(1, 1, title).font = Font(name="方正小标宋简体", size=18)
    ws.cell(1, 1).alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 36
    for c, name in enumerate(LEDGER_COLUMNS, start=1):
        cell = ws.cell(2, c, name)
        cell.font = Font(name="黑体", size=12, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.fill = PatternFill("solid", fgColor="D9E1F2")
        cell.border = border
        ws.column_dimensions[get_column_letter(c)].width = WIDTHS[name]
    body_font = Font(name="仿宋_GB2312", size=11)
    label_to_key = {"红灯": "red", "黄灯": "yellow", "绿灯": "green"}
    for r, row in enumerate(rows, start=3):
        for c, name in enumerate(LEDGER_COLUMNS, start=1):
            cell = ws.cell(r, c, row[name])
            cell.font = body_font
            cell.border = border
            centred = name in ("序号", "牵头领导", "完成时限", "状态")
            cell.alignment = Alignment(wrap_text=True, vertical="center",
                                       horizontal="center" if centred else "left")  # fmt: skip
        key = label_to_key.get(lights[r - 3])
        if key:
            ws.cell(r, ncol).fill = PatternFill("solid", fgColor=FILLS[key])
    ws.freeze_panes = "A3"
    ws.auto_filter.ref = f"A2:{get_column_letter(ncol)}{max(2, len(rows) + 2)}"
    ws.print_title_rows = "1:2"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    path = Path(path)
    wb.save(path)
    return path
