"""Keywords a policy reader would call keywords.

Two rankers over the same candidates (:data:`METHODS`):

``"tfidf"``
    ``score(t) = salience(t) × weight(t)`` where

    * ``salience = (1 + ln(count)) · (1 + 2 / (1 + i))``: sublinear term
      frequency (Manning et al. 2008, §6.4.1 — the tenth mention of 干部
      adds less than the second) times the position prior of PositionRank
      (Florescu & Caragea 2017), ``i`` the index of the first sentence that
      uses ``t`` — in its top-level section when a whole Document is read, so
      that every section's opening counts: policy sections open with their
      thesis. The preamble before the first section (framing: 完整、准确、
      全面贯彻新发展理念, 不忘初心、牢记使命) gets no position prior. A
      product: a formula quoted once in a section's first sentence scores
      ``1 · 3``, a body term used ten times ``3.3 ·`` its own prior (issue 16: body emphasis beats preamble
      formulae);
    * ``weight = ln(1 + idf(t)) · (1 + log2 w(t))``: the damped IDF from a
      *policy-genre* table (``lexicons/idf.tsv``, built by
      ``scripts/build_idf.py``; ``idf="background"`` for the genre background
      of news items and policy paragraphs, ``scripts/build_background.py``;
      see :mod:`policytext.analysis.idf`; the table's default IDF for words
      it lacks, as in ``jieba.analyse``, and for phrases) times the term's
      specificity, ``w(t)`` = the number of dictionary words in it (the
      ``log2 |a|`` of C-value, Frantzi et al. 2000): 机构编制资源配置 says
      more than 资源. Constants were chosen on the ``tune`` half of
      ``../shared/headed`` (``benchmarks/eval_keywords.py``); withholding the
      specificity from terms used once was measured and dropped (it costs
      issue 4's documents 1.44× → 1.18×): the preamble rule above keeps a
      formula quoted once in the opening below body terms instead.
``"textrank"``
    PageRank (:func:`networkx.pagerank`, ``tol``-converged, not a fixed
    number of iterations) on the co-occurrence graph of the candidates
    (:func:`policytext.analysis.cooccur.build_graph`, a ``window`` of adjacent
    candidates, never across a sentence), personalised by the TF-IDF score
    (a "biased" TextRank, Mihalcea & Tarau 2004), then multiplied by
    ``weight(t)`` so that frequent hubs (发展, 人民) do not win on degree.

Candidates
----------
A token is a candidate under the package's content rule
(:mod:`policytext.tokens.tags`): a word (not punctuation, space or mask)
that is either a lexicon term (``Token.is_term``, any part of speech —
numbered formulations included), or not a stopword, at least two
characters long and tagged as a noun, verb, adjective, idiom or abbreviation
(jieba tags ``n* v* a* i l j``) — with two differences, both on purpose
(:func:`policytext.analysis.phrases.token_slots`): the stopword table
(``Token.is_stop``, from ``lexicons/stopwords.txt``) is replaceable with
``stopwords=``, and words tagged ``eng`` are candidates too. Candidates are counted under
:attr:`Token.norm`, so aliases merge into their canonical term
(:attr:`Keyword.forms` keeps how the text wrote it: 新时代党的强军思想 for
习近平强军思想), and a lexicon term is never split (no 二十大 out of
党的二十大). No word list lives in this module.

Personal names the dictionary lacks are joined first
(:func:`policytext.analysis._keyterm_input.join_names_in`): the tokenizer
runs jieba with its HMM off and leaves 詹文锴 as 詹|文|锴, single characters
that are never candidates, while a section about a person is defined by the
name. Where a surname (a one-character word tagged ``nr``) starts a run of
one-character words, jieba's HMM cuts the run again, and a two- or
three-character first word found so at least twice in the text becomes one
``nr`` token (统筹立改废|释纂, once, stays apart). On the ``tune`` half of
``../shared/headed`` this raised heading recall@10 from 1.152× to 1.165×
jieba's (not worse on 72.0% → 73.3% of documents).

Phrases (``phrases=True``)
--------------------------
A *phrase* is a sequence of 2–4 adjacent nominal tokens (or lexicon terms;
numbered formulations always stand alone) that starts with a candidate,
occurs at least ``min_phrase_count`` times (default 2) in the context (the
whole document when ``context=`` is given), and is maximal, head-final and
closed (新时代全面深化改革, not 时代全面深化改革 nor 城乡居民基本): the criteria
are in :mod:`policytext.analysis.phrases`. Occurrences are merged greedily,
longest first, and their tokens are not counted again on their own.

Headings (``headings=True``, the default)
-----------------------------------------
Section headings are read as text, each where it stands: a Document's
section headings, a Section's subsection headings (never its own heading,
which names it). Authors state what a part is about in its heading
(（一）深化供给侧结构性改革), so these are the densest sentences of a
section; on the shared corpora they raise heading recall@10 (the measure in
``tests/test_keyterms.py``) from 1.36× to 1.48× plain jieba's. ``headings=False``
reads body sentences only.

Section contrast (``context=doc, contrast=True``; off by default)
------------------------------------------------------------------
Multiplies the weight by ``ln((1 + S) / (1 + s_t)) + 1``, ``S`` the number
of sections at the level asked for and ``s_t`` the number that use ``t``.
On the shared corpora it *lowers* heading recall (section headings reuse
the document's main terms), so it is an option, not the default.

Diversity (``diversity=True``)
------------------------------
Walking down the ranking, a term is first replaced by the more specific
candidate containing it when that one scores at least ``EXPAND`` (0.35) of
its score and has at least ``EXPAND_SHARE`` (a quarter) of its mentions
(人类 → 人类命运共同体: the compound names what the section is about and
still contains the word; but 国家安全, 18 mentions in the 20th congress
report, never becomes 国家安全领导体制, 2). Then a keyword is skipped when
it contains, or is contained in, a keyword already taken (资源 / 编制资源 /
机构编制资源 → one of them only) — unless it is the core of the keywords
taken that contain it: at least ``CORE_RATIO`` (2) times as frequent as each,
none of which has a core beside it yet (中华民族伟大复兴, 13 mentions,
beside 中华民族伟大复兴战略全局, 1; never a chain of three) — or when more than half of its dictionary words are
already covered by the keywords taken (a maximal-marginal-relevance filter).

Caching
-------
With ``context=doc`` the context's candidates, phrase table and section
contrast are kept in ``doc._cache`` (per tokenizer fingerprint and options),
so calling :func:`keywords` once per section prepares the document once.

Scores are normalised so that the best keyword scores 1.0; ties break on
the term (sort key ``(-score, term)``), so results are deterministic.

References
----------
Mihalcea, R. & Tarau, P. (2004). TextRank: Bringing Order into Texts. EMNLP.
Florescu, C. & Caragea, C. (2017). PositionRank: An Unsupervised Approach to
Keyphrase Extraction from Scholarly Documents. ACL.
Manning, C. D., Raghavan, P. & Schütze, H. (2008). Introduction to
Information Retrieval. Cambridge University Press.
Frantzi, K., Ananiadou, S. & Mima, H. (2000). Automatic recognition of
multi-word terms: the C-value/NC-value method. Int. J. Digit. Libr. 3(2).

Examples
--------
>>> import policytext as pt
>>> text = "要优化机构编制资源配置。机构编制资源配置要向基层倾斜。深化机构改革，优化机构编制资源配置。"
>>> [(k.term, k.count, k.category) for k in keywords(text, top=2)]
[('优化机构编制资源配置', 2, 'bianzhi'), ('深化机构改革', 1, 'bianzhi')]
"""

