"""Benchmark: policytext keywords vs jieba.analyse on congress_20_report.txt.

Run: ``.venv/bin/python benchmarks/bench_keywords.py [PATH] [--repeat N] [--cpu]``

``--cpu`` times CPU time of this process (``time.process_time``) instead of wall-clock time:
steadier on a machine other jobs share.

Times, in the same run and on the same text (best of N):

* ``policytext tfidf (str, cold)`` — ``keywords(text)`` from the raw string:
  parsing, our lexicon-aware tokenization and ranking included;
* ``policytext textrank (str, cold)`` — the same with ``method="textrank"``;
* the same two on a Document whose tokens are already cached (warm);
* ``jieba.analyse.extract_tags`` / ``textrank`` on private instances
  (``jieba.analyse.TFIDF()`` / ``TextRank()`` over a private
  ``jieba.Tokenizer``; jieba's globals are never touched).

Prints chars/s and the ratios the issue asks for.
"""

from __future__ import annotations

import argparse
import gc
import time
import warnings
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"


CLOCK = time.perf_counter


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = CLOCK()
        fn()
        times.append(CLOCK() - t)
    return min(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", default=str(SHARED / "congress_20_report.txt"))
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--cpu", action="store_true", help="time CPU time (process_time) instead of wall-clock time")
    args = ap.parse_args()
    global CLOCK
    if args.cpu:
        CLOCK = time.process_time

    import jieba

    import policytext as pt
    from policytext._resources import cache_dir
    from policytext.analysis.keyterms import keywords
    from policytext.tokens.tokenizer import default_tokenizer

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import jieba.analyse
        import jieba.posseg

        gc.collect()
        jt = jieba.Tokenizer()
        jt.tmp_dir = str(cache_dir())
        jt.initialize()
        pos = jieba.posseg.POSTokenizer(jt)
        jtf = jieba.analyse.TFIDF()
        jtr = jieba.analyse.TextRank()
        gc.collect()
    jtf.tokenizer, jtf.postokenizer = jt, pos
    jtr.tokenizer = pos

    text = pt.read_text(args.path)
    n = len(text)
    # warm-up: dictionaries, lexicon trie, IDF tables, scipy import
    default_tokenizer().lcut("预热")
    keywords("深化机构改革。优化编制资源。", method="textrank")
    jtf.extract_tags(text[:200])
    jtr.textrank(text[:200])

    def cold(method):
        def run():
            keywords(text, method=method, top=20)
        return run

    doc = pt.load(text)
    keywords(doc)  # caches tokens on doc

    rows = {
        "policytext tfidf (str, cold)": best_of(cold("tfidf"), args.repeat),
        "policytext textrank (str, cold)": best_of(cold("textrank"), args.repeat),
        "policytext tfidf (Document, tokens cached)": best_of(lambda: keywords(doc, top=20), args.repeat),
        "policytext textrank (Document, tokens cached)": best_of(lambda: keywords(doc, method="textrank", top=20),
                                                                 args.repeat),
        "jieba extract_tags": best_of(lambda: jtf.extract_tags(text, topK=20), args.repeat),
        "jieba textrank": best_of(lambda: jtr.textrank(text, topK=20), args.repeat),
    }
    tok = best_of(lambda: [default_tokenizer().tokenize(s.text) for s in doc.sentences], args.repeat)
    print(f"{Path(args.path).name}: {n} chars, best of {args.repeat} ({'CPU' if args.cpu else 'wall-clock'} time)")
    for name, t in rows.items():
        print(f"  {name:48s} {t * 1000:8.1f} ms  {n / t / 1000:8.0f}k chars/s")
    print(f"  {'(policytext tokenization alone)':48s} {tok * 1000:8.1f} ms  {n / tok / 1000:8.0f}k chars/s")
    r_tfidf = rows["policytext tfidf (str, cold)"] / rows["jieba extract_tags"]
    r_tr = rows["jieba textrank"] / rows["policytext textrank (str, cold)"]
    print(f"tfidf time / jieba extract_tags time: {r_tfidf:.2f}x (target <= 1.2x)")
    print(f"jieba textrank time / textrank time:   {r_tr:.2f}x faster (target >= 2x)")
    warm_tfidf = rows["policytext tfidf (Document, tokens cached)"] / rows["jieba extract_tags"]
    warm_tr = rows["jieba textrank"] / rows["policytext textrank (Document, tokens cached)"]
    print(f"warm (tokens cached): tfidf {warm_tfidf:.2f}x jieba's time; textrank {warm_tr:.2f}x faster")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
