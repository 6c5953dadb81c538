"""Corpus metadata: the schema, and fields derived from titles and dates.

Every document of a :class:`~policytext.corpus.corpus.Corpus` has one
metadata row. :func:`normalize_metadata` brings a row into the schema
(:data:`SCHEMA`: title, date, kind, meeting, issuer, source): ISO dates,
Chinese document kinds (文种, :data:`KINDS`), the meeting a document is of
(:func:`meeting_from_title`) and its issuing body, derived from the title when
the row does not say. :func:`metadata_rows` reads a metadata table (a CSV/TSV
file, a DataFrame, a mapping or a list of rows) and matches its rows to the
documents. :func:`metadata_frame` turns the rows into the typed table of
:attr:`Corpus.metadata <policytext.corpus.corpus.Corpus.metadata>`.

Examples
--------
>>> normalize_metadata({"标题": "国务院关于某事的通知", "日期": "2024/1/2"})
{'title': '国务院关于某事的通知', 'date': '2024-01-02', 'kind': '通知', 'issuer': '国务院', 'date_raw': '2024/1/2'}
"""

from __future__ import annotations

import calendar
import math
import os
import re
from collections.abc import Mapping, Sequence
from numbers import Integral, Real
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._validation import validate_params
from ..errors import DocumentNotFoundError, InputError, InvalidParameterError, PolicyTextWarning
from ..text.headings import ORDINAL_CLASS, int_to_cn

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "CorpusWarning",
    "SCHEMA",
    "KINDS",
    "meeting_from_title",
    "normalize_metadata",
    "metadata_rows",
    "metadata_frame",
    "TEXT_COLUMNS",
]


class CorpusWarning(PolicyTextWarning):
    """A document of a corpus was skipped, or its metadata did not match."""


# -- the schema -------------------------------------------------------------------------

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

#: Columns of a metadata table that name the document a row belongs to (the first found is used).
_KEY_COLUMNS: tuple[str, ...] = ("file", "name", "path", "文件", "文件名")

# -- titles ------------------------------------------------------------------------------

_ORD = ORDINAL_CLASS
RE_PLENUM: re.Pattern[str] = re.compile(
    rf"第([{_ORD}]+)届中央委员会第([{_ORD}]+)次全体(?:会议)?(?=公报|上|通过|决议|决定|$)")
RE_CONGRESS: re.Pattern[str] = re.compile(rf"第([{_ORD}]+)次全国代表大会(?=上|公报|通过|决议|$)")
RE_NPC: re.Pattern[str] = re.compile(rf"第([{_ORD}]+)届全国人民代表大会第([{_ORD}]+)次会议(?=上|公报|通过|决议|$)")
RE_CPPCC: re.Pattern[str] = re.compile(
    rf"政治协商会议第([{_ORD}]+)届全国委员会第([{_ORD}]+)次会议(?=上|公报|通过|决议|$)")
RE_DATE_VALUE: re.Pattern[str] = re.compile(
    r"^\s*(\d{4})(?:\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2})\s*日?)?\s*月?)?")
_RE_ISSUER = re.compile(
    r"^(中共中央(?:办公厅)?(?:[、 ]国务院(?:办公厅)?)?|国务院(?:办公厅)?|全国人大常委会"
    r"|中央[\u4e00-\u9fff]{1,12}?(?:委员会|领导小组|办公室))关于")
_RE_TRAILING_PAREN = re.compile(r"[（(]([^（）()]*)[）)]\s*$")
_RE_FULL_TEXT = re.compile(r"[（(]全文[）)]\s*$")
_RE_HAN = re.compile(r"[\u4e00-\u9fff]")
_RE_DIGIT = re.compile(r"\d")
_ORGAN_SUFFIXES = ("委员会", "党委", "党组", "政府", "办公厅", "办公室", "编办", "国务院", "中央")

#: (pattern, short form) of the meetings :func:`meeting_from_title` knows; ``{0}``, ``{1}`` are
#: the ordinals (term, session) in Chinese numerals.
_MEETINGS: tuple[tuple[re.Pattern[str], str], ...] = (
    (RE_PLENUM, "{0}届{1}中全会"),
    (RE_CONGRESS, "{0}大"),
    (RE_NPC, "{0}届全国人大{1}次会议"),
    (RE_CPPCC, "{0}届全国政协{1}次会议"),
)


