"""How a corpus runs a function over its documents: serially, on spawned processes, or on Dask.

:func:`execute` is the one entry point (used by
:meth:`policytext.corpus.corpus.Corpus.imap`). It checks what must be checked
before any work starts (a function the workers can import, dask installed, a
real client) and returns an iterator of :data:`Outcome` triples in corpus
order: ``(record, True, fn(doc))`` or ``(record, False, InputError)``. Which
documents failed, and whether a failure raises, is the corpus's business.

What travels to a worker is kept small:

* when a process starts: only a start barrier (the ``spawn`` pipe carries a
  few hundred bytes, so a worker that dies while starting breaks the pool at
  once instead of leaving the parent blocked on a full pipe, CPython
  gh-118981);
* once per worker: the function and the corpus tokenizer (about 180 KB with
  the default lexicon), as the worker's first task, or one Dask ``scatter``;
  each worker builds jieba's dictionary once;
* per chunk: ``(name, payload)`` pairs, where a payload is a path (or the
  file's bytes, ``send="bytes"``) or a text, never a parsed Document
  (:func:`payload`);
* back: the per-document results and the warnings raised while computing
  them (re-raised in the calling process with their original category,
  file and line, so warning filters apply as in a serial run).

Before processes start, :func:`policytext.corpus._spawn.check_main_module`
refuses a call the spawned workers would re-run (a script without an
``if __name__ == "__main__":`` guard, or piped to ``python -``), and
``processes`` is bounded by :func:`policytext.corpus._spawn.max_processes`.

Errors that are about one document (:class:`~policytext.errors.InputError`)
come back as outcomes; everything else (bad options, bugs) propagates. At most
``2 * workers`` chunks are in flight at any time, so memory stays flat however
large the corpus.
"""

from __future__ import annotations

import inspect
import math
import os
import pickle
import sys
import warnings
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._validation import Constraint, Interval, Options
from ..errors import (
    DocumentNotFoundError,
    EmptyDocumentError,
    InputError,
    InvalidParameterError,
    MissingDependencyError,
    PolicyTextError,
)
from ._spawn import PROCESSES_PER_CPU, check_main_module, cpu_count, max_processes
from .metadata import is_missing

if TYPE_CHECKING:  # pragma: no cover
    from ..text.document import Document
    from ..tokens.tokenizer import Tokenizer

__all__ = ["Record", "Outcome", "EXECUTION_OPTIONS", "execute", "load", "payload", "materialize", "chunks",
           "accepts_tokenizer", "wants_text", "materialize_text"]


@dataclass(slots=True)
class Record:
    """A document of a corpus before it is loaded: its name, where it comes from, its metadata row.

    Exactly one of ``path``, ``text`` and ``doc`` is set.
    """

    name: str
    path: str | None = None
    text: str | None = None
    doc: Document | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def date(self) -> str | None:
        d = self.meta.get("date")
        return d if isinstance(d, str) else None


#: What :func:`execute` yields per document: ``(record, True, result)`` or ``(record, False, error)``.
Outcome = tuple[Record, bool, Any]
#: A payload: ``("path", path, encoding, meta)``, ``("bytes", data, encoding, path, meta)``,
#: ``("parsed", text, raw, meta)``, ``("text", text, meta)`` or ``("error", packed error)``.
Payload = tuple[Any, ...]
Chunk = list[tuple[str, Payload]]
#: A worker's answer for one document: ``(name, "ok" | "error", value, warnings)``.
Answer = tuple[str, str, Any, list[tuple[Any, ...]]]


class _Auto(Constraint):
    """The string ``"auto"`` (one worker per available core)."""

    __slots__ = ()

    def accepts(self, value: object) -> bool:
        return isinstance(value, str) and value == "auto"

    def __str__(self) -> str:
        return "'auto'"


#: Constraints of the execution options of :meth:`Corpus.map` and of every corpus analysis.
EXECUTION_OPTIONS: dict[str, list[Constraint | str | None]] = {
    "processes": [Interval(int, 1, None), _Auto(), None],
    "chunksize": [Interval(int, 1, None), None],
    "progress": ["boolean", None],
    "send": [Options(str, {"path", "bytes"})],
}


