"""The sixth, blind set of task / not-task labels (issue 15 item 6): how its sentences were drawn.

The fifth set (``benchmarks/_task_fifth.py``) is now read to tune
``Sentence.is_task``, so its figure is no longer held out. The sixth set,
``tests/data/task_labels_sixth.tsv``, is drawn the same way (this module
reuses the fourth's and fifth's helpers) from text the tuner does not read,
and labelled by reading before ``is_task`` is run on any of them:

* ``xwlb`` — 新闻联播 items of days that are neither the fourth's nor the
  fifth's news days, one random day from each year in turn;
  :data:`ITEMS_PER_KIND` items of each kind (:func:`_task_fourth.news_kind`),
  :data:`PER_ITEM` sentences each. An item (its title line and its text) is
  parsed alone; a row's ``file`` is ``YYYY/YYYYMMDD.txt#N``.
* ``headed`` — pages of ``../shared/headed`` that are neither the fourth's nor
  the fifth's pages, at most :data:`PER_HEADED` sentences per page, stratified
  over the genres of :func:`_task_fifth.fifth_genre` that have pages left
  (plans, notices, study materials, essays; no speech or duty-report page is
  left): genres with few pages (:data:`WHOLE`) give what their pages hold, the
  others share the rest of :data:`HEADED_QUOTA` evenly.
* ``corpora`` — :data:`CORPORA_QUOTA` sentences spread over the 23 documents
  of ``../shared/corpora`` (:func:`draw_corpora`: one from each document that
  has one to give, then a second, a third from the longer ones, in random
  order).

The tuner reads the context of every labelled sentence, so in ``corpora`` and
``headed`` a sentence is drawn only when it is at least :data:`DISTANCE`
sentences (of ``doc.sentences``) away from every sentence of any earlier set
(dev, fresh, third, fourth, fifth) in the same document (:func:`far_from`).
No sentence of an earlier set is drawn, by md5 alone. A body sentence is as in
the fourth set (:func:`_task_fourth.body_sentences`). Everything is drawn with
one ``random.Random(SEED)``; ``python benchmarks/_task_sixth.py --check``
redraws and compares with the stored rows.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections.abc import Collection, Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _evalkit import REPO, shared
from _task_fifth import BEFORE, FIFTH, FIFTH_GENRES, headed_pages
from _task_fourth import FOURTH, NEWS_KINDS, YEARS, Row, body_sentences, md5, news_kind, split_items, stored

import policytext as pt

SIXTH = REPO / "tests" / "data" / "task_labels_sixth.tsv"
#: Every set drawn before this one: its sentences are never drawn again, nor their neighbours.
SETS = [*BEFORE, FIFTH]
SEED = 20260817
ITEMS_PER_KIND = 13
PER_ITEM = 2
HEADED_QUOTA = 130
PER_HEADED = 4
#: Headed genres with few pages left: they give what their pages hold.
WHOLE = ("speech", "duty_report", "study")
CORPORA_QUOTA = 40
#: A drawn sentence is at least this many sentences away from any labelled sentence of the same document.
DISTANCE = 5
#: ``(folder, file)`` → ``(offset, md5)`` of the labelled sentences of a document.
Labelled = dict[tuple[str, str], list[tuple[int, str]]]


def labelled_rows(paths: Iterable[Path] = SETS) -> Labelled:
    """The labelled sentences of the earlier sets, by document: ``(offset, md5)`` lists."""
    out: Labelled = {}
    for path in paths:
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
        for r in csv.DictReader(lines, delimiter="\t"):
            out.setdefault((r["folder"], r["file"]), []).append((int(r["offset"]), r["md5"]))
    return out


def far_from(sentences: list[pt.Sentence], marks: Collection[tuple[int, str]], distance: int = DISTANCE) -> set[int]:
    """Indexes of ``sentences`` at least ``distance`` away from every marked sentence.

    A mark ``(offset, md5)`` is the sentence with that md5 nearest the offset,
    else the one holding the offset (the parser may cut it differently).

    >>> class S:
    ...     def __init__(self, text, start):
    ...         self.text, self.start, self.end = text, start, start + len(text)
    >>> sents = [S(f"s{i}", 2 * i) for i in range(12)]
    >>> sorted(far_from(sents, [(10, md5("s5"))], 5))
    [0, 10, 11]
    >>> sorted(far_from(sents, [(4, "0" * 32)], 5))  # md5 unknown: the sentence at the offset (index 2)
    [7, 8, 9, 10, 11]
    """
    hits = []
    for offset, digest in marks:
        same = [i for i, s in enumerate(sentences) if md5(s.text) == digest]
        if same:
            hits.append(min(same, key=lambda i: abs(sentences[i].start - offset)))
            continue
        hits += [i for i, s in enumerate(sentences) if s.start <= offset < s.end][:1]
    return {i for i in range(len(sentences)) if all(abs(i - h) >= distance for h in hits)}


def eligible(doc: pt.Document, marks: Collection[tuple[int, str]], skip: Collection[str]) -> list[pt.Sentence]:
    """Body sentences of ``doc`` far from the marked ones (:func:`far_from`) whose md5 is not in ``skip``."""
    far = far_from(doc.sentences, marks)
    body = {id(s) for s in body_sentences(doc)}
    return [s for i, s in enumerate(doc.sentences) if i in far and id(s) in body and md5(s.text) not in skip]


def _pick(rng: random.Random, sents: list[pt.Sentence], k: int) -> list[pt.Sentence]:
    return [sents[i] for i in sorted(rng.sample(range(len(sents)), min(k, len(sents))))]


def earlier_days_and_pages() -> tuple[set[str], set[str]]:
    """The 新闻联播 days (``YYYY/YYYYMMDD.txt``) and the headed pages of the fourth and fifth sets."""
    rows = stored(FOURTH) + stored(FIFTH)
    return ({f.partition("#")[0] for f, folder, *_ in rows if folder == "xwlb"},
            {f for f, folder, *_ in rows if folder == "headed"})


def draw_news(rng: random.Random, skip_days: set[str], skip: set[str]) -> list[Row]:
    """:data:`ITEMS_PER_KIND` items per kind, :data:`PER_ITEM` sentences each, one random day per year in turn.

    Days in ``skip_days`` and sentences whose md5 is in ``skip`` are never drawn; the md5 of every drawn
    sentence joins ``skip``.
    """
    root = shared("xwlb")
    days = {y: [d for d in sorted(p.relative_to(root).as_posix() for p in (root / str(y)).glob("*.txt"))
                if d not in skip_days] for y in YEARS}
    need = dict.fromkeys(NEWS_KINDS, ITEMS_PER_KIND)
    out: list[Row] = []
    seen: set[str] = set()
    while any(need.values()):
        for year in YEARS:
            day = rng.choice(days[year])
            items = split_items((root / day).read_text(encoding="utf-8"))
            for n in rng.sample(range(len(items)), len(items)):
                kind = news_kind(items[n])
                key = f"{day}#{n}"
                if kind is None or not need[kind] or key in seen:
                    continue
                picked = _pick(rng, eligible(pt.parse(items[n]), (), skip), PER_ITEM)
                if len(picked) < PER_ITEM:
                    continue
                seen.add(key)
                need[kind] -= 1
                skip |= {md5(s.text) for s in picked}
                out += [(key, "xwlb", s.start, md5(s.text), f"news_{kind}") for s in picked]
                break
            if not any(need.values()):
                break
    return out


def draw_headed(rng: random.Random, skip_pages: set[str], marks: Labelled, skip: set[str]) -> list[Row]:
    """:data:`HEADED_QUOTA` sentences of headed pages over the genres that have pages, :data:`PER_HEADED` a page.

    Genres of :data:`WHOLE` give what their pages hold; the rest of the
    quota is shared evenly by the other genres. Pages of a genre are taken in
    random order. The md5 of every drawn sentence joins ``skip`` (pages repeat
    sentences: a class-meeting notice of one term and of the next).
    """
    pages = headed_pages(skip_pages)
    genres = [g for g in FIFTH_GENRES if pages[g]]
    genres.sort(key=lambda g: g not in WHOLE)  # the whole genres first: the others share what is left
    out: list[Row] = []
    left = HEADED_QUOTA
    shares = sum(g not in WHOLE for g in genres)
    for genre in genres:
        quota = left if genre in WHOLE else left // shares
        got: list[Row] = []
        for file in rng.sample(pages[genre], len(pages[genre])):
            if genre not in WHOLE and len(got) >= quota:
                break
            doc = pt.parse((shared("headed") / file).read_text(encoding="utf-8"))
            k = PER_HEADED if genre in WHOLE else min(PER_HEADED, quota - len(got))
            picked = _pick(rng, eligible(doc, marks.get(("headed", file), ()), skip), k)
            skip |= {md5(s.text) for s in picked}
            got += [(file, "headed", s.start, md5(s.text), genre) for s in picked]
        out += got
        left -= len(got)
        shares -= genre not in WHOLE
    return out


def corpora_genre(name: str) -> str:
    """The genre of a ``../shared/corpora`` document by its file name.

    >>> corpora_genre("plenum_19_4_communique.txt"), corpora_genre("gwr_2021.txt")
    ('communique', 'work_report')
    >>> corpora_genre("dangwei_shaoxing_yizhong_2022.txt"), corpora_genre("reference_bianban_2022.txt")
    ('party_plan', 'reference')
    """
    for word, genre in (("communique", "communique"), ("decision", "decision"), ("congress", "congress_report"),
                        ("gwr", "work_report"), ("dangwei", "party_plan")):
        if word in name:
            return genre
    return "reference"


def draw_corpora(rng: random.Random, marks: Labelled, skip: set[str]) -> list[Row]:
    """:data:`CORPORA_QUOTA` sentences spread over the ``../shared/corpora`` documents.

    Rounds over the documents in random order give one more sentence to each
    document that has one left (eligible, :func:`eligible`), until the quota
    is reached: every document with a sentence to give gives one, then the
    longer ones a second, a third.
    """
    pool = {}
    for path in sorted(shared("corpora").glob("*.txt")):
        doc = pt.parse(path.read_text(encoding="utf-8"))
        pool[path.name] = eligible(doc, marks.get(("corpora", path.name), ()), skip)
    count = dict.fromkeys(pool, 0)
    left = min(CORPORA_QUOTA, sum(map(len, pool.values())))
    while left:
        for name in rng.sample(sorted(pool), len(pool)):
            if left and count[name] < len(pool[name]):
                count[name] += 1
                left -= 1
    out: list[Row] = []
    for name, sents in pool.items():
        picked = _pick(rng, [s for s in sents if md5(s.text) not in skip], count[name])
        skip |= {md5(s.text) for s in picked}
        out += [(name, "corpora", s.start, md5(s.text), corpora_genre(name)) for s in picked]
    return out


def draw_sixth(seed: int = SEED) -> list[Row]:
    """The whole draw: news items, then headed pages, then corpora (one ``random.Random(seed)``)."""
    rng = random.Random(seed)
    marks = labelled_rows()
    skip = {m for rows in marks.values() for _, m in rows}
    days, pages = earlier_days_and_pages()
    return draw_news(rng, days, skip) + draw_headed(rng, pages, marks, skip) + draw_corpora(rng, marks, skip)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="redraw and compare with tests/data/task_labels_sixth.tsv")
    ap.add_argument("--seed", type=int, default=SEED)
    args = ap.parse_args()
    rows = draw_sixth(args.seed)
    by: dict[str, int] = {}
    for r in rows:
        by[r[4]] = by.get(r[4], 0) + 1
    print(f"drawn {len(rows)} sentences of {len({(r[0], r[1]) for r in rows})} documents: "
          + ", ".join(f"{g} {n}" for g, n in sorted(by.items())))
    if args.check:
        have = stored(SIXTH)
        print(f"stored {len(have)}, identical: {have == rows}"
              + ("" if have == rows else f" ({len(set(have) ^ set(rows))} rows differ)"))


if __name__ == "__main__":
    main()
