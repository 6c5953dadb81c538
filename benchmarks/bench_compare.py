"""Benchmark: ``compare`` on the two congress reports, end to end.

Reports, in the same run:

* ``tokenize``: the policytext tokenizer over both documents (sentences and
  headings, as ``compare`` needs them), from freshly parsed documents;
* ``compare``: ``policytext.analysis.compare.compare(a, b)`` end to end from freshly
  parsed documents (tokenization included) and its ratio to ``tokenize``
  (target ≤ 2×);
* ``analysis only``: ``compare`` on documents whose tokens are already cached;
* ``jieba.lcut``: plain jieba (its global tokenizer, HMM on, as users call it)
  over both texts.

Each figure is the median of ``--repeat`` rounds in which the measured
functions take turns (a slower spell of a shared machine hits them alike);
every run is preceded by an untimed ``gc.collect()`` (the documents of earlier
runs hold reference cycles; without it a full collection of that garbage lands
in whichever run triggers it). The end-to-end figure without collecting, runs
back to back, is printed too.

Usage::

    /work/venv/bin/python benchmarks/bench_compare.py [--repeat N] [--corpora DIR]
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import time
from pathlib import Path

import policytext as pt
from policytext.analysis.compare import compare
from policytext.tokens.tokenizer import default_tokenizer

HERE = Path(__file__).resolve().parent
#: the keys of the comparison's caches on a document start with this
_CACHE_PREFIX = "policytext.analysis.compare."
DEFAULT = Path(os.environ.get("POLICYTEXT_SHARED_CORPORA", HERE.parent.parent / "shared" / "corpora"))


def _interleaved(fns: dict, repeat: int) -> dict:
    """Median time of each function, the functions taking turns in every round (so a slower or faster
    spell of a shared machine affects them alike); each run after an untimed ``gc.collect()``."""
    times: dict = {name: [] for name in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            gc.collect()
            t0 = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - t0)
    return {name: statistics.median(ts) for name, ts in times.items()}


def _timeit(fn, repeat: int, *, collect: bool = True) -> float:
    """Median time of ``fn()``; with ``collect``, garbage of earlier runs is collected first (untimed)."""
    times = []
    for _ in range(repeat):
        if collect:
            gc.collect()
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--corpora", type=Path, default=DEFAULT)
    args = ap.parse_args(argv)
    pa, pb = args.corpora / "congress_19_report.txt", args.corpora / "congress_20_report.txt"
    if not (pa.is_file() and pb.is_file()):
        print(f"congress reports not found in {args.corpora}", file=sys.stderr)
        return 1
    texts = [pt.read_text(pa), pt.read_text(pb)]
    chars = sum(len(t) for t in texts)
    tk = default_tokenizer()

    # warm-up: jieba dictionaries, lexicon trie, numpy/pandas imports
    import jieba

    jieba.setLogLevel(60)
    jieba.lcut("预热")
    compare(pt.parse(texts[0][:2000]), pt.parse(texts[1][:2000]))

    def fresh() -> list:
        return [pt.parse(t, metadata={"name": n}) for t, n in zip(texts, ("congress_19", "congress_20"))]

    def tokenize_both() -> None:
        for d in fresh():
            tk.tokenize_document(d)
            tk.tokenize_headings(d)

    def compare_fresh() -> None:
        a, b = fresh()
        compare(a, b)

    cached = fresh()
    for d in cached:
        tk.tokenize_document(d)
        tk.tokenize_headings(d)

    def compare_cached() -> None:
        for d in cached:  # keep the tokens, drop the comparison's own caches
            for k in [k for k in d._cache if isinstance(k, tuple) and str(k[0]).startswith(_CACHE_PREFIX)]:
                del d._cache[k]
        compare(*cached)

    med = _interleaved({
        "parse": fresh,
        "tokenize": tokenize_both,
        "compare": compare_fresh,
        "analysis": compare_cached,
        "jieba": lambda: [jieba.lcut(t) for t in texts],
    }, args.repeat)
    t_parse = med["parse"]
    t_tok = med["tokenize"] - t_parse
    t_cmp = med["compare"] - t_parse
    t_ana = med["analysis"]
    t_jieba = med["jieba"]
    # the same end-to-end runs back to back, without collecting first: a full collection of the
    # earlier runs' documents (reference cycles) then falls inside some timed runs
    t_cmp_nc = _timeit(compare_fresh, args.repeat, collect=False) - t_parse

    cmp = compare(*fresh())
    print(f"documents: congress_19_report + congress_20_report, {chars:,} characters; median of {args.repeat}")
    print(f"parse (excluded below)    {t_parse * 1000:8.1f} ms")
    print(f"tokenize both             {t_tok * 1000:8.1f} ms")
    print(f"compare end to end        {t_cmp * 1000:8.1f} ms   ratio to tokenize: {t_cmp / t_tok:.2f}x (target <= 2x)")
    print(f"  analysis only (cached)  {t_ana * 1000:8.1f} ms")
    print(f"  end to end, no gc.collect() between runs {t_cmp_nc * 1000:6.1f} ms   ratio: {t_cmp_nc / t_tok:.2f}x")
    print(f"jieba.lcut both           {t_jieba * 1000:8.1f} ms   compare / jieba: {t_cmp / t_jieba:.2f}x")
    print(f"result: {cmp!r}")
    print("top new terms in the 20th report:", ", ".join(cmp.new_terms["term"].head(10)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
