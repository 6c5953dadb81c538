"""Term frequencies of a corpus on local processes and on a Dask cluster.

The same analysis (documents × terms counts) runs on two local worker
processes and on a Dask ``LocalCluster`` with two single-threaded worker
processes (no dashboard; the scheduler listens on 127.0.0.1 only), and the
script checks that the two tables are identical.

Usage::

    python examples/corpus_dask.py [FOLDER]

FOLDER defaults to the shared corpora next to the repository (or
``$POLICYTEXT_SHARED_CORPORA``) when present, else the corpus folder shipped
with the package. On a real cluster, replace the ``LocalCluster`` with
``Client("tcp://scheduler:8786")``; the workers must see the files (or pass
``send="bytes"``). Needs ``pip install 'policytext[dask]'``.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path

import policytext as pt


def default_folder() -> Path:
    shared = Path(os.environ.get("POLICYTEXT_SHARED_CORPORA",
                                 Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"))
    if shared.is_dir():
        return shared
    from policytext._resources import data_dir

    return data_dir("corpora")


def main(argv: list[str]) -> int:
    from dask.distributed import Client, LocalCluster

    folder = Path(argv[0]) if argv else default_folder()
    corpus = pt.Corpus.from_folder(folder)
    print(f"{corpus} from {folder}")

    t = time.perf_counter()
    local = corpus.term_frequencies(processes=2)
    print(f"local processes (2): {local.shape[0]} documents × {local.shape[1]} terms "
          f"in {time.perf_counter() - t:.1f}s")

    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0",
                      host="127.0.0.1", silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        t = time.perf_counter()
        on_dask = corpus.term_frequencies(client=client)
        print(f"dask LocalCluster (2 workers): {on_dask.shape[0]} documents × {on_dask.shape[1]} terms "
              f"in {time.perf_counter() - t:.1f}s")

    same = local.equals(on_dask)
    print(f"identical: {same}")
    totals = local.sum(axis=0).head(10)
    print("most frequent terms:", ", ".join(f"{term} {int(n)}" for term, n in totals.items()))
    if corpus.errors:
        print("skipped:", ", ".join(f"{e.name} ({e.error})" for e in corpus.errors))
    assert same, "local processes and Dask disagree"
    return 0


if __name__ == "__main__":  # required: worker processes are started with "spawn"
    sys.exit(main(sys.argv[1:]))
