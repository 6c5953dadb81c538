"""Corpora: many documents with metadata, processed serially, on local processes or on Dask.

A :class:`Corpus` holds *records* (a path, a text, or an already parsed
:class:`~policytext.text.document.Document`, plus a metadata row) and loads each
document only when it is needed, so ``len``, names, metadata and ordering are
cheap and memory does not grow with the corpus.

Execution
---------
:meth:`Corpus.map` runs a function over every document and returns the results
in corpus order. The same call runs

* **serially** (the default, ``processes=None`` or ``1``): nothing to set up,
  works in notebooks and with any function, including lambdas;
* on **local processes** (``processes=2`` or ``"auto"`` for every core): a
  :class:`concurrent.futures.ProcessPoolExecutor` with the ``"spawn"`` start
  method (the same behaviour on Linux, macOS and Windows). Each worker receives
  the corpus tokenizer once, through the pool initializer, and builds jieba's
  dictionary once; documents travel as paths (or texts) in chunks, and only
  the small per-document results come back;
* on a **Dask cluster** (``client=dask.distributed.Client(...)``, ``pip install
  'policytext[dask]'``): the same chunks become Dask tasks; the tokenizer is
  scattered to every worker once.

Serial is the default on purpose: ``spawn`` needs the function to be importable
by the workers (a module-level function, or a :func:`functools.partial` of
one) and a script to guard its entry point with ``if __name__ ==
"__main__":``; a default that silently needs both would break the first
notebook it meets. Ask for processes when the corpus is large (on the shared
corpora two processes pay off from about a megabyte of text). Results are
identical in every mode, and so are the warnings: those raised in workers are
recorded and re-raised in the calling process.

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

import inspect
import math
import os
import pickle
import re
import sys
import warnings
from array import array
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ..errors import (
    DocumentNotFoundError,
    EmptyDocumentError,
    InputError,
    InvalidParameterError,
    MissingDependencyError,
    PolicyTextError,
    PolicyTextWarning,
)
from ..text.document import Document

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    import pandas as pd

    from ..tokens.tokenizer import Token, Tokenizer

__all__ = [
    "Corpus",
    "CorpusWarning",
    "FailedDocument",
    "KINDS",
    "SCHEMA",
    "normalize_metadata",
    "meeting_from_title",
    "is_content",
    "content_terms",
    "to_csv",
    "to_parquet",
]


class CorpusWarning(PolicyTextWarning):
    """A document of a corpus was skipped, or its metadata did not match."""


# -- metadata schema ------------------------------------------------------------------

#: The metadata fields every corpus knows, in column order. Other columns are kept after them.
SCHEMA: tuple[str, ...] = ("title", "date", "kind", "meeting", "issuer", "source")

#: English (and variant) document kinds → the Chinese 文种 used in the ``kind`` field.
#: The value as given is kept in ``kind_raw``.
KINDS: dict[str, str] = {
    "communique": "公报",
    "communiqué": "公报",
    "decision": "决定",
    "resolution": "决议",
    "proposal": "建议",
    "recommendation": "建议",
    "recommendations": "建议",
    "report": "报告",
    "congress_report": "报告",
    "work_report": "报告",
    "gov_work_report": "政府工作报告",
    "government_work_report": "政府工作报告",
    "speech": "讲话",
    "address": "讲话",
    "notice": "通知",
    "circular": "通知",
    "article": "文章",
    "genre_article": "文章",
    "opinion": "意见",
    "opinions": "意见",
    "regulation": "条例",
    "regulations": "条例",
    "plan": "规划",
    "outline": "纲要",
    "announcement": "公告",
    "bulletin": "通报",
    "white_paper": "白皮书",
}

#: Kind words recognised at the end of a title (longest first).
_TITLE_KINDS: tuple[str, ...] = (
    "政府工作报告", "白皮书", "公报", "决定", "决议", "建议", "报告", "讲话", "通知", "意见",
    "条例", "规划", "纲要", "方案", "办法", "规定", "公告", "通报", "文章",
)

#: Chinese column names accepted as aliases of the schema fields.
_COLUMN_ALIASES: dict[str, str] = {
    "标题": "title", "题目": "title", "日期": "date", "时间": "date", "文种": "kind", "类型": "kind",
    "会议": "meeting", "会议名称": "meeting", "发文机关": "issuer", "发布机关": "issuer", "来源": "source",
}

_NUM = "〇零一二三四五六七八九十百0-9"
RE_PLENUM: re.Pattern[str] = re.compile(
    rf"第([{_NUM}]+)届中央委员会第([{_NUM}]+)次全体(?:会议)?(?=公报|上|通过|决议|决定|$)")
RE_CONGRESS: re.Pattern[str] = re.compile(rf"第([{_NUM}]+)次全国代表大会(?=上|公报|通过|决议|$)")
RE_NPC: re.Pattern[str] = re.compile(rf"第([{_NUM}]+)届全国人民代表大会第([{_NUM}]+)次会议(?=上|公报|通过|决议|$)")
RE_CPPCC: re.Pattern[str] = re.compile(
    rf"政治协商会议第([{_NUM}]+)届全国委员会第([{_NUM}]+)次会议(?=上|公报|通过|决议|$)")
RE_DATE_VALUE: re.Pattern[str] = re.compile(
    r"^\s*(\d{4})(?:\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2})\s*日?)?\s*月?)?")
_RE_ISSUER = re.compile(
    r"^(中共中央(?:办公厅)?(?:[、 ]国务院(?:办公厅)?)?|国务院(?:办公厅)?|全国人大常委会|中央[\u4e00-\u9fff]{1,12}?(?:委员会|领导小组|办公室))关于")
_RE_TRAILING_PAREN = re.compile(r"[（(]([^（）()]*)[）)]\s*$")
_ORGAN_SUFFIXES = ("委员会", "党委", "党组", "政府", "办公厅", "办公室", "编办", "国务院", "中央")
_DIGITS = "零一二三四五六七八九"


def _cn_number(s: str) -> str:
    """Arabic digits to Chinese numerals (``20`` → ``二十``); Chinese numerals unchanged."""
    if not s.isdigit():
        return s
    n = int(s)
    if n < 10:
        return _DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _DIGITS[tens]) + "十" + ("" if ones == 0 else _DIGITS[ones])
    return s


def meeting_from_title(title: str | None) -> str | None:
    """The meeting that produced a document, derived from its title.

    Recognised (the meeting must be the one the document is *of* or *at*: the
    pattern must be followed by 公报, 上, 通过, 决议, 决定 or end the title):

    * ``第X届中央委员会第Y次全体会议`` → ``X届Y中全会``
    * ``第X次全国代表大会`` → ``X大``
    * ``第X届全国人民代表大会第Y次会议`` → ``X届全国人大Y次会议``
    * ``政治协商会议第X届全国委员会第Y次会议`` → ``X届全国政协Y次会议``

    Parameters
    ----------
    title : str | None
        A document title.

    Returns
    -------
    str | None
        The short meeting name, or None.

    Examples
    --------
    >>> meeting_from_title("中国共产党第二十届中央委员会第三次全体会议公报")
    '二十届三中全会'
    >>> meeting_from_title("在中国共产党第十九次全国代表大会上的报告")
    '十九大'
    >>> meeting_from_title("政府工作报告——在第十四届全国人民代表大会第二次会议上")
    '十四届全国人大二次会议'
    >>> meeting_from_title("关于学习十九届六中全会精神的通知") is None
    True
    """
    if not title or not isinstance(title, str):
        return None
    m = RE_PLENUM.search(title)
    if m:
        return f"{_cn_number(m.group(1))}届{_cn_number(m.group(2))}中全会"
    m = RE_CONGRESS.search(title)
    if m:
        return f"{_cn_number(m.group(1))}大"
    m = RE_NPC.search(title)
    if m:
        return f"{_cn_number(m.group(1))}届全国人大{_cn_number(m.group(2))}次会议"
    m = RE_CPPCC.search(title)
    if m:
        return f"{_cn_number(m.group(1))}届全国政协{_cn_number(m.group(2))}次会议"
    return None


def _iso_date(value: Any) -> str | None:
    """ISO 8601 date (``YYYY-MM-DD``, or ``YYYY-MM`` / ``YYYY`` when less is known)."""
    if value is None:
        return None
    if hasattr(value, "year") and hasattr(value, "month"):  # date, datetime, Timestamp
        try:
            return f"{int(value.year):04d}-{int(value.month):02d}-{int(value.day):02d}"
        except (TypeError, ValueError):
            return None
    m = RE_DATE_VALUE.match(str(value))
    if not m:
        return None
    y = int(m.group(1))
    if not 1000 <= y <= 2999:
        return None
    if m.group(2) is None:
        return f"{y:04d}"
    mo = int(m.group(2))
    if not 1 <= mo <= 12:
        return f"{y:04d}"
    if m.group(3) is None:
        return f"{y:04d}-{mo:02d}"
    d = int(m.group(3))
    import calendar

    if not 1 <= d <= calendar.monthrange(y, mo)[1]:
        return f"{y:04d}-{mo:02d}"
    return f"{y:04d}-{mo:02d}-{d:02d}"


def _missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if isinstance(value, str) and not value.strip():
        return True
    try:
        import pandas as pd

        return value is pd.NA or value is pd.NaT
    except ImportError:  # pragma: no cover - declared dependency
        return False


def _clean_title(title: str) -> str:
    return re.sub(r"[（(]全文[）)]\s*$", "", title.strip()).strip()


def _kind_from_title(title: str | None) -> str | None:
    if not title:
        return None
    t = _clean_title(title)
    m = _RE_TRAILING_PAREN.search(t)
    if m:
        t = t[: m.start()].rstrip()
    for word in _TITLE_KINDS:
        if t.endswith(word):
            return word
    return None


def _issuer_from_title(title: str | None) -> str | None:
    if not title:
        return None
    t = _clean_title(title)
    m = _RE_ISSUER.match(t)
    if m:
        return m.group(1)
    m = _RE_TRAILING_PAREN.search(t)
    if m and m.group(1).endswith(_ORGAN_SUFFIXES) and not re.search(r"\d", m.group(1)):
        return m.group(1)
    return None


def normalize_metadata(row: Mapping[str, Any]) -> dict[str, Any]:
    """Bring one metadata row into the corpus schema.

    * ``title``: stripped; Chinese column names (标题, 日期, 文种, 会议,
      发文机关, 来源) are accepted for the schema fields.
    * ``date``: ISO 8601 (``2024-07-18``; ``2022-10`` or ``2022`` when only
      that is known) from ``2024-07-18``, ``2024/7/18``, ``2024年7月18日``, a
      ``datetime.date`` or a leading year (``"2022 (after 2022-10)"``). When
      the value was not already ISO, it is kept in ``date_raw``.
    * ``kind``: a Chinese 文种 (公报, 决定, 建议, 报告, 政府工作报告, 讲话,
      通知, 文章 …). English names are mapped with :data:`KINDS`; a value that
      is neither (e.g. ``study_document``) or a missing kind is taken from the
      end of the title (…的决定 → 决定). The value as given is kept in
      ``kind_raw``.
    * ``meeting``: as given, else :func:`meeting_from_title`.
    * ``issuer``: as given, else from a title that starts ``中共中央关于`` /
      ``国务院关于`` … or ends with the issuing body in brackets.
    * ``source``: as given. Every other column is kept as it is.

    Missing values (None, NaN, empty strings) are dropped.

    Parameters
    ----------
    row : mapping
        Column → value.

    Returns
    -------
    dict
        Schema fields first (only those known), then the other columns.

    Examples
    --------
    >>> meta = normalize_metadata({"title": "中国共产党第二十届中央委员会第三次全体会议公报",
    ...                            "kind": "communique", "date": "2024年7月18日", "chars": "5120"})
    >>> meta
    {'title': '中国共产党第二十届中央委员会第三次全体会议公报', 'date': '2024-07-18', 'kind': '公报',
     'meeting': '二十届三中全会', 'date_raw': '2024年7月18日', 'kind_raw': 'communique', 'chars': '5120'}
    >>> normalize_metadata({"title": "中共中央关于认真学习宣传贯彻党的二十大精神的决定", "kind": "study_document"})
    {'title': '中共中央关于认真学习宣传贯彻党的二十大精神的决定', 'kind': '决定', 'issuer': '中共中央',
     'kind_raw': 'study_document'}
    """
    if not isinstance(row, Mapping):
        raise TypeError(f"normalize_metadata expects a mapping, not {type(row).__name__}")
    given: dict[str, Any] = {}
    for key, value in row.items():
        k = _COLUMN_ALIASES.get(str(key).strip(), str(key).strip())
        if _missing(value):
            continue
        given[k] = value.strip() if isinstance(value, str) else value
    out: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    title = given.get("title")
    if title is not None:
        title = str(title)
        out["title"] = title
    if "date" in given:
        raw = given["date"]
        iso = _iso_date(raw)
        if iso:
            out["date"] = iso
        if not isinstance(raw, str) or raw != iso:
            extra["date_raw"] = raw if isinstance(raw, str) else str(raw)
    kind_raw = given.get("kind")
    kind: str | None = None
    if kind_raw is not None:
        raw_s = str(kind_raw)
        if re.search(r"[\u4e00-\u9fff]", raw_s):
            kind = raw_s
        else:
            kind = KINDS.get(raw_s.lower().replace(" ", "_").replace("-", "_"))
            extra["kind_raw"] = raw_s
    if kind is None:
        kind = _kind_from_title(title)
    if kind:
        out["kind"] = kind
    meeting = given.get("meeting") or meeting_from_title(title)
    if meeting:
        out["meeting"] = meeting
    issuer = given.get("issuer") or _issuer_from_title(title)
    if issuer:
        out["issuer"] = issuer
    if "source" in given:
        out["source"] = given["source"]
    out.update(extra)
    for k, v in given.items():
        if k not in SCHEMA and k not in out:
            out[k] = v
    return out


# -- records and failures --------------------------------------------------------------


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


@dataclass(slots=True)
class _Record:
    name: str
    path: str | None = None
    text: str | None = None
    doc: Document | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def date(self) -> str | None:
        d = self.meta.get("date")
        return d if isinstance(d, str) else None


def _doc_meta(rec: _Record) -> dict[str, Any]:
    """Metadata handed to ``parse`` for a record (None values left out)."""
    meta: dict[str, Any] = {"name": rec.name}
    if rec.path is not None:
        meta["path"] = rec.path
        meta["source"] = rec.path
    meta.update(rec.meta)
    return meta


def _payload(rec: _Record, encoding: str | None, send: str) -> tuple[Any, ...]:
    """What a worker needs to rebuild the document: a path (or bytes) or a text, never a Document."""
    if rec.path is not None:
        if send == "bytes":
            return ("bytes", Path(rec.path).read_bytes(), encoding, rec.path, _doc_meta(rec))
        return ("path", rec.path, encoding, _doc_meta(rec))
    if rec.doc is not None:
        doc = rec.doc
        return ("parsed", doc.text, None if doc.raw == doc.text else doc.raw, dict(doc.metadata))
    return ("text", rec.text, _doc_meta(rec))


def _materialize(payload: tuple[Any, ...]) -> Document:
    """Rebuild a document from a payload (in a worker or in the calling process)."""
    from ..text.io import read_text
    from ..text.structure import parse

    kind = payload[0]
    if kind == "error":  # the calling process could not build the payload (send="bytes")
        raise _unpack_exc(payload[1])
    if kind == "path":
        _, path, encoding, meta = payload
        return parse(read_text(path, encoding=encoding), metadata=meta)
    if kind == "bytes":
        _, data, encoding, path, meta = payload
        try:
            text = read_text(data, encoding=encoding)
        except InputError as exc:  # name the file, not "<n bytes>"
            raise type(exc)(path, exc.reason) from None
        return parse(text, metadata=meta)
    if kind == "parsed":
        _, text, raw, meta = payload
        return parse(text, metadata=meta, raw=raw, normalized=True)
    _, text, meta = payload
    label = meta.get("name", "<text>")
    if not isinstance(text, str):
        if _missing(text):
            raise EmptyDocumentError(label, "the text is missing")
        raise InputError(label, f"the text is a {type(text).__name__}, not a str")
    if not text.strip():
        raise EmptyDocumentError(label, "the text is empty")
    return parse(text, metadata=meta)


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


# -- workers ---------------------------------------------------------------------------

_WORKER: dict[str, Any] = {}
_MODULE_BY_FILE: dict[str, str] = {}


def _module_of(filename: str) -> str | None:
    """Module name of a source file (so re-raised warnings keep their module filters)."""
    if not _MODULE_BY_FILE or filename not in _MODULE_BY_FILE:
        for name, mod in list(sys.modules.items()):
            f = getattr(mod, "__file__", None)
            if f:
                _MODULE_BY_FILE[f] = name
    return _MODULE_BY_FILE.get(filename)


def _run_chunk(chunk: Sequence[tuple[str, tuple[Any, ...]]], fn: Callable[..., Any], pass_tk: bool,
               tokenizer: Any) -> list[tuple[str, str, Any, list[tuple[Any, ...]]]]:
    """Process one chunk: ``(name, "ok"|"error", value, warnings)`` per document."""
    out = []
    for name, payload in chunk:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                doc = _materialize(payload)
                value = fn(doc, tokenizer=tokenizer) if pass_tk else fn(doc)
                status = "ok"
            except InputError as exc:
                status, value = "error", _pack_exc(exc)
        warns = [(w.category, str(w.message), w.filename, w.lineno, _module_of(w.filename)) for w in caught]
        out.append((name, status, value, warns))
    return out


def _init_worker(fn: Callable[..., Any], pass_tk: bool, tokenizer: Any) -> None:
    """Pool initializer: keep the function and the tokenizer; build jieba's dictionary once."""
    _WORKER.update(fn=fn, pass_tk=pass_tk, tokenizer=tokenizer)
    if pass_tk and tokenizer is not None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # import-time noise of jieba; the parent sees it too
            tokenizer.lcut("初始化")


