"""Key-sentence ranking for study summaries: centrality over content-term overlap, then MMR for variety.

:func:`rank_sentences` scores sentences (units of content terms) by their
centrality in a sentence-similarity graph (TextRank-style PageRank, or a
linear-time degree centrality above :data:`MAX_GRAPH_SENTENCES`), and
:func:`policytext.analysis.summary.summarize` picks key sentences with
maximal marginal relevance.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from ..tokens.tokenizer import Token

__all__ = ["rank_sentences", "mmr", "content_norms", "MAX_GRAPH_SENTENCES"]


def content_norms(tokens: Sequence[Token], stop: frozenset[str]) -> list[str]:
    """The canonical forms of the content tokens (:func:`policytext.tokens.tags.is_content`) not in ``stop``."""
    return [t.norm for t in tokens if t.is_content and t.norm not in stop]


#: Above this many sentences, :func:`rank_sentences` uses a linear-time centrality.
MAX_GRAPH_SENTENCES = 1500


def rank_sentences(
    units: Sequence[Sequence[str]],
    *,
    weights: dict[str, float] | None = None,
    position: bool = True,
    mix: tuple[float, float, float] = (0.2, 0.5, 0.3),
) -> list[float]:
    """Scores of sentences given their content terms (higher is better).

    Parameters
    ----------
    units : sequence of sequences of str
        Content terms of each sentence, in document order.
    weights : dict, optional
        Term weights (e.g. keyword scores); a sentence's keyword weight is the
        sum over its distinct terms divided by its number of terms. Without
        weights only centrality and position count.
    position : bool
        Add the position prior ``1 / sqrt(1 + i)`` for the i-th sentence.
    mix : (float, float, float)
        Weights of centrality, keyword weight and position.

    Notes
    -----
    Centrality is PageRank over the sentence graph (an edge for every pair
    of sentences sharing a term), which costs O(n²) in the number of
    sentences. Above :data:`MAX_GRAPH_SENTENCES` sentences (far more than any
    section of a real document; a 10 MB compilation has tens of thousands),
    it is the weighted degree in that graph instead, computed from term
    document frequencies in linear time:
    ``sum(df(t) - 1 for t in terms) / log(len + 2)``.

    Returns
    -------
    list[float]
        One score per sentence, in ``[0, 1]``.

    Examples
    --------
    >>> rank_sentences([["改革", "编制"], ["改革", "编制", "资源"], ["天气"]], position=False)[2]
    0.0
    """
    import networkx as nx

    n = len(units)
    if n == 0:
        return []
    sets = [set(u) for u in units]
    if n > MAX_GRAPH_SENTENCES:
        df = Counter(t for s in sets for t in s)
        cent = [sum(df[t] - 1 for t in s) / math.log(len(units[i]) + 2) for i, s in enumerate(sets)]
    else:
        G = nx.Graph()
        G.add_nodes_from(range(n))
        for i in range(n):
            for j in range(i + 1, n):
                shared = len(sets[i] & sets[j])
                if shared:
                    denom = math.log(len(units[i]) + 1) + math.log(len(units[j]) + 1)
                    G.add_edge(i, j, weight=shared / denom if denom else float(shared))
        if G.number_of_edges():
            pr = nx.pagerank(G, weight="weight", tol=1e-8, max_iter=500)
            lo = min(pr.values())
            cent = [pr[i] - lo for i in range(n)]
        else:
            cent = [0.0] * n
    top_c = max(cent) or 1.0
    kw = [0.0] * n
    if weights:
        for i, u in enumerate(units):
            if u:
                kw[i] = sum(weights.get(t, 0.0) for t in set(u)) / len(u)
    top_k = max(kw) or 1.0
    a, b, c = mix
    pos = [1 / math.sqrt(1 + i) if position else 0.0 for i in range(n)]
    scores = [a * cent[i] / top_c + b * kw[i] / top_k + c * pos[i] for i in range(n)]
    return [0.0 if not units[i] else s for i, s in enumerate(scores)]


def mmr(scores: Sequence[float], units: Sequence[Sequence[str]], k: int, lam: float = 0.7) -> list[int]:
    chosen: list[int] = []
    sets = [set(u) for u in units]
    cands = [i for i in range(len(scores)) if units[i]]
    while cands and len(chosen) < k:
        def value(i: int) -> float:
            if not chosen:
                return scores[i]
            sim = max(len(sets[i] & sets[j]) / (math.sqrt(len(sets[i]) * len(sets[j])) or 1) for j in chosen)
            return lam * scores[i] - (1 - lam) * sim
        best = max(cands, key=lambda i: (value(i), -i))
        chosen.append(best)
        cands.remove(best)
    return chosen


