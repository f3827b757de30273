"""What a corpus shows, as pure functions from a `Corpus` to pandas frames.

Every function returns a frame with fixed columns (possibly empty), sorted so that the
same corpus gives the same frame; a web page can render them as they are.
"""

from __future__ import annotations

import pandas as pd

from luoshi.analysis.corpus import Corpus
from luoshi.analysis.normalise import clean_name, normalise_item

NO_CATEGORY = "(未分类)"


def _category(frame: pd.DataFrame) -> pd.Series:
    return frame["category"].fillna(NO_CATEGORY).replace("", NO_CATEGORY)


def directives_by_category_over_time(corpus: Corpus, freq: str = "M") -> pd.DataFrame:
    """Directives per period and category: columns period (str), category, directives.

    `freq` is "M" (months, 2021-03), "Q" (2021Q1) or "Y" (2021). Directives of meetings
    whose date is unknown are left out.
    """
    d = corpus.directives
    cols = ["period", "category", "directives"]
    d = d[d["when"].notna()]
    if d.empty:
        return pd.DataFrame(columns=cols)
    period = d["when"].dt.to_period(freq).astype(str)
    out = (pd.DataFrame({"period": period, "category": _category(d)})
           .groupby(["period", "category"]).size().rename("directives").reset_index())
    return out.sort_values(["period", "category"], ignore_index=True)[cols]


def directives_by_region(corpus: Corpus) -> pd.DataFrame:
    """Directives per region (the organizer's place) and category:
    columns region, category, directives, meetings (meetings of that region)."""
    d = corpus.directives
    cols = ["region", "category", "directives", "meetings"]
    if d.empty:
        return pd.DataFrame(columns=cols)
    out = (pd.DataFrame({"region": d["region"], "category": _category(d)})
           .groupby(["region", "category"]).size().rename("directives").reset_index())
    meetings = corpus.meetings[corpus.meetings["is_meeting"]].groupby("region").size()
    out["meetings"] = out["region"].map(meetings).fillna(0).astype(int)
    return out.sort_values(["directives", "region", "category"], ascending=[False, True, True],
                           ignore_index=True)[cols]


def relays(corpus: Corpus) -> pd.DataFrame:
    """Every relay of a conveyed item: columns item (normalised key), text (as written),
    doc_id, region, when, lag_days (days after the item was first seen in the corpus)."""
    c = corpus.conveyed
    cols = ["item", "text", "doc_id", "region", "when", "lag_days"]
    if c.empty:
        return pd.DataFrame(columns=cols)
    out = pd.DataFrame({"item": [normalise_item(t) for t in c["text"]], "text": c["text"],
                        "doc_id": c["doc_id"], "region": c["region"], "when": c["when"]})
    out = out[out["item"] != ""].drop_duplicates(["item", "doc_id"])
    first = out.groupby("item")["when"].transform("min")
    out["lag_days"] = (out["when"] - first).dt.days
    return out.sort_values(["item", "when", "doc_id"], ignore_index=True,
                           na_position="last")[cols]