def _pool_chunk(chunk: Sequence[tuple[str, tuple[Any, ...]]]) -> list[tuple[str, str, Any, list[tuple[Any, ...]]]]:
    return _run_chunk(chunk, _WORKER["fn"], _WORKER["pass_tk"], _WORKER["tokenizer"])


def _dask_chunk(chunk: Sequence[tuple[str, tuple[Any, ...]]], fn: Callable[..., Any], pass_tk: bool,
                tokenizer: Any) -> list[tuple[str, str, Any, list[tuple[Any, ...]]]]:
    # ``tokenizer`` is the scattered object held in the worker's memory: every task
    # on a worker gets the same instance, so its dictionary state is built once.
    return _run_chunk(chunk, fn, pass_tk, tokenizer)


def _accepts_tokenizer(fn: Callable[..., Any]) -> bool:
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
    except Exception as exc:  # pickle raises PicklingError, AttributeError, TypeError …
        raise InvalidParameterError(
            f"{func}: the function must be picklable to run on processes (a module-level function or a "
            f"functools.partial of one), got {fn!r}: {exc}") from None


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))  # type: ignore[attr-defined]
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def _progress_bar(progress: bool | None, total: int, desc: str) -> Any:
    if progress is None:
        progress = bool(getattr(sys.stderr, "isatty", lambda: False)())
    if not progress:
        return None
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=desc, unit="doc", file=sys.stderr)


