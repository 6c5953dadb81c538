"""Addresses to the hearers after a chapter's last item (各位代表！, 同志们！) and the report's final call.

A paragraph opened by ``各位代表！`` or ``同志们！`` after the last numbered item of a run is no
longer that item's: it is the text of the section around the run, and the report's final
call is the document's closing (``doc.closing``). Sections (ids, headings) never change;
only where sentences belong. Texts here are written for the tests.
"""

from __future__ import annotations

import pytest
from conftest import shared_path
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import policytext as pt
from policytext.text._addresses import closing_line, is_address

#: A government work report in small: review (ending with an address), tasks (一)(二), then the
#: government's own tasks and defence after 各位代表！, then the final call.
GWR = ("一、回顾\n过去一年经济回升。\n各位代表！\n成绩来之不易。\n二、任务\n（一）产业\n要发展产业。\n"
       "（二）民生\n要改善民生。\n各位代表！\n各级政府要加强自身建设。\n各位代表！\n我们要巩固国防。\n"
       "各位代表！\n我们要更加紧密地团结在党中央周围，为建设强国不懈奋斗！")


def _texts(sentences: list[pt.Sentence]) -> list[str]:
    return [s.text for s in sentences]


def _check_spans(doc: pt.Document) -> None:
    """Every sentence reads its span; a section's sentences lie inside its span; the closing after every section."""
    for s in doc.sentences:
        assert doc.text[s.start:s.end] == s.text
    for sec in doc.walk():
        for s in sec.sentences:
            assert sec.start <= s.start and s.end <= sec.end, (sec.id, s.text)
            assert s.section_path[:len(sec.path)] == sec.path
        for child in sec.children:
            assert set(map(id, child.sentences)) <= set(map(id, sec.sentences))
    if doc.closing and not doc.parts:
        assert all(sec.end < doc.closing[0].start for sec in doc.walk())


def test_gwr_blocks_after_the_last_item_belong_to_the_chapter_and_the_call_is_the_closing():
    doc = pt.parse(GWR)
    assert [sec.id for sec in doc.walk()] == ["1", "2", "2.1", "2.2"]
    assert doc.section("2.2").text == "要改善民生。"
    assert _texts(doc.section("2").own_sentences) == ["各位代表！", "各级政府要加强自身建设。", "各位代表！",
                                                      "我们要巩固国防。"]
    assert _texts(doc.closing) == ["各位代表！", "我们要更加紧密地团结在党中央周围，为建设强国不懈奋斗！"]
    # the review has no items: its address stays its text
    assert _texts(doc.section("1").sentences) == ["过去一年经济回升。", "各位代表！", "成绩来之不易。"]
    assert doc.section("2.2").end < doc.text.index("各级政府")
    _check_spans(doc)


def test_the_same_report_without_addresses_keeps_everything_in_the_last_item():
    """Without the address lines (as some copies print the report) nothing tells the blocks apart."""
    doc = pt.parse(GWR.replace("各位代表！\n", ""))
    assert doc.closing == []
    assert "我们要巩固国防。" in _texts(doc.section("2.2").sentences)


def test_a_chapter_closing_address_goes_to_the_chapter_not_the_last_item():
    doc = pt.parse("一、甲\n（一）子一\n要做子一。\n（二）子二\n要做子二。\n同志们！甲事关全局。\n"
                   "二、乙\n要做乙。")
    assert doc.section("1.2").text == "要做子二。"
    assert _texts(doc.section("1").own_sentences) == ["同志们！", "甲事关全局。"]
    assert doc.section("1.2").end < doc.text.index("同志们")
    _check_spans(doc)


CONGRESS = ("一、甲\n（一）子一\n要做子一。\n（二）子二\n要做子二。\n同志们！甲事关全局。\n"
            "二、乙\n（一）子三\n要做子三。\n（二）子四\n要做子四。\n同志们！乙事关长远。\n"
            "三、丙\n（一）子五\n要做子五。\n（二）子六\n要做子六。\n同志们！丙是根本。\n"
            "同志们！让我们团结奋斗！\n青年要勇挑重担。")


