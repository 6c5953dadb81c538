"""Key sentences against author-written headings: the study summary's pick vs flat TextRank.

Usage::

    .venv/bin/python benchmarks/eval_key_sentences.py                 # ../shared/headed, tune / report / all
    .venv/bin/python benchmarks/eval_key_sentences.py --folder corpora
    .venv/bin/python benchmarks/eval_key_sentences.py --tune          # the grid the weights were chosen on
    .venv/bin/python benchmarks/eval_key_sentences.py --half tune --docs 20   # a smoke run
    .venv/bin/python benchmarks/eval_key_sentences.py --blind 20      # pairs to judge by reading (report half)
    .venv/bin/python benchmarks/eval_key_sentences.py --blind 20 --pairs /tmp/pairs.tsv --key /tmp/key.tsv

For every summary section :func:`policytext.summarize` makes (a top-level
section; in a page parsed into parts, the sections of each part, or a part
without sections as one; list items are never sections: their sentences are
material of the section before them, ``summary._plan``) with a non-empty
heading and at least one sentence, the score is ROUGE-L F1 **over characters** (longest common
subsequence of the two strings, punctuation included, no tokenization)
between a sentence and the section's heading. A document's score is the mean
over its sections, and documents are the unit of every statistic
(``_evalkit``: pooled ratio of means with a bootstrap interval over
documents, share of documents not worse, the worst ten).

* **ours**: the first key sentence the study summary gives the section
  (``summary._section_summary``, what :func:`policytext.summarize` runs for
  each top-level section, with one key sentence);
* **flat TextRank (document)**: the baseline of the earlier figures
  (``tests/test_summary.py``): PageRank over the sentence-similarity graph of
  *all* the document's sentences (``rank_sentences(position=False,
  mix=(1, 0, 0))``, no keywords, no position), the section's best-ranked
  sentence;
* **flat TextRank (section)**: the same ranking over the section's sentences only.

Targets (issue 16, item 4): pooled ratio >= 1.25 and not worse on >= 70% of
documents. Weights are chosen on the ``tune`` half only (``--tune``) and
reported on the ``report`` half and on all documents. The heading is a proxy
(copying it would score well): :func:`policytext.analysis.ranking.thesis_candidate`
refuses sentences that repeat it, and ``--blind`` prints pairs to judge by reading (or, with
``--pairs``, writes them for another reader without printing them).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import random
import statistics
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _evalkit as ek

import policytext as pt
from policytext.analysis import ranking
from policytext.analysis import summary as summ
from policytext.analysis.ranking import content_norms, rank_sentences
from policytext.text.document import Sentence
from policytext.tokens.lexicon import load_stopwords

TARGET_RATIO, TARGET_SHARE = 1.25, 0.70


def lcs(a: str, b: str) -> int:
    """Length of the longest common subsequence of two strings."""
    prev = [0] * (len(b) + 1)
    for ca in a:
        cur = [0]
        for j, cb in enumerate(b):
            cur.append(prev[j] + 1 if ca == cb else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def rouge_l(candidate: str, reference: str) -> float:
    """ROUGE-L F1 over characters.

    >>> round(rouge_l("加强党的建设。", "加强党的建设"), 3)
    0.923
    """
    n = lcs(candidate, reference)
    if not n:
        return 0.0
    p, r = n / len(candidate), n / len(reference)
    return 2 * p * r / (p + r)


@dataclass
class Unit:
    """A summary section as :func:`policytext.summarize` ranks it: the section, its sentences (with
    those of list items after it, without a part's closing) and the heading a reader sees."""

    sec: pt.Section
    sentences: list[Sentence]
    heading: str
    extra: list[Sentence]
    skip: frozenset[int]


def evaluated_units(doc: pt.Document) -> Iterator[Unit]:
    """The summary sections of ``doc`` (``summary._plan``) with a heading and sentences."""
    for u in summ._plan(doc).units:
        sec = u.sec
        heading = summ._part_title(sec) if sec.kind == "part" else summ._one_line(sec.heading)
        sents = [s for s in sorted([*sec.sentences, *u.extra], key=lambda s: s.index) if s.index not in u.skip]
        if heading.strip() and sents:
            yield Unit(sec, sents, heading, list(u.extra), frozenset(u.skip))


@dataclass
class SectionPicks:
    """The sentences each method picks for one section (indices in ``doc.sentences``; None: no pick)."""

    heading: str
    ours: int | None
    flat_doc: int
    flat_sec: int
    section_id: str = ""


def section_picks(doc: pt.Document, tk: pt.Tokenizer, stop: frozenset[str]) -> list[SectionPicks]:
    """Our first key sentence and both baselines' picks for every evaluated section of ``doc``."""
    units = [content_norms(t, stop) for t in tk.tokenize_document(doc)]
    flat = rank_sentences(units, position=False, mix=(1.0, 0.0, 0.0))
    out = []
    for u in evaluated_units(doc):
        idx = [s.index for s in u.sentences]
        ssum = summ._section_summary(doc, u.sec, units, tk, 1, 8, 0, extra=u.extra, skip=u.skip)
        ours = ssum.key_sentences[0].sentence_index if ssum.key_sentences else None
        flat_sec = rank_sentences([units[i] for i in idx], position=False, mix=(1.0, 0.0, 0.0))
        out.append(SectionPicks(u.heading, ours,
                                max(idx, key=lambda i: (flat[i], -i)),
                                idx[max(range(len(idx)), key=lambda j: (flat_sec[j], -j))], u.sec.id))
    return out


def doc_scores(doc: pt.Document, picks: list[SectionPicks]) -> dict[str, float]:
    """Mean ROUGE-L over the sections, per method."""
    def score(i: int | None, heading: str) -> float:
        return rouge_l(doc.sentences[i].text, heading) if i is not None else 0.0

    return {m: statistics.fmean(score(getattr(p, m), p.heading) for p in picks)
            for m in ("ours", "flat_doc", "flat_sec")}


def files_of(folder: str, limit: int | None = None) -> list[Path]:
    path = Path(folder) if "/" in folder else ek.shared(folder)  # a bare name is a folder of ../shared
    files = sorted(path.glob("*.txt"))
    return files[:limit] if limit else files


def run(files: list[Path]) -> dict[str, tuple[pt.Document, list[SectionPicks]]]:
    tk, stop = pt.Tokenizer(), load_stopwords()
    out = {}
    for p in files:
        doc = pt.load(p)
        picks = section_picks(doc, tk, stop)
        if picks:
            out[p.name] = (doc, picks)
    return out


def report(results: dict[str, tuple[pt.Document, list[SectionPicks]]], halves=("tune", "report", "all"),
           worst: int = 10) -> dict[str, dict[str, ek.Comparison]]:
    """Print ours vs both baselines on each half; return the comparisons."""
    scores = {n: doc_scores(doc, picks) for n, (doc, picks) in results.items()}
    out: dict[str, dict[str, ek.Comparison]] = {}
    for half in halves:
        names = ek.split(scores, half)
        if not names:
            continue
        out[half] = {}
        for base, label in (("flat_doc", "flat TextRank (document)"), ("flat_sec", "flat TextRank (section)")):
            cmp = ek.compare({n: scores[n]["ours"] for n in names}, {n: scores[n][base] for n in names})
            out[half][base] = cmp
            ek.print_comparison(f"{half}: ROUGE-L (characters) vs heading, ours vs {label}", cmp,
                                ours="policytext key sentence", base=label, worst=worst if half == halves[-1] else 0)
            met = cmp.ratio >= TARGET_RATIO and cmp.share_not_worse >= TARGET_SHARE
            print(f"  {'target':>24s}: ratio >= {TARGET_RATIO} and not worse on >= {TARGET_SHARE:.0%}: "
                  f"{'met' if met else 'NOT met'}")
    return out


# -- choosing the weights (tune half only) ---------------------------------------------------

def tune(files: list[Path]) -> None:
    """Evaluate a grid of :data:`ranking.THESIS_MIX` weights on the tune half; print the best ten.

    The objective is the pooled ratio plus the share of documents not worse,
    against flat TextRank (document). Each section's inputs (sentences,
    content terms, keyword scores, centrality) are computed once; each
    weighting then ranks them as ``summary._section_summary`` does (the first
    key sentence is the best-scored candidate)."""
    from policytext.analysis.keyterms import keywords as extract

    tune_files = [p for p in files if ek.half_of(p.name) == "tune"]
    tk, stop = pt.Tokenizer(), load_stopwords()
    sections, base = [], {}
    for p in tune_files:
        doc = pt.load(p)
        picks = section_picks(doc, tk, stop)
        if not picks:
            continue
        base[p.name] = doc_scores(doc, picks)["flat_doc"]
        units = [content_norms(t, stop) for t in tk.tokenize_document(doc)]
        for u in evaluated_units(doc):
            kws = extract(u.sec, context=doc, top=10, tokenizer=tk)
            sections.append((p.name, u, [units[s.index] for s in u.sentences], {k.term: k.score for k in kws},
                             [rouge_l(s.text, u.heading) for s in u.sentences]))
    cache: dict[int, list[float]] = {}
    plain = ranking._centrality
    ranking._centrality = lambda u: cache.setdefault(id(u), plain(u))  # type: ignore[assignment]
    grid = {"centrality": (0.5, 0.8, 1.2), "position": (0.3, 0.6), "concise": (1.2, 1.6),
            "introduction": (0.4, 0.8), "directive": (0.0, 0.4), "paragraph_start": (0.2, 0.4)}
    rows = []
    try:
        for values in itertools.product(*grid.values()):
            mix = dict(ranking.THESIS_MIX) | dict(zip(grid, values))
            per_doc: dict[str, list[float]] = {}
            for name, u, su, w, rouges in sections:
                scores, ok = ranking.rank_section(u.sentences, su, heading=u.heading, path=u.sec.path,
                                                  weights=w, mix=mix)
                cand = [j for j in range(len(su)) if ok[j]]
                best = max(cand, key=lambda j: (scores[j], -j)) if cand else None
                per_doc.setdefault(name, []).append(rouges[best] if best is not None else 0.0)
            cmp = ek.compare({n: statistics.fmean(v) for n, v in per_doc.items()}, base)
            rows.append((cmp.ratio + cmp.share_not_worse, cmp.ratio, cmp.share_not_worse, mix))
    finally:
        ranking._centrality = plain
    rows.sort(key=lambda r: -r[0])
    print(f"tune half: {len(base)} documents; objective ratio + share not worse vs flat TextRank (document)")
    print(f"  shipped THESIS_MIX: {ranking.THESIS_MIX} (CONCISE_CHARS={ranking.CONCISE_CHARS})")
    for _, r, s, mix in rows[:10]:
        print(f"  {r:.3f}x  {s:.1%}  {mix}")


# -- blind reading ---------------------------------------------------------------------------

def blind(results: dict[str, tuple[pt.Document, list[SectionPicks]]], n: int, seed: int, key_file: Path,
          pairs_file: Path | None = None) -> None:
    """``n`` report-half sections where ours and flat TextRank (document) differ, as A/B in random
    order: printed, or with ``pairs_file`` written there as TSV (doc, section id, heading, A, B) and
    not printed (for a reader other than the one who runs it); which is which goes to ``key_file``
    (read it only after deciding)."""
    rng = random.Random(seed)
    pool = [(name, p, p.ours) for name in ek.split(results, "report") for p in results[name][1]
            if p.ours is not None and p.ours != p.flat_doc]
    rng.shuffle(pool)
    keys, rows = ["n\tdoc\tsection\tA\tB\tours\tflat"], ["n\tdoc\tsection\theading\tA\tB"]
    for k, (name, p, ours) in enumerate(pool[:n], 1):
        doc = results[name][0]
        pair = [("ours", ours), ("flat", p.flat_doc)]
        rng.shuffle(pair)
        texts = [" ".join(doc.sentences[i].text.split()) for _, i in pair]
        if pairs_file is None:
            print(f"\n[{k}] {name}  section: {p.heading}")
            for tag, text in zip("AB", texts):
                print(f"  {tag}: {text}")
        rows.append(f"{k}\t{name}\t{p.section_id}\t{' '.join(p.heading.split())}\t{texts[0]}\t{texts[1]}")
        digest = hashlib.sha1(doc.sentences[ours].text.encode()).hexdigest()[:8]
        keys.append(f"{k}\t{name}\t{p.section_id}\t{pair[0][0]}\t{pair[1][0]}\t{ours}:{digest}\t{p.flat_doc}")
    key_file.write_text("\n".join(keys) + "\n", encoding="utf-8")
    if pairs_file is not None:
        pairs_file.write_text("\n".join(rows) + "\n", encoding="utf-8")
        print(f"{len(rows) - 1} pairs (of {len(pool)} report-half sections where the picks differ) written to "
              f"{pairs_file}")
    print(f"key written to {key_file}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folder", default="headed", help="a folder of ../shared (headed, corpora) or a path with a /")
    ap.add_argument("--limit", "--docs", type=int, help="only the first N files (by name)")
    ap.add_argument("--half", choices=ek.HALVES, default="all",
                    help="only the documents of one half (default: all, reported as tune, report and all)")
    ap.add_argument("--tune", action="store_true", help="print the weight grid on the tune half")
    ap.add_argument("--blind", type=int, metavar="N", help="print N report-half pairs to judge by reading")
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--key", default="/tmp/eval_key_sentences_blind_key.tsv")
    ap.add_argument("--pairs", help="with --blind: write the pairs to this TSV instead of printing them")
    args = ap.parse_args(argv)
    files = [p for p in files_of(args.folder) if args.half == "all" or ek.half_of(p.name) == args.half]
    files = files[:args.limit] if args.limit else files
    if args.tune:
        tune(files)
        return 0
    t0 = time.perf_counter()
    results = run(files)
    if args.blind:
        blind(results, args.blind, args.seed, Path(args.key), Path(args.pairs) if args.pairs else None)
        return 0
    n_sec = sum(len(p) for _, p in results.values())
    print(f"{args.folder}: {len(results)} documents, {n_sec} sections "
          f"({time.perf_counter() - t0:.0f} s); ROUGE-L F1 over characters against the section heading")
    report(results, halves=ek.HALVES if args.half == "all" else (args.half,))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
