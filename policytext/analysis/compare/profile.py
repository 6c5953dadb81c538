"""The profile of one document: its content terms, sections, people and phrase tokens (one pass, cached).

**Content terms** (keyness, similarity, sections) are the tokens of the
document's body sentences and section headings (the title is left out) that
pass the package's content-token rule (:func:`policytext.tokens.tags.is_content`,
computed with :func:`~policytext.tokens.tags.content_mask` once per word type:
lexicon terms and numbered formulations, and other words of two characters
or more, not stopwords, with a noun, verb, adjective, abbreviation, idiom or
set-phrase tag), and are not part of a person name
(:mod:`~policytext.analysis.compare.people`). Aliases merge with their
canonical term (:attr:`Token.norm`).

The work is done by C-level passes over the tokens (numpy, ``map``) and Python
work per token *type* only: :func:`_profile` reads the flags of each distinct
word once (:func:`_type_flags`), spreads them over the words, finds the
people, counts the content terms per document and per top-level section, and
marks the phrase tokens (:func:`_phrase_words`; rule in
:mod:`~policytext.analysis.compare.novel`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress, count, pairwise
from operator import itemgetter
from typing import Any, NamedTuple

from ...text.document import Document
from ...tokens.tags import (
    CANDIDATE_EXTRA,
    CANDIDATE_TAGS,
    MODIFIER_TAGS,
    NAME_TAGS,
    PHRASE_TAGS,
    WORD_KINDS,
    content_mask,
)
from ...tokens.tokenizer import Token, Tokenizer
from ._common import RE_HAN, units
from .people import (
    _GIVEN_CUE,
    _NAME_CUE,
    _NOT_GIVEN_TAGS,
    _SURNAME_CUE,
    _TITLE_CUE,
    _TITLES,
    _is_surname,
    _person_words,
    _surname_logp,
    find_people,
)

__all__: list[str] = []

# phrase roles of a token type (bit flags; bits 16-128 are the name cues of .people):
# _SHORT: a one-character adjective; _CANDIDATE: a keyword candidate of policytext.analysis.keyterms
# (anything else after a word is a boundary)
_NOMINAL, _MODIFIER, _STOP, _VERB, _SHORT, _CANDIDATE = 1, 2, 4, 8, 256, 512


@dataclass(frozen=True)
class _Words:
    """The word tokens (kinds word, term, numbered) of a document's units, in order.

    Parallel sequences: span, norm, whether the token may open a phrase
    (``first_ok``: a phrase token that is not a stopword), close it
    (``last_ok``: a nominal phrase token), serve as a phrase's neighbour in the
    maximality test (``neighbour_ok``: a phrase token that is not a stopword),
    and its *run*: a maximal sequence of adjacent phrase tokens of one unit
    (every other token is a run of its own). See :mod:`~policytext.analysis.compare.novel`.
    """

    start: Any  # numpy int64
    end: Any  # numpy int64
    norm: list[str]
    first_ok: Any  # numpy bool
    last_ok: Any  # numpy bool
    neighbour_ok: Any  # numpy bool
    run: Any  # numpy int64, non-decreasing
    short: Any = None  # numpy bool: a one-character adjective (新 of 形成|新|质生产力)
    member: Any = None  # numpy bool: a phrase token, stopwords included (全过程 of 全过程|人民|民主)


@dataclass(frozen=True)
class _Profile:
    """Everything the comparison needs from one document's tokens (one pass, cached)."""

    counts: Counter  # norm -> count over content tokens
    categories: dict[str, str]
    n_tokens: int
    chars: int
    sections: dict[str, Counter]  # top-level section id -> content counts (heading included)
    vocab: frozenset[str]  # norms of all word tokens
    words: _Words
    people: tuple[str, ...] = ()  # person names, in order of first detection


class _Layout(NamedTuple):
    """Where the words stand (numpy arrays, one entry per word unless said otherwise)."""

    ulen: Any  # tokens per unit (one entry per unit)
    wpos: Any  # position among all tokens of the document's units
    wunit: Any  # unit index
    adjacent: Any  # the next word follows directly, in the same unit
    start: Any
    end: Any


def _phrase_role(t: Token) -> int:
    """The phrase role of one word token: :data:`_NOMINAL`, :data:`_MODIFIER`, :data:`_STOP`, :data:`_VERB` bits.

    A lexicon term is nominal unless it is a numbered formulation (which stands
    alone); another word is nominal with a tag of
    :data:`policytext.tokens.tags.PHRASE_TAGS`, a modifier with a tag of
    :data:`policytext.tokens.tags.MODIFIER_TAGS` (both need a Han character; a
    one-character adjective also carries :data:`_SHORT`); stopwords carry
    :data:`_STOP`, verbs (``v…`` tags other than ``vn``) :data:`_VERB`, keyword
    candidates of :mod:`policytext.analysis.keyterms` (terms; other words of two
    characters or more with a tag of ``CANDIDATE_TAGS``/``CANDIDATE_EXTRA``)
    :data:`_CANDIDATE`. Computed by :func:`_type_flags`, the one definition.
    """
    flags, _ = _type_flags([t], {0: 0})
    return flags[0][2] & (_NOMINAL | _MODIFIER | _STOP | _VERB | _SHORT | _CANDIDATE)


