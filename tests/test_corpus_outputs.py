"""Issue 18, item 13 (corpus parts): formula cells in corpus CSVs, a bound on --processes, both tables or neither."""

from __future__ import annotations

import argparse
import csv
import errno
from pathlib import Path

import pandas as pd
import pytest

from policytext.cli import corpus as corpus_cli
from policytext.corpus._spawn import PROCESSES_PER_CPU, cpu_count, max_processes
from policytext.corpus.corpus import Corpus
from policytext.errors import InvalidParameterError, OutputError
from policytext.render.tables import FORMULA_PREFIXES, escape_formula, to_csv

HOSTILE = ["=HYPERLINK(\"http://evil.example\",\"点击\")", "+1+2", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def _cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="policytext")
    corpus_cli.add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    return args.func(args)


def _cells(path: Path) -> list[list[str]]:
    delimiter = "\t" if path.suffix == ".tsv" else ","
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh, delimiter=delimiter))


def _dangerous(rows: list[list[str]]) -> list[str]:
    return [cell for row in rows for cell in row if cell.startswith(FORMULA_PREFIXES)]


# -- formula injection ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".csv", ".tsv"])
def test_formula_cells_are_neutralised(tmp_path, suffix):
    frame = pd.DataFrame({"title": HOSTILE, "plain": ["党的建设"] * 6, "n": [-1, 2, -3, 4, 5, 6]},
                         index=pd.Index([f"{p}doc" for p in "=+-@ab"], name="document"))
    frame[HOSTILE[0]] = 1  # a column name (a term) can be hostile too
    rows = _cells(to_csv(frame, tmp_path / f"t{suffix}"))
    assert _dangerous(rows) == ["-1", "-3"]  # numbers stay numbers
    assert rows[0] == ["document", "title", "plain", "n", "'" + HOSTILE[0]]
    assert [r[1] for r in rows[1:]] == ["'" + h for h in HOSTILE]
    assert [r[0] for r in rows[1:]] == ["'=doc", "'+doc", "'-doc", "'@doc", "adoc", "bdoc"]
    assert [r[2] for r in rows[1:]] == ["党的建设"] * 6
    raw = _cells(to_csv(frame, tmp_path / f"raw{suffix}", escape_formulas=False))
    assert [r[1] for r in raw[1:]] == HOSTILE  # opting out writes the text as it is
    assert frame["title"].tolist() == HOSTILE and frame.index[0] == "=doc"  # the caller's frame is unchanged
    assert len(rows) == len(raw) == 7  # the carriage return of "\r=1" is quoted: no row is split


def test_formula_cells_in_long_tables_and_nullable_text(tmp_path):
    tf = pd.DataFrame({"=cmd|' /C calc'!A0": [2, 0], "法定化": [0, 1]}, index=pd.Index(["-a", "b"], name="document"))
    assert _cells(to_csv(tf, tmp_path / "long.csv", long=True)) == [
        ["document", "term", "count"], ["'-a", "'=cmd|' /C calc'!A0", "2"], ["b", "法定化", "1"]]
    meta = pd.DataFrame({"title": pd.array(["@x", None, "y"], dtype="string"), "o": ["=1", 3, None]})
    rows = _cells(to_csv(meta, tmp_path / "m.csv"))
    assert [r[1:] for r in rows[1:]] == [["'@x", "'=1"], ["", "3"], ["y", ""]]
    assert escape_formula(None) is None and escape_formula(-5) == -5 and escape_formula("党") == "党"


def test_cli_corpus_csvs_carry_no_formula(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "=HYPERLINK(1).txt").write_text("要推进机构编制法定化。", encoding="utf-8")
    (folder / "b.txt").write_text("要坚持党的全面领导。", encoding="utf-8")
    (folder / "metadata.csv").write_text('file,title,source\nb.txt,"=1+2","@evil"\n', encoding="utf-8")
    out = tmp_path / "t.csv"
    assert _cli(["corpus", str(folder), "-o", str(out), "--processes", "1"]) == 0
    table, meta = _cells(out), _cells(tmp_path / "t.metadata.csv")
    assert _dangerous(table) == [] and _dangerous(meta) == []
    assert "'=HYPERLINK(1)" in [r[0] for r in table]
    title, source = meta[0].index("title"), meta[0].index("source")
    assert [(r[title], r[source]) for r in meta[1:] if r[0] == "b"] == [("'=1+2", "'@evil")]


