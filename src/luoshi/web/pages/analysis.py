"""Corpus analysis (`luoshi serve --analysis DIR`): what `luoshi.analysis` computes over the
Parquet output of `luoshi batch`, as tables and Chart.js charts; plus links to the PNG/SVG
charts and CSV tables that `luoshi analyze` wrote (DIR/analysis/).

The analysis is computed once per process and output directory state (the run's marker
file and shard directory change when a run adds shards), so the page is cheap after the
first visit."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse, Response

from luoshi.ledger.queries_web import require_meeting_reader
from luoshi.web.deps import Actor
from luoshi.web.filters import category_label
from luoshi.web.templating import render

router = APIRouter()

FILES_DIR = "analysis"  # where `luoshi analyze` writes by default, inside the output
FILE_TYPES = {".png": "image/png", ".svg": "image/svg+xml", ".csv": "text/csv; charset=utf-8"}
SAFE_NAME = re.compile(r"^[A-Za-z0-9_.-]+$")
TOP = 20
TOP_CATEGORIES = 8
OTHER = "其他"


@dataclass
class Analysis:
    """What the page shows: plain data for the template and the charts."""

    overview: dict[str, Any]
    charts: dict[str, Any]
    regions: list[dict[str, Any]]
    lineage: list[dict[str, Any]]
    programmes: list[dict[str, Any]]
    units: list[dict[str, Any]]
    files: list[tuple[str, str]] = field(default_factory=list)  # (name, kind)


_cache: dict[tuple[str, float, float], Analysis] = {}
_lock = threading.Lock()


def _label(category: object) -> str:
    text = str(category)
    return text if text.startswith("(") else category_label(text)  # "(未分类)" stays


def _plain(value: object) -> Any:
    """A JSON- and template-friendly value: NaN/NaT → None, timestamps → dates."""
    if value is None:
        return None
    try:
        if value != value:  # NaN, NaT, pd.NA
            return None
    except (TypeError, ValueError):  # pd.NA's comparison is ambiguous
        return None
    if hasattr(value, "isoformat"):
        try:
            return value.isoformat()[:10]
        except ValueError:  # NaT
            return None
    if hasattr(value, "item"):  # numpy scalars
        return _plain(value.item())
    return value


def _rows(frame: Any, columns: list[str], n: int | None = None) -> list[dict[str, Any]]:
    part = frame if n is None else frame.head(n)
    return [{c: _plain(r[c]) for c in columns} for r in part.to_dict("records")]


def _category_series(table: Any) -> dict[str, Any]:
    """Stacked bars: one dataset per leading category (the rest as 其他) over periods."""
    if table.empty:
        return {"labels": [], "datasets": []}
    totals = table.groupby("category")["directives"].sum().sort_values(ascending=False)
    keep = list(totals.index[:TOP_CATEGORIES])
    periods = sorted(table["period"].unique())
    series: dict[str, dict[str, int]] = {}
    for r in table.to_dict("records"):
        name = _label(r["category"]) if r["category"] in keep else OTHER
        by_period = series.setdefault(name, {})
        by_period[r["period"]] = by_period.get(r["period"], 0) + int(r["directives"])
    order = [_label(c) for c in keep] + ([OTHER] if OTHER in series else [])
    return {
        "labels": [str(p) for p in periods],
        "datasets": [{"label": s, "data": [series[s].get(p, 0) for p in periods]} for s in order],
    }


def _regions(table: Any) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Per region: directives, meetings, leading category; and the stacked chart of the
    regions with the most directives."""
    if table.empty:
        return [], {"labels": [], "datasets": []}
    rows: dict[str, dict[str, Any]] = {}
    for r in table.to_dict("records"):
        row = rows.setdefault(r["region"], {"region": r["region"], "directives": 0,
                                            "meetings": int(r["meetings"]), "by": {}})  # fmt: skip
        row["directives"] += int(r["directives"])
        row["by"][r["category"]] = row["by"].get(r["category"], 0) + int(r["directives"])
    ranked = sorted(rows.values(), key=lambda r: (-r["directives"], r["region"]))
    for r in ranked:
        top = max(r["by"].items(), key=lambda kv: (kv[1], str(kv[0])))
        r["top_category"] = f"{_label(top[0])}（{top[1]}）"
    shown = ranked[:15]
    totals: dict[str, int] = {}
    for r in shown:
        for c, n in r["by"].items():
            totals[c] = totals.get(c, 0) + n
    keep = [c for c, _ in sorted(totals.items(), key=lambda kv: -kv[1])[:6]]
    datasets = [{"label": _label(c), "data": [r["by"].get(c, 0) for r in shown]} for c in keep]
    rest = [sum(n for c, n in r["by"].items() if c not in keep) for r in shown]
    if any(rest):
        datasets.append({"label": OTHER, "data": rest})
    table_rows = [{k: r[k] for k in ("region", "directives", "meetings", "top_category")}
                  for r in ranked[:50]]  # fmt: skip
    return table_rows, {"labels": [r["region"] for r in shown], "datasets": datasets}


