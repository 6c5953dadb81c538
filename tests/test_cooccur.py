"""Tests of policytext.analysis.cooccur (co-occurrence graphs, statistics), analysis.network and render.export.

The ``policytext graph`` command is tested in tests/test_cli_graph.py.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from itertools import combinations

import networkx as nx
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import policytext as pt
from policytext.analysis import _cooccur_graph
from policytext.analysis import cooccur as _cooccur
from policytext.analysis.cooccur import (
    build_graph,
    cooccurrence,
    count_pairs,
    is_content_token,
)
from policytext.analysis.network import centralities, communities
from policytext.errors import InvalidParameterError, OutputError
from policytext.render.export import GRAPH_FORMATS, write_graph
from policytext.tokens.tokenizer import Token, default_tokenizer

# units of the hand-computed example: n = 4 units
# a: units 0,1 -> n_a = 2; b: units 0,1,2 -> n_b = 3; c: units 0,3 -> n_c = 2; d: unit 2 -> n_d = 1
UNITS = [["a", "b", "c"], ["a", "b"], ["b", "d"], ["c"]]


def _read_graphml_terms(path):
    """GraphML ids are n0, n1, … (NMTOKENs); the documented recipe gets the terms back from ``label``."""
    H = nx.read_graphml(path)
    return nx.relabel_nodes(H, dict(H.nodes(data="label")))


# -- statistics (hand-computed) -----------------------------------------------------


def _stat(units, weight, a, b, **kw):
    return cooccurrence(units, weight=weight, **kw)[a][b][weight]


def test_sentence_window_statistics_match_hand_computation():
    G = cooccurrence(UNITS, weight="count")
    ab = G["a"]["b"]  # n_ab = 2
    assert ab == {"count": 2, "weight": 2.0}
    assert _stat(UNITS, "pmi", "a", "b") == pytest.approx(math.log(2 * 4 / (2 * 3)))  # log(4/3)
    assert _stat(UNITS, "pmi", "a", "b") == pytest.approx(0.287682, abs=1e-6)
    assert _stat(UNITS, "npmi", "a", "b") == pytest.approx(math.log(4 / 3) / -math.log(2 / 4))
    assert _stat(UNITS, "npmi", "a", "b") == pytest.approx(0.415037, abs=1e-6)
    assert _stat(UNITS, "jaccard", "a", "b") == pytest.approx(2 / 3)
    # b-c: n_bc = 1, n_b = 3, n_c = 2
    assert _stat(UNITS, "pmi", "b", "c") == pytest.approx(math.log(1 * 4 / (3 * 2)))  # log(2/3) < 0
    assert _stat(UNITS, "npmi", "b", "c") == pytest.approx(math.log(2 / 3) / math.log(4))
    assert _stat(UNITS, "jaccard", "b", "c") == pytest.approx(1 / 4)
    # b-d: n_bd = 1, n_b = 3, n_d = 1
    assert _stat(UNITS, "pmi", "b", "d") == pytest.approx(math.log(4 / 3))
    assert _stat(UNITS, "jaccard", "b", "d") == pytest.approx(1 / 3)
    assert G.nodes["b"]["count"] == 3 and G.nodes["b"]["units"] == 3
    assert G.graph["n_units"] == 4
    assert not G.has_edge("a", "d") and not G.has_edge("c", "d")


def test_unit_frequency_differs_from_occurrences():
    # a occurs twice in unit 0: count 3, units 2; the pair a-b is counted once per unit
    G = cooccurrence([["a", "a", "b"], ["a", "b"]], weight="jaccard")
    assert G.nodes["a"]["count"] == 3 and G.nodes["a"]["units"] == 2
    assert G["a"]["b"]["count"] == 2 and G["a"]["b"]["jaccard"] == pytest.approx(1.0)


@pytest.mark.parametrize("weight", ["pmi", "npmi", "jaccard"])
def test_weight_is_the_chosen_statistic_and_never_negative(weight):
    G = cooccurrence(UNITS, weight=weight)
    for _, _, d in G.edges(data=True):
        assert set(d) == {"count", "weight", weight}
        assert d["weight"] == pytest.approx(max(0.0, d[weight]))
    if weight != "jaccard":
        assert G["b"]["c"][weight] < 0 and G["b"]["c"]["weight"] == 0.0
    assert G.graph["weight"] == weight


def test_npmi_is_one_when_pair_is_in_every_unit():
    assert _stat([["x", "y"], ["x", "y"]], "npmi", "x", "y") == pytest.approx(1.0)
    assert _stat([["x", "y"], ["x", "y"]], "pmi", "x", "y") == pytest.approx(0.0)


def test_int_window_statistics_over_sliding_windows():
    # one sentence p q r s with k = 2: windows [p q] [q r] [r s] -> n = 3
    G = cooccurrence([["p", "q", "r", "s"]], window=2, weight="pmi")
    assert set(G.edges) == {("p", "q"), ("q", "r"), ("r", "s")}
    assert G.graph["n_units"] == 3
    qr = G["q"]["r"]  # n_q = 2, n_r = 2, n_qr = 1
    assert qr["count"] == 1 and qr["units"] == 1
    assert qr["pmi"] == pytest.approx(math.log(1 * 3 / (2 * 2)))
    assert _stat([["p", "q", "r", "s"]], "jaccard", "q", "r", window=2) == pytest.approx(1 / 3)
    # k = 3: p-r are 2 apart -> linked; p-s (3 apart) not
    G3 = cooccurrence([["p", "q", "r", "s"]], window=3)
    assert G3.has_edge("p", "r") and not G3.has_edge("p", "s")
    # count (position pairs) and units (windows) differ: a b a with k = 3 -> count(a,b) = 2, one window
    Gaba = cooccurrence([["a", "b", "a"]], window=3)
    assert Gaba["a"]["b"]["count"] == 2 and Gaba["a"]["b"]["units"] == 1


def test_count_matches_the_lead_core():
    units = [["a", "b", "a", "c"], ["b", "c"], []]
    for window in (None, 2, 3):
        G = cooccurrence(units, window="sentence" if window is None else window)
        H = build_graph(units, window=window)
        assert {e: d["count"] for e, d in G.edges.items()} == {e: d["count"] for e, d in H.edges.items()}
        assert dict(G.nodes(data="count")) == dict(H.nodes(data="count"))
    nodes, pairs, n = count_pairs(units)
    assert n == 3 and nodes["a"] == 2 and pairs[("a", "b")] == 1


# -- windows and units ------------------------------------------------------------


def test_sentence_windows_do_not_cross_sentences(tokenizer):
    doc = pt.parse("一、总体要求\n坚持党的全面领导。推动高质量发展。\n二、主要任务\n深化机构编制改革，推动高质量发展。")
    G = cooccurrence(doc, tokenizer=tokenizer)
    assert "坚持党的全面领导" in G and "高质量发展" in G
    assert not G.has_edge("坚持党的全面领导", "高质量发展")
    Gk = cooccurrence(doc, window=5, tokenizer=tokenizer)
    assert not Gk.has_edge("坚持党的全面领导", "高质量发展")
    Gp = cooccurrence(doc, window="paragraph", tokenizer=tokenizer)
    assert Gp.has_edge("坚持党的全面领导", "高质量发展")  # same paragraph
    assert Gp.graph["n_units"] == 2
    # never across paragraphs
    assert not Gp.has_edge("坚持党的全面领导", "机构编制")


def test_sections_attribute_and_categories(tokenizer):
    doc = pt.parse("前言推动高质量发展。\n一、总体要求\n推动高质量发展。\n（一）具体任务\n推进党的二十大精神学习，推动高质量发展。")
    G = cooccurrence(doc, tokenizer=tokenizer)
    assert G.nodes["高质量发展"]["sections"] == "0;1;1.1"
    assert G.nodes["高质量发展"]["count"] == 3
    assert G.nodes["党的二十大"]["category"] == "meeting"
    assert all(isinstance(d["category"], str) for _, d in G.nodes(data=True))
    assert all(d["category"] == "" for n, d in G.nodes(data=True) if n == "学习")


def test_section_input_and_headings(tokenizer):
    doc = pt.parse("一、坚持党的全面领导\n推动高质量发展。\n二、深化改革\n完善机构编制管理。")
    sec = doc.section("1")
    G = cooccurrence(sec, tokenizer=tokenizer)
    assert set(G) == {"高质量发展"}
    Gh = cooccurrence(doc, headings=True, tokenizer=tokenizer)
    assert "坚持党的全面领导" in Gh and "坚持党的全面领导" not in cooccurrence(doc, tokenizer=tokenizer)


def test_iterable_of_documents_prefixes_sections(tokenizer):
    docs = [pt.parse("一、甲\n推动高质量发展。"), pt.parse("一、乙\n推动高质量发展，学习党的二十大精神。")]
    G = cooccurrence(iter(docs), tokenizer=tokenizer)
    assert G.nodes["高质量发展"]["sections"] == "0/1;1/1"
    assert G.nodes["高质量发展"]["count"] == 2


def test_aliases_merge_into_the_lexicon_term(tokenizer):
    G = cooccurrence(pt.parse("认真学习十八大和党的十八大精神，贯彻二十大报告。"), tokenizer=tokenizer)
    assert "十八大" not in G
    assert G.nodes["党的十八大"]["count"] == 2
    assert "党的二十大报告" in G


def test_token_lists_of_tokens_use_the_candidate_rule(tokenizer):
    toks = tokenizer.tokenize("要坚持党的二十大精神，推进机构编制工作。")
    G = cooccurrence([toks])
    assert set(G) == {t.norm for t in toks if is_content_token(t)}
    assert "，" not in G and "要" not in G


def test_terms_top_and_keywords(tokenizer):
    G = cooccurrence(UNITS, terms=["a", "b", "zzz"], weight="pmi")
    assert set(G) == {"a", "b"}
    assert G["a"]["b"]["pmi"] == pytest.approx(math.log(4 / 3))  # statistics use every unit
    Gt = cooccurrence(UNITS, top=2)
    assert set(Gt) == {"b", "a"}  # counts b=3, a=2, c=2 -> tie by term
    Gk = cooccurrence(UNITS, top=2, keywords=[("d", 0.9), ("c", 0.5)])
    assert set(Gk) == {"c", "d"}
    assert Gk.nodes["d"]["score"] == pytest.approx(0.9)

    class KW:
        def __init__(self, term, score):
            self.term, self.score = term, score

    Go = cooccurrence(UNITS, keywords=[KW("a", 0.7)])
    assert Go.nodes["a"]["score"] == pytest.approx(0.7) and Go.nodes["b"]["score"] == 0.0
    # default score: weighted degree / max, in [0, 1]
    scores = dict(cooccurrence(UNITS).nodes(data="score"))
    assert max(scores.values()) == 1.0 and scores["b"] == 1.0
    # aliases in terms= map to the lexicon term
    Ga = cooccurrence(pt.parse("学习党的十八大精神，推动高质量发展。"), terms=["十八大", "高质量发展"],
                      tokenizer=tokenizer)
    assert set(Ga) == {"党的十八大", "高质量发展"}


def test_min_count_drops_edges_keeps_nodes():
    G = cooccurrence(UNITS, min_count=2)
    assert set(G.edges) == {("a", "b")}
    assert set(G) == {"a", "b", "c", "d"}


# -- errors and empty input -----------------------------------------------------------


@pytest.mark.parametrize("window", [1, 0, -3, True, 2.5, "clause", None])
def test_bad_window_raises(window):
    with pytest.raises(InvalidParameterError) as exc:
        cooccurrence(UNITS, window=window)
    assert "window" in str(exc.value)


def test_unknown_weight_lists_valid_names():
    with pytest.raises(InvalidParameterError, match="count, jaccard, npmi, pmi"):
        cooccurrence(UNITS, weight="dice")


@pytest.mark.parametrize("kw", [{"min_count": 0}, {"top": 0}, {"min_count": 1.5}, {"terms": "高质量发展"},
                                {"tokenizer": "jieba"}])
def test_bad_parameters_raise(kw):
    with pytest.raises(InvalidParameterError):
        cooccurrence(UNITS, **kw)


@pytest.mark.parametrize("empty", ["", "   ", [], [[]], [[], []], ()])
def test_empty_input_gives_empty_graph(empty):
    G = cooccurrence(empty)
    assert isinstance(G, nx.Graph) and len(G) == 0 and G.number_of_edges() == 0


def test_document_without_sentences_gives_empty_graph():
    doc = pt.parse("只有标题")
    assert doc.sentences == []
    assert len(cooccurrence(doc)) == 0
    assert communities(cooccurrence(doc)) == []
    assert centralities(cooccurrence(doc)).empty


@pytest.mark.parametrize("bad", [42, 3.5, b"bytes", {"a": 1}, [1, 2], [["a", 1]]])
def test_wrong_type_raises_type_error(bad):
    with pytest.raises(TypeError):
        cooccurrence(bad)


# -- properties ----------------------------------------------------------------------------

words = st.lists(st.lists(st.sampled_from("abcdefg"), max_size=6), max_size=8)


@settings(max_examples=60, deadline=None)
@given(units=words, min_count=st.integers(1, 3), window=st.sampled_from(["sentence", 2, 3]),
       weight=st.sampled_from(["count", "pmi", "npmi", "jaccard"]))
def test_graph_invariants(units, min_count, window, weight):
    G = cooccurrence(units, min_count=min_count, window=window, weight=weight)
    tokens = {w for u in units for w in u}
    assert set(G) == tokens
    n = G.graph["n_units"]
    for a, b, d in G.edges(data=True):
        assert d["count"] >= min_count
        n_ab = d["units"] if window != "sentence" else d["count"]
        assert 1 <= n_ab <= min(G.nodes[a]["units"], G.nodes[b]["units"]) <= n
        assert d["weight"] >= 0
        n_a, n_b = G.nodes[a]["units"], G.nodes[b]["units"]
        if weight == "pmi":
            assert d["pmi"] == pytest.approx(math.log(n_ab * n / (n_a * n_b)))
        elif weight == "npmi":
            assert -1 - 1e-9 <= d["npmi"] <= 1 + 1e-9
        elif weight == "jaccard":
            assert 0 < d["jaccard"] <= 1
            assert d["jaccard"] == pytest.approx(n_ab / (n_a + n_b - n_ab))
        else:
            assert d["weight"] == d["count"]
    if window == "sentence":
        # sentence windows never link terms that share no unit
        for a, b in G.edges:
            assert any(a in u and b in u for u in units)


# -- analysis --------------------------------------------------------------------------------


def test_communities_deterministic_and_attribute():
    G = build_graph([["a", "b", "c"], ["a", "b", "c"], ["d", "e", "f"], ["d", "e", "f"], ["c", "d"]])
    first = communities(G, seed=1)
    for _ in range(3):
        assert communities(G, seed=1) == first
    assert sorted(map(sorted, first)) == [["a", "b", "c"], ["d", "e", "f"]]
    communities(G, attribute="community")
    assert G.nodes["a"]["community"] == G.nodes["b"]["community"] != G.nodes["f"]["community"]
    with pytest.raises(InvalidParameterError):
        communities(G, resolution=0)


def test_communities_rejects_negative_weights():
    G = nx.Graph()
    G.add_edge("a", "b", weight=-1.0)
    with pytest.raises(InvalidParameterError):
        communities(G)


def test_centralities_frame():
    G = cooccurrence(UNITS)
    df = centralities(G)
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns) == ["count", "degree", "weighted_degree", "betweenness", "eigenvector", "pagerank"]
    assert df.index[0] == "b"  # most connected
    assert df.loc["b", "degree"] == 3 and df.loc["b", "weighted_degree"] == pytest.approx(4.0)
    assert df["pagerank"].sum() == pytest.approx(1.0)
    assert list(df["pagerank"]) == sorted(df["pagerank"], reverse=True)


# -- export --------------------------------------------------------------------------------


def _assert_same_graph(G, H):
    assert set(G.nodes) == set(H.nodes)
    assert {frozenset(e) for e in G.edges} == {frozenset(e) for e in H.edges}
    for n, d in G.nodes(data=True):
        for k, v in d.items():
            got = H.nodes[n][k]
            assert type(got) is type(v), (k, v, got)
            assert got == (pytest.approx(v) if isinstance(v, float) else v)
    for a, b, d in G.edges(data=True):
        for k, v in d.items():
            got = H[a][b][k]
            assert type(got) is type(v), (k, v, got)
            assert got == (pytest.approx(v) if isinstance(v, float) else v)


def _sample_graph():
    G = cooccurrence(pt.parse("一、要求\n学习党的二十大精神，推动高质量发展。\n二、任务\n推动高质量发展，完善机构编制。"),
                     weight="npmi")
    communities(G, attribute="community")
    return G


@pytest.mark.parametrize("ext,reader", [(".gexf", nx.read_gexf), (".graphml", _read_graphml_terms)])
def test_gexf_graphml_round_trip(tmp_path, ext, reader):
    G = _sample_graph()
    path = write_graph(G, tmp_path / f"g{ext}")
    assert path.is_file()
    H = reader(path)
    _assert_same_graph(G, H)
    assert [p.name for p in tmp_path.iterdir()] == [f"g{ext}"]  # no temp file left behind


def test_json_round_trip(tmp_path):
    G = _sample_graph()
    path = write_graph(G, tmp_path / "g.json")
    text = path.read_text(encoding="utf-8")
    assert "高质量发展" in text  # UTF-8, not \\u escapes
    H = nx.node_link_graph(json.loads(text), edges="edges")
    _assert_same_graph(G, H)


def test_csv_edge_list(tmp_path):
    G = _sample_graph()
    path = write_graph(G, tmp_path / "g.csv")
    df = pd.read_csv(path)
    assert list(df.columns[:3]) == ["source", "target", "weight"]
    assert {"count", "npmi"} <= set(df.columns)
    H = nx.from_pandas_edgelist(df, edge_attr=True)
    assert {frozenset(e) for e in H.edges} == {frozenset(e) for e in G.edges}
    for a, b, d in G.edges(data=True):
        assert H[a][b]["count"] == d["count"] and H[a][b]["weight"] == pytest.approx(d["weight"])


def test_write_graph_cleans_attributes(tmp_path):
    G = nx.Graph(note=None)
    G.add_node("甲", tags={"x", "y"}, missing=None, pair=(1, 2))
    G.add_edge("甲", "乙", weight=1.0, label=None)
    H = _read_graphml_terms(write_graph(G, tmp_path / "g.graphml"))
    assert H.nodes["甲"]["tags"] == "x;y" and H.nodes["甲"]["pair"] == "1;2" and H.nodes["甲"]["missing"] == ""
    nx.read_gexf(write_graph(G, tmp_path / "g.gexf"))
    assert G.nodes["甲"]["tags"] == {"x", "y"}  # the caller's graph is untouched


def test_write_graph_errors(tmp_path):
    G = build_graph([["a", "b"]])
    with pytest.raises(InvalidParameterError) as exc:
        write_graph(G, tmp_path / "g.xml")
    for ext in GRAPH_FORMATS:
        assert ext in str(exc.value)
    with pytest.raises(OutputError):
        write_graph(G, tmp_path / "missing" / "g.gexf")
    with pytest.raises(TypeError):
        write_graph(G, 3)


def test_write_graph_replaces_existing_file(tmp_path):
    path = tmp_path / "g.graphml"
    path.write_text("old")
    write_graph(build_graph([["a", "b"]]), path)
    assert set(_read_graphml_terms(path)) == {"a", "b"}


# -- acceptance on the reference document ----------------------------------------------------------


def test_reference_document_graph(reference_doc, tokenizer, tmp_path):
    doc = reference_doc
    min_count = 2
    G = cooccurrence(doc, min_count=min_count, tokenizer=tokenizer, nodes="content", phrases=False)
    tokens = [t for sent in tokenizer.tokenize_document(doc) for t in sent]
    norms = {t.norm for t in tokens if is_content_token(t)}
    assert set(G) == norms
    # whole lexicon terms: 党的二十大 is a node, the fragment 二十大 is not
    assert "党的二十大" in G and "二十大" not in G
    assert G.nodes["党的二十大"]["category"] == "meeting"
    # no fragments: every non-term node occurs in the text outside the spans of lexicon terms
    masked = list(doc.text)
    for t in tokens:
        if t.is_term:
            masked[t.start:t.end] = "\0" * (t.end - t.start)
    masked_text = "".join(masked)
    terms = {t.norm for t in tokens if t.is_term}
    for node in G:
        if node not in terms:
            assert node in masked_text, f"{node} only occurs inside a lexicon term"
    assert all(d["count"] >= min_count for _, _, d in G.edges(data=True))
    # a sentence window never links terms that share no sentence
    sents = [{t.norm for t in s} for s in tokenizer.tokenize_document(doc)]
    for a, b in G.edges:
        assert any(a in s and b in s for s in sents)
    # Louvain: same partition on repeated runs
    parts = [communities(G, seed=0) for _ in range(3)]
    assert parts[0] == parts[1] == parts[2]
    communities(G, attribute="community")
    for ext, reader in ((".gexf", nx.read_gexf), (".graphml", _read_graphml_terms)):
        _assert_same_graph(G, reader(write_graph(G, tmp_path / f"ref{ext}")))
    n_terms = sum(1 for n in G if G.nodes[n]["category"])
    print(f"\nreference graph (min_count={min_count}): {G.number_of_nodes()} nodes ({n_terms} lexicon terms), "
          f"{G.number_of_edges()} edges, {len(parts[0])} communities, n_units={G.graph['n_units']}")
    top = sorted(G.nodes(data="count"), key=lambda x: (-x[1], x[0]))[:8]
    print("top nodes:", top)


def test_reference_document_weights_and_windows(reference_doc, tokenizer):
    for window in ("sentence", "paragraph", 4):
        for weight in ("pmi", "npmi", "jaccard"):
            G = cooccurrence(reference_doc, window=window, weight=weight, top=50, tokenizer=tokenizer)
            assert len(G) == 50
            assert all(d["weight"] >= 0 for _, _, d in G.edges(data=True))


@pytest.mark.parametrize("kw", [{}, {"weight": "pmi"}, {"min_count": 1, "terms": list("abcd")}])
def test_default_score_is_normalised_weighted_degree(kw):
    G = cooccurrence(UNITS + [["a", "a", "e"]], **kw)
    strength = dict(G.degree(weight="count"))
    top = max(strength.values())
    assert dict(G.nodes(data="score")) == pytest.approx({n: s / top for n, s in strength.items()})


# -- the numpy count equals the Python reference (performance rewrite, issue 6) ----------------------



def _reference_unit_counts(units):
    """The Counter-based count of a named window that ``cooccurrence`` used before the numpy rewrite."""
    nodes, node_u, pairs = Counter(), Counter(), Counter()
    n = 0
    for unit in units:
        n += 1
        nodes.update(unit)
        uniq = sorted(set(unit))
        node_u.update(uniq)
        if len(uniq) > 1:
            pairs.update(combinations(uniq, 2))
    return nodes, node_u, pairs, n


class _ReferenceCollector(_cooccur._Collector):
    """The per-token collection loop used before the rewrite (is_content_token, dict of sections per term)."""

    def __init__(self, tokenizer):
        super().__init__(tokenizer)
        self.ref_sections = {}

    def add_tokens(self, tokens, section, into, *, exact=False):
        for t in tokens:
            if is_content_token(t):
                key = t.norm
                into.append(key)
                if key not in self.category:
                    self.category[key] = t.category or ""
                if section is not None:
                    self.ref_sections.setdefault(key, {})[section] = None

    def sections(self):
        return {k: ";".join(v) for k, v in self.ref_sections.items()}


def _reference_add_sentences(col, sentences, tokens, window, prefix):
    """``_add_sentences`` before the rewrite: ``add_tokens`` per sentence."""
    if window == "paragraph":
        current, unit = None, []
        for sent, toks in zip(sentences, tokens):
            if sent.paragraph != current:
                if current is not None:
                    col.units.append(unit)
                current, unit = sent.paragraph, []
            col.add_tokens(toks, _cooccur._section_key(sent.section_id, prefix), unit)
        if current is not None:
            col.units.append(unit)
    else:
        for sent, toks in zip(sentences, tokens):
            unit = []
            col.add_tokens(toks, _cooccur._section_key(sent.section_id, prefix), unit)
            col.units.append(unit)


def _reference_cooccurrence(obj, monkeypatch, *, window="sentence", weight="count", min_count=1, top=None,
                            terms=None, keywords=None, headings=False, tokenizer=None):
    tokenizer = tokenizer or default_tokenizer()
    with monkeypatch.context() as m:
        m.setattr(_cooccur, "_Collector", _ReferenceCollector)
        m.setattr(_cooccur, "_add_sentences", _reference_add_sentences)
        col = _cooccur._collect(obj, window, tokenizer, headings)
    assert isinstance(col, _ReferenceCollector)
    wanted = None
    if terms is not None:
        wanted = {(e.term if (e := tokenizer.lexicon.lookup(t)) is not None else t) for t in terms}
    nodes, node_u, pairs, n = _reference_unit_counts(col.units)
    spec = _cooccur_graph.Spec(window, weight, min_count, top, wanted, _cooccur._keyword_scores(keywords))
    return _cooccur_graph.counter_graph(_cooccur_graph.Counts(nodes, node_u, pairs, pairs, n), spec,
                                        col.category, col.sections())


_NO_VALUE = object()


def _assert_identical(G, H):
    """Same graph attributes, nodes, edges, attribute values *and types*, and insertion orders.

    With the node order equal, equal adjacency lists (every node's neighbours in order, with their edge
    attributes) are the same check as equal ``edges(data=True)`` lists plus equal neighbour orders, read from
    the adjacency dicts directly (networkx's edge view costs seconds on the paragraph graph's 578,000 edges).
    """
    assert G.graph == H.graph
    assert list(G.nodes(data=True)) == list(H.nodes(data=True))
    for n in G:
        assert {k: type(v) for k, v in G.nodes[n].items()} == {k: type(v) for k, v in H.nodes[n].items()}
    g_adj, h_adj = list(G.adjacency()), list(H.adjacency())
    for (n, g_nbrs), (_, h_nbrs) in zip(g_adj, h_adj, strict=True):
        # neighbour order (Louvain tie-breaks, float sums) and the edges' attributes
        assert list(g_nbrs.items()) == list(h_nbrs.items()), n
    # each edge's attribute types, key by key (the key sets are equal: the attribute dicts are)
    g_data = [d for _, nbrs in g_adj for d in nbrs.values()]
    h_data = [d for _, nbrs in h_adj for d in nbrs.values()]
    for key in {k for d in g_data for k in d}:
        assert [type(d.get(key, _NO_VALUE)) for d in g_data] == [type(d.get(key, _NO_VALUE)) for d in h_data], key


def test_token_fields_used_by_the_fast_path():
    # _Collector.add_tokens(exact=True) / add_sentence_units read Token fields by position (5 category, 6 term)
    assert Token._fields[:8] == ("text", "start", "end", "pos", "kind", "category", "term", "is_stop")


@settings(max_examples=80, deadline=None)
@given(units=st.lists(st.lists(st.sampled_from(["a", "b", "c", "d", "党的领导", "改革", "e"]), max_size=7),
                      max_size=10),
       min_count=st.integers(1, 3), weight=st.sampled_from(["count", "pmi", "npmi", "jaccard"]),
       top=st.sampled_from([None, 1, 3]), terms=st.sampled_from([None, ["a", "b", "改革"]]),
       keywords=st.sampled_from([None, {"a": 1.0, "c": 0.5}]))
def test_numpy_count_equals_reference_on_token_lists(units, min_count, weight, top, terms, keywords):
    kw = {"weight": weight, "min_count": min_count, "top": top, "terms": terms, "keywords": keywords}
    with pytest.MonkeyPatch.context() as mp:  # not the function-scoped fixture: hypothesis reruns the body
        ref = _reference_cooccurrence(units, mp, **kw)
    _assert_identical(cooccurrence(units, **kw), ref)


@pytest.mark.parametrize("kw", [
    pytest.param({}, marks=pytest.mark.slow),  # 4 s serial
    {"weight": "npmi", "min_count": 2},
    pytest.param({"weight": "pmi", "window": "paragraph", "headings": True}, marks=pytest.mark.slow),  # 578,034 edges
    {"weight": "jaccard", "top": 200},
    {"top": 40, "keywords": {"党的领导": 2.0, "改革": 1.0}, "headings": True},
])
def test_numpy_count_equals_reference_on_the_corpus(shared_docs, tokenizer, monkeypatch, kw):
    docs = list(shared_docs.values())
    tokens = {"nodes": "content", "phrases": False}  # the reference collects content tokens
    G = cooccurrence(docs, tokenizer=tokenizer, **tokens, **kw)
    _assert_identical(G, _reference_cooccurrence(docs, monkeypatch, tokenizer=tokenizer, **kw))
    one = docs[0]
    _assert_identical(cooccurrence(one, tokenizer=tokenizer, **tokens, **kw),
                      _reference_cooccurrence(one, monkeypatch, tokenizer=tokenizer, **kw))
    print(f"{kw}: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges identical to the reference")


def test_edges_do_not_share_attribute_dicts():
    # edges with the same count are added from one shared dict; networkx copies it into each edge
    G = cooccurrence([["a", "b"], ["c", "d"]])
    G["a"]["b"]["count"] = 99
    G["a"]["b"]["extra"] = 1
    assert G["c"]["d"] == {"count": 1, "weight": 1.0}
    assert G["a"]["b"] is not G["c"]["d"]


# -- one content rule, declared parameter checks (issue 14) ---------------------------------------------


def test_the_candidate_rule_is_the_package_rule(shared_docs, tokenizer):
    from policytext.tokens import tags

    assert is_content_token is tags.is_content and _cooccur.CONTENT_POS == tags.CONTENT_POS
    doc = next(iter(shared_docs.values()))
    toks = [t for s in tokenizer.tokenize_document(doc) for t in s]
    G = cooccurrence(doc, tokenizer=tokenizer, nodes="content", phrases=False)
    assert set(G) == {t.norm for t, keep in zip(toks, tags.content_mask(toks)) if keep}
    # Token objects given as token lists (the attribute path) make the same graph as the tuple-field path
    H = cooccurrence(tokenizer.tokenize_document(doc))
    assert dict(H.nodes(data="count")) == dict(G.nodes(data="count"))
    assert {e: d["count"] for e, d in H.edges.items()} == {e: d["count"] for e, d in G.edges.items()}


def test_numpy_integers_are_accepted_and_stored_as_int():
    import numpy as np

    for window in ("sentence", 3):
        G = cooccurrence(UNITS + [["a", "b", "c", "d"]], window=np.int64(window) if window == 3 else window,
                         min_count=np.int64(2), top=np.int32(3))
        H = cooccurrence(UNITS + [["a", "b", "c", "d"]], window=window, min_count=2, top=3)
        _assert_identical(G, H)
        assert type(G.graph["min_count"]) is int
    assert build_graph(UNITS, window=np.int64(2), min_count=np.int64(1)).edges == build_graph(UNITS, window=2).edges


def test_parameter_messages():
    with pytest.raises(InvalidParameterError, match=r"Available names: <int >= 2>, paragraph, sentence"):
        cooccurrence(UNITS, window="page")
    with pytest.raises(InvalidParameterError, match=r"'window' parameter of cooccurrence must be 'sentence', "
                                                    r"'paragraph' or an int >= 2\. Got 1 instead"):
        cooccurrence(UNITS, window=1)
    with pytest.raises(InvalidParameterError, match=r"'top' parameter of cooccurrence must be an int in the range"):
        cooccurrence(UNITS, top=True)
    with pytest.raises(InvalidParameterError, match=r"'terms' parameter of cooccurrence"):
        cooccurrence(UNITS, terms="高质量发展")
    with pytest.raises(InvalidParameterError, match=r"'window' parameter of count_pairs"):
        count_pairs(UNITS, window=1)
    with pytest.raises(InvalidParameterError, match=r"'min_count' parameter of build_graph"):
        build_graph(UNITS, min_count=True)


def test_a_path_or_text_is_the_document_it_names(tmp_path, tokenizer):
    src = tmp_path / "notice.txt"
    src.write_text("一、要求\n学习党的二十大精神，推动高质量发展。", encoding="utf-8")
    doc = pt.load(src)
    for obj in (src, str(src), doc.text):
        _assert_identical(cooccurrence(obj, headings=True, tokenizer=tokenizer),
                          cooccurrence(doc, headings=True, tokenizer=tokenizer))


def test_communities_parameters():
    import numpy as np

    G = build_graph([["a", "b", "c"], ["a", "b", "c"], ["d", "e", "f"], ["d", "e", "f"], ["c", "d"]])
    assert communities(G, seed=np.int64(1)) == communities(G, seed=1)
    assert communities(G, resolution=1) == communities(G, resolution=1.0)
    for kw in ({"seed": 1.5}, {"seed": True}, {"resolution": -1.0}, {"resolution": float("nan")}):
        with pytest.raises(InvalidParameterError, match=next(iter(kw))):
            communities(G, **kw)
    with pytest.raises(InvalidParameterError, match="'G' parameter of communities"):
        communities({"a": {"b": {}}})
    assert communities(G, weight=None) == communities(G, weight=None)  # unweighted Louvain still works


def test_write_graph_upper_case_extension_and_path_type(tmp_path):
    G = build_graph([["a", "b"]])
    assert write_graph(G, tmp_path / "G.GEXF") == tmp_path / "G.GEXF"
    assert set(nx.read_gexf(tmp_path / "G.GEXF")) == {"a", "b"}
    with pytest.raises(InvalidParameterError, match="'path' parameter of write_graph"):
        write_graph(G, None)
    with pytest.raises(OutputError, match="does not exist"):
        write_graph(G, tmp_path / "missing" / "g.csv")
    assert [p.name for p in tmp_path.iterdir()] == ["G.GEXF"]


# -- one unit of meaning: the graph's nodes are the keywords' units (issue 16 item 5) ----------------------


def _keyword_units(doc, tokenizer):
    """Every unit the keywords count in ``doc``, with its count (phrases joined, diversity off)."""
    return {k.term: k.count for k in pt.keywords(doc, top=10**6, diversity=False, tokenizer=tokenizer)}


def test_phrases_the_keywords_join_are_one_node(tokenizer):
    doc = pt.parse("一、总体要求\n关心低收入群体，增加低收入群体收入。\n二、主要任务\n帮扶低收入群体。")
    assert "低收入群体" in {k.term for k in pt.keywords(doc, tokenizer=tokenizer)}
    G = cooccurrence(doc, tokenizer=tokenizer)
    assert G.nodes["低收入群体"]["count"] == 3 and G.nodes["低收入群体"]["category"] == ""
    assert "低收入" not in G and "群体" not in G
    H = cooccurrence(doc, phrases=False, tokenizer=tokenizer)  # single tokens: the phrase splits into an edge
    assert H["低收入"]["群体"]["count"] == 2  # in both sentences


@pytest.mark.parametrize("name", ["reference", "gwr_2022.txt", "congress_20_report.txt", "../headed/sx_1001.txt"])
def test_nodes_and_counts_are_the_keyword_units(name, reference_doc, tokenizer):
    from conftest import shared_path

    doc = reference_doc if name == "reference" else pt.load(shared_path(name))
    units = _keyword_units(doc, tokenizer)
    # every keyword unit, counted as the keywords count it (headings read as the keywords read them); the
    # keywords leave out a unit whose score is 0 (used once, without a position prior): at most a few
    G = cooccurrence(doc, headings=True, nodes="content", tokenizer=tokenizer)
    counts = dict(G.nodes(data="count"))
    assert {t: counts.get(t) for t in units} == units
    assert len(set(counts) - set(units)) <= 0.01 * len(counts)
    # the default nodes are a subset: concepts; a verb or adjective only when the keywords keep it
    C = cooccurrence(doc, tokenizer=tokenizer)
    kept = {k.term for k in pt.keywords(doc, top=_cooccur.KEYWORD_RANK, tokenizer=tokenizer)}
    nouns = {t.norm for s in tokenizer.tokenize_document(doc) for t in s
             if t.category is not None or t.pos[:1] == "n" or t.pos in ("j", "eng")}
    assert set(C) <= set(counts)  # keyword candidates
    assert all(n in nouns or n in kept or n not in {t.norm for s in tokenizer.tokenize_document(doc) for t in s}
               for n in C)  # not a single token: a joined phrase
    assert set(C) < set(G)


def test_concepts_leave_out_verbs_the_keywords_leave_out(shared_docs, tokenizer):
    doc = shared_docs["gwr_2022"]
    old = cooccurrence(doc, nodes="content", phrases=False, tokenizer=tokenizer)
    new = cooccurrence(doc, tokenizer=tokenizer)
    kept = {k.term for k in pt.keywords(doc, top=_cooccur.KEYWORD_RANK, tokenizer=tokenizer)}
    for word in ("稳定", "继续", "有利于"):  # an adjective and verbs of the old graph
        assert word in old and (word in new) == (word in kept), word


def test_top_ranks_concepts_by_keyword_score_and_keeps_linked_terms(tokenizer):
    from conftest import shared_path

    doc = pt.load(shared_path("congress_20_report.txt"))
    G = cooccurrence(doc, top=40, min_count=2, tokenizer=tokenizer)
    assert len(G) == 40
    assert all(G.degree(n) for n in G)  # every kept term has an edge to draw
    scores = {k.term: k.score for k in pt.keywords(doc, top=10**6, diversity=False, tokenizer=tokenizer)}
    full = cooccurrence(doc, min_count=2, tokenizer=tokenizer)
    assert G.graph["n_terms"] == len(full)
    linked = [t for t in full if full.degree(t)]
    best = max(linked, key=lambda t: (scores.get(t, 0.0), full.nodes[t]["count"]))
    assert best in G
    by_count = sorted(full, key=lambda t: (-full.nodes[t]["count"], t))[:40]
    kws = {k.term for k in pt.keywords(doc, top=40, tokenizer=tokenizer)}
    assert len(set(G) & kws) > len(set(by_count) & kws)  # closer to the keywords than the most frequent terms
    # given keyword scores still rank as given; content nodes rank by count
    H = cooccurrence(doc, top=5, keywords={"人民": 1.0, "中国": 0.5}, tokenizer=tokenizer)
    assert {"人民", "中国"} <= set(H)
    K = cooccurrence(doc, top=5, nodes="content", phrases=False, tokenizer=tokenizer)
    counts = cooccurrence(doc, nodes="content", phrases=False, tokenizer=tokenizer).nodes(data="count")
    assert set(K) == set(sorted(dict(counts), key=lambda t: (-counts[t], t))[:5])


@pytest.mark.parametrize("kw", [{}, {"top": 40, "min_count": 2}, {"weight": "npmi", "top": 30},
                                {"window": "paragraph", "headings": True, "top": 25, "terms": None}])
def test_numpy_count_equals_reference_on_keyword_units(shared_docs, tokenizer, kw):
    doc = shared_docs["congress_20_report"]
    window = kw.get("window", "sentence")
    col = _cooccur._collect(doc, window, tokenizer, kw.get("headings", False), "concepts", True)
    scores = _cooccur._unit_scores(doc, tokenizer, True) if kw.get("top") else None
    spec = _cooccur_graph.Spec(window, kw.get("weight", "count"), kw.get("min_count", 1), kw.get("top"), None, {},
                               scores)
    nodes, node_u, pairs, n = _reference_unit_counts(col.units)
    ref = _cooccur_graph.counter_graph(_cooccur_graph.Counts(nodes, node_u, pairs, pairs, n), spec, col.category,
                                       col.sections())
    _assert_identical(cooccurrence(doc, tokenizer=tokenizer, **kw), ref)


def test_nodes_and_phrases_parameters():
    with pytest.raises(InvalidParameterError, match="'nodes' parameter of cooccurrence"):
        cooccurrence(UNITS, nodes="nouns")
    with pytest.raises(InvalidParameterError, match="'phrases' parameter of cooccurrence"):
        cooccurrence(UNITS, phrases="yes")
    # token lists are used as given under either rule
    assert set(cooccurrence(UNITS, nodes="concepts")) == set(cooccurrence(UNITS, nodes="content")) == set("abcd")
