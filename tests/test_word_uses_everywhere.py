"""One definition of "a use of a term" everywhere (session 8, F2b).

The list-of-documents path (``pt.first_seen``, ``term_trajectories``, ``term_counts``), the corpus path,
``emerging_terms`` and the background novelty of ``compare`` count word uses by default (``match="word"``:
双减 in 双减负 is not a use) and every occurrence with ``match="substring"``; the list and corpus paths give
equal tables in both modes. The corpus co-occurrence graph chooses its nodes as keywords are chosen.
"""

from __future__ import annotations

import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import policytext as pt
from policytext.analysis.compare import Background, background_novelty, term_counts
from policytext.analysis.compare._common import word_counter
from policytext.analysis.compare._words import WordCounter
from policytext.analysis.compare.series import TermCounter, first_seen, term_trajectories
from policytext.corpus.emerging import emerging_terms
from policytext.errors import InvalidParameterError

DAYS = [("2021-01-04", "为企业双减负，推进改革。"), ("2021-03-02", "土地“双减少”。要推进改革。"),
        ("2021-05-26", "落实“双减”政策，推进双减工作。"), ("2021-07-01", "巩固双减成果。三个代表团到会。")]
TERMS = ["双减", "三个代表", "推进改革"]


def _docs() -> list[pt.Document]:
    return [pt.parse(t, metadata={"date": d, "name": d}) for d, t in DAYS]


def _corpus() -> pt.Corpus:
    return pt.Corpus([t for _, t in DAYS], metadata=[{"date": d} for d, _ in DAYS])


@pytest.mark.parametrize("match", ["word", "substring"])
def test_list_and_corpus_paths_agree_in_both_modes(match):
    docs, corpus = _docs(), _corpus()
    cols = ["term", "date", "count", "n_documents", "total", "offset"]
    fast, slow = corpus.first_seen(TERMS, match=match), first_seen(docs, TERMS, match=match)
    assert fast[cols].equals(slow[cols])
    by_year = corpus.term_trajectories(TERMS, freq="M", match=match)
    assert by_year.equals(term_trajectories(docs, TERMS, freq="M", match=match))
    per_doc = corpus.term_trajectories(TERMS, match=match)
    assert per_doc.values.tolist() == term_trajectories(docs, TERMS, match=match).values.tolist()


def test_the_default_counts_words_and_substring_counts_every_hit():
    docs = _docs()
    word = first_seen(docs, ["双减"]).iloc[0]
    sub = first_seen(docs, ["双减"], match="substring").iloc[0]
    assert (word["date"], word["total"], word["n_documents"]) == ("2021-05-26", 3, 2)
    assert (sub["date"], sub["total"], sub["n_documents"]) == ("2021-01-04", 5, 4)
    assert term_counts(docs, ["三个代表"]).values.sum() == 0
    assert term_counts(docs, ["三个代表"], match="substring").values.sum() == 1
    with pytest.raises(InvalidParameterError, match="match"):
        first_seen(docs, ["双减"], match="words")
    with pytest.raises(InvalidParameterError, match="match"):
        term_trajectories(docs, ["双减"], match="regex")


def test_background_counts_word_uses():
    bg = Background.from_documents(_docs())
    words = word_counter(["双减", "推进改革"], None, "word")
    assert bg.found(["双减"], 0, 2) == {0} and bg.found(["双减"], 0, 2, words=words) == set()
    assert bg.usage(["双减"], 0).days == [4] and bg.usage(["双减"], 0, words=words).days == [2]
    assert bg.usage(["双减", "推进改革"], 0, words=words).count == [3, 2]
    assert word_counter(["双减"], None, "substring") is None
    with pytest.raises(InvalidParameterError, match="match"):
        word_counter(["双减"], None, "regex")


