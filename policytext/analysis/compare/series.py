"""A dated series of documents: term counts, rates and first appearances (data only).

:func:`term_trajectories` (documents × terms, rates), :func:`term_counts`
(raw counts) and :func:`first_seen` read any iterable of documents — a list,
a generator, a :class:`policytext.Corpus` — and order them by
``metadata["date"]`` (ISO strings; stable, undated documents last). Counts
are plain substring counts (:mod:`~policytext.analysis.compare.mentions`), so
they agree with a text search; rates are per ``per`` characters of
``doc.text``. :func:`policytext.render.plots.plot_trajectories` draws them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Literal

from ..._validation import InstanceOf, Interval, Options, validate_params
from ...errors import InvalidParameterError
from ...text.document import Document
from ...text.loading import as_document
from ...tokens.lexicon import Lexicon
from ._common import doc_name
from .mentions import _count_forms, _lexicon_counts, _lexicon_forms

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["first_seen", "term_counts", "term_trajectories"]

_INDEX = Options(str, {"auto", "date", "name"})
_LEXICON = [InstanceOf(Lexicon), None]


def _as_docs(docs: Any, func: str) -> list[Document]:
    if isinstance(docs, (str, bytes, Document)) or not isinstance(docs, Iterable):
        raise InvalidParameterError(
            f"{func} expects an iterable of Documents (or a Corpus), not {type(docs).__name__}")
    return [as_document(d, func) for d in docs]


def _in_date_order(docs: list[Document]) -> list[Document]:
    """Stable sort by ``metadata["date"]`` (ISO strings); undated documents last."""
    return [d for _, _, d in sorted(
        ((0, str(d.metadata["date"]), d) if d.metadata.get("date") else (1, "", d) for d in docs),
        key=lambda x: (x[0], x[1]))]


def _labels(docs: list[Document], index: str) -> tuple[list[str], str]:
    names = [doc_name(d, f"doc{i}") for i, d in enumerate(docs)]
    dates = [d.metadata.get("date") for d in docs]
    use_date = index == "date" or (
        index == "auto" and all(dates) and len(set(dates)) == len(dates))
    if use_date:
        return [str(x) if x else names[i] for i, x in enumerate(dates)], "date"
    return names, "document"


def _term_forms(terms: Sequence[str] | None, docs: list[Document], lexicon: Lexicon) -> dict[str, tuple[str, ...]]:
    forms_of = _lexicon_forms(lexicon)
    if terms is None:
        totals: Counter = Counter()
        for d in docs:
            totals.update(_lexicon_counts(d, lexicon))
        chosen = sorted(totals, key=lambda t: (-totals[t], t))
        return {t: forms_of[t] for t in chosen}
    if isinstance(terms, str):
        terms = [terms]
    out: dict[str, tuple[str, ...]] = {}
    for t in terms:
        if not isinstance(t, str) or not t:
            raise InvalidParameterError.build("terms", "term_trajectories", "a sequence of non-empty str or None", t)
        canon = lexicon.canonical(t)
        out[canon] = forms_of.get(canon, (t,))
    return out


@validate_params({"lexicon": _LEXICON, "index": [_INDEX]})
def term_counts(docs: Any, terms: Sequence[str] | None = None, *, lexicon: Lexicon | None = None,
                index: Literal["auto", "date", "name"] = "auto") -> pd.DataFrame:
    """Substring counts of terms in a series of documents (documents × terms).

    Same layout as :func:`term_trajectories`, with raw counts instead of rates.

    >>> import policytext as pt
    >>> docs = [pt.parse("要发展新质生产力。", metadata={"date": "2024-07-18"}),
    ...         pt.parse("要构建新发展格局。", metadata={"date": "2020-10-29"})]
    >>> term_counts(docs, ["新发展格局", "新质生产力"]).values.tolist()
    [[1, 0], [0, 1]]
    """
    import pandas as pd

    lex = Lexicon.default() if lexicon is None else lexicon
    ds = _in_date_order(_as_docs(docs, "term_counts"))
    forms = _term_forms(terms, ds, lex)
    labels, index_name = _labels(ds, index)
    lex_terms = {e.term for e in lex}
    data = {}
    for term, fs in forms.items():
        col = []
        for d in ds:
            if term in lex_terms:
                col.append(_lexicon_counts(d, lex).get(term, 0))
            else:
                col.append(_count_forms(d.text, fs))
        data[term] = col
    df = pd.DataFrame(data, index=pd.Index(labels, name=index_name), columns=list(forms), dtype="int64")
    df.columns.name = "term"
    return df


@validate_params({"per": [Interval(int, 1, None)], "lexicon": _LEXICON, "index": [_INDEX]})
def term_trajectories(docs: Any, terms: Sequence[str] | None = None, *, per: int = 10_000,
                      lexicon: Lexicon | None = None,
                      index: Literal["auto", "date", "name"] = "auto") -> pd.DataFrame:
    """Rates of terms per ``per`` characters across a series of documents.

    Parameters
    ----------
    docs : iterable of Document (or a Corpus, or paths)
        Documents with ``metadata["date"]`` (ISO strings); rows are sorted by
        date, undated documents last.
    terms : sequence of str, optional
        Terms to follow; an alias is mapped to its lexicon term and counted
        with all its forms. Default: every lexicon term that occurs in the
        series, most frequent first.
    per : int
        Rates are occurrences per ``per`` characters of ``doc.text``.
    lexicon : Lexicon, optional
        For aliases and the default term list (default: the shipped lexicon).
    index : "auto", "date" or "name"
        Row labels: ``"auto"`` uses the dates when every document has a
        distinct one, else the document names.

    Returns
    -------
    pandas.DataFrame
        documents × terms. Counts are plain substring counts (see the module
        docstring), so they agree with a text search.

    Examples
    --------
    >>> import policytext as pt
    >>> docs = [pt.parse("要发展新质生产力，新质生产力。", metadata={"date": "2024-07-18"}),
    ...         pt.parse("要构建新发展格局。", metadata={"date": "2020-10-29"})]
    >>> term_trajectories(docs, ["新质生产力"], per=100).round(2)
    term        新质生产力
    date
    2020-10-29   0.00
    2024-07-18  13.33
    """
    ds = _in_date_order(_as_docs(docs, "term_trajectories"))
    counts = term_counts(ds, terms, lexicon=lexicon, index=index)
    chars = [max(len(d.text), 1) for d in ds]
    return counts.astype(float).div(chars, axis=0) * per


@validate_params({"lexicon": _LEXICON})
def first_seen(docs: Any, terms: Sequence[str] | None = None, *, lexicon: Lexicon | None = None) -> pd.DataFrame:
    """Where each term first appears in a dated series.

    Parameters
    ----------
    docs : iterable of Document (or a Corpus, or paths)
        Documents with ``metadata["date"]``; order by date (stable, undated last).
    terms : sequence of str, optional
        Default: every lexicon term that occurs in the series.
    lexicon : Lexicon, optional
        Default: the shipped lexicon.

    Returns
    -------
    pandas.DataFrame
        One row per term: ``term, document, date, count`` (the first document
        containing the term, its date and the substring count there),
        ``n_documents`` (how many documents contain it) and ``total``. Terms
        that never occur have a missing ``document``/``date`` and ``count = 0``. Sorted by
        first date, then by total (descending), then term.

    Examples
    --------
    >>> import policytext as pt
    >>> docs = [pt.parse("要发展新质生产力。", metadata={"date": "2024-07-18", "name": "20-3"}),
    ...         pt.parse("要构建新发展格局。新发展格局", metadata={"date": "2020-10-29", "name": "19-5"})]
    >>> first_seen(docs, ["新质生产力", "新发展格局"])[["term", "document", "count"]].values.tolist()
    [['新发展格局', '19-5', 2], ['新质生产力', '20-3', 1]]
    """
    import pandas as pd

    ds = _in_date_order(_as_docs(docs, "first_seen"))
    counts = term_counts(ds, terms, lexicon=lexicon, index="name")
    names = [doc_name(d, f"doc{i}") for i, d in enumerate(ds)]
    dates = [d.metadata.get("date") for d in ds]
    rows = []
    for term in counts.columns:
        col = counts[term].tolist()
        first = next((i for i, c in enumerate(col) if c > 0), None)
        rows.append({
            "term": term,
            "document": names[first] if first is not None else None,
            "date": dates[first] if first is not None else None,
            "count": int(col[first]) if first is not None else 0,
            "n_documents": sum(1 for c in col if c > 0),
            "total": int(sum(col)),
            "_order": first if first is not None else len(ds),
        })
    df = pd.DataFrame(rows, columns=["term", "document", "date", "count", "n_documents", "total", "_order"])
    df = df.sort_values(["_order", "total", "term"], ascending=[True, False, True], kind="mergesort")
    return df.drop(columns="_order").reset_index(drop=True)
