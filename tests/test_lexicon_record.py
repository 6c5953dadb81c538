"""The lexicon checked against the dated record (issue 17, item 5): record dates, dated wordings, attestation.

The shipped figures (``first_seen_record``, ``record_days`` in political_terms.tsv; ``record``,
``corpora``, ``record_years`` … in expansions.tsv) are computed by ``scripts/lexicon_record.py``
over the whole record in one Aho-Corasick pass (``--check`` re-verifies all of them). Here the
figures are re-derived independently (plain substring tests) on the shared corpora (all of it)
and on a sample of the record (a fixed year plus a month drawn from the lexicon's fingerprint),
and their internal consistency is checked. Tests that read ../shared skip with a reason when
it is absent.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import random
from collections import Counter
from pathlib import Path

import pytest

import policytext as pt
from policytext.errors import InvalidParameterError, LexiconFormatError
from policytext.text.normalize import normalize
from policytext.tokens.formulations import find_numbered
from policytext.tokens.lexicon import Entry, Lexicon, Wording, parse_years, read_table

REPO = Path(__file__).resolve().parent.parent
EXPANSIONS = REPO / "lexicons" / "expansions.tsv"
TERMS = REPO / "lexicons" / "political_terms.tsv"
XWLB = Path(os.environ.get("POLICYTEXT_SHARED_XWLB", REPO.parent / "shared" / "xwlb"))
CORPORA = Path(os.environ.get("POLICYTEXT_SHARED_CORPORA", REPO.parent / "shared" / "corpora"))
SAMPLE_YEAR = "2021"


def _rows(path: Path) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _items(row: dict[str, str]) -> tuple[str, ...]:
    return tuple(x for x in row["expansion"].split("|") if x)


@pytest.fixture(scope="module")
def xwlb() -> dict[str, Path]:
    """ISO date -> file of every day of the record."""
    if not (XWLB / "metadata.tsv").is_file():
        pytest.skip(f"the dated record is not at {XWLB} (set POLICYTEXT_SHARED_XWLB)")
    with open(XWLB / "metadata.tsv", encoding="utf-8") as fh:
        return {r["date"]: XWLB / r["file"] for r in csv.DictReader(fh, delimiter="\t") if (XWLB / r["file"]).is_file()}


def _paragraphs(path: Path) -> list[str]:
    return [ln for ln in normalize(path.read_text(encoding="utf-8")).split("\n") if ln.strip()]


def _sample(xwlb: dict[str, Path]) -> dict[str, list[str]]:
    """A fixed year and a month drawn from the lexicon's fingerprint: date -> paragraphs."""
    months = sorted({d[:7] for d in xwlb if not d.startswith(SAMPLE_YEAR)})
    month = random.Random(Lexicon.default().fingerprint).choice(months)
    print(f"\nrecord sample: {SAMPLE_YEAR} and {month}")
    return {d: _paragraphs(p) for d, p in sorted(xwlb.items()) if d.startswith((SAMPLE_YEAR, month))}


@pytest.fixture(scope="module")
def sample(xwlb) -> dict[str, list[str]]:
    return _sample(xwlb)


# -- the shipped data, on its own --------------------------------------------------------