# -- payloads: what a worker needs to rebuild a document -------------------------------------


def _doc_meta(rec: Record) -> dict[str, Any]:
    """Metadata handed to ``parse`` for a record."""
    meta: dict[str, Any] = {"name": rec.name}
    if rec.path is not None:
        meta["path"] = rec.path
        meta["source"] = rec.path
    meta.update(rec.meta)
    return meta


def payload(rec: Record, encoding: str | None, send: str) -> Payload:
    """What a worker needs to rebuild the document: a path (or bytes) or a text, never a Document."""
    if rec.path is not None:
        if send == "bytes":
            return ("bytes", Path(rec.path).read_bytes(), encoding, rec.path, _doc_meta(rec))
        return ("path", rec.path, encoding, _doc_meta(rec))
    if rec.doc is not None:
        doc = rec.doc
        return ("parsed", doc.text, None if doc.raw == doc.text else doc.raw, dict(doc.metadata))
    return ("text", rec.text, _doc_meta(rec))


def materialize(data: Payload) -> Document:
    """Rebuild a document from a payload (in a worker or in the calling process)."""
    from ..text.io import read_document
    from ..text.structure import parse

    kind = data[0]
    if kind == "error":  # the calling process could not build the payload (send="bytes")
        raise _unpack_exc(data[1])
    if kind == "path":
        _, path, encoding, meta = data
        text, found = read_document(path, encoding=encoding)  # a web page's fields: page_title, page_date, …
        return parse(text, metadata={**found, **meta})
    if kind == "bytes":
        _, raw_bytes, encoding, path, meta = data
        try:
            text, found = read_document(raw_bytes, encoding=encoding)
        except InputError as exc:  # name the file, not "<n bytes>"
            raise type(exc)(path, exc.reason) from None
        return parse(text, metadata={**found, **meta})
    if kind == "parsed":
        _, text, raw, meta = data
        return parse(text, metadata=meta, raw=raw, normalized=True)
    _, text, meta = data
    return parse(_checked_text(text, meta), metadata=meta)


def _checked_text(text: object, meta: dict[str, Any]) -> str:
    """The text of a ``("text", …)`` payload; a missing, non-str or blank one raises a clear error."""
    label = meta.get("name", "<text>")
    if not isinstance(text, str):
        if is_missing(text):
            raise EmptyDocumentError(label, "the text is missing")
        raise InputError(label, f"the text is a {type(text).__name__}, not a str")
    if not text.strip():
        raise EmptyDocumentError(label, "the text is empty")
    return text


def wants_text(fn: Callable[..., Any]) -> bool:
    """Whether ``fn`` takes the document's normalised text instead of a parsed Document.

    Such a function (marked ``fn.policytext_input = "text"``) skips
    :func:`~policytext.text.structure.parse`: it receives what would be
    ``doc.text``, read and normalised, and the same errors are raised for a
    document that cannot be read.
    """
    target = fn.func if isinstance(fn, partial) else fn
    return getattr(target, "policytext_input", None) == "text"


def materialize_text(data: Payload) -> str:
    """The normalised text (``materialize(data).text``) without parsing the structure."""
    from ..text.io import read_text
    from ..text.normalize import normalize

    kind = data[0]
    if kind == "error":
        raise _unpack_exc(data[1])
    if kind == "path":
        return normalize(read_text(data[1], encoding=data[2]))
    if kind == "bytes":
        _, raw_bytes, encoding, path, _ = data
        try:
            return normalize(read_text(raw_bytes, encoding=encoding))
        except InputError as exc:
            raise type(exc)(path, exc.reason) from None
    if kind == "parsed":
        return str(data[1])
    _, text, meta = data
    return normalize(_checked_text(text, meta))


def load(rec: Record, encoding: str | None, text: bool = False) -> Any:
    """The record's document, read now (a Document item is returned as it is); ``text``: its normalised text."""
    if rec.doc is not None:
        return rec.doc.text if text else rec.doc
    data = payload(rec, encoding, "path")
    return materialize_text(data) if text else materialize(data)


