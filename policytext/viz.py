"""Figures with Chinese text that render out of the box: word clouds, graph drawings, plot helpers.

Every figure takes its font from :func:`policytext.fonts.font_path` (the
``font=`` argument > ``$POLICYTEXT_FONT`` > a system CJK font > the Noto Sans
SC font installed with policytext), and checks with the font's ``cmap`` that
every character to draw has a glyph before drawing (``FontError`` otherwise).

matplotlib is used through ``matplotlib.figure.Figure`` with the Agg canvas,
never through ``pyplot``: the user's backend and global ``rcParams`` are left
alone. Files are written atomically (temporary file in the same folder, then
``os.replace``).

Other modules draw their plots (keyness, trajectories) with
:func:`new_figure` and :func:`save_figure`, which apply the same font to every
text artist.

Examples
--------
>>> import tempfile, pathlib
>>> fig, ax = new_figure(figsize=(3, 2))
>>> _ = ax.bar(["党的二十大", "高质量发展"], [3, 2])
>>> _ = ax.set_title("关键词")
>>> with tempfile.TemporaryDirectory() as d:
...     r = save_figure(fig, pathlib.Path(d) / "bar.png")
...     r.path.stat().st_size > 0
True
>>> "高质量发展" in r.text.split("\\n")
True
"""

from __future__ import annotations

import html
import math
import os
import warnings
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Union

from ._files import atomic_path
from .errors import FontError, InvalidParameterError

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    from matplotlib.figure import Figure
    from PIL.Image import Image

    from .tokenizer import Tokenizer

__all__ = [
    "Rendering",
    "new_figure",
    "save_figure",
    "plot_graph",
    "graph_html",
    "wordcloud",
    "term_frequencies",
    "FIGURE_FORMATS",
    "IMAGE_FORMATS",
    "LAYOUTS",
    "KK_MAX_NODES",
]

FontLike = Union[str, os.PathLike, None]

#: Extensions :func:`save_figure` and :func:`plot_graph` write.
FIGURE_FORMATS: tuple[str, ...] = (".png", ".svg", ".pdf")
#: Extensions :func:`wordcloud` writes (PIL formats).
IMAGE_FORMATS: dict[str, str] = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WEBP"}


@dataclass(frozen=True)
class Rendering:
    """What a figure function wrote.

    Attributes
    ----------
    path : pathlib.Path or None
        The file written (None when nothing was written).
    font : pathlib.Path
        The font file every text was drawn with.
    text : str
        Every distinct string drawn, one per line (for coverage checks:
        ``policytext.fonts.check_coverage(r.text, r.font) == set()``).
    """

    path: Path | None
    font: Path
    text: str


# -- files ------------------------------------------------------------------------


_atomic = atomic_path  # one implementation for every writer (policytext._files)


def _out_path(path: object, func: str, formats: Iterable[str]) -> Path:
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a str or os.PathLike, not {type(path).__name__}")
    p = Path(path)
    if p.suffix.lower() not in formats:
        raise InvalidParameterError.unknown("path extension", func, p.suffix or p.name, formats)
    return p


# -- matplotlib helpers -----------------------------------------------------------------