# -- the corpus ------------------------------------------------------------------------


class Corpus:
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

    Examples
    --------
    >>> import policytext as pt
    >>> corpus = pt.Corpus([pt.reference_path()], metadata=[{"date": "2022", "kind": "article"}])
    >>> corpus.names, len(corpus["reference_bianban_2022"].sections)
    (['reference_bianban_2022'], 5)
    >>> corpus.metadata[["date", "kind", "kind_raw"]].values.tolist()
    [['2022', '文章', 'article']]
    """

    def __init__(self, items: Iterable[str | os.PathLike[str] | Document] = (), *,
                 metadata: Any = None, tokenizer: Tokenizer | None = None,
                 errors: Literal["report", "raise"] = "report", encoding: str | None = None,
                 order: Literal["date", "given"] = "date") -> None:
        if isinstance(items, (str, bytes, os.PathLike, Document)):
            raise TypeError("Corpus expects an iterable of paths, texts or Documents; "
                            "use Corpus.from_folder(path) for a folder")
        records = [self._record(item, i) for i, item in enumerate(items)]
        self._setup(records, metadata=metadata, tokenizer=tokenizer, errors=errors, encoding=encoding,
                    order=order, base=None)

    # -- construction --------------------------------------------------------------------
    @staticmethod
    def _record(item: Any, i: int) -> _Record:
        from ..text.io import looks_like_path

        if isinstance(item, Document):
            meta = {k: v for k, v in item.metadata.items() if isinstance(v, (str, int, float, bool))}
            if item.title and "title" not in meta:
                meta["title"] = item.title
            name = str(meta.pop("name", "") or f"doc{i}")
            return _Record(name=name, doc=item, meta=meta)
        if isinstance(item, os.PathLike) or (isinstance(item, str) and looks_like_path(item)):
            path = Path(item)
            return _Record(name=path.stem, path=str(path))
        if isinstance(item, str):
            return _Record(name=f"doc{i}", text=item)
        raise TypeError(f"Corpus items must be paths, texts or Documents, not {type(item).__name__}")

    def _setup(self, records: list[_Record], *, metadata: Any, tokenizer: Tokenizer | None, errors: str,
               encoding: str | None, order: str, base: Path | None) -> None:
        if errors not in ("report", "raise"):
            raise InvalidParameterError.unknown("errors", "Corpus", errors, ["report", "raise"])
        if order not in ("date", "given"):
            raise InvalidParameterError.unknown("order", "Corpus", order, ["date", "given"])
        from ..tokens.tokenizer import Tokenizer

        if tokenizer is not None and not isinstance(tokenizer, Tokenizer):
            raise TypeError(f"Corpus expects a policytext.Tokenizer as tokenizer, not {type(tokenizer).__name__}")
        seen: Counter[str] = Counter()
        for rec in records:
            seen[rec.name] += 1
            if seen[rec.name] > 1:
                rec.name = f"{rec.name}#{seen[rec.name]}"
        if metadata is not None:
            _attach_metadata(records, metadata, base)
        for rec in records:
            rec.meta = normalize_metadata(rec.meta) if rec.meta else {}
        if order == "date" and any(r.date for r in records):
            records = sorted(records, key=lambda r: (r.date is None, r.date or ""))
        self._records = records
        self._index = {r.name: i for i, r in enumerate(records)}
        self._tokenizer = tokenizer
        self._errors_mode = errors
        self.encoding = encoding
        self._errors: dict[str, FailedDocument] = {}

    @classmethod
    def from_folder(cls, path: str | os.PathLike[str], *, metadata: Any = "auto", pattern: str = "*.txt",
                    tokenizer: Tokenizer | None = None, errors: Literal["report", "raise"] = "report",
                    encoding: str | None = None, order: Literal["date", "given"] = "date") -> Corpus:
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
        pattern : str
            Glob pattern, relative to the folder (``"**/*.txt"`` for
            subfolders). Hidden files and the metadata table are skipped.
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
        table: Path | None = None
        if isinstance(metadata, str) and metadata == "auto":
            for candidate in ("metadata.csv", "metadata.tsv", "MANIFEST.tsv"):
                if (folder / candidate).is_file():
                    table = folder / candidate
                    break
            metadata = table
        elif isinstance(metadata, (str, os.PathLike)):
            table = Path(metadata)
            if not table.is_absolute() and not table.is_file():
                table = folder / table
            if not table.is_file():
                raise DocumentNotFoundError(str(metadata), "metadata table not found")
            metadata = table
        skip = table.resolve() if table is not None else None
        files = sorted(
            p for p in folder.glob(pattern)
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
            and p.resolve() != skip
        )
        records = [
            _Record(name=p.relative_to(folder).with_suffix("").as_posix(), path=str(p)) for p in files
        ]
        corpus = cls.__new__(cls)
        corpus._setup(records, metadata=metadata, tokenizer=tokenizer, errors=errors, encoding=encoding,
                      order=order, base=folder)
        return corpus

    @classmethod
    def from_frame(cls, frame: pd.DataFrame, *, text: str = "text", name: str | None = None,
                   tokenizer: Tokenizer | None = None, errors: Literal["report", "raise"] = "report",
                   order: Literal["date", "given"] = "date") -> Corpus:
        """One document per row of a DataFrame; the other columns are metadata.

        Parameters
        ----------
        frame : pandas.DataFrame
            The table.
        text : str
            The column holding the document texts.
        name : str, optional
            The column of document names; default the ``name`` column if
            there is one, else the index when it is not a default range index,
            else ``doc0``, ``doc1`` ….

        Examples
        --------
        >>> import pandas as pd
        >>> frame = pd.DataFrame({"text": ["要学习。", "要落实。"], "date": ["2024-01-02", "2023-05-06"]})
        >>> Corpus.from_frame(frame).names
        ['doc1', 'doc0']
        """
        import pandas as pd

        if not isinstance(frame, pd.DataFrame):
            raise TypeError(f"Corpus.from_frame expects a pandas DataFrame, not {type(frame).__name__}")
        if text not in frame.columns:
            raise InvalidParameterError.unknown("text", "Corpus.from_frame", text, map(str, frame.columns))
        if name is not None and name not in frame.columns:
            raise InvalidParameterError.unknown("name", "Corpus.from_frame", name, map(str, frame.columns))
        if name is None and "name" in frame.columns:
            name = "name"
        if name is not None:
            names = [str(v) for v in frame[name]]
        elif not isinstance(frame.index, pd.RangeIndex):
            names = [str(v) for v in frame.index]
        else:
            names = [f"doc{i}" for i in range(len(frame))]
        meta_cols = [c for c in frame.columns if c not in (text, name)]
        rows = frame[meta_cols].to_dict(orient="records") if meta_cols else [{} for _ in range(len(frame))]
        records = [_Record(name=nm, text=txt, meta={str(k): v for k, v in row.items()})
                   for nm, txt, row in zip(names, frame[text].tolist(), rows)]
        corpus = cls.__new__(cls)
        corpus._setup(records, metadata=None, tokenizer=tokenizer, errors=errors, encoding=None, order=order,
                      base=None)
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

    def _load(self, rec: _Record) -> Document:
        if rec.doc is not None:
            return rec.doc
        return _materialize(_payload(rec, self.encoding, "path"))

    def _fail(self, rec: _Record, exc: PolicyTextError) -> None:
        if self._errors_mode == "raise":
            raise exc
        failed = FailedDocument(rec.name, type(exc).__name__, str(exc), rec.path)
        self._errors[rec.name] = failed
        warnings.warn(f"{rec.name}: skipped ({failed.error}: {failed.message}); see Corpus.errors",
                      CorpusWarning, stacklevel=4)

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
        """
        import pandas as pd

        columns: list[str] = list(SCHEMA) + ["path"]
        for rec in self._records:
            for k in rec.meta:
                if k not in columns:
                    columns.append(k)
        rows = []
        for rec in self._records:
            row = dict(rec.meta)
            if rec.path is not None or "path" not in row:
                row["path"] = rec.path
            rows.append([row.get(c) for c in columns])
        frame = pd.DataFrame(rows, columns=columns, index=pd.Index(self.names, name="document"), dtype=object)
        return frame

    def subset(self, selector: Iterable[str] | Iterable[bool]) -> Corpus:
        """A corpus of some of the documents, in this corpus's order.

        Parameters
        ----------
        selector : iterable of names, or a boolean mask aligned with :attr:`names`
            e.g. ``corpus.metadata["kind"] == "公报"``.

        Examples
        --------
        >>> corpus = Corpus(["要学习。", "要落实。", "要推进。"])
        >>> corpus.subset([False, True, True]).names, corpus.subset(["doc2"]).names
        (['doc1', 'doc2'], ['doc2'])
        """
        sel = list(selector)  # type: ignore[arg-type]
        if sel and all(type(s).__name__ in ("bool", "bool_") for s in sel):  # Python or NumPy booleans
            if len(sel) != len(self):
                raise InvalidParameterError.build("selector", "Corpus.subset",
                                                  f"a mask of length {len(self)}", f"length {len(sel)}")
            keep = {r.name for r, s in zip(self._records, sel) if s}
        else:
            missing = [s for s in sel if s not in self._index]
            if missing:
                raise KeyError(f"no documents named {missing[:5]!r} in this corpus")
            keep = set(sel)
        new = Corpus.__new__(Corpus)
        new._records = [r for r in self._records if r.name in keep]
        new._index = {r.name: i for i, r in enumerate(new._records)}
        new._tokenizer = self._tokenizer
        new._errors_mode = self._errors_mode
        new.encoding = self.encoding
        new._errors = {}
        return new

    # -- execution ----------------------------------------------------------------------------
    def map(self, fn: Callable[..., Any], *, processes: int | Literal["auto"] | None = None, client: Any = None,
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
            ``None`` or ``1``: serial, in this process (the default; see the
            module docstring). ``n >= 2``: a pool of ``n`` spawned worker
            processes. ``"auto"``: one per available core.
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
            Bad options, or a function that cannot be sent to processes.
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

    def imap(self, fn: Callable[..., Any], *, processes: int | Literal["auto"] | None = None, client: Any = None,
             chunksize: int | None = None, progress: bool | None = None,
             send: Literal["path", "bytes"] = "path") -> Iterator[tuple[str, Any]]:
        """Like :meth:`map`, but yield ``(name, result)`` pairs in corpus order as they are ready.

        Only a bounded number of chunks is in flight at any time, so memory
        stays flat however large the corpus.

        >>> [name for name, n in Corpus(["要学习。", "要落实。"]).imap(len)]
        ['doc0', 'doc1']
        """
        if not callable(fn):
            raise TypeError(f"Corpus.map expects a callable, not {type(fn).__name__}")
        if send not in ("path", "bytes"):
            raise InvalidParameterError.unknown("send", "Corpus.map", send, ["path", "bytes"])
        if chunksize is not None and (not isinstance(chunksize, int) or isinstance(chunksize, bool) or chunksize < 1):
            raise InvalidParameterError.build("chunksize", "Corpus.map", "None or an int >= 1", chunksize)
        n_proc = self._n_processes(processes)
        if client is not None and n_proc > 1:
            raise InvalidParameterError("Corpus.map: give either processes or client, not both")
        if progress is not None and not isinstance(progress, bool):
            raise InvalidParameterError.build("progress", "Corpus.map", "None, True or False", progress)
        pass_tk = _accepts_tokenizer(fn)
        if client is not None:
            return self._imap_dask(fn, pass_tk, client, chunksize, progress, send)
        if n_proc > 1 and len(self._records) > 1:
            _check_picklable(fn, "Corpus.map")
            return self._imap_pool(fn, pass_tk, min(n_proc, len(self._records)), chunksize, progress, send)
        return self._imap_serial(fn, pass_tk, progress)

    @staticmethod
    def _n_processes(processes: Any) -> int:
        if processes is None:
            return 1
        if isinstance(processes, str) and processes == "auto":
            return _cpu_count()
        if not isinstance(processes, int) or isinstance(processes, bool) or processes < 1:
            raise InvalidParameterError.build("processes", "Corpus.map", "None, 'auto' or an int >= 1", processes)
        return processes

    def _imap_serial(self, fn: Callable[..., Any], pass_tk: bool, progress: bool | None) -> Iterator[tuple[str, Any]]:
        bar = _progress_bar(progress, len(self._records), "documents")
        tk = self.tokenizer if pass_tk else None
        try:
            for rec in self._records:
                try:
                    doc = self._load(rec)
                    value = fn(doc, tokenizer=tk) if pass_tk else fn(doc)
                except InputError as exc:
                    self._fail(rec, exc)
                else:
                    self._errors.pop(rec.name, None)
                    yield rec.name, value
                finally:
                    if bar is not None:
                        bar.update(1)
        finally:
            if bar is not None:
                bar.close()

    def _chunks(self, chunksize: int | None, workers: int, send: str
                ) -> Iterator[list[tuple[str, tuple[Any, ...]]]]:
        n = len(self._records)
        size = chunksize or max(1, min(64, math.ceil(n / (workers * 4))))
        chunk: list[tuple[str, tuple[Any, ...]]] = []
        for rec in self._records:
            try:
                payload = _payload(rec, self.encoding, send)
            except OSError as exc:  # send="bytes": the parent could not read the file
                err = DocumentNotFoundError(rec.path, "no such file") if isinstance(exc, FileNotFoundError) \
                    else InputError(rec.path, f"cannot be read ({exc.strerror or exc})")
                payload = ("error", _pack_exc(err))
            chunk.append((rec.name, payload))
            if len(chunk) >= size:
                yield chunk
                chunk = []
        if chunk:
            yield chunk

    def _consume(self, results: Iterator[list[tuple[str, str, Any, list[tuple[Any, ...]]]]],
                 bar: Any) -> Iterator[tuple[str, Any]]:
        registry: dict[Any, Any] = {}
        by_name = {r.name: r for r in self._records}
        for chunk_result in results:
            for name, status, value, warns in chunk_result:
                for category, message, filename, lineno, module in warns:
                    warnings.warn_explicit(message, category, filename, lineno, module=module, registry=registry)
                if bar is not None:
                    bar.update(1)
                if status == "ok":
                    self._errors.pop(name, None)
                    yield name, value
                else:
                    self._fail(by_name[name], _unpack_exc(value))

    def _imap_pool(self, fn: Callable[..., Any], pass_tk: bool, workers: int, chunksize: int | None,
                   progress: bool | None, send: str) -> Iterator[tuple[str, Any]]:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        tk = self.tokenizer if pass_tk else None
        bar = _progress_bar(progress, len(self._records), f"documents ({workers} processes)")
        ex = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                                 initializer=_init_worker, initargs=(fn, pass_tk, tk))
        try:
            chunks = self._chunks(chunksize, workers, send)
            yield from self._consume(_ordered(lambda c: ex.submit(_pool_chunk, c), chunks, 2 * workers), bar)
        finally:
            ex.shutdown(wait=True, cancel_futures=True)
            if bar is not None:
                bar.close()

    def _imap_dask(self, fn: Callable[..., Any], pass_tk: bool, client: Any, chunksize: int | None,
                   progress: bool | None, send: str) -> Iterator[tuple[str, Any]]:
        try:
            import distributed
        except ImportError:
            raise MissingDependencyError("dask[distributed]", "Corpus.map on a Dask cluster", "dask") from None
        if not isinstance(client, distributed.Client):
            raise TypeError(f"Corpus.map expects a dask.distributed.Client as client, not {type(client).__name__}")
        return self._run_dask(fn, pass_tk, client, chunksize, progress, send)

    def _run_dask(self, fn: Callable[..., Any], pass_tk: bool, client: Any, chunksize: int | None,
                  progress: bool | None, send: str) -> Iterator[tuple[str, Any]]:
        if not self._records:
            return
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        tk = self.tokenizer if pass_tk else None
        # sent once to every worker, not with every task
        tk_future = client.scatter(tk, broadcast=True, hash=False) if tk is not None else None
        fn_future = client.scatter(fn, broadcast=True, hash=False)
        bar = _progress_bar(progress, len(self._records), f"documents (dask, {workers} workers)")
        try:
            chunks = self._chunks(chunksize, workers, send)
            yield from self._consume(
                _ordered(lambda c: client.submit(_dask_chunk, c, fn_future, pass_tk, tk_future, pure=False),
                         chunks, 2 * workers + 2), bar)
        finally:
            for fut in (tk_future, fn_future):
                if fut is not None:
                    fut.release()
            if bar is not None:
                bar.close()

    # -- corpus-level analyses ------------------------------------------------------------------
    def term_frequencies(self, *, min_count: int = 1, terms: Iterable[str] | None = None,
                         sparse: bool | None = None, processes: int | Literal["auto"] | None = None,
                         client: Any = None, chunksize: int | None = None,
                         progress: bool | None = None) -> pd.DataFrame:
        """Documents × terms counts of content tokens.

        A term is :attr:`Token.norm <policytext.tokens.tokenizer.Token.norm>` (aliases
        merge into their lexicon term) of every *content token* (see
        :func:`is_content`) of the document's body sentences and section
        headings; the title block, subtitle and date lines are metadata and
        are not counted. Each worker returns one small Counter per document,
        so no token list is ever kept.

        Parameters
        ----------
        min_count : int
            Keep terms with at least this many occurrences in the whole corpus.
        terms : iterable of str, optional
            Exactly these columns, in this order (zero columns kept,
            ``min_count`` not applied).
        sparse : bool, optional
            Sparse (``Sparse[int64, 0]`` columns) or dense ``int64``. Default:
            sparse when the table has more than 2**20 cells.
        processes, client, chunksize, progress
            As for :meth:`map`.

        Returns
        -------
        pandas.DataFrame
            Index ``document`` (corpus order, failed documents left out),
            columns ``term`` ordered by total count (descending), then term.

        Examples
        --------
        >>> corpus = Corpus(["要坚持党的全面领导，深化党和国家机构改革。",
        ...                  "要推进机构编制法定化，深化党和国家机构改革。"])
        >>> tf = corpus.term_frequencies()
        >>> tf.columns.tolist()
        ['深化党和国家机构改革', '坚持党的全面领导', '机构编制法定化']
        >>> tf.values.tolist()
        [[1, 1, 0], [1, 0, 1]]
        >>> corpus.term_frequencies(terms=["机构编制法定化", "未出现"]).values.tolist()
        [[0, 0], [1, 0]]
        """
        import numpy as np
        import pandas as pd
        from scipy import sparse as sp

        if not isinstance(min_count, int) or isinstance(min_count, bool) or min_count < 1:
            raise InvalidParameterError.build("min_count", "Corpus.term_frequencies", "an int >= 1", min_count)
        if sparse is not None and not isinstance(sparse, bool):
            raise InvalidParameterError.build("sparse", "Corpus.term_frequencies", "None, True or False", sparse)
        wanted: list[str] | None = None
        if terms is not None:
            if isinstance(terms, str):
                raise TypeError("terms must be an iterable of str, not a str")
            wanted = list(dict.fromkeys(terms))
        fn = partial(_count_terms, keep=frozenset(wanted)) if wanted is not None else content_terms
        vocab: dict[str, int] = {}
        names: list[str] = []
        # the only per-document state kept: a CSR row (4-byte term ids and counts)
        indptr = array("q", [0])
        indices = array("i")
        data = array("i")
        for name, counts in self.imap(fn, processes=processes, client=client, chunksize=chunksize,
                                      progress=progress):
            names.append(name)
            for term, c in counts.items():
                j = vocab.get(term)
                if j is None:
                    j = vocab[term] = len(vocab)
                indices.append(j)
                data.append(c)
            indptr.append(len(indices))
        n = len(names)
        vocab_terms = list(vocab)
        del vocab
        idx = np.frombuffer(indices, dtype=np.int32) if indices else np.zeros(0, np.int32)
        vals = np.frombuffer(data, dtype=np.int32) if data else np.zeros(0, np.int32)
        ptr = np.frombuffer(indptr, dtype=np.int64)
        if wanted is not None:
            columns = wanted
            position = {t: k for k, t in enumerate(wanted)}
            remap = np.array([position.get(t, -1) for t in vocab_terms], dtype=np.int32)
        else:
            totals = np.bincount(idx, weights=vals, minlength=len(vocab_terms))
            keep = [j for j in range(len(vocab_terms)) if totals[j] >= min_count]
            keep.sort(key=lambda j: (-totals[j], vocab_terms[j]))
            columns = [vocab_terms[j] for j in keep]
            remap = np.full(len(vocab_terms), -1, dtype=np.int32)
            remap[np.array(keep, dtype=np.int64)] = np.arange(len(keep), dtype=np.int32)
        # few transient copies: peak memory is the result plus one copy of it
        new_idx = remap[idx]
        new_vals = vals.astype(np.int64)
        if len(remap) and (remap < 0).any():
            mask = new_idx >= 0
            ptr = np.concatenate(([0], np.cumsum(mask, dtype=np.int64)))[ptr]
            new_idx, new_vals = new_idx[mask], new_vals[mask]
            del mask
        else:
            ptr = ptr.copy()
        del idx, vals, indices, data, indptr
        matrix = sp.csr_matrix((new_vals, new_idx, ptr), shape=(n, len(columns)))
        del new_vals, new_idx, ptr
        index = pd.Index(names, name="document", dtype=object)
        col_index = pd.Index(columns, name="term", dtype=object)
        if sparse is None:
            sparse = n * len(columns) > 2**20
        if sparse:
            matrix = matrix.tocsc()  # from_spmatrix then takes views of it, no further copy
            frame = pd.DataFrame.sparse.from_spmatrix(matrix, index=index, columns=col_index)
        else:
            frame = pd.DataFrame(matrix.toarray(), index=index, columns=col_index)
        return frame

    def keywords(self, *, method: str = "tfidf", top: int = 10, processes: int | Literal["auto"] | None = None,
                 client: Any = None, chunksize: int | None = None, progress: bool | None = None,
                 **options: Any) -> pd.DataFrame:
        """Keywords of every document (:func:`policytext.keywords`), as a long table.

        Extra keyword arguments go to :func:`policytext.keywords`.

        Returns
        -------
        pandas.DataFrame
            Columns ``document, rank, term, score, count, category`` (rank from 1).
        """
        import pandas as pd

        fn = partial(_doc_keywords, method=method, top=top, options=options)
        rows = [(name, *row) for name, result in self.imap(fn, processes=processes, client=client,
                                                          chunksize=chunksize, progress=progress)
                for row in result]
        return pd.DataFrame(rows, columns=["document", "rank", "term", "score", "count", "category"])

    def cooccurrence(self, *, window: int | str = "sentence", min_count: int = 1,
                     processes: int | Literal["auto"] | None = None, client: Any = None,
                     chunksize: int | None = None, progress: bool | None = None, **options: Any) -> nx.Graph:
        """Co-occurrence graph summed over the documents.

        Each document's graph is :func:`policytext.cooccurrence` with
        ``weight="count"`` and the corpus tokenizer (so the rules for units,
        windows and terms are that function's); node and edge ``count``
        attributes are summed across documents and ``weight`` equals the
        summed count (ratios such as PMI do not sum: compute them from the
        counts). Edges with a summed count below ``min_count`` are dropped.
        Extra keyword arguments (``headings``, ``terms`` …) go to
        :func:`policytext.cooccurrence`.

        Returns
        -------
        networkx.Graph
            Node attribute ``count``; edge attributes ``count``, ``weight``,
            ``documents`` (in how many documents the pair occurs).
        """
        import networkx as nx

        if not isinstance(min_count, int) or isinstance(min_count, bool) or min_count < 1:
            raise InvalidParameterError.build("min_count", "Corpus.cooccurrence", "an int >= 1", min_count)
        fn = partial(_doc_cooccurrence, window=window, options=options)
        nodes: Counter[str] = Counter()
        edges: Counter[tuple[str, str]] = Counter()
        docs: Counter[tuple[str, str]] = Counter()
        for _, (n_counts, e_counts) in self.imap(fn, processes=processes, client=client, chunksize=chunksize,
                                                 progress=progress):
            nodes.update(n_counts)
            edges.update(e_counts)
            docs.update(e_counts.keys())
        G = nx.Graph()
        for term in sorted(nodes):
            G.add_node(term, count=nodes[term])
        for (a, b), c in sorted(edges.items()):
            if c >= min_count:
                G.add_edge(a, b, count=c, weight=float(c), documents=docs[(a, b)])
        return G

    def classify(self, model: Any = None, *, processes: int | Literal["auto"] | None = None, client: Any = None,
                 chunksize: int | None = None, progress: bool | None = None, **options: Any) -> pd.DataFrame:
        """:func:`policytext.classify` on every document, concatenated with a ``document`` column first."""
        import pandas as pd

        fn = partial(_doc_classify, model=model, options=options)
        frames = []
        for name, frame in self.imap(fn, processes=processes, client=client, chunksize=chunksize,
                                     progress=progress):
            frame.insert(0, "document", name)
            frames.append(frame)
        if not frames:
            return pd.DataFrame({"document": pd.Series(dtype=object)})
        return pd.concat(frames, ignore_index=True)


