"""Tables written as .tsv through ``pt.write`` (session 8, task F4; user audit U8 item 10).

``policytext corpus … -o x.tsv`` wrote TSV while ``pt.write(table, "x.tsv")`` was refused: every
writer of a table now takes ``.csv``, ``.tsv`` and ``.parquet``. A TSV file is tab-separated and quoted
by the same rules as the CSV (a cell holding the separator, a quote or a line break is quoted; formula
text gets a leading ``'``), so that it reads back to the same table.
"""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import policytext as pt
from policytext.errors import InvalidParameterError
from policytext.render.output import SUFFIXES
from policytext.render.tables import escape_formula


def _read(path, sep):
    return pd.read_csv(path, sep=sep, index_col=0, keep_default_na=False, dtype=str)


def test_write_takes_tsv_for_a_table(tmp_path):
    tf = pd.DataFrame({"党的建设": [2, 0], "法定化": [0, 1]}, index=pd.Index(["a", "b"], name="document"))
    out = pt.write(tf, tmp_path / "tf.tsv")
    assert out == tmp_path / "tf.tsv"
    assert out.read_text(encoding="utf-8").splitlines() == ["document\t党的建设\t法定化", "a\t2\t0", "b\t0\t1"]
    assert pt.write(tf, tmp_path / "TF.TSV").read_text(encoding="utf-8") == out.read_text(encoding="utf-8")
    long = pt.write(tf, tmp_path / "long.tsv", long=True).read_text(encoding="utf-8").splitlines()
    assert long == ["document\tterm\tcount", "a\t党的建设\t2", "b\t法定化\t1"]
    assert ".tsv" in SUFFIXES["DataFrame"]


def test_write_still_refuses_other_suffixes_and_names_tsv(tmp_path):
    tf = pd.DataFrame({"x": [1]})
    with pytest.raises(InvalidParameterError, match=r"Available names: \.csv, \.parquet, \.tsv"):
        pt.write(tf, tmp_path / "tf.xlsx")


def test_a_sparse_term_table_is_written_dense(tmp_path):
    frame = pd.DataFrame({"name": ["a", "b"], "text": ["要推进机构编制法定化。", "要发展新质生产力，推进高质量发展。"]})
    corpus = pt.Corpus.from_frame(frame)
    tf = corpus.term_frequencies(sparse=True)
    back = pd.read_csv(pt.write(tf, tmp_path / "tf.tsv"), sep="\t", index_col=0)
    assert back.to_numpy().tolist() == tf.sparse.to_dense().to_numpy().tolist()
    assert list(back.columns) == list(tf.columns)


_CELL = st.text(alphabet=st.sampled_from(list("党建改革\t\n\r,\"'=+-@ 　;、") + ["“", "”"]), max_size=8)


@settings(max_examples=80, deadline=None)
@given(cells=st.lists(st.tuples(_CELL, _CELL), min_size=1, max_size=5))
def test_tsv_reads_back_as_the_csv_does(tmp_path_factory, cells):
    d = tmp_path_factory.mktemp("tsv")
    frame = pd.DataFrame({"title": [a for a, _ in cells], "term": [b for _, b in cells]},
                         index=pd.Index([f"doc{i}" for i in range(len(cells))], name="document"))
    tsv, csv = pt.write(frame, d / "t.tsv"), pt.write(frame, d / "t.csv")
    assert "\t" in tsv.read_text(encoding="utf-8").splitlines()[0]
    back_tsv, back_csv = _read(tsv, "\t"), _read(csv, ",")
    # the same quoting rules: both read back to the same table, formula text escaped alike
    pd.testing.assert_frame_equal(back_tsv, back_csv)
    pd.testing.assert_frame_equal(back_tsv, frame.map(escape_formula).astype(str))  # cells as they were


def test_cli_corpus_and_api_write_the_same_tsv(tmp_path):
    from policytext import cli

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("要推进机构编制法定化。", encoding="utf-8")
    (folder / "b.txt").write_text("要发展新质生产力，推进高质量发展。", encoding="utf-8")
    assert cli.main(["corpus", str(folder), "-o", str(tmp_path / "cli.tsv"), "--processes", "1"]) == 0
    api = pt.write(pt.Corpus.from_folder(folder).term_frequencies(), tmp_path / "api.tsv")
    assert (tmp_path / "cli.tsv").read_text(encoding="utf-8") == api.read_text(encoding="utf-8")
