"""`luoshi extract PATH... [--format json|jsonl|table]`: outputs, exit status, bad inputs.

Some tests run the command as a real subprocess (`python -m luoshi`), others call
`luoshi.cli.main` in-process with capsys.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from luoshi.cli import main
from luoshi.record import MeetingRecord

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tests" / "gold" / "dev"
GOOD = [DEV / "seed-002.txt", DEV / "A-04.txt", DEV / "B-11.txt"]
BINARY = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4


def luoshi(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "luoshi", *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)


def luoshi_bytes(*args: str, stdin: bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "luoshi", *args], input=stdin,
                          capture_output=True, cwd=ROOT, timeout=120)


def json_stream(out: str) -> list[dict[str, Any]]:
    """Every JSON value in `out`, however indented."""
    dec = json.JSONDecoder()
    values, i = [], 0
    while True:
        while i < len(out) and out[i].isspace():
            i += 1
        if i >= len(out):
            return values
        value, i = dec.raw_decode(out, i)
        values.append(value)


def gold(path: Path) -> dict[str, Any]:
    return json.loads(path.with_name(path.stem + ".gold.json").read_text(encoding="utf-8"))


@pytest.fixture
def bad_files(tmp_path: Path) -> dict[str, Path]:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "picture.txt"
    binary.write_bytes(BINARY)
    return {"empty": empty, "binary": binary}


def assert_meeting_record(rec: dict[str, Any], path: Path) -> None:
    MeetingRecord.model_validate(rec)  # the contract holds
    assert rec["source"]["path"] == str(path)
    assert rec["is_meeting"] is True
    assert rec["text"]
    # a dev document is a meeting: something of it is found (quality is eval's business)
    assert gold(path)["directives"]
    assert rec["directives"] or rec["people"]


# --- formats ------------------------------------------------------------------------------

def test_json_single_file_subprocess() -> None:
    r = luoshi("extract", str(GOOD[0]))
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""
    [rec] = json_stream(r.stdout)
    assert_meeting_record(rec, GOOD[0])
    assert r.stdout.startswith("{\n")  # json is indented, for a person


def test_jsonl_one_line_per_input_in_order_subprocess() -> None:
    r = luoshi("extract", *map(str, GOOD), "--format", "jsonl")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert len(lines) == len(GOOD)
    for line, path in zip(lines, GOOD, strict=True):
        assert_meeting_record(json.loads(line), path)


def test_json_several_files_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", *map(str, GOOD)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    recs = json_stream(out)
    assert [r["source"]["path"] for r in recs] == [str(p) for p in GOOD]


def test_table_shows_meeting_people_and_directives(capsys: pytest.CaptureFixture[str]) -> None:
    path = DEV / "A-04.txt"
    assert main(["extract", str(path), "--format", "jsonl"]) == 0
    rec = json.loads(capsys.readouterr().out)
    assert main(["extract", str(path), "--format", "table"]) == 0
    table = capsys.readouterr().out
    assert str(path) in table
    with pytest.raises(json.JSONDecodeError):
        json.loads(table)
    for person in rec["people"]:
        assert person["name"] in table
    for d in rec["directives"]:
        assert d["text"][:12] in table
    if rec["meeting"]["name"]:
        assert rec["meeting"]["name"] in table


# --- bad inputs ---------------------------------------------------------------------------

@pytest.mark.parametrize("which", ["empty", "binary"])
def test_one_bad_file_among_good_subprocess(bad_files: dict[str, Path], which: str) -> None:
    bad = bad_files[which]
    r = luoshi("extract", str(GOOD[0]), str(bad), str(GOOD[1]), "--format", "jsonl")
    assert r.returncode == 1
    err = r.stderr.splitlines()
    assert len(err) == 1, r.stderr
    assert str(bad) in err[0]
    assert len(err[0]) > len(str(bad)) + 2  # and says why
    recs = [json.loads(line) for line in r.stdout.splitlines()]
    assert [x["source"]["path"] for x in recs] == [str(GOOD[0]), str(GOOD[1])]


def test_each_bad_file_gets_exactly_one_line(bad_files: dict[str, Path], tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "does-not-exist.txt"
    not_meeting = tmp_path / "weather.txt"
    not_meeting.write_text("今天天气很好，我们去公园散步。\n晚上吃了饺子。\n", encoding="utf-8")
    bad = [bad_files["empty"], bad_files["binary"], missing, not_meeting]
    code = main(["extract", str(bad[0]), str(GOOD[0]), str(bad[1]), str(bad[2]), str(bad[3]),
                 "--format", "jsonl"])
    out, err = capsys.readouterr()
    assert code == 1
    lines = err.splitlines()
    assert len(lines) == len(bad), err
    for line, path in zip(lines, bad, strict=True):
        assert str(path) in line
        assert all(str(other) not in line for other in bad if other != path)
    assert [json.loads(x)["source"]["path"] for x in out.splitlines()] == [str(GOOD[0])]


def test_all_bad_exit_1_and_nothing_on_stdout(bad_files: dict[str, Path]) -> None:
    r = luoshi("extract", str(bad_files["empty"]), str(bad_files["binary"]))
    assert r.returncode == 1
    assert r.stdout == ""
    assert len(r.stderr.splitlines()) == 2


def test_keep_non_meetings_prints_the_record(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "weather.txt"
    path.write_text("今天天气很好，我们去公园散步。\n", encoding="utf-8")
    assert main(["extract", str(path), "--keep-non-meetings", "--format", "jsonl"]) == 0
    rec = json.loads(capsys.readouterr().out)
    assert rec["is_meeting"] is False
    assert rec["directives"] == []


# --- usage errors -------------------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ["extract"],
    ["extract", str(GOOD[0]), "--format", "xml"],
    ["extract", str(GOOD[0]), "--no-such-option"],
    ["no-such-command"],
    [],
])
def test_usage_errors_exit_2_subprocess(args: list[str]) -> None:
    r = luoshi(*args)
    assert r.returncode == 2, (args, r.stdout, r.stderr)
    assert r.stdout == ""
    assert r.stderr.strip()


def test_usage_error_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["extract", "--format", "csv", str(GOOD[0])])
    assert exc.value.code == 2
    assert "--format" in capsys.readouterr().err


# --- stdin and directories ----------------------------------------------------------------

def test_stdin_dash_subprocess() -> None:
    data = GOOD[0].read_bytes()
    r = luoshi_bytes("extract", "-", "--format", "jsonl", stdin=data)
    assert r.returncode == 0, r.stderr
    rec = json.loads(r.stdout)
    assert rec["source"]["path"] == "-"
    from_file = json.loads(luoshi("extract", str(GOOD[0]), "--format", "jsonl").stdout)
    assert rec["text"] == from_file["text"]
    assert rec["directives"] == from_file["directives"]
    assert rec["source"]["sha256"] == from_file["source"]["sha256"]


def test_stdin_in_gb18030_reads_like_utf8() -> None:
    text = GOOD[0].read_text(encoding="utf-8")
    r = luoshi_bytes("extract", "-", "--format", "jsonl", stdin=text.encode("gb18030"))
    assert r.returncode == 0, r.stderr
    utf8 = json.loads(luoshi_bytes("extract", "-", "--format", "jsonl",
                                   stdin=text.encode("utf-8")).stdout)
    assert json.loads(r.stdout)["text"] == utf8["text"]


def test_stdin_in_process(monkeypatch: pytest.MonkeyPatch,
                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(GOOD[1].read_bytes())))
    assert main(["extract", "-", "--format", "jsonl"]) == 0
    rec = json.loads(capsys.readouterr().out)
    assert rec["source"]["path"] == "-"
    assert rec["directives"]


def test_empty_stdin_is_a_bad_input(monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    assert main(["extract", "-"]) == 1
    out, err = capsys.readouterr()
    assert out == "" and len(err.splitlines()) == 1


def test_directory_is_read_recursively(tmp_path: Path, bad_files: dict[str, Path]) -> None:
    root = tmp_path / "corpus"
    (root / "a" / "b").mkdir(parents=True)
    placed = [root / "top.txt", root / "a" / "mid.txt", root / "a" / "b" / "deep.txt"]
    for src, dst in zip(GOOD, placed, strict=True):
        shutil.copy(src, dst)
    shutil.copy(bad_files["binary"], root / "a" / "b" / "zz-binary.txt")
    r = luoshi("extract", str(root), "--format", "jsonl")
    assert r.returncode == 1
    got = {json.loads(line)["source"]["path"] for line in r.stdout.splitlines()}
    assert got == {str(p) for p in placed}
    [err] = r.stderr.splitlines()
    assert "zz-binary.txt" in err


def test_directory_of_good_files_exit_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for i, src in enumerate(GOOD):
        d = tmp_path / f"d{i}"
        d.mkdir()
        shutil.copy(src, d / src.name)
    assert main(["extract", str(tmp_path), "--format", "jsonl"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert len(out.splitlines()) == len(GOOD)
