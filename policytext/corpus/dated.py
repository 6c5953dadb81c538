"""A corpus as a dated record: first appearances and trajectories of any number of terms in one pass.

:meth:`Corpus.first_seen <policytext.corpus.corpus.Corpus.first_seen>` and
:meth:`Corpus.term_trajectories <policytext.corpus.corpus.Corpus.term_trajectories>`
(and :func:`policytext.first_seen` / :func:`policytext.term_trajectories`
given a Corpus) run :func:`term_hits` over every document once, serially, on
local processes or on Dask: each worker reads a file, normalises its text
(the document structure is not parsed), and counts every term with one
Aho-Corasick automaton (:class:`~policytext.analysis.compare.series.TermCounter`);
by default only the hits that are words there count (``match="word"``, see
:mod:`policytext.analysis.compare._words`: 双减 in 双减负 is not a use), ``match="substring"``
counts every occurrence. What comes back
per document is a few tuples ``(term, count, first offset)``; the tables are
built in the calling process by the functions of
:mod:`policytext.analysis.compare.series`, so the list-of-documents path and
the corpus path give the same numbers (in both modes).

>>> import policytext as pt
>>> corpus = pt.Corpus(["要发展新质生产力。", "新质生产力，新质生产力。"],
...                    metadata=[{"date": "2023-09-08"}, {"date": "2024-03-05"}])
>>> corpus.first_seen(["新质生产力"])[["term", "date", "count", "total"]].values.tolist()
[['新质生产力', '2023-09-08', 1, 3]]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

from .._files import printable_path
from .._validation import InstanceOf, Interval, Options, validate_params
from ..analysis.compare.series import FREQS, MATCHES, SeriesRow, TermCounter, counter_for, date_order
from ..errors import InvalidParameterError
from ..tokens.lexicon import Lexicon
from ._hits import most_frequent, term_hits, term_hits_examples
from ._parallel import EXECUTION_OPTIONS
from .metadata import CorpusWarning

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..analysis.compare import Background
    from ..tokens.tokenizer import Tokenizer

__all__ = ["DatedRecord", "series_rows", "iter_rows", "warn_undated"]


def warn_undated(corpus: Any, func: str) -> None:
    """Warn (:class:`CorpusWarning`) when a table by period is asked of a corpus in which no document has a date
    (it would be empty). :meth:`DatedRecord.first_seen` does not warn: without dates, "first" is the corpus
    order (the order given, or of the file names), an answer, and its ``date`` column shows the missing dates."""
    if len(corpus) and not any(r.date for r in corpus._records):
        import warnings

        warnings.warn(f"{func}: no document of the corpus has a date, so the tables have no dates nor periods: "
                      "give a metadata table with 'file' and 'date' columns (Corpus.from_folder reads the dates "
                      "that file names and documents state unless metadata=None or dates='table')",
                      CorpusWarning, stacklevel=3)


def series_rows(corpus: Any, counter: TermCounter, run: dict[str, Any], examples: bool = False) -> list[SeriesRow]:
    """One :class:`SeriesRow` per readable document, in date order (undated last); ``examples``: with
    the sentence of each term's first use in each document."""
    records = {r.name: r for r in corpus._records}
    rows = []
    hits_of = term_hits_examples if examples else term_hits
    for name, result in corpus.imap(partial(hits_of, counter=counter), **run):
        rec = records[name]
        path = printable_path(rec.path) if rec.path else None
        rows.append(SeriesRow(name, rec.date, result[0], path, result[1], result[2] if examples else None))
    return date_order(rows)


def iter_rows(corpus: Any, counter: TermCounter, run: dict[str, Any], examples: bool = False
              ) -> Iterator[SeriesRow]:
    """Like :func:`series_rows`, unordered and streamed (for tables that aggregate by period);
    ``examples``: with the sentence of each term's first use in each document."""
    records = {r.name: r for r in corpus._records}
    if not examples:
        for name, (chars, hits) in corpus.imap(partial(term_hits, counter=counter), **run):
            yield SeriesRow(name, records[name].date, chars, None, hits)
        return
    for name, (chars, hits, found) in corpus.imap(partial(term_hits_examples, counter=counter), **run):
        yield SeriesRow(name, records[name].date, chars, None, hits, found)


_RUN = ("processes", "client", "chunksize", "progress")


