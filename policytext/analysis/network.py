"""Graph analyses of term graphs: Louvain communities and centralities."""

from __future__ import annotations

from numbers import Real
from typing import TYPE_CHECKING

from .._validation import InstanceOf, Interval, validate_params
from ..errors import InvalidParameterError

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    import pandas as pd

__all__ = ["communities", "centralities"]


@validate_params({
    "G": [InstanceOf("networkx.Graph")],
    "seed": [Interval(int, None, None)],
    "resolution": [Interval(Real, 0, None, closed="neither")],
})
def communities(
    G: nx.Graph,
    *,
    seed: int = 0,
    resolution: float = 1.0,
    weight: str = "weight",
    attribute: str | None = None,
) -> list[set[str]]:
    """Louvain communities of a co-occurrence graph, deterministic for a given seed.

    Parameters
    ----------
    G : networkx.Graph
    seed : int
        Random seed of the Louvain node order (same seed, same partition).
    resolution : float
        Above 1 favours smaller communities, below 1 larger ones.
    weight : str
        Edge attribute used as weight (must be non-negative).
    attribute : str, optional
        If given (e.g. ``"community"``), also store each node's community
        index under this node attribute.

    Returns
    -------
    list of set
        Communities, largest first (ties by their smallest term); empty for an
        empty graph.

    Raises
    ------
    InvalidParameterError
        ``G`` is not a networkx graph, ``seed`` not an int, ``resolution <= 0``,
        or a negative ``weight`` on an edge.

    References
    ----------
    Blondel, V. D. et al. (2008). Fast unfolding of communities in large
    networks. *J. Stat. Mech.* P10008.

    Examples
    --------
    >>> from policytext.analysis.cooccur import build_graph
    >>> G = build_graph([["a", "b"], ["a", "b"], ["c", "d"], ["c", "d"]])
    >>> [sorted(c) for c in communities(G, attribute="community")]
    [['a', 'b'], ['c', 'd']]
    >>> G.nodes["c"]["community"]
    1
    """
    import networkx as nx

    if len(G) == 0:
        return []
    if any(d.get(weight, 1) < 0 for _, _, d in G.edges(data=True)):
        raise InvalidParameterError.build("weight", "communities", "an edge attribute with non-negative values", weight)
    parts = nx.community.louvain_communities(G, weight=weight, resolution=resolution, seed=int(seed))
    result = sorted((set(p) for p in parts), key=lambda c: (-len(c), min(c)))
    if attribute is not None:
        for i, comm in enumerate(result):
            for node in comm:
                G.nodes[node][attribute] = i
    return result


def centralities(G: nx.Graph, *, weight: str = "weight") -> pd.DataFrame:
    """Centralities of every node, as a DataFrame indexed by term.

    Columns: ``count`` (node attribute, 0 if absent), ``degree`` (number of
    neighbours), ``weighted_degree`` (sum of ``weight``), ``betweenness``
    (normalised, unweighted shortest paths), ``eigenvector`` (weighted) and
    ``pagerank`` (weighted). Rows sorted by PageRank, then term.

    >>> from policytext.analysis.cooccur import build_graph
    >>> G = build_graph([["a", "b", "c"], ["a", "b"]])
    >>> centralities(G)[["degree", "weighted_degree"]]
          degree  weighted_degree
    term
    a          2              3.0
    b          2              3.0
    c          2              2.0
    """
    import networkx as nx
    import pandas as pd

    cols = ["count", "degree", "weighted_degree", "betweenness", "eigenvector", "pagerank"]
    if len(G) == 0:
        return pd.DataFrame(columns=cols, index=pd.Index([], name="term"))
    nodes = sorted(G.nodes)
    pagerank = nx.pagerank(G, weight=weight)
    betweenness = nx.betweenness_centrality(G)
    if G.number_of_edges():
        try:
            eigen = nx.eigenvector_centrality(G, weight=weight, max_iter=1000, tol=1e-8)
        except nx.PowerIterationFailedConvergence:
            eigen = nx.eigenvector_centrality_numpy(G, weight=weight)
    else:
        eigen = dict.fromkeys(nodes, 0.0)
    frame = pd.DataFrame(
        {
            "count": [int(G.nodes[n].get("count", 0)) for n in nodes],
            "degree": [G.degree(n) for n in nodes],
            "weighted_degree": [float(G.degree(n, weight=weight)) for n in nodes],
            "betweenness": [betweenness[n] for n in nodes],
            "eigenvector": [float(eigen[n]) for n in nodes],
            "pagerank": [pagerank[n] for n in nodes],
        },
        index=pd.Index(nodes, name="term"),
    )
    order = sorted(nodes, key=lambda n: (-pagerank[n], n))
    return frame.loc[order]
