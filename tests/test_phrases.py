"""Tests of policytext.analysis.phrases (slots, runs, grams, phrase finding and merging), through
keywords() and directly. Split from tests/test_keyterms.py when the phrases moved to their own module
(issue 14)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import policytext as pt
from policytext.analysis.keyterms import keywords
from policytext.analysis.phrases import (
    MAX_PHRASE,
    find_phrases,
    joinable_runs,
    merge_phrases,
    neighbour,
    phrase_grams,
    token_slots,
)
from policytext.tokens.tags import CANDIDATE_EXTRA, PHRASE_TAGS, is_content
from policytext.tokens.tokenizer import Token


def test_phrases_statistic():
    text = "推进镇街编制动态调整。镇街编制动态调整要规范。做好镇街编制动态调整。镇街工作很多。"
    with_phrases = [k.term for k in keywords(text)]
    assert "镇街编制动态调整" in with_phrases
    without = [k.term for k in keywords(text, phrases=False)]
    assert "镇街编制动态调整" not in without and "镇街" in without
    # a sequence seen once is not a phrase (min_phrase_count=2)
    assert "镇街编制动态调整" not in [k.term for k in keywords("推进镇街编制动态调整。")]
    assert "镇街编制动态调整" in [k.term for k in keywords("推进镇街编制动态调整。", min_phrase_count=1)]


def test_phrase_is_maximal():
    """A sequence always preceded by the same content word is a fragment, not a phrase."""
    text = "坚持新境界全面深化改革。推进新境界全面深化改革。全面深化改革。"
    terms = [k.term for k in keywords(text, top=5)]
    assert "境界全面深化改革" not in terms and "全面深化改革" in terms
    # with varied left contexts the same sequence is a phrase
    assert "境界全面深化改革" in [k.term for k in keywords("坚持境界全面深化改革。推进境界全面深化改革。")]


def test_phrase_is_head_final():
    """A sequence always followed by another noun of its run is a modifier (城乡居民基本 …保险)."""
    terms = [k.term for k in keywords("完善城乡居民基本养老保险。健全城乡居民基本医疗保险。", top=5)]
    assert "城乡居民基本" not in terms and "城乡居民" in terms
    assert "城乡居民基本养老保险" in [k.term for k in keywords("完善城乡居民基本养老保险。健全城乡居民基本养老保险。")]


def test_phrase_ends_with_a_word_that_can_end_a_phrase():
    """全面 always modifies the verb after it here, so it cannot be the head of 中国特色大国外交全面."""
    text = "中国特色大国外交全面推进。中国特色大国外交全面展开。"
    assert [k.term for k in keywords(text, top=5)] == ["中国特色大国外交", "展开"]
    # once the text shows 全面 before a boundary, the sequence is a phrase again
    assert "中国特色大国外交全面" in [k.term for k in keywords(text + "工作要全面。", top=5)]


def test_numbered_formulation_never_glued():
    terms = [k.term for k in keywords("统筹国内国际两个大局。把握国际两个大局。两个大局。", top=5)]
    assert "国际两个大局" not in terms and "两个大局" in terms

# -- the slot rule: the package's content rule, with the stopwords= predicate and 'eng' words ---------


def reference_slots(tokens, stop=None):
    """The documented rule, written plainly with tokens.tags.is_content (what token_slots must equal)."""
    is_stop = (lambda t: t.is_stop) if stop is None else stop
    out = []

    def brk():
        if out and out[-1] is not None:
            out.append(None)

    for k, t in enumerate(tokens):
        left = neighbour(tokens[k - 1]) if k else None
        right = neighbour(tokens[k + 1]) if k < len(tokens) - 1 else None
        if not t.is_word:
            brk()
        elif t.is_term:
            joinable = t.category != "numbered"
            out.append((t.norm, t.category, True, joinable, *((left, right) if joinable else (None, None))))
        elif is_content(t._replace(is_stop=False)) or (t.pos in CANDIDATE_EXTRA and len(t.text) >= 2):
            joinable = t.pos in PHRASE_TAGS
            out.append((t.norm, None, not is_stop(t), joinable, *((left, right) if joinable else (None, None))))
        else:
            brk()
    return out


@pytest.mark.parametrize("stop", [None, lambda t: False, lambda t: t.norm in {"改革", "发展", "工作", "体系"}])
def test_token_slots_follow_the_content_rule(reference_doc, tokenizer, stop):
    for toks in tokenizer.tokenize_document(reference_doc):
        assert token_slots(toks, stop) == reference_slots(toks, stop)


_TAGS = ["n", "nr", "ns", "nz", "vn", "an", "v", "a", "ad", "d", "p", "c", "u", "r", "m", "q", "x", "eng", "i",
         "l", "j", "ng", "b", ""]
_KINDS = ["word", "word", "word", "term", "numbered", "punct", "space", "mask"]


@st.composite
def token_lists(draw):
    toks = []
    for i in range(draw(st.integers(0, 12))):
        kind = draw(st.sampled_from(_KINDS))
        text = draw(st.sampled_from(["改革", "体系", "的", "GDP", "两个大局", "，", " ", "××", "发展", "人"]))
        category = {"term": "concept", "numbered": "numbered"}.get(kind)
        toks.append(Token(text, i, i + len(text), draw(st.sampled_from(_TAGS)), kind, category,
                          draw(st.sampled_from([None, "别名"])) if category else None,
                          draw(st.booleans()) and category is None))
    return toks


@settings(max_examples=200, deadline=None)
@given(toks=token_lists(), custom=st.booleans())
def test_token_slots_property(toks, custom):
    stop = (lambda t: t.text == "体系") if custom else None
    assert token_slots(toks, stop) == reference_slots(toks, stop)


def test_eng_words_are_candidates_and_numbered_formulations_stand_alone():
    toks = [Token("GDP", 0, 3, "eng", "word"), Token("增长", 3, 5, "v", "word"),
            Token("国际", 5, 7, "n", "word"), Token("两个大局", 7, 11, "nz", "numbered", "numbered")]
    assert token_slots(toks) == [("GDP", None, True, False, None, None), ("增长", None, True, False, None, None),
                                 ("国际", None, True, True, "增长", "两个大局"),
                                 ("两个大局", "numbered", True, False, None, None)]
    assert not is_content(toks[0])  # the difference from the package rule is on purpose


# -- runs, grams, finding and merging --------------------------------------------------------------------


def _w(norm, candidate=True, joinable=True, left=None, right=None):
    return (norm, None, candidate, joinable, left, right)


def test_runs_and_grams():
    a, b, c, d, e = _w("甲"), _w("乙", candidate=False), _w("丙"), _w("丁"), _w("戊")
    assert [[s[0] for s in r] for r in joinable_runs([a, None, a, b, _w("x", joinable=False), c, d])] == [
        ["甲", "乙"], ["丙", "丁"]]
    grams = [g for g, _, _, _ in phrase_grams([[a, b, c, d, e]])]
    assert ("乙", "丙") not in grams  # starts with a non-candidate
    assert max(len(g) for g in grams) == MAX_PHRASE and ("甲", "乙", "丙", "丁") in grams
    assert ("甲", "乙", "丙", "丁", "戊") not in grams


def test_find_phrases_maximal_and_closed():
    # 全面深化改革 always after 新时代 (same left word): a fragment; 新时代全面深化改革 is the phrase
    units = [[_w("新时代", left="坚持"), _w("全面", left="新时代"), _w("深化改革", right=None), None],
             [_w("新时代", left="推进"), _w("全面", left="新时代"), _w("深化改革"), None]]
    assert find_phrases(units, 2) == {("新时代", "全面", "深化改革"): 2}
    assert find_phrases(units, 3) == {}
    # closed: a sub-gram as frequent as a kept longer gram goes; a more frequent one stays
    units.append([_w("全面", left="要"), _w("深化改革"), None])
    assert find_phrases(units, 2) == {("新时代", "全面", "深化改革"): 2, ("全面", "深化改革"): 3}


def test_merge_phrases_longest_first_left_to_right():
    a, b, c = _w("甲", left="L"), _w("乙"), _w("丙", right="R")
    table = {("甲", "乙"): 2, ("甲", "乙", "丙"): 2, ("乙", "丙"): 2}
    assert merge_phrases([a, b, c, None], table) == [("甲乙丙", None, True, True, "L", "R"), None]
    assert merge_phrases([a, b, None, b, c], table) == [
        ("甲乙", None, True, True, "L", None), None, ("乙丙", None, True, True, None, "R")]
    assert merge_phrases([a, b], {}) == [a, b]
    # a non-candidate never starts a merged phrase
    assert merge_phrases([_w("乙", candidate=False), c], table) == [_w("乙", candidate=False), c]


def test_keywords_and_phrases_agree_on_a_document(reference_doc, tokenizer):
    """Every multi-slot keyword of the reference document is a phrase find_phrases finds there."""
    units = [token_slots(t) for t in tokenizer.tokenize_document(reference_doc)]
    heads = [token_slots(tokenizer.tokenize(s.heading)) for s in reference_doc.walk() if s.heading.strip()]
    found = {"".join(g) for g in find_phrases(units + heads, 2)}
    kws = [k for k in keywords(pt.load(pt.reference_path()), top=40) if k.category is None]
    assert {k.term for k in kws if k.term in found}, "some keyword should be a phrase"
