"""Result tables as files: CSV / TSV and Parquet, written atomically.

The tables are those of the corpus analyses
(:meth:`~policytext.corpus.corpus.Corpus.term_frequencies`,
:attr:`~policytext.corpus.corpus.Corpus.metadata`, …) or any other
DataFrame. Sparse columns are written dense; a documents × terms table can be
written in the long form ``document, term, count`` (non-zero counts only).
Every file goes through :func:`policytext._files.atomic_path`: a reader never
sees a half-written table, and a failed write leaves the old file (or none).

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
from typing import TYPE_CHECKING

from .._files import atomic_path
from ..errors import MissingDependencyError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["to_csv", "to_parquet"]


def _long(frame: pd.DataFrame) -> pd.DataFrame:
    """A documents × terms table as ``document, term, count`` rows (non-zero counts)."""
    import numpy as np
    import pandas as pd
    from scipy import sparse as sp

    if frame.shape[1] and all(isinstance(t, pd.SparseDtype) for t in frame.dtypes):
        coo = frame.sparse.to_coo().tocoo()
    else:
        coo = sp.coo_matrix(frame.to_numpy(dtype=np.int64))
    order = np.lexsort((coo.col, coo.row))
    rows, cols, vals = coo.row[order], coo.col[order], coo.data[order]
    keep = vals != 0
    return pd.DataFrame({
        "document": np.asarray(frame.index, dtype=object)[rows[keep]],
        "term": np.asarray(frame.columns, dtype=object)[cols[keep]],
        "count": vals[keep].astype(np.int64),
    })


def _prepare(frame: pd.DataFrame, long: bool, func: str) -> pd.DataFrame:
    """The table as it is written: long, or with sparse columns made dense."""
    import pandas as pd

    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{func} expects a pandas DataFrame, not {type(frame).__name__}")
    if long:
        return _long(frame)
    sparse_cols = [c for c, t in frame.dtypes.items() if isinstance(t, pd.SparseDtype)]
    if sparse_cols:
        if len(sparse_cols) == frame.shape[1]:
            frame = frame.sparse.to_dense()
        else:
            frame = frame.astype({c: frame[c].dtype.subtype for c in sparse_cols})
    return frame


def to_csv(frame: pd.DataFrame, path: str | os.PathLike[str], *, long: bool = False) -> Path:
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
    """
    frame = _prepare(frame, long, "to_csv")
    out = Path(path)
    sep = "\t" if out.suffix.lower() in (".tsv", ".tab") else ","
    with atomic_path(out) as tmp:  # a reader never sees a half-written table; OSError -> OutputError
        frame.to_csv(tmp, sep=sep, index=not long, encoding="utf-8")
    return out


def to_parquet(frame: pd.DataFrame, path: str | os.PathLike[str], *, long: bool = False) -> Path:
    """Write a result table as Parquet (needs pyarrow: ``pip install 'policytext[parquet]'``).

    Parameters as for :func:`to_csv`. Term columns are strings, so a
    documents × terms table keeps its Chinese column names.

    Raises
    ------
    MissingDependencyError
        pyarrow is not installed.
    OutputError
        The file cannot be written.
    TypeError
        ``frame`` is not a DataFrame.
    """
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise MissingDependencyError("pyarrow", "Writing Parquet files", "parquet") from None
    frame = _prepare(frame, long, "to_parquet")
    out = Path(path)
    with atomic_path(out) as tmp:  # OSError -> OutputError
        frame.to_parquet(tmp, engine="pyarrow", index=not long)
    return out
