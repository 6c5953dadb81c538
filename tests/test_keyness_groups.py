"""Keyness between two groups of documents (``policytext.corpus.keyness.keyness``, task F5 of session 8)."""

from __future__ import annotations

import argparse
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import policytext as pt
from policytext.corpus import CorpusWarning
from policytext.corpus.analyses import content_terms
from policytext.corpus.keyness import COLUMNS, group_counts, keyness, log_ratio
from policytext.errors import DocumentNotFoundError, InvalidParameterError

# a: 高质量发展 ×3, 稳中求进 ×1 (two documents); b: 高质量发展 ×1, 新质生产力 ×3 (one document)
A = ["要推动高质量发展，推动高质量发展。", "要推动高质量发展，坚持稳中求进。"]
B = ["要发展新质生产力，培育新质生产力，壮大新质生产力，推动高质量发展。"]


def _counts(texts: list[str]) -> dict[str, int]:
    total: dict[str, int] = {}
    for t in texts:
        for k, v in content_terms(t).items():
            total[k] = total.get(k, 0) + v
    return total


def test_the_example_counts_are_what_the_tests_assume():
    assert _counts(A) == {"高质量发展": 3, "稳中求进": 1}
    assert _counts(B) == {"新质生产力": 3, "高质量发展": 1}


def test_columns_counts_totals_rates_and_document_frequency():
    k = keyness(A, B)
    assert k.columns.tolist() == COLUMNS
    row = k.set_index("term").loc["高质量发展"]
    assert (row["count_a"], row["count_b"], row["total_a"], row["total_b"]) == (3, 1, 4, 4)
    assert (row["docs_a"], row["docs_b"]) == (2, 1)
    assert row["rate_a"] == pytest.approx(3 * 10_000 / 4) and row["rate_b"] == pytest.approx(10_000 / 4)
    assert row["direction"] == "a" and row["category"] == "concept"
    one_doc = k.set_index("term").loc["稳中求进"]
    assert (one_doc["count_a"], one_doc["docs_a"], one_doc["docs_b"]) == (1, 1, 0)
    assert k.attrs["documents_a"] == 2 and k.attrs["documents_b"] == 1
    assert k.attrs["total_a"] == 4 and k.attrs["total_b"] == 4 and k.attrs["failed_a"] == []


def test_g2_by_hand_and_by_scipy():
    scipy_stats = pytest.importorskip("scipy.stats")
    k = keyness(A, B).set_index("term")
    # 高质量发展: 3 of 4 tokens in a, 1 of 4 in b; every expected count is 2
    by_hand = 2 * (3 * math.log(3 / 2) + 1 * math.log(1 / 2) + 1 * math.log(1 / 2) + 3 * math.log(3 / 2))
    assert k.loc["高质量发展", "g2"] == pytest.approx(by_hand, rel=1e-12)
    assert k.loc["高质量发展", "p"] == pytest.approx(math.erfc(math.sqrt(by_hand / 2)), rel=1e-12)
    for term in k.index:
        ca, cb = int(k.loc[term, "count_a"]), int(k.loc[term, "count_b"])
        g2, p, _, _ = scipy_stats.chi2_contingency([[ca, 4 - ca], [cb, 4 - cb]], correction=False,
                                                   lambda_="log-likelihood")
        assert k.loc[term, "g2"] == pytest.approx(g2, rel=1e-9, abs=1e-12), term
        assert k.loc[term, "p"] == pytest.approx(p, rel=1e-9), term


def test_direction_and_order():
    k = keyness(A, B)
    assert k["direction"].tolist() == ["b", "a", "a"]
    assert k["term"].tolist() == ["新质生产力", "高质量发展", "稳中求进"]
    for side in ("a", "b"):
        g2 = k.loc[k["direction"] == side, "g2"].to_numpy()
        assert (np.diff(g2) <= 0).all()
    assert (np.sign(k["log_ratio"]) == k["direction"].map({"a": -1, "b": 1})).all()
    # equal rates: direction "none", G² 0, log ratio 0, last
    same = keyness(["要推进改革，推动高质量发展。"], ["要推进改革，发展新质生产力。"])
    assert same["direction"].tolist()[-1] == "none"
    last = same.iloc[-1]
    assert (last["term"], last["g2"], last["log_ratio"], last["p"]) == ("推进改革", 0.0, 0.0, 1.0)


def test_swapping_the_groups_swaps_the_sides():
    ab, ba = keyness(A, B).set_index("term"), keyness(B, A).set_index("term")
    ba = ba.loc[ab.index]
    assert (ab["count_a"] == ba["count_b"]).all() and (ab["docs_a"] == ba["docs_b"]).all()
    assert np.allclose(ab["g2"], ba["g2"]) and np.allclose(ab["log_ratio"], -ba["log_ratio"])
    assert (ab["direction"].map({"a": "b", "b": "a"}) == ba["direction"]).all()


