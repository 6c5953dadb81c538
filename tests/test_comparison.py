"""Tests of policytext.analysis.comparison: keyness, new/dropped 提法, similarity, series, plots, CLI."""

from __future__ import annotations

import argparse
import csv
import math
import re
import subprocess
import sys
from bisect import bisect_right
from collections import Counter
from itertools import pairwise
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import policytext as pt
from policytext.analysis import comparison as _cmp
from policytext.analysis.comparison import (
    Comparison,
    compare,
    first_seen,
    g2_keyness,
    novel_phrases,
    plot_keyness,
    plot_trajectories,
    term_counts,
    term_trajectories,
)
from policytext.cli import compare as compare_cli
from policytext.errors import (
    FontError,
    InputError,
    InvalidParameterError,
    PolicyTextError,
)
from policytext.render.fonts import check_coverage
from policytext.tokens.tokenizer import default_tokenizer

REPO = Path(__file__).resolve().parent.parent


def _plenum(shared_docs, name):
    key = f"plenum_{name}_communique"
    if key not in shared_docs:
        pytest.skip(f"{key} not in the shared corpora")
    return shared_docs[key]


def _manifest_dates(shared_dir: Path) -> dict[str, str]:
    with open(shared_dir / "MANIFEST.tsv", encoding="utf-8") as fh:
        return {row["file"]: row["date"] for row in csv.DictReader(fh, delimiter="\t")}


def _phrase_rank(df, term, top=20):
    """Rank (1-based) of ``term`` among the lexicon-free rows (phrases and numbered formulations)."""
    rows = df[df["kind"].isin(["phrase", "numbered"])].head(top)["term"].tolist()
    return rows.index(term) + 1 if term in rows else None


# -- G² and log ratio: hand computation ------------------------------------------------

def test_g2_and_log_ratio_equal_hand_computation():
    # 2×2 table: term 10 times in a (1000 tokens), 30 times in b (1000 tokens).
    # Expected cells E = row total × column total / N, N = 2000:
    #   E(term, a) = 1000 × 40 / 2000 = 20      E(term, b) = 20
    #   E(other, a) = 1000 × 1960 / 2000 = 980  E(other, b) = 980
    hand = 2 * (10 * math.log(10 / 20) + 30 * math.log(30 / 20)
                + 990 * math.log(990 / 980) + 970 * math.log(970 / 980))
    # = 2 × (−6.931472 + 12.163953 + 10.050848 − 9.948805) = 10.669048…
    g2, p, lr = g2_keyness([10], [30], 1000, 1000)
    assert float(g2[0]) == pytest.approx(hand, abs=1e-9)
    assert float(g2[0]) == pytest.approx(10.669048, abs=1e-6)
    assert float(g2[0]) > 0  # over-represented in b → positive
    assert float(p[0]) == pytest.approx(math.erfc(math.sqrt(hand / 2)), abs=1e-12)
    # log ratio = log2((30/1000) / (10/1000)) = log2(3)
    assert float(lr[0]) == pytest.approx(math.log2(3), abs=1e-9)


def test_g2_zero_count_and_sign():
    # term absent in a (200 tokens), 4 times in b (100 tokens); N = 300
    #   E(term, a) = 200 × 4 / 300 = 8/3     E(term, b) = 100 × 4 / 300 = 4/3
    #   E(other, a) = 200 × 296 / 300        E(other, b) = 100 × 296 / 300
    # O(term, a) = 0 contributes 0 (0 ln 0 = 0)
    hand = 2 * (4 * math.log(4 / (4 / 3)) + 200 * math.log(200 / (200 * 296 / 300))
                + 96 * math.log(96 / (100 * 296 / 300)))
    # log ratio with Hardie's 0.5 for the zero count: log2((4/100) / (0.5/200)) = log2(16) = 4
    g2, p, lr = g2_keyness([0, 4], [4, 0], 200, 100)
    assert float(g2[0]) == pytest.approx(hand, abs=1e-9)
    assert float(lr[0]) == pytest.approx(4.0, abs=1e-9)
    # the mirror case (4 in a, 0 in b) is over-represented in a: negative
    assert float(g2[1]) < 0
    assert float(lr[1]) == pytest.approx(math.log2((0.5 / 100) / (4 / 200)), abs=1e-9)
    scipy_stats = pytest.importorskip("scipy.stats")
    assert float(p[0]) == pytest.approx(float(scipy_stats.chi2.sf(hand, 1)), rel=1e-9)


def test_keyness_rows_follow_the_formula():
    a = pt.parse("一、总体要求\n要坚持新发展理念。要坚持新发展理念。要构建新发展格局。")
    b = pt.parse("一、总体要求\n要构建新发展格局。要构建新发展格局。要发展新质生产力。")
    cmp = compare(a, b)
    k = cmp.keyness.set_index("term")
    na, nb = cmp.info["tokens_a"], cmp.info["tokens_b"]
    assert na == k["count_a"].sum() and nb == k["count_b"].sum()
    row = k.loc["新发展格局"]
    ca, cb = int(row["count_a"]), int(row["count_b"])
    assert (ca, cb) == (1, 2)
    n = na + nb
    cells = [(ca, na * (ca + cb) / n), (cb, nb * (ca + cb) / n),
             (na - ca, na * (n - ca - cb) / n), (nb - cb, nb * (n - ca - cb) / n)]
    hand = 2 * sum(o * math.log(o / e) for o, e in cells if o)
    assert row["g2"] == pytest.approx(hand if cb / nb > ca / na else -hand, abs=1e-9)
    assert row["log_ratio"] == pytest.approx(math.log2((cb / nb) / (ca / na)), abs=1e-9)
    assert row["rate_b"] == pytest.approx(cb * 10_000 / len(b.text))
    # sorted by signed G² descending
    assert cmp.keyness["g2"].is_monotonic_decreasing
    assert cmp.keyness.iloc[0]["g2"] > 0 and cmp.keyness.iloc[-1]["g2"] < 0


