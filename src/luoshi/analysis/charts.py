"""Charts of the analysis tables (matplotlib, Agg backend), each written as PNG and SVG.

Each `*_chart` function takes a frame from `luoshi.analysis.tables` and returns a
matplotlib Figure; `save` writes it. Nothing here computes what the tables hold.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from luoshi.analysis.fonts import cjk_font

MAX_SERIES = 8
OTHER = "其他"


def _figure(width: float = 10, height: float = 5.5) -> tuple[Figure, plt.Axes]:
    cjk_font()
    fig = Figure(figsize=(width, height), dpi=100, layout="constrained")
    return fig, fig.add_subplot()


def _empty(ax: plt.Axes, title: str) -> None:
    ax.set_title(title)
    ax.text(0.5, 0.5, "无数据", ha="center", va="center", transform=ax.transAxes)
    ax.set_axis_off()


def _top_categories(frame: pd.DataFrame, value: str) -> pd.Series:
    totals = frame.groupby("category")[value].sum().sort_values(ascending=False)
    keep = set(totals.index[:MAX_SERIES])
    return frame["category"].where(frame["category"].isin(keep), OTHER)


def category_over_time_chart(table: pd.DataFrame) -> Figure:
    """Stacked bars: directives per period by category (top 8, the rest as 其他)."""
    fig, ax = _figure()
    title = "各类部署要求数量随时间变化"
    if table.empty:
        _empty(ax, title)
        return fig
    t = table.assign(category=_top_categories(table, "directives"))
    pivot = t.pivot_table(index="period", columns="category", values="directives",
                          aggfunc="sum", fill_value=0).sort_index()
    pivot.plot.bar(stacked=True, ax=ax, width=0.85)
    ax.set_title(title)
    ax.set_xlabel("时间")
    ax.set_ylabel("部署要求条数")
    ax.legend(title="类别", fontsize=8, ncols=2)
    if len(pivot) > 24:
        step = len(pivot) // 24 + 1
        for i, label in enumerate(ax.get_xticklabels()):
            label.set_visible(i % step == 0)
    return fig


def region_chart(table: pd.DataFrame, top: int = 20) -> Figure:
    """Horizontal stacked bars: directives of the top regions by category."""
    fig, ax = _figure(10, 7)
    title = f"各地区部署要求数量(前{top})"
    if table.empty:
        _empty(ax, title)
        return fig
    t = table.assign(category=_top_categories(table, "directives"))
    pivot = t.pivot_table(index="region", columns="category", values="directives",
                          aggfunc="sum", fill_value=0)
    order = pivot.sum(axis=1).sort_values(ascending=False).index[:top]
    pivot.loc[order[::-1]].plot.barh(stacked=True, ax=ax, width=0.8)
    ax.set_title(title)
    ax.set_xlabel("部署要求条数")
    ax.set_ylabel("地区")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(title="类别", fontsize=8)
    return fig


def diffusion_chart(curves: pd.DataFrame, labels: dict[str, str] | None = None) -> Figure:
    """Step lines: regions reached by each item against days since it was first seen."""
    fig, ax = _figure()
    title = "上级精神的传达扩散(累计传达地区数)"
    if curves.empty:
        _empty(ax, title)
        return fig
    labels = labels or {}
    for item, g in curves.groupby("item", sort=False):
        name = labels.get(item, item)
        name = name if len(name) <= 24 else name[:23] + "…"
        ax.step(g["lag_days"], g["regions"], where="post", label=name, marker="o",
                markersize=3)
    ax.set_title(title)
    ax.set_xlabel("距首次出现的天数")
    ax.set_ylabel("累计传达地区数")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    return fig


def ranking_chart(table: pd.DataFrame, label: str, value: str, title: str,
                  xlabel: str, top: int = 20) -> Figure:
    """Horizontal bars of a top-N table (programmes, units)."""
    fig, ax = _figure(10, 7)
    if table.empty:
        _empty(ax, title)
        return fig
    t = table.head(top).iloc[::-1]
    ax.barh([str(x) if len(str(x)) <= 20 else str(x)[:19] + "…" for x in t[label]],
            t[value], color="#b03a2e")
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    return fig


def save(fig: Figure, out_dir: Path, stem: str) -> list[Path]:
    """Write `stem.png` and `stem.svg` under `out_dir`; returns their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for ext in ("png", "svg"):
        path = out_dir / f"{stem}.{ext}"
        # a fixed date keeps the SVG the same for the same data
        meta = {"Date": None} if ext == "svg" else {"Software": None}
        fig.savefig(path, format=ext, metadata=meta)
        paths.append(path)
    return paths
