"""Keywords a policy reader would call keywords.

Two rankers over the same candidates (:data:`METHODS`):

``"tfidf"``
    ``score(t) = salience(t) × weight(t)`` where

    * ``salience = 1 + ln(count) + 2 · Σ 1/(1+i)``: sublinear term
      frequency (Manning et al. 2008, §6.4.1 — the tenth mention of 干部
      adds less than the second) plus, over the occurrences of ``t``, ``i``
      the index of the sentence in the text analysed, the position prior of
      PositionRank (Florescu & Caragea 2017): policy sections open with
      their thesis;
    * ``weight = ln(1 + idf(t)) · (1 + log2 w(t))``: the damped IDF from a
      *policy-genre* table (``lexicons/idf.tsv``, built by
      ``scripts/build_idf.py``; the median IDF for words the table lacks, as
      in ``jieba.analyse``, and for phrases) times the term's specificity,
      ``w(t)`` = the number of dictionary words in it (the ``log2 |a|`` of
      C-value, Frantzi et al. 2000): 机构编制资源配置 says more than 资源.
``"textrank"``
    PageRank (:func:`networkx.pagerank`, ``tol``-converged, not a fixed
    number of iterations) on the co-occurrence graph of the candidates
    (:func:`policytext.analysis.cooccur.build_graph`, a ``window`` of adjacent
    candidates, never across a sentence), personalised by the TF-IDF score
    (a "biased" TextRank, Mihalcea & Tarau 2004), then multiplied by
    ``weight(t)`` so that frequent hubs (发展, 人民) do not win on degree.

Candidates
----------
A token is a candidate when it is a word (not punctuation, space or mask)
and either a lexicon term (``Token.is_term``, any part of speech — numbered
formulations included), or not a stopword (``Token.is_stop``; the table is
``lexicons/stopwords.txt``, replaceable with ``stopwords=``), at least two
characters long and tagged as a noun, verb, adjective, idiom or abbreviation
(jieba tags ``n* v* a* i l j``, ``eng``). Candidates are counted under
:attr:`Token.norm`, so aliases merge into their canonical term, and a
lexicon term is never split (no 二十大 out of 党的二十大). No word list
lives in this module.

Phrases (``phrases=True``)
--------------------------
A *phrase* is a sequence of 2–4 adjacent nominal tokens (tags ``n* vn an
j`` or lexicon terms other than numbered formulations, which always stand
alone: no 国际两个大局 out of 统筹国内国际两个大局) that (a) starts with a
candidate, (b) may continue with nominal stopwords (现代化产业 *体系*,
城乡融合 *发展*), (c) occurs at least ``min_phrase_count`` times (default
2) in the context (the whole document when ``context=`` is given), (d) is
*maximal*: dropped when all its occurrences have the same content word
(not a stopword or function word — tags ``d p c u r m q …``) on their left,
or all on their right, for then it is a fragment of a longer unit
(时代全面深化改革 of 新时代全面深化改革; the accessor-variety criterion of
Feng et al. 2004, as in :func:`policytext.analysis.comparison.novel_phrases`),
(e) is *head-final*: dropped when every occurrence is followed by another
nominal token of its run, for a Chinese noun phrase ends with its head
(城乡居民基本 of 城乡居民基本养老保险 / …医疗保险 is a modifier), and its
last word stands before a boundary (punctuation, a function word, the end
of a sentence) somewhere in the text, so that it can end a noun phrase at
all (not 全面 of 中国特色大国外交全面推进, which always modifies the verb
after it), and
(f) is *closed*: a sequence is dropped when a longer kept sequence
containing it is at least as frequent (closed frequent sequences).
Occurrences are merged greedily, longest first, and their tokens are not
counted again on their own.

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
Feng, H., Chen, K., Deng, X. & Zheng, W. (2004). Accessor Variety Criteria
for Chinese Word Extraction. Computational Linguistics 30(1).
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
import statistics
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Literal, Union

from ..errors import InputError, InvalidParameterError

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

#: jieba tag prefixes of candidate words (noun, verb, adjective, idiom, abbreviation).
CANDIDATE_TAGS: frozenset[str] = frozenset("nvailj")
#: Tags that may continue a phrase even when the word is a stopword (nominal heads).
PHRASE_TAGS: frozenset[str] = frozenset({"n", "ng", "nr", "ns", "nt", "nz", "vn", "an", "j"})
_MAX_PHRASE = 4
REDUNDANCY = 0.5
#: With ``diversity``, a term is replaced by a candidate containing it that scores at least this fraction of its score.
EXPAND = 0.35
#: … and has at least this share of its mentions (国家安全 ×18 does not become 国家安全领导体制 ×2).
EXPAND_SHARE = 0.25
#: With ``diversity``, a term contained in a keyword already taken stays when it is this many times as frequent.
CORE_RATIO = 2.0
POSITION_WEIGHT = 2.0
#: Full tags that are candidates although their prefix is not in CANDIDATE_TAGS.
CANDIDATE_EXTRA: frozenset[str] = frozenset({"eng", "vn", "an"})

IdfLike = Union[str, os.PathLike, Mapping[str, float], None]


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
    """

    term: str
    score: float
    count: int
    category: str | None = None