def _pack_exc(exc: PolicyTextError) -> tuple[Any, ...]:
    """A picklable description of a PolicyTextError (some subclasses do not pickle)."""
    if isinstance(exc, InputError):
        return (type(exc), str(exc), exc.source, exc.reason)
    return (type(exc), str(exc), None, None)


def _unpack_exc(packed: tuple[Any, ...]) -> PolicyTextError:
    cls, message, source, reason = packed
    try:
        if issubclass(cls, InputError):
            return cls(source, reason)
        return cls(message)
    except TypeError:
        return PolicyTextError(message)


def chunks(records: Sequence[Record], encoding: str | None, chunksize: int | None, workers: int, send: str
           ) -> Iterator[Chunk]:
    """The records' payloads in chunks of ``chunksize`` (default: about four per worker, at most 64)."""
    size = chunksize or max(1, min(64, math.ceil(len(records) / (workers * 4))))
    chunk: Chunk = []
    for rec in records:
        try:
            data = payload(rec, encoding, send)
        except OSError as exc:  # send="bytes": the parent could not read the file
            err = DocumentNotFoundError(rec.path, "no such file") if isinstance(exc, FileNotFoundError) \
                else InputError(rec.path, f"cannot be read ({exc.strerror or exc})")
            data = ("error", _pack_exc(err))
        chunk.append((rec.name, data))
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# -- workers -----------------------------------------------------------------------------------

_WORKER: dict[str, Any] = {}
#: Seconds a started worker waits for the others to start (only a broken start comes near it).
_START_TIMEOUT = 600.0
_MODULE_BY_FILE: dict[str, str] = {}


def _module_of(filename: str) -> str | None:
    """Module name of a source file (so re-raised warnings keep their module filters)."""
    if not _MODULE_BY_FILE or filename not in _MODULE_BY_FILE:
        for name, mod in list(sys.modules.items()):
            f = getattr(mod, "__file__", None)
            if f:
                _MODULE_BY_FILE[f] = name
    return _MODULE_BY_FILE.get(filename)


def _run_chunk(chunk: Sequence[tuple[str, Payload]], fn: Callable[..., Any], pass_tk: bool,
               tokenizer: Any) -> list[Answer]:
    """Process one chunk: ``(name, "ok"|"error", value, warnings)`` per document."""
    out = []
    build = materialize_text if wants_text(fn) else materialize
    for name, data in chunk:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                doc = build(data)
                value = fn(doc, tokenizer=tokenizer) if pass_tk else fn(doc)
                status = "ok"
            except InputError as exc:
                status, value = "error", _pack_exc(exc)
        warns = [(w.category, str(w.message), w.filename, w.lineno, _module_of(w.filename)) for w in caught]
        out.append((name, status, value, warns))
    return out


def _init_worker(barrier: Any) -> None:
    """Pool initializer: keep the start barrier (the function and tokenizer come with :func:`_setup_worker`)."""
    _WORKER.clear()
    _WORKER["barrier"] = barrier


def _setup_worker(fn: Callable[..., Any], pass_tk: bool, tokenizer: Any) -> None:
    """Every worker's first task: keep the function and the tokenizer, build jieba's dictionary once.

    The task then waits until every worker has its own setup task (the
    barrier), so that each of the pool's ``workers`` setup tasks runs on a
    different worker.
    """
    _WORKER.update(fn=fn, pass_tk=pass_tk, tokenizer=tokenizer)
    if pass_tk and tokenizer is not None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # import-time noise of jieba; the parent sees it too
            tokenizer.lcut("初始化")
    _WORKER["barrier"].wait(_START_TIMEOUT)


def _pool_chunk(chunk: Sequence[tuple[str, Payload]]) -> list[Answer]:
    return _run_chunk(chunk, _WORKER["fn"], _WORKER["pass_tk"], _WORKER["tokenizer"])


def _dask_chunk(chunk: Sequence[tuple[str, Payload]], fn: Callable[..., Any], pass_tk: bool,
                tokenizer: Any) -> list[Answer]:
    # ``tokenizer`` is the scattered object held in the worker's memory: every task
    # on a worker gets the same instance, so its dictionary state is built once.
    return _run_chunk(chunk, fn, pass_tk, tokenizer)


