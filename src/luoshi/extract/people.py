"""People: names after (or, for a few, before) a title, name lists, and their roles.

A name is a surname from the lexicon plus one or two characters; its length is settled by
what follows it (a follower word such as 主持/出席/同志, or punctuation). A title is the run
of text before the name that ends with a title head (书记, 区长, 主任 …), cut after the
last verb so that `传达贯彻市委书记李鸿忠` yields the title 市委书记.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from luoshi.extract.lexicon import alternation, lexicon

_CJK = "\u4e00-\u9fff"
# Verbs and function words that may stand right before a title: the title starts after them.
_TITLE_CUT = re.compile(
    r".*(?:传达|贯彻|学习|落实|召开|主持|听取|会同|陪同|带领|邀请|同|由|和|与|及|对|向|请|率|在|是|为|"
    r"会上|会议|上午|下午|晚上|期间|之际|以及|其中|包括|同志|参加|出席|列席|看望|慰问|委托|受|自|"
    r"按照|根据|要求|强调|指出|认真|进一步|深入|关于|跟随|\d+日|\d+年)"
)
_DELIMS = "，。；：:,;！？!?“”\"'（）()《》 \n"
_RUN_STOP = _DELIMS + "、"


# Heads that are no title on their own (领导干部, 主任委员…): a title needs more in front.
_BARE_TITLES = frozenset({"领导", "委员", "成员", "主任", "组长"})


@dataclass(slots=True)
class Mention:
    name: str
    title: str | None
    start: int  # of the name
    end: int
    group: int  # mentions listed together share a group (their verb applies to all)
    title_start: int | None = None


@dataclass(slots=True)
class PersonInfo:
    name: str
    title: str | None
    roles: list[str] = field(default_factory=list)
    span: tuple[int, int] | None = None


class PeopleFinder:
    def __init__(self) -> None:
        lx = lexicon()
        self.lx = lx
        titles = alternation(lx.titles)
        followers = alternation(lx.followers)
        self.follow = re.compile(rf"(?:{followers}|[{re.escape(_DELIMS)}、])")
        self.title_end = re.compile(rf"(?:{titles})$")
        # A title head followed by a CJK character: a candidate name starts there.
        self.title_then_name = re.compile(rf"(?:{titles})(?=[{_CJK}])")
        # Name written before a title head (习近平总书记, 郭俊杰区长): the head is found first.
        self.name_then_title = re.compile(r"总书记|区长|县长|市长|省长|总理")
        self.name_then_title_verbs = re.compile(
            r"(?:贯彻|学习|落实|传达|按照|根据|对|在|是|把|将|以|了|和|与|及|同|期间)$"
        )
        self.higher = lx.higher_leaders
        self.strong_follow = re.compile(r"(?:同志|主持|出席|传达|讲话|强调|指出|参加|列席)")
        self.title_head_at = re.compile(rf"(?:{titles})")
        self.non_name = re.compile(alternation(lx.non_names))
        role_words = sorted(lx.role_verbs, key=lambda r: -len(r[0]))
        self.role_re = re.compile(alternation([w for w, _ in role_words]))
        self.role_of = dict(role_words)

    # -- names ---------------------------------------------------------------------------
    def _surname_ok(self, cand: str, common_only: bool = False) -> bool:
        if cand[:2] in self.lx.compound_surnames:
            return True
        pool = self.lx.common_surnames if common_only else self.lx.surnames
        return cand[0] in pool

    def name_at(self, text: str, i: int, common_only: bool = False) -> str | None:
        """The name starting at text[i], if one does (2 or 3 characters)."""
        best = None
        for n in (3, 2):
            cand = text[i : i + n]
            if len(cand) < n or not all("\u4e00" <= c <= "\u9fff" for c in cand):
                continue
            if self.non_name.match(cand):
                return None
            if not self._surname_ok(cand, common_only) and not (
                not common_only and self.strong_follow.match(text, i + n)
            ):
                continue
            if i + n >= len(text) or self.follow.match(text, i + n):
                best = cand
                break
        return best

    # -- titles --------------------------------------------------------------------------
    def title_before(self, text: str, name_start: int) -> tuple[str, int] | None:
        j = name_start
        lo = max(0, j - 40)
        while j > lo and text[j - 1] not in _RUN_STOP:
            j -= 1
        run = text[j:name_start]
        if not run or not self.title_end.search(run):
            return None
        m = _TITLE_CUT.match(run)
        if m:
            j += m.end()
            run = run[m.end() :]
        # a chain 区委副书记、区长 may continue before a 、
        while j > 1 and text[j - 1] == "、":
            k = j - 1
            while k > lo and text[k - 1] not in _RUN_STOP:
                k -= 1
            prev = text[k : j - 1]
            if not prev or not self.title_end.search(prev) or _TITLE_CUT.match(prev):
                break
            run = prev + "、" + run
            j = k
        run = re.sub(r"^(?:\d+[年月日]?|[上下]午|了|过)", "", run)
        if not self.title_end.search(run) or len(run) < 2 or run in _BARE_TITLES:
            return None
        return run, j

    # -- mentions ------------------------------------------------------------------------
    def mentions(self, text: str) -> list[Mention]:
        out: list[Mention] = []
        seen_starts: set[int] = set()
        group = 0
        for m in self.title_then_name.finditer(text):
            i = m.end()
            if i in seen_starts:
                continue
            name = self.name_at(text, i)
            if not name:
                continue
            t = self.title_before(text, i)
            if not t:
                continue
            title, tstart = t
            group += 1
            out.append(Mention(name, title, i, i + len(name), group, tstart))
            seen_starts.add(i)
            # a list of names under the same title: 市委常委孙书申、张德民、任国军出席
            j = i + len(name)
            while j < len(text) and text[j] == "、":
                nxt = self.name_at(text, j + 1)
                if not nxt or self.title_then_name.match(text, j + 1 + len(nxt)):
                    break
                # the next item has its own title (…、区长X) — handled by the outer loop
                out.append(Mention(nxt, title, j + 1, j + 1 + len(nxt), group, tstart))
                seen_starts.add(j + 1)
                j += 1 + len(nxt)
        for m in self.name_then_title.finditer(text):
            head_start = m.start()
            for n in (3, 2):
                start = head_start - n
                if start < 0 or start in seen_starts:
                    continue
                name = text[start:head_start]
                if not all("\u4e00" <= c <= "\u9fff" for c in name):
                    continue
                if not self._surname_ok(name, common_only=n == 2) or self.non_name.match(name):
                    continue
                left_ok = (
                    name in self.higher
                    or start == 0
                    or text[start - 1] in _RUN_STOP
                    or bool(self.name_then_title_verbs.search(text[max(0, start - 4) : start]))
                )
                if not left_ok:
                    continue
                after = m.end()
                if (
                    after < len(text)
                    and not self.follow.match(text, after)
                    and text[after] not in "重关近"
                ):
                    continue
                group += 1
                out.append(Mention(name, m.group(), start, head_start, group, head_start))
                seen_starts.add(start)
                break
        out.extend(self._untitled_lists(text, seen_starts, group))
        # 王刚指出，… : a speaker named without a title at the head of a sentence
        for m in self._UNTITLED_SPEAKER.finditer(text):
            i = m.start("n")
            if i in seen_starts:
                continue
            name = self.name_at(text, i, common_only=len(m.group("n")) == 2)
            if name and name == m.group("n"):
                group += 1
                out.append(Mention(name, None, i, i + len(name), group))
                seen_starts.add(i)
        out.sort(key=lambda x: x.start)
        for prev, cur in itertools.pairwise(out):
            gap_to = (
                cur.title_start
                if cur.title_start is not None and cur.title_start <= cur.start
                else cur.start
            )
            if (
                cur.group != prev.group
                and 0 <= gap_to - prev.end <= 1
                and (gap_to == prev.end or text[prev.end] in "，,、")
            ):
                old = cur.group
                for m in out:
                    if m.group == old:
                        m.group = prev.group
        return out

    _UNTITLED_SPEAKER = re.compile(
        r"(?:^|(?<=[。！？\n]))(?P<n>[\u4e00-\u9fff]{2,3}?)(?:同志)?(?:强调|指出|要求|表示)[，,：:]",
        re.MULTILINE,
    )
    _ATTEND = re.compile(r"(?:等)?(?:同志)?(?:参加|出席|列席)")

    def _untitled_lists(self, text: str, seen: set[int], group: int) -> list[Mention]:
        """徐彪、周松祥、徐东升参加 — names with no title, listed before an attendance verb."""
        out: list[Mention] = []
        for m in re.finditer(r"(?<=[，,。：:])(?=[\u4e00-\u9fff]{2,3}、)", text):
            i = m.start()
            names: list[tuple[str, int]] = []
            j = i
            while True:
                n = self.name_at(text, j, common_only=True)
                if not n or j in seen:
                    break
                names.append((n, j))
                j += len(n)
                if j < len(text) and text[j] == "、":
                    j += 1
                    continue
                break
            if len(names) >= 2 and self._ATTEND.match(text, j):
                group += 1
                out.extend(Mention(n, None, s, s + len(n), group) for n, s in names)
        return out

    # -- roles ---------------------------------------------------------------------------
    _OTHER_MEETING = re.compile(
        r"^(?:同志)?在(?!会议|会上|讲话|本次)[^，。；]{1,30}?(?:会|会议|座谈|调研|考察)[上中时]"
    )
    _LATE_ROLE = re.compile(r"(?:参加|出席|列席)(?:会议|了会议)?|提出[^，。]{0,12}要求|讲话")
    _CONVEYED_CTX = re.compile(r"精神|的讲话|的重要|指示|批示|莅|调研讲话")

    def roles_after(self, text: str, end: int) -> list[str]:
        clause_end = end
        n = len(text)
        while clause_end < n and text[clause_end] not in "，。；,;：:\n" and clause_end - end < 60:
            clause_end += 1
        clause = text[end:clause_end]
        head = self.title_head_at.match(clause)
        if head:  # 郭俊杰区长在…: the name stood before its title
            clause = clause[head.end() :]
        if self._OTHER_MEETING.match(clause):
            return []
        roles: list[str] = []
        for m in self.role_re.finditer(clause):
            if self._CONVEYED_CTX.search(clause[: m.start()]):
                break
            if clause[m.end() : m.end() + 2] == "精神" or (
                m.group() == "讲话" and clause[m.start() - 1 : m.start()] == "的"
            ):
                break
            role = self.role_of[m.group()]
            if role not in roles:
                roles.append(role)
        if not roles and not self._CONVEYED_CTX.search(clause):
            # the verb of a long list may stand at the end of the sentence
            stop = text.find("。", clause_end)
            rest = text[clause_end : stop if stop >= 0 else clause_end + 120]
            m = self._LATE_ROLE.search(rest)
            if m and not self._CONVEYED_CTX.search(rest[: m.start()]):
                roles.append("讲话" if m.group().endswith(("要求", "讲话")) else "出席")
        if (
            not roles
            and clause.startswith(("对", "就"))
            and text[clause_end : clause_end + 1] in "，,"
        ):
            # 张庆恩就…进行安排部署 / 对…提出要求 spans past a comma now and then
            more = text[clause_end + 1 : clause_end + 40].split("。")[0]
            for m in self.role_re.finditer(more):
                roles.append(self.role_of[m.group()])
                break
        return roles


_finder: PeopleFinder | None = None


def finder() -> PeopleFinder:
    global _finder
    if _finder is None:
        _finder = PeopleFinder()
    return _finder


def find_people(text: str) -> tuple[list[PersonInfo], list[Mention]]:
    f = finder()
    mentions = f.mentions(text)
    people: dict[str, PersonInfo] = {}
    for m in mentions:
        if m.name not in people:
            people[m.name] = PersonInfo(m.name, m.title, [], (m.start, m.end))
        elif not people[m.name].title and m.title:
            people[m.name].title = m.title
    higher = f.higher
    # roles: every mention of a known name, titled or not; a group shares the verb after it
    names = sorted(people, key=len, reverse=True)
    if names:
        name_re = re.compile("|".join(map(re.escape, names)))
        last_by_group: dict[int, Mention] = {}
        for m in mentions:
            last_by_group[m.group] = m
        group_of = {m.start: m.group for m in mentions}
        for hit in name_re.finditer(text):
            name = hit.group()
            g = group_of.get(hit.start())
            end = last_by_group[g].end if g is not None else hit.end()
            if name in higher:
                continue
            for r in f.roles_after(text, end):
                if r not in people[name].roles:
                    people[name].roles.append(r)
    return list(people.values()), mentions
