"""Term co-occurrence graphs (networkx).

``build_graph`` is the core: token lists in, ``networkx.Graph`` out, windows
never crossing a unit (sentence) boundary. Higher-level functions build on it:

* :func:`cooccurrence` — the graph of a Document, Section, list of Documents
  (or a Corpus) or token lists, with sentence / paragraph / k-token windows,
  count / PMI / NPMI / Jaccard weights and provenance attributes.

Nodes of a document are the keywords' units: the slots of
:func:`policytext.analysis.phrases.token_slots` with the phrases
:func:`~policytext.analysis.phrases.find_phrases` joins (as
:func:`policytext.analysis.keyterms.keywords` reads a text, so a keyword
人民群众 is one node, not an edge 人民—群众), keeping by default those that
name things (``nodes="concepts"``), and ``top`` ranks them by keyword score.
``nodes="content", phrases=False`` gives the graph of single content tokens
(:func:`policytext.tokens.tags.is_content`). The token lists of documents
come from :mod:`policytext.analysis.terms`, the counting and assembly of the
graph is in :mod:`policytext.analysis._cooccur_graph`. Communities and centralities are in
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
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from itertools import compress, pairwise
from operator import itemgetter
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from .._validation import InstanceOf, Interval, Options, validate_params
from ..errors import InvalidParameterError
from ..tokens.tags import CONTENT_POS, content_mask, is_content
from ._cooccur_graph import _TOKEN_WINDOW, Counts, Spec, Window, counter_graph, unit_graph, window_stats
from ._cooccur_graph import build_graph as build_graph  # re-exported: the counting lives in _cooccur_graph
from ._cooccur_graph import count_pairs as count_pairs

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

    from ..text.document import Document, Section
    from ..tokens.tokenizer import Token, Tokenizer
    from .phrases import Slot

__all__ = [
    "build_graph",
    "count_pairs",
    "cooccurrence",
    "is_content_token",
    "CONTENT_POS",
    "WEIGHTS",
    "WINDOWS",
    "NODES",
    "PHRASE_MIN_COUNT",
]

#: Names accepted by ``weight=``.
WEIGHTS: tuple[str, ...] = ("count", "pmi", "npmi", "jaccard")
#: Named windows accepted by ``window=`` (besides an int >= 2).
WINDOWS: tuple[str, ...] = ("sentence", "paragraph")
#: Node rules accepted by ``nodes=``: keyword units that name things, or every content term.
NODES: tuple[str, ...] = ("concepts", "content")
#: Occurrences a phrase needs to be joined (``phrases=True``): the default ``min_phrase_count`` of
#: :func:`policytext.analysis.keyterms.keywords`, so the graph and the keywords join the same phrases.
PHRASE_MIN_COUNT = 2
#: Under ``nodes="concepts"`` a verb, adjective or idiom is a node when it ranks among this many best keyword
#: units of the text: the default ``top`` of :func:`policytext.analysis.keyterms.keywords`.
KEYWORD_RANK = 20

#: The candidate rule of graph nodes: an alias of :func:`policytext.tokens.tags.is_content`
#: (the package's one content-token rule; ``Token.is_content`` is the same), kept under the
#: name this module has always exported. ``CONTENT_POS`` (the tag letters, imported from
#: :mod:`policytext.tokens.tags`) stays exported for the same reason.
is_content_token = is_content

#: Section id used for sentences before the first heading.
PREAMBLE_ID = "0"

Weight = Literal["count", "pmi", "npmi", "jaccard"]




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
        self.nodes = "content"  # one of NODES (set by _collect)
        self.phrases = False  # join the phrases keywords join (Documents and Sections)
        self.units: list[list[str]] = []
        self.category: dict[str, str | None] = {}
        self.runs: list[tuple[str, dict[str, None]]] = []
        self.source: Document | Section | None = None

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

    def add_keys(self, keys: list[str], section: str) -> None:
        """One unit of node keys (categories already recorded) seen in ``section``."""
        self.units.append(keys)
        if keys:
            self._note_run(section, keys)

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


class _KeywordUnits(NamedTuple):
    """The keyword units of a Document or Section (see :func:`_keyword_units`)."""

    body: list[list[Slot | None]]  # slots of each body sentence, phrases merged
    heads: list[tuple[str, list[Slot | None]]]  # (section id, slots) of each heading
    concepts: frozenset[str]  # the units that are nodes under nodes="concepts"


def _keyword_units(item: Document | Section, tk: Tokenizer, phrases: bool) -> _KeywordUnits:
    """The keyword units of ``item`` and which of them are concepts. Cached on a Document.

    Slots come from :func:`policytext.analysis.phrases.token_slots` with the
    tokenizer's stopwords, after the keywords' name joining
    (``analysis._keyterm_input.join_names_in``: names used at least twice), as
    :func:`~policytext.analysis.keyterms.keywords` reads them; with
    ``phrases`` the phrases are found as ``keywords`` finds them (body and
    headings, at least :data:`PHRASE_MIN_COUNT` occurrences; a Section's own
    heading names it and is not read) and merged. The
    concepts are the rule of :func:`_concepts`.
    """
    from ..text.document import Document
    from ._keyterm_input import join_names_in
    from .keyterms import keywords
    from .phrases import find_phrases, merge_phrases, token_slots
    from .terms import heading_tokens, sentence_tokens

    key = ("cooccur.keyword_units", tk.fingerprint, phrases)
    if isinstance(item, Document) and key in item._cache:
        cached: _KeywordUnits = item._cache[key]
        return cached
    # the keywords' token lists: personal names the tokenizer split, used at least twice in the text,
    # joined again (as keywords reads them)
    sentences = sentence_tokens(item, tk)
    heading_lists = heading_tokens(item, tk)
    joined = join_names_in([*sentences, *(toks for _sid, toks in heading_lists)])
    tokens = joined[:len(sentences)]
    body = [token_slots(toks) for toks in tokens]
    heads = [(sid, token_slots(toks)) for (sid, _), toks in zip(heading_lists, joined[len(sentences):])]
    table: dict[tuple[str, ...], int] = {}
    if phrases:
        own = "" if isinstance(item, Document) else item.id
        table = find_phrases(body + [h for sid, h in heads if sid != own], PHRASE_MIN_COUNT)
        if table:
            body = [merge_phrases(x, table) for x in body]
            heads = [(sid, merge_phrases(h, table)) for sid, h in heads]
    kept = [k.term for k in keywords(item, top=KEYWORD_RANK, phrases=phrases, tokenizer=tk)]
    out = _KeywordUnits(body, heads, _concepts(tokens, table, kept))
    if isinstance(item, Document):
        item._cache[key] = out
    return out


def _unit_scores(item: Document | Section, tk: Tokenizer, phrases: bool) -> dict[str, float]:
    """The keyword score of every keyword unit of ``item`` (``keywords(item, diversity=False)``; what ``top``
    ranks concepts by). Cached on a Document."""
    from ..text.document import Document
    from .keyterms import keywords

    key = ("cooccur.keyword_units", tk.fingerprint, phrases, "scores")
    if isinstance(item, Document) and key in item._cache:
        cached: dict[str, float] = item._cache[key]
        return cached
    body, heads, _ = _keyword_units(item, tk, phrases)
    n = sum(1 for x in body for slot in x if slot is not None) + sum(len(h) for _, h in heads) + 1
    scores = {k.term: k.score for k in keywords(item, top=n, diversity=False, phrases=phrases, tokenizer=tk)}
    if isinstance(item, Document):
        item._cache[key] = scores
    return scores


def _concepts(tokens: Iterable[Sequence[Token]], table: Mapping[tuple[str, ...], int],
              kept: Iterable[str]) -> frozenset[str]:
    """The keyword units that are graph nodes under ``nodes="concepts"``.

    Nouns name things: a unit is a concept when it is a lexicon term or
    numbered formulation, a joined phrase, or a word tagged as a noun
    (``n*``), an abbreviation (``j``) or a Latin-letter word (``eng``: GDP).
    Any other candidate — a verb, a nominal verb, an adjective, an idiom or a
    set phrase (稳定, 利用, 有利于, 管理, 高度重视) — is a concept only when the
    keywords keep it: it is among ``kept``, the text's :data:`KEYWORD_RANK`
    keywords (创新 in a document about innovation).

    >>> import policytext as pt
    >>> toks = [pt.Tokenizer().tokenize("稳定就业，有利于资源配置，推动创新。")]
    >>> sorted(_concepts(toks, {}, ["创新"]))
    ['创新', '资源配置']
    """
    out = {"".join(g) for g in table}
    for toks in tokens:
        out.update(t.norm for t in toks if t.category is not None or t.pos[:1] == "n" or t.pos in ("j", "eng"))
    out.update(kept)
    return frozenset(out)


def _slot_keys(col: _Collector, slots: Sequence[Slot | None], concepts: frozenset[str] | None) -> list[str]:
    """The node keys of one unit's slots (recording their categories): candidates, in ``concepts`` if given."""
    kept = [s for s in slots if s is not None and s[2] and (concepts is None or s[0] in concepts)]
    _consume(map(col.category.setdefault, (s[0] for s in kept), (s[1] or "" for s in kept)))
    return [s[0] for s in kept]


