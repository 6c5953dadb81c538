"""Benchmark: the whole dated record (../shared/xwlb, 5,078 days, 37M characters) against plain jieba.

In the same run:

* plain ``jieba.lcut`` (default settings, HMM on, a private ``jieba.Tokenizer``)
  over every file, in one process, reading included;
* ``Corpus.term_frequencies()`` over the whole record: serial, on 2 local
  processes (pool start-up included) and on a Dask ``LocalCluster`` (2
  single-threaded worker processes; cluster start-up reported apart), with
  a check that the three tables are identical;
* the dated-record pass: ``first_seen`` and ``term_trajectories(freq="Y")``
  of every lexicon term on 2 processes;
* the peak memory (``VmHWM``) of the *calling* process for one year and for
  all years (each in a fresh subprocess, serial and on 2 processes), beyond
  the result table itself (``DataFrame.memory_usage(deep=True)``).

Wall-clock ratios need idle cores (the development machine has 2, shared);
CPU seconds (this process plus its reaped worker processes) are printed
beside them as the robust figure.

Usage::

    python benchmarks/bench_xwlb.py                   # everything (several minutes)
    python benchmarks/bench_xwlb.py --skip-dask --skip-memory
    python benchmarks/bench_xwlb.py --jieba-every 4   # time plain jieba on every 4th day, scaled by characters
    python benchmarks/bench_xwlb.py --cli             # the policytext corpus command: time, peak memory

``--cli`` runs only ``policytext corpus`` (2 processes, each run in a fresh
process) on one year and on the whole record, writing Parquet as a user
gets it by default (wide for the year, long for the record: above
2**27 cells) and, for the year, ``--long`` too; it prints wall
time, the command's peak memory (its workers apart) and the file size.

With ``BENCH_XWLB_PHASES=1`` the memory runs also print the peak after the
streaming pass, before the table is assembled (the same steps as
``term_frequencies``, called one by one).
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

REPO = Path(__file__).resolve().parent.parent
XWLB = Path(os.environ.get("POLICYTEXT_XWLB", REPO.parent / "shared" / "xwlb"))


def peak_rss_mb() -> float:
    """Peak resident set size of this process in MB (``VmHWM``; ``ru_maxrss`` elsewhere)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 1024 if sys.platform != "darwin" else rss / 1024 / 1024


def rss_mb() -> float:
    """Current resident set size of this process in MB (``VmRSS``; NaN where /proc is missing)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def cpu_seconds() -> float:
    """User+system CPU seconds of this process and of its reaped children."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    ch = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + ch.ru_utime + ch.ru_stime


def timed(fn: Callable[[], T]) -> tuple[T, float, float]:
    """``(fn(), wall seconds, CPU seconds)``."""
    c0, t0 = cpu_seconds(), time.perf_counter()
    result = fn()
    return result, time.perf_counter() - t0, cpu_seconds() - c0


def corpus(pattern: str) -> Any:
    import policytext as pt

    return pt.Corpus.from_folder(XWLB, pattern=pattern)  # dates from metadata.tsv


def memory_child(pattern: str, processes: int | None) -> None:
    """In a fresh process: one term_frequencies pass; print JSON."""
    import policytext as pt  # noqa: F401  (imports before the baseline figure)

    c = corpus(pattern)
    before = peak_rss_mb()
    if os.environ.get("BENCH_XWLB_PHASES"):  # the same steps as term_frequencies, with the peak after the pass
        from functools import partial

        from policytext.corpus._counting import corpus_terms
        from policytext.corpus.analyses import collect_rows, term_frame

        rows = collect_rows(c.imap(partial(corpus_terms, keep=None), processes=processes))
        streamed = peak_rss_mb()
        tf = term_frame(rows)
        wall = 0.0
    else:
        tf, wall, _ = timed(lambda: c.term_frequencies(processes=processes))
        streamed = float("nan")
    table = float(tf.memory_usage(deep=True).sum()) / 2**20
    peak = peak_rss_mb()
    shape = list(tf.shape)
    with_table = rss_mb()
    del tf
    gc.collect()
    held = with_table - rss_mb()  # what the table really holds (its column objects too), as the process sees it
    print(json.dumps({"peak_mb": peak, "before_mb": before, "table_mb": table, "shape": shape,
                      "seconds": wall, "after_pass_mb": streamed, "table_rss_mb": held}))


def cli_child(pattern: str, out: str, more: list[str]) -> None:
    """In a fresh process: ``policytext corpus`` on the files of ``pattern``; print JSON."""
    from policytext.cli.app import main as cli_main

    start = time.perf_counter()
    code = cli_main(["corpus", str(XWLB), "--pattern", pattern, "-o", out, "--processes", "2", *more])
    print(json.dumps({"code": code, "seconds": time.perf_counter() - start, "peak_mb": peak_rss_mb(),
                      "file_mb": os.path.getsize(out) / 2**20}))


