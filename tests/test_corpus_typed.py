"""Issue 18, item 5: pandas users get typed metadata and can write a sparse term table to Parquet.

``Corpus.metadata`` has typed columns (``datetime64`` dates, ``Int64`` counts,
``string`` texts, ``pd.NA`` for missing values); a sparse
``term_frequencies`` table, which ``DataFrame.to_parquet`` refuses, goes to
Parquet through ``render.tables.to_parquet`` and ``pt.write`` without a dense
pandas copy.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest

import policytext as pt
from policytext.corpus.corpus import Corpus
from policytext.corpus.metadata import TEXT_COLUMNS, metadata_frame
from policytext.render.tables import to_csv, to_parquet

TEXTS = ["要坚持党的全面领导，深化党和国家机构改革。", "要推进机构编制法定化。", "要学习党的二十大精神。"]


@pytest.fixture
def typed_corpus(tmp_path):
    """Three documents and a metadata table as a user writes it (all cells text, some empty)."""
    for name, text in zip("abc", TEXTS):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    (tmp_path / "metadata.tsv").write_text(
        "file\ttitle\tkind\tdate\tchars\tscore\tcode\tnote\n"
        "a.txt\t国务院关于某事的通知\tnotice\t2024-07-18\t5120\t0.5\t007\tx\n"
        "b.txt\t\t\t2022\t\t1.25\t12\t\n"
        "c.txt\t中共中央关于某事的决定\t\t2023年5月\t32773\t\t13\t3\n", encoding="utf-8")
    return Corpus.from_folder(tmp_path, order="given")


def test_metadata_columns_are_typed(typed_corpus):
    meta = typed_corpus.metadata
    types = meta.dtypes.astype(str).to_dict()
    assert types["date"] == "datetime64[us]"
    assert {c: types[c] for c in ("title", "kind", "path", "kind_raw", "date_raw")} == dict.fromkeys(
        ("title", "kind", "path", "kind_raw", "date_raw"), "string")
    assert types["chars"] == "Int64" and types["score"] == "Float64"
    assert types["code"] == "string"  # "007" is an identifier, not the number 7
    assert types["note"] == "string"  # "x" and "3": one text makes the column text, values unchanged
    assert meta["date"].tolist() == [pd.Timestamp("2024-07-18"), pd.Timestamp("2022-01-01"), pd.Timestamp("2023-05-01")]
    assert meta["date_precision"].tolist() == ["day", "year", "month"]
    assert meta["chars"].tolist() == [5120, pd.NA, 32773] and int(meta["chars"].sum()) == 37893
    assert meta["score"].tolist() == [0.5, 1.25, pd.NA]
    assert meta["code"].tolist() == ["007", "12", "13"] and meta["note"].tolist() == ["x", pd.NA, "3"]
    assert meta.loc["b", "title"] is pd.NA and meta.loc["b", "kind"] is pd.NA  # NA, not "" or None
    assert not (meta.select_dtypes("string") == "").any().any()
    assert meta["date"].dt.year.tolist() == [2024, 2022, 2023]  # the .dt accessor works on the column
    assert typed_corpus["a"].metadata["date"] == "2024-07-18"  # documents keep ISO texts


def test_metadata_of_shared_manifest_is_typed(shared_corpus_meta, shared_dir):
    meta = shared_corpus_meta
    manifest = pd.read_csv(shared_dir / "MANIFEST.tsv", sep="\t", dtype=str)
    assert meta["chars"].dtype == "Int64"
    by_file = dict(zip(manifest["file"].str.removesuffix(".txt"), manifest["chars"].astype(int)))
    assert meta["chars"].to_dict() == by_file
    assert meta["date"].dtype == "datetime64[us]" and meta["date"].notna().all()
    assert set(meta.columns) & set(TEXT_COLUMNS) <= set(meta.select_dtypes("string").columns)
    assert meta.sort_values("date").index.tolist() == meta.index.tolist()  # corpus order is date order


@pytest.fixture
def shared_corpus_meta(shared_dir):
    return Corpus.from_folder(shared_dir).metadata


def test_value_kinds_from_python_objects():
    rows = [{"flag": True, "n": 3, "x": 1.5, "mixed": 1, "when": dt.date(2020, 1, 2), "big": 2**70 + 1},
            {"flag": False, "n": None, "x": 2, "mixed": "A", "big": 1},
            {}]
    frame = metadata_frame(rows, ["flag", "n", "x", "mixed", "when", "big"], ["a", "b", "c"])
    assert frame.dtypes.astype(str).tolist() == ["boolean", "Int64", "Float64", "object", "object", "object"]
    assert frame["mixed"].tolist() == [1, "A", pd.NA] and frame["big"].tolist() == [2**70 + 1, 1, pd.NA]
    assert frame.index.name == "document"
    floats = metadata_frame([{"v": 3}, {"v": "0.25"}, {"v": str(2**53 + 1)}], ["v"], ["a", "b", "c"])
    assert floats["v"].dtype == object  # 2**53 + 1 is not a float: nothing is rounded on the way
    assert metadata_frame([{"v": 3}, {"v": "0.25"}], ["v"], ["a", "b"])["v"].tolist() == [3.0, 0.25]
    empty = Corpus([]).metadata
    assert len(empty) == 0 and empty["date"].dtype == "datetime64[us]" and empty["title"].dtype == "string"


def test_subset_with_a_nullable_mask():
    corpus = Corpus(TEXTS, metadata=[{"kind": "公报"}, {}, {"kind": "决定"}])
    mask = corpus.metadata["kind"] == "公报"
    assert mask.tolist() == [True, pd.NA, False]  # a document without a kind
    assert corpus.subset(mask).names == ["doc0"]
    assert corpus.subset(corpus.metadata["kind"] != "公报").names == ["doc2"]
    assert corpus.subset(pd.array([pd.NA, pd.NA, pd.NA], dtype="boolean")).names == []


def test_typed_metadata_through_parquet_and_csv(typed_corpus, tmp_path):
    pytest.importorskip("pyarrow")
    meta = typed_corpus.metadata
    back = pd.read_parquet(to_parquet(meta, tmp_path / "meta.parquet"))
    assert back.dtypes.astype(str).to_dict() == meta.dtypes.astype(str).to_dict()
    assert back.equals(meta)
    lines = to_csv(meta, tmp_path / "meta.csv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    row_b = dict(zip(header, lines[2].split(",")))
    assert row_b["date"] == "2022-01-01" and row_b["date_precision"] == "year" and row_b["chars"] == ""
    assert dict(zip(header, lines[1].split(",")))["date"] == "2024-07-18"


def test_mixed_object_column_goes_to_parquet_as_text(tmp_path):
    pytest.importorskip("pyarrow")
    corpus = Corpus(TEXTS[:2], metadata=[{"code": 1}, {"code": "A"}])
    assert corpus.metadata["code"].dtype == object
    back = pd.read_parquet(to_parquet(corpus.metadata, tmp_path / "m.parquet"))
    assert back["code"].tolist() == ["1", "A"]


# -- a sparse term table to Parquet ------------------------------------------------------------------------


def test_sparse_term_table_to_parquet_through_the_ordinary_path(tmp_path):
    pytest.importorskip("pyarrow")
    corpus = Corpus(TEXTS)
    sparse = corpus.term_frequencies(sparse=True)
    dense = corpus.term_frequencies(sparse=False)
    assert all(isinstance(t, pd.SparseDtype) for t in sparse.dtypes)
    for path in (to_parquet(sparse, tmp_path / "tf.parquet"), pt.write(sparse, tmp_path / "pt.parquet")):
        back = pd.read_parquet(path)
        assert back.equals(dense)
        assert back.index.name == "document" and back.columns.name == "term"
        assert set(back.dtypes.astype(str)) == {"int64"}
    # partly sparse, non-zero fill values and empty tables take the dense way and give the same file content
    mixed = sparse.astype({sparse.columns[0]: "int64"})
    assert pd.read_parquet(to_parquet(mixed, tmp_path / "m.parquet")).equals(dense)
    filled = dense.astype(pd.SparseDtype("int64", 1))
    assert pd.read_parquet(to_parquet(filled, tmp_path / "f.parquet")).equals(dense)
    none = Corpus(TEXTS).term_frequencies(sparse=True, terms=[])
    assert pd.read_parquet(to_parquet(none, tmp_path / "n.parquet")).shape == (3, 0)


def test_sparse_table_in_several_row_groups(tmp_path, monkeypatch):
    pq = pytest.importorskip("pyarrow.parquet")
    from policytext.render import tables

    monkeypatch.setattr(tables, "_GROUP_CELLS", 8)  # three documents × a few terms: several groups
    texts = TEXTS * 4
    corpus = Corpus(texts)
    sparse, dense = corpus.term_frequencies(sparse=True), corpus.term_frequencies(sparse=False)
    path = to_parquet(sparse, tmp_path / "tf.parquet")
    assert pq.ParquetFile(path).num_row_groups > 1
    assert pd.read_parquet(path).equals(dense)


_MEMORY_PROBE = textwrap.dedent("""
    import sys
    import numpy as np, pandas as pd, pyarrow, pyarrow.parquet
    from scipy import sparse
    from policytext.render.tables import to_parquet

    def peak_kib():
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1])

    n, m, k = 4000, 5000, 200_000
    rng = np.random.default_rng(0)
    matrix = sparse.coo_matrix((rng.integers(1, 5, k), (rng.integers(0, n, k), rng.integers(0, m, k))),
                               shape=(n, m), dtype=np.int64).tocsc()
    tf = pd.DataFrame.sparse.from_spmatrix(matrix, index=pd.Index([f"d{i}" for i in range(n)], name="document"),
                                           columns=pd.Index([f"t{j}" for j in range(m)], name="term"))
    with open("/proc/self/clear_refs", "w") as fh:
        fh.write("5")  # reset the peak (VmHWM) to the current resident size
    before = peak_kib()
    to_parquet(tf, sys.argv[1])
    print((peak_kib() - before) * 1024 / (n * m * 8))
""")


@pytest.mark.skipif(not Path("/proc/self/clear_refs").exists(), reason="needs Linux /proc to reset the peak")
def test_sparse_parquet_needs_no_dense_pandas_copy(tmp_path):
    """Peak memory of writing a 4000 × 5000 sparse table stays below one dense copy (it was 2.1 copies)."""
    pytest.importorskip("pyarrow")
    out = tmp_path / "big.parquet"
    proc = subprocess.run([sys.executable, "-c", _MEMORY_PROBE, str(out)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    ratio = float(proc.stdout.strip())
    print(f"\npeak memory of to_parquet on a sparse 4000 x 5000 table: {ratio:.2f} x the dense table")
    assert ratio < 1.0  # 0.6 with row groups made from the sparse matrix; 2.1 with a dense copy
    assert pd.read_parquet(out, columns=["t0"]).shape == (4000, 1)