# -- identity --------------------------------------------------------------------------

def _assert_identity(cmp: Comparison):
    assert cmp.new_terms.empty and cmp.dropped_terms.empty
    assert cmp.similarity.cosine == pytest.approx(1.0)
    assert cmp.similarity.jaccard == 1.0
    assert (cmp.keyness["g2"] == 0).all()
    assert (cmp.keyness["log_ratio"] == 0).all()
    assert (cmp.keyness["count_a"] == cmp.keyness["count_b"]).all()


def test_compare_identity_small(reference_doc):
    _assert_identity(compare(reference_doc, reference_doc))
    _assert_identity(compare("要推进改革。", "要推进改革。"))


def test_compare_identity_real(shared_docs):
    doc = _plenum(shared_docs, "20_3")
    cmp = compare(doc, doc)
    _assert_identity(cmp)
    assert len(cmp.keyness) > 300
    print(f"\ncompare(20_3, 20_3): {len(cmp.keyness)} keyness rows, all G² = 0, cosine = {cmp.similarity.cosine}")


def test_sections_map_by_content(reference_doc):
    cmp = compare(reference_doc, reference_doc)
    s = cmp.sections
    assert s["section_b"].tolist() == s["section_a"].tolist() == ["1", "2", "3", "4", "5"]
    assert s["cosine"].tolist() == pytest.approx([1.0] * 5)
    # swap two sections: the map follows the content, not the position
    parts = re.split(r"\n(?=[一二三四五]、)", reference_doc.text)
    head, body = parts[0], parts[1:]
    assert len(body) == 5
    swapped = [body[1], body[0], *body[2:]]
    relabel = [re.sub(r"^[一二三四五]、", f"{n}、", p) for n, p in zip("一二三四五", swapped)]
    b = pt.parse("\n".join([head, *relabel]))
    m = compare(reference_doc, b).sections
    assert m["section_a"].tolist()[:3] == ["2", "1", "3"]
    assert (m["cosine"] > m["runner_up_cosine"]).all()


def test_empty_input_gives_empty_result():
    cmp = compare("", "")
    assert cmp.keyness.empty and cmp.new_terms.empty and cmp.sections.empty
    assert list(cmp.keyness.columns)[:4] == ["term", "category", "count_a", "count_b"]
    one_sided = compare("", "要发展新质生产力。")
    assert one_sided.new_terms["term"].tolist() == ["新质生产力"]
    assert one_sided.similarity.cosine == 0.0
    assert term_trajectories([]).empty
    assert first_seen([]).empty


def test_type_and_parameter_errors():
    with pytest.raises(TypeError):
        compare(1, "要推进改革。")
    with pytest.raises(TypeError):
        term_trajectories("要推进改革。")
    with pytest.raises(InvalidParameterError):
        compare("要推进改革。", "要推进改革。", min_count=0)
    with pytest.raises(InvalidParameterError):
        compare("要推进改革。", "要推进改革。", lexicon="default")
    with pytest.raises(InvalidParameterError):
        compare("要推进改革。", "要推进改革。").to_html(top=0)
    with pytest.raises(InvalidParameterError, match="Available names"):
        term_counts([pt.parse("要推进改革。")], index="year")


# -- hypothesis ------------------------------------------------------------------------

_ALPHABET = "党的领导发展新质生产力格局高质量改革两个确立四三五全面深化推进建设国家人民要坚持和，。、；“”《》一二（）\n 0123abc"
_chinese = st.text(alphabet=_ALPHABET, min_size=0, max_size=120)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_chinese)
def test_identity_property(text):
    cmp = compare(text, text)
    assert cmp.new_terms.empty and cmp.dropped_terms.empty
    assert cmp.similarity.cosine == pytest.approx(1.0)
    assert (cmp.keyness["g2"] == 0).all()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_chinese, _chinese)
def test_no_exception_and_novelty_invariants(x, y):
    cmp = compare(x, y, lexicon=pt.Lexicon.empty())
    a_text = cmp_text(x)
    b_text = cmp_text(y)
    for r in cmp.new_terms.itertuples():
        assert r.count_a == 0 and r.count_b >= 1
        assert r.term not in a_text
        if r.kind == "phrase":
            assert r.term in b_text
    for r in cmp.dropped_terms.itertuples():
        assert r.term not in b_text and r.count_a >= 1
    assert 0.0 <= cmp.similarity.cosine <= 1.0 and 0.0 <= cmp.similarity.jaccard <= 1.0
    cmp.to_html()
    cmp.to_markdown()


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=80), st.text(max_size=80))
def test_no_exception_on_arbitrary_text(x, y):
    try:
        cmp = compare(x, y)
    except InputError:  # a one-line str ending in .txt/.docx … is taken as a path by pt.load
        assume(False)
    assert isinstance(cmp, Comparison)
    cmp.to_html()
    cmp.to_markdown()


def cmp_text(x: str) -> str:
    return "" if not x.strip() else pt.load(x).text


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


