"""The evaluation reads a section blind to its own heading (issue 16: ours and jieba read the same text).

``keywords(section, context=doc)`` reads the section body (and its subsection
headings) but not its own heading; the harness's blind read
(``_keyterm_blind._keywords_blind``) also keeps the document's phrases from leaning
on that heading (:func:`policytext.analysis._keyterm_phrases.without_own_heading`).
Library calls are unchanged (the own heading may shape the phrases).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import policytext as pt
from policytext.analysis import keyterms
from policytext.analysis._keyterm_blind import _keywords_blind
from policytext.analysis._keyterm_input import with_headings
from policytext.analysis._keyterm_phrases import without_own_heading
from policytext.analysis.keyterms import keywords
from policytext.analysis.phrases import find_phrases
from policytext.tokens.tokenizer import default_tokenizer

TEXT = ("关于编制工作的通知\n一、推进镇街编制动态调整\n要做好镇街编制动态调整，优化资源配置。\n"
        "二、加强干部队伍建设\n要加强干部队伍建设，提高干部素质。各地要关心干部。\n")


def _terms(obj, **kw):
    return [k.term for k in keywords(obj, **kw)]


def _blind(sec, doc):
    return [k.term for k in _keywords_blind(sec, doc, top=20)]


def test_a_phrase_used_once_in_the_body_and_once_in_the_own_heading_is_not_a_phrase_of_the_section():
    doc = pt.load(TEXT)
    first = doc.sections[0]
    assert first.heading == "推进镇街编制动态调整"
    assert "镇街编制动态调整" in _terms(doc)  # the document reads its headings: two uses, one phrase
    assert "镇街编制动态调整" in _terms(first, context=doc)  # library calls: the heading shapes the phrases
    got = _blind(first, doc)
    assert "镇街编制动态调整" not in got and "编制动态调整" in got  # blind: one use in its body


def test_the_phrase_stays_when_the_body_uses_it_twice():
    doc = pt.load(TEXT.replace("优化资源配置。", "优化资源配置。镇街编制动态调整要及时。"))
    assert "镇街编制动态调整" in _blind(doc.sections[0], doc)


def test_other_sections_and_headings_false_are_unchanged():
    doc = pt.load(TEXT)
    assert _blind(doc.sections[1], doc) == _terms(doc.sections[1], context=doc, top=20)
    assert "镇街编制动态调整" not in _terms(doc.sections[0], context=doc, headings=False)


def _exact(doc, sec, cache):
    """The phrases found again without the section's own heading."""
    heads = [(a, s) for a, s in cache["heading_slots"].items() if a != sec.heading_span[0]]
    return find_phrases(with_headings(doc.sentences, cache["body_slots"], heads), 2)


WORDS = ["镇街", "编制", "动态调整", "资源配置", "干部", "队伍建设", "基层", "治理", "体系", "改革"]
SENT = st.lists(st.sampled_from(WORDS), min_size=1, max_size=5).map(lambda ws: "要" + "".join(ws) + "。")
SECTION = st.tuples(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4), st.lists(SENT, min_size=1, max_size=4))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(SECTION, min_size=2, max_size=4))
def test_the_table_without_the_own_heading_only_drops_phrases_and_matches_finding_them_again(sections):
    numerals = "一二三四"
    text = "通知\n" + "".join(f"{numerals[i]}、{''.join(h)}\n{''.join(body)}\n" for i, (h, body) in enumerate(sections))
    doc = pt.load(text)
    if not doc.sections:
        return
    tk = default_tokenizer()
    keywords(doc.sections[0], context=doc)  # builds the context's cache
    cache = keyterms._context_cache(doc, tk, "default", True, 2, True)
    table = cache["phrases"]
    for sec in doc.sections:
        own = without_own_heading(table, sec, cache, 2)
        assert set(own) <= set(table)
        exact = _exact(doc, sec, cache)
        # equal up to closedness (criterion f), which is not re-checked: what differs is a sub-gram of a kept phrase
        assert all(any(len(h) > len(g) and "".join(g) in "".join(h) for h in table) for g in set(own) ^ set(exact))
    assert without_own_heading(table, doc, cache, 2) is table


def test_on_shared_documents_it_equals_finding_the_phrases_again():
    folder = Path(os.environ.get("POLICYTEXT_SHARED", Path(__file__).resolve().parents[2] / "shared")) / "headed"
    files = sorted(folder.glob("sx_1*.txt"))[:6]
    if not files:
        pytest.skip(f"no documents in {folder} (set POLICYTEXT_SHARED)")
    tk = default_tokenizer()
    for p in files:
        doc = pt.load(p)
        if not doc.sections:
            continue
        keywords(doc.sections[0], context=doc)
        cache = keyterms._context_cache(doc, tk, "default", True, 2, True)
        for sec in doc.sections:
            assert set(without_own_heading(cache["phrases"], sec, cache, 2)) == set(_exact(doc, sec, cache)), p.name