from __future__ import annotations

import math
import os
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .._validation import Constraint, InstanceOf, Interval, Options, check_params, validate_params
from ..tokens.tags import CANDIDATE_EXTRA as CANDIDATE_EXTRA  # re-exported: the tag sets live in tokens.tags
from ..tokens.tags import CANDIDATE_TAGS as CANDIDATE_TAGS
from ..tokens.tags import FUNCTION_TAGS as FUNCTION_TAGS
from ..tokens.tags import PHRASE_TAGS as PHRASE_TAGS
from ._keyterm_input import heading_units as _heading_units
from ._keyterm_input import join_names_in, surface_forms
from ._keyterm_input import section_places as _section_places  # noqa: F401 (tests import it from here)
from ._keyterm_input import sentence_tokens as _sentence_tokens
from ._keyterm_input import with_headings as _with_headings
from ._keyterm_phrases import without_own_heading
from .idf import IDF_CONSTRAINT, IdfLookup, idf_lookup
from .idf import IdfLike as IdfLike  # re-exported: the IDF table lives in analysis.idf
from .idf import idf_table as idf_table
from .idf import load_idf as load_idf
from .idf import write_idf as write_idf
from .phrases import Slot, find_phrases, merge_phrases, token_slots

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..text.document import Document, Section, Sentence
    from ..tokens.tokenizer import Token, Tokenizer

__all__ = [
    "Keyword",
    "keywords",
    "section_keywords",
    "extract_keywords",
    "load_idf",
    "idf_table",
    "write_idf",
    "METHODS",
]

#: With ``diversity``, a keyword is skipped when more than this share of its dictionary words is already covered.
REDUNDANCY = 0.5
#: With ``diversity``, a term is replaced by a candidate containing it that scores at least this fraction of its score.
EXPAND = 0.35
#: … and has at least this share of its mentions (国家安全 ×18 does not become 国家安全领导体制 ×2).
EXPAND_SHARE = 0.25
#: With ``diversity``, a term contained in a keyword already taken stays when it is this many times as frequent.
CORE_RATIO = 2.0
#: Weight of the position prior ``1/(1+i)`` of a term's first sentence in the TF-IDF salience.
POSITION_WEIGHT = 2.0
#: Weight of the specificity ``log2 w(t)`` (dictionary words in the term) in the term weight.
SPECIFICITY = 1.0


