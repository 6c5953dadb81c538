"""One entry point that writes any result to a file chosen by its suffix: :func:`write`.

Analyses return values; this module decides how each kind of value is
written, by the path's suffix:

* a ``StudySummary``: ``.md``, ``.html``, ``.docx``, or a folder for all three
  (:func:`policytext.render.study_report.write_study`);
* a ``Comparison``: ``.md``, ``.html``, ``.docx``
  (:func:`policytext.render.compare_report.write_comparison`);
* a ``networkx.Graph``: ``.gexf``, ``.graphml``, ``.json``, ``.csv``
  (:func:`policytext.render.export.write_graph`) or a picture, ``.png``, ``.svg``, ``.pdf``
  (:func:`policytext.render.graph.plot_graph`);
* a ``pandas.DataFrame``: ``.csv``, ``.tsv`` (tab-separated, quoted as the CSV), ``.parquet``
  (:mod:`policytext.render.tables`), as ``policytext corpus`` and ``policytext keyness`` write them.

Every file is written atomically (see :mod:`policytext._files`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..analysis.compare import Comparison
from ..analysis.summary import StudySummary
from ..errors import InvalidParameterError

__all__ = ["write", "SUFFIXES"]

#: Suffixes :func:`write` accepts for each kind of result.
SUFFIXES: Mapping[str, tuple[str, ...]] = {
    "StudySummary": (".md", ".html", ".docx", "(a folder)"),
    "Comparison": (".md", ".html", ".docx"),
    "Graph": (".gexf", ".graphml", ".json", ".csv", ".png", ".svg", ".pdf"),
    "DataFrame": (".csv", ".tsv", ".parquet"),
}


def _kind(result: object) -> str | None:
    if isinstance(result, StudySummary):
        return "StudySummary"
    if isinstance(result, Comparison):
        return "Comparison"
    module = type(result).__module__.split(".")[0]
    if module == "networkx":
        import networkx as nx

        if isinstance(result, nx.Graph):
            return "Graph"
    if module == "pandas":
        import pandas as pd

        if isinstance(result, pd.DataFrame):
            return "DataFrame"
    return None


def write(result: StudySummary | Comparison | Any, path: str | os.PathLike[str], **options: Any
          ) -> Path | dict[str, Path]:
    """Write an analysis result to ``path``, in the format its suffix names.

    Parameters
    ----------
    result : StudySummary, Comparison, networkx.Graph or pandas.DataFrame
        What :func:`policytext.summarize`, :func:`policytext.compare`,
        :func:`policytext.cooccurrence` or a :class:`policytext.Corpus` table returned.
    path : str or path-like
        The file to write; its suffix chooses the format (see the module
        docstring). For a study summary, a path without a suffix is a folder
        and gets the Markdown (with ``images/``), HTML and Word files at once.
    **options
        Passed to the writer (e.g. ``pictures=False`` or ``stem=`` for a study
        summary, ``top=`` for a comparison, ``long=True`` for a table).

    Returns
    -------
    Path, or dict[str, Path] for a study summary written to a folder.

    Examples
    --------
    >>> import tempfile, pathlib, policytext as pt
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> s = pt.summarize("一、学习\\n要增强“四个意识”。\\n二、落实\\n要推进机构编制法定化。", pictures=False)
    >>> pt.write(s, d / "提纲.md").name
    '提纲.md'
    >>> c = pt.compare("要全面深化改革。", "要发展新质生产力。")
    >>> pt.write(c, d / "对比.html").read_text(encoding="utf-8").count("新质生产力") > 0
    True
    >>> pt.write(pt.cooccurrence("要发展新质生产力，推进高质量发展。", top=5), d / "g.gexf").suffix
    '.gexf'
    >>> import pandas as pd
    >>> pt.write(pd.DataFrame({"count": [2]}, index=pd.Index(["党建"], name="term")), d / "t.tsv").read_text(
    ...     encoding="utf-8").splitlines()
    ['term\\tcount', '党建\\t2']
    >>> pt.write(s, d / "提纲.pdf")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    ...
    policytext.errors.InvalidParameterError: ... unknown value '.pdf'. Available names: (a folder), .docx, .html, .md
    """
    kind = _kind(result)
    if kind is None:
        raise InvalidParameterError.build(
            "result", "write", "a StudySummary, a Comparison, a networkx graph or a pandas DataFrame", result)
    if not isinstance(path, (str, os.PathLike)):
        raise InvalidParameterError.build("path", "write", "a str or path-like file name", path)
    path = Path(path)
    suffix = path.suffix.lower()
    if isinstance(result, StudySummary):
        from .study_report import write_study

        if not suffix:
            return write_study(result, path, **options)
        if suffix not in SUFFIXES[kind]:
            raise InvalidParameterError.unknown("path", "write", suffix, SUFFIXES[kind])
        return write_study(result, path.parent, formats=(suffix[1:],), stem=path.stem, **options)[suffix[1:]]
    if suffix not in SUFFIXES[kind]:
        raise InvalidParameterError.unknown("path", "write", suffix or str(path), SUFFIXES[kind])
    if isinstance(result, Comparison):
        from .compare_report import write_comparison

        return write_comparison(result, path, **options)
    if kind == "Graph":
        if suffix in (".png", ".svg", ".pdf"):
            from .graph import plot_graph

            plot_graph(result, path, **options)
            return path
        from .export import write_graph

        return write_graph(result, path, **options)
    from .tables import to_csv, to_parquet

    return (to_parquet if suffix == ".parquet" else to_csv)(result, path, **options)
