"""A sentence the document repeats (a notice quoted in its attachment, a page saved twice) is listed once.

Identity is the text in NFKC form without whitespace (``summary.same_text``). The outline lists a repeated
sentence at the first place it reads it (导语, then each part's 导语, sections and 结束语, then the 结束语), in
重点语句, 工作任务 and the 导语/结束语 quotes alike; its location names the other places (``；又见…``, at most three
named, then how many), so the first place is always named. One exception keeps a section's thesis: a section
whose every candidate was listed before keeps its best one.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import policytext as pt
from policytext.analysis.summary import KeySentence, StudySummary, same_text, summarize
from policytext.text.headings import int_to_cn

HEADED = Path(__file__).resolve().parents[2] / "shared" / "headed"
#: Pages of ../shared/headed whose outline listed a sentence more than once before session 8 (35 of 155).
REPEATING = ("sx_10106", "sx_10879", "sx_10986", "sx_11341", "sx_11405", "sx_11796", "sx_11800", "sx_12027",
             "sx_12816", "sx_13738", "sx_13776", "sx_13926", "sx_14122", "sx_17277", "sx_19334", "sx_19954",
             "sx_20119", "sx_20898", "sx_21570", "sx_21731", "sx_22607", "sx_23325", "sx_23469", "sx_4518",
             "sx_4656", "sx_4824", "sx_5729", "sx_6086", "sx_6488", "sx_6758", "sx_6907", "sx_7328", "sx_7419",
             "sx_7684", "sx_7837")

NOTICE = ("关于开展安全教育活动的通知\n各班级：\n为增强学生安全意识，现将有关事项通知如下。\n"
          "一、活动时间\n活动于十一月举行，各班要认真组织学生参加。\n"
          "二、活动要求\n各班要结合实际制定活动方案，确保活动取得实效。\n班主任要做好活动记录，按时报送总结材料。\n"
          "某某中学\n2022年11月17日\n"
          "附件1：活动方案\n一、活动目的\n各班要结合实际制定活动方案，确保活动取得实效。\n通过活动提高学生的自我保护能力。\n"
          "二、活动内容\n组织学生观看安全教育视频，开展应急疏散演练。\n班主任要做好活动记录，按时报送总结材料。\n")


def _listings(s: StudySummary) -> list[tuple[str, str, KeySentence]]:
    """``(kind, section id, KeySentence)`` of everything the outline lists, in reading order."""
    parts = {p.id: p for p in s.parts}
    out: list[tuple[str, str, KeySentence]] = [("lead", "", k) for k in s.preamble]
    current = None
    for sec in s.sections:
        part = parts.get(sec.part)
        if part is not current:
            if current is not None:
                out += [("lead", current.id, k) for k in current.closing]
            current = part
            if part is not None:
                out += [("lead", part.id, k) for k in part.preamble]
        out += [("key", sec.id, k) for k in sec.key_sentences] + [("task", sec.id, k) for k in sec.tasks]
    if current is not None:
        out += [("lead", current.id, k) for k in current.closing]
    return out + [("lead", "", k) for k in s.closing]


def _check_listed_once(s: StudySummary) -> int:
    """Every text is listed once, but for a section's only key sentence (its thesis kept); returns repeats."""
    seen: dict[str, int] = {}
    repeats = 0
    by_sec = {sec.id: sec for sec in s.sections}
    for kind, sid, k in _listings(s):
        t = same_text(k.text)
        if t in seen:
            assert kind == "key" and len(by_sec[sid].key_sentences) == 1, (kind, sid, k)
            repeats += 1
        seen[t] = seen.get(t, 0) + 1
    return repeats


def test_a_notice_quoted_in_its_attachment_is_listed_once() -> None:
    s = summarize(NOTICE, pictures=False, sentences_per_section=2)
    listed = [same_text(k.text) for _, _, k in _listings(s)]
    quoted = same_text("各班要结合实际制定活动方案，确保活动取得实效。")
    assert listed.count(quoted) == 1
    assert len(listed) == len(set(listed))
    key = next(k for _, _, k in _listings(s) if same_text(k.text) == quoted)
    assert key.section_id == "1.2"  # its first place: the notice's 二、, not the attachment's 一、
    assert key.location == "第一篇第二部分，第1句；又见附件1第一部分，第1句"