def _ordered(submit: Callable[[Any], Any], chunks: Iterator[Any], max_inflight: int) -> Iterator[Any]:
    """Submit chunks with at most ``max_inflight`` in flight; yield results in submission order."""
    pending: deque[Any] = deque()
    it = iter(chunks)
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


# -- per-document functions (module level: picklable) -------------------------------------------

#: POS prefixes of content words (jieba tags: nouns, verbs, adjectives, abbreviations, idioms, set phrases).


def is_content(token: Token) -> bool:
    """The content-token rule of corpus analyses.

    A token counts when it is a word (not punctuation, space or a mask) and
    either a lexicon term / numbered formulation, or a non-stopword of at
    least two characters whose jieba tag starts with one of
    :data:`CONTENT_POS` (n v a j l i). Numbers, English words, adverbs,
    particles and single characters do not count.

    >>> from policytext import Tokenizer
    >>> [t.text for t in Tokenizer()("要深化党和国家机构改革，推进3项工作方面的法定化") if is_content(t)]
    ['深化党和国家机构改革', '法定化']
    """
    return token.is_content  # the package-wide rule (policytext.tokens.tokenizer.Token.is_content)


def content_terms(doc: Document, tokenizer: Tokenizer | None = None) -> Counter[str]:
    """Counts of the content terms of one document (the row of :meth:`Corpus.term_frequencies`).

    Body sentences and section headings are counted; tokens are not cached on
    the document (tokens already cached by ``tokenizer.tokenize_document``
    are reused).

    >>> import policytext as pt
    >>> content_terms(pt.parse("一、加强党的建设\\n要落实党的建设任务。"))
    Counter({'党的建设': 2})
    """
    if not isinstance(doc, Document):
        raise TypeError(f"content_terms expects a Document, not {type(doc).__name__}")
    if tokenizer is None:
        from ..tokens.tokenizer import default_tokenizer

        tokenizer = default_tokenizer()
    counts: Counter[str] = Counter()
    cached = doc._cache.get(("tokens", tokenizer.fingerprint))
    if cached is not None:
        for sent in cached:
            counts.update(t.norm for t in sent if is_content(t))
    else:
        tokenize = tokenizer.tokenize
        for s in doc.sentences:
            counts.update(t.norm for t in tokenize(s.text, offset=s.start) if is_content(t))
    for sec in doc.walk():
        if sec.heading:
            counts.update(t.norm for t in tokenizer.tokenize(sec.heading) if is_content(t))
    return counts


