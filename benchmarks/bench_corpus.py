"""Benchmark: corpus throughput (serial, 2 processes, Dask) against plain jieba, and peak memory.

Builds a corpus of at least ``--size-mb`` MB (default 20) from copies of the
shared documents in a private temporary folder (``tempfile.mkdtemp``, deleted
at the end), then, in the same run:

* plain ``jieba.lcut`` (default settings, a private ``jieba.Tokenizer``) over
  every file, serial, reading included: chars/s;
* ``Corpus.term_frequencies()`` serial, on 2 local processes (pool start-up
  included) and on a Dask ``LocalCluster`` (2 single-threaded worker
  processes; cluster start-up reported separately): chars/s, speed-up over
  serial, and a check that the three tables are identical;
* the peak RSS of the *calling* process during a streaming
  ``term_frequencies`` run on 1× and 10× of a base size (each in a fresh
  subprocess, ``VmHWM`` / ``resource.getrusage``), serial and with 2 processes.

Usage::

    python benchmarks/bench_corpus.py            # full: 20 MB corpus, RSS at 2 MB and 20 MB
    python benchmarks/bench_corpus.py --quick    # 2 MB corpus, RSS at 0.2 MB and 2 MB

Figures depend on the machine and on its load: the development machine has 2
cores shared with other jobs, so the process and Dask speed-ups are a lower
bound of what 2 idle cores give.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

REPO = Path(__file__).resolve().parent.parent


def source_files() -> list[Path]:
    shared = Path(os.environ.get("POLICYTEXT_SHARED_CORPORA", REPO.parent / "shared" / "corpora"))
    files = sorted(shared.glob("*.txt"))
    if not files:
        sys.path.insert(0, str(REPO))
        from policytext._resources import data_dir

        files = sorted(data_dir("corpora").glob("*.txt"))
    return files


def build_corpus(folder: Path, target_bytes: int, files: list[Path]) -> tuple[int, int]:
    """Copies of ``files`` in ``folder`` until ``target_bytes``; returns (files, chars)."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = [(p.stem, p.read_bytes()) for p in files]
    total = n = chars = 0
    while total < target_bytes:
        stem, data = texts[n % len(texts)]
        (folder / f"{n:06d}_{stem}.txt").write_bytes(data)
        total += len(data)
        chars += len(data.decode("utf-8-sig"))
        n += 1
    return n, chars


def peak_rss_mb() -> float:
    """Peak resident set size of this process in MB.

    Linux: ``VmHWM`` from /proc/self/status (``ru_maxrss`` survives ``exec``, so a
    child started by a large parent would report the parent's peak). Elsewhere:
    ``resource.getrusage``.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 1024 if sys.platform != "darwin" else rss / 1024 / 1024


def cpu_seconds() -> tuple[float, float]:
    """(this process, reaped children) user+system CPU seconds."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    ch = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, ch.ru_utime + ch.ru_stime


def timed(fn: Callable[[], T]) -> tuple[T, float, float]:
    """Run fn(); return (result, wall seconds, CPU seconds of this process + children reaped meanwhile)."""
    s0, c0 = cpu_seconds()
    t = time.perf_counter()
    result = fn()
    wall = time.perf_counter() - t
    s1, c1 = cpu_seconds()
    return result, wall, (s1 - s0) + (c1 - c0)


def rss_child(folder: str, processes: int | None) -> None:
    """Run in a fresh process: one streaming term_frequencies run; print JSON."""
    import policytext as pt

    before = peak_rss_mb()
    t = time.perf_counter()
    tf = pt.Corpus.from_folder(folder, metadata=None).term_frequencies(processes=processes)
    seconds = time.perf_counter() - t
    print(json.dumps({"peak_rss_mb": peak_rss_mb(), "rss_after_import_mb": before, "docs": tf.shape[0],
                      "terms": tf.shape[1], "seconds": seconds}))


