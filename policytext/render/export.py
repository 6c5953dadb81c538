"""Result files: graphs as GEXF (Gephi), GraphML, node-link JSON and CSV edge lists, written atomically.

:func:`write_graph` picks the writer of a file's extension from
:data:`GRAPH_FORMATS` / ``_GRAPH_WRITERS``; each writer takes a graph with
portable attribute values and a binary file handle.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, BinaryIO

from .._files import atomic_path
from .._validation import validate_params
from .figures import _out_path

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

    import networkx as nx

__all__ = ["write_graph", "GRAPH_FORMATS"]

#: File extensions :func:`write_graph` understands, and the format of each.
GRAPH_FORMATS: dict[str, str] = {
    ".gexf": "GEXF 1.2 (Gephi)",
    ".graphml": "GraphML",
    ".json": "node-link JSON (networkx.node_link_graph)",
    ".csv": "CSV edge list (source,target,weight,…)",
}


def _clean_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float, str)):
        return value
    if isinstance(value, (set, frozenset)):
        return ";".join(sorted(map(str, value)))
    if isinstance(value, (list, tuple)):
        return ";".join(map(str, value))
    try:  # numpy scalars
        return value.item()
    except AttributeError:
        return str(value)


def _exportable(G: nx.Graph) -> nx.Graph:
    """A copy whose attributes are plain str/int/float/bool (no None, tuples or sets)."""
    import networkx as nx

    H = nx.Graph() if not G.is_directed() else nx.DiGraph()
    H.graph.update({k: _clean_value(v) for k, v in G.graph.items()})
    for n, d in G.nodes(data=True):
        H.add_node(str(n), **{k: _clean_value(v) for k, v in d.items()})
    for a, b, d in G.edges(data=True):
        H.add_edge(str(a), str(b), **{k: _clean_value(v) for k, v in d.items()})
    return H


def _write_gexf(H: nx.Graph, fh: BinaryIO, prettyprint: bool) -> None:
    import networkx as nx

    nx.write_gexf(H, fh, prettyprint=prettyprint)


def _write_graphml(H: nx.Graph, fh: BinaryIO, prettyprint: bool) -> None:
    import networkx as nx

    nx.write_graphml(H, fh, prettyprint=prettyprint)


def _write_json(H: nx.Graph, fh: BinaryIO, prettyprint: bool) -> None:
    import networkx as nx

    data = nx.node_link_data(H, edges="edges")
    fh.write(json.dumps(data, ensure_ascii=False, indent=1 if prettyprint else None).encode("utf-8"))


def _write_csv(H: nx.Graph, fh: BinaryIO, prettyprint: bool) -> None:
    """Edge list: ``source,target,weight`` then the other edge attributes in order of first use."""
    import csv
    import io

    keys: list[str] = []
    for _, _, d in H.edges(data=True):
        for k in d:
            if k not in keys and k != "weight":
                keys.append(k)
    text = io.TextIOWrapper(fh, encoding="utf-8", newline="")
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(["source", "target", "weight", *keys])
    for a, b, d in H.edges(data=True):
        writer.writerow([a, b, d.get("weight", 1.0), *(d.get(k, "") for k in keys)])
    text.flush()
    text.detach()


#: The writer of each extension of :data:`GRAPH_FORMATS`.
_GRAPH_WRITERS: dict[str, Callable[[Any, BinaryIO, bool], None]] = {
    ".gexf": _write_gexf,
    ".graphml": _write_graphml,
    ".json": _write_json,
    ".csv": _write_csv,
}


@validate_params({"path": ["path"]})
def write_graph(G: nx.Graph, path: str | os.PathLike, *, prettyprint: bool = True) -> Path:
    """Write a graph to a file; the format follows the extension.

    * ``.gexf`` — GEXF 1.2, opens in Gephi;
    * ``.graphml`` — GraphML (Gephi, Cytoscape, igraph, ``networkx.read_graphml``);
    * ``.json`` — node-link JSON (``networkx.node_link_graph(json.load(f))``), UTF-8;
    * ``.csv`` — edge list with header ``source,target,weight,<other edge attributes>``
      (Gephi's spreadsheet import, ``pandas.read_csv`` + ``networkx.from_pandas_edgelist``).

    Attribute values are made portable first (``None`` → ``""``, sets and
    tuples → ``";"``-joined strings), so types survive a round trip. The
    file is written to a temporary file in the same folder and moved into
    place (``os.replace``), so a reader never sees a half-written file.

    Parameters
    ----------
    G : networkx.Graph
    path : str or path-like

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    InvalidParameterError
        ``path`` is not a path; unknown extension (the message lists the valid ones).
    OutputError
        The folder does not exist or is not writable.

    Examples
    --------
    >>> import networkx as nx, tempfile, pathlib
    >>> from policytext.analysis.cooccur import build_graph
    >>> G = build_graph([["党的二十大", "高质量发展"]])
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = write_graph(G, pathlib.Path(d) / "g.graphml")
    ...     H = nx.read_graphml(p)
    >>> H["党的二十大"]["高质量发展"]["count"]
    1
    """
    p = _out_path(path, "write_graph", GRAPH_FORMATS)
    writer = _GRAPH_WRITERS[p.suffix.lower()]
    H = _exportable(G)
    with atomic_path(p) as tmp, open(tmp, "wb") as fh:  # atomic_path: a missing folder is an OutputError
        writer(H, fh, prettyprint)
    return p