def new_figure(
    *, figsize: tuple[float, float] = (8.0, 6.0), dpi: float = 100, nrows: int = 1, ncols: int = 1,
    font: FontLike = None,
) -> tuple[Figure, Any]:
    """A matplotlib ``Figure`` on the Agg canvas (no pyplot) and its axes.

    Text artists created here get the policytext font when the figure is saved
    with :func:`save_figure`; ``font`` is remembered on the figure.

    Parameters
    ----------
    figsize : (float, float)
        Inches.
    dpi : float
    nrows, ncols : int
        Grid of axes (``ax`` is an array when there are several).
    font : str or path-like, optional
        Font file for this figure (overrides ``$POLICYTEXT_FONT``).

    Returns
    -------
    (Figure, Axes or array of Axes)

    Examples
    --------
    >>> fig, ax = new_figure(figsize=(2, 2))
    >>> type(fig.canvas).__name__
    'FigureCanvasAgg'
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize, dpi=dpi)
    FigureCanvasAgg(fig)
    fig._policytext_font = font  # type: ignore[attr-defined]
    ax = fig.subplots(nrows, ncols, squeeze=True)
    return fig, ax


def _texts(fig: Figure) -> list[Any]:
    from matplotlib.text import Text

    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text()]


def save_figure(fig: Figure, path: str | os.PathLike, *, font: FontLike = None, dpi: float | None = None,
                bbox_inches: str | None = "tight") -> Rendering:
    """Save a matplotlib figure with the policytext font on every text artist.

    The figure is drawn once so tick labels exist, every visible text artist
    (titles, labels, tick labels, legends, annotations) gets the font, the
    font's ``cmap`` is checked against all of their characters, and the file
    is written atomically. Works for figures from :func:`new_figure` and from
    pyplot alike; global ``rcParams`` are restored afterwards.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    path : str or path-like
        ``.png``, ``.svg`` or ``.pdf``.
    font : str or path-like, optional
        Font file (overrides the one given to :func:`new_figure` and ``$POLICYTEXT_FONT``).
    dpi : float, optional
    bbox_inches : str or None
        Passed to ``savefig`` (default ``"tight"``).

    Returns
    -------
    Rendering

    Raises
    ------
    FontError
        The font lacks a glyph for a drawn character.
    InvalidParameterError
        Unknown extension.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.font_manager import FontProperties

    from .fonts import check_coverage, font_context, font_path

    p = _out_path(path, "save_figure", FIGURE_FORMATS)
    if font is None:
        font = getattr(fig, "_policytext_font", None)
    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    # draw once (so tick labels exist) with the default font; glyphs it lacks do not matter yet
    with font_context(font=font), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing from", category=UserWarning)
        fig.canvas.draw()
    fpath = font_path("".join(t.get_text() for t in _texts(fig)), font=font)
    with font_context(font=fpath):
        for t in _texts(fig):
            t.set_fontproperties(FontProperties(fname=str(fpath), size=t.get_fontsize()))
        with _atomic(p) as tmp:
            fig.savefig(tmp, format=p.suffix.lower()[1:], dpi=dpi or fig.dpi, bbox_inches=bbox_inches)
    drawn = sorted({t.get_text() for t in _texts(fig)})
    missing = check_coverage("".join(drawn), fpath)
    if missing:  # pragma: no cover - text that appeared while saving
        raise FontError(f"the font {fpath} has no glyph for {''.join(sorted(missing))!r}")
    return Rendering(p, fpath, "\n".join(drawn))


# -- graph drawing ----------------------------------------------------------------------


def _scale(values: list[float], lo: float, hi: float) -> list[float]:
    if not values:
        return []
    vmin, vmax = min(values), max(values)
    if vmax == vmin:
        return [(lo + hi) / 2] * len(values)
    return [lo + (hi - lo) * (v - vmin) / (vmax - vmin) for v in values]


def _partition(G: nx.Graph, community: str | None, seed: int) -> dict[Any, int]:
    """Community index of every node: the ``community`` attribute, else Louvain (G unchanged)."""
    if community and len(G) and all(community in d for _, d in G.nodes(data=True)):
        return {n: int(d[community]) for n, d in G.nodes(data=True)}
    from .cooccur import communities

    parts = communities(G, seed=seed, weight="weight" if _nonneg(G, "weight") else "count")
    return {n: i for i, comm in enumerate(parts) for n in comm}


def _label_nodes(G: nx.Graph, labels: int | None) -> list[Any]:
    nodes = sorted(G.nodes, key=lambda n: (-float(G.nodes[n].get("count", 0)), str(n)))
    return nodes if labels is None else nodes[:labels]


#: Layouts :func:`plot_graph` accepts.
LAYOUTS: tuple[str, ...] = ("auto", "kamada_kawai", "spring")
#: ``layout="auto"`` uses Kamada–Kawai up to this many nodes (it is O(n²) per step), spring above.
KK_MAX_NODES = 150


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


#: Rings of candidate label positions tried around a node.
_RINGS = 8


