"""Drawings of term graphs: a static figure (:func:`plot_graph`) and an offline HTML page (:func:`graph_html`).

:func:`plot_graph` works in phases, each a function here: the layout
(:func:`_layout`, :func:`_pack`), node sizes and colours (:func:`_style`),
drawing edges, nodes and labels, moving labels apart
(:func:`_separate_labels`, :func:`_place_labels`), and saving.
"""

from __future__ import annotations

import html
import math
import os
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from .._files import atomic_path
from .._validation import InstanceOf, Interval, Options, validate_params
from ..errors import InvalidParameterError
from .figures import FIGURE_FORMATS, FontLike, Rendering, _out_path, new_figure

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

    import networkx as nx
    from matplotlib.axes import Axes
    from matplotlib.backend_bases import RendererBase
    from matplotlib.figure import Figure
    from matplotlib.text import Text

__all__ = ["plot_graph", "graph_html", "label_disc_overlaps", "LAYOUTS", "KK_MAX_NODES"]

#: Layouts :func:`plot_graph` accepts.
LAYOUTS: tuple[str, ...] = ("auto", "kamada_kawai", "spring")
#: ``layout="auto"`` uses Kamada–Kawai up to this many nodes (it is O(n²) per step), spring above.
KK_MAX_NODES = 150

_GRAPH = [InstanceOf("networkx.Graph")]
#: Width of the white edge of a node disc (pt).
_EDGE = 0.5
_LABELS = [Interval(int, 0, None), None]


# -- layout ---------------------------------------------------------------------------------


def _layout(G: nx.Graph, method: str, *, seed: int, k: float | None, iterations: int) -> dict[Any, Any]:
    """Node positions: each connected component laid out alone, then packed.

    Kamada–Kawai places nodes so that drawn distances follow path lengths
    (hops, unweighted): a dense co-occurrence core spreads evenly instead
    of collapsing onto its heaviest edges as a weighted spring layout does.
    Spring (Fruchterman–Reingold, weighted when the weights are
    non-negative, fixed ``seed``) is used for large components. Each
    component is scaled to a median edge length of 1; the largest is drawn
    first and the others packed below or beside it (largest first, see
    :func:`_pack`), so small components neither fly to a corner nor pile
    onto the main one.
    """
    import networkx as nx
    import numpy as np

    comps = sorted((sorted(c, key=str) for c in nx.connected_components(G)),
                   key=lambda c: (-len(c), str(c[0])))
    parts: list[tuple[list[Any], Any]] = []
    for comp in comps:
        n = len(comp)
        if n == 1:
            xy = np.zeros((1, 2))
        elif n == 2:
            xy = np.array([[0.0, 0.0], [1.0, 0.0]])
        else:
            sub = G.subgraph(comp)
            use = method if method != "auto" else ("kamada_kawai" if n <= KK_MAX_NODES else "spring")
            if use == "spring":
                pos = nx.spring_layout(sub, seed=seed, k=k, iterations=iterations,
                                       weight="weight" if _nonneg(sub, "weight") else None)
            else:  # a fixed start (a circle in node order): the same picture for the same graph
                pos = nx.kamada_kawai_layout(sub, pos=nx.circular_layout(comp), weight=None)
            xy = np.array([pos[v] for v in comp], dtype=float)
            index = {v: i for i, v in enumerate(comp)}
            lengths = [float(np.hypot(*(xy[index[a]] - xy[index[b]]))) for a, b in sub.edges]
            unit = float(np.median(lengths)) if lengths else 1.0
            xy = xy / (unit if unit > 0 else 1.0)
        parts.append((comp, xy - xy.min(axis=0)))
    return _pack(parts)


