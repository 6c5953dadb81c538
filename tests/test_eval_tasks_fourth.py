"""The fourth, blind task / not-task label set (``tests/data/task_labels_fourth.tsv``, issue 15 item 6).

The file stores references only (file, offset, md5 — never the text). Its rows are drawn by
``benchmarks/_task_fourth.py`` from 新闻联播 items, plenum communiqués and ``../shared/headed`` pages, and
``benchmarks/eval_tasks.py --set fourth`` reads them; when ``../shared`` is present every row must be found.
"""

from __future__ import annotations

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
FOURTH = DATA / "task_labels_fourth.tsv"
SHARED = Path(os.environ.get("POLICYTEXT_SHARED", REPO.parent / "shared"))


def _rows(path: Path = FOURTH) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def _benchmarks():
    """``_task_fourth`` and ``eval_tasks`` from benchmarks/ (not a package)."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import _task_fourth
        import eval_tasks
    finally:
        sys.path.pop(0)
    return _task_fourth, eval_tasks


def _need_shared() -> None:
    for folder in ("xwlb", "corpora", "headed"):
        if not (SHARED / folder).is_dir():
            pytest.skip(f"shared folder {folder} not found at {SHARED} (set POLICYTEXT_SHARED)")


def test_fourth_label_file_references_sentences_of_three_sources_without_copying_them():
    rows = _rows()
    assert list(rows[0]) == ["file", "folder", "offset", "md5", "label", "genre", "note"]
    assert 280 <= len(rows) <= 320
    assert all(re.fullmatch(r"[0-9a-f]{32}", r["md5"]) and r["label"] in ("0", "1") and r["offset"].isdigit()
               for r in rows)
    assert not any(re.search(r"[\u4e00-\u9fff]", "".join(r.values())) for r in rows)  # no text stored
    assert len({(r["file"], r["folder"], r["offset"]) for r in rows}) == len(rows)
    by_source = Counter(r["folder"] for r in rows)
    assert by_source["xwlb"] == 120 and by_source["headed"] == 120 and 55 <= by_source["corpora"] <= 65
    assert set(by_source) == {"xwlb", "corpora", "headed"}
    # news items: YYYY/YYYYMMDD.txt#N, at most 2 sentences each, five kinds, years 2013-2025
    news = [r for r in rows if r["folder"] == "xwlb"]
    assert all(re.fullmatch(r"(20\d\d)/\1\d{4}\.txt#\d+", r["file"]) for r in news)
    assert max(Counter(r["file"] for r in news).values()) <= 2
    assert {r["genre"] for r in news} == {f"news_{k}" for k in
                                         ("meeting", "policy", "inspection", "speech", "achievement")}
    assert {r["file"][:4] for r in news} == {str(y) for y in range(2013, 2026)}
    # communiqués and headed pages: at most 5 / 4 sentences each, the headed genres of the brief
    assert all(re.fullmatch(r"plenum_\d+_\d+_communique\.txt", r["file"]) for r in rows if r["folder"] == "corpora")
    assert max(Counter(r["file"] for r in rows if r["folder"] == "corpora").values()) <= 5
    assert max(Counter(r["file"] for r in rows if r["folder"] == "headed").values()) <= 4
    assert {r["genre"] for r in rows if r["folder"] == "headed"} == {"plan", "notice", "duty_report", "study",
                                                                     "speech"}
    assert 0.2 < sum(r["label"] == "1" for r in rows) / len(rows) < 0.7


def test_fourth_labels_are_not_in_any_earlier_label_set():
    earlier = {(r["file"], r["md5"]) for name in ("task_labels.tsv", "task_labels_fresh.tsv", "task_labels_third.tsv")
               for r in _rows(DATA / name)}
    assert not {(r["file"], r["md5"]) for r in _rows()} & earlier


@given(st.lists(st.text(alphabet="新闻联播会议强调要。，\n 1", min_size=1, max_size=30)
                .map(lambda t: t.strip("\n \u3000")).filter(lambda t: t and "\n\n" not in t
                                                            and not re.search(r"\n[ \t]*\n", t)),
                min_size=1, max_size=6))
def test_split_items_returns_the_blocks_between_blank_lines(blocks):
    _task_fourth, _ = _benchmarks()
    assert _task_fourth.split_items("\n\n".join(blocks)) == blocks
    assert _task_fourth.split_items("\n \n\n".join(blocks) + "\n") == blocks


def test_every_fourth_row_is_located_by_its_md5():
    _need_shared()
    _task_fourth, eval_tasks = _benchmarks()
    items = eval_tasks.read_labels(eval_tasks.FOURTH)
    assert len(items) == len(_rows())
    docs: dict[tuple[str, str], object] = {}
    for it in items:
        key = (it.folder, it.file)
        if key not in docs:
            docs[key] = _task_fourth.document(it.folder, it.file)
        sentence = eval_tasks.locate(docs[key], it)
        assert it.found == "md5" and sentence is not None, f"{it.folder}/{it.file}@{it.offset} not found"
    # a 新闻联播 item is its own document: its title line is (as a rule) the document's title, and no other
    # item of the day is in it
    titled = 0
    news = sorted({it.file for it in items if it.folder == "xwlb"})
    for file in news:
        day, _, n = file.partition("#")
        item = _task_fourth.split_items((SHARED / "xwlb" / day).read_text(encoding="utf-8"))[int(n)]
        doc = docs[("xwlb", file)]
        titled += doc.title == item.split("\n")[0].strip()
        assert len(doc.text) <= len(item) + 10
    assert titled >= 0.9 * len(news), (titled, len(news))


def test_eval_tasks_reports_the_fourth_set_by_source(monkeypatch):
    _need_shared()
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("the baseline is read with git show: needs git and the repository")
    _, eval_tasks = _benchmarks()
    monkeypatch.setattr(sys, "argv", ["eval_tasks.py", "--set", "fourth"])
    out = io.StringIO()
    with redirect_stdout(out):
        eval_tasks.main()
    text = out.getvalue()
    n = len(_rows())
    assert f"#### fourth set: {n} labels; found by md5 {n}, by offset 0, missing 0" in text
    assert "== fourth: by source (all)" in text
    for source in ("xwlb", "corpora", "headed"):
        assert re.search(rf"^  {source} +n=", text, re.M), source
    assert "#### dev set" not in text and "#### third set" not in text
