"""Tests of policytext.analysis.compare.novel: new and dropped terms, novel phrases, the phrase rule."""

from __future__ import annotations

import pytest

import policytext as pt
from policytext.analysis.compare import compare, novel_phrases


def _plenum(shared_docs, name):
    key = f"plenum_{name}_communique"
    if key not in shared_docs:
        pytest.skip(f"{key} not in the shared corpora")
    return shared_docs[key]


def _phrase_rank(df, term, top=20):
    """Rank (1-based) of ``term`` among the lexicon-free rows (phrases and numbered formulations)."""
    rows = df[df["kind"].isin(["phrase", "numbered"])].head(top)["term"].tolist()
    return rows.index(term) + 1 if term in rows else None


# -- novelty on tiny texts ------------------------------------------------------------

def test_novel_phrases_collapses_fragments():
    tk = pt.Tokenizer(pt.Lexicon.empty())
    a = pt.parse("要推动高质量发展。")
    b = pt.parse("要因地制宜发展新质生产力。健全因地制宜发展新质生产力体制机制。新质生产力是先进生产力。")
    got = novel_phrases(b, a, tokenizer=tk)
    phrases = [p for p, _, _ in got]
    assert phrases[0] == "新质生产力"
    assert not any(p in {"新质", "质生产力", "因地制宜发展新质"} for p in phrases)
    assert {p: n for p, n, _ in got}["新质生产力"] == 3


def test_new_and_dropped_with_examples():
    a = pt.parse("一、要求\n要加快构建新发展格局。要坚持“两个确立”。")
    b = pt.parse("一、要求\n要因地制宜发展新质生产力。要坚持“两个确立”。")
    cmp = compare(a, b)
    new = cmp.new_terms.set_index("term")
    assert new.loc["新质生产力", "kind"] == "lexicon"
    assert new.loc["新质生产力", "example"] == "要因地制宜发展新质生产力。"
    assert "两个确立" not in new.index
    assert cmp.dropped_terms["term"].tolist() == ["新发展格局"]
    assert cmp.dropped_terms.iloc[0]["count_a"] == 1


# -- acceptance on the shared communiqués ------------------------------------------------

@pytest.mark.parametrize("pair, terms", [
    (("19_4", "19_5"), ["新发展格局", "统筹发展和安全"]),
    (("19_6", "19_7"), ["两个确立"]),
    (("20_2", "20_3"), ["新质生产力"]),
])
def test_acceptance_new_terms(shared_docs, pair, terms):
    a, b = (_plenum(shared_docs, p) for p in pair)
    cmp = compare(a, b)
    new = cmp.new_terms.reset_index(drop=True)
    print(f"\ncompare({pair[0]}, {pair[1]}): {len(new)} new, {len(cmp.dropped_terms)} dropped, "
          f"cosine {cmp.similarity.cosine:.3f}; top 8: {new['term'].head(8).tolist()}")
    for term in terms:
        hit = new[new["term"] == term]
        assert len(hit) == 1, term
        r = hit.iloc[0]
        print(f"  {term}: rank {hit.index[0] + 1}, kind {r['kind']}, count_b {r['count_b']}, "
              f"example {r['example'][:40]}…")
        assert r["count_a"] == 0 and r["count_b"] >= 1
        assert term not in a.text and term in b.text
        assert term in r["example"]


@pytest.mark.parametrize("pair, term", [(("20_2", "20_3"), "新质生产力"), (("19_6", "19_7"), "两个确立")])
def test_acceptance_without_lexicon(shared_docs, pair, term):
    a, b = (_plenum(shared_docs, p) for p in pair)
    cmp = compare(a, b, lexicon=pt.Lexicon.empty())
    assert (cmp.new_terms["kind"] != "lexicon").all()
    rank = _phrase_rank(cmp.new_terms, term)
    top = cmp.new_terms.head(20)
    print(f"\nempty lexicon, compare({pair[0]}, {pair[1]}): {term} rank {rank}; "
          f"top 20: {list(zip(top['term'], top['kind'], top['count_b']))}")
    assert rank is not None and rank <= 20  # exactly the term, not a longer/shorter phrase


# -- the phrase rule ----------------------------------------------------------------

def test_phrase_rule_golden():
    tk = pt.Tokenizer(pt.Lexicon.empty())
    a = pt.parse("要推动高质量发展。")
    # a verb (夯实) and an adjective-adverb (坚实) end the sequence; the noun phrase before them stays
    # (its head 现代化 ends a clause somewhere, so it can end a noun phrase)
    b = pt.parse("为基本实现社会主义现代化夯实基础。要为社会主义现代化夯实基础。要基本实现社会主义现代化。")
    assert novel_phrases(b, a, tokenizer=tk) == [("社会主义现代化", 3, 1.0)]
    # … and a head that never ends a clause (全面, always before a verb) ends no phrase
    b = pt.parse("中国特色大国外交全面推进。中国特色大国外交全面展开。")
    assert not any(p.endswith("全面") for p, _, _ in novel_phrases(b, a, tokenizer=tk))
    b = pt.parse("全体人民共同富裕迈出坚实步伐。推动全体人民共同富裕迈出坚实步伐。扎实推进全体人民共同富裕。")
    got = [p for p, _, _ in novel_phrases(b, a, tokenizer=tk)]
    assert "人民共同富裕" in got and not any(p.endswith(("迈出", "坚实", "迈出坚实")) for p in got), got  # 全体: a stopword
    # a conjunction or a preposition is never inside a phrase (和, 向)
    b = pt.parse("加强党风廉政建设和反腐败斗争。推进党风廉政建设和反腐败斗争。讨论稿向全会作说明。讨论稿向全会作说明。")
    got = [p for p, _, _ in novel_phrases(b, a, tokenizer=tk)]
    assert not any("和" in p or "向" in p for p in got), got
    # head-final: 城乡居民基本 is always followed by a noun (a modifier, not a head)
    b = pt.parse("完善城乡居民基本养老保险制度。健全城乡居民基本医疗保险制度。")
    assert "城乡居民基本" not in [p for p, _, _ in novel_phrases(b, a, tokenizer=tk, min_count=2)]
    # a one-character adjective in attributive position belongs to the phrase (no lexicon: 新|质|生产力)
    b = pt.parse("要因地制宜发展新质生产力。新质生产力是先进生产力。")
    assert novel_phrases(b, a, tokenizer=tk) == [("新质生产力", 2, 1.0)]
    # a two-character adjective before a noun is a verb (健全|机制): no phrase starts with it
    b = pt.parse("要健全考核机制。要健全考核机制。")
    assert [p for p, _, _ in novel_phrases(b, a, tokenizer=tk)] == ["考核机制"]
    # a one-character adjective right after a verb is its complement (解决|好), not an attribute
    b = pt.parse("解决好人民群众急难愁盼问题。要解决好人民群众急难愁盼问题。")
    got = [p for p, _, _ in novel_phrases(b, a, tokenizer=tk)]
    assert got and not any(p.startswith("好") for p in got), got

