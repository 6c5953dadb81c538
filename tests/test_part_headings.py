"""Part headings of saved pages: page numbers, lists of attachments and titles over two lines (session 8, T8);
and formats whose lines are paragraphs (.docx, web pages), which are never rejoined as hard-wrapped text.

Over ``../shared/headed`` the parts' headings of sx_11405 (page numbers and a table's total before a plan's title,
a list of attachments that ran into the next plan's title) and of sx_11504, sx_13738, sx_8785 (an attachment's
title whose second line was cut off) changed; sx_10720's second part now starts at its own title. No text of the
shared documents is stored here: the test over them checks properties.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import policytext as pt
from policytext.text._parts import annex_heading
from policytext.text.layout import RE_NUMBER_LINE, is_intro_line
from policytext.text.normalize import normalize

REPO = Path(__file__).resolve().parent.parent
HEADED = Path(os.environ.get("POLICYTEXT_SHARED", REPO.parent / "shared")) / "headed"

NOTICE = "某某学校关于项目的通知\n一、目的\n要学习。\n二、范围\n要落实。\n"
PLAN = "某某计划实施方案\n一、目的\n要学习。\n二、范围\n要落实。"


def parts(doc: pt.Document) -> list[str]:
    return [s.heading for s in doc.sections if s.kind == "part"]


# -- page numbers and numbers alone ------------------------------------------------------------

@pytest.mark.parametrize("line", ["12", "3000", "- 6 -", "—9—", "第3页", "2019年6月22日"])
def test_a_number_or_a_date_alone_introduces_no_part(line):
    assert RE_NUMBER_LINE.match(line) and not is_intro_line(line)


@pytest.mark.parametrize("line", ["2021年度述职报告", "第四届教学竞赛", "“英贤计划”实施方案", "附录"])
def test_titles_still_introduce_parts(line):
    assert is_intro_line(line)


def test_a_page_number_and_a_total_before_a_plans_title_are_not_its_heading():
    doc = pt.parse(NOTICE + "3000\n注：金额为税后。\n9\n" + PLAN)
    assert parts(doc)[1:] == ["某某计划实施方案"]
    assert "3000" in [s.text for s in doc.sentences]  # the table's total stays text of the part before


# -- a list of attachments that the next part's title follows --------------------------------------

def test_an_attachment_line_that_goes_on_a_list_of_attachments_introduces_no_part():
    doc = pt.parse(NOTICE.replace("二、范围\n要落实。\n", "二、细则\n见附件1：《甲细则》\n附件2：《乙细则》\n12\n") + PLAN)
    assert parts(doc)[1:] == ["某某计划实施方案"]
    assert "附件2：《乙细则》" in [s.text for s in doc.sections[0].sentences]


def test_an_attachment_after_text_still_introduces_its_part():
    doc = pt.parse(NOTICE + "附件1\n" + PLAN)
    assert parts(doc)[1:] == ["附件1\n某某计划实施方案"]


# -- an attachment's title over two lines ---------------------------------------------------------

TABLE = "（满分20分）\n选手编号：\n评分项目\n分值\n得分\n教学目标\n5\n"


def test_an_attachments_title_on_two_lines_heads_its_part():
    doc = pt.parse(NOTICE + "附件2：\n第四届教学竞赛\n教学设计评分表\n" + TABLE
                   + "附件3：\n第四届教学竞赛\n区（县、市）及单位\n姓名\n性别\n职务\n电话\n备注")
    assert parts(doc)[1:] == ["附件2：\n第四届教学竞赛\n教学设计评分表", "附件3：\n第四届教学竞赛"]


@pytest.mark.parametrize(("nxt", "after", "n"), [
    ("第四届教学竞赛", "参赛代表队人员汇总表", 3),
    ("第四届教学竞赛", "区（县、市）及单位", 2),      # a table's header, not the title's end
    ("第四届教学竞赛评分表", "课堂教学评分表", 2),      # the title already ends with what it is
    ("第四届教学竞赛", "这是一份很长的说明不像标题的行汇总表", 2),  # too long for a title's second line
    ("第四届教学竞赛", None, 2),
])
def test_annex_heading_takes_a_third_line_only_when_it_ends_the_title(nxt, after, n):
    assert annex_heading("附件2：", nxt, after=after) == n


@pytest.mark.skipif(not (HEADED / "MANIFEST.tsv").is_file(), reason=f"../shared/headed not found at {HEADED}")
def test_no_part_of_a_headed_page_is_headed_by_a_number_or_a_date_line():
    bad = []
    for path in sorted(HEADED.glob("sx_*.txt")):
        doc = pt.load(path)
        for head in parts(doc):
            lines = head.split("\n")
            if any(RE_NUMBER_LINE.match(x) for x in lines):
                bad.append((path.name, len(lines)))
    assert bad == []


# -- formats whose lines are paragraphs ------------------------------------------------------------

#: Lines that look hard-wrapped (the same width, no sentence end): plain text is rejoined, paragraphs are not.
WRAPPED = ["要坚持党管机构编制原则，深化机构改", "革，推进机构编制法定化，提高机构编", "制资源使用效益，为推进国家治理体系",
           "和治理能力现代化提供体制机制保障，", "切实把党中央决策部署落到实处，确保", "各项改革任务落地见效。"]


def _html(lines: list[str]) -> bytes:
    return ("<html><head><title>通知</title></head><body>" + "".join(f"<p>{x}</p>" for x in lines)
            + "</body></html>").encode("utf-8")


def test_plain_text_that_looks_wrapped_is_still_rejoined():
    assert pt.parse("\n".join(WRAPPED)).text.count("\n") == 0


def test_docx_paragraphs_are_never_rejoined():
    from _helpers import docx_bytes

    pytest.importorskip("docx")
    doc = pt.load(docx_bytes(WRAPPED))
    assert doc.text.split("\n") == WRAPPED


def test_html_paragraphs_are_never_rejoined():
    doc = pt.load(_html(WRAPPED))
    assert doc.text.split("\n")[-len(WRAPPED):] == WRAPPED


def test_normalize_can_leave_wrapped_lines_alone():
    assert normalize("\n".join(WRAPPED), unwrap=False).split("\n") == WRAPPED
    assert normalize("\n".join(WRAPPED)) != normalize("\n".join(WRAPPED), unwrap=False)


_LINE = st.text(alphabet="要坚持学习深化改革推进工作，。", min_size=1, max_size=24).map(lambda s: s.strip("，") or "学")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_LINE, min_size=1, max_size=12))
def test_every_web_page_paragraph_stays_a_line(lines):
    doc = pt.load(_html(lines))
    assert [x for x in doc.text.split("\n") if x != "通知"] == [normalize(x) for x in lines if normalize(x) != "通知"]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["要坚持学习。", "要坚持学习。要推进改革。", "深化改革，推进工作，坚持学习"]),
                min_size=6, max_size=12))
def test_every_docx_paragraph_stays_a_line(lines):
    from _helpers import docx_bytes

    pytest.importorskip("docx")
    assert pt.load(docx_bytes(lines)).text.split("\n") == lines
