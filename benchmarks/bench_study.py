"""Cold-process time of ``policytext study`` against a cold jieba process, same run.

Usage: python benchmarks/bench_study.py [FILE] [--repeat N]

Runs, in fresh processes, (a) ``policytext study FILE -o TMP`` (all three
formats with pictures) and (b) ``python -c "import jieba; jieba.lcut(text)"``
on the same file (jieba's own dictionary cache warm, as is ours), and prints
the best wall times and their ratio (target <= 3x).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def best(cmd: list[str], repeat: int, **kw) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, **kw)
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = HERE.parent.parent / "shared" / "corpora" / "congress_20_report.txt"
    ap.add_argument("file", nargs="?", default=str(default))
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    jieba_code = ("import sys, jieba; jieba.setLogLevel(60); "
                  "t = open(sys.argv[1], encoding='utf-8').read(); jieba.lcut(t)")
    subprocess.run([sys.executable, "-c", jieba_code, args.file], check=True)  # warm jieba's own cache
    with tempfile.TemporaryDirectory(prefix="policytext-bench-") as tmp:
        study = [sys.executable, "-m", "policytext.cli", "study", args.file, "-o", tmp]
        subprocess.run(study, check=True, capture_output=True)  # warm our per-user cache
        t_jieba = best([sys.executable, "-c", jieba_code, args.file], args.repeat)
        t_study = best(study, args.repeat)
        t_nopic = best(study + ["--no-pictures"], args.repeat)
        t_md = best(study + ["--no-pictures", "--format", "md"], args.repeat)
    print(f"file: {args.file} ({len(Path(args.file).read_text(encoding='utf-8'))} chars)")
    print(f"cold jieba.lcut process     {t_jieba:6.2f} s")
    print(f"policytext study (all)      {t_study:6.2f} s   ratio {t_study / t_jieba:.2f} (target <= 3)")
    print(f"  --no-pictures             {t_nopic:6.2f} s   ratio {t_nopic / t_jieba:.2f}")
    print(f"  --no-pictures --format md {t_md:6.2f} s   ratio {t_md / t_jieba:.2f}")


if __name__ == "__main__":
    main()