def test_first_seen_agrees_with_substring_counts(shared_dir, shared_files):
    dates = _manifest_dates(shared_dir)
    paths = [p for p in shared_files if re.fullmatch(r"plenum_\d+_\d+_communique\.txt", p.name)]
    assert len(paths) >= 10
    docs = [pt.load(p, metadata={"date": dates[p.name]}) for p in paths]
    lex = pt.Lexicon.default()
    fs = first_seen(docs).set_index("term")
    ordered = sorted(docs, key=lambda d: d.metadata["date"])
    exact = bounded = 0
    for e in lex:
        forms = [f for f in e.forms if f]
        per_doc = [[d.text.count(f) for f in forms] for d in ordered]
        present = [i for i, c in enumerate(per_doc) if any(c)]
        if not present:
            assert e.term not in fs.index
            continue
        row = fs.loc[e.term]
        first = ordered[present[0]]
        assert row["document"] == first.metadata["name"]
        assert row["date"] == first.metadata["date"]
        assert row["n_documents"] == len(present)
        nested = any(f != g and f in g for f in forms for g in forms)
        if not nested:  # non-overlapping forms: the count is the plain sum of str.count
            assert row["count"] == sum(per_doc[present[0]]), e.term
            exact += 1
        else:  # a form inside another (放管服 / 放管服改革): longest form first, no double count
            assert max(per_doc[present[0]]) <= row["count"] <= sum(per_doc[present[0]]), e.term
            bounded += 1
    print(f"\nfirst_seen over {len(docs)} communiqués: {len(fs)} lexicon terms occur; "
          f"{exact} checked exactly against str.count, {bounded} with nested aliases checked by bounds")
    print(fs.loc[[t for t in ("新发展格局", "统筹发展和安全", "两个确立", "新质生产力") if t in fs.index],
                 ["document", "date", "count", "n_documents"]].to_string())
    assert fs.loc["两个确立", "date"] == dates["plenum_19_7_communique.txt"]
    assert fs.loc["新质生产力", "document"] == "plenum_20_3_communique"
    assert fs.loc["新发展格局", "document"] == "plenum_19_5_communique"


def test_trajectories_rates_and_order(shared_dir, shared_files):
    dates = _manifest_dates(shared_dir)
    paths = [p for p in shared_files if re.fullmatch(r"plenum_(19|20)_\d_communique\.txt", p.name)]
    docs = [pt.load(p, metadata={"date": dates[p.name]}) for p in reversed(paths)]  # any order in
    terms = ["新发展格局", "新质生产力", "两个确立"]
    tr = term_trajectories(iter(docs), terms)  # a generator (Corpus-like iterable) is accepted
    assert tr.index.name == "date" and list(tr.index) == sorted(tr.index)
    assert list(tr.columns) == terms
    counts = term_counts(docs, terms)
    by_date = {d.metadata["date"]: d for d in docs}
    for date in tr.index:
        d = by_date[date]
        for t in terms:
            assert counts.loc[date, t] == d.text.count(t)
            assert tr.loc[date, t] == pytest.approx(d.text.count(t) * 10_000 / len(d.text))


def test_trajectory_index_falls_back_to_names():
    docs = [pt.parse("要发展新质生产力。", metadata={"name": "x", "date": "2024-07-18"}),
            pt.parse("要发展新质生产力。", metadata={"name": "y", "date": "2024-07-18"}),
            pt.parse("要构建新发展格局。", metadata={"name": "z"})]
    tr = term_trajectories(docs, ["新质生产力"])
    assert tr.index.name == "document" and list(tr.index) == ["x", "y", "z"]
    fs = first_seen(docs, ["新质生产力", "两个确立"])
    assert fs["term"].tolist() == ["新质生产力", "两个确立"]
    assert fs["document"].iloc[0] == "x" and fs["document"].isna().iloc[1]
    assert fs["count"].tolist() == [1, 0] and fs["n_documents"].tolist() == [2, 0]


# -- rendering ----------------------------------------------------------------------------

def test_html_and_markdown_escape_document_text(tmp_path):
    a = pt.parse("要推进改革。")
    b = pt.parse("要发展新质生产力<b>&amp;|x</b>。要发展新质生产力。", metadata={"name": "<i>b</i>"})
    cmp = compare(a, b)
    h = cmp.to_html(tmp_path / "r.html")
    assert "<b>" not in h and "<i>b</i>" not in h
    assert "&lt;b&gt;&amp;amp;|x&lt;/b&gt;" in h and "&lt;i&gt;b&lt;/i&gt;" in h
    assert h.startswith("<!DOCTYPE html>") and "<script" not in h and "http" not in h
    assert (tmp_path / "r.html").read_text(encoding="utf-8") == h
    frag = cmp._repr_html_()
    assert frag.startswith('<div class="policytext-comparison">') and "<html" not in frag
    md = cmp.to_markdown(tmp_path / "r.md")
    assert "\\|x" in md and "## New in b" in md
    assert "新质生产力" in md


# -- plots ----------------------------------------------------------------------------------

def test_plots(tmp_path):
    docs = [pt.parse("要构建新发展格局。", metadata={"date": "2020-10-29"}),
            pt.parse("要发展新质生产力。要构建新发展格局。", metadata={"date": "2024-07-18"})]
    r = plot_trajectories(docs, ["新发展格局", "新质生产力"], tmp_path / "t.png")
    assert r.path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "新质生产力" in r.text and "2024-07-18" in r.text
    assert check_coverage(r.text, r.font) == set()
    frame = term_trajectories(docs, ["新发展格局"])
    svg = plot_trajectories(frame, None, tmp_path / "t.svg").path
    assert "<svg" in svg.read_text(encoding="utf-8")
    cmp = compare(docs[0], docs[1])
    k = plot_keyness(cmp, tmp_path / "k.png", top=5)
    assert k.path.stat().st_size > 1000 and "新质生产力" in k.text
    with pytest.raises(InvalidParameterError):
        plot_keyness(cmp, tmp_path / "k.gif")
    with pytest.raises(FontError):
        plot_keyness(cmp, tmp_path / "k2.png", font=tmp_path / "missing.ttf")
    with pytest.raises(TypeError):
        plot_keyness("not a comparison", tmp_path / "k3.png")


# -- CLI and example ----------------------------------------------------------------------

def _parser():
    parser = argparse.ArgumentParser(prog="policytext")
    compare_cli.add_parser(parser.add_subparsers(dest="command"))
    return parser


