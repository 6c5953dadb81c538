"""spaCy pipeline speed (``policytext.nlp()``) against plain jieba, in the same run.

Usage: python benchmarks/bench_spacy.py [TEXT_FILE] [--k 1 2 4] [--repeat N]

For k copies of one document (default ``../shared/corpora/congress_20_report.txt``)
prints the seconds of plain ``jieba.Tokenizer().lcut``, of ``nlp(text)`` with
both policytext components, with ``policytext_sentences`` disabled, with
``policytext_terms`` disabled, of the tokenizer alone (``nlp.make_doc``, with
``tag_``/``pos_``) and of the same tokens without tags (``untagged``: the
words of ``Tokenizer.lcut`` in a ``Doc``, the tokenizer before tags), plus
the full pipeline's time per 1,000 characters: a linear pipeline keeps that
last column flat as k grows. Then the cost of reading
``Token._.policytext_category`` for every token.
"""

from __future__ import annotations

import argparse
import sys
import time
from functools import partial
from pathlib import Path

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
    default = HERE.parent.parent / "shared" / "corpora" / "congress_20_report.txt"
    ap.add_argument("text", nargs="?", default=str(default))
    ap.add_argument("--k", type=int, nargs="+", default=[1, 2, 4])
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    path = Path(args.text)
    if not path.is_file():
        sys.exit(f"no such file: {path}")
    import jieba

    import policytext as pt
    from policytext._resources import cache_dir

    base = path.read_text(encoding="utf-8")
    plain = jieba.Tokenizer()
    plain.tmp_dir = str(cache_dir())
    plain.initialize()
    nlp = pt.nlp()
    nlp("预热。")  # load the dictionaries and build the matcher outside the timings
    print(f"{path.name}: {len(base)} chars; best of {args.repeat}; seconds")
    from spacy.tokens import Doc
    from spacy.util import get_words_and_spaces

    def untagged(text: str) -> Doc:
        words = [w for w in nlp.tokenizer.tokenizer.lcut(text) if not w.isspace()]
        return Doc(nlp.vocab, *get_words_and_spaces(words, text))

    print(f"{'k':>2} {'chars':>7} {'jieba':>7} {'full':>7} {'-sents':>7} {'-terms':>7} {'tokenizer':>9} "
          f"{'untagged':>8} {'full/jieba':>10} {'ms/1k chars':>11}")
    for k in args.k:
        text = "\n".join([base] * k)
        t_jieba = best_of(partial(plain.lcut, text, HMM=False), args.repeat)
        t_full = best_of(partial(nlp, text), args.repeat)
        with nlp.select_pipes(disable=["policytext_sentences"]):
            t_nosent = best_of(partial(nlp, text), args.repeat)
        with nlp.select_pipes(disable=["policytext_terms"]):
            t_noterms = best_of(partial(nlp, text), args.repeat)
        t_tok = best_of(partial(nlp.make_doc, text), args.repeat)
        t_plain = best_of(partial(untagged, text), args.repeat)
        print(f"{k:>2} {len(text):>7} {t_jieba:7.3f} {t_full:7.3f} {t_nosent:7.3f} {t_noterms:7.3f} {t_tok:9.3f} "
              f"{t_plain:8.3f} {t_full / t_jieba:10.2f} {1000 * t_full / len(text) * 1000:11.3f}")
    doc = nlp("\n".join([base] * args.k[-1]))
    t_cat = best_of(lambda: [t._.policytext_category for t in doc], args.repeat)
    print(f"Token._.policytext_category over all {len(doc)} tokens (k={args.k[-1]}): {t_cat:.3f} s")


if __name__ == "__main__":
    main()
