"""Reading real files: encodings, HTML, .docx, PDF, bad inputs, directory walks."""

from __future__ import annotations

import io
import types
import zipfile
from pathlib import Path

import docx
import pytest
from pypdf import PdfWriter

from luoshi.text import InputError, iter_paths, read_bytes, read_path
from luoshi.text import read as read_mod

SIMPLIFIED = (
    "区委召开常委会会议\n"
    "3月15日,区委书记张建国主持召开区委常委会会议,传达学习有关文件精神。\n"
    "会议强调,各级各部门要切实提高政治站位,确保各项工作落到实处。\n"
    "会议要求,区发改局要加快推进重点项目建设,年底前全部完工。\n"
)
TRADITIONAL = (
    "區委召開常委會會議\n"
    "3月15日,區委書記張建國主持召開區委常委會會議,傳達學習有關文件精神。\n"
    "會議強調,各級各部門要切實提高政治站位,確保各項工作落到實處。\n"
)


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


# --- plain text in every encoding -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "codec", "expected"),
    [
        (SIMPLIFIED, "utf-8", "utf-8"),
        (SIMPLIFIED, "utf-8-sig", "utf-8"),
        (SIMPLIFIED, "gbk", "gb18030"),
        (SIMPLIFIED, "gb18030", "gb18030"),
        (TRADITIONAL, "big5", "big5"),
        (TRADITIONAL, "utf-16", None),  # BOM, platform byte order
        (SIMPLIFIED, "utf-16-le", "utf-16-le"),  # no BOM
        (SIMPLIFIED, "utf-16-be", "utf-16-be"),  # no BOM
        (TRADITIONAL, "gb18030", "gb18030"),  # Traditional text in a GB file
    ],
)
def test_plain_text_encodings_are_detected_from_bytes(tmp_path, text, codec, expected):
    # the .doc name is a lie on purpose: the bytes decide
    doc = read_path(_write(tmp_path, "meeting.doc", text.encode(codec)))
    assert doc.text == text
    assert doc.format == "text"
    if expected:
        assert doc.encoding == expected
    else:
        assert doc.encoding in ("utf-16-le", "utf-16-be")
    assert doc.bytes == len(text.encode(codec))
    assert doc.sha256 and len(doc.sha256) == 64


def test_big5_bytes_are_not_mistaken_for_gbk():
    # Big5 bytes of common traditional characters decode without error as GBK, into kana and
    # rare characters; the plausibility check must pick Big5.
    raw = TRADITIONAL.encode("big5")
    raw.decode("gb18030")  # the trap: this succeeds
    assert read_bytes(raw).text == TRADITIONAL


def test_gbk_bytes_are_not_mistaken_for_big5():
    raw = SIMPLIFIED.encode("gbk")
    assert raw.decode("big5", errors="replace") != SIMPLIFIED
    doc = read_bytes(raw)
    assert doc.text == SIMPLIFIED
    assert doc.encoding == "gb18030"


def test_short_gbk_line():
    assert read_bytes("会议要求,抓好落实。".encode("gbk")).text == "会议要求,抓好落实。"


def test_latin_text_in_cp1252_falls_back_to_detection():
    text = "Réunion du conseil municipal: décisions et suivi des tâches.\n" * 5
    assert read_bytes(text.encode("cp1252")).text == text


def test_stdin_path_is_kept():
    doc = read_bytes(SIMPLIFIED.encode("gbk"), "-")
    assert doc.path == "-"
    assert doc.text == SIMPLIFIED


# --- bad inputs -------------------------------------------------------------------------


def test_empty_and_blank_files(tmp_path):
    for name, data in (("e.txt", b""), ("b.txt", b" \n\r\n\t"), ("bom.txt", b"\xef\xbb\xbf")):
        with pytest.raises(InputError) as err:
            read_path(_write(tmp_path, name, data))
        assert err.value.reason == "empty file"
        assert str(err.value) == f"{tmp_path / name}: empty file"


def test_binary_file(tmp_path):
    data = bytes(range(256)) * 40
    with pytest.raises(InputError, match="binary file, not a document"):
        read_path(_write(tmp_path, "x.txt", data))


def test_image_and_legacy_word_files_are_named(tmp_path):
    with pytest.raises(InputError, match="PNG"):
        read_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "a.txt")
    with pytest.raises(InputError, match=r"97-2003.*\.docx"):
        read_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "a.doc")


