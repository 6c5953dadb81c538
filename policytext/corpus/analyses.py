"""The corpus analyses in two halves: what a worker computes for one document, and how the parts combine.

The per-document functions are module-level (so that they pickle by
reference and travel to spawned workers as names) and return something small:
a :class:`~collections.Counter` of terms, a list of keyword rows, the node and
edge counts of a graph. The combining functions run in the calling process
and keep as little per-document state as possible (term counts become CSR
rows of 4-byte ids and counts).

The content-token rule is the package's one rule,
:func:`policytext.tokens.tags.is_content` (re-exported here as
:func:`is_content`).

Examples
--------
>>> import policytext as pt
>>> content_terms(pt.parse("一、加强党的建设\\n要落实党的建设任务。"))
Counter({'党的建设': 2})
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import compress
from typing import TYPE_CHECKING, Any

from .._validation import InstanceOf, validate_params
from ..text.loading import as_document
from ..tokens.tags import content_mask, is_content
from ._parallel import accepts_tokenizer

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    import numpy as np
    import pandas as pd
    from scipy import sparse as sp

    from ..text.document import Document
    from ..tokens.tokenizer import Token, Tokenizer

__all__ = ["is_content", "content_terms", "TermRows", "collect_rows", "term_frame", "sum_graphs"]

# ``is_content`` (imported above and listed in __all__) is policytext.tokens.tags.is_content, the
# package's one content-token rule, importable here because corpus users import it from here.


# -- per document -------------------------------------------------------------------------------


def _add_content(counts: Counter[str], tokens: list[Token]) -> None:
    """Count the norms (lexicon term, else text) of the content tokens of one token list."""
    counts.update([t[6] or t[0] for t in compress(tokens, content_mask(tokens))])  # 6 term, 0 text


@validate_params({"tokenizer": [InstanceOf("policytext.tokens.tokenizer.Tokenizer"), None]})
def content_terms(doc: Document | str, tokenizer: Tokenizer | None = None) -> Counter[str]:
    """Counts of the content terms of one document (the row of :meth:`Corpus.term_frequencies`).

    A term is the :attr:`~policytext.tokens.tokenizer.Token.norm` (aliases
    merge into their lexicon term) of every content token (:func:`is_content`)
    of the body sentences and the section headings; the title block is
    metadata and does not count. Tokens are not cached on the document (tokens
    already cached by ``tokenizer.tokenize_document`` or
    ``tokenizer.tokenize_headings`` are reused).

    Parameters
    ----------
    doc : Document | str | path | bytes
        The document (coerced by :func:`policytext.text.loading.as_document`:
        a path or bytes are read, another ``str`` is the text).
    tokenizer : Tokenizer, optional
        Default: the shared default tokenizer.

    Returns
    -------
    collections.Counter
        Term → occurrences.

    Raises
    ------
    InvalidParameterError
        ``doc`` is not a document, ``tokenizer`` not a Tokenizer (both also ``TypeError``).

    Examples
    --------
    >>> import policytext as pt
    >>> content_terms(pt.parse("一、加强党的建设\\n要落实党的建设任务。"))
    Counter({'党的建设': 2})
    >>> content_terms("要深化党和国家机构改革，推进3项工作方面的法定化。")
    Counter({'深化党和国家机构改革': 1, '法定化': 1})
    """
    doc = as_document(doc, "content_terms")
    if tokenizer is None:
        from ..tokens.tokenizer import default_tokenizer

        tokenizer = default_tokenizer()
    fingerprint = tokenizer.fingerprint
    counts: Counter[str] = Counter()
    body = doc._cache.get(("tokens", fingerprint))
    if body is None:
        tokenize = tokenizer.tokenize
        body = (tokenize(s.text, offset=s.start) for s in doc.sentences)
    for tokens in body:
        _add_content(counts, tokens)
    headings = doc._cache.get(("heading_tokens", fingerprint))
    if headings is not None:
        for tokens in headings.values():
            _add_content(counts, tokens)
    else:
        for sec in doc.walk():
            if sec.heading:
                _add_content(counts, tokenizer.tokenize(sec.heading))
    return counts


def count_terms(doc: Document, *, tokenizer: Tokenizer | None = None, keep: frozenset[str]) -> Counter[str]:
    """:func:`content_terms` restricted to the terms in ``keep``."""
    counts = content_terms(doc, tokenizer)
    return Counter({t: c for t, c in counts.items() if t in keep})


def doc_keywords(doc: Document, *, tokenizer: Tokenizer | None = None, method: str, top: int,
                 options: dict[str, Any]) -> list[tuple[Any, ...]]:
    """``(rank, term, score, count, category)`` rows of :func:`policytext.keywords` for one document."""
    from ..analysis import keyterms

    kwargs = dict(options)
    if tokenizer is not None and "tokenizer" not in kwargs and accepts_tokenizer(keyterms.keywords):
        kwargs["tokenizer"] = tokenizer
    result = keyterms.keywords(doc, method=method, top=top, **kwargs)
    return [(rank, getattr(k, "term", None), getattr(k, "score", None), getattr(k, "count", None),
             getattr(k, "category", None)) for rank, k in enumerate(result, 1)]


def doc_cooccurrence(doc: Document, *, tokenizer: Tokenizer | None = None, window: Any, options: dict[str, Any],
                     scores: bool = False) -> tuple[dict[str, int], dict[tuple[str, str], int], dict[str, str],
                                                    dict[str, float]]:
    """Node counts, edge counts (pairs in sorted order), node categories and (``scores``) node keyword scores
    of one document's co-occurrence graph.

    A node's score is its keyword score in the document (the ``tfidf`` score of
    :func:`policytext.keywords` without diversity, what the document graph's
    ``top`` ranks by); 0 for a node that is not a keyword unit there.
    """
    from ..analysis import cooccur
    from ..tokens.tokenizer import default_tokenizer

    kwargs = dict(options)
    if tokenizer is not None and "tokenizer" not in kwargs:
        kwargs["tokenizer"] = tokenizer
    G = cooccur.cooccurrence(doc, window=window, weight="count", **kwargs)
    nodes = {str(n): int(d.get("count", 1)) for n, d in G.nodes(data=True)}
    categories = {str(n): str(d.get("category") or "") for n, d in G.nodes(data=True)}
    edges = {}
    for a, b, d in G.edges(data=True):
        key = (a, b) if a < b else (b, a)
        edges[key] = int(d.get("count", d.get("weight", 1)))
    weights: dict[str, float] = {}
    if scores and nodes:
        tk = kwargs.get("tokenizer") or default_tokenizer()
        table = cooccur._unit_scores(doc, tk, bool(kwargs.get("phrases", True)))
        weights = {n: float(table.get(n, 0.0)) for n in nodes}
    return nodes, edges, categories, weights


def doc_classify(doc: Document, *, model: Any, options: dict[str, Any]) -> Any:
    """:func:`policytext.classify` of one document."""
    from ..analysis.classifier import classify

    return classify(doc, model, **options)


# -- combined ---------------------------------------------------------------------------------------


@dataclass
class TermRows:
    """Term counts of many documents as CSR rows: the only per-document state a corpus keeps.

    ``terms`` are the distinct terms in order of first occurrence; row ``i``
    (document ``names[i]``) holds the term ids ``indices[indptr[i]:indptr[i+1]]``
    and their counts at the same positions of ``data``.
    """

    names: list[str]
    terms: list[str]
    indptr: array[int] | None
    indices: array[int] | None
    data: array[int] | None

    def release(self) -> tuple[array[int], array[int], array[int]]:
        """Hand over ``(indptr, indices, data)`` and drop them here (so the caller can free them early)."""
        if self.indptr is None or self.indices is None or self.data is None:
            raise RuntimeError("the rows were already released")
        out = (self.indptr, self.indices, self.data)
        self.indptr = self.indices = self.data = None
        return out


def collect_rows(results: Iterable[tuple[str, Mapping[str, int]]]) -> TermRows:
    """Turn ``(name, Counter)`` pairs into :class:`TermRows`, one document at a time.

    >>> rows = collect_rows([("a", Counter({"x": 2, "y": 1})), ("b", Counter({"y": 3}))])
    >>> rows.names, rows.terms, list(rows.indptr), list(rows.indices), list(rows.data)
    (['a', 'b'], ['x', 'y'], [0, 2, 3], [0, 1, 1], [2, 1, 3])
    """
    vocab: dict[str, int] = {}
    names: list[str] = []
    indptr = array("q", [0])  # 4-byte term ids and counts: ~8 bytes per distinct term of a document
    indices = array("i")
    data = array("i")
    setdefault = vocab.setdefault
    for name, counts in results:
        names.append(name)
        indices.extend([setdefault(term, len(vocab)) for term in counts])  # a new term gets the next id
        data.extend(counts.values())
        indptr.append(len(indices))
    return TermRows(names, list(vocab), indptr, indices, data)


def _columns(terms: list[str], idx: np.ndarray, vals: np.ndarray, wanted: list[str] | None,
             min_count: int, top: int | None = None) -> tuple[list[str], np.ndarray]:
    """The columns, and each term id's column (-1: dropped).

    ``wanted``: exactly those columns. Otherwise the terms with a total of at
    least ``min_count``, by total (descending), then term; only the first
    ``top`` of them when ``top`` is given.
    """
    import numpy as np

    if wanted is not None:
        position = {t: k for k, t in enumerate(wanted)}
        return wanted, np.array([position.get(t, -1) for t in terms], dtype=np.int32)
    totals = np.bincount(idx, weights=vals, minlength=len(terms))
    keep = [j for j in range(len(terms)) if totals[j] >= min_count]
    keep.sort(key=lambda j: (-totals[j], terms[j]))
    if top is not None:
        del keep[top:]
    remap = np.full(len(terms), -1, dtype=np.int32)
    remap[np.array(keep, dtype=np.int64)] = np.arange(len(keep), dtype=np.int32)
    return [terms[j] for j in keep], remap


def _matrix(rows: TermRows, wanted: list[str] | None, min_count: int,
            top: int | None = None) -> tuple[sp.csr_matrix, list[str]]:
    """The documents × columns CSR matrix; the rows' buffers are freed on the way."""
    import numpy as np
    from scipy import sparse as sp

    indptr, indices, data = rows.release()
    idx = np.frombuffer(indices, dtype=np.int32) if indices else np.zeros(0, np.int32)
    vals = np.frombuffer(data, dtype=np.int32) if data else np.zeros(0, np.int32)
    ptr = np.frombuffer(indptr, dtype=np.int64)
    columns, remap = _columns(rows.terms, idx, vals, wanted, min_count, top)
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
    return sp.csr_matrix((new_vals, new_idx, ptr), shape=(len(rows.names), len(columns))), columns


