"""What an item names: responsible units, deadlines (with due dates), targets, programmes,
and its policy category."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from luoshi.extract.lexicon import alternation, lexicon


@dataclass(slots=True)
class Found:
    text: str
    start: int
    end: int
    due: str | None = None
    value: float | None = None
    unit: str | None = None
    kind: str | None = None


class FieldFinder:
    def __init__(self) -> None:
        lx = lexicon()
        modals = (
            r"(?:一定要|必须|务必|(?<![重主首紧简纪摘提只概需])要(?![求素点闻害务件领义津])|应当)"
        )
        # the subject of a requirement clause: after a clause break, before the modal
        self.subject = re.compile(
            rf"(?:^|(?<=[，,；;：:。]))(?:[一二三四五六七八九十]{{1,3}}[是要、]|第[一二三四五六七八九十]{{1,3}}[，,]?)?"
            rf"(?:希望|要求|由|请|特别是|同时|当前|今后|其中)?"
            rf"(?P<subj>[^，,。；;：:“”]{{1,40}}?)(?={modals})"
        )
        # 要求相关部门精心筹备: the body asked, named after 要求
        self.asked = re.compile(
            rf"(?:^|(?<=[，,。]))要求(?P<subj>[^，,。；;：:“”]{{1,20}}?"
            rf"(?:{alternation(lx.unit_suffixes)}))(?=[^，,。；;：:“”]{{0,3}}[\u4e00-\u9fff])"
        )
        self.leading_unit = re.compile(
            rf"(?P<subj>(?:{alternation(lx.unit_markers)})[^，,。；;：:“”]{{0,12}}?"
            rf"(?:{alternation(lx.unit_suffixes)}))(?=[^，,。；;：:“”]{{0,3}}[\u4e00-\u9fff])"
        )
        self.wish = re.compile(
            r"希望(?P<subj>[^，,。；;：:“”]{1,40}?)(?=以|把|在|能|进一步|认真|继续|切实|要)"
        )
        self.unit_end = re.compile(rf"(?:{alternation(lx.unit_suffixes)})$")
        self.unit_start = re.compile(rf"^(?:{alternation(lx.unit_markers)})")
        self.collective = re.compile(rf"(?:{alternation(lx.collectives)})$")
        self.deadline_rules = dict(lx.deadlines)
        words = alternation([w for w, _ in lx.deadlines])
        self.deadline = re.compile(
            rf"(?P<x>(?:\d{{1,2}}|[一二三四五六七八九十]{{1,3}})月(?:份|底|中旬|上旬|下旬|末)?(?:前|之前)"
            rf"|(?:\d{{1,2}}|[一二三四五六七八九十]{{1,3}})月底|(?:\d{{1,2}})月\d{{1,2}}日(?:前|之前)"
            rf"|{words})"
        )
        self.deadline_trigger = re.compile(
            r"确保|力争|完成|冲刺|决战|实现|争取|保证|务必|赶在|达到|通过"
        )
        self.target = re.compile(
            r"(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>万亿元|亿元|万元|元|个百分点|%|％|所|家|项|个|亩|公顷|"
            r"公里|千米|万平方米|平方米|万吨|吨|万千瓦|千瓦|万人|人次|人|户|座|条|辆|台|套|倍|年)"
        )
        self.quoted = re.compile(
            r"“(?P<q>[^“”]{2,20})”(?P<tail>专项行动|行动|工程|活动|战略|计划|项目|改革|制度|机制|品牌|示范区|年)?"
        )
        self.categories = lx.categories
        # one pass over the text: every keyword, mapped to its category's row
        self.cat_of: dict[str, int] = {}
        for row, (_key, _label, kw) in enumerate(lx.categories):
            for k in kw:
                self.cat_of.setdefault(k, row)
        self.cat_re = re.compile(alternation(list(self.cat_of)))

    # -- units ---------------------------------------------------------------------------
    def units(self, text: str, base: int) -> list[Found]:
        out: list[Found] = []
        seen: set[str] = set()
        for m in [
            *self.subject.finditer(text),
            *self.wish.finditer(text),
            *self.asked.finditer(text),
        ]:
            subj = m.group("subj")
            s0 = m.start("subj")
            for part, off in _split_coordination(subj):
                part, off = self._trim_unit(part, off)
                if not part or part in seen:
                    continue
                if not self._is_unit(part):
                    continue
                seen.add(part)
                out.append(Found(part, base + s0 + off, base + s0 + off + len(part)))
            # 公安、应急、综合执法、市场监管等部门: keep the whole coordination
            parts = _split_coordination(subj)
            if len(parts) > 1 and any(f.text == self._trim_unit(*parts[-1])[0] for f in out):
                for part, off in parts[:-1]:
                    part, off = self._trim_unit(part, off)
                    if part and part not in seen and 2 <= len(part) <= 8:
                        seen.add(part)
                        out.append(Found(part, base + s0 + off, base + s0 + off + len(part)))
        if not out:
            # 相关部门精心筹备… after an attribution that ended in 要求: a leading unit phrase
            m = self.leading_unit.match(text)
            if m and self._is_unit(m.group("subj")):
                out.append(Found(m.group("subj"), base + m.start("subj"), base + m.end("subj")))
        out.sort(key=lambda f: f.start)
        return out

    _LEAD = re.compile(r"^(?:[^，。]{0,6}?(?:上|中|下|前|后)[，,]?)?(?:在|对|把|将|从)?")
    _TAIL = re.compile(
        r"(?:主要负责同志|负责同志|主要负责人|负责人|主要领导|领导同志|广大党员干部|党员干部|领导干部|之间|汇报材料|对[^，。]*|都|也|还|均|要|一定)+$"
    )

    def _trim_unit(self, part: str, off: int) -> tuple[str, int]:
        t = self._TAIL.search(part)
        if t and t.start() > 0:
            part = part[: t.start()]
        return part.strip(), off

    _NOT_SUBJECT = re.compile(r"^(?:要|让|使|把|将|对|在|从|以|通过|加快|推动|全力|努力)")

    def _is_unit(self, part: str) -> bool:
        if self.collective.search(part) or self._NOT_SUBJECT.match(part):
            return False
        core = re.sub(r"[(（][^()（）]*[)）]$", "", part)  # 各乡镇(街道、办事处)
        if self.unit_end.search(core):
            return True
        return bool(self.unit_start.match(core)) and len(core) <= 6 and "的" not in core

    # -- deadlines -----------------------------------------------------------------------
    def deadlines(self, text: str, base: int, year: int | None, month: int | None) -> list[Found]:
        out: list[Found] = []
        seen: set[str] = set()
        for m in self.deadline.finditer(text):
            word = m.group("x")
            inherent = word.endswith(("前", "之前", "底", "内")) or word in ("年内",)
            before = text[max(0, m.start() - 10) : m.start()]
            after = text[m.end() : m.end() + 2]
            trig = max(
                self.deadline_trigger.finditer(before), key=lambda t: t.start(), default=None
            )
            tail = before[trig.start() :] if trig else ""
            if not inherent and (
                not trig or _CLAUSE_BREAK.search(tail) or self.deadline.search(tail)
            ):
                continue  # no goal verb, or it binds an earlier period (确保下半年好于上半年)
            if word in ("今年", "全年", "年度") and after.startswith(("工作的", "的重")):
                continue
            rest = _CLAUSE_REST.match(text, m.end())
            if rest and _NOT_BOUND.search(rest.group()):
                continue  # 完成全年目标任务的重要意义: names the work, bounds nothing
            if word in seen:
                continue
            seen.add(word)
            out.append(
                Found(word, base + m.start(), base + m.end(), due=self.due(word, year, month))
            )
        return out

    def due(self, word: str, year: int | None, month: int | None) -> str | None:
        if year is None:
            return None
        rule = self.deadline_rules.get(word)
        if rule is None:
            m = re.match(r"(\d{1,2}|[一二三四五六七八九十]{1,3})月(\d{1,2})?", word)
            if not m:
                return None
            from luoshi.extract.enumerators import cn_number

            mo = cn_number(m.group(1))
            if not 1 <= mo <= 12:
                return None
            day = (
                int(m.group(2)) if m.group(2) and "日" in word else calendar.monthrange(year, mo)[1]
            )
            if "上旬" in word:
                day = 10
            elif "中旬" in word:
                day = 20
            try:
                return f"{year:04d}-{mo:02d}-{day:02d}"
            except ValueError:
                return None
        if rule == "year-end":
            return f"{year:04d}-12-31"
        if rule == "next-year-end":
            return f"{year + 1:04d}-12-31"
        if rule.startswith("quarter:"):
            q = int(rule.split(":")[1])
            mo = q * 3
            return f"{year:04d}-{mo:02d}-{calendar.monthrange(year, mo)[1]:02d}"
        if rule.startswith("half:"):
            return f"{year:04d}-06-30" if rule.endswith("1") else f"{year:04d}-12-31"
        if rule == "month-end" and month:
            return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"
        return None

    # -- targets and programmes ----------------------------------------------------------
    def targets(self, text: str, base: int) -> list[Found]:
        out = []
        for m in self.target.finditer(text):
            if m.group("unit") == "年" and len(m.group("num")) == 4:
                continue  # a year, not a target
            out.append(
                Found(
                    m.group(),
                    base + m.start(),
                    base + m.end(),
                    value=float(m.group("num")),
                    unit=m.group("unit").replace("％", "%"),
                )
            )
        return out

    def programmes(self, text: str, base: int) -> list[Found]:
        out = []
        seen: set[str] = set()
        for m in self.quoted.finditer(text):
            q, tail = m.group("q"), m.group("tail")
            if not tail and not re.search(r"[年工程行动计划战略]$|\d", q) and len(q) < 3:
                continue
            name = m.group()
            if name in seen:
                continue
            seen.add(name)
            kind = "project" if tail in ("工程", "项目") else "programme" if tail else "slogan"
            out.append(Found(name, base + m.start(), base + m.end(), kind=kind))
        return out

    def category(self, text: str) -> str:
        counts = [0] * len(self.categories)
        for m in self.cat_re.finditer(text):
            counts[self.cat_of[m.group()]] += 1
        best = max(range(len(counts)), key=lambda i: (counts[i], -i)) if counts else 0
        return self.categories[best][0] if counts and counts[best] else "general"


_CLAUSE_BREAK = re.compile(r"[，,。；;]")
_CLAUSE_REST = re.compile(r"[^，,。；;]*")
_NOT_BOUND = re.compile(r"意义|基础|关键期|的重要|至关重要")
_COORD = re.compile(r"[、]|和|及(?!时|其)|以及")


def _split_coordination(s: str) -> list[tuple[str, int]]:
    """Split at 、/和/及 outside parentheses: (piece, offset)."""
    parts: list[tuple[str, int]] = []
    depth = 0
    start = 0
    i = 0
    while i < len(s):
        c = s[i]
        if c in "(（":
            depth += 1
        elif c in ")）":
            depth = max(0, depth - 1)
        elif depth == 0:
            m = _COORD.match(s, i)
            if m and m.end() > i:
                parts.append((s[start:i], start))
                start = m.end()
                i = m.end()
                continue
        i += 1
    parts.append((s[start:], start))
    return [(p, o) for p, o in parts if p]


_fields: FieldFinder | None = None


def fields() -> FieldFinder:
    global _fields
    if _fields is None:
        _fields = FieldFinder()
    return _fields
