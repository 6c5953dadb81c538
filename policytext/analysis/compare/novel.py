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

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..._validation import InstanceOf, Interval, validate_params
from ...text.document import Document
from ...text.loading import as_document
from ...tokens.formulations import find_numbered
from ...tokens.lexicon import Lexicon
from ...tokens.numbered import is_numbered
from ...tokens.tokenizer import Tokenizer, default_tokenizer
from ._common import FRAGMENT_SHARE, RE_HAN, Background, empty_frame, word_counter
from .mentions import _example, _lexicon_counts, _lexicon_first, _lexicon_forms
from .profile import _profile

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["Background", "background_novelty", "novel_phrases"]

#: Priority of the sources of a new/dropped term when the same string comes
#: from several (a lexicon term is also a numbered formulation or a phrase).
_KIND_ORDER = {"lexicon": 0, "numbered": 1, "phrase": 2}

_NOVEL_COLUMNS = ["term", "kind", "category", "count_a", "count_b", "rate_a", "rate_b", "example", "novelty",
                  "termhood", "background_documents", "background_last_year", "background_first", "nest"]
_NOVEL_DTYPES = ["object", "object", "object", "int64", "int64", "float64", "float64", "object", "float64",
                 "float64", "Int64", "Int64", "object", "object"]


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


def _ngram_spans(w: Any, max_n: int, open_stop: bool = False) -> tuple[Any, Any] | None:
    """First and last word of every phrase n-gram, in ``(first, last)`` order (numpy arrays).

    ``open_stop``: a stopword phrase token may open the n-gram too (全过程|人民|民主).
    """
    import numpy as np

    n = len(w.norm)
    opens = w.member if open_stop and w.member is not None else w.first_ok
    firsts, lasts = [], []
    for d in range(1, max_n):
        if d >= n:
            break
        i = np.flatnonzero(opens[:-d] & w.last_ok[d:] & (w.run[:-d] == w.run[d:]))
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
                       min_count: int, open_stop: bool = False) -> dict[str, _Candidate]:
    """Phrase n-grams (see the module docstring) seen ``min_count`` times or more (cached).

    The n-grams ``(i, j)`` (word indices, ``j - i < max_n``, same run of
    phrase tokens, ``i`` may open and ``j`` close a phrase) are found with
    numpy, one shift at a time, and listed in ``(i, j)`` order; their strings
    are counted at C level; only the occurrences of the frequent ones get a
    Python step.
    """
    key = ("policytext.analysis.compare.ngrams", tokenizer.fingerprint, max_n, min_count, open_stop)
    cached = doc._cache.get(key)
    if cached is not None:
        return cached
    import numpy as np

    text = doc.text
    w = _profile(doc, tokenizer).words
    cands: dict[str, _Candidate] = {}
    spans = _ngram_spans(w, max_n, open_stop)
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


def _stands_in(doc: Document, forms: Sequence[str], lexicon: Lexicon) -> bool:
    """Whether one of ``forms`` occurs in ``doc.text`` outside every longer numbered formulation found there."""
    text = doc.text
    spans = [sp for sps in _numbered_counts(doc, lexicon).values() for sp in sps]
    for f in forms:
        start = text.find(f) if f else -1
        while start >= 0:
            end = start + len(f)
            if not any(s <= start and end <= e and e - s > len(f) for s, e in spans):
                return True
            start = text.find(f, start + 1)
    return False


def _novel_rows(new_doc: Document, old_doc: Document, *, lexicon: Lexicon, tokenizer: Tokenizer,
                min_count: int, max_n: int) -> dict[str, _Row]:
    """The terms of ``new_doc`` absent from ``old_doc``: lexicon terms, numbered formulations, phrases.

    A numbered formulation is matched only where it stands whole, never inside
    a longer one (三保 of 两不愁三保障), in both documents.
    """
    rows: dict[str, _Row] = {}
    # 1. lexicon terms (substring counts; numbered ones where they stand whole)
    forms_of = _lexicon_forms(lexicon)
    old_counts = _mention_counts(old_doc, lexicon)
    first = _lexicon_first(new_doc, lexicon)
    numbered = _numbered_counts(new_doc, lexicon)
    for term, n in _mention_counts(new_doc, lexicon).items():
        if term not in old_counts:
            e = lexicon.lookup(term)
            pos = numbered[term][0][0] if term in numbered else first[term]
            _add(rows, term, "lexicon", e.category if e else None, n, forms_of[term], pos=pos)
    # 2. numbered formulations (detected, also without a lexicon)
    for term, spans in numbered.items():
        if term in rows or term in old_counts:
            continue
        forms = forms_of.get(term, (term,))
        if _stands_in(old_doc, forms, lexicon):
            continue
        _add(rows, term, "numbered", "numbered", len(spans), forms, pos=spans[0][0])
    # 3. new phrases (no lexicon needed)
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


