"""Keyword.forms / Keyword.surface: keywords say how the document itself writes them (issue 16, item 5).

Keywords count a lexicon alias under its canonical term (``Token.norm``): right for counting and comparing,
but a reader of a study outline or a word cloud expects the document's own wording.
"""

from __future__ import annotations

import pickle
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import policytext as pt
from policytext.analysis.keyterms import Keyword, keywords
from policytext.analysis.summary import SectionSummary, StudySummary
from policytext.render._study_docx import keyword_label
from policytext.render.study_report import _cloud_forms, to_docx, to_html, to_markdown
from policytext.render.wordcloud import wordcloud, written_form

ARMY, ARMY_ALIAS = "习近平强军思想", "新时代党的强军思想"
#: Written forms -> the canonical term they count under (lexicon aliases, the terms themselves, plain words).
PIECES = {
    ARMY_ALIAS: ARMY, ARMY: ARMY, "大湾区": "粤港澳大湾区", "粤港澳大湾区": "粤港澳大湾区",
    "十九大": "党的十九大", "党的十九大": "党的十九大", "自贸试验区": "自由贸易试验区",
    "干部": "干部", "农业": "农业", "科技": "科技",
}


def by_term(text: str, **kw) -> dict[str, Keyword]:
    return {k.term: k for k in keywords(text, top=100, diversity=False, **kw)}


# -- the forms -----------------------------------------------------------------------------


def test_an_alias_counts_under_its_term_with_the_alias_as_its_form():
    k = by_term("要贯彻新时代党的强军思想，推进国防建设。")[ARMY]
    assert (k.count, k.category) == (1, "theory")
    assert k.forms == ((ARMY_ALIAS, 1),)
    assert k.surface == ARMY_ALIAS


def test_forms_are_ordered_by_count_then_first_written():
    text = "坚持习近平强军思想。贯彻新时代党的强军思想。学习新时代党的强军思想。"
    assert by_term(text)[ARMY].forms == ((ARMY_ALIAS, 2), (ARMY, 1))
    assert by_term("坚持习近平强军思想。贯彻新时代党的强军思想。")[ARMY].forms == ((ARMY, 1), (ARMY_ALIAS, 1))
    assert by_term("贯彻新时代党的强军思想。坚持习近平强军思想。")[ARMY].forms == ((ARMY_ALIAS, 1), (ARMY, 1))
    # the canonical form first written before any sentence holding an alias still wins the tie
    text = "坚持习近平强军思想。推进国防建设。贯彻新时代党的强军思想。"
    assert by_term(text)[ARMY].surface == ARMY


def test_a_plain_word_has_one_form_itself():
    kws = keywords("干部要担当。干部要作为。培养干部。", top=10)
    k = next(k for k in kws if k.term == "干部")
    assert k.forms == (("干部", k.count),) and k.count == 3 and k.surface == "干部"
    assert all(k.forms == ((k.term, k.count),) for k in kws)  # no alias in this text


def test_a_phrase_is_written_as_its_parts_text_joined():
    text = "培养大湾区干部。选拔大湾区干部。选拔粤港澳大湾区干部。"
    k = by_term(text)["粤港澳大湾区干部"]
    assert k.forms == (("大湾区干部", 2), ("粤港澳大湾区干部", 1)) and k.count == 3


def test_a_section_read_with_its_document_counts_its_own_forms():
    doc = pt.load("一、国防\n坚持习近平强军思想。坚持习近平强军思想。\n二、军队\n贯彻新时代党的强军思想。")
    first, second = (keywords(s, context=doc, top=20) for s in doc.sections)
    assert next(k for k in first if k.term == ARMY).forms == ((ARMY, 2),)
    assert next(k for k in second if k.term == ARMY).forms == ((ARMY_ALIAS, 1),)
    assert next(k for k in keywords(doc, top=20) if k.term == ARMY).forms == ((ARMY, 2), (ARMY_ALIAS, 1))


def test_textrank_keywords_carry_forms_too():
    k = next(k for k in keywords("贯彻新时代党的强军思想，建设强大军队。新时代党的强军思想是指引。",
                                 method="textrank") if k.term == ARMY)
    assert k.forms == ((ARMY_ALIAS, 2),)


def test_keyword_stays_a_frozen_hashable_picklable_value():
    k = by_term("贯彻新时代党的强军思想。")[ARMY]
    assert pickle.loads(pickle.dumps(k)) == k and hash(k) == hash(pickle.loads(pickle.dumps(k)))
    assert {k, k} == {k}
    with pytest.raises(AttributeError):
        k.forms = ()
    old = Keyword("改革", 1.0, 2, None)  # the constructors users already write
    assert old.forms == () and old.surface == "改革"


pieces = st.lists(st.sampled_from(sorted(PIECES)), min_size=1, max_size=14)


@settings(max_examples=60, deadline=None)
@given(pieces, st.lists(st.sampled_from(["，", "。", ""]), min_size=14, max_size=14))
def test_count_is_the_sum_of_the_forms_and_every_form_is_written(words, seps):
    """Any text built of aliases, terms and words, joined or not (phrases form where they repeat)."""
    text = "要" + "".join(w + sep for w, sep in zip(words, seps)) + "。"
    for k in keywords(text, top=100, diversity=False):
        assert k.forms and sum(c for _, c in k.forms) == k.count
        assert [c for _, c in k.forms] == sorted((c for _, c in k.forms), reverse=True)
        assert len({f for f, _ in k.forms}) == len(k.forms)
        for form, c in k.forms:
            assert c <= text.count(form), (form, text)  # counted spans are disjoint pieces of the text
        assert k.surface == k.forms[0][0]


