"""Co-occurrence graphs from counted units (the counting and assembly behind ``cooccurrence``).

Two ways to the same graph:

* :func:`counter_graph` — from Counters, one Python step per pair; used for
  int windows (where ``count`` and ``units`` differ) and, in the tests, as
  the reference for the other;
* :func:`unit_graph` — named windows (sentence, paragraph: a pair counted
  once per unit), counted with numpy over term ids. Equal to
  :func:`counter_graph` on the same units: nodes, edges, attribute values
  and types, and insertion (adjacency) order, which Louvain's tie-breaks
  and float sums depend on.

Also :func:`count_pairs` and :func:`build_graph` (token lists in, a graph
out), re-exported by :mod:`policytext.analysis.cooccur`; they live here,
below everything else, so that the keyword ranker can build its TextRank
graph without importing :mod:`~policytext.analysis.cooccur` (which reads
keyword scores).

Private: :func:`policytext.analysis.cooccur.cooccurrence` documents the
attributes and statistics.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import combinations
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, Union

from .._validation import Interval, validate_params

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    import numpy as np

__all__ = ["Spec", "Counts", "count_pairs", "build_graph", "window_stats", "counter_graph", "unit_graph"]

Window = Union[Literal["sentence", "paragraph"], int]

#: A window of ``k`` tokens.
_TOKEN_WINDOW = Interval(int, 2, None)


@validate_params({"window": [_TOKEN_WINDOW, None]})
def count_pairs(units: Iterable[Sequence[str]], *, window: int | None = None) -> tuple[Counter, Counter, int]:
    """Count terms and co-occurring pairs.

    Parameters
    ----------
    units : iterable of sequences of str
        One token list per unit (sentence, paragraph …); windows never cross units.
    window : int, optional
        ``None``: two terms co-occur when they are in the same unit (counted once
        per unit). An int ``k >= 2``: when they are fewer than ``k`` positions
        apart (counted once per pair of positions).

    Returns
    -------
    (node_counts, pair_counts, n_units)
        ``node_counts[t]`` is the number of occurrences of ``t``;
        ``pair_counts[(a, b)]`` with ``a < b``; ``n_units`` the number of units.

    >>> nodes, pairs, n = count_pairs([["a", "b", "a"], ["b", "c"]], window=2)
    >>> dict(pairs), n
    ({('a', 'b'): 2, ('b', 'c'): 1}, 2)
    """
    nodes: Counter = Counter()
    pairs: Counter = Counter()
    n_units = 0
    for unit in units:
        n_units += 1
        nodes.update(unit)
        if window is None:
            uniq = sorted(set(unit))
            if len(uniq) > 1:
                pairs.update(combinations(uniq, 2))  # (a, b) with a < b, once per unit
        else:
            for i, a in enumerate(unit):
                for b in unit[i + 1: i + window]:
                    if a != b:
                        pairs[(a, b) if a < b else (b, a)] += 1
    return nodes, pairs, n_units


@validate_params({"min_count": [Interval(int, 1, None)]})
def build_graph(units: Iterable[Sequence[str]], *, window: int | None = None, min_count: int = 1) -> nx.Graph:
    """Co-occurrence graph of the terms in ``units``.

    Nodes carry ``count`` (occurrences); edges carry ``count`` (co-occurrences,
    see :func:`count_pairs`) and ``weight`` (equal to ``count``). Edges with
    ``count < min_count`` are dropped; nodes are kept. Empty input gives an
    empty graph.

    >>> sorted(build_graph([["a", "b"], ["a", "b"], ["b", "c"]], min_count=2).edges(data="count"))
    [('a', 'b', 2)]
    """
    import networkx as nx

    nodes, pairs, _ = count_pairs(units, window=window)
    G = nx.Graph()
    for term in sorted(nodes):
        G.add_node(term, count=nodes[term])
    for (a, b), c in sorted(pairs.items()):
        if c >= min_count:
            G.add_edge(a, b, count=c, weight=float(c))
    return G



class Spec(NamedTuple):
    """What the graph keeps and how it weighs edges (the checked parameters of ``cooccurrence``)."""

    window: Window
    weight: str  # one of cooccur.WEIGHTS
    min_count: int
    top: int | None
    wanted: set[str] | None  # ``terms=`` as node keys (None: every term)
    scores: dict[str, float]  # ``keywords=`` (empty: the score is the normalised weighted degree)
    rank: dict[str, float] | None = None  # what ``top`` ranks by when ``scores`` is empty (None: the count)


class Counts(NamedTuple):
    """Counters of a list of units: occurrences, units containing a term / a pair, and their number.

    ``pair_units is pair_counts`` for named windows (a pair is counted once per unit).
    """

    node_counts: Counter
    node_units: Counter
    pair_counts: Counter
    pair_units: Counter
    n_units: int


def window_stats(units: Sequence[Sequence[str]], window: int | None) -> tuple[Counter, Counter, int]:
    """Unit frequencies: (units containing a, units containing a and b, number of units)."""
    node_u: Counter = Counter()
    pair_u: Counter = Counter()
    n = 0
    for unit in units:
        if window is None or len(unit) <= window:
            spans: Iterable[Sequence[str]] = (unit,)
        else:
            spans = (unit[i: i + window] for i in range(len(unit) - window + 1))
        for span in spans:
            n += 1
            uniq = sorted(set(span))
            node_u.update(uniq)
            for i, a in enumerate(uniq):
                for b in uniq[i + 1:]:
                    pair_u[(a, b)] += 1
    return node_u, pair_u, n


def _keep(node_counts: dict[str, int], wanted: set[str] | None, top: int | None,
          scores: dict[str, float], rank: dict[str, float] | None = None,
          links: Mapping[str, set[str]] | None = None) -> set[str]:
    """The node set after the ``terms`` and ``top`` filters.

    ``top`` ranks by ``scores``; else by ``rank``, keeping the best-ranked
    terms that have an edge among the kept ones (:func:`_linked_top`;
    ``links``: each term's neighbours by an edge of at least ``min_count``);
    else by count. Ties by count, then term.
    """
    keep = set(node_counts)
    if wanted is not None:
        keep &= wanted
    if top is not None and len(keep) > top:
        if scores:
            ranked = sorted(keep, key=lambda t: (-scores.get(t, 0.0), -node_counts[t], t))
        elif rank is not None:
            ranked = sorted(keep, key=lambda t: (-rank.get(t, 0.0), -node_counts[t], t))
            return _linked_top(ranked, links or {}, top)
        else:
            ranked = sorted(keep, key=lambda t: (-node_counts[t], t))
        keep = set(ranked[:top])
    return keep


def _linked_top(ranked: Sequence[str], links: Mapping[str, set[str]], top: int) -> set[str]:
    """``top`` of ``ranked`` (best first), preferring terms that have an edge to a term already kept.

    Walks down the ranking, keeping a term when it links to a kept one (the
    first term with a link is kept as it is), again until nothing is added;
    then fills the remaining places in rank order. A drawing of the graph
    shows only nodes with edges, so a rare formula that co-occurs with
    nothing kept does not take a place from a term that does.

    >>> sorted(_linked_top(["a", "b", "c", "d"], {"a": {"c"}, "c": {"a", "d"}, "d": {"c"}}, 3))
    ['a', 'c', 'd']
    """
    kept: dict[str, None] = {}
    added = True
    while added and len(kept) < top:
        added = False
        for t in ranked:
            if t in kept:
                continue
            nb = links.get(t)
            if nb and (not kept or not nb.isdisjoint(kept)):
                kept[t] = None
                added = True
                if len(kept) >= top:
                    break
    for t in ranked:
        if len(kept) >= top:
            break
        kept.setdefault(t)
    return set(kept)


def _links(pairs: Iterable[tuple[str, str]], spec: Spec) -> dict[str, set[str]] | None:
    """Each term's neighbours by the ``pairs`` (edges of at least ``min_count``), when ``top`` ranks by ``rank``."""
    if spec.rank is None or spec.top is None or spec.scores:
        return None
    wanted = spec.wanted
    links: dict[str, set[str]] = {}
    for a, b in pairs:
        if wanted is None or (a in wanted and b in wanted):
            links.setdefault(a, set()).add(b)
            links.setdefault(b, set()).add(a)
    return links


def _new_graph(spec: Spec, n_units: int, n_terms: int) -> nx.Graph:
    import networkx as nx

    return nx.Graph(window=str(spec.window), weight=spec.weight, min_count=spec.min_count, n_units=n_units,
                    n_terms=n_terms)


def counter_graph(counts: Counts, spec: Spec, category: Mapping[str, str | None],
                  sections: Mapping[str, str]) -> nx.Graph:
    """The graph from Counters (token windows; the reference for :func:`unit_graph` in the tests).

    ``category``/``sections``: node key → lexicon category / section ids. For an int
    window (``counts.pair_units is not counts.pair_counts``) edges also carry ``units``.
    """
    node_counts = counts.node_counts
    links = _links(((a, b) for (a, b), c in counts.pair_counts.items() if c >= spec.min_count), spec)
    keep = _keep(node_counts, spec.wanted, spec.top, spec.scores, spec.rank, links)
    G = _new_graph(spec, counts.n_units, len(node_counts))
    G.add_nodes_from(
        (term, {
            "count": node_counts[term],
            "units": counts.node_units[term],
            "category": category.get(term) or "",
            "sections": sections.get(term, ""),
            "score": spec.scores.get(term, 0.0),
        })
        for term in sorted(keep)
    )
    strength: Counter = Counter()
    G.add_edges_from(_counter_edges(counts, spec, keep if len(keep) < len(node_counts) else None, strength))
    if not spec.scores and strength:  # weighted degree (sum of edge counts), as a share of the largest
        top_strength = max(strength.values())
        for term, value in strength.items():
            G.nodes[term]["score"] = value / top_strength
    return G


def _counter_edges(counts: Counts, spec: Spec, keep: set[str] | None,
                   strength: Counter) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """The edges of :func:`counter_graph` (both ends in ``keep`` unless None), adding to ``strength``."""
    pair_units, node_units, n = counts.pair_units, counts.node_units, counts.n_units
    min_count, weight = spec.min_count, spec.weight
    with_units = pair_units is not counts.pair_counts
    log = math.log
    for pair, c in counts.pair_counts.items():
        if c < min_count:
            continue
        a, b = pair
        if keep is not None and (a not in keep or b not in keep):
            continue
        strength[a] += c
        strength[b] += c
        if weight == "count":
            data: dict[str, Any] = {"count": c, "weight": float(c)}
        else:
            n_ab = pair_units[pair]
            n_a, n_b = node_units[a], node_units[b]
            if weight == "jaccard":
                stat = n_ab / (n_a + n_b - n_ab)
                w = stat
            else:
                stat = log(n_ab * n / (n_a * n_b))
                if weight == "npmi":
                    h = -log(n_ab / n)
                    stat = stat / h if h > 0 else 1.0
                w = stat if stat > 0 else 0.0
            data = {"count": c, "weight": w, weight: stat}
        if with_units:
            data["units"] = pair_units[pair]
        yield a, b, data


def _sorted_distinct(values: np.ndarray) -> np.ndarray:
    """The distinct values of an int64 array, sorted (``np.unique`` without its extra work)."""
    import numpy as np

    values = np.sort(values)
    if len(values) > 1:
        values = values[np.r_[True, values[1:] != values[:-1]]]
    return values


class _UnitCounts:
    """Counts of a list of units (named windows), as numpy arrays over term ids.

    Term ids follow the sorted order of the terms, so ``(a, b)`` with
    ``a < b`` as ids is also ``a < b`` as strings. Pairs are listed in the
    order of their first occurrence (unit by unit, then ``(a, b)`` in sorted
    order within the unit) — the insertion order of the Counter-based count,
    so the graph's edge and adjacency order do not change.
    """

    __slots__ = ("n_units", "node_counts", "node_units", "pair_a", "pair_b", "pair_counts", "terms")

    def __init__(self, units: Sequence[Sequence[str]]) -> None:
        import numpy as np

        self.n_units = n_units = len(units)
        flat = [term for unit in units for term in unit]
        self.terms = terms = sorted(set(flat))
        V = len(terms)
        index = dict(zip(terms, range(V)))
        ids = np.fromiter(map(index.__getitem__, flat), dtype=np.int64, count=len(flat))
        lengths = np.fromiter(map(len, units), dtype=np.int64, count=n_units)
        unit_of = np.repeat(np.arange(n_units, dtype=np.int64), lengths)
        # distinct (unit, term), sorted by unit then term: each unit's sorted(set(unit))
        code = _sorted_distinct(unit_of * max(V, 1) + ids)
        uu = code // max(V, 1)
        ui = code - uu * V
        pair_code, counts = _pairs_by_first_occurrence(_unit_pairs(ui, uu, n_units, V), V)
        self.node_counts = np.bincount(ids, minlength=V)
        self.node_units = np.bincount(ui, minlength=V)
        self.pair_a = pair_code // max(V, 1)
        self.pair_b = pair_code - self.pair_a * V
        self.pair_counts = counts


def _unit_pairs(ui: np.ndarray, uu: np.ndarray, n_units: int, V: int) -> np.ndarray:
    """Codes ``a * V + b`` of every pair of distinct terms within a unit, unit by unit, ``a``-major.

    ``ui``/``uu`` are the term and unit of each distinct (unit, term), sorted by unit then term.
    """
    import numpy as np

    k = np.bincount(uu, minlength=n_units)  # distinct terms per unit
    # every pair of positions p < q within a unit of the distinct array, p-major
    starts = np.cumsum(k) - k
    rep = k[uu] - 1 - (np.arange(len(ui)) - starts[uu])  # partners after position p
    n_occ = int(rep.sum())
    first = np.repeat(np.arange(len(ui)), rep)
    offsets = np.cumsum(rep) - rep
    second = first + 1 + (np.arange(n_occ) - offsets[first])
    return ui[first] * V + ui[second]


def _pairs_by_first_occurrence(pair_code: np.ndarray, V: int) -> tuple[np.ndarray, np.ndarray]:
    """The distinct pair codes, in order of first occurrence, and how often each occurs."""
    import numpy as np

    n_occ = len(pair_code)
    if V * V * max(n_occ, 1) < 2**63:
        # one sort of (pair, position) keys (numpy's vectorised sort; positions are distinct, so
        # equal pairs come out in position order)
        key = np.sort(pair_code * n_occ + np.arange(n_occ))
        sorted_code = key // max(n_occ, 1)
        position = key - sorted_code * n_occ
    else:  # pragma: no cover - beyond int64 keys: a stable argsort
        position = np.argsort(pair_code, kind="stable")
        sorted_code = pair_code[position]
    heads = np.flatnonzero(np.r_[True, sorted_code[1:] != sorted_code[:-1]]) if n_occ else np.zeros(0, np.int64)
    counts = np.diff(np.r_[heads, n_occ])
    # groups in order of first occurrence (first positions are distinct: no sort needed)
    group_at = np.full(n_occ, -1, dtype=np.int64)
    group_at[position[heads]] = np.arange(len(heads))
    by_first = group_at[group_at >= 0]
    return sorted_code[heads][by_first], counts[by_first]


def unit_graph(units: Sequence[Sequence[str]], spec: Spec, category: Mapping[str, str | None],
               sections: Mapping[str, str]) -> nx.Graph:
    """The graph of a named window (a pair counted once per unit), counted with numpy.

    Equal to :func:`counter_graph` on Counters counted once per unit (nodes,
    edges, attribute values and types, insertion order; checked against a
    Python reference count in the tests).
    """
    import numpy as np

    uc = _UnitCounts(units)
    kept = _kept_terms(uc, spec)
    a, b, c = uc.pair_a, uc.pair_b, uc.pair_counts
    mask = kept[a] & kept[b]
    if spec.min_count > 1:
        mask &= c >= spec.min_count
    if not mask.all():
        a, b, c = a[mask], b[mask], c[mask]
    if spec.scores:
        node_score = [spec.scores.get(t, 0.0) for t in uc.terms]
    else:
        node_score = _strength_scores(a, b, c, len(uc.terms))
    terms, node_counts, node_units = uc.terms, uc.node_counts.tolist(), uc.node_units.tolist()
    G = _new_graph(spec, uc.n_units, len(uc.terms))
    G.add_nodes_from(
        (terms[i], {
            "count": node_counts[i],
            "units": node_units[i],
            "category": category.get(terms[i]) or "",
            "sections": sections.get(terms[i], ""),
            "score": node_score[i],
        })
        for i in np.flatnonzero(kept).tolist()
    )
    _add_unit_edges(G, uc, a, b, c, spec.weight)
    return G


def _kept_terms(uc: _UnitCounts, spec: Spec) -> np.ndarray:
    """Boolean mask over ``uc.terms``: the nodes left by the ``terms`` and ``top`` filters."""
    import numpy as np

    V = len(uc.terms)
    if spec.wanted is None and (spec.top is None or V <= spec.top):
        return np.ones(V, dtype=bool)
    strong = uc.pair_counts >= spec.min_count
    terms = uc.terms
    links = _links(((terms[a], terms[b]) for a, b in zip(uc.pair_a[strong].tolist(), uc.pair_b[strong].tolist())),
                   spec)
    keep = _keep(dict(zip(uc.terms, uc.node_counts.tolist())), spec.wanted, spec.top, spec.scores, spec.rank,
                 links)
    return np.fromiter((t in keep for t in uc.terms), dtype=bool, count=V)


def _strength_scores(a: np.ndarray, b: np.ndarray, c: np.ndarray, V: int) -> list[float]:
    """Weighted degree (sum of edge counts) over the kept edges, as a share of the largest."""
    import numpy as np

    strength = (np.bincount(a, weights=c, minlength=V) + np.bincount(b, weights=c, minlength=V)).astype(np.int64)
    strength_list = strength.tolist()
    top_strength = max(strength_list, default=0)
    return [v / top_strength if v else 0.0 for v in strength_list] if top_strength else [0.0] * V


def _add_unit_edges(G: nx.Graph, uc: _UnitCounts, a: np.ndarray, b: np.ndarray, c: np.ndarray,
                    weight: str) -> None:
    """Add the edges ``terms[a[i]] — terms[b[i]]`` with count ``c[i]`` and the ``weight`` statistic."""
    import numpy as np

    term_array = np.array(uc.terms, dtype=object)
    us = term_array[a].tolist()
    vs = term_array[b].tolist()
    counts = c.tolist()
    if weight == "count":
        # add_edges_from copies each attribute dict into a new edge dict, so edges with the
        # same count can be given the same (read-only) dict
        shared = {k: {"count": k, "weight": float(k)} for k in set(counts)}
        G.add_edges_from(zip(us, vs, map(shared.__getitem__, counts)))
        return
    w, stat = _unit_statistic(uc, a, b, c, weight)
    G.add_edges_from((u, v, {"count": k, "weight": x, weight: y}) for u, v, k, x, y in zip(us, vs, counts, w, stat))


def _unit_statistic(uc: _UnitCounts, a: np.ndarray, b: np.ndarray, c: np.ndarray,
                    weight: str) -> tuple[list[float], list[float]]:
    """``(weight, statistic)`` per edge for ``pmi``/``npmi``/``jaccard`` (see :func:`cooccurrence`)."""
    import numpy as np

    n = uc.n_units
    n_a, n_b = uc.node_units[a], uc.node_units[b]
    if weight == "jaccard":
        stat = (c / (n_a + n_b - c)).tolist()  # int / int: both exact in float64, IEEE division == Python's
        return stat, stat
    log = math.log
    # math.log (not np.log) so the values equal the per-edge Python computation bit for bit
    pmi = np.array(list(map(log, (c * n / (n_a * n_b)).tolist())), dtype=float)
    if weight == "npmi":
        h = -np.array(list(map(log, (c / n).tolist())), dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            pmi = np.where(h > 0, pmi / np.where(h > 0, h, 1.0), 1.0)
    return np.where(pmi > 0, pmi, 0.0).tolist(), pmi.tolist()
