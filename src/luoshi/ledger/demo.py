"""`luoshi demo`: a realistic (fictional) district — 青山区 — with its units, leaders and
users, the seed meetings imported, and one meeting worked through every state so that a
newcomer sees a living ledger at once. Demo passwords are `<username>@luoshi`."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from luoshi.ledger import services as sv
from luoshi.ledger.errors import LedgerError, ValidationFailed
from luoshi.ledger.models import Unit, User
from luoshi.ledger.services.users import _create
from luoshi.record import MeetingRecord
from luoshi.record.models import Deadline, Directive, Meeting, Person, Source, Spanned

DISTRICT = "青山区"

# (name, kind, aliases)
UNITS: list[tuple[str, str, tuple[str, ...]]] = [
    ("区委办公室", "party", ("区委办",)),
    ("区委组织部", "party", ("组织部",)),
    ("区委宣传部", "party", ("宣传部",)),
    ("区纪委监委", "party", ("纪委监委", "区纪委")),
    ("区政府办公室", "government", ("区政府办", "政府办")),
    ("区发展和改革委员会", "department", ("发改委", "区发改委", "发改局", "发展改革部门")),
    ("区财政局", "department", ("财政局", "财政部门")),
    ("区税务局", "department", ("税务局", "税务部门", "税收部门")),
    ("区教育局", "department", ("教育局", "教育部门")),
    ("区科学技术局", "department", ("科技局",)),
    ("区工业和信息化局", "department", ("工信局", "区工信局")),
    ("区公安分局", "department", ("公安分局", "公安部门")),
    ("区民政局", "department", ("民政局",)),
    ("区人力资源和社会保障局", "department", ("人社局", "区人社局")),
    ("区自然资源和规划局", "department", ("自然资源局", "规划部门", "国土部门")),
    ("区生态环境分局", "department", ("生态环境局", "环保局", "环保部门")),
    ("区住房和城乡建设局", "department", ("住建局", "区住建局")),
    ("区交通运输局", "department", ("交通局", "交通运输局")),
    ("区农业农村局", "department", ("农业农村局", "农业部门")),
    ("区商务局", "department", ("商务局",)),
    ("区文化和旅游局", "department", ("文旅局", "区文旅局")),
    ("区卫生健康委员会", "department", ("卫健委", "区卫健委")),
    ("区应急管理局", "department", ("应急局", "应急管理局")),
    ("区市场监督管理局", "department", ("市场监管局", "区市场监管局")),
    ("区行政审批服务局", "department", ("审批局", "行政审批局")),
    ("区城市管理局", "department", ("城管局", "区城管局")),
    ("区投资促进局", "department", ("投促局", "招商局")),
    ("城关街道办事处", "street", ("城关街道",)),
    ("东湖街道办事处", "street", ("东湖街道",)),
    ("西城街道办事处", "street", ("西城街道",)),
    ("青山镇人民政府", "town", ("青山镇",)),
    ("河口镇人民政府", "town", ("河口镇",)),
    ("柳林镇人民政府", "town", ("柳林镇",)),
    ("青山高新技术产业开发区管委会", "park", ("高新区", "青山高新区")),
    ("现代农业科技园管委会", "park", ("农科园",)),
    ("现代商贸流通管理服务中心", "other", ("商贸中心",)),
    ("区城市建设投资集团有限公司", "enterprise", ("城投集团", "城投公司")),
    ("区国有资产投资运营有限公司", "enterprise", ("国投公司",)),
]

# (name, title, 分管 units by alias/name, 包联 units)
LEADERS: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = [
    ("李明", "区委书记", (), ()),
    ("王强", "区委副书记、区长", ("区政府办公室",), ()),
    ("陈静", "区委常委、常务副区长",
     ("发改委", "财政局", "税务局", "审批局", "投促局", "城投集团", "国投公司"), ("城关街道",)),
    ("刘洋", "副区长", ("工信局", "科技局", "商务局", "市场监管局", "高新区", "商贸中心"),
     ("东湖街道",)),
    ("赵敏", "副区长", ("教育局", "卫健委", "民政局", "人社局", "文旅局"), ("西城街道",)),
    ("孙伟", "副区长", ("住建局", "自然资源局", "交通局", "城管局", "环保局", "应急局"),
     ("青山镇", "河口镇")),
    ("周丽", "副区长", ("农业农村局", "农科园", "公安分局"), ("柳林镇",)),
]  # fmt: skip

# (username, role, display name, unit alias or leader name)
USERS: list[tuple[str, str, str, str | None]] = [
    ("admin", "admin", "系统管理员", None),
    ("dc", "supervisor", "区委区政府督查室", None),
    ("wangqiang", "leader", "王强", "王强"),
    ("chenjing", "leader", "陈静", "陈静"),
    ("fgw", "liaison", "区发改委联络员", "发改委"),
    ("czj", "liaison", "区财政局联络员", "财政局"),
    ("zjj", "liaison", "区住建局联络员", "住建局"),
    ("chengguan", "liaison", "城关街道联络员", "城关街道"),
    ("gxq", "liaison", "高新区联络员", "高新区"),
    ("viewer", "viewer", "只读用户", None),
]

SEEDS = Path(__file__).resolve().parents[3] / "tests" / "gold" / "dev"


@dataclass
class DemoResult:
    credentials: list[tuple[str, str, str, str]] = field(
        default_factory=list
    )  # user, pw, role, who
    meetings: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def _work_meeting(today: date) -> MeetingRecord:
    """A 政府常务会议 with well-formed directives, so the demo ledger has real tasks even
    where the extractor proposes few."""
    d = today - timedelta(days=60)
    items = [
        ("陈静", "区发改委牵头,区财政局配合,6月底前完成全区重大项目谋划储备,形成项目库。",
         ["区发改委", "区财政局"], d + timedelta(days=40)),
        ("陈静", "区投资促进局要精心组织“春季百日竞赛”招商活动,年内签约亿元以上项目20个。",
         ["投促局"], d + timedelta(days=120)),
        ("刘洋", "高新区要加快“退二进三”和“腾笼换鸟”步伐,三季度末前完成低效用地清理。",
         ["高新区"], d + timedelta(days=50)),
        ("孙伟", "区住建局要抓好老旧小区改造,年底前完成12个小区改造任务。",
         ["住建局", "城关街道"], d + timedelta(days=70)),
        ("孙伟", "区城市管理局牵头开展市容环境集中整治,各街道配合,限期一个月见到成效。",
         ["城管局", "各街道"], d + timedelta(days=30)),
        ("赵敏", "区教育局要在秋季开学前建成投用城南小学,新增学位1800个。",
         ["教育局"], d + timedelta(days=75)),
        ("周丽", "农科园要重点推进科研平台建设,力争年内通过科技部验收。",
         ["农科园"], d + timedelta(days=200)),
        ("王强", "区行政审批服务局要深化“一网通办”,企业开办时间压缩至1个工作日。",
         ["审批局"], d + timedelta(days=55)),
        ("陈静", "区财政局要加强预算执行管理,按月通报支出进度。", ["财政局"], None),
        ("赵敏", "区卫健委做好基层医疗机构标准化建设,9月底前全部达标。",
         ["卫健委", "各镇"], d + timedelta(days=62)),
    ]  # fmt: skip
    text_parts, directives, pos = [], [], 0
    for i, (speaker, text, units, due) in enumerate(items, start=1):
        start = pos
        text_parts.append(text)
        pos += len(text) + 1
        us = [Spanned(text=u, span=(start, start + len(u))) for u in units]
        dls = [Deadline(text="限期", span=(start, start + 1), due=due.isoformat())] if due else []
        directives.append(Directive(id=i, speaker=speaker, text=text, span=(start, start + len(text)),
                                    units=us, deadlines=dls, category="economy"))  # fmt: skip
    text = "\n".join(text_parts)
    return MeetingRecord(
        id="demo-work-meeting",
        source=Source(path="demo://区政府第12次常务会议", format="text"),
        script="simplified", text=text,
        meeting=Meeting(date=d.isoformat(), name=f"{DISTRICT}政府第12次常务会议",
                        organizer=f"{DISTRICT}人民政府", kind="常务会议"),
        people=[Person(name="王强", title="区长", roles=["主持"])],
        directives=directives,
    )  # fmt: skip


def build_demo(
    session: Session, *, seeds: Path | None = None, today: date | None = None
) -> DemoResult:
    """Fill an empty ledger with the demo district. Refuses a ledger that has units."""
    if session.scalar(select(func.count()).select_from(Unit)):
        raise ValidationFailed("the ledger is not empty; the demo needs a fresh database")
    today = today or date.today()
    res = DemoResult()
    admin = session.scalar(select(User).where(User.role == "admin"))
    if admin is None:
        admin, _ = _create(session, "admin", "admin", "admin@luoshi", display_name="系统管理员")
        session.commit()
    ids: dict[str, int] = {}
    for n, (name, kind, aliases) in enumerate(UNITS):
        u = sv.create_unit(session, admin, name, kind=kind, aliases=list(aliases), sort=n,
                           email=f"unit{n:02d}@qingshan.invalid")  # fmt: skip
        ids[name] = u.id
        for a in aliases:
            ids[a] = u.id
    leaders: dict[str, int] = {}
    for n, (name, title, fen, bao) in enumerate(LEADERS):
        le = sv.create_leader(session, admin, name, title, oversees=[ids[x] for x in fen], sort=n)
        for x in bao:
            sv.set_oversight(session, admin, le.id, ids[x], "包联")
        leaders[name] = le.id
    for username, role, display, who in USERS:
        password = f"{username}@luoshi"
        if username == "admin":
            res.credentials.append((username, password, role, display))
            continue
        kw: dict[str, object] = {"display_name": display}
        if role == "liaison":
            kw["unit_id"] = ids[who]  # type: ignore[index]
        if role == "leader":
            kw["leader_id"] = leaders[who]  # type: ignore[index]
        sv.create_user(session, admin, username, role, password, email=f"{username}@qingshan.invalid",
                       **kw)  # fmt: skip
        res.credentials.append((username, password, role, display))
    dc = sv.get_user(session, "dc")
    for path in sorted((seeds or SEEDS).glob("seed-00*.txt")):
        try:
            r = sv.import_document(session, dc, path, today=today)
            res.meetings.append(f"{path.name}: {r.meeting.title} — {len(r.tasks)} tasks")
        except Exception as exc:  # one bad seed must not stop the demo
            res.failures.append(f"{path.name}: {exc}")
    r = sv.import_record(session, dc, _work_meeting(today), today=today)
    res.meetings.append(f"{r.meeting.title} — {len(r.tasks)} tasks (worked through)")
    _work_through(session, r.tasks, today)
    return res


def _work_through(session: Session, tasks: list, today: date) -> None:  # type: ignore[type-arg]
    """Move the demo meeting's tasks through the lifecycle: some accepted, reporting,
    late, extended, done, cancelled, with a problem and a leader's instruction."""
    dc = sv.get_user(session, "dc")
    ids = [t.id for t in tasks]
    for tid in ids[:-1]:
        with contextlib.suppress(LedgerError):
            sv.assign(session, dc, tid)
    fgw, gxq, zjj = (sv.get_user(session, u) for u in ("fgw", "gxq", "zjj"))
    sv.accept(session, fgw, ids[0])
    sv.report_progress(session, fgw, ids[0], "已梳理储备项目86个,总投资312亿元,正在评审。", 60,
                       today=today)  # fmt: skip
    sv.report_progress(
        session, gxq, ids[2], "已清理低效用地420亩,剩余180亩正在协商。", 70, today=today
    )
    sv.request_extension(session, gxq, ids[2], today + timedelta(days=45), "涉及企业搬迁补偿协商")
    sv.approve_extension(session, dc, ids[2], "同意延期至新时限")
    sv.accept(session, zjj, ids[3])
    sv.raise_problem(session, zjj, ids[3], "部分小区居民意见不统一,加装电梯推进困难,需协调。")
    sv.instruct(
        session, sv.get_user(session, "wangqiang"), ids[3], "请孙伟同志牵头协调,月底前拿出方案。"
    )
    sv.report_progress(session, dc, ids[7], "企业开办已实现0.5个工作日办结。", 100, today=today)
    sv.submit_done(session, dc, ids[7], "已完成,企业开办时间压缩至0.5个工作日。")
    sv.verify(session, dc, ids[7], True, "经复核,任务已完成。")
    sv.urge(session, dc, ids[4], "请抓紧推进,按时反馈进展。")
    sv.cancel(session, dc, ids[6], "调整为年度重点工作另行交办")
