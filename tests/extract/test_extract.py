"""Behaviour of the extractor on short documents written in the genre's own shapes."""

from __future__ import annotations

import luoshi
from luoshi.extract import extract_document
from luoshi.record import MeetingRecord
from luoshi.text import Document


def _doc(text: str, published: str | None = None) -> MeetingRecord:
    return extract_document(Document(text=text, path="t.txt", published=published))


def _person(rec: MeetingRecord, name: str):
    return next((p for p in rec.people if p.name == name), None)


NEWS = (
    "3月5日上午，全区领导干部会议召开。区委书记张建国主持会议并讲话，区委副书记、区长李明传达了"
    "省委书记王强在全省经济工作会议上的讲话精神。区领导赵一、钱二、孙三出席会议。\n"
    "张建国强调，要抓实项目建设，确保年内全部开工。各街道、区发改委要加快推进“项目建设年”活动，"
    "力争一季度完成投资68亿元，增长35%。\n"
    "李明指出，近年来，我区经济社会发展取得了显著成绩。他要求，一要稳步推进载体建设。高新区要加快园区建设，"
    "6月底前完成规划。二要优化营商环境。全区广大党员干部要担当作为。\n"
)


def test_people_titles_roles_and_lists():
    rec = _doc(NEWS)
    zhang = _person(rec, "张建国")
    assert zhang and zhang.title == "区委书记" and set(zhang.roles) == {"主持", "讲话"}
    li = _person(rec, "李明")
    assert li and li.title == "区委副书记、区长" and "传达" in li.roles
    # a higher leader whose speech is relayed is listed without a role
    wang = _person(rec, "王强")
    assert wang and wang.title == "省委书记" and wang.roles == []
    # a list of names under one title shares the title and the verb after the list
    for name in ("赵一", "钱二", "孙三"):
        p = _person(rec, name)
        assert p and p.title == "区领导" and p.roles == ["出席"]


def test_meeting_name_date_and_published_year():
    rec = _doc(NEWS, published="2021-03-06")
    assert rec.meeting.name == "全区领导干部会议"
    assert rec.meeting.date == "2021-03-05"
    # a December meeting published in January was held the year before
    rec = _doc("12月28日，县委常委会召开。县委书记周明主持会议。", published="2021-01-03")
    assert rec.meeting.date == "2020-12-28"
    # no year anywhere: month and day only
    assert _doc("12月28日，县委常委会召开。").meeting.date == "--12-28"
    assert _doc("近日，县委常委会召开。").meeting.date is None


def test_directive_tree_speakers_units_deadlines():
    rec = _doc(NEWS, published="2021-03-06")
    texts = [d.text for d in rec.directives]
    first = rec.directives[0]
    assert first.text.startswith("要抓实项目建设")  # from 要, after the attribution
    assert first.speaker == "张建国"
    assert [(x.text, x.due) for x in first.deadlines] == [("年内", "2021-12-31")]
    second = next(d for d in rec.directives if d.text.startswith("各街道"))
    assert [u.text for u in second.units] == ["各街道", "区发改委"]
    assert [(x.text, x.due) for x in second.deadlines] == [("一季度", "2021-03-31")]
    assert {t.text for t in second.targets} == {"68亿元", "35%"}
    assert [p.text for p in second.programmes] == ["“项目建设年”活动"]
    # an assessment of the past is not a requirement
    assert not any("取得了显著成绩" in t for t in texts)
    # enumerated items: speaker through 他, elaborations belong to their item
    one = next(d for d in rec.directives if d.text.startswith("一要"))
    assert one.speaker == "李明" and "6月底前完成规划" in one.text
    assert [(x.text, x.due) for x in one.deadlines] == [("6月底前", "2021-06-30")]
    assert [u.text for u in one.units] == ["高新区"]
    two = next(d for d in rec.directives if d.text.startswith("二要"))
    assert two.units == []  # 全区广大党员干部 is a collective of people, not a unit


def test_group_heading_parents_its_enumerated_items():
    text = (
        "同志们：下面，我讲两点意见。\n"
        "一、坚持一个“稳”字，全力保持经济平稳发展。各乡镇要增强责任感。"
        "一要稳步推进项目建设。项目招引上，精心组织招商活动。二要稳步推进载体建设。\n"
        "二、聚焦一个“优”字，全面提升城市品质。一是加快推进基础设施建设。二是大力实施城市更新行动。\n"
    )
    rec = _doc(text)
    by_text = {d.text.split("。")[0]: d for d in rec.directives}
    head1 = by_text["一、坚持一个“稳”字，全力保持经济平稳发展"]
    head2 = by_text["二、聚焦一个“优”字，全面提升城市品质"]
    assert head1.parent is None and head2.parent is None
    assert "各乡镇要增强责任感" in head1.text  # sentences before the first sub-item
    assert by_text["一要稳步推进项目建设"].parent == head1.id
    assert "精心组织招商活动" in by_text["一要稳步推进项目建设"].text
    assert by_text["二要稳步推进载体建设"].parent == head1.id
    assert by_text["一是加快推进基础设施建设"].parent == head2.id
    # the speaker's framing is not a directive
    assert not any("我讲两点意见" in d.text for d in rec.directives)