def _add_keyword_units(col: _Collector, item: Document | Section, window: Window, headings: bool,
                       prefix: str) -> None:
    """Units of keyword units (phrases joined if ``col.phrases``): one per sentence, paragraph or heading."""
    ku = _keyword_units(item, col.tokenizer, col.phrases)
    body, heads = ku.body, ku.heads
    concepts = ku.concepts if col.nodes == "concepts" else None
    if window == "paragraph":
        current: int | None = None
        unit: list[str] = []
        section = ""
        for sent, slots in zip(item.sentences, body):
            if sent.paragraph != current:
                if current is not None:
                    col.units.append(unit)
                current, unit = sent.paragraph, []
            keys = _slot_keys(col, slots, concepts)
            unit.extend(keys)
            section = _section_key(sent.section_id, prefix)
            if keys:
                col._note_run(section, keys)
        if current is not None:
            col.units.append(unit)
    else:
        for sent, slots in zip(item.sentences, body):
            col.add_keys(_slot_keys(col, slots, concepts), _section_key(sent.section_id, prefix))
    if headings:
        for sid, slots in heads:
            col.add_keys(_slot_keys(col, slots, concepts), _section_key(sid, prefix))


def _add_item(col: _Collector, item: Any, window: Window, headings: bool, prefix: str) -> None:
    """Add the units of one Document, Section or token list."""
    from ..text.document import Document, Section
    from .terms import heading_tokens, sentence_tokens

    if isinstance(item, (Document, Section)):
        if col.nodes == "content" and not col.phrases:
            _add_sentences(col, item.sentences, sentence_tokens(item, col.tokenizer), window, prefix)
            if headings:
                _add_headings(col, heading_tokens(item, col.tokenizer), prefix)
        else:
            _add_keyword_units(col, item, window, headings, prefix)
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


