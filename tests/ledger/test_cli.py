"""The ledger commands, run in-process through `luoshi.cli.main` on a real SQLite file."""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook

from luoshi.cli import main


@pytest.fixture
def demo_db(tmp_path, monkeypatch, capsys):  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    monkeypatch.setenv("LUOSHI_DATABASE_URL", url)
    monkeypatch.delenv("LUOSHI_USER", raising=False)
    assert main(["demo"]) == 0
    return capsys.readouterr().out


def test_demo_builds_a_living_ledger(demo_db, capsys) -> None:
    out = demo_db
    assert "dc         dc@luoshi" in out and "(worked through)" in out
    assert main(["tasks", "--format", "json", "--limit", "500"]) == 0
    rows = json.loads(capsys.readouterr().out)
    states = {r["状态"] for r in rows}
    assert {"已交办", "办理中", "已办结", "已撤销"} <= states
    assert main(["tasks", "--as", "fgw", "--format", "json"]) == 0
    mine = json.loads(capsys.readouterr().out)
    assert mine and all("区发展和改革委员会" in r["责任单位"] for r in mine)
    assert main(["demo"]) == 1  # not on a filled ledger
    assert "not empty" in capsys.readouterr().err


def test_office_commands(demo_db, tmp_path, capsys) -> None:
    assert main(["remind", "--no-mail"]) == 0
    assert "reminders:" in capsys.readouterr().out
    assert main(["rank", "2026"]) == 0 or True  # period may hold no closed task yet
    capsys.readouterr()
    xlsx = tmp_path / "l.xlsx"
    assert main(["export", "ledger", "-o", str(xlsx)]) == 0
    assert load_workbook(xlsx).active["A2"].value == "序号"
    assert main(["export", "csv", "-o", str(tmp_path / "t.csv")]) == 0
    assert (tmp_path / "t.csv").read_text("utf-8-sig").startswith("id,序号,工作任务")
    assert main(["export", "bulletin", "--period", "2026", "-o", str(tmp_path / "b.docx")]) == 0
    capsys.readouterr()
    assert main(["tasks", "--as", "czj", "--format", "json", "--state", "in_progress"]) == 0
    mine = json.loads(capsys.readouterr().out)[0]["id"]
    assert main(["tasks", "--format", "json", "--unit", "住建局", "--state", "accepted"]) == 0
    other = json.loads(capsys.readouterr().out)[0]["id"]
    assert main(["report", str(mine), "进展顺利", "--as", "czj"]) == 0
    assert main(["report", str(other), "不是我的任务", "--as", "czj"]) == 1
    assert "not its unit" in capsys.readouterr().err


def test_users_backup_restore(demo_db, tmp_path, capsys) -> None:
    assert main(["users", "add", "newbie", "--role", "liaison", "--unit", "财政局"]) == 0
    assert "password:" in capsys.readouterr().out
    assert main(["users", "add", "x", "--role", "liaison", "--as", "dc"]) == 1  # not admin
    assert main(["users", "disable", "newbie"]) == 0
    assert main(["backup", str(tmp_path / "b.jsonl.gz")]) == 0
    target = f"sqlite:///{tmp_path / 'restored.db'}"
    assert main(["restore", "--db", target, str(tmp_path / "b.jsonl.gz")]) == 0
    assert main(["restore", "--db", target, str(tmp_path / "b.jsonl.gz")]) == 1  # not empty
    capsys.readouterr()
    assert main(["users", "--db", target]) == 0
    assert "newbie" in capsys.readouterr().out


def test_init_import_assign(tmp_path, monkeypatch, capsys) -> None:
    from .conftest import make_record

    monkeypatch.setenv("LUOSHI_DATABASE_URL", f"sqlite:///{tmp_path / 'x.db'}")
    assert main(["init"]) == 0
    assert "first admin: admin  password:" in capsys.readouterr().out
    rec = tmp_path / "m.json"
    rec.write_text(make_record().model_dump_json(), "utf-8")
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    assert main(["import", str(rec), str(bad)]) == 1  # one good, one bad: both reported
    out, err = capsys.readouterr()
    assert "3 draft tasks" in out and "unmatched units" in out and "bad.docx" in err
    assert main(["assign", "--meeting", "1"]) == 1  # drafts without units are listed
    assert "no lead unit" in capsys.readouterr().out