def measure_rss(folder: Path, processes: int | None) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--rss-child", str(folder)]
    if processes:
        cmd += ["--processes", str(processes)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=str(REPO))
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="2 MB corpus instead of 20 MB")
    ap.add_argument("--size-mb", type=float, default=None, help="corpus size in MB (default 20, quick 2)")
    ap.add_argument("--skip-dask", action="store_true")
    ap.add_argument("--rss-child", metavar="DIR", help=argparse.SUPPRESS)
    ap.add_argument("--processes", type=int, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.rss_child:
        rss_child(args.rss_child, args.processes)
        return 0

    import jieba

    import policytext as pt
    from policytext.text.io import read_text
    from policytext.tokens.tokenizer import default_tokenizer

    size_mb = args.size_mb or (2.0 if args.quick else 20.0)
    files = source_files()
    tmp = Path(tempfile.mkdtemp(prefix="policytext-bench-"))
    try:
        big = tmp / "big"
        n_files, chars = build_corpus(big, int(size_mb * 1e6), files)
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        print(f"corpus: {n_files} files, {size_mb:g} MB, {chars:,} chars (copies of {len(files)} documents); "
              f"cpu cores available: {cores}")

        # warm both tokenizers (dictionary load is not throughput)
        jb = jieba.Tokenizer()
        jieba.setLogLevel(logging.WARNING)
        jb.initialize()
        default_tokenizer().lcut("预热")

        paths = sorted(big.glob("*.txt"))
        print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())} (2 cores shared: "
              "CPU seconds are the robust figure; wall-clock speed-ups need idle cores)")

        def plain_jieba() -> int:
            return sum(len(jb.lcut(read_text(p))) for p in paths)

        _, t_jieba, cpu_jieba = timed(plain_jieba)
        print(f"plain jieba.lcut (HMM on, read included), serial: {chars / t_jieba:,.0f} chars/s wall "
              f"({t_jieba:.1f}s), {chars / cpu_jieba:,.0f} chars per CPU-second")

        corpus = pt.Corpus.from_folder(big, metadata=None)
        tf_serial, t_serial, cpu_serial = timed(corpus.term_frequencies)
        print(f"Corpus.term_frequencies serial:           {chars / t_serial:,.0f} chars/s wall ({t_serial:.1f}s), "
              f"{chars / cpu_serial:,.0f} chars per CPU-second = {cpu_jieba / cpu_serial:.2f}x plain jieba per CPU-s")

        tf_proc, t_proc, cpu_proc = timed(partial(corpus.term_frequencies, processes=2))
        print(f"Corpus.term_frequencies processes=2:      {chars / t_proc:,.0f} chars/s wall ({t_proc:.1f}s, spawn "
              f"included) = {t_serial / t_proc:.2f}x serial wall (target >= 1.7x); CPU {cpu_proc:.1f}s vs "
              f"{cpu_serial:.1f}s serial (parallel overhead {cpu_proc / cpu_serial - 1:+.0%}), "
              f"{cpu_proc / t_proc:.2f} cores busy on average; identical: {tf_proc.equals(tf_serial)}")
        del tf_proc

        if not args.skip_dask:
            from dask.distributed import Client, LocalCluster

            s0, c0 = cpu_seconds()
            t = time.perf_counter()
            with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0",
                              host="127.0.0.1", silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
                t_start = time.perf_counter() - t
                t = time.perf_counter()
                tf_dask = corpus.term_frequencies(client=client)
                t_dask = time.perf_counter() - t
            s1, c1 = cpu_seconds()
            cpu_dask = (s1 - s0) + (c1 - c0)
            print(f"Corpus.term_frequencies Dask (2 workers): {chars / t_dask:,.0f} chars/s wall ({t_dask:.1f}s; "
                  f"+{t_start:.1f}s cluster start) = {t_serial / t_dask:.2f}x serial wall; CPU {cpu_dask:.1f}s "
                  f"incl. scheduler and cluster start/stop; identical: {tf_dask.equals(tf_serial)}")
            del tf_dask
        print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        is_sparse = len(tf_serial.columns) and str(tf_serial.dtypes.iloc[0]).startswith("Sparse")
        print(f"result: {tf_serial.shape[0]} documents x {tf_serial.shape[1]} terms "
              f"({'sparse' if is_sparse else 'dense'})")
        del tf_serial, corpus

        # peak RSS of the calling process, 1x and 10x
        base = tmp / "base"
        shutil.rmtree(big)
        b_files, b_chars = build_corpus(base, int(size_mb * 1e5), files)
        ten = tmp / "ten"
        t_files, t_chars = build_corpus(ten, int(size_mb * 1e6), files)
        for processes in (None, 2):
            small = measure_rss(base, processes)
            large = measure_rss(ten, processes)
            label = "serial" if processes is None else f"processes={processes}"
            print(f"peak RSS of the calling process, {label}: 1x ({b_files} files, {b_chars:,} chars) "
                  f"{small['peak_rss_mb']:.0f} MB; 10x ({t_files} files, {t_chars:,} chars) "
                  f"{large['peak_rss_mb']:.0f} MB -> growth {large['peak_rss_mb'] / small['peak_rss_mb']:.2f}x "
                  f"(target <= 1.2x); after imports {small['rss_after_import_mb']:.0f} MB; "
                  f"result {large['docs']}x{large['terms']}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
