"""`luoshi batch` and `luoshi analyze` from the command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from luoshi.cli import main


def test_batch_then_analyze(tmp_path: Path, inputs: dict[str, Path],
                            capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["batch", str(inputs["jsonl"]), str(out), "--workers", "2",
                 "--shard-size", "10"]) == 0
    err = capsys.readouterr().err
    assert "43 documents" in err and "3 documents failed" in err
    assert "doc/s" in err  # the progress bar: rate (and ETA while running)
    assert main(["batch", str(inputs["jsonl"]), str(out), "--no-progress"]) == 0
    assert "5 already done (43 documents)" in capsys.readouterr().err
    assert main(["analyze", str(out)]) == 0
    written = capsys.readouterr().out.split()
    assert str(out / "analysis" / "lineage.csv") in written
    assert all(Path(p).stat().st_size > 0 for p in written)


def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["batch", str(tmp_path / "missing.jsonl"), str(tmp_path / "o")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["analyze", str(tmp_path)]) == 2
    assert main(["batch", str(tmp_path), str(tmp_path / "o"), "--workers", "0"]) == 2


def test_extract_command_does_not_load_ray_or_arrow() -> None:
    code = ("import sys, luoshi.cli as c; c.build_parser(); "
            "bad = [m for m in ('ray', 'pyarrow', 'pandas', 'matplotlib') if m in sys.modules];"
            "print(bad); sys.exit(1 if bad else 0)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
