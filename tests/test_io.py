"""Reading documents: encodings, formats and every bad-input error."""

from __future__ import annotations

import io
import zipfile

import pytest

import policytext as pt
from policytext.errors import (
    DecodingError,
    DocumentNotFoundError,
    EmptyDocumentError,
    InputError,
    InvalidParameterError,
    PolicyTextError,
    UnsupportedFormatError,
)
from policytext.text.io import read_text

REF_TEXT = pt.reference_path().read_text(encoding="utf-8")


def _same_document(a: pt.Document, b: pt.Document) -> None:
    assert a.text == b.text
    assert [s.heading for s in a.sections] == [s.heading for s in b.sections]
    assert [(s.text, s.start, s.end, s.section_path) for s in a.sentences] == [
        (s.text, s.start, s.end, s.section_path) for s in b.sentences
    ]


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-8-sig", "utf-16"])
def test_encodings_parse_to_the_same_document(tmp_path, encoding):
    path = tmp_path / f"ref_{encoding}.txt"
    text = REF_TEXT.replace("\xa0", " ")  # GBK has no no-break space; normalisation maps it to a space anyway
    path.write_bytes(text.encode(encoding))
    _same_document(pt.load(path), pt.load(text))


def test_reference_gb18030_and_bom_copies(tmp_path):
    ref = pt.load(pt.reference_path())
    for enc in ("gb18030", "utf-8-sig"):
        p = tmp_path / f"copy-{enc}.txt"
        p.write_bytes(REF_TEXT.encode(enc))
        _same_document(pt.load(p), ref)


def test_big5_traditional(tmp_path):
    text = "一、總體要求\n要堅持黨的全面領導，推進機構編制法定化。"
    p = tmp_path / "big5.txt"
    p.write_bytes(text.encode("big5"))
    from policytext.errors import TraditionalScriptWarning

    with pytest.warns(TraditionalScriptWarning, match="traditional characters"):  # see README "Bad input"
        doc = pt.load(p)
    assert doc.sections[0].heading == "總體要求"
    assert doc.sentences[0].text == "要堅持黨的全面領導，推進機構編制法定化。"


def test_crlf_and_fullwidth(tmp_path):
    p = tmp_path / "crlf.txt"
    p.write_bytes("一、２０２２年工作\r\n要坚持学习。\r\n\r\n二、任务\r\n要落实。".encode())
    doc = pt.load(p)
    assert [s.heading for s in doc.sections] == ["2022年工作", "任务"]
    assert doc.raw.startswith("一、２０２２")


def test_docx(tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_heading("关于做好机构编制工作的通知", level=1)
    d.add_paragraph("一、总体要求")
    d.add_paragraph("要坚持党管机构编制原则。")
    table = d.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "编制"
    table.rows[0].cells[1].text = "10名"
    path = tmp_path / "notice.docx"
    d.save(path)
    doc = pt.load(path)
    assert doc.title == "关于做好机构编制工作的通知"
    assert doc.sections[0].heading == "总体要求"
    assert doc.sentences[0].text == "要坚持党管机构编制原则。"
    assert "编制 10名" in doc.text


def test_html_strips_tags_scripts_and_decodes_entities(tmp_path):
    html = ("<!DOCTYPE html><html><head><title>t</title><script>alert('x')</script><style>p{}</style></head>"
            "<body><h1>一、总体要求</h1><p>要坚持&amp;落实&lt;条例&gt;。</p><div>二、任务</div><p>要推进改革。</p></body></html>")
    p = tmp_path / "page.html"
    p.write_text(html, encoding="utf-8")
    doc = pt.load(p)
    assert "alert" not in doc.text and "p{}" not in doc.text
    assert [s.heading for s in doc.sections] == ["总体要求", "任务"]
    assert doc.sentences[0].text == "要坚持&落实<条例>。"
    # HTML content in a .txt file is recognised too
    q = tmp_path / "page.txt"
    q.write_text(html, encoding="utf-8")
    assert pt.load(q).text == doc.text


def _png_bytes() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(256))


@pytest.mark.parametrize(
    "make, error, words",
    [
        (lambda p: p.write_bytes(b""), EmptyDocumentError, "empty"),
        (lambda p: p.write_bytes(b"  \n\t\r\n "), EmptyDocumentError, "whitespace"),
        (lambda p: p.write_bytes(_png_bytes()), UnsupportedFormatError, "PNG image"),
        (lambda p: p.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), UnsupportedFormatError, "PDF"),
        (lambda p: p.write_bytes(b"\x00\x01\x02\x03binary\x00data" * 20), UnsupportedFormatError, "NUL bytes"),
        (lambda p: p.write_bytes(bytes([0x81, 0x30, 0xFF, 0xFE, 0x80]) * 3 + b"\xff"), DecodingError, "cannot be decoded"),
    ],
)
def test_bad_files(tmp_path, make, error, words):
    path = tmp_path / "bad.txt"
    make(path)
    with pytest.raises(error) as info:
        pt.load(path)
    msg = str(info.value)
    assert str(path) in msg and words in msg
    assert isinstance(info.value, PolicyTextError) and isinstance(info.value, ValueError)