def _pack(parts: list[tuple[list[Any], Any]], gap: float = 0.5) -> dict[Any, Any]:
    """Place the first (largest) part, then the others in shelves below it or beside it.

    Each part is ``(nodes, xy)`` with ``xy`` starting at (0, 0). Both
    arrangements are tried (rows under the main part wrapping at its width,
    or columns to its right wrapping at its height); the one where the main
    part keeps the larger share of the drawing wins.
    """
    import numpy as np

    main_nodes, main_xy = parts[0]
    mw, mh = max(float(main_xy[:, 0].max()), 1.0), max(float(main_xy[:, 1].max()), 1.0)
    best: tuple[float, dict[Any, Any]] = (-1.0, {})
    for below in (True, False):
        out: dict[Any, Any] = dict(zip(main_nodes, main_xy))
        limit = mw if below else mh
        shelf, along, depth = 0.0, 0.0, 0.0  # shelf offset, position along the shelf, shelf depth
        lo = np.zeros(2)
        hi = np.array([mw, mh])
        for nodes, xy in parts[1:]:
            w, h = float(xy[:, 0].max()), float(xy[:, 1].max())
            length, thick = (w, h) if below else (h, w)
            if along > 0 and along + length > limit:
                shelf, along, depth = shelf + depth + gap, 0.0, 0.0
            if below:
                at = np.array([along, -gap - shelf - h])
            else:
                at = np.array([mw + gap + shelf, mh - along - h])
            placed = xy + at
            out.update(zip(nodes, placed))
            lo, hi = np.minimum(lo, placed.min(axis=0)), np.maximum(hi, placed.max(axis=0))
            along += length + gap
            depth = max(depth, thick)
        share = float(mw * mh / np.prod(np.maximum(hi - lo, 1e-9)))
        if share > best[0] + 1e-9:
            best = (share, out)
    return best[1]


# -- sizes and colours ------------------------------------------------------------------


def _scale(values: list[float], lo: float, hi: float) -> list[float]:
    """``values`` mapped linearly onto ``[lo, hi]`` (the middle when they are all equal)."""
    if not values:
        return []
    vmin, vmax = min(values), max(values)
    if vmax == vmin:
        return [(lo + hi) / 2] * len(values)
    return [lo + (hi - lo) * (v - vmin) / (vmax - vmin) for v in values]


def _nonneg(G: nx.Graph, attr: str) -> bool:
    return all(float(d.get(attr, 1.0)) >= 0 for _, _, d in G.edges(data=True))


def _partition(G: nx.Graph, community: str | None, seed: int) -> dict[Any, int]:
    """Community index of every node: the ``community`` attribute, else Louvain (G unchanged)."""
    if community and len(G) and all(community in d for _, d in G.nodes(data=True)):
        return {n: int(d[community]) for n, d in G.nodes(data=True)}
    from ..analysis.network import communities

    parts = communities(G, seed=seed, weight="weight" if _nonneg(G, "weight") else "count")
    return {n: i for i, comm in enumerate(parts) for n in comm}


def _colormap(name: str) -> Any:
    import matplotlib

    try:
        return matplotlib.colormaps[name]
    except KeyError:
        raise InvalidParameterError.unknown("cmap", "plot_graph", name, list(matplotlib.colormaps)) from None


def _label_nodes(G: nx.Graph, labels: int | None) -> list[Any]:
    """The nodes to label: the ``labels`` most frequent (all for None), most frequent first."""
    nodes = sorted(G.nodes, key=lambda n: (-float(G.nodes[n].get("count", 0)), str(n)))
    return nodes if labels is None else nodes[:labels]


class _Style(NamedTuple):
    """How each node is drawn; ``nodes`` in drawing order (sorted by name), the rest aligned with it."""

    nodes: list[Any]
    sizes: list[float]  # marker area, pt²
    colors: list[Any]  # RGBA
    label_sizes: dict[Any, float]  # pt


