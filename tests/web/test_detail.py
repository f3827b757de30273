"""The API's task detail and paged inbox against the ledger services they stand for:
`GET /api/v1/tasks/{id}` says what `services.get_task` + `services.task_history` say (the
history bounded, newest kept, with `has_more`); `GET /api/v1/inbox` pages
`services.inbox`."""

from __future__ import annotations

from datetime import date

from luoshi.ledger import services as sv
from luoshi.ledger.db import make_engine, session_factory

from .seed import small_record


def _world(url: str) -> dict[str, int]:
    engine = make_engine(url)
    with session_factory(engine)() as s:
        sup = sv.get_user(s, "supervisor")
        fgw = sv.get_user(s, "liaison")
        res = sv.import_record(s, sup, small_record())
        mine, other, _ = (t.id for t in res.tasks)
        for tid in (mine, other):
            sv.assign(s, sup, tid)
        sv.accept(s, fgw, mine, note="收到")
        sv.report_progress(s, fgw, mine, "已梳理项目三十个", 30,
                           attachments=[sv.AttachmentIn("清单.xlsx", b"x"),
                                        sv.AttachmentIn("说明.docx", b"y")])  # fmt: skip
        sv.report_progress(s, fgw, mine, "已形成初稿", 60)
        sv.comment(s, sup, mine, "请加快进度")
        sv.raise_problem(s, fgw, mine, "需要协调用地指标")
        sv.add_milestone(s, sup, mine, "形成项目库", date(2024, 6, 1))
        sv.add_milestone(s, sup, mine, "报区政府", date(2024, 6, 20))
        sv.request_extension(s, fgw, mine, date(2024, 8, 31), "用地指标未落实")
        ids = {"mine": mine, "other": other}
    engine.dispose()
    return ids


def _expected(url: str, task_id: int) -> dict[str, object]:
    """The detail as the ORM services give it (what the endpoint answered before)."""
    engine = make_engine(url)
    with session_factory(engine)() as s:
        dc = sv.get_user(s, "supervisor")
        task = sv.get_task(s, dc, task_id)
        h = sv.task_history(s, dc, task_id)
        text = task.meeting.record.get("text") if task.meeting and task.meeting.record else ""
        name = lambda u: u.display_name if u else None  # noqa: E731
        out = {
            "source": text[task.span_start : task.span_end] or None,
            "units": [(tu.unit_id, tu.unit.name, tu.role, tu.method) for tu in task.units],
            "events": [(e.id, e.kind, name(e.actor), e.from_state, e.to_state, e.note)
                       for e in h.events],
            "reports": [(r.id, r.text, r.percent, name(r.author),
                         [a.filename for a in r.attachments]) for r in h.reports],
            "comments": [(c.id, c.kind, c.text, name(c.author)) for c in h.comments],
            "problems": [(p.id, p.text, p.status) for p in h.problems],
            "extensions": [(e.id, e.reason, e.new_deadline.isoformat(), e.status)
                           for e in h.extensions],
            "milestones": [(m.id, m.seq, m.title) for m in h.milestones],
            "view": sv.get_task_view(s, dc, task_id).__dict__,
        }  # fmt: skip
    engine.dispose()
    return out


def _got(body: dict) -> dict[str, object]:  # type: ignore[type-arg]
    return {
        "source": body["source"],
        "units": [(u["unit_id"], u["unit_name"], u["role"], u["method"]) for u in body["units"]],
        "events": [(e["id"], e["kind"], e["actor"], e["from_state"], e["to_state"], e["note"])
                   for e in body["events"]],
        "reports": [(r["id"], r["text"], r["percent"], r["author"], r["attachments"])
                    for r in body["reports"]],
        "comments": [(c["id"], c["kind"], c["text"], c["author"]) for c in body["comments"]],
        "problems": [(p["id"], p["text"], p["status"]) for p in body["problems"]],
        "extensions": [(e["id"], e["reason"], e["new_deadline"], e["status"])
                       for e in body["extensions"]],
        "milestones": [(m["id"], m["seq"], m["title"]) for m in body["milestones"]],
    }  # fmt: skip


