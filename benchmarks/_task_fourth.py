"""The fourth, blind set of task / not-task labels (issue 15 item 6): how its sentences were drawn.

``tests/data/task_labels_fourth.tsv`` holds about 300 sentences from three
sources the rules were never tuned on, labelled by reading them in context
before ``Sentence.is_task`` was run on any of them:

* ``xwlb`` — items of 新闻联播 (``../shared/xwlb``): one item (its title line
  and its text, items are separated by blank lines in a day file) parsed as
  one document, ``policytext.parse(item_text)``, so the item's title is the
  document's title. A row's ``file`` is ``YYYY/YYYYMMDD.txt#N`` (``N``: the
  item's index, from 0, among the non-empty blocks of the day file). Items are
  sorted into five kinds by words of their title and text (:func:`news_kind`):
  meetings, policy releases, inspection tours, speeches, reports of
  achievements and statistics; the genre is ``news_<kind>``.
* ``corpora`` — the plenum communiqués (``plenum_*_communique.txt``), parsed
  as ``policytext.parse(text)``; sentences already in a label set are skipped.
* ``headed`` — pages of ``../shared/headed``, ``policytext.parse(text)``,
  sentences not in any earlier label set (file + md5), at most
  :data:`PER_HEADED` per document, stratified over the genres of the titles
  in ``MANIFEST.tsv`` (:func:`headed_genre`).

A body sentence is one of ``doc.sentences`` with at least 10 characters,
four Chinese characters in a row, ending with 。；！？ (the filter of the
fresh draw). Everything is drawn with one ``random.Random(SEED)``;
``python benchmarks/_task_fourth.py --check`` redraws and compares with the
stored rows.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import random
import re
import sys
from collections.abc import Collection, Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _evalkit import REPO, shared

import policytext as pt

FOURTH = REPO / "tests" / "data" / "task_labels_fourth.tsv"
EARLIER = [REPO / "tests" / "data" / f for f in ("task_labels.tsv", "task_labels_fresh.tsv", "task_labels_third.tsv")]
SEED = 20260615
#: Years of 新闻联播 sampled (the full years of the corpus), items per news kind, sentences per item.
YEARS = tuple(range(2013, 2026))
NEWS_KINDS = ("meeting", "policy", "inspection", "speech", "achievement")
ITEMS_PER_KIND = 12
PER_ITEM = 2
#: Communiqué sentences per document.
PER_COMMUNIQUE = 5
#: Headed sentences per genre (speeches: as many as their pages give) and at most per document.
HEADED_GENRES = ("plan", "notice", "duty_report", "study", "speech")
HEADED_QUOTA = 120
PER_HEADED = 4
Row = tuple[str, str, int, str, str]  # file, folder, offset, md5, genre

_KIND_RES = (  # first match wins; title first, then the item's opening paragraph
    ("policy", re.compile(r"印发|出台|发布.{0,12}(意见|方案|规划|纲要|办法|条例)|《.{2,40}(意见|方案|规划|纲要)》")),
    ("meeting", re.compile(r"会议|座谈会|主持召开|全会|工作会")),
    ("inspection", re.compile(r"考察|调研|视察|察看|看望")),
    ("speech", re.compile(r"讲话|致辞|贺信|贺电|署名文章|发表|演讲|回信")),
    ("achievement", re.compile(r"增长|同比|统计|成就|成效|亿元|万人|%|％|突破|创新高|取得")),
)
_HEADED_RES = (
    ("duty_report", re.compile(r"述职|工作汇报|工作报告|总结报告")),
    ("study", re.compile(r"学习材料|每周一学")),
    ("speech", re.compile(r"讲话|致辞|发言|教工大会")),
    ("notice", re.compile(r"通知|公告|公示|须知")),
    ("plan", re.compile(r"方案|计划|思路|要点|办法|规程|预案|制度")),
    ("speech", re.compile(r"^[\u4e00-\u9fff]{2,3}：(?!.*——记)")),  # a speaker's name and the talk's title
)


def md5(text: str) -> str:
    """md5 of a sentence's text (the label files store this, never the text).

    >>> md5("abc")
    '900150983cd24fb0d6963f7d28e17f72'
    """
    return hashlib.md5(text.encode("utf-8")).hexdigest()


def split_items(day_text: str) -> list[str]:
    """The items of a 新闻联播 day file: non-empty blocks separated by blank lines.

    >>> split_items("标题一\\n正文。\\n\\n\\n标题二\\n正文二。\\n")
    ['标题一\\n正文。', '标题二\\n正文二。']
    """
    return [b.strip("\n") for b in re.split(r"\n[ \t\u3000]*\n", day_text) if b.strip()]


def news_kind(item: str) -> str | None:
    """The kind of a news item by words of its title, else of its first paragraph (``None``: none of them).

    >>> news_kind("国务院常务会议召开\\n会议指出，要稳定就业。")
    'meeting'
    >>> news_kind("中办国办印发《关于加强基层治理的意见》\\n近日，……")
    'policy'
    >>> news_kind("天气预报\\n明天晴。") is None
    True
    """
    lines = item.split("\n")
    for part in (lines[0], "\n".join(lines[1:2])):
        for kind, rx in _KIND_RES:
            if rx.search(part):
                return kind
    return None


def headed_genre(title: str) -> str | None:
    """The genre of a ``../shared/headed`` page by its MANIFEST title (``None``: another genre).

    >>> headed_genre("2021年度绍兴一中领导干部述职述廉述德述法报告")
    'duty_report'
    >>> headed_genre("2021年绍兴一中高一新生军训方案")
    'plan'
    >>> headed_genre("关于开展2019暑期社会实践活动的通知")
    'notice'
    """
    for genre, rx in _HEADED_RES:
        if rx.search(title):
            return genre
    return None


def body_sentences(doc: pt.Document) -> list[pt.Sentence]:
    """Sentences of at least 10 characters, with four Chinese characters in a row, ending with 。；！？."""
    return [s for s in doc.sentences if len(s.text) >= 10 and s.text.rstrip()[-1] in "。；！？;!?"
            and re.search(r"[\u4e00-\u9fff]{4}", s.text)]


def document(folder: str, file: str) -> pt.Document:
    """The document a label row refers to: one 新闻联播 item (``file`` = ``YYYY/YYYYMMDD.txt#N``) or a file."""
    name, _, item = file.partition("#")
    text = (shared(folder) / name).read_text(encoding="utf-8")
    return pt.parse(split_items(text)[int(item)] if item else text)


def labelled(paths: Iterable[Path] = EARLIER) -> set[tuple[str, str]]:
    """``(file, md5)`` of every row of the earlier label sets."""
    out = set()
    for path in paths:
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
        out |= {(r["file"], r["md5"]) for r in csv.DictReader(lines, delimiter="\t")}
    return out


def _sample(rng: random.Random, doc: pt.Document, k: int, skip: Collection[str] = ()) -> list[pt.Sentence]:
    sents = [s for s in body_sentences(doc) if md5(s.text) not in skip]
    return [sents[i] for i in sorted(rng.sample(range(len(sents)), min(k, len(sents))))]


def draw_news(rng: random.Random) -> list[Row]:
    """:data:`ITEMS_PER_KIND` items per kind, :data:`PER_ITEM` sentences each, one random day per year in turn."""
    days = {y: sorted(p.relative_to(shared("xwlb")).as_posix() for p in (shared("xwlb") / str(y)).glob("*.txt"))
            for y in YEARS}
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
                picked = _sample(rng, pt.parse(items[n]), PER_ITEM)
                if len(picked) < PER_ITEM:
                    continue
                seen.add(key)
                need[kind] -= 1
                out += [(key, "xwlb", s.start, md5(s.text), f"news_{kind}") for s in picked]
                break
            if not any(need.values()):
                break
    return out


def draw_communiques(rng: random.Random, skip: set[tuple[str, str]]) -> list[Row]:
    """:data:`PER_COMMUNIQUE` sentences of each plenum communiqué that are not in an earlier label set."""
    out: list[Row] = []
    for path in sorted(shared("corpora").glob("plenum_*_communique.txt")):
        doc = pt.parse(path.read_text(encoding="utf-8"))
        done = {m for f, m in skip if f == path.name}
        out += [(path.name, "corpora", s.start, md5(s.text), "communique")
                for s in _sample(rng, doc, PER_COMMUNIQUE, done)]
    return out


def draw_headed(rng: random.Random, skip: set[tuple[str, str]]) -> list[Row]:
    """:data:`HEADED_QUOTA` sentences of ``../shared/headed`` over :data:`HEADED_GENRES`.

    Speeches give what their pages hold; the rest of the quota is shared
    evenly by the other genres. Pages of a genre are taken in random order,
    :data:`PER_HEADED` sentences each (not in an earlier label set).
    """
    with (shared("headed") / "MANIFEST.tsv").open(encoding="utf-8") as fh:
        titles = {r["file"]: r["title"] for r in csv.DictReader(fh, delimiter="\t")}
    pages: dict[str, list[str]] = {g: [] for g in HEADED_GENRES}
    for file in sorted(titles):
        genre = headed_genre(titles[file])
        if genre is not None:
            pages[genre].append(file)
    out: list[Row] = []
    left = HEADED_QUOTA
    for i, genre in enumerate(("speech", *[g for g in HEADED_GENRES if g != "speech"])):
        quota = left if genre == "speech" else left // (len(HEADED_GENRES) - i)
        got: list[Row] = []
        for file in rng.sample(pages[genre], len(pages[genre])):
            if genre != "speech" and len(got) >= quota:
                break
            doc = pt.parse((shared("headed") / file).read_text(encoding="utf-8"))
            done = {m for f, m in skip if f == file}
            k = PER_HEADED if genre == "speech" else min(PER_HEADED, quota - len(got))
            got += [(file, "headed", s.start, md5(s.text), genre) for s in _sample(rng, doc, k, done)]
        out += got
        left -= len(got)
    return out


def draw_fourth(seed: int = SEED) -> list[Row]:
    """The whole draw: news items, then communiqués, then headed pages (one ``random.Random(seed)``)."""
    rng = random.Random(seed)
    skip = labelled()
    return draw_news(rng) + draw_communiques(rng, skip) + draw_headed(rng, skip)


def stored(path: Path = FOURTH) -> list[Row]:
    """The rows of the stored fourth set, as :func:`draw_fourth` gives them."""
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return [(r["file"], r["folder"], int(r["offset"]), r["md5"], r["genre"])
            for r in csv.DictReader(lines, delimiter="\t")]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="redraw and compare with tests/data/task_labels_fourth.tsv")
    ap.add_argument("--seed", type=int, default=SEED)
    args = ap.parse_args()
    rows = draw_fourth(args.seed)
    by: dict[str, int] = {}
    for r in rows:
        by[r[4]] = by.get(r[4], 0) + 1
    print(f"drawn {len(rows)} sentences of {len({(r[0], r[1]) for r in rows})} documents: "
          + ", ".join(f"{g} {n}" for g, n in sorted(by.items())))
    if args.check:
        have = stored()
        print(f"stored {len(have)}, identical: {have == rows}"
              + ("" if have == rows else f" ({len(set(have) ^ set(rows))} rows differ)"))


if __name__ == "__main__":
    main()
