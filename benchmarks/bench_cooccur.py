"""Benchmark: co-occurrence graphs of the whole shared corpus, against tokenizing it and plain jieba.

Usage::

    /work/venv/bin/python benchmarks/bench_cooccur.py [CORPUS_DIR] [--repeat N]

Measures, in one run and on the same texts (every ``*.txt`` of CORPUS_DIR,
default ``../shared/corpora``):

* ``jieba.lcut`` (plain jieba, global dictionary, HMM on as jieba's default)
  over each document's normalised text;
* policytext tokenization: ``Tokenizer.tokenize_document`` (sentence tokens,
  cached on each Document; best of ``--repeat`` runs on freshly loaded Documents);
* the sentence-window graph step: ``cooccurrence(doc, window="sentence")``
  per document and once for the whole corpus, with the cached tokens, so
  tokenization is not counted twice (best of ``--repeat`` runs);
* the networkx floor: inserting the whole-corpus graph's nodes and edges, with
  their attribute dicts already built, into an empty ``nx.Graph`` (public API,
  ``add_nodes_from`` + ``add_edges_from``), and the same without edge attributes;
* peak memory of the graph step (tracemalloc, separate run) and the
  process's maximum resident set size.

Target: graph step <= 0.5 x tokenization.
"""

from __future__ import annotations

import argparse
import gc
import resource
import sys
import time
import tracemalloc
from pathlib import Path

import policytext as pt
from policytext.analysis.cooccur import cooccurrence


def _best(fn, repeat: int) -> tuple[float, object]:
    best = float("inf")
    result = None
    for _ in range(repeat):
        result = None
        gc.collect()
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def main(argv: list[str] | None = None) -> int:
    here = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(here.parent / "shared" / "corpora"))
    parser.add_argument("--repeat", type=int, default=3, help="runs of the graph step; the best is kept")
    args = parser.parse_args(argv)

    files = sorted(Path(args.corpus).glob("*.txt"))
    if not files:
        print(f"no .txt files in {args.corpus}", file=sys.stderr)
        return 1

    t0 = time.perf_counter()
    docs = [pt.load(p) for p in files]
    t_load = time.perf_counter() - t0
    chars = sum(len(d.text) for d in docs)
    n_sent = sum(len(d.sentences) for d in docs)

    # warm up both segmenters (dictionary loading is not what we measure)
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    jieba.lcut("推动高质量发展")
    tk = pt.Tokenizer()
    tk.lcut("推动高质量发展")

    t0 = time.perf_counter()
    n_jieba = sum(len(jieba.lcut(d.text)) for d in docs)
    t_jieba = time.perf_counter() - t0

    # tokenization, best of --repeat runs on fresh Documents (the token cache lives on each Document)
    t_tok = float("inf")
    for _ in range(args.repeat):
        fresh = [pt.load(p) for p in files]
        gc.collect()
        t0 = time.perf_counter()
        n_tokens = sum(len(s) for d in fresh for s in tk.tokenize_document(d))
        t_tok = min(t_tok, time.perf_counter() - t0)
    docs = fresh  # tokens cached on these: the graph step does not tokenize again

    # graph step on cached tokens
    t_graph_docs, graphs = _best(lambda: [cooccurrence(d, window="sentence", tokenizer=tk) for d in docs],
                                 args.repeat)
    edges = sum(g.number_of_edges() for g in graphs)  # type: ignore[union-attr]
    del graphs
    t_graph_corpus, G = _best(lambda: cooccurrence(docs, window="sentence", tokenizer=tk), args.repeat)
    t_graph_npmi, _ = _best(lambda: cooccurrence(docs, window="sentence", weight="npmi", min_count=2,
                                                 tokenizer=tk), args.repeat)

    # the floor of any graph built through networkx's public API: inserting the same nodes and
    # edges, with their attribute dicts already built, into an empty Graph
    import networkx as nx

    node_list = list(G.nodes(data=True))  # type: ignore[union-attr]
    edge_list = [(a, b, dict(d)) for a, b, d in G.edges(data=True)]  # type: ignore[union-attr]

    def insert(attrs: bool = True) -> object:
        H = nx.Graph()
        H.add_nodes_from(node_list)
        H.add_edges_from(edge_list if attrs else ((a, b) for a, b, _ in edge_list))
        return H

    t_floor, _ = _best(insert, args.repeat)
    t_floor_bare, _ = _best(lambda: insert(False), args.repeat)

    tracemalloc.start()
    cooccurrence(docs, window="sentence", tokenizer=tk)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux

    print(f"corpus: {len(docs)} documents, {chars:,} chars, {n_sent:,} sentences (load+parse {t_load:.2f} s)")
    print(f"plain jieba.lcut:            {t_jieba:7.3f} s  ({n_jieba:,} tokens, {chars / t_jieba / 1e3:,.0f} k chars/s)")
    print(f"policytext tokenize_document:{t_tok:7.3f} s  ({n_tokens:,} tokens, {chars / t_tok / 1e3:,.0f} k chars/s)"
          f"  = {t_tok / t_jieba:.2f} x jieba")
    print(f"graph, per document:         {t_graph_docs:7.3f} s  ({edges:,} edges in {len(docs)} graphs)"
          f"  = {t_graph_docs / t_tok:.3f} x tokenize, {t_graph_docs / t_jieba:.3f} x jieba")
    print(f"graph, whole corpus:         {t_graph_corpus:7.3f} s  ({G.number_of_nodes():,} nodes, "  # type: ignore[union-attr]
          f"{G.number_of_edges():,} edges)  = {t_graph_corpus / t_tok:.3f} x tokenize")  # type: ignore[union-attr]
    print(f"graph, corpus, npmi, min_count=2: {t_graph_npmi:7.3f} s  = {t_graph_npmi / t_tok:.3f} x tokenize")
    print(f"networkx floor, whole corpus (add_nodes_from + add_edges_from, prebuilt attribute dicts): "
          f"{t_floor:.3f} s = {t_floor / t_tok:.3f} x tokenize; without edge attributes {t_floor_bare:.3f} s "
          f"= {t_floor_bare / t_tok:.3f} x; graph step = floor + {t_graph_corpus - t_floor:.3f} s")
    print(f"peak traced memory of the corpus graph step: {peak / 2**20:.1f} MiB; process max RSS {maxrss / 1024:.0f} MiB")
    target = 0.5
    ratio = t_graph_corpus / t_tok
    print(f"target: whole-corpus sentence-window graph <= {target} x tokenize: "
          f"{'met' if ratio <= target else 'NOT met'} ({ratio:.3f}); per-document graphs: "
          f"{t_graph_docs / t_tok:.3f} x ({'met' if t_graph_docs / t_tok <= target else 'not met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
