"""What a corpus shows: pure functions over the output of `luoshi batch`.

    corpus = load_corpus("out/")            # Corpus of pandas frames
    directives_by_category_over_time(corpus) / directives_by_region(corpus)
    relays(corpus) / lineage(corpus)        # diffusion of conveyed items
    top_programmes(corpus) / top_units(corpus) / overview(corpus)
    analyze(corpus) → {name: frame}; write_analysis(output, dir) → CSV, Parquet, PNG, SVG

Charts live in `luoshi.analysis.charts` (matplotlib, imported only when asked for).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from luoshi.analysis.corpus import Corpus, from_tables, load_corpus
from luoshi.analysis.normalise import effective_date, normalise_item, region_of
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

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "Corpus",
    "analyze",
    "diffusion_curves",
    "directives_by_category_over_time",
    "directives_by_region",
    "effective_date",
    "from_tables",
    "lineage",
    "load_corpus",
    "normalise_item",
    "overview",
    "region_of",
    "relays",
    "top_programmes",
    "top_units",
    "write_analysis",
]


def analyze(corpus: Corpus, top: int = 30) -> dict[str, pd.DataFrame]:
    """Every analysis table of a corpus, by name (see `luoshi.analysis.report`)."""
    from luoshi.analysis.report import analyze as _analyze

    return _analyze(corpus, top)


def write_analysis(output: str | os.PathLike[str], out_dir: str | os.PathLike[str],
                   top: int = 30) -> list[Path]:
    """Tables as CSV and Parquet, charts as PNG and SVG, under `out_dir`."""
    from luoshi.analysis.report import write_analysis as _write

    return _write(output, out_dir, top)
