"""Import through the page and the API: a good document becomes drafts; a non-meeting, an
empty or a too-large upload gets a clear message and changes nothing."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from luoshi.web.app import create_app

from .conftest import login, make_settings

SEED = Path(__file__).resolve().parents[1] / "gold" / "dev" / "seed-002.txt"


def _counts(c: TestClient) -> tuple[int, int]:
    return len(c.get("/api/v1/meetings").json()), c.get("/api/v1/tasks").json()["total"]


def test_not_a_meeting_too_large_and_empty_change_nothing(seeded) -> None:  # type: ignore[no-untyped-def]
    app = create_app(seeded.url, settings=make_settings(upload_max_bytes=2000))
    c = login(TestClient(app, follow_redirects=False), "supervisor")
    before = _counts(c)
    r = c.post("/import", files={"file": ("menu.txt", "今日菜单：米饭、青菜、豆腐汤。".encode())})
    assert r.status_code == 422 and "不是会议文稿" in r.text and "menu.txt" in r.text
    r = c.post("/import", files={"file": ("big.txt", ("同志们：" * 2000).encode())})
    assert r.status_code == 413 and "文件过大" in r.text
    r = c.post("/import", files={"file": ("empty.txt", b"")})
    assert r.status_code == 422 and ("请选择" in r.text or "为空" in r.text)
    r = c.post("/api/v1/meetings/import", files={"file": ("menu.txt", "天气晴。".encode())})
    assert r.status_code == 422 and "不是会议文稿" in r.json()["detail"]
    assert _counts(c) == before
    app.state.engine.dispose()


def test_seed_document_imports_once_and_review_links_spans(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("supervisor")
    r = c.post("/import", files={"file": ("seed-002.txt", SEED.read_bytes())})
    assert r.status_code == 303, r.text[:500]
    review = c.get(r.headers["location"])
    assert review.status_code == 200
    meeting_id = int(r.headers["location"].split("/")[2])
    tasks = c.get(f"/api/v1/meetings/{meeting_id}").json()["tasks"]
    assert tasks and all(t["state"] == "draft" for t in tasks)
    # each proposed task with a span is highlighted in the document and linked both ways
    first = tasks[0]["id"]
    assert f'id="d-{first}"' in review.text and f'href="#p-{first}"' in review.text
    assert f'id="p-{first}"' in review.text and f'href="#d-{first}"' in review.text
    again = c.post("/import", files={"file": ("again.txt", SEED.read_bytes())})
    assert again.status_code == 409 and "已导入" in again.text
    assert len(c.get("/api/v1/meetings").json()) == 1