@dataclass(frozen=True)
class Keyword:
    """One keyword.

    Attributes
    ----------
    term : str
        The canonical form (a lexicon term for an alias; phrases are the
        concatenation of their parts).
    score : float
        Higher is better; the best keyword of a result scores 1.0.
    count : int
        Occurrences in the text analysed (as a standalone token or phrase).
    category : str | None
        Lexicon category (``"numbered"`` for numbered formulations), ``None``
        for other words and for phrases.
    forms : tuple of (str, int)
        How the text analysed wrote the keyword: ``(surface, count)`` pairs,
        most frequent first (ties: the first written first); the counts add
        up to ``count``. An alias counts under its canonical ``term`` and is
        one of its forms; a phrase's form is its parts' text joined. ``()``
        when unknown (a Keyword built by hand).

    Examples
    --------
    >>> kw = keywords("贯彻新时代党的强军思想。新时代党的强军思想指引强军事业。坚持习近平强军思想。", top=1)[0]
    >>> kw.term, kw.count, kw.forms, kw.surface
    ('习近平强军思想', 3, (('新时代党的强军思想', 2), ('习近平强军思想', 1)), '新时代党的强军思想')
    >>> Keyword("改革", 1.0, 2).surface  # without forms: the term
    '改革'
    """

    term: str
    score: float
    count: int
    category: str | None = None
    forms: tuple[tuple[str, int], ...] = ()

    @property
    def surface(self) -> str:
        """The form the text used most (the first written on a tie); ``term`` when ``forms`` is empty."""
        return self.forms[0][0] if self.forms else self.term


def _frozen_stopwords(stopwords: Any) -> Any:
    """Read a one-shot iterable of stopwords once (it is the predicate and part of the cache key)."""
    if stopwords is not None and not isinstance(stopwords, str):
        return frozenset(stopwords)
    return stopwords


def _stop_predicate(stopwords: Any) -> Callable[[Token], bool] | None:
    """``token_slots``'s ``stop``: None for ``"default"`` (the tokenizer's flags)."""
    if stopwords is None:
        return lambda t: False
    if isinstance(stopwords, str):  # "default", as validated
        return None
    sw = stopwords
    return lambda t: t.norm in sw or t.text in sw


def _context_cache(doc: Document, tk: Tokenizer, stopwords: Any, phrases: bool,
                   min_phrase_count: int, headings: bool) -> dict[Any, Any]:
    """Per-document store of the context's slots, phrase table and section contrast.

    Kept in ``doc._cache`` under the tokenizer fingerprint and the options
    they depend on, so ranking the sections one call at a time prepares the
    context once.
    """
    key = ("keyterms.context", tk.fingerprint, stopwords, phrases, min_phrase_count, headings)
    cache = doc._cache.get(key)
    if cache is None:
        cache = doc._cache[key] = {}
    return cache


# -- preparation --------------------------------------------------------------------

@dataclass
class _Prepared:
    units: list[list[Slot | None]]      # slots of the text analysed (phrases merged)
    tokens: list[list[Token]]           # the tokens they were read from (for Keyword.forms)
    plain: list[list[Slot | None]]      # the slots before phrases were merged
    counts: Counter[str]                # candidate norm -> count
    categories: dict[str, str | None]
    idf: IdfLookup
    contrast: dict[str, float] | None   # section-contrast factor per term
    sizes: dict[str, int]               # number of dictionary words in each term
    first: dict[str, float]             # 1 / (1 + index of the first occurrence)


@lru_cache(maxsize=1)
def _plain_tokenizer() -> Tokenizer:
    from ..tokens.lexicon import Lexicon
    from ..tokens.tokenizer import Tokenizer

    return Tokenizer(lexicon=Lexicon.empty(), detect_numbered=False, stopwords=None)


@lru_cache(maxsize=65536)
def _words_of(term: str) -> tuple[str, ...]:
    """The dictionary words of a term (plain jieba segmentation, no lexicon)."""
    return tuple(w for w in _plain_tokenizer().lcut(term) if w.strip() and (len(w) > 1 or w.isalnum()))