def term_frame(rows: TermRows, *, wanted: list[str] | None = None, min_count: int = 1,
               sparse: bool | None = None, top: int | None = None) -> pd.DataFrame:
    """The documents × terms table of :meth:`Corpus.term_frequencies` from collected rows.

    Index ``document``, columns ``term`` (``wanted``, else ordered by total
    count, then term, keeping totals >= ``min_count``, and only the first
    ``top`` when given: the other columns are never built); ``Sparse[int64, 0]``
    columns when ``sparse`` (default: more than 2**20 cells), else ``int64``.
    The rows' buffers are released (freed as soon as they are copied).

    >>> rows = collect_rows([("a", Counter({"x": 2, "y": 1})), ("b", Counter({"y": 3}))])
    >>> term_frame(rows).values.tolist()
    [[1, 2], [3, 0]]
    >>> term_frame(collect_rows([("a", Counter({"x": 2, "y": 1})), ("b", Counter({"y": 3}))]), top=1).columns.tolist()
    ['y']
    """
    import pandas as pd

    matrix, columns = _matrix(rows, wanted, min_count, top)
    n = len(rows.names)
    index = pd.Index(rows.names, name="document", dtype=object)
    col_index = pd.Index(columns, name="term", dtype=object)
    if sparse is None:
        sparse = n * len(columns) > 2**20
    if sparse:
        matrix = matrix.tocsc()  # from_spmatrix then takes views of it, no further copy
        return pd.DataFrame.sparse.from_spmatrix(matrix, index=index, columns=col_index)
    return pd.DataFrame(matrix.toarray(), index=index, columns=col_index)


