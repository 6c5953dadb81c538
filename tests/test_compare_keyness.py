"""Tests of policytext.analysis.compare: G² keyness, identity, sections, similarity, parameters."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import policytext as pt
from policytext.analysis.compare import (
    Comparison,
    compare,
    first_seen,
    g2_keyness,
    novel_phrases,
    term_counts,
    term_trajectories,
)
from policytext.errors import InputError, InvalidParameterError
from policytext.render.compare_report import to_docx, to_html, to_markdown, write_comparison
from policytext.render.plots import plot_keyness


def _plenum(shared_docs, name):
    key = f"plenum_{name}_communique"
    if key not in shared_docs:
        pytest.skip(f"{key} not in the shared corpora")
    return shared_docs[key]


def cmp_text(x: str) -> str:
    return "" if not x.strip() else pt.load(x).text


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
        to_html(compare("要推进改革。", "要推进改革。"), top=0)
    with pytest.raises(InvalidParameterError, match="Available names"):
        term_counts([pt.parse("要推进改革。")], index="year")


def test_bools_are_not_counts(tmp_path):
    """``True`` passed ``isinstance(x, int)``: every count and size now rejects it (issue 14)."""
    doc = pt.parse("要推进改革。要发展新质生产力。")
    with pytest.raises(InvalidParameterError, match=r"The 'min_count' parameter of compare must be an int in the "
                                                    r"range \[1, inf\)\. Got True instead\."):
        compare(doc, doc, min_count=True)
    for kw in ({"max_n": True}, {"per": True}, {"per": 0}, {"max_n": 9}, {"tokenizer": "jieba"}):
        with pytest.raises(InvalidParameterError, match=f"'{next(iter(kw))}' parameter of compare"):
            compare(doc, doc, **kw)
    for kw in ({"min_count": True}, {"max_n": True}, {"min_chars": True}, {"min_chars": 0}):
        with pytest.raises(InvalidParameterError, match="parameter of novel_phrases"):
            novel_phrases(doc, doc, **kw)
    cmp = compare(doc, doc)
    for writer in (to_markdown, to_html):
        with pytest.raises(InvalidParameterError, match=f"'top' parameter of {writer.__name__} .* Got True"):
            writer(cmp, top=True)
    with pytest.raises(InvalidParameterError, match="'top' parameter of to_docx"):
        to_docx(cmp, tmp_path / "r.docx", top=True)
    with pytest.raises(InvalidParameterError, match="'top' parameter of write_comparison"):
        write_comparison(cmp, tmp_path / "r.md", top=True)
    with pytest.raises(InvalidParameterError, match="'top' parameter of plot_keyness"):
        plot_keyness(cmp, tmp_path / "k.png", top=True)
    with pytest.raises(InvalidParameterError, match="'per' parameter of term_trajectories"):
        term_trajectories([doc], ["改革"], per=True)
    with pytest.raises(InvalidParameterError, match="'lexicon' parameter of first_seen"):
        first_seen([doc], lexicon="default")
    assert list(tmp_path.iterdir()) == []


def _assert_renderer_loads_only_when_called(analysis: str, renderer: str) -> None:
    """The thin writer methods import their renderer when called, never when the analysis is imported."""
    import subprocess
    import sys

    code = f"import sys, {analysis}; print({renderer!r} in sys.modules, 'matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"], out


def test_the_result_is_data():
    """A Comparison holds tables and numbers; the writers live in policytext.render.compare_report."""
    cmp = compare("要推进改革。", "要推进改革。要发展新质生产力。")
    assert isinstance(cmp, Comparison)
    assert not hasattr(cmp, "to_docx") and not hasattr(cmp, "write")  # files: pt.write / compare_report
    _assert_renderer_loads_only_when_called("policytext.analysis.compare", "policytext.render.compare_report")
    assert repr(cmp) == "Comparison(a='a', b='b', new=1, dropped=0, people=0, cosine=0.580)"


# -- hypothesis ------------------------------------------------------------------------

_ALPHABET = "党的领导发展新质生产力格局高质量改革两个确立四三五全面深化推进建设国家人民要坚持和，。、；“”《》一二（）\n 0123abc"
_chinese = st.text(alphabet=_ALPHABET, min_size=0, max_size=120)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_chinese)
def test_identity_property(text):
    cmp = compare(text, text)
    assert cmp.new_terms.empty and cmp.dropped_terms.empty
    s = cmp.similarity
    if s.shared:  # identical documents with content terms: exactly alike
        assert s.cosine == pytest.approx(1.0)
    else:  # no content terms at all: no similarity to speak of (never "identical")
        assert math.isnan(s.cosine) and math.isnan(s.jaccard)
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
    s = cmp.similarity
    assert (0.0 <= s.cosine <= 1.0 and 0.0 <= s.jaccard <= 1.0) or (
        math.isnan(s.cosine) and math.isnan(s.jaccard) and s.shared == s.only_a == s.only_b == 0)
    to_html(cmp)
    to_markdown(cmp)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=80), st.text(max_size=80))
def test_no_exception_on_arbitrary_text(x, y):
    try:
        cmp = compare(x, y)
    except InputError:  # a one-line str ending in .txt/.docx … is taken as a path by pt.load
        assume(False)
    assert isinstance(cmp, Comparison)
    to_html(cmp)
    to_markdown(cmp)



def test_keyness_counts_every_mention_of_a_lexicon_term():
    """Audit M4: 十五五 inside “十五五”规划 counted 0 in keyness but 1 in term_trajectories."""
    a = pt.load("切实搞好“十五五”规划前期谋划工作。推进中国式现代化。")
    b = pt.load("“十五五”时期是基本实现社会主义现代化的关键时期。制定“十五五”规划。")
    k = compare(a, b).keyness.set_index("term")
    traj = pt.term_trajectories([a, b], ["十五五"], per=1)
    assert k.loc["十五五", "count_a"] == 1 == a.text.count("十五五")
    assert k.loc["十五五", "count_b"] == 2 == b.text.count("十五五")
    assert traj["十五五"].round(9).tolist() == [round(1 / len(a.text), 9), round(2 / len(b.text), 9)]


def test_empty_documents_have_no_similarity():
    """Two documents without content terms are not "identical" (issue 18): NaN, and the report says so."""
    from policytext.render import compare_report

    s = pt.compare("", "").similarity
    assert math.isnan(s.cosine) and math.isnan(s.jaccard) and (s.shared, s.only_a, s.only_b) == (0, 0, 0)
    one = pt.compare("", "要推进机构编制改革。").similarity
    assert one.cosine == 0.0 and one.jaccard == 0.0 and one.only_b > 0
    assert "无从比较" in compare_report.to_markdown(pt.compare("", ""))
