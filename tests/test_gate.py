"""The quality gate: floors fail the run, only go up, go down only with --allow-lower."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from luoshi.cli import main
from luoshi.evaluation.gate import (
    DEFAULT_TARGETS,
    FloorsError,
    FloorsFile,
    check_floors,
    check_targets,
    floor_for,
    load_floors,
    save_floors,
    update_floors,
)
from luoshi.evaluation.scoring import FIGURES, load_predictions, score_predictions

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tests" / "gold" / "dev"
COMMITTED = ROOT / "quality" / "floors.json"


# --- pure logic ---------------------------------------------------------------------------

def test_floor_above_figure_fails_and_equal_passes() -> None:
    figures = {"directives": 0.6, "people": 0.5}
    short = check_floors(figures, {"directives": 0.601, "people": 0.5})
    assert [s.figure for s in short] == ["directives"]
    assert "directives" in str(short[0]) and "0.601" in str(short[0])
    assert check_floors(figures, {"directives": 0.6, "people": 0.499}) == []


def test_every_shortfall_is_named_in_canonical_order() -> None:
    figures = dict.fromkeys(FIGURES, 0.5)
    floors = {k: 0.9 for k in reversed(FIGURES)}
    assert [s.figure for s in check_floors(figures, floors)] == list(FIGURES)


def test_a_floor_whose_figure_vanished_fails() -> None:
    assert [s.figure for s in check_floors({}, {"people": 0.1})] == ["people"]


@pytest.mark.parametrize("value", [0.0, 0.004, 0.005, 0.3, 0.853, 0.999, 1.0])
def test_floor_for_is_figure_minus_tolerance_rounded_down(value: float) -> None:
    f = floor_for(value, 0.005)
    assert f <= value - 0.005 + 1e-9 or f == 0.0
    assert f >= 0.0
    assert value - 0.005 - f < 0.001 + 1e-9 or value < 0.005
    assert round(f, 3) == f


def test_raising_works() -> None:
    upd = update_floors({"directives": 0.7, "people": 0.8}, {"directives": 0.5, "people": 0.8})
    assert upd.floors["directives"] == pytest.approx(0.695)
    assert upd.floors["people"] == 0.8  # within tolerance above its floor: unchanged
    assert [r[0] for r in upd.raised] == ["directives"]
    assert not upd.refused and not upd.lowered and upd.changed


def test_raise_never_goes_above_the_figure() -> None:
    upd = update_floors({"directives": 0.7}, {}, tolerance=0.0)
    assert upd.floors["directives"] <= 0.7


def test_lowering_refused_without_flag() -> None:
    floors = {"directives": 0.8, "people": 0.1}
    upd = update_floors({"directives": 0.6, "people": 0.9}, floors)
    assert [s.figure for s in upd.refused] == ["directives"]
    assert upd.floors == floors  # nothing changes, not even the raise
    assert not upd.changed


def test_lowering_allowed_with_flag() -> None:
    upd = update_floors({"directives": 0.6, "people": 0.9},
                        {"directives": 0.8, "people": 0.1}, allow_lower=True)
    assert upd.floors["directives"] == pytest.approx(0.595)
    assert upd.floors["people"] == pytest.approx(0.895)
    assert [x[0] for x in upd.lowered] == ["directives"]
    assert upd.changed


def test_targets_are_reported_not_enforced() -> None:
    rows = check_targets({"directives": 0.9, "people": 0.2}, {"directives": 0.85, "people": 0.9})
    assert [(k, ok) for k, _, _, ok in rows] == [("directives", True), ("people", False)]


def test_floors_file_round_trip_and_validation(tmp_path: Path) -> None:
    path = tmp_path / "f.json"
    save_floors(path, FloorsFile(floors={"people": 0.25}, targets={"people": 0.9},
                                 extra={"about": "x"}))
    loaded = load_floors(path)
    assert loaded.floors == {"people": 0.25} and loaded.targets == {"people": 0.9}
    assert loaded.extra == {"about": "x"}
    for bad in ({"floors": {"peoples": 0.1}}, {"floors": {"people": 1.5}},
                {"floors": {"people": "high"}}, {"tolerance": -1}, [1, 2]):
        path.write_text(json.dumps(bad), encoding="utf-8")
        with pytest.raises(FloorsError, match=str(path)):
            load_floors(path)
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(FloorsError):
        load_floors(path)


def test_committed_floors_file_is_complete() -> None:
    ff = load_floors(COMMITTED)
    assert set(ff.floors) == set(FIGURES)
    assert ff.targets == DEFAULT_TARGETS
    assert 0 < ff.tolerance <= 0.02


# --- the command, on fixed predictions so the figures do not depend on the extractor -----

@pytest.fixture(scope="module")
def pred_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A deterministic, imperfect prediction set made from the gold: half the directives and
    every other person dropped."""
    lines = []
    for gpath in sorted(DEV.glob("*.gold.json")):
        gold = json.loads(gpath.read_text(encoding="utf-8"))
        stem = gpath.name[: -len(".gold.json")]
        lines.append(json.dumps({
            "id": stem,
            "meeting": gold["meeting"],
            "people": gold["people"][::2],
            "conveyed": gold["conveyed"],
            "directives": gold["directives"][::2],
            "text": (DEV / f"{stem}.txt").read_text(encoding="utf-8"),
        }, ensure_ascii=False))
    path = tmp_path_factory.mktemp("pred") / "pred.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def headline(pred_file: Path) -> dict[str, float]:
    return score_predictions(DEV, load_predictions(pred_file)).headline()