def test_zip_that_is_not_docx(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("a.txt", "hello")
    path = tmp_path / "archive.zip"
    path.write_bytes(buf.getvalue())
    with pytest.raises(UnsupportedFormatError, match="not a Word .docx"):
        pt.load(path)


def test_corrupt_docx(tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 this is not really a zip archive")
    with pytest.raises(UnsupportedFormatError, match=r"broken\.docx.*not a valid Word file"):
        pt.load(path)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml", "<not-xml")
        zf.writestr("[Content_Types].xml", "<x/>")
    bad = tmp_path / "bad.docx"
    bad.write_bytes(buf.getvalue())
    with pytest.raises(UnsupportedFormatError, match=r"bad\.docx.*corrupt Word file"):
        pt.load(bad)


def test_docx_zip_bomb_is_bounded(tmp_path, monkeypatch):
    import policytext.text.io as pio

    monkeypatch.setattr(pio, "MAX_DOCX_UNCOMPRESSED", 1_000_000)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", "<w/>" + " " * 5_000_000)
    path = tmp_path / "bomb.docx"
    path.write_bytes(buf.getvalue())
    assert path.stat().st_size < 100_000
    with pytest.raises(pt.PolicyTextError, match=r"bomb\.docx.*exceeds the limit"):
        pt.load(path)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(DocumentNotFoundError, match="no such file"):
        pt.load(tmp_path / "nope.txt")
    with pytest.raises(DocumentNotFoundError, match="nope.txt: no such file"):
        pt.load(str(tmp_path / "nope.txt"))
    with pytest.raises(DocumentNotFoundError, match="is a directory"):
        pt.load(tmp_path)
    assert issubclass(DocumentNotFoundError, FileNotFoundError)


def test_load_text_bytes_and_wrong_types():
    assert pt.load("一、要点\n要坚持学习。").sections[0].heading == "要点"
    assert pt.load("要坚持学习。".encode("gb18030")).sentences[0].text == "要坚持学习。"
    with pytest.raises(EmptyDocumentError):
        pt.load("   ")
    with pytest.raises(TypeError):
        pt.load(123)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="unknown encoding"):
        read_text(b"abc", encoding="no-such-codec")
    with pytest.raises(DecodingError, match="not valid utf-8"):
        read_text("党".encode("gbk"), encoding="utf-8")


@pytest.mark.parametrize("bad", [123, None, ["a.txt"]])
def test_wrong_source_types_name_the_parameter(bad):
    with pytest.raises(InvalidParameterError, match=r"The 'source' parameter of read_text must be a path "
                                                    r"\(str or os.PathLike\), an instance of 'bytes'.* Got "):
        read_text(bad)
    with pytest.raises(InvalidParameterError, match=r"The 'source' parameter of load must be a path .*"
                                                    r"an instance of 'Document'\. Got "):
        pt.load(bad)


def test_format_and_path_like_sources(tmp_path):
    with pytest.raises(InvalidParameterError, match="got the unknown value 'pdf'. Available names: docx, html, text"):
        read_text(b"abc", format="pdf")
    assert read_text("<p>要学习。</p>".encode(), format="html") == "要学习。"

    class Where:  # any os.PathLike, not only pathlib.Path
        def __fspath__(self) -> str:
            return str(tmp_path / "a.txt")

    (tmp_path / "a.txt").write_text("一、要点\n要坚持学习。", encoding="utf-8")
    assert read_text(Where()) == "一、要点\n要坚持学习。"
    assert pt.load(Where()).metadata["name"] == "a"


def test_masked_names_become_one_placeholder(reference_doc):
    assert "****" in reference_doc.raw
    assert "****" not in reference_doc.text and "××" in reference_doc.text


def test_html_title_becomes_the_document_title():
    """Audit L7: the <title> of an HTML page was dropped."""
    page = ("<html><head><title>关于加强机构编制管理的通知_某某网</title></head><body>"
            "<p>一、总体要求</p><p>要深化机构改革。</p></body></html>")
    doc = pt.load(page.encode("utf-8"))
    assert doc.title == "关于加强机构编制管理的通知"  # the site name after "_" is not part of it
    assert [s.heading for s in doc.sections] == ["总体要求"] and doc.sentences[0].text == "要深化机构改革。"
    # a page that already shows its title at the top does not get it twice
    shown = ("<html><head><title>关于加强机构编制管理的通知</title></head><body>"
             "<h1>关于加强机构编制管理的通知</h1><p>要深化机构改革。</p></body></html>")
    assert pt.load(shown.encode("utf-8")).text.count("关于加强机构编制管理的通知") == 1
