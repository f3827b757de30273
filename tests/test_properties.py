"""Property-based tests: any text and any bytes go through the extractor without an escaping
exception, and every span of every item points into the record's clean text at exactly the
item's text."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import luoshi
from luoshi.extract import extract_document
from luoshi.record import Directive, MeetingRecord, Spanned
from luoshi.text import InputError, read_bytes

# Pieces of real meeting prose, so random text exercises the extractor's rules and not only
# its "nothing found" path.
FRAGMENTS = [
    "会议强调", "会议要求", "会议指出", "蔺雪峰强调", "刘伟指出", "他强调", "她要求", "区委书记",
    "区委副书记、区长", "县委常委、常务副县长", "主持会议", "出席会议", "并讲话", "传达学习",
    "精神", "讲话精神", "贯彻落实", "《关于进一步加强作风建设的意见》", "全区领导干部会议",
    "区委常委会(扩大)会议", "十二届县委常委会第57次会议", "静海区", "平原县", "我区", "全区",
    "一要", "二要", "三要", "一是", "二是", "第一", "第二", "首先", "其次", "一、", "二、",
    "（一）", "(二)", "1.", "2、", "要", "必须", "务必", "确保", "坚决", "加快",
    "各乡镇、各部门", "区商务局", "规划部门", "各街道办事处", "各级党组织", "全区上下",
    "年内", "年底前", "6月底前", "一季度", "下半年", "今年", "2019年5月10日", "12月28日",
    "29日上午", "近日", "信息时间:2020-04-30", "68亿元", "35%", "12所高校", "“项目建设年”",
    "“四个一百”专项行动", "曙光", "抓好落实", "推进项目建设", "。", "，", ",", "；", ";", "！",
    "？", "、", "：", ":", "“", "”", "《", "》", "……", "——", "\n", "\n\n", " ", "\u3000", "\t",
    "\r\n", "區(qū)", "務(wù)", "(扩大)", "云账户(天津)", "（ ）", "()", "(", ")", "（", "）",
    "分享到:", "责任编辑:张三", "当前位置: 首页 > 新闻", "【字号】【打印】", "預覽閱讀已結束",
    "區委書記", "習近平新時代中國特色社會主義思想", "以习近平同志为核心的党中央",
]

piece = st.one_of(
    st.sampled_from(FRAGMENTS),
    st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=6),
    st.text(max_size=4),  # any unicode, surrogates excluded by hypothesis' default
    st.text(alphabet="āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńqwxyzü()（）", max_size=6),
)

DEV = Path(__file__).resolve().parent / "gold" / "dev"
DEV_LINES = sorted({ln.strip() for p in DEV.glob("*.txt")
                    for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip()})


@st.composite
def dev_line(draw: st.DrawFn) -> str:
    """A line of a real dev document, whole or cut anywhere (mid-word, mid-enumeration)."""
    line = draw(st.sampled_from(DEV_LINES))
    if draw(st.booleans()):
        a = draw(st.integers(0, len(line)))
        b = draw(st.integers(a, len(line)))
        line = line[a:b]
    return line + draw(st.sampled_from(["\n", "", "\n\n", "。"]))


@st.composite
def requirement(draw: st.DrawFn) -> str:
    """A synthetic requirement sentence built from the genre's parts."""
    parts = [
        draw(st.sampled_from(["", "一要", "二是", "（三）", "4.", "第五，", "首先，", "三、"])),
        draw(st.sampled_from(["", "会议强调，", "蔺雪峰强调，", "他指出，", "区委书记王刚要求，"])),
        draw(st.sampled_from(["", "各乡镇、各部门", "区商务局和区财政局", "各级党组织", "全区上下"])),
        draw(st.sampled_from(["要", "必须", "务必", "确保", "坚决", "加快"])),
        draw(st.sampled_from(["", "在年底前", "于6月底前", "一季度", "下半年", "今年"])),
        draw(st.sampled_from(["完成", "推进", "抓好", "落实"])),
        draw(st.sampled_from(["", "68亿元投资", "35%的增长", "12所高校建设", "“项目建设年”活动",
                              "“四个一百”专项行动"])),
        draw(st.sampled_from(["。", "；", "！", "", "\n", "。\n"])),
    ]
    return "".join(parts)


