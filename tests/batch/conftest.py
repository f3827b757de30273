"""A small corpus built from the dev documents, written in every input format, and one Ray
session for the whole test run (2 CPUs, no dashboard)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

DEV = Path(__file__).resolve().parents[1] / "gold" / "dev"
N_DOCS = 40
BAD_LINES = [b"{not json at all\n", json.dumps({"id": "no-text", "url": "http://x/none"}).encode()
             + b"\n", json.dumps(["a", "list"]).encode() + b"\n"]


def corpus(n: int = N_DOCS) -> list[dict]:
    """n documents from the dev set with varied ids, urls and publication dates."""
    texts = [p.read_text("utf-8") for p in sorted(DEV.glob("*.txt"))]
    docs = []
    for i in range(n):
        month, day = 1 + (i * 5) % 12, 1 + (i * 7) % 28
        docs.append({
            "id": f"doc-{i:03d}" if i % 9 else f"ns/{i}.v2",  # a few ids with / and .
            "text": texts[i % len(texts)],
            "url": f"http://gov.example/{i}.html",
            "published": f"{2019 + i % 4}-{month:02d}-{day:02d}",
        })
    return docs


def jsonl_bytes(docs: list[dict], bad: bool = True) -> bytes:
    lines = [json.dumps(d, ensure_ascii=False).encode() + b"\n" for d in docs]
    if bad:  # bad lines in the middle and at the end; blank lines are not documents
        lines[5:5] = [BAD_LINES[0], b"\n"]
        lines += BAD_LINES[1:]
    return b"".join(lines)


@pytest.fixture(scope="session")
def docs() -> list[dict]:
    return corpus()


@pytest.fixture(scope="session")
def inputs(tmp_path_factory: pytest.TempPathFactory, docs: list[dict]) -> dict[str, Path]:
    """The corpus as JSONL (with 3 bad lines), JSONL.gz, Parquet and a directory."""
    root = tmp_path_factory.mktemp("inputs")
    data = jsonl_bytes(docs)
    (root / "corpus.jsonl").write_bytes(data)
    (root / "corpus.jsonl.gz").write_bytes(gzip.compress(data, mtime=0))
    pq.write_table(pa.Table.from_pylist(docs), root / "corpus.parquet", row_group_size=7)
    d = root / "docs"
    for i, doc in enumerate(docs[:12]):
        sub = d / ("a" if i % 2 else "b")
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"{i:02d}.txt").write_text(doc["text"], "utf-8")
    (d / "b" / "empty.txt").write_bytes(b"")
    return {"jsonl": root / "corpus.jsonl", "gz": root / "corpus.jsonl.gz",
            "parquet": root / "corpus.parquet", "dir": d}


@pytest.fixture(scope="session")
def ray_session():
    ray = pytest.importorskip("ray")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False,
             configure_logging=False)
    yield ray
    ray.shutdown()
