"""Result tables as files: CSV / TSV and Parquet, written atomically.

The tables are those of the corpus analyses
(:meth:`~policytext.corpus.corpus.Corpus.term_frequencies`,
:attr:`~policytext.corpus.corpus.Corpus.metadata`, …) or any other
DataFrame; :func:`policytext.write` (``pt.write(tf, "tf.parquet")``) calls
these functions. Every file goes through :func:`policytext._files.atomic_path`:
a reader never sees a half-written table, and a failed write leaves the old
file (or none).

* **Sparse tables.** ``DataFrame.to_parquet`` refuses ``Sparse`` columns
  (pyarrow has no sparse type: ``TypeError: Sparse pandas data … not
  supported``); :func:`to_parquet` writes them, as the dense table they
  stand for, in row groups made one at a time from the sparse matrix. Each
  group adds a column chunk per term to the file's footer (about 300 bytes
  each), so a table of more than 25,000 terms is one group, held dense while
  it is written: the whole ``../shared/xwlb`` record (5,078 × 93,895) needs
  3.8 GB that way, and in eight groups still 2.5 GB and a 205 MB file
  against 66 MB. ``long=True`` writes the
  compact form ``document, term, count`` (non-zero counts only), the one to
  use for a large corpus. :func:`to_csv` writes sparse columns dense.
* **Formulas.** A spreadsheet runs a CSV cell that starts with ``=``, ``+``,
  ``-`` or ``@`` (also tab and carriage return) as a formula, so a
  document name or a term such as ``=HYPERLINK(…)`` taken from the input
  could act when the file is opened (CSV or formula injection). As OWASP
  recommends, :func:`to_csv` puts a single quote in front of such text
  cells, index values and column names (:func:`escape_formula`); numbers are
  not changed (``-3`` stays a number). ``escape_formulas=False`` writes the
  text as it is, for files that only programs read.

Examples
--------
>>> import tempfile, pathlib, pandas as pd
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> tf = pd.DataFrame({"党的建设": [2, 0], "法定化": [0, 1]}, index=pd.Index(["a", "b"], name="document"))
>>> to_csv(tf, d / "tf.csv", long=True).read_text(encoding="utf-8").splitlines()
['document,term,count', 'a,党的建设,2', 'b,法定化,1']
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._files import atomic_path
from ..errors import MissingDependencyError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    import pyarrow as pa

__all__ = ["to_csv", "to_parquet", "escape_formula", "FORMULA_PREFIXES"]

#: First characters that make a spreadsheet read a text cell as a formula (OWASP, "CSV Injection").
FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value: Any) -> Any:
    """``value`` with a single quote in front when it is text a spreadsheet would run as a formula.

    Anything else (other text, numbers, missing values) is returned as it is.

    >>> [escape_formula(v) for v in ("=HYPERLINK(\\"http://x\\")", "-党建", "@x", "党建", -3, None)]
    ['\\'=HYPERLINK("http://x")', "'-党建", "'@x", '党建', -3, None]
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _is_text(dtype: Any) -> bool:
    """Object or string dtype (the columns that can hold text)."""
    import pandas as pd

    return pd.api.types.is_object_dtype(dtype) or isinstance(dtype, pd.StringDtype)


def _escape_labels(index: pd.Index) -> pd.Index:
    import pandas as pd

    if isinstance(index, pd.MultiIndex):
        index = index.set_levels([level.map(escape_formula) for level in index.levels])
    elif _is_text(index.dtype):
        index = index.map(escape_formula)
    return index.set_names([escape_formula(n) for n in index.names])


def _escape_column(column: pd.Series) -> Any:
    """A text (or object) column with its formula cells escaped, or None when none needs it."""
    try:
        starts = column.str.startswith(FORMULA_PREFIXES, na=False)
    except AttributeError:  # an object column without text
        return None
    if not starts.any():
        return None
    return column.where(~starts.astype(bool), "'" + column.astype(object).where(starts.astype(bool), ""))


def _escape(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with formula text escaped in cells, index and column names (a shallow copy)."""
    out = frame.copy(deep=False)
    out.index = _escape_labels(frame.index)
    out.columns = _escape_labels(frame.columns)
    for j, dtype in enumerate(frame.dtypes):
        if _is_text(dtype):
            escaped = _escape_column(frame.iloc[:, j])
            if escaped is not None:
                out.isetitem(j, escaped.array)  # positional: the index labels may have changed
    return out


def _long(frame: pd.DataFrame) -> pd.DataFrame:
    """A documents × terms table as ``document, term, count`` rows (non-zero counts)."""
    import numpy as np
    import pandas as pd
    from scipy import sparse as sp

    if frame.shape[1] and all(isinstance(t, pd.SparseDtype) for t in frame.dtypes):
        csr = frame.sparse.to_coo().tocsr()  # no dense copy: memory follows the non-zero counts
    else:
        csr = sp.csr_matrix(frame.to_numpy(dtype=np.int64))
    csr.sum_duplicates()  # also sorts each row's columns: rows in document order, then term order
    csr.eliminate_zeros()
    rows = np.repeat(np.arange(csr.shape[0]), np.diff(csr.indptr))
    return pd.DataFrame({
        "document": np.asarray(frame.index, dtype=object)[rows],
        "term": np.asarray(frame.columns, dtype=object)[csr.indices],
        "count": csr.data.astype(np.int64),
    })


def _check_frame(frame: Any, func: str) -> None:
    import pandas as pd

    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{func} expects a pandas DataFrame, not {type(frame).__name__}")


def _prepare(frame: pd.DataFrame, long: bool, func: str) -> pd.DataFrame:
    """The table as it is written: long, or with sparse columns made dense."""
    import pandas as pd

    _check_frame(frame, func)
    if long:
        return _long(frame)
    sparse_cols = [c for c, t in frame.dtypes.items() if isinstance(t, pd.SparseDtype)]
    if sparse_cols:
        if len(sparse_cols) == frame.shape[1]:
            frame = frame.sparse.to_dense()
        else:
            frame = frame.astype({c: frame[c].dtype.subtype for c in sparse_cols})
    return frame


def to_csv(frame: pd.DataFrame, path: str | os.PathLike[str], *, long: bool = False,
           escape_formulas: bool = True) -> Path:
    """Write a result table as UTF-8 CSV (``.tsv``: tab-separated); sparse columns are written dense.

    Parameters
    ----------
    frame : pandas.DataFrame
        A result of a corpus analysis, or :attr:`Corpus.metadata`.
    path : str | path
        Output file.
    long : bool
        Write a documents × terms table as ``document, term, count`` rows
        (non-zero counts only): the compact form for large corpora.
    escape_formulas : bool
        Put a single quote in front of text cells, index values and column
        names that start with ``=``, ``+``, ``-``, ``@``, tab or carriage
        return, so that a spreadsheet shows them as text instead of running
        them (OWASP's advice against CSV injection; see the module
        docstring). Numbers are never changed.

    Notes
    -----
    Lines end with ``\n``; when a text cell holds a carriage return the file
    uses ``\r\n`` (as RFC 4180), so that the cell is quoted and no reader
    splits it into two rows.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    OutputError
        The file cannot be written.
    TypeError
        ``frame`` is not a DataFrame.

    Examples
    --------
    >>> import tempfile, pathlib, pandas as pd
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "meta.tsv"
    >>> to_csv(pd.DataFrame({"date": ["2024-07-18"]}, index=pd.Index(["a"], name="document")), out).name
    'meta.tsv'
    >>> out.read_text(encoding="utf-8").splitlines()
    ['document\\tdate', 'a\\t2024-07-18']
    >>> frame = pd.DataFrame({"title": ["=1+2", "-党建"], "n": [-3, 4]}, index=pd.Index(["@a", "b"], name="document"))
    >>> to_csv(frame, out.with_suffix(".csv")).read_text(encoding="utf-8").splitlines()
    ['document,title,n', "'@a,'=1+2,-3", "b,'-党建,4"]
    """
    _check_frame(frame, "to_csv")
    streamed = not long and _sparse_zero(frame) and frame.dtypes.nunique() == 1
    if not streamed:
        frame = _prepare(frame, long, "to_csv")
    if escape_formulas:
        frame = _escape(frame)
    out = Path(path)
    sep = "\t" if out.suffix.lower() in (".tsv", ".tab") else ","
    # Python's csv quotes a cell holding a line terminator character; a bare "\r" is one only with "\r\n"
    ends = "\r\n" if _has_cr(frame) else "\n"
    with atomic_path(out) as tmp:  # a reader never sees a half-written table; OSError -> OutputError
        if streamed:
            _csv_sparse(frame, tmp, sep=sep, ends=ends)
        else:
            frame.to_csv(tmp, sep=sep, index=not long, encoding="utf-8", lineterminator=ends)
    return out


def _csv_sparse(frame: pd.DataFrame, path: Path, *, sep: str, ends: str) -> None:
    """The dense CSV of a sparse table (one subtype, fill value 0), written a block of rows at a time.

    The bytes are those of ``frame.sparse.to_dense().to_csv(...)``; memory holds one block of about
    :data:`_GROUP_CELLS` dense cells, not the table.
    """
    import pandas as pd

    csr = frame.sparse.to_coo().tocsr()
    dtype = frame.dtypes.iloc[0].subtype
    n, m = frame.shape
    step = max(1, _GROUP_CELLS // m)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        for start in range(0, n, step):
            block = pd.DataFrame(csr[start:start + step].toarray().astype(dtype, copy=False),
                                 index=frame.index[start:start + step], columns=frame.columns)
            block.to_csv(fh, sep=sep, header=start == 0, lineterminator=ends)
            del block


def _has_cr(frame: pd.DataFrame) -> bool:
    """Whether a text cell, index value or column name holds a carriage return."""
    labels = [*frame.index.to_flat_index(), *frame.columns.to_flat_index(), *frame.index.names]
    if any(isinstance(v, str) and "\r" in v for v in labels):
        return True
    for j, dtype in enumerate(frame.dtypes):
        if _is_text(dtype):
            try:
                if frame.iloc[:, j].str.contains("\r", regex=False, na=False).any():
                    return True
            except AttributeError:  # an object column without text
                continue
    return False


def _sparse_zero(frame: pd.DataFrame) -> bool:
    """Whether every column is a numeric ``Sparse`` column with fill value 0 (and the table is not empty)."""
    import numpy as np
    import pandas as pd

    return bool(frame.shape[0] and frame.shape[1]) and not isinstance(frame.index, pd.MultiIndex) and all(
        isinstance(t, pd.SparseDtype) and np.issubdtype(t.subtype, np.number) and t.fill_value == 0
        for t in frame.dtypes)


#: Cells per Parquet row group when a sparse table is written (32 MB of int64); at most this many groups,
#: and at most this many column chunks in all (each costs memory while writing and a footer entry).
_GROUP_CELLS = 2**22
_MAX_GROUPS = 16
_MAX_CHUNKS = 50_000


def _dense_schema(frame: pd.DataFrame) -> pa.Schema:
    """The Arrow schema (pandas metadata included) of the dense form of a sparse frame.

    ``pa.Schema.from_pandas`` inspects every column (4.5 s for the 37,968 of a
    year of ``../shared/xwlb``); when every column has the same subtype and a
    distinct text label, the schema of the first column is repeated instead:
    the same schema, metadata bytes included (``tests/test_corpus_memory.py``).
    """
    import json

    import pandas as pd
    import pyarrow as pa

    labels = list(frame.columns)
    uniform = frame.dtypes.nunique() == 1 and all(isinstance(t, str) for t in labels) \
        and len(set(labels)) == len(labels) and not isinstance(frame.columns, pd.MultiIndex)
    if not uniform:
        return pa.Schema.from_pandas(frame.iloc[:1].sparse.to_dense(), preserve_index=True)
    base = pa.Schema.from_pandas(frame.iloc[:1, :1].sparse.to_dense(), preserve_index=True)
    meta = json.loads(base.metadata[b"pandas"])
    entry = meta["columns"][0]
    meta["columns"] = [{**entry, "name": t, "field_name": t} for t in labels] + meta["columns"][1:]
    first = base.field(0)
    fields = [first.with_name(t) for t in labels] + [base.field(i) for i in range(1, len(base))]
    return pa.schema(fields, metadata={**base.metadata, b"pandas": json.dumps(meta).encode("utf8")})


def _write_sparse(frame: pd.DataFrame, path: Path) -> None:
    """Write the dense form of a sparse frame in row groups made from the sparse matrix (no dense pandas copy).

    Each row group is ``rows × terms`` dense cells, about
    :data:`_GROUP_CELLS`, so the memory needed is that of one group, not of
    the table; but no more than :data:`_MAX_GROUPS` groups, and fewer for
    very wide tables (:data:`_MAX_CHUNKS`), as every group adds a column
    chunk per term to the footer.
    """
    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq

    csr = frame.sparse.to_coo().tocsr()
    index = pa.Table.from_pandas(pd.DataFrame(index=frame.index), preserve_index=True)
    pandas_schema = _dense_schema(frame)
    n, m = frame.shape
    schema = pa.schema([pandas_schema.field(j) for j in range(m)] + list(index.schema),
                       metadata=pandas_schema.metadata)
    groups = max(1, min(_MAX_GROUPS, -(-n * m // _GROUP_CELLS), _MAX_CHUNKS // m))
    rows = -(-n // groups)
    dtypes = [t.subtype for t in frame.dtypes]
    with pq.ParquetWriter(path, schema) as writer:
        for start in range(0, n, rows):
            block = csr[start:start + rows].toarray(order="F")  # columns contiguous: Arrow takes them as they are
            arrays = [pa.array(block[:, j].astype(dtypes[j], copy=False)) for j in range(m)]
            part = index.slice(start, block.shape[0]).columns
            writer.write_table(pa.Table.from_arrays([*arrays, *part], schema=schema))
            del arrays, block


def _arrow_ready(frame: pd.DataFrame) -> pd.DataFrame:
    """Object columns pyarrow cannot store (values of mixed types, e.g. 1 and "A") as text; NA kept."""
    import pandas as pd
    import pyarrow as pa

    from ..corpus.metadata import is_missing

    out = frame
    for j, dtype in enumerate(frame.dtypes):
        if not pd.api.types.is_object_dtype(dtype):
            continue
        column = frame.iloc[:, j]
        try:
            pa.array(column, from_pandas=True)
        except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
            if out is frame:
                out = frame.copy(deep=False)
            out.isetitem(j, pd.array([None if is_missing(v) else str(v) for v in column], dtype="string"))
    return out


def to_parquet(frame: pd.DataFrame, path: str | os.PathLike[str], *, long: bool = False) -> Path:
    """Write a result table as Parquet (needs pyarrow: ``pip install 'policytext[parquet]'``).

    Parameters as for :func:`to_csv`. Term columns are strings, so a
    documents × terms table keeps its Chinese column names. A sparse table
    (``term_frequencies(sparse=True)``, which ``DataFrame.to_parquet``
    refuses) is written as the dense table it stands for, in row groups
    made one at a time from the sparse matrix, so that memory holds one
    group (about 32 MB; fewer, larger groups for very wide tables) instead
    of dense copies of the whole table; ``pd.read_parquet`` reads it back
    as ``int64`` columns. Object columns with values of mixed types are
    written as text. Parquet cells are typed, so no formula escaping is
    needed.

    Raises
    ------
    MissingDependencyError
        pyarrow is not installed.
    OutputError
        The file cannot be written.
    TypeError
        ``frame`` is not a DataFrame.

    Examples
    --------
    >>> import tempfile, pathlib, pandas as pd
    >>> from scipy import sparse
    >>> tf = pd.DataFrame.sparse.from_spmatrix(sparse.csr_matrix([[2, 0], [0, 1]]),
    ...                                        index=pd.Index(["a", "b"], name="document"), columns=["党建", "法定化"])
    >>> back = pd.read_parquet(to_parquet(tf, pathlib.Path(tempfile.mkdtemp()) / "tf.parquet"))
    >>> back.values.tolist(), back.index.name, str(back.dtypes.iloc[0])
    ([[2, 0], [0, 1]], 'document', 'int64')
    """
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise MissingDependencyError("pyarrow", "Writing Parquet files", "parquet") from None
    out = Path(path)
    _check_frame(frame, "to_parquet")
    if not long and _sparse_zero(frame):
        with atomic_path(out) as tmp:  # OSError -> OutputError
            _write_sparse(frame, tmp)
        return out
    frame = _arrow_ready(_prepare(frame, long, "to_parquet"))
    with atomic_path(out) as tmp:  # OSError -> OutputError
        frame.to_parquet(tmp, engine="pyarrow", index=not long)
    return out
