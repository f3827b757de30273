"""`luoshi eval`'s scorer agrees exactly with the official scorer (tests/gold/score.py).

Both are run on the dev set: on the extractor's own records, on the gold itself turned into
predictions, and on many deliberately perturbed prediction sets (directives dropped, cut,
merged and split, people shuffled, dates wrong, parents renumbered, noise kept, Traditional
script, page pinyin, missing and duplicate records, …). Every figure must be identical.
"""

from __future__ import annotations

import contextlib
import copy
import importlib.util
import io
import json
import random
import subprocess
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import opencc
import pytest

from luoshi.evaluation.run import extract_predictions
from luoshi.evaluation.scoring import (
    FIGURES,
    load_predictions,
    norm,
    score_predictions,
)

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tests" / "gold" / "dev"
OFFICIAL = ROOT / "tests" / "gold" / "score.py"
PYTHON = sys.executable

Record = dict[str, Any]
Preds = dict[str, Record]


@pytest.fixture(scope="module")
def official() -> ModuleType:
    spec = importlib.util.spec_from_file_location("official_score", OFFICIAL)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def official_figures(module: ModuleType, gold_dir: Path, pred_path: Path) -> dict[str, Any]:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert module.main([str(gold_dir), str(pred_path), "--json"]) == 0
    return json.loads(buf.getvalue())


