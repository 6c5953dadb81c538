"""Tests of policytext.analysis.idf: the IDF table (reading, building, writing) and scripts/build_idf.py.

Split from tests/test_keyterms.py when the IDF table moved to its own module (issue 14)."""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import pytest

import policytext as pt
from policytext.analysis.idf import IdfLookup, idf_lookup, idf_table, load_idf, write_idf
from policytext.errors import InvalidParameterError

REPO = Path(__file__).resolve().parent.parent


def test_shipped_idf_table_is_statistics_with_documented_header():
    path = REPO / "lexicons" / "idf.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = [ln for ln in lines if ln.startswith("#")]
    assert any("Pseudo-documents: paragraphs" in ln for ln in header)
    assert any("Median idf" in ln for ln in header)
    rows = [ln.split("\t") for ln in lines if ln and not ln.startswith("#")][1:]
    assert len(rows) > 1000 and all(len(r) == 3 for r in rows)
    assert all(float(r[1]) >= 0 and int(r[2]) >= 2 for r in rows)
    # statistics only: no row is a sentence; long rows are lexicon terms
    forms = pt.Lexicon.default().forms()
    assert not [r[0] for r in rows if any(p in r[0] for p in "。！？；")]
    assert not [r[0] for r in rows if len(r[0]) > 8 and r[0] not in forms.values() and r[0] not in forms]
    idf = load_idf()
    assert idf["机构改革"] > idf["改革"] > idf["发展"] > idf["的"]


def test_idf_table_units():
    docs = [pt.parse("一、甲\n机构改革。编制资源。\n编制资源。\n二、乙\n机构改革。")]
    for unit, n in [("paragraph", 3), ("section", 2), ("document", 1)]:
        table, got = idf_table(docs, unit=unit, min_df=1)
        assert got == n
    table, _ = idf_table(docs, unit="paragraph", min_df=1)
    assert table["编制资源"] == (pytest.approx(__import__("math").log(3 / 2)), 2)
    with pytest.raises(InvalidParameterError, match="Available names"):
        idf_table(docs, unit="sentence")