def test_undecodable_text_names_what_was_tried():
    # valid in no candidate encoding: lone continuation bytes mixed with invalid GB/Big5 leads
    data = ("会议".encode() + b"\x80\xff\xfe\x80\xff" * 50 + b"\n") * 20
    with pytest.raises(InputError) as err:
        read_bytes(data, "bad.txt")
    assert err.value.reason.startswith("cannot decode text (tried utf-8, gb18030, big5")
    assert "\n" not in str(err.value)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_path(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_path(tmp_path)


def test_oversized_input_is_refused_before_reading(tmp_path, monkeypatch):
    big = tmp_path / "big.txt"
    with big.open("wb") as f:  # sparse: costs no disk, and must never be read
        f.truncate(read_mod.MAX_INPUT_BYTES + 1)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read an oversized file"))
    with pytest.raises(InputError, match=r"file too large \(100 MB; limit 100 MB\)"):
        read_path(big)


def test_oversized_bytes_are_refused(monkeypatch):
    monkeypatch.setattr(read_mod, "MAX_INPUT_BYTES", 10)
    with pytest.raises(InputError, match="file too large"):
        read_bytes(SIMPLIFIED.encode(), "-")


# --- HTML -------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>区委召开常委会会议_某某区人民政府</title>
<meta name="publishdate" content="2021-03-16"></head>
<body><div class="nav"><a href="/">首页</a> &gt; <a href="/xw">新闻中心</a></div>
<div class="article"><h1>区委召开常委会会议</h1>
<p>3月15日,区委书记张建国主持召开区委常委会会议,传达学习有关文件精神。</p>
<p>会议强调,各级各部门要切实提高政治站位,确保各项工作落到实处。</p>
<table><tr><td>工作任务</td><td>责任单位</td><td>完成时限</td></tr>
<tr><td>推进项目建设</td><td>区发改局</td><td>6月底前</td></tr></table>
{more}
<p>会议要求,要加快推进重点项目建设,年底前全部完工。</p></div>
<div class="footer">版权所有 某某区人民政府 ICP备12345678号</div></body></html>
"""
# a real article is longer than a few lines; too short a page sends trafilatura to its
# fallback extractor, which keeps the navigation
MORE = "".join(
    f"<p>会议指出,第{i}项工作要持续推进,各责任单位要按照时间节点抓好落实,确保取得实效。</p>"
    for i in range(1, 9)
)


def _page(charset: str) -> str:
    return PAGE.format(charset=charset, more=MORE)


def test_html_page_main_content_title_and_date(tmp_path):
    doc = read_path(_write(tmp_path, "page.html", _page("utf-8").encode()))
    assert doc.format == "html"
    assert doc.title == "区委召开常委会会议"
    assert doc.published == "2021-03-16"
    lines = doc.text.splitlines()
    body = [ln for ln in lines if ln.startswith(("会议强调", "会议要求"))]
    assert body == [
        "会议强调,各级各部门要切实提高政治站位,确保各项工作落到实处。",
        "会议要求,要加快推进重点项目建设,年底前全部完工。",
    ]
    table_row = next(ln for ln in lines if "推进项目建设" in ln)
    assert "区发改局" in table_row and "6月底前" in table_row
    assert "<p>" not in doc.text
    assert "首页" not in doc.text and "版权所有" not in doc.text
    assert len([ln for ln in lines if ln.startswith("会议指出")]) == 8


def test_html_is_sniffed_not_taken_from_the_name_and_meta_charset_is_used(tmp_path):
    data = _page("gb2312").encode("gb18030")
    doc = read_path(_write(tmp_path, "page.txt", data))
    assert doc.format == "html"
    assert doc.encoding == "gb18030"
    assert "确保各项工作落到实处" in doc.text


def test_text_mentioning_tags_is_not_html():
    text = "会议指出,<p>标签不是网页。\n会议要求,抓好落实。\n"
    assert read_bytes(text.encode()).format == "text"


# --- .docx ------------------------------------------------------------------------------


def _docx_bytes() -> bytes:
    d = docx.Document()
    d.core_properties.title = "全区领导干部会议"
    d.add_paragraph("全区领导干部会议召开")
    d.add_paragraph("会议强调,要抓好重点项目建设。")
    table = d.add_table(rows=2, cols=3)
    for i, cell in enumerate(table.rows[0].cells):
        cell.text = ("工作任务", "责任单位", "完成时限")[i]
    for i, cell in enumerate(table.rows[1].cells):
        cell.text = ("推进项目建设", "区发改局", "6月底前")[i]
    d.add_paragraph("会议要求,年底前全部完工。")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_docx_paragraphs_and_tables_in_document_order(tmp_path):
    doc = read_path(_write(tmp_path, "minutes.bin", _docx_bytes()))
    assert doc.format == "docx"
    assert doc.title == "全区领导干部会议"
    assert doc.text.splitlines() == [
        "全区领导干部会议召开",
        "会议强调,要抓好重点项目建设。",
        "工作任务 | 责任单位 | 完成时限",
        "推进项目建设 | 区发改局 | 6月底前",
        "会议要求,年底前全部完工。",
    ]


def test_truncated_docx(tmp_path):
    data = _docx_bytes()
    with pytest.raises(InputError, match=r"not a valid \.docx: "):
        read_path(_write(tmp_path, "cut.docx", data[: len(data) // 2]))


def test_zip_without_document_part_is_not_a_docx():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(InputError, match=r"not a valid \.docx: no word/document\.xml"):
        read_bytes(buf.getvalue(), "sheet.xlsx")


def _bomb(member_size: int) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        with zipfile.ZipFile(io.BytesIO(_docx_bytes())) as real:
            for info in real.infolist():
                zf.writestr(info.filename, real.read(info))
        with zf.open("word/media/bomb.bin", "w", force_zip64=True) as f:
            chunk = b"\x00" * (1 << 20)
            for _ in range(member_size >> 20):
                f.write(chunk)
    return buf.getvalue()


def test_zip_bomb_docx_over_the_unpacked_limit(monkeypatch):
    data = _bomb(51 << 20)
    assert len(data) < 1 << 20  # tiny on disk
    monkeypatch.setattr(docx, "Document", lambda *a: pytest.fail("handed a bomb to python-docx"))
    with pytest.raises(InputError, match=r"would unpack to 5\d MB \(limit 50 MB; zip bomb\?\)"):
        read_bytes(data, "bomb.docx")


def test_zip_bomb_docx_by_compression_ratio():
    with pytest.raises(InputError, match=r"bomb\.bin is compressed \d+:1"):
        read_bytes(_bomb(4 << 20), "bomb.docx")


# --- PDF --------------------------------------------------------------------------------


def _pdf(content: bytes | None) -> bytes:
    """A minimal one-page PDF; `content` is its content stream (None: no content at all)."""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >>"
        + (b" /Contents 4 0 R" if content else b"")
        + b" >>",
        b"<< /Length %d >>\nstream\n" % len(content or b"") + (content or b"") + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


TEXT_STREAM = (
    b"BT /F1 12 Tf 72 720 Td (County work meeting held on 12 May) Tj "
    b"0 -16 Td (All units must finish the tasks before June) Tj ET"
)


def test_pdf_text_layer(tmp_path):
    doc = read_path(_write(tmp_path, "minutes", _pdf(TEXT_STREAM)))
    assert doc.format == "pdf"
    assert "County work meeting held on 12 May" in doc.text
    assert "All units must finish the tasks before June" in doc.text


def test_pdf_without_text_layer(tmp_path):
    image_only = b"q 100 0 0 100 72 600 cm 0 0 1 rg 0 0 1 1 re f Q"  # drawing, no text
    for data in (_pdf(image_only), _pdf(None)):
        with pytest.raises(InputError, match="no text layer; OCR it first"):
            read_bytes(data, "scan.pdf")


def test_encrypted_pdf():
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt("secret", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    with pytest.raises(InputError, match=r"encrypted PDF \(password required\)"):
        read_bytes(buf.getvalue(), "locked.pdf")


def test_corrupt_pdf():
    with pytest.raises(InputError, match=r"^bad\.pdf: not a valid PDF: .+$"):
        read_bytes(b"%PDF-1.4\n" + b"garbage " * 50, "bad.pdf")


# --- directories ------------------------------------------------------------------------


def test_iter_paths_walks_sorted_skips_hidden_and_streams(tmp_path):
    for rel in (
        "b/2.txt",
        "b/1.html",
        "a.docx",
        "c/d/e.pdf",
        "notes",
        ".hidden.txt",
        ".git/x.txt",
        "b/.secret/y.txt",
        "b/x.gold.json",
        "img.png",
    ):
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("x")
    it = iter_paths([str(tmp_path), "-", "explicit.json"])
    assert isinstance(it, types.GeneratorType)
    got = [
        Path(p).relative_to(tmp_path).as_posix() if p.startswith(str(tmp_path)) else p for p in it
    ]
    assert got == ["a.docx", "b/1.html", "b/2.txt", "c/d/e.pdf", "notes", "-", "explicit.json"]


def test_iter_paths_is_lazy(tmp_path, monkeypatch):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "1.txt").write_text("x")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("x")
    it = iter_paths([str(tmp_path)])
    first = next(it)
    assert first.endswith("1.txt")
    (tmp_path / "b" / "3.txt").write_text("x")  # created after the walk began
    assert [Path(p).name for p in it] == ["2.txt", "3.txt"]


def test_pdf_encrypted_with_empty_user_password_is_opened():
    from pypdf import PdfReader

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_pdf(TEXT_STREAM))))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    assert "County work meeting" in read_bytes(buf.getvalue(), "perm.pdf").text


def test_html_without_any_text():
    with pytest.raises(InputError, match="html page without text"):
        read_bytes(b"<!DOCTYPE html><html><head></head><body><div></div></body></html>", "x")
