"""Tests of policytext.corpus (the Corpus: lazy loading, map in every mode, analyses), render.tables and the CLI.

The metadata schema is tested in test_corpus_metadata.py.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import subprocess
import sys
import time
import warnings
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import policytext as pt
from policytext.cli import corpus as corpus_cli
from policytext.corpus.analyses import content_terms, is_content
from policytext.corpus.corpus import Corpus, CorpusWarning, FailedDocument
from policytext.errors import (
    DecodingError,
    DocumentNotFoundError,
    EmptyDocumentError,
    InvalidParameterError,
    MissingDependencyError,
    PolicyTextError,
)
from policytext.render.tables import to_csv, to_parquet

REPO = Path(__file__).resolve().parent.parent
SMALL = ["plenum_19_1_communique.txt", "plenum_20_1_communique.txt", "plenum_20_2_communique.txt"]
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
GBK_SOUP = ("党的二十大".encode("gbk") + b"\x81\x7f\xff\x80") * 50  # no Chinese encoding decodes this


# -- helpers (module level: picklable for the process tests) ---------------------------------------


class _Probe(UserWarning):
    """Raised by _summary so the tests can see warnings travel back from workers."""


def _summary(doc: pt.Document, tokenizer: pt.Tokenizer) -> tuple[str, str, int]:
    warnings.warn(f"probe {doc.metadata['name']}", _Probe, stacklevel=2)
    return doc.metadata["name"], type(tokenizer).__name__, len(tokenizer.lcut(doc.text))


def _chars(doc: pt.Document) -> int:
    return len(doc.text)


def _cn(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def _dense(frame):
    import pandas as pd

    if any(isinstance(t, pd.SparseDtype) for t in frame.dtypes):
        return frame.sparse.to_dense()
    return frame


@pytest.fixture(scope="module")
def small_folder(tmp_path_factory, shared_dir):
    """Three short shared communiqués (copies in a private temp dir) with a metadata.csv."""
    folder = tmp_path_factory.mktemp("small")
    for name in SMALL:
        shutil.copy(shared_dir / name, folder / name)
    rows = ["file,date,kind,extra"] + [f"{n},2020-01-0{i + 1},communique,x{i}" for i, n in enumerate(SMALL)]
    (folder / "metadata.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def broken_folder(tmp_path_factory, shared_dir):
    """The small documents plus a PNG, an empty file and a GBK-invalid byte soup."""
    folder = tmp_path_factory.mktemp("broken")
    for name in SMALL:
        shutil.copy(shared_dir / name, folder / name)
    (folder / "image.txt").write_bytes(PNG)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "soup.txt").write_bytes(GBK_SOUP)
    return folder


@pytest.fixture(scope="module")
def shared_corpus(shared_dir):
    return Corpus.from_folder(shared_dir)


@pytest.fixture(scope="module")
def shared_tf(shared_corpus):
    t = time.perf_counter()
    tf = shared_corpus.term_frequencies()
    print(f"\nserial term_frequencies on the shared corpora: {tf.shape} in {time.perf_counter() - t:.1f}s")
    return tf


# -- metadata of a corpus (the schema itself: test_corpus_metadata.py) ---------------------------------


def test_shared_manifest_metadata_and_date_order(shared_corpus, shared_dir):
    """Acceptance: all 23 dated, iteration in date order, meetings derived for the plenum communiqués."""
    import pandas as pd

    corpus = shared_corpus
    meta = corpus.metadata
    assert len(corpus) == 23 == len(list(shared_dir.glob("*.txt")))
    assert meta["date"].notna().all()
    assert list(meta.columns[:7]) == ["title", "date", "kind", "meeting", "issuer", "source", "path"]
    assert {"kind_raw", "chars"} <= set(meta.columns)  # original kinds and unknown columns kept
    dates = list(meta["date"])
    assert dates == sorted(dates)
    seen = [doc.metadata["name"] for doc in corpus]
    assert seen == corpus.names
    iter_dates = [doc.metadata["date"] for doc in corpus]
    assert iter_dates == sorted(iter_dates)
    communiques = meta[meta.index.str.contains("communique")]
    assert len(communiques) == 13
    assert (communiques["kind"] == "公报").all()
    for name, meeting in communiques["meeting"].items():
        _, term, session, _ = name.split("_")
        assert meeting == f"{_cn(int(term))}届{_cn(int(session))}中全会", name
    assert meta.loc["plenum_20_3_communique", "meeting"] == "二十届三中全会"
    assert meta.loc["congress_20_report", ["kind", "meeting"]].tolist() == ["报告", "二十大"]
    assert meta.loc["gwr_2024", "kind"] == "政府工作报告"
    assert meta["date"].dtype == "datetime64[us]"  # typed (issue 18): a partial date is its period's first day
    assert meta.loc["reference_bianban_2022", ["date", "date_precision"]].tolist() == [pd.Timestamp("2022"), "year"]
    assert corpus["plenum_20_3_communique"].metadata["meeting"] == "二十届三中全会"
    print(f"\n{len(corpus)} documents dated {dates[0]} … {dates[-1]}; "
          f"meetings: {sorted(set(meta['meeting'].dropna()))}")


# -- construction and container protocol -------------------------------------------------------------


def test_items_paths_texts_documents(reference_doc):
    ref = pt.reference_path()
    corpus = Corpus([ref, str(ref), "要学习。", reference_doc], order="given")
    assert corpus.names == ["reference_bianban_2022", "reference_bianban_2022#2", "doc2", "reference_bianban_2022#3"]
    assert len(corpus) == 4 and "doc2" in corpus and "nope" not in corpus
    assert corpus[2].text == "要学习。"
    assert corpus[-1] is reference_doc
    assert corpus["reference_bianban_2022"].text == reference_doc.text
    assert corpus[0].metadata["path"] == str(ref)
    with pytest.raises(KeyError, match="similar names: reference_bianban_2022"):
        corpus["reference"]
    with pytest.raises(TypeError):
        corpus[1.5]  # type: ignore[index]
    with pytest.raises(TypeError):
        Corpus([b"bytes"])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        Corpus(str(ref))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Corpus([ref], tokenizer="default")  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match="Available names: raise, report"):
        Corpus([ref], errors="ignore")  # type: ignore[arg-type]
    assert "4 documents" in repr(corpus)


def test_lazy_loading_reads_files_on_access(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("要学习。", encoding="utf-8")
    corpus = Corpus([path])
    path.write_text("要落实。", encoding="utf-8")  # changed after the corpus was made
    assert corpus["a"].text == "要落实。"
    path.unlink()
    assert len(corpus) == 1  # no file access needed
    with pytest.raises(DocumentNotFoundError):
        corpus["a"]


def test_metadata_forms(tmp_path):
    import pandas as pd

    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("要学习。", encoding="utf-8")
    b.write_text("要落实。", encoding="utf-8")
    by_list = Corpus([a, b], metadata=[{"date": "2024-01-01"}, {"date": "2023-01-01"}])
    assert by_list.names == ["b", "a"]
    assert Corpus([a, b], metadata={"a": {"date": "2024"}}).metadata.loc["a", ["date", "date_precision"]].tolist() \
        == [pd.Timestamp("2024"), "year"]
    tsv = tmp_path / "meta.tsv"
    tsv.write_text("name\tkind\tissuer\na\tnotice\t国务院\nzzz\tnotice\t\n", encoding="utf-8")
    with pytest.warns(CorpusWarning, match="without a matching document: zzz"):
        corpus = Corpus([a, b], metadata=tsv)
    assert corpus.metadata.loc["a", ["kind", "issuer", "kind_raw"]].tolist() == ["通知", "国务院", "notice"]
    assert corpus["a"].metadata["kind"] == "通知"
    assert corpus.metadata.loc["b"].isna().drop("path").all()
    with pytest.raises(InvalidParameterError, match="one per item"):
        Corpus([a, b], metadata=[{}])
    bad = tmp_path / "bad.csv"
    bad.write_text("title,date\nx,2020\n", encoding="utf-8")
    with pytest.raises(InvalidParameterError, match="'file' or 'name' column"):
        Corpus([a], metadata=bad)
    with pytest.raises(TypeError):
        Corpus([a], metadata=42)


def test_from_folder(small_folder, tmp_path):
    import pandas as pd

    corpus = Corpus.from_folder(small_folder)  # metadata.csv found automatically
    assert corpus.names == [Path(n).stem for n in SMALL]
    assert corpus.metadata["extra"].tolist() == ["x0", "x1", "x2"]
    assert Corpus.from_folder(small_folder, metadata=None).metadata["date"].isna().all()
    assert Corpus.from_folder(small_folder, pattern="*20_*.txt").names == ["plenum_20_1_communique",
                                                                           "plenum_20_2_communique"]
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.txt").write_text("要学习。", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("要学习。", encoding="utf-8")
    (tmp_path / "metadata.tsv").write_text("file\tdate\nsub/x.txt\t2021-05-01\n", encoding="utf-8")
    nested = Corpus.from_folder(tmp_path, pattern="**/*.tsv")
    assert nested.names == []  # the metadata table is never a document
    nested = Corpus.from_folder(tmp_path, pattern="**/*.txt")
    assert nested.names == ["sub/x"]
    assert nested.metadata.loc["sub/x", "date"] == pd.Timestamp("2021-05-01")
    with pytest.raises(DocumentNotFoundError):
        Corpus.from_folder(tmp_path / "missing")
    with pytest.raises(DocumentNotFoundError, match="metadata table"):
        Corpus.from_folder(small_folder, metadata="nope.csv")


def test_from_frame():
    import pandas as pd

    frame = pd.DataFrame({"text": ["要学习。", None, "要落实。"], "date": ["2024-01-02", "2023-01-01", None]},
                         index=["x", "y", "z"])
    corpus = Corpus.from_frame(frame)
    assert corpus.names == ["y", "x", "z"]
    with pytest.warns(CorpusWarning, match="y: skipped \\(EmptyDocumentError"):
        assert corpus.map(_chars) == {"x": 4, "z": 4}
    assert [e.name for e in corpus.errors] == ["y"]
    named = Corpus.from_frame(frame.reset_index(names="name").dropna(subset=["text"]), order="given")
    assert named.names == ["x", "z"]
    assert Corpus.from_frame(frame.reset_index(drop=True).iloc[:1]).names == ["doc0"]
    with pytest.raises(InvalidParameterError, match="Available names: date, text"):
        Corpus.from_frame(frame, text="body")
    with pytest.raises(TypeError):
        Corpus.from_frame({"text": []})  # type: ignore[arg-type]


def test_subset(shared_corpus):
    mask = shared_corpus.metadata["kind"] == "政府工作报告"
    sub = shared_corpus.subset(mask)
    assert sub.names == ["gwr_2021", "gwr_2022", "gwr_2024"]
    assert shared_corpus.subset(mask.to_numpy()).names == sub.names
    with pytest.raises(InvalidParameterError, match="mask of length 23"):
        shared_corpus.subset([True, False])
    assert shared_corpus.subset(["gwr_2024", "gwr_2021"]).names == ["gwr_2021", "gwr_2024"]
    with pytest.raises(KeyError):
        shared_corpus.subset(["nope"])


# -- map -----------------------------------------------------------------------------------------------


def test_map_serial_and_tokenizer_injection():
    tk = pt.Tokenizer()
    corpus = Corpus(["要学习党的二十大精神。", "要落实。"], tokenizer=tk)
    with pytest.warns(_Probe):
        out = corpus.map(_summary)
    assert out == {"doc0": ("doc0", "Tokenizer", len(tk.lcut("要学习党的二十大精神。"))),
                   "doc1": ("doc1", "Tokenizer", 3)}
    seen = []
    corpus.map(lambda doc, tokenizer: seen.append(tokenizer))  # serial accepts any callable
    assert seen == [tk, tk]
    assert corpus.map(_chars) == {"doc0": 11, "doc1": 4}
    assert Corpus([]).map(_chars) == {}
    assert list(Corpus(["要学习。"]).imap(_chars)) == [("doc0", 4)]


@pytest.mark.parametrize("kwargs, match", [
    ({"processes": 0}, "processes"),
    ({"processes": "many"}, "processes"),
    ({"processes": True}, "processes"),
    ({"chunksize": 0}, "chunksize"),
    ({"progress": "yes"}, "progress"),
    ({"send": "docs"}, "Available names: bytes, path"),
    ({"processes": 2, "client": object()}, "not both"),
])
def test_map_validates_options_eagerly(kwargs, match):
    corpus = Corpus(["要学习。", "要落实。"])
    with pytest.raises(InvalidParameterError, match=match):
        corpus.imap(_chars, **kwargs)  # raises before iteration


@pytest.mark.parametrize("method, kwargs, match", [
    ("imap", {"processes": False}, "'processes' parameter of Corpus.map must be an int in the range \\[1, inf\\), "
                                   "'auto' or None"),
    ("imap", {"chunksize": True}, "'chunksize' parameter of Corpus.map"),
    ("imap", {"chunksize": 2.0}, "'chunksize' parameter of Corpus.map"),
    ("term_frequencies", {"processes": True}, "'processes' parameter of Corpus.term_frequencies"),
    ("term_frequencies", {"min_count": True}, "'min_count' parameter of Corpus.term_frequencies"),
    ("keywords", {"top": True}, "'top' parameter of Corpus.keywords"),
    ("keywords", {"top": 0}, "'top' parameter of Corpus.keywords"),
    ("keywords", {"chunksize": True}, "'chunksize' parameter of Corpus.keywords"),
    ("cooccurrence", {"min_count": True}, "'min_count' parameter of Corpus.cooccurrence"),
    ("cooccurrence", {"window": True}, "'window' parameter of Corpus.cooccurrence"),
    ("cooccurrence", {"window": 1}, "'window' parameter of Corpus.cooccurrence"),
    ("classify", {"processes": True}, "'processes' parameter of Corpus.classify"),
])
def test_a_bool_is_not_an_int_and_options_are_checked_first(method, kwargs, match):
    """Every int option refuses True/False; options are checked before any document is read."""
    corpus = Corpus([Path("/nonexistent/never-read.txt")])  # reading it would raise DocumentNotFoundError
    call = getattr(corpus, method)
    with pytest.raises(InvalidParameterError, match=match):
        call(_chars, **kwargs) if method == "imap" else call(**kwargs)
    assert corpus.errors == []


def test_unknown_method_and_window_are_named_before_any_document_is_read():
    empty = Corpus([])
    with pytest.raises(InvalidParameterError, match="'method' parameter of Corpus.keywords got the unknown value "
                                                    "'bm25'. Available names: textrank, tfidf"):
        empty.keywords(method="bm25")
    with pytest.raises(InvalidParameterError, match="Available names: paragraph, sentence"):
        empty.cooccurrence(window="document")
    assert empty.cooccurrence(window=3).number_of_nodes() == 0


def test_construction_options_are_validated(tmp_path):
    import pandas as pd

    with pytest.raises(InvalidParameterError, match="'order' parameter of Corpus got the unknown value 'name'"):
        Corpus(["要学习。"], order="name")  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match="'encoding' parameter of Corpus must be a str or None"):
        Corpus(["要学习。"], encoding=8)  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match="'errors' parameter of Corpus.from_folder"):
        Corpus.from_folder(tmp_path, errors="skip")  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match="'path' parameter of Corpus.from_folder"):
        Corpus.from_folder(3)  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match="'tokenizer' parameter of Corpus.from_frame"):
        Corpus.from_frame(pd.DataFrame({"text": ["要学习。"]}), tokenizer=object())  # type: ignore[arg-type]


def test_warnings_point_at_the_callers_line(tmp_path):
    """A CorpusWarning names the line of user code that caused it, not a line inside policytext."""
    (tmp_path / "a.txt").write_text("要学习。", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    corpus = Corpus.from_folder(tmp_path)
    for run in (lambda: corpus.map(_chars), corpus.term_frequencies, lambda: list(corpus),
                lambda: Corpus([tmp_path / "a.txt"], metadata={"zzz": {}})):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            run()
        found = [w for w in caught if issubclass(w.category, CorpusWarning)]
        assert len(found) == 1 and found[0].filename == __file__, [(w.filename, str(w.message)) for w in found]


def test_raise_mode_on_processes_stops_the_workers_at_once(broken_folder):
    import multiprocessing

    before = set(multiprocessing.active_children())
    strict = Corpus.from_folder(broken_folder, errors="raise")
    with pytest.raises(EmptyDocumentError, match="empty.txt") as info:
        strict.term_frequencies(processes=2, chunksize=1)
    assert set(multiprocessing.active_children()) <= before  # shut down although the traceback is alive
    assert info.value is not None


def test_map_rejects_unpicklable_for_processes():
    corpus = Corpus(["要学习。", "要落实。"])
    with pytest.raises(InvalidParameterError, match="picklable"):
        corpus.map(lambda doc: 1, processes=2)
    with pytest.raises(TypeError):
        corpus.map("len")  # type: ignore[arg-type]


def test_map_without_dask(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(MissingDependencyError, match=r"policytext\[dask\]"):
        Corpus(["要学习。"]).map(_chars, client=object())


def test_progress_bar(capsys):
    Corpus(["要学习。", "要落实。"]).map(_chars, progress=True)
    assert "2/2" in capsys.readouterr().err
    Corpus(["要学习。", "要落实。"]).map(_chars)  # stderr is not a terminal here: no bar
    assert capsys.readouterr().err == ""


# -- broken files --------------------------------------------------------------------------------------


def test_broken_files_reported_by_name_rest_intact(broken_folder, small_folder):
    """Acceptance: PNG bytes, an empty file and a GBK-invalid soup are reported; the rest is intact."""
    corpus = Corpus.from_folder(broken_folder)
    with pytest.warns(CorpusWarning) as record:
        tf = corpus.term_frequencies()
    warned = sorted(str(w.message).split(":")[0] for w in record if issubclass(w.category, CorpusWarning))
    assert warned == ["empty", "image", "soup"]
    errors = {e.name: e for e in corpus.errors}
    assert sorted(errors) == ["empty", "image", "soup"]
    assert errors["empty"].error == "EmptyDocumentError"
    assert errors["image"].error == "UnsupportedFormatError" and "PNG" in errors["image"].message
    assert errors["soup"].error == "DecodingError"
    assert errors["soup"].path == str(broken_folder / "soup.txt")
    frame = corpus.errors_frame()
    assert frame.columns.tolist() == ["name", "error", "message", "path"] and len(frame) == 3
    good = Corpus.from_folder(small_folder, metadata=None).term_frequencies()
    assert sorted(tf.index) == sorted(good.index)
    assert _dense(tf).loc[good.index].equals(_dense(good))
    # iteration skips and reports the same files
    with pytest.warns(CorpusWarning):
        assert len(list(corpus)) == 3
    # errors="raise" stops at the first broken file (date order absent: file-name order)
    strict = Corpus.from_folder(broken_folder, errors="raise")
    with pytest.raises(EmptyDocumentError, match="empty.txt"):
        strict.term_frequencies()
    with pytest.raises(DecodingError):
        strict["soup"]


@pytest.mark.slow
def test_broken_files_and_user_function_on_processes(broken_folder):
    """processes=2: same results, same failures, warnings from workers re-raised here, bytes transfer."""
    corpus = Corpus.from_folder(broken_folder)
    with pytest.warns(CorpusWarning), pytest.warns(_Probe):
        serial = corpus.map(_summary)
    t = time.perf_counter()
    with pytest.warns(CorpusWarning) as record, pytest.warns(_Probe) as probes:
        parallel = corpus.map(_summary, processes=2, chunksize=1)
    print(f"\nprocesses=2 map over {len(corpus)} files: {time.perf_counter() - t:.1f}s")
    assert parallel == serial and list(parallel) == list(serial) == [Path(n).stem for n in SMALL]
    assert sorted(str(w.message) for w in probes if issubclass(w.category, _Probe)) == \
        sorted(f"probe {n}" for n in serial)
    assert sorted(e.name for e in corpus.errors) == ["empty", "image", "soup"]
    assert sum(issubclass(w.category, CorpusWarning) for w in record) == 3
    with pytest.warns(CorpusWarning):
        by_bytes = corpus.map(_chars, processes=2, send="bytes")
    assert by_bytes == {n: len(corpus[n].text) for n in serial}
    assert {e.name: e.path for e in corpus.errors}["soup"] == str(broken_folder / "soup.txt")


# -- term frequencies -------------------------------------------------------------------------------------


def test_term_frequencies_golden():
    corpus = Corpus(["一、深化党和国家机构改革\n要坚持党的全面领导，深化党和国家机构改革。",
                     "要推进机构编制法定化，深化党和国家机构改革。"])
    tf = corpus.term_frequencies()
    assert tf.index.name == "document" and tf.columns.name == "term"
    assert tf.columns.tolist() == ["深化党和国家机构改革", "坚持党的全面领导", "机构编制法定化"]
    assert tf.values.tolist() == [[2, 1, 0], [1, 0, 1]]  # the heading counts too
    assert str(tf.dtypes.iloc[0]) == "int64"
    assert corpus.term_frequencies(min_count=2).columns.tolist() == ["深化党和国家机构改革"]
    picked = corpus.term_frequencies(terms=["机构编制法定化", "不存在", "深化党和国家机构改革"])
    assert picked.columns.tolist() == ["机构编制法定化", "不存在", "深化党和国家机构改革"]
    assert picked.values.tolist() == [[0, 0, 2], [1, 0, 1]]
    sparse = corpus.term_frequencies(sparse=True)
    assert all(str(t) == "Sparse[int64, 0]" for t in sparse.dtypes)
    assert sparse.sparse.to_dense().equals(tf)
    empty = Corpus([]).term_frequencies()
    assert empty.shape == (0, 0) and empty.index.name == "document"
    for bad in (0, 1.5, True):
        with pytest.raises(InvalidParameterError, match="min_count"):
            corpus.term_frequencies(min_count=bad)
    with pytest.raises(InvalidParameterError, match="sparse"):
        corpus.term_frequencies(sparse="auto")
    with pytest.raises(TypeError):
        corpus.term_frequencies(terms="机构编制法定化")


@settings(max_examples=25, deadline=None)
@given(st.lists(st.text(alphabet="党的建设要坚持全面领导深化改革机构编制法定化，。一、\n", min_size=1, max_size=40),
                min_size=1, max_size=4))
def test_term_frequencies_match_content_terms(texts):
    texts = [t for t in texts if t.strip()]
    corpus = Corpus(texts, order="given")
    tf = corpus.term_frequencies()
    tk = corpus.tokenizer
    for i, text in enumerate(texts):
        expected = content_terms(pt.parse(text), tk)
        row = tf.loc[f"doc{i}"]
        assert Counter({k: int(v) for k, v in row.items() if v}) == expected
    totals = tf.sum(axis=0).tolist()
    assert totals == sorted(totals, reverse=True)


def test_content_rule_and_alias_merge(tokenizer):
    tokens = tokenizer("要深刻领会“两个确立”的决定性意义，推进3项工作")
    assert [t.text for t in tokens if is_content(t)] == ["深刻领会", "两个确立", "决定性"]
    lex = pt.Lexicon.default()
    alias = next((f, c) for f, c in lex.forms().items() if f != c and "“" not in f and len(f) >= 3)
    counts = content_terms(pt.parse(f"要学习{alias[0]}。"), tokenizer)
    assert counts[alias[1]] >= 1 and alias[0] not in counts
    # documents are coerced like every analysis's (text.loading.as_document): a str is the text
    assert content_terms("一、加强党的建设\n要落实党的建设任务。", tokenizer) == \
        content_terms(pt.parse("一、加强党的建设\n要落实党的建设任务。"), tokenizer) == Counter({"党的建设": 2})
    assert content_terms("") == Counter()
    with pytest.raises(TypeError, match="'doc' parameter of content_terms"):  # an InvalidParameterError
        content_terms(["要学习。"])  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match="'tokenizer' parameter of content_terms"):
        content_terms("要学习。", tokenizer="default")  # type: ignore[arg-type]


def test_content_terms_reuse_cached_tokens_with_the_same_result(tokenizer):
    text = "一、加强党的建设\n要落实党的建设任务，推进机构编制法定化。\n（一）深化改革\n要深化党和国家机构改革。"
    fresh = content_terms(pt.parse(text), tokenizer)
    doc = pt.parse(text)
    tokenizer.tokenize_document(doc)
    tokenizer.tokenize_headings(doc)
    assert content_terms(doc, tokenizer) == fresh and fresh["党的建设"] == 2
    assert list(content_terms(doc, tokenizer).items()) == list(fresh.items())  # the same order too


@pytest.mark.slow
def test_identical_results_serial_processes_dask(shared_corpus, shared_tf):
    """Acceptance: serial, processes=2 and a Dask LocalCluster (2 workers) give identical term frequencies."""
    distributed = pytest.importorskip("distributed")
    t = time.perf_counter()
    tf_proc = shared_corpus.term_frequencies(processes=2)
    t_proc = time.perf_counter() - t
    assert tf_proc.equals(shared_tf)
    t = time.perf_counter()
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0",
                                  host="127.0.0.1", silence_logs=logging.ERROR) as cluster, \
            distributed.Client(cluster) as client:
        t_start = time.perf_counter() - t
        t = time.perf_counter()
        tf_dask = shared_corpus.term_frequencies(client=client)
        t_dask = time.perf_counter() - t
        keys = shared_corpus.map(_chars, client=client, chunksize=5)
    assert tf_dask.equals(shared_tf)
    assert list(keys) == shared_corpus.names
    chars = sum(keys.values())
    print(f"\nshared corpora ({len(shared_tf)} docs, {chars} chars, {shared_tf.shape[1]} terms): processes=2 "
          f"{t_proc:.1f}s (incl. spawn), dask {t_dask:.1f}s (+{t_start:.1f}s cluster start); identical: True")


# -- wrappers over the other analyses (only when their modules exist) ---------------------------------------


def test_classify_wrapper():
    classifier = pytest.importorskip("policytext.analysis.classifier")
    texts = ["一、工作安排\n要加强实名制管理。\n要开展专题党课和中心组学习。", "要推进机构编制法定化。"]
    corpus = Corpus(texts)
    table = corpus.classify()
    assert table.columns[0] == "document"
    expected = [classifier.classify(pt.parse(t)) for t in texts]
    assert table["document"].tolist() == ["doc0"] * len(expected[0]) + ["doc1"] * len(expected[1])
    assert table["predicted"].tolist() == [*expected[0]["predicted"], *expected[1]["predicted"]]
    assert Corpus([]).classify().columns.tolist() == ["document"]


def test_keywords_wrapper():
    keyterms = pytest.importorskip("policytext.analysis.keyterms")
    corpus = Corpus(["要坚持党的全面领导，深化党和国家机构改革。", "要推进机构编制法定化。"])
    table = corpus.keywords(top=3)
    assert table.columns.tolist() == ["document", "rank", "term", "score", "count", "category"]
    first = keyterms.keywords(corpus["doc0"], top=3)
    assert table[table["document"] == "doc0"]["term"].tolist() == [k.term for k in first]
    assert (table.groupby("document")["rank"].max() <= 3).all()


def test_cooccurrence_wrapper():
    cooccur = pytest.importorskip("policytext.analysis.cooccur")
    if not hasattr(cooccur, "cooccurrence"):
        pytest.skip("policytext.analysis.cooccur.cooccurrence not written yet")
    texts = ["要坚持党的全面领导，深化党和国家机构改革。", "要坚持党的全面领导，深化党和国家机构改革。"]
    corpus = Corpus(texts)
    G = corpus.cooccurrence()
    single = cooccur.cooccurrence(pt.parse(texts[0]), weight="count")
    assert set(G.nodes) == set(single.nodes)
    for a, b, d in single.edges(data=True):
        assert G[a][b]["count"] == 2 * d["count"] and G[a][b]["documents"] == 2
        assert G[a][b]["weight"] == pytest.approx(2 * d["count"])


# -- output ---------------------------------------------------------------------------------------------------


def test_csv_and_parquet_round_trip(tmp_path):
    import pandas as pd

    pytest.importorskip("pyarrow")
    corpus = Corpus(["要坚持党的全面领导，深化党和国家机构改革。", "要推进机构编制法定化。"])
    for sparse in (False, True):
        tf = corpus.term_frequencies(sparse=sparse)
        back = pd.read_parquet(to_parquet(tf, tmp_path / f"tf{sparse}.parquet"))
        assert back.equals(_dense(tf)) and back.index.name == "document"
        back_csv = pd.read_csv(to_csv(tf, tmp_path / f"tf{sparse}.csv"), index_col="document")
        assert back_csv.values.tolist() == _dense(tf).values.tolist()
        assert back_csv.columns.tolist() == tf.columns.tolist()
        long = pd.read_parquet(to_parquet(tf, tmp_path / f"long{sparse}.parquet", long=True))
        assert long.columns.tolist() == ["document", "term", "count"]
        assert len(long) == int((_dense(tf) > 0).sum().sum()) and (long["count"] > 0).all()
    tsv = (tmp_path / "meta.tsv")
    to_csv(corpus.metadata, tsv)
    assert tsv.read_text(encoding="utf-8").startswith("document\ttitle\tdate")
    with pytest.raises(PolicyTextError, match="cannot write"):
        to_csv(tf, tmp_path / "missing-dir" / "x.csv")
    with pytest.raises(TypeError):
        to_csv([1, 2], tmp_path / "x.csv")  # type: ignore[arg-type]


def test_parquet_without_pyarrow(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    tf = Corpus(["要推进机构编制法定化。"]).term_frequencies()
    with pytest.raises(MissingDependencyError, match=r"pip install 'policytext\[parquet\]'"):
        to_parquet(tf, tmp_path / "x.parquet")
    assert not (tmp_path / "x.parquet").exists()


# -- CLI ------------------------------------------------------------------------------------------------------


def _cli(argv):
    parser = argparse.ArgumentParser(prog="policytext")
    corpus_cli.add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    return args.func(args)


def test_cli_corpus(broken_folder, tmp_path, capsys):
    import pandas as pd

    pytest.importorskip("pyarrow")
    out = tmp_path / "tf.parquet"
    assert _cli(["corpus", str(broken_folder), "-o", str(out), "--processes", "1", "--top-terms", "5"]) == 0
    captured = capsys.readouterr()
    assert "3 documents × 5 terms" in captured.out and "3 documents skipped: empty, image, soup" in captured.out
    assert captured.err.count("policytext: warning:") == 3 and "soup" in captured.err
    tf = pd.read_parquet(out)
    assert tf.shape == (3, 5)
    meta = pd.read_parquet(tmp_path / "tf.metadata.parquet")
    assert sorted(meta.index) == sorted(["empty", "image", "soup", *tf.index])
    csv = tmp_path / "tf.csv"
    assert _cli(["corpus", str(broken_folder), "-o", str(csv), "--processes", "1", "--long"]) == 0
    assert pd.read_csv(csv).columns.tolist() == ["document", "term", "count"]
    assert (tmp_path / "tf.metadata.csv").is_file()
    capsys.readouterr()
    with pytest.raises(InvalidParameterError, match="suffix"):
        _cli(["corpus", str(broken_folder), "-o", str(tmp_path / "x.xlsx")])
    with pytest.raises(InvalidParameterError, match="processes"):
        _cli(["corpus", str(broken_folder), "-o", str(csv), "--processes", "two"])
    with pytest.raises(PolicyTextError, match="no files match"):
        _cli(["corpus", str(broken_folder), "-o", str(csv), "--pattern", "*.docx"])
    with pytest.raises(SystemExit):
        _cli(["corpus", "--help"])
    assert "metadata table" in capsys.readouterr().out


def test_cli_corpus_writes_both_tables_or_neither(small_folder, tmp_path, capsys, monkeypatch):
    from policytext.errors import OutputError

    (tmp_path / "tf.metadata.csv").mkdir()  # the metadata table cannot be written
    with monkeypatch.context() as m:
        m.setattr(Corpus, "term_frequencies", lambda *a, **k: pytest.fail("counted before checking the outputs"))
        with pytest.raises(OutputError, match="tf.metadata.csv: is a folder"):
            _cli(["corpus", str(small_folder), "-o", str(tmp_path / "tf.csv"), "--processes", "1"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tf.metadata.csv"]
    for option in (["--top-terms", "-1"], ["--min-count", "0"], ["--min-count", "2.5"]):
        with pytest.raises(SystemExit):
            _cli(["corpus", str(small_folder), "-o", str(tmp_path / "t.csv"), *option])
        assert "expected a whole number" in capsys.readouterr().err
    assert _cli(["corpus", str(small_folder), "-o", str(tmp_path / "t.tsv"), "--processes", "1",
                 "--min-count", "3", "--top-terms", "0"]) == 0
    table = (tmp_path / "t.tsv").read_text(encoding="utf-8").splitlines()
    assert table[0].startswith("document\t") and len(table) == 4
    assert (tmp_path / "t.metadata.tsv").is_file()


# -- example --------------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_example_corpus_dask_runs(small_folder):
    pytest.importorskip("distributed")
    script = REPO / "examples" / "corpus_dask.py"
    env = {**os.environ, "PYTHONWARNINGS": "error::RuntimeWarning"}
    proc = subprocess.run([sys.executable, str(script), str(small_folder)], capture_output=True, text=True,
                          timeout=240, env=env, cwd=str(REPO))
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "identical: True" in proc.stdout
    print("\n" + proc.stdout)


def test_failed_document_is_frozen():
    f = FailedDocument("a", "EmptyDocumentError", "empty", None)
    with pytest.raises(AttributeError):
        f.name = "b"  # type: ignore[misc]


def test_bytes_payload_of_a_missing_file_is_a_reported_failure(tmp_path):
    from policytext.corpus._parallel import chunks, materialize

    (tmp_path / "a.txt").write_text("要学习。", encoding="utf-8")
    corpus = Corpus([tmp_path / "a.txt", tmp_path / "gone.txt"])
    chunk = [item for c in chunks(corpus._records, corpus.encoding, None, 1, "bytes") for item in c]
    assert [name for name, _ in chunk] == ["a", "gone"]
    assert materialize(chunk[0][1]).text == "要学习。"
    with pytest.raises(DocumentNotFoundError, match="gone.txt"):
        materialize(chunk[1][1])