def _style(G: nx.Graph, part: Mapping[Any, int], cmap: str, node_size: tuple[float, float],
           font_size: tuple[float, float]) -> _Style:
    """Node area and label size grow with ``sqrt(count)``; colour ``i`` of ``cmap`` for community ``i``."""
    colormap = _colormap(cmap)
    nodes = sorted(G.nodes, key=str)
    roots = [math.sqrt(float(G.nodes[n].get("count", 1))) for n in nodes]
    colors = [colormap(((part.get(n, 0) % colormap.N) + 0.5) / colormap.N) for n in nodes]
    return _Style(nodes, _scale(roots, *node_size), colors, dict(zip(nodes, _scale(roots, *font_size))))


# -- drawing ------------------------------------------------------------------------------


def _canvas(figsize: tuple[float, float], dpi: float, fpath: Path, title: str | None,
            title_size: float) -> tuple[Figure, Axes]:
    """A figure whose one axes fills it (no frame, no ticks), with the title if any."""
    from matplotlib.font_manager import FontProperties

    fig, ax = new_figure(figsize=figsize, dpi=dpi, font=fpath)
    ax.set_axis_off()
    ax.set_position((0.01, 0.01, 0.98, 0.9 if title else 0.98))
    if title:
        ax.set_title(title, fontproperties=FontProperties(fname=str(fpath), size=title_size))
    return fig, ax


def _draw_edges(ax: Axes, G: nx.Graph, pos: Mapping[Any, Any]) -> None:
    """Edges as one line collection; width and opacity grow with ``weight`` (negative as 0)."""
    from matplotlib.collections import LineCollection

    if not G.number_of_edges():
        return
    edges = list(G.edges(data="weight", default=1.0))
    weights = [max(float(w), 0.0) for _, _, w in edges]
    widths = _scale(weights, 0.3, 3.0)
    alphas = _scale(weights, 0.15, 0.6)
    segs = [(pos[a], pos[b]) for a, b, _ in edges]
    ax.add_collection(LineCollection(segs, linewidths=widths, colors=[(0.4, 0.4, 0.4, a) for a in alphas], zorder=1))


def _draw_nodes(ax: Axes, style: _Style, pos: Mapping[Any, Any]) -> Any:
    """Draw the nodes, then fix the data limits (label places are computed in pixels); returns their xy."""
    import numpy as np

    xy = np.array([pos[n] for n in style.nodes], dtype=float)
    ax.scatter(xy[:, 0], xy[:, 1], s=style.sizes, c=style.colors, edgecolors="white", linewidths=_EDGE, zorder=2)
    ax.autoscale_view()
    ax.margins(0.08)
    ax.set_xlim(ax.get_xlim())
    ax.set_ylim(ax.get_ylim())
    return xy


def _draw_labels(ax: Axes, labelled: Sequence[Any], pos: Mapping[Any, Any], sizes: Mapping[Any, float],
                 fpath: Path) -> list[tuple[Text, tuple[float, float]]]:
    """A label centred on each of ``labelled``, with a white halo; ``(Text, node xy)`` in that order."""
    from matplotlib import patheffects
    from matplotlib.font_manager import FontProperties

    halo = [patheffects.withStroke(linewidth=2.5, foreground=(1, 1, 1, 0.9))]  # readable over edges
    texts = []
    for n in labelled:
        x, y = pos[n]
        texts.append((ax.text(x, y, str(n), fontproperties=FontProperties(fname=str(fpath), size=sizes[n]),
                              ha="center", va="center", zorder=4, path_effects=halo),
                      (x, y)))
    return texts


def _renderer(fig: Figure) -> RendererBase:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = fig.canvas
    assert isinstance(canvas, FigureCanvasAgg)  # new_figure's canvas
    return canvas.get_renderer()


# -- labels that do not overlap ------------------------------------------------------------

#: Rings of candidate label positions tried around a node (then as many again, at most, if none is free).
_RINGS = 8
#: Candidate label positions per ring.
_RING_PLACES = 16