def test_every_expansion_has_attested_wordings_most_frequent_first():
    lex = Lexicon.default()
    rows = _rows(EXPANSIONS)
    by_term: dict[str, list[dict[str, str]]] = {}
    for r in rows:
        by_term.setdefault(r["term"], []).append(r)
    with_expansion = {e.term for e in lex if e.expansion}
    assert with_expansion == set(by_term), "every expansion of the lexicon must have its wordings in expansions.tsv"
    for term, ws in by_term.items():
        e = lex.lookup(term)
        assert e is not None and e.term == term
        totals = [int(r["record"]) + int(r["corpora"]) for r in ws]
        assert all(t >= 1 for t in totals), f"{term}: a wording attested nowhere"
        assert totals == sorted(totals, reverse=True), f"{term}: wordings must be most frequent first"
        assert e.expansion == _items(ws[0]) == e.wordings[0].items
        assert [w.items for w in e.wordings] == [_items(r) for r in ws]
        for r in ws:
            by_year = Counter({y: int(c) for y, c in (p.split(":") for p in r["record_years"].split())})
            assert sum(by_year.values()) == int(r["record"]), term
            if int(r["record"]):
                assert r["first_record"][:4] == min(by_year) and r["last_record"][:4] == max(by_year), term
                assert r["first_record"] <= r["last_record"]
            else:
                assert r["first_record"] == r["last_record"] == ""
    # the main table's expansion column is the first wording
    shipped = {e.term: e.expansion for e in read_table(TERMS, check=False)}
    assert all(shipped[t] == _items(ws[0]) for t, ws in by_term.items())


def test_wordings_that_changed_and_the_most_frequent_one():
    lex = Lexicon.default()
    first, second = lex.lookup("两个维护").wordings[:2]
    assert "习近平总书记" in first.items[0] and "习近平同志" in second.items[0]
    assert first.record > second.record
    e = lex.lookup("四个全面")
    assert e.expansion_for(2018)[0] == "全面建成小康社会"
    assert e.expansion_for("2022-10-16")[0] == "全面建设社会主义现代化国家"
    assert e.expansion_for(dt.date(2014, 12, 14))[0] == "全面建成小康社会"  # before every start: the nearest
    assert e.expansion_for(2035)[0] == "全面建设社会主义现代化国家"
    assert e.expansion_for(None) == e.expansion == e.wordings[0].items
    assert lex.expansion("“四个全面”", date="2018-03-05") == e.expansion_for(2018)
    assert lex.expansion("不存在的词", date=2018) == ()
    # the quiz path: a formulation found in a dated document is expanded as worded that year
    text = "协调推进“四个全面”战略布局。"
    assert find_numbered(text, date="2018-03-05")[0].expansion[0] == "全面建成小康社会"
    assert find_numbered(text, date=2023)[0].expansion[0] == "全面建设社会主义现代化国家"
    assert find_numbered(text)[0].expansion == e.expansion


@pytest.mark.parametrize("bad", ["不是日期", "20-01", True, 3.5, [2018]])
def test_a_date_that_is_not_a_date_is_refused(bad):
    e = Lexicon.default().lookup("四个全面")
    with pytest.raises(InvalidParameterError, match="date"):
        e.expansion_for(bad)
    with pytest.raises(InvalidParameterError, match="find_numbered"):
        find_numbered("“四个全面”", date=bad)


def test_old_api_keeps_working():
    e = Entry("数字编办", "bianzhi", (), ("a", "b"), "x", "nz", "note", "src")
    assert e.expansion_for(2020) == ("a", "b") and e.wordings == () and e.first_seen_record is None
    lex = Lexicon.from_entries([("三个务必", "numbered", [], ["务必甲", "务必乙", "务必丙"])])
    assert lex.lookup("三个务必").expansion == lex.expansion("三个务必", date=2000) == ("务必甲", "务必乙", "务必丙")
    df = Lexicon.default().to_frame()
    assert list(df.columns[:7]) == ["term", "category", "aliases", "expansion", "first_seen", "pos", "note"]
    assert {"first_seen_record", "record_days", "wordings"} <= set(df.columns)


def test_record_dates_are_figures_of_the_record():
    lex = Lexicon.default()
    dated = [e for e in lex if e.first_seen_record]
    assert len(dated) >= 0.8 * len(lex)
    for e in lex:
        if e.first_seen_record:
            assert dt.date.fromisoformat(e.first_seen_record) >= dt.date(2012, 7, 1)
            assert e.record_days and e.record_days >= 1
        else:
            assert e.record_days in (0, None)
    # facts the issue states
    assert lex.lookup("新质生产力").first_seen_record == "2023-09-08"
    assert lex.lookup("两个确立").first_seen_record.startswith("2021-11")