def _overlap(boxes: Any, others: Any) -> Any:
    """Overlap area of each box (rows ``x0 y0 x1 y1``) with each of ``others``, summed per box."""
    import numpy as np

    if not len(others):
        return np.zeros(len(boxes))
    w = np.minimum(boxes[:, None, 2], others[None, :, 2]) - np.maximum(boxes[:, None, 0], others[None, :, 0])
    h = np.minimum(boxes[:, None, 3], others[None, :, 3]) - np.maximum(boxes[:, None, 1], others[None, :, 1])
    return (np.clip(w, 0, None) * np.clip(h, 0, None)).sum(axis=1)


def _place_labels(fig: Figure, ax: Any, texts: list[tuple[Any, Any]], centers: Any, radii: Any,
                  own: list[int], reserved: list[Any]) -> list[tuple[Any, Any]]:
    """Move labels so that no two overlap; returns leader lines ``(node xy, label xy)`` in data units.

    ``texts`` are ``(Text, node xy)`` in priority order (the most frequent
    node first); ``centers``/``radii`` the pixel centres and radii of every
    drawn node and ``own[i]`` the index of the node of ``texts[i]``;
    ``reserved`` pixel boxes (the title) labels must avoid. Each label is
    tried on its node, then on growing rings of 16 positions around it; it
    takes the nearest ring with a place that overlaps no placed label and
    stays inside the figure (in that ring, the place covering least of the
    other nodes), else the least overlapping place. Greedy and deterministic.
    """
    import numpy as np

    renderer = fig.canvas.get_renderer()
    to_data = ax.transData.inverted()
    fw, fh = fig.bbox.width, fig.bbox.height
    node_boxes = np.column_stack([centers[:, 0] - radii, centers[:, 1] - radii,
                                  centers[:, 0] + radii, centers[:, 1] + radii]) if len(centers) else np.zeros((0, 4))
    placed: list[Any] = [np.asarray(b, dtype=float) for b in reserved]
    angles = np.linspace(0.0, 2 * np.pi, 16, endpoint=False)
    ring_dirs = np.column_stack([np.cos(angles), np.sin(angles)])
    leaders: list[tuple[Any, Any]] = []
    for (text, xy), i in zip(texts, own):
        ext = text.get_window_extent(renderer)
        pad = 1.5  # the white outline
        w, h = ext.width / 2 + pad, ext.height / 2 + pad
        cx, cy = centers[i]
        r = radii[i]
        offsets = [np.zeros((1, 2))]
        for ring in range(_RINGS):
            extra = ring * 0.9 * h
            offsets.append(ring_dirs * [w + r + 1 + extra, h + r + 1 + extra])
        off = np.concatenate(offsets)
        ring_of = np.concatenate([[0], np.repeat(np.arange(1, _RINGS + 1), len(ring_dirs))])
        xs, ys = cx + off[:, 0], cy + off[:, 1]
        boxes = np.column_stack([xs - w, ys - h, xs + w, ys + h])
        outside = ((boxes[:, 0] < 0) | (boxes[:, 1] < 0) | (boxes[:, 2] > fw) | (boxes[:, 3] > fh))
        hard = _overlap(boxes, np.array(placed) if placed else np.zeros((0, 4)))
        free = (hard == 0) & ~outside
        if free.any():  # the nearest free ring; in it, the place covering least of the other nodes
            ring = ring_of[np.argmax(free)]
            cand = np.flatnonzero(free & (ring_of == ring))
            soft = _overlap(boxes[cand], np.delete(node_boxes, i, axis=0))
            j = int(cand[np.argmin(soft)])
        else:  # nowhere free within reach: the least overlap
            j = int(np.argmin(hard + outside * (4 * w * h)))
        placed.append(boxes[j])
        if j:
            pos = to_data.transform((xs[j], ys[j]))
            text.set_position(pos)
            leaders.append((xy, pos))
    return leaders


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
        E.g. from :func:`policytext.cooccur.cooccurrence`.
    path : str or path-like
        ``.png``, ``.svg`` or ``.pdf``.
    font : str or path-like, optional
        Font file (overrides ``$POLICYTEXT_FONT``; see :mod:`policytext.fonts`).
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
        Unknown extension.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from policytext.cooccur import build_graph
    >>> G = build_graph([["党的二十大", "高质量发展", "机构编制"], ["机构编制", "高质量发展"]])
    >>> with tempfile.TemporaryDirectory() as d:
    ...     r = plot_graph(G, pathlib.Path(d) / "g.png", figsize=(3, 3), dpi=50)
    ...     r.path.stat().st_size > 0
    True
    >>> sorted(r.text.split("\\n"))
    ['党的二十大', '机构编制', '高质量发展']
    """
    import networkx as nx
    import numpy as np
    from matplotlib import patheffects
    from matplotlib.collections import LineCollection
    from matplotlib.font_manager import FontProperties

    from .fonts import font_path

    p = _out_path(path, "plot_graph", FIGURE_FORMATS)
    if not isinstance(G, nx.Graph):
        raise TypeError(f"G must be a networkx graph, not {type(G).__name__}")
    if labels is not None and (isinstance(labels, bool) or not isinstance(labels, int) or labels < 0):
        raise InvalidParameterError.build("labels", "plot_graph", "None or an int >= 0", labels)
    if not isinstance(layout, str) or layout not in LAYOUTS:
        raise InvalidParameterError.unknown("layout", "plot_graph", layout, LAYOUTS)
    if not isolates:
        G = G.subgraph([n for n in G if G.degree(n) > 0])
    labelled = _label_nodes(G, labels)
    strings = [str(n) for n in labelled] + ([title] if title else [])
    fpath = font_path("".join(strings), font=font)

    fig, ax = new_figure(figsize=figsize, dpi=dpi, font=fpath)
    ax.set_axis_off()
    ax.set_position((0.01, 0.01, 0.98, 0.9 if title else 0.98))  # the whole figure: no frame, no ticks
    if title:
        ax.set_title(title, fontproperties=FontProperties(fname=str(fpath), size=font_size[1] + 2))
    if len(G):
        pos = _layout(G, layout, seed=seed, k=k, iterations=iterations)
        part = _partition(G, community, seed)
        colormap = _colormap(cmap)
        nodes = sorted(G.nodes, key=str)
        counts = [float(G.nodes[n].get("count", 1)) for n in nodes]
        sizes = _scale([math.sqrt(c) for c in counts], *node_size)
        colors = [colormap(((part.get(n, 0) % colormap.N) + 0.5) / colormap.N) for n in nodes]
        if G.number_of_edges():
            edges = list(G.edges(data="weight", default=1.0))
            weights = [max(float(w), 0.0) for _, _, w in edges]
            widths = _scale(weights, 0.3, 3.0)
            alphas = _scale(weights, 0.15, 0.6)
            segs = [(pos[a], pos[b]) for a, b, _ in edges]
            ax.add_collection(LineCollection(segs, linewidths=widths, colors=[(0.4, 0.4, 0.4, a) for a in alphas],
                                             zorder=1))
        xy = np.array([pos[n] for n in nodes], dtype=float)
        ax.scatter(xy[:, 0], xy[:, 1], s=sizes, c=colors, edgecolors="white", linewidths=0.5, zorder=2)
        ax.autoscale_view()
        ax.margins(0.08)
        ax.set_xlim(ax.get_xlim())  # freeze the limits: label positions are computed in pixels
        ax.set_ylim(ax.get_ylim())
        lsizes = dict(zip(nodes, _scale([math.sqrt(c) for c in counts], *font_size)))
        halo = [patheffects.withStroke(linewidth=2.5, foreground=(1, 1, 1, 0.9))]  # readable over edges
        texts = []
        for n in labelled:
            x, y = pos[n]
            texts.append((ax.text(x, y, str(n), fontproperties=FontProperties(fname=str(fpath), size=lsizes[n]),
                                  ha="center", va="center", zorder=4, path_effects=halo),
                          (x, y)))
        if avoid_overlap and texts:
            index = {n: i for i, n in enumerate(nodes)}
            centers = ax.transData.transform(xy)
            radii = np.sqrt(np.asarray(sizes, dtype=float)) / 2 * fig.dpi / 72
            reserved = []
            if title:
                ext = ax.title.get_window_extent(fig.canvas.get_renderer())
                reserved.append((ext.x0, ext.y0, ext.x1, ext.y1))
            leaders = _place_labels(fig, ax, texts, centers, radii, [index[n] for n in labelled], reserved)
            if leaders:
                ax.add_collection(LineCollection(leaders, linewidths=0.5, colors=[(0.3, 0.3, 0.3, 0.6)], zorder=3))
    with _atomic(p) as tmp:
        fig.savefig(tmp, format=p.suffix.lower()[1:], dpi=dpi, facecolor="white")
    return Rendering(p, fpath, "\n".join(dict.fromkeys(strings)))


def _nonneg(G: nx.Graph, attr: str) -> bool:
    return all(float(d.get(attr, 1.0)) >= 0 for _, _, d in G.edges(data=True))


def _colormap(name: str) -> Any:
    import matplotlib

    try:
        return matplotlib.colormaps[name]
    except KeyError:
        raise InvalidParameterError.unknown("cmap", "plot_graph", name, list(matplotlib.colormaps)) from None


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

    Examples
    --------
    >>> from policytext.cooccur import build_graph
    >>> page = graph_html(build_graph([["<党>", "高质量发展"]]))
    >>> "&lt;党&gt;" in page and "<党>" not in page
    True
    """
    import networkx as nx

    if not isinstance(G, nx.Graph):
        raise TypeError(f"G must be a networkx graph, not {type(G).__name__}")
    p = _out_path(path, "graph_html", (".html", ".htm")) if path is not None else None
    esc = html.escape
    palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
               "#bcbd22", "#17becf"]
    parts: list[str] = []
    if len(G):
        pos = nx.spring_layout(G, seed=seed, weight="weight" if _nonneg(G, "weight") else None)
        part = _partition(G, community, seed)
        xs = [x for x, _ in pos.values()]
        ys = [y for _, y in pos.values()]
        pad = 40

        def sx(x: float) -> float:
            return pad + (x - min(xs)) / ((max(xs) - min(xs)) or 1) * (width - 2 * pad)

        def sy(y: float) -> float:
            return pad + (max(ys) - y) / ((max(ys) - min(ys)) or 1) * (height - 2 * pad)

        def describe(d: Mapping[str, Any]) -> str:
            return "; ".join(f"{k}={v:.4g}" if isinstance(v, float) else f"{k}={v}" for k, v in sorted(d.items()))

        weights = [max(float(w), 0.0) for _, _, w in G.edges(data="weight", default=1.0)]
        widths = iter(_scale(weights, 0.5, 4.0))
        for a, b, d in G.edges(data=True):
            parts.append(
                f'<line x1="{sx(pos[a][0]):.1f}" y1="{sy(pos[a][1]):.1f}" x2="{sx(pos[b][0]):.1f}" '
                f'y2="{sy(pos[b][1]):.1f}" stroke="#999" stroke-opacity="0.5" stroke-width="{next(widths):.2f}">'
                f"<title>{esc(str(a))} — {esc(str(b))}: {esc(describe(d))}</title></line>"
            )
        nodes = sorted(G.nodes, key=str)
        radii = dict(zip(nodes, _scale([math.sqrt(float(G.nodes[n].get("count", 1))) for n in nodes], 3, 18)))
        shown = set(_label_nodes(G, labels))
        for n in nodes:
            x, y = sx(pos[n][0]), sy(pos[n][1])
            color = palette[part.get(n, 0) % len(palette)]
            label = (f'<text x="{x:.1f}" y="{y - radii[n] - 2:.1f}" text-anchor="middle">{esc(str(n))}</text>'
                     if n in shown else "")
            parts.append(
                f'<g><circle cx="{x:.1f}" cy="{y:.1f}" r="{radii[n]:.1f}" fill="{color}" stroke="#fff">'
                f"<title>{esc(str(n))}: {esc(describe(G.nodes[n]))}</title></circle>{label}</g>"
            )
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
        with _atomic(p) as tmp:
            tmp.write_text(page, encoding="utf-8")
    return page


