"""Tests of policytext.analysis.compare.novel: new and dropped terms, novel phrases, the phrase rule."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import policytext as pt
from policytext.analysis.compare import Background, background_novelty, compare, novel_phrases


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



# -- one row per nest, numbered formulations whole (issue 17) ------------------------------------

def test_a_term_and_its_parts_are_one_row():
    a = pt.parse("要推进改革。")
    b = pt.parse("铸牢中华民族共同体意识。铸牢中华民族共同体意识。中华民族共同体意识。中华民族共同体建设。")
    new = compare(a, b).new_terms
    family = {"铸牢中华民族共同体意识", "中华民族共同体意识", "中华民族共同体"}
    rows = new[new["term"].isin(family)]
    assert len(rows) == 1, new[["term", "nest"]]
    assert set(rows.iloc[0]["nest"]) | {rows.iloc[0]["term"]} == family
    # nothing else of the family is left as a row of its own
    assert not any(t in family for t in new["term"].tolist() if t != rows.iloc[0]["term"])


def test_numbered_formulation_never_matched_inside_another():
    a = pt.parse("实现两不愁三保障，巩固成果。")
    b = pt.parse("兜牢“三保”底线。实现两不愁三保障，巩固成果。")
    cmp = compare(a, b)
    new = cmp.new_terms.set_index("term")
    assert new.loc["三保", "count_b"] == 1  # the standalone one, not the one inside 两不愁三保障
    assert cmp.keyness.set_index("term").loc["三保", "count_b"] == 1
    # … and a document with 两不愁三保障 only has no 三保 at all
    cmp = compare(pt.parse("要推进改革。"), a)
    assert "三保" not in set(cmp.new_terms["term"]) and "三保" not in set(cmp.keyness["term"])
    assert "两不愁三保障" in set(cmp.new_terms["term"])


# -- novelty against a dated background (issue 17) ----------------------------------------------

def _background_docs():
    days = [(f"2020-01-0{d}", "要推动经济社会发展，加强基础设施建设，做好民生保障工作。") for d in range(1, 6)]
    return [pt.parse(t, metadata={"date": d}) for d, t in days]


def test_background_ranks_a_new_singleton_above_ordinary_phrases():
    a = pt.parse("要推动高质量发展。")
    b = pt.parse("要推动经济社会发展。加强基础设施建设。推动经济社会发展。加强基础设施建设。"
                 "深入推进数字经济创新发展，开展“人工智能+”行动。", metadata={"date": "2024-03-05"})
    plain = compare(a, b).new_terms
    ours = compare(a, b, background=_background_docs()).new_terms
    assert ours.iloc[0]["term"].strip("“”") == "人工智能+" and ours.iloc[0]["novelty"] == 1.0
    assert ours.iloc[0]["count_b"] == 1
    # without the background the frequent ordinary phrases come first and the singleton is not first
    assert plain.iloc[0]["term"].strip("“”") != "人工智能+"
    assert plain["novelty"].isna().all() and plain["background_documents"].isna().all()
    ordinary = ours.set_index("term").loc["经济社会发展"]
    assert ordinary["novelty"] == 0.0 and ordinary["background_documents"] == 5
    assert ordinary["background_first"] == "2020-01-01"
    # the ranking is by novelty × termhood
    score = (ours["novelty"] * ours["termhood"]).tolist()
    assert score == sorted(score, reverse=True)


def test_background_before_the_date_only_and_duck_typed():
    a = pt.parse("要推动高质量发展。")
    b = pt.parse("发展新质生产力。发展新质生产力。", metadata={"date": "2023-09-08"})
    later = [pt.parse("要发展新质生产力。", metadata={"date": "2024-01-02"})]
    docs = _background_docs() + later
    for bg in (docs, Background.from_documents(docs), pt.Corpus(docs)):
        row = compare(a, b, background=bg).new_terms.set_index("term").loc["新质生产力"]
        assert row["novelty"] == 1.0 and row["background_documents"] == 0  # the later day does not count
    # a background without dates before b: everything is unseen
    early = pt.parse("发展新质生产力。", metadata={"date": "2012-01-01"})
    row = compare(a, early, background=docs).new_terms.set_index("term").loc["新质生产力"]
    assert row["novelty"] == 1.0


def test_background_novelty_rare_and_recent():
    docs = [pt.parse(t, metadata={"date": d}) for d, t in [
        ("2015-08-19", "要建设全国统一大市场。"), ("2016-05-01", "构建新发展格局。"), ("2017-05-01", "构建新发展格局。"),
        ("2018-05-01", "构建新发展格局。"), ("2023-09-08", "发展新质生产力。"), ("2023-12-10", "发展新质生产力。")]]
    seen = background_novelty(["新发展格局", "全国统一大市场", "新质生产力", "低空经济"],
                              Background.from_documents(docs), "2024-03-05")
    assert seen.days == [3, 1, 2, 0] and seen.recent == [0, 0, 2, 0]
    assert seen.novelty[2] == seen.novelty[3] == 1.0  # first used within the year before: new
    assert 0.0 <= seen.novelty[0] < seen.novelty[1] < 1.0  # used on more older days: less new
    assert seen.first == ["2016-05-01", "2015-08-19", "2023-09-08", None]


# -- government work reports against the 新闻联播 record (issue 17) -----------------------------

#: Terms the press listed as written into the government work report for the first time (Xinhua, People's
#: Daily, CCTV explainers "首次写入政府工作报告" / "报告中的新提法", March 2024; written from memory of that
#: coverage), kept where the 2024 report has them and the 2022 one does not (the 2023 report is not in the
#: shared corpora, so the pair is 2022 → 2024).
PRESS_2024 = ["新质生产力", "人工智能+", "低空经济", "银发经济", "未来产业", "大食物观", "新型能源体系", "商业航天"]


def _row_rank(df, term):
    for i, (t, nest) in enumerate(zip(df["term"], df["nest"]), 1):
        if term in {x.strip("“”") for x in (t, *nest)}:
            return i
    return None


def test_gwr_press_firsts_rank_high_against_the_record(shared_docs):
    from policytext.corpus.emerging import background

    if "gwr_2022" not in shared_docs or "gwr_2024" not in shared_docs:
        pytest.skip("gwr_2022/gwr_2024 not in the shared corpora")
    record = Path(os.environ.get("POLICYTEXT_SHARED", Path(__file__).resolve().parents[2] / "shared")) / "xwlb"
    if not (record / "metadata.tsv").is_file():
        pytest.skip(f"the 新闻联播 record is not at {record}")
    corpus = pt.Corpus.from_folder(record, pattern="**/*.txt")
    dates = corpus.metadata["date"].dt.strftime("%Y-%m-%d").tolist()
    bg = background(corpus.subset(["2021-03-01" <= d <= "2024-03-31" for d in dates]))  # a sample: three years
    a = pt.parse(shared_docs["gwr_2022"].text, metadata={"date": "2022-03-05"})
    b = pt.parse(shared_docs["gwr_2024"].text, metadata={"date": "2024-03-05"})
    press = [t for t in PRESS_2024 if t in b.text and t not in a.text]
    assert len(press) == len(PRESS_2024)
    ours = compare(a, b, background=bg).new_terms
    base = compare(a, b).new_terms
    r_ours = {t: _row_rank(ours, t) for t in press}
    r_base = {t: _row_rank(base, t) for t in press}
    print("\ngwr_2022 → gwr_2024, rank with the record / by count: "
          + ", ".join(f"{t} {r_ours[t]}/{r_base[t]}" for t in press))
    top = 50
    hits = sum(1 for r in r_ours.values() if r and r <= top)
    base_hits = sum(1 for r in r_base.values() if r and r <= top)
    assert hits >= len(press) // 2 and hits > base_hits
    assert r_ours["新质生产力"] is not None and r_ours["新质生产力"] <= 20
