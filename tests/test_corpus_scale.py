"""The corpus at scale: the fast counting path, the dated record (first_seen, trajectories), Dask.

Tests that read the dated record ``../shared/xwlb`` read a sample (a month, a
year) and skip with a reason when it is absent; the whole-record pass is
``benchmarks/bench_xwlb.py``.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import policytext as pt
from policytext.analysis.compare import first_seen, term_counts, term_trajectories
from policytext.corpus import _parallel
from policytext.corpus._counting import count_content
from policytext.corpus.analyses import collect_rows, content_terms, term_frame
from policytext.errors import InvalidParameterError
from policytext.text.io import read_text
from policytext.text.structure import parse

REPO = Path(__file__).resolve().parent.parent
XWLB = Path(os.environ.get("POLICYTEXT_XWLB", REPO.parent / "shared" / "xwlb"))


@pytest.fixture(scope="module")
def xwlb() -> Path:
    if not (XWLB / "metadata.tsv").is_file():
        pytest.skip(f"the dated record (xwlb) not found at {XWLB} (set POLICYTEXT_XWLB)")
    return XWLB


def _month(xwlb: Path, month: str) -> pt.Corpus:
    corpus = pt.Corpus.from_folder(xwlb, pattern=f"{month[:4]}/{month.replace('-', '')}*.txt")
    if len(corpus) < 20:
        pytest.skip(f"fewer than 20 days of {month} in the record")
    return corpus


# -- the counting path --------------------------------------------------------------------------


def test_count_content_equals_content_terms_on_a_month(xwlb):
    corpus = _month(xwlb, "2021-11")
    tk = pt.Tokenizer()
    docs = list(corpus)
    assert sum(count_content(d, tk) == content_terms(d, tk) for d in docs) == len(docs)
    hmm = pt.Tokenizer(hmm=True)
    assert all(count_content(d, hmm) == content_terms(d, hmm) for d in docs[:5])


def test_count_content_equals_content_terms_on_shared_documents(shared_files):
    tk = pt.Tokenizer()
    for p in shared_files:
        doc = pt.load(p)
        assert count_content(doc, tk) == content_terms(doc, tk), p.name


_PIECES = ["新质生产力", "四个意识", "两个维护", "党的二十大", "机构编制", "改革", "发展", "要", "的", "和", "人员",
           "安排", "“", "”", "‘", "’", "，", "。", "\n", " ", "一、", "（二）", "2024年", "5G", "AI", "××", "三定",
           "四个自信心", "组织口头", "服务实体经济", "习近平新时代中国特色社会主义思想", "高质量发展", "数字中国"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES) | st.text(alphabet="国家社会经济建设工作人民推进一二三四个项", max_size=4),
                min_size=1, max_size=40))
def test_count_content_property(pieces):
    text = "".join(pieces)
    if not text.strip():
        return
    doc = parse(text)
    tk = pt.Tokenizer()
    assert count_content(doc, tk) == content_terms(doc, tk)


def test_count_content_of_a_subclass_is_content_terms():
    class Mine(pt.Tokenizer):
        def tokenize(self, text, *, offset=0):
            return [t._replace(is_stop=True) if t.text == "文件" else t for t in super().tokenize(text, offset=offset)]

    doc = parse("要学习文件，落实文件。")
    assert "文件" not in count_content(doc, Mine()) and count_content(doc, pt.Tokenizer())["文件"] == 2


def test_term_frequencies_table_is_unchanged(xwlb):
    month = _month(xwlb, "2019-03")
    corpus = month.subset(month.names[:12])
    tk = corpus.tokenizer
    expected = term_frame(collect_rows((d.metadata["name"], content_terms(d, tk)) for d in corpus))
    assert corpus.term_frequencies().equals(expected)
    wanted = list(expected.columns[:5]) + ["不在其中的词"]
    assert corpus.term_frequencies(terms=wanted).equals(
        term_frame(collect_rows((d.metadata["name"], content_terms(d, tk)) for d in corpus), wanted=wanted))


# -- the dated record ----------------------------------------------------------------------------------


def test_first_seen_on_a_corpus_equals_the_list_path(xwlb):
    corpus = _month(xwlb, "2021-11")
    terms = ["两个确立", "新时代", "共同富裕", "中国式现代化", "不在记录里的词"]
    fast = corpus.first_seen(terms)
    slow = first_seen(list(corpus), terms)
    assert list(fast.columns) == ["term", "document", "date", "count", "n_documents", "total", "file", "offset"]
    cols = ["term", "document", "date", "count", "n_documents", "total", "offset"]
    assert fast[cols].equals(slow[cols])
    row = fast.set_index("term").loc["两个确立"]
    doc = corpus[row["document"]]
    assert Path(row["file"]) == Path(doc.metadata["path"])
    assert doc.text[row["offset"]:].startswith("两个确立")
    assert row["date"].startswith("2021-11") and row["count"] == doc.text.count("两个确立")


def test_first_seen_facts_of_the_record(xwlb):
    year = pt.Corpus.from_folder(xwlb, pattern="2023/*.txt")
    fs = pt.first_seen(year, ["新质生产力"]).set_index("term")  # the package function hands over to the corpus
    assert fs.loc["新质生产力", "date"] == "2023-09-08"
    assert fs.loc["新质生产力", "document"] == "2023/20230908"
    year = pt.Corpus.from_folder(xwlb, pattern="2021/*.txt")
    assert year.first_seen(["两个确立"]).set_index("term").loc["两个确立", "date"].startswith("2021-11")


def test_trajectories_by_month_agree_with_document_counts(xwlb):
    corpus = pt.Corpus.from_folder(xwlb, pattern="2019/20190[1-3]*.txt")
    terms = ["习近平", "高质量发展", "新时代"]
    tidy = corpus.term_trajectories(terms, freq="M")
    assert list(tidy.columns) == ["period", "term", "count", "documents", "rate", "chars", "period_documents"]
    assert str(tidy["period"].dtype).startswith("datetime64") and list(tidy["term"].cat.categories) == terms
    docs = list(corpus)
    counts = term_counts(docs, terms, index="name")
    months = [d.metadata["date"][:7] for d in docs]
    for (period, term), row in tidy.set_index(["period", "term"]).iterrows():
        in_month = [i for i, m in enumerate(months) if m == period.strftime("%Y-%m")]
        col = counts[term].tolist()
        chars = sum(len(docs[i].text) for i in in_month)
        assert row["count"] == sum(col[i] for i in in_month)
        assert row["documents"] == sum(1 for i in in_month if col[i])
        assert row["chars"] == chars and row["period_documents"] == len(in_month)
        assert row["rate"] == pytest.approx(row["count"] * 10_000 / chars)
    assert len(tidy) == 3 * len(terms)
    listed = term_trajectories(docs, terms, freq="M")
    assert listed.equals(tidy)


def test_trajectories_without_freq_and_without_zeros(xwlb):
    corpus = _month(xwlb, "2021-11")
    wide = term_trajectories(corpus, ["两个确立"])
    assert len(wide) == len(corpus) and wide.index.name == "date"
    assert wide.equals(term_trajectories(list(corpus), ["两个确立"]))
    days = corpus.term_trajectories(["两个确立", "不在记录里的词"], freq="D", zeros=False)
    assert set(days["term"].astype(str)) == {"两个确立"} and (days["count"] > 0).all()
    every = corpus.term_trajectories(freq="Y")  # every lexicon term that occurs, most frequent first
    assert every["count"].is_monotonic_decreasing and (every["count"] > 0).all()


def test_dated_pass_on_processes_is_identical(xwlb):
    corpus = _month(xwlb, "2021-11")
    terms = [e.term for e in pt.Lexicon.default()][:300]
    assert corpus.first_seen(terms, processes=2).equals(corpus.first_seen(terms))
    assert corpus.term_trajectories(terms, freq="D", processes=2).equals(corpus.term_trajectories(terms, freq="D"))


def test_run_options_need_a_corpus():
    docs = [pt.parse("要发展新质生产力。", metadata={"date": "2024-01-02"})]
    with pytest.raises(InvalidParameterError, match="only apply to a Corpus"):
        first_seen(docs, ["新质生产力"], processes=2)
    with pytest.raises(InvalidParameterError, match="freq"):
        term_trajectories(docs, ["新质生产力"], freq="W")


def test_text_only_workers_raise_the_same_errors(tmp_path):
    (tmp_path / "a.txt").write_text("要发展新质生产力。", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    corpus = pt.Corpus.from_folder(tmp_path)
    with pytest.warns(pt.corpus.CorpusWarning, match="b: skipped"):
        fs = corpus.first_seen(["新质生产力"])
    assert fs["document"].tolist() == ["a"] and [e.name for e in corpus.errors] == ["b"]
    assert read_text(tmp_path / "a.txt") == corpus["a"].text


# -- Dask -------------------------------------------------------------------------------------------


def _texts() -> pt.Corpus:
    return pt.Corpus(["要发展新质生产力，深化改革。", "新质生产力。推进改革。", "要坚持党的领导。"],
                     metadata=[{"date": "2024-01-02"}, {"date": "2023-09-08"}, {"date": "2023-01-01"}])


def test_lazy_results():
    pytest.importorskip("dask")
    corpus = _texts()
    lazy = corpus.term_frequencies(compute=False)
    assert type(lazy).__name__ == "Delayed"
    assert lazy.compute(scheduler="sync").equals(corpus.term_frequencies())
    frame = corpus.term_trajectories(["新质生产力", "改革"], freq="Y", compute=False)
    assert type(frame).__module__.startswith("dask.dataframe")
    assert frame.compute(scheduler="sync").reset_index(drop=True).equals(
        corpus.term_trajectories(["新质生产力", "改革"], freq="Y"))
    with pytest.raises(InvalidParameterError, match="needs freq"):
        corpus.term_trajectories(["改革"], compute=False)


def test_lazy_result_skips_a_broken_document():
    pytest.importorskip("dask")
    corpus = pt.Corpus(["要深化改革。", "   "])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        tf = corpus.term_frequencies(compute=False).compute(scheduler="sync")
    assert tf.index.tolist() == ["doc0"] and any("doc1: skipped" in str(w.message) for w in caught)


def test_the_active_client_is_used(monkeypatch):
    distributed = pytest.importorskip("distributed")
    corpus = _texts()
    expected = corpus.term_frequencies(processes=1)
    calls = []
    real = _parallel._on_dask

    def spy(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(_parallel, "_on_dask", spy)
    with distributed.Client(processes=False, n_workers=1, threads_per_worker=1, dashboard_address=":0"):
        assert corpus.term_frequencies().equals(expected) and calls == [1]
        assert corpus.term_frequencies(processes=1).equals(expected) and calls == [1]  # 1: here, serially
    assert corpus.term_frequencies().equals(expected) and calls == [1]  # no client running any more


def test_from_frame_takes_a_dask_dataframe():
    dd = pytest.importorskip("dask.dataframe")
    import pandas as pd

    frame = pd.DataFrame({"text": ["要发展新质生产力。", "新质生产力。", "要学习。", "要落实。"],
                          "date": ["2024-01-02", "2023-09-08", "2023-01-01", "2022-05-06"],
                          "kind": ["news"] * 4})
    lazy = pt.Corpus.from_frame(dd.from_pandas(frame, npartitions=3))
    eager = pt.Corpus.from_frame(frame)
    assert lazy.names == eager.names == ["doc3", "doc2", "doc1", "doc0"]
    assert lazy.metadata.equals(eager.metadata)
    assert lazy.first_seen(["新质生产力"]).equals(eager.first_seen(["新质生产力"]))
    with pytest.raises(InvalidParameterError, match="dask DataFrame"):
        pt.Corpus.from_frame([{"text": "要学习。"}])


def test_term_history_is_first_seen_and_trajectories_in_one_pass(xwlb):
    corpus = _month(xwlb, "2021-11")
    terms = ["两个确立", "新时代", "共同富裕"]
    first, by_day = corpus.term_history(terms, freq="D")
    assert first.equals(corpus.first_seen(terms))
    assert by_day.equals(corpus.term_trajectories(terms, freq="D"))
    first, by_year = corpus.term_history(freq="Y")  # every lexicon term that occurs
    assert first.equals(corpus.first_seen()) and by_year.equals(corpus.term_trajectories(freq="Y"))


def test_trajectory_examples_are_the_first_use_of_each_period(xwlb):
    corpus = _month(xwlb, "2021-11")
    terms = ["两个确立", "新时代"]
    fast = corpus.term_trajectories(terms, freq="D", examples=True, processes=1)
    docs = list(corpus)
    assert fast.equals(term_trajectories(docs, terms, freq="D", examples=True))
    by_name = {d.metadata["name"]: d for d in docs}
    first = corpus.first_seen(terms).set_index("term")
    for term in terms:
        row = fast[(fast["term"] == term) & (fast["count"] > 0)].iloc[0]
        assert term in row["example"] and row["example"] in by_name[first.loc[term, "document"]].text
    assert fast.loc[fast["count"] == 0, "example"].isna().all()
    monthly = corpus.term_trajectories(terms, freq="M", examples=True, processes=2)
    assert monthly["example"].tolist() == [fast[(fast["term"] == t) & (fast["count"] > 0)].iloc[0]["example"]
                                           for t in terms]


def test_a_record_kept_in_year_folders_is_read_without_a_pattern(tmp_path):
    """Default pattern: top-level .txt files, or every .txt below when the folder has them only in subfolders."""
    import policytext as pt

    for sub, name, text in (("2021", "20211115.txt", "两个确立。"), ("2022", "20220305.txt", "新征程。")):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / name).write_text(text, encoding="utf-8")
    (tmp_path / "metadata.tsv").write_text("file\tdate\n2021/20211115.txt\t2021-11-15\n2022/20220305.txt\t2022-03-05\n",
                                          encoding="utf-8")
    corpus = pt.Corpus.from_folder(tmp_path)
    assert corpus.names == ["2021/20211115", "2022/20220305"]
    assert [str(d.date()) for d in corpus.metadata["date"]] == ["2021-11-15", "2022-03-05"]
    (tmp_path / "top.txt").write_text("要学习。", encoding="utf-8")  # a top-level file: only those, as before
    assert pt.Corpus.from_folder(tmp_path).names == ["top"]
    assert len(pt.Corpus.from_folder(tmp_path, pattern="**/*.txt")) == 3