def _type_flags(words: Sequence[Token], types: dict[Any, int]) -> tuple[dict[int, tuple[str, bool, int]],
                                                                         dict[str, str]]:
    """``(norm, content, role)`` of every word type (by the index of its first word), and term categories.

    ``content``: the package's content-token rule; ``role``: the phrase-role
    bits (:func:`_phrase_role`) and, for plain Han words, the name cues of
    :func:`policytext.analysis.compare.people.find_people` (a possible given
    name: a one-character word that is no particle, or a two-character
    name-tagged one; a possible surname; a name-tagged word of a strong shape;
    a title, 同志 or 就). One loop over the types with the rules inline: it
    runs once per distinct word of every document compared.
    """
    flags: dict[int, tuple[str, bool, int]] = {}
    cats: dict[str, str] = {}
    han = RE_HAN.search
    phrase_tags, modifier_tags, name_tags = PHRASE_TAGS, MODIFIER_TAGS, NAME_TAGS
    candidate_tags, candidate_extra = CANDIDATE_TAGS, CANDIDATE_EXTRA
    surname = _surname_logp()
    index = list(types.values())
    reps = [words[i] for i in index]
    for i, t, content in zip(index, reps, content_mask(reps)):
        text, _, _, pos, kind, category, term, is_stop = t
        norm = term or text
        if category is not None:  # a lexicon term or a numbered formulation: content, never a stopword
            flags[i] = (norm, True, _CANDIDATE if category == "numbered" else _NOMINAL | _CANDIDATE)
            cats.setdefault(norm, category)
            continue
        has_han = han(text) is not None
        role = _STOP if is_stop else 0
        if has_han:
            if pos in phrase_tags:
                role |= _NOMINAL
            elif pos in modifier_tags and (pos == "b" or len(text) == 1):
                role |= _MODIFIER if pos == "b" else _MODIFIER | _SHORT
            if kind == "word":  # name cues (people.find_people reads only the units that have one)
                if len(text) == 1:
                    if pos[:1] not in _NOT_GIVEN_TAGS:
                        role |= _GIVEN_CUE | (_SURNAME_CUE if _is_surname(t, surname) else 0)
                elif pos in name_tags:
                    role |= _GIVEN_CUE if len(text) == 2 else 0
                    role |= _NAME_CUE if len(text) == 3 or pos != "nr" else 0
                if text in _TITLES:
                    role |= _TITLE_CUE
        if pos[:1] == "v" and pos not in phrase_tags:
            role |= _VERB
        if len(text) >= 2 and (pos[:1] in candidate_tags or pos in candidate_extra):
            role |= _CANDIDATE
        flags[i] = (norm, content, role)
    return flags, cats


def _layout(us: Sequence[tuple[str, Sequence[Token]]], is_word: list[bool], words: Sequence[Token]) -> _Layout:
    import numpy as np

    n = len(words)
    ulen = np.fromiter(map(len, (ts for _, ts in us)), dtype=np.int64, count=len(us))
    unit_of = np.repeat(np.arange(len(us), dtype=np.int64), ulen)
    wpos = np.flatnonzero(np.fromiter(is_word, dtype=bool, count=len(is_word)))
    wunit = unit_of[wpos]
    adjacent = np.zeros(n, dtype=bool)  # word k + 1 follows word k directly, in the same unit
    if n > 1:
        adjacent[:-1] = (np.diff(wpos) == 1) & (np.diff(wunit) == 0)
    return _Layout(
        ulen=ulen, wpos=wpos, wunit=wunit, adjacent=adjacent,
        start=np.fromiter(map(itemgetter(1), words), dtype=np.int64, count=n),
        end=np.fromiter(map(itemgetter(2), words), dtype=np.int64, count=n),
    )


def _content_counts(us: Sequence[tuple[str, Sequence[Token]]], norms: list[str], content: list[bool],
                    wunit: Any) -> tuple[Counter, dict[str, Counter]]:
    """Content-term counts of the document and of each top-level section (headings included)."""
    import numpy as np

    counts = Counter(compress(norms, content))
    tops = [sid.split(".", 1)[0] if sid else "" for sid, _ in us]
    sections: dict[str, Counter] = {top: Counter() for top in dict.fromkeys(tops) if top}
    if len(wunit):  # slices of consecutive words with the same top-level section
        top_id = {top: k for k, top in enumerate(dict.fromkeys(tops))}
        wtop = np.array([top_id[top] for top in tops], dtype=np.int64)[wunit]
        cuts = [0, *(np.flatnonzero(np.diff(wtop)) + 1).tolist(), len(wunit)]
        for a, b in pairwise(cuts):
            top = tops[wunit[a]]
            if top:
                sections[top].update(compress(norms[a:b], content[a:b]))
    return counts, sections