# -- IDF table ------------------------------------------------------------------

@dataclass(frozen=True)
class _Idf:
    table: Mapping[str, float]
    default: float

    def __call__(self, term: str) -> float:
        return self.table.get(term, self.default)


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


def load_idf(idf: IdfLike = None) -> dict[str, float]:
    """The IDF table: the shipped policy-genre table, a file, or a mapping.

    Parameters
    ----------
    idf : str | path | mapping | None
        ``None`` or ``"default"`` for ``lexicons/idf.tsv``; a path to a table
        (``term<TAB>idf[<TAB>df]`` lines, ``#`` comments, optional header row;
        jieba's space-separated ``word idf`` files work too); or a mapping
        ``term -> idf``.

    Returns
    -------
    dict[str, float]

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
    if path is not None:
        return dict(_read_idf(path))
    raise InvalidParameterError.build("idf", "keywords", "None, a path or a mapping term -> idf", idf)


def _idf_path(idf: IdfLike) -> str | None:
    if idf is None or (isinstance(idf, str) and idf == "default"):
        from .._resources import data_file

        return str(data_file("lexicons", "idf.tsv"))
    if isinstance(idf, (str, os.PathLike)):
        return str(Path(idf).resolve())
    return None


@lru_cache(maxsize=8)
def _idf_from_file(path: str) -> _Idf:
    table = _read_idf(path)
    return _Idf(table, statistics.median(table.values()) if table else 1.0)


def _idf_lookup(idf: IdfLike) -> _Idf:
    """The table as a callable with the median-IDF fallback (file tables cached)."""
    path = _idf_path(idf)
    if path is not None:
        return _idf_from_file(path)
    table = load_idf(idf)
    return _Idf(table, statistics.median(table.values()) if table else 1.0)


def idf_table(
    docs: Iterable[Document | str],
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
    docs : iterable of Document or str
        The corpus (strings are parsed).
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
    from ..text.structure import parse
    from ..tokens.tokenizer import default_tokenizer

    if unit not in ("document", "section", "paragraph"):
        raise InvalidParameterError.unknown("unit", "idf_table", unit, ["document", "section", "paragraph"])
    if not isinstance(min_df, int) or min_df < 1:
        raise InvalidParameterError.build("min_df", "idf_table", "an int >= 1", min_df)
    tk = tokenizer or default_tokenizer()
    df: Counter = Counter()
    n = 0
    for doc in docs:
        if isinstance(doc, str):
            doc = parse(doc)
        groups: dict[Any, set[str]] = {}
        for sent, toks in zip(doc.sentences, tk.tokenize_document(doc)):
            if unit == "document":
                key: Any = 0
            elif unit == "section":
                key = sent.section_path[:1]
            else:
                key = sent.paragraph
            bag = groups.setdefault(key, set())
            bag.update(t.norm for t in toks if t.is_word)
        n += len(groups)
        for bag in groups.values():
            df.update(bag)
    table = {w: (math.log(n / c), c) for w, c in df.items() if c >= min_df}
    return table, n


def write_idf(table: Mapping[str, tuple[float, int]], path: str | os.PathLike, *, header: Sequence[str] = ()) -> None:
    """Write an IDF table (``term<TAB>idf<TAB>df``, sorted by IDF then term), atomically."""
    from .._files import atomic_path

    rows = sorted(table.items(), key=lambda kv: (kv[1][0], kv[0]))
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8", newline="\n") as fh:
        for line in header:
            fh.write(f"# {line}\n")
        fh.write("term\tidf\tdf\n")
        for term, (idf, df) in rows:
            fh.write(f"{term}\t{idf:.4f}\t{df}\n")


# -- candidates -------------------------------------------------------------------

# A slot is (norm, category, candidate, joinable, left, right); None marks a break.
# ``left``/``right``: the norm of the adjacent token when it is a content word
# (:func:`_neighbour`), else None (punctuation, a function word, the edge).
_Slot = tuple[str, Union[str, None], bool, bool, Union[str, None], Union[str, None]]
#: jieba tag prefixes of function words (adverb, preposition, conjunction, particle, pronoun, numeral,
#: classifier, …): as a phrase's neighbour they say nothing about where the phrase ends.
FUNCTION_TAGS: frozenset[str] = frozenset("dpcurmqyeoxwz")


def _neighbour(t: Token) -> str | None:
    if t.is_stop or not t.is_word or (not t.is_term and t.pos[:1] in FUNCTION_TAGS):
        return None
    return t.norm


def _slots(tokens: Sequence[Token], stop: Callable[[Token], bool]) -> list[_Slot | None]:
    out: list[_Slot | None] = []
    last = len(tokens) - 1
    for k, t in enumerate(tokens):
        if not t.is_word:
            if out and out[-1] is not None:
                out.append(None)
            continue
        if t.is_term:
            # a numbered formulation is a unit of its own: no phrase glues words to it (国际 + 两个大局)
            if t.category == "numbered":
                out.append((t.norm, t.category, True, False, None, None))
            else:
                out.append((t.norm, t.category, True, True, _neighbour(tokens[k - 1]) if k else None,
                            _neighbour(tokens[k + 1]) if k < last else None))
            continue
        text = t.text
        tag = t.pos
        if len(text) < 2 or not (tag[:1] in CANDIDATE_TAGS or tag in CANDIDATE_EXTRA):
            if out and out[-1] is not None:
                out.append(None)
            continue
        if tag in PHRASE_TAGS:  # neighbours matter only where a phrase may start or end
            out.append((t.norm, None, not stop(t), True, _neighbour(tokens[k - 1]) if k else None,
                        _neighbour(tokens[k + 1]) if k < last else None))
        else:
            out.append((t.norm, None, not stop(t), False, None, None))
    return out


def _runs(slots: Sequence[_Slot | None]) -> Iterable[list[_Slot]]:
    run: list[_Slot] = []
    for s in slots:
        if s is None or not s[3]:
            if len(run) >= 2:
                yield run
            run = []
        else:
            run.append(s)
    if len(run) >= 2:
        yield run


def _grams(units: Sequence[Sequence[_Slot | None]]) -> Iterator[tuple[tuple[str, ...], list[_Slot], int, int]]:
    """Every sequence of 2–4 adjacent joinable slots starting with a candidate: (gram, run, start, length)."""
    for slots in units:
        for run in _runs(slots):
            for i in range(len(run)):
                if not run[i][2]:
                    continue
                for n in range(2, min(_MAX_PHRASE, len(run) - i) + 1):
                    yield tuple(s[0] for s in run[i:i + n]), run, i, n


def _find_phrases(units: Sequence[Sequence[_Slot | None]], min_count: int) -> dict[tuple[str, ...], int]:
    """Maximal, head-final, closed frequent sequences of 2–4 adjacent joinable slots starting with a candidate."""
    grams = Counter(g for g, _, _, _ in _grams(units))
    frequent = {g: c for g, c in grams.items() if c >= min_count}
    # maximal: a gram whose every occurrence has the same content word on its left
    # (or on its right) is a fragment of a longer unit (时代全面深化改革 of
    # 新时代全面深化改革, 领导人民 of 党领导人民): the accessor-variety
    # criterion of Feng et al. (2004), as in comparison.novel_phrases.
    # sides[g] = [left neighbours, right neighbours, ever ends its run]
    sides: dict[tuple[str, ...], list[Any]] = {}
    for g, run, i, n in _grams(units):
        if g in frequent:
            lr = sides.setdefault(g, [set(), set(), False])
            lr[0].add(run[i][4])
            lr[1].add(run[i + n - 1][5])
            if i + n == len(run):
                lr[2] = True
    # head-final: a Chinese noun phrase ends with its head; a gram always followed by
    # another nominal of its run is a pre-modifier (城乡居民基本 of 城乡居民基本养老保险…)
    frequent = {g: c for g, c in frequent.items()
                if sides[g][2] and all(None in side or len(side) > 1 for side in sides[g][:2])}
    # a head can end a noun phrase: the last word must stand before a boundary (punctuation, a
    # function word, the end of the sentence) somewhere in the text, which 全面 of
    # 中国特色大国外交全面推进 never does (it modifies the verb after it)
    heads = {s[0] for slots in units for s, nxt in zip(slots, [*slots[1:], None]) if s is not None and nxt is None}
    frequent = {g: c for g, c in frequent.items() if g[-1] in heads}
    # closed: drop a gram whose count equals that of a longer frequent gram containing it
    # (each gram marks its contiguous sub-grams: O(F * len^2), not O(F^2))
    open_: set[tuple[str, ...]] = set()
    for h, ch in frequent.items():
        n = len(h)
        for k in range(2, n):
            for i in range(n - k + 1):
                g = h[i:i + k]
                if g not in open_ and frequent.get(g, ch + 1) <= ch:
                    open_.add(g)
    return {g: c for g, c in frequent.items() if g not in open_}


def _merge(slots: Sequence[_Slot | None], phrases: Mapping[tuple[str, ...], int]) -> list[_Slot | None]:
    """Replace phrase occurrences (longest first, left to right) by one slot."""
    if not phrases:
        return list(slots)
    out: list[_Slot | None] = []
    i = 0
    n = len(slots)
    while i < n:
        s = slots[i]
        if s is not None and s[2] and s[3]:
            for k in range(min(_MAX_PHRASE, n - i), 1, -1):
                seg = slots[i:i + k]
                if any(x is None or not x[3] for x in seg):
                    continue
                key = tuple(x[0] for x in seg)  # type: ignore[index]
                if key in phrases:
                    out.append(("".join(key), None, True, True, seg[0][4], seg[-1][5]))  # type: ignore[index]
                    i += k
                    break
            else:
                out.append(s)
                i += 1
        else:
            out.append(s)
            i += 1
    return out


# -- input handling -----------------------------------------------------------------

def _is_document(obj: object) -> bool:
    from ..text.document import Document

    return isinstance(obj, Document)


def _is_section(obj: object) -> bool:
    from ..text.document import Section

    return isinstance(obj, Section)


def _heading_units(sections: Iterable[Section], tk: Tokenizer, doc: Document | None = None
                   ) -> list[tuple[int, list[Token]]]:
    """``(start, tokens)`` of the heading of every section given (empty headings skipped); the
    tokens come from :meth:`Tokenizer.tokenize_headings` (cached on ``doc``) when ``doc`` is known."""
    cached = tk.tokenize_headings(doc) if doc is not None else {}
    return [(sec.heading_span[0], cached.get(sec.id) or tk.tokenize(sec.heading, offset=sec.heading_span[0]))
            for sec in sections if sec.heading.strip()]


def _with_headings(sents: Sequence[Any], units: list[Any], heads: list[tuple[int, Any]]) -> list[Any]:
    """Per-sentence units (token or slot lists) with the headings' units interleaved in text order."""
    if not heads:
        return units
    items = [(s.start, 1, u) for s, u in zip(sents, units)] + [(a, 0, u) for a, u in heads]
    items.sort(key=lambda x: (x[0], x[1]))
    return [u for _, _, u in items]


