"""Where the dates of a folder's documents come from: the metadata table, the file name, the document itself.

:meth:`Corpus.from_folder <policytext.corpus.corpus.Corpus.from_folder>`
fills the ``date`` of each document that its metadata table leaves undated
(or when there is no table) from its file name when the name holds a date
(``20210526.txt``, ``2021-05-26_通知.txt``), else from the date the
document states (its title block, a ``来源：… 日期：…`` line, its signature:
the ``metadata["date"]`` of :func:`policytext.load`). The column
``date_source`` of :attr:`Corpus.metadata
<policytext.corpus.corpus.Corpus.metadata>` says which: ``"table"``,
``"file name"`` or ``"document"``.

>>> date_from_name("2021/20210526")
'2021-05-26'
>>> date_from_name("2021-05-26_通知"), date_from_name("sx_14906"), date_from_name("20211332")
('2021-05-26', None, None)
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Any

from ..errors import DocumentNotFoundError
from .metadata import normalize_metadata

__all__ = ["DATE_SOURCES", "date_from_name", "fill_dates", "folder_table"]

#: The values of ``date_source``, the column that says where a document's date comes from.
DATE_SOURCES = ("table", "file name", "document")

_RE_NAME_DATE = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})([-_.]?)(0[1-9]|1[0-2])\2(0[1-9]|[12][0-9]|3[01])(?![0-9])")


def date_from_name(name: str) -> str | None:
    """The ISO date a file name (or path) holds: ``YYYYMMDD`` or ``YYYY-MM-DD`` (``_``, ``.`` too), the last one."""
    found = None
    for m in _RE_NAME_DATE.finditer(Path(name).name):
        try:
            found = dt.date(int(m.group(1)), int(m.group(3)), int(m.group(4))).isoformat()
        except ValueError:
            continue
    return found


def _document_date(path: str, encoding: str | None) -> str | None:
    """The date a document states (``pt.load(path).metadata["date"]``), ISO; None when unreadable or undated."""
    from ..errors import PolicyTextError
    from ..text.loading import load

    try:
        date = load(path, encoding=encoding).metadata.get("date")
    except (PolicyTextError, OSError, ValueError):
        return None
    return normalize_metadata({"date": date}).get("date") if date else None


def fill_dates(records: list[Any], encoding: str | None = None) -> None:
    """Give each record its ``date_source``; date the undated ones from their file name, else their text."""
    import warnings

    for rec in records:
        if isinstance(rec.meta.get("date"), str):
            rec.meta["date_source"] = "table"
            continue
        date, source = date_from_name(rec.name), "file name"
        if date is None and rec.path is not None:
            with warnings.catch_warnings():  # reading a document again here must not repeat its warnings
                warnings.simplefilter("ignore")
                date, source = _document_date(rec.path, encoding), "document"
        if date is not None:
            rec.meta = {**rec.meta, "date": date, "date_source": source}


def folder_table(folder: Path, metadata: Any) -> tuple[Any, Path | None]:
    """The metadata argument of :meth:`Corpus.from_folder` resolved: (metadata, table file or None)."""
    if isinstance(metadata, str) and metadata == "auto":
        table = next((folder / c for c in ("metadata.csv", "metadata.tsv", "MANIFEST.tsv")
                      if (folder / c).is_file()), None)
        return table, table
    if isinstance(metadata, (str, os.PathLike)):
        table = Path(metadata)
        if not table.is_absolute() and not table.is_file():
            table = folder / table
        if not table.is_file():
            raise DocumentNotFoundError(str(metadata), "metadata table not found")
        return table, table
    return metadata, None
