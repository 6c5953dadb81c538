"""What the blind task / not-task label sets share (issue 15 item 6): sources, genre rules, exclusions, the draw.

The fourth to seventh label sets (``tests/data/task_labels_{fourth,fifth,sixth,seventh}.tsv``) were each drawn
with a fixed seed from text the rules of ``Sentence.is_task`` were not tuned on, and labelled by reading before
``is_task`` was run on any of their sentences. A set's module (``benchmarks/_task_fourth.py``,
``_task_fifth.py``, ``_task_sixth.py``, ``_task_seventh.py``) holds only what is its own — a
:class:`BlindSet`: seed, quotas, sources, exclusions — and the story of its draw; this module draws it from
three sources:

* ``xwlb`` — items of 新闻联播 (``../shared/xwlb``, :func:`split_items`): one random day of each year in turn
  (:data:`YEARS`), the day's items in random order, ``items_per_kind`` items of each kind of
  :func:`news_kind`, ``per_item`` sentences each (:func:`draw_news`). An item (its title line and its text)
  is parsed alone, so its title is the document's title; a row's ``file`` is ``YYYY/YYYYMMDD.txt#N``
  (:func:`document`).
* ``headed`` — pages of ``../shared/headed`` sorted into genres by a set's rule (:func:`headed_genre`,
  :func:`fifth_genre`), pages of a genre in random order, at most ``per_page`` sentences a page; genres with
  few pages (``whole``) give what their pages hold, the others share the rest of the quota evenly
  (:func:`draw_headed`).
* ``corpora`` — documents of ``../shared/corpora``: a count per document, or a total spread over all of them
  (:func:`spread`, :func:`draw_corpora`).

A body sentence is one of ``doc.sentences`` with at least 10 characters, four Chinese characters in a row,
ending with 。；！？ (:func:`is_body`, the filter of the fresh draw). What a set never draws
(:class:`Exclusions`): a sentence of an earlier set — by ``(file, md5)`` or by its md5 anywhere —, with a
distance its neighbours, and the news days and headed pages of the sets it avoids (:func:`days_and_pages`).
Everything is drawn with one ``random.Random(seed)`` (:func:`draw`); :func:`main` is the command line of each
set module: ``python benchmarks/_task_sixth.py --check`` redraws and compares with the stored rows.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import random
import re
import sys
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _evalkit import REPO, shared

import policytext as pt

DATA = REPO / "tests" / "data"
#: Every task label set by name, in the order they were labelled.
LABEL_FILES = {name: DATA / f"task_labels{suffix}.tsv" for name, suffix in (
    ("dev", ""), ("fresh", "_fresh"), ("third", "_third"), ("fourth", "_fourth"), ("fifth", "_fifth"),
    ("sixth", "_sixth"), ("seventh", "_seventh"), ("eighth", "_eighth"), ("ninth", "_ninth"), ("tenth", "_tenth"),
    ("eleventh", "_eleventh"), ("twelfth", "_twelfth"), ("thirteenth", "_thirteenth"),
    ("fourteenth", "_fourteenth"), ("fifteenth", "_fifteenth"))}
#: Years of 新闻联播 sampled (the full years of the corpus) and the kinds of news items (:func:`news_kind`).
YEARS = tuple(range(2013, 2026))
NEWS_KINDS = ("meeting", "policy", "inspection", "speech", "achievement")
#: The genres of :func:`headed_genre`; those of :func:`fifth_genre` (the fifth draw's order: whole genres first).
HEADED_GENRES = ("plan", "notice", "duty_report", "study", "speech")
FIFTH_GENRES = ("speech", "duty_report", "plan", "notice", "study", "essay")
Row = tuple[str, str, int, str, str]  # file, folder, offset, md5, genre
#: ``(folder, file)`` → ``(offset, md5)`` of the labelled sentences of a document.
Labelled = dict[tuple[str, str], list[tuple[int, str]]]

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
#: Pages of no genre of :func:`headed_genre` whose title says they are not essays (notices cut short,
#: forwarded 意见, timetables, reminders, rules, Q&A, leaflets, admissions, events, obituaries).
_NOT_ESSAY = re.compile(r"关于|转发|课表|提醒|须知|要\s*求|答疑|资料|说明|招生|交流团|峰会|悼念")
#: A speech printed in a study material: lines that address the audience.
_ADDRESS = re.compile(r"^同志们[：，！]", re.M)


class _Located(Protocol):  # a sentence as far_from reads it
    @property
    def text(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


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


def corpora_genre(name: str) -> str:
    """The genre of a ``../shared/corpora`` document by its file name.

    >>> corpora_genre("plenum_19_4_communique.txt"), corpora_genre("gwr_2021.txt")
    ('communique', 'work_report')
    >>> corpora_genre("dangwei_shaoxing_yizhong_2022.txt"), corpora_genre("reference_bianban_2022.txt")
    ('party_plan', 'reference')
    >>> corpora_genre("cc_decision_study_20th_congress_2022.txt"), corpora_genre("congress_19_report.txt")
    ('decision', 'congress_report')
    """
    for word, genre in (("communique", "communique"), ("decision", "decision"), ("congress", "congress_report"),
                        ("gwr", "work_report"), ("dangwei", "party_plan")):
        if word in name:
            return genre
    return "reference"


def is_body(text: str) -> bool:
    """A body sentence: at least 10 characters, four Chinese characters in a row, ending with 。；！？.

    >>> is_body("各地要切实加强基层治理工作。"), is_body("一、总体要求"), is_body("要抓好。")
    (True, False, False)
    """
    return bool(len(text) >= 10 and text.rstrip()[-1] in "。；！？;!?" and re.search(r"[\u4e00-\u9fff]{4}", text))


def body_sentences(doc: pt.Document) -> list[pt.Sentence]:
    """The body sentences of ``doc`` (:func:`is_body`), in order."""
    return [s for s in doc.sentences if is_body(s.text)]


def document(folder: str, file: str) -> pt.Document:
    """The document a label row refers to: one 新闻联播 item (``file`` = ``YYYY/YYYYMMDD.txt#N``) or a file."""
    name, _, item = file.partition("#")
    text = (shared(folder) / name).read_text(encoding="utf-8")
    return pt.parse(split_items(text)[int(item)] if item else text)


def read_rows(path: Path) -> list[dict[str, str]]:
    """The rows of a label file (tab-separated, a header; comment lines start with ``#``)."""
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def stored(path: Path) -> list[Row]:
    """The rows of a stored blind set, as :func:`draw` gives them."""
    return [(r["file"], r["folder"], int(r["offset"]), r["md5"], r["genre"]) for r in read_rows(path)]


def labelled(paths: Iterable[Path]) -> set[tuple[str, str]]:
    """``(file, md5)`` of every row of the label sets at ``paths``."""
    return {(r["file"], r["md5"]) for path in paths for r in read_rows(path)}


def labelled_rows(paths: Iterable[Path]) -> Labelled:
    """The labelled sentences of the sets at ``paths``, by document: ``(offset, md5)`` lists."""
    out: Labelled = {}
    for path in paths:
        for r in read_rows(path):
            out.setdefault((r["folder"], r["file"]), []).append((int(r["offset"]), r["md5"]))
    return out


def days_and_pages(paths: Iterable[Path]) -> tuple[set[str], set[str]]:
    """The 新闻联播 days (``YYYY/YYYYMMDD.txt``) and the headed pages of the blind sets at ``paths``."""
    rows = [row for path in paths for row in stored(path)]
    return ({f.partition("#")[0] for f, folder, *_ in rows if folder == "xwlb"},
            {f for f, folder, *_ in rows if folder == "headed"})


def far_from(sentences: Sequence[_Located], marks: Collection[tuple[int, str]], distance: int = 5) -> set[int]:
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


@dataclass
class Exclusions:
    """What a draw never takes.

    ``pairs``: ``(file, md5)`` of earlier sets; ``digests``: md5 drawn
    nowhere (with ``remember``, the md5 of every drawn sentence joins them:
    pages and items repeat sentences); ``marks`` with ``distance`` > 0: a
    sentence fewer than ``distance`` sentences away from a labelled one of
    its document (:func:`far_from`).

    >>> doc = pt.parse("各地要切实加强基层治理工作。会议强调要抓好各项工作落实。")
    >>> ex = Exclusions(digests={md5(doc.sentences[0].text)}, remember=True)
    >>> [s.start for s in ex.candidates("corpora", "a.txt", doc)]
    [14]
    >>> ex.take(doc.sentences[1:])
    >>> ex.candidates("corpora", "a.txt", doc)
    []
    """

    pairs: set[tuple[str, str]] = field(default_factory=set)
    digests: set[str] = field(default_factory=set)
    marks: Labelled = field(default_factory=dict)
    distance: int = 0
    remember: bool = False

    def candidates(self, folder: str, file: str, doc: pt.Document) -> list[pt.Sentence]:
        """The body sentences of ``doc`` (``file`` of ``folder``) a draw may take, in order."""
        sents = doc.sentences
        marks = self.marks.get((folder, file), ()) if self.distance else ()
        far: Collection[int] = far_from(sents, marks, self.distance) if marks else range(len(sents))
        return [s for i, s in enumerate(sents) if i in far and is_body(s.text) and self.allows(file, s.text)]

    def allows(self, file: str, text: str) -> bool:
        digest = md5(text)
        return digest not in self.digests and (file, digest) not in self.pairs

    def take(self, picked: Iterable[pt.Sentence]) -> None:
        """Note drawn sentences (their md5 joins ``digests`` when ``remember``)."""
        if self.remember:
            self.digests |= {md5(s.text) for s in picked}


def _pick(rng: random.Random, sents: Sequence[pt.Sentence], k: int) -> list[pt.Sentence]:
    return [sents[i] for i in sorted(rng.sample(range(len(sents)), min(k, len(sents))))]


def _rows(file: str, folder: str, picked: Iterable[pt.Sentence], genre: str) -> list[Row]:
    return [(file, folder, s.start, md5(s.text), genre) for s in picked]


def draw_news(rng: random.Random, ex: Exclusions, items_per_kind: int, per_item: int,
              skip_days: Collection[str] = ()) -> list[Row]:
    """``items_per_kind`` items per kind, ``per_item`` sentences each, one random day per year in turn.

    Days in ``skip_days`` are never drawn; an item with fewer than
    ``per_item`` sentences to give is passed over.
    """
    root = shared("xwlb")
    days = {y: [d for d in sorted(p.relative_to(root).as_posix() for p in (root / str(y)).glob("*.txt"))
                if d not in skip_days] for y in YEARS}
    need = dict.fromkeys(NEWS_KINDS, items_per_kind)
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
                picked = _pick(rng, ex.candidates("xwlb", key, pt.parse(items[n])), per_item)
                if len(picked) < per_item:
                    continue
                seen.add(key)
                need[kind] -= 1
                ex.take(picked)
                out += _rows(key, "xwlb", picked, f"news_{kind}")
                break
            if not any(need.values()):
                break
    return out


def headed_pages(genre_of: Callable[[str, str], str | None], genres: Iterable[str],
                 skip_pages: Collection[str] = ()) -> dict[str, list[str]]:
    """Pages of ``../shared/headed`` by ``genre_of(title, text)``, name order, without ``skip_pages``."""
    root = shared("headed")
    with (root / "MANIFEST.tsv").open(encoding="utf-8") as fh:
        titles = {r["file"]: r["title"] for r in csv.DictReader(fh, delimiter="\t")}
    pages: dict[str, list[str]] = {g: [] for g in genres}
    for file in sorted(titles):
        if file in skip_pages:
            continue
        genre = genre_of(titles[file], (root / file).read_text(encoding="utf-8"))
        if genre is not None:
            pages[genre].append(file)
    return pages


def draw_headed(rng: random.Random, ex: Exclusions, pages: Mapping[str, list[str]], whole: Collection[str],
                quota: int, per_page: int) -> list[Row]:
    """``quota`` sentences of the ``pages`` of each genre that has some, at most ``per_page`` a page.

    The genres of ``whole`` come first (in ``pages`` order) and give what
    their pages hold; the rest of the quota is shared evenly by the other
    genres, in ``pages`` order. Pages of a genre are taken in random order.
    """
    genres = sorted((g for g in pages if pages[g]), key=lambda g: g not in whole)
    out: list[Row] = []
    left = quota
    shares = sum(g not in whole for g in genres)
    for genre in genres:
        share = left if genre in whole else left // shares
        got: list[Row] = []
        for file in rng.sample(pages[genre], len(pages[genre])):
            if genre not in whole and len(got) >= share:
                break
            doc = pt.parse((shared("headed") / file).read_text(encoding="utf-8"))
            k = per_page if genre in whole else min(per_page, share - len(got))
            picked = _pick(rng, ex.candidates("headed", file, doc), k)
            ex.take(picked)
            got += _rows(file, "headed", picked, genre)
        out += got
        left -= len(got)
        shares -= genre not in whole
    return out


def spread(rng: random.Random, sizes: Mapping[str, int], total: int) -> dict[str, int]:
    """How many of ``total`` sentences each document gives, spread over documents of ``sizes`` sentences.

    Rounds over the documents in random order give one more sentence to each
    document that has one left, until ``total`` (or all there is) is reached.

    >>> spread(random.Random(1), {"a": 5, "b": 1, "c": 0}, 4)
    {'a': 3, 'b': 1, 'c': 0}
    >>> spread(random.Random(1), {"a": 2, "b": 1}, 9)
    {'a': 2, 'b': 1}
    """
    count = dict.fromkeys(sizes, 0)
    left = min(total, sum(sizes.values()))
    while left:
        for name in rng.sample(sorted(sizes), len(sizes)):
            if left and count[name] < sizes[name]:
                count[name] += 1
                left -= 1
    return count


def draw_corpora(rng: random.Random, ex: Exclusions, each: Mapping[str, int], total: int = 0) -> list[Row]:
    """Sentences of ``../shared/corpora``: ``each`` document's count, else ``total`` spread over all of them.

    ``each`` maps a file name or a glob pattern (its documents in name
    order) to sentences per document; without it every document is a
    candidate and :func:`spread` shares ``total`` among them.
    """
    root = shared("corpora")
    counts = {p.name: k for pattern, k in each.items() for p in sorted(root.glob(pattern))}
    names = list(counts) if each else [p.name for p in sorted(root.glob("*.txt"))]
    pool = {name: ex.candidates("corpora", name, pt.parse((root / name).read_text(encoding="utf-8")))
            for name in names}
    if not each:
        counts = spread(rng, {name: len(sents) for name, sents in pool.items()}, total)
    out: list[Row] = []
    for name, sents in pool.items():
        picked = _pick(rng, [s for s in sents if ex.allows(name, s.text)], counts[name])
        ex.take(picked)
        out += _rows(name, "corpora", picked, corpora_genre(name))
    return out


@dataclass(frozen=True)
class BlindSet:
    """A blind set's own choices: what :func:`draw` needs to redraw it.

    ``before``: the earlier sets (names of :data:`LABEL_FILES`), none of
    whose sentences is drawn: by ``(file, md5)`` (``by="pair"``) or by md5
    anywhere (``by="md5"``); with ``distance`` > 0 neither are sentences
    fewer than ``distance`` sentences from one of them in the same document;
    with ``remember`` no md5 is drawn twice. ``avoid``: sets whose news days
    and headed pages are not drawn from (``avoid_pages``, when given: the
    sets whose headed pages are not drawn from). ``order``: the sources, in
    the order they are drawn. ``drop``: rows left out after the draw, by
    ``(file, offset)`` — ``remember`` notes a page's md5s only after its
    sentences are picked, so a page that holds one sentence twice (two copies
    of an attachment) can give it twice; the later copy is dropped here, which
    leaves the draw (and every later pick) as it was.
    """

    name: str
    seed: int
    before: tuple[str, ...]
    by: str
    items_per_kind: int
    per_item: int
    genre_of: Callable[[str, str], str | None]  # a headed page's genre from its title and text
    genres: tuple[str, ...]
    whole: tuple[str, ...]
    headed_quota: int
    per_page: int
    corpora: Mapping[str, int] = field(default_factory=dict)  # sentences per document (name or glob)
    corpora_total: int = 0  # else: sentences spread over every document
    avoid: tuple[str, ...] = ()
    distance: int = 0
    remember: bool = False
    order: tuple[str, ...] = ("xwlb", "corpora", "headed")
    avoid_pages: tuple[str, ...] | None = None  # sets whose headed pages are not drawn from (None: ``avoid``)
    drop: tuple[tuple[str, int], ...] = ()  # (file, offset) of drawn rows left out afterwards (a page's second copy)

    @property
    def path(self) -> Path:
        return LABEL_FILES[self.name]

    def exclusions(self) -> Exclusions:
        """The sentences of :attr:`before` as :func:`draw` avoids them."""
        marks = labelled_rows(LABEL_FILES[n] for n in self.before)
        rows = [(file, digest) for (_, file), labels in marks.items() for _, digest in labels]
        if self.by == "pair":
            return Exclusions(pairs=set(rows), marks=marks, distance=self.distance, remember=self.remember)
        return Exclusions(digests={d for _, d in rows}, marks=marks, distance=self.distance, remember=self.remember)


def draw(spec: BlindSet, seed: int | None = None) -> list[Row]:
    """The whole draw of ``spec``, its sources in :attr:`BlindSet.order`, one ``random.Random(seed)``."""
    rng = random.Random(spec.seed if seed is None else seed)
    ex = spec.exclusions()
    days, pages = days_and_pages(LABEL_FILES[n] for n in spec.avoid)
    if spec.avoid_pages is not None:
        pages = days_and_pages(LABEL_FILES[n] for n in spec.avoid_pages)[1]
    sources: dict[str, Callable[[], list[Row]]] = {
        "xwlb": lambda: draw_news(rng, ex, spec.items_per_kind, spec.per_item, days),
        "corpora": lambda: draw_corpora(rng, ex, spec.corpora, spec.corpora_total),
        "headed": lambda: draw_headed(rng, ex, headed_pages(spec.genre_of, spec.genres, pages), spec.whole,
                                      spec.headed_quota, spec.per_page),
    }
    rows = [row for source in spec.order for row in sources[source]()]
    return [row for row in rows if (row[0], row[2]) not in spec.drop]


def like_the_eighth(name: str, seed: int, drop: tuple[tuple[str, int], ...] = ()) -> BlindSet:
    """A set drawn as the eighth to eleventh are, after every set before ``name`` in :data:`LABEL_FILES`: none of
    their sentences, five sentences away from them, and none of the news days of the fourth on (pages give again).
    """
    earlier = tuple(LABEL_FILES)[:list(LABEL_FILES).index(name)]
    return BlindSet(
        name=name, seed=seed, before=earlier, by="md5", distance=5, remember=True, avoid=earlier[3:],
        avoid_pages=(), order=("xwlb", "headed", "corpora"), drop=drop,
        items_per_kind=6, per_item=2, genre_of=fifth_genre, genres=FIFTH_GENRES,
        whole=(), headed_quota=190, per_page=3, corpora_total=50,
    )


def main(spec: BlindSet, description: str) -> None:
    """The command line of a set module: print what is drawn; ``--check`` compares with the stored rows."""
    ap = argparse.ArgumentParser(description=description.splitlines()[0])
    ap.add_argument("--check", action="store_true",
                    help=f"redraw and compare with {spec.path.relative_to(REPO).as_posix()}")
    ap.add_argument("--seed", type=int, default=spec.seed)
    args = ap.parse_args()
    rows = draw(spec, args.seed)
    by = Counter(r[4] for r in rows)
    print(f"drawn {len(rows)} sentences of {len({(r[0], r[1]) for r in rows})} documents: "
          + ", ".join(f"{g} {n}" for g, n in sorted(by.items())))
    if args.check:
        have = stored(spec.path)
        print(f"stored {len(have)}, identical: {have == rows}"
              + ("" if have == rows else f" ({len(set(have) ^ set(rows))} rows differ: the draw reads the parse, "
                                         "so a parser that cuts sentences or items differently since the set "
                                         "was drawn shifts it; the stored rows stay the labels)"))
