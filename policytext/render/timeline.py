"""Timelines of terms over a dated record: a static figure and an offline interactive page.

Both draw a *tidy* trajectory frame, one row per (period, term), as
:func:`policytext.term_trajectories` gives with ``freq="D"|"M"|"Y"``:

``period``
    The period's start (a date, a ``Timestamp`` or an ISO string).
``term``
    The term followed.
``count``
    Occurrences in the period.
``documents``
    Documents (days, items, files) of the period that use the term.
``rate``
    Occurrences per 10,000 characters of the period's text.
``example`` (optional)
    The first sentence of the period that uses the term; the interactive page
    shows it on hover.

:func:`plot_timeline` writes PNG, SVG or PDF through matplotlib with the
shared CJK font (:mod:`policytext.render.figures`). :func:`timeline_html`
writes one self-contained HTML file with plotly: the plotly.js library is
inlined, so the page works offline and can be mailed or archived as it is.
Document text shown on hover is HTML-escaped.
"""

from __future__ import annotations

import html
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._files import atomic_path
from .._validation import Interval, Options, validate_params
from ..errors import InvalidParameterError
from .figures import FontLike, Rendering, new_figure, save_figure

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["TIMELINE_COLUMNS", "VALUE_LABELS", "plot_timeline", "timeline_html"]

#: Columns a trajectory frame must have (``example`` is optional).
TIMELINE_COLUMNS = ("period", "term", "count", "documents", "rate")

#: The value axis and hover labels, in Chinese as the chart's terms are: ``value="rate"`` (occurrences per
#: 10,000 characters), ``"count"`` (occurrences), ``"documents"`` (documents using the term).
VALUE_LABELS: dict[str, str] = {"rate": "每万字出现次数", "count": "出现次数", "documents": "使用文件数"}
#: Browser fonts for Chinese labels in the interactive page (the first one present is used).
_HTML_FONTS = ("Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, "
               "WenQuanYi Micro Hei, SimHei, sans-serif")

_VALUES = ("rate", "count", "documents")


def _frame(frame: Any, terms: Sequence[str] | None, func: str) -> pd.DataFrame:
    """The rows of ``terms`` (all terms by default) of a tidy trajectory frame, periods as Timestamps."""
    import pandas as pd

    if not isinstance(frame, pd.DataFrame):
        raise InvalidParameterError.build("frame", func, "a tidy DataFrame from term_trajectories(…, freq=…)",
                                          type(frame).__name__)
    missing = [c for c in TIMELINE_COLUMNS if c not in frame.columns]
    if missing:
        raise InvalidParameterError.build(
            "frame", func, f"a tidy DataFrame with columns {', '.join(TIMELINE_COLUMNS)}",
            f"a DataFrame without {', '.join(missing)}")
    out = frame.copy()
    if terms is not None:
        unknown = [t for t in terms if t not in set(out["term"])]
        if unknown:
            raise InvalidParameterError.unknown("term", func, unknown[0], sorted(set(out["term"]))[:20])
        out = out[out["term"].isin(list(terms))]
    out["period"] = pd.to_datetime(out["period"].astype(str))
    return out.sort_values(["term", "period"], kind="mergesort")


def _lexicon_names(frame: Any, terms: Sequence[str] | None) -> Sequence[str] | None:
    """``terms`` with each name the frame lacks read as the default lexicon's alias (人工智能+ → “人工智能+”)."""
    names = set(frame["term"]) if terms is not None and "term" in getattr(frame, "columns", ()) else None
    if names is None or all(t in names for t in terms or ()):
        return terms
    from ..tokens.lexicon import Lexicon

    lex = Lexicon.default()
    return [t if t in names or lex.canonical(t) not in names else lex.canonical(t) for t in terms or ()]


def _term_order(frame: pd.DataFrame, terms: Sequence[str] | None) -> list[str]:
    """Terms in the order asked for, else by total count (descending)."""
    if terms is not None:
        return list(dict.fromkeys(terms))
    totals = frame.groupby("term", sort=False)["count"].sum()
    return sorted(totals.index, key=lambda t: (-int(totals[t]), str(t)))


@validate_params({"value": [Options(str, set(_VALUES))]})
def plot_timeline(frame: Any, path: str | os.PathLike[str], terms: Sequence[str] | None = None, *,
                  value: str = "rate", title: str | None = None, font: FontLike = None) -> Rendering:
    """Static line chart of a trajectory frame (PNG, SVG or PDF by suffix).

    Parameters
    ----------
    frame : pandas.DataFrame
        Tidy rows ``period, term, count, documents, rate`` (see the module docstring).
    path : str or Path
        Output file; the suffix chooses the format.
    terms : sequence of str, optional
        Terms to draw, in this order (default: all, most frequent first); a lexicon alias names its term.
    value : {"rate", "count", "documents"}
        The quantity on the y axis.
    title : str, optional
    font : str or Path, optional
        A font file; default: the shared policytext font setting.

    Returns
    -------
    policytext.render.figures.Rendering

    Examples
    --------
    >>> import pandas as pd, tempfile, os
    >>> f = pd.DataFrame({"period": ["2021", "2022", "2021", "2022"], "term": ["两个确立"] * 2 + ["新征程"] * 2,
    ...                   "count": [1, 9, 0, 4], "documents": [1, 7, 0, 3], "rate": [0.1, 0.8, 0.0, 0.3]})
    >>> with tempfile.TemporaryDirectory() as d:
    ...     r = plot_timeline(f, os.path.join(d, "t.png"))
    ...     r.path.stat().st_size > 1000, "两个确立" in r.text
    (True, True)
    """
    terms = _lexicon_names(frame, terms)
    data = _frame(frame, terms, "plot_timeline")
    fig, ax = new_figure(figsize=(8.0, 4.5), font=font)
    for term in _term_order(data, terms):
        rows = data[data["term"] == term]
        ax.plot(rows["period"].tolist(), rows[value].astype(float).tolist(), marker="o", markersize=3,
                linewidth=1.4, label=str(term))
    ax.set_ylabel(VALUE_LABELS[value])
    if title:
        ax.set_title(title)
    if len(data):
        ax.legend(fontsize="small")
    fig.autofmt_xdate()
    return save_figure(fig, path, font=font, dpi=150)


