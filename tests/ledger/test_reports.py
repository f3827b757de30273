"""Exports: the xlsx ledger, the GB/T 9704 docx bulletin, JSON and CSV."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta

import pytest
from docx import Document
from docx.shared import Pt
from openpyxl import load_workbook

from luoshi.ledger import services as sv
from luoshi.ledger.models import Task
from luoshi.reports.bulletin import build_bulletin
from luoshi.reports.docx_bulletin import write_bulletin_docx
from luoshi.reports.tabular import LEDGER_COLUMNS, task_rows, write_csv, write_json
from luoshi.reports.xlsx_ledger import write_ledger_xlsx

from .conftest import TODAY, make_record


@pytest.fixture
def views(s, world):  # type: ignore[no-untyped-def]
    items = [("过期任务要抓紧。", ["发改委"], (TODAY - timedelta(days=4)).isoformat()),
             ("老旧小区改造。", ["住建局"], (TODAY + timedelta(days=60)).isoformat())]  # fmt: skip
    res = sv.import_record(s, world.dc, make_record(items), today=TODAY)
    for t in res.tasks:
        sv.assign(s, world.dc, t.id)
        s.get(Task, t.id).assigned_at = datetime(2024, 5, 15)  # within the bulletin's period
    s.commit()
    sv.report_progress(s, world.zjj, res.tasks[1].id, "已完成3个小区", 25, today=TODAY)
    return sv.all_tasks(s, world.dc, sv.TaskFilter(order="id"), today=TODAY)


def test_xlsx_ledger_layout(views, tmp_path) -> None:
    path = write_ledger_xlsx(views, tmp_path / "台账.xlsx", "2024年督查任务台账")
    ws = load_workbook(path).active
    assert ws["A1"].value == "2024年督查任务台账"
    assert [c.value for c in ws[2]] == list(LEDGER_COLUMNS)
    assert ws.freeze_panes == "A3"
    assert ws.print_title_rows == "$1:$2"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws["B3"].value == "过期任务要抓紧。" and ws["B3"].alignment.wrap_text
    assert ws["D3"].value == "区发展和改革委员会" and ws["H3"].value == "已交办"
    assert ws["H3"].fill.fgColor.rgb.endswith("FFC7CE")  # red: overdue
    assert ws["G4"].value == "已完成3个小区" and ws["H4"].value == "办理中"
    assert ws.max_row == 4


def test_json_and_csv_of_any_list(views) -> None:
    rows = task_rows(views)
    buf = io.StringIO()
    write_json(rows, buf)
    back = json.loads(buf.getvalue())
    assert back[0]["工作任务"] == "过期任务要抓紧。" and back[0]["逾期"] is True
    buf = io.StringIO()
    write_csv(rows, buf)
    parsed = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert [r["责任单位"] for r in parsed] == ["区发展和改革委员会", "区住房和城乡建设局"]
    assert parsed[0]["亮灯"] == "红灯"
    buf = io.StringIO()
    write_json(views, buf)  # dataclasses and dates as they come from the services
    assert json.loads(buf.getvalue())[0]["deadline"] == (TODAY - timedelta(days=4)).isoformat()


def test_docx_bulletin_follows_gbt9704(s, world, views, tmp_path) -> None:
    b = build_bulletin(s, world.dc, "2024-Q2", today=TODAY, number="青督通〔2024〕5号")
    path = write_bulletin_docx(b, tmp_path / "通报.docx")
    doc = Document(path)
    sec = doc.sections[0]
    mm = [round(x.mm) for x in (sec.page_width, sec.page_height, sec.top_margin,
                                sec.bottom_margin, sec.left_margin, sec.right_margin)]  # fmt: skip
    assert mm == [210, 297, 37, 35, 28, 26]
    paras = [p for p in doc.paragraphs if p.text]
    title = next(p for p in paras if p.text.startswith("关于"))
    assert title.text == "关于2024年第二季度重点工作任务落实情况的通报"
    assert title.runs[0].font.size == Pt(22) and title.runs[0].font.name == "方正小标宋简体"
    body = [p for p in paras if p.text.startswith("截至")]
    assert (
        body and body[0].runs[0].font.name == "仿宋_GB2312" and body[0].runs[0].font.size == Pt(16)
    )
    assert "共有任务2项" in body[0].text
    assert paras[-2].text == "区委区政府督查室" and paras[-1].text == "2024年6月1日"
    assert paras[-1].alignment == 2  # right
    tables = doc.tables
    assert [c.text for c in tables[0].rows[0].cells] == ["名次", "单位", "得分"]
    overdue = [[c.text for c in r.cells] for r in tables[1].rows[1:]]
    assert overdue == [
        ["过期任务要抓紧", "区发展和改革委员会", (TODAY - timedelta(days=4)).isoformat(), "4"]
    ]
    footer = sec.footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and "— " in sec.footer.paragraphs[0].text
