"""The corpus-level analyses of :class:`~policytext.corpus.corpus.Corpus` (a mixin: the class is long).

Term frequencies, keywords, the co-occurrence graph and the classifier, each
run on every document through :meth:`Corpus.imap <policytext.corpus.corpus.Corpus.imap>`
(serially, on local processes or on Dask) and gathered into one table or graph.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

from .._validation import Constraint, Interval, Options, check_params, validate_params
from ._counting import corpus_terms
from ._parallel import EXECUTION_OPTIONS
from .analyses import collect_rows, doc_classify, doc_cooccurrence, doc_keywords, sum_graphs, term_frame

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    import pandas as pd

__all__ = ["CorpusAnalyses", "Processes"]

#: The ``processes`` option: an int >= 1, "auto" (one per core; serial for small input, see
#: :func:`~policytext.corpus._parallel.worker_count`) or None (serial).
Processes: TypeAlias = "int | Literal['auto'] | None"
#: The execution options every corpus analysis passes on to :meth:`Corpus.imap` (``client`` is checked there).
_EXECUTION = ("processes", "chunksize", "progress")
_MIN_COUNT: list[Constraint | str | None] = [Interval(int, 1, None)]


def _execution(**more: list[Constraint | str | None]) -> dict[str, list[Constraint | str | None]]:
    """The execution constraints, plus ``more``."""
    return {**{name: EXECUTION_OPTIONS[name] for name in _EXECUTION}, **more}


class CorpusAnalyses:
    """Term frequencies, keywords, co-occurrence and classification of every document of a corpus."""

    imap: Any  # Corpus.imap
    _records: list[Any]  # Corpus._records

    @validate_params(_execution(min_count=_MIN_COUNT, terms=["iterable", None], sparse=["boolean", None],
                              compute=["boolean"], top=[Interval(int, 1, None), None]),
                     func="Corpus.term_frequencies")
    def term_frequencies(self, *, min_count: int = 1, terms: Iterable[str] | None = None,
                         sparse: bool | None = None, top: int | None = None, processes: Processes = None,
                         client: Any = None, chunksize: int | None = None,
                         progress: bool | None = None, compute: bool = True) -> Any:
        """Documents × terms counts of content tokens.

        A term is :attr:`Token.norm <policytext.tokens.tokenizer.Token.norm>` (aliases
        merge into their lexicon term) of every *content token* (see
        :func:`is_content`) of the document's body sentences and section
        headings; the title block, subtitle and date lines are metadata and
        are not counted (:func:`content_terms`). Each worker returns one
        small Counter per document, so no token list is ever kept.

        Parameters
        ----------
        min_count : int
            Keep terms with at least this many occurrences in the whole corpus.
        terms : iterable of str, optional
            Exactly these columns, in this order (zero columns kept,
            ``min_count`` not applied).
        sparse : bool, optional
            Sparse (``Sparse[int64, 0]`` columns) or dense ``int64``. Default:
            sparse when the table has more than 2**20 cells. pandas'
            ``DataFrame.to_parquet`` refuses sparse columns (pyarrow has no
            sparse type); write the table with ``pt.write(tf, "tf.parquet")``
            or :func:`policytext.render.tables.to_parquet` (wide, built column
            by column without a dense pandas copy, or ``long=True`` for
            ``document, term, count`` rows).
        top : int, optional
            Keep only the ``top`` most frequent terms (after ``min_count``;
            ignored with ``terms``); the other columns are never built, so
            memory follows ``top``, not the vocabulary (93,895 terms on the
            whole of ``../shared/xwlb``).
        processes, client, chunksize, progress
            As for :meth:`map`.
        compute : bool
            ``False`` (needs Dask): a ``dask.delayed`` object whose
            ``.compute()`` gives the table, on the active ``dask.distributed``
            client when one is running (see :mod:`policytext.corpus.lazy`).

        Returns
        -------
        pandas.DataFrame
            Index ``document`` (corpus order, failed documents left out),
            columns ``term`` ordered by total count (descending), then term.
            The counting path (:mod:`policytext.corpus._counting`) returns
            exactly :func:`content_terms` per document, faster.

        Examples
        --------
        >>> from policytext.corpus import Corpus
        >>> corpus = Corpus(["要坚持党的全面领导，深化党和国家机构改革。",
        ...                  "要推进机构编制法定化，深化党和国家机构改革。"])
        >>> tf = corpus.term_frequencies()
        >>> tf.columns.tolist()
        ['深化党和国家机构改革', '坚持党的全面领导', '机构编制法定化']
        >>> tf.values.tolist()
        [[1, 1, 0], [1, 0, 1]]
        >>> corpus.term_frequencies(terms=["机构编制法定化", "未出现"]).values.tolist()
        [[0, 0], [1, 0]]
        >>> corpus.term_frequencies(top=1).columns.tolist()
        ['深化党和国家机构改革']
        """
        wanted = list(dict.fromkeys(terms)) if terms is not None else None
        fn = partial(corpus_terms, keep=None if wanted is None else frozenset(wanted))
        if not compute:
            from .lazy import lazy_term_frequencies

            return lazy_term_frequencies(self, fn, chunksize=chunksize, wanted=wanted, min_count=min_count,
                                         sparse=sparse, top=top)
        rows = collect_rows(self.imap(fn, processes=processes, client=client, chunksize=chunksize,
                                      progress=progress))
        return term_frame(rows, wanted=wanted, min_count=min_count, sparse=sparse, top=top)

    @validate_params(_execution(top=[Interval(int, 1, None)]), func="Corpus.keywords")
    def keywords(self, *, method: str = "tfidf", top: int = 10, processes: Processes = None,
                 client: Any = None, chunksize: int | None = None, progress: bool | None = None,
                 **options: Any) -> pd.DataFrame:
        """Keywords of every document (:func:`policytext.keywords`), as a long table.

        Extra keyword arguments go to :func:`policytext.keywords`; ``method``
        and ``top`` are checked before any document is read.

        Returns
        -------
        pandas.DataFrame
            Columns ``document, rank, term, score, count, category`` (rank from 1).
        """
        import pandas as pd

        from ..analysis.keyterms import METHODS

        check_params("Corpus.keywords", {"method": [Options(str, METHODS)]}, method=method)
        fn = partial(doc_keywords, method=method, top=top, options=options)
        rows = [(name, *row) for name, result in self.imap(fn, processes=processes, client=client,
                                                          chunksize=chunksize, progress=progress)
                for row in result]
        return pd.DataFrame(rows, columns=["document", "rank", "term", "score", "count", "category"])

    @validate_params(_execution(min_count=_MIN_COUNT, top=[Interval(int, 1, None), None],
                                rank=[Options(str, {"keywords", "count"})]), func="Corpus.cooccurrence")
    def cooccurrence(self, *, window: int | str = "sentence", min_count: int = 1, top: int | None = 50,
                     rank: Literal["keywords", "count"] = "keywords", processes: Processes = None,
                     client: Any = None, chunksize: int | None = None, progress: bool | None = None,
                     **options: Any) -> nx.Graph:
        """Co-occurrence graph summed over the documents.

        Each document's graph is :func:`policytext.cooccurrence` with
        ``weight="count"`` and the corpus tokenizer (so the rules for units,
        windows and terms are that function's: nodes are the keywords' units
        that name things); node and edge ``count`` attributes are summed
        across documents and ``weight`` equals the summed count (ratios such
        as PMI do not sum: compute them from the counts). Only the ``top``
        best terms are nodes (default 50, a graph one can draw; ``top=None``
        keeps every term: 4,689 nodes and 86,007 edges on the 23 documents of
        the corpora), with the edges between them. ``rank="keywords"``
        (default) chooses them as keywords are chosen: by their keyword score
        (:func:`policytext.keywords`, ``tfidf``) summed over the documents, so
        the nodes are the terms that are keywords of many documents;
        ``rank="count"``: the most frequent terms. Read blind, the top 50 of
        the 23 documents of the corpora hold 40 concepts a reader would draw
        by keywords against 12 by count (37 against 8 lexicon terms: 新发展格局,
        全面从严治党 … instead of 人民, 社会, 世界); on the 155 school and
        government pages of ``headed`` both hold few (6 against 7). Edges with a summed
        count below ``min_count`` are dropped. Extra keyword arguments
        (``headings``, ``terms`` …) go to :func:`policytext.cooccurrence`;
        ``window``, ``min_count``, ``top`` and ``rank`` are checked before any
        document is read.

        Returns
        -------
        networkx.Graph
            Node attributes ``count``, ``category`` (the lexicon category,
            ``""`` for other words, as in the document graph),
            ``documents`` and, with ``rank="keywords"`` and ``top``, ``score``
            (the summed keyword score); edge attributes ``count``,
            ``weight``, ``documents`` (in how many documents the pair
            occurs). The graph attributes give ``window``, ``min_count``,
            ``top``, ``rank`` and ``n_documents``.

        Examples
        --------
        >>> from policytext.corpus import Corpus
        >>> corpus = Corpus(["要推进机构编制法定化，稳定机构编制。", "推进机构编制法定化，加强管理。"])
        >>> G = corpus.cooccurrence(top=2)
        >>> sorted(G.nodes), G.graph["rank"]
        (['机构编制', '机构编制法定化'], 'keywords')
        """
        from ..analysis.cooccur import WINDOWS

        check_params("Corpus.cooccurrence", {"window": [Options(str, WINDOWS), Interval(int, 2, None)]},
                     window=window)
        fn = partial(doc_cooccurrence, window=window, options=options,
                     scores=rank == "keywords" and top is not None)
        G = sum_graphs(self.imap(fn, processes=processes, client=client, chunksize=chunksize,
                                 progress=progress), min_count, top)
        G.graph.update(window=window, min_count=min_count, top=top, rank=rank, n_documents=len(self._records))
        return G

    @validate_params(_execution(), func="Corpus.classify")
    def classify(self, model: Any = None, *, processes: Processes = None, client: Any = None,
                 chunksize: int | None = None, progress: bool | None = None, **options: Any) -> pd.DataFrame:
        """:func:`policytext.classify` on every document, concatenated with a ``document`` column first."""
        import pandas as pd

        fn = partial(doc_classify, model=model, options=options)
        frames = []
        for name, frame in self.imap(fn, processes=processes, client=client, chunksize=chunksize,
                                     progress=progress):
            frame.insert(0, "document", name)
            frames.append(frame)
        if not frames:
            return pd.DataFrame({"document": pd.Series(dtype=object)})
        return pd.concat(frames, ignore_index=True)