def _phrase_words(lay: _Layout, norms: list[str], role: Any, type_of: Any, person: Any) -> _Words:
    """The phrase tokens and their runs (rule in :mod:`~policytext.analysis.compare.novel`)."""
    import numpy as np

    n = len(norms)
    adjacent = lay.adjacent
    # phrase tokens: nominal words, and modifiers directly before a phrase token (attributive)
    nominal = (role & _NOMINAL) != 0
    modifier = (role & _MODIFIER) != 0
    if person is not None:
        nominal &= ~person
        modifier &= ~person
    # a one-character adjective right after a verb is its complement, not an attribute (解决|好|人民群众)
    after_verb = np.zeros(n, dtype=bool)
    after_verb[1:] = adjacent[:-1] & ((role[:-1] & _VERB) != 0)
    modifier &= ~(after_verb & ((role & _SHORT) != 0))
    member = nominal.copy()
    if modifier.any():
        while True:  # a modifier before a modifier before a phrase token … (a few rounds at most)
            nxt = np.zeros(n, dtype=bool)
            nxt[:-1] = member[1:] & adjacent[:-1]
            grown = member | (modifier & nxt)
            if np.array_equal(grown, member):
                break
            member = grown
    not_stop = (role & _STOP) == 0
    # a head can end a noun phrase: its word stands before a boundary (anything but a keyword
    # candidate of policytext.analysis.keyterms: punctuation, a function word, a one-character word, the end
    # of the sentence) somewhere in the document — 全面 of 中国特色大国外交全面推进 never does
    boundary = ~adjacent
    boundary[:-1] |= (role[1:] & _CANDIDATE) == 0
    can_end = np.zeros(n, dtype=bool)
    can_end[type_of[boundary]] = True
    can_end = can_end[type_of]
    new_run = np.ones(n, dtype=bool)
    if n > 1:
        new_run[1:] = ~(member[1:] & member[:-1] & adjacent[:-1])
    return _Words(start=lay.start, end=lay.end, norm=norms, first_ok=member & not_stop,
                  last_ok=member & nominal & can_end, neighbour_ok=member & not_stop, run=np.cumsum(new_run),
                  short=(role & _SHORT) != 0, member=member)


def _profile(doc: Document, tokenizer: Tokenizer) -> _Profile:
    """The profile of ``doc`` (cached on the document per tokenizer)."""
    key = ("policytext.analysis.compare.profile", tokenizer.fingerprint)
    cached = doc._cache.get(key)
    if cached is not None:
        return cached
    import numpy as np

    us = units(doc, tokenizer)
    toks = [t for _, ts in us for t in ts]
    # token fields: 0 text, 1 start, 2 end, 3 pos, 4 kind, 5 category, 6 term, 7 is_stop (Token is a NamedTuple)
    is_word = [t[4] in WORD_KINDS for t in toks]
    words = list(compress(toks, is_word))
    # a word type is its text (category None) or (text, category) (a str never equals a tuple)
    types: dict[str | tuple[str, str], int] = {}
    first = list(map(types.setdefault, [t[0] if t[5] is None else (t[0], t[5]) for t in words], count()))
    flags, cats = _type_flags(words, types)
    per_word = list(map(flags.__getitem__, first))
    norms = [f[0] for f in per_word]
    content = [f[1] for f in per_word]
    role = np.fromiter(map(itemgetter(2), per_word), dtype=np.int64, count=len(words))
    lay = _layout(us, is_word, words)
    # person names: detected on the units with a cue, then every aligned occurrence in the text
    people = find_people(us, lay.ulen, role, lay.wpos, lay.wunit, lay.adjacent, tokenizer.dictionary)
    person = _person_words(people, doc.text, lay.start, lay.end, lay.wpos) if people else None
    if person is not None:
        for k in np.flatnonzero(person).tolist():
            content[k] = False
    counts, sections = _content_counts(us, norms, content, lay.wunit)
    type_of = np.fromiter(first, dtype=np.int64, count=len(words))
    word_data = _phrase_words(lay, norms, role, type_of, person)
    vocab = frozenset(f[0] for f in flags.values())
    prof = _Profile(counts, cats, sum(counts.values()), len(doc.text), sections, vocab, word_data, tuple(people))
    doc._cache[key] = prof
    return prof