def test_chapters_that_end_with_an_address_keep_the_last_one_too():
    """Chapters that end with their own 同志们！ (twice before): the last chapter's is its own, the next is the closing."""
    doc = pt.parse(CONGRESS)
    assert _texts(doc.section("3").own_sentences) == ["同志们！", "丙是根本。"]
    assert doc.section("3.2").text == "要做子六。"
    assert _texts(doc.closing) == ["同志们！", "让我们团结奋斗！", "青年要勇挑重担。"]
    _check_spans(doc)


def test_without_that_pattern_the_first_address_after_the_last_item_opens_the_closing():
    """A report whose chapters do not end with an address: 同志们！ after the last items opens the closing (as before)."""
    doc = pt.parse("一、甲\n要做甲。\n同志们！甲很好。\n二、乙\n（一）子一\n要做子一。\n（二）子二\n要做子二。\n"
                   "同志们！时代呼唤我们。\n团结就是力量。\n同志们！让我们团结奋斗！")
    assert _texts(doc.closing)[:2] == ["同志们！", "时代呼唤我们。"]
    assert len(doc.closing) == 5
    assert doc.section("2.2").text == "要做子二。"
    assert _texts(doc.section("1").sentences) == ["要做甲。", "同志们！", "甲很好。"]


def test_an_address_between_two_items_stays_in_the_first():
    doc = pt.parse("一、甲\n（一）子一\n要做子一。\n同志们！这很重要。\n（二）子二\n要做子二。\n二、乙\n要做乙。")
    assert _texts(doc.section("1.1").sentences) == ["要做子一。", "同志们！", "这很重要。"]
    assert doc.section("1").own_sentences == []


def test_an_address_ends_an_inner_run_up_to_the_run_the_next_heading_continues():
    doc = pt.parse("一、甲\n（一）子一\n1.细一\n要做细一。\n2.细二\n要做细二。\n同志们！子一很重要。\n"
                   "（二）子二\n要做子二。")
    assert doc.section("1.1.2").text == "要做细二。"
    assert _texts(doc.section("1.1").own_sentences) == ["同志们！", "子一很重要。"]
    _check_spans(doc)


def test_an_address_right_after_a_heading_is_that_sections_text():
    doc = pt.parse("一、甲\n（一）子一\n各位代表！\n要做子一。\n二、乙\n要做乙。")
    assert _texts(doc.section("1.1").sentences) == ["各位代表！", "要做子一。"]


def test_without_a_call_the_last_blocks_stay_in_the_chapter():
    doc = pt.parse("一、甲\n要做甲。\n二、乙\n（一）子一\n要做子一。\n各位代表！\n各级政府要加强自身建设。")
    assert doc.closing == []
    assert _texts(doc.section("2").own_sentences) == ["各位代表！", "各级政府要加强自身建设。"]


def test_numbering_that_starts_again_after_an_address_is_left_as_it_was():
    text = "一、甲\n（一）子一\n要做子一。\n（二）子二\n要做子二。\n同志们！甲很好。\n（一）另一\n要做另一。\n（二）另二\n要做另二。"
    plain = text.replace("同志们！", "")
    assert pt.parse(text).outline() == pt.parse(plain).outline()
    assert "甲很好。" in _texts(pt.parse(text).section("1.2").sentences)


def test_a_closing_line_after_a_bare_address_takes_the_address_with_it():
    doc = pt.parse("一、任务\n（一）产业\n要发展。\n各位代表！\n要加强自身建设。\n各位代表！\n让我们团结奋斗！")
    assert _texts(doc.closing) == ["各位代表！", "让我们团结奋斗！"]
    assert _texts(doc.section("1").own_sentences) == ["各位代表！", "要加强自身建设。"]