def write_jsonl(path: Path, records: list[Record]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    return path


def ours(pred_path: Path, gold_dir: Path = DEV) -> dict[str, Any]:
    return score_predictions(gold_dir, load_predictions(pred_path)).figures()


# --- predictions made from the gold -------------------------------------------------------

def gold_predictions() -> Preds:
    """The gold files as records: a perfect prediction (text = document minus noise lines)."""
    preds: Preds = {}
    for gpath in sorted(DEV.glob("*.gold.json")):
        stem = gpath.name[: -len(".gold.json")]
        gold = json.loads(gpath.read_text(encoding="utf-8"))
        raw = (DEV / f"{stem}.txt").read_text(encoding="utf-8")
        noise = {n.strip() for n in gold.get("noise_lines") or []}
        text = "\n".join(ln for ln in raw.splitlines() if ln.strip() not in noise)
        rec = {k: copy.deepcopy(gold[k]) for k in ("meeting", "people", "conveyed", "directives")}
        rec["source"] = {"path": f"somewhere/{stem}.txt"}
        rec["text"] = text
        preds[stem] = rec
    return preds


def cut(s: str, rng: random.Random) -> str:
    if not s:
        return s
    a = rng.randrange(0, max(1, len(s) // 3))
    b = rng.randrange(max(a + 1, len(s) * 2 // 3), len(s) + 1)
    return s[a:b]


_S2T = opencc.OpenCC("s2t")


def drop_directives(p: Record, rng: random.Random) -> None:
    p["directives"] = [d for d in p["directives"] if rng.random() > 0.35]


def cut_directives(p: Record, rng: random.Random) -> None:
    for d in p["directives"]:
        if rng.random() < 0.6:
            d["text"] = cut(d["text"], rng)


def merge_split_directives(p: Record, rng: random.Random) -> None:
    out: list[Record] = []
    for d in p["directives"]:
        r = rng.random()
        if r < 0.25 and out:
            out[-1]["text"] += d["text"]
        elif r < 0.5 and len(d["text"]) > 6:
            k = rng.randrange(2, len(d["text"]) - 2)
            out.append({**d, "text": d["text"][:k]})
            out.append({**d, "id": 1000 + d["id"], "text": d["text"][k:], "parent": None})
        else:
            out.append(d)
    p["directives"] = out


def duplicate_directives(p: Record, rng: random.Random) -> None:
    extra = [copy.deepcopy(d) for d in p["directives"] if rng.random() < 0.3]
    p["directives"] += extra  # identical texts: ties in the greedy matching


def wrong_speakers(p: Record, rng: random.Random) -> None:
    names = [x["name"] for x in p["people"]] + [None, "某某"]
    for d in p["directives"]:
        r = rng.random()
        if r < 0.3:
            d["speaker"] = rng.choice(names)
        elif r < 0.45 and d.get("speaker"):
            d["speaker"] = {"text": d["speaker"], "span": [0, 1]}


def renumber_parents(p: Record, rng: random.Random) -> None:
    ids = {d["id"]: 50 + 3 * i for i, d in enumerate(p["directives"])}
    for d in p["directives"]:
        d["id"] = ids[d["id"]]
        if d.get("parent") is not None:
            d["parent"] = ids.get(d["parent"], 999) if rng.random() > 0.3 else 999
        elif rng.random() < 0.15 and ids:
            d["parent"] = rng.choice(list(ids.values()))


def units_deadlines(p: Record, rng: random.Random) -> None:
    for d in p["directives"]:
        for key in ("units", "deadlines"):
            items = list(d.get(key) or [])
            items = [cut(u, rng) if rng.random() < 0.3 else u for u in items
                     if rng.random() > 0.2]
            if rng.random() < 0.3:
                items.append(rng.choice(["各部门", "年底前", "区政府", "", "今年", "各级"]))
            if rng.random() < 0.3:
                items = [{"text": u, "span": [0, len(u)]} for u in items]
            d[key] = items


def shuffle_people(p: Record, rng: random.Random) -> None:
    people = p["people"]
    rng.shuffle(people)
    titles = [x.get("title") for x in people]
    rng.shuffle(titles)
    for x, t in zip(people, titles, strict=True):
        if rng.random() < 0.5:
            x["title"] = t
        if rng.random() < 0.3:
            x["roles"] = rng.sample(["主持", "讲话", "传达", "出席", "发言"], rng.randrange(0, 3))
        if rng.random() < 0.15:
            x["name"] = x["name"][:1]
    if people and rng.random() < 0.5:  # a duplicate whose name normalises the same
        dup = copy.deepcopy(rng.choice(people))
        dup["name"] = " ".join(dup["name"])
        dup["title"] = "书记"
        people.append(dup)
    if rng.random() < 0.3:
        people.append({"name": "王小明", "title": "区长", "roles": ["讲话"]})


def wrong_meeting(p: Record, rng: random.Random) -> None:
    m = p["meeting"]
    date = m.get("date")
    r = rng.random()
    if r < 0.25 and date and not date.startswith("--"):
        m["date"] = "--" + date[5:]
    elif r < 0.5 and date:
        m["date"] = str(int(date[:4]) + 1) + date[4:] if date[0].isdigit() else "2020" + date[1:]
    elif r < 0.6:
        m["date"] = None
    for key in ("name", "organizer"):
        r = rng.random()
        if r < 0.3 and m.get(key):
            m[key] = m[key][: rng.randrange(1, len(m[key]) + 1)]
        elif r < 0.45:
            m[key] = None
        elif r < 0.55:
            m[key] = "全区大会" + (m.get(key) or "")


def conveyed(p: Record, rng: random.Random) -> None:
    items = [cut(c, rng) if rng.random() < 0.4 else c for c in p["conveyed"]
             if rng.random() > 0.2]
    if len(items) > 1 and rng.random() < 0.3:
        items = ["".join(items)]
    if rng.random() < 0.3:
        items = [{"text": c, "span": [0, 1]} for c in items]
    p["conveyed"] = items


def noise_and_body(p: Record, rng: random.Random) -> None:
    lines = p["text"].splitlines()
    r = rng.random()
    if r < 0.2:
        p["text"] = ""
    elif r < 0.6:
        lines = [ln for ln in lines if rng.random() > 0.1]
        p["text"] = "\n".join(lines)


def keep_noise(p: Record, rng: random.Random, raw: str) -> None:
    if rng.random() < 0.5:
        p["text"] = raw


def traditional_and_pinyin(p: Record, rng: random.Random) -> None:
    for d in p["directives"]:
        if rng.random() < 0.5:
            d["text"] = _S2T.convert(d["text"])
        if rng.random() < 0.2 and d["text"]:
            d["text"] = d["text"][:1] + "(qū)" + d["text"][1:]
    for x in p["people"]:
        if rng.random() < 0.3:
            x["name"] = _S2T.convert(x["name"])


PERTURBATIONS: dict[str, Callable[[Record, random.Random], None]] = {
    "drop_directives": drop_directives,
    "cut_directives": cut_directives,
    "merge_split_directives": merge_split_directives,
    "duplicate_directives": duplicate_directives,
    "wrong_speakers": wrong_speakers,
    "renumber_parents": renumber_parents,
    "units_deadlines": units_deadlines,
    "shuffle_people": shuffle_people,
    "wrong_meeting": wrong_meeting,
    "conveyed": conveyed,
    "noise_and_body": noise_and_body,
    "traditional_and_pinyin": traditional_and_pinyin,
}

# Changes the scorer normalises away (script, page pinyin): the figures need not move.
NORMALISED_AWAY = {"traditional_and_pinyin"}


def perturbed(names: list[str], seed: int) -> list[Record]:
    rng = random.Random(seed)
    preds = gold_predictions()
    records: list[Record] = []
    for stem, p in preds.items():
        for name in names:
            PERTURBATIONS[name](p, rng)
        if "noise_and_body" in names:
            keep_noise(p, rng, (DEV / f"{stem}.txt").read_text(encoding="utf-8"))
        r = rng.random()
        if len(names) > 1 and r < 0.1:
            continue  # a document with no prediction
        if len(names) > 1 and r < 0.2:
            p["source"] = {"path": None}
            p["id"] = stem  # keyed by id instead of path
        records.append(p)
    return records


def assert_same(theirs: dict[str, Any], mine: dict[str, Any]) -> None:
    for key in ("documents", "predicted", *FIGURES):
        assert mine[key] == theirs[key], f"{key}: ours {mine[key]} official {theirs[key]}"
    assert set(theirs) <= set(mine)


# --- the tests ----------------------------------------------------------------------------

def test_perfect_prediction_agrees_and_is_perfect(official: ModuleType, tmp_path: Path) -> None:
    pred = write_jsonl(tmp_path / "p.jsonl", list(gold_predictions().values()))
    theirs = official_figures(official, DEV, pred)
    assert_same(theirs, ours(pred))
    # sanity of the harness itself: the gold scored against itself is (almost) perfect
    assert theirs["directives"]["f1"] == 1.0
    assert theirs["people"]["f1"] == 1.0


def test_empty_predictions_agree(official: ModuleType, tmp_path: Path) -> None:
    pred = write_jsonl(tmp_path / "p.jsonl", [])
    assert_same(official_figures(official, DEV, pred), ours(pred))


@pytest.mark.parametrize("name", sorted(PERTURBATIONS))
def test_single_perturbation_agrees(official: ModuleType, tmp_path: Path, name: str) -> None:
    records = perturbed([name], seed=zlib.crc32(name.encode()))
    pred = write_jsonl(tmp_path / "p.jsonl", records)
    theirs = official_figures(official, DEV, pred)
    mine = ours(pred)
    assert_same(theirs, mine)
    perfect = official_figures(
        official, DEV, write_jsonl(tmp_path / "g.jsonl", list(gold_predictions().values())))
    if name in NORMALISED_AWAY:
        return
    # the perturbation really changed something, so agreement is not trivial
    assert any(theirs[k] != perfect[k] for k in FIGURES), name


@pytest.mark.parametrize("seed", range(6))
def test_combined_perturbations_agree(official: ModuleType, tmp_path: Path, seed: int) -> None:
    records = perturbed(sorted(PERTURBATIONS), seed)
    pred = write_jsonl(tmp_path / "p.jsonl", records)
    assert_same(official_figures(official, DEV, pred), ours(pred))


def test_extractor_output_agrees_via_the_command(tmp_path: Path) -> None:
    """`luoshi eval --json` on the dev set == official score.py on the same records."""
    preds = extract_predictions(DEV)
    pred = write_jsonl(tmp_path / "p.jsonl", [r for r in preds.values() if r is not None])
    theirs = json.loads(subprocess.run(
        [PYTHON, str(OFFICIAL), str(DEV), str(pred), "--json"],
        check=True, capture_output=True, text=True).stdout)
    mine = json.loads(subprocess.run(
        [PYTHON, "-m", "luoshi", "eval", str(DEV), "--json"],
        capture_output=True, text=True, check=True).stdout)
    assert_same(theirs, mine)
    via_file = json.loads(subprocess.run(
        [PYTHON, "-m", "luoshi", "eval", str(DEV), "--json", "--predictions", str(pred)],
        capture_output=True, text=True, check=True).stdout)
    assert_same(theirs, via_file)


def test_plain_output_matches_official_lines(official: ModuleType, tmp_path: Path) -> None:
    records = perturbed(sorted(PERTURBATIONS), 99)
    pred = write_jsonl(tmp_path / "p.jsonl", records)
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        official.main([str(DEV), str(pred)])
    out = subprocess.run(
        [PYTHON, "-m", "luoshi", "eval", str(DEV), "--predictions", str(pred)],
        capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[: len(buf.getvalue().splitlines())] == buf.getvalue().splitlines()


@pytest.mark.parametrize("s", ["區(qū)委", "蔺 雪峰!", "a_b-c", "", None, "（扩大）會議", 12])
def test_norm_agrees(official: ModuleType, s: object) -> None:
    assert norm(s) == official.norm(s)
