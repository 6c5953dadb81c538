"""What can state a section's thesis, the fallbacks when nothing can, and the harness that measures the
key sentences against the headings (issue 16, item 4)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import policytext as pt
from policytext.analysis.ranking import rank_section, thesis_candidate
from policytext.analysis.summary import summarize

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("text, expected", [
    ("各班要结合实际，认真做好以下几项工作：", True),           # introduces a list: says what the section holds
    ("本次活动的内容主要包括以下三个方面：", True),
    ("习近平总书记在全国教育大会上强调：", False),              # a speaker's attribution: the quotation is what is said
    ("总书记在座谈会上的讲话中指出：", False),
    ("习近平总书记指出：教育是国之大计、党之大计。", True),     # a quotation with its speaker is a sentence
    ("活动主题：本主题有两项活动，全体同学必修。", False),      # a field of a form: label, colon, value
    ("预约方式：无须预约，可直接前往辅导室面谈。", False),
    ("学分认定：根据实际活动时间认定学时学分。", False),
    ("报名截止时间：5月11日下午四点前交到办公室。", False),
    ("——民主监督：评选过程接受全校师生的监督。", False),       # an item of a dashed list
    ("● 加强组织领导，层层压实工作责任。", False),             # a bulleted item
    ("■加强组织领导，层层压实工作责任，确保落实。", False),
    ("活动要求：", False),                                     # a label
    ("要坚持以人民为中心的发展思想，扎实推进共同富裕。", True),
])
def test_thesis_candidate_introductions_speakers_fields_and_bullets(text, expected):
    assert thesis_candidate(text) is expected


def test_an_introduction_that_repeats_the_heading_is_refused():
    assert not thesis_candidate("关于开展读书活动的工作安排：", "关于开展读书活动的工作安排")
    assert thesis_candidate("各班要结合实际，认真做好以下几项工作：", "开展读书活动的工作安排")


NO_SENTENCE = ("一、推荐要求\n"
               "要对照评比条件民主评议，把真正优秀的人选推荐出来；\n"
               "张三丰 李四海 王五一 赵六顺 钱七星 孙八方\n"
               "序号 姓名 班级 得分\n"
               "二、工作安排\n"
               "各班要结合实际，认真做好以下几项工作：\n"
               "活动主题：本主题有两项活动，全体同学必修。\n"
               "——民主监督：评选过程接受全校师生的监督。\n")


def test_a_section_without_a_complete_sentence_gives_its_clause_not_a_line_of_names():
    doc = pt.parse(NO_SENTENCE)
    sec = doc.sections[0]
    units = [["对照", "评比", "条件", "民主", "评议", "优秀", "人选", "推荐"], ["张三丰", "李四海", "王五一", "赵六顺"],
             ["序号", "姓名", "班级", "得分"]]
    scores, ok = rank_section(sec.sentences, units, heading=sec.heading, path=sec.path)
    assert ok == [True, False, False] and scores[0] > 0
    s = summarize(doc, pictures=False, sentences_per_section=3)
    assert [k.text for k in s.sections[0].key_sentences] == ["要对照评比条件民主评议，把真正优秀的人选推荐出来；"]
    # the introduction of a list states the section; a field of a form or a dashed item never does
    assert [k.text for k in s.sections[1].key_sentences] == ["各班要结合实际，认真做好以下几项工作："]


def test_rank_section_falls_back_to_every_sentence_only_when_no_clause_exists():
    doc = pt.parse("一、名单\n张三丰 李四海 王五一\n序号 姓名 班级\n")
    sec = doc.sections[0]
    scores, ok = rank_section(sec.sentences, [["张三丰", "李四海"], ["序号", "姓名"]], heading=sec.heading, path=sec.path)
    assert ok == [True, True] and len(scores) == 2


_FIELDS = ["活动主题：本主题有两项活动，全体同学必修。", "预约方式：无须预约，可直接前往辅导室面谈。",
           "——民主监督：评选过程接受全校师生的监督。", "● 加强组织领导，层层压实工作责任。"]
_CLAUSES = ["要对照评比条件民主评议，把真正优秀的人选推荐出来；", "深化教育教学改革，全面提高教育质量；"]
_THESES = ["各班要结合实际，认真做好以下几项工作：", "要坚持以人民为中心的发展思想，扎实推进共同富裕。",
           "学校将对优秀作品进行评选，并颁发荣誉证书。"]
_CELLS = ["张三丰 李四海 王五一 赵六顺", "序号 姓名 班级", "活动内容", "2024年3月1日"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.sampled_from(_FIELDS + _CLAUSES + _THESES + _CELLS), min_size=1, max_size=6),
                min_size=1, max_size=3))
def test_key_sentences_prefer_theses_then_clauses_never_fields_or_cells(bodies):
    """Property: a section with a sentence that can state its thesis gives only such sentences (never a
    field, a dashed or bulleted item, a clause or a cell); a section without one but with a clause (or a
    field, an item) gives those, never a cell or a line of names."""
    heads = "一二三"
    text = "\n".join(f"{heads[i]}、第{heads[i]}部分工作安排\n" + "\n".join(lines) for i, lines in enumerate(bodies))
    doc = pt.parse(text)
    s = summarize(doc, pictures=False, sentences_per_section=2)
    for ssum in s.sections:
        sec = doc.section(ssum.id)
        sents = [x.text for x in sec.sentences]
        keys = [k.text for k in ssum.key_sentences]
        if any(thesis_candidate(t, sec.heading) for t in sents):
            assert keys and all(thesis_candidate(k, sec.heading) for k in keys), keys
            assert not set(keys) & set(_FIELDS + _CLAUSES + _CELLS), keys
        elif any(_clause_like(t) for t in sents):
            assert keys and all(_clause_like(k) for k in keys), keys
            assert not set(keys) & set(_CELLS), keys


def _clause_like(text: str) -> bool:
    return len(text) >= 12 and text.endswith(("。", "；", "："))


# -- the harness measures what summarize shows ------------------------------------------------------

PAGE = ("关于开展读书活动的通知\n各班级：\n为丰富校园文化生活，学校决定在全校开展读书活动。\n"
        "一、活动时间\n活动时间为十一月。各班要认真组织学生参加读书活动。\n"
        "二、活动要求\n各班要结合实际制定读书方案，确保活动取得实效。\n"
        "1.加强组织。各班主任要亲自抓好读书活动的组织工作。\n"
        "2.注重交流。读书心得要在班会课上交流分享。\n"
        "某某中学\n2022年11月17日\n"
        "附件1：读书活动评分办法\n评分坚持公开公正的原则，由学校统一组织。\n"
        "一、评分标准\n内容充实、观点鲜明的作品得分高。评分要突出思想性和创新性。\n"
        "二、评分程序\n评委要认真审阅每一件作品，按时提交评分结果。\n"
        "附件2：读书公约\n"
        "一、热爱读书。每天坚持阅读半小时以上。\n二、爱护图书。借阅图书要按时归还。\n")


@pytest.fixture(scope="module")
def eval_ks():
    sys.path.insert(0, str(REPO / "benchmarks"))
    import eval_key_sentences

    return eval_key_sentences


def test_the_harness_evaluates_the_summary_sections_and_their_first_key_sentence(eval_ks):
    """List items are not summary sections (the harness once scored them as sections, headed by their
    own first line); a part made of list items is one, headed by the part's title."""
    doc = pt.parse(PAGE)
    s = summarize(doc, pictures=False, sentences_per_section=1)
    units = list(eval_ks.evaluated_units(doc))
    assert [u.sec.id for u in units] == [x.id for x in s.sections] == ["1.1", "1.2", "2.1", "2.2", "3"]
    assert [u.heading for u in units] == [x.heading for x in s.sections]
    picks = eval_ks.section_picks(doc, pt.Tokenizer(), pt.tokens.lexicon.load_stopwords())
    assert [p.ours for p in picks] == [x.key_sentences[0].sentence_index for x in s.sections]
    for u, p in zip(units, picks):
        assert {p.flat_doc, p.flat_sec} <= {x.index for x in u.sentences}


