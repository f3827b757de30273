"""The 督查通报 as .docx, laid out after GB/T 9704-2012 (党政机关公文格式):

A4, margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; title in 二号 方正小标宋简体,
centred; body in 三号 (16 pt) 仿宋_GB2312 with a fixed 28.95 pt line pitch (22 lines of 28
characters); first-level headings 黑体, second-level 楷体_GB2312; the issuing body and the
date (Arabic numerals, 2024年6月1日) at the end, right-aligned; page numbers in 四号
半角 Arabic numerals, “— 1 —”, at the foot.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

BODY_FONT, TITLE_FONT, H1_FONT, H2_FONT = "仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312"
SIZE_3, SIZE_2, SIZE_4 = Pt(16), Pt(22), Pt(14)
PITCH = Pt(28.95)


@dataclass
class Bulletin:
    """What a bulletin says; the ledger fills it (see `luoshi.reports.bulletin`)."""

    title: str
    issuer: str
    date: date
    number: str | None = None  # 发文字号, e.g. 青督通〔2024〕5号
    intro: str = ""
    figures: list[str] = field(default_factory=list)  # one sentence each
    ranking: list[tuple[int, str, float]] = field(default_factory=list)  # rank, unit, score
    overdue: list[tuple[str, str, str, int]] = field(default_factory=list)  # task, unit, due, days
    closing: str = "请各单位对照通报情况,认真分析原因,抓紧整改落实,确保各项任务按时保质完成。"


def _font(run, name: str, size: Pt, bold: bool = False) -> None:  # type: ignore[no-untyped-def]
    run.font.name = name
    run.font.size = size
    run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def _para(doc, text: str = "", *, font: str = BODY_FONT, size: Pt = SIZE_3, indent: bool = True,
          align=None, bold: bool = False):  # type: ignore[no-untyped-def]  # fmt: skip
    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = PITCH
    fmt.space_before = fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(32)  # two characters of 三号
    if align is not None:
        p.alignment = align
    if text:
        _font(p.add_run(text), font, size, bold)
    return p


def _page_number_footer(section) -> None:  # type: ignore[no-untyped-def]
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(p.add_run("— "), "宋体", SIZE_4)
    run = p.add_run()
    _font(run, "宋体", SIZE_4)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)
    _font(p.add_run(" —"), "宋体", SIZE_4)


def write_bulletin_docx(b: Bulletin, path: str | Path) -> Path:
    doc = Document()
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.PORTRAIT
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin = Mm(37), Mm(35)
    sec.left_margin, sec.right_margin = Mm(28), Mm(26)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = BODY_FONT, SIZE_3
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), BODY_FONT)
    _page_number_footer(sec)
    if b.number:
        _para(doc, b.number, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, indent=False)
    _para(doc, b.title, font=TITLE_FONT, size=SIZE_2, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, indent=False)
    if b.intro:
        _para(doc, b.intro)
    _para(doc, "一、总体情况", font=H1_FONT)
    for sentence in b.figures:
        _para(doc, sentence)
    _para(doc, "二、考评排名", font=H1_FONT)
    if b.ranking:
        _table(doc, ("名次", "单位", "得分"), [(str(r), u, f"{s:.1f}") for r, u, s in b.ranking])
    else:
        _para(doc, "本期无参与考评的单位。")
    _para(doc, "三、逾期未完成任务", font=H1_FONT)
    if b.overdue:
        _table(doc, ("工作任务", "责任单位", "完成时限", "逾期天数"),
               [(t, u, d, str(n)) for t, u, d, n in b.overdue])  # fmt: skip
    else:
        _para(doc, "本期无逾期任务。")
    _para(doc, "四、工作要求", font=H1_FONT)
    _para(doc, b.closing)
    _para(doc, indent=False)
    _para(doc, indent=False)
    sign = _para(doc, b.issuer, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
    sign.paragraph_format.right_indent = Pt(64)  # 右空四字
    when = _para(doc, f"{b.date.year}年{b.date.month}月{b.date.day}日", indent=False,
                 align=WD_ALIGN_PARAGRAPH.RIGHT)  # fmt: skip
    when.paragraph_format.right_indent = Pt(64)
    path = Path(path)
    doc.save(path)
    return path


def _table(doc, header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:  # type: ignore[no-untyped-def]
    t = doc.add_table(rows=1, cols=len(header))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(t.rows[0].cells, header, strict=True):
        cell.text = ""
        _font(cell.paragraphs[0].add_run(text), H1_FONT, SIZE_4)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for row in rows:
        cells = t.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = ""
            _font(cell.paragraphs[0].add_run(text), BODY_FONT, SIZE_4)
