"""Term co-occurrence graphs (networkx).

``build_graph`` is the core: token lists in, ``networkx.Graph`` out, windows
never crossing a unit (sentence) boundary. Higher-level functions build on it:

* :func:`cooccurrence` — the graph of a Document, Section, list of Documents
  (or a Corpus) or token lists, with sentence / paragraph / k-token windows,
  count / PMI / NPMI / Jaccard weights and provenance attributes;

Communities and centralities are in :mod:`policytext.analysis.network`;
files (GEXF, GraphML, JSON, CSV) are written by :mod:`policytext.render.export`.

Examples
--------
>>> G = build_graph([["党的二十大", "高质量发展", "机构编制"], ["机构编制", "高质量发展"]])
>>> G["机构编制"]["高质量发展"]["count"], G.nodes["机构编制"]["count"]
(2, 2)
"""

from __future__ import annotations

import math
import os
from collections import Counter, deque
from collections.abc import Iterable, Iterator, Sequence
from itertools import combinations, compress, pairwise
from operator import itemgetter
from typing import TYPE_CHECKING, Any, Literal, Union

from ..errors import InvalidParameterError
from ..tokens.tokenizer import CONTENT_POS as _TOKEN_CONTENT_POS

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

    from ..text.document import Section
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
#: First letters of the jieba POS tags of content words: nouns (n, nr, ns,
#: nt, nz, vn …), verbs (v, vd), adjectives (a, an, ad), abbreviations (j),
#: idioms (i) and fixed expressions (l).
CONTENT_POS = frozenset(p[0] for p in _TOKEN_CONTENT_POS)  # first letters, for the fast paths

#: Section id used for sentences before the first heading.
PREAMBLE_ID = "0"

