"""Phrases for the keyword rankers: slots, runs, grams, phrase finding and merging.

:func:`policytext.analysis.keyterms.keywords` (``phrases=True``) reads each
sentence as a list of :data:`Slot` (:func:`token_slots`), finds the phrases
of the text (or of the whole context document) with :func:`find_phrases`, and
replaces their occurrences by one slot each with :func:`merge_phrases`.

A *phrase* is a sequence of 2–:data:`MAX_PHRASE` adjacent nominal tokens
(tags :data:`~policytext.tokens.tags.PHRASE_TAGS` ``n* vn an j``, or lexicon
terms other than numbered formulations, which always stand alone: no
国际两个大局 out of 统筹国内国际两个大局) that

(a) starts with a keyword candidate;
(b) may continue with nominal stopwords (现代化产业 *体系*, 城乡融合 *发展*);
(c) occurs at least ``min_count`` times (``min_phrase_count`` of
    :func:`~policytext.analysis.keyterms.keywords`, default 2);
(d) is *maximal*: dropped when all its occurrences have the same content word
    (not a stopword or function word — tags
    :data:`~policytext.tokens.tags.FUNCTION_TAGS` ``d p c u r m q …``) on their
    left, or all on their right, for then it is a fragment of a longer unit
    (时代全面深化改革 of 新时代全面深化改革; the accessor-variety criterion of
    Feng et al. 2004, as in :func:`policytext.analysis.compare.novel_phrases`);
(e) is *head-final*: dropped when every occurrence is followed by another
    nominal token of its run, for a Chinese noun phrase ends with its head
    (城乡居民基本 of 城乡居民基本养老保险 / …医疗保险 is a modifier), and its
    last word stands before a boundary (punctuation, a function word, the end
    of a sentence) somewhere in the text, so that it can end a noun phrase at
    all (not 全面 of 中国特色大国外交全面推进, which always modifies the verb
    after it); and
(f) is *closed*: a sequence is dropped when a longer kept sequence containing
    it is at least as frequent (closed frequent sequences).

Occurrences are merged greedily, longest first, and their tokens are not
counted again on their own.

Reference: Feng, H., Chen, K., Deng, X. & Zheng, W. (2004). Accessor Variety
Criteria for Chinese Word Extraction. Computational Linguistics 30(1).

>>> import policytext as pt
>>> tk = pt.Tokenizer()
>>> units = [token_slots(tk.tokenize(s)) for s in ("推进镇街编制动态调整。", "做好镇街编制动态调整。")]
>>> table = find_phrases(units, 2)
>>> table
{('镇街', '编制动态调整'): 2}
>>> [s[0] for s in merge_phrases(units[0], table) if s is not None]
['推进', '镇街编制动态调整']
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..tokens.tags import CANDIDATE_EXTRA, CANDIDATE_TAGS, FUNCTION_TAGS, PHRASE_TAGS, WORD_KINDS, content_mask

if TYPE_CHECKING:  # pragma: no cover
    from ..tokens.tokenizer import Token

__all__ = ["Slot", "MAX_PHRASE", "neighbour", "token_slots", "joinable_runs", "phrase_grams", "find_phrases",
           "merge_phrases"]

#: A slot: ``(norm, category, candidate, joinable, left, right)``; ``None`` in a slot list marks a break.
#:
#: ``norm`` is the token's :attr:`~policytext.Token.norm` (a merged phrase: its parts joined),
#: ``category`` its lexicon category, ``candidate`` whether it is a keyword candidate,
#: ``joinable`` whether it may be part of a phrase, ``left``/``right`` the norm of the adjacent
#: token when that is a content word (:func:`neighbour`), else None. Plain tuples: the slot lists
#: of a whole document are built in the keyword rankers' hot loop.
Slot = tuple[str, str | None, bool, bool, str | None, str | None]
#: The longest phrase, in slots.
MAX_PHRASE = 4


def neighbour(t: Token) -> str | None:
    """The norm of ``t`` as a phrase's neighbour: None unless a content word.

    Punctuation, stopwords and function words (:data:`~policytext.tokens.tags.FUNCTION_TAGS`, unless
    a lexicon term) say nothing about where a phrase ends.

    >>> import policytext as pt
    >>> [neighbour(t) for t in pt.Tokenizer().tokenize("统筹国内国际。")]
    [None, '国内', '国际', None]
    """
    if t.is_stop or not t.is_word or (not t.is_term and t.pos[:1] in FUNCTION_TAGS):
        return None
    return t.norm


def token_slots(tokens: Sequence[Token], stop: Callable[[Token], bool] | None = None) -> list[Slot | None]:
    """The slots of one sentence's tokens; ``None`` where a non-slot token breaks the sequence.

    A token is a keyword *candidate* under the package's content rule
    (:func:`policytext.tokens.tags.content_mask`), with two differences, both
    on purpose:

    * ``stop`` replaces :attr:`Token.is_stop` when given (the ``stopwords=``
      option of :func:`~policytext.analysis.keyterms.keywords`; lexicon terms
      are never stopwords);
    * words tagged :data:`~policytext.tokens.tags.CANDIDATE_EXTRA`
      (``eng``: GDP, CPI) are candidates too.

    A stopword of a candidate's shape (two characters or more, a content
    tag) still gets a slot, as a non-candidate: it may continue a phrase
    (现代化产业 *体系*). Any other token is a break. A numbered formulation
    is a candidate that never joins a phrase (国际 + 两个大局).

    Parameters
    ----------
    tokens : sequence of Token
        One sentence (or heading).
    stop : callable, optional
        ``stop(token) -> bool``; None for the tokenizer's stopword flags.

    Examples
    --------
    >>> import policytext as pt
    >>> token_slots(pt.Tokenizer().tokenize("推进镇街编制动态调整。"))  # doctest: +NORMALIZE_WHITESPACE
    [('推进', None, False, False, None, None), ('镇街', 'institution', True, True, None, '编制动态调整'),
     ('编制动态调整', 'bianzhi', True, True, '镇街', None), None]
    """
    content = content_mask(tokens)
    out: list[Slot | None] = []
    last = len(tokens) - 1
    for k, t in enumerate(tokens):
        if content[k]:
            category = t.category
            if category == "numbered":  # a unit of its own: no phrase glues words to it (国际 + 两个大局)
                out.append((t.norm, category, True, False, None, None))
                continue
            if category is not None:  # a lexicon term: a candidate whatever its tag
                out.append((t.norm, category, True, True, neighbour(tokens[k - 1]) if k else None,
                            neighbour(tokens[k + 1]) if k < last else None))
                continue
            candidate = stop is None or not stop(t)
        elif t.kind in WORD_KINDS and len(t.text) >= 2 and (t.pos[:1] in CANDIDATE_TAGS or t.pos in CANDIDATE_EXTRA):
            candidate = not (t.is_stop if stop is None else stop(t))  # a stopword of candidate shape, or 'eng'
        else:
            if out and out[-1] is not None:
                out.append(None)
            continue
        if t.pos in PHRASE_TAGS:  # neighbours matter only where a phrase may start or end
            out.append((t.norm, None, candidate, True, neighbour(tokens[k - 1]) if k else None,
                        neighbour(tokens[k + 1]) if k < last else None))
        else:
            out.append((t.norm, None, candidate, False, None, None))
    return out


def joinable_runs(slots: Sequence[Slot | None]) -> Iterator[list[Slot]]:
    """The maximal runs of two or more adjacent joinable slots.

    >>> a, b, c = ("甲", None, True, True, None, None), ("乙", None, True, True, None, None), \\
    ...     ("丙", None, True, False, None, None)
    >>> [[s[0] for s in run] for run in joinable_runs([a, b, None, a, c, a, b, a])]
    [['甲', '乙'], ['甲', '乙', '甲']]
    """
    run: list[Slot] = []
    for s in slots:
        if s is None or not s[3]:
            if len(run) >= 2:
                yield run
            run = []
        else:
            run.append(s)
    if len(run) >= 2:
        yield run


def phrase_grams(units: Sequence[Sequence[Slot | None]]) -> Iterator[tuple[tuple[str, ...], list[Slot], int, int]]:
    """Every sequence of 2–:data:`MAX_PHRASE` adjacent joinable slots starting with a candidate.

    Yields ``(gram, run, start, length)``: the norms, the run it lies in and
    its place there.

    >>> a, b = ("甲", None, True, True, None, None), ("乙", None, False, True, None, None)
    >>> [g for g, _, _, _ in phrase_grams([[a, b, a]])]
    [('甲', '乙'), ('甲', '乙', '甲')]
    """
    for slots in units:
        for run in joinable_runs(slots):
            for i in range(len(run)):
                if not run[i][2]:
                    continue
                for n in range(2, min(MAX_PHRASE, len(run) - i) + 1):
                    yield tuple(s[0] for s in run[i:i + n]), run, i, n


def find_phrases(units: Sequence[Sequence[Slot | None]], min_count: int) -> dict[tuple[str, ...], int]:
    """The phrases of a text: maximal, head-final, closed frequent grams (module docstring).

    Parameters
    ----------
    units : sequence of slot lists
        One per sentence or heading (:func:`token_slots`).
    min_count : int
        Minimum number of occurrences.

    Returns
    -------
    dict
        ``gram -> count``, a gram being the tuple of its slots' norms.

    Examples
    --------
    >>> def word(w, left=None, right=None):
    ...     return (w, None, True, True, left, right)
    >>> units = [[word("城乡", "完善"), word("居民"), word("基本"), word("养老", right="保险")],
    ...          [word("城乡", "健全"), word("居民"), word("基本"), word("医疗", right="保险")],
    ...          [word("城乡"), word("居民"), None]]
    >>> find_phrases(units, 2)  # 城乡居民基本 is always followed by a noun of its run
    {('城乡', '居民'): 3}
    """
    frequent = {g: c for g, c in Counter(g for g, _, _, _ in phrase_grams(units)).items() if c >= min_count}
    frequent = _maximal_head_final(units, frequent)
    heads = _phrase_ends(units)
    return _closed({g: c for g, c in frequent.items() if g[-1] in heads})


def _maximal_head_final(units: Sequence[Sequence[Slot | None]],
                        frequent: dict[tuple[str, ...], int]) -> dict[tuple[str, ...], int]:
    """Drop fragments (one content word always on the same side) and pre-modifiers (never ending a run).

    Maximal: a gram whose every occurrence has the same content word on its
    left (or on its right) is a fragment of a longer unit (时代全面深化改革 of
    新时代全面深化改革, 领导人民 of 党领导人民): the accessor-variety criterion
    of Feng et al. (2004), as in :func:`policytext.analysis.compare.novel_phrases`. Head-final: a
    Chinese noun phrase ends with its head; a gram always followed by another
    nominal of its run is a pre-modifier (城乡居民基本 of 城乡居民基本养老保险…).
    """
    sides: dict[tuple[str, ...], list[Any]] = {}  # [left neighbours, right neighbours, ever ends its run]
    for g, run, i, n in phrase_grams(units):
        if g in frequent:
            lr = sides.setdefault(g, [set(), set(), False])
            lr[0].add(run[i][4])
            lr[1].add(run[i + n - 1][5])
            if i + n == len(run):
                lr[2] = True
    return {g: c for g, c in frequent.items()
            if sides[g][2] and all(None in side or len(side) > 1 for side in sides[g][:2])}


def _phrase_ends(units: Sequence[Sequence[Slot | None]]) -> set[str]:
    """Words that stand before a boundary (punctuation, a function word, the end of the sentence) somewhere.

    Only these can end a noun phrase: 全面 of 中国特色大国外交全面推进 never
    does (it modifies the verb after it).
    """
    return {s[0] for slots in units for s, nxt in zip(slots, [*slots[1:], None]) if s is not None and nxt is None}


def _closed(frequent: dict[tuple[str, ...], int]) -> dict[tuple[str, ...], int]:
    """Drop a gram whose count equals that of a longer frequent gram containing it.

    Each gram marks its contiguous sub-grams: O(F * len^2), not O(F^2).
    """
    open_: set[tuple[str, ...]] = set()
    for h, ch in frequent.items():
        n = len(h)
        for k in range(2, n):
            for i in range(n - k + 1):
                g = h[i:i + k]
                if g not in open_ and frequent.get(g, ch + 1) <= ch:
                    open_.add(g)
    return {g: c for g, c in frequent.items() if g not in open_}


def merge_phrases(slots: Sequence[Slot | None], phrases: Mapping[tuple[str, ...], int]) -> list[Slot | None]:
    """Replace phrase occurrences (longest first, left to right) by one slot.

    The merged slot is a candidate with no category, joinable, with the
    outer neighbours of its first and last parts.

    >>> a, b = ("甲", None, True, True, "左", None), ("乙", None, True, True, None, "右")
    >>> merge_phrases([a, b, None, b], {("甲", "乙"): 2})
    [('甲乙', None, True, True, '左', '右'), None, ('乙', None, True, True, None, '右')]
    """
    if not phrases:
        return list(slots)
    out: list[Slot | None] = []
    i = 0
    n = len(slots)
    while i < n:
        s = slots[i]
        if s is not None and s[2] and s[3]:
            for k in range(min(MAX_PHRASE, n - i), 1, -1):
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
