"""Precision and recall of ``Sentence.is_task`` against sentences labelled by reading (issue 15 item 6).

Usage: python benchmarks/eval_tasks.py [--half tune|report|all] [--errors] [--baseline-ref REF] [--speed]

``tests/data/task_labels.tsv`` holds 300 body sentences of ``../shared/headed``
and ``../shared/corpora`` (意见, 决定, plans, 公报, work reports, study
materials, notices, duty reports) labelled task / not task by reading them in
context, before the rules were changed. The sentence text is not stored: a
row gives the file, the sentence's character offset in the normalised text
(``policytext.parse(text).text``) and the md5 of the sentence text. This
script parses each file, finds the sentence by its md5 (the occurrence nearest
the stored offset; the offset stays a fallback when the parser cuts sentences
differently) and compares ``Sentence.is_task`` with the label.

Rules are chosen on the ``tune`` half of the labelled documents (``half_of``
on the file name, ``benchmarks/_evalkit.py``) and reported on ``report`` and
``all``. The baseline is ``task_marker`` of the tasks module at git ``REF``
(default ``HEAD``), run on the same sentences in the same run. Intervals are
95% bootstraps over documents (documents are the unit, not sentences).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import random
import subprocess
import sys
import time
import types
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _evalkit import REPO, half_of, shared

import policytext as pt

LABELS = REPO / "tests" / "data" / "task_labels.tsv"


@dataclass
class Item:
    file: str
    folder: str
    offset: int
    md5: str
    label: bool
    genre: str
    text: str = ""  # filled from the shared file at run time, never stored
    ours: bool = False
    marker: str | None = None
    base: bool = False
    found: str = ""  # "md5", "offset" or "missing"


def read_labels(path: Path = LABELS) -> list[Item]:
    """The labelled rows (comment lines start with ``#``)."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    rows = csv.DictReader(lines, delimiter="\t")
    return [Item(r["file"], r["folder"], int(r["offset"]), r["md5"], r["label"] == "1", r["genre"]) for r in rows]


def md5(text: str) -> str:
    return hashlib.md5(text.encode("utf-8")).hexdigest()


def locate(doc: pt.Document, item: Item) -> pt.Sentence | None:
    """The labelled sentence in ``doc``: by md5 (nearest the stored offset), else the one starting at the offset."""
    same = [s for s in doc.sentences if md5(s.text) == item.md5]
    if same:
        item.found = "md5"
        return min(same, key=lambda s: abs(s.start - item.offset))
    # the parser cut the sentence differently: the one holding the offset, else one starting just after it
    # (a list number ``5、`` that became a heading's number)
    at = [s for s in doc.sentences if s.start <= item.offset < s.end or 0 <= s.start - item.offset <= 6]
    item.found = "offset" if at else "missing"
    return at[0] if at else None


def baseline_marker(ref: str) -> Callable[[str], str | None]:
    """``task_marker`` of ``policytext/text/tasks.py`` at git ``ref`` (read-only ``git show``)."""
    src = subprocess.run(["git", "show", f"{ref}:policytext/text/tasks.py"], cwd=REPO, check=True,
                         capture_output=True, text=True).stdout
    src = src.replace("from .headings import", "from policytext.text.headings import")
    mod = types.ModuleType("tasks_baseline")
    exec(compile(src, f"tasks.py@{ref}", "exec"), mod.__dict__)
    return mod.task_marker  # type: ignore[no-any-return]


def evaluate(items: list[Item], base: Callable[[str], str | None]) -> None:
    """Fill ``ours``/``base``/``text`` of every item from the parsed shared files."""
    cache: dict[str, pt.Document] = {}
    for it in items:
        key = f"{it.folder}/{it.file}"
        if key not in cache:
            cache[key] = pt.parse((shared(it.folder) / it.file).read_text(encoding="utf-8"))
        s = locate(cache[key], it)
        if s is None:
            continue
        it.text, it.marker, it.ours = s.text, s.task, s.is_task
        it.base = base(s.text) is not None


def prf(items: list[Item], attr: str = "ours") -> tuple[float, float, float]:
    tp = sum(1 for i in items if i.label and getattr(i, attr))
    fp = sum(1 for i in items if not i.label and getattr(i, attr))
    fn = sum(1 for i in items if i.label and not getattr(i, attr))
    p = tp / (tp + fp) if tp + fp else float("nan")
    r = tp / (tp + fn) if tp + fn else float("nan")
    f = 2 * p * r / (p + r) if p + r else float("nan")
    return p, r, f


def doc_bootstrap(items: list[Item], attr: str, n: int = 2000, seed: int = 0) -> tuple[tuple[float, float], ...]:
    """95% intervals of pooled precision and recall, resampling documents."""
    by_doc: dict[str, list[Item]] = defaultdict(list)
    for it in items:
        by_doc[it.file].append(it)
    docs = sorted(by_doc)
    rng = random.Random(seed)
    ps, rs = [], []
    for _ in range(n):
        sample = [x for _ in docs for x in by_doc[docs[rng.randrange(len(docs))]]]
        p, r, _ = prf(sample, attr)
        ps.append(p)
        rs.append(r)
    out = []
    for vals in (ps, rs):
        vals = sorted(v for v in vals if v == v)
        out.append((vals[int(0.025 * len(vals))], vals[min(len(vals) - 1, int(0.975 * len(vals)))]))
    return tuple(out)


def report(title: str, items: list[Item]) -> None:
    docs = len({i.file for i in items})
    print(f"\n== {title}: {len(items)} sentences, {docs} documents, {sum(i.label for i in items)} tasks by reading")
    for attr, name in (("ours", "is_task (now)"), ("base", "baseline")):
        p, r, f = prf(items, attr)
        (plo, phi), (rlo, rhi) = doc_bootstrap(items, attr)
        print(f"  {name:>14s}: precision {p:.3f} [{plo:.3f}, {phi:.3f}]  recall {r:.3f} [{rlo:.3f}, {rhi:.3f}]"
              f"  F1 {f:.3f}")


def speed(base: Callable[[str], str | None], repeat: int = 15) -> None:
    """Time ``task_marker`` (now and the baseline) on every sentence of ``../shared/corpora`` (CPU time, best of n)."""
    from policytext.text.tasks import task_marker

    sents = [s.text for p in sorted(shared("corpora").glob("*.txt"))
             for s in pt.parse(p.read_text(encoding="utf-8")).sentences]
    for name, fn in (("baseline", base), ("now", task_marker)) * 2:
        best = float("inf")
        for _ in range(repeat):
            t0 = time.process_time()
            for s in sents:
                fn(s)
            best = min(best, time.process_time() - t0)
        print(f"  task_marker {name:>8s}: {best * 1000:6.1f} ms CPU for {len(sents)} sentences "
              f"({sum(fn(s) is not None for s in sents)} tasks)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--half", choices=("tune", "report", "all"), default=None,
                    help="report one half only (default: tune, report and all)")
    ap.add_argument("--errors", action="store_true", help="print the sentences the rules get wrong")
    ap.add_argument("--baseline-ref", default="HEAD", help="git revision of the baseline rules (default HEAD)")
    ap.add_argument("--speed", action="store_true", help="also time task_marker against the baseline")
    args = ap.parse_args()
    items = read_labels()
    base = baseline_marker(args.baseline_ref)
    if args.speed:
        print("== speed (same run)")
        speed(base)
    evaluate(items, base)
    missing = [i for i in items if i.found != "md5"]
    print(f"labels: {len(items)}; found by md5 {len(items) - len(missing)}, by offset "
          f"{sum(i.found == 'offset' for i in missing)}, missing {sum(i.found == 'missing' for i in missing)}")
    halves = [args.half] if args.half else ["tune", "report", "all"]
    for i in missing:
        print(f"  not found: {i.file}@{i.offset} ({i.found})")
    items = [i for i in items if i.found != "missing"]
    for half in halves:
        part = [i for i in items if half == "all" or half_of(i.file) == half]
        report(half, part)
    print("\n== by genre (all)")
    for genre in sorted({i.genre for i in items}):
        part = [i for i in items if i.genre == genre]
        p, r, _ = prf(part)
        bp, br, _ = prf(part, "base")
        print(f"  {genre:12s} n={len(part):3d}  precision {p:.3f} recall {r:.3f}   (baseline {bp:.3f} / {br:.3f})")
    if args.errors:
        chosen = [i for i in items if not args.half or args.half == "all" or half_of(i.file) == args.half]
        for kind, pred in (("false positives", lambda i: i.ours and not i.label),
                           ("false negatives", lambda i: i.label and not i.ours)):
            errs = [i for i in chosen if pred(i)]
            print(f"\n== {kind} ({len(errs)})")
            for i in errs:
                print(f"  [{half_of(i.file)}] {i.file}@{i.offset} {i.genre} {i.marker!s:10s} {i.text[:90]}")


if __name__ == "__main__":
    main()
