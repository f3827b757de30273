"""Directives: the requirements a meeting lays on others, as a tree of items with speakers.

The segmentation follows the gold guideline:
- an enumerator (一要, 一是, 一、, (一), 1、 …) starts an item that runs to the next
  enumerator of the same or a higher level, or to the end of its paragraph;
- a short requirement sentence followed by sentences that elaborate it is a heading: at the
  start of a paragraph it takes the whole paragraph, inline it runs to the next heading;
- otherwise each sentence whose main clause is a new requirement (要…, 必须…, a subject
  then 要, an order such as 加快… among requirements) starts an item, and the sentences after
  it that add no new requirement belong to it;
- a requirement item directly followed by an enumeration starting at 1 groups it, and the
  enumerated items name it as parent.
Speakers come from attributions (`X强调，`, `他指出，`, `会议要求，`) and persist until the
next one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from luoshi.extract.enumerators import Enumerator, match_enumerator
from luoshi.extract.lexicon import alternation, lexicon
from luoshi.extract.sentences import Sentence

_VERBS = r"强调|指出|要求|表示|提出|认为|说|明确|指示|讲道|批示"
_POINTS = r"(?:讲|谈|提|强调)了?[一二三四五六七八九十两几]+(?:点|个方面)(?:意见|要求|建议)?"
_OTHER_MEETING = re.compile(
    r"在(?!会议|会上|讲话|本次|这次)[^，。；]{1,30}?(?:会|会议|座谈|调研|考察)[上中时]"
)
_FRAMING = re.compile(
    rf"(?:我|下面|现在|这里|最后)[^，。；]{{0,16}}?(?:{_POINTS}|讲几点|谈几点)|^让我们|^同志们"
)
_FRAMING_HINT = re.compile(r"我|下面|现在|这里|最后|同志们")
_NARRATIVE = re.compile(
    r"^(?:会议|会上)(?:还)?(?:听取|审议|研究|传达|学习|通报|讨论|观看|宣读|集中)"
)
_PAST_CLAUSE = re.compile(r"了")
_COPULA = re.compile(r"^[^，。]{1,12}是(?!否|要)")
_ACHIEVED = re.compile(r"取得|实现了|完成了|创历史|增长\d|达到\d|突破\d")
_CLAUSE_SPLIT = re.compile(r"[，,]")
_ATTR_VERB = re.compile(rf"(?:{_VERBS}|{_POINTS})(?:[，,：:]|(?=[要各全一二三四五六七八九十])|。$)")
_CLAUSE_STOP = re.compile(r"[。；]")
_MID_STOP = re.compile(r"[。；：:]")
_WHOLE_ATTR = re.compile(r"(?:提出|作出|作了)[^。，]{0,10}(?:要求|意见|部署)[。：:]$")


def _earliest(seg: str, words: tuple[str, ...], limit: int) -> tuple[int, str] | None:
    """The first of `words` in `seg` starting at or before `limit` (longest on a tie)."""
    best: tuple[int, str] | None = None
    for w in words:
        i = seg.find(w, 0, limit + len(w))
        if i >= 0 and (best is None or i < best[0] or (i == best[0] and len(w) > len(best[1]))):
            best = (i, w)
    return best


_ANY_ATTR_VERB = re.compile(rf"{_VERBS}|{_POINTS}|作出|作了")
_REQ_CLAUSE = re.compile(r"[，,]要求(?=[^，。]{2})")


@dataclass(slots=True)
class Item:
    id: int
    start: int
    end: int
    speaker: str | None
    parent: int | None = None
    enumerator: str | None = None
    mode: str = "normal"  # normal | enum | heading-para | heading-inline | group
    scope: int = 0  # sentences attached after an inline heading


class DirectiveFinder:
    def __init__(self) -> None:
        lx = lexicon()
        modals = [m for m in lx.modals if m != "要"]
        self.not_modal = re.compile(alternation(lx.not_modal))
        # a subject (≤ 20 characters, no clause break) then the modal
        self.subject_modal = re.compile(
            rf"^(?P<subj>[^，。；;,]{{0,20}}?)(?:{alternation(modals)}|(?<![重主首紧简纪摘提只概需])要(?![求素点闻害务件领义津]))"
        )
        self.modal_start = re.compile(
            rf"(?:特别是|尤其是|同时|更|还|也|都|就|一定|必须)?(?:{alternation(modals)}|要(?![求素点闻害务件领义津]))"
        )
        self.order_start = re.compile(rf"(?:{alternation(lx.orders)})")

    # -- attribution ---------------------------------------------------------------------
    def attribution(
        self, s: Sentence, names: tuple[str, ...], last_subject: str | None
    ) -> tuple[bool, str | None, int]:
        """(is_attribution, speaker, offset in sentence after it).

        An attribution is `WHO(同志)…VERB` inside one clause that starts within the first 60
        characters, WHO within the first 16 characters of that clause (a known name, 会议,
        他/她), then `，`/`：` or the requirement itself. Names are looked up with str.find,
        not compiled into a pattern, so nothing is compiled per document.
        """
        text = s.text
        if not _ANY_ATTR_VERB.search(text):  # cheap test first: most sentences have none
            return False, None, 0
        whos = (*names, "会议", "会上", "他", "她")
        for vm in _ATTR_VERB.finditer(text):
            cs = max(text.rfind("，", 0, vm.start()), text.rfind(",", 0, vm.start())) + 1
            if cs > 60:
                break
            seg = text[cs : vm.start()]
            if _CLAUSE_STOP.search(seg):
                continue
            found = _earliest(seg, whos, 16)
            if found is None and cs > 0 and seg in ("", "并", "同时", "还", "并且", "会议还"):
                # 会议传达学习了…精神，强调要…: the verb's subject opens the sentence
                head = _earliest(text[:cs], names, cs) or _earliest(
                    text[:18], ("会议", "会上", "他", "她"), 16
                )
                if head is not None:
                    return True, self._resolve(head[1], last_subject), vm.end()
            if found is None:
                continue
            i, who = found
            mid = seg[i + len(who) :].removeprefix("同志")
            if len(mid) > 60 or _MID_STOP.search(mid):
                continue
            if _OTHER_MEETING.search(mid):
                return False, None, 0
            return True, self._resolve(who, last_subject), vm.end()
        # 区长修文传达…精神，要求要认真…: a clause opening with 要求 after the subject
        m3 = _REQ_CLAUSE.search(text)
        if m3:
            lead = text[: m3.start()]
            n = _earliest(lead, names, len(lead))
            if n or lead.startswith(("他", "她")):
                return True, n[1] if n else last_subject, m3.end()
            if lead.startswith(("会议", "会上")):
                return True, None, m3.end()
        # 郭俊杰区长在…，并对…提出四点要求。
        if names and _WHOLE_ATTR.search(text):
            n = _earliest(text[:14], names, 12)
            if n:
                return True, n[1], len(text)
        return False, None, 0

    @staticmethod
    def _resolve(who: str, last_subject: str | None) -> str | None:
        if who in ("会议", "会上"):
            return None
        if who in ("他", "她"):
            return last_subject
        return who

    # -- requirement ---------------------------------------------------------------------
    def requirement_start(self, text: str, pos: int) -> int | None:
        """Where the requirement of a sentence starts (offset), or None if it lays none."""
        body = text[pos:]
        offset = 0
        clauses = _CLAUSE_SPLIT.split(body)
        past = False
        quoting = bool(_OTHER_MEETING.search(clauses[0])) if clauses else False
        for idx, clause in enumerate(clauses[:6]):
            stripped = clause.lstrip()
            if self.modal_start.match(stripped) or (
                (m := self.subject_modal.match(stripped)) and not self._bad_subject(m.group("subj"))
            ):
                if idx == 0 or not past:
                    return pos
                return pos + offset
            if idx >= 3 and not past:
                return None
            if not quoting and (_PAST_CLAUSE.search(clause) or _COPULA.search(clause)):
                past = True
            offset += len(clause) + 1
        return None

    def _bad_subject(self, subj: str) -> bool:
        subj = subj.replace("要求", "")
        return bool(self.not_modal.search(subj)) or "是" in subj or "的" in subj[-2:]

    def is_order(self, text: str, pos: int) -> bool:
        return bool(self.order_start.match(text, pos))

    # -- segmentation --------------------------------------------------------------------
    def find(
        self,
        paragraphs: list[list[Sentence]],
        text: str,
        names: list[str],
        subjects: dict[tuple[int, int], str],
    ) -> list[Item]:
        name_tuple = tuple(names)
        items: list[Item] = []
        speaker: str | None = None
        last_subject: str | None = None
        stack: list[tuple[str, int, int]] = []  # (style, ordinal, item id)
        transcript = bool(re.match(r"^[^\n]{0,60}同志们[:：]", text)) or "同志们：" in text[:300]
        req_context = transcript

        def new_item(
            start: int,
            end: int,
            mode: str,
            parent: int | None = None,
            enumerator: str | None = None,
        ) -> Item:
            it = Item(len(items) + 1, start, end, speaker, parent, enumerator, mode)
            items.append(it)
            return it

        for para in paragraphs:
            cur: Item | None = None
            for k, s in enumerate(para):
                subj = subjects.get((s.para, s.index_in_para))
                is_attr, who, pos = self.attribution(s, name_tuple, last_subject)
                if subj:
                    last_subject = subj
                if is_attr:
                    if who != speaker:
                        stack.clear()
                    speaker = who
                    req_context = True
                    cur = None
                    if pos >= len(s.text.rstrip()):
                        continue
                t = s.text
                while pos < len(t) and t[pos] in " 　":
                    pos += 1
                if _NARRATIVE.match(t, pos):
                    cur = None
                    req_context = False
                    continue
                if (
                    _FRAMING_HINT.search(t, pos)
                    and _FRAMING.search(t[pos:])
                    and not self.requirement_start(t, pos)
                ):
                    cur = None
                    continue
                enum = match_enumerator(t, pos)
                if enum and self._enum_ok(enum, stack, k == 0 and pos == 0):
                    head = t[pos + enum.length :]
                    lays = self.requirement_start(
                        t, pos + enum.length
                    ) is not None or self.is_order(t, pos + enum.length)
                    if (_ACHIEVED.search(head.split("。")[0]) and not lays) or (
                        enum.style == "seq" and not lays
                    ):
                        self._note_enum(enum, stack)
                        cur = None
                        continue
                    cur = self._start_enum(enum, s, pos, stack, items, new_item, k, para)
                    continue
                req_at = self.requirement_start(t, pos)
                order = req_at is None and self.is_order(t, pos)
                heading = (
                    (req_at is not None or order)
                    and self._is_heading(t, req_at or pos)
                    and k + 1 < len(para)
                )
                if cur is not None and cur.mode == "enum":
                    self._attach(cur, s)
                    continue
                if (
                    cur is not None
                    and cur.mode == "heading-para"
                    and heading
                    and t[req_at if req_at is not None else pos] == text[cur.start]
                ):
                    cur = new_item(
                        s.start + (req_at if req_at is not None else pos), s.end, "heading-inline"
                    )
                    continue
                if cur is not None and cur.mode in ("heading-para", "group"):
                    if cur.mode == "group" and (req_at is not None or order):
                        cur = new_item(
                            s.start + (req_at if req_at is not None else pos), s.end, "normal"
                        )
                        continue
                    self._attach(cur, s)
                    continue
                if heading:
                    nxt = para[k + 1]
                    nxt_enum = match_enumerator(nxt.text, 0)
                    start = s.start + (req_at if req_at is not None else pos)
                    if nxt_enum and nxt_enum.ordinal == 1:
                        cur = new_item(start, s.end, "group")
                        stack.clear()
                        stack.append(("#heading", 0, cur.id))
                        continue
                    mode = (
                        "heading-para"
                        if (k == 0 or (is_attr and cur is None and k <= 1))
                        else "heading-inline"
                    )
                    cur = new_item(start, s.end, mode)
                    continue
                if cur is not None and cur.mode == "heading-inline":
                    if (
                        req_at is not None and self.modal_start.match(t, req_at) and cur.scope >= 1
                    ) or (order and cur.scope == 0 and pos == 0):
                        start = s.start + (req_at if req_at is not None else pos)
                        cur = new_item(start, s.end, "normal")
                        continue
                    self._attach(cur, s)
                    cur.scope += 1
                    continue
                if req_at is not None or (order and (cur is not None or req_context)):
                    start = s.start + (req_at if req_at is not None else pos)
                    cur = new_item(start, s.end, "normal")
                    continue
                if cur is not None:
                    self._attach(cur, s)
        return items

    @staticmethod
    def _note_enum(e: Enumerator, stack: list[tuple[str, int, int]]) -> None:
        """Keep an enumeration run going through items that are not directives."""
        for i, (style, _, item_id) in enumerate(stack):
            if style == e.style:
                stack[i] = (style, e.ordinal, item_id)
                return

    @staticmethod
    def _attach(it: Item, s: Sentence) -> None:
        it.end = s.end

    @staticmethod
    def _enum_ok(e: Enumerator, stack: list[tuple[str, int, int]], para_start: bool) -> bool:
        if e.ordinal in (0, 1):
            return e.ordinal == 1 or any(st == e.style for st, _, _ in stack)
        for style, n, _ in stack:
            if style == e.style:
                return n == e.ordinal - 1
        return para_start and e.style in ("cn-dun", "cn-paren")

    def _start_enum(
        self,
        e: Enumerator,
        s: Sentence,
        pos: int,
        stack,
        items,
        new_item,
        k: int,
        para: list[Sentence],
    ) -> Item:
        # pop to the level of this style, or nest under the current top
        for i, (style, _, _) in enumerate(stack):
            if style == e.style:
                del stack[i:]
                break
        parent = stack[-1][2] if stack else None
        it = new_item(s.start + pos, s.end, "enum", parent, s.text[pos : pos + e.length])
        stack.append((e.style, e.ordinal or (stack[-1][1] + 1 if stack else 1), it.id))
        return it

    def _is_heading(self, t: str, pos: int) -> bool:
        body = t[pos:].rstrip()
        if not body.endswith(("。", "！", "!")):
            return False
        core = re.sub(r"[，,、“”\"《》（）()。！!]", "", body)
        if len(core) <= 14:
            return True
        return "，" not in body and "," not in body and len(core) <= 40
