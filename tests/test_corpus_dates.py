"""Corpus dates reach the metadata, say where they come from, and are never silently empty (session 8, F2).

Items: dates from the table, the file name or the document (``date_source``); a warning when a
dated analysis is asked of a corpus with no date; a record's table read with one year's folder
(file names relative to the table); the CLI's error naming the working alternative; the corpus
co-occurrence graph's node categories and drawable default size. Tests that read ../shared skip
with a reason when it is absent.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import policytext as pt
from policytext import cli
from policytext.corpus._dates import date_from_name
from policytext.corpus.metadata import CorpusWarning
from policytext.errors import InvalidParameterError

REPO = Path(__file__).resolve().parent.parent
HEADED = REPO.parent / "shared" / "headed"

NOTICE = ("关于开展学习活动的通知\n各支部：\n一、学习内容\n要学习两个确立。\n二、时间安排\n全年。\n"
          "中共某某中学委员会\n2021年2月20日\n")


@pytest.mark.parametrize("name, date", [
    ("20210526", "2021-05-26"), ("2021/20210526", "2021-05-26"), ("2021-05-26_通知", "2021-05-26"),
    ("notice_2019.03.04", "2019-03-04"), ("sx_14906", None), ("20211332", None), ("120210526", None),
    ("2021", None),
])
def test_date_from_name(name, date):
    assert date_from_name(name) == date


@given(st.dates())
def test_date_from_name_reads_every_date_it_writes(day):
    if 1900 <= day.year < 2100:
        assert date_from_name(f"x_{day:%Y%m%d}") == day.isoformat() == date_from_name(f"{day:%Y-%m-%d}")


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "20210526.txt").write_text("要落实“双减”政策。", encoding="utf-8")
    (folder / "notice.txt").write_text(NOTICE, encoding="utf-8")
    (folder / "plain.txt").write_text("要学习。", encoding="utf-8")
    return folder


def test_dates_come_from_table_name_or_document(tmp_path):
    folder = _folder(tmp_path)
    meta = pt.Corpus.from_folder(folder).metadata
    assert meta.loc["20210526", "date_source"] == "file name"
    assert meta.loc["notice", "date_source"] == "document"
    assert str(meta.loc["notice", "date"].date()) == "2021-02-20"
    assert meta.loc["plain"].isna()["date"]
    (folder / "metadata.tsv").write_text("file\tdate\nplain.txt\t2020-01-02\n", encoding="utf-8")
    meta = pt.Corpus.from_folder(folder).metadata
    assert meta["date_source"].tolist() == ["table", "document", "file name"]  # date order
    table_only = pt.Corpus.from_folder(folder, dates="table").metadata
    assert table_only["date"].notna().sum() == 1
    assert pt.Corpus.from_folder(folder, metadata=None).metadata["date"].isna().all()
    with pytest.raises(InvalidParameterError, match="dates"):
        pt.Corpus.from_folder(folder, dates="document")


def test_corpus_and_list_agree_on_first_use(tmp_path):
    corpus = pt.Corpus.from_folder(_folder(tmp_path))
    assert corpus.first_seen(["两个确立"])["date"].tolist() == ["2021-02-20"]
    assert pt.first_seen(list(corpus), ["两个确立"])["date"].tolist() == ["2021-02-20"]
    first, by_year = corpus.term_history(["两个确立"])
    assert len(by_year) >= 1 and by_year["count"].sum() == 1


def test_a_dated_analysis_of_an_undated_corpus_warns(tmp_path):
    corpus = pt.Corpus(["要学习两个确立。", "要落实。"])
    for call in (lambda: corpus.term_history(["两个确立"]), lambda: corpus.term_trajectories(["两个确立"], freq="Y")):
        with pytest.warns(CorpusWarning, match="no document of the corpus has a date"):
            call()
    with warnings.catch_warnings():
        warnings.simplefilter("error", CorpusWarning)
        corpus.term_trajectories(["两个确立"])  # per document: no dates needed, no warning
        # first use in an undated corpus is first in corpus order: an answer, with its dates visibly missing
        fs = corpus.first_seen(["两个确立"])
        assert fs["document"].tolist() == ["doc0"] and fs["date"].isna().all()
        pt.Corpus(["两个确立。"], metadata=[{"date": "2021"}]).term_history(["两个确立"])


def _record(tmp_path: Path) -> Path:
    record = tmp_path / "record"
    (record / "2021").mkdir(parents=True)
    (record / "2022").mkdir()
    rows = ["file\tdate"]
    for sub, name, day in (("2021", "a", "2021-11-15"), ("2021", "b", "2021-11-16"), ("2022", "c", "2022-01-01")):
        (record / sub / f"{name}.txt").write_text("两个确立。", encoding="utf-8")
        rows.append(f"{sub}/{name}.txt\t{day}")
    (record / "metadata.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return record


def test_a_record_table_reads_with_one_years_folder(tmp_path):
    record = _record(tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("error", CorpusWarning)  # the other year's rows are not "unmatched"
        corpus = pt.Corpus.from_folder(record / "2021", metadata=record / "metadata.tsv")
    assert corpus.names == ["a", "b"]
    assert corpus.metadata["date_source"].tolist() == ["table", "table"]
    assert [str(d.date()) for d in corpus.metadata["date"]] == ["2021-11-15", "2021-11-16"]
    rows = pt.Corpus.from_folder(record / "2021", metadata=record / "metadata.tsv")
    assert rows.first_seen(["两个确立"])["date"].tolist() == ["2021-11-15"]
    (record / "metadata.tsv").write_text("file\tdate\n2021/zzz.txt\t2021-01-01\n", encoding="utf-8")
    with pytest.warns(CorpusWarning, match="zzz"):
        pt.Corpus.from_folder(record / "2021", metadata=record / "metadata.tsv")


def test_timeline_error_names_the_working_alternative(tmp_path, capsys):
    record = _record(tmp_path)
    for p in (record / "2021").glob("*.txt"):  # names without dates, so only the table could date them
        assert p.stat().st_size
    out = tmp_path / "t.html"
    assert cli.main(["timeline", "两个确立", "--corpus", str(record / "2021"), "-o", str(out),
                     "--processes", "1"]) == 1
    err = capsys.readouterr().err
    assert "no document has a date" in err
    assert f"--corpus {record} --pattern '2021/*.txt'" in err
    assert cli.main(["timeline", "两个确立", "--corpus", str(record), "--pattern", "2021/*.txt", "-o", str(out),
                     "--processes", "1"]) == 0
    assert "first 2021-11-15" in capsys.readouterr().out


def test_headed_pages_have_their_stated_dates():
    if not (HEADED / "MANIFEST.tsv").is_file():
        pytest.skip(f"the headed pages are not at {HEADED}")
    corpus = pt.Corpus.from_folder(HEADED)
    meta = corpus.metadata
    assert meta["date"].notna().sum() >= 150 and len(meta) == 155
    assert set(meta["date_source"].dropna()) == {"document"}
    assert corpus.first_seen(["党史学习教育"])["date"].tolist() == \
        pt.first_seen(list(corpus), ["党史学习教育"])["date"].tolist()


def test_corpus_graph_has_categories_and_a_drawable_default():
    texts = [f"要坚持党的全面领导，深化党和国家机构改革，推进第{i}项工作，落实机构编制法定化。" for i in range(3)]
    corpus = pt.Corpus([*texts, pt.reference_path()])
    G = corpus.cooccurrence(rank="count")
    every = corpus.cooccurrence(top=None)
    assert G.number_of_nodes() == 50 < every.number_of_nodes()
    assert G.graph["top"] == 50 and G.graph["n_documents"] == 4
    counts = sorted((d for _, d in every.nodes(data="count")), reverse=True)
    assert min(d for _, d in G.nodes(data="count")) == counts[49]
    assert all(a in G and b in G for a, b in G.edges)
    # the default chooses nodes as keywords are chosen: by keyword score summed over the documents
    K = corpus.cooccurrence()
    assert K.number_of_nodes() == 50 and K.graph["rank"] == "keywords"
    scores = [d for _, d in K.nodes(data="score")]
    assert min(scores) > 0 and all(a in K and b in K for a, b in K.edges)
    assert sum(bool(c) for _, c in K.nodes(data="category")) > sum(bool(c) for _, c in G.nodes(data="category"))
    cats = dict(every.nodes(data="category"))
    assert all(isinstance(c, str) for c in cats.values()) and sum(bool(c) for c in cats.values()) >= 20
    reference = pt.cooccurrence(pt.load(pt.reference_path()), weight="count")
    assert all(every.nodes[n]["category"] == d["category"] for n, d in reference.nodes(data=True) if d["category"])
    single = pt.cooccurrence(pt.parse(texts[0]), weight="count")
    for n, d in single.nodes(data=True):
        assert every.nodes[n]["category"] == d["category"] and every.nodes[n]["documents"] >= 3