def _prepare(
    obj: Any,
    *,
    tokenizer: Tokenizer | None,
    idf: IdfLike,
    stopwords: Any,
    phrases: bool,
    min_phrase_count: int,
    context: Document | None,
    contrast: bool,
    level: int = 1,
    headings: bool = True,
    own_heading: bool = True,
) -> _Prepared:
    """Candidates of ``obj`` (phrases merged), their counts, positions and weights' inputs.

    ``stopwords`` is already :func:`_frozen_stopwords`; the other options are
    validated by the public functions. ``own_heading=False`` (the evaluation
    harness, :func:`~policytext.analysis._keyterm_blind._keywords_blind`): a Section's own heading does not shape
    the phrases of the context it is read with.
    """
    from ..tokens.tokenizer import default_tokenizer

    tk = tokenizer or default_tokenizer()
    stop = _stop_predicate(stopwords)
    tokens, places = _sentence_tokens(obj, tk, context, headings)
    units = plain = [token_slots(toks, stop) for toks in tokens]
    cache = _context_cache(context, tk, stopwords, phrases, min_phrase_count, headings) if context is not None else {}
    phrase_table: dict[tuple[str, ...], int] = {}
    if phrases:
        phrase_table = _phrase_table(units, context, tk, stop, cache, min_phrase_count, headings)
        blind = context is not None and headings and not own_heading
        table = without_own_heading(phrase_table, obj, cache, min_phrase_count) if blind else phrase_table
        units = [merge_phrases(s, table) for s in plain]
    counts, first, cats = _count(units, places)
    contrast_map = None
    if contrast and context is not None:
        contrast_map = cache.get(("contrast", level))
        if contrast_map is None:
            body = _body_slots(context, tk, stop, cache)
            contrast_map = cache[("contrast", level)] = _section_contrast(context, body, phrase_table, level)
    return _Prepared(units, tokens, plain, counts, cats, idf_lookup(idf), contrast_map,
                     _term_sizes(counts, cats, _phrase_sizes(phrase_table, cache)), first)


def _body_slots(doc: Document, tk: Tokenizer, stop: Callable[[Token], bool] | None,
                cache: dict[Any, Any]) -> list[list[Slot | None]]:
    """Slots of the context's body sentences (cached; shared by the phrase table and section contrast)."""
    body = cache.get("body_slots")
    if body is None:
        body = cache["body_slots"] = [token_slots(toks, stop) for toks in join_names_in(tk.tokenize_document(doc))]
    return body


def _joined(heads: list[tuple[int, list[Token]]]) -> list[tuple[int, list[Token]]]:
    """Headings (``(start, tokens)``) with personal names joined (:func:`~._keyterm_input.join_names_in`)."""
    return list(zip([a for a, _ in heads], join_names_in([t for _, t in heads])))


def _phrase_table(units: list[list[Slot | None]], context: Document | None, tk: Tokenizer,
                  stop: Callable[[Token], bool] | None, cache: dict[Any, Any], min_count: int,
                  headings: bool) -> dict[tuple[str, ...], int]:
    """The phrases of the context (body and, if asked, headings; cached), else of ``units``."""
    table: dict[tuple[str, ...], int] | None = cache.get("phrases")
    if table is not None:
        return table
    if context is None:
        return find_phrases(units, min_count)
    body = _body_slots(context, tk, stop, cache)
    heads = [(a, token_slots(toks, stop)) for a, toks in _joined(_heading_units(context.walk(), tk, context))] \
        if headings else []
    cache["heading_slots"] = dict(heads)
    units = cache["units"] = _with_headings(context.sentences, body, heads)
    table = cache["phrases"] = find_phrases(units, min_count)
    return table


def _count(units: Sequence[Sequence[Slot | None]], places: Sequence[int] | None = None
           ) -> tuple[Counter[str], dict[str, float], dict[str, str | None]]:
    """Candidate counts, ``1/(1+i)`` of each candidate's first unit (``i``: ``places`` or the index), and
    lexicon categories."""
    counts: Counter[str] = Counter()
    first: dict[str, float] = {}
    cats: dict[str, str | None] = {}
    for k, unit in enumerate(units):
        place = places[k] if places is not None else k
        prior = 1.0 / (1 + place) if place >= 0 else 0.0
        for s in unit:
            if s is not None and s[2]:
                counts[s[0]] += 1
                if first.get(s[0], -1.0) < prior:
                    first[s[0]] = prior
                if s[1] is not None:
                    cats[s[0]] = s[1]
    return counts, first, cats


def _phrase_sizes(phrase_table: Mapping[tuple[str, ...], int], cache: dict[Any, Any]) -> dict[str, int]:
    """Dictionary words per phrase of the table, by joined phrase (cached with the context's phrase table:
    ranking a document's sections one call at a time walks the table once, not once per section)."""
    sizes: dict[str, int] | None = cache.get("phrase_sizes")
    if sizes is None:
        sizes = {"".join(g): sum(len(_words_of(x)) or 1 for x in g) for g in phrase_table}
        if "phrases" in cache:  # the table is the context's, cached beside it
            cache["phrase_sizes"] = sizes
    return sizes