def _overlap(boxes: Any, others: Any) -> Any:
    """Overlap area of each box (rows ``x0 y0 x1 y1``) with each of ``others``, summed per box."""
    import numpy as np

    if not len(others):
        return np.zeros(len(boxes))
    w = np.minimum(boxes[:, None, 2], others[None, :, 2]) - np.maximum(boxes[:, None, 0], others[None, :, 0])
    h = np.minimum(boxes[:, None, 3], others[None, :, 3]) - np.maximum(boxes[:, None, 1], others[None, :, 1])
    return (np.clip(w, 0, None) * np.clip(h, 0, None)).sum(axis=1)


def _disc_hits(boxes: Any, centers: Any, radii: Any) -> Any:
    """How many of the discs (``centers``, ``radii``) each box (rows ``x0 y0 x1 y1``) touches.

    A box touches a disc when the point of the box nearest to the disc's
    centre lies inside the disc (exact for a circle, not its bounding box).
    """
    import numpy as np

    if not len(centers):
        return np.zeros(len(boxes), dtype=int)
    cx, cy = centers[None, :, 0], centers[None, :, 1]
    dx = np.maximum(np.maximum(boxes[:, None, 0] - cx, cx - boxes[:, None, 2]), 0.0)
    dy = np.maximum(np.maximum(boxes[:, None, 1] - cy, cy - boxes[:, None, 3]), 0.0)
    return (dx * dx + dy * dy < radii[None, :] ** 2).sum(axis=1)


def _disc_pixels(fig: Figure, ax: Axes, xy: Any, sizes: Any) -> tuple[Any, Any]:
    """Pixel centres and radii of drawn node discs (marker area ``sizes`` in pt², with their white edge)."""
    import numpy as np

    centers = ax.transData.transform(xy) if len(xy) else np.zeros((0, 2))
    radii = (np.sqrt(np.asarray(sizes, dtype=float)) / 2 + _EDGE / 2) * fig.dpi / 72
    return centers, radii


def label_disc_overlaps(fig: Figure) -> int:
    """How many (label, node disc) pairs overlap in a figure drawn by :func:`plot_graph`.

    Reads what was drawn: the node discs (the axes' one scatter collection:
    offsets and marker areas) and every visible text of the axes (the
    labels), measured in pixels by the figure's renderer; a label counts
    once for each disc, its own node's included, that its box enters. The
    default drawing makes it 0 (labels are placed beside their node).

    >>> from policytext.analysis.cooccur import build_graph
    >>> G = build_graph([["党的二十大", "高质量发展", "机构编制"], ["机构编制", "高质量发展"]])
    >>> fig = _figure(G, figsize=(3, 3), dpi=50)[0]
    >>> label_disc_overlaps(fig), label_disc_overlaps(_figure(G, figsize=(3, 3), dpi=50, avoid_overlap=False)[0])
    (0, 3)
    """
    import numpy as np
    from matplotlib.collections import PathCollection

    ax = fig.axes[0]
    scatters = [c for c in ax.collections if isinstance(c, PathCollection)]
    if not scatters:
        return 0
    discs = scatters[0]
    centers, radii = _disc_pixels(fig, ax, np.asarray(discs.get_offsets(), dtype=float), discs.get_sizes())
    renderer = _renderer(fig)
    boxes = [t.get_window_extent(renderer) for t in ax.texts if t.get_visible() and t.get_text()]
    if not boxes:
        return 0
    arr = np.array([(b.x0, b.y0, b.x1, b.y1) for b in boxes], dtype=float)
    return int(_disc_hits(arr, centers, radii).sum())


def _separate_labels(fig: Figure, ax: Axes, texts: list[tuple[Text, tuple[float, float]]], xy: Any,
                     style: _Style, labelled: Sequence[Any], title: str | None) -> None:
    """Move labels beside their nodes (:func:`_place_labels`) and draw leader lines to the ones set apart."""
    from matplotlib.collections import LineCollection

    index = {n: i for i, n in enumerate(style.nodes)}
    centers, radii = _disc_pixels(fig, ax, xy, style.sizes)
    reserved = []
    if title:
        ext = ax.title.get_window_extent(_renderer(fig))
        reserved.append((ext.x0, ext.y0, ext.x1, ext.y1))
    leaders = _place_labels(fig, ax, texts, centers, radii, [index[n] for n in labelled], reserved)
    if leaders:
        ax.add_collection(LineCollection(leaders, linewidths=0.5, colors=[(0.3, 0.3, 0.3, 0.6)], zorder=3))


