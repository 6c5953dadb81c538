"""The documents × terms table without a dense copy: ``top``, streamed CSV, long tables, the CLI's default shape.

The whole record (``../shared/xwlb``, 5,078 × 93,895) used to be written from a
dense 3.8 GB table; the figures are in ``notes/README_M9.md`` and
``benchmarks/bench_xwlb.py --table``. Here: the written files are the ones the
dense path wrote (same bytes for CSV, equal tables read back for Parquet), and
memory follows a block of rows, not the table.
"""

from __future__ import annotations

import argparse
import os
import tracemalloc
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import sparse as sp

import policytext as pt
from policytext.cli import corpus as corpus_cli
from policytext.corpus.analyses import collect_rows, term_frame
from policytext.render import tables
from policytext.render.tables import to_csv, to_parquet

REPO = Path(__file__).resolve().parent.parent
XWLB = Path(os.environ.get("POLICYTEXT_XWLB", REPO.parent / "shared" / "xwlb"))

LABEL = st.text(alphabet=st.sampled_from(list("党建法定化=+-@ ,\"'\r\nab1")), min_size=1, max_size=6)


def _sparse(values: np.ndarray, index: list[str], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame.sparse.from_spmatrix(sp.csc_matrix(values), index=pd.Index(index, name="document"),
                                             columns=pd.Index(columns, name="term"))


def _dense_long(frame: pd.DataFrame) -> pd.DataFrame:
    """The long table as the dense path made it (row-major non-zero cells)."""
    values = frame.to_numpy(dtype=np.int64)
    rows, cols = np.nonzero(values)
    return pd.DataFrame({"document": np.asarray(frame.index, dtype=object)[rows],
                         "term": np.asarray(frame.columns, dtype=object)[cols],
                         "count": values[rows, cols].astype(np.int64)})


@st.composite
def tables_(draw: st.DrawFn) -> tuple[np.ndarray, list[str], list[str]]:
    n = draw(st.integers(1, 7))
    m = draw(st.integers(1, 6))
    index = draw(st.lists(LABEL, min_size=n, max_size=n, unique=True))
    columns = draw(st.lists(LABEL, min_size=m, max_size=m, unique=True))
    cells = draw(st.lists(st.sampled_from([0, 0, 0, 1, 2, 17]), min_size=n * m, max_size=n * m))
    return np.array(cells, dtype=np.int64).reshape(n, m), index, columns


# -- writing ----------------------------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=tables_(), escape=st.booleans(), block=st.sampled_from([1, 2, 3, 2**22]))
def test_sparse_csv_is_the_dense_csv_byte_for_byte(table, escape, block, tmp_path, monkeypatch):
    values, index, columns = table
    monkeypatch.setattr(tables, "_GROUP_CELLS", block * values.shape[1])  # `block` rows a block
    dense = pd.DataFrame(values, index=pd.Index(index, name="document"), columns=pd.Index(columns, name="term"))
    for suffix in (".csv", ".tsv"):
        a = to_csv(_sparse(values, index, columns), tmp_path / f"s{suffix}", escape_formulas=escape).read_bytes()
        b = to_csv(dense, tmp_path / f"d{suffix}", escape_formulas=escape).read_bytes()
        assert a == b


@settings(max_examples=60, deadline=None)
@given(table=tables_())
def test_long_from_sparse_equals_long_from_dense(table):
    values, index, columns = table
    got = tables._long(_sparse(values, index, columns))
    dense = pd.DataFrame(values, index=pd.Index(index, name="document"), columns=columns)
    pd.testing.assert_frame_equal(got, _dense_long(dense))
    pd.testing.assert_frame_equal(tables._long(dense), _dense_long(dense))


def test_sparse_csv_holds_a_block_not_the_table(tmp_path, monkeypatch):
    rng = np.random.default_rng(0)
    n, m = 1500, 2000  # 3M cells: 23 MB dense
    matrix = sp.random(n, m, density=0.01, format="csc", random_state=rng, data_rvs=lambda k: rng.integers(1, 9, k))
    frame = _sparse(matrix.astype(np.int64).toarray(), [f"d{i}" for i in range(n)], [f"t{j}" for j in range(m)])
    monkeypatch.setattr(tables, "_GROUP_CELLS", 2**16)  # 0.5 MB blocks (the peak is pandas' CSV writer)
    tracemalloc.start()
    try:
        to_csv(frame, tmp_path / "tf.csv")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    dense_bytes = n * m * 8
    assert peak < dense_bytes / 2, f"peak {peak / 2**20:.1f} MB for a {dense_bytes / 2**20:.1f} MB dense table"
    back = pd.read_csv(tmp_path / "tf.csv", index_col=0)
    assert back.shape == (n, m) and int(back.to_numpy().sum()) == int(matrix.sum())


def test_parquet_long_of_a_sparse_table_reads_back_equal(tmp_path):
    pytest.importorskip("pyarrow")
    values = np.array([[0, 3, 1], [0, 0, 0], [2, 0, 5]], dtype=np.int64)
    frame = _sparse(values, ["a", "b", "c"], ["党建", "法定化", "x"])
    back = pd.read_parquet(to_parquet(frame, tmp_path / "tf.parquet", long=True))
    pd.testing.assert_frame_equal(back, _dense_long(frame))


# -- top ------------------------------------------------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(counts=st.lists(st.dictionaries(st.sampled_from(list("abcdefg")), st.integers(1, 5), max_size=5),
                       min_size=1, max_size=5),
       top=st.integers(1, 8), min_count=st.integers(1, 4), sparse=st.booleans())
