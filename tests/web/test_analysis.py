"""The corpus analysis page over a real `luoshi batch` output: a few dev documents run
through the local engine into tmp_path, analysed by `luoshi.analysis`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from luoshi.web.app import create_app

from .conftest import login, make_settings
from .seed import seed

pytest.importorskip("pandas", reason="the batch extra (pandas, pyarrow) is missing")
pytest.importorskip("pyarrow", reason="the batch extra (pandas, pyarrow) is missing")

GOLD = Path(__file__).resolve().parents[1] / "gold" / "dev"
DOCS = ("A-04.txt", "A-05.txt", "A-06.txt", "A-08.txt", *(f"seed-00{i}.txt" for i in range(5)))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    from luoshi.batch import run_batch

    src = tmp_path_factory.mktemp("docs")
    for name in DOCS:
        (src / name).write_bytes((GOLD / name).read_bytes())
    out = tmp_path_factory.mktemp("batch") / "out"
    result = run_batch(src, out, engine="local", workers=1, progress=False)
    assert result.docs_done == len(DOCS)
    return out


@pytest.fixture(scope="module")
def web(corpus: Path, tmp_path_factory):  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'w.db'}"
    seed(url)
    app = create_app(url, settings=make_settings(analysis_dir=str(corpus)))
    yield app
    app.state.engine.dispose()


def chart_data(html: str) -> dict:  # type: ignore[type-arg]
    m = re.search(r'<script type="application/json" id="analysis-data">(.*?)</script>', html, re.S)
    assert m, "the page carries no chart data"
    return json.loads(m.group(1))


def test_the_page_shows_what_the_analysis_computes(web, corpus: Path) -> None:  # type: ignore[no-untyped-def]
    import luoshi.analysis as la

    tables = la.analyze(la.load_corpus(corpus), top=20)
    with TestClient(web) as c:
        html = login(c, "leader").get("/analysis").text
    ov = tables["overview"].iloc[0]
    assert f"{ov['documents']} / {ov['extracted']}" in html
    # the lineage table, the leading programme and unit, and every region
    assert tables["lineage"]["label"].iloc[0] in html
    assert tables["top_programmes"]["programme"].iloc[0] in html
    assert tables["top_units"]["unit"].iloc[0] in html
    for region in tables["category_by_region"]["region"].unique():
        assert f"<td>{region}</td>" in html
    data = chart_data(html)
    # categories are shown by their Chinese labels, never by their keys
    keys = set(tables["category_over_time"]["category"])
    shown = {d["label"] for d in data["category_over_time"]["datasets"]}
    assert shown and not shown & (keys - {"(未分类)"})
    assert "项目建设" in shown or "经济发展" in shown or "党的建设" in shown
    months = data["category_over_time"]["labels"]
    assert months == sorted(set(tables["category_over_time"]["period"]))
    total = sum(sum(d["data"]) for d in data["category_over_time"]["datasets"])
    assert total == int(tables["category_over_time"]["directives"].sum())
    assert data["units"]["data"][0] == int(tables["top_units"]["directives"].iloc[0])
    # no files written yet: the page says how to make them
    assert "luoshi analyze" in html


def test_chart_files_are_listed_and_served(web, corpus: Path) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("matplotlib")
    import luoshi.analysis as la

    written = la.write_analysis(corpus, corpus / "analysis", top=10)
    pngs = sorted(p.name for p in written if p.suffix == ".png")
    assert pngs
    with TestClient(web) as c:
        login(c, "supervisor")
        html = c.get("/analysis").text
        for name in pngs:
            assert f'href="/analysis/files/{name}"' in html
        r = c.get(f"/analysis/files/{pngs[0]}")
        assert r.status_code == 200 and r.headers["content-type"] == "image/png"
        assert r.content[:8] == b"\x89PNG\r\n\x1a\n"
        assert c.get("/analysis/files/top_units.parquet").status_code == 404
        assert c.get("/analysis/files/..%2F_luoshi_batch.json").status_code == 404
        assert c.get("/analysis/files/nothing.png").status_code == 404


def test_a_liaison_is_refused_and_a_wrong_directory_explained(web, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with TestClient(web) as c:
        r = login(c, "liaison").get("/analysis")
        assert r.status_code == 403
    app = create_app(web.state.engine.url.render_as_string(hide_password=False),
                     settings=make_settings(analysis_dir=str(tmp_path)))  # fmt: skip
    with TestClient(app) as c:
        html = login(c, "viewer").get("/analysis").text
    app.state.engine.dispose()
    assert "不是 luoshi batch 的输出目录" in html