def _place_labels(fig: Figure, ax: Axes, texts: list[tuple[Text, tuple[float, float]]], centers: Any, radii: Any,
                  own: list[int], reserved: list[Any]) -> list[tuple[Any, Any]]:
    """Place labels beside their nodes, covering no node disc and no other label; returns leader lines.

    ``texts`` are ``(Text, node xy)`` in priority order (the most frequent
    node first); ``centers``/``radii`` the pixel centres and radii of every
    drawn node and ``own[i]`` the index of the node of ``texts[i]``;
    ``reserved`` pixel boxes (the title) labels must avoid. Each label is
    tried on growing rings of 16 places around its node (the first touching
    the node's disc); it takes the nearest ring with a place that touches no
    disc (its own included) and no placed label and stays inside the figure,
    and in it the place nearest to the node. When no ring of :data:`_RINGS`
    has one, up to as many rings again are tried; then the place touching
    fewest discs and overlapping least is taken. Greedy and deterministic.
    Labels beyond the first ring get a leader line ``(node xy, label xy)``
    (data units).
    """
    import numpy as np

    renderer = _renderer(fig)
    to_data = ax.transData.inverted()
    fw, fh = fig.bbox.width, fig.bbox.height
    placed: list[Any] = [np.asarray(b, dtype=float) for b in reserved]
    leaders: list[tuple[Any, Any]] = []
    for (text, xy), i in zip(texts, own):
        ext = text.get_window_extent(renderer)
        pad = 1.5  # the white outline
        w, h = ext.width / 2 + pad, ext.height / 2 + pad
        for rings in (_RINGS, 2 * _RINGS):
            xs, ys, ring_of = _candidates(centers[i], radii[i], w, h, rings)
            boxes = np.column_stack([xs - w, ys - h, xs + w, ys + h])
            outside = ((boxes[:, 0] < 0) | (boxes[:, 1] < 0) | (boxes[:, 2] > fw) | (boxes[:, 3] > fh))
            hard = _overlap(boxes, np.array(placed) if placed else np.zeros((0, 4)))
            hits = _disc_hits(boxes, centers, radii)
            free = (hard == 0) & (hits == 0) & ~outside
            if free.any():
                break
        if free.any():  # the nearest free ring; in it, the place nearest to the node
            ring = ring_of[np.argmax(free)]
            cand = np.flatnonzero(free & (ring_of == ring))
            j = int(cand[np.argmin(np.hypot(xs[cand] - centers[i][0], ys[cand] - centers[i][1]))])
        else:  # nowhere free within reach: fewest discs touched, then the least overlap
            j = int(np.lexsort((hard + outside * (4 * w * h), hits))[0])
        placed.append(boxes[j])
        x, y = to_data.transform((xs[j], ys[j]))
        text.set_position((x, y))
        if ring_of[j] > 1:
            leaders.append((xy, (x, y)))
    return leaders


def _candidates(center: Any, r: float, w: float, h: float, rings: int = _RINGS) -> tuple[Any, Any, Any]:
    """Candidate label centres (pixels) for a ``2w × 2h`` label of a node of radius ``r``, and their ring.

    Ring ``k >= 1`` has :data:`_RING_PLACES` places around the node, on an
    ellipse whose axis-aligned places just clear the disc, each ring
    ``0.9 h`` further out than the one before.
    """
    import numpy as np

    angles = np.linspace(0.0, 2 * np.pi, _RING_PLACES, endpoint=False)
    ring_dirs = np.column_stack([np.cos(angles), np.sin(angles)])
    offsets = [ring_dirs * [w + r + 1 + ring * 0.9 * h, h + r + 1 + ring * 0.9 * h] for ring in range(rings)]
    off = np.concatenate(offsets)
    ring_of = np.repeat(np.arange(1, rings + 1), len(ring_dirs))
    cx, cy = center
    return cx + off[:, 0], cy + off[:, 1], ring_of