@dataclass
class _Seen:
    """What the background says about terms (lists aligned with the terms): see :func:`background_novelty`."""

    novelty: list[float]
    days: list[int]
    recent: list[int]
    first: list[str | None]
    unit: list[bool]


def _year_before(date: str) -> str:
    """The ISO date one year before ``date`` (``2024-03-05`` → ``2023-03-05``)."""
    return f"{int(date[:4]) - 1:04d}{date[4:]}" if date[:4].isdigit() else date


def background_novelty(terms: Sequence[str], background: Background, date: str | None, *,
                       whole: Sequence[str] = (), lexicon: Lexicon | None = None, match: str = "word") -> _Seen:
    """How new ``terms`` are in the background documents dated before ``date`` (all when None).

    A term the background never used before ``date``, or only in the year
    before it, has novelty ``1.0`` (新质生产力 before the 2024 report: 35 days,
    all since September 2023). A term used on ``o`` of the ``n`` documents
    older than that year scores ``1 − ln(1 + o) / ln(1 + n)``: rare there is
    new (全国统一大市场 before the 2022 report: 5 older days since 2015: 0.78),
    common is not (市场主体: 353 older days: 0.28). ``unit``: the
    background used the term on two days at least with varied neighbours (no
    Han character beside it in nine occurrences out of ten), i.e. as a unit.
    ``whole``: numbered formulations, never matched inside a longer one
    (:func:`numbered_guards` of ``lexicon``). ``match="word"`` (default):
    only the background's word uses of a term count (双减 in 双减负 is not
    one; :mod:`~policytext.analysis.compare._words`), as in
    :func:`~policytext.analysis.compare.series.first_seen`; ``"substring"``:
    every occurrence.

    Returns
    -------
    An object with the lists ``novelty``, ``days`` (d), ``recent`` (r),
    ``first`` (date of the first use, None when unseen) and ``unit``.

    Examples
    --------
    >>> import policytext as pt
    >>> docs = [pt.parse(t, metadata={"date": d}) for d, t in [("2015-08-19", "要建设全国统一大市场。"),
    ...         ("2020-10-29", "构建新发展格局。"), ("2021-12-10", "加快建设全国统一大市场，构建新发展格局。")]]
    >>> seen = background_novelty(["新发展格局", "全国统一大市场", "新质生产力"], Background.from_documents(docs),
    ...                           "2022-03-05")
    >>> [round(x, 2) for x in seen.novelty], seen.days, seen.recent, seen.first
    ([0.37, 0.37, 1.0], [2, 2, 0], [1, 1, 0], ['2020-10-29', '2015-08-19', None])
    """
    import math

    stop = background.start_of(date) if date else len(background)
    guards = numbered_guards(whole, lexicon or Lexicon.empty())
    whole = [*whole, *guards]
    words = word_counter([*terms, *guards], lexicon, match)
    seen = sorted(k for k in background.found([*terms, *guards], 0, stop, whole=whole, words=words)
                  if k < len(terms))
    pats = [terms[k] for k in seen] + guards
    use = background.usage(pats, 0, stop, whole=whole, words=words)
    year_ago = background.start_of(_year_before(date)) if date else stop
    recent = background.usage(pats, year_ago, stop, whole=whole, neighbours=False, words=words)
    n = len(terms)
    out = _Seen([1.0] * n, [0] * n, [0] * n, [None] * n, [False] * n)
    older = max(year_ago, 1)
    for m, k in enumerate(seen):
        d, r = use.days[m], recent.days[m]
        out.novelty[k] = max(1.0 - math.log1p(d - r) / math.log1p(older), 0.0)
        out.days[k], out.recent[k] = d, r
        out.first[k] = background.dates[use.first[m]] if use.first[m] >= 0 else None
        out.unit[k] = d >= 2 and not use.left[m] and not use.right[m]
    return out


