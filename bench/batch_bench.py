"""Corpus-run throughput: `luoshi batch` with both engines at 1 and 2 workers.

    .venv/bin/python bench/batch_bench.py            # 200,000 documents
    .venv/bin/python bench/batch_bench.py --docs 20000

Generates (once, then reuses) a JSONL corpus under bench/out/ from the dev documents with
varied publication and meeting dates, regions and leaders' names, then times every
engine × workers over all of it, each into a fresh output directory. Prints documents/s,
scaling efficiency (2 workers vs 1) and Ray's overhead against the local pool at the same
worker count, and a single-process baseline of the extractor alone. Figures are live:
they move with the extractor's speed. Results also go to bench/out/batch_bench.json.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import random
import re
import resource
import shutil
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tests" / "gold" / "dev"
OUT = ROOT / "bench" / "out"

PLACES = ["临江", "青山", "东湖", "南岭", "北塘", "西峡", "金川", "玉泉", "龙湾", "凤阳", "云岭",
          "长河", "白沙", "石门", "桃源", "柳江", "松溪", "梅州", "清河", "安平"]
LEVELS = ["区", "县", "市"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "建国伟明华军强平志勇海涛洪波红梅丽静晓东国庆卫红振华文斌德胜永刚春生秀英宏伟"
DATE_RE = re.compile(r"(\d{1,2})月(\d{1,2})日")
ORGAN_RE = re.compile(r"(区|县|市)委")


def _templates() -> list[tuple[str, list[str]]]:
    """(text, names of people in it) for every dev document."""
    out = []
    for txt in sorted(DEV.glob("*.txt")):
        gold = txt.with_suffix(".gold.json")
        names: list[str] = []
        if gold.exists():
            names = [p["name"] for p in json.loads(gold.read_text("utf-8")).get("people", [])
                     if p.get("name") and len(p["name"]) >= 2]
        out.append((txt.read_text("utf-8"), names))
    return out


def _variant(rng: random.Random, text: str, names: list[str]) -> tuple[str, str]:
    """A document like `text` from another place, time and set of leaders; (text, published)."""
    held = date(2018, 1, 1) + timedelta(days=rng.randrange(7 * 365))
    published = held + timedelta(days=rng.choice((0, 0, 1, 1, 2, 3, 7)))
    place = rng.choice(PLACES) + rng.choice(LEVELS)
    for name in names:
        new = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(len(name) - 1))
        text = text.replace(name, new)
    text = DATE_RE.sub(f"{held.month}月{held.day}日", text, count=1)
    text = ORGAN_RE.sub(f"中共{place}委", text, count=1)
    return text, published.isoformat()


def make_corpus(n: int, path: Path, seed: int = 5) -> Path:
    meta = path.with_suffix(".meta.json")
    if path.exists() and meta.exists() and json.loads(meta.read_text()).get("docs") == n:
        return path
    rng = random.Random(seed)
    templates = _templates()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        for i in range(n):
            text, names = templates[i % len(templates)]
            body, published = _variant(rng, text, names)
            fh.write(json.dumps({"id": f"bench-{i:08d}", "text": body,
                                 "url": f"http://gov.example/{i}.html",
                                 "published": published}, ensure_ascii=False) + "\n")
    tmp.replace(path)
    meta.write_text(json.dumps({"docs": n, "seed": seed, "bytes": path.stat().st_size}))
    return path


def extractor_baseline(corpus: Path, n: int) -> float:
    """Documents/s of the bare extractor in this process over the first n documents."""
    from luoshi.extract import extract_document
    from luoshi.text import Document

    docs = []
    with corpus.open(encoding="utf-8") as fh:
        for _, line in zip(range(n), fh, strict=False):
            d = json.loads(line)
            docs.append(Document(text=d["text"], path=d["id"], published=d["published"]))
    start = time.perf_counter()
    for doc in docs:
        # a failure counts as done, as `luoshi batch` makes it an error row
        with contextlib.suppress(Exception):
            extract_document(doc)
    return len(docs) / (time.perf_counter() - start)


def _cpu_self() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _cpu_ray_daemons() -> float:
    """CPU seconds of Ray's own processes here (raylet, GCS), which serve the driver."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)
            name = fields[0].split("(", 1)[1]
            if name.startswith(("raylet", "gcs_server")):
                parts = fields[1].split()
                total += (int(parts[11]) + int(parts[12])) / tick
        except (OSError, IndexError, ValueError):
            continue
    return total


def run_one(corpus: Path, engine: str, workers: int, shard_size: int) -> dict:
    from luoshi.batch import run_batch

    out = OUT / f"run-{engine}-{workers}"
    shutil.rmtree(out, ignore_errors=True)
    init = 0.0
    if engine == "ray":
        import ray

        from luoshi.batch.ray_engine import init_ray

        if ray.is_initialized():
            ray.shutdown()
        t = time.perf_counter()
        init_ray(None, workers)
        init = time.perf_counter() - t
    load = os.getloadavg()[0]
    driver0 = _cpu_self() + _cpu_ray_daemons()
    res = run_batch(corpus, out, engine=engine, workers=workers, shard_size=shard_size,
                    progress=sys.stderr.isatty())
    driver = _cpu_self() + _cpu_ray_daemons() - driver0
    if engine == "ray":
        import ray

        ray.shutdown()
    row = {"engine": engine, "workers": workers, "docs": res.docs_done,
           "seconds": round(res.seconds, 2), "docs_per_s": round(res.docs_per_second, 1),
           "ray_init_s": round(init, 2), "rows": res.rows,
           "worker_cpu_s": round(res.worker_cpu_seconds, 1),
           "cpu_docs_per_s": round(res.docs_done / res.worker_cpu_seconds, 1)
           if res.worker_cpu_seconds else None,
           "busy": round(res.worker_cpu_seconds / (res.seconds * workers), 3),
           "driver_cpu_us_per_doc": round(1e6 * driver / max(res.docs_done, 1), 1),
           "load_before": round(load, 2), "load_after": round(os.getloadavg()[0], 2)}
    shutil.rmtree(out, ignore_errors=True)
    return row


