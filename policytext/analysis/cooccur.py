"""Term co-occurrence graphs (networkx).

``build_graph`` is the core: token lists in, ``networkx.Graph`` out, windows
never crossing a unit (sentence) boundary. Higher-level functions build on it:

* :func:`cooccurrence` — the graph of a Document, Section, list of Documents
  (or a Corpus) or token lists, with sentence / paragraph / k-token windows,
  count / PMI / NPMI / Jaccard weights and provenance attributes.

Nodes are content terms (:func:`policytext.tokens.tags.is_content`, the
package's one rule); the token lists of documents come from
:mod:`policytext.analysis.terms`, the counting and assembly of the graph is
in :mod:`policytext.analysis._cooccur_graph`. Communities and centralities are in
:mod:`policytext.analysis.network`; files (GEXF, GraphML, JSON, CSV) are
written by :mod:`policytext.render.export`.

Examples
--------
>>> G = build_graph([["党的二十大", "高质量发展", "机构编制"], ["机构编制", "高质量发展"]])
>>> G["机构编制"]["高质量发展"]["count"], G.nodes["机构编制"]["count"]
(2, 2)
"""

from __future__ import annotations

import os
from collections import Counter, deque
from collections.abc import Iterable, Sequence
from itertools import combinations, compress, pairwise
from operator import itemgetter
from typing import TYPE_CHECKING, Any, Literal

from .._validation import InstanceOf, Interval, Options, validate_params
from ..errors import InvalidParameterError
from ..tokens.tags import CONTENT_POS, content_mask, is_content
from ._cooccur_graph import Counts, Spec, Window, counter_graph, unit_graph, window_stats

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

    from ..tokens.tokenizer import Token, Tokenizer

__all__ = [
    "build_graph",
    "count_pairs",
    "cooccurrence",
    "is_content_token",
    "CONTENT_POS",
    "WEIGHTS",
    "WINDOWS",
]

#: Names accepted by ``weight=``.
WEIGHTS: tuple[str, ...] = ("count", "pmi", "npmi", "jaccard")
#: Named windows accepted by ``window=`` (besides an int >= 2).
WINDOWS: tuple[str, ...] = ("sentence", "paragraph")

#: The candidate rule of graph nodes: an alias of :func:`policytext.tokens.tags.is_content`
#: (the package's one content-token rule; ``Token.is_content`` is the same), kept under the
#: name this module has always exported. ``CONTENT_POS`` (the tag letters, imported from
#: :mod:`policytext.tokens.tags`) stays exported for the same reason.
is_content_token = is_content

#: Section id used for sentences before the first heading.
PREAMBLE_ID = "0"

Weight = Literal["count", "pmi", "npmi", "jaccard"]


#: A window of ``k`` tokens.
_TOKEN_WINDOW = Interval(int, 2, None)


@validate_params({"window": [_TOKEN_WINDOW, None]})
def count_pairs(units: Iterable[Sequence[str]], *, window: int | None = None) -> tuple[Counter, Counter, int]:
    """Count terms and co-occurring pairs.

    Parameters
    ----------
    units : iterable of sequences of str
        One token list per unit (sentence, paragraph …); windows never cross units.
    window : int, optional
        ``None``: two terms co-occur when they are in the same unit (counted once
        per unit). An int ``k >= 2``: when they are fewer than ``k`` positions
        apart (counted once per pair of positions).

    Returns
    -------
    (node_counts, pair_counts, n_units)
        ``node_counts[t]`` is the number of occurrences of ``t``;
        ``pair_counts[(a, b)]`` with ``a < b``; ``n_units`` the number of units.

    >>> nodes, pairs, n = count_pairs([["a", "b", "a"], ["b", "c"]], window=2)
    >>> dict(pairs), n
    ({('a', 'b'): 2, ('b', 'c'): 1}, 2)
    """
    nodes: Counter = Counter()
    pairs: Counter = Counter()
    n_units = 0
    for unit in units:
        n_units += 1
        nodes.update(unit)
        if window is None:
            uniq = sorted(set(unit))
            if len(uniq) > 1:
                pairs.update(combinations(uniq, 2))  # (a, b) with a < b, once per unit
        else:
            for i, a in enumerate(unit):
                for b in unit[i + 1: i + window]:
                    if a != b:
                        pairs[(a, b) if a < b else (b, a)] += 1
    return nodes, pairs, n_units