def test_the_other_places_are_named_first_ones_first() -> None:
    s = summarize(NOTICE, pictures=False, sentences_per_section=2, tasks_per_section=5)
    for _, _, k in _listings(s):
        if "又见" in k.location:
            here, others = k.location.split("；又见")
            assert here and others and here not in others.split("、")


def test_same_text_ignores_whitespace_and_width() -> None:
    assert same_text("要 坚持\n学习。") == same_text("要坚持学习。")
    assert same_text("ＧＤＰ增长６%。") == same_text("GDP增长6%。")
    assert same_text("要坚持学习。") != same_text("要坚持学习！")


def test_a_page_saved_twice_lists_each_sentence_once() -> None:
    body = ("一、总体要求\n要坚持立德树人，落实学校安全管理责任。\n要加强师德师风建设，提升教师育人能力。\n"
            "二、主要任务\n要推进课程改革，提高课堂教学质量。\n要完善家校共育机制，形成教育合力。\n")
    twice = summarize(body + body.replace("一、", "三、").replace("二、", "四、"), pictures=False)
    assert all(len(sec.key_sentences) == 2 for sec in twice.sections[:2])
    assert all("又见第" in k.location for sec in twice.sections[:2] for k in sec.key_sentences)
    # the copy's sections have nothing new: each keeps its thesis (named as a repeat), no task is listed again
    assert _check_listed_once(twice) == 2
    for sec, orig in zip(twice.sections[2:], twice.sections[:2]):
        assert [k.text for k in sec.key_sentences] == [orig.key_sentences[0].text] and sec.tasks == ()
        first_place = orig.key_sentences[0].location.split("；")[0]
        assert sec.key_sentences[0].location.endswith(f"又见{first_place}")  # names the first place


def test_a_section_whose_sentences_were_all_listed_keeps_its_thesis() -> None:
    text = "一、学习\n要坚持以人民为中心的发展思想，扎实推进共同富裕。\n二、落实\n要坚持以人民为中心的发展思想，扎实推进共同富裕。"
    s = summarize(text, pictures=False)
    assert [len(sec.key_sentences) for sec in s.sections] == [1, 1]
    assert s.sections[1].key_sentences[0].location == "第二部分，第1句；又见第一部分，第1句"


_SENTENCES = st.sampled_from([
    "要坚持立德树人，落实学校安全管理责任。", "要加强师德师风建设，提升教师育人能力。", "各班要认真组织学生参加活动。",
    "要推进课程改革，提高课堂教学质量。", "班主任要做好活动记录，按时报送总结材料。", "通过活动提高学生的自我保护能力。",
    "参加对象", "姓名", "学校将以特长分为主要依据进行推荐。", "要完善家校共育机制，形成教育合力。",
])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(_SENTENCES, min_size=1, max_size=5), min_size=1, max_size=6),
       st.lists(_SENTENCES, max_size=3), st.integers(1, 3))
def test_no_sentence_is_listed_twice(bodies: list[list[str]], lead: list[str], k: int) -> None:
    """Property: whatever repeats, the outline lists each text once (but a section's kept thesis), and a
    listed sentence's location names its other places in the document."""
    text = "\n".join(["通知", *lead] + [f"{int_to_cn(i + 1)}、第{int_to_cn(i + 1)}项工作\n" + "\n".join(b)
                                        for i, b in enumerate(bodies)])
    doc = pt.parse(text)
    s = summarize(doc, pictures=False, sentences_per_section=k)
    _check_listed_once(s)
    counts: dict[str, int] = {}
    for x in doc.sentences:
        counts[same_text(x.text)] = counts.get(same_text(x.text), 0) + 1
    for _, _, key in _listings(s):
        repeated = counts[same_text(key.text)] > 1
        assert ("；又见" in key.location) == repeated, key


@pytest.mark.parametrize("name", REPEATING[::5])
def test_real_pages_list_each_sentence_once(name: str) -> None:
    path = HEADED / f"{name}.txt"
    if not path.is_file():
        pytest.skip(f"headed page {path} not found")
    s = summarize(pt.load(path), pictures=False)
    assert _check_listed_once(s) <= len(s.sections)