def test_cli_compare(tmp_path, capsys):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("一、要求\n要加快构建新发展格局。", encoding="utf-8")
    b.write_text("一、要求\n要发展新质生产力。要发展新质生产力。", encoding="utf-8")
    parser = _parser()
    args = parser.parse_args(["compare", str(a), str(b), "-o", str(tmp_path / "r.html"), "--top", "5"])
    assert args.func(args) == 0
    assert "新质生产力" in (tmp_path / "r.html").read_text(encoding="utf-8")
    args = parser.parse_args(["compare", str(a), str(b)])
    assert args.func(args) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Comparison: a → b") and "新发展格局" in out
    args = parser.parse_args(["compare", str(a), str(b), "-o", str(tmp_path / "r.pdf")])
    with pytest.raises(PolicyTextError):
        args.func(args)


def test_cli_wired_through_main(tmp_path, monkeypatch, capsys):
    from policytext.cli import app as cli
    from policytext.cli import compare as compare_cli

    monkeypatch.setattr(cli, "COMMANDS", (compare_cli,))
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("要加快构建新发展格局。", encoding="utf-8")
    b.write_text("要发展新质生产力。", encoding="utf-8")
    assert cli.main(["compare", str(a), str(b), "-o", str(tmp_path / "r.md")]) == 0
    assert cli.main(["compare", str(a), str(tmp_path / "missing.txt")]) == 1
    assert "missing.txt" in capsys.readouterr().err