def test_top_is_the_first_columns_of_the_whole_table(counts, top, min_count, sparse):
    def rows():
        return collect_rows((f"d{i}", Counter(c)) for i, c in enumerate(counts))

    whole = term_frame(rows(), min_count=min_count, sparse=sparse)
    pd.testing.assert_frame_equal(term_frame(rows(), min_count=min_count, sparse=sparse, top=top),
                                  whole.iloc[:, :top])


def test_term_frequencies_top():
    corpus = pt.Corpus(["要坚持党的全面领导，深化党和国家机构改革。", "要推进机构编制法定化，深化党和国家机构改革。"])
    whole = corpus.term_frequencies()
    pd.testing.assert_frame_equal(corpus.term_frequencies(top=2), whole.iloc[:, :2])
    with pytest.raises(pt.errors.InvalidParameterError, match="top"):
        corpus.term_frequencies(top=0)


# -- the CLI ----------------------------------------------------------------------------------------------------


def _cli(argv):
    parser = argparse.ArgumentParser(prog="policytext")
    corpus_cli.add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    return args.func(args)


@pytest.fixture()
def folder(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for i, text in enumerate(["要坚持党的全面领导，深化党和国家机构改革。", "要推进机构编制法定化，深化党和国家机构改革。",
                              "要推进机构编制法定化。"]):
        (docs / f"20240{i + 1}01.txt").write_text(text, encoding="utf-8")
    return docs


def test_cli_large_table_is_long_by_default_and_wide_on_request(folder, tmp_path, capsys, monkeypatch):
    pytest.importorskip("pyarrow")
    assert _cli(["corpus", str(folder), "-o", str(tmp_path / "w.parquet"), "--processes", "1"]) == 0
    wide = pd.read_parquet(tmp_path / "w.parquet")
    assert "note" not in capsys.readouterr().err
    monkeypatch.setattr(corpus_cli, "WIDE_CELLS", wide.size - 1)
    assert _cli(["corpus", str(folder), "-o", str(tmp_path / "l.parquet"), "--processes", "1"]) == 0
    err = capsys.readouterr().err
    assert "written long" in err and "--wide" in err
    long = pd.read_parquet(tmp_path / "l.parquet")
    pd.testing.assert_frame_equal(long, _dense_long(wide))
    assert _cli(["corpus", str(folder), "-o", str(tmp_path / "w2.parquet"), "--processes", "1", "--wide"]) == 0
    assert "note" not in capsys.readouterr().err
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "w2.parquet"), wide)
    assert _cli(["corpus", str(folder), "-o", str(tmp_path / "t.csv"), "--processes", "1", "--top-terms", "2"]) == 0
    assert pd.read_csv(tmp_path / "t.csv", index_col=0).columns.tolist() == wide.columns[:2].tolist()
    with pytest.raises(SystemExit):
        _cli(["corpus", str(folder), "-o", str(tmp_path / "x.csv"), "--long", "--wide"])


