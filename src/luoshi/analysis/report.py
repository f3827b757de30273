"""All of the analysis at once: frames in memory, or files on disk."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from luoshi.analysis import charts
from luoshi.analysis.corpus import Corpus, load_corpus
from luoshi.analysis.tables import (
    diffusion_curves,
    directives_by_category_over_time,
    directives_by_region,
    lineage,
    overview,
    relays,
    top_programmes,
    top_units,
)

DIFFUSION_ITEMS = 8


def analyze(corpus: Corpus, top: int = 30) -> dict[str, pd.DataFrame]:
    """Every analysis table of a corpus, by name."""
    relay_table = relays(corpus)
    lin = lineage(corpus, relay_table)
    return {
        "overview": overview(corpus),
        "category_over_time": directives_by_category_over_time(corpus),
        "category_by_region": directives_by_region(corpus),
        "relays": relay_table,
        "lineage": lin,
        "diffusion_curves": diffusion_curves(relay_table,
                                             lin["item"].head(DIFFUSION_ITEMS).tolist()),
        "top_programmes": top_programmes(corpus, top),
        "top_units": top_units(corpus, top),
    }


def render_charts(tables: dict[str, pd.DataFrame], out_dir: Path) -> list[Path]:
    lin = tables["lineage"]
    labels = dict(zip(lin["item"], lin["label"], strict=True))
    figures = {
        "category_over_time": charts.category_over_time_chart(tables["category_over_time"]),
        "category_by_region": charts.region_chart(tables["category_by_region"]),
        "diffusion": charts.diffusion_chart(tables["diffusion_curves"], labels),
        "top_programmes": charts.ranking_chart(
            tables["top_programmes"], "programme", "docs", "最常提及的工程、项目与口号",
            "提及文档数"),
        "top_units": charts.ranking_chart(
            tables["top_units"], "unit", "directives", "最常被列为责任单位的单位",
            "部署要求条数"),
    }
    paths: list[Path] = []
    for stem, fig in figures.items():
        paths += charts.save(fig, out_dir, stem)
    return paths


def write_analysis(output: str | os.PathLike[str], out_dir: str | os.PathLike[str],
                   top: int = 30) -> list[Path]:
    """Analyse `luoshi batch` output; write every table as CSV and Parquet and every chart
    as PNG and SVG under `out_dir`. Returns the paths written."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tables = analyze(load_corpus(output), top)
    paths: list[Path] = []
    for name, frame in tables.items():
        csv = out / f"{name}.csv"
        frame.to_csv(csv, index=False, encoding="utf-8")
        pq = out / f"{name}.parquet"
        frame.to_parquet(pq, index=False)
        paths += [csv, pq]
    return paths + render_charts(tables, out)
