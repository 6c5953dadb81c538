"""Corpora: many documents with metadata, processed serially, on local processes or on Dask.

A :class:`Corpus` holds *records* (a path, a text, or an already parsed
:class:`~policytext.text.document.Document`, plus a metadata row) and loads each
document only when it is needed, so ``len``, names, metadata and ordering are
cheap and memory does not grow with the corpus. Metadata rows follow the
schema of :mod:`policytext.corpus.metadata`; the per-document halves of the
analyses are in :mod:`policytext.corpus.analyses`; result tables are written
by :mod:`policytext.render.tables` (``to_csv``, ``to_parquet``).

Execution
---------
:meth:`Corpus.map` runs a function over every document and returns the results
in corpus order. The same call runs

* **serially** (the default, ``processes=None`` or ``1``): nothing to set up,
  works in notebooks and with any function, including lambdas; with
  ``processes=None``, a running ``dask.distributed`` client (the active one,
  ``distributed.default_client()``) is used instead, as Dask collections do;
* on **local processes** (``processes=2``, or ``"auto"``: every core, serial below 4 MB of input): a
  :class:`concurrent.futures.ProcessPoolExecutor` with the ``"spawn"`` start
  method (the same behaviour on Linux, macOS and Windows). Each worker receives
  the corpus tokenizer once, as its first task (never through the spawn pipe,
  which stays about a kilobyte), and builds jieba's dictionary once; documents
  travel as paths (or texts) in chunks, and only the small per-document
  results come back;
* on a **Dask cluster** (``client=dask.distributed.Client(...)``, ``pip install
  'policytext[dask]'``): the same chunks become Dask tasks; the tokenizer is
  scattered to every worker once.

Serial is the default on purpose: ``spawn`` needs the function to be importable
by the workers (a module-level function, or a :func:`functools.partial` of
one) and a script to guard its entry point with ``if __name__ ==
"__main__":``; a default that silently needs both would break the first
notebook it meets. A call the workers would run again (at the top level of a
script, outside that guard, or in a script piped to ``python -``) is refused
with an :class:`~policytext.errors.InvalidParameterError` that names the
guard and the line, before any process starts (it used to hang). Ask for
processes when the corpus is large (on the shared corpora two processes pay
off from about a megabyte of text). Results are
identical in every mode, and so are the warnings: those raised in workers are
recorded and re-raised in the calling process. The machinery is in
:mod:`policytext.corpus._parallel`.

Broken documents
----------------
A document that cannot be read (binary, empty, undecodable …: any
:class:`~policytext.errors.InputError` raised while loading it or inside the
mapped function) is, with ``errors="report"`` (the default), skipped with a
:class:`CorpusWarning` that names it and recorded in :attr:`Corpus.errors`;
with ``errors="raise"`` the error propagates. Other exceptions (invalid
options, bugs) always propagate: they are not about one document. Nothing is
dropped silently.

Examples
--------
>>> import policytext as pt
>>> corpus = pt.Corpus(["一、学习\\n要学习党的二十大精神。", "要推进机构编制法定化。"])
>>> len(corpus), corpus.names
(2, ['doc0', 'doc1'])
>>> tf = corpus.term_frequencies()
>>> int(tf.loc["doc0", "党的二十大"]), int(tf.loc["doc1", "机构编制法定化"])
(1, 1)
"""

from __future__ import annotations

import os
import sys
import warnings
from collections import Counter
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .._files import file_label, printable_path
from .._validation import Constraint, InstanceOf, Options, validate_params
from ..errors import DocumentNotFoundError, InputError, InvalidParameterError, PolicyTextError
from ..text.document import Document
from . import _parallel
from ._dates import fill_dates, folder_table
from ._level import _EXECUTION, CorpusAnalyses, Processes
from ._parallel import EXECUTION_OPTIONS, Outcome, Record
from .dated import DatedRecord
from .lazy import DaskFrame, partitions
from .metadata import (
    SCHEMA,
    CorpusWarning,
    metadata_frame,
    metadata_rows,
    normalize_metadata,
)

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..tokens.tokenizer import Tokenizer