# -- word clouds ----------------------------------------------------------------------------


def term_frequencies(obj: Any, *, tokenizer: Tokenizer | None = None) -> Counter:
    """Frequencies of the content terms of a Document, Section or text.

    Content terms follow :func:`policytext.cooccur.is_content_token` (whole
    lexicon terms and content words, keyed by ``Token.norm``). Documents use
    the tokens cached on them.

    >>> import policytext as pt
    >>> term_frequencies(pt.parse("推动高质量发展，实现高质量发展。"))["高质量发展"]
    2
    """
    from .cooccur import is_content_token
    from .document import Document, Section
    from .tokenizer import default_tokenizer

    tk = tokenizer or default_tokenizer()
    if isinstance(obj, Document):
        token_lists: Iterable[Iterable[Any]] = tk.tokenize_document(obj)
    elif isinstance(obj, Section):
        token_lists = [tk.tokenize(s.text, offset=s.start) for s in obj.sentences]
    elif isinstance(obj, str):
        token_lists = [tk.tokenize(obj)] if obj.strip() else []
    else:
        raise TypeError(f"term_frequencies expects a Document, Section or str, not {type(obj).__name__}")
    return Counter(t.norm for toks in token_lists for t in toks if is_content_token(t))


def _frequencies(obj: Any, tokenizer: Tokenizer | None) -> dict[str, float]:
    from .document import Document, Section

    if isinstance(obj, (Document, Section, str)):
        return dict(term_frequencies(obj, tokenizer=tokenizer))
    if isinstance(obj, Mapping):
        items: Iterable[Any] = obj.items()
    elif isinstance(obj, Iterable) and not isinstance(obj, (bytes, bytearray)):
        items = obj
    else:
        raise TypeError(
            "wordcloud expects a Document, Section, str, dict, or an iterable of (term, score) pairs or "
            f"keyword objects, not {type(obj).__name__}"
        )
    out: dict[str, float] = {}
    for item in items:
        if hasattr(item, "term") and hasattr(item, "score"):
            term, score = item.term, item.score
        elif isinstance(item, (tuple, list)) and len(item) == 2:
            term, score = item
        else:
            raise TypeError(f"expected a (term, score) pair or an object with .term and .score, got {item!r}")
        if not isinstance(term, str):
            raise TypeError(f"terms must be str, got {type(term).__name__}")
        out[term] = out.get(term, 0.0) + float(score)
    return out


