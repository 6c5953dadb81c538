"""Plots of comparison results: term trajectories over a series, keyness bars of two documents.

Both draw with :func:`policytext.render.figures.new_figure` /
:func:`~policytext.render.figures.save_figure`: a ``matplotlib.figure.Figure``
on an Agg canvas (pyplot's global state is never touched), every text drawn
in the shared CJK font setting (:mod:`policytext.render.fonts`), the file
(PNG, SVG or PDF by suffix) written atomically.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from .._validation import InstanceOf, Interval, validate_params
from ..analysis.compare import Comparison, term_trajectories
from .figures import FontLike, Rendering, new_figure, save_figure

__all__ = ["plot_keyness", "plot_trajectories"]


@validate_params({"per": [Interval(int, 1, None)]})
def plot_trajectories(docs_or_frame: Any, terms: Sequence[str] | None, path: str | os.PathLike[str], *,
                      font: FontLike = None, per: int = 10_000, title: str | None = None) -> Rendering:
    """Line plot of term rates across a dated series (PNG, SVG or PDF by suffix).

    Parameters
    ----------
    docs_or_frame : DataFrame from :func:`~policytext.analysis.compare.term_trajectories`, or documents
    terms : sequence of str, optional
        Columns to draw (default: all columns of the frame, at most 8 when
        computed from documents).
    path : str or Path
        Output file; the suffix chooses the format.
    font : str or Path, optional
        A font file; default: the shared policytext font setting.
    per : int
        Rate unit when computing from documents.
    title : str, optional

    Returns
    -------
    policytext.render.figures.Rendering
        ``path`` written, ``font`` used and the ``text`` drawn.

    Raises
    ------
    FontError
        The font is missing or lacks a glyph for a label.
    InvalidParameterError
        Unknown file extension.

    Examples
    --------
    >>> import policytext as pt
    >>> import tempfile, os
    >>> docs = [pt.parse("要构建新发展格局。", metadata={"date": "2020-10-29"}),
    ...         pt.parse("要发展新质生产力。", metadata={"date": "2024-07-18"})]
    >>> with tempfile.TemporaryDirectory() as d:
    ...     r = plot_trajectories(docs, ["新发展格局", "新质生产力"], os.path.join(d, "t.png"))
    ...     r.path.stat().st_size > 1000
    True
    """
    import pandas as pd

    if isinstance(docs_or_frame, pd.DataFrame):
        frame = docs_or_frame if terms is None else docs_or_frame[list(terms)]
        ylabel = "rate"
    else:
        frame = term_trajectories(docs_or_frame, terms, per=per)
        if terms is None:
            frame = frame.iloc[:, :8]
        ylabel = f"per {per:,} characters"
    labels = [str(x) for x in frame.index]
    fig, ax = new_figure(figsize=(max(6.0, 0.6 * len(labels) + 2), 4.5), font=font)
    x = list(range(len(labels)))
    for c in frame.columns:
        ax.plot(x, frame[c].tolist(), marker="o", label=str(c))
    ax.set_xticks(x)
    ax.set_xticklabels(labels, rotation=45, ha="right")
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    if len(frame.columns):
        ax.legend(fontsize="small")
    return save_figure(fig, path, font=font, dpi=150)


@validate_params({"comparison": [InstanceOf(Comparison)], "top": [Interval(int, 1, None)]})
def plot_keyness(comparison: Comparison, path: str | os.PathLike[str], top: int = 20, *,
                 font: FontLike = None) -> Rendering:
    """Horizontal bar chart of signed G²: the ``top`` key terms of b and of a.

    Parameters
    ----------
    comparison : Comparison
    path : str or Path
        Output file (.png, .svg, .pdf).
    top : int
        Terms per side.
    font : str or Path, optional
        A font file; default: the shared policytext font setting.

    Returns
    -------
    policytext.render.figures.Rendering

    Examples
    --------
    >>> import policytext as pt
    >>> import tempfile, os
    >>> cmp = pt.compare("要推进改革，深化改革。", "要发展新质生产力。")
    >>> with tempfile.TemporaryDirectory() as d:
    ...     plot_keyness(cmp, os.path.join(d, "k.svg")).path.suffix
    '.svg'
    """
    import pandas as pd

    k = comparison.keyness
    sel = pd.concat([k[k["g2"] > 0].head(top), k[k["g2"] < 0].tail(top)])
    terms = sel["term"].astype(str).tolist()
    vals = sel["g2"].astype(float).tolist()
    fig, ax = new_figure(figsize=(7.0, max(3.0, 0.28 * len(terms) + 1.5)), font=font)
    y = list(range(len(terms)))[::-1]
    ax.barh(y, vals, color=["#c0392b" if v > 0 else "#2c7fb8" for v in vals])
    ax.set_yticks(y)
    ax.set_yticklabels(terms)
    ax.axvline(0, color="#333", linewidth=0.8)
    ax.set_xlabel(f"signed G² (← {comparison.a_name} | {comparison.b_name} →)")
    return save_figure(fig, path, font=font, dpi=150)