@settings(max_examples=60, deadline=None)
@given(pieces)
def test_forms_are_what_was_written(words):
    """Pieces kept apart by commas (no phrase): each term's forms are exactly the pieces written for it."""
    text = "要" + "，".join(words) + "。"
    kws = by_term(text)
    written: dict[str, Counter[str]] = {}
    for w in words:
        written.setdefault(PIECES[w], Counter())[w] += 1
    for term, forms in written.items():
        assert dict(kws[term].forms) == dict(forms), text
        best = max(forms.values())
        assert kws[term].surface == min((w for w in forms if forms[w] == best), key=words.index), text


# -- what the reader sees -------------------------------------------------------------------


ARMY_KW = Keyword(ARMY, 1.0, 2, "theory", ((ARMY_ALIAS, 2),))


def _summary(*kws: Keyword) -> StudySummary:
    sec = SectionSummary("1", "一、", "国防", (), kws, ())
    return StudySummary("测试", None, None, ((1, "1", "一、", "国防"),), (sec,), (), (), kws, ())


def test_keyword_label_shows_the_documents_wording_and_the_term():
    assert keyword_label(ARMY_KW) == f"{ARMY_ALIAS}（{ARMY}）"
    assert keyword_label(Keyword(ARMY, 1.0, 2, "theory", ((ARMY, 1), (ARMY_ALIAS, 1)))) == ARMY
    assert keyword_label(Keyword("改革", 1.0, 1)) == "改革"
    # only quotes, title marks or enumeration commas apart: the document's wording, shown alone
    assert keyword_label(Keyword("《区域全面经济伙伴关系协定》", 1.0, 2, "document",
                                 (("区域全面经济伙伴关系协定", 2),))) == "区域全面经济伙伴关系协定"
    assert keyword_label(Keyword("完整、准确、全面贯彻新发展理念", 1.0, 1, "action",
                                 (("完整准确全面贯彻新发展理念", 1),))) == "完整准确全面贯彻新发展理念"
    assert written_form(Keyword("“枫桥经验”", 1.0, 1, "action", (("枫桥经验", 1),))) == "枫桥经验"
    assert written_form(Keyword(ARMY, 1.0, 2, "theory", ((ARMY_ALIAS, 2),))) == ARMY_ALIAS


def test_study_outline_shows_the_surface_form_in_every_format():
    s = _summary(ARMY_KW, Keyword("国防", 0.5, 1, None, (("国防", 1),)))
    label = f"{ARMY_ALIAS}（{ARMY}）"
    md = to_markdown(s)
    assert f"**关键词：** {label}；国防" in md
    assert md.count(label) == 2  # the section's keywords and 全文关键词
    page = to_html(s)
    assert page.count(f'<span class="kw">{label}</span>') == 2
    paragraphs = [p.text for p in to_docx(s).paragraphs]
    assert f"关键词：{label}；国防" in paragraphs and f"{label}；国防" in paragraphs


def test_html_and_markdown_escape_the_surface_form():
    k = Keyword("A&B", 1.0, 1, None, (("<b>甲</b>", 1),))
    page = to_html(_summary(k))
    assert "&lt;b&gt;甲&lt;/b&gt;（A&amp;B）" in page and "<b>甲" not in page
    assert r"\<b\>甲\</b\>（A\&B）" in to_markdown(_summary(k))


def test_summarize_end_to_end_shows_the_documents_wording():
    text = "一、强军\n全面贯彻新时代党的强军思想。新时代党的强军思想是行动指南。深入学习新时代党的强军思想。\n二、建设\n加强国防建设。"
    s = pt.summarize(text, pictures=True)
    k = next(k for k in s.keywords if k.term == ARMY)
    assert k.surface == ARMY_ALIAS
    assert f"{ARMY_ALIAS}（{ARMY}）" in to_markdown(s)
    cloud = _cloud_forms(s.cloud, s.keywords)
    assert ARMY_ALIAS in cloud and ARMY not in cloud and cloud[ARMY_ALIAS] == s.cloud[ARMY]


def test_word_cloud_draws_the_surface_form_sized_by_the_score():
    text = "全面贯彻新时代党的强军思想。新时代党的强军思想是行动指南。深入学习新时代党的强军思想。加强国防建设。"
    words = wordcloud(text, width=300, height=200).info["policytext_words"].split("\n")
    assert ARMY_ALIAS in words and ARMY not in words
    kws = keywords(text)
    assert wordcloud(kws, width=300, height=200).info["policytext_words"].split("\n") == words
    # merged forms are one unit: one word, the keyword's score
    assert _cloud_forms({ARMY: 1.0, "国防": 0.4}, [Keyword(ARMY, 1.0, 3, "theory", ((ARMY_ALIAS, 2), (ARMY, 1)))]) \
        == {ARMY_ALIAS: 1.0, "国防": 0.4}