def test_user_expansions_table(tmp_path):
    terms = tmp_path / "mine.tsv"
    terms.write_text("term\tcategory\n三个甲\tnumbered\n", encoding="utf-8")
    exps = tmp_path / "exp.tsv"
    exps.write_text("term\tyears\texpansion\n三个甲\t-2019\t旧一|旧二|旧三\n三个甲\t2020-\t新一|新二|新三\n"
                    "两个维护\t\t自定一|自定二\n", encoding="utf-8")
    lex = Lexicon.load(exps, terms)  # the order of the tables does not matter
    assert lex.expansion("三个甲") == ("旧一", "旧二", "旧三")
    assert lex.expansion("三个甲", date=2021) == ("新一", "新二", "新三")
    assert lex.lookup("两个维护").wordings == (Wording(("自定一", "自定二")),)
    assert lex.lookup("四个全面").wordings == Lexicon.default().lookup("四个全面").wordings
    assert lex.fingerprint != Lexicon.load(terms).fingerprint


@pytest.mark.parametrize(
    "body, line, reason",
    [
        ("term\tyears\texpansion\n不存在的词\t\t甲|乙\n", 2, "not in the lexicon"),
        ("term\tyears\texpansion\n四个全面\t2021-2012\t甲|乙\n", 2, "years '2021-2012'"),
        ("term\tyears\texpansion\n# c\n四个全面\t二〇二一\t甲|乙\n", 3, "years '二〇二一'"),
        ("term\tyears\texpansion\n四个全面\t\t\n", 2, "at least one item"),
        ("term\tyears\texpansion\trecord\n四个全面\t\t甲\tmany\n", 2, "record 'many' is not a count"),
        ("term\tyears\texpansion\n四个全面\t\n", 2, "expected 3 tab-separated columns, found 2"),
    ],
)
def test_malformed_expansions_table(tmp_path, body, line, reason):
    path = tmp_path / "exp.tsv"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(LexiconFormatError) as info:
        Lexicon.load(path)
    assert info.value.line == line and str(info.value).startswith(f"{path}:{line}: ")
    assert reason in str(info.value)


def test_parse_years():
    assert parse_years("2012–2020") == (2012, 2020) and parse_years(" 2021- ") == (2021, None)
    assert parse_years("2021-2012") is None and parse_years("abc") is None
    assert Wording(("x",), 2018, 2018).years == "2018" and Wording(("x",), 2021).years == "2021-"


def test_new_terms_from_the_record_are_whole_tokens():
    tk = pt.Tokenizer()
    toks = tk.lcut("奋进新时代新征程，心怀“国之大者”")
    assert {"新时代", "新征程", "国之大者"} <= set(toks)
    assert "时代" not in toks and "征程" not in toks


# -- re-derived from the shared corpora and a sample of the record ------------------------------

def test_corpora_counts_of_every_wording(shared_dir):
    paras = [p for path in sorted(CORPORA.glob("*.txt")) for p in _paragraphs(path)]
    for r in _rows(EXPANSIONS):
        items = _items(r)
        assert sum(all(x in p for x in items) for p in paras) == int(r["corpora"]), r["term"]


def test_record_sample_counts_of_every_wording(sample):
    rows = _rows(EXPANSIONS)
    texts = {d: "\n".join(ps) for d, ps in sample.items()}
    for r in rows:
        items = _items(r)
        shipped = Counter({y: int(c) for y, c in (p.split(":") for p in r["record_years"].split())})
        got: Counter = Counter()
        for date, paras in sample.items():
            if all(x in texts[date] for x in items):  # cheap day filter, then paragraph by paragraph
                got[date[:7]] += sum(all(x in p for x in items) for p in paras)
        year = sum(c for m, c in got.items() if m.startswith(SAMPLE_YEAR))
        assert year == shipped.get(SAMPLE_YEAR, 0), f"{r['term']} in {SAMPLE_YEAR}"
        for month, c in got.items():  # the drawn month: no more than its whole year
            assert month.startswith(SAMPLE_YEAR) or c <= shipped.get(month[:4], 0), f"{r['term']} in {month}"
        dates = [d for d, paras in sample.items()
                 if all(x in texts[d] for x in items) and any(all(x in p for x in items) for p in paras)]
        if dates:
            assert r["first_record"] <= dates[0] and r["last_record"] >= dates[-1], r["term"]