def _term_sizes(counts: Mapping[str, int], cats: Mapping[str, str | None],
                phrase_sizes: Mapping[str, int]) -> dict[str, int]:
    """Dictionary words of each candidate that is a lexicon term or a phrase (other words: 1, by default at
    look-up); a phrase's size is :func:`_phrase_sizes`'s (the sum of its parts').

    Only the candidates (``counts``) are sized: the rankers weigh nothing else.

    >>> _term_sizes({"全面深化改革": 2, "改革": 1, "优化配置": 1}, {"全面深化改革": "concept"}, {"优化配置": 2})
    {'全面深化改革': 2, '优化配置': 2}
    """
    return {t: phrase_sizes[t] if t in phrase_sizes else len(_words_of(t)) or 1
            for t in counts if t in phrase_sizes or t in cats}


def _section_contrast(doc: Document, ctx_slots: Sequence[Sequence[Slot | None]],
                      phrase_table: Mapping[tuple[str, ...], int], level: int) -> dict[str, float]:
    """``ln((1 + S) / (1 + s_t)) + 1`` over the sections at ``level`` (see module docstring)."""
    groups: dict[tuple[int, ...], set[str]] = {}
    for sent, slots in zip(doc.sentences, ctx_slots):
        if len(sent.section_path) < level:
            continue
        key = sent.section_path[:level]
        bag = groups.setdefault(key, set())
        for s in merge_phrases(slots, phrase_table):
            if s is not None and s[2]:
                bag.add(s[0])
    S = len(groups)
    if S < 2:
        return {}
    sdf: Counter[str] = Counter()
    for bag in groups.values():
        sdf.update(bag)
    return {t: math.log((1 + S) / (1 + c)) + 1 for t, c in sdf.items()}


# -- rankers ------------------------------------------------------------------------

def _weight(p: _Prepared, term: str) -> float:
    """Per-occurrence weight: damped IDF × specificity (× section contrast)."""
    idf = p.idf(term)  # phrases are not in the table: the table's default IDF
    w = math.log1p(idf) * (1.0 + SPECIFICITY * math.log2(p.sizes.get(term, 1)))
    if p.contrast is not None:
        w *= p.contrast.get(term, 1.0)
    return w


def _salience(p: _Prepared, term: str) -> float:
    """Sublinear term frequency times the position prior of the first occurrence (PositionRank).

    ``(1 + ln(count)) * (1 + POSITION_WEIGHT / (1 + i))``, ``i`` the index of
    the first sentence that uses the term (in its top-level section when a
    Document is read). A product, not a sum: an early mention multiplies what
    the count says, so a formula quoted once in the opening (``2 + 1``) does not
    outrank a body term used ten times (``3.3 ×`` its own prior).
    """
    return (1.0 + math.log(p.counts[term])) * (1.0 + POSITION_WEIGHT * p.first[term])


def _rank_tfidf(p: _Prepared, **_: Any) -> dict[str, float]:
    return {t: _salience(p, t) * _weight(p, t) for t in p.counts}


def _rank_textrank(p: _Prepared, *, window: int = 5, tol: float = 1e-6, max_iter: int = 200,
                   alpha: float = 0.85, **_: Any) -> dict[str, float]:
    import networkx as nx

    from ._cooccur_graph import build_graph  # not .cooccur, which imports this module (layer test: no cycles)

    seqs = [[s[0] for s in slots if s is not None and s[2]] for slots in p.units]
    G = build_graph([s for s in seqs if s], window=window)
    if G.number_of_nodes() == 0:
        return {}
    prior = _rank_tfidf(p)
    pers = {t: max(prior[t], 1e-12) for t in G.nodes}
    pr = nx.pagerank(G, alpha=alpha, weight="weight", personalization=pers, tol=tol, max_iter=max_iter)
    return {t: v * _weight(p, t) for t, v in pr.items()}


#: Ranking methods by name (see :func:`keywords`).
METHODS: dict[str, Callable[..., dict[str, float]]] = {
    "tfidf": _rank_tfidf,
    "textrank": _rank_textrank,
}


# -- selection ----------------------------------------------------------------------

def _select(scores: Mapping[str, float], counts: Mapping[str, int], cats: Mapping[str, str | None],
            top: int, diversity: bool) -> list[Keyword]:
    """The ``top`` keywords by ``(-score, term)``, scores divided by the best one."""
    ranked = sorted(((s, t) for t, s in scores.items() if s > 0 and t in counts), key=lambda x: (-x[0], x[1]))
    if not ranked:
        return []
    best = ranked[0][0]
    picked = _diverse(ranked, counts, top) if diversity else ranked[:top]
    return [Keyword(t, s / best, counts[t], cats.get(t)) for s, t in picked]