@validate_params({"min_count": [Interval(int, 1, None)]})
def build_graph(units: Iterable[Sequence[str]], *, window: int | None = None, min_count: int = 1) -> nx.Graph:
    """Co-occurrence graph of the terms in ``units``.

    Nodes carry ``count`` (occurrences); edges carry ``count`` (co-occurrences,
    see :func:`count_pairs`) and ``weight`` (equal to ``count``). Edges with
    ``count < min_count`` are dropped; nodes are kept. Empty input gives an
    empty graph.

    >>> sorted(build_graph([["a", "b"], ["a", "b"], ["b", "c"]], min_count=2).edges(data="count"))
    [('a', 'b', 2)]
    """
    import networkx as nx

    nodes, pairs, _ = count_pairs(units, window=window)
    G = nx.Graph()
    for term in sorted(nodes):
        G.add_node(term, count=nodes[term])
    for (a, b), c in sorted(pairs.items()):
        if c >= min_count:
            G.add_edge(a, b, count=c, weight=float(c))
    return G


# -- units ----------------------------------------------------------------------


class _Collector:
    """Gathers units (lists of node keys) with per-term provenance.

    ``category`` maps each key to the category of its first occurrence
    (``None`` or ``""`` for none); ``runs`` holds, for each run of
    consecutive token lists of the same section, the section and its keys
    (a dict, in order of first occurrence). Both are filled with C-level
    ``setdefault`` loops (``deque(map(...), 0)``) rather than a Python
    statement per token.
    """

    def __init__(self, tokenizer: Tokenizer) -> None:
        self.tokenizer = tokenizer
        self.units: list[list[str]] = []
        self.category: dict[str, str | None] = {}
        self.runs: list[tuple[str, dict[str, None]]] = []

    def add_tokens(self, tokens: Sequence[Token], section: str | None, into: list[str], *,
                   exact: bool = False) -> None:
        """Append the keys (``Token.norm``) of the content tokens to ``into``.

        ``exact=True`` promises policytext :class:`Token` named tuples (the
        tokenizer's output) and uses :func:`~policytext.tokens.tags.content_mask`
        on their fields; otherwise any objects with the Token attributes go
        through :func:`~policytext.tokens.tags.is_content`. Same rule.
        """
        if exact:
            content = list(compress(tokens, content_mask(tokens)))
            keys = [t[6] or t[0] for t in content]  # norm: field 6 term, else field 0 text
            cats: Iterable[str | None] = map(_CATEGORY, content)
        else:
            content = [t for t in tokens if is_content(t)]
            keys = [t.norm for t in content]
            cats = [t.category for t in content]
        if not keys:
            return
        into.extend(keys)
        _consume(map(self.category.setdefault, keys, cats))
        if section is not None:
            self._note_run(section, keys)

    def _note_run(self, section: str, keys: Sequence[str]) -> None:
        """Record ``keys`` as seen in ``section`` (extending the last run when it is the same section)."""
        runs = self.runs
        if runs and runs[-1][0] == section:
            _consume(map(runs[-1][1].setdefault, keys))
        else:
            runs.append((section, dict.fromkeys(keys)))

    def add_sentence_units(self, sentences: Sequence[tuple[str, Sequence[Token]]]) -> None:
        """One unit per ``(section, tokens)`` (policytext Tokens), in one pass over all the tokens.

        Equal to ``add_tokens(tokens, section, unit, exact=True)`` and
        ``units.append(unit)`` for each sentence, without the per-sentence calls.
        """
        import numpy as np

        if not sentences:
            return
        flat = [t for _, toks in sentences for t in toks]
        mask = content_mask(flat)
        content = list(compress(flat, mask))
        keys = [t[6] or t[0] for t in content]
        _consume(map(self.category.setdefault, keys, map(_CATEGORY, content)))
        # bounds[i]: number of content tokens before sentence i
        ends = np.cumsum(np.fromiter(map(len, (toks for _, toks in sentences)), dtype=np.int64, count=len(sentences)))
        seen = np.concatenate(([0], np.cumsum(np.fromiter(mask, dtype=np.int64, count=len(mask)))))
        bounds = [0, *seen[ends].tolist()]
        self.units.extend(keys[a:b] for a, b in pairwise(bounds))
        i, n = 0, len(sentences)
        while i < n:  # runs of consecutive sentences of one section
            section = sentences[i][0]
            j = i + 1
            while j < n and sentences[j][0] == section:
                j += 1
            if bounds[j] > bounds[i]:
                self._note_run(section, keys[bounds[i]:bounds[j]])
            i = j

    def add_strings(self, words: Iterable[str]) -> None:
        """One unit of str tokens, used as they are (categories looked up in the lexicon)."""
        unit = [w for w in words if w and not w.isspace()]
        lookup = self.tokenizer.lexicon.lookup
        for w in unit:
            if w not in self.category:
                entry = lookup(w)
                self.category[w] = (entry.category or "") if entry is not None else ""
        self.units.append(unit)

    def sections(self) -> dict[str, str]:
        """Key → ``";"``-joined section ids, in order of the key's first occurrence in each."""
        by_key: dict[str, dict[str, None]] = {}
        for section, keys in self.runs:
            for key in keys:
                d = by_key.get(key)
                if d is None:
                    by_key[key] = {section: None}
                else:
                    d[section] = None  # a section seen before keeps its place
        return {k: ";".join(v) for k, v in by_key.items()}