# -- checks --------------------------------------------------------------------------------------


def accepts_tokenizer(fn: Callable[..., Any]) -> bool:
    """Whether ``fn`` takes a ``tokenizer`` keyword (and a partial has not bound it already)."""
    if isinstance(fn, partial) and "tokenizer" in fn.keywords:
        return False
    try:
        sig = inspect.signature(fn)
    except (TypeError, ValueError):
        return False
    p = sig.parameters.get("tokenizer")
    return p is not None and p.kind in (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)


def _check_picklable(fn: Callable[..., Any], func: str) -> None:
    target = fn.func if isinstance(fn, partial) else fn
    main = sys.modules.get("__main__")
    if getattr(target, "__module__", None) == "__main__" and not getattr(main, "__file__", None):
        raise InvalidParameterError(
            f"{func}: a function defined interactively (in a notebook or the REPL) cannot be sent to "
            "worker processes started with 'spawn'; move it to a module and import it, or run serially "
            "(processes=None) or on Dask (client=...)")
    try:
        pickle.dumps(fn)
    except Exception as exc:  # pickling raises PicklingError, AttributeError, TypeError …
        raise InvalidParameterError(
            f"{func}: the function must be picklable to run on processes (a module-level function or a "
            f"functools.partial of one), got {fn!r}: {exc}") from None


def active_client() -> Any:
    """The running ``dask.distributed`` client, if any (``dask.distributed`` is not imported to find out)."""
    if "distributed" not in sys.modules:
        return None
    try:
        from distributed import default_client

        return default_client()
    except (ValueError, ImportError):
        return None


#: ``processes="auto"`` runs serially below this much input (bytes of the files; about 3 per character of
#: texts): starting workers (imports, the jieba dictionary) costs more than they save. Measured on 2 cores
#: (loaded, same runs alternating; see notes/README_F2.md): ``policytext corpus`` of headed (155 pages, 3.0 MB)
#: 1 process 15.4 / 12.3 s, 2 processes 19.8 / 12.2 s; of xwlb 2021 (358 days, 8.7 MB) 92.5 s vs 42.8 / 68.4 s.
AUTO_SERIAL_BYTES = 4_000_000
#: The same bound for light passes (functions that read the normalised text only, as the dated record's term
#: counting): the whole record (37 MB, 5,078 days), five terms, ``timeline`` 18.9 / 20.0 s on 1 process,
#: 25.4 / 23.6 s on 2.
AUTO_SERIAL_BYTES_LIGHT = 64_000_000


def _input_bytes(records: Sequence[Record], limit: int) -> int:
    """The size of the records' input, counted until it reaches ``limit``."""
    total = 0
    for rec in records:
        if rec.path is not None:
            try:
                total += os.path.getsize(rec.path)
            except OSError:
                pass
        else:
            total += 3 * len(rec.text if rec.text is not None else rec.doc.text if rec.doc is not None else "")
        if total >= limit:
            break
    return total


def worker_count(processes: int | str | None, records: Sequence[Record] = (), light: bool = False) -> int:
    """``None`` → 1 (serial), ``"auto"`` → the available cores (1 for input below :data:`AUTO_SERIAL_BYTES`,
    or :data:`AUTO_SERIAL_BYTES_LIGHT` for a ``light`` pass), else the int (already validated)."""
    if processes is None:
        return 1
    if isinstance(processes, str):
        limit = AUTO_SERIAL_BYTES_LIGHT if light else AUTO_SERIAL_BYTES
        return cpu_count() if records and _input_bytes(records, limit) >= limit else 1
    return int(processes)