def _diverse(ranked: Sequence[tuple[float, str]], counts: Mapping[str, int], top: int) -> list[tuple[float, str]]:
    """Walk down the ranking with the diversity rules (module docstring, "Diversity").

    Returns ``(score, term)`` pairs; a term replaced by a more specific one
    keeps its own score.
    """
    taken: list[str] = []
    covered: set[str] = set()
    used: set[str] = set()
    paired: set[str] = set()  # keywords with a core beside them, and those cores
    out: list[tuple[float, str]] = []
    for i, (s, t) in enumerate(ranked):
        if t in used:
            continue
        used.add(t)
        t = _more_specific(ranked, i, used, counts)
        clash = [u for u in taken if t in u or u in t]
        if clash:
            # a core term many times as frequent as the elaborations taken for it stays too
            # (中华民族伟大复兴 ×13 beside 中华民族伟大复兴战略全局 ×1), once: no chain of three
            if not all(t in u and counts[t] >= CORE_RATIO * counts[u] and u not in paired for u in clash):
                continue
            paired.update(clash)
            paired.add(t)
            covered |= set(_words_of(t)) or {t}
        else:
            words = set(_words_of(t)) or {t}
            if len(words & covered) > REDUNDANCY * len(words):
                continue
            covered |= words
        taken.append(t)
        out.append((s, t))
        if len(out) >= top:
            break
    return out


def _more_specific(ranked: Sequence[tuple[float, str]], i: int, used: set[str], counts: Mapping[str, int]) -> str:
    """The best-ranked candidate containing ``ranked[i]``'s term that stands for it (人类 -> 人类命运共同体).

    It must score at least ``EXPAND`` times as much and have at least
    ``EXPAND_SHARE`` of the term's mentions; it is marked used. Else the term itself.
    """
    s, t = ranked[i]
    for j in range(i + 1, len(ranked)):
        s2, t2 = ranked[j]
        if s2 < EXPAND * s:
            break
        if t in t2 and t2 not in used and counts[t2] >= EXPAND_SHARE * counts[t]:
            used.add(t2)
            return t2
    return t


def _rank_and_select(prep: _Prepared, ranker: Callable[..., dict[str, float]], top: int, diversity: bool,
                     window: int) -> list[Keyword]:
    if not prep.counts:
        return []
    picked = _select(ranker(prep, window=window), prep.counts, prep.categories, top, diversity)
    forms = surface_forms(prep.tokens, prep.plain, prep.units, prep.counts, [k.term for k in picked])
    return [Keyword(k.term, k.score, k.count, k.category, forms[k.term]) for k in picked]


# -- public functions ---------------------------------------------------------------

class _Readable(Constraint):
    """What :func:`keywords` reads (bytes are not: a ``str`` is a path or the text)."""

    __slots__ = ()

    def accepts(self, value: object) -> bool:
        from ..text.document import Document, Section

        return isinstance(value, (Document, Section, str, os.PathLike, list, tuple))

    def __str__(self) -> str:
        return "a Document, a Section, a list of sentences (str or Sentence), a path or a str of text"


_DOCUMENT = InstanceOf("policytext.text.document.Document")
_METHOD = [Options(str, METHODS)]
_TOP = [Interval(int, 1, None)]
#: Constraints of the options :func:`keywords` shares with :func:`section_keywords`.
_OPTIONS: dict[str, list[Any]] = {
    "idf": IDF_CONSTRAINT,
    "stopwords": [Options(str, {"default"}), "iterable", None],
    "min_phrase_count": [Interval(int, 1, None)],
    "context": [_DOCUMENT, None],
    "window": [Interval(int, 2, None)],
}