def cli_runs(args: argparse.Namespace) -> None:
    """``policytext corpus`` on one year (default, --wide, --long) and on the whole record (default)."""
    import tempfile

    runs = [(args.one_year, f"{args.one_year}/*.txt", []), (args.one_year, f"{args.one_year}/*.txt", ["--long"]),
            ("all years", args.pattern, [])]
    with tempfile.TemporaryDirectory() as tmp:
        for label, pattern, more in runs:
            cmd = [sys.executable, __file__, "--cli-child", pattern, str(Path(tmp) / "terms.parquet"), *more]
            out = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=str(REPO))
            r = json.loads(out.stdout.strip().splitlines()[-1])
            shape = "long" if "--long" in more or "written long" in out.stderr else "wide"
            print(f"policytext corpus {label} {' '.join(more) or '(default)'}: {r['seconds']:.1f}s wall, peak "
                  f"{r['peak_mb']:.0f} MB (the command's process), {shape} table of {r['file_mb']:.1f} MB")


def measure_memory(pattern: str, processes: int | None) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--memory-child", pattern]
    if processes:
        cmd += ["--processes", str(processes)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=str(REPO))
    return json.loads(out.stdout.strip().splitlines()[-1])


def plain_jieba(paths: list[Path], every: int) -> tuple[float, float, int]:
    """(wall, CPU, chars) of plain jieba.lcut over ``paths[::every]``, reading included."""
    import jieba

    from policytext.text.io import read_text

    jieba.setLogLevel(logging.WARNING)
    jb = jieba.Tokenizer()  # private: jieba's global tokenizer is never touched
    jb.initialize()
    sample = paths[::every]

    def run() -> int:
        n = 0
        for p in sample:
            text = read_text(p)
            jb.lcut(text)
            n += len(text)
        return n

    chars, wall, cpu = timed(run)
    return wall, cpu, chars


def run_dask(c: Any) -> tuple[Any, float, float, float]:
    from dask.distributed import Client, LocalCluster

    c0, t0 = cpu_seconds(), time.perf_counter()
    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0",
                      host="127.0.0.1", silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        start = time.perf_counter() - t0
        t1 = time.perf_counter()
        tf = c.term_frequencies(client=client)
        wall = time.perf_counter() - t1
    return tf, wall, start, cpu_seconds() - c0