def test_build_idf_script(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("一、甲\n深化机构改革。\n优化编制资源。\n", encoding="utf-8")
    (corpus / "b.txt").write_text("深化机构改革，优化编制资源。\n加强干部队伍建设。\n", encoding="utf-8")
    out = tmp_path / "idf.tsv"
    proc = subprocess.run([sys.executable, str(REPO / "scripts" / "build_idf.py"), str(corpus), "-o", str(out)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    table = load_idf(out)
    assert "编制资源" in table and "加强" not in table  # df 1 < min_df
    assert out.read_text(encoding="utf-8").startswith("# policytext IDF table")
    empty = tmp_path / "empty"
    empty.mkdir()
    proc = subprocess.run([sys.executable, str(REPO / "scripts" / "build_idf.py"), str(empty), "-o", str(out)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1 and "no documents" in proc.stderr

# -- added with the split (issue 14) ----------------------------------------------------------------


@pytest.mark.parametrize("bad", [3, 2.5, ["改革"], b"idf.tsv"])
def test_load_idf_rejects_other_types(bad):
    with pytest.raises(InvalidParameterError, match=r"'idf' parameter of load_idf must be a path"):
        load_idf(bad)


def test_lookup_defaults_to_the_median_and_caches_file_tables(tmp_path):
    lookup = idf_lookup({"甲": 1.0, "乙": 3.0, "丙": 8.0})
    assert isinstance(lookup, IdfLookup) and lookup("乙") == 3.0 and lookup("丁") == 3.0
    assert idf_lookup({})("丁") == 1.0
    assert idf_lookup() is idf_lookup("default") is idf_lookup(None)
    path = tmp_path / "t.tsv"
    path.write_text("term\tidf\tdf\n甲\t2\t3\n乙\t4\t2\n", encoding="utf-8")
    assert idf_lookup(path) is idf_lookup(str(path))
    assert idf_lookup(path).table == {"甲": 2.0, "乙": 4.0} and idf_lookup(path).default == 3.0


def test_write_idf_round_trip_sorted_by_idf_then_term(tmp_path):
    table, n = idf_table([pt.parse("一、甲\n机构改革。编制资源。\n编制资源。\n二、乙\n机构改革。编制资源。")], min_df=1)
    out = tmp_path / "idf.tsv"
    write_idf(table, out, header=["first", "second"])
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[:3] == ["# first", "# second", "term\tidf\tdf"]
    rows = [ln.split("\t") for ln in lines[3:]]
    assert [(float(r[1]), r[0]) for r in rows] == sorted((float(r[1]), r[0]) for r in rows)
    assert load_idf(out) == {w: round(v, 4) for w, (v, _) in table.items()}


def test_idf_table_reads_a_path_like_every_analysis(tmp_path):
    """Items go through text.loading.as_document: a path is read, not counted as the words of its name."""
    text = "机构改革。\n编制资源。\n机构改革和编制资源。"
    path = tmp_path / "notice.txt"
    path.write_text(text, encoding="utf-8")
    expected = idf_table([text], min_df=1)
    assert idf_table([str(path)], min_df=1) == idf_table([path], min_df=1) == expected
    assert idf_table(["", "   "], min_df=1) == ({}, 0)
    with pytest.raises(InvalidParameterError, match="'doc' parameter of idf_table"):
        idf_table([3])


@pytest.mark.parametrize("bad", [{"min_df": 0}, {"min_df": True}, {"min_df": 1.0}, {"unit": 3}])
def test_idf_table_options_are_validated(bad):
    with pytest.raises(InvalidParameterError, match="parameter of idf_table"):
        idf_table(["机构改革。"], **bad)


def test_keyterms_reexports_the_idf_names():
    from policytext.analysis import idf, keyterms

    for name in ("load_idf", "idf_table", "write_idf", "IdfLike"):
        assert getattr(keyterms, name) is getattr(idf, name), name
    assert math.isclose(idf_table(["机构改革。\n机构改革。\n编制。"], min_df=2)[0]["机构改革"][0], math.log(3 / 2))


# -- issue 16: the genre background (lexicons/idf_background.tsv, scripts/build_background.py) ---------------


def test_shipped_background_is_statistics_with_documented_header():
    path = REPO / "lexicons" / "idf_background.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = [ln for ln in lines if ln.startswith("#")]
    assert any("news items" in ln and "xwlb" in ln for ln in header)
    assert any(ln.startswith("# Default idf:") for ln in header) and any("Median idf" in ln for ln in header)
    rows = [ln.split("\t") for ln in lines if ln and not ln.startswith("#")][1:]
    assert 10_000 < len(rows) < 60_000 and all(len(r) == 3 for r in rows)  # a reasonable size: df >= 20
    assert all(float(r[1]) >= 0 and int(r[2]) >= 20 for r in rows)
    forms = pt.Lexicon.default().forms()
    assert not [r[0] for r in rows if any(p in r[0] for p in "。！？；")]
    assert not [r[0] for r in rows if len(r[0]) > 8 and r[0] not in forms.values() and r[0] not in forms]


def test_background_by_name_and_its_declared_default():
    bg = idf_lookup("background")
    assert bg is idf_lookup("background") and bg is not idf_lookup()
    declared = next(float(ln.split(":")[1].split()[0]) for ln in (REPO / "lexicons" / "idf_background.tsv")
                    .read_text(encoding="utf-8").splitlines() if ln.startswith("# Default idf:"))
    assert bg.default == pytest.approx(declared) and bg("一个不在表中的词") == bg.default
    assert load_idf("background") == dict(bg.table)
    # meeting-report verbs are everyday news words: far less specific than the topics they frame
    assert max(bg("主持"), bg("召开"), bg("会议")) < bg("粮食安全") < bg.default


def test_header_default_is_read_and_checked(tmp_path):
    good = tmp_path / "good.tsv"
    good.write_text("# Default idf: 9.5 (ln(N / 5))\nterm\tidf\tdf\n甲\t1.0\t9\n乙\t3.0\t5\n", encoding="utf-8")
    assert idf_lookup(good).default == 9.5 and idf_lookup(good)("丙") == 9.5
    bad = tmp_path / "bad.tsv"
    bad.write_text("# Default idf: many\nterm\tidf\tdf\n甲\t1.0\t9\n", encoding="utf-8")
    from policytext.errors import InputError

    with pytest.raises(InputError, match="bad default idf"):
        idf_lookup(bad)


def _build_background():
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_background", REPO / "scripts" / "build_background.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_news_items_are_blocks_between_blank_lines():
    bb = _build_background()
    assert list(bb.news_items("标题一\n正文。\n\n标题二\n正文二。\n\n\n")) == ["标题一\n正文。", "标题二\n正文二。"]
    assert list(bb.news_items("\r\n\r\n")) == []
    assert bb.keep("机构改革", 5, 5, set()) and not bb.keep("机构改革", 4, 5, set())
    assert not bb.keep("一二三四五六七八九", 9, 5, set()) and bb.keep("一二三四五六七八九", 9, 5, {"一二三四五六七八九"})


def test_build_background_script(tmp_path):
    news = tmp_path / "news" / "2020"
    news.mkdir(parents=True)
    (news / "20200101.txt").write_text("会议召开\n会议研究粮食安全。会议强调。\n\n粮食丰收\n粮食安全有保障。\n",
                                       encoding="utf-8")
    (news / "20200102.txt").write_text("会议召开\n会议传达精神。\n", encoding="utf-8")
    policy = tmp_path / "policy"
    policy.mkdir()
    (policy / "a.txt").write_text("一、总体\n保障粮食安全。\n深化机构改革。\n", encoding="utf-8")
    out = tmp_path / "bg.tsv"
    proc = subprocess.run([sys.executable, str(REPO / "scripts" / "build_background.py"), "--xwlb",
                           str(tmp_path / "news"), "--policy", str(policy), "-o", str(out), "--min-df", "2"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    rows = {ln.split("\t")[0]: ln.split("\t") for ln in out.read_text(encoding="utf-8").splitlines()
            if ln and not ln.startswith("#")}
    n = 3 + 2  # three news items, two body paragraphs
    assert rows["会议"][2] == "2"  # once per item (three times in the first), however often the item says it
    assert rows["粮食安全"][2] == "3" and float(rows["粮食安全"][1]) == pytest.approx(math.log(n / 3), abs=1e-4)
    assert "深化机构改革" not in rows and "粮食" not in rows  # df 1 < 2
    assert idf_lookup(out).default == pytest.approx(math.log(n / 2), abs=1e-4)
    empty = tmp_path / "empty"
    empty.mkdir()
    proc = subprocess.run([sys.executable, str(REPO / "scripts" / "build_background.py"), "--xwlb", str(empty),
                           "--policy", str(empty), "-o", str(tmp_path / "x.tsv")], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 1 and "no news items" in proc.stderr
