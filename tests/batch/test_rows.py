"""One item → rows: bad documents become error rows; records map onto the schemas."""

from __future__ import annotations

import json

import pyarrow as pa

from luoshi.batch.rows import MAX_CHARS, item_rows, record_rows
from luoshi.batch.schema import SCHEMAS, TABLES
from luoshi.batch.shard import process_shard
from luoshi.batch.sources import Item
from luoshi.record import (
    Conveyed,
    Deadline,
    Directive,
    Meeting,
    MeetingRecord,
    Person,
    Programme,
    Spanned,
    Target,
)


def _rows() -> dict[str, list]:
    return {t: [] for t in TABLES}


def test_bad_items_become_error_rows() -> None:
    rows = _rows()
    items = [
        Item("json", "c.jsonl:1", b"{oops"),
        Item("json", "c.jsonl:2", json.dumps({"id": "x1", "text": ""}).encode()),
        Item("json", "c.jsonl:3", json.dumps({"url": "http://u", "text": 5}).encode()),
        Item("json", "c.jsonl:4", b"[1, 2]"),
        Item("row", "c.parquet#9", {"id": "big", "text": "会" * (MAX_CHARS + 1)}),
        Item("file", "a/b.txt", None, "Permission denied"),
        Item("file", "a/c.txt", b"   \n"),
    ]
    for it in items:
        item_rows(it, rows)
    errors = rows["errors"]
    assert [e["doc_id"] for e in errors] == ["c.jsonl:1", "x1", "http://u", "c.jsonl:4", "big",
                                              "a/b.txt", "a/c.txt"]
    assert [e["stage"] for e in errors] == ["parse"] * 5 + ["read"] * 2
    assert "invalid JSON" in errors[0]["reason"]
    assert "too long" in errors[4]["reason"]
    assert all("\n" not in e["reason"] for e in errors)
    assert rows["meetings"] == []
    pa.Table.from_pylist(errors, schema=SCHEMAS["errors"])


def test_good_item_is_keyed_by_its_id_and_keeps_the_record() -> None:
    rows = _rows()
    text = "3月15日,区委书记杨建强主持召开区委常委会。会议要求,各级党组织要认真学习。"
    item_rows(Item("json", "c.jsonl:1", json.dumps(
        {"id": "a.b/c", "text": text, "url": "http://u/1", "published": "2021-03-16"},
        ensure_ascii=False).encode()), rows)
    assert rows["errors"] == []
    (m,) = rows["meetings"]
    assert m["doc_id"] == "a.b/c" and m["url"] == "http://u/1"
    rec = MeetingRecord.model_validate_json(m["record_json"])
    assert rec.id == "a.b/c"
    assert rec.source.published == "2021-03-16"
    assert rec.source.sha256 and len(rec.source.sha256) == 64
    assert m["n_directives"] == len(rec.directives)
    assert len(rows["directives"]) == len(rec.directives)


def test_a_full_record_maps_onto_every_schema() -> None:
    record = MeetingRecord(
        meeting=Meeting(date="2021-03-15", name="区委常委会", organizer="中共临江区委"),
        people=[Person(name="杨建强", title="区委书记", roles=["主持", "讲话"], span=(6, 9))],
        conveyed=[Conveyed(text="《条例》", span=(20, 24))],
        directives=[
            Directive(id=1, text="抓好项目建设", span=(30, 36), speaker="杨建强",
                      category="economy",
                      units=[Spanned(text="区发改局", span=(30, 34))],
                      deadlines=[Deadline(text="6月底前", span=(37, 41), due="2021-06-30")],
                      targets=[Target(text="68亿元", span=(42, 46), value=68.0, unit="亿元")],
                      programmes=[Programme(text="项目建设年", span=(47, 52))]),
            Directive(id=2, parent=1, text="细化方案", span=(53, 57)),
        ],
        programmes=[Programme(text="曙光", span=(60, 62), kind="project")],
    )
    rows = _rows()
    record_rows("d1", record, "http://u", rows)
    tables = {t: pa.Table.from_pylist(rows[t], schema=SCHEMAS[t]) for t in TABLES}
    assert tables["directives"].num_rows == 2
    d = tables["directives"].to_pylist()
    assert d[0]["units"] == ["区发改局"] and d[0]["deadline_dues"] == ["2021-06-30"]
    assert d[0]["target_values"] == [68.0] and d[1]["parent"] == 1
    assert tables["people"].to_pylist()[0]["roles"] == ["主持", "讲话"]
    assert tables["meetings"].to_pylist()[0]["programme_kinds"] == ["project"]


def test_shard_result_is_deterministic() -> None:
    items = [Item("json", f"c.jsonl:{i}", json.dumps(
        {"id": f"d{i}", "text": f"第{i}次会议。会议要求,各单位要抓好落实。"},
        ensure_ascii=False).encode()) for i in range(5)] + [Item("json", "c.jsonl:9", b"{")]
    a, b = process_shard(3, items), process_shard(3, items)
    assert a.parts == b.parts
    assert a.counts["meetings"] == 5 and a.counts["errors"] == 1
    assert a.first == "c.jsonl:0" and a.last == "c.jsonl:9"
