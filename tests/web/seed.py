"""A small jurisdiction for the web tests: units, leaders, one user per role, and a
meeting imported from a gold record (so the tests do not depend on extraction quality)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from luoshi.ledger.db import init_db, make_engine, session_factory
from luoshi.ledger.services import directory, users
from luoshi.record import Deadline, Directive, Meeting, MeetingRecord, Source, Spanned

GOLD = Path(__file__).resolve().parents[1] / "gold" / "dev"
PASSWORD = "Luoshi-test-2024"
ROLES = ("admin", "supervisor", "leader", "liaison", "viewer")

UNITS = [
    ("区发展和改革委员会", ["发改委", "区发改委"], "department"),
    ("区商务局", ["商务局"], "department"),
    ("区住房和城乡建设局", ["住建局", "区住建局"], "department"),
    ("区教育局", ["教育局"], "department"),
    ("城关镇", [], "town"),
]


@dataclass
class Seeded:
    url: str
    unit_ids: dict[str, int] = field(default_factory=dict)
    leader_ids: dict[str, int] = field(default_factory=dict)
    user_ids: dict[str, int] = field(default_factory=dict)


def record_from_gold(name: str, units: dict[str, str] | None = None) -> MeetingRecord:
    """A meeting record built from a gold file and its text, spans found by search.
    `units` adds unit mentions to directives whose text contains the key."""
    gold = json.loads((GOLD / f"{name}.gold.json").read_text(encoding="utf-8"))
    text = (GOLD / f"{name}.txt").read_text(encoding="utf-8")
    directives = []
    for d in gold["directives"]:
        start = text.find(d["text"][:30])
        span = (start, start + len(d["text"])) if start >= 0 else (0, 0)
        mentions = [Spanned(text=u, span=span) for u in d["units"]]
        for key, unit in (units or {}).items():
            if key in d["text"]:
                mentions.append(Spanned(text=unit, span=span))
        deadlines = [Deadline(text=x if isinstance(x, str) else x.get("text", ""), span=span)
                     for x in d.get("deadlines", [])]  # fmt: skip
        directives.append(Directive(id=d["id"], parent=d["parent"], speaker=d["speaker"],
                                    text=d["text"], span=span, units=mentions,
                                    deadlines=deadlines))  # fmt: skip
    m = gold["meeting"]
    return MeetingRecord(
        id=name, source=Source(path=f"{name}.txt", format="text"), script="simplified", text=text,
        meeting=Meeting(date=m.get("date") or "2024-03-01", name=m.get("name"),
                        organizer=m.get("organizer")),
        directives=directives,
    )  # fmt: skip


def seed(url: str) -> Seeded:
    engine = make_engine(url)
    init_db(engine)
    out = Seeded(url)
    with session_factory(engine)() as s:
        admin, _ = users.bootstrap_admin(s, "admin", PASSWORD)
        out.user_ids["admin"] = admin.id
        for name, aliases, kind in UNITS:
            out.unit_ids[name] = directory.create_unit(
                s, admin, name, kind=kind, aliases=aliases
            ).id
        lead = directory.create_leader(s, admin, "王建国", "副区长",
                                       oversees=[out.unit_ids["区发展和改革委员会"],
                                                 out.unit_ids["区商务局"]])  # fmt: skip
        out.leader_ids["王建国"] = lead.id
        out.leader_ids["李明"] = directory.create_leader(
            s, admin, "李明", "副区长", oversees=[out.unit_ids["区住房和城乡建设局"]]
        ).id
        specs = {
            "supervisor": {"display_name": "督查室张科长"},
            "leader": {"display_name": "王建国", "leader_id": lead.id},
            "liaison": {
                "display_name": "发改委联络员",
                "unit_id": out.unit_ids["区发展和改革委员会"],
            },
            "liaison2": {
                "display_name": "住建局联络员",
                "unit_id": out.unit_ids["区住房和城乡建设局"],
            },
            "viewer": {"display_name": "查阅用户"},
        }
        for username, fields in specs.items():
            role = "liaison" if username.startswith("liaison") else username
            user, _ = users.create_user(s, admin, username, role, PASSWORD, **fields)
            out.user_ids[username] = user.id
    engine.dispose()
    return out


def small_record(day: str = "2024-03-01", tag: str = "t") -> MeetingRecord:
    """Three directives: one for 发改委 (the liaison's unit), one for 住建局, one without a
    unit; deadlines resolved."""
    items = [
        ("区发改委要牵头做好重大项目谋划储备，6月底前形成项目库。", ["区发改委"], "2024-06-30"),
        ("区住建局要抓好老旧小区改造，年底前完成12个小区改造任务。", ["住建局"], "2024-12-31"),
        ("各单位要加强作风建设，持续推动工作落实。", [], None),
    ]
    text, directives, pos = "", [], 0
    for i, (sentence, units, due) in enumerate(items, start=1):
        start = pos
        text += sentence + "\n"
        pos = len(text)
        span = (start, start + len(sentence))
        directives.append(Directive(
            id=i, speaker="王建国", text=sentence, span=span,
            units=[Spanned(text=u, span=(start, start + len(u))) for u in units],
            deadlines=[Deadline(text="限期", span=span, due=due)] if due else [],
        ))  # fmt: skip
    return MeetingRecord(
        id=f"small-{tag}", source=Source(path=f"small-{tag}.txt", sha256=None, format="text"),
        script="simplified", text=text + tag,
        meeting=Meeting(date=day, name=f"区政府常务会议（{tag}）", organizer="区人民政府"),
        directives=directives,
    )  # fmt: skip
