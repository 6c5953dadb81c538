"""Word files a first review missed (issue 18, item 11): built here, byte by byte where it matters."""

from __future__ import annotations

import io
import struct
import time
import tracemalloc
import zipfile

import pytest

import policytext as pt
from policytext.errors import DocumentTooLargeError, UnsupportedFormatError
from policytext.text import _docx
from policytext.text.io import read_text

NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
      'xmlns:v="urn:schemas-microsoft-com:vml" '
      'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"')
CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?>'
                 '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 '<Default Extension="xml" ContentType="application/xml"/></Types>')
MAIN_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
PROLOG = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'


def rels(target: str = "word/document.xml") -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{MAIN_REL}" Target="{target}"/></Relationships>')


def para(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def document_xml(body: str, prolog: str = PROLOG) -> str:
    return f"{prolog}<w:document {NS}><w:body>{body}<w:sectPr/></w:body></w:document>"


def make_docx(body: str, *, prolog: str = PROLOG, part: str = "word/document.xml") -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", rels(part))
        zf.writestr(part, document_xml(body, prolog))
    return buf.getvalue()


def nested_tables(depth: int, inner: str = para("深处的文字。")) -> str:
    xml = inner
    for _ in range(depth):
        xml = f"<w:tbl><w:tblPr/><w:tr><w:tc><w:tcPr/>{xml}</w:tc></w:tr></w:tbl><w:p/>"
    return xml


@pytest.mark.parametrize("extra", [
    "<!-- 修订意见：请核实 -->",
    '<?mso-application progid="Word.Document"?>',
    "<w:p><!-- 段内注释 --><w:r><w:t>要</w:t></w:r><?pi here?><w:r><w:t>落实。</w:t></w:r></w:p>",
])
def test_comments_and_processing_instructions_are_not_text(extra):
    data = make_docx(para("要学习。") + extra + para("要推进。"))
    text = read_text(data)
    assert text.startswith("要学习。") and text.endswith("要推进。")
    assert "修订" not in text and "pi here" not in text and "mso" not in text


def test_entities_declared_in_the_file_are_expanded_within_limits():
    prolog = '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x "学习">]>'
    assert pt.load(make_docx(para("要&x;。"), prolog=prolog)).sentences[0].text == "要学习。"
    # an external entity is never fetched, and a "billion laughs" file is refused, quickly
    xxe = '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    with pytest.raises(UnsupportedFormatError, match="corrupt Word file"):
        read_text(make_docx(para("&x;"), prolog=xxe))
    laughs = ('<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
              + "".join(f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">' for i in range(9)) + "]>")
    t0 = time.perf_counter()
    with pytest.raises(UnsupportedFormatError, match="corrupt Word file.*amplification"):
        read_text(make_docx(para("&j;"), prolog=laughs))
    assert time.perf_counter() - t0 < 5


def test_nested_tables_give_each_text_once():
    text = read_text(make_docx(nested_tables(50)))
    assert text.count("深处的文字。") == 1
    row = read_text(make_docx(
        "<w:tbl><w:tr><w:tc>" + para("甲") + para("乙") + "</w:tc><w:tc>" + nested_tables(2, para("丙")) + "</w:tc>"
        "</w:tr></w:tbl>"))
    assert row == "甲 乙\t丙"  # one line per row, cell paragraphs joined by a space


def test_too_deep_nesting_is_a_clear_error():
    with pytest.raises(UnsupportedFormatError, match="more than 100 levels deep"):
        read_text(make_docx(nested_tables(_docx.MAX_NESTING + 5)))
    deep = "<w:sdt><w:sdtContent>" * 50_000 + para("x") + "</w:sdtContent></w:sdt>" * 50_000
    with pytest.raises(UnsupportedFormatError, match="levels deep"):
        read_text(make_docx(deep))


def _text_box(text: str) -> str:
    box = f"<w:txbxContent>{para(text)}</w:txbxContent>"
    return ("<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wp:anchor><a:graphic><a:graphicData>"
            f"<wps:wsp><wps:txbx>{box}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>"
            f"</mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict>"
            "</mc:Fallback></mc:AlternateContent></w:r>")


def test_text_boxes_are_read_once_after_their_paragraph():
    body = f"<w:p><w:r><w:t>正文第一句。</w:t></w:r>{_text_box('文本框里的话。')}<w:r><w:t>正文第二句。</w:t></w:r></w:p>"
    assert read_text(make_docx(body)) == "正文第一句。正文第二句。\n文本框里的话。"
    nested = f"<w:p>{_text_box('外框。')}</w:p>".replace(para("外框。"), f"<w:p>{_text_box('内框。')}</w:p>")
    assert read_text(make_docx(nested)).split("\n").count("内框。") == 1


def test_content_controls_are_read():
    body = ("<w:sdt><w:sdtPr><w:alias w:val=\"标题\"/></w:sdtPr><w:sdtContent>" + para("一、总体要求")
            + "</w:sdtContent></w:sdt>"
            + "<w:p><w:r><w:t>要坚持</w:t></w:r><w:sdt><w:sdtContent><w:r><w:t>党的全面领导</w:t></w:r>"
            "</w:sdtContent></w:sdt><w:r><w:t>。</w:t></w:r></w:p>"
            + "<w:tbl><w:sdt><w:sdtContent><w:tr><w:sdt><w:sdtContent><w:tc>" + para("编制")
            + "</w:tc></w:sdtContent></w:sdt><w:tc>" + para("10名") + "</w:tc></w:tr></w:sdtContent></w:sdt></w:tbl>")
    doc = pt.load(make_docx(body))
    assert doc.sections[0].heading == "总体要求"
    assert doc.sentences[0].text == "要坚持党的全面领导。"
    assert "编制 10名" in doc.text


def test_breaks_and_tabs_separate_text():
    body = ("<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr>"
            "<w:r><w:t>一、总体要求</w:t><w:br/><w:t>要坚持学习。</w:t><w:br w:type=\"page\"/>"
            "<w:t>二、任务</w:t><w:cr/><w:t>编制</w:t><w:tab/><w:t>10名</w:t></w:r></w:p>"
            "<w:p><w:r><w:t>三-1</w:t><w:noBreakHyphen/><w:t>2</w:t></w:r>"
            "<w:del><w:r><w:delText>删除的字</w:delText></w:r></w:del>"
            "<w:r><w:fldChar w:fldCharType=\"begin\"/><w:instrText>PAGE</w:instrText></w:r></w:p>")
    assert read_text(make_docx(body)) == "一、总体要求\n要坚持学习。\n二、任务\n编制\t10名\n三-1-2"
    doc = pt.load(make_docx(body))
    assert [s.heading for s in doc.sections] == ["总体要求", "任务"]
    assert doc.sentences[0].text == "要坚持学习。"


def test_main_part_found_through_the_package_relationships():
    data = make_docx(para("要学习。"), part="word/document2.xml")
    assert read_text(data) == "要学习。"


def _lying_bomb(real_size: int) -> bytes:
    """A .docx whose word/document.xml inflates to ``real_size`` bytes but declares 1,000 in the zip index."""
    xml = document_xml(" " * real_size).encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", rels())
        zf.writestr("word/document.xml", xml)
    data = bytearray(buf.getvalue())
    name = b"word/document.xml"
    for sig, name_at, size_at, head in ((b"PK\x03\x04", 26, 22, 30), (b"PK\x01\x02", 28, 24, 46)):
        pos = data.find(sig)
        while pos >= 0:
            (name_len,) = struct.unpack("<H", data[pos + name_at:pos + name_at + 2])
            if data[pos + head:pos + head + name_len] == name:
                data[pos + size_at:pos + size_at + 4] = struct.pack("<I", 1000)
            pos = data.find(sig, pos + 4)
    return bytes(data)


def test_zip_bomb_that_lies_about_its_size_is_stopped_early(monkeypatch):
    import policytext.text.io as pio

    monkeypatch.setattr(pio, "MAX_DOCX_UNCOMPRESSED", 1_000_000)
    data = _lying_bomb(60_000_000)
    assert len(data) < 200_000
    assert zipfile.ZipFile(io.BytesIO(data)).getinfo("word/document.xml").file_size == 1000
    tracemalloc.start()
    try:
        with pytest.raises(DocumentTooLargeError, match="exceeds the limit of 1000000 bytes"):
            read_text(data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8_000_000  # the 60 MB are never inflated (python-docx's zipfile read inflated all of it)


def test_encrypted_or_odd_members_are_clear_errors():
    data = bytearray(make_docx(para("要学习。")))
    pos = data.find(b"PK\x01\x02")
    while pos >= 0:  # set the "encrypted" flag of every member in the central directory
        data[pos + 8] |= 1
        pos = data.find(b"PK\x01\x02", pos + 4)
    with pytest.raises(UnsupportedFormatError, match="encrypted"):
        read_text(bytes(data))
    no_body = io.BytesIO()
    with zipfile.ZipFile(no_body, "w") as zf:
        zf.writestr("word/document.xml", f"<w:document {NS}/>")
    with pytest.raises(UnsupportedFormatError, match="corrupt Word file.*no document body"):
        read_text(no_body.getvalue())


def test_python_docx_file_with_a_nested_table(tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_heading("关于做好机构编制工作的通知", level=1)
    d.add_paragraph("一、总体要求")
    d.add_paragraph("要坚持党管机构编制原则。")
    table = d.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text = "编制"
    table.rows[0].cells[1].text = "10名"
    inner = table.rows[1].cells[1].add_table(rows=1, cols=1)
    inner.rows[0].cells[0].text = "内表"
    path = tmp_path / "notice.docx"
    d.save(path)
    assert read_text(path).split("\n") == ["关于做好机构编制工作的通知", "一、总体要求", "要坚持党管机构编制原则。",
                                           "编制\t10名", "\t内表"]