# -- an upper bound on processes ---------------------------------------------------------------------------


def test_processes_has_an_upper_bound(tmp_path, capsys):
    limit = max_processes()
    assert limit == PROCESSES_PER_CPU * cpu_count()
    never_read = Corpus([tmp_path / "never-read.txt", tmp_path / "nor-this.txt"])
    with pytest.raises(InvalidParameterError, match=f"processes={limit + 1} is more worker processes than is useful "
                                                    f"here: at most {limit}"):
        never_read.term_frequencies(processes=limit + 1)
    assert never_read.errors == []  # refused before any document was read
    (tmp_path / "a.txt").write_text("要学习。", encoding="utf-8")
    for value in (str(limit + 1), "100000", "0", "-2", "two"):
        with pytest.raises(InvalidParameterError, match=rf"'--processes' parameter of policytext corpus must be an "
                                                        rf"int in the range \[1, {limit}\] \({PROCESSES_PER_CPU} per "
                                                        rf"available CPU; {cpu_count()} available\) or 'auto'"):
            _cli(["corpus", str(tmp_path), "-o", str(tmp_path / "t.csv"), "--processes", value])
    assert not (tmp_path / "t.csv").exists()
    with pytest.raises(SystemExit):
        _cli(["corpus", "--help"])
    assert f"{PROCESSES_PER_CPU} per available CPU" in " ".join(capsys.readouterr().out.split())
    assert _cli(["corpus", str(tmp_path), "-o", str(tmp_path / "t.csv"), "--processes", "1"]) == 0


# -- both tables or neither -------------------------------------------------------------------------------


def _fail_second_write(monkeypatch):
    """pandas' CSV writer fails with a full disk on its second call (the metadata table)."""
    calls = []
    real = pd.DataFrame.to_csv

    def to_csv(self, path, *args, **kwargs):
        calls.append(path)
        if len(calls) == 2:
            Path(path).write_bytes(b"partial")
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, path, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "to_csv", to_csv)
    return calls


@pytest.fixture
def two_docs(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("要推进机构编制法定化。", encoding="utf-8")
    (folder / "b.txt").write_text("要坚持党的全面领导。", encoding="utf-8")
    return folder


def test_failed_metadata_write_leaves_no_new_table(two_docs, tmp_path, monkeypatch):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    calls = _fail_second_write(monkeypatch)
    with pytest.raises(OutputError) as info:
        _cli(["corpus", str(two_docs), "-o", str(out_dir / "t.csv"), "--processes", "1"])
    assert len(calls) == 2  # the term table was written, then the metadata table failed
    assert str(info.value) == f"-o {out_dir / 't.metadata.csv'}: No space left on device"
    assert list(out_dir.iterdir()) == []  # neither table, no temporary file


def test_failed_metadata_write_keeps_both_old_tables(two_docs, tmp_path, monkeypatch):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    (out_dir / "t.csv").write_text("OLD TABLE", encoding="utf-8")
    (out_dir / "t.metadata.csv").write_text("OLD METADATA", encoding="utf-8")
    _fail_second_write(monkeypatch)
    with pytest.raises(OutputError, match="t.metadata.csv: No space left on device"):
        _cli(["corpus", str(two_docs), "-o", str(out_dir / "t.csv"), "--processes", "1"])
    assert sorted(p.name for p in out_dir.iterdir()) == ["t.csv", "t.metadata.csv"]
    assert (out_dir / "t.csv").read_text(encoding="utf-8") == "OLD TABLE"  # the pair stays consistent
    assert (out_dir / "t.metadata.csv").read_text(encoding="utf-8") == "OLD METADATA"
