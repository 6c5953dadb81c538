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