def _collect(obj: Any, window: Window, tokenizer: Tokenizer, headings: bool, nodes: str = "content",
             phrases: bool = False) -> _Collector:
    """The units of ``obj`` (see :func:`cooccurrence` for what it may be).

    ``col.source`` is the one Document or Section read, when ``obj`` is one (or a text or path).
    """
    from ..text.document import Document, Section
    from ..text.loading import as_document

    col = _Collector(tokenizer)
    col.nodes, col.phrases = nodes, phrases
    if isinstance(obj, (str, os.PathLike, Document, Section)):  # not bytes: an iterable of ints here
        col.source = as_document(obj, "cooccurrence", sections=True)
        _add_item(col, col.source, window, headings, "")
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
    "nodes": [Options(str, NODES)],
    "phrases": ["boolean"],
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
    nodes: Literal["concepts", "content"] = "concepts",
    phrases: bool = True,
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
        Keep only the ``top`` best nodes: by the ``keywords`` scores when
        given; else, for one document or section with ``nodes="concepts"``,
        by their score in :func:`policytext.analysis.keyterms.keywords` (the
        graph shows what the keywords rank highest, not the most frequent
        general words); else by count. Ties by count, then term.
    terms : iterable of str, optional
        Keep only these terms as nodes (aliases are mapped to their lexicon term).
    keywords : iterable of (term, score), objects with ``.term``/``.score``, or dict, optional
        Scores to store as the node ``score`` and to rank ``top`` by (e.g. the
        output of ``policytext.keywords``).
    headings : bool
        Also use each section heading as a unit (default False: body sentences only).
    tokenizer : Tokenizer, optional
        Defaults to :func:`policytext.tokens.tokenizer.default_tokenizer`.
    nodes : {"concepts", "content"}
        Which keyword units of a Document or Section are nodes.
        ``"concepts"`` (default): those that name things — lexicon terms,
        numbered formulations, joined phrases, nouns (tags ``n*``),
        abbreviations (``j``) and Latin-letter words (GDP) — and any other
        keyword candidate (a verb, adjective, nominal verb, idiom or set
        phrase) only when it is among the text's :data:`KEYWORD_RANK`
        keywords: not 稳定, 利用, 有利于, 管理 unless the keywords keep them.
        ``"content"``: every keyword candidate (the content rule,
        :func:`policytext.tokens.tags.is_content`); with ``phrases=False``
        the graph of single content tokens drawn before. Token lists are
        used as given either way.
    phrases : bool
        Join the phrases that :func:`~policytext.analysis.keyterms.keywords`
        joins (default True): the same phrase table (found over the body and
        the headings, at least :data:`PHRASE_MIN_COUNT` occurrences), so a
        keyword 人民群众 is one node, not an edge 人民—群众. False: single tokens.

    Returns
    -------
    networkx.Graph
        **Nodes** are keyword units (see ``nodes`` and ``phrases``): whole
        lexicon terms and phrases, keyed by ``Token.norm`` (a phrase: its
        parts' norms joined), with attributes

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
        ``G.graph`` records ``window``, ``weight``, ``min_count``, ``n_units``
        and ``n_terms`` (the number of distinct terms before the ``terms``
        and ``top`` filters: the nodes of the whole graph).

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

    Phrases are joined as the keywords join them (a short text: all its
    candidates are among its keywords, so verbs stay):

    >>> doc = pt.parse("关心低收入群体。帮扶低收入群体，稳定就业。")
    >>> sorted(cooccurrence(doc)), sorted(cooccurrence(doc, nodes="content", phrases=False))
    (['低收入群体', '关心', '就业', '帮扶', '稳定'], ['低收入', '关心', '就业', '帮扶', '稳定', '群体'])
    """
    from ..tokens.tokenizer import default_tokenizer

    win = _check_window(window, "cooccurrence")
    tk = tokenizer if tokenizer is not None else default_tokenizer()
    col = _collect(obj, win, tk, bool(headings), nodes, bool(phrases))
    scores = _keyword_scores(keywords)
    rank = None
    if top is not None and not scores and nodes == "concepts" and col.source is not None:
        rank = _unit_scores(col.source, tk, bool(phrases))
    spec = Spec(win, weight, int(min_count), None if top is None else int(top), _wanted_terms(terms, tk),
                scores, rank)
    if isinstance(win, int):
        node_counts, pair_counts, _ = count_pairs(col.units, window=win)
        node_units, pair_units, n_units = window_stats(col.units, win)
        counts = Counts(node_counts, node_units, pair_counts, pair_units, n_units)
        return counter_graph(counts, spec, col.category, col.sections())
    return unit_graph(col.units, spec, col.category, col.sections())
