"""Result files: graphs as GEXF (Gephi), GraphML, node-link JSON and CSV tables, written atomically.

:func:`write_graph` picks the writer of a file's extension from
:data:`GRAPH_FORMATS` / ``_GRAPH_WRITERS``; :func:`read_graph` reads each
format back into a graph keyed by term. What each format holds:

* **GEXF** (1.2draft, Gephi's own format): node ids are the terms. Every
  node also carries Gephi's ``viz:color`` (by ``category``: one colour per
  lexicon category, grey for other words) and ``viz:size`` (by ``count``),
  so the graph opens coloured and sized. The file validates against the
  official GEXF 1.2draft schema (networkx writes an empty ``name=""`` on
  ``<graph>``, which the schema does not allow; it is left out).
* **GraphML**: GraphML node ids must be XML name tokens (``NMTOKEN``), which
  terms such as ``“三定”规定`` are not, so nodes are written as ``n0``,
  ``n1``, … in the graph's node order and the term is kept in the node
  attribute ``label`` (Gephi, Cytoscape and yEd show it). The file validates
  against the official ``graphml.xsd``. To get terms back, use
  :func:`read_graph`, or with networkx alone::

      H = nx.read_graphml("g.graphml")
      H = nx.relabel_nodes(H, dict(H.nodes(data="label")))

  (A node attribute that the graph itself calls ``label`` is replaced by
  the term in this format.)
* **JSON** (node-link): the edge list is written under both ``"edges"``
  (the key networkx ≥ 3.6 reads by default) and ``"links"`` (the key
  networkx 3.0–3.5 read by default), so ``nx.node_link_graph(json.load(f))``
  works on every networkx version policytext allows, as do
  ``edges="links"`` (networkx ≥ 3.4) and ``link="links"`` (networkx ≤ 3.5).
* **CSV** (Gephi's spreadsheet import, pandas): ``g.csv`` is the edge list
  (``source,target,weight,<other edge attributes>``) and ``g.nodes.csv``
  beside it the node table (``id,label,<node attributes>``); both are
  written or neither (:func:`graph_files` names them). A spreadsheet runs a
  cell starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return as a
  formula, so, as OWASP recommends against CSV injection, such text cells
  (and header cells) get a single quote in front (:func:`escape_formula`);
  numbers are written as they are (``-0.41`` stays a number).

Attribute values are made portable first (``None`` → ``""``, sets and
tuples → ``";"``-joined strings); the caller's graph is never changed.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from .._files import StagedOutputs, atomic_path
from .._validation import validate_params
from .figures import _out_path
from .tables import FORMULA_PREFIXES, escape_formula

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = ["write_graph", "read_graph", "graph_files", "GRAPH_FORMATS", "escape_formula", "FORMULA_PREFIXES"]

#: File extensions :func:`write_graph` understands, and the format of each.
GRAPH_FORMATS: dict[str, str] = {
    ".gexf": "GEXF 1.2 (Gephi)",
    ".graphml": "GraphML",
    ".json": "node-link JSON (networkx.node_link_graph)",
    ".csv": "CSV edge list (source,target,weight,…) and node table beside it (<name>.nodes.csv)",
}

#: Gephi node colours (RGB) by lexicon category, in order of the sorted category names (tab10 less grey).
_CATEGORY_RGB: tuple[tuple[int, int, int], ...] = (
    (31, 119, 180), (255, 127, 14), (44, 160, 44), (214, 39, 40), (148, 103, 189),
    (140, 86, 75), (227, 119, 194), (188, 189, 34), (23, 190, 207),
)
#: Colour of the nodes without a category (words that are not lexicon terms).
_PLAIN_RGB: tuple[int, int, int] = (153, 153, 153)
#: ``viz:size`` range: the node with the largest ``count`` gets the largest size; sizes grow with sqrt(count).
_VIZ_SIZE: tuple[float, float] = (10.0, 50.0)


def graph_files(path: str | os.PathLike[str]) -> list[Path]:
    """The files :func:`write_graph` writes for ``path``: the file itself, and for ``.csv`` the node table.

    ``g.csv`` → ``[g.csv, g.nodes.csv]``; any other format → ``[path]``.
    Stage all of them when writing with :class:`policytext._files.StagedOutputs`
    (``write_graph(G, path, staged=staged)``).

    >>> [p.name for p in graph_files("out/g.csv")], [p.name for p in graph_files("g.gexf")]
    (['g.csv', 'g.nodes.csv'], ['g.gexf'])
    """
    p = Path(path)
    if p.suffix.lower() == ".csv":
        return [p, p.with_name(f"{p.stem}.nodes{p.suffix}")]
    return [p]


# -- portable attributes ---------------------------------------------------------------------------


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


def _first_use(items: Iterable[dict[str, Any]], skip: Iterable[str] = ()) -> list[str]:
    """Attribute names in order of first use, without ``skip``."""
    keys: dict[str, None] = {}
    for d in items:
        keys.update(dict.fromkeys(d))
    return [k for k in keys if k not in skip]


# -- GEXF ------------------------------------------------------------------------------------------


def _viz(H: nx.Graph) -> dict[str, dict[str, Any]]:
    """Gephi ``viz`` of each node: colour by ``category``, size by ``count`` (empty without both)."""
    import math

    data = dict(H.nodes(data=True))
    if not any("category" in d or "count" in d for d in data.values()):
        return {}
    categories = sorted({str(d.get("category") or "") for d in data.values()} - {""})
    rgb = {c: _CATEGORY_RGB[i % len(_CATEGORY_RGB)] for i, c in enumerate(categories)}
    counts = {n: d.get("count", 0) for n, d in data.items()}
    top = max((c for c in counts.values() if isinstance(c, (int, float)) and c > 0), default=1)
    low, high = _VIZ_SIZE
    viz = {}
    for n, d in data.items():
        r, g, b = rgb.get(str(d.get("category") or ""), _PLAIN_RGB)
        count = counts[n] if isinstance(counts[n], (int, float)) and counts[n] > 0 else 0
        viz[n] = {"color": {"r": r, "g": g, "b": b, "a": 1.0},
                  "size": round(low + (high - low) * math.sqrt(count / top), 2)}
    return viz


def _write_gexf(H: nx.Graph, fh: BinaryIO, prettyprint: bool) -> None:
    from networkx.readwrite.gexf import GEXFWriter

    viz = _viz(H)
    if viz:
        H = H.copy()
        for n, v in viz.items():
            H.nodes[n]["viz"] = v
    writer = GEXFWriter(encoding="utf-8", prettyprint=prettyprint, version="1.2draft")
    writer.add_graph(H)
    if not writer.graph_element.get("name"):  # the 1.2draft schema has no empty name
        writer.graph_element.attrib.pop("name", None)
    writer.write(fh)


# -- GraphML ---------------------------------------------------------------------------------------


def _write_graphml(H: nx.Graph, fh: BinaryIO, prettyprint: bool) -> None:
    """GraphML with ``n0``, ``n1``, … ids (NMTOKENs) and the term as the ``label`` node attribute."""
    import networkx as nx

    ids = {n: f"n{i}" for i, n in enumerate(H)}
    for n in H:
        H.nodes[n]["label"] = n
    nx.write_graphml(nx.relabel_nodes(H, ids), fh, prettyprint=prettyprint)


# -- JSON ------------------------------------------------------------------------------------------


def _write_json(H: nx.Graph, fh: BinaryIO, prettyprint: bool) -> None:
    """Node-link JSON with the edge list under ``"edges"`` and ``"links"`` (read by every networkx ≥ 3.0)."""
    edges = [{**d, "source": a, "target": b} for a, b, d in H.edges(data=True)]
    data = {
        "directed": H.is_directed(),
        "multigraph": False,
        "graph": dict(H.graph),
        "nodes": [{**d, "id": n} for n, d in H.nodes(data=True)],
        "edges": edges,
        "links": edges,
    }
    fh.write(json.dumps(data, ensure_ascii=False, indent=1 if prettyprint else None).encode("utf-8"))


# -- CSV -------------------------------------------------------------------------------------------


def _write_rows(fh: BinaryIO, header: list[str], rows: Iterable[list[Any]]) -> None:
    """UTF-8 CSV rows, formula text escaped (:func:`escape_formula`).

    Lines end in ``\n``; in ``\r\n`` (RFC 4180) when a cell holds a carriage
    return, the only way Python's csv quotes such a cell (a bare ``\r`` would
    otherwise split the row for every reader).
    """
    import csv
    import io

    table = [[escape_formula(h) for h in header], *([escape_formula(v) for v in row] for row in rows)]
    has_cr = any(isinstance(v, str) and "\r" in v for row in table for v in row)
    text = io.TextIOWrapper(fh, encoding="utf-8", newline="")
    csv.writer(text, lineterminator="\r\n" if has_cr else "\n").writerows(table)
    text.flush()
    text.detach()


def _write_csv(H: nx.Graph, fh: BinaryIO, prettyprint: bool) -> None:
    """Edge list: ``source,target,weight`` then the other edge attributes in order of first use."""
    keys = _first_use((d for _, _, d in H.edges(data=True)), skip=("weight",))
    rows = ([a, b, d.get("weight", 1.0), *(d.get(k, "") for k in keys)] for a, b, d in H.edges(data=True))
    _write_rows(fh, ["source", "target", "weight", *keys], rows)


def _write_nodes_csv(H: nx.Graph, fh: BinaryIO) -> None:
    """Node table: ``id,label`` (both the term) then the node attributes in order of first use."""
    keys = _first_use((d for _, d in H.nodes(data=True)), skip=("label",))
    rows = ([n, d.get("label", n), *(d.get(k, "") for k in keys)] for n, d in H.nodes(data=True))
    _write_rows(fh, ["id", "label", *keys], rows)


#: The writer of each extension of :data:`GRAPH_FORMATS`.
_GRAPH_WRITERS: dict[str, Callable[[Any, BinaryIO, bool], None]] = {
    ".gexf": _write_gexf,
    ".graphml": _write_graphml,
    ".json": _write_json,
    ".csv": _write_csv,
}


def _write_staged(H: nx.Graph, p: Path, staged: StagedOutputs, prettyprint: bool) -> None:
    """Write every file of ``p`` (:func:`graph_files`) to its staged temporary path."""
    files = graph_files(p)
    with open(staged[files[0]], "wb") as fh:
        _GRAPH_WRITERS[p.suffix.lower()](H, fh, prettyprint)
    if len(files) > 1:
        with open(staged[files[1]], "wb") as fh:
            _write_nodes_csv(H, fh)


@validate_params({"path": ["path"]})
def write_graph(G: nx.Graph, path: str | os.PathLike, *, prettyprint: bool = True,
                staged: StagedOutputs | None = None) -> Path:
    """Write a graph to a file; the format follows the extension.

    * ``.gexf`` — GEXF 1.2draft, opens in Gephi coloured by category and sized by count;
    * ``.graphml`` — GraphML (Gephi, Cytoscape, igraph, yEd); ids ``n0``, ``n1``, …,
      the term in the ``label`` attribute (:func:`read_graph` gives terms back);
    * ``.json`` — node-link JSON (``networkx.node_link_graph(json.load(f))``), UTF-8;
    * ``.csv`` — edge list with header ``source,target,weight,<other edge attributes>``
      and, beside it, ``<name>.nodes.csv`` with header ``id,label,<node attributes>``
      (Gephi's spreadsheet import, ``pandas.read_csv`` + ``networkx.from_pandas_edgelist``);
      text cells a spreadsheet would run as formulas get a leading ``'``.

    See the module docstring for the details of each format. The files are
    written to temporary files in the same folder and moved into place
    (both CSV files or neither), so a reader never sees a half-written file.

    Parameters
    ----------
    G : networkx.Graph
    path : str or path-like
    prettyprint : bool
        Indent GEXF, GraphML and JSON.
    staged : policytext._files.StagedOutputs, optional
        Write into these staged outputs instead (they must hold every file
        of :func:`graph_files` ``(path)``; they are moved into place when
        the caller's ``with`` block ends).

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
    >>> import tempfile, pathlib
    >>> from policytext.analysis.cooccur import build_graph
    >>> G = build_graph([["党的二十大", "高质量发展"]])
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = write_graph(G, pathlib.Path(d) / "g.graphml")
    ...     H = read_graph(p)
    >>> H["党的二十大"]["高质量发展"]["count"]
    1
    """
    p = _out_path(path, "write_graph", GRAPH_FORMATS)
    H = _exportable(G)
    if staged is not None:
        _write_staged(H, p, staged, prettyprint)
    elif p.suffix.lower() == ".csv":
        with StagedOutputs(graph_files(p)) as own:
            _write_staged(H, p, own, prettyprint)
    else:
        with atomic_path(p) as tmp, open(tmp, "wb") as fh:  # atomic_path: a missing folder is an OutputError
            _GRAPH_WRITERS[p.suffix.lower()](H, fh, prettyprint)
    return p


# -- reading back ----------------------------------------------------------------------------------


def _read_csv(p: Path) -> nx.Graph:
    import networkx as nx
    import pandas as pd

    edges = pd.read_csv(p, keep_default_na=False)
    H = nx.from_pandas_edgelist(edges, edge_attr=True)
    nodes_path = graph_files(p)[1]
    if nodes_path.is_file():
        for row in pd.read_csv(nodes_path, keep_default_na=False).to_dict("records"):
            H.add_node(row.pop("id"), **{k: v for k, v in row.items() if k != "label"})
    return H


def read_graph(path: str | os.PathLike[str]) -> nx.Graph:
    """Read a file of :func:`write_graph` back into a graph keyed by term.

    GraphML nodes are relabelled by their ``label`` attribute (the term) and
    the attribute dropped; GEXF is read with networkx (``viz`` stays a node
    attribute); JSON through ``networkx.node_link_graph``; CSV from the edge
    list and, when present, ``<name>.nodes.csv`` (text cells are read as
    written, escaping quote included).

    >>> import tempfile, pathlib
    >>> from policytext.analysis.cooccur import build_graph
    >>> with tempfile.TemporaryDirectory() as d:
    ...     H = read_graph(write_graph(build_graph([["“三定”规定", "机构编制"]]), pathlib.Path(d) / "g.graphml"))
    >>> sorted(H), H.nodes["机构编制"]["count"]
    (['“三定”规定', '机构编制'], 1)
    """
    import networkx as nx

    p = _out_path(path, "read_graph", GRAPH_FORMATS)
    suffix = p.suffix.lower()
    if suffix == ".graphml":
        H = nx.read_graphml(p)
        labels = dict(H.nodes(data="label"))
        H = nx.relabel_nodes(H, {n: label if label is not None else n for n, label in labels.items()})
        for _, d in H.nodes(data=True):
            d.pop("label", None)
        return H
    if suffix == ".gexf":
        return nx.read_gexf(p)
    if suffix == ".json":
        import inspect

        with open(p, encoding="utf-8") as fh:
            data = json.load(fh)
        if "edges" in inspect.signature(nx.node_link_graph).parameters:  # networkx >= 3.4
            return nx.node_link_graph(data, edges="edges" if "edges" in data else "links")
        return nx.node_link_graph(data)  # networkx 3.0-3.3 read "links"
    return _read_csv(p)