def meeting_from_title(title: str | None) -> str | None:
    """The meeting that produced a document, derived from its title.

    Recognised (the meeting must be the one the document is *of* or *at*: the
    pattern must be followed by 公报, 上, 通过, 决议, 决定 or end the title):

    * ``第X届中央委员会第Y次全体会议`` → ``X届Y中全会``
    * ``第X次全国代表大会`` → ``X大``
    * ``第X届全国人民代表大会第Y次会议`` → ``X届全国人大Y次会议``
    * ``政治协商会议第X届全国委员会第Y次会议`` → ``X届全国政协Y次会议``

    Arabic ordinals (``第20届``) are written in Chinese numerals
    (:func:`policytext.text.headings.int_to_cn`).

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
    >>> meeting_from_title("中国共产党第20届中央委员会第3次全体会议公报")
    '二十届三中全会'
    >>> meeting_from_title("关于学习十九届六中全会精神的通知") is None
    True
    """
    if not title or not isinstance(title, str):
        return None
    for pattern, short in _MEETINGS:
        m = pattern.search(title)
        if m:
            return short.format(*(int_to_cn(g) for g in m.groups()))
    return None


def _clean_title(title: str) -> str:
    return _RE_FULL_TEXT.sub("", title.strip()).strip()


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
    if m and m.group(1).endswith(_ORGAN_SUFFIXES) and not _RE_DIGIT.search(m.group(1)):
        return m.group(1)
    return None


# -- values ------------------------------------------------------------------------------


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
    if not 1 <= d <= calendar.monthrange(y, mo)[1]:
        return f"{y:04d}-{mo:02d}"
    return f"{y:04d}-{mo:02d}-{d:02d}"


def is_missing(value: Any) -> bool:
    """True for None, NaN, a blank string, ``pd.NA`` and ``pd.NaT`` (a cell with no value).

    >>> [is_missing(v) for v in (None, float("nan"), " ", "", 0, "x")]
    [True, True, True, True, False, False]
    """
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


def _kind(kind_raw: Any, title: str | None, extra: dict[str, Any]) -> str | None:
    """The Chinese kind: as given when Chinese, else mapped by KINDS, else from the title."""
    kind: str | None = None
    if kind_raw is not None:
        raw_s = str(kind_raw)
        if _RE_HAN.search(raw_s):
            kind = raw_s
        else:
            kind = KINDS.get(raw_s.lower().replace(" ", "_").replace("-", "_"))
            extra["kind_raw"] = raw_s
    return kind if kind is not None else _kind_from_title(title)


@validate_params({"row": [Mapping]})
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

    Raises
    ------
    InvalidParameterError
        ``row`` is not a mapping (also a ``TypeError``).

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
    given: dict[str, Any] = {}
    for key, value in row.items():
        k = _COLUMN_ALIASES.get(str(key).strip(), str(key).strip())
        if is_missing(value):
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
    kind = _kind(given.get("kind"), title, extra)
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


# -- metadata tables -----------------------------------------------------------------------


def read_table(path: Path) -> pd.DataFrame:
    """A CSV (``.csv``) or tab-separated table as strings (no NA guessing); BOM tolerated."""
    import pandas as pd

    sep = "," if path.suffix.lower() == ".csv" else "\t"
    try:
        return pd.read_csv(path, sep=sep, dtype=object, keep_default_na=False, encoding="utf-8-sig")
    except (UnicodeDecodeError, pd.errors.ParserError) as exc:
        form = "CSV" if sep == "," else "tab-separated"
        raise InputError(str(path), f"is not a readable {form} table ({exc})") from None


def metadata_rows(metadata: Any, documents: Sequence[tuple[str, str | None]], base: Path | None
                  ) -> tuple[list[dict[str, Any]], list[str]]:
    """Match the rows of a metadata table to documents.

    Parameters
    ----------
    metadata : str | path | DataFrame | mapping | sequence of mappings
        A CSV/TSV file (found as given, else relative to ``base``) or a
        DataFrame with a ``file`` / ``name`` / ``path`` / 文件 / 文件名 key
        column; a mapping key → row; or one row per document, in order.
    documents : sequence of (name, path or None)
        The documents, in corpus order. A row's key matches a document's
        name, its file name, its file stem, its path relative to ``base`` or
        its path relative to the table file's folder (a table of a whole
        record, ``2021/20210101.txt``, read with a corpus of one year's folder).
    base : Path, optional
        The corpus folder. Keys of files that exist there but are not
        documents (left out by the glob pattern) are not reported.

    Returns
    -------
    rows : list of dict
        The raw (not yet normalized) metadata of each document, ``{}`` when
        no row matched; several rows that match one document merge in
        table order.
    unmatched : list of str
        Keys of rows that match no document.

    Raises
    ------
    DocumentNotFoundError
        The table file does not exist.
    InvalidParameterError
        A table without a key column, or a list of rows of the wrong length.
    TypeError
        ``metadata`` (or a row of a list) is of an unsupported type.

    Examples
    --------
    >>> metadata_rows({"a": {"date": "2024"}, "zzz": {}}, [("a", "/data/a.txt"), ("b", None)], None)
    ([{'date': '2024'}, {}], ['zzz'])
    """
    import pandas as pd

    table_dir = None
    if isinstance(metadata, (str, os.PathLike)):
        path = _table_path(metadata, base)
        metadata, table_dir = read_table(path), path.parent
    if isinstance(metadata, pd.DataFrame):
        return _rows_by_key(_frame_rows(metadata), documents, base, table_dir)
    if isinstance(metadata, Mapping):
        return _rows_by_key({str(k): dict(v) for k, v in metadata.items()}, documents, base)
    if isinstance(metadata, Sequence) and not isinstance(metadata, (str, bytes)):
        if len(metadata) != len(documents):
            raise InvalidParameterError.build("metadata", "Corpus", f"a list of {len(documents)} rows (one per item)",
                                              f"{len(metadata)} rows")
        rows = []
        for row in metadata:
            if not isinstance(row, Mapping):
                raise TypeError(f"metadata rows must be mappings, not {type(row).__name__}")
            rows.append({str(k): v for k, v in row.items()})
        return rows, []
    raise TypeError(f"metadata must be a table path, a DataFrame, a mapping or a list of rows, "
                    f"not {type(metadata).__name__}")


