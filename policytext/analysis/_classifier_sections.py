"""Training material of the section classifier: section tables and a document's own sections.

:func:`read_sections` reads a section table (``lexicons/sections.tsv``);
:func:`table_training` turns it into pseudo-training text, display names and
indicative terms; :func:`document_training` labels the sentences (and
headings) of a parsed document by their section.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..text.document import Document

__all__ = ["read_sections", "TableTraining", "table_training", "document_training", "plain"]


def plain(v: Any) -> Any:
    """numpy scalars → Python scalars (so labels compare and print plainly).

    >>> import numpy as np
    >>> type(plain(np.int64(3))).__name__, plain("3"), type(plain(np.str_("3"))).__name__
    ('int', '3', 'str')
    """
    if isinstance(v, str):
        return v if type(v) is str else str(v)  # numpy.str_ is a str subclass
    item = getattr(v, "item", None)
    return item() if callable(item) and not isinstance(v, (str, bytes)) else v


def read_sections(path: str | Path | None = None) -> pd.DataFrame:
    """Read a section table (``id  name  description  indicative_terms``).

    Parameters
    ----------
    path : str | Path, optional
        A UTF-8 tab-separated table with a header row; ``indicative_terms`` is
        ``|``-separated. Default: the shipped ``lexicons/sections.tsv``.

    Returns
    -------
    pandas.DataFrame
        Columns ``id`` (int when every id is an integer, else str), ``name``,
        ``description`` and ``indicative_terms`` (a tuple of str).

    Raises
    ------
    InputError
        The file is missing or lacks a required column.

    Examples
    --------
    >>> table = read_sections()
    >>> table["name"].tolist()
    ['理论武装', '职能体系', '资源配置', '法定化', '自身建设']
    >>> "编制资源" in table.loc[2, "indicative_terms"]
    True
    """
    import pandas as pd

    from .._resources import data_file

    p = Path(path) if path is not None else data_file("lexicons", "sections.tsv")
    if not p.is_file():
        raise InputError(p, "section table not found")
    table = pd.read_csv(p, sep="\t", dtype=str, keep_default_na=False, comment=None, encoding="utf-8-sig")
    missing = {"id", "name"} - set(table.columns)
    if missing:
        raise InputError(p, f"section table lacks the column(s) {', '.join(sorted(missing))}")
    for col in ("description", "indicative_terms"):
        if col not in table.columns:
            table[col] = ""
    table = table[["id", "name", "description", "indicative_terms"]].copy()
    table["id"] = table["id"].str.strip()
    if table["id"].str.fullmatch(r"\d+").all():
        table["id"] = table["id"].astype(int)
    table["indicative_terms"] = [
        tuple(t.strip() for t in cell.split("|") if t.strip()) for cell in table["indicative_terms"]
    ]
    return table


@dataclass
class TableTraining:
    """What a section table adds to a fit.

    ``names``: display name by class; ``terms``: indicative terms by class
    (the name first); ``X`` / ``y``: pseudo-training texts (``name。description``
    and the indicative terms joined by ``、``) and their classes.
    """

    names: dict[Any, str] = field(default_factory=dict)
    terms: dict[Any, list[str]] = field(default_factory=dict)
    X: list[str] = field(default_factory=list)
    y: list[Any] = field(default_factory=list)


def table_training(sections: str | Path | None) -> TableTraining:
    """The :class:`TableTraining` of a section table (``"default"``: the shipped one; None: nothing).

    >>> extra = table_training("default")
    >>> extra.names[4], extra.terms[4][:2], extra.y[:4]
    ('法定化', ['法定化', '机构编制法定化'], [1, 1, 2, 2])
    """
    out = TableTraining()
    if sections is None:
        return out
    table = read_sections(None if isinstance(sections, str) and sections == "default" else sections)
    for row in table.itertuples(index=False):
        label = plain(row.id)
        out.names[label] = row.name
        out.terms.setdefault(label, []).extend([row.name, *row.indicative_terms])
        out.X.append(f"{row.name}。{row.description}")
        out.y.append(label)
        if row.indicative_terms:
            out.X.append("、".join(row.indicative_terms))
            out.y.append(label)
    return out


def document_training(doc: Document, level: int, *, headings: bool = True
                      ) -> tuple[list[str], list[str], dict[str, str]]:
    """Sentences (then headings) of every section at ``level``, their labels, and the headings.

    Every sentence inside a section at ``level`` is labelled with that
    section's id; with ``headings`` the headings of the section and of its
    subsections follow, with the same label.

    >>> import policytext as pt
    >>> doc = pt.parse("一、学习\\n要加强学习。\\n（一）理论\\n要学习理论。\\n二、改革\\n要深化改革。")
    >>> X, y, names = document_training(doc, 1)
    >>> X
    ['要加强学习。', '要学习理论。', '学习', '理论', '要深化改革。', '改革']
    >>> y, names
    (['1', '1', '1', '1', '2', '2'], {'1': '学习', '2': '改革'})
    """
    X: list[str] = []
    y: list[str] = []
    names: dict[str, str] = {}
    for sec in doc.walk():
        if sec.level != level:
            continue
        sid = sec.id
        names[sid] = sec.heading
        for s in sec.sentences:
            X.append(s.text)
            y.append(sid)
        if headings:
            for sub in sec.walk():
                if sub.heading:
                    X.append(sub.heading)
                    y.append(sid)
    return X, y, names