_CATEGORY = itemgetter(5)


def _consume(it: Iterable[Any]) -> None:
    deque(it, maxlen=0)


def _section_key(section_id: str, prefix: str) -> str:
    return f"{prefix}{section_id or PREAMBLE_ID}"


def _add_sentences(col: _Collector, sentences: Sequence[Any], tokens: Sequence[Sequence[Token]],
                   window: Window, prefix: str) -> None:
    """Units of the body: one per sentence, or one per paragraph for ``window="paragraph"``."""
    if window == "paragraph":
        current: int | None = None
        unit: list[str] = []
        for sent, toks in zip(sentences, tokens):
            if sent.paragraph != current:
                if current is not None:
                    col.units.append(unit)
                current, unit = sent.paragraph, []
            col.add_tokens(toks, _section_key(sent.section_id, prefix), unit, exact=True)
        if current is not None:
            col.units.append(unit)
    else:
        col.add_sentence_units([(_section_key(sent.section_id, prefix), toks) for sent, toks in zip(sentences, tokens)])


def _add_headings(col: _Collector, headings: Iterable[tuple[str, Sequence[Token]]], prefix: str) -> None:
    """One unit per section heading."""
    for section_id, toks in headings:
        unit: list[str] = []
        col.add_tokens(toks, _section_key(section_id, prefix), unit, exact=True)
        col.units.append(unit)


def _add_item(col: _Collector, item: Any, window: Window, headings: bool, prefix: str) -> None:
    """Add the units of one Document, Section or token list."""
    from ..text.document import Document, Section
    from .terms import heading_tokens, sentence_tokens

    if isinstance(item, (Document, Section)):
        _add_sentences(col, item.sentences, sentence_tokens(item, col.tokenizer), window, prefix)
        if headings:
            _add_headings(col, heading_tokens(item, col.tokenizer), prefix)
    elif isinstance(item, (list, tuple)):
        if all(isinstance(w, str) for w in item):
            col.add_strings(item)
        elif all(hasattr(w, "is_word") and hasattr(w, "norm") for w in item):
            unit: list[str] = []
            col.add_tokens(item, None, unit)
            col.units.append(unit)
        else:
            raise TypeError("a token list must hold only str or only policytext Token objects")
    else:
        raise TypeError(
            "cooccurrence expects a Document, a Section, a str, or an iterable of Documents, Sections or "
            f"token lists; got an item of type {type(item).__name__}"
        )


def _collect(obj: Any, window: Window, tokenizer: Tokenizer, headings: bool) -> _Collector:
    """The units of ``obj`` (see :func:`cooccurrence` for what it may be)."""
    from ..text.document import Document, Section
    from ..text.loading import as_document

    col = _Collector(tokenizer)
    if isinstance(obj, (str, os.PathLike, Document, Section)):  # not bytes: an iterable of ints here
        _add_item(col, as_document(obj, "cooccurrence", sections=True), window, headings, "")
    elif isinstance(obj, (list, tuple)) and obj and all(isinstance(w, str) for w in obj):
        col.add_strings(obj)  # one unit of tokens (textacy convention)
    elif isinstance(obj, Iterable) and not isinstance(obj, (bytes, bytearray, dict)):
        for i, item in enumerate(obj):
            _add_item(col, item, window, headings, f"{i}/")
    else:
        raise TypeError(
            "cooccurrence expects a Document, a Section, a str, or an iterable of Documents, Sections or "
            f"token lists, not {type(obj).__name__}"
        )
    return col


# -- parameters -----------------------------------------------------------------


