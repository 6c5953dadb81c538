"""Attachments and source lines of saved pages (session 7, X6; the audit's page sx_4518).

* A list of attachment titles (``附件：1.… 2.…``) is like a table of contents:
  never sections; the titles go to ``doc.metadata["attachments"]``.
* Each attachment (``附件N`` and its title) is a part, also one without
  headings (a table), and a table cell before ``附件N`` never heads it.
* A source line under a reprinted document's title (``来源：… 日期：…``) is no
  title line and no body text; its date is the document's own date, which
  wins over the page's date.

The last test applies a parser-independent count to every page of
``../shared/headed``: numbered lines of attachment lists (found on the raw
lines) that start a section of ``doc.walk()`` (0 after the change; 82 lines
on 17 of 18 pages before).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policytext.text.normalize import normalize
from policytext.text.structure import parse

HEADED = Path(os.environ.get("POLICYTEXT_SHARED", Path(__file__).resolve().parent.parent.parent / "shared")) / "headed"
NOTICE = "关于某事的通知\n各学校：\n一、时间\n周一开始。\n二、材料\n请交表格。\n"


def _section_lines(doc) -> set[str]:
    """The first line of every section (its heading line as written)."""
    return {doc.text[s.start:].split("\n", 1)[0] for s in doc.walk()}


@pytest.mark.parametrize("listing", [
    "附件：1.报名表\n2.汇总表\n3.推荐表",
    "附件：\n1．报名表\n2．汇总表\n3．推荐表",
    "附件:1. 报名表\n2. 汇总表\n3. 推荐表",
    "附件：\n1．报名表\n202503060830472959.docx\n2．汇总表\n202503060830561061.docx\n3．推荐表\n2025030608311.xls",
    "附件1：报名表\n附件2：汇总表\n附件3：推荐表",
])
def test_an_attachment_list_is_never_sections(listing):
    doc = parse(NOTICE + listing + "\n某某市教育局\n2022年3月1日")
    assert [s.id for s in doc.walk()] == ["1", "2"]
    assert doc.metadata["attachments"] == ["报名表", "汇总表", "推荐表"]
    assert doc.section("2").sentences[-1].text == "请交表格。"
    assert doc.metadata["issuer"] == "某某市教育局"
    assert not any(t in s.text for s in doc.sentences for t in ("报名表", "汇总表", "推荐表"))


def test_an_attachment_list_after_sections_with_the_same_numbering():
    # 1. 2. inside section 二 and then the list 1. 2. 3.: the list is not items of the section
    doc = parse(NOTICE + "1.按时报送。\n2.逾期不收。\n附件：1.报名表\n2.汇总表\n3.推荐表")
    assert [s.id for s in doc.walk()] == ["1", "2", "2.1", "2.2"]
    assert doc.metadata["attachments"] == ["报名表", "汇总表", "推荐表"]


def test_lines_that_are_not_attachment_lists_stay():
    # an attachment's own title line, and a list whose items are sentences
    doc = parse(NOTICE + "附件：申报材料\n一、要求\n按时交。")
    assert "attachments" not in doc.metadata
    doc = parse(NOTICE + "附件：\n1.按时报送。逾期不收。\n2.材料要真实。")
    assert "attachments" not in doc.metadata


_TITLE = st.text(alphabet="报名汇总推荐申请登记表方案意见名单细则安排考核竞赛课题", min_size=2, max_size=20)


@settings(max_examples=60, deadline=None)
@given(titles=st.lists(_TITLE, min_size=2, max_size=9), inline=st.booleans(),
       mark=st.sampled_from(["1.", "1．", "1、"]))
def test_property_any_attachment_list_is_metadata_not_sections(titles, inline, mark):
    sep = mark[1]
    items = [f"{k}{sep}{t}" for k, t in enumerate(titles, 1)]
    listing = "附件：" + items[0] + "\n" + "\n".join(items[1:]) if inline else "附件：\n" + "\n".join(items)
    doc = parse(NOTICE + listing)
    assert [s.id for s in doc.walk()] == ["1", "2"]
    assert doc.metadata["attachments"] == titles
    assert all(s.section_path for s in doc.sentences if s.start >= doc.sections[0].start)
    assert not any(t in s.text for s in doc.sentences for t in titles)


def test_each_attachment_is_a_part_with_its_own_heading():
    text = (NOTICE + "附件：1.学分结构\n2.调整意见\n"
            "附件1\n学分结构\n必  修\n选  修\n科  目\n学 分\n语  文\n10\n数  学\n10\n2\n主要包括各类教育内容。\n"
            "附件2\n调整意见\n必修课程是基础性课程。\n一、指导思想\n依据课程标准。\n二、基本原则\n保持稳定。")
    doc = parse(text)
    assert [(p.id, p.label, p.heading) for p in doc.parts] == [
        ("1", "", ""), ("2", "附件1", "附件1\n学分结构"), ("3", "附件2", "附件2\n调整意见")]
    assert [s.id for s in doc.section("3").children] == ["3.1", "3.2"]
    assert doc.section("2").children == []  # (the table: text of part 2)
    assert doc.metadata["attachments"] == ["学分结构", "调整意见"]
    assert all(s.section_path for s in doc.sentences if s.start >= doc.section("2").start)


def test_a_list_of_attachment_lines_is_no_part():
    doc = parse(NOTICE + "附件1：报名表\n附件2：汇总表\n某某市教育局\n2022年3月1日")
    assert doc.parts == []
    assert doc.metadata["attachments"] == ["报名表", "汇总表"]


def test_an_attachment_line_after_the_notice_heads_part_1():
    # the notice's text, then 附件1 and the sections of the attachment; 附件2 a table
    text = ("通知\n全校教工：\n考核工作已经开始。\n党政办\n12月3日\n附件1： 考核工作方案\n根据上级文件制定本方案。\n"
            "一、指导思想\n按原则推优。\n二、推优办法\n分组推荐。\n附件2：分组名单\n组别\n人数\n校长室\n12")
    doc = parse(text)
    assert [p.heading for p in doc.parts] == ["附件1： 考核工作方案", "附件2：分组名单"]
    assert [s.id for s in doc.section("1").children] == ["1.1", "1.2"]


SAVED_PAGE = ("答疑\n答疑--某某中学\n今天是\n首页 |\n登录|注册\n答疑\n"
              "文章来源：本站原创 作者：佚名 发布时间：2012年09月03日 点击数：\n次\n"
              "答疑\n来源:某某省教育厅办公室 日期：2012-06-19\n"
              "1. 为什么要改革？\n因为要改革。\n2. 怎么改革？\n逐步改革。\n"
              "某某省教育厅关于改革的通知\n来源:某某省教育厅 日期：2012-06-20\n某教〔2012〕81号\n各市教育局：\n现将方案印发。\n"
              "一、提高认识\n要提高认识。\n二、制定方案\n要制定方案。\n【打印正文】\n上一篇：某某")


def test_a_source_line_is_no_title_and_gives_the_documents_own_date():
    doc = parse(SAVED_PAGE)
    meta = doc.metadata
    assert meta["page_date"] == "2012-09-03"
    assert meta["date"] == "2012-06-19"  # the document's own date wins over the page's
    assert "doc_title" not in meta  # (the title block is the page title: no 来源 line in it)
    assert meta["sources"] == [{"source": "某某省教育厅办公室", "date": "2012-06-19"},
                               {"source": "某某省教育厅", "date": "2012-06-20"}]
    assert [p.heading for p in doc.parts] == ["答疑", "某某省教育厅关于改革的通知"]
    assert not any("来源" in s.text for s in doc.sentences)
    assert doc.sentences[0].text == "因为要改革。"


def test_source_lines_in_the_title_block_are_metadata():
    doc = parse("关于劳动教育的意见\n来源：某某网\n作者：某某研究中心\n一、总体要求\n要加强劳动教育。")
    assert doc.title == "关于劳动教育的意见"
    assert doc.metadata["sources"] == [{"source": "某某网", "author": "某某研究中心"}]
    assert "date" not in doc.metadata
    doc = parse("新举措\n2017年08月22日09:55    来源：某某网-理论频道\n一、坚持\n要坚持。")
    assert doc.title == "新举措" and doc.metadata["date"] == "2017-08-22"


@pytest.mark.parametrize("line", ["时间：2019年7月19日14:00-17:00", "来源：见附件。", "资金来源：自筹"])
def test_lines_that_are_not_source_lines_stay_text(line):
    doc = parse("通知\n一、安排\n" + line + "\n二、要求\n要落实。")
    assert "sources" not in doc.metadata
    assert any(s.text.startswith(line.rstrip("。")) for s in doc.sentences)


# -- over all headed pages: the attachment lists' lines (found on raw lines, without the parser) ------------------

_RE_INTRO = re.compile(r"^附\s*件?\s*[：:]\s*(.*)$")
_RE_ITEM = re.compile(r"^[（(]?(\d{1,2})\s*[)）.．、]\s*\S")
_RE_FILE = re.compile(r"\.(?:docx?|xlsx?|pdf|zip|rar|wps)$", re.IGNORECASE)


def _gold_lists(lines: list[str]) -> list[list[int]]:
    """The numbered lines of every ``附件：1.… 2.…`` list (a rule on raw lines, independent of the parser)."""
    found = []
    for i, line in enumerate(lines):
        m = _RE_INTRO.match(line)
        if not m:
            continue
        rest = m.group(1).strip()
        first = _RE_ITEM.match(rest) if rest else None
        if rest and (first is None or first.group(1) != "1"):
            continue
        want, items, j = (2 if rest else 1), [], i + 1
        while j < len(lines):
            item = _RE_ITEM.match(lines[j])
            if item and int(item.group(1)) == want and "。" not in lines[j] and len(lines[j]) <= 80:
                items.append(j)
                want += 1
            elif not (items and _RE_FILE.search(lines[j])):
                break
            j += 1
        if items and (rest or len(items) >= 2):
            found.append(items)
    return found


def test_no_attachment_list_line_is_a_section_on_any_headed_page():
    import policytext as pt

    if not (HEADED / "MANIFEST.tsv").is_file():
        pytest.skip(f"headed documents not found at {HEADED} (set POLICYTEXT_SHARED)")
    pages = lines_seen = 0
    bad: list[str] = []
    for path in sorted(HEADED.glob("*.txt")):
        raw = [x.strip().strip("\u3000\ufeff\u00a0 \t") for x in path.read_text(encoding="utf-8").splitlines()]
        raw = [x for x in raw if x]
        gold = [k for items in _gold_lists(raw) for k in items]
        if not gold:
            continue
        pages += 1
        doc = pt.load(path)
        starts = {doc.text[s.start:].split("\n", 1)[0] for s in doc.walk()}
        for k in gold:
            lines_seen += 1
            if normalize(raw[k]).strip() in starts:
                bad.append(f"{path.name}: {raw[k][:20]}")
    assert pages >= 15 and lines_seen >= 70  # (18 pages, 84 lines when written)
    assert bad == []
