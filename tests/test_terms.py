"""Tests of policytext.analysis.terms: the token lists, term frequencies and term scores of documents."""

from __future__ import annotations

from collections import Counter

import pytest

import policytext as pt
from policytext.analysis.cooccur import cooccurrence
from policytext.analysis.terms import heading_tokens, sentence_tokens, term_frequencies, term_scores
from policytext.errors import DocumentNotFoundError, InvalidParameterError
from policytext.tokens.tags import is_content

TEXT = "一、坚持党的全面领导\n推动高质量发展，实现高质量发展。\n（一）完善机构编制\n学习党的二十大精神，推动高质量发展。"


def _content(token_lists):
    return Counter(t.norm for toks in token_lists for t in toks if is_content(t))


def test_term_frequencies_count_the_content_tokens_of_the_sentences(tokenizer):
    doc = pt.parse(TEXT)
    freqs = term_frequencies(doc, tokenizer=tokenizer)
    assert freqs == _content(tokenizer.tokenize_document(doc))
    assert freqs["高质量发展"] == 3 and freqs["党的二十大"] == 1
    assert "坚持党的全面领导" not in freqs  # a heading, not a sentence


def test_headings_are_counted_on_request(tokenizer):
    doc = pt.parse(TEXT)
    body = term_frequencies(doc, tokenizer=tokenizer)
    both = term_frequencies(doc, headings=True, tokenizer=tokenizer)
    assert both - body == _content(tokenizer.tokenize_headings(doc).values())
    assert both["坚持党的全面领导"] == 1 and both["机构编制"] == body["机构编制"] + 1


def test_frequencies_are_the_node_counts_of_cooccurrence(shared_docs, tokenizer):
    docs = list(shared_docs.values())
    for doc in docs[:8]:
        for obj in (doc, *doc.sections[:2]):
            for headings in (False, True):
                freqs = term_frequencies(obj, headings=headings, tokenizer=tokenizer)
                G = cooccurrence(obj, headings=headings, tokenizer=tokenizer, nodes="content", phrases=False)
                assert dict(G.nodes(data="count")) == dict(freqs)


def test_a_text_is_the_document_it_parses_to_and_a_path_is_read(tmp_path):
    assert term_frequencies(TEXT) == term_frequencies(pt.parse(TEXT))
    path = tmp_path / "notice.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert term_frequencies(path) == term_frequencies(str(path)) == term_frequencies(pt.load(path)) != Counter()
    with pytest.raises(DocumentNotFoundError):
        term_frequencies(str(tmp_path / "missing.txt"))


def test_blank_and_wrong_input():
    assert term_frequencies("") == term_frequencies(" \n\u3000") == Counter()
    for bad in (42, None, ["推动高质量发展"]):
        with pytest.raises(InvalidParameterError, match="term_frequencies"):
            term_frequencies(bad)
    with pytest.raises(InvalidParameterError, match="headings"):
        term_frequencies(TEXT, headings="yes")
    with pytest.raises(InvalidParameterError, match="tokenizer"):
        term_frequencies(TEXT, tokenizer="jieba")


def test_sentence_and_heading_tokens_of_a_section_match_the_documents(tokenizer):
    doc = pt.parse(TEXT)
    by_start = {toks[0].start: toks for toks in tokenizer.tokenize_document(doc) if toks}
    sec = doc.sections[0]
    for toks in sentence_tokens(sec, tokenizer):
        assert toks == by_start[toks[0].start]  # same tokens, same spans in doc.text
    assert sentence_tokens(doc, tokenizer) is tokenizer.tokenize_document(doc)  # the cached lists
    assert heading_tokens(sec, tokenizer) == heading_tokens(doc, tokenizer)  # one top-level section
    assert [i for i, _ in heading_tokens(doc, tokenizer)] == ["1", "1.1"]
    for _, toks in heading_tokens(doc, tokenizer):
        assert all(doc.text[t.start:t.end] == t.text for t in toks)


def test_term_scores_of_given_scores():
    class KW:
        def __init__(self, term, score):
            self.term, self.score = term, score

    assert term_scores({"高质量发展": 2}) == {"高质量发展": 2.0}
    assert term_scores([("甲", 1), ["乙", 0.5], ("甲", 0.25)]) == {"甲": 1.25, "乙": 0.5}
    assert term_scores(iter([KW("甲", 3)])) == {"甲": 3.0}
    assert term_scores(pt.parse(TEXT)) == dict(term_frequencies(pt.parse(TEXT)))
    with pytest.raises(TypeError, match="^wordcloud expects"):
        term_scores(42, func="wordcloud")
    with pytest.raises(TypeError, match="^term_scores expects"):
        term_scores(b"bytes")
    with pytest.raises(TypeError, match="pair"):
        term_scores([("甲", 1, 2)])
    with pytest.raises(TypeError, match="terms must be str"):
        term_scores([(1, 1.0)])