def test_record_sample_first_seen_and_days(sample, xwlb):
    # the shipped figures count word uses (a hit the tokenizer keeps), as Corpus.first_seen does by default
    from policytext.analysis.compare._words import WordCounter
    from policytext.analysis.compare.series import TermCounter

    lex = Lexicon.default()
    texts = {d: "\n".join(ps) for d, ps in sample.items()}
    entries = list(lex)
    wc = WordCounter(TermCounter({e.term: tuple(e.forms) for e in entries}))
    days_of: dict[str, list[str]] = {}
    for d, ps in sample.items():
        for i in {i for p in ps for i, _, _ in wc.count(p)}:
            days_of.setdefault(entries[i].term, []).append(d)
    rng = random.Random(0)
    for e in lex:
        days = sorted(set(days_of.get(e.term, [])))
        if days:
            assert e.first_seen_record and e.first_seen_record <= days[0], e.term
            assert e.record_days >= len(days), e.term
        if e.first_seen_record and (e.first_seen_record[:4] == SAMPLE_YEAR or rng.random() < 0.05):
            # the first day holds the term, and no earlier day of the sample does
            day = texts.get(e.first_seen_record) or "\n".join(_paragraphs(xwlb[e.first_seen_record]))
            assert any(f in day for f in e.forms), e.term
            assert not [d for d in days if d < e.first_seen_record], e.term


# -- properties ---------------------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_DATED = [e for e in Lexicon.default() if e.wordings]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(_DATED), st.dates(dt.date(1949, 1, 1), dt.date(2100, 12, 31)))
def test_the_wording_of_a_year_is_the_first_in_use_or_the_nearest(e, day):
    got = e.expansion_for(day)
    assert got == e.expansion_for(day.isoformat()) == e.expansion_for(day.year)
    in_use = [w.items for w in e.wordings if w.in_use(day.year)]
    if in_use:
        assert got == in_use[0]
    else:  # the nearest wording: years from the year to the start (before it) or from the end (after it)
        def gap(w: Wording) -> int:
            return w.start - day.year if w.start is not None and day.year < w.start else day.year - (w.end or day.year)

        assert gap(next(w for w in e.wordings if w.items == got)) == min(gap(w) for w in e.wordings)


def test_between_and_beyond_the_years_of_every_wording():
    e = Entry("三个甲", "numbered", wordings=(Wording(("旧",), 2000, 2005), Wording(("中",), 2010, 2012),
                                           Wording(("新",), 2020, None)))
    # 2016 is 4 years from both 中 and 新: a tie goes to the wording listed first (the more frequent)
    assert [e.expansion_for(y)[0] for y in (1990, 2003, 2007, 2008, 2011, 2015, 2016, 2017, 2030)] == \
        ["旧", "旧", "旧", "中", "中", "中", "中", "新", "新"]


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("四个全面两维护意识推进，。“”的年")), max_size=40),
       st.integers(1990, 2040))
def test_find_numbered_with_a_date_only_changes_curated_expansions(text, year):
    plain, dated = find_numbered(text), find_numbered(text, date=year)
    assert [(f.text, f.start, f.how) for f in plain] == [(f.text, f.start, f.how) for f in dated]
    lex = Lexicon.default()
    for a, b in zip(plain, dated):
        if a.expansion_source == "lexicon":
            assert b.expansion == lex.expansion(a.text, date=year)
        else:
            assert a.expansion == b.expansion