texts = st.lists(st.one_of(piece, dev_line(), requirement()), max_size=40).map("".join)

ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "gbk", "big5", "utf-16", "utf-16-le", "utf-16-be"]


@st.composite
def documents_as_bytes(draw: st.DrawFn) -> bytes:
    kind = draw(st.integers(0, 3))
    if kind == 0:
        return draw(st.binary(max_size=400))
    text = draw(texts)
    enc = draw(st.sampled_from(ENCODINGS))
    data = codecs.encode(text, enc, errors="replace")  # type: ignore[arg-type]
    if kind == 2 and data:  # truncated mid-character
        data = data[: draw(st.integers(0, len(data)))]
    if kind == 3:  # a little garbage spliced in
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(max_size=8)) + data[at:]
    return data


def assert_spans_consistent(record: MeetingRecord) -> None:
    text = record.text
    n = len(text)

    def inside(span: tuple[int, int] | None, what: str) -> None:
        if span is None:
            return
        a, b = span
        assert 0 <= a <= b <= n, f"{what}: span {span} outside text of length {n}"

    def exact(item: object, what: str) -> None:
        span = item.span  # type: ignore[attr-defined]
        inside(span, what)
        assert text[span[0] : span[1]] == item.text, (  # type: ignore[attr-defined]
            f"{what}: text[{span[0]}:{span[1]}]={text[span[0]:span[1]]!r} "
            f"!= {item.text!r}")  # type: ignore[attr-defined]

    for d in record.directives:
        exact(d, f"directive {d.id}")
        for kind in ("units", "deadlines", "targets", "programmes"):
            for x in getattr(d, kind):
                exact(x, f"directive {d.id} {kind}")
                # an item's parts lie inside the item
                assert d.span[0] <= x.span[0] <= x.span[1] <= d.span[1], (
                    f"directive {d.id} {kind} {x.text!r} {x.span} outside {d.span}")
    for c in record.conveyed:
        exact(c, "conveyed")
    for p in record.programmes:
        exact(p, "programme")
    for person in record.people:
        inside(person.span, f"person {person.name}")
    m = record.meeting
    inside(m.date_span, "meeting date")
    inside(m.name_span, "meeting name")
    inside(m.organizer_span, "meeting organizer")
    # parents point at directives of the same record
    ids = {d.id for d in record.directives}
    assert len(ids) == len(record.directives), "directive ids repeat"
    for d in record.directives:
        assert d.parent is None or d.parent in ids, f"directive {d.id}: dangling parent"
    # the record serialises and validates back
    assert MeetingRecord.model_validate_json(record.model_dump_json()) == record


SETTINGS = settings(max_examples=200, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(texts)
def test_any_text_extracts_with_consistent_spans(text: str) -> None:
    record = luoshi.extract_text(text)
    assert_spans_consistent(record)


@SETTINGS
@given(texts)
def test_extraction_is_deterministic(text: str) -> None:
    assert luoshi.extract_text(text) == luoshi.extract_text(text)


@SETTINGS
@given(documents_as_bytes())
def test_any_bytes_give_a_record_or_input_error(data: bytes) -> None:
    try:
        doc = read_bytes(data, "random.txt")
    except InputError as exc:
        assert "random.txt" in str(exc)
        assert "\n" not in str(exc)
        return
    record = extract_document(doc)
    assert_spans_consistent(record)


def test_the_span_check_is_not_vacuous() -> None:
    """The checker above rejects a record whose span and text disagree or overflow."""
    good = MeetingRecord(text="一要抓好落实。", directives=[
        Directive(id=1, text="一要抓好落实。", span=(0, 7),
                  units=[], deadlines=[])])
    assert_spans_consistent(good)
    for bad in (
        good.model_copy(update={"directives": [Directive(id=1, text="一要抓好", span=(0, 3))]}),
        good.model_copy(update={"directives": [Directive(id=1, text="一要抓好落实。", span=(0, 9))]}),
        good.model_copy(update={"directives": [Directive(
            id=1, text="一要抓好落实。", span=(0, 7), units=[Spanned(text="落实", span=(5, 7))])]}),
        good.model_copy(update={"directives": [Directive(
            id=1, text="一要抓好落实。", span=(0, 7), parent=5)]}),
    ):
        with pytest.raises(AssertionError):
            assert_spans_consistent(bad)
