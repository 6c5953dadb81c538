"""Reports of a :class:`~policytext.analysis.compare.Comparison`: Markdown, HTML and Word.

:func:`write_comparison` writes the report a file name asks for (``.md``,
``.html``, ``.docx``; atomically, through :func:`policytext._files.atomic_path`);
:func:`to_markdown` and :func:`to_html` return the text, :func:`to_docx` writes
a Word file. Every report has the same parts: a header (names, dates,
similarity, units), then the new and the dropped terms, the people, the key
terms of each document and the section map, ``top`` rows each.

Document text never reaches a reader's renderer unescaped: HTML escapes
``& < > " '``; Markdown escapes ``\\ | < >`` (Markdown renderers pass raw HTML
through) and joins lines; Word gets plain runs (characters XML cannot hold
are dropped).

Examples
--------
>>> import policytext as pt, tempfile, pathlib
>>> cmp = pt.compare("要推进改革。", "要推进改革。要发展新质生产力。")
>>> print(to_markdown(cmp).splitlines()[0])
# Comparison: a → b
>>> with tempfile.TemporaryDirectory() as d:
...     path = write_comparison(cmp, pathlib.Path(d) / "report.html")
...     path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
True
"""

from __future__ import annotations

import html
import math
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._files import atomic_path
from .._validation import InstanceOf, Interval, validate_params
from ..analysis.compare import Comparison
from ..errors import InvalidParameterError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["REPORT_SUFFIXES", "to_docx", "to_html", "to_markdown", "write_comparison"]

#: File suffix → report format of :func:`write_comparison`.
REPORT_SUFFIXES: dict[str, str] = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".docx": "docx"}

_CMP = [InstanceOf(Comparison)]
_TOP = [Interval(int, 1, None)]
_Table = tuple[str, list[str], list[list[str]]]


# -- the parts of every report ---------------------------------------------------------------

def _fmt(x: Any, nd: int = 2) -> str:
    if isinstance(x, float):
        if math.isnan(x):
            return ""
        return f"{x:.{nd}f}"
    return "" if x is None else str(x)


