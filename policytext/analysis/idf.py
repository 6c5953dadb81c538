"""The IDF table of the TF-IDF keyword ranker: reading, building and writing it.

The shipped table, ``lexicons/idf.tsv``, is a *policy-genre* table built by
``scripts/build_idf.py`` with :func:`idf_table` and :func:`write_idf`. Its
format is ``term<TAB>idf<TAB>df`` lines, ``#`` comments and an optional header
row; jieba's space-separated ``word idf`` files are read too.

:func:`idf_lookup` is what :func:`policytext.analysis.keyterms.keywords`
uses: the table as a callable that answers the table's median IDF for a
term it lacks (as ``jieba.analyse`` does). Tables read from files are cached
per resolved path, so ranking many sections reads the file once.

>>> idf = idf_lookup({"机构改革": 3.0, "改革": 1.0, "发展": 0.5})
>>> idf("机构改革"), idf("不在表中")
(3.0, 1.0)
"""

from __future__ import annotations

import math
import os
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Union

from .._validation import InstanceOf, Interval, Options, validate_params
from ..errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    from ..text.document import Document
    from ..tokens.tokenizer import Tokenizer

__all__ = ["IdfLike", "IdfLookup", "load_idf", "idf_lookup", "idf_table", "write_idf"]

#: What an ``idf=`` argument may be: ``None`` or ``"default"`` (the shipped table), a path, or a mapping.
IdfLike = Union[str, os.PathLike, Mapping[str, float], None]
#: The shipped tables by name: the policy-genre table (the default) and the genre background (issue 16).
SHIPPED = {"default": "idf.tsv", "background": "idf_background.tsv"}
#: The :mod:`policytext._validation` constraints of an ``idf=`` argument.
IDF_CONSTRAINT: list[Any] = ["path", InstanceOf(Mapping), None]

_UNITS = ("document", "section", "paragraph")


@dataclass(frozen=True)
class IdfLookup:
    """An IDF table as a callable: ``lookup(term)`` is the term's IDF, ``default`` for a term it lacks.

    Attributes
    ----------
    table : mapping of str to float
        ``term -> idf``.
    default : float
        The table's median IDF (1.0 for an empty table).
    """

    table: Mapping[str, float]
    default: float

    def __call__(self, term: str) -> float:
        return self.table.get(term, self.default)

    @classmethod
    def of(cls, table: Mapping[str, float]) -> IdfLookup:
        """The lookup of ``table``, with its median as the default."""
        return cls(table, statistics.median(table.values()) if table else 1.0)