def _snapshot() -> Path:
    """src/ of HEAD, extracted under bench/out/ (reused for the same commit)."""
    import subprocess

    sha = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout.strip()
    snap = OUT / f"src-{sha}"
    if not (snap / "src").is_dir():
        OUT.mkdir(parents=True, exist_ok=True)
        tmp = OUT / f".src-{sha}.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir()
        archive = subprocess.run(["git", "archive", "HEAD", "src"], cwd=ROOT, check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(tmp)], input=archive, check=True)
        tmp.rename(snap)
    return snap


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=200_000, help="corpus size (default 200000)")
    ap.add_argument("--shard-size", type=int, default=500)
    ap.add_argument("--engines", default="local,ray")
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--live-tree", action="store_true",
                    help="run the working tree as it is; by default the code of HEAD is "
                         "copied and run, so that edits made meanwhile (the extractor is "
                         "being worked on) cannot change speed between the runs compared")
    args = ap.parse_args()
    if not args.live_tree and "LUOSHI_BENCH_SNAPSHOT" not in os.environ:
        snap = _snapshot()
        env = {**os.environ, "LUOSHI_BENCH_SNAPSHOT": snap.name,
               "PYTHONPATH": os.pathsep.join([str(snap / "src"), os.environ.get("PYTHONPATH", "")])}
        os.execve(sys.executable, [sys.executable, __file__, *sys.argv[1:]], env)
    print(f"code: {os.environ.get('LUOSHI_BENCH_SNAPSHOT', 'working tree')}")

    t = time.perf_counter()
    corpus = make_corpus(args.docs, OUT / f"corpus-{args.docs}.jsonl")
    size_mb = corpus.stat().st_size / 1e6
    print(f"corpus: {corpus.relative_to(ROOT)}: {args.docs} documents, {size_mb:.0f} MB "
          f"(ready in {time.perf_counter() - t:.1f} s)")
    print(f"machine: {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"shard size {args.shard_size}")
    base = extractor_baseline(corpus, min(args.docs, 2000))
    print(f"bare extractor, 1 process, no I/O: {base:.0f} docs/s")

    rows = []
    # interleaved (local 1, ray 1, local 2, ray 2) so that load from elsewhere on the
    # machine falls on both engines alike
    for workers in (int(w) for w in args.workers.split(",")):
        for engine in args.engines.split(","):
            row = run_one(corpus, engine, workers, args.shard_size)
            rows.append(row)
            print(f"{engine:5s} workers={workers}: {row['docs']} docs in {row['seconds']:.1f} s "
                  f"= {row['docs_per_s']:.0f} docs/s"
                  + f"; workers busy {row['busy']:.0%}, {row['cpu_docs_per_s']:.0f} docs per"
                  f" worker CPU-second; driver {row['driver_cpu_us_per_doc']:.0f} µs CPU/doc;"
                  f" load avg {row['load_before']:.1f}→{row['load_after']:.1f}"
                  + (f" (+ Ray start {row['ray_init_s']:.1f} s, not counted)"
                     if engine == "ray" else ""), flush=True)

    rate = {(r["engine"], r["workers"]): r["docs_per_s"] for r in rows}
    cpu = {(r["engine"], r["workers"]): r["cpu_docs_per_s"] for r in rows}
    summary: dict[str, float] = {}
    for engine in args.engines.split(","):
        if (engine, 1) in rate and (engine, 2) in rate:
            eff = rate[engine, 2] / (2 * rate[engine, 1])
            summary[f"scaling_{engine}"] = round(eff, 3)
            print(f"scaling efficiency {engine}, 2 vs 1 workers: {eff:.2f} (target ≥ 0.90)")
    for w in (1, 2):
        if ("local", w) in rate and ("ray", w) in rate:
            over = 1 - rate["ray", w] / rate["local", w]
            summary[f"ray_overhead_{w}"] = round(over, 3)
            print(f"Ray overhead vs local pool, {w} worker(s): {over:+.1%} (target ≤ 15%)")
            if cpu.get(("local", w)) and cpu.get(("ray", w)):
                cpu_over = 1 - cpu["ray", w] / cpu["local", w]
                summary[f"ray_cpu_overhead_{w}"] = round(cpu_over, 3)
                print(f"  per worker CPU-second (immune to other load): {cpu_over:+.1%}")
    (OUT / "batch_bench.json").write_text(json.dumps(
        {"docs": args.docs, "cpus": os.cpu_count(), "baseline_docs_per_s": round(base, 1),
         "runs": rows, "summary": summary}, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