def _document_tokens(doc: Document, tk: Tokenizer, headings: bool) -> list[list[Token]]:
    """Token lists of a document's body sentences, and of its section headings in text order if asked."""
    toks = tk.tokenize_document(doc)
    if not headings:
        return toks
    return _with_headings(doc.sentences, toks, _heading_units(doc.walk(), tk, doc))


def _sentence_tokens(obj: Any, tk: Tokenizer, context: Document | None, headings: bool = False) -> list[list[Token]]:
    """Token lists, one per sentence (and heading, if asked), of any accepted input."""
    from ..text.document import Sentence
    from ..text.loading import as_document

    if isinstance(obj, (str, os.PathLike)):
        if isinstance(obj, str) and not obj.strip():
            return []
        obj = as_document(obj)
    if _is_document(obj):
        return _document_tokens(obj, tk, headings)
    if _is_section(obj):
        sents = obj.sentences
    elif isinstance(obj, (list, tuple)):
        sents = list(obj)
    else:
        raise TypeError(
            f"keywords expects a Document, a Section, a list of sentences or a str, not {type(obj).__name__}"
        )
    if context is not None:
        all_tokens = tk.tokenize_document(context)
    out: list[list[Token]] = []
    for s in sents:
        if isinstance(s, Sentence):
            if context is not None and s.index < len(all_tokens) and context.sentences[s.index] is s:
                out.append(all_tokens[s.index])
            else:
                out.append(tk.tokenize(s.text, offset=s.start))
        elif isinstance(s, str):
            out.append(tk.tokenize(s))
        else:
            raise TypeError(f"keywords expects sentences as Sentence or str, not {type(s).__name__}")
    if headings and _is_section(obj):  # the headings of its subsections; its own heading is its label
        out = _with_headings(sents, out, _heading_units((x for x in obj.walk() if x is not obj), tk, context))
    return out


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