# -- the figure ---------------------------------------------------------------------------------


@validate_params({"G": _GRAPH, "labels": _LABELS, "layout": [Options(str, LAYOUTS)]})
def plot_graph(
    G: nx.Graph,
    path: str | os.PathLike,
    *,
    font: FontLike = None,
    seed: int = 0,
    labels: int | None = 60,
    community: str | None = "community",
    title: str | None = None,
    figsize: tuple[float, float] = (10.0, 8.0),
    dpi: float = 150,
    node_size: tuple[float, float] = (30.0, 600.0),
    font_size: tuple[float, float] = (7.0, 14.0),
    k: float | None = None,
    iterations: int = 50,
    cmap: str = "tab10",
    isolates: bool = False,
    layout: Literal["auto", "kamada_kawai", "spring"] = "auto",
    avoid_overlap: bool = True,
) -> Rendering:
    """Draw a co-occurrence graph to PNG/SVG/PDF with Chinese labels.

    Kamada–Kawai layout for graphs up to :data:`KK_MAX_NODES` nodes, spring
    layout above (see ``layout``); node area grows with the node ``count``;
    colour by community (the ``community`` node attribute when every node
    has it, else Louvain communities computed here without changing ``G``);
    edge width and opacity grow with ``weight``; label size grows with
    ``count``, and labels that would overlap are moved beside their node
    (with a thin leader line). Drawn with matplotlib's Agg canvas, not pyplot.

    Readable up to about 60 labelled nodes at the default size; for a
    larger graph keep the most frequent terms first
    (``cooccurrence(doc, top=50)``, ``policytext graph --top 50``).

    Parameters
    ----------
    G : networkx.Graph
        E.g. from :func:`policytext.analysis.cooccur.cooccurrence`.
    path : str or path-like
        ``.png``, ``.svg`` or ``.pdf``.
    font : str or path-like, optional
        Font file (overrides ``$POLICYTEXT_FONT``; see :mod:`policytext.render.fonts`).
    seed : int
        Seed of the layout (and of Louvain when communities are computed).
    labels : int or None
        Label the ``labels`` most frequent nodes (None: all).
    community : str or None
        Node attribute holding a community index.
    title : str, optional
    figsize, dpi, node_size, font_size, k, iterations, cmap
        Figure size (inches), resolution, min/max node area (pt²), min/max
        label size (pt), spring-layout spacing and iterations (spring layout
        only), colour map (community ``i`` gets colour ``i`` modulo the map's size).
    isolates : bool
        Also draw nodes without edges (default False: they would ring the
        layout, e.g. after ``min_count`` dropped their edges).
    layout : {"auto", "kamada_kawai", "spring"}
        ``"kamada_kawai"``: drawn distances follow path lengths (unweighted),
        which spreads a dense core evenly. ``"spring"``: weighted
        Fruchterman–Reingold with ``seed``, ``k`` and ``iterations``.
        ``"auto"`` (default): Kamada–Kawai for components of up to
        :data:`KK_MAX_NODES` nodes, spring for larger ones. Each connected
        component is laid out on its own and the smaller ones are packed
        below or beside the largest.
    avoid_overlap : bool
        Move a label that would overlap a larger one (or another node) to the
        nearest free place around its node (default True). False draws every
        label centred on its node.

    Returns
    -------
    Rendering
        ``path``, ``font`` and every string drawn.

    Raises
    ------
    FontError
        The font lacks a glyph for a label or the title.
    InvalidParameterError
        ``G`` is not a networkx graph; unknown extension, ``layout`` or
        ``cmap``; ``labels < 0``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from policytext.analysis.cooccur import build_graph
    >>> G = build_graph([["党的二十大", "高质量发展", "机构编制"], ["机构编制", "高质量发展"]])
    >>> with tempfile.TemporaryDirectory() as d:
    ...     r = plot_graph(G, pathlib.Path(d) / "g.png", figsize=(3, 3), dpi=50)
    ...     r.path.stat().st_size > 0
    True
    >>> sorted(r.text.split("\\n"))
    ['党的二十大', '机构编制', '高质量发展']
    """
    p = _out_path(path, "plot_graph", FIGURE_FORMATS)
    fig, fpath, strings = _figure(G, font=font, seed=seed, labels=labels, community=community, title=title,
                                  figsize=figsize, dpi=dpi, node_size=node_size, font_size=font_size, k=k,
                                  iterations=iterations, cmap=cmap, isolates=isolates, layout=layout,
                                  avoid_overlap=avoid_overlap)
    with atomic_path(p) as tmp:
        fig.savefig(tmp, format=p.suffix.lower()[1:], dpi=dpi, facecolor="white")
    return Rendering(p, fpath, "\n".join(dict.fromkeys(strings)))