def test_blind_pairs_are_written_not_printed_with_a_separate_key(eval_ks, tmp_path, capsys):
    doc = pt.parse(PAGE)
    picks = eval_ks.section_picks(doc, pt.Tokenizer(), pt.tokens.lexicon.load_stopwords())
    for p in picks:  # make every pick differ from the baseline's, so that each section is a pair
        p.flat_doc = next(x.index for x in doc.section(p.section_id).sentences if x.index != p.ours) \
            if len(doc.section(p.section_id).sentences) > 1 else p.flat_doc
    name = next(f"doc{i}.txt" for i in range(100) if eval_ks.ek.half_of(f"doc{i}.txt") == "report")
    pairs, key = tmp_path / "pairs.tsv", tmp_path / "key.tsv"
    eval_ks.blind({name: (doc, picks)}, 3, 7, key, pairs)
    out = capsys.readouterr().out
    rows = [r.split("\t") for r in pairs.read_text(encoding="utf-8").splitlines()[1:]]
    keys = [r.split("\t") for r in key.read_text(encoding="utf-8").splitlines()[1:]]
    assert rows and len(rows) == len(keys) <= 3
    assert all(r[1] == name and r[2] in {p.section_id for p in picks} for r in rows)
    for r, k in zip(rows, keys):
        assert {k[3], k[4]} == {"ours", "flat"} and r[:3] == k[:3]
        assert r[4] not in out and r[5] not in out  # the sentences are not printed
        by_tag = dict(zip((k[3], k[4]), (r[4], r[5])))
        assert by_tag["ours"] == doc.sentences[int(k[5].split(":")[0])].text
