"""Tests of policytext.analysis.compare.series: term counts, trajectories and first appearances."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import policytext as pt
from policytext.analysis.compare import first_seen, term_counts, term_trajectories
from policytext.analysis.compare.series import TermCounter


def _manifest_dates(shared_dir: Path) -> dict[str, str]:
    with open(shared_dir / "MANIFEST.tsv", encoding="utf-8") as fh:
        return {row["file"]: row["date"] for row in csv.DictReader(fh, delimiter="\t")}


def test_first_seen_agrees_with_substring_counts(shared_dir, shared_files):
    dates = _manifest_dates(shared_dir)
    paths = [p for p in shared_files if re.fullmatch(r"plenum_\d+_\d+_communique\.txt", p.name)]
    assert len(paths) >= 10
    docs = [pt.load(p, metadata={"date": dates[p.name]}) for p in paths]
    lex = pt.Lexicon.default()
    fs = first_seen(docs, match="substring").set_index("term")
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


def test_series_accept_a_corpus(shared_dir):
    corpus_mod = pytest.importorskip("policytext.corpus.corpus")
    corpus = corpus_mod.Corpus.from_folder(shared_dir, pattern="plenum_*_communique.txt")
    fs = first_seen(corpus, ["两个确立", "新质生产力"]).set_index("term")
    assert fs.loc["两个确立", "document"] == "plenum_19_7_communique"
    assert fs.loc["新质生产力", "date"] == "2024-07-18"
    tr = term_trajectories(corpus, ["两个确立"])
    assert len(tr) == len(corpus) and tr.index.is_monotonic_increasing



@settings(max_examples=80, deadline=None)
@given(st.text(alphabet="放管服改革两个维护AB，。", max_size=60),
       st.lists(st.lists(st.text(alphabet="放管服改革两个维护AB", min_size=1, max_size=5), min_size=1, max_size=3),
                min_size=1, max_size=4))
def test_term_counter_is_a_longest_first_alternation(text, forms):
    """Each term's count is the number of matches of a regex alternation of its forms, longest first."""
    terms = {f"t{i}": tuple(fs) for i, fs in enumerate(forms)}
    hits = {TermCounter(terms).terms[i]: (n, first) for i, n, first in TermCounter(terms).count(text)}
    for term, fs in terms.items():
        pattern = "|".join(re.escape(f) for f in sorted(set(fs), key=lambda f: (-len(f), f)))
        found = [m.start() for m in re.finditer(pattern, text)]
        starts = [i for i in range(len(text)) if any(text.startswith(f, i) for f in fs)]
        if found:
            assert hits[term] == (len(found), starts[0]), term
        else:
            assert term not in hits


def test_trajectories_by_year_and_first_seen_columns():
    docs = [pt.parse("要发展新质生产力，新质生产力。", metadata={"date": "2024-07-18", "path": "/x/a.txt"}),
            pt.parse("要发展新质生产力。", metadata={"date": "2024-03"}),
            pt.parse("要构建新发展格局。", metadata={"date": "2020-10-29"}),
            pt.parse("没有日期的新质生产力。")]
    tidy = term_trajectories(docs, ["新质生产力", "新发展格局"], freq="Y", per=100)
    assert list(tidy.columns) == ["period", "term", "count", "documents", "rate", "chars", "period_documents"]
    rows = tidy.set_index(["period", "term"])
    y2024 = rows.loc[(pd.Timestamp("2024-01-01"), "新质生产力")]
    assert (y2024["count"], y2024["documents"], y2024["period_documents"]) == (3, 2, 2)
    assert y2024["rate"] == pytest.approx(3 * 100 / (len(docs[0].text) + len(docs[1].text)))
    assert rows.loc[(pd.Timestamp("2020-01-01"), "新质生产力"), "count"] == 0  # zeros kept
    months = term_trajectories(docs, ["新质生产力"], freq="M", zeros=False)
    assert months["period"].dt.strftime("%Y-%m").tolist() == ["2024-03", "2024-07"]
    fs = first_seen(docs, ["新质生产力"]).iloc[0]
    assert (fs["date"], fs["file"], fs["offset"], fs["n_documents"]) == ("2024-03", None, 3, 3)
    fs = first_seen(docs[:1], ["新质生产力"]).iloc[0]
    assert fs["file"] == "/x/a.txt" and fs["count"] == 2
