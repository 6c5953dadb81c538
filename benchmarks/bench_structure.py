"""Structure-parser speed against plain jieba, in the same run.

Usage: python benchmarks/bench_structure.py [CORPUS_DIR] [--repeat N] [--baseline COMMIT] [--baseline-tree DIR]

Parses the concatenated shared corpora with ``policytext.parse`` (normalise,
headings, sentences, task markers, page layout) and reports the time as a
ratio to the time plain ``jieba.lcut`` (private ``jieba.Tokenizer``, HMM off)
takes on the same text; with ``--baseline``, also the parser of
``policytext/text/structure.py`` at that git commit, in the same run (e.g.
``30b1d3c``, before issue 15's page layout); with ``--baseline-tree``, the
whole package of another copy of the repository (normalisation, layout and
tasks included: ``git archive HEAD | tar -x -C DIR`` before a change), in the
same run, the two parsers taking turns; then the wall time of
``import policytext`` in a fresh process.
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import time
from pathlib import Path

import jieba

import policytext as pt
from policytext._resources import cache_dir

HERE = Path(__file__).resolve().parent


def best_of(fn, repeat: int) -> float:
    """Best CPU time (``process_time``: both sides are single-threaded, and CPU time is not inflated when
    other jobs share the machine, where wall time of one side and the other can differ by 2x)."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        best = min(best, time.process_time() - t0)
    return best


def baseline_parse(commit: str):
    """``parse`` of ``policytext/text/structure.py`` at a git commit, loaded beside the current package."""
    src = subprocess.run(["git", "show", f"{commit}:policytext/text/structure.py"], capture_output=True, text=True,
                         cwd=HERE.parent, check=True).stdout
    spec = importlib.util.spec_from_loader("policytext.text._structure_baseline", loader=None)
    mod = importlib.util.module_from_spec(spec)
    mod.__package__ = "policytext.text"
    exec(compile(src, f"structure@{commit}", "exec"), mod.__dict__)
    return mod.parse


def tree_parse(root: str):
    """``parse`` of the package in the repository copy ``root``, loaded beside the current package."""
    def ours() -> dict:
        return {k: m for k, m in sys.modules.items() if k == "policytext" or k.startswith("policytext.")}

    saved = ours()
    for name in saved:
        del sys.modules[name]
    sys.path.insert(0, str(Path(root).resolve()))
    try:
        mod = importlib.import_module("policytext.text.structure")
        if not Path(mod.__file__).resolve().is_relative_to(Path(root).resolve()):
            sys.exit(f"no policytext package under {root}")
    finally:
        sys.path.pop(0)
        for name in ours():
            del sys.modules[name]
        sys.modules.update(saved)
    return mod.parse


def alternating(fns: list, repeat: int) -> list[float]:
    """Best CPU time of each function, the functions taking turns (so that both see the same machine load)."""
    best = [float("inf")] * len(fns)
    for _ in range(repeat):
        for k, fn in enumerate(fns):
            best[k] = min(best[k], best_of(fn, 1))
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=str(HERE.parent.parent / "shared" / "corpora"))
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--baseline", default="", help="git commit whose structure parser is timed too")
    ap.add_argument("--baseline-tree", default="", help="a copy of the repository whose parse is timed too")
    args = ap.parse_args()
    files = sorted(Path(args.corpus).glob("*.txt"))
    if not files:
        sys.exit(f"no .txt files in {args.corpus}")
    texts = [f.read_text(encoding="utf-8") for f in files]
    joined = "\n".join(texts)
    plain = jieba.Tokenizer()
    plain.tmp_dir = str(cache_dir())
    plain.initialize()
    t_jieba = best_of(lambda: plain.lcut(joined, HMM=False), args.repeat)
    t_parse_joined = best_of(lambda: pt.parse(joined), args.repeat)
    t_parse_each = best_of(lambda: [pt.parse(t) for t in texts], args.repeat)
    n = len(joined)
    print(f"corpus: {len(files)} files, {n} chars")
    print(f"jieba.lcut           {t_jieba * 1000:8.1f} ms  ({n / t_jieba:,.0f} chars/s)")
    print(f"parse (concatenated) {t_parse_joined * 1000:8.1f} ms  ratio to jieba {t_parse_joined / t_jieba:.3f} "
          "(target <= 0.1)")
    print(f"parse (per document) {t_parse_each * 1000:8.1f} ms  ratio to jieba {t_parse_each / t_jieba:.3f}")
    if args.baseline:
        old = baseline_parse(args.baseline)
        t_old_joined = best_of(lambda: old(joined), args.repeat)
        t_old_each = best_of(lambda: [old(t) for t in texts], args.repeat)
        print(f"parser@{args.baseline} (concatenated) {t_old_joined * 1000:8.1f} ms  ratio to jieba "
              f"{t_old_joined / t_jieba:.3f}; now / then {t_parse_joined / t_old_joined:.2f}")
        print(f"parser@{args.baseline} (per document) {t_old_each * 1000:8.1f} ms  ratio to jieba "
              f"{t_old_each / t_jieba:.3f}; now / then {t_parse_each / t_old_each:.2f}")
    if args.baseline_tree:
        old = tree_parse(args.baseline_tree)
        t_new, t_old = alternating([lambda: pt.parse(joined), lambda: old(joined)], args.repeat)
        e_new, e_old = alternating([lambda: [pt.parse(t) for t in texts], lambda: [old(t) for t in texts]],
                                   args.repeat)
        for what, new, then in (("concatenated", t_new, t_old), ("per document", e_new, e_old)):
            print(f"parse ({what}), in turns: now {new * 1000:.1f} ms, {args.baseline_tree} {then * 1000:.1f} ms; "
                  f"ratio to jieba {new / t_jieba:.3f} vs {then / t_jieba:.3f}; now / then {new / then:.2f}")
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import policytext"], check=True)
        times.append(time.perf_counter() - t0)
    base = []
    for _ in range(5):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        base.append(time.perf_counter() - t0)
    print(f"import policytext: {min(times) * 1000:.0f} ms wall in a fresh process "
          f"(bare interpreter {min(base) * 1000:.0f} ms)")
    heavy = "{'jieba','spacy','sklearn','matplotlib','pandas','networkx','numpy'}"
    mods = subprocess.run([sys.executable, "-c", "import sys, policytext; print(sorted(m for m in sys.modules "
                           f"if m.split('.')[0] in {heavy}))"],
                          check=True, capture_output=True, text=True).stdout.strip()
    print(f"heavy modules loaded by import policytext: {mods}")


if __name__ == "__main__":
    main()
