"""Precision and recall of ``Sentence.is_task`` against sentences labelled by reading (issue 15 item 6).

Usage: python benchmarks/eval_tasks.py [--set dev|fresh|third|fourth|fifth|sixth|seventh|both|all] [--errors]
                                       [--half tune|report|all] [--baseline-ref REF] [--speed] [--check-draw]
                                       [--genres G,G] [--model-table PATH]

``tests/data/task_labels.tsv`` holds 300 body sentences of ``../shared/headed``
and ``../shared/corpora`` (意见, 决定, plans, 公报, work reports, study
materials, notices, duty reports) labelled task / not task by reading them in
context, before the rules were changed. The sentence text is not stored: a
row gives the file, the sentence's character offset in the normalised text
(``policytext.parse(text).text``) and the md5 of the sentence text. This
script parses each file, finds the sentence by its md5 (the occurrence nearest
the stored offset; the offset stays a fallback when the parser cuts sentences
differently) and compares ``Sentence.is_task`` with the label.

Two label sets:

* ``dev`` — ``tests/data/task_labels.tsv`` (300 sentences, 130 documents; the third
  round corrected nine labels of notices' arrangements, 0 → 1, to the rule the
  fresh set follows — listed in the file's header).
  The first round chose rules on its ``tune`` half (``half_of`` on the file
  name, ``benchmarks/_evalkit.py``); both halves have since been read, so all
  300 are now the development set (the halves are still printed).
* ``fresh`` — ``tests/data/task_labels_fresh.tsv`` (212 sentences of 45
  documents that are not in the dev set), labelled before the second round
  of rules and never used to choose them: the figure to report.
  ``--check-draw`` redraws it (fixed seed, :func:`draw_fresh`) and checks
  that the stored rows are the drawn ones.
* ``third`` — ``tests/data/task_labels_third.tsv``: every sentence (192) of the 20
  passages of ``../shared/genre_dev/passages`` (real 编办 pages: articles, work
  reports, news of meetings, a notice), parsed with ``policytext.load(path)``
  and labelled before the third round of rules; never used to choose them.

* ``fourth`` — ``tests/data/task_labels_fourth.tsv``: 301 sentences drawn blind
  (``benchmarks/_task_fourth.py``, fixed seed; the helpers the blind sets share
  are in ``benchmarks/_task_sets.py``) from sources the rules were never
  tuned on — 120 of 60 新闻联播 items (``../shared/xwlb``; each item parsed alone,
  ``file`` = ``YYYY/YYYYMMDD.txt#N``), 61 of the plenum communiqués, 120 of
  ``../shared/headed`` not in an earlier set — labelled by reading before
  ``is_task`` was run on them. Also printed by source (xwlb, corpora, headed).
* ``fifth`` — ``tests/data/task_labels_fifth.tsv``: 300 sentences drawn blind the
  same way (``benchmarks/_task_fifth.py``, fixed seed) once the fourth set was
  read to tune the rules — 120 of 60 新闻联播 items of other days, 60 of the two
  决定, the 20th-congress study decision, the congress reports and the government
  work reports, 120 of ``../shared/headed`` pages that are not the fourth's
  (plans, notices, duty reports, study materials, speeches, essays) — labelled
  by reading before ``is_task`` was run on them. Printed by source too.
* ``sixth`` — ``tests/data/task_labels_sixth.tsv``: 300 sentences drawn blind the
  same way (``benchmarks/_task_sixth.py``, fixed seed) once the fifth set was
  read to tune the rules — 130 of 65 新闻联播 items of days that are neither the
  fourth's nor the fifth's, 130 of ``../shared/headed`` pages that are neither
  set's (plans, notices, essays, study materials), 40 spread over the
  ``../shared/corpora`` documents; in corpora and headed pages only sentences at
  least five sentences away from any labelled one. Labelled by reading before
  ``is_task`` was run on them. Printed by source too.
* ``seventh`` — ``tests/data/task_labels_seventh.tsv``: 300 sentences drawn blind
  the same way (``benchmarks/_task_seventh.py``, fixed seed) once the sixth set
  was read to tune the rules — 150 of 75 新闻联播 items of days none of the
  fourth, fifth and sixth sets uses, 120 of ``../shared/headed`` pages none of
  them uses (plans, notices, essays), 30 spread over the ``../shared/corpora``
  documents; only sentences at least five sentences away from any labelled one
  of the six earlier sets. Labelled by reading before ``is_task`` was run on
  them. Printed by source too.

* ``eighth`` and ``ninth`` (drawn by ``benchmarks/_task_eighth.py`` and ``_task_ninth.py`` and labelled
  before anything was built on them): 60 新闻联播 sentences, 190 of ``../shared/headed`` pages (pages may give
  again, five sentences away from labelled ones) and 50 of ``../shared/corpora`` each. They judged session 6's
  first round of rules (round 7), then chose its second (round 8).
* ``tenth`` and ``eleventh`` (``_task_tenth.py``, ``_task_eleventh.py``, drawn the same way after the ninth):
  the judges of round 8; then the rows the task model learns how far to trust the rules from, and the sets round
  9 was chosen on.
* ``twelfth`` and ``thirteenth`` (``_task_twelfth.py``, ``_task_thirteenth.py``, drawn the same way after the
  eleventh): the judges of session 7's task model. Their pages were sampled by earlier sets too, so the model was
  judged with a table fitted without those documents' rows (``benchmarks/build_task_model.py --exclude-docs-of
  twelfth,thirteenth --out T``, then ``--model-table T`` here).
* ``fourteenth`` and ``fifteenth`` (``_task_fourteenth.py``, ``_task_fifteenth.py``, drawn the same way after the
  thirteenth; the headed pages gave only 96 and 67 sentences: few are left five sentences away from labelled
  ones): the judges of round 9. ``--set judges`` reports both and their pooled figure; they are never part of
  ``--set all``.

The third round chose its rules on ``dev`` and ``fresh`` together (512
sentences); ``third`` to ``seventh`` were held out, and session 6 built on the
sixth and seventh. ``--set both`` is dev + fresh,
``--set all`` adds third to seventh. The errors of the blind sets
(fourth to ninth) are listed only when that set alone is asked for
(``--set eighth --errors``).

Each set is reported for ``Sentence.is_task`` (the rules) and the baseline. With ``--model-table PATH``, also for
the learned task model (``benchmarks/_task_model.py``, measured and NOT shipped: it lost 0.042 F1 on 新闻联播
items of the twelfth + thirteenth sets; see ``fit_task_model.py``), side by side: its decision over the rules' on
the same parse (``_task_model.document_tasks``) with the weight table at PATH (``benchmarks/build_task_model.py``
writes one). A table fitted on every set dev … eleventh is in-sample on them, not a judgement of it; the honest
figures of the model are ``fit_task_model.py``'s (each set held out) and the judges' with a table fitted without
their documents.

The baseline is ``task_marker`` of the tasks module at git ``REF`` (default
``HEAD``) on the same sentences in the same run: the rule of the sentence
alone, which is no longer HEAD's ``is_task`` (on the fifth set they give
different figures); for that, run this script with an exported tree first on the path
(``git archive HEAD | tar -x -C /tmp/t; PYTHONPATH=/tmp/t python
benchmarks/eval_tasks.py``: "now" is then that tree's ``is_task``). Intervals are
95% percentile bootstraps over documents (``_evalkit.bootstrap``: documents
are the unit, not sentences), also of the paired difference now − baseline.
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import time
import types
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _evalkit import REPO, bootstrap, half_of, shared
from _task_model import TaskModel, document_tasks, load_model
from _task_sets import LABEL_FILES, body_sentences, document, md5, read_rows

import policytext as pt

LABELS, FRESH, THIRD = LABEL_FILES["dev"], LABEL_FILES["fresh"], LABEL_FILES["third"]
FOURTH, FIFTH, SIXTH = LABEL_FILES["fourth"], LABEL_FILES["fifth"], LABEL_FILES["sixth"]
SEVENTH, EIGHTH, NINTH = LABEL_FILES["seventh"], LABEL_FILES["eighth"], LABEL_FILES["ninth"]
TENTH, ELEVENTH = LABEL_FILES["tenth"], LABEL_FILES["eleventh"]
#: The fresh draw: seed, and sentences per document by genre (the genre is the one stored in the fresh file).
FRESH_SEED = 20261201
FRESH_QUOTA = {"essay": 3, "profile": 4, "info": 4, "notice": 5, "plan": 10, "duty_report": 12, "article": 15}
#: Blind sets: their errors are printed only when the set is asked for alone.
BLIND = ("fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth",
         "fourteenth", "fifteenth")
#: The judges of round 9 (drawn and labelled before anything was built on them; the twelfth and thirteenth judged
#: session 7's task model and round 9 once): reported only when asked for by name or together (``--set judges``),
#: never in ``--set all``.
JUDGES = ("fourteenth", "fifteenth")


@dataclass
class Item:
    file: str
    folder: str
    offset: int
    md5: str
    label: bool
    genre: str
    text: str = ""  # filled from the shared file at run time, never stored
    ours: bool = False  # Sentence.is_task (the rules)
    model: bool | None = None  # the task model's decision over the rules' (filled only with --model-table)
    marker: str | None = None
    base: bool = False
    found: str = ""  # "md5", "offset" or "missing"


def read_labels(path: Path = LABELS) -> list[Item]:
    """The labelled rows (comment lines start with ``#``)."""
    return [Item(r["file"], r["folder"], int(r["offset"]), r["md5"], r["label"] == "1", r["genre"])
            for r in read_rows(path)]


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


def _module_at(ref: str, name: str, src: str) -> types.ModuleType:
    """``src`` (``policytext/text/<name>.py`` at ``ref``) run as a module of its own, ``tasks_baseline_<name>``."""
    mod = types.ModuleType(f"tasks_baseline_{name}")
    sys.modules[mod.__name__] = mod  # so that ``from tasks_baseline_<name> import`` finds it
    exec(compile(src, f"{name}.py@{ref}", "exec"), mod.__dict__)
    return mod


def baseline_marker(ref: str) -> Callable[[str], str | None]:
    """``task_marker`` of ``policytext/text/tasks.py`` at git ``ref`` (read-only ``git show``).

    Its private modules (``_task_words.py``, ``_task_shapes.py`` … where ``ref`` has them) are read at ``ref``
    too; any other module it imports (``headings``) is the installed one.
    """
    def show(name: str) -> str:
        return subprocess.run(["git", "show", f"{ref}:policytext/text/{name}.py"], cwd=REPO, check=True,
                              capture_output=True, text=True).stdout

    def load(name: str) -> types.ModuleType:
        def local(m: re.Match[str]) -> str:
            dep = m[1]
            if dep.startswith("_task"):
                if f"tasks_baseline_{dep}" not in sys.modules:
                    load(dep)
                return f"from tasks_baseline_{dep} import"
            return f"from policytext.text.{dep} import"

        def whole(m: re.Match[str]) -> str:  # ``from . import _task_readings as rd`` (round 9 on)
            dep, alias = m[1], m[2]
            if dep.startswith("_task"):
                if f"tasks_baseline_{dep}" not in sys.modules:
                    load(dep)
                return f"import tasks_baseline_{dep} as {alias}"
            return f"from policytext.text import {dep} as {alias}"

        src = re.sub(r"^from \. import (\w+) as (\w+)$", whole, show(name), flags=re.M)
        return _module_at(ref, name, re.sub(r"^from \.(\w+) import", local, src, flags=re.M))

    for stale in [m for m in sys.modules if m.startswith("tasks_baseline_")]:
        del sys.modules[stale]
    return load("tasks").task_marker


def evaluate(items: list[Item], base: Callable[[str], str | None], table: TaskModel | None = None) -> None:
    """Fill ``ours``/``base``/``text`` of every item from the parsed shared files (and ``model`` with a ``table``)."""
    cache: dict[str, pt.Document] = {}
    model: dict[str, list[str | None]] = {}  # the task model's markers of each document's sentences
    for it in items:
        key = f"{it.folder}/{it.file}"
        if key not in cache:
            # the third set was read as a user loads a file; the others as parse(text); a 新闻联播
            # item of a blind set (file ``day.txt#N``) as parse(item text)
            cache[key] = (pt.load(shared(it.folder) / it.file) if it.folder.startswith("genre_dev")
                          else document(it.folder, it.file))
        s = locate(cache[key], it)
        if s is None:
            continue
        it.text, it.marker, it.ours = s.text, s.task, s.is_task
        if table is not None:
            if key not in model:
                model[key] = document_tasks(cache[key], table)
            it.model = model[key][s.index] is not None
        it.base = base(s.text) is not None


def prf(items: list[Item], attr: str = "ours") -> tuple[float, float, float]:
    tp = sum(1 for i in items if i.label and getattr(i, attr))
    fp = sum(1 for i in items if not i.label and getattr(i, attr))
    fn = sum(1 for i in items if i.label and not getattr(i, attr))
    p = tp / (tp + fp) if tp + fp else float("nan")
    r = tp / (tp + fn) if tp + fn else float("nan")
    f = 2 * p * r / (p + r) if p + r else float("nan")
    return p, r, f


Counts = tuple[int, int, int]  # tp, fp, fn of one document


def _counts(items: list[Item], attr: str) -> dict[str, Counts]:
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for i in items:
        pred = getattr(i, attr)
        c = out[i.file]
        c[0] += i.label and pred
        c[1] += (not i.label) and pred
        c[2] += i.label and not pred
    return {d: (c[0], c[1], c[2]) for d, c in out.items()}


def _pooled(docs: list[tuple[Counts, Counts]], which: int, stat: str) -> float:
    """Pooled precision or recall over documents (``which``: 0 now, 1 baseline); ``stat`` "p", "r" or "dp"/"dr"."""
    def one(k: int, s: str) -> float:
        tp = sum(d[k][0] for d in docs)
        den = tp + sum(d[k][1 if s == "p" else 2] for d in docs)
        return tp / den if den else float("nan")
    if stat in ("p", "r"):
        return one(which, stat)
    return one(0, stat[1]) - one(1, stat[1])


def _has_model(items: list[Item]) -> bool:
    """Whether the task model decided these items (``--model-table``)."""
    return any(i.model is not None for i in items)


def doc_bootstrap(items: list[Item]) -> dict[str, tuple[float, float]]:
    """95% bootstrap intervals over documents of pooled precision/recall (now, baseline, the task model when it
    decided the items) and the differences now − baseline."""
    now, base = _counts(items, "ours"), _counts(items, "base")
    docs = [(now[d], base[d]) for d in sorted(now)]
    out = {}
    for key, which, stat in (("p", 0, "p"), ("r", 0, "r"), ("bp", 1, "p"), ("br", 1, "r"), ("dp", 0, "dp"),
                             ("dr", 0, "dr")):
        out[key] = bootstrap(docs, stat=lambda ds, w=which, s=stat: _pooled(ds, w, s))  # type: ignore[arg-type]
    if not _has_model(items):
        return out
    model = _counts(items, "model")
    docs = [(model[d], base[d]) for d in sorted(now)]
    for key, stat in (("rp", "p"), ("rr", "r")):
        out[key] = bootstrap(docs, stat=lambda ds, s=stat: _pooled(ds, 0, s))  # type: ignore[arg-type]
    return out


def report(title: str, items: list[Item]) -> None:
    docs = len({i.file for i in items})
    print(f"\n== {title}: {len(items)} sentences, {docs} documents, {sum(i.label for i in items)} tasks by reading")
    ci = doc_bootstrap(items)
    rows = [("ours", "is_task (now)", "p", "r"), ("model", "task model", "rp", "rr"), ("base", "baseline", "bp", "br")]
    for attr, name, kp, kr in rows if _has_model(items) else rows[::2]:
        p, r, f = prf(items, attr)
        (plo, phi), (rlo, rhi) = ci[kp], ci[kr]
        print(f"  {name:>14s}: precision {p:.3f} [{plo:.3f}, {phi:.3f}]  recall {r:.3f} [{rlo:.3f}, {rhi:.3f}]"
              f"  F1 {f:.3f}")
    p, r, _ = prf(items)
    bp, br, _ = prf(items, "base")
    print(f"  {'now - baseline':>14s}: precision {p - bp:+.3f} [{ci['dp'][0]:+.3f}, {ci['dp'][1]:+.3f}]  "
          f"recall {r - br:+.3f} [{ci['dr'][0]:+.3f}, {ci['dr'][1]:+.3f}]")


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


def draw_fresh(exclude: set[str], genres: dict[str, str]) -> list[tuple[str, str, int, str]]:
    """The fresh draw: ``(file, folder, offset, md5)`` of body sentences of documents not in ``exclude``.

    Documents: every ``../shared/headed`` page (in name order) not in
    ``exclude``, then ``corpora/reference_bianban_2022.txt`` (the only corpora
    document outside the dev set). Body sentences: ``doc.sentences`` of at
    least 10 characters, ending with 。；！？ and holding four Chinese
    characters in a row. Per document :data:`FRESH_QUOTA` of its genre
    (``genres``: file → genre), sampled with one ``random.Random(FRESH_SEED)``.
    """
    man = sorted(p.name for p in shared("headed").glob("sx_*.txt"))
    docs = [("headed", f) for f in man if f not in exclude] + [("corpora", "reference_bianban_2022.txt")]
    rng = random.Random(FRESH_SEED)
    out = []
    for folder, f in docs:
        sents = body_sentences(pt.parse((shared(folder) / f).read_text(encoding="utf-8")))
        if not sents:
            continue
        k = FRESH_QUOTA[genres.get(f, "notice")]
        for i in sorted(rng.sample(range(len(sents)), min(k, len(sents)))):
            out.append((f, folder, sents[i].start, md5(sents[i].text)))
    return out


def check_draw(fresh: list[Item], dev: list[Item]) -> None:
    """Redraw the fresh set and say whether the stored rows are the drawn ones."""
    genres = {i.file: i.genre for i in fresh}
    drawn = draw_fresh({i.file for i in dev}, genres)
    stored = [(i.file, i.folder, i.offset, i.md5) for i in fresh]
    same = drawn == stored
    print(f"fresh draw: {len(drawn)} drawn, {len(stored)} stored, identical: {same}")
    if not same:
        print(f"  differ: {len(set(drawn) ^ set(stored))} rows (the parser now cuts some sentences differently)")


def _others(part: list[Item]) -> str:
    """The baseline's precision / recall (and the task model's first, when it decided the items)."""
    bp, br, _ = prf(part, "base")
    if not _has_model(part):
        return f"(baseline {bp:.3f} / {br:.3f})"
    rp, rr, _ = prf(part, "model")
    return f"(task model {rp:.3f} / {rr:.3f}; baseline {bp:.3f} / {br:.3f})"


def _breakdown(name: str, what: str, items: list[Item], key: Callable[[Item], str]) -> None:
    print(f"\n== {name}: by {what} (all)")
    for value in sorted({key(i) for i in items}):
        part = [i for i in items if key(i) == value]
        p, r, _ = prf(part)
        print(f"  {value:16s} n={len(part):3d} tasks={sum(i.label for i in part):3d}  precision {p:.3f} recall {r:.3f}"
              f"   {_others(part)}")


def run_set(name: str, items: list[Item], halves: list[str], args: argparse.Namespace,
            by_source: bool = False) -> None:
    """Report one label set: halves (dev only), sources (``by_source``), genres, errors."""
    missing = [i for i in items if i.found != "md5"]
    print(f"\n#### {name} set: {len(items)} labels; found by md5 {len(items) - len(missing)}, by offset "
          f"{sum(i.found == 'offset' for i in missing)}, missing {sum(i.found == 'missing' for i in missing)}")
    for i in missing:
        print(f"  not found: {i.file}@{i.offset} ({i.found})")
    items = [i for i in items if i.found != "missing"]
    for half in halves:
        part = [i for i in items if half == "all" or half_of(i.file) == half]
        report(f"{name} / {half}", part)
    if by_source:
        _breakdown(name, "source", items, lambda i: i.folder)
    print(f"\n== {name}: by genre (all)")
    for genre in sorted({i.genre for i in items}):
        part = [i for i in items if i.genre == genre]
        p, r, _ = prf(part)
        print(f"  {genre:12s} n={len(part):3d}  precision {p:.3f} recall {r:.3f}   {_others(part)}")
    if args.errors and name in BLIND and args.set != name:
        print(f"\n== {name}: errors are listed only with --set {name} (a blind set: keep them out of tuning runs)")
    elif args.errors:
        chosen = [i for i in items if len(halves) > 1 or halves[0] == "all" or half_of(i.file) == halves[0]]
        for kind, pred in (("false positives", lambda i: i.ours and not i.label),
                           ("false negatives", lambda i: i.label and not i.ours)):
            errs = [i for i in chosen if pred(i)]
            print(f"\n== {name}: {kind} ({len(errs)})")
            for i in errs:
                print(f"  [{half_of(i.file)}] {i.file}@{i.offset} {i.genre} {i.marker!s:10s} {i.text[:90]}")


def _use_table(path: Path) -> TaskModel:
    """The task model (``_task_model.py``) with the weight table at ``path``."""
    model = load_model(path)
    print(f"task model: weights of {path} ({len(model) + 1} weights with the bias)")
    return model


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", choices=("dev", "fresh", "third", *BLIND, "judges", "both", "all"),
                    default="all",
                    help="label set: dev (task_labels.tsv), fresh (task_labels_fresh.tsv), third "
                         "(task_labels_third.tsv, never tuned on), fourth (task_labels_fourth.tsv, blind: "
                         "新闻联播, communiqués, headed), fifth (task_labels_fifth.tsv, blind: 新闻联播, 决定 and "
                         "reports, headed), sixth (task_labels_sixth.tsv, blind: 新闻联播, headed, corpora far from "
                         "labelled sentences), seventh (task_labels_seventh.tsv, blind, drawn the same way "
                         "away from the six earlier sets), eighth and ninth (task_labels_{eighth,ninth}.tsv, "
                         "weighted to headed pages and corpora), tenth and eleventh (drawn the same way: the "
                         "judges of session 6), twelfth and thirteenth (the task model's judges), fourteenth and "
                         "fifteenth (round 9's judges, never in 'all'), judges (fourteenth + fifteenth, and pooled), "
                         "both (dev + fresh, the sets rules are chosen on) or all (but the judges)")
    ap.add_argument("--half", choices=("tune", "report", "all"), default=None,
                    help="dev set: report one half only (default: tune, report and all)")
    ap.add_argument("--errors", action="store_true", help="print the sentences the rules get wrong")
    ap.add_argument("--baseline-ref", default="HEAD", help="git revision of the baseline rules (default HEAD)")
    ap.add_argument("--speed", action="store_true", help="also time task_marker against the baseline")
    ap.add_argument("--check-draw", action="store_true", help="redraw the fresh set and compare with the stored rows")
    ap.add_argument("--genres", default="", help="comma-separated genres to keep (notice,plan,article …)")
    ap.add_argument("--model-table", type=Path, default=None,
                    help="also score the learned task model (benchmarks/_task_model.py, not shipped) with this "
                         "weight table (benchmarks/build_task_model.py; to judge: --exclude-docs-of)")
    args = ap.parse_args()
    table = _use_table(args.model_table) if args.model_table is not None else None
    base = baseline_marker(args.baseline_ref)
    if args.speed:
        print("== speed (same run)")
        speed(base)
    keep = set(args.genres.split(",")) if args.genres else None
    sets = {name: [i for i in read_labels(path) if keep is None or i.genre in keep]
            for name, path in LABEL_FILES.items() if name in ("dev", "fresh", "third", *BLIND)}
    if args.check_draw:
        check_draw(sets["fresh"], sets["dev"])
    for name in ("dev", "fresh", "third", *BLIND):
        if (args.set == name or (args.set == "all" and name not in JUDGES)
                or (args.set == "both" and name in ("dev", "fresh")) or (args.set == "judges" and name in JUDGES)):
            evaluate(sets[name], base, table)
            halves = [args.half] if args.half else ["tune", "report", "all"]
            run_set(name, sets[name], halves if name == "dev" else ["all"], args, by_source=name in BLIND)
        if name == "fresh" and args.set in ("both", "all"):
            report("dev + fresh (the rules were chosen on these)",
                   [i for i in sets["dev"] + sets["fresh"] if i.found != "missing"])
    if args.set == "judges":
        report(" + ".join(JUDGES) + " (pooled)", [i for n in JUDGES for i in sets[n] if i.found != "missing"])


if __name__ == "__main__":
    main()