Window = Union[Literal["sentence", "paragraph"], int]
Weight = Literal["count", "pmi", "npmi", "jaccard"]


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
    """
    if window is not None and (not isinstance(window, int) or isinstance(window, bool) or window < 2):
        raise InvalidParameterError.build("window", "count_pairs", "None or an int >= 2", window)
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


def build_graph(units: Iterable[Sequence[str]], *, window: int | None = None, min_count: int = 1) -> nx.Graph:
    """Co-occurrence graph of the terms in ``units``.

    Nodes carry ``count`` (occurrences); edges carry ``count`` (co-occurrences,
    see :func:`count_pairs`) and ``weight`` (equal to ``count``). Edges with
    ``count < min_count`` are dropped; nodes are kept. Empty input gives an
    empty graph.
    """
    import networkx as nx

    if not isinstance(min_count, int) or min_count < 1:
        raise InvalidParameterError.build("min_count", "build_graph", "an int >= 1", min_count)
    nodes, pairs, _ = count_pairs(units, window=window)
    G = nx.Graph()
    for term in sorted(nodes):
        G.add_node(term, count=nodes[term])
    for (a, b), c in sorted(pairs.items()):
        if c >= min_count:
            G.add_edge(a, b, count=c, weight=float(c))
    return G


# -- candidate terms ----------------------------------------------------------


def is_content_token(token: Token) -> bool:
    """The candidate rule: is this token a node of a co-occurrence graph?

    A token is a *content term* when it is a word (not punctuation, space or
    a masked name), not a policy-boilerplate stopword, and either

    * a lexicon term or a detected numbered formulation (``token.is_term``),
      taken whole, whatever its length; or
    * at least two characters long with a jieba POS tag starting with one of
      :data:`CONTENT_POS` (nouns, verbs, adjectives, abbreviations, idioms,
      fixed expressions) — numerals, pronouns, adverbs, conjunctions,
      prepositions and particles are left out.

    Nodes are keyed by ``token.norm``, so aliases merge into their lexicon term.

    >>> import policytext as pt
    >>> tk = pt.Tokenizer()
    >>> [t.norm for t in tk.tokenize("要坚持党的二十大精神，推进机构编制工作。") if is_content_token(t)]
    ['党的二十大', '精神', '机构编制工作']
    """
    return token.is_content  # the package-wide rule (policytext.tokens.tokenizer.Token.is_content)


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

    def add_tokens(self, tokens: Iterable[Token], section: str | None, into: list[str], *,
                   exact: bool = False) -> None:
        """Append the keys of the content tokens to ``into``.

        ``exact=True`` promises policytext :class:`Token` named tuples (the
        tokenizer's output) and applies :func:`is_content_token` inline on
        the tuple fields; otherwise any object with the Token attributes.
        """
        if exact:
            # fields: 0 text, 3 pos, 4 kind, 5 category, 6 term, 7 is_stop (checked in the tests)
            content = [t for t in tokens if t[4] in _WORD_KINDS and not t[7] and (
                t[5] is not None or (len(t[0]) >= 2 and bool(t[3]) and t[3][0] in CONTENT_POS))]
            keys = [t[6] or t[0] for t in content]
            cats: Iterable[str | None] = map(_CATEGORY, content)
        else:
            content = [t for t in tokens if is_content_token(t)]
            keys = [t.norm for t in content]
            cats = [t.category for t in content]
        if not keys:
            return
        into.extend(keys)
        _consume(map(self.category.setdefault, keys, cats))
        if section is not None:
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
        mask = [t[4] in _WORD_KINDS and not t[7] and (
            t[5] is not None or (len(t[0]) >= 2 and bool(t[3]) and t[3][0] in CONTENT_POS)) for t in flat]
        content = list(compress(flat, mask))
        keys = [t[6] or t[0] for t in content]
        _consume(map(self.category.setdefault, keys, map(_CATEGORY, content)))
        # bounds[i]: number of content tokens before sentence i
        ends = np.cumsum(np.fromiter(map(len, (toks for _, toks in sentences)), dtype=np.int64, count=len(sentences)))
        seen = np.concatenate(([0], np.cumsum(np.fromiter(mask, dtype=np.int64, count=len(mask)))))
        bounds = [0, *seen[ends].tolist()]
        self.units.extend(keys[a:b] for a, b in pairwise(bounds))
        runs = self.runs
        i, n = 0, len(sentences)
        while i < n:  # runs of consecutive sentences of one section
            section = sentences[i][0]
            j = i + 1
            while j < n and sentences[j][0] == section:
                j += 1
            run_keys = keys[bounds[i]:bounds[j]]
            if run_keys:
                if runs and runs[-1][0] == section:
                    _consume(map(runs[-1][1].setdefault, run_keys))
                else:
                    runs.append((section, dict.fromkeys(run_keys)))
            i = j

    def add_strings(self, words: Iterable[str]) -> None:
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


_WORD_KINDS = frozenset(("word", "term", "numbered"))
_CATEGORY = itemgetter(5)


def _consume(it: Iterable[Any]) -> None:
    deque(it, maxlen=0)


def _section_key(section_id: str, prefix: str) -> str:
    return f"{prefix}{section_id or PREAMBLE_ID}"


def _add_sentences(col: _Collector, sentences: Sequence[Any], tokens: Sequence[Sequence[Token]],
                   window: Window, prefix: str) -> None:
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


def _add_headings(col: _Collector, sections: Iterable[Section], heading_tokens: dict[str, list[Token]] | None,
                  prefix: str) -> None:
    for sec in sections:
        toks = heading_tokens[sec.id] if heading_tokens is not None else col.tokenizer.tokenize(
            sec.heading, offset=sec.heading_span[0])
        unit: list[str] = []
        col.add_tokens(toks, _section_key(sec.id, prefix), unit, exact=True)
        col.units.append(unit)


def _add_item(col: _Collector, item: Any, window: Window, headings: bool, prefix: str) -> None:
    from ..text.document import Document, Section

    tk = col.tokenizer
    if isinstance(item, Document):
        _add_sentences(col, item.sentences, tk.tokenize_document(item), window, prefix)
        if headings:
            _add_headings(col, item.walk(), tk.tokenize_headings(item), prefix)
    elif isinstance(item, Section):
        sents = item.sentences
        _add_sentences(col, sents, [tk.tokenize(s.text, offset=s.start) for s in sents], window, prefix)
        if headings:
            _add_headings(col, item.walk(), None, prefix)
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
    from ..text.document import Document, Section

    col = _Collector(tokenizer)
    if isinstance(obj, (str, os.PathLike)):
        if not isinstance(obj, str) or obj.strip():
            from ..text.loading import as_document

            _add_item(col, as_document(obj), window, headings, "")
    elif isinstance(obj, (Document, Section)):
        _add_item(col, obj, window, headings, "")
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


def _window_stats(units: Sequence[Sequence[str]], window: int | None) -> tuple[Counter, Counter, int]:
    """Unit frequencies: (units containing a, units containing a and b, number of units)."""
    node_u: Counter = Counter()
    pair_u: Counter = Counter()
    n = 0
    for unit in units:
        if window is None or len(unit) <= window:
            spans: Iterable[Sequence[str]] = (unit,)
        else:
            spans = (unit[i: i + window] for i in range(len(unit) - window + 1))
        for span in spans:
            n += 1
            uniq = sorted(set(span))
            node_u.update(uniq)
            for i, a in enumerate(uniq):
                for b in uniq[i + 1:]:
                    pair_u[(a, b)] += 1
    return node_u, pair_u, n


def _check_window(window: object, func: str) -> Window:
    if isinstance(window, str):
        if window not in WINDOWS:
            raise InvalidParameterError.unknown("window", func, window, [*WINDOWS, "<int >= 2>"])
        return window  # type: ignore[return-value]
    if isinstance(window, bool) or not isinstance(window, int) or window < 2:
        raise InvalidParameterError.build("window", func, "'sentence', 'paragraph' or an int >= 2", window)
    return window


def _keyword_scores(keywords: Any) -> dict[str, float]:
    if keywords is None:
        return {}
    items = keywords.items() if isinstance(keywords, dict) else keywords
    out: dict[str, float] = {}
    for kw in items:
        if hasattr(kw, "term") and hasattr(kw, "score"):
            term, score = kw.term, kw.score
        else:
            term, score = kw
        out[str(term)] = float(score)
    return out


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
    obj : Document, Section, str, or iterable
        A :class:`~policytext.Document` (tokens come from
        ``tokenizer.tokenize_document``, cached on the document), a
        :class:`~policytext.text.document.Section`, a text (parsed with
        :func:`policytext.parse`), an iterable of Documents / Sections (a
        Corpus), or token lists: a list of str is one unit, a list of lists
        is one unit per inner list. Tokens given as str are used as they
        are; :class:`~policytext.Token` objects go through the candidate rule.
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
        **Nodes** are content terms (see :func:`is_content_token`), keyed by
        ``Token.norm``, with attributes

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
        Unknown ``window``/``weight``, ``window < 2``, ``min_count < 1``, ``top < 1``.
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
    from ..tokens.tokenizer import Tokenizer, default_tokenizer

    func = "cooccurrence"
    win = _check_window(window, func)
    if not isinstance(weight, str) or weight not in WEIGHTS:
        raise InvalidParameterError.unknown("weight", func, weight, WEIGHTS)
    if isinstance(min_count, bool) or not isinstance(min_count, int) or min_count < 1:
        raise InvalidParameterError.build("min_count", func, "an int >= 1", min_count)
    if top is not None and (isinstance(top, bool) or not isinstance(top, int) or top < 1):
        raise InvalidParameterError.build("top", func, "None or an int >= 1", top)
    if tokenizer is None:
        tokenizer = default_tokenizer()
    elif not isinstance(tokenizer, Tokenizer):
        raise InvalidParameterError.build("tokenizer", func, "a policytext Tokenizer or None", tokenizer)

    col = _collect(obj, win, tokenizer, bool(headings))
    wanted: set[str] | None = None
    if terms is not None:
        if isinstance(terms, str):
            raise InvalidParameterError.build("terms", func, "an iterable of terms (not a single str)", terms)
        lookup = tokenizer.lexicon.lookup
        wanted = set()
        for term in terms:
            entry = lookup(term)
            wanted.add(entry.term if entry is not None else term)
    scores = _keyword_scores(keywords)
    if isinstance(win, int):
        node_counts, pair_counts, _ = count_pairs(col.units, window=win)
        node_units, pair_units, n_units = _window_stats(col.units, win)
        return _counter_graph(col, node_counts, node_units, pair_counts, pair_units, n_units, window=win,
                              weight=weight, min_count=min_count, top=top, wanted=wanted, scores=scores)
    return _unit_graph(col, window=win, weight=weight, min_count=min_count, top=top, wanted=wanted,
                       scores=scores)


def _keep(node_counts: dict[str, int], wanted: set[str] | None, top: int | None,
          scores: dict[str, float]) -> set[str]:
    """The node set after the ``terms`` and ``top`` filters."""
    keep = set(node_counts)
    if wanted is not None:
        keep &= wanted
    if top is not None and len(keep) > top:
        if scores:
            ranked = sorted(keep, key=lambda t: (-scores.get(t, 0.0), -node_counts[t], t))
        else:
            ranked = sorted(keep, key=lambda t: (-node_counts[t], t))
        keep = set(ranked[:top])
    return keep


def _counter_graph(col: _Collector, node_counts: Counter, node_units: Counter, pair_counts: Counter,
                   pair_units: Counter, n_units: int, *, window: Window, weight: str, min_count: int,
                   top: int | None, wanted: set[str] | None, scores: dict[str, float]) -> nx.Graph:
    """The graph from Counters (token windows; the reference for :func:`_unit_graph` in the tests).

    ``pair_units is pair_counts`` for named windows (a pair is counted once
    per unit); otherwise edges also carry ``units``.
    """
    import networkx as nx

    keep = _keep(node_counts, wanted, top, scores)
    filtered = len(keep) < len(node_counts)
    sections = col.sections()
    category = col.category
    G = nx.Graph(window=str(window), weight=weight, min_count=min_count, n_units=n_units)
    G.add_nodes_from(
        (term, {
            "count": node_counts[term],
            "units": node_units[term],
            "category": category.get(term) or "",
            "sections": sections.get(term, ""),
            "score": scores.get(term, 0.0),
        })
        for term in sorted(keep)
    )
    strength: Counter = Counter()
    with_units = pair_units is not pair_counts
    log = math.log
    n = n_units

    def edges() -> Iterator[tuple[str, str, dict[str, Any]]]:
        for pair, c in pair_counts.items():
            if c < min_count:
                continue
            a, b = pair
            if filtered and (a not in keep or b not in keep):
                continue
            strength[a] += c
            strength[b] += c
            if weight == "count":
                data: dict[str, Any] = {"count": c, "weight": float(c)}
            else:
                n_ab = pair_units[pair]
                n_a, n_b = node_units[a], node_units[b]
                if weight == "jaccard":
                    stat = n_ab / (n_a + n_b - n_ab)
                    w = stat
                else:
                    stat = log(n_ab * n / (n_a * n_b))
                    if weight == "npmi":
                        h = -log(n_ab / n)
                        stat = stat / h if h > 0 else 1.0
                    w = stat if stat > 0 else 0.0
                data = {"count": c, "weight": w, weight: stat}
            if with_units:
                data["units"] = pair_units[pair]
            yield a, b, data

    G.add_edges_from(edges())
    if not scores and strength:
        top_strength = max(strength.values())
        for term, value in strength.items():
            G.nodes[term]["score"] = value / top_strength
    return G


def _sorted_distinct(values: Any) -> Any:
    """The distinct values of an int64 array, sorted (``np.unique`` without its extra work)."""
    import numpy as np

    values = np.sort(values)
    if len(values) > 1:
        values = values[np.r_[True, values[1:] != values[:-1]]]
    return values


class _UnitCounts:
    """Counts of a list of units (named windows), as numpy arrays over term ids.

    Term ids follow the sorted order of the terms, so ``(a, b)`` with
    ``a < b`` as ids is also ``a < b`` as strings. Pairs are listed in the
    order of their first occurrence (unit by unit, then ``(a, b)`` in sorted
    order within the unit) — the insertion order of the Counter-based count,
    so the graph's edge and adjacency order do not change.
    """

    __slots__ = ("n_units", "node_counts", "node_units", "pair_a", "pair_b", "pair_counts", "terms")

    def __init__(self, units: Sequence[Sequence[str]]) -> None:
        import numpy as np

        n_units = len(units)
        flat = [term for unit in units for term in unit]
        terms = sorted(set(flat))
        V = len(terms)
        index = dict(zip(terms, range(V)))
        ids = np.fromiter(map(index.__getitem__, flat), dtype=np.int64, count=len(flat))
        lengths = np.fromiter(map(len, units), dtype=np.int64, count=n_units)
        unit_of = np.repeat(np.arange(n_units, dtype=np.int64), lengths)
        # distinct (unit, term), sorted by unit then term: each unit's sorted(set(unit))
        code = _sorted_distinct(unit_of * max(V, 1) + ids)
        uu = code // max(V, 1)
        ui = code - uu * V
        k = np.bincount(uu, minlength=n_units)  # distinct terms per unit
        # every pair of positions p < q within a unit of the distinct array, p-major
        starts = np.cumsum(k) - k
        rep = k[uu] - 1 - (np.arange(len(code)) - starts[uu])  # partners after position p
        n_occ = int(rep.sum())
        first = np.repeat(np.arange(len(code)), rep)
        offsets = np.cumsum(rep) - rep
        second = first + 1 + (np.arange(n_occ) - offsets[first])
        pair_code = ui[first] * V + ui[second]
        # group equal pairs, each group with the position of its first occurrence
        if V * V * max(n_occ, 1) < 2**63:
            # one sort of (pair, position) keys (numpy's vectorised sort; positions are distinct, so
            # equal pairs come out in position order)
            key = np.sort(pair_code * n_occ + np.arange(n_occ))
            sorted_code = key // max(n_occ, 1)
            position = key - sorted_code * n_occ
        else:  # pragma: no cover - beyond int64 keys: a stable argsort
            position = np.argsort(pair_code, kind="stable")
            sorted_code = pair_code[position]
        heads = np.flatnonzero(np.r_[True, sorted_code[1:] != sorted_code[:-1]]) if n_occ else np.zeros(0, np.int64)
        counts = np.diff(np.r_[heads, n_occ])
        # groups in order of first occurrence (first positions are distinct: no sort needed)
        group_at = np.full(n_occ, -1, dtype=np.int64)
        group_at[position[heads]] = np.arange(len(heads))
        by_first = group_at[group_at >= 0]
        pair_code = sorted_code[heads][by_first]
        self.terms = terms
        self.node_counts = np.bincount(ids, minlength=V)
        self.node_units = np.bincount(ui, minlength=V)
        self.pair_a = pair_code // max(V, 1)
        self.pair_b = pair_code - self.pair_a * V
        self.pair_counts = counts[by_first]
        self.n_units = n_units


def _unit_graph(col: _Collector, *, window: Window, weight: str, min_count: int, top: int | None,
                wanted: set[str] | None, scores: dict[str, float]) -> nx.Graph:
    """The graph of a named window (a pair counted once per unit), counted with numpy.

    Equal to :func:`_counter_graph` on Counters counted once per unit (nodes,
    edges, attribute values and types, insertion order; checked against a
    Python reference count in the tests).
    """
    import networkx as nx
    import numpy as np

    uc = _UnitCounts(col.units)
    terms = uc.terms
    V = len(terms)
    node_counts = uc.node_counts.tolist()
    node_units = uc.node_units.tolist()
    if wanted is not None or (top is not None and V > top):
        keep = _keep(dict(zip(terms, node_counts)), wanted, top, scores)
        kept = np.fromiter((t in keep for t in terms), dtype=bool, count=V)
    else:
        kept = np.ones(V, dtype=bool)
    a, b, c = uc.pair_a, uc.pair_b, uc.pair_counts
    mask = kept[a] & kept[b]
    if min_count > 1:
        mask &= c >= min_count
    if not mask.all():
        a, b, c = a[mask], b[mask], c[mask]
    if not scores:  # weighted degree (sum of edge counts) over the kept edges, as a share of the largest
        strength = (np.bincount(a, weights=c, minlength=V) + np.bincount(b, weights=c, minlength=V)).astype(np.int64)
        strength_list = strength.tolist()
        top_strength = max(strength_list, default=0)
        node_score = [v / top_strength if v else 0.0 for v in strength_list] if top_strength else [0.0] * V
    else:
        node_score = [scores.get(t, 0.0) for t in terms]
    sections = col.sections()
    category = col.category
    G = nx.Graph(window=str(window), weight=weight, min_count=min_count, n_units=uc.n_units)
    G.add_nodes_from(
        (terms[i], {
            "count": node_counts[i],
            "units": node_units[i],
            "category": category.get(terms[i]) or "",
            "sections": sections.get(terms[i], ""),
            "score": node_score[i],
        })
        for i in np.flatnonzero(kept).tolist()
    )
    term_array = np.array(terms, dtype=object)
    us = term_array[a].tolist()
    vs = term_array[b].tolist()
    counts = c.tolist()
    if weight == "count":
        # add_edges_from copies each attribute dict into a new edge dict, so edges with the
        # same count can be given the same (read-only) dict
        shared = {k: {"count": k, "weight": float(k)} for k in set(counts)}
        G.add_edges_from(zip(us, vs, map(shared.__getitem__, counts)))
        return G
    n = uc.n_units
    nu = uc.node_units
    n_a, n_b = nu[a], nu[b]
    log = math.log
    if weight == "jaccard":
        stat = (c / (n_a + n_b - c)).tolist()  # int / int: both exact in float64, IEEE division == Python's
        w = stat
    else:
        # math.log (not np.log) so the values equal the per-edge Python computation bit for bit
        pmi = np.array(list(map(log, (c * n / (n_a * n_b)).tolist())), dtype=float)
        if weight == "npmi":
            h = -np.array(list(map(log, (c / n).tolist())), dtype=float)
            with np.errstate(divide="ignore", invalid="ignore"):
                pmi = np.where(h > 0, pmi / np.where(h > 0, h, 1.0), 1.0)
        stat = pmi.tolist()
        w = np.where(pmi > 0, pmi, 0.0).tolist()
    G.add_edges_from((u, v, {"count": k, "weight": x, weight: y}) for u, v, k, x, y in zip(us, vs, counts, w, stat))
    return G
