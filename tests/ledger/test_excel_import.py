"""Import of existing Excel ledgers (任务分解表), merged cells and malformed rows."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from luoshi.ledger import services as sv
from luoshi.ledger.errors import DuplicateImport, ValidationFailed
from luoshi.ledger.models import Meeting, Task

from .conftest import TODAY


def ledger_xlsx(path, rows, *, title="2024年区政府工作报告重点任务分解表", header=None):  # type: ignore[no-untyped-def]
    wb = Workbook()
    ws = wb.active
    header = header or ["序号", "工作任务", "牵头领导", "责任单位", "配合单位", "完成时限"]
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    ws.append(header)
    for r in rows:
        ws.append(r)
    return wb, ws


def test_ledger_with_merged_cells(s, world, tmp_path) -> None:
    wb, ws = ledger_xlsx(tmp_path / "x.xlsx", [
        ["一、经济发展", None, None, None, None, None],
        [1, "完成重大项目谋划储备", "陈静", "发改委", "财政局", "6月底前"],
        [2, "加强预算执行管理", None, "区财政局", None, datetime(2024, 9, 30)],
        [3, "推进老旧小区改造", "孙伟 副区长", "住建局、城关街道", None, "2024年12月"],
        [4, "开展背街小巷整治", None, None, None, "长期坚持"],
    ])  # fmt: skip
    ws.merge_cells("A3:F3")  # the section heading spans the table
    ws.merge_cells("C4:C5")  # 陈静 leads rows 4 and 5
    ws.merge_cells("D6:D7")  # 住建局、城关街道 for rows 6 and 7
    path = tmp_path / "ledger.xlsx"
    wb.save(path)
    res = sv.import_excel(s, world.dc, path, today=TODAY)
    assert res.meeting.title == "2024年区政府工作报告重点任务分解表"
    assert [t.content for t in res.tasks] == ["完成重大项目谋划储备", "加强预算执行管理",
                                              "推进老旧小区改造", "开展背街小巷整治"]  # fmt: skip
    t1, t2, t3, t4 = (sv.get_task(s, world.dc, t.id) for t in res.tasks)
    assert [(tu.unit_id, tu.role) for tu in t1.units] == [
        (world.units["发改委"], "lead"), (world.units["财政局"], "assist")]  # fmt: skip
    assert t1.deadline == date(2024, 6, 30) and t2.deadline == date(2024, 9, 30)
    assert t2.lead_leader_id == world.leaders["陈静"]  # merged leader cell
    assert t3.lead_leader_id == world.leaders["孙伟"] and t3.deadline == date(2024, 12, 31)
    assert {tu.unit_id for tu in t4.units} == {world.units["住建局"], world.units["城关街道"]}
    assert t4.deadline is None and t4.deadline_text == "长期坚持"
    assert [t.code for t in res.tasks] == ["1", "2", "3", "4"]
    assert res.problems == []
    with pytest.raises(DuplicateImport):
        sv.import_excel(s, world.dc, path, today=TODAY)


def test_malformed_rows_are_reported_line_by_line(s, world, tmp_path) -> None:
    wb, _ = ledger_xlsx(tmp_path / "x.xlsx", [
        [1, "任务甲", "陈静", "发改委", None, "下周"],
        [2, None, "陈静", "发改委", None, "6月底"],
        [3, "任务丙", "王某某", "火星办", None, "2024年13月"],
        [4, "任务丁", None, None, None, None],
    ])  # fmt: skip
    path = tmp_path / "bad.xlsx"
    wb.save(path)
    res = sv.import_excel(s, world.dc, path, today=TODAY)
    assert [t.content for t in res.tasks] == ["任务甲", "任务丙", "任务丁"]
    assert res.problems == [
        "row 3: 完成时限 '下周' could not be read; task kept without a deadline",
        "row 4: no 工作任务; row skipped",
        "row 5: 完成时限 '2024年13月' could not be read; task kept without a deadline",
        "row 5: unit '火星办' is not in the directory",
        "row 5: leader '王某某' is not in the directory",
        "row 6: no 责任单位",
    ]


def test_unusable_files_leave_nothing_behind(s, world, tmp_path) -> None:
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"this is not a workbook")
    with pytest.raises(ValidationFailed, match="not a readable Excel workbook"):
        sv.import_excel(s, world.dc, junk, today=TODAY)
    wb, _ = ledger_xlsx(tmp_path / "x.xlsx", [[1, "a", "b"]], header=["甲", "乙", "丙"])
    nohead = tmp_path / "nohead.xlsx"
    wb.save(nohead)
    with pytest.raises(ValidationFailed, match="header row"):
        sv.import_excel(s, world.dc, nohead, today=TODAY)
    wb, _ = ledger_xlsx(tmp_path / "x.xlsx", [])
    empty = tmp_path / "empty.xlsx"
    wb.save(empty)
    with pytest.raises(ValidationFailed, match="no task rows"):
        sv.import_excel(s, world.dc, empty, today=TODAY)
    assert s.scalar(select(func.count()).select_from(Meeting)) == 0
    assert s.scalar(select(func.count()).select_from(Task)) == 0