__all__ = ["Corpus", "FailedDocument"]  # the package (policytext.corpus) re-exports the rest

#: Constraints of the construction options (``Corpus``, ``from_folder``, ``from_frame``).
_SETUP_OPTIONS: dict[str, list[Constraint | str | None]] = {
    "tokenizer": [InstanceOf("policytext.tokens.tokenizer.Tokenizer"), None],
    "errors": [Options(str, {"report", "raise"})],
    "encoding": ["str", None],
    "order": [Options(str, {"date", "given"})],
}
_PACKAGE_DIR = str(Path(__file__).parent.parent) + os.sep  # as the frames name their files
#: Type names of the values of a boolean mask: Python and NumPy booleans, and pandas' NA of nullable masks.
_MASK_VALUES = frozenset({"bool", "bool_", "NAType"})


def _options(*names: str, **more: list[Constraint | str | None]) -> dict[str, list[Constraint | str | None]]:
    """The named construction or execution constraints, plus ``more``."""
    table = {**_SETUP_OPTIONS, **EXECUTION_OPTIONS}
    return {**{name: table[name] for name in names}, **more}


def _warn(message: str) -> None:
    """A :class:`CorpusWarning` attributed to the first caller outside policytext."""
    frame = sys._getframe(1)
    level = 2
    while frame.f_back is not None and frame.f_code.co_filename.startswith(_PACKAGE_DIR):
        frame = frame.f_back
        level += 1
    warnings.warn(message, CorpusWarning, stacklevel=level)


@dataclass(frozen=True)
class FailedDocument:
    """A document that could not be processed.

    Attributes
    ----------
    name : str
        The document's name in the corpus.
    error : str
        The exception class (``"EmptyDocumentError"``, ``"DecodingError"`` …).
    message : str
        Why, as the exception says it.
    path : str | None
        Its file, when it has one.
    """

    name: str
    error: str
    message: str
    path: str | None = None


def _record(item: Any, i: int) -> Record:
    """The record of one item of ``Corpus(items)``."""
    from ..text.io import looks_like_path

    if isinstance(item, Document):
        meta = {k: v for k, v in item.metadata.items() if isinstance(v, (str, int, float, bool))}
        if item.title and "title" not in meta:
            meta["title"] = item.title
        name = str(meta.pop("name", "") or f"doc{i}")
        return Record(name=name, doc=item, meta=meta)
    if isinstance(item, os.PathLike) or (isinstance(item, str) and looks_like_path(item)):
        path = Path(item)  # a name that is not UTF-8 (a GBK name from a Windows zip) gets a readable label
        return Record(name=file_label(path), path=str(path))
    if isinstance(item, str):
        return Record(name=f"doc{i}", text=item)
    raise TypeError(f"Corpus items must be paths, texts or Documents, not {type(item).__name__}")


def _frame_names(frame: pd.DataFrame, name: str | None, start: int = 0) -> list[str]:
    """Document names of :meth:`Corpus.from_frame`: a column, else a non-default index, else doc0 ….

    ``start``: the rows before this frame (a partition of a dask DataFrame).
    """
    import pandas as pd

    if name is not None:
        return [str(v) for v in frame[name]]
    if not isinstance(frame.index, pd.RangeIndex):
        return [str(v) for v in frame.index]
    return [f"doc{i}" for i in range(start, start + len(frame))]



def _label(rel: Path) -> str:
    """A document's name from its path relative to the folder (``sub/通知``); parts that are not UTF-8
    (GBK names from a Windows zip) are decoded as :func:`policytext._files.file_label` decodes them."""
    return "/".join(file_label(part + ".x") for part in rel.parts)  # ".x": file_label takes the stem