def _wrap(text: str, width: int = 36, limit: int = 180) -> str:
    """Escaped ``text`` cut to ``limit`` characters, with ``<br>`` every ``width`` characters (for hover labels)."""
    text = " ".join(str(text).split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return "<br>".join(html.escape(text[i: i + width]) for i in range(0, len(text), width)) or ""


def _hover_rows(rows: pd.DataFrame) -> list[list[str]]:
    """``customdata`` of one trace: count, documents, escaped example."""
    examples = rows["example"].fillna("").tolist() if "example" in rows.columns else [""] * len(rows)
    return [[str(int(c)), str(int(d)), _wrap(e)] for c, d, e in
            zip(rows["count"].tolist(), rows["documents"].tolist(), examples)]


@validate_params({"value": [Options(str, set(_VALUES))], "height": [Interval(int, 200, None)]})
def timeline_html(frame: Any, path: str | os.PathLike[str], terms: Sequence[str] | None = None, *,
                  value: str = "rate", title: str | None = None, height: int = 520) -> Path:
    """Interactive timeline as one self-contained HTML file (plotly.js inlined: works offline).

    Each term is a line; hovering a point shows the period, the count, the
    number of documents and the first sentence of the period that uses the
    term (the ``example`` column, when the frame has it).

    Parameters
    ----------
    frame : pandas.DataFrame
        Tidy rows ``period, term, count, documents, rate`` and optionally ``example``.
    path : str or Path
        Output ``.html`` file, written atomically.
    terms : sequence of str, optional
        Terms to draw, in this order (default: all, most frequent first); a lexicon alias names its term.
    value : {"rate", "count", "documents"}
        The quantity on the y axis.
    title : str, optional
        Page and chart title (escaped).
    height : int
        Chart height in pixels.

    Returns
    -------
    pathlib.Path
        The file written.

    Examples
    --------
    >>> import pandas as pd, tempfile, os
    >>> f = pd.DataFrame({"period": ["2023-09-01", "2023-10-01"], "term": ["新质生产力"] * 2,
    ...                   "count": [3, 5], "documents": [2, 4], "rate": [0.2, 0.3],
    ...                   "example": ["<b>新质生产力</b>首次出现。", ""]})
    >>> with tempfile.TemporaryDirectory() as d:
    ...     page = timeline_html(f, os.path.join(d, "t.html")).read_text(encoding="utf-8")
    >>> len(page) > 1_000_000, '<script src="http' in page   # plotly.js is inside the page
    (True, False)
    """
    import plotly.graph_objects as go

    p = Path(os.fspath(path)) if isinstance(path, (str, os.PathLike)) else None
    if p is None or p.suffix.lower() not in (".html", ".htm"):
        raise InvalidParameterError.unknown("path extension", "timeline_html",
                                            p.suffix if p is not None else type(path).__name__, [".html", ".htm"])
    terms = _lexicon_names(frame, terms)
    data = _frame(frame, terms, "timeline_html")
    fig = go.Figure()
    template = ("<b>%{fullData.name}</b> · %{x|%Y-%m-%d}<br>" + VALUE_LABELS[value] + "：%{y:.3g}"
                + "<br>出现%{customdata[0]}次，见于%{customdata[1]}篇文件<br>%{customdata[2]}<extra></extra>")
    for term in _term_order(data, terms):
        rows = data[data["term"] == term]
        fig.add_trace(go.Scatter(x=rows["period"].tolist(), y=rows[value].astype(float).tolist(),
                                 mode="lines+markers", name=html.escape(str(term)), customdata=_hover_rows(rows),
                                 hovertemplate=template))
    fig.update_layout(title=html.escape(title) if title else None, height=height, hovermode="closest",
                      font={"family": _HTML_FONTS}, template="plotly_white",
                      yaxis_title=VALUE_LABELS[value], xaxis_title="时间", legend_title_text="提法")
    page = fig.to_html(include_plotlyjs=True, full_html=True)
    if title:
        page = page.replace("<head>", f"<head><meta charset=\"utf-8\"><title>{html.escape(title)}</title>", 1)
    with atomic_path(p) as tmp:
        Path(tmp).write_text(page, encoding="utf-8")
    return p