def test_cli_says_what_it_does_on_a_long_run(folder, tmp_path, capsys, monkeypatch):
    assert _cli(["corpus", str(folder), "-o", str(tmp_path / "a.csv"), "--processes", "1"]) == 0
    assert capsys.readouterr().err == ""  # a small run stays quiet
    monkeypatch.setattr(corpus_cli, "REPORT_BYTES", 1)
    assert _cli(["corpus", str(folder), "-o", str(tmp_path / "b.csv"), "--processes", "1"]) == 0
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert lines[0].startswith("policytext corpus: counting the terms of 3 documents")
    assert "documents: 3/3" in lines  # stderr is not a terminal here: plain lines, no bar
    assert any(line.startswith("policytext corpus: 3 documents × ") and "writing" in line for line in lines)
    assert lines[-1].startswith("policytext corpus: done in")
    assert "3 documents × " in captured.out
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()


# -- a month of the dated record ------------------------------------------------------------------------------


def test_a_month_of_the_record_reads_back_equal(tmp_path):
    pytest.importorskip("pyarrow")
    if not (XWLB / "metadata.tsv").is_file():
        pytest.skip(f"the dated record (xwlb) not found at {XWLB} (set POLICYTEXT_XWLB)")
    corpus = pt.Corpus.from_folder(XWLB, pattern="2016/201603*.txt")
    if len(corpus) < 20:
        pytest.skip("fewer than 20 days of 2016-03 in the record")
    tf = corpus.term_frequencies(sparse=True)
    dense = tf.sparse.to_dense()
    assert to_csv(tf, tmp_path / "s.csv").read_bytes() == to_csv(dense, tmp_path / "d.csv").read_bytes()
    pd.testing.assert_frame_equal(pd.read_parquet(to_parquet(tf, tmp_path / "l.parquet", long=True)),
                                  _dense_long(dense))
    dense.to_parquet(tmp_path / "d.parquet")  # the file pandas writes from the dense table
    pd.testing.assert_frame_equal(pd.read_parquet(to_parquet(tf, tmp_path / "w.parquet")),
                                  pd.read_parquet(tmp_path / "d.parquet"))


@settings(max_examples=40, deadline=None)
@given(table=tables_(), labels=st.sampled_from(["text", "ints", "repeated"]))
def test_the_wide_parquet_schema_is_pandas_own(table, labels, tmp_path_factory):
    pa = pytest.importorskip("pyarrow")
    values, index, columns = table
    if labels == "ints":
        columns = list(range(len(columns)))
    elif labels == "repeated":
        columns = [columns[0]] * len(columns)
    frame = _sparse(values, index, columns)
    if len(set(columns)) < len(columns):  # pyarrow refuses repeated names; so does the fast path
        with pytest.raises(ValueError, match="Duplicate column names"):
            pa.Schema.from_pandas(frame.iloc[:1].sparse.to_dense(), preserve_index=True)
        with pytest.raises(ValueError, match="Duplicate column names"):
            tables._dense_schema(frame)
        return
    expected = pa.Schema.from_pandas(frame.iloc[:1].sparse.to_dense(), preserve_index=True)
    assert tables._dense_schema(frame).equals(expected, check_metadata=True)
    if labels == "text":
        out = tmp_path_factory.mktemp("pq") / "tf.parquet"
        dense = frame.sparse.to_dense()
        dense.to_parquet(out.with_name("dense.parquet"))
        pd.testing.assert_frame_equal(pd.read_parquet(to_parquet(frame, out)),
                                      pd.read_parquet(out.with_name("dense.parquet")))