def _check_window(window: object, func: str) -> Window:
    """``window`` checked by hand: the message for an unknown name also lists ``<int >= 2>``."""
    if isinstance(window, str):
        if window not in WINDOWS:
            raise InvalidParameterError.unknown("window", func, window, [*WINDOWS, "<int >= 2>"])
        return window  # type: ignore[return-value]
    if not _TOKEN_WINDOW.accepts(window):
        raise InvalidParameterError.build("window", func, "'sentence', 'paragraph' or an int >= 2", window)
    return int(window)  # type: ignore[call-overload]  # an int or a numpy integer, as just checked


def _keyword_scores(keywords: Any) -> dict[str, float]:
    """``keywords=`` as ``{term: score}``."""
    if keywords is None:
        return {}
    items: Iterable[Any] = keywords.items() if isinstance(keywords, dict) else keywords
    out: dict[str, float] = {}
    for kw in items:
        if hasattr(kw, "term") and hasattr(kw, "score"):
            term, score = kw.term, kw.score
        else:
            term, score = kw
        out[str(term)] = float(score)
    return out


def _wanted_terms(terms: Iterable[str] | None, tokenizer: Tokenizer) -> set[str] | None:
    """``terms=`` as a set of node keys (aliases mapped to their lexicon term)."""
    if terms is None:
        return None
    lookup = tokenizer.lexicon.lookup
    wanted: set[str] = set()
    for term in terms:
        entry = lookup(term)
        wanted.add(entry.term if entry is not None else term)
    return wanted


