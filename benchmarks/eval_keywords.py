"""Evaluation harness: do section keywords name what the section's heading names? (issue 16 item 1)

Run::

    .venv/bin/python benchmarks/eval_keywords.py [--half tune|report|all] [--set headed|corpora|both]
        [--idf TABLE] [--compare-idf TABLE ...] [--docs N] [--method tfidf|textrank]

The measure (issue 4's rule with fragments no longer credited, issue 16 item 3)
---------------------------------------------------------------------------------
For every top-level section (``doc.sections`` of :func:`policytext.load`) the
*heading words* are the words of a private ``jieba.Tokenizer``'s ``lcut`` of
the heading, at least two characters long, minus :data:`EXCLUDED` (the
generic verbs and adverbs of issue 4's rule, as in ``tests/test_keyterms.py``).
A heading word ``w`` is *recalled* when some top-10 keyword ``k`` (of at
least two characters) contains it (``w in k``), or is contained in it and at
most one character shorter (``k in w and len(k) >= len(w) - 1``): 重大 no
longer counts for 重大意义. A document's score is the macro average over its
sections (with heading words) of recalled / heading words.

Methods, same sections, same run:

* ours — :func:`policytext.analysis.keyterms.keywords` of each section with
  ``context=doc`` (what :func:`section_keywords` does), top 10, read *blind*
  to its own heading (``keyterms._keywords_blind``): the same text as jieba,
  the section's sentences and subsection headings, and the document's
  phrases it is read with do not lean on its heading either
  (``analysis/_keyterm_phrases.py``). Library calls let the own heading shape
  the phrases (a phrase used once there and once in the body is a phrase):
  1.165× instead of 1.156× on the tune half. ``--sighted`` measures that;
* jieba — ``jieba.analyse.TFIDF().extract_tags`` and
  ``TextRank().textrank`` (private instances over a private
  ``jieba.Tokenizer``; jieba's globals are never touched) on the section's
  body text ``doc.text[heading end : section end]`` (its own heading
  excluded, subsection headings included), top 10.

The baseline is the better of the two jieba methods (higher mean over the
documents evaluated). Documents are split into halves by a hash of their file
name (``benchmarks/_evalkit.py``); constants are chosen on ``tune`` and
figures reported on ``report`` and ``all``. ``--compare-idf`` (default: the
shipped genre background, ``idf="background"``) runs the same method with
another IDF table and compares it with ours (the effect of the table alone). Prints the pooled ratio with its bootstrap
interval, the share of documents not worse, and the worst ten.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _evalkit import compare, print_comparison, shared, split

#: Heading words that say nothing about a topic (issue 4's rule; ``tests/test_keyterms.py`` uses the same set).
EXCLUDED = frozenset("要 着力 坚持 推进 推动 加强 全面 进一步 不断 持续 深入 加快 完善 健全 构建 实施 提高 提升 促进 "
                     "实现 开展 做好 认真 切实".split())
TOP = 10

Extract = Callable[[Any, Any], list[str]]  # (doc, section) -> keywords


def jieba_private() -> tuple[Any, Any, Any]:
    """A private ``jieba.Tokenizer`` and ``jieba.analyse`` TFIDF / TextRank instances over it."""
    import jieba

    from policytext._resources import cache_dir

    with warnings.catch_warnings():  # jieba reads its IDF file without closing it
        warnings.simplefilter("ignore", ResourceWarning)
        import jieba.analyse
        import jieba.posseg

        jt = jieba.Tokenizer()
        jt.tmp_dir = str(cache_dir())
        jt.initialize()
        pos = jieba.posseg.POSTokenizer(jt)
        tfidf = jieba.analyse.TFIDF()
        textrank = jieba.analyse.TextRank()
        gc.collect()
    tfidf.tokenizer, tfidf.postokenizer = jt, pos
    textrank.tokenizer = pos
    return jt, tfidf, textrank


def heading_words(lcut: Callable[[str], list[str]], heading: str) -> list[str]:
    """The heading's words (``lcut``), two characters or more, minus :data:`EXCLUDED`, sorted, unique."""
    return sorted({w for w in lcut(heading) if len(w) >= 2 and w not in EXCLUDED})


def recalls(word: str, kw: str) -> bool:
    """``kw`` names ``word``: contains it, or is contained in it and at most one character shorter.

    >>> recalls("重大意义", "重大"), recalls("重大意义", "重大意"), recalls("意义", "重大意义")
    (False, True, True)
    """
    return len(kw) >= 2 and (word in kw or (kw in word and len(kw) >= len(word) - 1))


def recall(words: Sequence[str], kws: Iterable[str]) -> float:
    """Share of ``words`` recalled by some keyword of ``kws``."""
    kws = list(kws)
    return sum(1 for w in words if any(recalls(w, k) for k in kws)) / len(words) if words else 0.0


def body_text(doc: Any, sec: Any) -> str:
    """The section's text without its own heading (subsection headings included): what jieba reads."""
    return str(doc.text[sec.heading_span[1]:sec.end])