def _figure(G: nx.Graph, *, font: FontLike = None, seed: int = 0, labels: int | None = 60,
            community: str | None = "community", title: str | None = None,
            figsize: tuple[float, float] = (10.0, 8.0), dpi: float = 150,
            node_size: tuple[float, float] = (30.0, 600.0), font_size: tuple[float, float] = (7.0, 14.0),
            k: float | None = None, iterations: int = 50, cmap: str = "tab10", isolates: bool = False,
            layout: str = "auto", avoid_overlap: bool = True) -> tuple[Figure, Path, list[str]]:
    """The figure :func:`plot_graph` saves (same options and defaults), its font and the strings drawn."""
    from .fonts import font_path

    if not isolates:
        G = G.subgraph([n for n in G if G.degree(n) > 0])
    labelled = _label_nodes(G, labels)
    strings = [str(n) for n in labelled] + ([title] if title else [])
    fpath = font_path("".join(strings), font=font)
    fig, ax = _canvas(figsize, dpi, fpath, title, font_size[1] + 2)
    if len(G):
        pos = _layout(G, layout, seed=seed, k=k, iterations=iterations)
        style = _style(G, _partition(G, community, seed), cmap, node_size, font_size)
        _draw_edges(ax, G, pos)
        xy = _draw_nodes(ax, style, pos)
        texts = _draw_labels(ax, labelled, pos, style.label_sizes, fpath)
        if avoid_overlap and texts:
            _separate_labels(fig, ax, texts, xy, style, labelled, title)
    return fig, fpath, strings


# -- the HTML page ------------------------------------------------------------------------------

#: Community colours of :func:`graph_html` (matplotlib's tab10).
_PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
            "#bcbd22", "#17becf")


