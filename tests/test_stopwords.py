"""Stopwords that name no topic (``lexicons/stopwords.txt``): generic verbs, English function words in any case."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import policytext as pt
from policytext.tokens.lexicon import load_stopwords

ENGLISH = ["the", "of", "and", "is", "to", "with"]


def test_english_function_words_are_stopwords_in_any_case_and_acronyms_are_not():
    tk = pt.Tokenizer()
    toks = {t.text: t for t in tk("学生要了解The word covered the GDP和AI的用法") if t.kind == "word"}
    assert toks["The"].is_stop and toks["the"].is_stop
    assert not toks["GDP"].is_stop and not toks["AI"].is_stop and not toks["covered"].is_stop
    assert toks["了解"].is_stop and not toks["学生"].is_stop


def test_quoted_english_and_generic_verbs_never_become_keywords():
    text = ("一、英语词汇教学\n学生要了解电子词典的用法，参加词汇比赛。例句：The book is on the desk. "
            "The word of the day is in the dictionary. 学生使用电子词典查找释义，电子词典帮助词汇教学。"
            "教师开始讲解常见词汇的不同用法，电子词典的释义和例句帮助学生。")
    terms = [k.term for k in pt.keywords(pt.parse(text), top=20)]
    assert "电子词典" in terms
    assert not {"the", "The", "of", "is", "on", "in", "了解", "参加", "开始", "常见", "不同"} & set(terms), terms


@given(st.sampled_from(ENGLISH), st.lists(st.booleans(), min_size=6, max_size=6))
def test_any_capitalisation_of_an_english_stopword_is_a_stopword(word, upper):
    cased = "".join(c.upper() if u else c for c, u in zip(word, upper))
    tok = [t for t in pt.Tokenizer()(f"学习{cased}词汇") if t.text == cased]
    assert tok and tok[0].is_stop


def test_the_stopword_file_lists_each_word_once_and_no_topic_word():
    from policytext._resources import data_file

    with open(data_file("lexicons", "stopwords.txt"), encoding="utf-8") as fh:
        words = [ln.strip() for ln in fh if ln.strip() and not ln.startswith("#")]
    assert len(words) == len(set(words))
    sw = load_stopwords()
    assert {"the", "of", "了解", "参加"} <= sw == set(words)
    assert not {"编制", "改革", "教育", "英语", "词典", "gdp"} & sw
