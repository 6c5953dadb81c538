"""Figures with Chinese text that render out of the box: the shared helpers of every picture.

Word clouds are drawn by :mod:`policytext.render.wordcloud`, graphs by
:mod:`policytext.render.graph`; this module holds what they and the plots of
other modules share: :class:`Rendering`, the file formats, and
:func:`new_figure` / :func:`save_figure`.

Every figure takes its font from :func:`policytext.render.fonts.font_path` (the
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

import os
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._files import atomic_path
from ..errors import FontError, InvalidParameterError
from .fonts import FontLike

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

__all__ = ["Rendering", "new_figure", "save_figure", "FIGURE_FORMATS", "IMAGE_FORMATS", "FontLike"]

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
        ``policytext.render.fonts.check_coverage(r.text, r.font) == set()``).
    """

    path: Path | None
    font: Path
    text: str


# -- files ------------------------------------------------------------------------


def _out_path(path: object, func: str, formats: Iterable[str]) -> Path:
    """``path`` as a Path whose extension is one of ``formats`` (TypeError / InvalidParameterError otherwise)."""
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
        with atomic_path(p) as tmp:
            fig.savefig(tmp, format=p.suffix.lower()[1:], dpi=dpi or fig.dpi, bbox_inches=bbox_inches)
    drawn = sorted({t.get_text() for t in _texts(fig)})
    missing = check_coverage("".join(drawn), fpath)
    if missing:  # pragma: no cover - text that appeared while saving
        raise FontError(f"the font {fpath} has no glyph for {''.join(sorted(missing))!r}")
    return Rendering(p, fpath, "\n".join(drawn))