def _termhood(r: _Row, unit: bool, days: int, text: str) -> float:
    """1 for a lexicon term, a numbered formulation, a term quoted in the document (“…”) or one the background
    uses as a unit; 0.3 for another phrase used twice or more, or seen in the background; 0.1 otherwise."""
    if r["kind"] != "phrase" or unit or f"“{r['term']}”" in text:
        return 1.0
    return 0.3 if r["count"] >= 2 or days else 0.1


def _fold_nests(ordered: list[_Row]) -> list[_Row]:
    """Rows in order, a row whose term contains or is contained in an earlier row's folded into it (``nest``).

    A group keeps the place of its best-ranked member and is shown as its
    longest lexicon term or numbered formulation (the whole 提法:
    铸牢中华民族共同体意识, not its part 中华民族共同体), with that member's
    figures; the group's other terms are its ``nest``.
    """
    groups: list[list[_Row]] = []
    for r in ordered:
        group = next((g for g in groups if g[0]["term"] in r["term"] or r["term"] in g[0]["term"]), None)
        if group is None:
            groups.append([r])
        else:
            group.append(r)
    heads = []
    for group in groups:
        whole = [r for r in group if r["kind"] in ("lexicon", "numbered")]
        head = max(whole, key=lambda r: len(r["term"])) if whole else group[0]
        head["nest"] = [r["term"] for r in group if r is not head]
        heads.append(head)
    return heads


def _novel(new_doc: Document, old_doc: Document, *, lexicon: Lexicon, tokenizer: Tokenizer,
           min_count: int, max_n: int, per: float, new_is_b: bool,
           background: Background | None = None, match: str = "word") -> pd.DataFrame:
    """The ``new_terms`` (``new_is_b``) or ``dropped_terms`` table.

    With a ``background`` (new terms only), phrases are kept from one
    occurrence, every row gets the :func:`background_novelty` of its term
    before the new document's date and a termhood (:func:`_termhood`), and rows
    are ranked by novelty × termhood, then count, then kind (lexicon, numbered,
    phrase). A term and the terms it contains or is contained in are one row
    (``nest``).
    """
    import pandas as pd

    rows = _novel_rows(new_doc, old_doc, lexicon=lexicon, tokenizer=tokenizer,
                       min_count=1 if background is not None else min_count, max_n=max_n)
    if not rows:
        return empty_frame(_NOVEL_COLUMNS, _NOVEL_DTYPES)
    values = list(rows.values())
    if background is not None:
        whole = [r["term"] for r in values if r["category"] == "numbered"]
        seen = background_novelty([r["term"] for r in values], background, new_doc.metadata.get("date"),
                                  whole=whole, lexicon=lexicon, match=match)
        for k, r in enumerate(values):
            r["bg"] = (seen.novelty[k], _termhood(r, seen.unit[k], seen.days[k], new_doc.text), seen.days[k],
                       seen.recent[k], seen.first[k])
        ordered = sorted(values, key=lambda r: (-r["bg"][0] * r["bg"][1], -r["count"], _KIND_ORDER[r["kind"]],
                                                -r["novelty"], -len(r["term"]), r["term"]))
    else:
        ordered = sorted(values, key=lambda r: (-r["count"], _KIND_ORDER[r["kind"]], -r["novelty"],
                                                -len(r["term"]), r["term"]))
    ordered = _fold_nests(ordered)
    new_chars = len(new_doc.text)
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
        "novelty": [r["bg"][0] if "bg" in r else float("nan") for r in ordered],
        "termhood": [r["bg"][1] if "bg" in r else float("nan") for r in ordered],
        "background_documents": pd.array([r["bg"][2] if "bg" in r else None for r in ordered], dtype="Int64"),
        "background_last_year": pd.array([r["bg"][3] if "bg" in r else None for r in ordered], dtype="Int64"),
        "background_first": [r["bg"][4] if "bg" in r else None for r in ordered],
        "nest": [tuple(r["nest"]) for r in ordered],
    })


# -- units of many documents, and a dated background ---------------------------------------