def _table_path(metadata: str | os.PathLike[str], base: Path | None) -> Path:
    path = Path(metadata)
    if not path.is_file() and base is not None:
        path = base / path
    if not path.is_file():
        raise DocumentNotFoundError(str(metadata), "metadata table not found")
    return path


def _frame_rows(frame: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """Rows of a metadata DataFrame by the value of its key column (the column itself left out)."""
    cols = [str(c) for c in frame.columns]
    key = next((k for k in _KEY_COLUMNS if k in cols), None)
    if key is None:
        raise InvalidParameterError(
            f"the metadata table needs a 'file' or 'name' column to match documents; it has: {', '.join(cols)}")
    rows: dict[str, dict[str, Any]] = {}
    for raw in frame.to_dict(orient="records"):
        row = {str(k): v for k, v in raw.items()}
        rows[str(row.pop(key)).strip()] = row
    return rows


def _relative(path: Path, folder: Path) -> str | None:
    """``path`` relative to ``folder`` (POSIX), also through symlinks and ``..``; None when outside."""
    for p, f in ((path, folder), (Path(os.path.abspath(path)), Path(os.path.abspath(folder)))):
        try:
            return p.relative_to(f).as_posix()
        except ValueError:
            pass
    return None


def _rows_by_key(rows: dict[str, dict[str, Any]], documents: Sequence[tuple[str, str | None]],
                 base: Path | None, table_dir: Path | None = None) -> tuple[list[dict[str, Any]], list[str]]:
    lookup: dict[str, int] = {}
    for i, (name, path) in enumerate(documents):
        keys = [name]
        if path is not None:
            p = Path(path)
            keys += [p.name, p.stem]
            keys += [k for k in (_relative(p, f) for f in (base, table_dir) if f is not None) if k]
        for k in keys:
            lookup.setdefault(k, i)
    matched: list[dict[str, Any]] = [{} for _ in documents]
    unmatched: list[str] = []
    for key, row in rows.items():
        at = lookup.get(key)
        if at is None:
            at = lookup.get(Path(key).as_posix())
        if at is None:  # files left out by the pattern (or outside the corpus folder) are fine
            if not any(f is not None and (f / key).is_file() for f in (base, table_dir)):
                unmatched.append(key)
            continue
        matched[at] = {**matched[at], **row}
    return matched, unmatched


# -- the typed table ---------------------------------------------------------------------------

#: Columns of :attr:`Corpus.metadata` that always hold text (pandas ``string`` dtype).
TEXT_COLUMNS: tuple[str, ...] = ("title", "kind", "meeting", "issuer", "source", "path", "kind_raw", "date_raw")
_PRECISION = {4: "year", 7: "month", 10: "day"}
_RE_ISO = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?")
_RE_INT = re.compile(r"0|-?[1-9][0-9]*")  # the canonical form: str(int(s)) == s
_RE_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]+")
_INT64 = (-(2**63), 2**63 - 1)


