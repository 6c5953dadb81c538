"""Tests of policytext.comparison: keyness, new/dropped 提法, similarity, series, plots, CLI."""

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
from policytext import comparison as _cmp
from policytext.comparison import (
    Comparison,
    compare,
    first_seen,
    g2_keyness,
    novel_phrases,
    plot_keyness,
    plot_trajectories,
    register_cli,
    term_counts,
    term_trajectories,
)
from policytext.errors import (
    FontError,
    InputError,
    InvalidParameterError,
    PolicyTextError,
)
from policytext.fonts import check_coverage
from policytext.tokenizer import default_tokenizer

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
    assert dict((p, n) for p, n, _ in got)["新质生产力"] == 3


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
    register_cli(parser.add_subparsers(dest="command"))
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
    from policytext import _cli_commands, cli

    monkeypatch.setattr(_cli_commands, "COMMAND_MODULES", ("comparison",))
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
    corpus_mod = pytest.importorskip("policytext.corpus")
    corpus = corpus_mod.Corpus.from_folder(shared_dir, pattern="plenum_*_communique.txt")
    fs = first_seen(corpus, ["两个确立", "新质生产力"]).set_index("term")
    assert fs.loc["两个确立", "document"] == "plenum_19_7_communique"
    assert fs.loc["新质生产力", "date"] == "2024-07-18"
    tr = term_trajectories(corpus, ["两个确立"])
    assert len(tr) == len(corpus) and tr.index.is_monotonic_increasing


# -- the vectorised internals equal the former Python loops (performance rewrite, issue 8) -----------



def _reference_profile(doc, tokenizer):
    """The token loop of ``_profile`` before the rewrite: counts, categories, sections, vocab and word runs."""
    counts, cats, sections, runs, flags = {}, {}, {}, [], {}
    for sid, toks in _cmp._units(doc, tokenizer):
        top = sid.split(".", 1)[0] if sid else ""
        sec = sections.setdefault(top, {}) if top else None
        run = []
        for t in toks:
            if t.kind not in ("word", "term", "numbered"):
                if len(run) >= 2:
                    runs.append(run)
                run = []
                continue
            f = flags.get((t.text, t.category))
            if f is None:
                f = flags[(t.text, t.category)] = (t.term or t.text, _cmp._edge_ok(t), _cmp._is_content(t))
                if f[2] and t.category:
                    cats.setdefault(f[0], t.category)
            run.append((t.start, t.end, f[0], f[1]))
            if f[2]:
                counts[f[0]] = counts.get(f[0], 0) + 1
                if sec is not None:
                    sec[f[0]] = sec.get(f[0], 0) + 1
        if len(run) >= 2:
            runs.append(run)
    return (Counter(counts), cats, {k: Counter(v) for k, v in sections.items()},
            frozenset(f[0] for f in flags.values()), runs)


def _reference_candidates(text, runs, max_n, min_count):
    freq = Counter()
    for run in runs:
        for i in range(len(run)):
            if run[i][3]:
                for j in range(i + 1, min(i + max_n, len(run))):
                    if run[j][3]:
                        freq[text[run[i][0]:run[j][1]]] += 1
    cands = {}
    for run in runs:
        m = len(run)
        for i in range(m):
            if not run[i][3]:
                continue
            left = run[i - 1][2] if i > 0 and run[i - 1][3] else None
            for j in range(i + 1, min(i + max_n, m)):
                phrase = text[run[i][0]:run[j][1]]
                if not run[j][3] or freq[phrase] < min_count:
                    continue
                c = cands.setdefault(phrase, ([x[2] for x in run[i:j + 1]], [], [], []))
                c[1].append((run[i][0], run[j][1]))
                c[2].append(left)
                c[3].append(run[j + 1][2] if j + 1 < m and run[j + 1][3] else None)
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
                assert (list(c.tokens), c.occ, c.left, c.right) == ref[phrase]
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
    pool = [(p, c) for p, c in cands.items() if len(p) >= min_chars and c.maximal and p not in reference.text]
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