@validate_params({"obj": [_Readable()], "method": _METHOD, "top": _TOP, **_OPTIONS})
def keywords(
    obj: Document | Section | Sequence[Sentence | str] | str | os.PathLike[str],
    *,
    method: str = "tfidf",
    top: int = 20,
    idf: IdfLike = None,
    stopwords: str | Iterable[str] | None = "default",
    phrases: bool = True,
    min_phrase_count: int = 2,
    diversity: bool = True,
    context: Document | None = None,
    contrast: bool = False,
    window: int = 5,
    headings: bool = True,
    tokenizer: Tokenizer | None = None,
) -> list[Keyword]:
    """Keywords of a document, a section, some sentences or a text.

    Parameters
    ----------
    obj : Document | Section | list of Sentence or str | path | str
        What to extract from, through
        :func:`policytext.text.loading.as_document` (``sections=True``): a
        path (or a ``str`` that names a file) is read, any other ``str`` is
        the text, parsed as a document. A list or tuple is a list of
        sentences. Bytes are not accepted: load them with
        :func:`policytext.load`.
    method : {"tfidf", "textrank"}
        The ranker: ``"tfidf"`` scores a candidate by its sublinear count,
        the position of its first use (in its top-level section) and its
        damped IDF times its specificity (the number of dictionary words in
        it); ``"textrank"`` by PageRank on the candidates' co-occurrence
        graph, personalised by that score (formulas in
        :mod:`policytext.analysis.keyterms`).
    top : int
        Maximum number of keywords.
    idf : path | mapping | None
        IDF table; ``None`` (or ``"default"``) for the shipped policy-genre
        table ``lexicons/idf.tsv``, ``"background"`` for the genre background
        ``lexicons/idf_background.tsv``. Terms not in it get the table's
        default IDF (its median unless its header declares one).
    stopwords : "default" | iterable of str | None
        ``"default"``: the tokenizer's stopword flags (``Token.is_stop``,
        from ``lexicons/stopwords.txt``); an iterable: these words instead;
        ``None``: none. Lexicon terms are never stopwords.
    phrases : bool
        Return frequent adjacent-token sequences as one keyword (module
        docstring, "Phrases").
    min_phrase_count : int
        Minimum occurrences of a phrase (in ``context`` when given).
    diversity : bool
        Prefer the more specific of nested terms and drop a keyword that
        contains, or is contained in, a better one (module docstring).
    context : Document, optional
        The document that ``obj`` (a Section or its sentences) belongs to:
        phrases are found in the whole document, and with ``contrast=True``
        terms used across all sections weigh less.
    contrast : bool
        Apply section contrast when ``context`` is given.
    window : int
        TextRank co-occurrence window (in candidates, ≥ 2).
    headings : bool
        Read headings as part of the text, each where it stands: a
        Document's section headings (not its title), a Section's subsection
        headings (not its own heading, which names it). Authors summarise a
        part in its heading (（一）深化供给侧结构性改革), so these are the
        densest statements of what the part is about. ``False`` reads body
        sentences only.
    tokenizer : Tokenizer, optional
        Defaults to the shared default tokenizer.

    Returns
    -------
    list[Keyword]
        At most ``top``, sorted by ``(-score, term)``; ``[]`` for empty input.

    Raises
    ------
    InvalidParameterError
        Unknown ``method`` (the message lists the valid names), a bad option,
        or an ``obj`` of an unsupported type (also a :class:`TypeError`).
    InputError
        ``obj`` names a file that cannot be read, or ``idf`` a bad table.

    Notes
    -----
    **What can be a keyword (the candidates).** A token is a candidate when
    it is a word (not punctuation, a space or a mask) and either

    * a lexicon term (``Token.is_term``), of any part of speech, numbered
      formulations (“四个意识”) included; a term is never split (no 二十大
      out of 党的二十大); or
    * a word that is not a stopword (``stopwords=``; by default
      ``lexicons/stopwords.txt``), at least two characters long, and tagged
      as a noun, verb, adjective, idiom, set phrase or abbreviation (jieba
      tags ``n* v* a* i l j``) or as a Latin-letter word (``eng``: GDP).

    So single characters, numbers, function words and fillers of the
    stopword list (工作, 环节) are never keywords. Candidates are counted under
    their canonical form (``Token.norm``): aliases merge into their lexicon
    term, and ``Keyword.forms`` keeps how the text wrote it (新时代党的强军思想
    for 习近平强军思想). A personal name the dictionary lacks (which the
    tokenizer leaves as single characters, 詹|文|锴) becomes one candidate
    when the same split is found at least twice in the text. With
    ``phrases=True``, a sequence of 2–4 adjacent nominal tokens (or lexicon
    terms; numbered formulations stand alone) that starts with a candidate,
    occurs at least ``min_phrase_count`` times (in ``context`` when given)
    and is maximal, head-final and closed (新时代全面深化改革, not
    时代全面深化改革) is one candidate, and its words are not counted again
    on their own. With ``diversity=True`` a keyword that contains, or is
    contained in, a better one is usually dropped (see ``diversity``).

    Examples
    --------
    >>> import policytext as pt
    >>> doc = pt.load(pt.reference_path())
    >>> [k.term for k in keywords(doc, top=5)]
    [...]
    >>> kws = keywords(doc.sections[2], context=doc, top=3)
    >>> all(0 < k.score <= 1 for k in kws) and kws[0].score == 1.0
    True
    >>> keywords("")
    []
    """
    stop = _frozen_stopwords(stopwords)
    key = _whole_document_key(obj, tokenizer, idf, stop, phrases, min_phrase_count, context, headings)
    cache: dict[Any, Any] | None = getattr(obj, "_cache", None) if key is not None else None  # (a Document)
    prep = cache.get(key) if cache is not None else None
    if prep is None:
        prep = _prepare(obj, tokenizer=tokenizer, idf=idf, stopwords=stop, phrases=phrases,
                        min_phrase_count=min_phrase_count, context=context, contrast=contrast, headings=headings)
        if cache is not None:
            cache[key] = prep
    return _rank_and_select(prep, METHODS[method], top, diversity, window)


