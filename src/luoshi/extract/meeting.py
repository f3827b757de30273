"""The meeting itself: its date (resolved to ISO), name and organizing area."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_ENDS = r"(?:常委会议|常委会|常务会议|全体会议|全会|座谈会|推进会|调度会|动员会|部署会|例会|务虚会|培训会|工作会|现场会|联席会|办公会|扩大会|大会|会议|会)"
_NAME = rf"[^，。；,;：:！？“”\n]{{2,50}}?{_ENDS}(?:[(（]扩大[)）])?"
_NAME_AFTER_OPEN = re.compile(
    rf"(?:召开|举行|举办)了?(?P<n>{_NAME})(?=[，。；,;：:在上暨]|$|\s|[(（])"
)
_NAME_BEFORE_OPEN = re.compile(
    rf"(?:^|[，。,；])(?:[^，。]{{0,12}}[，,])?(?P<n>{_NAME})(?:在[^，。]{{2,30}})?(?:召开|举行)"
)
_NAME_THIS = re.compile(rf"(?:这次|今天[，,]?我们召开的|本次)(?P<n>{_NAME})[，,]")
_DATE = re.compile(
    r"(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月(?P<d>\d{1,2})[日号]|(?<![\d月])(?P<d2>\d{1,2})日(?:上午|下午|晚)"
)
_ISO = re.compile(r"(\d{4})[-年./](\d{1,2})[-月./](\d{1,2})")
# An area named where the text convenes or owns something: 濮阳县召开, 中共济南市长清区委,
# 关于舞钢市…, 推动信州区经济… The left edge is a clause break or one of a few words.
_AREA = re.compile(
    r"(?:^|(?<=[，。,、：:\s(（“《])|(?<=关于|推动|中共|全力|促进|加快|助力)|(?<=[在为是将省市]))"
    r"(?P<a>(?!中共)[\u4e00-\u9fff]{2,3}(?:新区|高新区|开发区|区|县|市|镇|旗))"
    r"(?=委|政府|人民政府|召开|举行|人大|政协|党|领导|各|全|经济|高质量|\d|[，。、])"
)
# Page furniture naming the area: 来源:开州融媒体中心, 魏都要闻, 今日衢江, 河东区政府办公室.
_AREA_FURNITURE = (
    re.compile(
        r"(?:来源|发布机构)[:：]\s*(?P<a>[\u4e00-\u9fff]{2,3}?(?:区|县|市)?)"
        r"(?:融媒体中心|新闻网|日报|电视台|政府|人民政府|委)"
    ),
    re.compile(r"(?P<a>[\u4e00-\u9fff]{2,3}?(?:区|县|市)?)要闻"),
    re.compile(r"今日(?P<a>[\u4e00-\u9fff]{2,3})"),
)
_BAD_AREA = re.compile(
    r"^(?:城区|社区|园区|景区|辖区|市区|县区|城市|都市|街区|地区|片区|新区|小区|试验区|示范区|功能区|主城区|开发区|全市|全县|全区|县市|省市|市县|区县|乡镇|城镇|村镇|集镇|小城镇|新城区)$|[城街]区$"
)


_NOT_AREA = re.compile(
    r"召开|主持|会议|问题|代表|[我全各委这那把该其第届个在了促推入]|^[要以对从向为将和与及由使让是的就]"
)


@dataclass(slots=True)
class MeetingInfo:
    date: str | None = None
    name: str | None = None
    organizer: str | None = None
    date_span: tuple[int, int] | None = None
    name_span: tuple[int, int] | None = None
    organizer_span: tuple[int, int] | None = None
    kind: str | None = None


def _published_parts(published: str | None) -> tuple[int, int, int] | None:
    if not published:
        return None
    m = _ISO.search(published)
    return (int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


def find_meeting(
    text: str, published: str | None, furniture: list[str] | None = None
) -> MeetingInfo:
    info = MeetingInfo()
    head = text[:1500]
    # name: the first phrase that the text says was convened
    for rx in (_NAME_AFTER_OPEN, _NAME_BEFORE_OPEN, _NAME_THIS):
        m = rx.search(head)
        if m:
            name = re.sub(
                r"^(?:\d{1,2}月\d{1,2}日[上下]?午?|[上下]午|\d{4}年)", "", m.group("n")
            ).strip()
            if len(name) >= 3:
                s = m.start("n") + (len(m.group("n")) - len(name))
                info.name, info.name_span = name, (s, s + len(name))
                kind = re.search(_ENDS + r"$", name.replace("(扩大)", "").replace("（扩大）", ""))
                info.kind = kind.group() if kind else None
                break
    # date: in the sentence that names or convenes the meeting, else the first date
    pub = _published_parts(published)
    raw_name = m.group("n") if info.name and m else ""
    anchor = info.name_span[0] if info.name_span else 0
    sent_start = max(text.rfind("。", 0, anchor), text.rfind("\n", 0, anchor)) + 1
    candidates = list(_DATE.finditer(text, sent_start, min(len(text), sent_start + 400)))
    if not candidates:
        candidates = list(_DATE.finditer(head))
    if candidates:
        m = candidates[0]
        y = int(m.group("y")) if m.group("y") else None
        if m.group("m"):
            mo, d = int(m.group("m")), int(m.group("d"))
        elif pub:
            mo, d = pub[1], int(m.group("d2"))
        else:
            mo = d = 0
        if 1 <= mo <= 12 and 1 <= d <= 31:
            ny = re.search(r"(20\d{2}|19\d{2})年", raw_name)
            if y is None and ny:
                y = int(ny.group(1))
            if y is None:
                y = (
                    _year_from_text(text)
                    if not pub
                    else (pub[0] - 1 if (mo, d) > (pub[1], pub[2]) else pub[0])
                )
            info.date = f"{y:04d}-{mo:02d}-{d:02d}" if y else f"--{mo:02d}-{d:02d}"
            info.date_span = (m.start(), m.end())
    info.organizer, info.organizer_span = _organizer(text, info.name or "")
    if info.organizer is None and furniture:
        info.organizer = _organizer_from_furniture(text, info.name or "", furniture)
    return info


def _level(text: str, name: str) -> str | None:
    for ch in ("区", "县", "市", "镇"):
        if ch in name[:6]:
            return ch
    counts = {ch: text.count(ch + "委") + text.count(ch + "政府") for ch in ("区", "县", "市")}
    best = max(counts, key=lambda c: counts[c])
    return best if counts[best] else None


def _organizer_from_furniture(text: str, name: str, furniture: list[str]) -> str | None:
    for line in furniture:
        for rx in _AREA_FURNITURE:
            m = rx.search(line)
            if not m:
                continue
            a = m.group("a")
            if a in ("新闻", "本网", "本站", "中心", "政务", "图片", "时政", "首页"):
                continue
            if a[-1] not in "区县市镇":
                level = _level(text, name)
                if not level:
                    continue
                a += level
            if not _BAD_AREA.search(a):
                return a
    return None


def _year_from_text(text: str) -> int | None:
    m = re.search(r"(?<!\d)(20\d{2}|19\d{2})年(?=\d{1,2}月\d{1,2}日)", text[:600])
    return int(m.group(1)) if m else None


def _organizer(text: str, name: str) -> tuple[str | None, tuple[int, int] | None]:
    level = None
    for ch in ("区", "县", "市", "镇"):
        if ch in name[:4]:
            level = ch
            break
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for m in _AREA.finditer(text):
        a = m.group("a")
        if _BAD_AREA.search(a) or _NOT_AREA.search(a):
            continue
        counts[a] += 1
        first.setdefault(a, m.start())
    if not counts:
        return None, None
    ranked = sorted(
        counts, key=lambda a: (-(counts[a] + (3 if level and a.endswith(level) else 0)), first[a])
    )
    best = ranked[0]
    if level and not best.endswith(level) and counts[best] < 2:
        return None, None
    return best, (first[best], first[best] + len(best))
