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
  per document (also with the study report's ``top=40, min_count=2``) and
  once for the whole corpus, with the cached tokens, so tokenization is not
  counted twice, but finding the keyword units (slots, phrases, keyword
  scores) counted in every run (best of ``--repeat`` runs); and the same
  for the graph of single content tokens (``nodes="content",
  phrases=False``, the default before keyword units);
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
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import policytext as pt
from policytext.analysis.cooccur import cooccurrence

if TYPE_CHECKING:
    import networkx as nx

T = TypeVar("T")


def _best(fn: Callable[[], T], repeat: int) -> tuple[float, T]:
    """The best time of ``repeat`` runs of ``fn`` (at least one), and its last result."""
    best = float("inf")
    result: T | None = None
    for _ in range(max(repeat, 1)):
        result = None  # the previous run's result is freed before the next is timed
        gc.collect()
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, cast(T, result)


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
    m: dict[str, Any] = {}  # the measurements, printed at the end
    tk = _load_and_jieba(files, m)
    docs = _tokenize(files, tk, args.repeat, m)  # tokens cached on these: the graph step does not tokenize again
    G = _graph_step(docs, tk, args.repeat, m)
    _networkx_floor(G, args.repeat, m)
    _memory(docs, tk, m)
    _report(m, len(docs), G)
    return 0


def _load_and_jieba(files: list[Path], m: dict[str, Any]) -> pt.Tokenizer:
    """Load and parse the files; time plain jieba on their texts (both segmenters warmed up first)."""
    t0 = time.perf_counter()
    docs = [pt.load(p) for p in files]
    m["t_load"] = time.perf_counter() - t0
    m["chars"] = sum(len(d.text) for d in docs)
    m["n_sent"] = sum(len(d.sentences) for d in docs)

    # warm up both segmenters (dictionary loading is not what we measure)
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    jieba.lcut("推动高质量发展")
    tk = pt.Tokenizer()
    tk.lcut("推动高质量发展")

    t0 = time.perf_counter()
    m["n_jieba"] = sum(len(jieba.lcut(d.text)) for d in docs)
    m["t_jieba"] = time.perf_counter() - t0
    return tk


def _tokenize(files: list[Path], tk: pt.Tokenizer, repeat: int, m: dict[str, Any]) -> list[pt.Document]:
    """Tokenization, best of ``repeat`` runs on fresh Documents (the token cache lives on each Document)."""
    t_tok = float("inf")
    fresh: list[pt.Document] = []
    for _ in range(max(repeat, 1)):
        fresh = [pt.load(p) for p in files]
        gc.collect()
        t0 = time.perf_counter()
        m["n_tokens"] = sum(len(s) for d in fresh for s in tk.tokenize_document(d))
        t_tok = min(t_tok, time.perf_counter() - t0)
    m["t_tok"] = t_tok
    return fresh


def _fresh(docs: list[pt.Document]) -> list[pt.Document]:
    """``docs`` without their cached keyword units (tokens stay cached): each timed run finds them again."""
    for d in docs:
        for key in [k for k in d._cache if isinstance(k, tuple) and k and k[0] == "cooccur.keyword_units"]:
            del d._cache[key]
    return docs


#: The graph of single content tokens (the default before keyword units), timed in the same run.
TOKENS: dict[str, Any] = {"nodes": "content", "phrases": False}


def _graph_step(docs: list[pt.Document], tk: pt.Tokenizer, repeat: int, m: dict[str, Any]) -> nx.Graph:
    """The graph step on cached tokens: per document, whole corpus, whole corpus with NPMI; the default
    (keyword units: phrases found and joined, keyword scores) and single content tokens."""
    m["t_graph_docs"], graphs = _best(
        lambda: [cooccurrence(d, window="sentence", tokenizer=tk) for d in _fresh(docs)], repeat)
    m["edges"] = sum(g.number_of_edges() for g in graphs)
    del graphs
    m["t_graph_docs_top"], _ = _best(
        lambda: [cooccurrence(d, window="sentence", top=40, min_count=2, tokenizer=tk) for d in _fresh(docs)],
        repeat)
    m["t_graph_docs_tokens"], _ = _best(
        lambda: [cooccurrence(d, window="sentence", tokenizer=tk, **TOKENS) for d in docs], repeat)
    m["t_graph_corpus"], G = _best(lambda: cooccurrence(_fresh(docs), window="sentence", tokenizer=tk), repeat)
    m["t_graph_corpus_tokens"], _ = _best(lambda: cooccurrence(docs, window="sentence", tokenizer=tk, **TOKENS),
                                          repeat)
    m["t_graph_npmi"], _ = _best(lambda: cooccurrence(_fresh(docs), window="sentence", weight="npmi", min_count=2,
                                                      tokenizer=tk), repeat)
    return G


def _networkx_floor(G: nx.Graph, repeat: int, m: dict[str, Any]) -> None:
    """The floor of any graph built through networkx's public API: inserting the same nodes and
    edges, with their attribute dicts already built, into an empty Graph."""
    import networkx as nx

    node_list = list(G.nodes(data=True))
    edge_list = [(a, b, dict(d)) for a, b, d in G.edges(data=True)]

    def insert(attrs: bool = True) -> object:
        H = nx.Graph()
        H.add_nodes_from(node_list)
        H.add_edges_from(edge_list if attrs else ((a, b) for a, b, _ in edge_list))
        return H

    m["t_floor"], _ = _best(insert, repeat)
    m["t_floor_bare"], _ = _best(lambda: insert(False), repeat)


def _memory(docs: list[pt.Document], tk: pt.Tokenizer, m: dict[str, Any]) -> None:
    """Peak traced memory of the corpus graph step (a separate run) and the process's max RSS."""
    tracemalloc.start()
    cooccurrence(docs, window="sentence", tokenizer=tk)
    _, m["peak"] = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    m["maxrss"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


def _report(m: dict[str, Any], n_docs: int, G: nx.Graph) -> None:
    chars, t_jieba, t_tok = m["chars"], m["t_jieba"], m["t_tok"]
    t_graph_docs, t_graph_corpus, t_graph_npmi = m["t_graph_docs"], m["t_graph_corpus"], m["t_graph_npmi"]
    t_floor, t_floor_bare = m["t_floor"], m["t_floor_bare"]
    print(f"corpus: {n_docs} documents, {chars:,} chars, {m['n_sent']:,} sentences (load+parse {m['t_load']:.2f} s)")
    print(f"plain jieba.lcut:            {t_jieba:7.3f} s  "
          f"({m['n_jieba']:,} tokens, {chars / t_jieba / 1e3:,.0f} k chars/s)")
    print(f"policytext tokenize_document:{t_tok:7.3f} s  ({m['n_tokens']:,} tokens, {chars / t_tok / 1e3:,.0f} "
          f"k chars/s)  = {t_tok / t_jieba:.2f} x jieba")
    print(f"graph, per document:         {t_graph_docs:7.3f} s  ({m['edges']:,} edges in {n_docs} graphs)"
          f"  = {t_graph_docs / t_tok:.3f} x tokenize, {t_graph_docs / t_jieba:.3f} x jieba")
    print(f"graph, per document, top=40, min_count=2 (the study report's): {m['t_graph_docs_top']:7.3f} s"
          f"  = {m['t_graph_docs_top'] / t_tok:.3f} x tokenize, {m['t_graph_docs_top'] / t_jieba:.3f} x jieba")
    print(f"graph of single content tokens, per document: {m['t_graph_docs_tokens']:7.3f} s"
          f"  = {m['t_graph_docs_tokens'] / t_tok:.3f} x tokenize, {m['t_graph_docs_tokens'] / t_jieba:.3f} x jieba")
    print(f"graph, whole corpus:         {t_graph_corpus:7.3f} s  ({G.number_of_nodes():,} nodes, "
          f"{G.number_of_edges():,} edges)  = {t_graph_corpus / t_tok:.3f} x tokenize")
    print(f"graph of single content tokens, whole corpus: {m['t_graph_corpus_tokens']:7.3f} s"
          f"  = {m['t_graph_corpus_tokens'] / t_tok:.3f} x tokenize")
    print(f"graph, corpus, npmi, min_count=2: {t_graph_npmi:7.3f} s  = {t_graph_npmi / t_tok:.3f} x tokenize")
    print(f"networkx floor, whole corpus (add_nodes_from + add_edges_from, prebuilt attribute dicts): "
          f"{t_floor:.3f} s = {t_floor / t_tok:.3f} x tokenize; without edge attributes {t_floor_bare:.3f} s "
          f"= {t_floor_bare / t_tok:.3f} x; graph step = floor + {t_graph_corpus - t_floor:.3f} s")
    print(f"peak traced memory of the corpus graph step: {m['peak'] / 2**20:.1f} MiB; "
          f"process max RSS {m['maxrss'] / 1024:.0f} MiB")
    target = 0.5
    ratio = t_graph_corpus / t_tok
    print(f"target: whole-corpus sentence-window graph <= {target} x tokenize: "
          f"{'met' if ratio <= target else 'NOT met'} ({ratio:.3f}); per-document graphs: "
          f"{t_graph_docs / t_tok:.3f} x ({'met' if t_graph_docs / t_tok <= target else 'not met'})")


if __name__ == "__main__":
    sys.exit(main())