def _excerpt(sentence: str, term: str, width: int = 90) -> str:
    """``sentence`` cut to about ``width`` characters around the first ``term``."""
    if len(sentence) <= width:
        return sentence
    i = max(sentence.find(term), 0)
    start = max(0, min(i - (width - len(term)) // 2, len(sentence) - width))
    end = start + width
    return ("…" if start > 0 else "") + sentence[start:end] + ("…" if end < len(sentence) else "")


def _novel_rows(df: pd.DataFrame, side: str, top: int) -> list[list[str]]:
    return [[_fmt(r.term), _fmt(r.kind), _fmt(r.category), _fmt(getattr(r, f"count_{side}")),
             _fmt(getattr(r, f"rate_{side}")), _excerpt(_fmt(r.example), _fmt(r.term))]
            for r in df.head(top).itertuples(index=False)]


def _key_rows(df: pd.DataFrame) -> list[list[str]]:
    return [[_fmt(r.term), _fmt(r.count_a), _fmt(r.count_b), _fmt(r.rate_a), _fmt(r.rate_b),
             _fmt(r.g2), f"{r.p:.3g}", _fmt(r.log_ratio)] for r in df.itertuples(index=False)]


def _tables(cmp: Comparison, top: int) -> list[_Table]:
    """``(title, column names, rows of cell texts)`` of every table of the report."""
    novel_cols = ["term", "kind", "category", "count", "rate", "example"]
    k = cmp.keyness
    up = k[k["g2"] > 0].head(top)
    down = k[k["g2"] < 0].iloc[::-1].head(top)
    key_cols = ["term", "count_a", "count_b", "rate_a", "rate_b", "G²", "p", "log ratio"]
    sec_rows = [[_fmt(r.section_b), _fmt(r.heading_b), _fmt(r.section_a), _fmt(r.heading_a), _fmt(r.cosine, 3),
                 _fmt(r.runner_up), _fmt(r.runner_up_cosine, 3)] for r in cmp.sections.itertuples(index=False)]
    p = cmp.people
    people_rows = [[_fmt(r.name), _fmt(r.status), _fmt(r.count_a), _fmt(r.count_b),
                    _excerpt(_fmt(r.example), _fmt(r.name))] for r in p.head(top).itertuples(index=False)]
    n_new = int((p["status"] == "new").sum()) if len(p) else 0
    return [
        (f"New in b ({len(cmp.new_terms)})", novel_cols, _novel_rows(cmp.new_terms, "b", top)),
        (f"Dropped from a ({len(cmp.dropped_terms)})", novel_cols, _novel_rows(cmp.dropped_terms, "a", top)),
        (f"People ({n_new} new in b, {len(p) - n_new} dropped from a)",
         ["name", "status", "count_a", "count_b", "example"], people_rows),
        ("Key terms of b (G² > 0)", key_cols, _key_rows(up)),
        ("Key terms of a (G² < 0)", key_cols, _key_rows(down)),
        ("Sections of b → a", ["b", "heading b", "a", "heading a", "cosine", "runner-up", "cosine 2"], sec_rows),
    ]


def _header_lines(cmp: Comparison) -> list[str]:
    s = cmp.similarity
    da = f" ({cmp.a_date})" if cmp.a_date else ""
    db = f" ({cmp.b_date})" if cmp.b_date else ""
    return [
        f"a (reference): {cmp.a_name}{da}",
        f"b (target): {cmp.b_name}{db}",
        (f"TF-IDF cosine {s.cosine:.3f}; term-set Jaccard {s.jaccard:.3f} "
         f"({s.shared} shared, {s.only_a} only in a, {s.only_b} only in b)"),
        (f"Rates per {cmp.info.get('per', 10_000):,} characters; G² signed + when over-represented in b; "
         f"lexicon {cmp.info.get('lexicon', '?')}"),
    ]


# -- Markdown and HTML ----------------------------------------------------------------------

def _md_cell(x: str) -> str:
    """Raw HTML in Markdown reaches the reader's renderer: escape ``< >`` too."""
    return x.replace("\\", "\\\\").replace("|", "\\|").replace("<", "\\<").replace(">", "\\>").replace("\n", " ")


@validate_params({"cmp": _CMP, "top": _TOP})
def to_markdown(cmp: Comparison, *, top: int = 20) -> str:
    """The report as Markdown.

    Parameters
    ----------
    cmp : Comparison
    top : int
        Rows per table.

    Examples
    --------
    >>> import policytext as pt
    >>> md = to_markdown(pt.compare("要推进改革。", "要推进改革。要发展新质生产力。"))
    >>> "## New in b (1)" in md, "| 新质生产力 | lexicon |" in md
    (True, True)
    """
    out = [f"# Comparison: {_md_cell(cmp.a_name)} → {_md_cell(cmp.b_name)}", ""]
    out += [f"- {_md_cell(line)}" for line in _header_lines(cmp)]
    for title, cols, rows in _tables(cmp, top):
        out += ["", f"## {title}", ""]
        if not rows:
            out.append("(none)")
            continue
        out.append("| " + " | ".join(cols) + " |")
        out.append("|" + "|".join("---" for _ in cols) + "|")
        out += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(out) + "\n"


_STYLE = ("body{font-family:sans-serif;max-width:72em;margin:2em auto;padding:0 1em}"
          "table{border-collapse:collapse;margin:.5em 0 1.5em}th,td{border:1px solid #ccc;"
          "padding:.2em .5em;vertical-align:top;text-align:left}th{background:#f3f3f3}")


@validate_params({"cmp": _CMP, "top": _TOP, "full": ["boolean"]})
def to_html(cmp: Comparison, *, top: int = 20, full: bool = True) -> str:
    """A self-contained HTML report (every piece of document text escaped).

    Parameters
    ----------
    cmp : Comparison
    top : int
        Rows per table.
    full : bool
        A whole page; ``False`` gives a ``<div>`` fragment (for a notebook:
        ``IPython.display.HTML(to_html(cmp, full=False))``).

    Examples
    --------
    >>> import policytext as pt
    >>> page = to_html(pt.compare("要推进改革。", "要发展新质生产力<script>。"))
    >>> "<script>" in page, "&lt;script&gt;" in page
    (False, True)
    """
    e = html.escape
    parts = [f"<h2>Comparison: {e(cmp.a_name)} → {e(cmp.b_name)}</h2>", "<ul>"]
    parts += [f"<li>{e(line)}</li>" for line in _header_lines(cmp)]
    parts.append("</ul>")
    for title, cols, rows in _tables(cmp, top):
        parts.append(f"<h3>{e(title)}</h3>")
        if not rows:
            parts.append("<p>(none)</p>")
            continue
        parts.append('<table class="policytext-comparison"><thead><tr>'
                     + "".join(f"<th>{e(c)}</th>" for c in cols) + "</tr></thead><tbody>")
        parts += ["<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in rows]
        parts.append("</tbody></table>")
    body = "\n".join(parts)
    if not full:
        return f'<div class="policytext-comparison">\n{body}\n</div>'
    return (
        "<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{e(cmp.a_name)} → {e(cmp.b_name)}</title>\n"
        f"<style>{_STYLE}</style>\n"
        f"</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


# -- Word -------------------------------------------------------------------------------------

#: Characters XML 1.0 cannot hold (python-docx refuses them).
_RE_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml(text: str) -> str:
    return _RE_NOT_XML.sub("", text)


def _cjk_styles(d: Any) -> None:
    """Song for body text, Hei for titles and headings, also for East Asian characters."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    for name in ("Normal", "Title", "Heading 1", "List Bullet"):
        style = d.styles[name]
        style.font.name = "SimHei" if name in ("Title", "Heading 1") else "SimSun"
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = rpr.makeelement(qn("w:rFonts"), {})
            rpr.append(fonts)
        fonts.set(qn("w:eastAsia"), "黑体" if style.font.name == "SimHei" else "宋体")
    d.styles["Normal"].font.size = Pt(10.5)


def _docx_table(d: Any, cols: list[str], rows: list[list[str]]) -> None:
    table = d.add_table(rows=1 + len(rows), cols=len(cols))
    table.style = "Table Grid"
    for cells, texts in zip(table.rows, [cols, *rows]):
        for cell, text in zip(cells.cells, texts):
            cell.text = _xml(text)
    for cell in table.rows[0].cells:
        for run in cell.paragraphs[0].runs:
            run.bold = True


def _docx_document(cmp: Comparison, top: int) -> Any:
    """The Word document (``docx.Document``), in memory."""
    try:
        import docx
    except ImportError:  # pragma: no cover - declared dependency
        from ..errors import MissingDependencyError

        raise MissingDependencyError("python-docx", "Writing .docx files") from None
    d = docx.Document()
    _cjk_styles(d)
    d.add_heading(_xml(f"Comparison: {cmp.a_name} → {cmp.b_name}"), level=0)
    bullet = d.styles["List Bullet"]
    for line in _header_lines(cmp):
        d.add_paragraph(_xml(line), style=bullet)
    for title, cols, rows in _tables(cmp, top):
        d.add_heading(title, level=1)
        if rows:
            _docx_table(d, cols, rows)
        else:
            d.add_paragraph("(none)")
    return d


@validate_params({"cmp": _CMP, "path": ["path"], "top": _TOP})
def to_docx(cmp: Comparison, path: str | os.PathLike[str], *, top: int = 20) -> Path:
    """Write the report as a Word file (atomically); returns the path.

    The same parts as :func:`to_markdown`, as headings, a bulleted header and
    tables, in a Chinese font (宋体 body, 黑体 headings).

    Examples
    --------
    >>> import policytext as pt, tempfile, pathlib
    >>> cmp = pt.compare("要推进改革。", "要推进改革。要发展新质生产力。")
    >>> with tempfile.TemporaryDirectory() as d:
    ...     to_docx(cmp, pathlib.Path(d) / "r.docx").read_bytes()[:2]
    b'PK'
    """
    d = _docx_document(cmp, top)
    out = Path(path)
    with atomic_path(out) as tmp:
        d.save(str(tmp))
    return out


@validate_params({"cmp": _CMP, "path": ["path"], "top": _TOP})
def write_comparison(cmp: Comparison, path: str | os.PathLike[str], *, top: int = 20) -> Path:
    """Write the report in the format the suffix of ``path`` names; returns the path.

    Parameters
    ----------
    cmp : Comparison
    path : str or path-like
        ``.md``/``.markdown`` (:func:`to_markdown`), ``.html``/``.htm``
        (:func:`to_html`) or ``.docx`` (:func:`to_docx`); the suffix is not
        case-sensitive.
    top : int
        Rows per table.

    Raises
    ------
    InvalidParameterError
        An unknown suffix (the message lists the valid ones).
    OutputError
        The file cannot be written (an earlier file there is left as it was).
    """
    out = Path(path)
    fmt = REPORT_SUFFIXES.get(out.suffix.lower())
    if fmt is None:
        raise InvalidParameterError.unknown("path suffix", "write_comparison", out.suffix or "(none)", REPORT_SUFFIXES)
    if fmt == "docx":
        return to_docx(cmp, out, top=top)
    text = to_markdown(cmp, top=top) if fmt == "md" else to_html(cmp, top=top)
    with atomic_path(out) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return out