def _diffusion(curves: Any, labels: dict[str, str]) -> dict[str, Any]:
    """Cumulative regions reached by days since first sighting, one line per item."""
    out = []
    for item, part in curves.groupby("item", sort=False):
        points = [{"x": int(r["lag_days"]), "y": int(r["regions"])}
                  for r in part.sort_values("lag_days").to_dict("records")]  # fmt: skip
        out.append({"label": labels.get(item, item)[:24], "data": points})
    return {"datasets": out}


def _files(directory: Path) -> list[tuple[str, str]]:
    d = directory / FILES_DIR
    if not d.is_dir():
        return []
    return [(p.name, p.suffix[1:].upper()) for p in sorted(d.iterdir())
            if p.suffix in FILE_TYPES and SAFE_NAME.match(p.name)]  # fmt: skip


def compute(directory: Path) -> Analysis:
    """Load the corpus under `directory` and compute what the page shows."""
    import luoshi.analysis as la

    corpus = la.load_corpus(directory)
    t = la.analyze(corpus, top=TOP)
    ov = _rows(t["overview"], list(t["overview"].columns))[0] if len(t["overview"]) else {}
    regions, region_chart = _regions(t["category_by_region"])
    lin = t["lineage"]
    labels = dict(zip(lin["item"], lin["label"], strict=True))
    programmes = _rows(t["top_programmes"], ["programme", "kind", "docs", "mentions"])
    units = _rows(t["top_units"], ["unit", "directives", "docs", "regions"])
    charts = {
        "category_over_time": _category_series(t["category_over_time"]),
        "regions": region_chart,
        "diffusion": _diffusion(t["diffusion_curves"], labels),
        "programmes": {"labels": [p["programme"] for p in programmes[:15]],
                       "data": [p["docs"] for p in programmes[:15]]},
        "units": {"labels": [u["unit"] for u in units[:15]],
                  "data": [u["directives"] for u in units[:15]]},
    }  # fmt: skip
    lineage = _rows(lin, ["label", "first_seen", "first_region", "last_seen", "docs", "regions",
                          "median_lag_days", "p90_lag_days", "relayed_in"], 30)  # fmt: skip
    return Analysis(ov, charts, regions, lineage, programmes, units, _files(directory))


def _state(directory: Path) -> tuple[float, float]:
    marker = directory / "_luoshi_batch.json"
    shards = directory / "_shards"
    analysis = directory / FILES_DIR
    return (
        marker.stat().st_mtime if marker.exists() else 0.0,
        max((p.stat().st_mtime for p in (shards, analysis) if p.exists()), default=0.0),
    )


def analysis_for(directory: Path) -> Analysis:
    key = (str(directory), *_state(directory))
    with _lock:
        if key in _cache:
            return _cache[key]
        result = compute(directory)
        _cache.clear()  # one directory per app: keep only its newest state
        _cache[key] = result
        return result


def _directory(request: Request) -> Path | None:
    value = request.app.state.settings.analysis_dir
    return Path(value) if value else None


@router.get("/analysis")
def analysis_page(request: Request, user: Actor) -> Response:
    require_meeting_reader(user)
    directory = _directory(request)
    ctx: dict[str, Any] = {"active": "analysis", "title": "语料分析", "directory": directory,
                           "a": None, "problem": None}  # fmt: skip
    if directory is not None:
        if not (directory / "_luoshi_batch.json").exists():
            ctx["problem"] = "该目录不是 luoshi batch 的输出目录（缺少 _luoshi_batch.json）。"
        else:
            try:
                ctx["a"] = analysis_for(directory)
            except ImportError as exc:  # the batch extra (pandas, pyarrow) is missing
                ctx["problem"] = f"分析组件不可用（需安装 batch 扩展）：{exc.name}"
    return render(request, "analysis.html", ctx)


@router.get("/analysis/files/{name}")
def analysis_file(request: Request, user: Actor, name: str) -> Response:
    """A chart or table written by `luoshi analyze` into DIR/analysis/."""
    require_meeting_reader(user)
    directory = _directory(request)
    path = directory / FILES_DIR / name if directory and SAFE_NAME.match(name) else None
    if path is None or path.suffix not in FILE_TYPES or not path.is_file():
        raise HTTPException(404, "没有这个文件")
    return FileResponse(path, media_type=FILE_TYPES[path.suffix])