def test_task_detail_is_the_services_history(seeded, client_for) -> None:  # type: ignore[no-untyped-def]
    ids = _world(seeded.url)
    want = _expected(seeded.url, ids["mine"])
    c = client_for("supervisor")
    body = c.get(f"/api/v1/tasks/{ids['mine']}").json()
    view = want.pop("view")
    assert _got(body) == want
    assert want["source"] and len(want["events"]) >= 5 and len(want["reports"]) == 2  # type: ignore[arg-type]
    assert not any(body["has_more"].values()) and body["history_limit"] == 50
    task = body["task"]
    assert {k: task[k] for k in ("id", "state", "lead_units", "version", "light", "days_left")} == {
        k: view[k]
        for k in ("id", "state", "lead_units", "version", "light", "days_left")  # type: ignore[index]
    }
    # bounded: the newest entries, oldest first, and whether older ones exist
    one = c.get(f"/api/v1/tasks/{ids['mine']}?history_limit=1").json()
    assert [e["id"] for e in one["events"]] == [want["events"][-1][0]]  # type: ignore[index]
    assert [r["id"] for r in one["reports"]] == [want["reports"][-1][0]]  # type: ignore[index]
    assert [m["id"] for m in one["milestones"]] == [want["milestones"][0][0]]  # type: ignore[index]
    assert one["has_more"] == {"events": True, "reports": True, "problems": False,
                               "extensions": False, "comments": False, "milestones": True}  # fmt: skip
    assert c.get(f"/api/v1/tasks/{ids['mine']}?history_limit=0").status_code == 422


def test_task_detail_rights(seeded, client_for) -> None:  # type: ignore[no-untyped-def]
    ids = _world(seeded.url)
    liaison = client_for("liaison")
    assert liaison.get(f"/api/v1/tasks/{ids['mine']}").status_code == 200
    r = liaison.get(f"/api/v1/tasks/{ids['other']}")
    assert r.status_code == 403 and "老旧小区" not in r.text
    assert liaison.get("/api/v1/tasks/999999").status_code == 404


def test_inbox_pages(seeded, client_for) -> None:  # type: ignore[no-untyped-def]
    ids = _world(seeded.url)
    c = client_for("supervisor")
    unit = seeded.unit_ids["区发展和改革委员会"]
    first = c.get(f"/api/v1/inbox?unit={unit}").json()
    assert [t["id"] for t in first["items"]] == [ids["mine"]] and first["has_more"] is False
    assert first["limit"] == 50 and first["page"] == 1
    engine = make_engine(seeded.url)
    with session_factory(engine)() as s:  # a second live task of the unit, due later
        sup = sv.get_user(s, "supervisor")
        later = sv.import_record(s, sup, small_record("2024-04-01", tag="b")).tasks[0].id
        sv.set_deadline(s, sup, later, date(2024, 9, 30))
        sv.assign(s, sup, later)
        want = [v.id for v in sv.inbox(s, sv.get_user(s, "liaison"))]
    engine.dispose()
    assert want == [ids["mine"], later]
    p1 = c.get(f"/api/v1/inbox?unit={unit}&limit=1").json()
    p2 = c.get(f"/api/v1/inbox?unit={unit}&limit=1&page=2").json()
    assert [t["id"] for t in p1["items"]] == [ids["mine"]] and p1["has_more"] is True
    assert [t["id"] for t in p2["items"]] == [later] and p2["has_more"] is False
    assert p2["offset"] == 1 and p2["page"] == 2
    housing = seeded.unit_ids["区住房和城乡建设局"]
    assert [t["id"] for t in c.get(f"/api/v1/inbox?unit={housing}").json()["items"]] == [
        ids["other"]
    ]
    liaison = client_for("liaison")
    mine = liaison.get("/api/v1/inbox").json()
    assert [t["id"] for t in mine["items"]] == want
    assert liaison.get(f"/api/v1/inbox?unit={housing}").status_code == 403
    assert c.get(f"/api/v1/inbox?unit={unit}&limit=0").status_code == 422