def _mask_array(mask: Any) -> Any:
    import numpy as np

    if mask is None:
        return None
    if isinstance(mask, (str, os.PathLike)):
        from PIL import Image as PILImage

        with PILImage.open(mask) as im:
            return np.array(im.convert("L"))
    if hasattr(mask, "mode") and hasattr(mask, "convert"):  # a PIL image
        return np.array(mask.convert("L"))
    arr = np.asarray(mask)
    if arr.ndim not in (2, 3):
        raise InvalidParameterError.build("mask", "wordcloud", "a 2-D or 3-D image array, a PIL image or a path",
                                          f"array of shape {arr.shape}")
    return arr


class _ColormapColor:
    """Word colours drawn from a matplotlib colormap (like wordcloud's, without importing pyplot)."""

    def __init__(self, name: str, func: str) -> None:
        import matplotlib

        try:
            self.colormap = matplotlib.colormaps[name]
        except KeyError:
            raise InvalidParameterError.unknown("colormap", func, name, list(matplotlib.colormaps)) from None

    def __call__(self, word: str, font_size: int, position: Any, orientation: Any,
                 random_state: Any = None, **kwargs: Any) -> str:
        import random

        rnd = random_state if random_state is not None else random.Random()
        r, g, b, _ = (max(0.0, 255 * c) for c in self.colormap(rnd.uniform(0, 1)))
        return f"rgb({r:.0f}, {g:.0f}, {b:.0f})"