def _stop_predicate(stopwords: Any) -> Callable[[Token], bool]:
    if isinstance(stopwords, str) and stopwords == "default":
        return lambda t: t.is_stop
    if stopwords is None:
        return lambda t: False
    if isinstance(stopwords, str):
        raise InvalidParameterError.build("stopwords", "keywords", "'default', an iterable of words or None", stopwords)
    sw = frozenset(stopwords)
    return lambda t: t.norm in sw or t.text in sw


# -- rankers ------------------------------------------------------------------------

@dataclass
class _Prepared:
    units: list[list[_Slot | None]]      # slots of the text analysed (phrases merged)
    counts: Counter                     # candidate norm -> count
    categories: dict[str, str | None]
    idf: _Idf
    contrast: dict[str, float] | None   # section-contrast factor per term
    position: Counter                   # sum over occurrences of 1 / (1 + sentence index)
    sizes: dict[str, int]               # number of dictionary words in each term


@lru_cache(maxsize=1)
def _plain_tokenizer() -> Tokenizer:
    from ..tokens.lexicon import Lexicon
    from ..tokens.tokenizer import Tokenizer

    return Tokenizer(lexicon=Lexicon.empty(), detect_numbered=False, stopwords=None)


@lru_cache(maxsize=65536)
def _words_of(term: str) -> tuple[str, ...]:
    """The dictionary words of a term (plain jieba segmentation, no lexicon)."""
    return tuple(w for w in _plain_tokenizer().lcut(term) if w.strip() and (len(w) > 1 or w.isalnum()))