@dataclass
class _Unit:
    """A unit candidate gathered over several documents (:func:`_units`)."""

    kind: str  # "lexicon", "numbered" or "phrase"
    category: str | None
    count: int = 0
    docs: int = 0
    left: set[str | None] = field(default_factory=set)
    right: set[str | None] = field(default_factory=set)
    free_end: bool = False  # one occurrence at least is not followed by another phrase token
    first_doc: int = -1
    example: tuple[int, int] = (0, 0)  # span of the first occurrence in its document
    edge_left: Counter = field(default_factory=Counter)  # one-character adjective before an occurrence ("": none)

    @property
    def maximal(self) -> bool:
        return self.kind != "phrase" or (
            (None in self.left or len(self.left) > 1) and (None in self.right or len(self.right) > 1))

    @property
    def head_final(self) -> bool:
        return self.kind != "phrase" or self.free_end


def _numbered_counts(doc: Document, lexicon: Lexicon) -> dict[str, list[tuple[int, int]]]:
    """Canonical numbered formulation → its spans, found as the tokenizer finds them (cached).

    A numbered formulation is never counted inside another: :func:`policytext.find_numbered`
    keeps the longest of overlapping finds (三保 of 两不愁三保障 is not 三保).
    """
    key = ("policytext.analysis.compare.numbered", lexicon.fingerprint)
    cached = doc._cache.get(key)
    if cached is None:
        cached = {}
        for f in find_numbered(doc.text, lexicon, expand=False):
            cached.setdefault(lexicon.canonical(f.text), []).append((f.start, f.end))
        doc._cache[key] = cached
    return cached


def numbered_guards(numbered: Sequence[str], lexicon: Lexicon) -> list[str]:
    """Numbered formulations of ``lexicon`` and of the shipped lexicon that contain one of ``numbered``.

    They are searched beside ``numbered`` so that an occurrence inside them
    does not count (三保 inside 两不愁三保障), even with an empty lexicon: a
    guard only hides matches, it is never reported.

    >>> numbered_guards(["三保"], Lexicon.empty())
    ['两不愁三保障']
    """
    if not numbered:
        return []
    wanted = set(numbered)
    forms = {*_numbered_forms(lexicon), *_numbered_forms(Lexicon.default())}
    return sorted(f for f in forms if f not in wanted and any(t in f for t in wanted))


@lru_cache(maxsize=4)
def _numbered_forms(lexicon: Lexicon) -> tuple[str, ...]:
    """Every form of the numbered formulations of ``lexicon``."""
    return tuple(f for e in lexicon if is_numbered(e.term, e) for f in e.forms if f)


def _mention_counts(doc: Document, lexicon: Lexicon) -> dict[str, int]:
    """Lexicon mentions (substring counts), numbered formulations counted only where they stand whole."""
    numbered = _numbered_counts(doc, lexicon)
    out = {}
    for term, n in _lexicon_counts(doc, lexicon).items():
        e = lexicon.lookup(term)
        if e is not None and e.category == "numbered":
            n = len(numbered.get(term, ()))
            if not n:
                continue
        out[term] = n
    return out


def _after_adjective(words: Any) -> list[bool]:
    """For every word: a one-character adjective stands right before it."""
    import numpy as np

    out = np.zeros(len(words.norm), dtype=bool)
    if len(out) > 1:
        out[1:] = words.short[:-1] & (words.end[:-1] == words.start[1:])
    return out.tolist()


def _edges(text: str, adjective: list[bool], c: _Candidate) -> list[str]:
    """The one-character adjective right before each occurrence of a phrase (``""``: none)."""
    return [text[s - 1] if adjective[i] else "" for (s, _), i in zip(c.occ, c.first)]


def _extend(units: dict[str, _Unit]) -> None:
    """Grow a phrase by the one-character adjective that stands before it in nine occurrences out of ten.

    The phrase rule reads a one-character adjective after a verb as its
    complement (形成|新|质生产力), so 质生产力 alone is the phrase there; when
    the same adjective stands before it nearly every time, the unit is
    新质生产力. Two occurrences at least.
    """
    for term, u in list(units.items()):
        if u.kind != "phrase" or u.count < 2 or not u.edge_left:
            continue
        ch, k = u.edge_left.most_common(1)[0]
        if not ch or k < FRAGMENT_SHARE * u.count:
            continue
        del units[term]
        if ch + term not in units:
            u.left = {None}
            u.example = (u.example[0] - 1, u.example[1])
            units[ch + term] = u


