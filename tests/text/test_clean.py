"""Cleaning: boilerplate lines by kind, body kept, headlines, dates, script, pinyin, wrap."""

from __future__ import annotations

import pytest

from luoshi.text import clean
from luoshi.text.rules import classify, load_rules

BODY = [
    "3月15日,区委书记张建国主持召开区委常委会会议,传达学习有关文件精神。",
    "会议强调,各级各部门要切实提高政治站位,确保各项工作落到实处。",
    "会议要求,区发改局要加快推进重点项目建设,年底前全部完工。",
]


def _with(noise: str, *, at: int = 1) -> str:
    lines = list(BODY)
    lines.insert(at, noise)
    return "\n".join(lines)


def _removed(noise: str) -> list[tuple[int, str, str]]:
    return [(r.line_no, r.text, r.reason) for r in clean(_with(noise)).removed]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        # breadcrumbs
        ("当前位置: 首页 > 政务信息 > 魏都要闻", "breadcrumb"),
        ("您当前的位置:首页 - 新闻中心 - 舞钢要闻", "breadcrumb"),
        ("您现在的位置:首页>新闻动态>县域要闻", "breadcrumb"),
        ("首页 > 新闻中心 > 区县动态", "breadcrumb"),
        ("首页 » 政务公开 » 会议信息", "breadcrumb"),
        # page metadata
        ("发布日期:2020-07-21 来源:融媒体中心 浏览次数:", "metadata"),
        (
            "【信息来源:【信息时间:2020-04-30 08:40\xa0 阅读次数: 】【字号 】【我要打印】【关闭",
            "metadata",
        ),
        ("第01版:要闻", "metadata"),
        ("第3版:综合新闻", "metadata"),
        (
            "2022-09-13 16 16 今日衢江 content_293609.html 1 3 区政府召开第12次常务会议 /enpproperty-->",
            "metadata",
        ),
        ("發(fā)布時(shí)間:2024-12-25 瀏覽量: 來(lái)源:", "metadata"),
        ("瀏覽次數(shù):次", "metadata"),
        ("|| 2022-03-23 11:18:04 编辑: 刘燕 审核人:叶玲玲 阅读次数:2236 |", "metadata"),
        ("索 引 号: | hedongquhdqzf/2021-0000010 | 公开目录: | 会议内容 |", "metadata"),
        ("发布日期: | 2021-11-24 | 发布机构: | 河东区政府办公室 |", "metadata"),
        ("时间:2021-05-06 作者:县委办 点击数:312", "metadata"),
        ("来源:XX日报 2021年05月06日", "metadata"),
        ("字号:[大 中 小]", "metadata"),
        ("2021年05月06日 星期四", "metadata"),
        ("2021-05-06 10:21", "metadata"),
        ("上一篇:我县召开安全生产工作会议", "metadata"),
        # share and related widgets, site chrome
        ("分享到:", "widget"),
        ("分享到: 微信 微博 QQ空间", "widget"),
        ("相关文章:", "widget"),
        ("相关链接", "widget"),
        ("微信 智能问答 繁體版", "widget"),
        ("本网站已支持IPV6", "widget"),
        ("掃一掃在手機打開當前頁", "widget"),
        ("【打印本页】【关闭窗口】", "widget"),
        ("打印 | 关闭", "widget"),
        ("(详情请关注开州广播电视台《开州新闻》)", "widget"),
        ("版权所有:XX县人民政府办公室 ICP备05001234号", "widget"),
        # login, paywall, ads
        ("用户登录", "ad"),
        ("还没有账号?", "ad"),
        ("立即注册", "ad"),
        ("预览阅读已结束,若您需要全文或代笔。", "ad"),
        ("请点击👉 mooonya 👈联系老师", "ad"),
        ("购物车", "ad"),
        ("加入Vip免费下载 立即下载", "widget"),
        ("还剩5页未读,继续阅读", "ad"),
        ("预览时标签不可点", "ad"),
        # credits on a line of their own
        ("责任编辑:王小明", "credit"),
        ("文稿:李娜", "credit"),
        ("编辑:方新月", "credit"),
        ("(图文:席新金)", "credit"),
        ("(张明提 弓芳芳)", "credit"),
        ("(记者 严敏慧)", "credit"),
        ("(县政府办)", "credit"),
        ("本报记者 王强 通讯员 李华", "credit"),
        ("文/图 赵六", "credit"),
        ("审核:张三 终审:李四", "credit"),
        # captions and image file names
        ("市委常委会会议召开2.jpg", "caption"),
        ("區委新聞辦供圖", "caption"),
        ("记者 王五 摄", "caption"),
        ("图为会议现场。", "caption"),
        # decoration
        ("|", "decoration"),
        ("———", "decoration"),
        ("* * *", "decoration"),
        ("- 3 -", "decoration"),
        ("第2页 共5页", "decoration"),
    ],
)
def test_boilerplate_line_is_removed_and_listed(line, reason):
    result = clean(_with(line))
    assert [(r.line_no, r.text, r.reason) for r in result.removed] == [(1, line, reason)]
    assert result.text.splitlines() == BODY  # the body, untouched around it