def metadata_frame(rows: Sequence[Mapping[str, Any]], columns: Sequence[str], names: Sequence[str]
                   ) -> pd.DataFrame:
    """The metadata rows as a typed table (index ``document``), the form of :attr:`Corpus.metadata`.

    Column types (missing values are ``pd.NA`` / ``NaT``, never ``""``):

    * ``date``: ``datetime64[us]``. A partial date (``2022``, ``2022-10``)
      is the first day of its period; when the corpus has one, a
      ``date_precision`` column (``"year"``, ``"month"``, ``"day"``) follows
      the schema fields and ``path``;
    * :data:`TEXT_COLUMNS` (title, kind, meeting, issuer, source, path,
      kind_raw, date_raw): ``string``;
    * every other column by its values: ``boolean`` (all bools), ``Int64``
      (ints, or texts that are ints written plainly: ``"5120"`` but not
      ``"007"``, ``"+5"`` or ``"5,120"``), ``Float64`` (numbers, or texts
      that read back exactly: ``"0.5"`` but not ``"0.50"``), ``string``
      (texts), else ``object``. No value changes on the way: a column with
      one text that is not a number stays text.

    Parameters
    ----------
    rows : sequence of mappings
        One normalized row per document (:func:`normalize_metadata`).
    columns : sequence of str
        The columns, in order.
    names : sequence of str
        The document names (the index).

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> frame = metadata_frame([{"date": "2024-07-18", "chars": "5120", "title": "公报"}, {"date": "2022"}],
    ...                        ["title", "date", "chars"], ["a", "b"])
    >>> frame.dtypes.astype(str).to_dict()
    {'title': 'string', 'date': 'datetime64[us]', 'date_precision': 'string', 'chars': 'Int64'}
    >>> frame.loc["b"].tolist()
    [<NA>, Timestamp('2022-01-01 00:00:00'), 'year', <NA>]
    >>> frame.loc["a", "date_precision"], int(frame["chars"].sum())
    ('day', 5120)
    """
    import pandas as pd

    data: dict[str, Any] = {}
    for column in columns:
        values = [row.get(column) for row in rows]
        if column == "date":
            data[column] = _dates(values)
        elif column in TEXT_COLUMNS:
            data[column] = _typed(values, "string")
        else:
            data[column] = _typed(values, _column_kind([v for v in values if not is_missing(v)]))
    frame = pd.DataFrame(data, index=pd.Index(list(names), name="document"), columns=list(data))
    precision = [_PRECISION.get(len(v)) if isinstance(v, str) and _RE_ISO.fullmatch(v) else None
                 for v in (row.get("date") for row in rows)]
    if "date_precision" not in frame.columns and any(p in ("year", "month") for p in precision):
        at = max((i + 1 for i, c in enumerate(frame.columns) if c in SCHEMA or c == "path"), default=0)
        frame.insert(at, "date_precision", pd.array(precision, dtype="string"))
    return frame


def _dates(values: list[Any]) -> Any:
    """ISO dates (full or partial) as ``datetime64[us]``; anything else is NaT."""
    import numpy as np

    out = np.full(len(values), np.datetime64("NaT"), dtype="datetime64[D]")
    for i, v in enumerate(values):
        if isinstance(v, str) and _RE_ISO.fullmatch(v):
            try:
                out[i] = np.datetime64(v + "-01" * ((10 - len(v)) // 3), "D")
            except ValueError:  # not a calendar date (normalize_metadata never writes one)
                pass
    return out.astype("datetime64[us]")


def _as_int(value: Any) -> int | None:
    if isinstance(value, str):
        n = int(value) if _RE_INT.fullmatch(value) else None
    elif isinstance(value, Integral) and not isinstance(value, bool):
        n = int(value)
    else:
        return None
    return n if n is not None and _INT64[0] <= n <= _INT64[1] else None


def _as_float(value: Any) -> float | None:
    """The value as a float when that loses nothing (``"0.5"``, 3; not ``"0.50"`` or 2**53 + 1)."""
    if isinstance(value, str):
        n = _as_int(value)
        if n is not None:
            return _exact(n)
        f = float(value) if _RE_FLOAT.fullmatch(value) else None
        return f if f is not None and repr(f) == value else None
    if isinstance(value, Integral) and not isinstance(value, bool):
        return _exact(int(value))
    if isinstance(value, Real) and not isinstance(value, bool):
        return float(value)
    return None


def _exact(n: int) -> float | None:
    try:
        f = float(n)
    except OverflowError:
        return None
    return f if int(f) == n else None


def _column_kind(present: list[Any]) -> str | None:
    """The dtype of a column with these (non-missing) values; None: ``object``."""
    if all(type(v).__name__ in ("bool", "bool_") for v in present):
        return "boolean" if present else "string"
    if all(_as_int(v) is not None for v in present):
        return "Int64"
    if all(_as_float(v) is not None for v in present):
        return "Float64"
    if all(isinstance(v, str) for v in present):
        return "string"
    return None


def _typed(values: list[Any], kind: str | None) -> Any:
    """The values as an array of ``kind`` (None: ``object``), missing values as ``pd.NA``."""
    import numpy as np
    import pandas as pd

    convert: Any = {"boolean": bool, "Int64": _as_int, "Float64": _as_float, "string": str}.get(kind or "")
    if convert is None:
        out = np.empty(len(values), dtype=object)
        for i, v in enumerate(values):
            out[i] = pd.NA if is_missing(v) else v
        return out
    return pd.array([None if is_missing(v) else convert(v) for v in values], dtype=kind)
