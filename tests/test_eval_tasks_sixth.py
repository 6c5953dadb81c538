"""The sixth, blind task / not-task label set (``tests/data/task_labels_sixth.tsv``, issue 15 item 6).

The file stores references only (file, offset, md5 — never the text). Its rows are drawn by
``benchmarks/_task_sixth.py`` from 新闻联播 items of days neither the fourth nor the fifth set uses,
``../shared/headed`` pages that are neither set's and the documents of ``../shared/corpora``; in corpora and headed
pages a sentence is at least five sentences away from any sentence of the five earlier sets.
``benchmarks/eval_tasks.py --set sixth`` reads them; when ``../shared`` is present every row must be found.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import re
import shutil
import sys
from collections import Counter
from contextlib import redirect_stdout
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data"
SIXTH = DATA / "task_labels_sixth.tsv"
EARLIER = ("task_labels.tsv", "task_labels_fresh.tsv", "task_labels_third.tsv", "task_labels_fourth.tsv",
           "task_labels_fifth.tsv")
SHARED = Path(os.environ.get("POLICYTEXT_SHARED", REPO.parent / "shared"))


def _rows(path: Path = SIXTH) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def _benchmarks():
    """``_task_fourth``, ``_task_sixth`` and ``eval_tasks`` from benchmarks/ (not a package)."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import _task_fourth
        import _task_sixth
        import eval_tasks
    finally:
        sys.path.pop(0)
    return _task_fourth, _task_sixth, eval_tasks


def _need_shared() -> None:
    for folder in ("xwlb", "corpora", "headed"):
        if not (SHARED / folder).is_dir():
            pytest.skip(f"shared folder {folder} not found at {SHARED} (set POLICYTEXT_SHARED)")


def test_sixth_label_file_references_sentences_of_three_sources_without_copying_them():
    rows = _rows()
    assert list(rows[0]) == ["file", "folder", "offset", "md5", "label", "genre", "note"]
    assert len(rows) == 300
    assert all(re.fullmatch(r"[0-9a-f]{32}", r["md5"]) and r["label"] in ("0", "1") and r["offset"].isdigit()
               for r in rows)
    assert not any(re.search(r"[\u4e00-\u9fff]", "".join(r.values())) for r in rows)  # no text stored
    assert len({(r["file"], r["folder"], r["offset"]) for r in rows}) == len(rows)
    assert len({r["md5"] for r in rows}) == len(rows)
    assert Counter(r["folder"] for r in rows) == {"xwlb": 130, "headed": 130, "corpora": 40}
    news = [r for r in rows if r["folder"] == "xwlb"]
    assert all(re.fullmatch(r"(20\d\d)/\1\d{4}\.txt#\d+", r["file"]) for r in news)
    assert set(Counter(r["file"] for r in news).values()) == {2}
    assert Counter(r["genre"] for r in news) == {f"news_{k}": 26 for k in
                                                 ("meeting", "policy", "inspection", "speech", "achievement")}
    assert {r["file"][:4] for r in news} == {str(y) for y in range(2013, 2026)}
    headed = [r for r in rows if r["folder"] == "headed"]
    assert all(re.fullmatch(r"sx_\d+\.txt", r["file"]) for r in headed)
    assert max(Counter(r["file"] for r in headed).values()) <= 4
    assert {r["genre"] for r in headed} == {"plan", "notice", "essay", "study"}  # no speech or duty report is left
    corpora = [r for r in rows if r["folder"] == "corpora"]
    per_doc = Counter(r["file"] for r in corpora)
    assert len(per_doc) >= 15 and max(per_doc.values()) <= 3  # spread over the documents
    assert {r["genre"] for r in corpora} <= {"communique", "decision", "congress_report", "work_report",
                                              "party_plan", "reference"}
    assert 0.2 < sum(r["label"] == "1" for r in rows) / len(rows) < 0.7
    assert all(len(r["note"] or "") <= 120 for r in rows)  # a doubt in the labeller's words


def test_sixth_labels_are_disjoint_from_all_five_sets_and_from_the_fourth_and_fifth_days_and_pages():
    earlier = [r for name in EARLIER for r in _rows(DATA / name)]
    rows = _rows()
    assert not {r["md5"] for r in rows} & {r["md5"] for r in earlier}
    before = [r for name in ("task_labels_fourth.tsv", "task_labels_fifth.tsv") for r in _rows(DATA / name)]
    days = {r["file"].partition("#")[0] for r in before if r["folder"] == "xwlb"}
    pages = {r["file"] for r in before if r["folder"] == "headed"}
    assert len(days) > 100 and len(pages) > 50
    assert not {r["file"].partition("#")[0] for r in rows if r["folder"] == "xwlb"} & days
    assert not {r["file"] for r in rows if r["folder"] == "headed"} & pages


