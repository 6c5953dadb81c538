"""Plain-text mentions: substring counts of lexicon terms and the sentence of a first occurrence.

Lexicon terms in ``new_terms``/``dropped_terms``, :func:`~policytext.analysis.compare.first_seen`
and :func:`~policytext.analysis.compare.term_trajectories` are counted as *plain substrings* of
``doc.text`` (the normalised text, title included): the number of
non-overlapping occurrences of the term or any of its aliases, longest form
first. A term inside a longer term counts (马克思主义 inside 马克思主义中国化),
and the tokenizer's false-merge guard does not apply, so these counts equal
what a reader finds with Ctrl-F.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from ...text.document import Document
from ...tokens.lexicon import Lexicon
from ...tokens.tokenizer import term_automaton

__all__: list[str] = []

_SEP = "\x00"


def _forms_pattern(forms: Sequence[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(f) for f in sorted(set(forms), key=lambda f: (-len(f), f))))


def _count_forms(text: str, forms: Sequence[str]) -> int:
    """Non-overlapping occurrences of any of ``forms`` in ``text`` (longest first)."""
    if len(forms) == 1:
        return text.count(forms[0]) if forms[0] else 0
    return sum(1 for _ in _forms_pattern(forms).finditer(text))


@lru_cache(maxsize=4)
def _lexicon_forms(lexicon: Lexicon) -> dict[str, tuple[str, ...]]:
    """Term → its non-empty forms (cached per lexicon content; callers must not modify it)."""
    return {e.term: tuple(f for f in e.forms if f) for e in lexicon}


@lru_cache(maxsize=4)
def _lexicon_automaton(lexicon: Lexicon) -> tuple[Any, dict[str, tuple[str, ...]]]:
    """An Aho-Corasick automaton over every form of ``lexicon`` (the tokenizer's kind) and form → terms."""

    terms_of: dict[str, list[str]] = {}
    for term, forms in _lexicon_forms(lexicon).items():
        for f in forms:
            terms_of.setdefault(f, []).append(term)
    if not terms_of:
        return None, {}
    patterns = list(terms_of)
    return (term_automaton(patterns), patterns), {f: tuple(t) for f, t in terms_of.items()}


def _lexicon_counts(doc: Document, lexicon: Lexicon) -> dict[str, int]:
    """Substring counts of every lexicon term that occurs in ``doc.text`` (cached).

    Equal to ``text.count(term)`` for a term without aliases; with aliases, the
    non-overlapping occurrences of any form, longest form first at each
    position (what a regex alternation of the forms, longest first, finds).
    """
    key = ("policytext.analysis.compare.lexcounts", lexicon.fingerprint)
    cached = doc._cache.get(key)
    if cached is not None:
        return cached
    text = doc.text
    automaton, terms_of = _lexicon_automaton(lexicon)
    spans: dict[str, list[tuple[int, int]]] = {}
    if automaton is not None and text:
        matcher, forms = automaton
        for k, a, b in matcher.find_matches_as_indexes(text, overlapping=True):
            for term in terms_of[forms[k]]:
                spans.setdefault(term, []).append((a, b))
    out: dict[str, int] = {}
    first: dict[str, int] = {}
    for term, occ in spans.items():
        occ.sort(key=lambda x: (x[0], x[0] - x[1]))
        first[term] = occ[0][0]
        n, last = 0, -1
        for s, e in occ:
            if s >= last:
                n += 1
                last = e
        out[term] = n
    doc._cache[key] = out
    doc._cache[("policytext.analysis.compare.lexfirst", lexicon.fingerprint)] = first
    return out


def _lexicon_first(doc: Document, lexicon: Lexicon) -> dict[str, int]:
    """Start of the first occurrence of any form of every lexicon term in ``doc.text`` (cached).

    Equal to ``min(doc.text.find(f) for f in forms)`` over the term's forms
    that occur: the automaton of :func:`_lexicon_counts` reports every
    occurrence of every form.
    """
    key = ("policytext.analysis.compare.lexfirst", lexicon.fingerprint)
    first = doc._cache.get(key)
    if first is None:
        doc._cache.pop(("policytext.analysis.compare.lexcounts", lexicon.fingerprint), None)
        _lexicon_counts(doc, lexicon)
        first = doc._cache[key]
    return first


def _joined_sentences(doc: Document) -> tuple[str | None, list[int]]:
    """The sentence texts joined by NUL and the start of each in the joined string (cached).

    ``None`` instead of the string when a sentence contains NUL itself.
    """
    key = ("policytext.analysis.compare.sentences",)
    cached = doc._cache.get(key)
    if cached is None:
        texts = [s.text for s in doc.sentences]
        joined: str | None = _SEP.join(texts)
        if joined.count(_SEP) != max(len(texts) - 1, 0):  # type: ignore[union-attr]
            joined = None
        starts = [0] * len(texts)
        pos = 0
        for i, t in enumerate(texts):
            starts[i] = pos
            pos += len(t) + 1
        cached = doc._cache[key] = (joined, starts)
    return cached


def _example(doc: Document, forms: Sequence[str], pos: int | None = None) -> str:
    """The sentence (else heading or line) of the first occurrence of one of ``forms``.

    ``pos``: that first occurrence, when already known (:func:`_lexicon_first`).
    """
    text = doc.text
    if pos is None:
        hits = [i for i in (text.find(f) for f in forms if f) if i >= 0]
        if not hits:
            return ""
        pos = min(hits)
    key = ("policytext.analysis.compare.sentence_starts",)
    starts = doc._cache.get(key)
    if starts is None:
        starts = doc._cache[key] = [s.start for s in doc.sentences]
    i = bisect_right(starts, pos) - 1
    if i >= 0:
        sent = doc.sentences[i]
        if any(f in sent.text for f in forms):
            return sent.text.strip()
    # an occurrence spanning a sentence boundary, or before the body: the first sentence with a form
    joined, jstarts = _joined_sentences(doc)
    if joined is not None and jstarts and not any(_SEP in f for f in forms):
        hits = [i for i in (joined.find(f) for f in forms) if i >= 0]
        if hits:
            return doc.sentences[bisect_right(jstarts, min(hits)) - 1].text.strip()
    else:
        for sent in doc.sentences:
            if any(f in sent.text for f in forms):
                return sent.text.strip()
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    return text[a:b if b >= 0 else len(text)].strip()
