"""The fifth, blind task / not-task label set (``tests/data/task_labels_fifth.tsv``, issue 15 item 6).

The file stores references only (file, offset, md5 — never the text). Its rows are drawn by
``benchmarks/_task_fifth.py`` from 新闻联播 items of days the fourth set does not use, the 决定 and reports of
``../shared/corpora`` and ``../shared/headed`` pages that are not the fourth set's; no sentence of the four earlier
sets is among them. ``benchmarks/eval_tasks.py --set fifth`` reads them; when ``../shared`` is present every row
must be found.
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
FIFTH = DATA / "task_labels_fifth.tsv"
EARLIER = ("task_labels.tsv", "task_labels_fresh.tsv", "task_labels_third.tsv", "task_labels_fourth.tsv")
SHARED = Path(os.environ.get("POLICYTEXT_SHARED", REPO.parent / "shared"))
CORPORA = {"plenum_20_3_decision.txt", "plenum_20_4_decision_fyp15_proposal.txt",
           "cc_decision_study_20th_congress_2022.txt", "congress_19_report.txt", "congress_20_report.txt",
           "gwr_2021.txt", "gwr_2022.txt", "gwr_2024.txt"}


def _rows(path: Path = FIFTH) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def _benchmarks():
    """``_task_fourth``, ``_task_fifth`` and ``eval_tasks`` from benchmarks/ (not a package)."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import _task_fifth
        import _task_fourth
        import eval_tasks
    finally:
        sys.path.pop(0)
    return _task_fourth, _task_fifth, eval_tasks


def _need_shared() -> None:
    for folder in ("xwlb", "corpora", "headed"):
        if not (SHARED / folder).is_dir():
            pytest.skip(f"shared folder {folder} not found at {SHARED} (set POLICYTEXT_SHARED)")


def test_fifth_label_file_references_sentences_of_three_sources_without_copying_them():
    rows = _rows()
    assert list(rows[0]) == ["file", "folder", "offset", "md5", "label", "genre", "note"]
    assert len(rows) == 300
    assert all(re.fullmatch(r"[0-9a-f]{32}", r["md5"]) and r["label"] in ("0", "1") and r["offset"].isdigit()
               for r in rows)
    assert not any(re.search(r"[\u4e00-\u9fff]", "".join(r.values())) for r in rows)  # no text stored
    assert len({(r["file"], r["folder"], r["offset"]) for r in rows}) == len(rows)
    assert len({r["md5"] for r in rows}) == len(rows)
    by_source = Counter(r["folder"] for r in rows)
    assert by_source == {"xwlb": 120, "corpora": 60, "headed": 120}
    news = [r for r in rows if r["folder"] == "xwlb"]
    assert all(re.fullmatch(r"(20\d\d)/\1\d{4}\.txt#\d+", r["file"]) for r in news)
    assert set(Counter(r["file"] for r in news).values()) == {2}
    assert Counter(r["genre"] for r in news) == {f"news_{k}": 24 for k in
                                                 ("meeting", "policy", "inspection", "speech", "achievement")}
    assert {r["file"][:4] for r in news} == {str(y) for y in range(2013, 2026)}
    corpora = [r for r in rows if r["folder"] == "corpora"]
    assert {r["file"] for r in corpora} == CORPORA  # the 决定 and reports, no communiqué
    assert set(Counter(r["file"] for r in corpora).values()) <= {7, 8}
    assert {r["genre"] for r in corpora} == {"decision", "congress_report", "work_report"}
    headed = [r for r in rows if r["folder"] == "headed"]
    assert max(Counter(r["file"] for r in headed).values()) <= 4
    assert {r["genre"] for r in headed} == {"plan", "notice", "duty_report", "study", "speech", "essay"}
    assert 0.2 < sum(r["label"] == "1" for r in rows) / len(rows) < 0.7
    # a doubt is written in the labeller's words, never as a copy of the sentence
    assert all(len(r["note"] or "") <= 120 for r in rows)