class _LineProgress:
    """Progress as plain lines on stderr (a log or a pipe, where a bar's carriage returns run together):
    one line per tenth of the documents, and at most one per :attr:`every` seconds before that.

    >>> import io, contextlib
    >>> err = io.StringIO()
    >>> with contextlib.redirect_stderr(err):
    ...     bar = _LineProgress(20, "documents")
    ...     for _ in range(20):
    ...         bar.update(1)
    ...     bar.close()
    >>> err.getvalue().splitlines()[-1]
    'documents: 20/20'
    """

    every = 30.0

    def __init__(self, total: int, desc: str) -> None:
        import time

        self.total, self.desc, self.done = total, desc, 0
        self._step = max(1, math.ceil(total / 10))
        self._last = time.monotonic()
        self._shown = -1

    def update(self, n: int = 1) -> None:
        import time

        self.done += n
        now = time.monotonic()
        if self.done % self._step == 0 or now - self._last >= self.every:
            self._show(now)

    def _show(self, now: float) -> None:
        if self.done != self._shown:
            print(f"{self.desc}: {self.done}/{self.total}", file=sys.stderr, flush=True)
            self._last, self._shown = now, self.done

    def close(self) -> None:
        import time

        self._show(time.monotonic())


def _progress_bar(progress: bool | None, total: int, desc: str) -> Any:
    """A tqdm bar when stderr is a terminal; with ``progress=True`` elsewhere, plain lines (:class:`_LineProgress`)."""
    terminal = bool(getattr(sys.stderr, "isatty", lambda: False)())
    if progress is None:
        progress = terminal
    if not progress:
        return None
    if not terminal:
        return _LineProgress(total, desc)
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=desc, unit="doc", file=sys.stderr)


# -- the three ways to run -------------------------------------------------------------------------


def execute(records: Sequence[Record], fn: Callable[..., Any], *, tokenizer: Callable[[], Tokenizer],
            encoding: str | None, processes: int | str | None, client: Any, chunksize: int | None,
            progress: bool | None, send: str, func: str = "Corpus.map") -> Generator[Outcome, None, None]:
    """Run ``fn`` over ``records``; outcomes in record order (options already validated).

    With neither ``processes`` nor ``client``, the active ``dask.distributed``
    client runs the work when one is running (:func:`active_client`), else
    this process; ``processes=1`` always runs here. ``fn`` receives the document, and ``tokenizer=tokenizer()`` when it
    takes one (:func:`accepts_tokenizer`). Raises at once (before any work)
    for more processes than :func:`~policytext.corpus._spawn.max_processes`,
    both ``processes`` and ``client``, a main script the spawned workers
    would run the call again from (:func:`~policytext.corpus._spawn.check_main_module`),
    a function they cannot import, or a ``client`` that is not a
    ``dask.distributed.Client``.
    """
    if client is None and processes is None:
        client = active_client()
    n_proc = worker_count(processes, records, light=wants_text(fn))
    if n_proc > max_processes():  # "auto" is one per CPU, always within
        raise InvalidParameterError(
            f"processes={processes!r} is more worker processes than is useful here: at most {max_processes()} "
            f"({PROCESSES_PER_CPU} per available CPU; {cpu_count()} available). Use processes='auto' for one per CPU")
    if client is not None and n_proc > 1:
        raise InvalidParameterError(f"{func}: give either processes or client, not both")
    pass_tk = accepts_tokenizer(fn)
    tk = tokenizer() if pass_tk else None
    if client is not None:
        _check_dask_client(client, func)
        return _on_dask(records, fn, pass_tk, tk, encoding, client, chunksize, progress, send)
    if n_proc > 1 and len(records) > 1:
        check_main_module(processes)
        _check_picklable(fn, func)
        workers = min(n_proc, len(records))
        return _on_processes(records, fn, pass_tk, tk, encoding, workers, chunksize, progress, send)
    return _serial(records, fn, pass_tk, tk, encoding, progress)


def _serial(records: Sequence[Record], fn: Callable[..., Any], pass_tk: bool, tk: Any, encoding: str | None,
            progress: bool | None) -> Generator[Outcome, None, None]:
    bar = _progress_bar(progress, len(records), "documents")
    text = wants_text(fn)
    try:
        for rec in records:
            try:
                doc = load(rec, encoding, text)
                value = fn(doc, tokenizer=tk) if pass_tk else fn(doc)
            except InputError as exc:
                outcome: Outcome = (rec, False, exc)
            else:
                outcome = (rec, True, value)
            if bar is not None:
                bar.update(1)
            yield outcome
    finally:
        if bar is not None:
            bar.close()


