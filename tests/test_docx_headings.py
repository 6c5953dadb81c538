""".docx headings a reader sees: heading styles and Word's automatic numbering (task D8).

Fixtures are built here, with python-docx or as raw XML (numbering.xml and styles.xml written by hand).
"""

from __future__ import annotations

import io
import warnings
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import policytext as pt
from policytext.errors import DocumentTooLargeError, PolicyTextWarning
from policytext.text import io as pio
from policytext.text._docx import MAX_NESTING, docx_read
from policytext.text._docx_numbering import format_number
from policytext.text._styled_headings import KEY
from policytext.text.io import read_document, read_text
from policytext.text.normalize import normalize

docx = pytest.importorskip("docx")

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
PROLOG = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'


# -- building files ---------------------------------------------------------------

def p(text: str, style: str | None = None, num: tuple[int, int] | None = None, outline: int | None = None) -> str:
    """A paragraph: its style id, its numbering (numId, ilvl) and outline level, if any."""
    ppr = ""
    if style:
        ppr += f'<w:pStyle w:val="{style}"/>'
    if num:
        ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    if outline is not None:
        ppr += f'<w:outlineLvl w:val="{outline}"/>'
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}<w:r><w:t>{text}</w:t></w:r></w:p>"


def lvl(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>')


def numbering(abstracts: dict[int, str], nums: dict[int, tuple[int, str]]) -> str:
    """numbering.xml: abstract numberings (id → levels XML) and instances (id → (abstract id, overrides XML))."""
    body = "".join(f'<w:abstractNum w:abstractNumId="{k}">{v}</w:abstractNum>' for k, v in abstracts.items())
    body += "".join(f'<w:num w:numId="{k}"><w:abstractNumId w:val="{a}"/>{o}</w:num>' for k, (a, o) in nums.items())
    return f"{PROLOG}<w:numbering {W_NS}>{body}</w:numbering>"


def styles(*defs: tuple[str, str, str]) -> str:
    """styles.xml: (style id, name, pPr XML) paragraph styles."""
    body = "".join(f'<w:style w:type="paragraph" w:styleId="{sid}"><w:name w:val="{name}"/>'
                   f'{f"<w:pPr>{ppr}</w:pPr>" if ppr else ""}</w:style>' for sid, name, ppr in defs)
    return f"{PROLOG}<w:styles {W_NS}>{body}</w:styles>"


def make(body: str, *, numbering_xml: str | None = None, styles_xml: str | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", f"{PROLOG}<w:document {W_NS}><w:body>{body}</w:body></w:document>")
        if numbering_xml is not None:
            zf.writestr("word/numbering.xml", numbering_xml)
        if styles_xml is not None:
            zf.writestr("word/styles.xml", styles_xml)
    return buf.getvalue()


def saved(d) -> bytes:
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def tree(doc: pt.Document) -> list[tuple[str, str, str]]:
    return [(s.id, s.marker, s.heading) for s in doc.walk()]


# -- heading styles ------------------------------------------------------------------

def test_english_heading_styles_without_numbers_are_sections_at_their_level():
    d = docx.Document()
    d.add_heading("关于加强学习的实施办法", 0)  # the Title style
    d.add_heading("总则", 1)
    d.add_paragraph("为了加强学习，制定本办法。")
    d.add_heading("适用范围", 2)
    d.add_paragraph("本办法适用于全体党员。")
    d.add_heading("基本原则", 2)
    d.add_paragraph("要坚持学用结合。")
    d.add_heading("附则", 1)
    d.add_paragraph("本办法自发布之日起施行。")
    doc = pt.load(saved(d))
    assert doc.title == "关于加强学习的实施办法"
    assert tree(doc) == [("1", "style", "总则"), ("1.1", "style", "适用范围"), ("1.2", "style", "基本原则"),
                         ("2", "style", "附则")]
    assert [s.text for s in doc.section("1.2").sentences] == ["要坚持学用结合。"]
    assert [s.text for s in doc.section("1").own_sentences] == ["为了加强学习，制定本办法。"]
    assert doc.section("2").label == "" and doc.section("1.2").ordinal == 2
    # nothing invented: every line of the text is a paragraph of the file
    assert set(doc.text.split("\n")) <= {p.text for p in d.paragraphs}
    assert not any(s.text in ("总则", "附则") for s in doc.sentences)  # headings are no sentences


def test_chinese_style_names_and_ids_and_a_style_based_on_a_heading():
    sx = styles(("1", "heading 1", ""),  # Word in Chinese: id "1", the built-in name in English
                ("a2", "标题 2", ""),  # WPS / a localised template: a Chinese name, no outline level
                ("my", "我的小标题", ""),
                ("Normal", "Normal", ""))
    sx = sx.replace('w:styleId="my"><w:name w:val="我的小标题"/>',
                    'w:styleId="my"><w:name w:val="我的小标题"/><w:basedOn w:val="a2"/>')
    body = (p("指导思想", "1") + p("要坚持学习。", "Normal") + p("学习内容", "a2") + p("要学原文。")
            + p("学习方式", "my") + p("要集中学习。") + p("组织保障", "1") + p("要加强领导。"))
    doc = pt.load(make(body, styles_xml=sx))
    assert tree(doc) == [("1", "style", "指导思想"), ("1.1", "style", "学习内容"), ("1.2", "style", "学习方式"),
                         ("2", "style", "组织保障")]


def test_style_ids_without_a_styles_part():
    body = p("总则", "Heading1") + p("要学习。") + p("细则", "标题2") + p("要落实。") + p("附则", "Heading1") + p("施行。")
    doc = pt.load(make(body))
    assert tree(doc) == [("1", "style", "总则"), ("1.1", "style", "细则"), ("2", "style", "附则")]


def test_outline_level_on_the_paragraph_and_body_level_overriding_a_heading_style():
    sx = styles(("Heading1", "heading 1", '<w:outlineLvl w:val="0"/>'))
    body = (p("为了说明，写在前面。") + p("第一段的标题", outline=0) + p("正文一。") + p("小标题", outline=1) + p("正文二。")
            + p("看起来是标题", "Heading1", outline=9) + p("正文三。"))
    doc = pt.load(make(body, styles_xml=sx))
    assert tree(doc) == [("1", "style", "第一段的标题"), ("1.1", "style", "小标题")]
    assert "看起来是标题" in [para.text for para in doc.paragraphs if not para.heading]


def test_a_lone_heading_1_on_the_first_line_is_the_title_but_not_one_of_several():
    d = docx.Document()
    d.add_heading("某某局关于开展读书月活动的通知", 1)
    d.add_paragraph("各科室：")
    d.add_paragraph("一、活动时间")
    d.add_paragraph("4月1日至4月30日。")
    d.add_paragraph("二、活动内容")
    d.add_paragraph("要开展读书分享。")
    doc = pt.load(saved(d))
    assert doc.title == "某某局关于开展读书月活动的通知"
    assert [(s.marker, s.heading) for s in doc.sections] == [("cn", "活动时间"), ("cn", "活动内容")]
    d.add_heading("附件", 1)
    d.add_paragraph("报名表")
    doc = pt.load(saved(d))
    assert doc.title is None and [s.heading for s in doc.sections] == ["某某局关于开展读书月活动的通知", "附件"]


def test_title_block_stops_before_a_styled_heading():
    d = docx.Document()
    d.add_heading("工作要点", 0)
    d.add_heading("总体思路", 1)  # short, no punctuation: the title block would have taken it
    d.add_paragraph("要坚持稳中求进。")
    d.add_heading("重点任务", 1)
    d.add_paragraph("要抓好落实。")
    doc = pt.load(saved(d))
    assert doc.title == "工作要点" and "author" not in doc.metadata
    assert [s.heading for s in doc.sections] == ["总体思路", "重点任务"]


def test_numbered_styled_headings_keep_their_number_and_unstyled_numbering_nests_inside():
    d = docx.Document()
    d.add_heading("一、总体要求", 1)
    d.add_paragraph("（一）指导思想")
    d.add_paragraph("要坚持学习。")
    d.add_paragraph("（二）基本原则")
    d.add_paragraph("要坚持原则。")
    d.add_heading("二、主要任务", 1)
    d.add_paragraph("要抓好落实。")
    doc = pt.load(saved(d))
    assert [(s.id, s.marker, s.label, s.heading) for s in doc.walk()] == [
        ("1", "cn", "一", "总体要求"), ("1.1", "cn_paren", "一", "指导思想"), ("1.2", "cn_paren", "二", "基本原则"),
        ("2", "cn", "二", "主要任务")]


def test_prose_in_a_heading_style_stays_body_text():
    d = docx.Document()
    d.add_heading("学习制度", 0)
    d.add_heading("总则", 1)
    long = "各单位要高度重视，认真组织学习。要结合实际抓好落实，确保取得实效。"
    d.add_heading(long, 2)  # body text typed in a heading style
    doc = pt.load(saved(d))
    assert [s.heading for s in doc.walk()] == ["总则"]
    assert [s.text for s in doc.sentences] == ["各单位要高度重视，认真组织学习。", "要结合实际抓好落实，确保取得实效。"]


def test_headings_in_tables_are_not_sections_and_blank_paragraphs_do_not_shift_them():
    d = docx.Document()
    d.add_heading("总则", 1)
    d.add_paragraph("")
    d.add_paragraph("   ")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).paragraphs[0].style = d.styles["Heading 2"]
    table.cell(0, 0).paragraphs[0].text = "表头"
    table.cell(0, 1).text = "内容"
    d.add_paragraph("")
    d.add_heading("细则", 2)
    d.add_paragraph("要落实。")
    d.add_heading("附则", 1)
    text, meta = read_document(saved(d))
    lines = text.split("\n")
    assert [lines[i] for i, _ in meta[KEY]] == ["总则", "细则", "附则"]
    doc = pt.load(saved(d))
    assert tree(doc) == [("1", "style", "总则"), ("1.1", "style", "细则"), ("2", "style", "附则")]


def test_parsed_again_from_text_and_metadata_keeps_the_headings():
    """A corpus sends a parsed document to workers as its text and metadata (``materialize``)."""
    d = docx.Document()
    d.add_heading("总则", 1)
    d.add_paragraph("　　要学习。")
    d.add_heading("附则", 1)
    d.add_paragraph("施行。")
    doc = pt.load(saved(d))
    again = pt.parse(doc.text, metadata=dict(doc.metadata), raw=doc.raw, normalized=True)
    assert tree(again) == tree(doc) == [("1", "style", "总则"), ("2", "style", "附则")]
    assert pt.parse(doc.text, metadata=dict(doc.metadata)).sections[1].heading == "附则"


def test_malformed_hints_in_metadata_are_ignored():
    text = "总则\n要学习。"
    for bad in (None, "x", [(0,)], [("0", 1)], [(0, 12)], [(-1, 1)], [(5, 1)], [(0, 1.5)], {0: 1}):
        doc = pt.parse(text, metadata={KEY: bad})
        assert doc.sections == [] and doc.text == text


# -- automatic numbering ---------------------------------------------------------------

CN_LIST = numbering(
    {1: lvl(0, "chineseCounting", "%1、") + lvl(1, "chineseCounting", "（%2）")
        + lvl(2, "decimal", "%3.", extra='<w:suff w:val="nothing"/>')},
    {1: (1, ""), 2: (1, ""), 3: (1, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>')})


def test_chinese_automatic_numbering_nested_with_restarts():
    body = (p("总体要求", num=(1, 0)) + p("指导思想", num=(1, 1)) + p("要坚持学习。") + p("基本原则", num=(1, 1))
            + p("坚持原则", num=(1, 2)) + p("注重实效", num=(1, 2))
            + p("主要任务", num=(1, 0)) + p("加强学习", num=(1, 1)) + p("学原文", num=(1, 2))
            + p("组织保障", num=(2, 0)))  # another instance of the same list goes on: 三、
    text = read_text(make(body, numbering_xml=CN_LIST))
    assert text.split("\n") == ["一、\t总体要求", "（一）\t指导思想", "要坚持学习。", "（二）\t基本原则", "1.坚持原则",
                                "2.注重实效", "二、\t主要任务", "（一）\t加强学习", "1.学原文", "三、\t组织保障"]
    doc = pt.load(make(body, numbering_xml=CN_LIST))
    assert [(s.id, s.marker, s.heading) for s in doc.walk() if s.kind == "section"][:4] == [
        ("1", "cn", "总体要求"), ("1.1", "cn_paren", "指导思想"), ("1.2", "cn_paren", "基本原则"),
        ("2", "cn", "主要任务")]
    assert [s.heading for s in doc.sections] == ["总体要求", "主要任务", "组织保障"]


def test_restart_numbering_start_values_and_multi_level_text():
    nx = numbering({1: lvl(0, "decimal", "%1.", start=3) + lvl(1, "decimal", "%1.%2"),
                    2: lvl(0, "decimalEnclosedCircle", "%1", extra='<w:suff w:val="space"/>')},
                   {1: (1, ""), 5: (1, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'),
                    7: (2, "")})
    body = (p("甲", num=(1, 0)) + p("甲一", num=(1, 1)) + p("甲二", num=(1, 1)) + p("乙", num=(1, 0))
            + p("乙一", num=(1, 1)) + p("重新开始", num=(5, 0)) + p("继续", num=(1, 0))
            + p("圈一", num=(7, 0)) + p("圈二", num=(7, 0)) + p("没有编号", num=(0, 0)))
    assert read_text(make(body, numbering_xml=nx)).split("\n") == [
        "3.\t甲", "3.1\t甲一", "3.2\t甲二", "4.\t乙", "4.1\t乙一", "1.\t重新开始", "2.\t继续", "① 圈一", "② 圈二",
        "没有编号"]


def test_numbering_from_the_paragraph_style_and_a_level_restart_rule():
    nx = numbering({1: lvl(0, "chineseCounting", "第%1章", extra='<w:pStyle w:val="Chapter"/><w:suff w:val="space"/>')
                    + lvl(1, "chineseCounting", "第%2条", extra='<w:lvlRestart w:val="0"/><w:suff w:val="space"/>')},
                   {4: (1, "")})
    sx = styles(("Chapter", "heading 1", '<w:numPr><w:numId w:val="4"/></w:numPr><w:outlineLvl w:val="0"/>'))
    body = (p("总则", "Chapter") + p("为了规范管理，制定本条例。", num=(4, 1)) + p("本条例适用于全市。", num=(4, 1))
            + p("附则", "Chapter") + p("本条例自公布之日起施行。", num=(4, 1)))
    text = read_text(make(body, numbering_xml=nx, styles_xml=sx))
    assert text.split("\n") == ["第一章 总则", "第一条 为了规范管理，制定本条例。", "第二条 本条例适用于全市。",
                                "第二章 附则", "第三条 本条例自公布之日起施行。"]  # 条 never restarts
    doc = pt.load(make(body, numbering_xml=nx, styles_xml=sx))
    assert [(s.id, s.marker, s.heading) for s in doc.walk()][:3] == [
        ("1", "part", "总则"), ("1.1", "article", "第一条"), ("1.2", "article", "第二条")]


def test_unknown_formats_bullets_and_odd_values_never_crash():
    nx = numbering({1: lvl(0, "klingonCounting", "%1)") + lvl(1, "bullet", "\uf0b7") + lvl(2, "none", "")
                    + '<w:lvl w:ilvl="x"><w:start w:val="q"/></w:lvl>' + lvl(3, "decimal", "%1.%9", start=-2),
                    2: ""},
                   {1: (1, ""), 2: (2, ""), 3: (99, "")})
    body = (p("一项", num=(1, 0)) + p("圆点", num=(1, 1)) + p("无", num=(1, 2)) + p("深", num=(1, 3))
            + p("空定义", num=(2, 0)) + p("缺抽象", num=(3, 0)) + p("未定义", num=(8, 0)) + p("层级", num=(1, 40)))
    assert read_text(make(body, numbering_xml=nx)).split("\n") == [
        "1)\t一项", "圆点", "无", "1.1\t深", "空定义", "缺抽象", "未定义", "层级"]


def test_format_number_covers_the_common_formats():
    assert [format_number(n, "chineseCounting") for n in (1, 9, 10, 15, 20, 99)] == \
        ["一", "九", "十", "十五", "二十", "九十九"]
    assert format_number(3, "decimalEnclosedParen") == "⑶" and format_number(3, "decimalEnclosedFullstop") == "⒊"
    assert format_number(3, "ideographEnclosedCircle") == "㈢" and format_number(12, "ideographZodiac") == "亥"
    assert format_number(5, "decimalZero") == "05" and format_number(5, "lowerLetter") == "e"
    assert format_number(10, "chineseLegalSimplified") == "壹拾" and format_number(105, "ideographDigital") == "一〇五"
    assert format_number(0, "chineseCounting") == "0" and format_number(10**6, "upperRoman") == "1000000"


def test_our_own_study_docx_reads_back_with_its_sections():
    from policytext.render.study_report import to_docx

    summary = pt.summarize(pt.reference_path(), pictures=False)
    doc = pt.load(saved(to_docx(summary)))
    assert doc.title == f"{summary.title} 学习提纲"
    heads = [s.heading for s in doc.sections]
    assert heads[:3] == ["内容提纲", "导语要点", "分部分学习要点"] and all(s.marker == "cn" for s in doc.sections)
    part = doc.sections[2]
    assert [c.heading for c in part.children] == [sec.heading for sec in pt.load(pt.reference_path()).sections]
    # the key sentences are Word's numbered list, 1. 2. under each section, read back as its items
    assert [c.marker for c in part.children[0].children][:2] == ["num", "num"]


# -- malformed parts ---------------------------------------------------------------------

BODY = p("总体要求", "Heading1", num=(1, 0)) + p("要坚持学习。")


@pytest.mark.parametrize("member", ["numbering", "styles"])
@pytest.mark.parametrize("content", ["<w:numbering", "not xml at all", "\xff\xfe garbage",
                                     f"<a {W_NS}>" + "<w:b>" * (MAX_NESTING + 5) + "</w:b>" * (MAX_NESTING + 5) + "</a>"])
def test_malformed_numbering_or_styles_part_is_left_out_with_a_warning(member, content):
    data = make(BODY, **{f"{member}_xml": content})
    with pytest.warns(PolicyTextWarning, match=f"word/{member}.xml is unreadable"):
        text = read_text(data)
    assert text.split("\n")[1] == "要坚持学习。" and "总体要求" in text


def test_well_formed_parts_give_no_warning_and_bytes_are_not_dumped_in_the_message():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        read_text(make(BODY, numbering_xml=CN_LIST, styles_xml=styles(("Heading1", "heading 1", ""))))
    with pytest.warns(PolicyTextWarning) as rec:
        read_text(make(BODY, numbering_xml="oops"))
    assert "bytes>" in str(rec[0].message) and "PK" not in str(rec[0].message)


def test_the_size_limit_applies_to_styles_and_numbering(monkeypatch):
    big = styles(*[(f"s{i}", f"style {i}", "") for i in range(20_000)])
    data = make(BODY, styles_xml=big)
    monkeypatch.setattr(pio, "MAX_DOCX_UNCOMPRESSED", len(big) // 2)
    with pytest.raises(DocumentTooLargeError):
        read_text(data)
    monkeypatch.setattr(pio, "MAX_DOCX_UNCOMPRESSED", 10 * len(big))
    assert read_text(data).startswith("总体要求")


def test_docx_read_returns_hints_only_for_body_paragraphs():
    body = p("标题", "Title") + p("总则", "Heading1") + "<w:tbl><w:tr><w:tc>" + p("格", "Heading2") \
        + "</w:tc></w:tr></w:tbl>" + p("细则", "Heading2")
    text, hints = docx_read(make(body), "x.docx", limit=10**7, ratio=200)
    assert text.split("\n") == ["标题", "总则", "格", "细则"] and hints == [(0, 0), (1, 1), (3, 2)]


# -- property: heading text ---------------------------------------------------------------

_HEADING = st.text(st.sampled_from("的学习贯彻落实工作要求总则附件一二三ABC12 ，、“”（）·—"), min_size=1, max_size=40)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_HEADING, st.integers(1, 3)), min_size=1, max_size=5))
def test_styled_heading_text_is_kept_exactly_and_nothing_is_invented(heads):
    body = "".join(p(h, f"Heading{level}") + p("要坚持学习。") for h, level in heads)
    data = make(body)
    doc = pt.load(data)
    source = [normalize(h) for h, _ in heads]
    # nothing invented, nothing lost: the text is the file's paragraphs (normalised), in order
    assert doc.text.replace("\n", "") == "".join(f"{h}要坚持学习。" for h in source)
    if len(doc.text.split("\n")) == 2 * len(heads):  # (not rejoined as hard-wrapped text by normalize)
        assert [s.text for s in doc.sentences].count("要坚持学习。") == len(heads)
    for sec in doc.walk():
        assert sec.heading and doc.text[sec.heading_span[0]:sec.heading_span[1]].strip() == sec.heading
