"""Structure of saved pages: are the body's top-level headings sections, and no ToC line?

Usage: python benchmarks/eval_structure.py [--half tune|report|all] [--show N] [--baseline C] [--items-baseline C]
       python benchmarks/eval_structure.py --xwlb N [--half …] [--seed S]

Over the ``../shared/headed`` documents (pages as saved from official sites),
per document:

* **gold heading lines**: raw lines that start with ``一、`` … ``九十九、``
  followed by text (leading spaces ignored), outside a table of contents and
  outside the page footer (from ``【打印正文】`` / ``上一篇：`` on). The rule is a
  regex on raw lines, independent of the parser.
* **ToC lines** (gold, also parser-independent): a numbered line with a dot
  leader or a page number after leaders (``一、总则……1``, ``第一章 总则 ..... 3``),
  a line of a ``目录`` block, or the first of two identical numbered lines
  (the same heading written again later: the ToC entry, then the body heading)
  when a run of at least three numbered lines without body follows it.
* **hit**: a gold line whose line in ``doc.text`` is where a section of
  ``doc.walk()`` starts (any level: a part's chapter, a section, or a list
  item of kind ``"item"`` all count).

List items written ``一、…。`` (an enumerated list of one-sentence rules) are
gold heading lines like any other: the parser keeps them as sections of kind
``"item"`` under their section, so the measure asks that they are in
``doc.walk()`` too (they are neither lost nor swallowed).

Prints, per half (``tune``: where the rules were developed; ``report``; all),
the pooled share of gold lines that are hits (target >= 0.98), the number of
ToC lines that became sections (target 0) and the documents that fall short;
then the same figures for the parser before issue 15 (its
``policytext/text/structure.py`` read from git at ``--baseline``, default the
commit before the change, run in the same process), with the per-document
comparison of :mod:`_evalkit`.

**Lists that read as chapters** (issue 15, item 3). A numbered line whose
whole content is one sentence or rule (``1.由于…，组委会将不提供…``) is an
item of its section, not a chapter. Per document: among the headings in
``doc.walk()`` that read as a sentence (at least 25 characters with a comma,
or ending in ``。``), the share that are sections of kind ``"section"`` (the
rest are ``"item"``; lower is better, but not 0: a long phrase with a comma
followed by its own paragraphs is a heading, and so is an 意见-style
``（一）坚持…，确保…。正文…``). Printed pooled per half, then compared per
document with the parser before the list rule was widened (``--items-baseline``,
its ``structure.py`` read from git). Read the changed outlines before trusting
the figure: it is a proxy.

**Pages of news items** (``--xwlb N``: N random days of ``../shared/xwlb``,
fixed ``--seed``; ``--half`` by day name). Gold, from the raw file alone: an
item is a blank-line block of at least two lines whose first line has no
``。`` (its title). Per day: the share of items that are parts of
``pt.load(day)`` with the item's title (normalised) as heading; and whether
the day became parts at all. Also checks that every sentence has a section
path, and that each item parsed alone (as ``_task_sets.split_items`` feeds
them) parses exactly as with the baseline parser (``--baseline-news``, its
``structure.py`` read from git), which is also run on the days.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from _evalkit import compare, headed_files, print_comparison  # noqa: E402

import policytext as pt  # noqa: E402
from policytext.text.io import read_text  # noqa: E402
from policytext.text.normalize import normalize  # noqa: E402

BASELINE = "30b1d3c"  # the commit before issue 15
ITEMS_BASELINE = "0e74773"  # the commit before lists of one-sentence items were decided per run (issue 15.3)
NEWS_BASELINE = "30f26c1"  # the commit before pages of news items became parts (issue 15.2)

_CN = "一二三四五六七八九十"
RE_GOLD = re.compile(rf"^[{_CN}]{{1,3}}、\s*\S")
RE_NUMBERED = re.compile(
    rf"^(?:[{_CN}]{{1,3}}、|[（(][{_CN}]{{1,3}}[）)]|\d{{1,2}}[.．、]|第[{_CN}\d]{{1,3}}[章节部分篇条])")
RE_LEADER = re.compile(r"(?:\.{3,}|…{2,}|·{3,}|．{3,}|-{4,}|_{4,}|—{3,})\s*\d*\s*$|\s\d{1,3}$")
RE_TOC_HEAD = re.compile(r"^目\s*录$")
RE_FOOTER = re.compile(r"^(?:【打印正文】|上一篇[:：])")


def _strip(line: str) -> str:
    return line.strip().strip("\u3000\ufeff\u00a0 \t")


def _key(line: str) -> str:
    """A numbered line without its leader and page number, spaces removed."""
    return re.sub(r"\s+", "", RE_LEADER.sub("", line))


def _heading_like(line: str) -> bool:
    """A numbered line that could be a ToC entry: no sentence punctuation, at most 60 characters."""
    return bool(RE_NUMBERED.match(line)) and not re.search("[。！？；!?;]", line) and len(line) <= 60


def toc_lines(lines: list[str]) -> set[int]:
    """Indices of table-of-contents lines (the gold rule, see the module docstring)."""
    toc: set[int] = set()
    in_block = False
    for i, line in enumerate(lines):
        if RE_TOC_HEAD.match(line.replace(" ", "")):
            in_block = True
            block: set[str] = set()
            toc.add(i)
            continue
        numbered = _heading_like(line)
        if in_block:
            if (numbered or not re.search("[。！？；：:]", line)) and len(line) < 60 and _key(line) not in block:
                block.add(_key(line))
                toc.add(i)
                continue
            in_block = False
        if numbered and RE_LEADER.search(line) and len(_key(line)) >= 2:
            toc.add(i)
    keys: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        if _heading_like(line):
            keys.setdefault(_key(line), []).append(i)
    firsts = {idx[0] for idx in keys.values() if len(idx) >= 2}
    i = 0
    while i < len(lines):  # a block of >= 3 numbered lines without body, >= 2 of them written again later
        j = i
        while j < len(lines) and _heading_like(lines[j]):
            j += 1
        if j - i >= 3 and sum(k in firsts for k in range(i, j)) >= 2:
            toc.update(range(i, j))
        i = j + 1
    return toc


@dataclass
class DocScore:
    name: str
    gold: int = 0
    hits: int = 0
    toc_sections: int = 0
    misses: list[str] = field(default_factory=list)


def baseline_parser(commit: str):
    """``parse`` of ``policytext/text/structure.py`` at ``commit`` (loaded beside the current package)."""
    src = subprocess.run(["git", "show", f"{commit}:policytext/text/structure.py"], capture_output=True, text=True,
                         cwd=HERE.parent, check=True).stdout
    spec = importlib.util.spec_from_loader("policytext.text._structure_baseline", loader=None)
    assert spec is not None
    mod = importlib.util.module_from_spec(spec)
    mod.__package__ = "policytext.text"
    exec(compile(src, f"structure@{commit}", "exec"), mod.__dict__)
    return _Baseline(mod.parse)


class _Baseline:
    """A baseline parser: called with a path (read as ``pt.load`` reads it); ``.parse`` takes text."""

    def __init__(self, parse) -> None:
        self.parse = parse

    def __call__(self, path):
        return self.parse(read_text(path))


def score(path: Path, parse=pt.load) -> DocScore:
    raw = path.read_text(encoding="utf-8")
    lines = [_strip(x) for x in raw.splitlines()]
    lines = [x for x in lines if x]
    end = next((i for i, x in enumerate(lines) if RE_FOOTER.match(x)), len(lines))
    lines = lines[:end]
    toc = toc_lines(lines)
    doc = parse(path)
    text = doc.text
    starts: dict[int, int] = {}
    pos = 0
    doc_lines: list[tuple[str, int]] = []
    for dl in text.split("\n"):
        doc_lines.append((dl, pos))
        pos += len(dl) + 1
    for sec in doc.walk():
        starts[sec.start] = starts.get(sec.start, 0) + 1
    s = DocScore(path.name)
    j = 0
    for i, line in enumerate(lines):
        norm = normalize(line).strip()
        k = j
        while k < len(doc_lines) and doc_lines[k][0] != norm:
            k += 1
        found = k < len(doc_lines)
        if found:
            j = k + 1
        is_section = found and doc_lines[k][1] in starts
        if i in toc:
            if is_section and RE_NUMBERED.match(line):
                s.toc_sections += 1
            continue
        if RE_GOLD.match(line):
            s.gold += 1
            if is_section:
                s.hits += 1
            else:
                s.misses.append(f"{i}:{line[:30]}")
    return s


def sentence_like(heading: str) -> bool:
    """A heading that reads as a sentence: at least 25 characters with a comma, or ending in ``。``."""
    return (len(heading) >= 25 and ("，" in heading or "," in heading)) or heading.endswith("。")


def sentence_headings(path: Path, parse=pt.load) -> tuple[int, int]:
    """``(sections, all)``: sentence-like headings of ``doc.walk()`` that are sections, and all of them."""
    sections = total = 0
    for sec in parse(path).walk():
        if sec.kind != "part" and sentence_like(sec.heading):
            total += 1
            sections += sec.kind == "section"
    return sections, total


def report_items(half: str, base_parse) -> None:
    """The share of sentence-like headings that are sections (see the module docstring), ours and the baseline."""
    files = headed_files(half)
    rows = [("ours", {p.name: sentence_headings(p) for p in files})]
    if base_parse is not None:
        rows.append(("baseline", {p.name: sentence_headings(p, base_parse) for p in files}))
    for title, per_doc in rows:
        sec = sum(a for a, _ in per_doc.values())
        total = sum(b for _, b in per_doc.values())
        docs = sum(a > 0 for a, _ in per_doc.values())
        print(f"  {title} headed/{half}: sentence-like headings that are sections: {sec}/{total} "
              f"({sec / total if total else 0:.3f}) in {docs} documents")
    if base_parse is not None:
        share = {n: a / b for n, (a, b) in rows[0][1].items() if b}
        share0 = {n: a / b for n, (a, b) in rows[1][1].items() if b and n in share}
        share = {n: v for n, v in share.items() if n in share0}
        print_comparison(f"share of sentence-like headings that are sections, {half} (lower is better)",
                         compare(share, share0, higher_is_better=False), base="parser@" + ITEMS_BASELINE_USED[0])


ITEMS_BASELINE_USED = [ITEMS_BASELINE]


def run(half: str, parse=pt.load) -> dict[str, DocScore]:
    return {p.name: score(p, parse) for p in headed_files(half)}


def report(scores: dict[str, DocScore], title: str, show: int) -> None:
    gold = sum(s.gold for s in scores.values())
    hits = sum(s.hits for s in scores.values())
    toc = sum(s.toc_sections for s in scores.values())
    short = [s for s in scores.values() if s.hits < s.gold or s.toc_sections]
    print(f"{title}: {len(scores)} documents, {gold} heading lines, {hits} sections "
          f"({hits / gold if gold else 1:.3f}; target >= 0.98), ToC lines as sections: {toc} (target 0); "
          f"documents short: {len(short)}")
    for s in sorted(short, key=lambda x: (x.hits - x.gold, -x.toc_sections))[:show]:
        print(f"  {s.name:14s} {s.hits}/{s.gold} toc_sections={s.toc_sections}  {'; '.join(s.misses[:4])}")


def news_gold(raw: str) -> list[str]:
    """The titles (normalised) of the items of a day: blank-line blocks of >= 2 lines whose first line has no 。."""
    out = []
    for block in re.split(r"\n[ \t\u3000]*\n", raw.replace("\r\n", "\n")):
        lines = [x for x in (_strip(y) for y in block.split("\n")) if x]
        if len(lines) >= 2 and "。" not in lines[0]:
            out.append(normalize(lines[0]))
    return out


def _shape(doc) -> tuple:
    """What a parse says (title, metadata, outline, sentences with their paths), to compare two parsers."""
    return (doc.title, sorted(doc.metadata.items(), key=str), doc.outline(),
            [(s.text, s.section_path, s.task) for s in doc.sentences])


def report_news(n_days: int, seed: int, half: str, commit: str) -> None:
    """The figures of pages of news items (see the module docstring)."""
    import random

    from _evalkit import shared, split
    from _task_sets import split_items

    root = shared("xwlb")
    days = sorted(str(p.relative_to(root)) for p in root.glob("*/*.txt"))
    picked = sorted(random.Random(seed).sample(days, min(n_days, len(days))))
    picked = split(picked, half)
    old = baseline_parser(commit) if commit else None
    ours_share: dict[str, float] = {}
    base_share: dict[str, float] = {}
    gold_n = hit_n = base_hit_n = parted = base_parted = unpathed = items_alone = items_differ = 0
    for day in picked:
        raw = (root / day).read_text(encoding="utf-8")
        gold = news_gold(raw)
        doc = pt.load(root / day)
        heads = {p.heading for p in doc.parts}
        hits = sum(g in heads for g in gold)
        gold_n, hit_n = gold_n + len(gold), hit_n + hits
        parted += bool(doc.parts)
        unpathed += sum(not s.section_path for s in doc.sentences)
        ours_share[day] = hits / len(gold) if gold else 1.0
        if old is not None:
            bdoc = old(root / day)
            bheads = {p.heading for p in bdoc.parts}
            bhits = sum(g in bheads for g in gold)
            base_hit_n += bhits
            base_parted += bool(bdoc.parts)
            base_share[day] = bhits / len(gold) if gold else 1.0
            for item in split_items(raw):
                items_alone += 1
                items_differ += _shape(pt.parse(item)) != _shape(old.parse(item))
    print(f"xwlb/{half}: {len(picked)} days (seed {seed}), {gold_n} items; items that are parts with their title "
          f"as heading: {hit_n} ({hit_n / max(gold_n, 1):.3f}); days with parts: {parted}/{len(picked)}; "
          f"sentences without a section path: {unpathed}")
    if old is not None:
        print(f"  baseline {commit}: items as parts {base_hit_n} ({base_hit_n / max(gold_n, 1):.3f}); days with "
              f"parts: {base_parted}/{len(picked)}; items parsed alone that differ: {items_differ}/{items_alone}")
        print_comparison(f"share of news items that are parts, {half}", compare(ours_share, base_share),
                         base=f"parser@{commit}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--half", default=None, choices=["tune", "report", "all"])
    ap.add_argument("--show", type=int, default=40)
    ap.add_argument("--baseline", default=BASELINE, help="git commit of the baseline parser ('' to skip)")
    ap.add_argument("--items-baseline", default=ITEMS_BASELINE,
                    help="git commit of the parser before the list rule, for the list figure ('' to skip)")
    ap.add_argument("--xwlb", type=int, default=0, help="pages of news items: N random days of ../shared/xwlb")
    ap.add_argument("--seed", type=int, default=0, help="the seed of the --xwlb sample")
    ap.add_argument("--baseline-news", default=NEWS_BASELINE, help="the parser before news pages became parts")
    args = ap.parse_args()
    halves = [args.half] if args.half else ["tune", "report", "all"]
    if args.xwlb:
        for half in halves:
            report_news(args.xwlb, args.seed, half, args.baseline_news)
        return
    old = baseline_parser(args.baseline) if args.baseline else None
    old_items = baseline_parser(args.items_baseline) if args.items_baseline else None
    ITEMS_BASELINE_USED[0] = args.items_baseline
    for half in halves:
        report_items(half, old_items)
        ours = run(half)
        report(ours, f"headed/{half}", args.show)
        if old is None:
            continue
        base = run(half, old)
        report(base, f"  baseline {args.baseline} headed/{half}", 0)
        share = {n: (s.hits / s.gold if s.gold else 1.0) for n, s in ours.items()}
        share0 = {n: (s.hits / s.gold if s.gold else 1.0) for n, s in base.items()}
        print_comparison(f"share of heading lines that are sections, {half}", compare(share, share0),
                         base=f"parser@{args.baseline}")


if __name__ == "__main__":
    main()
