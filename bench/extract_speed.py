#!/usr/bin/env python3
"""Extraction speed and memory benchmark (prints figures; not a test).

    .venv/bin/python bench/extract_speed.py                  # speed + jieba + memory
    .venv/bin/python bench/extract_speed.py --mb 5 --no-memory
    .venv/bin/python bench/extract_speed.py --profile        # cProfile of the extractor

Speed: end to end from text FILE to JSON on one core (the process is pinned with
os.sched_setaffinity): read_path -> extract_document -> model_dump_json, over copies of the
dev documents written to a temp directory until at least --mb MB (10^6 bytes of input) are
there; every file is read from the file system each time. In the same run, jieba's plain
word segmentation (list(jieba.cut(text))) of the same texts, and the ratio.
Targets (issue 2): >= 2 MB/s and faster than jieba.cut.

Memory: `luoshi extract DIR --format jsonl --keep-non-meetings > /dev/null` in a subprocess
over directories of N small files (default 2k and 20k; add 100000 with --memory-counts);
the child's peak RSS (ru_maxrss from os.wait4, i.e. getrusage of that child) for each N.
Flat means the peak does not grow with N: the directory is streamed.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import math
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = ROOT / "tests" / "gold" / "dev"
MB = 1_000_000


def pin_one_core(core: int | None) -> int | None:
    """Pin this process to one core (the lowest it may run on, or `core`)."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    allowed = os.sched_getaffinity(0)
    chosen = core if core is not None else min(allowed)
    os.sched_setaffinity(0, {chosen})
    return chosen


def source_files(gold_dir: Path) -> list[Path]:
    files = sorted(p for p in gold_dir.glob("*.txt") if p.is_file())
    if not files:
        sys.exit(f"extract_speed: no *.txt in {gold_dir}")
    return files


def write_copies(sources: list[Path], min_bytes: int, dest: Path) -> list[Path]:
    """Distinct copies of the sources under `dest` until they hold >= min_bytes."""
    datas = [(p.name, p.read_bytes()) for p in sources]
    per_round = sum(len(d) for _, d in datas)
    rounds = max(1, math.ceil(min_bytes / per_round))
    out = []
    for r in range(rounds):
        sub = dest / f"r{r:04d}"
        sub.mkdir(parents=True)
        for name, data in datas:
            path = sub / name
            path.write_bytes(data)
            out.append(path)
    return out


def extract_files(paths: list[Path]) -> tuple[int, int, int]:
    """read -> extract -> JSON for each path; returns (input bytes, output chars, failures)."""
    from luoshi.extract import extract_document
    from luoshi.text import read_path

    n_in = n_out = failed = 0
    for path in paths:
        try:
            doc = read_path(path)
            n_in += doc.bytes or 0
            n_out += len(extract_document(doc).model_dump_json())
        except Exception as exc:  # counted and reported: a benchmark must finish
            failed += 1
            if failed <= 3:
                print(f"  failed: {path}: {type(exc).__name__}: {exc}", file=sys.stderr)
    return n_in, n_out, failed


def bench_extract(paths: list[Path]) -> dict[str, Any]:
    extract_files(paths[:40])  # warm-up: imports, word lists, regex compilation
    gc.collect()
    t0, c0 = time.perf_counter(), time.process_time()
    n_in, n_out, failed = extract_files(paths)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {
        "docs": len(paths),
        "failed": failed,
        "input_mb": n_in / MB,
        "json_mb": n_out / MB,
        "seconds": wall,
        "cpu_seconds": cpu,
        "mb_per_s": n_in / MB / wall,
        "docs_per_s": len(paths) / wall,
    }


def bench_jieba(texts: list[str]) -> dict[str, Any] | None:
    try:
        import jieba
    except ImportError:
        print("jieba is not installed (pip install -e '.[dev]'); skipping it", file=sys.stderr)
        return None
    jieba.setLogLevel(60)
    jieba.initialize()  # dictionary load: not part of segmentation
    list(jieba.cut(texts[0]))
    n = sum(len(t.encode("utf-8")) for t in texts)
    gc.collect()
    t0 = time.perf_counter()
    words = 0
    for t in texts:
        words += len(list(jieba.cut(t)))
    wall = time.perf_counter() - t0
    return {"input_mb": n / MB, "seconds": wall, "mb_per_s": n / MB / wall, "words": words}