@pytest.mark.parametrize(
    "line",
    [
        # body lines that mention boilerplate words are text
        "会议要求,要拓宽资金来源:争取上级资金、引进社会资本、盘活存量资产。",
        "会议强调,要把好经验好做法分享到各乡镇,形成比学赶超的氛围。",
        "编辑部、融媒体中心要加强正面宣传,营造良好氛围。",
        "会议还研究了干部任免事宜。(县政府办)",
        "(一)加强组织领导",
        "(扩大)",
        "(讨论稿)",
        "一、坚持一个“稳”字,全力保持经济平稳发展",
        "同志们:",
        "下面,我讲三点意见。",
        "云账户(天津)共享经济信息咨询有限公司负责人参加会议。",
        "首先,要提高认识。",
        "2021年12月28日",
        "区委书记 王明",
        "……",
        "确保6月底前完成。",
        # the kind of fragments a hard-wrapped PDF line holds
        "分享到各乡镇,形成比学赶超的",
        "扫码即可办理相关业务,让数据多",
        "要继续阅读原著原文,做到学懂弄通",
        "为重点企业开通VIP服务通道,实行",
        "【大抓项目】全区重点项目集中开工",
        "企业登录后即可办理相关手续,实现",
        "更多关注民生领域的短板问题",
        "第三版规划已经完成修订",
        "公众号累计阅读量",
        "立项→审批→开工→投产",
        "图片、视频等宣传素材要及时报送",
        # meeting-minutes header lines are the meeting's own facts
        "时间:2021年5月6日上午9:00 地点:区委三楼会议室",
        "主持人:王明",
        "出席:区委常委,区政府副区长",
        "联系电话:0371-12345678",
    ],
)
def test_body_lines_are_kept(line):
    result = clean(_with(line))
    assert result.removed == []
    assert result.text.splitlines()[1] == " ".join(line.split())


def test_raw_line_number_and_text_are_exact():
    raw = "  当前位置:首页>要闻  \r\n\r\n" + "\n".join(BODY) + "\n\u3000分享到:\u3000\n"
    result = clean(raw)
    assert [(r.line_no, r.text, r.reason) for r in result.removed] == [
        (0, "  当前位置:首页>要闻  ", "breadcrumb"),
        (5, "\u3000分享到:\u3000", "widget"),
    ]
    assert result.text == "\n".join(BODY)


def test_headline_kept_once_and_its_repeats_removed():
    head = "靜海區召開領導幹部會議 解放思想 下定決心 強化擔當"
    raw = "\n\n".join(["05.11 " + head, head, BODY[0], head, BODY[1], head, BODY[2], head])
    result = clean(raw)
    assert result.title == "静海区召开领导干部会议 解放思想 下定决心 强化担当"
    assert [(r.line_no, r.reason) for r in result.removed] == [
        (6, "repeated_headline"),
        (10, "repeated_headline"),
        (14, "repeated_headline"),
    ]
    lines = result.text.splitlines()
    assert lines[:2] == ["05.11 " + result.title, result.title]
    assert lines[2:] == BODY


def test_page_title_marks_repeats_but_first_occurrence_stays():
    raw = "\n".join(["区委召开常委会会议", *BODY, "区委召开常委会会议"])
    result = clean(raw, title="区委召开常委会会议_某某区人民政府")
    assert result.text.splitlines() == ["区委召开常委会会议", *BODY]
    assert [(r.line_no, r.reason) for r in result.removed] == [(4, "repeated_headline")]


def test_no_title_when_the_document_starts_with_a_sentence():
    assert clean("\n".join(BODY)).title is None
    assert clean("同志们:\n" + "\n".join(BODY)).title is None


def test_title_after_removed_chrome():
    raw = "当前位置: 首页 > 政务信息\n我区召开全区领导干部会议\n" + "\n".join(BODY)
    assert clean(raw).title == "我区召开全区领导干部会议"


