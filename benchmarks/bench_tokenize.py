"""Tokenizer speed against plain jieba, in the same run.

Usage: python benchmarks/bench_tokenize.py [CORPUS_DIR] [--repeat N]

Prints chars/s of ``policytext.Tokenizer`` (``lcut`` fast path and full
``tokenize`` with POS/spans/flags) and of plain ``jieba.Tokenizer().lcut``
on the concatenated corpus, with the same HMM setting, and the ratios; the
load time of a generated 100k-entry lexicon; and peak memory.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
import tracemalloc
from functools import partial
from pathlib import Path

import jieba

import policytext as pt
from policytext._resources import cache_dir
from policytext.text.normalize import normalize
from policytext.tokens.lexicon import Entry, Lexicon

HERE = Path(__file__).resolve().parent


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=str(HERE.parent.parent / "shared" / "corpora"))
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    files = sorted(Path(args.corpus).glob("*.txt"))
    if not files:
        sys.exit(f"no .txt files in {args.corpus}")
    text = "\n".join(normalize(f.read_text(encoding="utf-8")) for f in files)
    n = len(text)
    print(f"corpus: {len(files)} files, {n} chars")

    plain = jieba.Tokenizer()
    plain.tmp_dir = str(cache_dir())
    plain.initialize()
    try:
        import rjieba

        rj = rjieba.Jieba()
    except ImportError:
        rj = None
    for hmm in (False, True):
        t_j = best_of(partial(plain.lcut, text, HMM=hmm), args.repeat)
        line = f"HMM={'on ' if hmm else 'off'}  plain jieba.lcut {n / t_j:10,.0f} chars/s"
        if rj is not None:
            t_r = best_of(partial(rj.cut, text, hmm), args.repeat)
            line += f" | plain rjieba.cut {n / t_r:12,.0f} chars/s ({t_j / t_r:.1f}x jieba)"
        print(line)
        for backend in ("jieba", "rjieba") if rj is not None else ("jieba",):
            tk = pt.Tokenizer(hmm=hmm, backend=backend)
            tk.lcut("预热")
            t_l = best_of(partial(tk.lcut, text), args.repeat)
            t_t = best_of(partial(tk.tokenize, text), args.repeat)
            print(f"    backend={backend:6s}  Tokenizer.lcut {n / t_l:12,.0f} chars/s ({t_j / t_l:5.2f}x jieba) | "
                  f"Tokenizer.tokenize {n / t_t:12,.0f} chars/s ({t_j / t_t:5.2f}x jieba)")
        if hmm is False:
            words_off = pt.Tokenizer(hmm=False).lcut(text)
        else:
            words_on = pt.Tokenizer(hmm=True).lcut(text)
    print(f"tokens: HMM off {len(words_off)}, HMM on {len(words_on)}")
    t0 = time.perf_counter()
    import subprocess

    cold = subprocess.run([sys.executable, "-c", "import time; t = time.perf_counter(); import policytext as pt; "
                           "pt.Tokenizer().lcut('党的二十大'); print(time.perf_counter() - t)"],
                          capture_output=True, text=True, check=True).stdout.strip()
    cold_j = subprocess.run([sys.executable, "-c", "import time, logging; t = time.perf_counter(); import jieba; "
                             "jieba.setLogLevel(logging.WARNING); jieba.lcut('党的二十大'); "
                             "print(time.perf_counter() - t)"],
                            capture_output=True, text=True, check=True).stdout.strip()
    print(f"first tokens in a fresh process: policytext {float(cold):.2f} s, plain jieba {float(cold_j):.2f} s")
    del t0

    # 100k-entry generated lexicon: load (construct + compile matcher) time
    rng = random.Random(0)
    han = [chr(c) for c in range(0x4E00, 0x9FA5)]
    entries = {}
    while len(entries) < 100_000:
        w = "".join(rng.choice(han) for _ in range(rng.randint(3, 8)))
        entries[w] = Entry(w, "generated")
    tracemalloc.start()
    t0 = time.perf_counter()
    big = pt.Tokenizer(Lexicon(entries.values()))
    big.lcut("预热")
    t_load = time.perf_counter() - t0
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    t_big = best_of(lambda: big.lcut(text), 1)
    print(f"100k-entry lexicon: load {t_load:.2f} s, peak traced memory {peak / 2**20:.0f} MiB; "
          f"lcut {n / t_big:,.0f} chars/s ({t_j / t_big:.2f}x jieba)")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process peak RSS: {rss:.0f} MiB")


if __name__ == "__main__":
    main()
