"""Tests of policytext.corpus.emerging: units first used in a window of a dated corpus, ranked by spread.

Small synthetic corpora check the rules; the facts of issue 17 (新质生产力 for
2023-09…12 and 两个确立 for 2021-11…2022-01, with an empty lexicon) run on a
sample of ../shared/xwlb (a year before the window to half a year after it),
skipped with a reason when the record is absent. The whole record is
benchmarks/eval_novelty.py.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import policytext as pt
from policytext.analysis.compare import Background
from policytext.corpus.emerging import background, emerging_terms
from policytext.errors import InvalidParameterError

REPO = Path(__file__).resolve().parent.parent
XWLB = Path(os.environ.get("POLICYTEXT_SHARED", REPO.parent / "shared")) / "xwlb"

_VERBS = ["加快", "要因地制宜发展", "培育", "加快形成", "壮大", "积极发展", "大力推动", "因地制宜发展"]


def _corpus(days: list[tuple[str, str]]) -> pt.Corpus:
    return pt.Corpus([pt.parse(t, metadata={"date": d}) for d, t in days])


def _toy() -> pt.Corpus:
    """Three old days, a window (2023-02-01…02), then five later days."""
    old = [(f"2023-01-0{d}", "要推动高质量发展，扩大内需，坚持“两个维护”。") for d in range(1, 4)]
    new = [(f"2023-02-0{d}", f"{_VERBS[d]}新质生产力，坚持“两个确立”，推动高质量发展。") for d in range(1, 8)]
    return _corpus(old + new)


def test_new_unit_first_in_window_ranked_by_spread():
    got = emerging_terms(_toy(), since="2023-02-01", until="2023-02-02", lexicon=pt.Lexicon.empty())
    assert got["term"].tolist()[:2] == ["两个确立", "新质生产力"] or got["term"].tolist()[:2] == ["新质生产力", "两个确立"]
    row = got.set_index("term").loc["新质生产力"]
    assert (row["first_date"], row["days"], row["window_days"], row["later_days"]) == ("2023-02-01", 7, 2, 5)
    assert row["kind"] == "phrase" and "新质生产力" in row["example"]
    # used before the window: never emerging (高质量发展, 两个维护), whatever its spread
    assert not {"高质量发展", "两个维护"} & set(got["term"])
    assert got.set_index("term").loc["两个确立", "kind"] == "numbered"


def test_window_must_hold_the_first_use():
    # a window after the first use finds nothing of it
    got = emerging_terms(_toy(), since="2023-02-03", until="2023-02-07", lexicon=pt.Lexicon.empty())
    assert "新质生产力" not in set(got["term"]) and "两个确立" not in set(got["term"])
    # a month as "until" includes the whole month; until defaults to since
    assert "新质生产力" in set(emerging_terms(_toy(), since="2023-02", until="2023-02",
                                         lexicon=pt.Lexicon.empty())["term"])
    assert "新质生产力" in set(emerging_terms(_toy(), since="2023-02-01", lexicon=pt.Lexicon.empty())["term"])


def test_min_days_and_top():
    got = emerging_terms(_toy(), since="2023-02-01", until="2023-02-02", lexicon=pt.Lexicon.empty(), min_days=8)
    assert got.empty and list(got.columns)[:3] == ["term", "kind", "category"]
    got = emerging_terms(_toy(), since="2023-02-01", until="2023-02-02", lexicon=pt.Lexicon.empty(), top=1)
    assert len(got) == 1


def test_fragment_of_a_longer_unit_is_dropped():
    # 蓝佛 is always followed by 安 (a name cut in two by the tokenizer): not a unit
    old = [("2023-01-01", "要推动高质量发展。")]
    new = [(f"2023-02-0{d}", f"财政部部长蓝佛安{v}表示，要{u}。") for d, v, u in
           zip(range(1, 6), ["今天", "近日", "昨天", "日前", "当天"], ["稳增长", "扩内需", "防风险", "促改革", "惠民生"])]
    got = emerging_terms(_corpus(old + new), since="2023-02-01", until="2023-02-02", lexicon=pt.Lexicon.empty(),
                         min_days=1)
    assert not any(t.endswith("蓝佛") for t in got["term"]), got["term"].tolist()


def test_nest_holds_longer_variants():
    old = [("2023-01-01", "要推动高质量发展。")]
    new = [(f"2023-02-0{d}", f"{_VERBS[d]}低空经济，低空经济产业{'蓬勃' if d % 2 else '快速'}发展。") for d in range(1, 7)]
    got = emerging_terms(_corpus(old + new), since="2023-02-01", until="2023-02-03", lexicon=pt.Lexicon.empty())
    rows = got.set_index("term")
    assert "低空经济" in rows.index and "低空经济产业" not in rows.index
    assert "低空经济产业" in rows.loc["低空经济", "nest"]


def test_numbered_formulation_never_inside_another():
    # 三保 inside 两不愁三保障 is not 三保: the earlier days do not hide it, the later ones do not count
    old = [(f"2023-01-0{d}", "要巩固两不愁三保障成果。") for d in range(1, 4)]
    new = [(f"2023-02-0{d}", "要兜牢“三保”底线，巩固两不愁三保障成果。") for d in range(1, 5)]
    got = emerging_terms(_corpus(old + new), since="2023-02-01", until="2023-02-04", lexicon=pt.Lexicon.empty())
    rows = got.set_index("term")
    assert "三保" in rows.index, got
    assert rows.loc["三保", "count"] == 4 and rows.loc["三保", "days"] == 4


def test_quoted_verb_object_formulation_is_a_unit():
    # the phrase rule cannot build 放管服 (verbs); its quotation marks bound it
    old = [(f"2023-01-0{d}", "要深化简政放权。") for d in range(1, 4)]
    new = [(f"2023-02-0{d}", f"要深化“放管服”改革，{v}。") for d, v in zip(range(1, 6), "甲乙丙丁戊")]
    got = emerging_terms(_corpus(old + new), since="2023-02-01", until="2023-02-02", lexicon=pt.Lexicon.empty())
    rows = got.set_index("term")
    assert rows.loc["放管服", "days"] == 5 and rows.loc["放管服", "kind"] == "phrase"


def test_shipped_lexicon_terms_are_candidates():
    old = [(f"2023-01-0{d}", "要推动高质量发展。") for d in range(1, 4)]
    new = [(f"2023-02-0{d}", f"要做好{v}，坚持两个结合。") for d, v in zip(range(1, 5), "甲乙丙丁")]
    got = emerging_terms(_corpus(old + new), since="2023-02-01", until="2023-02-02")
    rows = got.set_index("term")
    assert rows.loc["两个结合", "kind"] == "lexicon" and rows.loc["两个结合", "days"] == 4


def test_background_is_reused_and_duck_typed():
    corpus = _toy()
    assert background(corpus) is background(corpus)  # read once per corpus object
    docs = list(corpus)  # any iterable of dated documents works too
    a = emerging_terms(docs, since="2023-02-01", until="2023-02-02", lexicon=pt.Lexicon.empty())
    b = emerging_terms(background(corpus), since="2023-02-01", until="2023-02-02", lexicon=pt.Lexicon.empty())
    c = emerging_terms(corpus, since="2023-02-01", until="2023-02-02", lexicon=pt.Lexicon.empty())
    assert a.equals(b) and b.drop(columns="first_document").equals(c.drop(columns="first_document"))
    assert isinstance(background(corpus), Background)


def test_undated_documents_are_left_out():
    corpus = pt.Corpus(["要发展新质生产力。", pt.parse("要发展新质生产力。", metadata={"date": "2023-02-01"})])
    assert len(background(corpus)) == 1


def test_parameters_checked():
    with pytest.raises(InvalidParameterError):
        emerging_terms(_toy(), since="2023-02-02", until="2023-02-01")
    with pytest.raises(InvalidParameterError):
        emerging_terms(_toy(), since="2023-02-01", top=0)
    with pytest.raises(InvalidParameterError):
        emerging_terms(_toy(), since="2023-02-01", lexicon="empty")


# -- the record (a sample of it) ----------------------------------------------------------------

@pytest.fixture(scope="module")
def xwlb() -> pt.Corpus:
    if not (XWLB / "metadata.tsv").is_file():
        pytest.skip(f"the 新闻联播 record is not at {XWLB} (set POLICYTEXT_SHARED to the shared folder)")
    return pt.Corpus.from_folder(XWLB, pattern="**/*.txt")


def _sample(corpus: pt.Corpus, lo: str, hi: str) -> pt.Corpus:
    dates = corpus.metadata["date"].dt.strftime("%Y-%m-%d").tolist()
    return corpus.subset([lo <= d <= hi for d in dates])


@pytest.mark.slow
@pytest.mark.parametrize("term, sample, window", [
    ("新质生产力", ("2022-09-01", "2024-06-30"), ("2023-09-01", "2023-12-31")),
    ("两个确立", ("2020-11-01", "2022-06-30"), ("2021-11-01", "2022-01-31")),
])
def test_record_emerging_without_lexicon(xwlb, term, sample, window):
    sub = _sample(xwlb, *sample)
    got = emerging_terms(sub, since=window[0], until=window[1], lexicon=pt.Lexicon.empty(), top=10)
    print(f"\n{term} {window}: " + ", ".join(f"{t}({d})" for t, d in zip(got["term"], got["days"])))
    rows = got["term"].tolist()
    assert term in rows[:3], rows
    row = got.set_index("term").loc[term]
    assert window[0] <= row["first_date"] <= window[1] and row["later_days"] > 10
    assert term in row["example"]
    # the record itself: nothing before the first date holds the term, the first document does
    bg = background(sub)
    first = bg.dates.index(row["first_date"])
    assert not any(term in bg.text(i) for i in range(first)) and term in bg.text(first)