def _replay(records: Sequence[Record], answers: Iterable[list[Answer]], bar: Any) -> Iterator[Outcome]:
    """Outcomes from the workers' answers: their warnings re-raised here, errors rebuilt."""
    registry: dict[Any, Any] = {}
    by_name = {r.name: r for r in records}
    for answer in answers:
        for name, status, value, warns in answer:
            for category, message, filename, lineno, module in warns:
                warnings.warn_explicit(message, category, filename, lineno, module=module, registry=registry)
            if bar is not None:
                bar.update(1)
            if status == "ok":
                yield by_name[name], True, value
            else:
                yield by_name[name], False, _unpack_exc(value)


def _ordered(submit: Callable[[Any], Any], pending_chunks: Iterator[Any], max_inflight: int) -> Iterator[Any]:
    """Submit chunks with at most ``max_inflight`` in flight; yield results in submission order."""
    pending: deque[Any] = deque()
    it = iter(pending_chunks)
    try:
        for chunk in it:
            pending.append(submit(chunk))
            if len(pending) >= max_inflight:
                break
        while pending:
            fut = pending.popleft()
            result = fut.result()
            del fut  # a Dask future keeps its result on the cluster while referenced
            nxt = next(it, None)
            if nxt is not None:
                pending.append(submit(nxt))
            yield result
    finally:
        for fut in pending:
            fut.cancel()


def _on_processes(records: Sequence[Record], fn: Callable[..., Any], pass_tk: bool, tk: Any,
                  encoding: str | None, workers: int, chunksize: int | None, progress: bool | None,
                  send: str) -> Generator[Outcome, None, None]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    bar = _progress_bar(progress, len(records), f"documents ({workers} processes)")
    context = multiprocessing.get_context("spawn")
    ex = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init_worker,
                             initargs=(context.Barrier(workers),))
    try:
        _start(ex, workers, fn, pass_tk, tk)
        todo = chunks(records, encoding, chunksize, workers, send)
        yield from _replay(records, _ordered(lambda c: ex.submit(_pool_chunk, c), todo, 2 * workers), bar)
    finally:
        ex.shutdown(wait=True, cancel_futures=True)
        if bar is not None:
            bar.close()


def _start(ex: Any, workers: int, fn: Callable[..., Any], pass_tk: bool, tk: Any) -> None:
    """Give each of the ``workers`` processes its setup task; wait until all are ready."""
    from concurrent.futures.process import BrokenProcessPool

    setups = [ex.submit(_setup_worker, fn, pass_tk, tk) for _ in range(workers)]
    try:
        for future in setups:
            future.result()
    except BrokenProcessPool as exc:
        raise BrokenProcessPool(
            "a worker process exited while starting (its error, if it printed one, is above); the same call "
            "with processes=None runs in this process and shows what fails") from exc


def _check_dask_client(client: Any, func: str) -> None:
    try:
        import distributed
    except ImportError:
        raise MissingDependencyError("dask[distributed]", f"{func} on a Dask cluster", "dask") from None
    if not isinstance(client, distributed.Client):
        raise TypeError(f"{func} expects a dask.distributed.Client as client, not {type(client).__name__}")


def _on_dask(records: Sequence[Record], fn: Callable[..., Any], pass_tk: bool, tk: Any, encoding: str | None,
             client: Any, chunksize: int | None, progress: bool | None, send: str
             ) -> Generator[Outcome, None, None]:
    if not records:
        return
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    # sent once to every worker, not with every task
    tk_future = client.scatter(tk, broadcast=True, hash=False) if tk is not None else None
    fn_future = client.scatter(fn, broadcast=True, hash=False)
    bar = _progress_bar(progress, len(records), f"documents (dask, {workers} workers)")
    try:
        todo = chunks(records, encoding, chunksize, workers, send)
        yield from _replay(records, _ordered(
            lambda c: client.submit(_dask_chunk, c, fn_future, pass_tk, tk_future, pure=False),
            todo, 2 * workers + 2), bar)
    finally:
        for fut in (tk_future, fn_future):
            if fut is not None:
                fut.release()
        if bar is not None:
            bar.close()