def sum_graphs(results: Iterable[tuple[str, tuple[Any, ...]]], min_count: int, top: int | None = None
               ) -> nx.Graph:
    """One graph from per-document ``(nodes, edges[, categories[, scores]])`` counts (:func:`doc_cooccurrence`).

    Node ``count`` and edge ``count`` are summed, ``weight`` is the summed
    count, ``documents`` the number of documents with the pair (for nodes:
    with the term); a node's ``category`` is the first non-empty one a
    document gives (``""`` for other words) and its ``score`` the sum of its
    documents' keyword scores (when they are given). With ``top``, only the
    ``top`` best nodes are kept — by summed score when scores are given, else
    by count (ties: count, then the term) — with the edges between them;
    edges with a summed count below ``min_count`` are dropped.

    >>> G = sum_graphs([("a", ({"x": 1, "y": 1}, {("x", "y"): 1})), ("b", ({"x": 2, "y": 1}, {("x", "y"): 2}))], 1)
    >>> dict(G.nodes(data="count")), G["x"]["y"]
    ({'x': 3, 'y': 2}, {'count': 3, 'weight': 3.0, 'documents': 2})
    >>> G = sum_graphs([("a", ({"x": 2, "y": 1, "z": 1}, {("x", "y"): 1, ("y", "z"): 1}, {"x": "theory"}))], 1, top=2)
    >>> sorted(G.nodes(data="category")), list(G.edges)
    ([('x', 'theory'), ('y', '')], [('x', 'y')])
    >>> G = sum_graphs([("a", ({"x": 2, "y": 1, "z": 1}, {("x", "y"): 1, ("y", "z"): 1}, {},
    ...                        {"x": 0.5, "y": 2.0, "z": 1.0}))], 1, top=2)
    >>> sorted(G.nodes(data="score")), list(G.edges)
    ([('y', 2.0), ('z', 1.0)], [('y', 'z')])
    """
    import networkx as nx

    nodes: Counter[str] = Counter()
    node_docs: Counter[str] = Counter()
    edges: Counter[tuple[str, str]] = Counter()
    docs: Counter[tuple[str, str]] = Counter()
    category: dict[str, str] = {}
    score: dict[str, float] = {}
    for _, (n_counts, e_counts, *rest) in results:
        nodes.update(n_counts)
        node_docs.update(n_counts.keys())
        edges.update(e_counts)
        docs.update(e_counts.keys())
        for term, cat in (rest[0] if rest else {}).items():
            if cat and not category.get(term):
                category[term] = cat
        for term, w in (rest[1] if len(rest) > 1 else {}).items():
            score[term] = score.get(term, 0.0) + w
    if top is None:
        kept = sorted(nodes)
    elif score:
        kept = sorted(sorted(nodes, key=lambda t: (-score.get(t, 0.0), -nodes[t], t))[:top])
    else:
        kept = sorted(sorted(nodes, key=lambda t: (-nodes[t], t))[:top])
    G = nx.Graph()
    for term in kept:
        G.add_node(term, count=nodes[term], category=category.get(term, ""), documents=node_docs[term])
        if score:
            G.nodes[term]["score"] = round(score.get(term, 0.0), 6)
    for (a, b), c in sorted(edges.items()):
        if c >= min_count and a in G and b in G:
            G.add_edge(a, b, count=c, weight=float(c), documents=docs[(a, b)])
    return G