@validate_params({
    "weight": [Options(str, WEIGHTS)],
    "min_count": [Interval(int, 1, None)],
    "top": [Interval(int, 1, None), None],
    "terms": ["iterable", None],
    "tokenizer": [InstanceOf("policytext.tokens.tokenizer.Tokenizer"), None],
})
def cooccurrence(
    obj: Any,
    *,
    window: Window = "sentence",
    weight: Weight = "count",
    min_count: int = 1,
    top: int | None = None,
    terms: Iterable[str] | None = None,
    keywords: Any = None,
    headings: bool = False,
    tokenizer: Tokenizer | None = None,
) -> nx.Graph:
    r"""Term co-occurrence graph of a document, a section, many documents or token lists.

    Parameters
    ----------
    obj : Document, Section, str, path-like, or iterable
        A :class:`~policytext.Document` (tokens come from
        ``tokenizer.tokenize_document``, cached on the document), a
        :class:`~policytext.text.document.Section`, a text or a path (read
        as :func:`policytext.text.loading.as_document` reads them: a path
        is loaded, a text parsed), an iterable of Documents / Sections (a
        Corpus), or token lists: a list of str is one unit, a list of lists
        is one unit per inner list. Tokens given as str are used as they
        are; :class:`~policytext.Token` objects go through the content rule.
    window : {"sentence", "paragraph"} or int
        The co-occurrence unit. ``"sentence"`` (default) or ``"paragraph"``:
        two terms co-occur when they are in the same unit. An int ``k >= 2``:
        when they are fewer than ``k`` positions apart among the content
        terms of one sentence. Windows never cross a sentence (paragraph)
        boundary, and headings are separate units.
    weight : {"count", "pmi", "npmi", "jaccard"}
        The statistic stored as the edge ``weight`` (see Notes).
    min_count : int
        Edges with ``count < min_count`` are dropped (nodes are kept).
    top : int, optional
        Keep only the ``top`` nodes with the highest count (or keyword score
        when ``keywords`` is given); ties by term.
    terms : iterable of str, optional
        Keep only these terms as nodes (aliases are mapped to their lexicon term).
    keywords : iterable of (term, score), objects with ``.term``/``.score``, or dict, optional
        Scores to store as the node ``score`` and to rank ``top`` by (e.g. the
        output of ``policytext.keywords``).
    headings : bool
        Also use each section heading as a unit (default False: body sentences only).
    tokenizer : Tokenizer, optional
        Defaults to :func:`policytext.tokens.tokenizer.default_tokenizer`.

    Returns
    -------
    networkx.Graph
        **Nodes** are content terms (:func:`policytext.tokens.tags.is_content`),
        keyed by ``Token.norm``, with attributes

        * ``count`` (int): occurrences;
        * ``units`` (int): number of units (windows) containing the term;
        * ``category`` (str): lexicon category, ``""`` for other words;
        * ``sections`` (str): ids of the sections where the term occurs, in
          document order, separated by ``";"``, e.g. ``"1;2.3"``; ``"0"`` is
          the preamble (text before the first heading). For an iterable of
          documents each id is prefixed with the document's position,
          ``"3/2.1"``. ``""`` for plain token lists;
        * ``score`` (float): the keyword score from ``keywords`` (0.0 for a
          term not listed), else the weighted degree (sum of edge ``count``)
          divided by the largest one, in [0, 1].

        **Edges** carry ``count`` (int; co-occurrences as counted by
        :func:`count_pairs`: once per unit for a named window, so it is
        also ``n_ab`` below; once per pair of positions for an int window),
        ``weight`` (float, the statistic chosen by ``weight=``, see Notes)
        and, unless ``weight="count"``, that statistic under its own name
        (``pmi``, ``npmi`` or ``jaccard``). For an int window edges also
        carry ``units`` (int; ``n_ab``, the windows containing both).
        ``G.graph`` records ``window``, ``weight``, ``min_count`` and ``n_units``.

    Raises
    ------
    InvalidParameterError
        Unknown ``window``/``weight``, ``window < 2``, ``min_count < 1``, ``top < 1``,
        ``terms`` a single str, ``tokenizer`` not a Tokenizer.
    TypeError
        ``obj`` is not one of the accepted types.

    Notes
    -----
    Statistics are computed over the co-occurrence units: ``n`` is the number
    of units (sentences, paragraphs or, for ``window=k``, the sliding windows
    of ``k`` consecutive content terms of each sentence; a shorter sentence
    is one window), ``n_a`` the number of units containing ``a``, ``n_ab``
    the number containing both, and ``p_a = n_a / n``, ``p_ab = n_ab / n``.
    With natural logarithms:

    * ``pmi = log(p_ab / (p_a * p_b)) = log(n_ab * n / (n_a * n_b))``;
    * ``npmi = pmi / -log(p_ab)`` in [-1, 1] (1.0 when ``p_ab = 1``);
    * ``jaccard = n_ab / (n_a + n_b - n_ab)``;
    * ``count``: the co-occurrence count.

    The ``weight`` attribute must be non-negative for layouts, PageRank and
    Louvain, so for ``"pmi"`` and ``"npmi"`` it is ``max(0, statistic)``
    (positive PMI, as is usual for co-occurrence graphs); the signed value
    stays under its own name. Statistics use every unit of the input, also
    when ``top``/``terms`` keep fewer nodes.

    References
    ----------
    Church, K. W. & Hanks, P. (1990). Word association norms, mutual
    information, and lexicography. *Computational Linguistics* 16(1).
    Bouma, G. (2009). Normalized (pointwise) mutual information in
    collocation extraction. *Proceedings of GSCL*.

    Examples
    --------
    >>> units = [["a", "b", "c"], ["a", "b"], ["b", "d"], ["c"]]
    >>> [round(cooccurrence(units, weight=w)["a"]["b"]["weight"], 4) for w in ("count", "pmi", "npmi", "jaccard")]
    [2.0, 0.2877, 0.415, 0.6667]
    >>> G = cooccurrence(units, weight="pmi")
    >>> G["a"]["b"]["count"], round(G["b"]["c"]["pmi"], 4), G["b"]["c"]["weight"]
    (2, -0.4055, 0.0)
    >>> import policytext as pt
    >>> doc = pt.parse("一、总体要求\n坚持党的全面领导，推动高质量发展。\n推动高质量发展。")
    >>> G = cooccurrence(doc)
    >>> G.nodes["高质量发展"]["count"], G.nodes["高质量发展"]["sections"]
    (2, '1')
    >>> G["坚持党的全面领导"]["高质量发展"]["count"], G.nodes["坚持党的全面领导"]["category"]
    (1, 'action')
    """
    from ..tokens.tokenizer import default_tokenizer

    win = _check_window(window, "cooccurrence")
    tk = tokenizer if tokenizer is not None else default_tokenizer()
    col = _collect(obj, win, tk, bool(headings))
    spec = Spec(win, weight, int(min_count), None if top is None else int(top), _wanted_terms(terms, tk),
                _keyword_scores(keywords))
    if isinstance(win, int):
        node_counts, pair_counts, _ = count_pairs(col.units, window=win)
        node_units, pair_units, n_units = window_stats(col.units, win)
        counts = Counts(node_counts, node_units, pair_counts, pair_units, n_units)
        return counter_graph(counts, spec, col.category, col.sections())
    return unit_graph(col.units, spec, col.category, col.sections())