def _count_terms(doc: Document, *, tokenizer: Tokenizer | None = None, keep: frozenset[str]) -> Counter[str]:
    counts = content_terms(doc, tokenizer)
    return Counter({t: c for t, c in counts.items() if t in keep})


def _doc_keywords(doc: Document, *, tokenizer: Tokenizer | None = None, method: str, top: int,
                  options: dict[str, Any]) -> list[tuple[Any, ...]]:
    from ..analysis import keyterms

    kwargs = dict(options)
    if tokenizer is not None and "tokenizer" not in kwargs and _accepts_tokenizer(keyterms.keywords):
        kwargs["tokenizer"] = tokenizer
    result = keyterms.keywords(doc, method=method, top=top, **kwargs)
    return [(rank, getattr(k, "term", None), getattr(k, "score", None), getattr(k, "count", None),
             getattr(k, "category", None)) for rank, k in enumerate(result, 1)]


def _doc_cooccurrence(doc: Document, *, tokenizer: Tokenizer | None = None, window: int | str,
                      options: dict[str, Any]) -> tuple[dict[str, int], dict[tuple[str, str], int]]:
    from ..analysis import cooccur

    kwargs = dict(options)
    if tokenizer is not None and "tokenizer" not in kwargs and _accepts_tokenizer(cooccur.cooccurrence):
        kwargs["tokenizer"] = tokenizer
    G = cooccur.cooccurrence(doc, window=window, weight="count", **kwargs)
    nodes = {str(n): int(d.get("count", 1)) for n, d in G.nodes(data=True)}
    edges = {}
    for a, b, d in G.edges(data=True):
        key = (a, b) if a < b else (b, a)
        edges[key] = int(d.get("count", d.get("weight", 1)))
    return nodes, edges