@pytest.mark.slow
def test_example_compare_plenums(shared_dir, tmp_path):
    script = REPO / "examples" / "compare_plenums.py"
    proc = subprocess.run(
        [sys.executable, str(script), str(shared_dir), "--glob", "plenum_*_communique.txt",
         "-o", str(tmp_path), "--top", "8"],
        capture_output=True, text=True, timeout=600, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    print(out[-1500:])
    assert "plenum_19_6_communique → plenum_19_7_communique" in out
    assert "两个确立" in out and "新质生产力" in out and "first seen" in out.lower()
    written = {p.name for p in tmp_path.iterdir()}
    assert {"first_seen.csv", "trajectories.csv", "trajectories.png"} <= written
    assert any(n.endswith(".html") for n in written)


def test_series_accept_a_corpus(shared_dir):
    corpus_mod = pytest.importorskip("policytext.corpus.corpus")
    corpus = corpus_mod.Corpus.from_folder(shared_dir, pattern="plenum_*_communique.txt")
    fs = first_seen(corpus, ["两个确立", "新质生产力"]).set_index("term")
    assert fs.loc["两个确立", "document"] == "plenum_19_7_communique"
    assert fs.loc["新质生产力", "date"] == "2024-07-18"
    tr = term_trajectories(corpus, ["两个确立"])
    assert len(tr) == len(corpus) and tr.index.is_monotonic_increasing


# -- the vectorised internals equal the former Python loops (performance rewrite, issue 8) -----------



def _reference_profile(doc, tokenizer):
    """Plain loops for what ``_profile`` computes with numpy: counts, categories, sections, vocab and runs.

    Person names (``prof.people``, detected by the module) are marked here by a direct search of
    each occurrence's tokens; phrase tokens follow the module docstring: nominal words and terms,
    one-character adjectives / distinguishing words directly before a phrase token, no person.
    Returns the runs of phrase tokens as lists of ``(start, end, norm, first_ok, last_ok, neighbour_ok)``.
    """
    people = _cmp._profile(_fresh(doc), tokenizer).people
    words = []  # (token, unit index)
    for u, (sid, toks) in enumerate(_cmp._units(doc, tokenizer)):
        for k, t in enumerate(toks):
            if t.kind in ("word", "term", "numbered"):
                words.append((t, u, k, sid))
    person = [False] * len(words)
    by_start = {w[0].start: i for i, w in enumerate(words)}
    for name in people:
        i = doc.text.find(name)
        while i >= 0:
            a = by_start.get(i)
            if a is not None:
                b, end = a, words[a][0].end
                while end < i + len(name) and b + 1 < len(words) and words[b + 1][2] == words[b][2] + 1 \
                        and words[b + 1][1] == words[b][1]:
                    b += 1
                    end = words[b][0].end
                if end == i + len(name):
                    for k in range(a, b + 1):
                        person[k] = True
                    nxt = b + 1
                    if nxt < len(words) and words[nxt][0].text == "同志" and words[nxt][0].start == end:
                        person[nxt] = True
            i = doc.text.find(name, i + 1)
    counts, cats, sections = {}, {}, {}
    for (t, _, _, sid), p in zip(words, person):
        if t.category:
            cats.setdefault(t.term or t.text, t.category)
        if _cmp._is_content(t) and not p:
            norm = t.term or t.text
            counts[norm] = counts.get(norm, 0) + 1
            top = sid.split(".", 1)[0] if sid else ""
            if top:
                sections.setdefault(top, {})
                sections[top][norm] = sections[top].get(norm, 0) + 1
    for sid, _ in _cmp._units(doc, tokenizer):  # sections without content still have an entry
        top = sid.split(".", 1)[0] if sid else ""
        if top:
            sections.setdefault(top, {})
    roles = [_cmp._phrase_role(t) for t, *_ in words]

    def adjacent(i):  # word i + 1 directly follows word i in the same unit
        return i + 1 < len(words) and words[i + 1][1] == words[i][1] and words[i + 1][2] == words[i][2] + 1

    def complement(i):  # a one-character adjective right after a verb
        return bool(roles[i] & _cmp._SHORT) and i > 0 and adjacent(i - 1) and bool(roles[i - 1] & _cmp._VERB)

    member = [False] * len(words)
    for i in range(len(words) - 1, -1, -1):  # right to left: a modifier needs a phrase token after it
        if person[i]:
            continue
        member[i] = bool(roles[i] & _cmp._NOMINAL) or bool(
            roles[i] & _cmp._MODIFIER and not complement(i) and adjacent(i) and member[i + 1])
    # words that stand before a boundary somewhere (not followed by a keyword candidate of keyterms)
    can_end = {(t.text, t.category) for i, (t, *_) in enumerate(words)
               if not adjacent(i) or not roles[i + 1] & _cmp._CANDIDATE}
    runs, run = [], []
    for i, (t, *_) in enumerate(words):
        if not member[i]:
            continue
        stop = bool(roles[i] & _cmp._STOP)
        item = (t.start, t.end, t.term or t.text, not stop,
                bool(roles[i] & _cmp._NOMINAL) and (t.text, t.category) in can_end, not stop)
        if run and i > 0 and member[i - 1] and adjacent(i - 1):
            run.append(item)
        else:
            if run:
                runs.append(run)
            run = [item]
    if run:
        runs.append(run)
    vocab = frozenset(t.term or t.text for t, *_ in words)
    return Counter(counts), cats, {k: Counter(v) for k, v in sections.items()}, vocab, runs


def _reference_candidates(text, runs, max_n, min_count):
    freq = Counter()
    for run in runs:
        for i in range(len(run)):
            if run[i][3]:
                for j in range(i + 1, min(i + max_n, len(run))):
                    if run[j][4]:
                        freq[text[run[i][0]:run[j][1]]] += 1
    cands = {}
    for run in runs:
        m = len(run)
        for i in range(m):
            if not run[i][3]:
                continue
            left = run[i - 1][2] if i > 0 and run[i - 1][5] else None
            for j in range(i + 1, min(i + max_n, m)):
                phrase = text[run[i][0]:run[j][1]]
                if not run[j][4] or freq[phrase] < min_count:
                    continue
                c = cands.setdefault(phrase, ([x[2] for x in run[i:j + 1]], [], [], [], []))
                c[1].append((run[i][0], run[j][1]))
                c[2].append(left)
                c[3].append(run[j + 1][2] if j + 1 < m and run[j + 1][5] else None)
                c[4].append(j + 1 < m)
    return cands


def _reference_keyness(pa, pb, per):
    terms = sorted(set(pa.counts) | set(pb.counts))
    ca = [pa.counts.get(t, 0) for t in terms]
    cb = [pb.counts.get(t, 0) for t in terms]
    g2, _, lr = g2_keyness(ca, cb, pa.n_tokens, pb.n_tokens)
    df = pd.DataFrame({
        "term": terms, "category": [pb.categories.get(t) or pa.categories.get(t) for t in terms],
        "count_a": ca, "count_b": cb,
        "rate_a": [c * per / pa.chars if pa.chars else 0.0 for c in ca],
        "rate_b": [c * per / pb.chars if pb.chars else 0.0 for c in cb],
        "g2": g2, "p": [math.erfc(math.sqrt(abs(x) / 2.0)) for x in g2.tolist()], "log_ratio": lr,
    })
    df["_total"] = df["count_a"] + df["count_b"]
    df = df.sort_values(["g2", "_total", "term"], ascending=[False, False, True], kind="mergesort")
    return df.drop(columns="_total").reset_index(drop=True)


def _reference_example(doc, forms):
    text = doc.text
    hits = [i for i in (text.find(f) for f in forms if f) if i >= 0]
    if not hits:
        return ""
    pos = min(hits)
    i = bisect_right([s.start for s in doc.sentences], pos) - 1
    if i >= 0 and any(f in doc.sentences[i].text for f in forms):
        return doc.sentences[i].text.strip()
    for sent in doc.sentences:
        if any(f in sent.text for f in forms):
            return sent.text.strip()
    a, b = text.rfind("\n", 0, pos) + 1, text.find("\n", pos)
    return text[a:b if b >= 0 else len(text)].strip()


def _reference_tfidf_cosine(vectors):
    df = Counter()
    for v in vectors:
        df.update(v.keys())
    n = len(vectors)
    vocab = {t: i for i, t in enumerate(sorted(df))}
    if not vocab:
        return np.zeros((n, n))
    idf = np.array([math.log((1 + n) / (1 + df[t])) + 1.0 for t in sorted(df)])
    m = np.zeros((n, len(vocab)))
    for i, v in enumerate(vectors):
        for t, c in v.items():
            m[i, vocab[t]] = c
    m *= idf
    norms = np.linalg.norm(m, axis=1)
    norms[norms == 0] = 1.0
    m /= norms[:, None]
    return np.clip(m @ m.T, 0.0, 1.0)


def _fresh(doc):
    return pt.parse(doc.text, metadata=dict(doc.metadata))


def test_vectorised_profile_and_candidates_equal_reference(shared_docs):
    tk = default_tokenizer()
    docs = list(shared_docs.values())
    assert docs
    for doc in docs:
        d = _fresh(doc)
        prof = _cmp._profile(d, tk)
        counts, cats, sections, vocab, runs = _reference_profile(d, tk)
        assert prof.counts == counts and prof.categories == cats and prof.sections == sections
        assert prof.vocab == vocab and prof.n_tokens == sum(counts.values())
        for max_n, min_count in ((4, 2), (2, 1), (8, 3)):
            got = _cmp._phrase_candidates(d, tk, max_n=max_n, min_count=min_count)
            ref = _reference_candidates(d.text, runs, max_n, min_count)
            assert list(got) == list(ref)  # same phrases in the same order
            for phrase, c in got.items():
                assert (list(c.tokens), c.occ, c.left, c.right, c.inner) == ref[phrase]
    print(f"profiles and phrase candidates of {len(docs)} documents equal the reference loops")


def test_vectorised_keyness_examples_and_cosine_equal_reference(shared_docs):
    tk = default_tokenizer()
    names = sorted(shared_docs)
    pairs = [("congress_19_report", "congress_20_report")] if "congress_20_report" in shared_docs else []
    pairs += list(pairwise(names))[:4]
    for a_name, b_name in pairs:
        da, db = _fresh(shared_docs[a_name]), _fresh(shared_docs[b_name])
        pa, pb = _cmp._profile(da, tk), _cmp._profile(db, tk)
        pd.testing.assert_frame_equal(_cmp._keyness_frame(pa, pb, per=10_000), _reference_keyness(pa, pb, 10_000),
                                      check_exact=True)
        vectors = [v for _, _, v in _cmp._section_vectors(da, tk) + _cmp._section_vectors(db, tk)]
        assert np.array_equal(_cmp._tfidf_cosine(vectors), _reference_tfidf_cosine(vectors))
        assert np.array_equal(_cmp._tfidf_cosine([pa.counts, pb.counts]),
                              _reference_tfidf_cosine([pa.counts, pb.counts]))
        cmp = compare(da, db)
        forms_of = _cmp._lexicon_forms(tk.lexicon)
        for frame, doc in ((cmp.new_terms, db), (cmp.dropped_terms, da)):
            for term, kind, example in frame[["term", "kind", "example"]].itertuples(index=False):
                forms = forms_of.get(term, (term,)) if kind != "phrase" else (term,)
                assert example == _reference_example(doc, forms), term
            for term in frame["term"].head(30):  # the fallback path (first sentence containing a form)
                assert _cmp._example(doc, (term, "\n" + term)) == _reference_example(doc, (term, "\n" + term))
        # every lexicon term: first position from the automaton equals str.find over its forms
        first = _cmp._lexicon_first(db, tk.lexicon)
        for term, pos in first.items():
            assert pos == min(i for i in (db.text.find(f) for f in forms_of[term]) if i >= 0)


def test_example_fallback_finds_the_first_sentence_with_a_form():
    doc = pt.parse("一、推动高质量\n发展新质生产力。\n二、总体要求\n要推动高质量发展。")
    # the first occurrence of 高质量发展 spans the heading line break; the example is the first sentence holding it
    assert _cmp._example(doc, ("高质量\n发展", "高质量发展")) == _reference_example(doc, ("高质量\n发展", "高质量发展"))
    assert _cmp._example(doc, ("推动高质量发展",)) == "要推动高质量发展。"
    assert _cmp._example(doc, ("不存在",)) == ""


def _reference_novel_phrases(target, reference, tk, *, min_count=2, max_n=4, min_chars=3):
    """``novel_phrases`` before the rewrite: a substring test per phrase and a scan of all kept occurrences."""
    cands = _cmp._phrase_candidates(target, tk, max_n=max_n, min_count=min_count)
    def variable(side):
        return None in side or len(set(side)) > 1

    pool = [(p, c) for p, c in cands.items() if len(p) >= min_chars and variable(c.left) and variable(c.right)
            and not all(c.inner) and p not in reference.text]
    pool.sort(key=lambda x: (-len(x[1].tokens), -len(x[0]), -len(x[1].occ), x[0]))
    kept, covered = [], []
    vocab = _cmp._profile(reference, tk).vocab
    for phrase, c in pool:
        if sum(1 for s, e in c.occ if not any(cs <= s and e <= ce for cs, ce in covered)) >= min_count:
            kept.append((phrase, len(c.occ), sum(1 for t in c.tokens if t not in vocab) / len(c.tokens)))
            covered.extend(c.occ)
    kept.sort(key=lambda x: (-x[1], -x[2], -len(x[0]), x[0]))
    return kept


def test_novel_phrases_equal_reference(shared_docs):
    tk = default_tokenizer()
    names = sorted(shared_docs)
    checked = 0
    for a_name, b_name in list(pairwise(names))[:6]:
        a, b = shared_docs[a_name], shared_docs[b_name]
        for kw in ({}, {"min_count": 1, "max_n": 6}, {"max_n": 2, "min_chars": 2}):
            got = novel_phrases(b, a, tokenizer=tk, **kw)
            assert got == _reference_novel_phrases(b, a, tk, **kw)
            checked += len(got)
    print(f"{checked} novel phrases equal the reference")


# -- people and the phrase rule -----------------------------------------------------------------

#: Person names of each plenum communiqué, read by hand: every name mentioned as a person (毛泽东
#: inside 毛泽东思想 does not count); 19_1 and 20_1 list the new leadership.
PLENUM_PEOPLE = {
    "18_2": "习近平 李克强",
    "18_7": "习近平 刘云山 吴爱英 孙怀山 孙政才 崔波 张喜武 李云峰 李强 李立国 杨崇勇 杨焕宁 段春华 洛桑江村 王三运 王建军 "
            "王建平 田修思 舒晓琴 苏树林 莫建成 赵树丛 赵立雄 陈武 陈鸣明 项俊波 马顺清 黄兴国",
    "19_1": "丁薛祥 习近平 侯凯 凌激 刘金国 刘鹤 姜信治 孙春兰 尤权 崔鹏 张升民 张又侠 张春生 徐令义 李书磊 李作成 "
            "李克强 李希 李强 李鸿忠 杨晓渡 杨晓超 杨洁篪 栗战书 汪洋 王晨 王沪宁 王鸿津 白少康 肖培 胡春华 苗华 蔡奇 "
            "许其亮 赵乐际 邹加怡 郭声琨 陈全国 陈小江 陈希 陈敏尔 陈超英 韩正 骆源 魏凤和 黄坤明",
    "19_2": "习近平 张德江",
    "19_3": "习近平",
    "19_4": "习近平 刘士余 马伟明 马正武",
    "19_5": "习近平",
    "19_6": "习近平 毛泽东 江泽民 胡锦涛 邓小平",
    "19_7": "习近平 王沪宁 傅政华 张敬华 李佳 沈德咏 王伟中 王宁 马国强",
    "20_1": "丁薛祥 习近平 何卫东 何立峰 侯凯 傅奎 刘国中 刘学新 刘振立 刘金国 喻红秋 孙新阳 尹力 张升民 张又侠 张国清 "
            "张福海 李书磊 李尚福 李希 李干杰 李强 李欣然 李鸿忠 王小洪 王晓萍 王毅 王沪宁 王爱文 王鸿津 石泰峰 穆红玉 "
            "肖培 苗华 蔡奇 袁家军 訚柏 许罗德 赵世勇 赵乐际 陈吉宁 陈国强 陈敏尔 陈文清 马兴瑞 黄坤明",
    "20_2": "习近平 江泽民",
    "20_3": "丁向群 习近平 于吉红 于立军 孙金明 李尚福 李玉超 秦刚",
    "20_4": "习近平 于会文 何卫东 何宏军 卢红 唐仁健 张凤中 朱芝松 李石松 杨发森 林向阳 王健 王庭凯 王新伟 王春宁 王曦 "
            "王永红 王秀斌 秦树桐 苗华 袁华智 邓亦武 邓修明 金湘军 韦韬 马汉成",
}

#: the officials whose expulsion the fourth plenum of the 20th CC confirmed (each named twice)
EXPELLED_20_4 = ["唐仁健", "朱芝松", "杨发森", "林向阳", "王春宁", "王秀斌", "袁华智", "秦树桐", "李石松", "金湘军"]


def _plenum_series(shared_dir):
    """``(key, Document)`` of every plenum communiqué in MANIFEST date order."""
    dates = _manifest_dates(shared_dir)
    out = []
    for name, date in sorted(dates.items(), key=lambda kv: kv[1]):
        m = re.fullmatch(r"plenum_(\d+_\d+)_communique\.txt", name)
        if m and (shared_dir / name).is_file():
            out.append((m.group(1), pt.load(shared_dir / name, metadata={"date": date})))
    if len(out) < 2:
        pytest.skip("fewer than two plenum communiqués in the shared corpora")
    return out


def _occurrence_tokens(doc, tk, phrase):
    """The tokens of the first occurrence of ``phrase`` that starts and ends on token boundaries."""
    units = list(tk.tokenize_headings(doc).values()) + tk.tokenize_document(doc)
    for toks in units:
        starts = {t.start: k for k, t in enumerate(toks)}
        i = doc.text.find(phrase)
        while i >= 0:
            k = starts.get(i)
            if k is not None:
                end = i + len(phrase)
                j = k
                while j < len(toks) and toks[j].end < end:
                    j += 1
                if j < len(toks) and toks[j].end == end:
                    return toks[k:j + 1]
            i = doc.text.find(phrase, i + 1)
    return None


def _bad_phrase(toks):
    """Why a phrase's tokens break the phrase rule: verb/adjective/adverb-final, or a function word inside."""
    last = toks[-1]
    if not last.is_term and last.pos[:1] in "vad" and last.pos not in ("vn", "an"):
        return f"ends in {last.text}/{last.pos}"
    for t in toks:
        if not t.is_term and (t.pos[:1] in "dpcurmqyeoxwz" or t.kind != "word"):
            return f"holds {t.text}/{t.pos}"
    return None


def test_people_20_3_to_20_4(shared_docs):
    a, b = _plenum(shared_docs, "20_3"), _plenum(shared_docs, "20_4")
    cmp = compare(a, b)
    people = cmp.people
    print("\n" + people.drop(columns="example").to_string())
    assert list(people.columns) == ["name", "status", "count_a", "count_b", "example"]
    status = dict(zip(people["name"], people["status"]))
    for name in EXPELLED_20_4:
        assert status.get(name) == "new", name
        row = people[people["name"] == name].iloc[0]
        assert (row["count_a"], row["count_b"]) == (0, b.text.count(name)) and row["count_b"] >= 2
        assert name in row["example"]
    for name in ("孙金明", "李尚福", "李玉超"):
        assert status.get(name) == "dropped", name
        row = people[people["name"] == name].iloc[0]
        assert (row["count_a"], row["count_b"]) == (a.text.count(name), 0)
    names = set(people["name"])
    terms = set(cmp.new_terms["term"]) | set(cmp.dropped_terms["term"]) | set(cmp.keyness["term"])
    assert not any(n in t for n in names for t in terms), sorted(t for t in terms if any(n in t for n in names))
    # the phrase fragments of the issue are gone
    for junk in ("全体人民共同富裕迈出坚实", "社会主义现代化夯实"):
        assert junk not in set(cmp.new_terms["term"])
    assert people["status"].tolist() == sorted(people["status"].tolist(), key=lambda s: s != "new")


def test_people_and_phrases_over_all_plenum_pairs(shared_dir):
    """Precision/recall of Comparison.people against the hand-read names; no name or bad phrase among terms."""
    series = _plenum_series(shared_dir)
    tk = default_tokenizer()
    gold = {k: set(v.split()) for k, v in PLENUM_PEOPLE.items()}
    tp = fp = fn = phrases = 0
    misses, bad = [], []
    for (ka, a), (kb, b) in pairwise(series):
        cmp = compare(a, b, tokenizer=tk)
        want = {(n, "new") for n in gold[kb] if n not in a.text} | {(n, "dropped") for n in gold[ka] if n not in b.text}
        got = set(zip(cmp.people["name"], cmp.people["status"]))
        tp += len(got & want)
        fp += len(got - want)
        fn += len(want - got)
        misses += [(ka, kb, *x) for x in sorted((got - want) | (want - got))]
        names = gold[ka] | gold[kb]
        for frame, doc in ((cmp.new_terms, b), (cmp.dropped_terms, a)):
            for term, kind in frame[["term", "kind"]].itertuples(index=False):
                assert not any(n in term for n in names - {"习近平", "毛泽东", "邓小平"}) or kind != "phrase", term
                assert term not in names, (ka, kb, term)
                if kind == "phrase":
                    phrases += 1
                    toks = _occurrence_tokens(doc, tk, term)
                    assert toks is not None, term
                    why = _bad_phrase(toks)
                    if why:
                        bad.append((ka, kb, term, why))
        assert not (set(cmp.keyness["term"]) & names), (ka, kb)
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    print(f"\npeople over {len(series) - 1} consecutive plenum pairs: precision {precision:.3f}, recall "
          f"{recall:.3f} (tp {tp}, fp {fp}, fn {fn}); misses/false: {misses}")
    print(f"{phrases} new/dropped phrases, {len(bad)} breaking the phrase rule: {bad[:10]}")
    assert not bad
    assert precision >= 0.97 and recall >= 0.95


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


def test_people_golden():
    a = pt.parse("全会审议通过了关于秦刚同志的决定。要推进改革。")
    b = pt.parse("全会决定，递补中央委员会候补委员王建武、刘宁、李佳为中央委员会委员。接受刘宁同志辞职申请。"
                 "要推进改革。")
    cmp = compare(a, b)
    assert cmp.people[["name", "status", "count_a", "count_b"]].values.tolist() == [
        ["刘宁", "new", 0, 2], ["王建武", "new", 0, 1], ["李佳", "new", 0, 1], ["秦刚", "dropped", 1, 0]]
    assert cmp.people["example"].iloc[0] == "全会决定，递补中央委员会候补委员王建武、刘宁、李佳为中央委员会委员。"
    assert not set(cmp.people["name"]) & (set(cmp.keyness["term"]) | set(cmp.new_terms["term"]))
    assert "同志" not in set(cmp.keyness["term"])  # the title of a named person belongs to the mention
    # a name known from the dictionary is a name in a list of names (李强 nrfg, 王沪宁 nr)
    cmp = compare("要推进改革。", "李强、赵乐际、王沪宁、蔡奇出席会议。")
    assert cmp.people["name"].tolist() == ["李强", "赵乐际", "王沪宁", "蔡奇"]
    # the speaker formula names a person: X就《…》作了说明
    cmp = compare("要推进改革。", "全会审议通过了《建议》，张德江就《建议（草案）》向全会作了说明。")
    assert cmp.people["name"].tolist() == ["张德江"]


@pytest.mark.parametrize("text", [
    "要边斗争、边备战、边建设，克难关、战风险、迎挑战。",
    "我们的祖国天更蓝、山更绿、水更清。",
    "努力做到应保尽保、应助尽助。",
    "注重扶贫同扶志、扶智相结合。",
    "推动经济持续向好、行稳致远。",
    "推动高端化、智能化、绿色化发展。",
    "倡导富强、民主、文明、和谐，倡导自由、平等、公正、法治。",
    "要抓重点、补短板、强弱项，打基础、立支柱、定架构。",
    "推进北京、天津、河北、张家口、石家庄一体化。",
    "坚持全面从严治党，严于律己、严负其责、严管所辖。",
])
def test_no_people_in_slogans(text):
    assert compare("要推进改革。", text).people.empty


def test_people_rendered_and_escaped(tmp_path):
    a = pt.parse("全会决定，接受秦刚同志辞职申请。")
    b = pt.parse("全会决定，递补中央委员会候补委员王建武、刘宁、李佳为中央委员会委员<b>&</b>。")
    cmp = compare(a, b)
    md = cmp.to_markdown()
    assert "## People (3 new in b, 1 dropped from a)" in md
    assert "| 王建武 | new | 0 | 1 |" in md and "| 秦刚 | dropped | 1 | 0 |" in md
    assert "\\<b\\>" in md and "<b>" not in md
    h = cmp.to_html(tmp_path / "r.html")
    assert "<h3>People (3 new in b, 1 dropped from a)</h3>" in h
    assert "<td>王建武</td><td>new</td>" in h and "&lt;b&gt;&amp;&lt;/b&gt;" in h and "<b>&" not in h
    assert "people=4" in repr(cmp)
    empty = compare("要推进改革。", "要推进改革。")
    assert empty.people.empty and list(empty.people.columns) == ["name", "status", "count_a", "count_b", "example"]
    assert "## People (0 new in b, 0 dropped from a)" in empty.to_markdown()


_NAME_ALPHABET = "王李张刘唐仁健金湘军秦刚苗华边斗争天更蓝同志就《》、，。 \n要推进改革发展新质生产力"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=_NAME_ALPHABET, max_size=80), st.text(alphabet=_NAME_ALPHABET, max_size=80))
def test_people_property(x, y):
    cmp = compare(x, y)
    a_text, b_text = cmp_text(x), cmp_text(y)
    names = set(cmp.people["name"])
    assert not names & set(cmp.new_terms["term"]) and not names & set(cmp.dropped_terms["term"])
    assert not names & set(cmp.keyness["term"])
    for r in cmp.people.itertuples():
        assert r.status in ("new", "dropped")
        if r.status == "new":
            assert r.name in b_text and r.name not in a_text and r.count_b == b_text.count(r.name) and r.count_a == 0
        else:
            assert r.name in a_text and r.name not in b_text and r.count_a == a_text.count(r.name) and r.count_b == 0
    cmp.to_markdown()
    cmp.to_html()


def test_keyness_counts_every_mention_of_a_lexicon_term():
    """Audit M4: 十五五 inside “十五五”规划 counted 0 in keyness but 1 in term_trajectories."""
    a = pt.load("切实搞好“十五五”规划前期谋划工作。推进中国式现代化。")
    b = pt.load("“十五五”时期是基本实现社会主义现代化的关键时期。制定“十五五”规划。")
    k = compare(a, b).keyness.set_index("term")
    traj = pt.term_trajectories([a, b], ["十五五"], per=1)
    assert k.loc["十五五", "count_a"] == 1 == a.text.count("十五五")
    assert k.loc["十五五", "count_b"] == 2 == b.text.count("十五五")
    assert traj["十五五"].round(9).tolist() == [round(1 / len(a.text), 9), round(2 / len(b.text), 9)]
