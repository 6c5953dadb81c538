"""The fifth, blind set of task / not-task labels (issue 15 item 6): how its sentences were drawn.

The fourth set (``benchmarks/_task_fourth.py``) is now read to tune
``Sentence.is_task``, so its figure is no longer held out. The fifth set,
``tests/data/task_labels_fifth.tsv``, is drawn the same way (this module
reuses the fourth's helpers) from documents the tuner does not read, and
labelled by reading before ``is_task`` is run on any of them:

* ``xwlb`` — 新闻联播 items of days that are not among the fourth set's news
  days, one random day from each year in turn; :data:`ITEMS_PER_KIND` items
  of each kind (:func:`_task_fourth.news_kind`), :data:`PER_ITEM` sentences
  each. An item (its title line and its text) is parsed alone; a row's
  ``file`` is ``YYYY/YYYYMMDD.txt#N``.
* ``corpora`` — the documents of ``../shared/corpora`` in :data:`CORPORA`
  (the two 决定, the 20th-congress study decision, the 19th and 20th congress
  reports, the government work reports), :data:`CORPORA` sentences each.
* ``headed`` — pages of ``../shared/headed`` that are not among the fourth
  set's pages, at most :data:`PER_HEADED` sentences per page, stratified over
  the genres of :func:`fifth_genre` (the fourth's genres of the MANIFEST
  title, speeches printed in study materials, and essays).

Sentences already in any earlier set (dev, fresh, third, fourth) are never
drawn: neither their ``(file, md5)`` nor their md5 alone. A body sentence is
as in the fourth set (:func:`_task_fourth.body_sentences`). Everything is
drawn with one ``random.Random(SEED)``; ``python benchmarks/_task_fifth.py
--check`` redraws and compares with the stored rows.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _evalkit import REPO, shared
from _task_fourth import (
    EARLIER,
    FOURTH,
    NEWS_KINDS,
    YEARS,
    Row,
    _sample,
    headed_genre,
    labelled,
    md5,
    news_kind,
    split_items,
    stored,
)

import policytext as pt

FIFTH = REPO / "tests" / "data" / "task_labels_fifth.tsv"
#: Every set drawn before this one: its sentences are never drawn again.
BEFORE = [*EARLIER, FOURTH]
SEED = 20260716
ITEMS_PER_KIND = 12
PER_ITEM = 2
#: Sentences per document of ../shared/corpora (60 in all).
CORPORA = {
    "plenum_20_3_decision.txt": 8,
    "plenum_20_4_decision_fyp15_proposal.txt": 8,
    "cc_decision_study_20th_congress_2022.txt": 7,
    "congress_19_report.txt": 8,
    "congress_20_report.txt": 8,
    "gwr_2021.txt": 7,
    "gwr_2022.txt": 7,
    "gwr_2024.txt": 7,
}
#: Headed genres; speeches and duty reports give what their pages hold, the others share the rest of the quota.
FIFTH_GENRES = ("speech", "duty_report", "plan", "notice", "study", "essay")
HEADED_QUOTA = 120
PER_HEADED = 4
#: Pages of no genre of the fourth whose title says they are not essays (notices cut short, forwarded 意见,
#: timetables, reminders, rules, Q&A, leaflets, admissions, events, obituaries).
_NOT_ESSAY = re.compile(r"关于|转发|课表|提醒|须知|要\s*求|答疑|资料|说明|招生|交流团|峰会|悼念")
#: A speech printed in a study material: lines that address the audience.
_ADDRESS = re.compile(r"^同志们[：，！]", re.M)


def fifth_genre(title: str, text: str) -> str | None:
    """The stratum of a ``../shared/headed`` page: the fourth's genre, a printed speech, or an essay.

    A study material that prints a speech (two lines or more open with
    同志们) is a speech; a page of no genre whose title does not say it is
    something else (:data:`_NOT_ESSAY`) is an essay (articles, essays,
    profiles, letters).

    >>> fifth_genre("2021年绍兴一中高一新生军训方案", "")
    'plan'
    >>> fifth_genre("每周一学（2022年6月27日——7月3日）", "同志们：\\n……\\n同志们，我们……")
    'speech'
    >>> fifth_genre("每周一学（2022年6月27日——7月3日）", "学习材料")
    'study'
    >>> fifth_genre("中学生应该如何对待爱情", "")
    'essay'
    >>> fifth_genre("高三首考前临时课表", "") is None
    True
    """
    genre = headed_genre(title)
    if genre == "study" and len(_ADDRESS.findall(text)) >= 2:
        return "speech"
    if genre is None and not _NOT_ESSAY.search(title):
        return "essay"
    return genre


def fourth_days_and_pages() -> tuple[set[str], set[str]]:
    """The 新闻联播 days (``YYYY/YYYYMMDD.txt``) and the headed pages of the fourth set."""
    rows = stored(FOURTH)
    return ({f.partition("#")[0] for f, folder, *_ in rows if folder == "xwlb"},
            {f for f, folder, *_ in rows if folder == "headed"})


def draw_news(rng: random.Random, skip_days: set[str], skip: set[str]) -> list[Row]:
    """:data:`ITEMS_PER_KIND` items per kind, :data:`PER_ITEM` sentences each, one random day per year in turn.

    Days in ``skip_days`` and sentences whose md5 is in ``skip`` are never drawn.
    """
    days = {y: sorted(p.relative_to(shared("xwlb")).as_posix() for p in (shared("xwlb") / str(y)).glob("*.txt"))
            for y in YEARS}
    days = {y: [d for d in ds if d not in skip_days] for y, ds in days.items()}
    need = dict.fromkeys(NEWS_KINDS, ITEMS_PER_KIND)
    out: list[Row] = []
    seen: set[str] = set()
    while any(need.values()):
        for year in YEARS:
            day = rng.choice(days[year])
            items = split_items((shared("xwlb") / day).read_text(encoding="utf-8"))
            for n in rng.sample(range(len(items)), len(items)):
                kind = news_kind(items[n])
                key = f"{day}#{n}"
                if kind is None or not need[kind] or key in seen:
                    continue
                picked = _sample(rng, pt.parse(items[n]), PER_ITEM, skip)
                if len(picked) < PER_ITEM:
                    continue
                seen.add(key)
                need[kind] -= 1
                out += [(key, "xwlb", s.start, md5(s.text), f"news_{kind}") for s in picked]
                break
            if not any(need.values()):
                break
    return out


def draw_corpora(rng: random.Random, skip: set[str]) -> list[Row]:
    """:data:`CORPORA` sentences of each of its documents, none already labelled."""
    out: list[Row] = []
    for name, k in CORPORA.items():
        doc = pt.parse((shared("corpora") / name).read_text(encoding="utf-8"))
        kind = "decision" if "decision" in name else "congress_report" if "congress" in name else "work_report"
        out += [(name, "corpora", s.start, md5(s.text), kind) for s in _sample(rng, doc, k, skip)]
    return out


def headed_pages(skip_pages: set[str]) -> dict[str, list[str]]:
    """Pages of ``../shared/headed`` by :func:`fifth_genre`, name order, without ``skip_pages``."""
    with (shared("headed") / "MANIFEST.tsv").open(encoding="utf-8") as fh:
        titles = {r["file"]: r["title"] for r in csv.DictReader(fh, delimiter="\t")}
    pages: dict[str, list[str]] = {g: [] for g in FIFTH_GENRES}
    for file in sorted(titles):
        if file in skip_pages:
            continue
        genre = fifth_genre(titles[file], (shared("headed") / file).read_text(encoding="utf-8"))
        if genre is not None:
            pages[genre].append(file)
    return pages


def draw_headed(rng: random.Random, skip_pages: set[str], skip: set[str]) -> list[Row]:
    """:data:`HEADED_QUOTA` sentences of headed pages over :data:`FIFTH_GENRES`, :data:`PER_HEADED` a page.

    Speeches and duty reports (few pages are left) give what their pages
    hold; the rest of the quota is shared evenly by the other genres. Pages
    of a genre are taken in random order.
    """
    pages = headed_pages(skip_pages)
    whole = ("speech", "duty_report")
    out: list[Row] = []
    left = HEADED_QUOTA
    shares = len(FIFTH_GENRES) - len(whole)
    for genre in FIFTH_GENRES:
        quota = left if genre in whole else left // shares
        got: list[Row] = []
        for file in rng.sample(pages[genre], len(pages[genre])):
            if genre not in whole and len(got) >= quota:
                break
            doc = pt.parse((shared("headed") / file).read_text(encoding="utf-8"))
            k = PER_HEADED if genre in whole else min(PER_HEADED, quota - len(got))
            got += [(file, "headed", s.start, md5(s.text), genre) for s in _sample(rng, doc, k, skip)]
        out += got
        left -= len(got)
        shares -= genre not in whole
    return out


def draw_fifth(seed: int = SEED) -> list[Row]:
    """The whole draw: news items, then corpora, then headed pages (one ``random.Random(seed)``)."""
    rng = random.Random(seed)
    skip = {m for _, m in labelled(BEFORE)}
    days, pages = fourth_days_and_pages()
    return draw_news(rng, days, skip) + draw_corpora(rng, skip) + draw_headed(rng, pages, skip)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="redraw and compare with tests/data/task_labels_fifth.tsv")
    ap.add_argument("--seed", type=int, default=SEED)
    args = ap.parse_args()
    rows = draw_fifth(args.seed)
    by: dict[str, int] = {}
    for r in rows:
        by[r[4]] = by.get(r[4], 0) + 1
    print(f"drawn {len(rows)} sentences of {len({(r[0], r[1]) for r in rows})} documents: "
          + ", ".join(f"{g} {n}" for g, n in sorted(by.items())))
    if args.check:
        have = stored(FIFTH)
        print(f"stored {len(have)}, identical: {have == rows}"
              + ("" if have == rows else f" ({len(set(have) ^ set(rows))} rows differ)"))


if __name__ == "__main__":
    main()