def _weight(p: _Prepared, term: str) -> float:
    """Per-occurrence weight: damped IDF × specificity (× section contrast)."""
    idf = p.idf(term)  # phrases are not in the table: median IDF
    w = math.log1p(idf) * (1.0 + math.log2(p.sizes.get(term, 1)))
    if p.contrast is not None:
        w *= p.contrast.get(term, 1.0)
    return w


def _salience(p: _Prepared, term: str) -> float:
    """Sublinear term frequency plus the position prior (PositionRank).

    ``1 + ln(count) + POSITION_WEIGHT * sum 1/(1+i)``.
    """
    return 1.0 + math.log(p.counts[term]) + POSITION_WEIGHT * p.position[term]


def _rank_tfidf(p: _Prepared, **_: Any) -> dict[str, float]:
    return {t: _salience(p, t) * _weight(p, t) for t in p.counts}


def _rank_textrank(p: _Prepared, *, window: int = 5, tol: float = 1e-6, max_iter: int = 200,
                   alpha: float = 0.85, **_: Any) -> dict[str, float]:
    import networkx as nx

    from .cooccur import build_graph

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


def _prepare(
    obj: Any,
    *,
    tokenizer: Tokenizer | None,
    idf: IdfLike,
    stopwords: Any,
    phrases: bool,
    min_phrase_count: int,
    context: Any,
    contrast: bool,
    level: int = 1,
    headings: bool = True,
) -> _Prepared:
    from ..tokens.tokenizer import default_tokenizer

    tk = tokenizer or default_tokenizer()
    if stopwords is not None and not isinstance(stopwords, str) and isinstance(stopwords, Iterable):
        stopwords = frozenset(stopwords)  # read a one-shot iterable once (predicate and cache key)
    stop = _stop_predicate(stopwords)
    ctx_doc = context if context is not None and _is_document(context) else None
    if context is not None and ctx_doc is None:
        raise InvalidParameterError.build("context", "keywords", "None or a Document", context)
    token_lists = _sentence_tokens(obj, tk, ctx_doc, headings)
    slots = [_slots(toks, stop) for toks in token_lists]
    phrase_table: dict[tuple[str, ...], int] = {}
    ctx_slots: list[list[_Slot | None]] | None = None
    body_slots: list[list[_Slot | None]] = []
    cache = _context_cache(ctx_doc, tk, stopwords, phrases, min_phrase_count, headings) if ctx_doc is not None else {}
    if ctx_doc is not None:
        body_slots = cache.get("body_slots")
        if body_slots is None:
            body_slots = cache["body_slots"] = [_slots(toks, stop) for toks in tk.tokenize_document(ctx_doc)]
        ctx_slots = cache.get("slots")
        if ctx_slots is None:
            heads = [(a, _slots(toks, stop)) for a, toks in _heading_units(ctx_doc.walk(), tk, ctx_doc)] \
                if headings else []
            ctx_slots = cache["slots"] = _with_headings(ctx_doc.sentences, body_slots, heads)
    if phrases:
        phrase_table = cache.get("phrases")  # type: ignore[assignment]
        if phrase_table is None:
            phrase_table = _find_phrases(ctx_slots if ctx_slots is not None else slots, min_phrase_count)
            cache["phrases"] = phrase_table
        slots = [_merge(s, phrase_table) for s in slots]
    counts: Counter = Counter()
    position: Counter = Counter()
    cats: dict[str, str | None] = {}
    for i, unit in enumerate(slots):
        for s in unit:
            if s is not None and s[2]:
                counts[s[0]] += 1
                position[s[0]] += 1.0 / (1 + i)
                if s[1] is not None:
                    cats[s[0]] = s[1]
    contrast_map = None
    if contrast and ctx_doc is not None:
        contrast_map = cache.get(("contrast", level))
        if contrast_map is None:
            contrast_map = _section_contrast(ctx_doc, body_slots, phrase_table, level)
            cache[("contrast", level)] = contrast_map
    sizes = {}
    for t in counts:
        if t in cats:
            sizes[t] = len(_words_of(t)) or 1
    for g in phrase_table:
        sizes["".join(g)] = sum(len(_words_of(x)) or 1 for x in g)
    return _Prepared(slots, counts, cats, _idf_lookup(idf), contrast_map, position, sizes)


