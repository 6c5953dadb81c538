"""Bullet headings (``■资助条件``) inside an attachment part or a section (session 7, X6b; the page sx_11405).

A line that is a filled bullet (``■●◆▲★``) and a short title (at most 30
characters, no sentence or clause mark) is a section (marker ``"bullet"``,
label the bullet) when a section or part is open, the way a ``一、`` heading
there would be: the numbered items under it are its subsections, and the
next bullet line is its sibling (not a new part, not a line of body text).
Before, in an attachment part, ``■奖励项目`` followed by ``1.`` opened a
part of its own, and ``■资助条件`` followed by a line of text was body text,
so its items hung under the part without the heading that says what they are.

Bullet lines that are body text stay text: a long line with clauses
(``◆关于…，引用…``), a byline before the first heading (``●某某``), form boxes
(``□直聘 □竞聘``). The last test counts, on every page of ``../shared/headed``,
the bullet heading lines after the first section that are sections (15 of
the 15, all on sx_11405, after the change; 1 before, and that one a part).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policytext.text.headings import RE_BULLET_HEADING, heading_style, int_to_cn
from policytext.text.structure import parse

HEADED = Path(os.environ.get("POLICYTEXT_SHARED", Path(__file__).resolve().parent.parent.parent / "shared")) / "headed"

NOTICE = "关于某项目的通知\n一、项目目的\n为了培养人才，设立本项目。\n二、实施细则\n见附件1和附件2。\n"
#: Two attachments as on the page: prose, then bullet headings with numbered items under some of them.
ANNEX_1 = ("附件1\n甲奖实施细则\n本项目旨在奖励优秀团队。\n本项目由教学处负责实施。\n"
           "■奖励原则\n1．体现公开公正的原则。\n2．奖励标准为目标达成度。\n3.每年的目标人数由学校划定。\n"
           "■奖励项目\n1.一段奖。按完成情况进行奖励，达到目标的按班级数奖励。\n"
           "2.高分奖。获全省前五名的，按每人若干万元奖励。\n3.竞赛奖。获得全国金牌的，奖励辅导教师。\n"
           "■资金预算\n预算总计为每年若干万元。\n")
ANNEX_2 = ("附件2\n乙奖实施细则\n本项目旨在资助品学兼优的学生。\n本项目由德育处负责实施。\n"
           "■资助条件\n在以下方面表现优秀的在读学生：\n1.文化课程综合成绩优异，具体为：名次位列年级前100名。\n"
           "2.学科竞赛成绩优异，具体为：取得全国一等奖及以上的成绩。\n3.在善行义举方面有突出典型示范效应。\n"
           "■资助标准\n按照人均若干万元的标准对学生进行资助。\n■资金预算\n每年预算若干万元。\n")


def _rows(doc) -> list[tuple[str, str, str, str]]:
    return [(s.id, s.kind, s.marker, s.heading) for s in doc.walk()]


def test_bullet_headings_are_sections_of_their_attachment_part():
    doc = parse(NOTICE + ANNEX_1 + ANNEX_2)
    assert [(p.id, p.label) for p in doc.parts] == [("1", ""), ("2", "附件1"), ("3", "附件2")]
    bullets = [(s.id, s.label, s.heading) for s in doc.walk() if s.marker == "bullet"]
    assert bullets == [("2.1", "■", "奖励原则"), ("2.2", "■", "奖励项目"), ("2.3", "■", "资金预算"),
                       ("3.1", "■", "资助条件"), ("3.2", "■", "资助标准"), ("3.3", "■", "资金预算")]
    assert all(s.kind == "section" and s.level == 2 for s in doc.walk() if s.marker == "bullet")
    # the numbered items are children of the bullet section above them, not of the part nor a part of their own
    assert [s.id for s in doc.section("2.1").children] == ["2.1.1", "2.1.2", "2.1.3"]
    assert [s.heading for s in doc.section("2.2").children] == ["一段奖", "高分奖", "竞赛奖"]
    assert [s.id for s in doc.section("3.1").children] == ["3.1.1", "3.1.2", "3.1.3"]
    assert doc.section("3").children == [doc.section(f"3.{k}") for k in (1, 2, 3)]


def test_the_conditions_keep_their_heading():
    # the sentences of the items under ■资助条件 are in that section (a task reader sees the heading of requirements)
    doc = parse(NOTICE + ANNEX_1 + ANNEX_2)
    cond = doc.section("3.1")
    texts = [s.text for s in cond.sentences]
    assert texts[0] == "在以下方面表现优秀的在读学生："
    assert [s.heading[:6] for s in cond.children] == ["文化课程综合", "学科竞赛成绩", "在善行义举方"]
    assert all(s.section_path[:2] == (3, 1) for s in cond.sentences)
    assert [p.section_path for p in doc.paragraphs if p.text.startswith(("1.文化", "3.在善"))] == [(3, 1, 1), (3, 1, 3)]
    assert not any("■" in s.text for s in doc.sentences)  # a bullet heading is no sentence
    assert doc.section("2.3").sentences[0].text == "预算总计为每年若干万元。"


def test_a_bullet_heading_parses_as_a_numbered_heading_would():
    # write 一、二、三、 (restarting in each attachment) where the bullets are: the same tree
    text = NOTICE + ANNEX_1 + ANNEX_2
    chunks = re.split(r"(?=^附件\d)", text, flags=re.M)
    numbered = ""
    for chunk in chunks:
        lines = chunk.split("\n")
        marks = [k for k, line in enumerate(lines) if line.startswith("■")]
        for n, k in enumerate(marks, 1):
            lines[k] = int_to_cn(n) + "、" + lines[k][1:]
        numbered += "\n".join(lines)
    assert numbered.count("一、") == 3 and "■" not in numbered
    assert [(i, k, h) for i, k, _, h in _rows(parse(numbered))] == [(i, k, h) for i, k, _, h in _rows(parse(text))]


@pytest.mark.parametrize("line", ["■项目内容", "● 奖励对象", "◆工作要求：", "▲资金预算", "★选聘管理"])
def test_bullet_heading_lines(line):
    m = RE_BULLET_HEADING.match(line)
    assert m is not None and heading_style(m) == "bullet" and m.group("bullet_n") == line[0]


@pytest.mark.parametrize("line", [
    "◆关于制度建设，引用古语，指出要靠法规制度。",  # a clause list item: body text
    "■本项目由教学处负责实施。",
    "□直聘  □校内竞聘  □跨校竞聘",  # form boxes
    "■",
    "■" + "很长的标题" * 7,  # longer than 30 characters
    "○空心圆点",  # an open bullet is a list mark, not a heading
])
def test_not_bullet_heading_lines(line):
    assert RE_BULLET_HEADING.match(line) is None


def test_bullet_lines_that_are_body_text_stay_text():
    text = ("某校教师队伍建设对策\n●某某某\n学校的办学宗旨是为了师生发展。\n一、坚持师德教育\n要坚持师德教育。\n"
            "◆关于制度建设，引用古语，指出要靠法规制度。\n◆关于县域治理，引用古语，指出县一级很关键。\n"
            "二、坚持师能提升\n要提升师能。\n□直聘  □校内竞聘\n")
    doc = parse(text)
    assert [(s.id, s.marker) for s in doc.walk()] == [("1", "cn"), ("2", "cn")]
    assert [s.text[:3] for s in doc.section("1").sentences] == ["要坚持", "◆关于", "◆关于"]


def test_a_bullet_heading_inside_a_numbered_section_is_its_subsection():
    doc = parse("工作方案\n一、主要任务\n■课堂教学\n1.上好每一节课。\n2.认真批改作业。\n■课后服务\n开展课后服务。\n"
                "二、保障措施\n加强组织领导。\n")
    assert _rows(doc) == [("1", "section", "cn", "主要任务"), ("1.1", "section", "bullet", "课堂教学"),
                          ("1.1.1", "item", "num", "上好每一节课"), ("1.1.2", "item", "num", "认真批改作业"),
                          ("1.2", "section", "bullet", "课后服务"), ("2", "section", "cn", "保障措施")]
    assert doc.section("1.2").ordinal == 2 and doc.section("1.1").label == "■"


def test_a_bullet_heading_right_after_an_attachment_title_is_not_its_heading():
    doc = parse(NOTICE + "附件1\n甲奖实施细则\n■奖励原则\n1.体现公开公正的原则。\n2.奖励标准为目标达成度。\n"
                "■资金预算\n每年预算若干万元。\n")
    part = doc.parts[-1]
    assert part.heading == "附件1\n甲奖实施细则"
    assert [(s.id, s.heading) for s in part.children] == [("2.1", "奖励原则"), ("2.2", "资金预算")]


_TITLES = st.lists(st.text(alphabet="资助条件标准奖励项目内容预算管理原则对象", min_size=2, max_size=8),
                   min_size=1, max_size=6)


@settings(max_examples=60, deadline=None)
@given(_TITLES, st.sampled_from("■●◆▲★"), st.booleans())
def test_every_bullet_heading_in_a_part_is_a_section_in_order(titles, bullet, items):
    body = "".join(f"{bullet}{t}\n" + ("1.第一项内容。\n2.第二项内容。\n" if items else "说明内容。\n") for t in titles)
    doc = parse(NOTICE + "附件1\n甲项目实施细则\n本项目旨在奖励优秀团队。\n" + body)
    part = doc.parts[-1]
    assert part.label == "附件1"
    assert [(s.marker, s.heading, s.ordinal) for s in part.children] == \
        [("bullet", t, k) for k, t in enumerate(titles, 1)]
    if items:
        assert all(len(s.children) == 2 for s in part.children)
    assert not any(s.text.startswith(bullet) for s in doc.sentences)


def test_bullet_headings_of_headed_pages_are_sections():
    """Bullet heading lines (found on the normalised lines, parser-independent) that start a section."""
    if not HEADED.is_dir():
        pytest.skip(f"headed documents not found at {HEADED} (set POLICYTEXT_SHARED)")
    import policytext as pt

    lines = sections = 0
    for path in sorted(HEADED.glob("sx_*.txt")):
        doc = pt.load(path)
        starts = {s.start for s in doc.walk()}
        pos, first = 0, min(starts, default=len(doc.text))
        for line in doc.text.split("\n"):
            if pos > first and RE_BULLET_HEADING.match(line):  # (before the first section: a byline, ●某某)
                lines += 1
                sections += pos in starts
            pos += len(line) + 1
    assert lines >= 15
    assert sections == lines
