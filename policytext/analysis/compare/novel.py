"""New and dropped terms: lexicon terms, numbered formulations and phrases one document lacks.

Phrases
-------
The lexicon-free candidates of :func:`novel_phrases` follow the phrase rule
of :mod:`policytext.analysis.phrases` (``token_slots``/``find_phrases``): a phrase is a
*nominal, head-final* sequence. Its tokens are *phrase tokens*: lexicon terms
(except numbered formulations, which stand alone) and nominal words (jieba
tags :data:`policytext.tokens.tags.PHRASE_TAGS`: ``n ng nr ns nt nz vn an j``),
plus modifiers in attributive position, i.e. directly followed by a phrase
token: distinguishing words (``b``: 公共, 新型) and one-character adjectives
(``a ag``: 新|质|生产力, 绿色|低|碳; a two-character adjective before a noun
is mostly a verb: 健全|机制; a one-character adjective right after a verb is
its complement: 解决|好|人民群众…, 形成|新|供给). Any other token — a verb, an adverb, a
function word (particles, prepositions, conjunctions, pronouns, numerals,
classifiers: ``d p c u r m q …``), punctuation — and a person name end the
sequence. So a phrase never ends in a verb, adjective or adverb and never
holds a function word or crosses a clause (no 全体人民共同富裕迈出坚实,
社会主义现代化夯实 or 讨论稿向全会作). It starts with a phrase token that
is not a stopword and ends with a nominal one (a nominal stopword may end
it: 治理|体系, 城乡融合|发展) whose word stands, somewhere in the document,
before a boundary — anything that is not a keyword candidate of
:mod:`policytext.analysis.keyterms`: punctuation, a function word, a one-character
word, the end of the sentence — so that it can end a noun phrase at all (as
in :mod:`policytext.analysis.keyterms`; not 全面 of 中国特色大国外交全面推进, which
jieba tags ``n`` and which always modifies the verb after it). A phrase
must also be *head-final* (one occurrence at least is not followed by
another phrase token) and *maximal* (:func:`novel_phrases`). Unlike
:mod:`policytext.analysis.keyterms`, one-character tokens count, so that a term the
lexicon lacks is still found from its morphemes (新|质|生产力). Verb-object
提法 (提振消费) and nouns jieba tags as verbs or adjectives (社会治理,
政治稳定) are therefore the lexicon's job.

New terms
---------
A term of the target is *new* when none of its forms is a substring of the
other document's text: lexicon terms (substring counts,
:mod:`~policytext.analysis.compare.mentions`), numbered formulations found by
:func:`policytext.find_numbered`, and :func:`novel_phrases`. Person names are
never terms.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..._validation import InstanceOf, Interval, validate_params
from ...text.document import Document
from ...text.loading import as_document
from ...tokens.formulations import find_numbered
from ...tokens.lexicon import Lexicon
from ...tokens.tokenizer import Tokenizer, default_tokenizer
from ._common import empty_frame
from .mentions import _example, _lexicon_counts, _lexicon_first, _lexicon_forms
from .profile import _profile

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["novel_phrases"]

#: Priority of the sources of a new/dropped term when the same string comes
#: from several (a lexicon term is also a numbered formulation or a phrase).
_KIND_ORDER = {"lexicon": 0, "numbered": 1, "phrase": 2}

_NOVEL_COLUMNS = ["term", "kind", "category", "count_a", "count_b", "rate_a", "rate_b", "example"]
_NOVEL_DTYPES = ["object", "object", "object", "int64", "int64", "float64", "float64", "object"]


@dataclass
class _Candidate:
    tokens: tuple[str, ...]
    occ: list[tuple[int, int]] = field(default_factory=list)
    first: list[int] = field(default_factory=list)  # index (among the words) of each occurrence's first word
    left: list[str | None] = field(default_factory=list)  # non-stopword phrase-token neighbour, None otherwise
    right: list[str | None] = field(default_factory=list)
    inner: list[bool] = field(default_factory=list)  # another phrase token follows the occurrence

    @staticmethod
    def _variable(side: list[str | None]) -> bool:
        return None in side or len(set(side)) > 1

    @property
    def maximal(self) -> bool:
        """False when every occurrence extends by the same content word on one side."""
        return self._variable(self.left) and self._variable(self.right)

    @property
    def head_final(self) -> bool:
        """False when every occurrence is followed by another phrase token: a pre-modifier, not a head."""
        return not all(self.inner)


def _ngram_spans(w: Any, max_n: int) -> tuple[Any, Any] | None:
    """First and last word of every phrase n-gram, in ``(first, last)`` order (numpy arrays)."""
    import numpy as np

    n = len(w.norm)
    firsts, lasts = [], []
    for d in range(1, max_n):
        if d >= n:
            break
        i = np.flatnonzero(w.first_ok[:-d] & w.last_ok[d:] & (w.run[:-d] == w.run[d:]))
        firsts.append(i)
        lasts.append(i + d)
    if not firsts:
        return None
    first = np.concatenate(firsts)
    last = np.concatenate(lasts)
    order = np.lexsort((last, first))  # by first word, then last word: the order of the token runs
    return first[order], last[order]


def _neighbours(w: Any, first: Any, last: Any) -> tuple[list[str | None], list[str | None], list[bool]]:
    """The phrase token before each n-gram and after it (``None``: none, or a stopword), and whether one follows."""
    import numpy as np

    n = len(w.norm)
    same_run = w.run[1:] == w.run[:-1]
    left_ok = np.zeros(n, dtype=bool)
    left_ok[1:] = same_run & w.neighbour_ok[:-1]
    right_ok = np.zeros(n, dtype=bool)
    right_ok[:-1] = same_run & w.neighbour_ok[1:]
    inner = np.zeros(n, dtype=bool)  # a phrase token follows in the run
    inner[:-1] = same_run
    norm = w.norm
    lefts = [norm[i - 1] if ok else None for i, ok in zip(first.tolist(), left_ok[first].tolist())]
    rights = [norm[j + 1] if ok else None for j, ok in zip(last.tolist(), right_ok[last].tolist())]
    return lefts, rights, inner[last].tolist()


def _phrase_candidates(doc: Document, tokenizer: Tokenizer, *, max_n: int,
                       min_count: int) -> dict[str, _Candidate]:
    """Phrase n-grams (see the module docstring) seen ``min_count`` times or more (cached).

    The n-grams ``(i, j)`` (word indices, ``j - i < max_n``, same run of
    phrase tokens, ``i`` may open and ``j`` close a phrase) are found with
    numpy, one shift at a time, and listed in ``(i, j)`` order; their strings
    are counted at C level; only the occurrences of the frequent ones get a
    Python step.
    """
    key = ("policytext.analysis.compare.ngrams", tokenizer.fingerprint, max_n, min_count)
    cached = doc._cache.get(key)
    if cached is not None:
        return cached
    import numpy as np

    text = doc.text
    w = _profile(doc, tokenizer).words
    cands: dict[str, _Candidate] = {}
    spans = _ngram_spans(w, max_n)
    if spans is not None:
        first, last = spans
        starts, ends = w.start[first].tolist(), w.end[last].tolist()
        phrases = [text[s:e] for s, e in zip(starts, ends)]
        if min_count > 1:
            freq = Counter(phrases)
            picked = np.flatnonzero(np.fromiter(map(freq.__getitem__, phrases), dtype=np.int64, count=len(phrases))
                                    >= min_count)
            first, last = first[picked], last[picked]
            picked_list = picked.tolist()
            phrases = [phrases[k] for k in picked_list]
            starts = [starts[k] for k in picked_list]
            ends = [ends[k] for k in picked_list]
        if phrases:
            lefts, rights, inner = _neighbours(w, first, last)
            norm = w.norm
            for phrase, i, j, s, e, left, right, more in zip(phrases, first.tolist(), last.tolist(), starts, ends,
                                                              lefts, rights, inner):
                c = cands.get(phrase)
                if c is None:
                    c = cands[phrase] = _Candidate(tuple(norm[i:j + 1]))
                c.occ.append((s, e))
                c.first.append(i)
                c.left.append(left)
                c.right.append(right)
                c.inner.append(more)
    doc._cache[key] = cands
    return cands


def _collapse(pool: list[tuple[str, _Candidate]], vocab: frozenset[str], *, min_count: int,
              max_n: int) -> list[tuple[str, int, float]]:
    """Keep a phrase, longest first, when ``min_count`` of its occurrences lie outside every kept longer one."""
    pool.sort(key=lambda x: (-len(x[1].tokens), -len(x[0]), -len(x[1].occ), x[0]))
    kept: list[tuple[str, int, float]] = []
    # kept occurrences: first word index -> largest end. A kept occurrence containing (s, e) starts at
    # one of the max_n words up to the occurrence's first word (it has at most max_n words)
    cover_end: dict[int, int] = {}
    reach = max_n - 1

    def covered(i: int, e: int) -> bool:
        for k in range(i - reach, i + 1):
            if cover_end.get(k, -1) >= e:
                return True
        return False

    for phrase, c in pool:
        free = sum(1 for (_, e), i in zip(c.occ, c.first) if not covered(i, e))
        if free >= min_count:
            novelty = sum(1 for t in c.tokens if t not in vocab) / len(c.tokens)
            kept.append((phrase, len(c.occ), novelty))
            for (_, e), i in zip(c.occ, c.first):
                if cover_end.get(i, -1) < e:
                    cover_end[i] = e
    kept.sort(key=lambda x: (-x[1], -x[2], -len(x[0]), x[0]))
    return kept


@validate_params({
    "tokenizer": [InstanceOf(Tokenizer), None],
    "min_count": [Interval(int, 1, None)],
    "max_n": [Interval(int, 2, 8)],
    "min_chars": [Interval(int, 1, None)],
})
def novel_phrases(target: Document | str, reference: Document | str, *, tokenizer: Tokenizer | None = None,
                  min_count: int = 2, max_n: int = 4, min_chars: int = 3) -> list[tuple[str, int, float]]:
    """Frequent multi-token phrases of ``target`` that never occur in ``reference``.

    No lexicon is needed. The method:

    1. **Candidates** are nominal, head-final token n-grams
       (``n = 2 … max_n``; the phrase rule of the module docstring, shared
       with :mod:`policytext.analysis.keyterms`): every token is a lexicon term, a
       nominal word (:data:`policytext.tokens.tags.PHRASE_TAGS`) or an
       attributive adjective (:data:`policytext.tokens.tags.MODIFIER_TAGS`); the
       first is not a stopword, the last is nominal. Verbs, adverbs, function
       words, punctuation and person names end a run of phrase tokens, so a
       phrase never ends in a verb or adjective and never crosses a clause.
    2. **Novel and frequent**: at least ``min_count`` occurrences in
       ``target``, at least ``min_chars`` characters, and not a substring of
       the reference text.
    3. **Maximal** (a discrete form of branching entropy; the accessor
       variety of Feng et al. 2004): a candidate is dropped when all its
       occurrences are preceded — or all followed — by the same phrase
       token, because then it is a fragment of a longer unit (``新质`` is
       always followed by ``生产力``). A boundary (any other token, a
       stopword, the end of the sentence) counts as a different neighbour
       each time. **Head-final**: a candidate is dropped when every
       occurrence is followed by another phrase token, for a Chinese noun
       phrase ends with its head (``城乡居民基本`` of
       ``城乡居民基本养老保险`` / ``…医疗保险`` is a modifier).
    4. **Collapsed**, longest first (C-value style, Frantzi et al. 2000): a
       phrase survives only if at least ``min_count`` of its occurrences lie
       outside every occurrence of an already kept longer phrase, so a
       sub-phrase that only appears inside a kept phrase disappears while a
       shorter phrase that also stands on its own is kept.

    Parameters
    ----------
    target, reference : Document or str
        Anything :func:`policytext.text.loading.as_document` accepts.
    tokenizer : Tokenizer, optional
        Defaults to the shared default tokenizer.
    min_count : int
        Minimum number of occurrences in ``target``.
    max_n : int
        Longest n-gram, in tokens (2 … 8).
    min_chars : int
        Shortest phrase, in characters.

    Returns
    -------
    list of (phrase, count, novelty)
        ``count`` is the number of occurrences in ``target``; ``novelty`` the
        share of the phrase's tokens that never occur in ``reference`` (a new
        word beats a new combination of old words). Sorted by count, then
        novelty, then length (all descending), then phrase.

    Raises
    ------
    InvalidParameterError
        A parameter out of range (``True`` is not a count), or a document argument of another type.

    References
    ----------
    Frantzi, K., Ananiadou, S., Mima, H. (2000). Automatic recognition of
    multi-word terms: the C-value/NC-value method. *International Journal on
    Digital Libraries* 3(2), 115–130.
    Feng, H., Chen, K., Deng, X., Zheng, W. (2004). Accessor Variety Criteria
    for Chinese Word Extraction. *Computational Linguistics* 30(1), 75–93.

    Examples
    --------
    >>> import policytext as pt
    >>> tk = pt.Tokenizer(pt.Lexicon.empty())
    >>> a = pt.parse("要推动高质量发展。")
    >>> b = pt.parse("要因地制宜发展新质生产力。新质生产力是先进生产力。")
    >>> novel_phrases(b, a, tokenizer=tk)
    [('新质生产力', 2, 1.0)]
    """
    tdoc = as_document(target, "novel_phrases")
    rdoc = as_document(reference, "novel_phrases")
    tk = tokenizer or default_tokenizer()
    ref_text = rdoc.text
    cands = _phrase_candidates(tdoc, tk, max_n=max_n, min_count=min_count)
    pool = [(p, c) for p, c in cands.items() if len(p) >= min_chars and c.maximal and c.head_final]
    if pool and ref_text:  # drop the phrases found in the reference: one Aho-Corasick pass, not one scan each
        import ahocorasick_rs  # the tokenizer's matcher; every pattern is non-empty (min_chars >= 1)

        matcher = ahocorasick_rs.AhoCorasick([p for p, _ in pool])  # standard match kind: overlapping is exhaustive
        found = {k for k, _, _ in matcher.find_matches_as_indexes(ref_text, overlapping=True)}
        pool = [x for k, x in enumerate(pool) if k not in found]
    return _collapse(pool, _profile(rdoc, tk).vocab, min_count=min_count, max_n=max_n)


# -- the new_terms / dropped_terms tables ----------------------------------------------------

_Row = dict[str, Any]


def _add(rows: dict[str, _Row], term: str, kind: str, category: str | None, count: int, forms: Sequence[str],
         novelty: float = 1.0, pos: int | None = None) -> None:
    """Add a row unless the term is there already from a source of higher priority (:data:`_KIND_ORDER`)."""
    prev = rows.get(term)
    if prev is not None and _KIND_ORDER[prev["kind"]] <= _KIND_ORDER[kind]:
        return
    rows[term] = {"term": term, "kind": kind, "category": category, "count": count, "forms": tuple(forms),
                  "novelty": novelty, "pos": pos}


def _novel_rows(new_doc: Document, old_doc: Document, *, lexicon: Lexicon, tokenizer: Tokenizer,
                min_count: int, max_n: int) -> dict[str, _Row]:
    """The terms of ``new_doc`` absent from ``old_doc``: lexicon terms, numbered formulations, phrases."""
    rows: dict[str, _Row] = {}
    old_text = old_doc.text
    # 1. lexicon terms (substring counts)
    forms_of = _lexicon_forms(lexicon)
    old_counts = _lexicon_counts(old_doc, lexicon)
    first = _lexicon_first(new_doc, lexicon)
    for term, n in _lexicon_counts(new_doc, lexicon).items():
        if term not in old_counts:
            e = lexicon.lookup(term)
            _add(rows, term, "lexicon", e.category if e else None, n, forms_of[term], pos=first[term])
    # 2. numbered formulations (detected, also without a lexicon)
    found: Counter = Counter()
    for f in find_numbered(new_doc.text, lexicon, expand=False):
        found[lexicon.canonical(f.text)] += 1
    for term, n in found.items():
        if term in rows or term in old_counts:
            continue
        forms = forms_of.get(term, (term,))
        if any(f in old_text for f in forms):
            continue
        _add(rows, term, "numbered", "numbered", n, forms)
    # 3. frequent new phrases (no lexicon needed)
    for phrase, n, novelty in novel_phrases(new_doc, old_doc, tokenizer=tokenizer, min_count=min_count,
                                            max_n=max_n):
        canon = lexicon.canonical(phrase)
        if canon in rows or canon in old_counts:
            continue
        e = lexicon.lookup(phrase)
        _add(rows, canon, "lexicon" if e else "phrase", e.category if e else None, n, (phrase,), novelty)
    # person names are not terms (they are in Comparison.people), even when a lexicon lists one
    for name in _profile(new_doc, tokenizer).people:
        rows.pop(name, None)
    return rows


def _novel(new_doc: Document, old_doc: Document, *, lexicon: Lexicon, tokenizer: Tokenizer,
           min_count: int, max_n: int, per: float, new_is_b: bool) -> pd.DataFrame:
    """The ``new_terms`` (``new_is_b``) or ``dropped_terms`` table."""
    import pandas as pd

    rows = _novel_rows(new_doc, old_doc, lexicon=lexicon, tokenizer=tokenizer, min_count=min_count, max_n=max_n)
    if not rows:
        return empty_frame(_NOVEL_COLUMNS, _NOVEL_DTYPES)
    new_chars = len(new_doc.text)
    ordered = sorted(rows.values(), key=lambda r: (-r["count"], _KIND_ORDER[r["kind"]], -r["novelty"],
                                                  -len(r["term"]), r["term"]))
    rate = [r["count"] * per / new_chars if new_chars else 0.0 for r in ordered]
    counts = [r["count"] for r in ordered]
    zeros = [0] * len(ordered)
    return pd.DataFrame({
        "term": [r["term"] for r in ordered],
        "kind": [r["kind"] for r in ordered],
        "category": [r["category"] for r in ordered],
        "count_a": zeros if new_is_b else counts,
        "count_b": counts if new_is_b else zeros,
        "rate_a": [0.0] * len(ordered) if new_is_b else rate,
        "rate_b": rate if new_is_b else [0.0] * len(ordered),
        "example": [_example(new_doc, r["forms"], r["pos"]) for r in ordered],
    })
