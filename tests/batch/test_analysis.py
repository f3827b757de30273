"""Analysis over a hand-made corpus output whose answers are known, and over a real run."""

from __future__ import annotations

import warnings
from datetime import date
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

from luoshi.analysis import (
    directives_by_category_over_time,
    directives_by_region,
    effective_date,
    lineage,
    load_corpus,
    normalise_item,
    overview,
    region_of,
    relays,
    top_programmes,
    top_units,
    write_analysis,
)
from luoshi.analysis.fonts import cjk_font
from luoshi.batch import TABLES, run_batch
from luoshi.batch.rows import record_rows
from luoshi.batch.schema import SCHEMAS
from luoshi.batch.shard import ShardResult, to_parquet
from luoshi.batch.store import Store
from luoshi.record import Conveyed, Directive, Meeting, MeetingRecord, Programme, Spanned

XI = "习近平总书记在中央经济工作会议上的重要讲话精神"


def test_normalise_item_folds_wording_variants() -> None:
    key = normalise_item(XI)
    assert key == "习近平总书记在中央经济工作会议上"
    for variant in ("传达学习习近平总书记在中央经济工作会议上的重要讲话精神",
                    "习近平总书记在中央经济工作会议上的重要讲话",
                    " 习近平总书记在中央经济工作会议上的讲话精神。"):
        assert normalise_item(variant) == key
    assert normalise_item("《中国共产党地方委员会工作条例》") == "中国共产党地方委员会工作条例"
    assert normalise_item("省委十二届三次全会精神") == "省委十二届三次全会"
    assert normalise_item("中央经济工作会议精神") != normalise_item("全国两会精神")


def test_region_of_organizer() -> None:
    assert region_of("中共临江区委") == "临江区"
    assert region_of("青山县人民政府") == "青山县"
    assert region_of("某某市临江区委员会") == "某某市临江区"
    assert region_of(None) == region_of(float("nan")) == "(未知)"


def test_effective_date() -> None:
    assert effective_date("2021-03-15", "2022-01-01") == date(2021, 3, 15)
    assert effective_date("--03-15", "2021-03-16") == date(2021, 3, 15)
    assert effective_date("--12-30", "2021-01-02") == date(2020, 12, 30)
    assert effective_date(None, "2021-05-06T08:00:00") == date(2021, 5, 6)
    assert effective_date("--02-30", "x") is None


def _record(organizer: str, day: str, conveyed: list[str], directives: list[dict]
            ) -> MeetingRecord:
    return MeetingRecord(
        meeting=Meeting(date=day, name="常委会", organizer=organizer),
        conveyed=[Conveyed(text=c, span=(0, 1)) for c in conveyed],
        directives=[Directive(id=i + 1, text=d.get("text", "要求"), span=(0, 1),
                              category=d.get("category"),
                              units=[Spanned(text=u, span=(0, 1)) for u in d.get("units", [])],
                              programmes=[Programme(text=p, span=(0, 1))
                                          for p in d.get("programmes", [])])
                    for i, d in enumerate(directives)],
    )


CORPUS = [  # doc_id, organizer, date, conveyed, directives
    ("a1", "中共临江区委", "2021-01-04", [XI],
     [{"category": "economy", "units": ["区发改局", "区财政局"], "programmes": ["项目建设年"]},
      {"category": "safety", "units": ["区应急局"]}]),
    ("b1", "中共青山县委", "2021-01-07", ["传达学习习近平总书记在中央经济工作会议上的重要讲话"],
     [{"category": "economy", "units": ["区发改局"], "programmes": ["“项目建设年”"]}]),
    ("c1", "中共东湖区委", "2021-01-14", [XI, "《中国共产党统一战线工作条例》"],
     [{"category": "economy", "units": ["区发改局"]}, {"units": ["各级党组织"]}]),
    ("a2", "中共临江区委", "2021-02-20", ["《中国共产党统一战线工作条例(试行)》"],
     [{"category": "party", "units": ["区委组织部"], "programmes": ["项目建设年"]}]),
]