def _section_contrast(doc: Document, ctx_slots: Sequence[Sequence[_Slot | None]],
                      phrase_table: Mapping[tuple[str, ...], int], level: int) -> dict[str, float]:
    """``ln((1 + S) / (1 + s_t)) + 1`` over the sections at ``level`` (see module docstring)."""
    groups: dict[tuple[int, ...], set[str]] = {}
    for sent, slots in zip(doc.sentences, ctx_slots):
        if len(sent.section_path) < level:
            continue
        key = sent.section_path[:level]
        bag = groups.setdefault(key, set())
        for s in _merge(slots, phrase_table):
            if s is not None and s[2]:
                bag.add(s[0])
    S = len(groups)
    if S < 2:
        return {}
    sdf: Counter = Counter()
    for bag in groups.values():
        sdf.update(bag)
    return {t: math.log((1 + S) / (1 + c)) + 1 for t, c in sdf.items()}


def _select(scores: Mapping[str, float], counts: Mapping[str, int], cats: Mapping[str, str | None],
            top: int, diversity: bool) -> list[Keyword]:
    ranked = sorted(((s, t) for t, s in scores.items() if s > 0 and t in counts), key=lambda x: (-x[0], x[1]))
    if not ranked:
        return []
    best = ranked[0][0]
    out: list[Keyword] = []
    if not diversity:
        for s, t in ranked[:top]:
            out.append(Keyword(t, s / best, counts[t], cats.get(t)))
        return out
    taken: list[str] = []
    covered: set[str] = set()
    used: set[str] = set()
    paired: set[str] = set()  # keywords with a core beside them, and those cores
    for i, (s, t) in enumerate(ranked):
        if t in used:
            continue
        used.add(t)
        # the more specific term: the best-ranked candidate containing t, if it
        # scores at least EXPAND * s, stands for t (人类 -> 人类命运共同体)
        for s2, t2 in ranked[i + 1:]:
            if s2 < EXPAND * s:
                break
            if t in t2 and t2 not in used and counts[t2] >= EXPAND_SHARE * counts[t]:
                used.add(t2)
                t = t2
                break
        clash = [u for u in taken if t in u or u in t]
        if clash:
            # a core term many times as frequent as the elaborations taken for it stays too
            # (中华民族伟大复兴 ×13 beside 中华民族伟大复兴战略全局 ×1), once: no chain of three
            if all(t in u and counts[t] >= CORE_RATIO * counts[u] and u not in paired for u in clash):
                paired.update(clash)
                paired.add(t)
                taken.append(t)
                covered |= set(_words_of(t)) or {t}
                out.append(Keyword(t, s / best, counts[t], cats.get(t)))
                if len(out) >= top:
                    break
            continue
        words = set(_words_of(t)) or {t}
        if len(words & covered) > REDUNDANCY * len(words):
            continue
        covered |= words
        taken.append(t)
        out.append(Keyword(t, s / best, counts[t], cats.get(t)))
        if len(out) >= top:
            break
    return out