def test_addresses_recognised():
    assert is_address("各位代表！") and is_address("同志们、朋友们！") and is_address("同志们！让我们前进。")
    assert not is_address("同志们，要学习。") and not is_address("各位代表：") and not is_address("代表们表示，要学习。")
    texts = ["一、任务", "（一）甲", "要做甲。", "各位代表！", "要做乙。"]
    assert closing_line(texts, list(range(5)), [0, 1], {0: "cn", 1: "cn_paren"}, [3], -1) == -1


# -- the shared corpora -----------------------------------------------------------------------------------

def test_gwr_2024_closing_and_chapter_three():
    doc = pt.load(shared_path("gwr_2024.txt"))
    last = doc.section("3.10")
    assert last.sentences[-1].end < doc.text.index("各位代表！", last.start)
    own = doc.section("3").own_sentences
    assert sum(s.text == "各位代表！" for s in own) == 2  # the government's own tasks; defence, Hong Kong … diplomacy
    assert [s.text for s in doc.closing][0] == "各位代表！" and len(doc.closing) == 3
    assert "团结在以习近平同志为核心的党中央周围" in doc.closing[-1].text
    assert len(last.sentences) == 65  # 107 before: everything after the first 各位代表！ was the last item's
    _check_spans(doc)


def test_congress_reports_chapter_endings_and_closings():
    c19 = pt.load(shared_path("congress_19_report.txt"))
    # each chapter with items ends with its own 同志们！ paragraph (三, 五 … 九), and so does 十三
    for sid in ("3", "5", "6", "7", "8", "9", "13"):
        assert c19.section(sid).own_sentences[-3].text == "同志们！", sid
    assert c19.closing[0].text == "同志们！" and "中华民族是历经磨难" in c19.closing[1].text
    c20 = pt.load(shared_path("congress_20_report.txt"))
    assert c20.closing[0].text == "同志们！" and "时代呼唤着我们" in c20.closing[1].text
    assert c20.section("15").sentences[-1].text.endswith("更大治理效能。")
    for doc in (c19, c20):
        _check_spans(doc)


# -- property: addresses never change the sections ----------------------------------------------------------

_BODY = st.sampled_from(["要学习。", "形势很好。", "要落实，要改革。", "甲乙丙。"])
_ADDRESS = st.sampled_from(["各位代表！", "同志们！", "同志们！让我们团结奋斗！", "同志们、朋友们！我们要前进。"])


@st.composite
def _report(draw: st.DrawFn) -> tuple[str, str]:
    """A report of chapters with items, addresses sprinkled in; and the same text with neutral lines instead."""
    lines: list[str] = []
    plain: list[str] = []
    cn = "一二三四五"
    for c in range(draw(st.integers(1, 4))):
        lines.append(f"{cn[c]}、第{c + 1}章")
        for k in range(draw(st.integers(0, 3))):
            lines.append(f"（{cn[k]}）第{k + 1}项")
            for _ in range(draw(st.integers(0, 2))):
                lines.append(draw(_BODY))
            if draw(st.booleans()):
                lines.append(draw(_ADDRESS))
        for _ in range(draw(st.integers(0, 2))):
            lines.append(draw(st.one_of(_BODY, _ADDRESS)))
    for line in lines:
        plain.append("甲" * (len(line) - 1) + "。" if is_address(line) else line)
    return "\n".join(lines), "\n".join(plain)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_report())
def test_addresses_only_move_sentences(pair):
    text, plain = pair
    doc, ref = pt.parse(text), pt.parse(plain)
    assert doc.outline() == ref.outline()
    assert [(sec.id, sec.heading_span) for sec in doc.walk()] == [(sec.id, sec.heading_span) for sec in ref.walk()]
    assert len(doc.sentences) >= len(ref.sentences)
    _check_spans(doc)


@pytest.mark.parametrize("text", [GWR, CONGRESS])
def test_parsing_twice_gives_the_same_assignment(text):
    a, b = pt.parse(text), pt.parse(text)
    assert [s.section_path for s in a.sentences] == [s.section_path for s in b.sentences]
