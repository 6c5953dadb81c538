"""First use by word, not by substring (session 8, F2 item 1).

A hit counts only where the tokenizer's false-merge guard keeps it (双减 in 双减负 or “双减少” is
not a use); ``match="substring"`` (CLI ``--substring``) counts every occurrence. The shipped
``first_seen_record`` figures are word uses of the dated record (scripts/lexicon_record.py).
Tests that read ../shared/xwlb skip with a reason when it is absent.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import policytext as pt
from policytext import cli
from policytext.analysis.compare._words import WordCounter
from policytext.analysis.compare.series import TermCounter
from policytext.errors import InvalidParameterError
from policytext.text.normalize import normalize

REPO = Path(__file__).resolve().parent.parent
XWLB = Path(os.environ.get("POLICYTEXT_SHARED_XWLB", REPO.parent / "shared" / "xwlb"))


def _counts(terms: dict[str, tuple[str, ...]], text: str) -> tuple[list, list]:
    tc = TermCounter(terms)
    return tc.count(text), WordCounter(tc).count(text)


@pytest.mark.parametrize("text, words", [
    ("为企业双减负。", 0),             # 双 | 减负
    ("沙化土地“双减少”。", 0),          # 双 | 减少, though a quotation mark opens before it
    ("落实“双减”政策。", 1),            # the quoted alias
    ("推进双减工作，巩固双减成果。", 2),
])
def test_a_hit_inside_a_longer_word_is_not_a_use(text, words):
    lex = pt.Lexicon.default()
    forms = tuple(lex.lookup("双减").forms)
    sub, word = _counts({"双减": forms}, text)
    assert sub and sub[0][1] >= 1
    assert (word[0][1] if word else 0) == words


@pytest.mark.parametrize("term, text, words", [
    ("三个代表", "分为三个代表团参加会议。", 0),
    ("三个代表", "以“三个代表”重要思想为指导。", 1),
    ("回头看", "她偶尔回头看看。", 0),
    ("回头看", "要开展“回头看”。", 1),
    ("三步走", "这是北斗三步走战略的一步。", 1),      # the guard drops it, jieba's cut keeps it whole
    ("各级党委", "各级党委（党组）要负责。", 1),        # a longer overlapping term does not cancel it
    ("十四五", "走进有十四五名妇女的地方。", 0),
])
def test_word_uses_of_shipped_terms(term, text, words):
    forms = tuple(pt.Lexicon.default().lookup(term).forms)
    _, word = _counts({term: forms}, normalize(text))
    assert (word[0][1] if word else 0) == words


def test_a_term_outside_the_lexicon_is_judged_too():
    _, word = _counts({"县中振兴": ("县中振兴",)}, "要推进县中振兴。县中振兴计划。")
    assert word == [(0, 2, 3)]


def test_first_offset_is_the_first_word_use_and_the_counter_pickles():
    tc = TermCounter({"双减": ("双减", "“双减”")})
    wc = WordCounter(tc)
    text = "政府企业双减负。落实“双减”政策。"
    assert wc.count(text) == [(0, 1, 10)] and tc.count(text) == [(0, 2, 4)]
    again = pickle.loads(pickle.dumps(wc))
    assert again.count(text) == wc.count(text) and len(pickle.dumps(wc)) < 2000


_ALPHABET = "双减负少循环赛混共同富裕两个确立新发展格局三代表团“”，。要推进工作"
_TERMS = {"双减": ("双减", "“双减”"), "双循环": ("双循环",), "共同富裕": ("共同富裕",),
          "两个确立": ("两个确立",), "新发展格局": ("新发展格局",), "三个代表": ("三个代表",)}
_WC = WordCounter(TermCounter(_TERMS))
_TC = _WC.counter


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=60))
def test_word_counts_are_substring_counts_less_the_hits_that_are_not_words(text):
    sub = {i: (n, o) for i, n, o in _TC.count(text)}
    word = {i: (n, o) for i, n, o in _WC.count(text)}
    for i, (n, o) in word.items():
        assert i in sub and 1 <= n <= sub[i][0] and o >= sub[i][1]
        assert text[o:].startswith(_TERMS[_TC.terms[i]])
    for i, (n, o) in sub.items():  # long unnumbered terms are never vetoed: words = substrings
        if len(_TC.terms[i]) > 3 and not _TC.terms[i][0].isdigit() and _TC.terms[i][0] not in "两三":
            assert word.get(i) == (n, o)


def test_corpus_match_option():
    corpus = pt.Corpus(["为企业双减负。", "要落实“双减”政策。"],
                       metadata=[{"date": "2015-04-01"}, {"date": "2021-05-26"}])
    word = corpus.first_seen(["双减"])
    sub = corpus.first_seen(["双减"], match="substring")
    assert word[["date", "total"]].values.tolist() == [["2021-05-26", 1]]
    assert sub[["date", "total"]].values.tolist() == [["2015-04-01", 2]]
    first, by_year = corpus.term_history(["双减"])
    assert first["date"].tolist() == ["2021-05-26"] and by_year["count"].tolist() == [0, 1]
    t = corpus.term_trajectories(["双减"], freq="Y", match="substring")
    assert t["count"].tolist() == [1, 1]
    with pytest.raises(InvalidParameterError, match="match"):
        corpus.first_seen(["双减"], match="regex")


def test_corpus_word_counts_on_processes_equal_serial():
    texts = ["为企业双减负。推进双减工作。", "要落实“双减”政策。", "沙化土地“双减少”。双循环。"] * 3
    corpus = pt.Corpus(texts, metadata=[{"date": f"202{i}-01-0{i % 9 + 1}"} for i in range(len(texts))])
    serial = corpus.first_seen(["双减", "双循环"], processes=1)
    assert serial.equals(corpus.first_seen(["双减", "双循环"], processes=2))


@pytest.fixture
def dated(tmp_path):
    folder = tmp_path / "rec"
    folder.mkdir()
    rows = ["file\tdate"]
    for i, (day, text) in enumerate([("2015-04-01", "为企业双减负。"), ("2021-05-26", "要落实“双减”政策。"),
                                     ("2021-06-01", "推进双减工作。两个确立。")]):
        (folder / f"d{i}.txt").write_text(text, encoding="utf-8")
        rows.append(f"d{i}.txt\t{day}")
    (folder / "metadata.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


def test_timeline_counts_words_prints_in_typed_order_and_keeps_substring(dated, tmp_path, capsys):
    out = str(tmp_path / "t.html")
    assert cli.main(["timeline", "两个确立", "双减", "--corpus", str(dated), "-o", out, "--processes", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("两个确立: first 2021-06-01")  # typed order, though 双减 is older
    assert lines[1].startswith("“双减”: first 2021-05-26") and "2 in 2 documents" in lines[1]
    assert cli.main(["timeline", "两个确立", "双减", "--corpus", str(dated), "-o", out, "--processes", "1",
                     "--substring"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].startswith("“双减”: first 2015-04-01") and "3 in 3 documents" in lines[1]


# -- the shipped figures -----------------------------------------------------------------------------


def test_shipped_first_use_of_shuangjian_is_the_policy():
    lex = pt.Lexicon.default()
    assert lex.lookup("双减").first_seen_record == "2021-05-26"
    assert lex.lookup("新质生产力").first_seen_record == "2023-09-08"


@pytest.fixture(scope="module")
def year_2021() -> dict[str, str]:
    """ISO date -> normalised text of every day of 2021 in the record."""
    import csv

    if not (XWLB / "metadata.tsv").is_file():
        pytest.skip(f"the dated record is not at {XWLB} (set POLICYTEXT_SHARED_XWLB)")
    with open(XWLB / "metadata.tsv", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh, delimiter="\t") if r["date"].startswith("2021")]
    return {r["date"]: normalize((XWLB / r["file"]).read_text(encoding="utf-8")) for r in rows
            if (XWLB / r["file"]).is_file()}


def test_shipped_record_dates_are_word_uses(year_2021):
    """Re-derived on 2021 by paragraph (as the script counts): a term used as a word in 2021 has a record
    date no later than its first 2021 use, and a term dated in 2021 is used as a word on that day."""
    lex = pt.Lexicon.default()
    entries = list(lex)
    wc = WordCounter(TermCounter({e.term: tuple(e.forms) for e in entries}))
    days_of: dict[int, list[str]] = {}
    for day, text in sorted(year_2021.items()):
        used = {i for p in text.split("\n") if p.strip() for i, _, _ in wc.count(p)}
        for i in used:
            days_of.setdefault(i, []).append(day)
    assert len(days_of) > 300
    for i, e in enumerate(entries):
        days = days_of.get(i, [])
        if days:
            assert e.first_seen_record and e.first_seen_record <= days[0], e.term
            assert e.record_days >= len(days), e.term
        if e.first_seen_record and e.first_seen_record.startswith("2021"):
            assert days and days[0] == e.first_seen_record, e.term