def test_meeting_attribution_has_no_speaker_and_agenda_is_not_a_directive():
    text = (
        "6月28日，县长刘强主持召开县政府常务会议。会议听取了全县经济运行情况汇报。"
        "会议强调，要时刻绷紧疫情防控这根弦，坚决做到早发现、早报告。"
        "会议要求，各乡镇（街道、办事处）要层层落实责任。\n"
    )
    rec = _doc(text)
    assert [d.speaker for d in rec.directives] == [None, None]
    assert not any("听取" in d.text for d in rec.directives)
    assert [u.text for u in rec.directives[1].units] == ["各乡镇（街道、办事处）"]


def test_parallel_headings_take_their_elaboration():
    text = (
        "王刚指出，要抓实项目建设。区委把今年定为攻坚年，各单位要紧紧扭住项目建设。"
        "要抓好营商环境。全区党员干部要统一思想，营造环境。\n"
        "抓好招商引资工作。招商工作不能放松，要不断创新招商方式。\n"
        "抓好工业发展。要大力打造园区载体。\n"
    )
    rec = _doc(text)
    heads = [d.text.split("。")[0] for d in rec.directives]
    assert heads == ["要抓实项目建设", "要抓好营商环境", "抓好招商引资工作", "抓好工业发展"]
    assert "各单位要紧紧扭住项目建设" in rec.directives[0].text
    assert "要不断创新招商方式" in rec.directives[2].text
    assert {d.speaker for d in rec.directives} == {"王刚"}


def test_not_a_person():
    text = (
        "会议强调，要坚持以习近平同志为核心的党中央集中统一领导，深入学习习近平新时代中国特色社会主义思想。"
        "要深刻把握家义书记的讲话要求。\n"
    )
    rec = _doc(text)
    assert rec.people == []


def test_traditional_script_and_page_pinyin():
    text = "5月10日，靜海區(qū)召開領導幹部會議。區(qū)委書記藺雪峰主持會議並講話。藺雪峰強調，要以強烈的責任擔當推進高質量發展。"
    rec = _doc(text)
    assert rec.script == "traditional"
    assert "静海区召开领导干部会议" in rec.text and "(qū)" not in rec.text
    assert _person(rec, "蔺雪峰").title == "区委书记"
    assert rec.directives[0].speaker == "蔺雪峰"
    assert rec.meeting.organizer == "静海区"


def test_spans_point_into_the_clean_text_and_extraction_is_deterministic():
    rec = _doc(NEWS, published="2021-03-06")
    for d in rec.directives:
        assert rec.text[d.span[0] : d.span[1]] == d.text
        for x in (*d.units, *d.deadlines, *d.targets, *d.programmes):
            assert rec.text[x.span[0] : x.span[1]] == x.text
            assert d.span[0] <= x.span[0] <= x.span[1] <= d.span[1]
        assert d.category
    for c in rec.conveyed:
        assert rec.text[c.span[0] : c.span[1]] == c.text
    assert _doc(NEWS, published="2021-03-06") == rec


def test_conveyed_items():
    rec = _doc(
        "会议传达学习了《中国共产党地方委员会工作条例》、《中国共产党统一战线工作条例(试行)》，"
        "研究当前工作。会议传达了中央、省市经济工作会议精神和3月13日市委常委会会议精神。"
    )
    assert [c.text for c in rec.conveyed] == [
        "《中国共产党地方委员会工作条例》",
        "《中国共产党统一战线工作条例(试行)》",
        "中央、省市经济工作会议精神",
        "3月13日市委常委会会议精神",
    ]


def test_api_extract_text_and_extract_file(tmp_path):
    rec = luoshi.extract_text(NEWS)
    assert rec.directives and rec.schema_version
    path = tmp_path / "meeting.txt"
    path.write_bytes(NEWS.encode("gb18030"))
    rec2 = luoshi.extract_file(path)
    assert rec2.source.path == str(path) and rec2.source.sha256
    assert rec2.text == rec.text
