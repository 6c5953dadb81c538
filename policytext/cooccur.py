"""Term co-occurrence graphs (networkx).

``build_graph`` is the core: token lists in, ``networkx.Graph`` out, windows
never crossing a unit (sentence) boundary. Higher-level functions build on it.

Examples
--------
>>> G = build_graph([["党的二十大", "高质量发展", "机构编制"], ["机构编制", "高质量发展"]])
>>> G["机构编制"]["高质量发展"]["count"], G.nodes["机构编制"]["count"]
(2, 2)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from .errors import InvalidParameterError

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = ["build_graph", "count_pairs"]


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
    """
    if window is not None and (not isinstance(window, int) or isinstance(window, bool) or window < 2):
        raise InvalidParameterError.build("window", "count_pairs", "None or an int >= 2", window)
    nodes: Counter = Counter()
    pairs: Counter = Counter()
    n_units = 0
    for unit in units:
        n_units += 1
        nodes.update(unit)
        if window is None:
            uniq = sorted(set(unit))
            for i, a in enumerate(uniq):
                for b in uniq[i + 1:]:
                    pairs[(a, b)] += 1
        else:
            for i, a in enumerate(unit):
                for b in unit[i + 1: i + window]:
                    if a != b:
                        pairs[(a, b) if a < b else (b, a)] += 1
    return nodes, pairs, n_units


def build_graph(units: Iterable[Sequence[str]], *, window: int | None = None, min_count: int = 1) -> nx.Graph:
    """Co-occurrence graph of the terms in ``units``.

    Nodes carry ``count`` (occurrences); edges carry ``count`` (co-occurrences,
    see :func:`count_pairs`) and ``weight`` (equal to ``count``). Edges with
    ``count < min_count`` are dropped; nodes are kept. Empty input gives an
    empty graph.
    """
    import networkx as nx

    if not isinstance(min_count, int) or min_count < 1:
        raise InvalidParameterError.build("min_count", "build_graph", "an int >= 1", min_count)
    nodes, pairs, _ = count_pairs(units, window=window)
    G = nx.Graph()
    for term in sorted(nodes):
        G.add_node(term, count=nodes[term])
    for (a, b), c in sorted(pairs.items()):
        if c >= min_count:
            G.add_edge(a, b, count=c, weight=float(c))
    return G
