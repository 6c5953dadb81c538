"""A dated series of documents: term counts, rates, trajectories by period and first appearances (data only).

:func:`term_trajectories` (documents × terms rates, or a tidy table by day,
month or year with ``freq``), :func:`term_counts` (raw counts) and
:func:`first_seen` read any iterable of documents — a list, a generator —
and order them by ``metadata["date"]`` (ISO strings; stable, undated
documents last). Given a :class:`policytext.Corpus`, they hand the work to the
corpus (:meth:`Corpus.term_trajectories <policytext.corpus.corpus.Corpus.term_trajectories>`,
:meth:`Corpus.first_seen <policytext.corpus.corpus.Corpus.first_seen>`), which
reads every document once, for any number of terms, serially, on local
processes or on Dask (``processes=``, ``client=`` …, passed on).

Counts are counts of word uses (``match="word"``, the default): the
non-overlapping occurrences of a term or any of its aliases in ``doc.text``,
longest form first, found for all terms at once by one Aho-Corasick automaton
(:class:`TermCounter`), of which only those the tokenizer would keep as a word
count (:class:`~policytext.analysis.compare._words.WordCounter`: 双减 in
政府企业双减负 is not a use). ``match="substring"`` counts every occurrence,
as a text search does. A list of documents and a Corpus give the same tables
in both modes. Rates are per ``per`` characters of ``doc.text``.
:func:`policytext.render.plots.plot_trajectories` and
:mod:`policytext.render.timeline` draw them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from ..._validation import InstanceOf, Interval, Options, validate_params
from ...errors import InvalidParameterError
from ...text.document import Document
from ...text.loading import as_document
from ...tokens.lexicon import Lexicon
from ._common import doc_name
from ._words import occurrence_counts
from .mentions import _lexicon_forms

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["first_seen", "term_counts", "term_trajectories", "TermCounter", "SeriesRow", "FREQS", "MATCHES",
           "FIRST_SEEN_COLUMNS", "TRAJECTORY_COLUMNS", "counter_for"]

_INDEX = Options(str, {"auto", "date", "name"})
_LEXICON = [InstanceOf(Lexicon), None]
#: ``freq`` values: a tidy table by day, month or year (``None``: one row per document).
FREQS = ("D", "M", "Y")
_FREQ = [Options(str, set(FREQS)), None]
#: Columns of :func:`first_seen`.
FIRST_SEEN_COLUMNS = ("term", "document", "date", "count", "n_documents", "total", "file", "offset")
#: Columns of :func:`term_trajectories` with ``freq``.
TRAJECTORY_COLUMNS = ("period", "term", "count", "documents", "rate", "chars", "period_documents")
_PERIOD_LEN = {"D": 10, "M": 7, "Y": 4}
#: The values of ``match=``: count word uses (default) or every substring occurrence.
MATCHES = ("word", "substring")
_MATCH = [Options(str, set(MATCHES))]


class TermCounter:
    """Substring counts of many terms (each with its forms) in a text, in one Aho-Corasick pass.

    Parameters
    ----------
    forms : mapping of str to tuple of str
        Term → the forms counted as that term (a form may belong to several terms).

    Notes
    -----
    A term's count is the number of non-overlapping occurrences of any of its
    forms, the longest form first at each position (what ``str.count`` gives
    for one form, and a regular-expression alternation of the forms, longest
    first, for several). Pickles without its automaton (rebuilt on first use),
    so it travels to worker processes cheaply.

    Examples
    --------
    >>> tc = TermCounter({"放管服": ("放管服改革", "放管服"), "改革": ("改革",)})
    >>> tc.count("深化放管服改革，推进改革。放管服")
    [(0, 2, 2), (1, 2, 5)]
    """

    def __init__(self, forms: dict[str, tuple[str, ...]]) -> None:
        self.terms: tuple[str, ...] = tuple(forms)
        self.forms: tuple[tuple[str, ...], ...] = tuple(tuple(f for f in fs if f) for fs in forms.values())
        self._ac: Any = None
        self._owners: list[tuple[int, ...]] = []

    def __getstate__(self) -> dict[str, Any]:
        return {"terms": self.terms, "forms": self.forms}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.terms, self.forms = state["terms"], state["forms"]
        self._ac, self._owners = None, []

    def __len__(self) -> int:
        return len(self.terms)

    def _automaton(self) -> Any:
        if self._ac is None:
            from ...tokens.tokenizer import term_automaton

            owners: dict[str, list[int]] = {}
            for i, fs in enumerate(self.forms):
                for f in fs:
                    owners.setdefault(f, []).append(i)
            self._owners = [tuple(v) for v in owners.values()]
            self._ac = term_automaton(list(owners)) or False
        return self._ac

    def count(self, text: str) -> list[tuple[int, int, int]]:
        """``(term index, count, start of the first occurrence)`` of every term that occurs in ``text``."""
        ac = self._automaton()
        if not ac or not text:
            return []
        from ...tokens.backends import RE_SURROGATE

        if RE_SURROGATE.search(text):  # Rust strings cannot hold lone surrogates (never in a term)
            text = RE_SURROGATE.sub("\ufffd", text)
        owners = self._owners
        spans: dict[int, list[tuple[int, int]]] = {}
        for k, a, b in ac.find_matches_as_indexes(text, overlapping=True):
            for i in owners[k]:
                occ = spans.get(i)
                if occ is None:
                    spans[i] = [(a, a - b)]
                else:
                    occ.append((a, a - b))
        return occurrence_counts(spans)


class SeriesRow(NamedTuple):
    """What a series keeps of one document: its name, ISO date, length, file and term hits."""

    name: str
    date: str | None
    chars: int
    path: str | None
    hits: list[tuple[int, int, int]]
    examples: dict[int, str] | None = None


#: Where a sentence ends, for :func:`sentence_at`.
_SENTENCE_END = "。！？!?\n"
_MAX_EXAMPLE = 300


def sentence_at(text: str, pos: int) -> str:
    """The sentence of ``text`` around position ``pos`` (split at 。！？ and line breaks; at most 300 characters).

    >>> sentence_at("一、学习\\n要发展新质生产力。要落实。", 8)
    '要发展新质生产力。'
    """
    start = max(text.rfind(c, 0, pos) for c in _SENTENCE_END) + 1
    ends = [e for e in (text.find(c, pos) for c in _SENTENCE_END) if e >= 0]
    end = min(ends) + 1 if ends else len(text)
    sentence = text[start:end].strip()
    if len(sentence) > _MAX_EXAMPLE:  # keep the use in view
        a = max(0, min(pos - start, len(sentence) - _MAX_EXAMPLE))
        sentence = sentence[a:a + _MAX_EXAMPLE]
    return sentence


def term_forms(terms: Sequence[str] | str | None, lexicon: Lexicon, func: str) -> dict[str, tuple[str, ...]]:
    """Term → forms: the given terms (aliases mapped to their lexicon term), else every lexicon term."""
    forms_of = _lexicon_forms(lexicon)
    if terms is None:
        return dict(forms_of)
    if isinstance(terms, str):
        terms = [terms]
    out: dict[str, tuple[str, ...]] = {}
    for t in terms:
        if not isinstance(t, str) or not t:
            raise InvalidParameterError.build("terms", func, "a sequence of non-empty str or None", t)
        canon = lexicon.canonical(t)
        out[canon] = forms_of.get(canon, (t,))
    return out


def counter_for(terms: Sequence[str] | str | None, lexicon: Lexicon | None, func: str, match: str = "word") -> Any:
    """The counter of ``terms`` (aliases merged; ``None``: every lexicon term): a :class:`TermCounter`
    (``match="substring"``), or a :class:`~policytext.analysis.compare._words.WordCounter` of it (word uses)."""
    lex = Lexicon.default() if lexicon is None else lexicon
    counter = TermCounter(term_forms(terms, lex, func))
    if match == "substring":
        return counter
    from ._words import WordCounter

    return WordCounter(counter, lexicon)


def date_order(rows: Iterable[SeriesRow]) -> list[SeriesRow]:
    """Stable sort by ISO date; undated rows last."""
    return sorted(rows, key=lambda r: (0, r.date) if r.date else (1, ""))


def _as_docs(docs: Any, func: str) -> list[Document]:
    if isinstance(docs, (str, bytes, Document)) or not isinstance(docs, Iterable):
        raise InvalidParameterError(
            f"{func} expects an iterable of Documents (or a Corpus), not {type(docs).__name__}")
    return [as_document(d, func) for d in docs]


def _doc_rows(docs: Any, counter: TermCounter, func: str, examples: bool = False) -> list[SeriesRow]:
    rows = []
    for i, d in enumerate(_as_docs(docs, func)):
        date = d.metadata.get("date")
        path = d.metadata.get("path") or d.metadata.get("source")
        hits = counter.count(d.text)
        found = {t: sentence_at(d.text, off) for t, _, off in hits} if examples else None
        rows.append(SeriesRow(doc_name(d, f"doc{i}"), str(date) if date else None, len(d.text),
                              str(path) if path else None, hits, found))
    return date_order(rows)


def _is_corpus(docs: Any) -> bool:
    """A :class:`policytext.Corpus` (known by its marker: analysis does not import the corpus layer)."""
    return getattr(type(docs), "_policytext_series", False) is True


def _no_run_options(docs: Any, run: dict[str, Any], func: str) -> None:
    if run and not _is_corpus(docs):
        raise InvalidParameterError(f"{func}: {', '.join(sorted(run))} only apply to a Corpus, not to a "
                                    f"{type(docs).__name__} of documents")


def _chosen(rows: list[SeriesRow], counter: TermCounter, all_terms: bool) -> list[int]:
    """Term indices in output order: all given terms, or (``all_terms``) those that occur, most frequent first."""
    if not all_terms:
        return list(range(len(counter)))
    totals = [0] * len(counter)
    for r in rows:
        for i, n, _ in r.hits:
            totals[i] += n
    return sorted((i for i in range(len(counter)) if totals[i]), key=lambda i: (-totals[i], counter.terms[i]))


def count_frame(rows: list[SeriesRow], counter: TermCounter, *, all_terms: bool, index: str) -> pd.DataFrame:
    """Documents × terms counts (the table of :func:`term_counts`) from date-ordered rows."""
    import numpy as np
    import pandas as pd

    chosen = _chosen(rows, counter, all_terms)
    col = {i: k for k, i in enumerate(chosen)}
    values = np.zeros((len(rows), len(chosen)), dtype=np.int64)
    for r_i, r in enumerate(rows):
        for i, n, _ in r.hits:
            k = col.get(i)
            if k is not None:
                values[r_i, k] = n
    names = [r.name for r in rows]
    dates = [r.date for r in rows]
    use_date = index == "date" or (index == "auto" and all(dates) and len(set(dates)) == len(dates))
    labels = [d if d else n for d, n in zip(dates, names)] if use_date else names
    df = pd.DataFrame(values, index=pd.Index(labels, name="date" if use_date else "document"),
                      columns=pd.Index([counter.terms[i] for i in chosen], name="term"))
    return df


def first_seen_frame(rows: list[SeriesRow], counter: TermCounter, *, all_terms: bool) -> pd.DataFrame:
    """The table of :func:`first_seen` from date-ordered rows."""
    import pandas as pd

    first: dict[int, tuple[int, int, int]] = {}  # term → (row, count, offset)
    docs = [0] * len(counter)
    totals = [0] * len(counter)
    for r_i, row in enumerate(rows):
        for i, n, off in row.hits:
            if i not in first:
                first[i] = (r_i, n, off)
            docs[i] += 1
            totals[i] += n
    out = []
    for i in _chosen(rows, counter, all_terms):
        hit = first.get(i)
        r: SeriesRow | None = rows[hit[0]] if hit else None
        out.append((counter.terms[i], r.name if r else None, r.date if r else None, hit[1] if hit else 0,
                    docs[i], totals[i], r.path if r else None, hit[2] if hit else None,
                    hit[0] if hit else len(rows)))
    names = [*FIRST_SEEN_COLUMNS, "_order"]
    df = pd.DataFrame({c: [row[k] for row in out] for k, c in enumerate(names)}, columns=names)
    df["offset"] = df["offset"].astype("Int64")
    df = df.sort_values(["_order", "total", "term"], ascending=[True, False, True], kind="mergesort")
    return df.drop(columns="_order").reset_index(drop=True)


def trajectory_frame(rows: Iterable[SeriesRow], counter: TermCounter, *, freq: str, per: int,
                     zeros: bool = True) -> pd.DataFrame:
    """The tidy table of :func:`term_trajectories` with ``freq`` (columns :data:`TRAJECTORY_COLUMNS`).

    Rows need not be in date order; undated rows are left out. A partial date
    (``2022``, ``2022-10``) counts in the first period it covers, as in
    :attr:`Corpus.metadata <policytext.corpus.corpus.Corpus.metadata>`.
    """
    import numpy as np
    import pandas as pd

    cut = _PERIOD_LEN[freq]
    period_of: dict[str, int] = {}
    chars: list[int] = []
    ndocs: list[int] = []
    cells: dict[tuple[int, int], list[Any]] = {}  # [count, documents, (date, name) of the first use, example]
    with_examples = False
    for r in rows:
        if not r.date:
            continue
        p = period_of.setdefault(r.date[:cut], len(period_of))
        if p == len(chars):
            chars.append(0)
            ndocs.append(0)
        chars[p] += r.chars
        ndocs[p] += 1
        with_examples = with_examples or r.examples is not None
        for i, n, _ in r.hits:
            cell = cells.get((p, i))
            example = r.examples.get(i) if r.examples is not None else None
            if cell is None:
                cells[(p, i)] = [n, 1, (r.date, r.name), example]
            else:
                cell[0] += n
                cell[1] += 1
                if (r.date, r.name) < cell[2]:  # rows may come in any order: keep the first use's sentence
                    cell[2], cell[3] = (r.date, r.name), example
    keys = sorted(period_of)
    order = np.array([period_of[k] for k in keys], dtype=np.int64)
    n_p, n_t = len(keys), len(counter)
    count = np.zeros((len(period_of), n_t), dtype=np.int64)
    docs = np.zeros((len(period_of), n_t), dtype=np.int64)
    for (p, i), (n, d, _, _) in cells.items():
        count[p, i] = n
        docs[p, i] = d
    counts, n_docs = count[order].ravel(), docs[order].ravel()
    p_chars = np.asarray(chars, dtype=np.int64)[order] if n_p else np.zeros(0, np.int64)
    p_docs = np.asarray(ndocs, dtype=np.int64)[order] if n_p else np.zeros(0, np.int64)
    starts = pd.to_datetime([_period_start(k) for k in keys]).astype("datetime64[ns]")
    frame = pd.DataFrame({
        "period": np.repeat(starts.values, n_t),
        "term": pd.Categorical.from_codes(np.tile(np.arange(n_t), n_p), categories=list(counter.terms)),
        "count": counts,
        "documents": n_docs,
        "rate": counts * float(per) / np.repeat(np.maximum(p_chars, 1), n_t),
        "chars": np.repeat(p_chars, n_t),
        "period_documents": np.repeat(p_docs, n_t),
    })
    if with_examples:
        rank = {p: k for k, p in enumerate(order.tolist())}
        examples = np.full(n_p * n_t, None, dtype=object)
        for (p, i), cell in cells.items():
            examples[rank[p] * n_t + i] = cell[3]
        frame["example"] = examples
    if not zeros:
        frame = frame[frame["count"] > 0].reset_index(drop=True)
    return frame


def _period_start(key: str) -> str:
    return key + "-01-01"[len(key) - 4:] if len(key) < 10 else key


@validate_params({"lexicon": _LEXICON, "index": [_INDEX], "match": _MATCH})
def term_counts(docs: Any, terms: Sequence[str] | None = None, *, lexicon: Lexicon | None = None,
                index: Literal["auto", "date", "name"] = "auto", match: str = "word") -> pd.DataFrame:
    """Counts of terms in a series of documents (documents × terms): word uses, or with
    ``match="substring"`` every occurrence.

    Same layout as :func:`term_trajectories` without ``freq``, with raw counts instead of rates.

    >>> import policytext as pt
    >>> docs = [pt.parse("要发展新质生产力。", metadata={"date": "2024-07-18"}),
    ...         pt.parse("要构建新发展格局。", metadata={"date": "2020-10-29"})]
    >>> term_counts(docs, ["新发展格局", "新质生产力"]).values.tolist()
    [[1, 0], [0, 1]]
    """
    counter = counter_for(terms, lexicon, "term_counts", match)
    rows = _doc_rows(docs, counter, "term_counts")
    return count_frame(rows, counter, all_terms=terms is None, index=index)


@validate_params({"per": [Interval(int, 1, None)], "lexicon": _LEXICON, "index": [_INDEX], "freq": _FREQ,
                  "zeros": ["boolean"], "examples": ["boolean"], "match": _MATCH})
def term_trajectories(docs: Any, terms: Sequence[str] | None = None, *, freq: str | None = None,
                      per: int = 10_000, lexicon: Lexicon | None = None,
                      index: Literal["auto", "date", "name"] = "auto", zeros: bool = True,
                      examples: bool = False, match: str = "word", **run: Any) -> pd.DataFrame:
    """Rates of terms per ``per`` characters across a series of documents, per document or by period.

    Parameters
    ----------
    docs : iterable of Document (or a Corpus, or paths)
        Documents with ``metadata["date"]`` (ISO strings); rows are sorted by
        date, undated documents last. A :class:`policytext.Corpus` reads every
        document once for all terms (see
        :meth:`Corpus.term_trajectories <policytext.corpus.corpus.Corpus.term_trajectories>`).
    terms : sequence of str, optional
        Terms to follow; an alias is mapped to its lexicon term and counted
        with all its forms. Default: every lexicon term that occurs in the
        series, most frequent first.
    freq : {"D", "M", "Y"}, optional
        A tidy table by day, month or year (see Returns). Default: one row per
        document, one column per term (rates).
    per : int
        Rates are occurrences per ``per`` characters of ``doc.text``.
    lexicon : Lexicon, optional
        For aliases and the default term list (default: the shipped lexicon).
    index : "auto", "date" or "name"
        Without ``freq``, the row labels: ``"auto"`` uses the dates when every
        document has a distinct one, else the document names.
    zeros : bool
        With ``freq``: keep the rows of periods in which a term does not occur
        (count 0), so that every term has a row for every period with documents.
    examples : bool
        With ``freq``: add an ``example`` column, the sentence of the period's
        first use of the term (the text around it up to 。！？ or a line
        break, at most 300 characters; missing where the term does not occur).
    match : {"word", "substring"}
        ``"word"`` (default): count a hit only where it is a word, as the
        tokenizer segments its sentence (双减 in 政府企业双减负 or “双减少” is
        not a use; :class:`~policytext.analysis.compare._words.WordCounter`).
        ``"substring"``: every occurrence, as a text search finds it.
    **run
        For a Corpus: ``processes``, ``client``, ``chunksize``, ``progress``,
        ``compute``.

    Returns
    -------
    pandas.DataFrame
        Without ``freq``: documents × terms (rates). With ``freq``: one row per
        (period, term), periods in order, terms in the order asked for:

        ``period`` (``datetime64``: the first day of the day, month or year),
        ``term`` (categorical), ``count`` (occurrences in the period),
        ``documents`` (documents of the period that use the term), ``rate``
        (occurrences per ``per`` characters of the period's documents),
        ``chars`` (characters of the period's documents) and
        ``period_documents`` (documents in the period), and ``example`` when
        asked for. Only periods with documents appear; undated documents are
        left out.

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
    >>> t = term_trajectories(docs, ["新质生产力", "新发展格局"], freq="Y")
    >>> t[["period", "term", "count", "documents"]].astype({"period": str, "term": str}).values.tolist()
    [['2020-01-01', '新质生产力', 0, 0], ['2020-01-01', '新发展格局', 1, 1], ['2024-01-01', '新质生产力', 2, 1], \
['2024-01-01', '新发展格局', 0, 0]]
    """
    if _is_corpus(docs):
        return docs.term_trajectories(terms, freq=freq, per=per, lexicon=lexicon, index=index, zeros=zeros,
                                      examples=examples, match=match, **run)
    _no_run_options(docs, run, "term_trajectories")
    counter = counter_for(terms, lexicon, "term_trajectories", match)
    rows = _doc_rows(docs, counter, "term_trajectories", examples=examples and freq is not None)
    if freq is not None:
        chosen = _chosen(rows, counter, terms is None)
        counter = _subset(counter, chosen)
        new = {i: k for k, i in enumerate(chosen)}
        rows = [r._replace(hits=[(new[i], n, o) for i, n, o in r.hits if i in new],
                           examples=None if r.examples is None else
                           {new[i]: e for i, e in r.examples.items() if i in new}) for r in rows]
        return trajectory_frame(rows, counter, freq=freq, per=per, zeros=zeros)
    return rates(count_frame(rows, counter, all_terms=terms is None, index=index), rows, per)


def rates(counts: pd.DataFrame, rows: list[SeriesRow], per: int) -> pd.DataFrame:
    """Counts (documents × terms, in the order of ``rows``) as rates per ``per`` characters."""
    chars = [max(r.chars, 1) for r in rows]
    return counts.astype(float).div(chars, axis=0) * per


def _subset(counter: Any, chosen: list[int]) -> TermCounter:
    """The ``chosen`` terms (for the table's labels: the rows are counted already)."""
    return TermCounter({counter.terms[i]: counter.forms[i] for i in chosen})


@validate_params({"lexicon": _LEXICON, "match": _MATCH})
def first_seen(docs: Any, terms: Sequence[str] | None = None, *, lexicon: Lexicon | None = None,
               match: str = "word", **run: Any) -> pd.DataFrame:
    """Where each term first appears in a dated series.

    Parameters
    ----------
    docs : iterable of Document (or a Corpus, or paths)
        Documents with ``metadata["date"]``; order by date (stable, undated
        last). A :class:`policytext.Corpus` reads every document once for all
        terms (:meth:`Corpus.first_seen <policytext.corpus.corpus.Corpus.first_seen>`).
    terms : sequence of str, optional
        Default: every lexicon term that occurs in the series.
    lexicon : Lexicon, optional
        Default: the shipped lexicon.
    match : {"word", "substring"}
        As for :func:`term_trajectories`: word uses (default) or every occurrence.
    **run
        For a Corpus: ``processes``, ``client``, ``chunksize``, ``progress``.

    Returns
    -------
    pandas.DataFrame
        One row per term (columns :data:`FIRST_SEEN_COLUMNS`): ``term``,
        ``document``, ``date`` (ISO string) and ``count`` of the first document
        containing the term (the count of its uses there), ``n_documents``
        (how many documents contain it), ``total``, ``file`` (the first
        document's file, when it has one) and ``offset`` (where in that
        document's ``text`` the first use starts). Terms that never occur have
        a missing ``document``/``date``/``file``/``offset`` and ``count = 0``.
        Sorted by first date, then by total (descending), then term.

    Examples
    --------
    >>> import policytext as pt
    >>> docs = [pt.parse("要发展新质生产力。", metadata={"date": "2024-07-18", "name": "20-3"}),
    ...         pt.parse("要构建新发展格局。新发展格局", metadata={"date": "2020-10-29", "name": "19-5"})]
    >>> first_seen(docs, ["新质生产力", "新发展格局"])[["term", "document", "count", "offset"]].values.tolist()
    [['新发展格局', '19-5', 2, 3], ['新质生产力', '20-3', 1, 3]]
    """
    if _is_corpus(docs):
        return docs.first_seen(terms, lexicon=lexicon, match=match, **run)
    _no_run_options(docs, run, "first_seen")
    counter = counter_for(terms, lexicon, "first_seen", match)
    return first_seen_frame(_doc_rows(docs, counter, "first_seen"), counter, all_terms=terms is None)
