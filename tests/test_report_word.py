"""The Word files of the study outline and the comparison, read as XML (issue 18, item 6).

A4 paper; a zh-CN East Asian language tag and Chinese fonts without theme
fonts in the styles (LibreOffice otherwise draws Japanese glyph forms, Word
the theme's font); the report's title as the document title and no
"python-docx" anywhere in the metadata; the quiz answers as a real numbered
list; alt text on pictures; table columns that fit their text. When
LibreOffice is installed, the reference document's 提法 table is laid out and
its pages counted.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

import policytext as pt
from policytext.render import _word
from policytext.render.compare_report import to_docx as comparison_docx
from policytext.render.study_report import IMAGE_CAPTIONS, to_docx

docx = pytest.importorskip("docx")

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
DC = "{http://purl.org/dc/elements/1.1/}"
CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
#: Styles the reports use, and the East Asian font each must name.
STYLE_FONTS = {"Normal": "宋体", "List Bullet": "宋体", "List Number": "宋体",
               "Title": "黑体", "Heading 1": "黑体", "Heading 2": "黑体", "Heading 3": "黑体"}


@pytest.fixture(scope="module")
def ref_summary():
    return pt.summarize(pt.load(pt.reference_path()), pictures=False)


def _png() -> bytes:
    """A valid 1×1 PNG."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b""))


@pytest.fixture(scope="module")
def study_file(ref_summary, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("word") / "study.docx"
    to_docx(ref_summary, images={name: _png() for name in IMAGE_CAPTIONS}).save(str(path))
    return path


@pytest.fixture(scope="module")
def comparison_file(tmp_path_factory) -> Path:
    a = pt.parse("一、要求\n要推进改革。要推进改革。")
    b = pt.parse("一、要求\n要发展新质生产力。要发展新质生产力，推进改革。")
    return comparison_docx(pt.compare(a, b), tmp_path_factory.mktemp("word") / "cmp.docx")


def _xml(path: Path, member: str):
    from lxml import etree

    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(member))


def _check_page_language_metadata(path: Path, title: str) -> None:
    """What the study and the comparison files share: A4, zh-CN, Chinese fonts, title, author."""
    body = _xml(path, "word/document.xml")
    for size in body.iter(f"{W}pgSz"):  # A4 = 210 × 297 mm = 11906 × 16838 twips
        assert abs(int(size.get(f"{W}w")) - 11906) <= 1 and abs(int(size.get(f"{W}h")) - 16838) <= 1
    styles = _xml(path, "word/styles.xml")
    default = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert default.get(f"{W}eastAsia") == "zh-CN"
    by_name = {s.find(f"{W}name").get(f"{W}val").lower(): s for s in styles.iter(f"{W}style")}
    for name, east_asian_font in STYLE_FONTS.items():
        rpr = by_name[name.lower()].find(f"{W}rPr")
        assert rpr.find(f"{W}lang").get(f"{W}eastAsia") == "zh-CN", name
        fonts = rpr.find(f"{W}rFonts")
        assert fonts.get(f"{W}eastAsia") == east_asian_font, name
        assert fonts.get(f"{W}eastAsiaTheme") is None and fonts.get(f"{W}asciiTheme") is None, name  # themes win
    core = _xml(path, "docProps/core.xml")
    assert core.findtext(f"{DC}title") == title
    assert core.findtext(f"{DC}creator") == "policytext" and core.findtext(f"{CP}lastModifiedBy") == "policytext"
    assert core.findtext(f"{DC}language") == "zh-CN"
    with zipfile.ZipFile(path) as z:
        assert not any(n.startswith("docProps/thumbnail") for n in z.namelist())  # the template's empty page
        assert not any(b"python-docx" in z.read(n) for n in z.namelist() if n.startswith("docProps/"))


def test_study_docx_is_a4_chinese_with_its_title(study_file, ref_summary):
    _check_page_language_metadata(study_file, f"{ref_summary.title} 学习提纲")


def test_comparison_docx_is_a4_chinese_with_its_title(comparison_file):
    _check_page_language_metadata(comparison_file, "文件对比：a → b")
    d = docx.Document(str(comparison_file))
    for table in d.tables:  # columns fit their text: the example is the widest column of every table of terms
        widths = [int(c.get(f"{W}w")) for c in table._tbl.tblGrid.iter(f"{W}gridCol")]
        labels = [c.text for c in table.rows[0].cells]
        assert abs(sum(widths) - 9071) <= 5  # the text width: 16 cm
        if "例句" in labels:
            assert widths[labels.index("例句")] == max(widths)