class _S:
    def __init__(self, text: str, start: int) -> None:
        self.text, self.start, self.end = text, start, start + len(text)


@given(st.integers(1, 40), st.sets(st.integers(0, 39), max_size=6), st.integers(1, 8))
def test_far_from_keeps_exactly_the_sentences_at_least_distance_away_from_every_mark(n, marked, distance):
    _, _task_sixth, _ = _benchmarks()
    sents = [_S(f"sentence {i}", 20 * i) for i in range(n)]
    hits = {i for i in marked if i < n}
    marks = [(sents[i].start + 3, _task_sixth.md5(sents[i].text)) for i in hits]
    far = _task_sixth.far_from(sents, marks, distance)
    assert far == {i for i in range(n) if all(abs(i - h) >= distance for h in hits)}
    # a mark whose md5 is not in the document falls back to the sentence holding its offset
    unknown = [(sents[i].start + 3, "0" * 32) for i in hits]
    assert _task_sixth.far_from(sents, unknown, distance) == far


def _item(eval_tasks, file: str, label: bool, ours: bool):
    return eval_tasks.Item(file, "headed", 0, "0" * 32, label, "plan", text=f"sentence of {file}", ours=ours,
                           base=label, found="md5")


@pytest.mark.parametrize("chosen", ["all", "fifth", "sixth"])
def test_the_sixth_sets_errors_are_listed_only_when_the_sixth_set_is_asked_for(chosen):
    _, _, eval_tasks = _benchmarks()
    assert "sixth" in eval_tasks.BLIND and {"fourth", "fifth"} <= set(eval_tasks.BLIND)
    items = [_item(eval_tasks, f"doc{i}.txt", label=i % 2 == 0, ours=i % 3 == 0) for i in range(12)]
    args = argparse.Namespace(errors=True, set=chosen)
    out = io.StringIO()
    with redirect_stdout(out):
        eval_tasks.run_set("sixth", items, ["all"], args, by_source=True)
    text = out.getvalue()
    assert "== sixth: by source (all)" in text
    if chosen == "sixth":
        assert "== sixth: false positives (2)" in text and "== sixth: false negatives (4)" in text
        assert "sentence of doc3.txt" in text
    else:
        assert "errors are listed only with --set sixth" in text
        assert "false positives" not in text and "sentence of doc" not in text


def test_sixth_rows_are_located_by_md5_and_far_from_every_earlier_label():
    _need_shared()
    _task_fourth, _task_sixth, eval_tasks = _benchmarks()
    items = eval_tasks.read_labels(eval_tasks.SIXTH)
    assert len(items) == len(_rows())
    marks = _task_sixth.labelled_rows()
    docs: dict[tuple[str, str], object] = {}
    for it in items:
        key = (it.folder, it.file)
        if key not in docs:
            docs[key] = _task_fourth.document(it.folder, it.file)
        sentence = eval_tasks.locate(docs[key], it)
        assert it.found == "md5" and sentence is not None, f"{it.folder}/{it.file}@{it.offset} not found"
        if it.folder != "xwlb":
            sents = docs[key].sentences
            far = _task_sixth.far_from(sents, marks.get(key, ()))
            assert sents.index(sentence) in far, f"{it.file}@{it.offset} is near a labelled sentence"


def test_eval_tasks_reports_the_sixth_set_by_source(monkeypatch):
    _need_shared()
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("the baseline is read with git show: needs git and the repository")
    _, _, eval_tasks = _benchmarks()
    monkeypatch.setattr(sys, "argv", ["eval_tasks.py", "--set", "sixth"])
    out = io.StringIO()
    with redirect_stdout(out):
        eval_tasks.main()
    text = out.getvalue()
    n = len(_rows())
    assert f"#### sixth set: {n} labels; found by md5 {n}, by offset 0, missing 0" in text
    assert "== sixth: by source (all)" in text
    for source in ("xwlb", "corpora", "headed"):
        assert re.search(rf"^  {source} +n=", text, re.M), source
    assert "#### fifth set" not in text and "#### dev set" not in text
    assert "false positives" not in text  # no --errors: a blind set's errors stay unprinted