def wordcloud(
    obj_or_keywords: Any,
    path: str | os.PathLike | None = None,
    *,
    mask: Any = None,
    font: FontLike = None,
    width: int = 800,
    height: int = 600,
    max_words: int = 200,
    background_color: str | None = "white",
    colormap: str | None = "viridis",
    prefer_horizontal: float = 0.9,
    scale: float = 1,
    random_state: int = 0,
    tokenizer: Tokenizer | None = None,
) -> Image:
    """A word cloud with Chinese words (``wordcloud.WordCloud.generate_from_frequencies``).

    We count or take the words ourselves; wordcloud's own tokenizer (which
    cannot segment Chinese) and its collocations are never used.

    Parameters
    ----------
    obj_or_keywords : Document, Section, str, dict, or iterable
        A Document / Section / text: frequencies of its content terms (see
        :func:`term_frequencies`). A dict ``{term: score}``, an iterable of
        ``(term, score)`` pairs, or of objects with ``.term`` and ``.score``
        (keywords): the scores. Non-positive scores are left out.
    path : str or path-like, optional
        Write the image here (``.png``, ``.jpg``, ``.webp``), atomically.
    mask : path, PIL image or array, optional
        Shape: words are drawn where the mask is not white (255); the mask
        sets the image size.
    font : str or path-like, optional
        Font file (overrides ``$POLICYTEXT_FONT``; see :mod:`policytext.fonts`).
    width, height, max_words, background_color, colormap, prefer_horizontal, scale
        As for ``wordcloud.WordCloud``. ``background_color=None`` gives a
        transparent RGBA image.
    random_state : int
        Seed: the same input gives the same picture.
    tokenizer : Tokenizer, optional
        For Document/Section/str input.

    Returns
    -------
    PIL.Image.Image
        ``image.info["policytext_font"]`` is the font file and
        ``image.info["policytext_words"]`` the drawn words, one per line.
        Empty input gives a blank image of the background colour.

    Raises
    ------
    FontError
        The font lacks a glyph for one of the words.

    Examples
    --------
    >>> img = wordcloud({"党的二十大": 5, "高质量发展": 3, "机构编制": 2}, width=200, height=120)
    >>> img.size
    (200, 120)
    >>> sorted(img.info["policytext_words"].split("\\n"))
    ['党的二十大', '机构编制', '高质量发展']
    """
    from PIL import Image as PILImage

    from .fonts import font_path

    func = "wordcloud"
    p = _out_path(path, func, IMAGE_FORMATS) if path is not None else None
    for name, value in (("width", width), ("height", height), ("max_words", max_words)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise InvalidParameterError.build(name, func, "an int >= 1", value)
    freqs = {t: s for t, s in _frequencies(obj_or_keywords, tokenizer).items() if s > 0 and t.strip()}
    chosen = sorted(freqs.items(), key=lambda kv: (-kv[1], kv[0]))[:max_words]
    fpath = font_path("".join(t for t, _ in chosen), font=font)
    mask_arr = _mask_array(mask)
    mode = "RGB" if background_color is not None else "RGBA"
    if not chosen:
        if mask_arr is not None:
            height, width = mask_arr.shape[:2]
        size = (int(width * scale), int(height * scale))
        image = PILImage.new(mode, size, background_color if background_color is not None else (0, 0, 0, 0))
        drawn: list[str] = []
    else:
        try:
            from wordcloud import WordCloud
        except ImportError:  # pragma: no cover - wordcloud is a dependency
            from .errors import MissingDependencyError

            raise MissingDependencyError("wordcloud", "policytext.viz.wordcloud") from None
        wc = WordCloud(
            font_path=str(fpath), width=width, height=height, max_words=max_words, mask=mask_arr,
            background_color=background_color, mode=mode, color_func=_ColormapColor(colormap or "viridis", func),
            prefer_horizontal=prefer_horizontal, scale=scale, random_state=random_state,
            collocations=False, normalize_plurals=False, include_numbers=True,
        )
        wc.generate_from_frequencies(dict(chosen))
        image = wc.to_image()
        drawn = [word for (word, _), *_ in wc.layout_]
    image.info["policytext_font"] = str(fpath)
    image.info["policytext_words"] = "\n".join(drawn)
    if p is not None:
        fmt = IMAGE_FORMATS[p.suffix.lower()]
        to_save = image.convert("RGB") if fmt == "JPEG" and image.mode != "RGB" else image
        with _atomic(p) as tmp:
            to_save.save(tmp, format=fmt)
    return image