def test_quiz_answers_are_a_numbered_list(study_file, ref_summary):
    d = docx.Document(str(study_file))
    paragraphs = d.paragraphs
    start = [p.text for p in paragraphs].index("参考答案") + 1
    answers = paragraphs[start:start + len(ref_summary.quiz)]
    assert [p.text for p in answers] == ["；".join(q.answers) for q in ref_summary.quiz]  # no typed "1. "
    ids = {p._p.find(f"{W}pPr/{W}numPr/{W}numId").get(f"{W}val") for p in answers}
    assert len(ids) == 1
    num = d.part.numbering_part.element.num_having_numId(int(ids.pop()))
    assert num.find(f"{W}lvlOverride/{W}startOverride").get(f"{W}val") == "1"
    questions = [p for p in paragraphs[:start] if p.style.name == "List Number"][-len(ref_summary.quiz):]
    assert questions[0]._p.pPr.numPr.numId.val != int(num.get(f"{W}numId"))  # its own list, restarting at 1


def test_pictures_have_alt_text(study_file):
    body = _xml(study_file, "word/document.xml")
    assert [p.get("descr") for p in body.iter(f"{WP}docPr")] == list(IMAGE_CAPTIONS.values())


def test_formulation_table_columns_fit_their_text(study_file, ref_summary):
    d = docx.Document(str(study_file))
    table = d.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["提法", "类别", "次数", "内涵", "出处"]
    tbl = table._tbl
    grid = [int(c.get(f"{W}w")) for c in tbl.tblGrid.iter(f"{W}gridCol")]
    assert tbl.tblPr.find(f"{W}tblLayout").get(f"{W}type") == "fixed"
    for tr in tbl.tr_lst:  # Word reads the cells' widths, LibreOffice the grid's: the same
        assert [tc.width.twips for tc in tr.tc_lst] == grid
    assert tbl.tr_lst[0].find(f"{W}trPr/{W}tblHeader") is not None  # the header on every page
    em = 11 * 20  # twips per character at 11 pt
    term, category, count, expansion, source = grid
    assert abs(sum(grid) - 9071) <= 5  # the text width of A4 with 2.5 cm margins: 16 cm
    assert category >= 5 * em + 216 and count >= 2 * em + 216  # 数字化表述 and 次数 on one line (+ cell margins)
    assert term + category + count < 0.45 * sum(grid)  # narrow columns …
    assert min(expansion, source) > max(term, category, count)  # … and the text columns the rest
    assert len(set(grid)) == len(grid)  # not the equal widths of python-docx


def test_column_widths_share_the_rest_for_the_fewest_lines():
    rows = [("提法", "次数", "内涵", "出处"), ("甲", "1", "长" * 40, "短" * 10), ("乙", "2", "", "中" * 20)]
    sizes = [[_word.display_width(c) for c in r] for r in rows]
    widths = _word.column_widths(rows, (6, 3, None, None), 50, pad=1)
    assert widths[0] == widths[1] == 3.25 and sum(widths) == pytest.approx(50)  # narrow: their text + padding
    lines = _word._table_lines(sizes, [w - 1 for w in widths])
    assert lines == 1 + 2 + 1  # 40 characters on two lines, 10 and 20 on one
    assert lines < _word._table_lines(sizes, [50 / 4 - 1] * 4)  # equal widths: 1 + 4 + 2
    # narrow columns that would leave the text columns no room are scaled down together
    squeezed = _word.column_widths([("名" * 25, "数" * 25, "文", "文")], (30, 30, None, None), 20, pad=1)
    assert sum(squeezed) == pytest.approx(20) and squeezed[0] == squeezed[1] and min(squeezed[2:]) >= 4


def test_titles_too_long_or_not_xml_are_cut_and_cleaned(tmp_path):
    d = _word.new_document("关于\x01" + "长" * 300)
    assert d.core_properties.title == "关于" + "长" * 253
    d.save(str(tmp_path / "t.docx"))
    assert docx.Document(str(tmp_path / "t.docx")).core_properties.author == "policytext"


# -- LibreOffice lays the table out (skipped without it) -------------------------------------------