def test_min_count_and_top():
    k = keyness(A, B, min_count=4)
    assert k["term"].tolist() == ["高质量发展"]
    assert k["total_a"].tolist() == [4]  # totals are of all content tokens, not of the rows kept
    top = keyness(A, B, top=1)
    assert top["term"].tolist() == ["新质生产力", "高质量发展"]
    assert keyness(["要推进改革。"], ["要推进改革。"], top=3).empty
    assert keyness(A, B, min_count=100).columns.tolist() == COLUMNS


def test_smoothed_log_ratio():
    # equal sizes: +0.5 on each count; a term used once in a group four times larger still points to it
    assert log_ratio([0, 1], [3, 1], 4, 4).tolist() == pytest.approx([math.log2(3.5 / 0.5), 0.0])
    assert float(log_ratio([0], [1], 1, 4)[0]) > 0
    big = log_ratio([0, 0], [10, 100], 1_000_000, 1_000_000)
    assert 0 < big[0] < big[1]


def test_inputs_documents_paths_folders_corpora_agree(tmp_path: Path):
    docs = [pt.parse(t) for t in A]
    folder = tmp_path / "a"
    folder.mkdir()
    for i, t in enumerate(A):
        (folder / f"{i}.txt").write_text(t, encoding="utf-8")
    one = tmp_path / "b.txt"
    one.write_text(B[0], encoding="utf-8")
    want = keyness(A, B)
    for a, b in [(docs, pt.parse(B[0])), (folder, one), (str(folder), str(one)), (pt.Corpus(A), B[0]),
                 (pt.Corpus.from_folder(folder), [one]), (tuple(A), (x for x in B))]:
        got = keyness(a, b)
        pd.testing.assert_frame_equal(got, want)


def test_group_counts_equal_term_frequencies():
    corpus = pt.Corpus(A + B)
    g = group_counts(corpus)
    tf = corpus.term_frequencies()
    assert dict(g.counts) == tf.sum().to_dict()
    assert dict(g.docs) == (tf > 0).sum().to_dict()
    assert g.documents == 3 and g.total == 8


def test_bad_inputs():
    with pytest.raises(InvalidParameterError, match="The 'a' parameter of keyness"):
        keyness(3.5, B)
    with pytest.raises(InvalidParameterError, match="The 'b' parameter of keyness"):
        keyness(A, [])
    with pytest.raises(InvalidParameterError, match="The 'b' parameter of keyness.*Got 3 instead"):
        keyness(A, ["要推进改革。", 3])
    with pytest.raises(DocumentNotFoundError):
        keyness("no_such_file.txt", B)
    for kw in ({"min_count": 0}, {"top": 0}, {"per": 0}, {"min_count": True}, {"lexicon": "x"}):
        with pytest.raises(InvalidParameterError, match=f"'{next(iter(kw))}' parameter of keyness"):
            keyness(A, B, **kw)
    other = pt.Corpus(B, tokenizer=pt.Tokenizer(lexicon=pt.Lexicon.empty()))
    with pytest.raises(InvalidParameterError, match="different tokenizers"):
        keyness(pt.Corpus(A), other)
    # a tokenizer given counts both groups with it
    k = keyness(pt.Corpus(A), other, tokenizer=pt.Tokenizer(lexicon=pt.Lexicon.empty()))
    assert "新质生产力" not in set(k["term"])


def test_lexicon_option_counts_terms_whole():
    lex = pt.Lexicon.from_entries([("培育新质", "concept")])
    k = keyness(A, B, lexicon=lex).set_index("term")
    assert k.loc["培育新质", "category"] == "concept" and k.loc["培育新质", "count_b"] == 1


def test_unreadable_files_are_skipped_and_named(tmp_path: Path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "ok.txt").write_text(A[0], encoding="utf-8")
    with pytest.warns(CorpusWarning):
        k = keyness(pt.Corpus.from_folder(tmp_path), B)
    assert k.attrs["documents_a"] == 1 and k.attrs["failed_a"] == ["empty"]


def test_compare_refuses_groups_naming_the_parameter_and_keyness(tmp_path: Path):
    with pytest.raises(InvalidParameterError, match=r"The 'a' parameter of compare .*Corpus of 2 documents.*"
                                                    r"pt\.keyness\(a, b\)"):
        pt.compare(pt.Corpus(A), B[0])
    with pytest.raises(InvalidParameterError, match=r"The 'b' parameter of compare .*list of 2 items.*keyness"):
        pt.compare(B[0], A)
    with pytest.raises(DocumentNotFoundError, match=r"is a directory.*'a' parameter of compare.*keyness"):
        pt.compare(tmp_path, B[0])  # an InputError, as pt.load(folder) raises
    with pytest.raises(InvalidParameterError, match=r"The 'b' parameter of compare must be a Document"):
        pt.compare(B[0], 3.5)
    assert pt.compare(A[0], B[0]).similarity.cosine > 0  # documents still work