#: A short Han string in quotation marks (“放管服”, “国之大者”): the marks are its boundaries.
RE_QUOTED_UNIT = re.compile(r"[“‘]([\u3400-\u4dbf\u4e00-\u9fff]{2,10})[”’]")


def _quoted(doc: Document, unit: Any, k: int, seen: set[str], lexicon: Lexicon) -> None:
    """Add the quoted Han strings of ``doc`` (document ``k``) through ``unit``; ``seen``: terms of the document."""
    for m in RE_QUOTED_UNIT.finditer(doc.text):
        term = m.group(1)
        if lexicon.canonical(term) in seen and term not in seen:
            continue
        u = unit(term, "phrase", None, k, m.span(1))
        if term not in seen:
            u.left.add(None)
            u.right.add(None)
            u.free_end = True
        u.count += 1
        seen.add(term)


def _units(docs: Sequence[Document], tokenizer: Tokenizer, lexicon: Lexicon, *, max_n: int,
           min_chars: int, maximal: bool = True) -> dict[str, _Unit]:
    """Lexicon terms, numbered formulations and maximal head-final phrases of ``docs`` (pooled).

    The phrase rule and the accessor-variety test of :func:`novel_phrases`
    apply to the occurrences of all the documents together; lexicon terms and
    numbered formulations are units by definition. Phrases need ``min_chars``
    characters, all of them Han, and grow by a one-character adjective that
    always stands before them (:func:`_extend`). ``maximal=False`` keeps the
    phrases that fail the accessor-variety test too (a phrase used once in the
    window cannot pass it: the caller judges them on later use), keeps a
    phrase seen once even when a noun follows it there (head-final cannot be
    judged on one occurrence), lets a stopword open a phrase
    (全过程|人民|民主), and adds every short Han string in quotation marks
    (“放管服”, “国之大者”: verb-object 提法 the phrase rule cannot build).
    """
    units: dict[str, _Unit] = {}

    def unit(term: str, kind: str, category: str | None, k: int, span: tuple[int, int]) -> _Unit:
        u = units.get(term)
        if u is None or _KIND_ORDER[kind] < _KIND_ORDER[u.kind]:
            old = u
            u = units[term] = _Unit(kind, category)
            if old is not None:
                u.count, u.docs, u.first_doc, u.example = old.count, old.docs, old.first_doc, old.example
        if u.first_doc < 0:
            u.first_doc, u.example = k, span
        return u

    for k, doc in enumerate(docs):
        seen: set[str] = set()
        for term, spans in _numbered_counts(doc, lexicon).items():
            e = lexicon.lookup(term)
            u = unit(term, "lexicon" if e else "numbered", e.category if e else "numbered", k, spans[0])
            u.count += len(spans)
            seen.add(term)
        first = _lexicon_first(doc, lexicon)
        for term, n in _lexicon_counts(doc, lexicon).items():
            e = lexicon.lookup(term)
            if e is None or e.category == "numbered":
                continue
            u = unit(term, "lexicon", e.category, k, (first[term], first[term] + len(term)))
            u.count += n
            seen.add(term)
        words = _profile(doc, tokenizer).words
        adjective = _after_adjective(words)
        for phrase, c in _phrase_candidates(doc, tokenizer, max_n=max_n, min_count=1,
                                            open_stop=not maximal).items():
            if len(phrase) < min_chars or len(RE_HAN.findall(phrase)) != len(phrase):
                continue
            canon = lexicon.canonical(phrase)
            if canon in seen:
                continue
            u = unit(phrase, "phrase", None, k, c.occ[0])
            u.count += len(c.occ)
            u.left.update(c.left)
            u.right.update(c.right)
            u.free_end = u.free_end or not all(c.inner)
            if any(adjective[i] for i in c.first):
                u.edge_left.update(_edges(doc.text, adjective, c))
            else:
                u.edge_left[""] += len(c.occ)
            seen.add(phrase)
        if not maximal:
            _quoted(doc, unit, k, seen, lexicon)
        for term in seen:
            units[term].docs += 1
    _extend(units)
    if maximal:
        return {t: u for t, u in units.items() if u.head_final and u.maximal}
    return {t: u for t, u in units.items() if u.head_final or u.count == 1}