class DatedRecord:
    """The dated-record methods of :class:`~policytext.corpus.corpus.Corpus` (a mixin: the class is long)."""

    #: Marks a corpus for :mod:`policytext.analysis.compare.series`, which does not import this layer.
    _policytext_series = True

    @validate_params({**{k: EXECUTION_OPTIONS[k] for k in ("processes", "chunksize", "progress")},
                      "lexicon": [InstanceOf(Lexicon), None], "terms": ["iterable", None],
                      "match": [Options(str, set(MATCHES))]},
                     func="Corpus.first_seen")
    def first_seen(self, terms: Iterable[str] | None = None, *, lexicon: Lexicon | None = None,
                   match: str = "word", processes: Any = None, client: Any = None, chunksize: int | None = None,
                   progress: bool | None = None) -> pd.DataFrame:
        """Where each term first appears: date, document, file and count, in one pass over the corpus.

        The same table as :func:`policytext.first_seen` over the corpus's
        documents (columns ``term, document, date, count, n_documents, total,
        file, offset``; see there), computed by reading every document once
        for all ``terms`` however many (the structure is not parsed: counts
        are counts of word uses in ``doc.text``, see ``match``). Documents are in date order
        (undated last) whatever the corpus order; in a corpus without dates,
        "first" is the corpus order (no warning: the ``date`` column shows it).

        Parameters
        ----------
        terms : iterable of str, optional
            Default: every lexicon term that occurs.
        lexicon : Lexicon, optional
            Aliases and the default term list (default: the shipped lexicon).
        match : {"word", "substring"}
            ``"word"`` (default): count a hit only where it is a word, as the
            tokenizer segments its sentence (双减 in 政府企业双减负 or “双减少”
            is not a use; see :mod:`policytext.analysis.compare._words`).
            ``"substring"``: every occurrence of the text.
        processes, client, chunksize, progress
            As for :meth:`Corpus.map`.

        Examples
        --------
        >>> import policytext as pt
        >>> corpus = pt.Corpus(["要构建新发展格局。", "新发展格局"],
        ...                    metadata=[{"date": "2021"}, {"date": "2020-10-29"}])
        >>> fs = corpus.first_seen(["新发展格局", "新质生产力"])
        >>> fs[["term", "document", "date"]].iloc[0].tolist(), fs["date"].isna().tolist()
        (['新发展格局', 'doc1', '2020-10-29'], [False, True])
        """
        from ..analysis.compare.series import first_seen_frame

        counter = counter_for(None if terms is None else list(terms), lexicon, "Corpus.first_seen", match)
        run = {"processes": processes, "client": client, "chunksize": chunksize, "progress": progress}
        return first_seen_frame(series_rows(self, counter, run), counter,
                                all_terms=terms is None)

    @validate_params({**{k: EXECUTION_OPTIONS[k] for k in ("processes", "chunksize", "progress")},
                      "lexicon": [InstanceOf(Lexicon), None], "terms": ["iterable", None],
                      "freq": [Options(str, set(FREQS))], "per": [Interval(int, 1, None)], "zeros": ["boolean"],
                      "examples": ["boolean"], "match": [Options(str, set(MATCHES))]},
                     func="Corpus.term_history")
    def term_history(self, terms: Iterable[str] | None = None, *, freq: str = "Y", per: int = 10_000,
                     lexicon: Lexicon | None = None, zeros: bool = True, examples: bool = False,
                     match: str = "word", processes: Any = None, client: Any = None, chunksize: int | None = None,
                     progress: bool | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
        """:meth:`first_seen` and :meth:`term_trajectories` with ``freq``, from one pass over the corpus.

        ``examples=True`` adds the trajectories' ``example`` column (the
        sentence of each period's first use), as ``term_trajectories`` does;
        ``match`` as for :meth:`first_seen`. Warns (``CorpusWarning``) when no
        document has a date.

        Returns
        -------
        (first_seen, trajectories) : tuple of DataFrame
            The two tables, as the two methods give them (same arguments).

        Examples
        --------
        >>> import policytext as pt
        >>> corpus = pt.Corpus(["要发展新质生产力。", "新质生产力。"],
        ...                    metadata=[{"date": "2023-09-08"}, {"date": "2024"}])
        >>> first, by_year = corpus.term_history(["新质生产力"])
        >>> first["date"].tolist(), by_year["count"].tolist()
        (['2023-09-08'], [1, 1])
        """
        from ..analysis.compare.series import first_seen_frame, trajectory_frame

        wanted = None if terms is None else list(terms)
        counter = counter_for(wanted, lexicon, "Corpus.term_history", match)
        warn_undated(self, "Corpus.term_history")
        run = {"processes": processes, "client": client, "chunksize": chunksize, "progress": progress}
        rows = series_rows(self, counter, run, examples)
        first = first_seen_frame(rows, counter, all_terms=wanted is None)
        frame = trajectory_frame(rows, counter, freq=freq, per=per, zeros=zeros)
        return first, most_frequent(frame) if wanted is None else frame

    @validate_params({**{k: EXECUTION_OPTIONS[k] for k in ("processes", "chunksize", "progress")},
                      "lexicon": [InstanceOf(Lexicon), None], "terms": ["iterable", None],
                      "freq": [Options(str, set(FREQS)), None], "per": [Interval(int, 1, None)],
                      "index": [Options(str, {"auto", "date", "name"})], "zeros": ["boolean"],
                      "examples": ["boolean"], "compute": ["boolean"],
                      "match": [Options(str, set(MATCHES))]},
                     func="Corpus.term_trajectories")
    def term_trajectories(self, terms: Iterable[str] | None = None, *, freq: str | None = None, per: int = 10_000,
                          lexicon: Lexicon | None = None, index: str = "auto", zeros: bool = True,
                          examples: bool = False, match: str = "word", processes: Any = None, client: Any = None,
                          chunksize: int | None = None, progress: bool | None = None, compute: bool = True) -> Any:
        """Rates of terms per period (or per document), in one pass over the corpus for any number of terms.

        The same table as :func:`policytext.term_trajectories` over the
        corpus's documents (see there for the columns): with ``freq`` ("D",
        "M", "Y") a tidy table ``period, term, count, documents, rate, chars,
        period_documents``, one row per period with documents and term;
        without, documents × terms rates. Every document is read once for
        all ``terms``.

        Parameters
        ----------
        terms : iterable of str, optional
            Default: every lexicon term that occurs, most frequent first.
        freq : {"D", "M", "Y"}, optional
            Day, month or year.
        per, lexicon, index, zeros, examples
            As for :func:`policytext.term_trajectories` (``examples``: an
            ``example`` column, the sentence of the period's first use; not
            with ``compute=False``).
        match : {"word", "substring"}
            As for :meth:`first_seen`.
        processes, client, chunksize, progress
            As for :meth:`Corpus.map`.
        compute : bool
            ``False`` (with ``freq``; needs Dask): a dask DataFrame to compute
            later, on the client given or the active one (see :meth:`Corpus.map`).

        Examples
        --------
        >>> import policytext as pt
        >>> corpus = pt.Corpus(["要发展新质生产力。", "新质生产力，新质生产力。", "要学习。"],
        ...                    metadata=[{"date": "2023-09-08"}, {"date": "2024-03-05"}, {"date": "2024-03-06"}])
        >>> t = corpus.term_trajectories(["新质生产力"], freq="Y")
        >>> t[["count", "documents", "period_documents"]].values.tolist()
        [[1, 1, 1], [2, 1, 2]]
        """
        from ..analysis.compare.series import count_frame, rates, trajectory_frame

        wanted = None if terms is None else list(terms)
        counter = counter_for(wanted, lexicon, "Corpus.term_trajectories", match)
        if freq is not None:
            warn_undated(self, "Corpus.term_trajectories")
        run = {"processes": processes, "client": client, "chunksize": chunksize, "progress": progress}
        if not compute:
            if freq is None:
                raise InvalidParameterError("Corpus.term_trajectories: compute=False needs freq ('D', 'M' or 'Y')")
            from .lazy import lazy_trajectories

            return lazy_trajectories(self, counter, run, freq=freq, per=per, zeros=zeros, all_terms=wanted is None)
        if freq is None:
            rows = series_rows(self, counter, run)
            return rates(count_frame(rows, counter, all_terms=wanted is None, index=index), rows, per)
        frame = trajectory_frame(iter_rows(self, counter, run, examples), counter, freq=freq, per=per,
                                 zeros=zeros)
        return most_frequent(frame) if wanted is None else frame

    def emerging_terms(self, *, since: str, until: str | None = None, top: int = 50,
                       lexicon: Lexicon | None = None, tokenizer: Tokenizer | None = None,
                       min_days: int = 3, max_n: int = 4, min_chars: int = 3, match: str = "word") -> pd.DataFrame:
        """Units first used between ``since`` and ``until``, ranked by how far they spread afterwards.

        See :func:`policytext.corpus.emerging.emerging_terms` (the columns,
        and how units are found with or without a lexicon).
        """
        from .emerging import emerging_terms

        return emerging_terms(self, since=since, until=until, top=top, lexicon=lexicon, tokenizer=tokenizer,
                              min_days=min_days, max_n=max_n, min_chars=min_chars, match=match)

    def background(self) -> Background:
        """The dated texts as a :class:`~policytext.analysis.compare.Background` (read once, cached).

        ``compare(a, b, background=corpus)`` uses it to rank b's new terms by
        novelty against the record before b's date.
        """
        from .emerging import background

        return background(self)