def test_background_novelty_by_word_uses():
    bg = Background.from_documents(_docs()[:2])  # 双减 only inside 双减负 and 双减少
    word = background_novelty(["双减"], bg, "2021-05-26")
    sub = background_novelty(["双减"], bg, "2021-05-26", match="substring")
    assert word.novelty == [1.0] and word.days == [0] and word.first == [None]
    assert sub.days == [2] and sub.first == ["2021-01-04"]


def test_emerging_terms_by_word_uses():
    days = [(f"2023-01-0{d}", "三个代表团到会。") for d in range(1, 4)]
    days += [(f"2023-02-0{d}", "践行“三个代表”重要思想。") for d in range(1, 5)]
    corpus = pt.Corpus([t for _, t in days], metadata=[{"date": d} for d, _ in days])
    word = emerging_terms(corpus, since="2023-02-01", until="2023-02-04")
    sub = emerging_terms(corpus, since="2023-02-01", until="2023-02-04", match="substring")
    assert "三个代表" in set(word["term"]) | {n for nest in word["nest"] for n in nest}
    assert "三个代表" not in set(sub["term"]) | {n for nest in sub["nest"] for n in nest}
    assert corpus.emerging_terms(since="2023-02-01", until="2023-02-04").equals(word)
    with pytest.raises(InvalidParameterError, match="match"):
        emerging_terms(corpus, since="2023-02-01", match="regex")


_PIECES = ["双减", "双减负", "“双减”", "三个代表", "三个代表团", "推进改革", "。", "，", "要", "工作", "\n"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join), min_size=1, max_size=5))
def test_background_word_counts_equal_the_word_counter(texts):
    """The byte path of the background (Aho-Corasick on UTF-8) counts what WordCounter counts on the text."""
    terms = ["双减", "三个代表", "推进改革"]
    wc = WordCounter(TermCounter({t: (t,) for t in terms}))
    bg = Background(texts, [f"2021-01-{i + 1:02d}" for i in range(len(texts))])
    use = bg.usage(terms, 0, words=word_counter(terms, None, "word"), neighbours=False)
    expected_count, expected_days = [0] * 3, [0] * 3
    for t in texts:
        for i, n, _ in wc.count(t):
            expected_count[i] += n
            expected_days[i] += 1
    assert use.count == expected_count and use.days == expected_days
    found = bg.found(terms, 0, len(texts), words=word_counter(terms, None, "word"))
    assert found == {i for i in range(3) if expected_days[i]}


def test_corpus_graph_nodes_are_chosen_as_keywords_are():
    corpus = pt.Corpus(["要推进机构编制法定化，稳定机构编制。", "推进机构编制法定化，加强管理，稳定发展。",
                        "加强管理，稳定发展，推进机构编制法定化。"])
    by_kw = corpus.cooccurrence(top=2)
    by_count = corpus.cooccurrence(top=2, rank="count")
    every = corpus.cooccurrence(top=None)
    assert by_kw.graph["rank"] == "keywords" and by_count.graph["rank"] == "count"
    scores = {n: d["score"] for n, d in by_kw.nodes(data=True)}
    assert all(s > 0 for s in scores.values())
    counts = dict(every.nodes(data="count"))
    assert sorted(by_count) == sorted(sorted(counts, key=lambda t: (-counts[t], t))[:2])
    assert "机构编制法定化" in by_kw and "score" not in next(iter(by_count.nodes(data=True)))[1]
    with pytest.raises(InvalidParameterError, match="rank"):
        corpus.cooccurrence(rank="pagerank")


def test_first_seen_of_an_undated_folder_does_not_warn(tmp_path):
    (tmp_path / "a.txt").write_text("要发展新质生产力。", encoding="utf-8")
    corpus = pt.Corpus.from_folder(tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert corpus.first_seen(["新质生产力"])["document"].tolist() == ["a"]
    with pytest.warns(pt.corpus.CorpusWarning, match="no document of the corpus has a date"):
        corpus.term_trajectories(["新质生产力"], freq="Y")