@pytest.fixture(scope="module")
def known(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An output directory written through the batch store from hand-made records."""
    out = tmp_path_factory.mktemp("known") / "out"
    store = Store(out)
    store.open({"path": "hand-made", "kind": "test"}, 2, 2)
    for index in range(2):
        rows: dict[str, list] = {t: [] for t in TABLES}
        for doc_id, org, day, conveyed, directives in CORPUS[index * 2: index * 2 + 2]:
            record_rows(doc_id, _record(org, day, conveyed, directives), None, rows)
        if index == 1:
            rows["errors"].append({"doc_id": "bad", "source": "x:9", "stage": "parse",
                                   "reason": "invalid JSON"})
        res = ShardResult(index=index, n_docs=2 + index)
        for t in TABLES:
            res.counts[t] = len(rows[t])
            if rows[t]:
                res.parts[t] = to_parquet(pa.Table.from_pylist(rows[t], schema=SCHEMAS[t]))
        store.write(res)
    return out


def test_category_over_time_and_region(known: Path) -> None:
    corpus = load_corpus(known)
    t = directives_by_category_over_time(corpus)
    got = {(r.period, r.category): r.directives for r in t.itertuples()}
    assert got == {("2021-01", "economy"): 3, ("2021-01", "safety"): 1,
                   ("2021-01", "(未分类)"): 1, ("2021-02", "party"): 1}
    q = directives_by_category_over_time(corpus, "Q")
    assert q["directives"].sum() == 6 and set(q["period"]) == {"2021Q1"}
    r = directives_by_region(corpus)
    lj = r[r["region"] == "临江区"].set_index("category")["directives"].to_dict()
    assert lj == {"economy": 1, "safety": 1, "party": 1}
    assert set(r.loc[r["region"] == "临江区", "meetings"]) == {2}


def test_lineage_of_a_relayed_speech(known: Path) -> None:
    corpus = load_corpus(known)
    rel = relays(corpus)
    lin = lineage(corpus, rel).set_index("item")
    xi = lin.loc["习近平总书记在中央经济工作会议上"]
    assert xi["docs"] == 3 and xi["regions"] == 3
    assert xi["first_doc"] == "a1" and xi["first_region"] == "临江区"
    assert xi["first_seen"] == pd.Timestamp("2021-01-04")
    assert xi["median_lag_days"] == 6.5  # relayed after 3 and 10 days
    assert xi["relayed_in"] == "临江区 / 青山县 / 东湖区"
    assert lin.index[0] == "习近平总书记在中央经济工作会议上"  # most relayed first
    # 工作条例 and 工作条例(试行) are different documents: not folded together
    assert len(lin) == 3
    assert rel[rel["item"] == "习近平总书记在中央经济工作会议上"]["lag_days"].tolist() == [0, 3, 10]


def test_top_programmes_and_units(known: Path) -> None:
    corpus = load_corpus(known)
    p = top_programmes(corpus)
    assert p.iloc[0].to_dict() == {"programme": "项目建设年", "kind": "programme", "docs": 3,
                                   "mentions": 3}
    u = top_units(corpus, n=2)
    assert u["unit"].tolist() == ["区发改局", "各级党组织"] or u.iloc[0]["unit"] == "区发改局"
    assert u.iloc[0][["directives", "docs", "regions"]].tolist() == [3, 3, 3]
    assert len(u) == 2
    o = overview(corpus).iloc[0]
    assert (o["documents"], o["errors"], o["directives"], o["regions"]) == (5, 1, 6, 3)


def test_write_analysis_files(known: Path, tmp_path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error" if cjk_font() else "ignore")  # no missing glyphs
        paths = write_analysis(known, tmp_path / "a")
    names = {p.name for p in paths}
    for stem in ("category_over_time", "category_by_region", "diffusion", "top_programmes",
                 "top_units"):
        assert {f"{stem}.png", f"{stem}.svg"} <= names
    for stem in ("lineage", "relays", "top_units", "category_over_time"):
        assert {f"{stem}.csv", f"{stem}.parquet"} <= names
    png = (tmp_path / "a" / "diffusion.png").read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 5000
    assert "<svg" in (tmp_path / "a" / "diffusion.svg").read_text()
    lineage_csv = pd.read_csv(tmp_path / "a" / "lineage.csv")
    assert lineage_csv.loc[0, "docs"] == 3


def test_cjk_font_is_used_when_installed() -> None:
    """With fonts-noto-cjk (or wqy) installed, charts use it; without, they fall back."""
    import matplotlib
    from matplotlib import font_manager

    family = cjk_font()
    if family is None:
        pytest.skip("no CJK font installed (apt-get install fonts-noto-cjk)")
    assert matplotlib.rcParams["font.sans-serif"][0] == family
    path = font_manager.findfont(font_manager.FontProperties(family=family),
                                 fallback_to_default=False)
    assert path and "DejaVu" not in path


def test_analysis_of_a_real_run(tmp_path: Path, inputs: dict[str, Path]) -> None:
    """Whatever the extractor finds today, the analysis holds together over its output."""
    run_batch(inputs["jsonl"], tmp_path / "o", workers=2, shard_size=20, progress=False)
    corpus = load_corpus(tmp_path / "o")
    assert overview(corpus).iloc[0]["documents"] == 43
    assert corpus.meetings["when"].notna().all()  # every test document has a date
    t = directives_by_category_over_time(corpus)
    assert t["directives"].sum() == corpus.directives["when"].notna().sum()
    lin = lineage(corpus)
    assert (lin["docs"] >= 1).all() and (lin["regions"] <= lin["docs"]).all()
    paths = write_analysis(tmp_path / "o", tmp_path / "a")
    assert all(p.stat().st_size > 0 for p in paths)
