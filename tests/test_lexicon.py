"""Lexicon tables, validation, merging and the numbered-formulation detector."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

import policytext as pt
from policytext.errors import LexiconFormatError
from policytext.text.normalize import normalize
from policytext.tokens.formulations import find_numbered
from policytext.tokens.lexicon import CATEGORIES, Lexicon, load_stopwords, read_table
from policytext.tokens.numbered import is_numbered

DATA = Path(__file__).parent / "data"
HEADER = "term\tcategory\taliases\texpansion\tfirst_seen\tpos\tnote\n"

REFERENCE_TERMS = [
    "习近平新时代中国特色社会主义思想", "两个确立", "四个意识", "四个自信", "两个维护", "五个牢牢把握", "八项本领", "七种能力",
    "“三定”规定", "机构编制", "编制资源", "党的二十大", "习近平法治思想", "组织口", "数字编办", "实名制管理", "事业单位改革",
    "党委议事协调机构", "高质量发展", "中华民族伟大复兴", "政治机关",
]


def test_default_lexicon_size_categories_and_provenance(shared_files):
    lex = Lexicon.default()
    assert len(lex) >= 500
    assert set(lex.categories) <= set(CATEGORIES)
    assert all(lex.categories.get(c, 0) >= 20 for c in CATEGORIES)
    for term in REFERENCE_TERMS:
        assert term in lex, term
    corpus = "\n".join(normalize(p.read_text(encoding="utf-8")) for p in shared_files)
    ref = pt.reference_path().read_text(encoding="utf-8")
    attested = 0
    for e in lex:
        found = any(f in corpus or f in ref for f in e.forms)
        assert e.note, f"{e.term}: note must say attested or why not"
        if e.note == "attested":
            assert found, f"{e.term} is marked attested but occurs in no shared document"
            attested += 1
        else:
            assert e.note.startswith("unattested"), e.term
    assert attested / len(lex) >= 0.8


def test_lookup_alias_expansion_and_frame():
    lex = Lexicon.default()
    assert lex.lookup("三定规定").term == "“三定”规定"
    assert lex.canonical("三定规定") == "“三定”规定"
    assert lex.lookup("“四个意识”").term == "四个意识"
    assert lex.lookup("两个确立").expansion[1] == "确立习近平新时代中国特色社会主义思想的指导地位"
    assert lex.lookup("不存在的词") is None
    df = lex.to_frame()
    assert len(df) == len(lex) and list(df.columns[:7]) == ["term", "category", "aliases", "expansion", "first_seen", "pos", "note"]


def _write(tmp_path: Path, name: str, body: str, *, encoding="utf-8", newline="\n") -> Path:
    path = tmp_path / name
    path.write_bytes(body.replace("\n", newline).encode(encoding))
    return path


def test_load_merges_user_table_over_default(tmp_path):
    path = _write(tmp_path, "mine.tsv", HEADER + "镇街编制动态调整\tbianzhi\t\t\t\tnz\tmy note\n高质量发展\tconcept\t高质量\t\t\t\t\n")
    lex = Lexicon.load(path)
    assert len(lex) == len(Lexicon.default()) + 1
    assert lex.lookup("镇街编制动态调整").source.endswith("mine.tsv:2")
    assert lex.lookup("高质量").term == "高质量发展"
    assert Lexicon.load(path, default=False).categories == {"bianzhi": 1, "concept": 1}
    tk = pt.Tokenizer(lexicon=path)
    assert "镇街编制动态调整" in tk.lcut("抓好镇街编制动态调整工作")


def test_excel_style_table_bom_crlf_quotes_blank_lines(tmp_path):
    body = "\ufeff" + HEADER + "\n# a comment\n\"“两个结合”\"\tnumbered\t\t\t\t\t\n\n编外用工\tbianzhi\t\t\t\t\t\"note, with comma\"\n"
    path = _write(tmp_path, "excel.tsv", body, newline="\r\n")
    entries = read_table(path)
    assert [e.term for e in entries] == ["“两个结合”", "编外用工"]
    assert entries[1].note == "note, with comma"
    # only the two required columns
    minimal = _write(tmp_path, "min.tsv", "term\tcategory\n数字编办\tbianzhi\n")
    assert read_table(minimal)[0].category == "bianzhi"


@pytest.mark.parametrize(
    "body, line, reason",
    [
        (HEADER + "机构编制\tbianzhi\t\t\t\t\t\tx\tx\n", 2, "expected 7 tab-separated columns, found 9"),
        (HEADER + "机构编制\n", 2, "expected 7 tab-separated columns, found 1"),
        (HEADER + "\tbianzhi\t\t\t\t\t\n", 2, "empty term"),
        (HEADER + "编委\t\t\t\t\t\t\n", 2, "has no category"),
        (HEADER + "编委\tinstitution\t\t\t\t\t\n\n编委\tbianzhi\t\t\t\t\t\n", 4, "listed twice with different categories"),
        (HEADER + "编委\tinstitution\t\t\t\t\t\n编委\tinstitution\t\t\t\t\t\n", 3, "listed twice"),
        ("term\tnote\n编委\tx\n", 1, "header lacks the column(s) category"),
        ("机构编制 10 n\n", 1, "first row must be a tab-separated header"),
        (HEADER + "\"编委\tinstitution\t\t\t\t\t\n", 2, "a stray double quote"),
        (HEADER + "# a comment\n编委|编办\tinstitution\t\t\t\t\t\n", 3, "contains a tab or '|'"),
    ],
)
def test_malformed_lines_report_file_and_line(tmp_path, body, line, reason):
    path = _write(tmp_path, "bad.tsv", body)
    with pytest.raises(LexiconFormatError) as info:
        Lexicon.load(path)
    assert info.value.line == line
    assert str(info.value).startswith(f"{path}:{line}: ")
    assert reason in str(info.value)
    assert isinstance(info.value, ValueError)


def test_unreadable_tables(tmp_path):
    with pytest.raises(LexiconFormatError, match="no such file"):
        Lexicon.load(tmp_path / "missing.tsv")
    gbk = _write(tmp_path, "gbk.tsv", HEADER + "机构编制\tbianzhi\t\t\t\t\t\n", encoding="gbk")
    with pytest.raises(LexiconFormatError, match=r"gbk.tsv:2: is not valid UTF-8"):
        Lexicon.load(gbk)
    empty = _write(tmp_path, "empty.tsv", "# only a comment\n")
    with pytest.raises(LexiconFormatError, match="empty"):
        Lexicon.load(empty)
    with pytest.raises(LexiconFormatError, match="different categories"):
        Lexicon.load(_write(tmp_path, "a.tsv", HEADER + "编委\tinstitution\t\t\t\t\t\n"),
                     _write(tmp_path, "b.tsv", HEADER + "编委\tbianzhi\t\t\t\t\t\n"))


def test_stopwords_are_boilerplate_not_topics():
    sw = load_stopwords()
    assert {"要", "推进", "坚持", "加强", "全面", "进一步"} <= sw
    assert not (sw & set(Lexicon.default().forms()))
    assert "编制" not in sw and "改革" not in sw


def test_fingerprint_changes_with_content():
    a = Lexicon.from_entries([("数字编办", "bianzhi")])
    b = Lexicon.from_entries([("数字编办", "bianzhi"), ("编外用工", "bianzhi")])
    assert a.fingerprint != b.fingerprint and a == Lexicon.from_entries([("数字编办", "bianzhi")])


# -- numbered formulations -----------------------------------------------------

@pytest.mark.parametrize(
    "text, expected",
    [
        ("增强“四个意识”、坚定“四个自信”、做到“两个维护”", ["四个意识", "四个自信", "两个维护"]),
        ("开展“七个一”活动，推进“三新一高”", ["七个一", "三新一高"]),  # not in the lexicon
        ("坚决做到两个维护。", ["两个维护"]),
        ("安排两个维护人员", []),
        ("当前和今后一个时期", []),
        ("四个意识形态领域", []),
        ("“十年磨一剑”", []),
        ("“一个”", []),
    ],
)
def test_find_numbered_examples(text, expected):
    assert [f.text for f in find_numbered(text)] == expected


def test_echo_of_a_quoted_formulation():
    found = find_numbered("开展“七个一”活动。七个一活动要扎实。", Lexicon.empty())
    assert [(f.text, f.how) for f in found] == [("七个一", "quoted"), ("七个一", "echo")]


def test_expansions_from_text_and_lexicon():
    t = "牢记“三个务必”，全党同志务必不忘初心、牢记使命，务必谦虚谨慎、艰苦奋斗，务必敢于斗争、善于斗争。"
    f = find_numbered(t, Lexicon.empty())[0]
    assert f.expansion == ("务必不忘初心、牢记使命", "务必谦虚谨慎、艰苦奋斗", "务必敢于斗争、善于斗争")
    assert f.expansion_source == "text"
    f = find_numbered("增强政治意识、大局意识、核心意识、看齐意识，即“四个意识”。", Lexicon.empty())[0]
    assert f.expansion == ("政治意识", "大局意识", "核心意识", "看齐意识")
    f = find_numbered("增强“四个意识”。")[0]
    assert f.expansion_source == "lexicon" and len(f.expansion) == 4


def test_is_numbered_shape():
    assert is_numbered("三严三实") and is_numbered("五位一体") and is_numbered("三农")
    assert not is_numbered("一个中国原则") and not is_numbered("三年") and not is_numbered("机构编制")


def test_numbered_precision_recall_against_gold(shared_dir):
    """Gold: tests/data/numbered_gold.tsv, built by reading the shared corpora.

    A detected occurrence matches a gold occurrence of the same file when one
    string contains the other (中央八项规定精神 ⊇ 八项规定)."""
    gold: Counter = Counter()
    with open(DATA / "numbered_gold.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            gold[(row["file"], row["term"])] += int(row["count"])
    tp = n_pred = 0
    misses, extras = [], []
    for path in sorted(shared_dir.glob("*.txt")):
        preds = Counter(f.text for f in find_numbered(normalize(path.read_text(encoding="utf-8"))))
        n_pred += sum(preds.values())
        for (file, g), c in sorted(gold.items()):
            if file != path.stem:
                continue
            m = 0
            for p in sorted(preds):
                if preds[p] and (g in p or p in g):
                    take = min(preds[p], c - m)
                    preds[p] -= take
                    m += take
            tp += m
            if m < c:
                misses.append((file, g, c - m))
        extras += [(path.stem, p, c) for p, c in preds.items() if c]
    precision, recall = tp / n_pred, tp / sum(gold.values())
    print(f"\nnumbered formulations: precision {precision:.3f} recall {recall:.3f} "
          f"({tp} matched, {n_pred} detected, {sum(gold.values())} in gold)")
    print("missed:", misses)
    print("extra:", extras)
    assert precision >= 0.95 and recall >= 0.9


def test_negatives_are_not_formulations():
    lines = [ln.strip() for ln in (DATA / "numbered_negatives.txt").read_text(encoding="utf-8").splitlines()]
    negatives = [ln for ln in lines if ln and not ln.startswith("#")]
    assert len(negatives) >= 40
    hits = {n: [f.text for f in find_numbered(n)] for n in negatives}
    assert {n: h for n, h in hits.items() if h} == {}


# -- terms that could never match (issue 18, item 13) ---------------------------------

@pytest.mark.parametrize(
    "row, reason",
    [
        ("两个确立。四个意识\tnumbered", "term '两个确立。四个意识' contains '。', which ends a sentence"),
        ("坚定信心！\taction", "contains '！', which ends a sentence"),
        ("\u200b\u200b\tconcept", "is empty once normalised"),
        ("\x07\tconcept", "is empty once normalised"),
        ("「两个确立」\tnumbered", "never occurs in normalised text, which writes it '“两个确立”': write that instead"),
        ("２０２２年工作要点\tdocument", "writes it '2022年工作要点'"),
        ("党的  二十大\tmeeting", "writes it '党的 二十大'"),
        ("的\tconcept", "term '的' is a single function word"),
        ("和\tconcept", "is a single function word"),
        ("机构编制\tbianzhi\t编制。", "alias of '机构编制' '编制。' contains '。'"),
        ("机构编制\tbianzhi\t与", "alias of '机构编制' '与' is a single function word"),
    ],
)
def test_terms_that_can_never_match_are_refused_with_file_and_line(tmp_path, row, reason):
    cells = row.split("\t")
    line = "\t".join(cells + [""] * (7 - len(cells)))
    path = _write(tmp_path, "mine.tsv", HEADER + "数字编办\tbianzhi\t\t\t\t\t\n" + line + "\n")
    with pytest.raises(LexiconFormatError) as info:
        Lexicon.load(path)
    assert info.value.line == 3 and str(info.value).startswith(f"{path}:3: ")
    assert reason in str(info.value)
    with pytest.raises(LexiconFormatError, match="mine.tsv:3: "):
        pt.Tokenizer(lexicon=path)


def test_the_shipped_lexicon_has_no_unmatchable_form():
    from policytext.tokens.lexicon import FUNCTION_WORDS, unmatchable

    assert {"的", "和"} <= FUNCTION_WORDS
    assert {f: unmatchable(f) for e in Lexicon.default() for f in e.forms if unmatchable(f)} == {}
    # single characters that are not function words, and inner punctuation, stay allowed
    assert unmatchable("党") is None and unmatchable("“三定”规定") is None and unmatchable("G20峰会") is None