def test_fifth_labels_are_disjoint_from_all_four_sets_and_from_the_fourth_sets_days_and_pages():
    earlier = [r for name in EARLIER for r in _rows(DATA / name)]
    rows = _rows()
    assert not {r["md5"] for r in rows} & {r["md5"] for r in earlier}
    assert not {(r["file"], r["md5"]) for r in rows} & {(r["file"], r["md5"]) for r in earlier}
    fourth = _rows(DATA / "task_labels_fourth.tsv")
    fourth_days = {r["file"].partition("#")[0] for r in fourth if r["folder"] == "xwlb"}
    fourth_pages = {r["file"] for r in fourth if r["folder"] == "headed"}
    assert fourth_days and fourth_pages
    assert not {r["file"].partition("#")[0] for r in rows if r["folder"] == "xwlb"} & fourth_days
    assert not {r["file"] for r in rows if r["folder"] == "headed"} & fourth_pages


@given(st.text(alphabet="方案通知述职学习材料每周一学讲话爱情关于课表趣味实验年度", max_size=20),
       st.lists(st.sampled_from(["同志们：", "同志们，我们……", "学习材料", "一、总体要求"]), max_size=5))
def test_fifth_genre_keeps_the_fourth_genres_and_adds_printed_speeches_and_essays(title, lines):
    _task_fourth, _task_fifth, _ = _benchmarks()
    text = "\n".join(lines)
    genre = _task_fifth.fifth_genre(title, text)
    before = _task_fourth.headed_genre(title)
    assert genre is None or genre in _task_fifth.FIFTH_GENRES
    if before is not None and before != "study":
        assert genre == before
    if before == "study":
        addressed = sum(ln.startswith("同志们") for ln in lines)
        assert genre == ("speech" if addressed >= 2 else "study")
    if before is None:
        assert (genre == "essay") == (_task_fifth._NOT_ESSAY.search(title) is None)


def _item(eval_tasks, file: str, label: bool, ours: bool):
    it = eval_tasks.Item(file, "headed", 0, "0" * 32, label, "plan", text=f"sentence of {file}", ours=ours,
                         base=label, found="md5")
    return it


@pytest.mark.parametrize("chosen", ["all", "fifth"])
def test_the_fifth_sets_errors_are_listed_only_when_the_fifth_set_is_asked_for(chosen):
    _, _, eval_tasks = _benchmarks()
    items = [_item(eval_tasks, f"doc{i}.txt", label=i % 2 == 0, ours=i % 3 == 0) for i in range(12)]
    args = argparse.Namespace(errors=True, set=chosen)
    out = io.StringIO()
    with redirect_stdout(out):
        eval_tasks.run_set("fifth", items, ["all"], args, by_source=True)
    text = out.getvalue()
    assert "== fifth: by source (all)" in text
    if chosen == "fifth":
        assert "== fifth: false positives (2)" in text and "== fifth: false negatives (4)" in text
        assert "sentence of doc3.txt" in text
    else:
        assert "errors are listed only with --set fifth" in text
        assert "false positives" not in text and "sentence of doc" not in text


def test_every_fifth_row_is_located_by_its_md5():
    _need_shared()
    _task_fourth, _, eval_tasks = _benchmarks()
    items = eval_tasks.read_labels(eval_tasks.FIFTH)
    assert len(items) == len(_rows())
    docs: dict[tuple[str, str], object] = {}
    for it in items:
        key = (it.folder, it.file)
        if key not in docs:
            docs[key] = _task_fourth.document(it.folder, it.file)
        sentence = eval_tasks.locate(docs[key], it)
        assert it.found == "md5" and sentence is not None, f"{it.folder}/{it.file}@{it.offset} not found"


def test_eval_tasks_reports_the_fifth_set_by_source(monkeypatch):
    _need_shared()
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("the baseline is read with git show: needs git and the repository")
    _, _, eval_tasks = _benchmarks()
    monkeypatch.setattr(sys, "argv", ["eval_tasks.py", "--set", "fifth"])
    out = io.StringIO()
    with redirect_stdout(out):
        eval_tasks.main()
    text = out.getvalue()
    n = len(_rows())
    assert f"#### fifth set: {n} labels; found by md5 {n}, by offset 0, missing 0" in text
    assert "== fifth: by source (all)" in text
    for source in ("xwlb", "corpora", "headed"):
        assert re.search(rf"^  {source} +n=", text, re.M), source
    assert "#### fourth set" not in text and "#### dev set" not in text
