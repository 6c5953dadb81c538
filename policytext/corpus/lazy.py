"""For Dask users: lazy results (``compute=False`` gives a Dask collection to compute later), dask DataFrames in.

:func:`lazy_parts` turns a corpus pass into one ``dask.delayed`` task per
chunk of documents (the chunks and payloads of
:mod:`policytext.corpus._parallel`; the tokenizer is one node of the graph,
shared by every task), and the ``lazy_*`` functions add the task that
combines the parts into the table the eager call returns. Nothing runs until
``.compute()``, which uses the active ``dask.distributed`` client when one
is running (Dask's own rule), else Dask's local scheduler.

A document that cannot be read is left out of a lazy result (with
``errors="report"``: a :class:`~policytext.corpus.metadata.CorpusWarning`
raised where the combining task runs) or raises when computed
(``errors="raise"``); :attr:`Corpus.errors` is not updated by a lazy result.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from .._validation import Constraint
from ..errors import MissingDependencyError
from ._parallel import _dask_chunk, _unpack_exc, accepts_tokenizer, chunks
from ._spawn import cpu_count
from .metadata import CorpusWarning

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["lazy_parts", "lazy_term_frequencies", "lazy_trajectories", "DaskFrame", "partitions"]


def _dask(func: str) -> Any:
    try:
        import dask
    except ImportError:
        raise MissingDependencyError("dask", f"{func}(compute=False)", "dask") from None
    return dask


def lazy_parts(corpus: Any, fn: Callable[..., Any], *, chunksize: int | None, func: str) -> list[Any]:
    """One delayed task per chunk of the corpus's documents, each giving the worker answers of its chunk."""
    dask = _dask(func)
    pass_tk = accepts_tokenizer(fn)
    tk = dask.delayed(corpus.tokenizer, pure=True) if pass_tk else None
    task = dask.delayed(_dask_chunk, pure=True)
    return [task(chunk, fn, pass_tk, tk)
            for chunk in chunks(corpus._records, corpus.encoding, chunksize, cpu_count(), "path")]


def _successes(parts: list[list[Any]], errors: str) -> Iterator[tuple[str, Any]]:
    """``(name, value)`` of the documents that could be processed; the others warned about or raised."""
    for answers in parts:
        for name, status, value, _warns in answers:
            if status == "ok":
                yield name, value
                continue
            exc = _unpack_exc(value)
            if errors == "raise":
                raise exc
            warnings.warn(f"{name}: skipped ({type(exc).__name__}: {exc})", CorpusWarning, stacklevel=2)


def _tf_combine(parts: list[list[Any]], errors: str, wanted: list[str] | None, min_count: int,
                sparse: bool | None, top: int | None = None) -> Any:
    from .analyses import collect_rows, term_frame

    return term_frame(collect_rows(_successes(parts, errors)), wanted=wanted, min_count=min_count, sparse=sparse,
                      top=top)


def lazy_term_frequencies(corpus: Any, fn: Callable[..., Any], *, chunksize: int | None, wanted: list[str] | None,
                          min_count: int, sparse: bool | None, top: int | None = None) -> Any:
    """A ``dask.delayed`` whose value is the table of :meth:`Corpus.term_frequencies`."""
    dask = _dask("Corpus.term_frequencies")
    parts = lazy_parts(corpus, fn, chunksize=chunksize, func="Corpus.term_frequencies")
    return dask.delayed(_tf_combine, pure=True)(parts, corpus._errors_mode, wanted, min_count, sparse, top)


def _traj_combine(parts: list[list[Any]], errors: str, dates: dict[str, str | None], counter: Any, freq: str,
                  per: int, zeros: bool, all_terms: bool) -> Any:
    from ..analysis.compare.series import SeriesRow, trajectory_frame
    from ._hits import most_frequent

    rows = (SeriesRow(name, dates[name], chars, None, hits) for name, (chars, hits) in _successes(parts, errors))
    frame = trajectory_frame(rows, counter, freq=freq, per=per, zeros=zeros)
    return most_frequent(frame) if all_terms else frame


def lazy_trajectories(corpus: Any, counter: Any, run: dict[str, Any], *, freq: str, per: int, zeros: bool,
                      all_terms: bool) -> Any:
    """A one-partition dask DataFrame whose value is the tidy table of :meth:`Corpus.term_trajectories`."""
    from functools import partial

    import pandas as pd

    from ._hits import term_hits

    dask = _dask("Corpus.term_trajectories")
    import dask.dataframe as dd

    parts = lazy_parts(corpus, partial(term_hits, counter=counter), chunksize=run.get("chunksize"),
                       func="Corpus.term_trajectories")
    dates = {r.name: r.date for r in corpus._records}
    whole = dask.delayed(_traj_combine, pure=True)(parts, corpus._errors_mode, dates, counter, freq, per, zeros,
                                                   all_terms)
    meta = pd.DataFrame({"period": pd.Series(dtype="datetime64[ns]"),
                         "term": pd.Series(pd.Categorical([], categories=list(counter.terms))),
                         "count": pd.Series(dtype="int64"), "documents": pd.Series(dtype="int64"),
                         "rate": pd.Series(dtype="float64"), "chars": pd.Series(dtype="int64"),
                         "period_documents": pd.Series(dtype="int64")})
    return dd.from_delayed([whole], meta=meta, verify_meta=False)


class DaskFrame(Constraint):
    """A dask DataFrame (recognised without importing dask)."""

    __slots__ = ()

    def accepts(self, value: object) -> bool:
        return type(value).__module__.startswith("dask.") and hasattr(value, "to_delayed") \
            and hasattr(value, "npartitions") and hasattr(value, "columns")

    def __str__(self) -> str:
        return "a dask DataFrame"


def partitions(frame: Any) -> Iterator[pd.DataFrame]:
    """The frame itself (pandas), or the pandas frames of a dask DataFrame's partitions, one at a time."""
    if not DaskFrame().accepts(frame):
        yield frame
        return
    for part in frame.to_delayed():
        yield part.compute()