class Corpus(DatedRecord, CorpusAnalyses):
    """Many documents with metadata, loaded lazily.

    Parameters
    ----------
    items : iterable
        Paths (``str`` naming a file, or ``os.PathLike``), texts (a ``str``
        that is not a path, see :func:`policytext.text.io.looks_like_path`) or
        :class:`~policytext.text.document.Document` objects. Names: a file's stem,
        a document's ``metadata["name"]``, else ``doc0``, ``doc1`` …;
        repeated names get ``#2``, ``#3`` ….
    metadata : DataFrame | path | mapping | sequence of mappings, optional
        One row per document: a table (CSV/TSV path or DataFrame) with a
        ``file`` or ``name`` column; a mapping name → row; or a list of rows
        aligned with ``items``. Rows are brought into the schema by
        :func:`normalize_metadata`.
    tokenizer : Tokenizer, optional
        The tokenizer of the corpus analyses (default:
        :func:`policytext.tokens.tokenizer.default_tokenizer`).
    errors : {"report", "raise"}
        What to do with a document that cannot be read: skip it with a
        :class:`CorpusWarning` and record it in :attr:`errors`, or raise.
    encoding : str, optional
        Force the encoding of text files.
    order : {"date", "given"}
        ``"date"``: when any document has a date, documents are ordered by
        date (a stable sort; partial dates such as ``2022`` sort before the
        full dates of that year; undated documents last). ``"given"``: keep
        the order of ``items`` (for folders: sorted file names).

    Raises
    ------
    InvalidParameterError
        A bad option (also a ``TypeError`` or ``ValueError``).

    Examples
    --------
    >>> import policytext as pt
    >>> corpus = pt.Corpus([pt.reference_path()], metadata=[{"date": "2022", "kind": "article"}])
    >>> corpus.names, len(corpus["reference_bianban_2022"].sections)
    (['reference_bianban_2022'], 5)
    >>> corpus.metadata[["date", "date_precision", "kind", "kind_raw"]].values.tolist()
    [[Timestamp('2022-01-01 00:00:00'), 'year', '文章', 'article']]
    """

    _records: list[Record]
    _index: dict[str, int]
    _tokenizer: Tokenizer | None
    _errors_mode: str
    _errors: dict[str, FailedDocument]
    encoding: str | None

    @validate_params(_options("tokenizer", "errors", "encoding", "order"), func="Corpus")
    def __init__(self, items: Iterable[str | os.PathLike[str] | Document] = (), *,
                 metadata: Any = None, tokenizer: Tokenizer | None = None,
                 errors: Literal["report", "raise"] = "report", encoding: str | None = None,
                 order: Literal["date", "given"] = "date") -> None:
        if isinstance(items, (str, bytes, os.PathLike, Document)):
            raise TypeError("Corpus expects an iterable of paths, texts or Documents; "
                            "use Corpus.from_folder(path) for a folder")
        records = [_record(item, i) for i, item in enumerate(items)]
        self._setup(records, metadata=metadata, base=None, order=order)
        self._init_state(tokenizer, errors, encoding)

    # -- construction --------------------------------------------------------------------
    def _setup(self, records: list[Record], *, metadata: Any, base: Path | None, order: str,
               dates: str | None = None, encoding: str | None = None) -> None:
        """Unique names, metadata rows attached and normalized, corpus order."""
        seen: Counter[str] = Counter()
        for rec in records:
            seen[rec.name] += 1
            if seen[rec.name] > 1:
                rec.name = f"{rec.name}#{seen[rec.name]}"
        if metadata is not None:
            rows, unmatched = metadata_rows(metadata, [(r.name, r.path) for r in records], base)
            for rec, row in zip(records, rows):
                if row:
                    rec.meta = {**rec.meta, **row}
            if unmatched:
                more = f" and {len(unmatched) - 5} more" if len(unmatched) > 5 else ""
                _warn(f"metadata rows without a matching document: {', '.join(unmatched[:5])}{more}")
        for rec in records:
            rec.meta = normalize_metadata(rec.meta) if rec.meta else {}
        if dates == "auto":
            fill_dates(records, encoding)
        if order == "date" and any(r.date for r in records):
            records = sorted(records, key=lambda r: (r.date is None, r.date or ""))
        self._set_records(records)

    def _set_records(self, records: list[Record]) -> None:
        self._records = records
        self._index = {r.name: i for i, r in enumerate(records)}
        self._errors = {}

    def _init_state(self, tokenizer: Tokenizer | None, errors: str, encoding: str | None) -> None:
        self._tokenizer = tokenizer
        self._errors_mode = errors
        self.encoding = encoding

    @classmethod
    @validate_params(_options("tokenizer", "errors", "encoding", "order", path=["path"], pattern=["str"],
                              dates=[Options(str, {"auto", "table"})]), func="Corpus.from_folder")
    def from_folder(cls, path: str | os.PathLike[str], *, metadata: Any = "auto", pattern: str | None = None,
                    tokenizer: Tokenizer | None = None, errors: Literal["report", "raise"] = "report",
                    encoding: str | None = None, order: Literal["date", "given"] = "date",
                    dates: Literal["auto", "table"] = "auto") -> Corpus:
        """The files of a folder that match ``pattern``, with an optional metadata table.

        Parameters
        ----------
        path : str | path
            The folder.
        metadata : "auto" | str | path | DataFrame | None
            ``"auto"``: the first of ``metadata.csv``, ``metadata.tsv``,
            ``MANIFEST.tsv`` found in the folder (none is fine). A file name
            (relative to the folder) or path of a CSV (``.csv``) or
            tab-separated (``.tsv``, ``.tab``, ``.txt``) table with a header
            row and a ``file`` column (file names relative to the folder, as
            in the shared ``MANIFEST.tsv``: ``file, title, kind, date, …``)
            or a ``name`` column (file stems). ``None``: no table.
        pattern : str, optional
            Glob pattern, relative to the folder (``"**/*.txt"`` for
            subfolders). Default: ``"*.txt"``, or ``"**/*.txt"`` when the
            folder holds ``.txt`` files only in subfolders (a dated record
            kept in year folders, as ``YYYY/YYYYMMDD.txt``). Hidden files and
            the metadata table are skipped.
        dates : {"auto", "table"}
            ``"auto"``: a document the table leaves undated (or every
            document, when no table is found) is dated from its file name
            (``20210526.txt``), else from the date it states (as
            :func:`policytext.load` finds it); ``metadata["date_source"]``
            says which (``table``, ``file name``, ``document``). ``"table"``:
            dates from the table only. ``metadata=None`` reads no dates.
        tokenizer, errors, encoding, order
            As for :class:`Corpus`.

        Returns
        -------
        Corpus
            Names are paths relative to the folder without the suffix
            (``plenum_20_3_communique``, ``sub/a``).

        Raises
        ------
        DocumentNotFoundError
            The folder or the named metadata table does not exist.

        Examples
        --------
        >>> from policytext._resources import data_dir
        >>> corpus = Corpus.from_folder(data_dir("corpora"))
        >>> corpus.names, corpus.metadata.loc["reference_bianban_2022", "issuer"]
        (['reference_bianban_2022'], '市委编办')
        """
        folder = Path(path)
        if not folder.is_dir():
            raise DocumentNotFoundError(str(path), "no such folder" if not folder.exists() else "is not a folder")
        fill = dates if metadata is not None else None  # metadata=None: no metadata, no dates
        metadata, table = folder_table(folder, metadata)
        skip = table.resolve() if table is not None else None
        if pattern is None:  # top-level .txt files; a record kept only in subfolders is read from them
            pattern = "*.txt" if any(folder.glob("*.txt")) or not any(folder.glob("*/**/*.txt")) else "**/*.txt"
        files = sorted(
            p for p in folder.glob(pattern)
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
            and p.resolve() != skip
        )
        records = [Record(name=_label(p.relative_to(folder).with_suffix("")), path=str(p)) for p in files]
        corpus = cls.__new__(cls)
        corpus._setup(records, metadata=metadata, base=folder, order=order,
                      dates=fill, encoding=encoding)
        corpus._init_state(tokenizer, errors, encoding)
        return corpus

    @classmethod
    @validate_params(_options("tokenizer", "errors", "order", frame=[InstanceOf("pandas.DataFrame"), DaskFrame()]),
                     func="Corpus.from_frame")
    def from_frame(cls, frame: pd.DataFrame, *, text: str = "text", name: str | None = None,
                   tokenizer: Tokenizer | None = None, errors: Literal["report", "raise"] = "report",
                   order: Literal["date", "given"] = "date") -> Corpus:
        """One document per row of a DataFrame; the other columns are metadata.

        Parameters
        ----------
        frame : pandas.DataFrame | dask.dataframe.DataFrame
            The table. A dask DataFrame is read one partition at a time (only
            one partition's pandas frame is held at once; the texts are kept,
            as for a pandas frame); a default index of each partition counts
            on across partitions (``doc0`` … for the whole frame).
        text : str
            The column holding the document texts.
        name : str, optional
            The column of document names; default the ``name`` column if
            there is one, else the index when it is not a default range index,
            else ``doc0``, ``doc1`` ….
        tokenizer, errors, order
            As for :class:`Corpus`.

        Examples
        --------
        >>> import pandas as pd
        >>> frame = pd.DataFrame({"text": ["要学习。", "要落实。"], "date": ["2024-01-02", "2023-05-06"]})
        >>> Corpus.from_frame(frame).names
        ['doc1', 'doc0']
        """
        if text not in frame.columns:
            raise InvalidParameterError.unknown("text", "Corpus.from_frame", text, map(str, frame.columns))
        if name is not None and name not in frame.columns:
            raise InvalidParameterError.unknown("name", "Corpus.from_frame", name, map(str, frame.columns))
        if name is None and "name" in frame.columns:
            name = "name"
        records: list[Record] = []
        for part in partitions(frame):
            names = _frame_names(part, name, start=len(records))
            meta_cols = [c for c in part.columns if c not in (text, name)]
            rows = part[meta_cols].to_dict(orient="records") if meta_cols else [{} for _ in range(len(part))]
            records.extend(Record(name=nm, text=txt, meta={str(k): v for k, v in row.items()})
                           for nm, txt, row in zip(names, part[text].tolist(), rows))
        corpus = cls.__new__(cls)
        corpus._setup(records, metadata=None, base=None, order=order)
        corpus._init_state(tokenizer, errors, None)
        return corpus

    # -- container protocol ----------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._records)

    def __contains__(self, name: object) -> bool:
        return name in self._index

    def __iter__(self) -> Iterator[Document]:
        """Documents in corpus order, loaded one at a time (broken ones skipped and reported)."""
        for rec in self._records:
            try:
                doc = self._load(rec)
            except InputError as exc:
                self._fail(rec, exc)
                continue
            self._errors.pop(rec.name, None)
            yield doc

    def __getitem__(self, key: int | str) -> Document:
        """The document at a position or with a name (errors always raise here)."""
        if isinstance(key, bool) or not isinstance(key, (int, str)):
            raise TypeError(f"Corpus indices are names or ints, not {type(key).__name__}")
        if isinstance(key, str):
            if key not in self._index:
                close = [n for n in self._index if key in n][:5]
                hint = f"; similar names: {', '.join(close)}" if close else ""
                raise KeyError(f"no document named {key!r} in this corpus of {len(self)}{hint}")
            rec = self._records[self._index[key]]
        else:
            rec = self._records[key]
        return self._load(rec)

    def __repr__(self) -> str:
        dates = [r.date for r in self._records if r.date]
        span = f", {min(dates)} … {max(dates)}" if dates else ""
        return f"Corpus({len(self)} documents{span})"

    def _load(self, rec: Record) -> Document:
        return _parallel.load(rec, self.encoding)

    def _fail(self, rec: Record, exc: PolicyTextError) -> None:
        if self._errors_mode == "raise":
            raise exc
        failed = FailedDocument(rec.name, type(exc).__name__, str(exc), rec.path)
        self._errors[rec.name] = failed
        _warn(f"{rec.name}: skipped ({failed.error}: {failed.message}); see Corpus.errors")

    # -- properties ---------------------------------------------------------------------------
    @property
    def names(self) -> list[str]:
        """Document names, in corpus order."""
        return [r.name for r in self._records]

    @property
    def tokenizer(self) -> Tokenizer:
        """The tokenizer used by the corpus analyses."""
        if self._tokenizer is None:
            from ..tokens.tokenizer import default_tokenizer

            self._tokenizer = default_tokenizer()
        return self._tokenizer

    @property
    def errors(self) -> list[FailedDocument]:
        """Documents that failed so far (in corpus order); refreshed by every pass over the corpus."""
        return [self._errors[r.name] for r in self._records if r.name in self._errors]

    def errors_frame(self) -> pd.DataFrame:
        """:attr:`errors` as a DataFrame with columns ``name, error, message, path``."""
        import pandas as pd

        rows = [(e.name, e.error, e.message, e.path) for e in self.errors]
        return pd.DataFrame(rows, columns=["name", "error", "message", "path"])

    @property
    def metadata(self) -> pd.DataFrame:
        """One row per document (index ``document``): schema fields, ``path``, then other columns.

        Values come from the metadata given to the corpus (and, for
        :class:`Document` items, from the document); files are not opened.
        Columns are typed (:func:`~policytext.corpus.metadata.metadata_frame`):
        ``date`` is ``datetime64[us]`` (a partial date such as ``2022`` is the
        first day of its period, and a ``date_precision`` column after
        ``path`` says ``"year"``),
        text fields are ``string``, counts such as a ``chars`` column of a
        metadata table are ``Int64``; a missing value is ``pd.NA`` (``NaT``
        for dates). The documents keep their ISO date texts
        (``corpus[name].metadata["date"]``).

        Examples
        --------
        >>> meta = Corpus(["要学习。", "要落实。"], metadata=[{"date": "2024-07-18", "chars": "4"},
        ...                                                   {"date": "2022"}]).metadata
        >>> meta[["date", "date_precision", "chars"]].dtypes.astype(str).tolist()
        ['datetime64[us]', 'string', 'Int64']
        >>> meta["date"].dt.year.tolist(), meta["chars"].tolist()
        ([2022, 2024], [<NA>, 4])
        """
        columns: list[str] = list(SCHEMA) + ["path"]
        rows = []
        for rec in self._records:
            row = dict(rec.meta)
            if rec.path is not None or "path" not in row:  # shown, so that every writer can encode it
                row["path"] = None if rec.path is None else printable_path(rec.path)
            rows.append(row)
            columns.extend(k for k in row if k not in columns)
        return metadata_frame(rows, columns, self.names)

    def subset(self, selector: Iterable[str] | Iterable[bool]) -> Corpus:
        """A corpus of some of the documents, in this corpus's order.

        Parameters
        ----------
        selector : iterable of names, or a boolean mask aligned with :attr:`names`
            e.g. ``corpus.metadata["kind"] == "公报"``. A missing value in a
            nullable mask (``pd.NA``: a document without a kind) does not
            select, as in pandas indexing.

        Examples
        --------
        >>> corpus = Corpus(["要学习。", "要落实。", "要推进。"])
        >>> corpus.subset([False, True, True]).names, corpus.subset(["doc2"]).names
        (['doc1', 'doc2'], ['doc2'])
        """
        sel: list[Any] = list(selector)
        if sel and all(type(s).__name__ in _MASK_VALUES for s in sel):
            if len(sel) != len(self):
                raise InvalidParameterError.build("selector", "Corpus.subset",
                                                  f"a mask of length {len(self)}", f"length {len(sel)}")
            keep = {r.name for r, s in zip(self._records, sel) if type(s).__name__ != "NAType" and s}
        else:
            missing = [s for s in sel if s not in self._index]
            if missing:
                raise KeyError(f"no documents named {missing[:5]!r} in this corpus")
            keep = set(sel)
        new = Corpus.__new__(Corpus)
        new._set_records([r for r in self._records if r.name in keep])
        new._init_state(self._tokenizer, self._errors_mode, self.encoding)
        return new

    # -- execution ----------------------------------------------------------------------------
    def map(self, fn: Callable[..., Any], *, processes: Processes = None, client: Any = None,
            chunksize: int | None = None, progress: bool | None = None,
            send: Literal["path", "bytes"] = "path") -> dict[str, Any]:
        """Apply ``fn`` to every document; results by name, in corpus order.

        Parameters
        ----------
        fn : callable
            ``fn(doc)``, or ``fn(doc, tokenizer=...)`` when it has a
            ``tokenizer`` parameter: it then receives the corpus tokenizer
            (in workers, the worker's copy, initialised once per worker). For
            processes it must be picklable: a module-level function or a
            :func:`functools.partial` of one. Return something small (a
            Counter, a tuple …): that is what travels back.
        processes : int | "auto" | None
            ``None`` (the default): on the active ``dask.distributed`` client
            when one is running, else serially in this process (see the
            module docstring); ``1``: serially in this process. ``n >= 2``: a pool of ``n`` spawned worker
            processes, at most four per available CPU. ``"auto"``: one per
            available CPU.
        client : dask.distributed.Client, optional
            Run on this Dask cluster instead (``pip install 'policytext[dask]'``).
            The workers must see the files (or use ``send="bytes"``).
        chunksize : int, optional
            Documents per task for processes and Dask. Default: enough for
            about four tasks per worker, at most 64 documents.
        progress : bool, optional
            A tqdm progress bar on stderr; default only when stderr is a terminal.
        send : {"path", "bytes"}
            What travels to workers for documents read from files: the path
            (workers read the file; needs a shared file system) or the file's
            bytes. Texts and Documents travel as text.

        Returns
        -------
        dict
            name → ``fn(doc)`` for every document that could be processed,
            in corpus order. Failures are in :attr:`errors` (see ``errors``).

        Raises
        ------
        InvalidParameterError
            Bad options (also more than four processes per CPU), a function
            that cannot be sent to processes, or processes asked for where
            the spawned workers would run the call again (see the module
            docstring).
        MissingDependencyError
            ``client`` given but ``dask.distributed`` is not installed.

        Examples
        --------
        >>> corpus = Corpus(["要学习。", "要落实，要推进。"])
        >>> corpus.map(len)
        {'doc0': 4, 'doc1': 8}
        """
        return dict(self.imap(fn, processes=processes, client=client, chunksize=chunksize, progress=progress,
                              send=send))

    @validate_params(_options(*_EXECUTION, "send", fn=["callable"]), func="Corpus.map")
    def imap(self, fn: Callable[..., Any], *, processes: Processes = None, client: Any = None,
             chunksize: int | None = None, progress: bool | None = None,
             send: Literal["path", "bytes"] = "path") -> Iterator[tuple[str, Any]]:
        """Like :meth:`map`, but yield ``(name, result)`` pairs in corpus order as they are ready.

        Options are checked at once, before the first document is read. Only
        a bounded number of chunks is in flight at any time, so memory stays
        flat however large the corpus.

        >>> [name for name, n in Corpus(["要学习。", "要落实。"]).imap(len)]
        ['doc0', 'doc1']
        """
        outcomes = _parallel.execute(self._records, fn, tokenizer=lambda: self.tokenizer, encoding=self.encoding,
                                     processes=processes, client=client, chunksize=chunksize, progress=progress,
                                     send=send)
        return self._collect(outcomes)

    def _collect(self, outcomes: Generator[Outcome, None, None]) -> Iterator[tuple[str, Any]]:
        """``(name, result)`` of the successes; failures recorded (or raised) as ``errors`` says."""
        with closing(outcomes):  # also when _fail raises: workers are shut down at once
            for rec, ok, value in outcomes:
                if ok:
                    self._errors.pop(rec.name, None)
                    yield rec.name, value
                else:
                    self._fail(rec, value)