@validate_params({"G": _GRAPH, "labels": _LABELS})
def graph_html(
    G: nx.Graph,
    path: str | os.PathLike | None = None,
    *,
    seed: int = 0,
    labels: int | None = 60,
    community: str | None = "community",
    title: str | None = None,
    width: int = 960,
    height: int = 720,
) -> str:
    """A self-contained, offline HTML view of a graph (inline SVG, no scripts from a CDN).

    Nodes are circles sized by ``count`` and coloured by community; hovering
    a node or an edge shows its attributes (SVG ``<title>``); every string is
    HTML-escaped. The browser draws the labels with its own CJK fonts.

    Parameters
    ----------
    G : networkx.Graph
    path : str or path-like, optional
        ``.html`` file to write (atomically).
    seed, labels, community, title, width, height
        As for :func:`plot_graph`; size in CSS pixels.

    Returns
    -------
    str
        The HTML document.

    Raises
    ------
    InvalidParameterError
        ``G`` is not a networkx graph; the extension is not ``.html``/``.htm``; ``labels < 0``.

    Examples
    --------
    >>> from policytext.analysis.cooccur import build_graph
    >>> page = graph_html(build_graph([["<党>", "高质量发展"]]))
    >>> "&lt;党&gt;" in page and "<党>" not in page
    True
    """
    p = _out_path(path, "graph_html", (".html", ".htm")) if path is not None else None
    parts = _svg_elements(G, seed=seed, labels=labels, community=community, width=width, height=height)
    esc = html.escape
    heading = f"<h1>{esc(title)}</h1>" if title else ""
    page = (
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
        f"<title>{esc(title or 'policytext graph')}</title>"
        "<style>body{font-family:'Noto Sans SC','Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei',"
        "'PingFang SC',sans-serif;margin:1em}text{font-size:12px;fill:#222}circle:hover{stroke:#000}</style>"
        f"</head><body>{heading}"
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}">{"".join(parts)}</svg>'
        f"<p>{G.number_of_nodes()} nodes, {G.number_of_edges()} edges. Hover for details.</p></body></html>\n"
    )
    if p is not None:
        with atomic_path(p) as tmp:
            tmp.write_text(page, encoding="utf-8")
    return page


def _describe(d: Mapping[str, Any]) -> str:
    """Attributes as ``k=v; …`` (floats to 4 significant digits), for a hover title."""
    return "; ".join(f"{k}={v:.4g}" if isinstance(v, float) else f"{k}={v}" for k, v in sorted(d.items()))


def _svg_elements(G: nx.Graph, *, seed: int, labels: int | None, community: str | None, width: int,
                  height: int) -> list[str]:
    """The SVG ``<line>`` (edges) and ``<g>`` (node and label) elements, every string escaped."""
    import networkx as nx

    if not len(G):
        return []
    esc = html.escape
    pos = nx.spring_layout(G, seed=seed, weight="weight" if _nonneg(G, "weight") else None)
    part = _partition(G, community, seed)
    xs = [x for x, _ in pos.values()]
    ys = [y for _, y in pos.values()]
    pad = 40
    x0, xspan = min(xs), (max(xs) - min(xs)) or 1
    y1, yspan = max(ys), (max(ys) - min(ys)) or 1
    at = {n: (pad + (x - x0) / xspan * (width - 2 * pad), pad + (y1 - y) / yspan * (height - 2 * pad))
          for n, (x, y) in pos.items()}
    parts: list[str] = []
    weights = [max(float(w), 0.0) for _, _, w in G.edges(data="weight", default=1.0)]
    for (a, b, d), stroke in zip(G.edges(data=True), _scale(weights, 0.5, 4.0)):
        parts.append(
            f'<line x1="{at[a][0]:.1f}" y1="{at[a][1]:.1f}" x2="{at[b][0]:.1f}" '
            f'y2="{at[b][1]:.1f}" stroke="#999" stroke-opacity="0.5" stroke-width="{stroke:.2f}">'
            f"<title>{esc(str(a))} — {esc(str(b))}: {esc(_describe(d))}</title></line>"
        )
    nodes = sorted(G.nodes, key=str)
    radii = dict(zip(nodes, _scale([math.sqrt(float(G.nodes[n].get("count", 1))) for n in nodes], 3, 18)))
    shown = set(_label_nodes(G, labels))
    for n in nodes:
        x, y = at[n]
        color = _PALETTE[part.get(n, 0) % len(_PALETTE)]
        label = (f'<text x="{x:.1f}" y="{y - radii[n] - 2:.1f}" text-anchor="middle">{esc(str(n))}</text>'
                 if n in shown else "")
        parts.append(
            f'<g><circle cx="{x:.1f}" cy="{y:.1f}" r="{radii[n]:.1f}" fill="{color}" stroke="#fff">'
            f"<title>{esc(str(n))}: {esc(_describe(G.nodes[n]))}</title></circle>{label}</g>"
        )
    return parts
