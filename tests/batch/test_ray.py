"""The Ray engine (Ray Data in local mode) writes what the local pool writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from luoshi.batch import ray_engine, read_table, run_batch
from luoshi.batch.store import Store

from .helpers import file_hashes, tables

pytestmark = pytest.mark.ray
SHARD = 6


@pytest.fixture(scope="module")
def local_out(tmp_path_factory: pytest.TempPathFactory, inputs: dict[str, Path]) -> Path:
    out = tmp_path_factory.mktemp("ray-local") / "out"
    run_batch(inputs["jsonl"], out, engine="local", workers=2, shard_size=SHARD, progress=False)
    return out


def test_ray_and_local_agree(ray_session, tmp_path: Path, inputs: dict[str, Path],
                             local_out: Path) -> None:
    out = tmp_path / "ray"
    res = run_batch(inputs["jsonl"], out, engine="ray", workers=2, shard_size=SHARD,
                    progress=False)
    assert res.docs_done == 43 and res.shards_done == 8
    got, want = tables(out), tables(local_out)
    for name, table in want.items():
        assert got[name].equals(table), name
    assert got["errors"].num_rows == 3
    assert file_hashes(out) == file_hashes(local_out)  # byte for byte, part by part


def test_ray_resumes_a_local_run(ray_session, tmp_path: Path, inputs: dict[str, Path],
                                 local_out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ray_engine, "WINDOW_PER_WORKER", 1)  # 5 shards in 3 windows
    out = tmp_path / "mixed"
    run_batch(inputs["parquet"], out, engine="local", workers=1, shard_size=SHARD,
              progress=False, max_shards=2)
    res = run_batch(inputs["parquet"], out, engine="ray", workers=2, progress=False)
    assert res.shards_skipped == 2 and res.shards_done == 5
    assert len(Store(out).finished()) == 7
    want = tables(local_out)["meetings"]
    assert tables(out)["meetings"].equals(want)
    assert read_table(out, "errors").num_rows == 0