def _check_int(value: object, name: str, func: str, lo: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < lo:
        raise InvalidParameterError.build(name, func, f"an int in [{lo}, inf)", value)


def keywords(
    obj: Document | Section | Sequence[Sentence | str] | str,
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
    obj : Document | Section | list of Sentence or str | str
        What to extract from. A ``str`` is parsed as a document.
    method : {"tfidf", "textrank"}
        The ranker (see the module docstring).
    top : int
        Maximum number of keywords.
    idf : path | mapping | None
        IDF table; ``None`` for the shipped policy-genre table
        ``lexicons/idf.tsv``. Terms not in it get the table's median IDF.
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
        Unknown ``method`` (the message lists the valid names) or a bad option.
    TypeError
        ``obj`` is of an unsupported type.

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
    ranker = METHODS.get(method) if isinstance(method, str) else None
    if ranker is None:
        raise InvalidParameterError.unknown("method", "keywords", method, METHODS)
    _check_int(top, "top", "keywords", 1)
    _check_int(min_phrase_count, "min_phrase_count", "keywords", 1)
    _check_int(window, "window", "keywords", 2)
    prep = _prepare(obj, tokenizer=tokenizer, idf=idf, stopwords=stopwords, phrases=phrases,
                    min_phrase_count=min_phrase_count, context=context, contrast=contrast, headings=headings)
    if not prep.counts:
        return []
    scores = ranker(prep, window=window)
    return _select(scores, prep.counts, prep.categories, top, diversity)


def extract_keywords(obj: Any, method: str = "tfidf", **kwargs: Any) -> list[Keyword]:
    """Dispatcher by name: ``extract_keywords(doc, "textrank", top=10)``.

    >>> extract_keywords("深化机构改革。", "pagerank")
    Traceback (most recent call last):
    ...
    policytext.errors.InvalidParameterError: The 'method' parameter of keywords got the unknown value 'pagerank'. Available names: textrank, tfidf
    """
    return keywords(obj, method=method, **kwargs)


#: Keyword arguments that :func:`section_keywords` passes on to :func:`keywords` (``context`` is the document).
_SECTION_OPTIONS = frozenset({"idf", "stopwords", "phrases", "min_phrase_count", "diversity", "contrast", "window",
                              "headings", "tokenizer"})


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

    Returns
    -------
    pandas.DataFrame
        Columns ``section`` (id), ``heading``, ``rank`` (1-based), ``term``,
        ``score``, ``count``, ``category``; one row per keyword.

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

    if not _is_document(doc):
        raise TypeError(f"section_keywords expects a Document, not {type(doc).__name__}")
    ranker = METHODS.get(method) if isinstance(method, str) else None
    if ranker is None:
        raise InvalidParameterError.unknown("method", "section_keywords", method, METHODS)
    _check_int(top, "top", "section_keywords", 1)
    _check_int(level, "level", "section_keywords", 1)
    unknown = sorted(set(kwargs) - _SECTION_OPTIONS)
    if unknown:
        raise TypeError(f"section_keywords() got an unexpected keyword argument {unknown[0]!r} "
                        f"(options passed on to keywords: {', '.join(sorted(_SECTION_OPTIONS))})")
    opts = dict(kwargs)
    window = opts.pop("window", 5)
    diversity = opts.pop("diversity", True)
    _check_int(window, "window", "section_keywords", 2)
    _check_int(opts.get("min_phrase_count", 2), "min_phrase_count", "section_keywords", 1)
    rows = []
    for sec in doc.walk():
        if sec.level != level:
            continue
        prep = _prepare(sec, tokenizer=opts.get("tokenizer"), idf=opts.get("idf"),
                        stopwords=opts.get("stopwords", "default"), phrases=opts.get("phrases", True),
                        min_phrase_count=opts.get("min_phrase_count", 2), context=doc,
                        contrast=opts.get("contrast", False), level=level, headings=opts.get("headings", True))
        kws = _select(ranker(prep, window=window), prep.counts, prep.categories, top, diversity) if prep.counts else []
        for rank, k in enumerate(kws, 1):
            rows.append((sec.id, sec.heading, rank, k.term, k.score, k.count, k.category))
    return pd.DataFrame(rows, columns=["section", "heading", "rank", "term", "score", "count", "category"])
