"""Benchmark: ``compare`` on the two congress reports, end to end.

Reports, in the same run:

* ``tokenize``: the policytext tokenizer over both documents (sentences and
  headings, as ``compare`` needs them), from freshly parsed documents;
* ``compare``: ``policytext.comparison.compare(a, b)`` end to end from freshly
  parsed documents (tokenization included) and its ratio to ``tokenize``
  (target ≤ 2×);
* ``analysis only``: ``compare`` on documents whose tokens are already cached;
* ``jieba.lcut``: plain jieba (its global tokenizer, HMM on, as users call it)
  over both texts.

Usage::

    /work/venv/bin/python benchmarks/bench_compare.py [--repeat N] [--corpora DIR]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import policytext as pt
from policytext.comparison import compare
from policytext.tokenizer import default_tokenizer

HERE = Path(__file__).resolve().parent
DEFAULT = Path(os.environ.get("POLICYTEXT_SHARED_CORPORA", HERE.parent.parent / "shared" / "corpora"))


def _timeit(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
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

    t_parse = _timeit(lambda: [pt.parse(t) for t in texts], args.repeat)

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
            for k in [k for k in d._cache if isinstance(k, tuple) and str(k[0]).startswith("policytext.comparison")]:
                del d._cache[k]
        compare(*cached)

    t_tok = _timeit(tokenize_both, args.repeat) - t_parse
    t_cmp = _timeit(compare_fresh, args.repeat) - t_parse
    t_ana = _timeit(compare_cached, args.repeat)
    t_jieba = _timeit(lambda: [jieba.lcut(t) for t in texts], args.repeat)

    cmp = compare(*fresh())
    print(f"documents: congress_19_report + congress_20_report, {chars:,} characters; median of {args.repeat}")
    print(f"parse (excluded below)    {t_parse * 1000:8.1f} ms")
    print(f"tokenize both             {t_tok * 1000:8.1f} ms")
    print(f"compare end to end        {t_cmp * 1000:8.1f} ms   ratio to tokenize: {t_cmp / t_tok:.2f}x (target <= 2x)")
    print(f"  analysis only (cached)  {t_ana * 1000:8.1f} ms")
    print(f"jieba.lcut both           {t_jieba * 1000:8.1f} ms   compare / jieba: {t_cmp / t_jieba:.2f}x")
    print(f"result: {cmp!r}")
    print("top new terms in the 20th report:", ", ".join(cmp.new_terms["term"].head(10)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