def main() -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--pattern", default="*/*.txt", help="files of the record to use (default: all years)")
    ap.add_argument("--one-year", default="2019", help="the year of the memory comparison")
    ap.add_argument("--jieba-every", type=int, default=1, help="time plain jieba on every n-th day (scaled)")
    ap.add_argument("--skip-serial", action="store_true")
    ap.add_argument("--skip-tf", action="store_true", help="no term_frequencies passes (dated-record pass only)")
    ap.add_argument("--skip-dask", action="store_true")
    ap.add_argument("--skip-memory", action="store_true")
    ap.add_argument("--cli", action="store_true", help="only the policytext corpus command (time, peak memory)")
    ap.add_argument("--memory-child", metavar="PATTERN", help=argparse.SUPPRESS)
    ap.add_argument("--cli-child", nargs="+", metavar="ARG", help=argparse.SUPPRESS)
    ap.add_argument("--processes", type=int, default=None, help=argparse.SUPPRESS)
    args, rest = ap.parse_known_args()
    if args.cli_child:
        cli_child(args.cli_child[0], args.cli_child[1], [*args.cli_child[2:], *rest])
        return 0
    if rest:
        ap.error(f"unrecognized arguments: {' '.join(rest)}")
    if args.memory_child:
        memory_child(args.memory_child, args.processes)
        return 0
    if not (XWLB / "metadata.tsv").is_file():
        print(f"the record is not at {XWLB} (set POLICYTEXT_XWLB)")
        return 1
    if args.cli:
        cli_runs(args)
        return 0

    from policytext.tokens.tokenizer import default_tokenizer

    c, t_setup, _ = timed(lambda: corpus(args.pattern))
    paths = [Path(p) for p in c.metadata["path"]]
    chars = int(c.metadata["chars"].sum())
    print(f"record: {len(c)} days, {chars:,} characters (metadata.tsv), {c!r}; corpus set up in {t_setup:.1f}s; "
          f"cores: {len(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') else os.cpu_count()}; "
          f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    default_tokenizer().lcut("预热")

    jw, jc, jchars = plain_jieba(paths, args.jieba_every)
    scale = chars / jchars
    jw, jc = jw * scale, jc * scale
    note = f" (every {args.jieba_every}th day, scaled by characters)" if args.jieba_every > 1 else ""
    print(f"plain jieba.lcut, 1 process{note}: {jw:.1f}s wall, {jc:.1f} CPU-s, {chars / jw:,.0f} chars/s")

    def report(label: str, wall: float, cpu: float, extra: str = "") -> None:
        print(f"{label}: {wall:.1f}s wall = {jw / wall:.2f}x plain jieba wall; {cpu:.1f} CPU-s = "
              f"{jc / cpu:.2f}x plain jieba per CPU-s{extra}")

    if not args.skip_tf:
        term_frequency_passes(c, args, jw, jc, report)
    dated_pass(c)
    if not args.skip_memory:
        memory(args)
    return 0


def term_frequency_passes(c: Any, args: argparse.Namespace, jw: float, jc: float,
                          report: Callable[..., None]) -> None:
    """term_frequencies serial, on 2 processes and on Dask."""
    tf_serial = None
    if not args.skip_serial:
        tf_serial, w, cpu = timed(c.term_frequencies)
        report("term_frequencies serial", w, cpu)
    tf_proc, w_proc, cpu_proc = timed(lambda: c.term_frequencies(processes=2))
    same = "" if tf_serial is None else f"; identical to serial: {tf_proc.equals(tf_serial)}"
    report("term_frequencies processes=2 (target >= 6x plain jieba wall)", w_proc, cpu_proc, same)
    print(f"  table: {tf_proc.shape[0]} documents x {tf_proc.shape[1]} terms, "
          f"{tf_proc.memory_usage(deep=True).sum() / 2**20:.0f} MB")
    del tf_serial
    if not args.skip_dask:
        tf_dask, w, start, cpu = run_dask(c)
        report("term_frequencies Dask, 2 workers", w, cpu,
               f" (+{start:.1f}s cluster start); Dask/processes wall {w / w_proc:.2f} (target <= 1.10); "
               f"identical: {tf_dask.equals(tf_proc)}")
        del tf_dask
    del tf_proc


def dated_pass(c: Any) -> None:
    """first_seen and yearly trajectories of every lexicon term, on 2 processes."""
    import policytext as pt

    lex = pt.Lexicon.default()
    terms = [e.term for e in lex]
    fs, w_fs, cpu_fs = timed(lambda: c.first_seen(terms, processes=2))
    tr, w_tr, cpu_tr = timed(lambda: c.term_trajectories(terms, freq="Y", processes=2))
    first = fs.set_index("term")
    print(f"first_seen + term_trajectories(freq='Y') of all {len(terms)} lexicon terms, processes=2: "
          f"{w_fs:.1f}s + {w_tr:.1f}s = {w_fs + w_tr:.1f}s wall (target < 30s), {cpu_fs + cpu_tr:.1f} CPU-s; "
          f"{int((fs['n_documents'] > 0).sum())} terms occur; {len(tr):,} yearly rows")
    (fs1, tr1), w_h, cpu_h = timed(lambda: c.term_history(terms, freq="Y", processes=2))
    print(f"  both from one pass (Corpus.term_history): {w_h:.1f}s wall (target < 30s), {cpu_h:.1f} CPU-s; "
          f"same tables: {fs1.equals(fs) and tr1.equals(tr)}")
    for t in ("新质生产力", "两个确立"):
        if t in first.index:
            print(f"  {t}: first {first.loc[t, 'date']} ({first.loc[t, 'document']}), "
                  f"{first.loc[t, 'n_documents']} days, {first.loc[t, 'total']} uses")
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


def memory(args: argparse.Namespace) -> None:
    """Peak memory of the calling process, one year against all years."""
    for processes in (None, 2):
            one = measure_memory(f"{args.one_year}/*.txt", processes)
            full = measure_memory(args.pattern, processes)
            beyond_one = one["peak_mb"] - one["table_mb"]
            beyond_all = full["peak_mb"] - full["table_mb"]
            label = "serial" if processes is None else f"processes={processes}"
            print(f"peak memory of the calling process, {label}: {args.one_year} {one['peak_mb']:.0f} MB "
                  f"(table {one['table_mb']:.0f} MB, {one['shape'][0]}x{one['shape'][1]}); all years "
                  f"{full['peak_mb']:.0f} MB (table {full['table_mb']:.0f} MB, {full['shape'][0]}x{full['shape'][1]}); "
                  f"beyond the table {beyond_one:.0f} -> {beyond_all:.0f} MB = {beyond_all / beyond_one:.2f}x "
                  f"(target <= 1.2x)")
            held_one, held_all = one["peak_mb"] - one["table_rss_mb"], full["peak_mb"] - full["table_rss_mb"]
            print(f"  beyond the table as the process holds it (RSS freed when it is dropped: {one['table_rss_mb']:.0f}"
                  f" and {full['table_rss_mb']:.0f} MB): {held_one:.0f} -> {held_all:.0f} MB = "
                  f"{held_all / held_one:.2f}x")
            if os.environ.get("BENCH_XWLB_PHASES"):
                print(f"  peak after the streaming pass, before the table is assembled: {one['after_pass_mb']:.0f} -> "
                      f"{full['after_pass_mb']:.0f} MB = {full['after_pass_mb'] / one['after_pass_mb']:.2f}x")


if __name__ == "__main__":
    sys.exit(main())