# --- memory -------------------------------------------------------------------------------

def small_pieces(sources: list[Path], max_bytes: int) -> list[bytes]:
    """The opening lines of each source, up to max_bytes: small but real documents."""
    out = []
    for p in sources:
        lines = p.read_text(encoding="utf-8").splitlines(keepends=True)
        buf = ""
        for line in lines:
            if buf and len((buf + line).encode("utf-8")) > max_bytes:
                break
            buf += line
        out.append(buf.encode("utf-8")[: max_bytes * 2])
    return out


def make_small_dir(dest: Path, count: int, pieces: list[bytes]) -> int:
    """`count` files in subdirectories of 1000, hard-linked to a few distinct pieces."""
    proto = dest / "_proto"
    proto.mkdir(parents=True)
    protos = []
    for i, data in enumerate(pieces):
        path = proto / f"p{i}.txt"
        path.write_bytes(data)
        protos.append(path)
    total = 0
    corpus = dest / "corpus"
    for i in range(count):
        sub = corpus / f"{i // 1000:04d}"
        if i % 1000 == 0:
            sub.mkdir(parents=True)
        src = protos[i % len(protos)]
        dst = sub / f"doc{i:06d}.txt"
        try:
            os.link(src, dst)
        except OSError:
            shutil.copyfile(src, dst)
        total += src.stat().st_size
    return total


def run_extract_measured(target: Path, err_path: Path) -> dict[str, Any]:
    """`python -m luoshi extract TARGET --format jsonl --keep-non-meetings > /dev/null` in a
    child; its peak RSS from os.wait4 (getrusage of exactly that child)."""
    cmd = [sys.executable, "-m", "luoshi", "extract", str(target), "--format", "jsonl",
           "--keep-non-meetings"]
    with open(err_path, "wb") as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    err_lines = err_path.read_text(encoding="utf-8", errors="replace").splitlines()
    return {"exit": proc.returncode, "seconds": wall, "max_rss_mb": usage.ru_maxrss / 1024,
            "stderr_lines": len(err_lines), "first_error": err_lines[0] if err_lines else None}


def bench_memory(sources: list[Path], counts: list[int], small_bytes: int,
                 tmp: Path) -> list[dict[str, Any]]:
    pieces = small_pieces(sources, small_bytes)
    rows = []
    one = tmp / "one.txt"
    one.write_bytes(pieces[0])
    base = run_extract_measured(one, tmp / "err-one.txt")
    rows.append({"files": 1, "input_mb": len(pieces[0]) / MB, **base})
    for n in counts:
        d = tmp / f"mem-{n}"
        size = make_small_dir(d, n, pieces)
        row = run_extract_measured(d / "corpus", tmp / f"err-{n}.txt")
        rows.append({"files": n, "input_mb": size / MB, **row})
        shutil.rmtree(d, ignore_errors=True)
    return rows


# --- profile ------------------------------------------------------------------------------

def profile(paths: list[Path], top: int, out: str | None) -> None:
    extract_files(paths[:40])
    prof = cProfile.Profile()
    prof.enable()
    n_in, _, failed = extract_files(paths)
    prof.disable()
    print(f"profiled {len(paths)} documents, {n_in / MB:.2f} MB, {failed} failed")
    for key, title in (("tottime", "own time"), ("cumulative", "cumulative time")):
        buf = io.StringIO()
        stats = pstats.Stats(prof, stream=buf).strip_dirs().sort_stats(key)
        stats.print_stats(top)
        text = buf.getvalue()
        start = text.find("   ncalls")
        print(f"\n--- top {top} functions by {title} ---")
        print(text[start:].rstrip() if start >= 0 else text.rstrip())
    if out:
        prof.dump_stats(out)
        print(f"\nstats written to {out} (python -m pstats {out}, or snakeviz)")