def _doc_classify(doc: Document, *, model: Any, options: dict[str, Any]) -> Any:
    from ..analysis.classifier import classify

    return classify(doc, model, **options)


# -- output --------------------------------------------------------------------------------


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
    """
    frame = _prepare(frame, long, "to_csv")
    out = Path(path)
    sep = "\t" if out.suffix.lower() in (".tsv", ".tab") else ","
    from .._files import atomic_path as _atomic

    with _atomic(out) as tmp:  # a reader never sees a half-written table; OSError -> OutputError
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
    """
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise MissingDependencyError("pyarrow", "Writing Parquet files", "parquet") from None
    frame = _prepare(frame, long, "to_parquet")
    out = Path(path)
    from .._files import atomic_path as _atomic

    with _atomic(out) as tmp:  # OSError -> OutputError
        frame.to_parquet(tmp, engine="pyarrow", index=not long)
    return out


# -- metadata tables ---------------------------------------------------------------------------


def _read_table(path: Path) -> pd.DataFrame:
    import pandas as pd

    sep = "," if path.suffix.lower() == ".csv" else "\t"
    try:
        return pd.read_csv(path, sep=sep, dtype=object, keep_default_na=False, encoding="utf-8-sig")
    except (UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise InputError(str(path), f"is not a readable {'CSV' if sep == ',' else 'tab-separated'} table ({exc})") from None


def _attach_metadata(records: list[_Record], metadata: Any, base: Path | None) -> None:
    """Merge metadata rows into records (by ``file``/``name`` key, mapping or position)."""
    import pandas as pd

    if isinstance(metadata, (str, os.PathLike)):
        path = Path(metadata)
        if not path.is_file() and base is not None:
            path = base / path
        if not path.is_file():
            raise DocumentNotFoundError(str(metadata), "metadata table not found")
        metadata = _read_table(path)
    if isinstance(metadata, pd.DataFrame):
        cols = [str(c) for c in metadata.columns]
        key = next((k for k in ("file", "name", "path", "文件", "文件名") if k in cols), None)
        if key is None:
            raise InvalidParameterError(
                f"the metadata table needs a 'file' or 'name' column to match documents; it has: {', '.join(cols)}")
        rows = {}
        for raw in metadata.to_dict(orient="records"):
            row = {str(k): v for k, v in raw.items()}
            rows[str(row.pop(key)).strip()] = row
        _attach_by_key(records, rows, base)
    elif isinstance(metadata, Mapping):
        _attach_by_key(records, {str(k): dict(v) for k, v in metadata.items()}, base)
    elif isinstance(metadata, Sequence) and not isinstance(metadata, (str, bytes)):
        if len(metadata) != len(records):
            raise InvalidParameterError.build("metadata", "Corpus", f"a list of {len(records)} rows (one per item)",
                                              f"{len(metadata)} rows")
        for rec, row in zip(records, metadata):
            if not isinstance(row, Mapping):
                raise TypeError(f"metadata rows must be mappings, not {type(row).__name__}")
            rec.meta = {**rec.meta, **{str(k): v for k, v in row.items()}}
    else:
        raise TypeError(f"metadata must be a table path, a DataFrame, a mapping or a list of rows, "
                        f"not {type(metadata).__name__}")


def _attach_by_key(records: list[_Record], rows: dict[str, dict[str, Any]], base: Path | None) -> None:
    lookup: dict[str, _Record] = {}
    for rec in records:
        keys = [rec.name]
        if rec.path is not None:
            p = Path(rec.path)
            keys += [p.name, p.stem]
            if base is not None:
                try:
                    keys.append(p.relative_to(base).as_posix())
                except ValueError:
                    pass
        for k in keys:
            lookup.setdefault(k, rec)
    unmatched = []
    for key, row in rows.items():
        rec = lookup.get(key) or lookup.get(Path(key).as_posix())
        if rec is None:
            if base is None or not (base / key).is_file():  # files left out by the pattern are fine
                unmatched.append(key)
            continue
        rec.meta = {**rec.meta, **row}
    if unmatched:
        more = f" and {len(unmatched) - 5} more" if len(unmatched) > 5 else ""
        warnings.warn(f"metadata rows without a matching document: {', '.join(unmatched[:5])}{more}",
                      CorpusWarning, stacklevel=4)


# -- CLI ---------------------------------------------------------------------------------------