def doc_score(doc: Any, words_of: Callable[[str], list[str]], extract: Extract) -> float | None:
    """Macro average over top-level sections with heading words of the recall of ``extract``'s keywords."""
    vals = [recall(w, extract(doc, sec)) for sec in doc.sections if (w := words_of(sec.heading))]
    return statistics.fmean(vals) if vals else None


def ours(sighted: bool = False, **options: Any) -> Extract:
    """policytext's keywords of a section (``context=doc``), top 10, with ``options`` (``method``, ``idf``):
    blind to the section's own heading unless ``sighted`` (then :func:`keywords` as users call it)."""
    from policytext.analysis.keyterms import _keywords_blind, keywords

    def extract(doc: Any, sec: Any) -> list[str]:
        if sighted:
            return [k.term for k in keywords(sec, context=doc, top=TOP, **options)]
        return [k.term for k in _keywords_blind(sec, doc, top=TOP, **options)]

    return extract


def jieba_methods(jtf: Any, jtr: Any) -> dict[str, Extract]:
    """``jieba_tfidf`` and ``jieba_textrank`` on the section body text, top 10."""
    return {
        "jieba_tfidf": lambda doc, sec: jtf.extract_tags(body_text(doc, sec), topK=TOP),
        "jieba_textrank": lambda doc, sec: jtr.textrank(body_text(doc, sec), topK=TOP),
    }


def score_documents(paths: Sequence[Path], methods: Mapping[str, Extract],
                    words_of: Callable[[str], list[str]]) -> dict[str, dict[str, float]]:
    """``{method: {document name: score}}`` over the documents that have heading words."""
    import policytext as pt

    out: dict[str, dict[str, float]] = {m: {} for m in methods}
    for p in paths:
        doc = pt.load(p)
        for name, extract in methods.items():
            s = doc_score(doc, words_of, extract)
            if s is not None:
                out[name][p.name] = s
    return out


def better_baseline(scores: Mapping[str, Mapping[str, float]], names: Sequence[str]) -> str:
    """The baseline method with the higher mean over the documents."""
    return max(names, key=lambda m: statistics.fmean(scores[m].values()) if scores[m] else 0.0)


def files_of(which: str, half: str, limit: int | None = None) -> list[Path]:
    """The documents of one set (``headed`` or ``corpora``) and half."""
    folder = shared(which)
    names = split((p.name for p in folder.glob("*.txt")), half)
    return [folder / n for n in names][:limit]


def report(which: str, half: str, scores: dict[str, dict[str, float]], main: str) -> None:
    """Print the means of every method and ``main`` against the better jieba method."""
    base = better_baseline(scores, ["jieba_tfidf", "jieba_textrank"])
    print(f"\n#### {which}, half {half}: mean heading recall@{TOP} per method")
    for m, s in scores.items():
        print(f"  {m:24s} {statistics.fmean(s.values()):.4f}  ({len(s)} documents)")
    print_comparison(f"{which}/{half}: {main} vs {base} (the better jieba method)", compare(scores[main], scores[base]),
                     ours=main, base=base)
    for other in scores:
        if other.startswith("idf="):  # the same method with another IDF table: the table's effect alone
            print_comparison(f"{which}/{half}: IDF alone: {main} with {other} vs with the default table",
                             compare(scores[other], scores[main]), ours=other, base=main)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--half", choices=["tune", "report", "all"], nargs="+", default=["tune", "report", "all"])
    ap.add_argument("--set", dest="sets", choices=["headed", "corpora"], nargs="+", default=["headed", "corpora"])
    ap.add_argument("--method", default="tfidf", help="our ranker (default tfidf)")
    ap.add_argument("--idf", default=None, help="IDF table for ours (default: the shipped default table)")
    ap.add_argument("--compare-idf", nargs="*", default=["background"],
                    help="also run ours with these IDF tables, compared with ours (the effect of the table alone; "
                         "default: the shipped genre background)")
    ap.add_argument("--sighted", action="store_true",
                    help="ours as library calls read a section: its own heading may shape the document's phrases")
    ap.add_argument("--docs", type=int, default=None, help="only the first N documents of each half (smoke test)")
    args = ap.parse_args(argv)

    jt, jtf, jtr = jieba_private()

    def words_of(h: str) -> list[str]:
        return heading_words(jt.lcut, h)

    main_name = f"policytext_{args.method}"
    methods: dict[str, Extract] = {main_name: ours(args.sighted, method=args.method, idf=args.idf)}
    for table in args.compare_idf:
        methods[f"idf={table}"] = ours(args.sighted, method=args.method, idf=table)
    methods.update(jieba_methods(jtf, jtr))
    for which in args.sets:
        t0 = time.perf_counter()
        by_half = {h: files_of(which, h, args.docs) for h in ("tune", "report")}
        scores = score_documents(by_half["tune"] + by_half["report"], methods, words_of)
        for half in args.half:
            keep = {p.name for h in (("tune", "report") if half == "all" else (half,)) for p in by_half[h]}
            report(which, half, {m: {d: v for d, v in s.items() if d in keep} for m, s in scores.items()}, main_name)
        print(f"({which}: {time.perf_counter() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