# --- main ---------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold-dir", type=Path, default=DEFAULT_GOLD)
    ap.add_argument("--mb", type=float, default=20.0, help="input MB for the speed run (20)")
    ap.add_argument("--core", type=int, help="core to pin to (default: the lowest allowed)")
    ap.add_argument("--no-jieba", action="store_true")
    ap.add_argument("--no-memory", action="store_true")
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument("--memory-counts", default="2000,20000",
                    help="directory sizes for the memory run (e.g. 2000,20000,100000)")
    ap.add_argument("--small-bytes", type=int, default=1500,
                    help="size of each small file in the memory run (1500)")
    ap.add_argument("--profile", action="store_true",
                    help="only profile extraction with cProfile and print the top functions")
    ap.add_argument("--profile-mb", type=float, default=2.0)
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--profile-out", help="also write the pstats file here")
    ap.add_argument("--json", action="store_true", help="also print all figures as JSON")
    args = ap.parse_args(argv)

    sys.path.insert(0, str(ROOT / "src"))
    core = pin_one_core(args.core)
    sources = source_files(args.gold_dir)
    figures: dict[str, Any] = {"core": core}
    print(f"pinned to core {core}; {len(sources)} source documents from {args.gold_dir}")

    with tempfile.TemporaryDirectory(prefix="luoshi-bench-") as tmpname:
        tmp = Path(tmpname)
        if args.profile:
            paths = write_copies(sources, int(args.profile_mb * MB), tmp / "copies")
            profile(paths, args.top, args.profile_out)
            return 0

        if not args.no_speed:
            paths = write_copies(sources, int(args.mb * MB), tmp / "copies")
            print(f"\n== speed: {len(paths)} files, read -> extract -> JSON, one core ==")
            ex = bench_extract(paths)
            figures["extract"] = ex
            print(f"extract  {ex['input_mb']:7.2f} MB  {ex['seconds']:7.2f} s  "
                  f"{ex['mb_per_s']:6.2f} MB/s  {ex['docs_per_s']:8.1f} docs/s  "
                  f"(cpu {ex['cpu_seconds']:.2f} s, {ex['failed']} failed, "
                  f"JSON out {ex['json_mb']:.2f} MB)")
            if not args.no_jieba:
                texts = [p.read_text(encoding="utf-8") for p in paths]
                jb = bench_jieba(texts)
                if jb:
                    figures["jieba"] = jb
                    ratio = ex["mb_per_s"] / jb["mb_per_s"]
                    figures["extract_over_jieba"] = ratio
                    print(f"jieba    {jb['input_mb']:7.2f} MB  {jb['seconds']:7.2f} s  "
                          f"{jb['mb_per_s']:6.2f} MB/s  (list(jieba.cut(text)), "
                          f"{jb['words']} words)")
                    print(f"extract / jieba speed ratio: {ratio:.2f}x "
                          f"({'faster' if ratio > 1 else 'SLOWER'} than segmenting alone)")
            ok = ex["mb_per_s"] >= 2.0
            print(f"target >= 2 MB/s: {'met' if ok else 'NOT met'}")
            shutil.rmtree(tmp / "copies", ignore_errors=True)

        if not args.no_memory:
            counts = [int(x) for x in args.memory_counts.split(",") if x.strip()]
            print(f"\n== memory: luoshi extract DIR --format jsonl > /dev/null, "
                  f"files of <= {args.small_bytes} bytes ==")
            rows = bench_memory(sources, counts, args.small_bytes, tmp)
            figures["memory"] = rows
            print(f"{'files':>8} {'input MB':>9} {'seconds':>8} {'docs/s':>8} "
                  f"{'max RSS MB':>11} {'exit':>5} {'stderr lines':>13}")
            for r in rows:
                print(f"{r['files']:>8} {r['input_mb']:>9.2f} {r['seconds']:>8.2f} "
                      f"{r['files'] / r['seconds']:>8.0f} {r['max_rss_mb']:>11.1f} "
                      f"{r['exit']:>5} {r['stderr_lines']:>13}")
                if r["first_error"]:
                    print(f"{'':>8} first stderr line: {r['first_error']}")
            if len(rows) > 2:
                small, big = rows[1], rows[-1]
                growth = big["max_rss_mb"] - small["max_rss_mb"]
                per_k = growth / ((big["files"] - small["files"]) / 1000)
                flat = growth <= max(10.0, 0.1 * small["max_rss_mb"])
                figures["memory_growth_mb"] = growth
                print(f"peak RSS growth from {small['files']} to {big['files']} files: "
                      f"{growth:+.1f} MB ({per_k:+.3f} MB per 1000 files) -> "
                      f"{'flat' if flat else 'GROWS with the number of documents'}")
    if args.json:
        print(json.dumps(figures, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
