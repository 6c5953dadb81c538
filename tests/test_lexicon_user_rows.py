"""A user's lexicon rows win everywhere; short rows; the format in ``help(Lexicon.load)``; the shipped categories.

Session 8, task F3 (user audit U8, items 3, 8 and 12).
"""

from __future__ import annotations

import pydoc
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import policytext as pt
from policytext.cli import app as cli
from policytext.errors import LexiconFormatError
from policytext.tokens.lexicon import CATEGORIES, Lexicon

#: The audit's table: 双减 is an alias of the shipped “双减” (concept).
MINE = "term\tcategory\taliases\n双减\taction\t“双减”政策|双减政策\n"
A, B = "要落实“双减”政策。", "要推进县中振兴。"


def _write(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def _owners(lex: Lexicon) -> dict[str, list[str]]:
    """Every form of ``lex`` -> the terms of the entries that list it."""
    out: dict[str, list[str]] = {}
    for e in lex:
        for f in e.forms:
            out.setdefault(f, []).append(e.term)
    return out


# -- item 3: a user's term that is a shipped alias --------------------------------------------------

def test_the_shipped_premise():
    """The shipped lexicon lists 双减 as an alias of “双减” (concept): without it the tests below test nothing."""
    shipped = Lexicon.default().lookup("双减")
    assert shipped is not None and shipped.term == "“双减”" and shipped.category == "concept"


def test_user_row_takes_over_the_shipped_entry(tmp_path):
    lex = Lexicon.load(_write(tmp_path, "mine.tsv", MINE))
    for form in ("双减", "“双减”", "“双减”政策", "双减政策"):
        e = lex.lookup(form)
        assert (e.term, e.category) == ("双减", "action"), form
    assert "“双减”" not in {e.term for e in lex}  # one entry, not two that disagree
    assert len(lex) == len(Lexicon.default())  # replaced, not added
    e = lex.lookup("双减")
    assert e.aliases == ("“双减”政策", "双减政策", "“双减”")  # the user's aliases first, then the shipped spelling
    assert e.source.endswith("mine.tsv:2")
    assert all(len(terms) == 1 for terms in _owners(lex).values())


def test_tokenizer_tags_the_users_row(tmp_path):
    tk = pt.Tokenizer(lexicon=_write(tmp_path, "mine.tsv", MINE))
    for text, surface in ((A, "“双减”政策"), ("要落实“双减”。", "“双减”"), ("双减工作", "双减")):
        terms = [(t.text, t.term, t.category) for t in tk(text) if t.is_term]
        assert terms == [(surface, "双减", "action")], text


@pytest.mark.parametrize("how", ["tokenizer", "lexicon"])
def test_compare_reports_the_users_row(tmp_path, how):
    lex = Lexicon.load(_write(tmp_path, "mine.tsv", MINE))
    kw = {"tokenizer": pt.Tokenizer(lexicon=lex)} if how == "tokenizer" else {"lexicon": lex}
    dropped = pt.compare(A, B, **kw).dropped_terms
    rows = dropped[dropped["kind"] == "lexicon"][["term", "category"]].values.tolist()
    assert rows == [["双减", "action"]]


def test_cli_compare_lexicon_reports_the_users_row(tmp_path, capsys):
    mine = _write(tmp_path, "mine.tsv", MINE)
    a, b = _write(tmp_path, "a.txt", A + "\n"), _write(tmp_path, "b.txt", B + "\n")
    assert cli.main(["compare", str(a), str(b), "--lexicon", str(mine)]) == 0
    out = capsys.readouterr().out
    dropped = out.split("不再出现的提法", 1)[1].split("\n## ", 1)[0]
    assert re.search(r"^\| 双减 \| 词库 \| 固定提法 \| 1 \|", dropped, re.M), dropped
    assert "“双减”" not in dropped.replace("要落实“双减”政策。", "")
    assert cli.main(["compare", str(a), str(b)]) == 0  # without --lexicon: the shipped row
    assert re.search(r"^\| “双减” \| 词库 \| 战略概念 \| 1 \|", capsys.readouterr().out, re.M)


def test_user_term_that_is_a_shipped_alias_keeps_the_shipped_spellings(tmp_path):
    """三定规定 is an alias of the shipped “三定”规定: the quoted spelling still matches, as the user's term."""
    lex = Lexicon.load(_write(tmp_path, "mine.tsv", "term\tcategory\n三定规定\tdocument\n"))
    assert lex.lookup("“三定”规定").term == "三定规定" and lex.lookup("“三定”规定").category == "document"
    tk = pt.Tokenizer(lexicon=lex)
    assert [(t.text, t.term) for t in tk("落实“三定”规定。") if t.is_term] == [("“三定”规定", "三定规定")]


def test_user_alias_that_is_a_shipped_term(tmp_path):
    """The user's alias names a shipped term: that entry is taken over too."""
    lex = Lexicon.load(_write(tmp_path, "mine.tsv", "term\tcategory\taliases\n减负政策\taction\t“双减”\n"))
    assert lex.lookup("双减").term == "减负政策" and lex.lookup("“双减”").category == "action"
    assert all(len(terms) == 1 for terms in _owners(lex).values())


def test_merge_takes_over_as_load_does():
    lex = Lexicon.default().merge(Lexicon.from_entries([("双减", "action", ["双减政策"])]))
    assert lex.lookup("“双减”").term == "双减" and lex.lookup("双减政策").category == "action"
    assert len(lex) == len(Lexicon.default())


def test_two_user_rows_claiming_one_form_are_an_error(tmp_path):
    a = _write(tmp_path, "a.tsv", "term\tcategory\taliases\n双减\taction\t双减政策\n")
    b = _write(tmp_path, "b.tsv", "term\tcategory\n# a comment\n双减政策\tconcept\n")
    with pytest.raises(LexiconFormatError) as info:
        Lexicon.load(a, b)
    assert str(info.value).startswith(f"{b}:3: term '双减政策' is also a form of the term '双减' ({a}:2)")
    one = _write(tmp_path, "one.tsv", "term\tcategory\taliases\n双减\taction\t双减政策\n减负\taction\t双减政策\n")
    with pytest.raises(LexiconFormatError, match=r"one.tsv:3: alias of '减负' '双减政策' is also a form"):
        Lexicon.load(one)
    # the same term in two tables (same category) stays allowed: the later row wins
    c = _write(tmp_path, "c.tsv", "term\tcategory\taliases\n双减\taction\t减负政策\n")
    assert Lexicon.load(a, c).lookup("减负政策").term == "双减"


_HAN = st.text(st.sampled_from("双减负政策县中振兴三定规定“”"), min_size=1, max_size=4)
_SHIPPED = sorted(f for e in Lexicon.default() for f in e.forms)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(term=st.one_of(st.sampled_from(_SHIPPED), _HAN),
       aliases=st.lists(st.one_of(st.sampled_from(_SHIPPED), _HAN), max_size=3, unique=True),
       category=st.sampled_from(["action", "concept", "mine"]))
def test_property_a_user_row_wins_and_no_form_is_lost(term, aliases, category):
    base = Lexicon.default()
    aliases = [a for a in aliases if a != term]
    lex = base.merge(Lexicon.from_entries([(term, category, aliases)]))
    for form in (term, *aliases):
        e = lex.lookup(form)
        assert e is not None and (e.term, e.category) == (term, category)
    owners = _owners(lex)
    assert all(len(terms) == 1 for terms in owners.values())  # every form has one entry
    assert set(base.forms()) <= set(owners)  # every shipped spelling still matches
    displaced = {base.canonical(f) for f in (term, *aliases) if f in base}
    assert len(lex) == len(base) - len(displaced) + 1  # the entries sharing a form are replaced by one


# -- item 2: a row shorter than the header ----------------------------------------------------------

def test_row_shorter_than_the_header_is_read(tmp_path):
    body = "term\tcategory\taliases\texpansion\tfirst_seen\tpos\tnote\n双减\taction\n县中振兴\tconcept\t县中振兴计划\n"
    lex = Lexicon.load(_write(tmp_path, "short.tsv", body), default=False)
    assert [(e.term, e.category, e.aliases, e.pos) for e in lex] == [
        ("双减", "action", (), None), ("县中振兴", "concept", ("县中振兴计划",), None)]
    assert [t.text for t in pt.Tokenizer(lexicon=lex)("推进县中振兴计划") if t.is_term] == ["县中振兴计划"]


@pytest.mark.parametrize("body, line, reason", [
    ("term\tcategory\taliases\n双减\n", 2, "expected 3 tab-separated columns, found 1 (the row needs at least the "
                                           "first 2: term, category)"),
    ("category\tterm\taliases\naction\n", 2, "expected 3 tab-separated columns, found 1 (the row needs at least the "
                                            "first 2: category, term)"),
    ("term\tcategory\taliases\n双减\taction\tx\ty\n", 2, "expected 3 tab-separated columns, found 4"),
    ("term\tcategory\taliases\n县中振兴\tconcept\n双减\t\t双减政策\n", 3, "term '双减' has no category"),
])
def test_really_malformed_rows_still_name_file_and_line(tmp_path, body, line, reason):
    path = _write(tmp_path, "bad.tsv", body)
    with pytest.raises(LexiconFormatError) as info:
        Lexicon.load(path)
    assert info.value.line == line and str(info.value) == f"{path}:{line}: {reason}"


def test_expansions_row_without_the_optional_counts(tmp_path):
    lexicon = _write(tmp_path, "mine.tsv", "term\tcategory\n三个一百\tnumbered\n")
    wordings = _write(tmp_path, "exp.tsv", "term\tyears\texpansion\trecord\tcorpora\n三个一百\t2021-\t甲|乙|丙\n")
    e = Lexicon.load(lexicon, wordings).lookup("三个一百")
    assert e.expansion == ("甲", "乙", "丙") and e.wordings[0].start == 2021 and e.wordings[0].record is None


# -- item 12: the format in help(pt.Lexicon.load) ---------------------------------------------------

def test_help_of_load_gives_the_file_format():
    text = pydoc.render_doc(pt.Lexicon.load, renderer=pydoc.plaintext)
    for needle in ("term→category→aliases→expansion→first_seen→pos→note", "stands for a tab", "UTF-8", "separated by ``|``",
                   "``#``", "Only ``term`` and ``category`` are required", "双减→action→“双减”政策|双减政策",
                   "Your rows win"):
        assert needle in text, needle
    assert all(f" {c} " in text.replace("``", " ").replace("\n", " ") for c in CATEGORIES)


# -- data: categories of the shipped lexicon --------------------------------------------------------

def test_campaigns_are_not_meetings_and_periods_not_documents():
    lex = Lexicon.default()
    assert lex.lookup("党史学习教育").category == "concept"
    assert lex.lookup("“不忘初心、牢记使命”主题教育").category == "concept"
    # 十五五 (the period) and “十五五”规划 (the plan) are two different things, each its own row
    assert lex.lookup("十五五").term == "十五五" and lex.lookup("十五五").category == "concept"
    assert lex.lookup("十五五规划").term == "“十五五”规划" and lex.lookup("十五五规划").category == "document"
    for e in lex:
        bare = e.term.rstrip("”》")
        if bare.endswith(("学习教育", "主题教育", "专题教育", "教育实践活动")):
            assert e.category == "concept", e.term
        if bare.endswith(("会议", "全会")):
            assert e.category == "meeting", e.term
        if bare.endswith(("条例", "纲要", "规划")) and not bare.endswith("空间规划"):
            assert e.category in {"document", "bianzhi"}, e.term