def run_eval(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["eval", str(DEV), *args])
    out, err = capsys.readouterr()
    return code, out, err


def write_floors(path: Path, floors: dict[str, float], **extra: Any) -> Path:
    path.write_text(json.dumps({"tolerance": 0.005, "floors": floors,
                                "targets": DEFAULT_TARGETS, **extra}), encoding="utf-8")
    return path


def test_gate_passes_at_the_figures(tmp_path: Path, pred_file: Path,
                                    headline: dict[str, float],
                                    capsys: pytest.CaptureFixture[str]) -> None:
    floors = write_floors(tmp_path / "f.json", headline)
    code, out, err = run_eval(capsys, "--predictions", str(pred_file), "--floors", str(floors))
    assert code == 0, err
    assert "pass" in out and "below floor" not in err


def test_gate_fails_naming_each_figure_below(tmp_path: Path, pred_file: Path,
                                             headline: dict[str, float],
                                             capsys: pytest.CaptureFixture[str]) -> None:
    raised = {k: (min(1.0, v + 0.01) if k in ("directives", "people") else v)
              for k, v in headline.items()}
    assert headline["directives"] < 1.0 and headline["people"] < 1.0
    floors = write_floors(tmp_path / "f.json", raised)
    code, out, err = run_eval(capsys, "--predictions", str(pred_file), "--floors", str(floors))
    assert code == 1
    named = [ln for ln in err.splitlines() if "below floor" in ln]
    assert len(named) == 2
    assert "directives" in named[0] and "people" in named[1]
    assert "conveyed" not in err and "meeting_name" not in err
    assert "FAIL" in out


def test_update_raises_and_writes(tmp_path: Path, pred_file: Path,
                                  headline: dict[str, float],
                                  capsys: pytest.CaptureFixture[str]) -> None:
    floors = write_floors(tmp_path / "f.json", dict.fromkeys(headline, 0.0), about="keep me")
    code, _, err = run_eval(capsys, "--predictions", str(pred_file), "--floors", str(floors),
                            "--update-floors")
    assert code == 0, err
    ff = load_floors(floors)
    assert ff.extra["about"] == "keep me" and ff.targets == DEFAULT_TARGETS
    for k, v in headline.items():
        assert ff.floors[k] == floor_for(v, 0.005)
        assert ff.floors[k] <= v
    # and the raised floors pass the gate
    code, _, _ = run_eval(capsys, "--predictions", str(pred_file), "--floors", str(floors))
    assert code == 0


def test_update_refuses_to_lower_without_flag(tmp_path: Path, pred_file: Path,
                                              headline: dict[str, float],
                                              capsys: pytest.CaptureFixture[str]) -> None:
    high = {**dict.fromkeys(headline, 0.0), "directives": min(1.0, headline["directives"] + 0.1)}
    floors = write_floors(tmp_path / "f.json", high)
    before = floors.read_text(encoding="utf-8")
    code, _, err = run_eval(capsys, "--predictions", str(pred_file), "--floors", str(floors),
                            "--update-floors")
    assert code == 1
    assert "refusing to lower" in err and "directives" in err
    assert floors.read_text(encoding="utf-8") == before

    code, _, err = run_eval(capsys, "--predictions", str(pred_file), "--floors", str(floors),
                            "--update-floors", "--allow-lower")
    assert code == 0, err
    assert load_floors(floors).floors["directives"] == floor_for(headline["directives"], 0.005)


@pytest.mark.parametrize("args", [
    ["--update-floors"],
    ["--allow-lower"],
    ["--floors", "/nonexistent/floors.json"],
])
def test_usage_errors_exit_2(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_eval(capsys, *args)
    assert code == 2 and err.startswith("luoshi eval:")


def test_not_a_gold_dir_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", str(tmp_path)]) == 2
    assert "no *.gold.json" in capsys.readouterr().err


def test_json_report_carries_gate(tmp_path: Path, pred_file: Path,
                                  headline: dict[str, float],
                                  capsys: pytest.CaptureFixture[str]) -> None:
    floors = write_floors(tmp_path / "f.json", {**headline, "people": 1.0})
    code, out, _ = run_eval(capsys, "--predictions", str(pred_file), "--floors", str(floors),
                            "--json")
    data = json.loads(out)
    assert code == 1
    assert data["gate"]["passed"] is False
    assert [b["figure"] for b in data["gate"]["below_floor"]] == ["people"]
    assert set(data["gate"]["targets"]) == set(FIGURES)


def test_gate_as_subprocess_with_the_real_extractor(tmp_path: Path) -> None:
    """End to end as CI runs it: floors just above the extractor's figure fail with 1."""
    first = subprocess.run([sys.executable, "-m", "luoshi", "eval", str(DEV), "--json"],
                           capture_output=True, text=True, check=True)
    figures = json.loads(first.stdout)
    value = {k: figures[k].get("f1", figures[k].get("accuracy")) for k in FIGURES}
    below_one = [k for k in FIGURES if value[k] < 1.0]
    if not below_one:
        pytest.skip("every figure is perfect; nothing can sit above it")
    key = below_one[-1]
    ok = write_floors(tmp_path / "ok.json", {key: value[key]})
    bad = write_floors(tmp_path / "bad.json", {key: round(value[key] + 0.001, 3)})
    run = [sys.executable, "-m", "luoshi", "eval", str(DEV), "--floors"]
    assert subprocess.run([*run, str(ok)], capture_output=True).returncode == 0
    failed = subprocess.run([*run, str(bad)], capture_output=True, text=True)
    assert failed.returncode == 1
    assert key in failed.stderr