@lru_cache(maxsize=8)
def _read_idf(path: str) -> dict[str, float]:
    table: dict[str, float] = {}
    try:
        fh = open(path, encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(path, f"cannot read IDF table: {exc.strerror or exc}") from None
    with fh:
        for lineno, raw in enumerate(fh, 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split("\t") if "\t" in line else line.split()
            if parts[0] == "term" and lineno <= 20 and not table:
                continue  # header row
            try:
                table[parts[0]] = float(parts[1])
            except (IndexError, ValueError):
                raise InputError(path, f"line {lineno}: expected 'term<TAB>idf', got {line[:60]!r}") from None
    return table


def _idf_path(idf: IdfLike) -> str | None:
    """The resolved path of a file table (``None`` and ``"default"``: the shipped one); None for a mapping."""
    if idf is None or (isinstance(idf, str) and idf in SHIPPED):
        from .._resources import data_file

        return str(data_file("lexicons", SHIPPED[idf or "default"]))
    if isinstance(idf, (str, os.PathLike)):
        return str(Path(idf).resolve())
    return None


@validate_params({"idf": IDF_CONSTRAINT})
def load_idf(idf: IdfLike = None) -> dict[str, float]:
    """The IDF table: the shipped policy-genre table, a file, or a mapping.

    Parameters
    ----------
    idf : str | path | mapping | None
        ``None`` or ``"default"`` for ``lexicons/idf.tsv``; ``"background"``
        for the genre background ``lexicons/idf_background.tsv`` (news items
        and policy paragraphs, ``scripts/build_background.py``); a path to a table
        (``term<TAB>idf[<TAB>df]`` lines, ``#`` comments, optional header row;
        jieba's space-separated ``word idf`` files work too); or a mapping
        ``term -> idf``.

    Returns
    -------
    dict[str, float]

    Raises
    ------
    InputError
        The file cannot be read, or a line is not ``term<TAB>idf``.
    InvalidParameterError
        ``idf`` is none of the above.

    Examples
    --------
    >>> idf = load_idf()
    >>> idf["机构改革"] > idf["改革"] > idf["发展"]
    True
    >>> load_idf({"甲": 2.0})
    {'甲': 2.0}
    """
    if isinstance(idf, Mapping):
        return {str(k): float(v) for k, v in idf.items()}
    path = _idf_path(idf)
    assert path is not None  # a path or None, as validated
    return dict(_read_idf(path))


@lru_cache(maxsize=8)
def _idf_from_file(path: str) -> IdfLookup:
    table = _read_idf(path)
    default = _header_default(path)
    return IdfLookup(table, default) if default is not None else IdfLookup.of(table)


def _header_default(path: str) -> float | None:
    """The ``# Default idf: x`` a table's header declares (the background's ``ln(N / min_df)``), else None."""
    with open(path, encoding="utf-8-sig") as fh:
        for raw in fh:
            if not raw.startswith("#"):
                return None
            if raw.startswith("# Default idf:"):
                try:
                    return float(raw.split(":", 1)[1].split()[0])
                except (IndexError, ValueError):
                    raise InputError(path, f"bad default idf line: {raw.strip()[:60]!r}") from None
    return None


def idf_lookup(idf: IdfLike = None) -> IdfLookup:
    """The table as an :class:`IdfLookup` (median-IDF fallback, or the ``# Default idf:`` its header declares);
    file tables are cached per path.

    ``idf`` is what :func:`load_idf` accepts.

    >>> lookup = idf_lookup()
    >>> lookup("机构改革") > lookup("改革") and lookup is idf_lookup("default")
    True
    """
    path = _idf_path(idf)
    if path is not None:
        return _idf_from_file(path)
    return IdfLookup.of(load_idf(idf))


@validate_params({"unit": [Options(str, _UNITS)], "min_df": [Interval(int, 1, None)]})
def idf_table(
    docs: Iterable[Document | str | os.PathLike[str]],
    *,
    unit: Literal["document", "section", "paragraph"] = "paragraph",
    min_df: int = 2,
    tokenizer: Tokenizer | None = None,
) -> tuple[dict[str, tuple[float, int]], int]:
    """Inverse document frequencies of the words of a corpus.

    Document frequency is counted over *pseudo-documents* (``unit``): whole
    documents, top-level sections, or paragraphs (the default: a policy
    corpus has few documents, and nearly every common word occurs in every
    long one). Only body sentences are read (headings are not), through
    :meth:`Tokenizer.tokenize_document`; words are counted under
    :attr:`Token.norm`. ``idf = ln(N / df)``.

    Parameters
    ----------
    docs : iterable of Document, path or str
        The corpus. Each item goes through
        :func:`policytext.text.loading.as_document`: a path is read, any
        other ``str`` is the text.
    unit : {"paragraph", "section", "document"}
        The pseudo-document.
    min_df : int
        Words in fewer pseudo-documents are left out of the table (they get
        the median IDF when looked up).
    tokenizer : Tokenizer, optional
        Defaults to :func:`policytext.tokens.tokenizer.default_tokenizer`.

    Returns
    -------
    (table, n)
        ``table[word] = (idf, df)`` and the number of pseudo-documents ``n``.

    Examples
    --------
    >>> table, n = idf_table(["机构改革。\\n编制资源。\\n机构改革和编制资源。"], min_df=2)
    >>> n, sorted(table), table["机构改革"]
    (3, ['机构改革', '编制资源'], (0.405..., 2))
    """
    from ..text.loading import as_document
    from ..tokens.tokenizer import default_tokenizer

    tk = tokenizer or default_tokenizer()
    df: Counter[str] = Counter()
    n = 0
    for item in docs:
        doc = as_document(item, "idf_table")
        groups: dict[Any, set[str]] = {}
        for sent, toks in zip(doc.sentences, tk.tokenize_document(doc)):
            if unit == "document":
                key: Any = 0
            elif unit == "section":
                key = sent.section_path[:1]
            else:
                key = sent.paragraph
            groups.setdefault(key, set()).update(t.norm for t in toks if t.is_word)
        n += len(groups)
        for bag in groups.values():
            df.update(bag)
    table = {w: (math.log(n / c), c) for w, c in df.items() if c >= min_df}
    return table, n


def write_idf(table: Mapping[str, tuple[float, int]], path: str | os.PathLike[str], *,
              header: Sequence[str] = ()) -> None:
    """Write an IDF table (``term<TAB>idf<TAB>df``, sorted by IDF then term), atomically.

    Parameters
    ----------
    table : mapping of str to (idf, df)
        What :func:`idf_table` returns first.
    path : path
        The file; written through :func:`policytext._files.atomic_path`, so
        a failed write leaves the old file (or none).
    header : sequence of str
        Comment lines written first, each after ``# ``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "idf.tsv"
    >>> write_idf({"改革": (0.5, 9), "机构改革": (2.0, 3)}, out, header=["demo"])
    >>> out.read_text(encoding="utf-8").splitlines()
    ['# demo', 'term\\tidf\\tdf', '改革\\t0.5000\\t9', '机构改革\\t2.0000\\t3']
    >>> load_idf(out)
    {'改革': 0.5, '机构改革': 2.0}
    """
    from .._files import atomic_path

    rows = sorted(table.items(), key=lambda kv: (kv[1][0], kv[0]))
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8", newline="\n") as fh:
        for line in header:
            fh.write(f"# {line}\n")
        fh.write("term\tidf\tdf\n")
        for term, (idf, df) in rows:
            fh.write(f"{term}\t{idf:.4f}\t{df}\n")