def _whole_document_key(obj: Any, tokenizer: Tokenizer | None, idf: IdfLike, stopwords: Any, phrases: bool,
                        min_phrase_count: int, context: Document | None, headings: bool) -> tuple[Any, ...] | None:
    """The key under which a whole Document's candidates are kept in ``doc._cache`` (read once for the
    keyword lists a study and its co-occurrence graph rank from them: ``top``, ``diversity`` and the ranker
    only select), or None when they are not kept (a Section, a context, an IDF table given as a mapping)."""
    from ..text.document import Document
    from ..tokens.tokenizer import default_tokenizer

    if not isinstance(obj, Document) or context is not None or not (idf is None or isinstance(idf, str)):
        return None
    tk = tokenizer or default_tokenizer()
    return ("keyterms.prepared", tk.fingerprint, idf, stopwords, phrases, min_phrase_count, headings)


def extract_keywords(obj: Any, method: str = "tfidf", **kwargs: Any) -> list[Keyword]:
    """Dispatcher by name: ``extract_keywords(doc, "textrank", top=10)``.

    >>> extract_keywords("深化机构改革。", "pagerank")
    Traceback (most recent call last):
    ...
    policytext.errors.InvalidParameterError: The 'method' parameter of keywords got the unknown value
    'pagerank'. Available names: textrank, tfidf
    """
    return keywords(obj, method=method, **kwargs)


#: Keyword arguments that :func:`section_keywords` passes on to :func:`keywords` (``context`` is the document).
_SECTION_OPTIONS = frozenset({"idf", "stopwords", "phrases", "min_phrase_count", "diversity", "contrast", "window",
                              "headings", "tokenizer"})


@validate_params({"doc": [_DOCUMENT], "method": _METHOD, "top": _TOP, "level": [Interval(int, 1, None)]})
def section_keywords(
    doc: Document,
    *,
    method: str = "tfidf",
    top: int = 10,
    level: int = 1,
    **kwargs: Any,
) -> pd.DataFrame:
    """Keywords of every section of ``doc`` at ``level``, in one table.

    Each section is ranked with ``context=doc`` (phrases found in the whole
    document, section contrast over the sections at ``level``). Other
    keyword arguments go to :func:`keywords`.

    Parameters
    ----------
    doc : Document
        The parsed document (not a path or text: load it first).
    method : {"tfidf", "textrank"}
        The ranker.
    top : int
        Maximum number of keywords per section.
    level : int
        The section level ranked (1: top-level sections).
    **kwargs
        ``idf``, ``stopwords``, ``phrases``, ``min_phrase_count``,
        ``diversity``, ``contrast``, ``window``, ``headings``, ``tokenizer``,
        as in :func:`keywords`.

    Returns
    -------
    pandas.DataFrame
        Columns ``section`` (id), ``heading``, ``rank`` (1-based), ``term``,
        ``score``, ``count``, ``category``; one row per keyword.

    Raises
    ------
    InvalidParameterError
        ``doc`` is not a Document, or a bad value of an option.
    TypeError
        An unknown keyword argument (the message lists the valid ones).

    Examples
    --------
    >>> import policytext as pt
    >>> doc = pt.load(pt.reference_path())
    >>> df = section_keywords(doc, top=3)
    >>> list(df.columns)
    ['section', 'heading', 'rank', 'term', 'score', 'count', 'category']
    >>> df["section"].unique().tolist()
    ['1', '2', '3', '4', '5']
    """
    import pandas as pd

    unknown = sorted(set(kwargs) - _SECTION_OPTIONS)
    if unknown:
        raise TypeError(f"section_keywords() got an unexpected keyword argument {unknown[0]!r} "
                        f"(options passed on to keywords: {', '.join(sorted(_SECTION_OPTIONS))})")
    check_params("section_keywords", _OPTIONS, **{k: v for k, v in kwargs.items() if k in _OPTIONS})
    window = kwargs.get("window", 5)
    diversity = kwargs.get("diversity", True)
    stopwords = _frozen_stopwords(kwargs.get("stopwords", "default"))  # once for all sections
    ranker = METHODS[method]
    rows = []
    for sec in doc.walk():
        if sec.level != level:
            continue
        prep = _prepare(sec, tokenizer=kwargs.get("tokenizer"), idf=kwargs.get("idf"), stopwords=stopwords,
                        phrases=kwargs.get("phrases", True), min_phrase_count=kwargs.get("min_phrase_count", 2),
                        context=doc, contrast=kwargs.get("contrast", False), level=level,
                        headings=kwargs.get("headings", True))
        for rank, k in enumerate(_rank_and_select(prep, ranker, top, diversity, window), 1):
            rows.append((sec.id, sec.heading, rank, k.term, k.score, k.count, k.category))
    return pd.DataFrame(rows, columns=["section", "heading", "rank", "term", "score", "count", "category"])
