"""Corpus runs with the local process pool: every format, errors, resuming."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from luoshi.batch import OutputError, read_table, run_batch
from luoshi.batch.store import MANIFEST, MARKERS, Store, part_path

from .helpers import file_hashes, tables

SHARD = 7


@pytest.fixture(scope="module")
def full_local(tmp_path_factory: pytest.TempPathFactory, inputs: dict[str, Path]) -> Path:
    out = tmp_path_factory.mktemp("local") / "out"
    res = run_batch(inputs["jsonl"], out, engine="local", workers=2, shard_size=SHARD,
                    progress=False)
    assert res.docs_done == res.docs_total == 43
    return out


def test_every_document_lands_in_meetings_or_errors(full_local: Path, docs: list[dict]) -> None:
    meetings = read_table(full_local, "meetings").to_pylist()
    errors = read_table(full_local, "errors").to_pylist()
    assert sorted(m["doc_id"] for m in meetings) == sorted(d["id"] for d in docs)
    assert sorted(e["doc_id"] for e in errors) == sorted(
        ["corpus.jsonl:6", "corpus.jsonl:44", "no-text"])
    assert {e["stage"] for e in errors} == {"parse"}
    by_id = {d["id"]: d for d in docs}
    for m in meetings:
        assert m["published"] == by_id[m["doc_id"]]["published"]
        assert m["url"] == by_id[m["doc_id"]]["url"]
        assert json.loads(m["record_json"])["id"] == m["doc_id"]
    # directive rows agree with the records they came from
    n = sum(json.loads(m["record_json"])["directives"].__len__() for m in meetings)
    assert read_table(full_local, "directives").num_rows == n


def test_markers_and_manifest(full_local: Path) -> None:
    manifest = json.loads((full_local / MANIFEST).read_text())
    assert manifest["shard_size"] == SHARD and manifest["input"]["kind"] == "jsonl"
    finished = Store(full_local).finished()
    assert sorted(finished) == list(range(7))  # 43 items / 7
    assert sum(m["docs"] for m in finished.values()) == 43
    assert finished[0]["first"] == "corpus.jsonl:1"
    assert not list(full_local.rglob(".*.tmp"))


@pytest.mark.parametrize("fmt", ["gz", "parquet"])
def test_gzip_and_parquet_give_the_same_rows(fmt: str, tmp_path: Path, inputs: dict[str, Path],
                                             full_local: Path) -> None:
    run_batch(inputs[fmt], tmp_path / "o", workers=2, shard_size=SHARD, progress=False)
    got, want = tables(tmp_path / "o"), tables(full_local)
    for name in ("meetings", "people", "conveyed", "directives"):
        assert got[name].equals(want[name]), name
    if fmt == "gz":  # same line numbers, so the same error rows except the file name
        assert got["errors"].num_rows == 3
    else:
        assert got["errors"].num_rows == 0


def test_directory_input(tmp_path: Path, inputs: dict[str, Path]) -> None:
    res = run_batch(inputs["dir"], tmp_path / "o", workers=1, shard_size=5, progress=False)
    assert res.docs_total == 13 and res.rows["meetings"] == 12
    (error,) = read_table(tmp_path / "o", "errors").to_pylist()
    assert (error["doc_id"], error["source"], error["stage"]) == ("b/empty.txt",) * 2 + ("read",)
    assert "empty" in error["reason"]  # wording is the text layer's
    ids = read_table(tmp_path / "o", "meetings").column("doc_id").to_pylist()
    assert "a/01.txt" in ids and "b/00.txt" in ids


def test_resume_skips_finished_shards(tmp_path: Path, inputs: dict[str, Path],
                                      full_local: Path) -> None:
    out = tmp_path / "o"
    first = run_batch(inputs["jsonl"], out, workers=2, shard_size=SHARD, progress=False,
                      max_shards=3)
    assert first.shards_done == 3 and len(Store(out).finished()) == 3
    done_parts = {p: p.stat().st_mtime_ns for p in out.rglob("part-*.parquet")}
    # a crash in the middle of shard 4: a part written, no marker, a temp file left
    part_path(out, "meetings", 4).write_bytes(b"half a file")
    (out / "meetings" / ".part-000004.parquet.999.tmp").write_bytes(b"junk")
    time.sleep(0.01)
    second = run_batch(inputs["jsonl"], out, workers=2, progress=False)
    assert second.shards_skipped == 3 and second.docs_skipped == 21
    assert second.shards_done == 4 and second.docs_done == 22
    for p, mtime in done_parts.items():
        assert p.stat().st_mtime_ns == mtime, f"{p} was rewritten"
    assert file_hashes(out) == file_hashes(full_local)
    third = run_batch(inputs["jsonl"], out, workers=2, progress=False)
    assert third.shards_done == 0 and third.docs_done == 0


def test_killed_run_resumes_to_the_same_output(tmp_path: Path, inputs: dict[str, Path],
                                               full_local: Path) -> None:
    """SIGKILL a real `luoshi batch` mid-run, then rerun: same files as one clean run."""
    out = tmp_path / "o"
    cmd = [sys.executable, "-m", "luoshi", "batch", str(inputs["jsonl"]), str(out),
           "--workers", "1", "--shard-size", str(SHARD), "--no-progress"]
    proc = subprocess.Popen(cmd, start_new_session=True, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if len(list((out / MARKERS).glob("*.json"))) >= 1:
            break
        time.sleep(0.005)
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    before = len(Store(out).finished())
    res = run_batch(inputs["jsonl"], out, workers=2, progress=False)
    assert res.shards_skipped == before and res.shards_done == 7 - before
    assert file_hashes(out) == file_hashes(full_local)


def test_output_of_another_input_or_shard_size_is_refused(tmp_path: Path,
                                                          inputs: dict[str, Path],
                                                          full_local: Path) -> None:
    with pytest.raises(OutputError, match="another input"):
        run_batch(inputs["parquet"], full_local, progress=False)
    with pytest.raises(OutputError, match="shard-size"):
        run_batch(inputs["jsonl"], full_local, shard_size=SHARD + 1, progress=False)
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "x").write_text("x")
    with pytest.raises(OutputError, match="not empty"):
        run_batch(inputs["jsonl"], tmp_path / "busy", progress=False)