def test_cli_prints_and_writes(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    from policytext.cli import keyness as cli

    parser = argparse.ArgumentParser(prog="policytext")
    cli.add_parser(parser.add_subparsers())
    (tmp_path / "a").mkdir()
    for i, t in enumerate(A):
        (tmp_path / "a" / f"{i}.txt").write_text(t, encoding="utf-8")
    (tmp_path / "b.txt").write_text(B[0], encoding="utf-8")
    args = parser.parse_args(["keyness", str(tmp_path / "a"), str(tmp_path / "b.txt"), "--processes", "1"])
    assert args.func(args) == 0
    shown = capsys.readouterr().out
    assert "A: 2 documents, 4 content tokens; B: 1 documents, 4 content tokens" in shown and "新质生产力" in shown
    out = tmp_path / "out" / "k.csv"
    args = parser.parse_args(["keyness", str(tmp_path / "a"), str(tmp_path / "b.txt"), "-o", str(out),
                              "--processes", "1"])
    assert args.func(args) == 0
    table = pd.read_csv(out)
    assert table.columns.tolist() == COLUMNS and table["term"].tolist() == ["新质生产力", "高质量发展", "稳中求进"]
    args = parser.parse_args(["keyness", str(tmp_path / "a"), str(tmp_path / "b.txt"), "-o", str(tmp_path / "k.xls")])
    with pytest.raises(InvalidParameterError, match="-o suffix"):
        args.func(args)


# -- hypothesis ------------------------------------------------------------------------

_WORDS = ["高质量发展", "新质生产力", "稳中求进", "扩大内需", "推进改革", "党的建设", "乡村振兴", "要", "，"]
_doc = st.lists(st.sampled_from(_WORDS), min_size=0, max_size=12).map(lambda ws: "".join(ws) + "。")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_doc, min_size=1, max_size=4), st.lists(_doc, min_size=1, max_size=4))
def test_properties(a: list[str], b: list[str]):
    k = keyness(a, b)
    ca, cb = _counts(a), _counts(b)
    assert k["count_a"].sum() == sum(ca.values()) == k.attrs["total_a"]
    assert k["count_b"].sum() == sum(cb.values()) == k.attrs["total_b"]
    assert dict(zip(k["term"], k["count_a"])) == {t: ca.get(t, 0) for t in k["term"]}
    assert (k["g2"] >= 0).all() and ((k["p"] >= 0) & (k["p"] <= 1)).all()
    assert ((k["docs_a"] > 0) == (k["count_a"] > 0)).all() and (k["docs_a"] <= len(a)).all()
    assert ((k["docs_b"] > 0) == (k["count_b"] > 0)).all() and (k["docs_b"] <= len(b)).all()
    assert np.isfinite(k["log_ratio"]).all()
    sign = np.sign(k["log_ratio"]).astype(int)
    assert (sign == k["direction"].map({"a": -1, "b": 1, "none": 0})).all()
    rank = k["direction"].map({"b": 0, "a": 1, "none": 2}).to_numpy()
    assert (np.diff(rank) >= 0).all()


# -- the shared corpora ----------------------------------------------------------------------


def test_plenum_19_against_20(shared_dir: Path):
    corpus = pt.Corpus.from_folder(shared_dir, pattern="plenum_*_communique.txt")
    h19 = [n for n in corpus.names if n.startswith("plenum_19_")]
    h20 = [n for n in corpus.names if n.startswith("plenum_20_")]
    k = keyness(corpus.subset(h19), corpus.subset(h20), top=15)
    assert k.attrs["documents_a"] == 7 and k.attrs["documents_b"] == 4
    b_side = k.loc[k["direction"] == "b", "term"].tolist()
    a_side = k.loc[k["direction"] == "a", "term"].tolist()
    assert {"中国式现代化", "进一步全面深化改革", "新质生产力", "党的二十大"} <= set(b_side)
    assert {"党的十九大", "全面建成小康社会"} <= set(a_side)
    row = k.set_index("term").loc["十五五"]  # only the 20-4 communiqué names the 15th five-year plan
    assert (row["count_a"], row["docs_b"]) == (0, 1)


def test_processes_give_the_serial_table():
    corpus_a, corpus_b = pt.Corpus(A * 2), pt.Corpus(B * 3)
    pd.testing.assert_frame_equal(keyness(corpus_a, corpus_b, processes=2, chunksize=1),
                                  keyness(corpus_a, corpus_b, processes=1))