def lineage(corpus: Corpus, relay_table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Diffusion of higher-level items, one row per normalised item: columns item,
    label (its most frequent wording), first_seen, first_doc, first_region, last_seen,
    docs, regions, median_lag_days, p90_lag_days, relayed_in (regions in order of first
    relay, ' / '-joined). Sorted by docs, most relayed first."""
    r = relays(corpus) if relay_table is None else relay_table
    cols = ["item", "label", "first_seen", "first_doc", "first_region", "last_seen", "docs",
            "regions", "median_lag_days", "p90_lag_days", "relayed_in"]
    if r.empty:
        return pd.DataFrame(columns=cols)
    rows = []
    for item, g in r.groupby("item", sort=True):
        dated = g[g["when"].notna()]
        first = dated.iloc[0] if not dated.empty else g.iloc[0]
        lags = dated["lag_days"].iloc[1:]  # the first sighting is not a relay
        order = dated.drop_duplicates("region")["region"].tolist()
        order += [x for x in g["region"].unique() if x not in order]
        rows.append({
            "item": item,
            "label": g["text"].value_counts().sort_index().idxmax(),
            "first_seen": first["when"],
            "first_doc": first["doc_id"],
            "first_region": first["region"],
            "last_seen": dated["when"].max() if not dated.empty else pd.NaT,
            "docs": int(g["doc_id"].nunique()),
            "regions": int(g["region"].nunique()),
            "median_lag_days": float(lags.median()) if len(lags) else None,
            "p90_lag_days": float(lags.quantile(0.9)) if len(lags) else None,
            "relayed_in": " / ".join(order),
        })
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(["docs", "regions", "item"], ascending=[False, False, True],
                           ignore_index=True)


def diffusion_curves(relay_table: pd.DataFrame, items: list[str]) -> pd.DataFrame:
    """For the chart: cumulative regions reached by each item against days since it was
    first seen. Columns item, lag_days, regions."""
    cols = ["item", "lag_days", "regions"]
    rows = []
    for item in items:
        g = relay_table[(relay_table["item"] == item) & relay_table["lag_days"].notna()]
        g = g.sort_values("lag_days").drop_duplicates("region")
        for n, lag in enumerate(g["lag_days"], start=1):
            rows.append({"item": item, "lag_days": int(lag), "regions": n})
    return pd.DataFrame(rows, columns=cols)


def _explode_names(frame: pd.DataFrame, column: str, kinds: str | None = None) -> pd.DataFrame:
    cols = ["doc_id", "name"] + (["kind"] if kinds else [])
    if frame.empty:
        return pd.DataFrame(columns=cols)
    use = ["doc_id", column] + ([kinds] if kinds else [])
    e = frame[use].explode([column, kinds] if kinds else column).dropna(subset=[column])
    e = e.rename(columns={column: "name", **({kinds: "kind"} if kinds else {})})
    e["name"] = [clean_name(x) for x in e["name"]]
    return e[e["name"] != ""][cols]


def top_programmes(corpus: Corpus, n: int = 30) -> pd.DataFrame:
    """Most frequent programmes, projects and slogans (“项目建设年”): columns programme,
    kind, docs (documents naming it), mentions. From directives and whole records."""
    cols = ["programme", "kind", "docs", "mentions"]
    both = pd.concat([_explode_names(corpus.directives, "programmes", "programme_kinds"),
                      _explode_names(corpus.meetings, "programmes", "programme_kinds")])
    if both.empty:
        return pd.DataFrame(columns=cols)
    both["kind"] = both["kind"].fillna("programme")
    g = both.groupby("name").agg(docs=("doc_id", "nunique"), mentions=("doc_id", "size"),
                                 kind=("kind", lambda s: s.value_counts().sort_index().idxmax()))
    out = g.reset_index().rename(columns={"name": "programme"})
    out = out.sort_values(["docs", "mentions", "programme"], ascending=[False, False, True],
                          ignore_index=True)
    return out[cols].head(n)


def top_units(corpus: Corpus, n: int = 30) -> pd.DataFrame:
    """Units most often named responsible: columns unit, directives, docs, regions."""
    cols = ["unit", "directives", "docs", "regions"]
    d = corpus.directives
    if d.empty:
        return pd.DataFrame(columns=cols)
    e = d[["doc_id", "id", "region", "units"]].explode("units").dropna(subset=["units"])
    e["unit"] = [clean_name(x) for x in e["units"]]
    e = e[e["unit"] != ""].drop_duplicates(["doc_id", "id", "unit"])
    if e.empty:
        return pd.DataFrame(columns=cols)
    g = e.groupby("unit").agg(directives=("id", "size"), docs=("doc_id", "nunique"),
                              regions=("region", "nunique")).reset_index()
    g = g.sort_values(["directives", "docs", "unit"], ascending=[False, False, True],
                      ignore_index=True)
    return g[cols].head(n)


def overview(corpus: Corpus) -> pd.DataFrame:
    """One row of totals: documents, meetings, errors, directives, conveyed items, regions,
    dated documents, first and last dates."""
    m = corpus.meetings
    return pd.DataFrame([{
        "documents": len(m) + len(corpus.errors),
        "extracted": len(m),
        "meetings": int(m["is_meeting"].sum()) if len(m) else 0,
        "errors": len(corpus.errors),
        "directives": len(corpus.directives),
        "conveyed": len(corpus.conveyed),
        "people": len(corpus.people),
        "regions": int(m.loc[m["is_meeting"], "region"].nunique()) if len(m) else 0,
        "dated": int(m["when"].notna().sum()) if len(m) else 0,
        "first_date": m["when"].min() if len(m) else pd.NaT,
        "last_date": m["when"].max() if len(m) else pd.NaT,
    }])