def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _pdf_pages(docx_path: Path, workdir: Path) -> int:
    """Pages of ``docx_path`` as LibreOffice lays it out, with the Chinese font policytext draws with."""
    from policytext.render.fonts import font_path

    conf = workdir / "fonts.conf"
    conf.write_text(f'<?xml version="1.0"?><fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
                    f"<dir>{font_path().parent}</dir><cachedir>{workdir / 'fc'}</cachedir></fontconfig>",
                    encoding="utf-8")
    env = dict(os.environ, FONTCONFIG_FILE=str(conf), HOME=str(workdir))
    soffice = _soffice()
    assert soffice is not None
    subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(workdir), str(docx_path)],
                   env=env, check=True, capture_output=True, timeout=300)
    pdf = (workdir / f"{docx_path.stem}.pdf").read_bytes()
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


def _table_only(source: Path, target: Path, *, equal_widths: bool = False) -> None:
    """The first table of ``source`` alone on its pages (optionally with python-docx's equal widths)."""
    d = docx.Document(str(source))
    body = d.element.body
    table = body.find(f"{W}tbl")
    for el in list(body):
        if el is not table and el.tag != f"{W}sectPr":
            body.remove(el)
    if equal_widths:
        grid = table.find(f"{W}tblGrid").findall(f"{W}gridCol")
        width = sum(int(c.get(f"{W}w")) for c in grid) // len(grid)
        for el in (*grid, *table.iter(f"{W}tcW")):
            el.set(f"{W}w", str(width))
    d.save(str(target))


@pytest.mark.slow
@pytest.mark.skipif(_soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_lays_the_formulation_table_on_fewer_pages(study_file, tmp_path):
    fitted, equal = tmp_path / "fitted.docx", tmp_path / "equal.docx"
    _table_only(study_file, fitted)
    _table_only(study_file, equal, equal_widths=True)
    pages = {"fitted": _pdf_pages(fitted, tmp_path), "equal": _pdf_pages(equal, tmp_path)}
    print(pages)  # measured: fitted 3, equal widths 5 (before: equal widths on Letter, 5)
    assert pages["fitted"] <= 3 and pages["fitted"] < pages["equal"]


def test_study_docx_parts_are_level_2_headings_over_their_sections(tmp_path):
    """A page with parts: each part a Heading 2 (its heading lines on one line), its sections Heading 3,
    its 导语/结束语 under it; the document's closing a part of its own (Heading 1)."""
    text = ("领导班子述职报告\n述职报告\n张三 副校长\n"
            "一、履行职责情况\n一年来，我认真履行分管工作职责，推动教学质量稳步提升。\n"
            "二、存在问题\n理论学习还不够深入，要持续加强理论学习。\n"
            "述职报告\n李四 副校长\n"
            "一、履行职责情况\n一年来，我全面加强校园安全管理，完善应急预案。\n"
            "同志们！让我们团结一心，努力开创学校工作新局面。")
    path = tmp_path / "parts.docx"
    to_docx(pt.summarize(text, pictures=False)).save(str(path))
    paragraphs = [(p.style.name, p.text) for p in docx.Document(str(path)).paragraphs]
    body = paragraphs[[t for _, t in paragraphs].index("二、分部分学习要点") + 1:]
    heads = [(style, t) for style, t in body if style.startswith("Heading")]
    assert heads[:5] == [("Heading 2", "述职报告 张三 副校长"), ("Heading 3", "一、履行职责情况"), ("Heading 3", "二、存在问题"),
                         ("Heading 2", "述职报告 李四 副校长"), ("Heading 3", "一、履行职责情况")]
    after = [t for _, t in body[[t for _, t in body].index("一、履行职责情况", 10):]]
    assert "结束语：" in after and any(t.endswith("（第二篇结束语，第2句）") for t in after)
    styles = {s.name: s for s in docx.Document(str(path)).styles if s.type == 1}
    east_asia = styles["Heading 3"].element.rPr.rFonts.get(f"{W}eastAsia")
    assert east_asia == "黑体"  # the new heading level is in the Chinese heading font too
    plain = pt.summarize("一、总则\n要学习。\n二、附则\n要落实。\n同志们！让我们团结奋斗。", pictures=False)
    h = [(p.style.name, p.text) for p in to_docx(plain).paragraphs if p.style.name.startswith("Heading")]
    assert ("Heading 1", "三、结束语要点") in h and not any(style == "Heading 3" for style, _ in h)