@pytest.mark.parametrize(
    ("meta", "date"),
    [
        ("发布日期:2020-07-21 来源:融媒体中心 浏览次数:", "2020-07-21"),
        ("【信息来源:【信息时间:2020-04-30 08:40  阅读次数: 】【字号 】【我要打印】", "2020-04-30"),
        ("发布时间:2021年3月5日 来源:县政府办", "2021-03-05"),
        ("|| 2022-3-23 11:18:04 编辑: 刘燕 阅读次数:2236 |", "2022-03-23"),
        ("发布日期: | 2021-11-24 | 发布机构: | 河东区政府办公室 |", "2021-11-24"),
    ],
)
def test_published_date_from_removed_metadata(meta, date):
    assert clean(_with(meta, at=0)).published == date


def test_no_published_date_from_body_dates():
    assert clean("\n".join(["2019年5月10日,会议召开。", *BODY])).published is None
    assert clean(_with("发布日期:2020-13-45")).published is None  # not a calendar date


def test_traditional_script_converted_and_reported():
    raw = "區委召開常委會會議\n會議強調,各級各部門要切實提高政治站位,確保各項工作落到實處。"
    result = clean(raw)
    assert result.script == "traditional"
    assert (
        result.text
        == "区委召开常委会会议\n会议强调,各级各部门要切实提高政治站位,确保各项工作落到实处。"
    )
    assert clean("\n".join(BODY)).script == "simplified"
    assert clean("Meeting notes only.").script == "unknown"


def test_page_pinyin_removed_real_parentheses_kept():
    raw = (
        "區(qū)委召開(kāi)常委(擴(kuò)大)會(huì)議,雲(yún)賬戶(天津)負(fù)責(zé)人參加。"
        "會(huì)議要求(yāo),各部門(mén)的(de)工作要抓實(shí)。"
    )
    text = clean(raw).text
    assert text == "区委召开常委(扩大)会议,云账户(天津)负责人参加。会议要求,各部门的工作要抓实。"


def test_toneless_syllable_kept_without_page_pinyin():
    assert clean("会议的(de)说明").text == "会议的(de)说明"


def test_white_space_normalised():
    raw = "  会议强调,  要抓好\t落实。 \n\n\n\u3000\u3000会议要求,确保完成。\u00a0\n"
    assert clean(raw).text == "会议强调, 要抓好 落实。\n会议要求,确保完成。"


def test_hard_wrapped_text_is_joined_into_paragraphs():
    para1 = (
        "今天,我们在这里隆重集会,召开全镇新一届村干部履职尽责动员大会。首先,我代表镇党委、"
        "镇政府,向光荣当选的新一届村“两委”班子全体成员,表示最热烈的祝贺和最诚挚的欢迎!"
    )
    para2 = (
        "回顾过去五年,我们的发展步伐是坚实的。全镇经济综合实力显著增强,地区生产总值成功突破"
        "5.2亿元,一般公共预算收入稳步增长,固定资产投资保持了良好势头,更是每一位劳动者共同"
        "奋斗的成果。"
    )
    heading = "一、回望来路,认清发展方位"
    width = 28

    def wrap(p: str) -> list[str]:
        return [p[i : i + width] for i in range(0, len(p), width)]

    raw = "\n".join(["同志们:", *wrap(para1), heading, *wrap(para2)])
    assert clean(raw).text.splitlines() == ["同志们:", para1, heading, para2]


def test_table_rows_are_never_joined():
    rows = [
        f"{i} | 推进第{i}批重点项目建设工作 | 区发改局、区住建局 | 6月底前" for i in range(1, 9)
    ]
    assert clean("\n".join(rows)).text.splitlines() == rows


def test_one_paragraph_per_line_text_is_not_joined():
    assert clean("\n".join(BODY * 3)).text.splitlines() == BODY * 3


def test_rules_are_data_and_compile():
    rules = load_rules()
    assert len(rules) > 40
    assert {r.reason for r in rules} >= {
        "breadcrumb",
        "metadata",
        "widget",
        "ad",
        "credit",
        "caption",
        "decoration",
    }
    assert classify("会议强调,要抓好落实。") is None


def test_empty_input():
    result = clean("")
    assert result.text == ""
    assert result.removed == []
    assert result.title is None


def test_full_width_punctuation_is_boilerplate_too():
    raw = (
        "当前位置：首页 > 新闻中心 > 政务要闻\n"
        "发布日期：2023-08-16 来源：县政府办公室 浏览次数：\n"
        "8月15日，县长王志刚主持召开县政府常务会议。会议要求，要抓好安全生产。\n"
        "分享到：\n"
        "（责任编辑：刘洋）\n"
    )
    out = clean(raw)
    assert out.text == "8月15日，县长王志刚主持召开县政府常务会议。会议要求，要抓好安全生产。"
    assert [r.reason for r in out.removed] == ["breadcrumb", "metadata", "widget", "credit"]
    assert out.published == "2023-08-16"
