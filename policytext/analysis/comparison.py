"""Compare documents: keyness, new and dropped 提法, people, similarity, trajectories.

Two documents
-------------
:func:`compare` puts a *reference* document ``a`` (for instance the previous
plenum's communiqué) next to a *target* ``b`` and returns a
:class:`Comparison` whose parts are pandas DataFrames:

``keyness``
    Every content term with its raw counts in both documents, rates per
    10 000 characters, Dunning's log-likelihood G² (signed: ``+`` when the
    term is over-represented in ``b``, ``-`` when in ``a``), its p-value and
    Hardie's log ratio. Sorted by signed G² descending, so the top rows are
    the terms that characterise ``b`` and the bottom rows those of ``a``.
``new_terms`` / ``dropped_terms``
    Lexicon terms, numbered formulations (:func:`policytext.find_numbered`)
    and frequent multi-token phrases that occur in ``b`` and nowhere in ``a``
    (respectively in ``a`` and nowhere in ``b``), with counts and an example
    sentence. "Nowhere" is checked on the plain text: a term counts as absent
    only when none of its forms is a substring of the other document.
``people``
    Person names that occur in ``b`` and nowhere in ``a`` (status ``"new"``)
    or in ``a`` and nowhere in ``b`` (``"dropped"``): the officials a
    communiqué elects, promotes, expels or mourns. Names are not terms: they
    never appear in ``keyness``, ``new_terms`` or ``dropped_terms``.
``similarity``
    TF-IDF cosine of the two documents and the Jaccard index of their term sets.
``sections``
    For each top-level section of ``b``, the section of ``a`` with the most
    similar content (TF-IDF cosine of the section term vectors).

People
------
With the HMM off, jieba leaves a name it does not know in single characters
(唐|仁|健, 李|尚|福), or splits it into a surname and a word (金|湘军,
林|向阳); names it knows are one token tagged ``nr``/``nrfg``/``nrt``
(习近平, 李强). Neither a tag nor a character is evidence enough alone —
jieba's dictionary tags 弘扬 and 高水平 ``nr``, and 边, 克 or 天 begin
names as well as slogans (边斗争、边备战, 天更蓝、山更绿). So a name needs
a *shape* and a *context*.

Shape (a run of Han word tokens that are not lexicon terms):

* *strong*: a one-character surname followed by one or two one-character
  tokens (唐|仁|健, 王|健; no particle among them), or by one two-character
  name token (李|石松); one token tagged ``nrfg``/``nrt`` (习近平, 李强), or
  a three-character ``nr`` token (王沪宁, 李克强);
* *weak*: a surname and one two-character word of another tag (金|湘军,
  邓|修明); a two-character ``nr`` token (jieba's dictionary also tags 弘扬,
  文明 so); one three-character token beginning with a surname (黄兴国),
  or a two-character one and one more character (万庆|良); a two-character
  name token and one or two more characters (洛桑|江村).

A character is a *surname* when jieba's part-of-speech HMM lets it begin a
person name (state ``B-nr``) with an emission log-probability of at least
:data:`SURNAME_LOGP` (the model ships with jieba; no list lives in this
module) and, as a token, it is not a conjunction or particle (和, 的). A
name never starts or ends inside a run of one-character content tokens (no
保尽保 out of 应保尽保), and a very frequent one-character function word
after it ends it (卢红|为中央委员会委员, but 周本顺; :data:`FREQUENT_WORD`).

Context (a name is accepted in one of them, then everywhere in the document):

1. *title*: directly before 同志 (秦刚同志, 江泽民同志), or before 就《 —
   the formula that names who presented a draft (李克强就《…》作了说明);
2. *list*: items separated by 、 or spaces (the leadership lists of a first
   plenum), the first and last items cut out of their clause by shape
   (关于|唐仁健、…、朱芝松|严重违纪); of the shapes that end before a
   separator the one whose first character is the likeliest surname wins
   (关于|孙政才, not 政才). A list is a list of names when its items do not
   all share a character at the same non-initial position (天更蓝、山更绿、
   水更清 is a slogan), at least half of them have a shape, and either at
   least :data:`MIN_STRONG_NAMES` are strong, or all of at least three items
   are shaped and two strong, or both items of a two-item list are strong
   with common surnames (:data:`COMMON_SURNAME_LOGP`). Then every item is a
   name, also an item between separators without a shape (訚柏, a rare
   surname);
3. a list of at least two shaped items, one strong, that holds a name
   accepted by 1 or 2 (马正武、马伟明同志).

A name's count is its number of substring occurrences; its tokens, wherever
they stand (and a 同志 right after them), are left out of the content terms
and out of phrases. On the thirteen plenum communiqués of the shared corpora
(180 distinct names per document, read by hand) the rule finds every name
and no false one — but it was written on these texts. On communiqué-style
sentences written afterwards it kept its precision and missed names that
stand alone without a title (会议由赵乐际主持), lists of two names with a
rare surname or a weak shape (张阳、房峰辉; 孟|宏伟、杨晶), and names jieba
reads as words (令|计划).

Phrases
-------
The lexicon-free candidates of :func:`novel_phrases` follow the phrase rule
of :mod:`policytext.analysis.keyterms` (``_slots``/``_find_phrases``): a phrase is a
*nominal, head-final* sequence. Its tokens are *phrase tokens*: lexicon terms
(except numbered formulations, which stand alone) and nominal words (jieba
tags :data:`policytext.analysis.keyterms.PHRASE_TAGS`: ``n ng nr ns nt nz vn an j``),
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

Counting conventions
--------------------
* **Content terms** (keyness, similarity, sections) are the tokens of the
  document's body sentences and section headings (the title is left out)
  that are words (no punctuation, spaces or masks), are not stopwords, and
  are lexicon terms or detected numbered formulations, or have at least two
  characters and contain a Han character or a Latin letter (numbers are
  left out), and are not part of a person name (see *People*). Aliases
  merge with their canonical term (:attr:`Token.norm`).
* **Lexicon terms** in ``new_terms``/``dropped_terms``, :func:`first_seen`
  and :func:`term_trajectories` are counted as *plain substrings* of
  ``doc.text`` (the normalised text, title included): the number of
  non-overlapping occurrences of the term or any of its aliases, longest
  form first. A term inside a longer term counts (马克思主义 inside
  马克思主义中国化), and the tokenizer's false-merge guard does not apply, so
  these counts equal what a reader finds with Ctrl-F.
* **Rates** are per ``per`` (default 10 000) characters of ``doc.text``;
  G² and the log ratio use the numbers of content tokens as corpus sizes.

A series
--------
:func:`term_trajectories` (documents × terms, rates), :func:`term_counts`
(raw counts) and :func:`first_seen` read any iterable of documents — a list,
a generator, a :class:`policytext.Corpus` — and order them by
``metadata["date"]``. :func:`plot_trajectories` and :func:`plot_keyness`
draw with the shared CJK font setting (:mod:`policytext.render.fonts`).

Command line: ``policytext compare A B [-o report.html|report.md] [--top N]``.

Examples
--------
>>> import policytext as pt
>>> a = pt.load("一、总体要求\\n要加快构建新发展格局。要推动高质量发展。")
>>> b = pt.load("一、总体要求\\n要发展新质生产力。要推动高质量发展。")
>>> cmp = compare(a, b)
>>> cmp.new_terms["term"].tolist()
['新质生产力']
>>> cmp.dropped_terms["term"].tolist()
['新发展格局']
>>> round(cmp.similarity.jaccard, 3)
0.333
"""

from __future__ import annotations

import html
import math
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain, compress, count, pairwise, repeat
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ..errors import InvalidParameterError
from ..text.document import Document
from ..tokens.formulations import find_numbered
from ..tokens.lexicon import Lexicon
from ..tokens.tokenizer import Token, Tokenizer, default_tokenizer
from .keyterms import CANDIDATE_EXTRA, CANDIDATE_TAGS, PHRASE_TAGS

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..render.figures import Rendering

__all__ = [
    "Comparison",
    "Similarity",
    "compare",
    "first_seen",
    "g2_keyness",
    "novel_phrases",
    "plot_keyness",
    "plot_trajectories",
    "term_counts",
    "term_trajectories",
]

_RE_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_RE_LETTER_OR_HAN = re.compile(r"[A-Za-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

#: jieba POS classes of function words: particles (u…), prepositions (p),
#: conjunctions (c), pronouns (r), numerals (m), classifiers (q), adverbs (d),
#: localisers (f), modal/interjections (y, e, o) and punctuation (x, w). The
#: former phrase-edge rule; phrases are now defined positively (the nominal
#: tags of :data:`policytext.analysis.keyterms.PHRASE_TAGS` and :data:`MODIFIER_TAGS`),
#: so no word of these classes (other than a lexicon term) is part of a phrase.
EDGE_BAD_POS = frozenset("upcrmqdfyeoxw")

#: jieba tags of modifiers: phrase tokens only in attributive position (directly
#: before another phrase token). Distinguishing words (``b``: 新型, 公共) are
#: attributive by nature; adjectives (``a``, ``ag``) count with one character
#: only (新|质|生产力, 绿色|低|碳): a two-character adjective before a noun is
#: mostly a verb (健全|机制, 繁荣|文化, 稳定|就业).
MODIFIER_TAGS = frozenset({"a", "ag", "b"})

#: jieba tags of person names in its dictionary.
NAME_TAGS = frozenset({"nr", "nrfg", "nrt"})

#: A character is a surname when the emission log-probability of jieba's
#: part-of-speech HMM for it in state ``B-nr`` (first character of a person
#: name) is at least this value: about 800 characters (李 -3.3, 苗 -7.6,
#: 栗 -8.5; not 稳, 降, 扩).
SURNAME_LOGP = -9.0

#: Strong-shaped items (see the module docstring) a list needs to be read as
#: a list of names on its own.
MIN_STRONG_NAMES = 3

#: A list of two names only is read as such when both have a strong shape and
#: a common surname: B-nr log-probability at least this value (the ~150
#: commonest: 王 -3.5, 白 -4.7, 郭 -5.0; not 向 -6.2, 同 -7.9, 扶 -8.4 of
#: 持续向好、行稳致远 or 扶贫同扶志、扶智).
COMMON_SURNAME_LOGP = -6.0

#: jieba dictionary frequency from which a one-character function word ends a
#: name (为 295 952, 等, 的, 和, 在; not 顺 2 916 in 周本顺).
FREQUENT_WORD = 10_000

#: Priority of the sources of a new/dropped term when the same string comes
#: from several (a lexicon term is also a numbered formulation or a phrase).
_KIND_ORDER = {"lexicon": 0, "numbered": 1, "phrase": 2}

_KEYNESS_COLUMNS = ["term", "category", "count_a", "count_b", "rate_a", "rate_b", "g2", "p", "log_ratio"]
_NOVEL_COLUMNS = ["term", "kind", "category", "count_a", "count_b", "rate_a", "rate_b", "example"]
_PEOPLE_COLUMNS = ["name", "status", "count_a", "count_b", "example"]
_SECTION_COLUMNS = ["section_b", "heading_b", "section_a", "heading_a", "cosine", "runner_up", "runner_up_cosine"]


# -- small helpers -------------------------------------------------------------

def _empty_document() -> Document:
    return Document(text="", raw="", title=None, metadata={}, sections=[], paragraphs=[], sentences=[])


def _as_doc(x: object, func: str) -> Document:
    if isinstance(x, Document):
        return x
    if isinstance(x, str) and not x.strip():
        return _empty_document()
    if isinstance(x, (str, bytes, bytearray, memoryview, Path)) or hasattr(x, "__fspath__"):
        from ..text.loading import load

        return load(x)  # type: ignore[arg-type]
    raise TypeError(f"{func} expects a Document, a path, bytes or text, not {type(x).__name__}")


def _name(doc: Document, fallback: str) -> str:
    return str(doc.metadata.get("name") or doc.title or fallback)


@lru_cache(maxsize=8)
def _tokenizer_for(lexicon: Lexicon) -> Tokenizer:
    return Tokenizer(lexicon)


def _resolve(lexicon: Lexicon | None, tokenizer: Tokenizer | None, func: str) -> tuple[Lexicon, Tokenizer]:
    if lexicon is not None and not isinstance(lexicon, Lexicon):
        raise InvalidParameterError.build("lexicon", func, "a Lexicon or None", lexicon)
    if tokenizer is not None and not isinstance(tokenizer, Tokenizer):
        raise InvalidParameterError.build("tokenizer", func, "a Tokenizer or None", tokenizer)
    if tokenizer is None:
        if lexicon is None or lexicon == Lexicon.default():
            tokenizer = default_tokenizer()
        else:
            tokenizer = _tokenizer_for(lexicon)
    if lexicon is None:
        lexicon = tokenizer.lexicon
    return lexicon, tokenizer


def _is_content(t: Token) -> bool:
    """The content-token rule of this module (see the module docstring)."""
    if not t.is_word or t.is_stop:
        return False
    if t.is_term:
        return True
    return len(t.text) >= 2 and _RE_LETTER_OR_HAN.search(t.text) is not None


def _units(doc: Document, tokenizer: Tokenizer) -> list[tuple[str, list[Token]]]:
    """``(section_id, tokens)`` for every heading and body sentence."""
    out: list[tuple[str, list[Token]]] = []
    heads = tokenizer.tokenize_headings(doc) if doc.sections else {}
    for sid, toks in heads.items():
        out.append((sid, toks))
    for sent, toks in zip(doc.sentences, tokenizer.tokenize_document(doc)):
        out.append((sent.section_id, toks))
    return out


# -- people --------------------------------------------------------------------------

_RE_ALL_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
#: tag prefixes of one-character tokens that end a name (为, 等, 的, 和 …)
_NAME_END_TAGS = frozenset("pcuyeo")
#: tag prefixes of one-character tokens that are never read as a surname (和, 的: conjunctions,
#: particles, modal words, interjections, onomatopoeia; 于 and 何 stay possible)
_NOT_SURNAME_TAGS = frozenset("cuyeo")
#: tag prefixes of one-character tokens never read as part of a given name (的, 了: particles,
#: modal words, interjections, onomatopoeia; 和 stays possible: 魏凤和)
_NOT_GIVEN_TAGS = frozenset("uyeo")
#: tokens that separate the items of a list
_LIST_SEPARATORS = frozenset(("、",))
_OPEN, _CLOSE = frozenset(("（", "(")), frozenset(("）", ")"))
_WEAK, _STRONG = 1, 2


@lru_cache(maxsize=1)
def _surname_logp() -> dict[str, float]:
    """Character → log P(character | B-nr) of jieba's part-of-speech HMM (cached).

    Read from jieba's ``posseg/prob_emit.py`` without importing
    ``jieba.posseg`` (which builds its whole tagger, about 0.4 s); an empty
    table when the file cannot be read (names then need a dictionary tag).
    """
    import importlib.util
    import os

    try:
        spec = importlib.util.find_spec("jieba")
        if spec is None or spec.origin is None:  # pragma: no cover - declared dependency
            return {}
        path = os.path.join(os.path.dirname(spec.origin), "posseg", "prob_emit.py")
        mspec = importlib.util.spec_from_file_location("_policytext_jieba_prob_emit", path)
        if mspec is None or mspec.loader is None:  # pragma: no cover
            return {}
        module = importlib.util.module_from_spec(mspec)
        mspec.loader.exec_module(module)
        return {k: float(v) for k, v in module.P[("B", "nr")].items()}
    except (OSError, ImportError, AttributeError, KeyError, TypeError, ValueError, SyntaxError):  # pragma: no cover
        return {}


def _nameable(t: Token) -> bool:
    """A word token that may be part of a name: Han characters only, not a lexicon term."""
    return t[4] == "word" and _RE_ALL_HAN.fullmatch(t[0]) is not None


def _loose(t: Token) -> bool:
    """A one-character content token: a name is never cut out of a run of these."""
    return len(t[0]) == 1 and _nameable(t) and t[3][:1] not in _NAME_END_TAGS


def _is_surname(t: Token, surname: dict[str, float]) -> bool:
    """A one-character word token that may begin a name (module docstring)."""
    return surname.get(t[0], -math.inf) >= SURNAME_LOGP and t[3][:1] not in _NOT_SURNAME_TAGS


def _name_shape(toks: Sequence[Token], surname: dict[str, float]) -> int:
    """0 (not a name), :data:`_WEAK` or :data:`_STRONG` (see the module docstring)."""
    if not toks or not all(map(_nameable, toks)):
        return 0
    n = sum(len(t[0]) for t in toks)
    first = toks[0]
    if len(toks) == 1:
        if 2 <= n <= 3 and first[3] in NAME_TAGS:  # jieba tags many two-character words nr (弘扬, 文明)
            return _WEAK if n == 2 and first[3] == "nr" else _STRONG
        if n == 3 and surname.get(first[0][0], -math.inf) >= SURNAME_LOGP:
            return _WEAK
        return 0
    if len(first[0]) == 1:
        if not 2 <= n <= 3 or not _is_surname(first, surname):
            return 0
        rest = toks[1:]
        if all(len(t[0]) == 1 for t in rest):
            return _STRONG if all(t[3][:1] not in _NOT_GIVEN_TAGS for t in rest) else 0
        return _STRONG if rest[0][3] in NAME_TAGS else _WEAK  # one two-character token
    if len(first[0]) == 2 and first[3] in NAME_TAGS and n <= 4:
        return _WEAK
    if len(first[0]) == 2 and n == 3 and surname.get(first[0][0], -math.inf) >= SURNAME_LOGP:
        return _WEAK  # 万庆|良
    return 0


def _note_start(toks: Sequence[Token], end: int) -> int:
    """``end``, or the start of a parenthesised note just before it (喻红秋（女）)."""
    if end and toks[end - 1][0] in _CLOSE:
        for k in range(end - 2, max(end - 6, -1), -1):
            if toks[k][0] in _OPEN:
                return k
    return end


def _trailing_name(toks: Sequence[Token], lo: int, end: int,
                   surname: dict[str, float]) -> tuple[int, int, int] | None:
    """The name that ends at ``end`` (``toks[lo:end]`` may hold it): ``(start, end, shape)``.

    Of the shapes ending there, the one whose first character is the likeliest
    surname, then the longest (关于|唐仁健: 唐 beats 仁).
    """
    end = _note_start(toks, end)
    best: tuple[tuple[float, int], int, int] | None = None
    chars = 0
    for k in range(end - 1, lo - 1, -1):
        if not _nameable(toks[k]):
            break
        chars += len(toks[k][0])
        if chars > 4:
            break
        if k > lo and _loose(toks[k - 1]):
            continue
        shape = _name_shape(toks[k:end], surname)
        if shape:
            key = (surname.get(toks[k][0][0], -math.inf), end - k)
            if best is None or key > best[0]:
                best = (key, k, shape)
    return None if best is None else (best[1], end, best[2])


def _leading_name(toks: Sequence[Token], start: int, hi: int, surname: dict[str, float],
                  frequent: Callable[[str], bool]) -> tuple[int, int, int] | None:
    """The longest name that starts at ``start`` (and ends before ``hi``): ``(start, end, shape)``.

    A very frequent one-character function word ends it (卢红|为中央委员会委员; not 周本|顺).
    """
    best = None
    chars = 0
    for k in range(start, hi):
        t = toks[k]
        if not _nameable(t) or (k > start and len(t[0]) == 1 and t[3][:1] in _NAME_END_TAGS and frequent(t[0])):
            break
        chars += len(t[0])
        if chars > 4:
            break
        if k + 1 < hi and _loose(toks[k + 1]):
            continue
        shape = _name_shape(toks[start:k + 1], surname)
        if shape:
            best = (start, k + 1, shape)
    return best


def _parallel(items: Sequence[str]) -> bool:
    """True when all items share a character at the same non-initial position (天更蓝、山更绿)."""
    if len(items) < 2:
        return False
    m = min(map(len, items))
    return any(len({x[p] for x in items}) == 1 for p in range(1, m))


def _list_chains(toks: Sequence[Token], surname: dict[str, float],
                 frequent: Callable[[str], bool]) -> list[list[tuple[str, int]]]:
    """The lists of one unit: chains of items ``(text, shape)`` separated by 、 or spaces.

    An item between two separators is the whole segment (a parenthesised note
    left out) when it is 2–4 Han characters, shaped or not; a segment holding
    more ends one chain with the name at its start and opens the next with the
    name at its end.
    """
    seps = [k for k, t in enumerate(toks) if t[0] in _LIST_SEPARATORS or t[4] == "space"]
    if not seps:
        return []
    n = len(toks)
    bounds = [-1, *seps, n]
    chains: list[list[tuple[str, int]]] = []
    chain: list[tuple[str, int]] = []
    for lo, hi in zip([b + 1 for b in bounds[:-1]], bounds[1:]):
        if lo >= hi:  # two separators in a row
            continue
        if 0 < lo and hi < n:  # between two separators
            end = _note_start(toks, hi)
            seg = toks[lo:end]
            if seg and all(map(_nameable, seg)) and 2 <= sum(len(t[0]) for t in seg) <= 4:
                chain.append(("".join(t[0] for t in seg), _name_shape(seg, surname)))
                continue
        if lo > 0:
            lead = _leading_name(toks, lo, hi, surname, frequent)
            if lead:
                chain.append(("".join(t[0] for t in toks[lead[0]:lead[1]]), lead[2]))
            if chain:
                chains.append(chain)
            chain = []
        if hi < n:
            trail = _trailing_name(toks, lo, hi, surname)
            if trail:
                chain.append(("".join(t[0] for t in toks[trail[0]:trail[1]]), trail[2]))
    if chain:
        chains.append(chain)
    return chains


def _detect_people(units: Sequence[Sequence[Token]], dictionary: str | None = None) -> list[str]:
    """Person names in a document's token units, in order of first detection (module docstring).

    ``dictionary``: the tokenizer's jieba dictionary (for word frequencies).
    """
    from ..tokens.tokenizer import _bands

    bands = _bands(dictionary)

    def frequent(word: str) -> bool:
        return bands.get(word) >= FREQUENT_WORD

    surname = _surname_logp()
    found: dict[str, None] = {}
    pending: list[list[str]] = []
    for toks in units:
        for k, t in enumerate(toks):
            if k and (t[0] == "同志" or (t[0] == "就" and k + 1 < len(toks) and toks[k + 1][0][:1] == "《")):
                name = _trailing_name(toks, 0, k, surname)
                if name and name[1] == k:  # no note between the name and its title
                    found.setdefault("".join(x[0] for x in toks[name[0]:k]))
        for items in _list_chains(toks, surname, frequent):
            names = [x for x, _ in items]
            shaped = sum(1 for _, s in items if s)
            strong = sum(1 for _, s in items if s == _STRONG)
            if shaped < 2 or 2 * shaped < len(items) or _parallel(names):
                continue
            if strong >= MIN_STRONG_NAMES or (strong >= MIN_STRONG_NAMES - 1 and shaped == len(items) >= 3) or (
                    strong == len(items) == 2 and all(surname.get(x[0], -math.inf) >= COMMON_SURNAME_LOGP
                                                      for x in names)):
                found.update(dict.fromkeys(names))
            elif strong:
                pending.append([x for x, s in items if s])
    grew = bool(pending)
    while grew:  # short lists that hold a name accepted elsewhere
        grew = False
        for names in pending:
            if any(x in found for x in names) and not all(x in found for x in names):
                found.update(dict.fromkeys(names))
                grew = True
    return list(found)


@dataclass(frozen=True)
class _Words:
    """The word tokens (kinds word, term, numbered) of a document's units, in order.

    Parallel sequences: span, norm, whether the token may open a phrase
    (``first_ok``: a phrase token that is not a stopword), close it
    (``last_ok``: a nominal phrase token), serve as a phrase's neighbour in the
    maximality test (``neighbour_ok``: a phrase token that is not a stopword),
    and its *run*: a maximal sequence of adjacent phrase tokens of one unit
    (every other token is a run of its own). See the module docstring.
    """

    start: Any  # numpy int64
    end: Any  # numpy int64
    norm: list[str]
    first_ok: Any  # numpy bool
    last_ok: Any  # numpy bool
    neighbour_ok: Any  # numpy bool
    run: Any  # numpy int64, non-decreasing


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


_WORD_KINDS = frozenset(("word", "term", "numbered"))
# phrase roles of a token type (bit flags); _SHORT: a one-character adjective; _CANDIDATE: a keyword
# candidate of policytext.analysis.keyterms (anything else after a word is a boundary)
_NOMINAL, _MODIFIER, _STOP, _VERB, _SHORT, _CANDIDATE = 1, 2, 4, 8, 256, 512
# cues of a person name in a unit (bit flags): a name-tagged word of a strong shape (nrfg, nrt),
# a possible surname, a token that may follow a surname in a strong shape, a title (同志, 就)
_NAME_CUE, _SURNAME_CUE, _GIVEN_CUE, _TITLE_CUE = 16, 32, 64, 128


def _phrase_role(t: Token) -> int:
    """The phrase role of a word token: :data:`_NOMINAL`, :data:`_MODIFIER`, :data:`_STOP`, :data:`_VERB` bits.

    A lexicon term is nominal unless it is a numbered formulation (which stands
    alone); another word is nominal with a tag of
    :data:`policytext.analysis.keyterms.PHRASE_TAGS`, a modifier with a tag of
    :data:`MODIFIER_TAGS` (both need a Han character; a one-character
    adjective also carries :data:`_SHORT`); stopwords carry :data:`_STOP`,
    verbs (``v…`` tags other than ``vn``) :data:`_VERB`, keyword candidates of
    :mod:`policytext.analysis.keyterms` (terms; other words of two characters or more
    with a tag of ``CANDIDATE_TAGS``/``CANDIDATE_EXTRA``) :data:`_CANDIDATE`.
    (:func:`_profile` computes the same inline, once per token type.)
    """
    if t.category is not None:
        return _CANDIDATE if t.category == "numbered" else _NOMINAL | _CANDIDATE
    role = _STOP if t.is_stop else 0
    if len(t.text) >= 2 and (t.pos[:1] in CANDIDATE_TAGS or t.pos in CANDIDATE_EXTRA):
        role |= _CANDIDATE
    if _RE_HAN.search(t.text) is not None:
        if t.pos in PHRASE_TAGS:
            role |= _NOMINAL
        elif t.pos in MODIFIER_TAGS and (t.pos == "b" or len(t.text) == 1):
            role |= _MODIFIER if t.pos == "b" else _MODIFIER | _SHORT
    if t.pos[:1] == "v" and t.pos not in PHRASE_TAGS:
        role |= _VERB
    return role


def _person_words(names: Sequence[str], text: str, start: Any, end: Any, wpos: Any) -> Any:
    """Boolean mask of the words that make up an occurrence of one of ``names`` (and a 同志 after it).

    An occurrence counts when it starts at a word's start and ends at a word's
    end with no other token between (a name inside a longer word is not marked).
    The title 同志 directly after a name belongs to the mention (no 同志党中央
    out of 习近平同志党中央).
    """
    import numpy as np

    mask = np.zeros(len(start), dtype=bool)
    if not len(start):
        return mask
    # the words are in unit order (headings first): look spans up in sorted copies
    by_start, by_end = np.argsort(start, kind="stable"), np.argsort(end, kind="stable")
    s_sorted, e_sorted = start[by_start], end[by_end]
    for name in names:
        i = text.find(name)
        while i >= 0:
            j = i + len(name)
            a = int(np.searchsorted(s_sorted, i))
            b = int(np.searchsorted(e_sorted, j))
            if a < len(start) and b < len(end) and s_sorted[a] == i and e_sorted[b] == j:
                a, b = int(by_start[a]), int(by_end[b])
            else:
                a, b = 0, -1
            if a <= b and wpos[b] - wpos[a] == b - a:
                mask[a:b + 1] = True
                if b + 1 < len(start) and wpos[b + 1] == wpos[b] + 1 and text.startswith("同志", j) \
                        and end[b + 1] == j + 2:
                    mask[b + 1] = True
            i = text.find(name, i + 1)
    return mask


def _profile(doc: Document, tokenizer: Tokenizer) -> _Profile:
    """The profile of ``doc`` (cached): C-level passes over the tokens, Python work per token type only."""
    key = ("policytext.analysis.comparison.profile", tokenizer.fingerprint)
    cached = doc._cache.get(key)
    if cached is not None:
        return cached
    import numpy as np

    units = _units(doc, tokenizer)
    toks = [t for _, ts in units for t in ts]
    # token fields: 0 text, 1 start, 2 end, 4 kind, 5 category (Token is a NamedTuple)
    is_word = [t[4] in _WORD_KINDS for t in toks]
    words = list(compress(toks, is_word))
    # flags per token type (text, category), from its first occurrence: (norm, content, phrase role)
    # the type key is the text alone when the category is None (a str never equals a tuple)
    types: dict[str | tuple[str, str], int] = {}
    first = list(map(types.setdefault, [t[0] if t[5] is None else (t[0], t[5]) for t in words], count()))
    flags: dict[int, tuple[str, bool, int]] = {}
    cats: dict[str, str] = {}
    han, letter_or_han = _RE_HAN.search, _RE_LETTER_OR_HAN.search
    phrase_tags, modifier_tags = PHRASE_TAGS, MODIFIER_TAGS
    surname = _surname_logp()
    for i in types.values():
        text, _, _, pos, kind, category, term, is_stop = words[i]
        # _is_content(t), _phrase_role(t) for a word token, inlined (equal; checked in the tests)
        if category is not None:  # a lexicon term or a numbered formulation: never a stopword
            f = flags[i] = (term or text, True, _CANDIDATE if category == "numbered" else _NOMINAL | _CANDIDATE)
            cats.setdefault(f[0], category)
            continue
        has_han = han(text) is not None
        role = _STOP if is_stop else 0
        if has_han:
            if pos in phrase_tags:
                role |= _NOMINAL
            elif pos in modifier_tags and (pos == "b" or len(text) == 1):
                role |= _MODIFIER if pos == "b" else _MODIFIER | _SHORT
        if pos[:1] == "v" and pos not in phrase_tags:
            role |= _VERB
        if len(text) >= 2 and (pos[:1] in CANDIDATE_TAGS or pos in CANDIDATE_EXTRA):
            role |= _CANDIDATE
        # cues for _detect_people: a list holds a name only with a strong-shaped item
        if kind == "word" and has_han:
            if len(text) == 1:
                if pos[:1] not in _NOT_GIVEN_TAGS:
                    role |= _GIVEN_CUE | (_SURNAME_CUE if _is_surname(words[i], surname) else 0)
            elif pos in NAME_TAGS:
                role |= _GIVEN_CUE if len(text) == 2 else 0
                role |= _NAME_CUE if len(text) == 3 or pos != "nr" else 0
            if text == "同志" or text == "就":
                role |= _TITLE_CUE
        flags[i] = (term or text, not is_stop and len(text) >= 2 and (has_han or letter_or_han(text) is not None),
                    role)
    per_word = list(map(flags.__getitem__, first))
    norms = [f[0] for f in per_word]
    n = len(words)
    ulen = np.fromiter(map(len, (ts for _, ts in units)), dtype=np.int64, count=len(units))
    unit_of = np.repeat(np.arange(len(units), dtype=np.int64), ulen)
    wpos = np.flatnonzero(np.fromiter(is_word, dtype=bool, count=len(is_word)))
    wunit = unit_of[wpos]
    starts = np.fromiter(map(itemgetter(1), words), dtype=np.int64, count=n)
    ends = np.fromiter(map(itemgetter(2), words), dtype=np.int64, count=n)
    role = np.fromiter(map(itemgetter(2), per_word), dtype=np.int64, count=n)
    # person names: detected on the units with a cue, then every aligned occurrence in the text
    text = doc.text
    cue = (role & _NAME_CUE) != 0
    if n > 1:  # a surname directly before a possible given name
        cue[:-1] |= ((role[:-1] & _SURNAME_CUE) != 0) & ((role[1:] & _GIVEN_CUE) != 0) & \
            (np.diff(wpos) == 1) & (np.diff(wunit) == 0)
    # … in a list: a separator near it (an item has at most 4 tokens, a note （女） 3 more)
    picked = set(np.unique(wunit[(role & _TITLE_CUE) != 0]).tolist())
    ustart = np.concatenate(([0], np.cumsum(ulen)[:-1])) if len(units) else ulen
    for k in np.flatnonzero(cue).tolist():
        u = int(wunit[k])
        if u in picked:
            continue
        ts, p0 = units[u][1], int(wpos[k] - ustart[u])
        if any(ts[q][0] in _LIST_SEPARATORS or ts[q][4] == "space" for q in range(max(p0 - 1, 0), min(p0 + 8, len(ts)))):
            picked.add(u)
    picked_units = sorted(picked)
    people = _detect_people([units[u][1] for u in picked_units], tokenizer.dictionary) if picked_units else []
    person = _person_words(people, text, starts, ends, wpos) if people else None
    content = [f[1] for f in per_word]
    if person is not None:
        for k in np.flatnonzero(person).tolist():
            content[k] = False
    counts = Counter(compress(norms, content))
    # top-level section of every unit; content counts per section
    tops = [sid.split(".", 1)[0] if sid else "" for sid, _ in units]
    sections: dict[str, Counter] = {top: Counter() for top in dict.fromkeys(tops) if top}
    if len(wpos):  # slices of consecutive words with the same top-level section
        top_id = {top: k for k, top in enumerate(dict.fromkeys(tops))}
        wtop = np.array([top_id[top] for top in tops], dtype=np.int64)[wunit]
        cuts = [0, *(np.flatnonzero(np.diff(wtop)) + 1).tolist(), len(wpos)]
        for a, b in pairwise(cuts):
            top = tops[wunit[a]]
            if top:
                sections[top].update(compress(norms[a:b], content[a:b]))
    # phrase tokens: nominal words, and modifiers directly before a phrase token (attributive)
    nominal = (role & _NOMINAL) != 0
    modifier = (role & _MODIFIER) != 0
    if person is not None:
        nominal &= ~person
        modifier &= ~person
    adjacent = np.zeros(n, dtype=bool)  # word k + 1 follows word k directly, in the same unit
    if n > 1:
        adjacent[:-1] = (np.diff(wpos) == 1) & (np.diff(wunit) == 0)
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
    type_of = np.fromiter(first, dtype=np.int64, count=n)
    can_end = np.zeros(n, dtype=bool)
    can_end[type_of[boundary]] = True
    can_end = can_end[type_of]
    new_run = np.ones(n, dtype=bool)
    if n > 1:
        new_run[1:] = ~(member[1:] & member[:-1] & adjacent[:-1])
    word_data = _Words(
        start=starts,
        end=ends,
        norm=norms,
        first_ok=member & not_stop,
        last_ok=member & nominal & can_end,
        neighbour_ok=member & not_stop,
        run=np.cumsum(new_run),
    )
    vocab = frozenset(f[0] for f in flags.values())
    prof = _Profile(counts, cats, sum(counts.values()), len(doc.text), sections, vocab, word_data, tuple(people))
    doc._cache[key] = prof
    return prof


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
    """An Aho-Corasick automaton over every form of ``lexicon`` and form → terms."""
    from ..tokens.tokenizer import _automaton

    terms_of: dict[str, list[str]] = {}
    for term, forms in _lexicon_forms(lexicon).items():
        for f in forms:
            terms_of.setdefault(f, []).append(term)
    if not terms_of:
        return None, {}
    forms = list(terms_of)
    return (_automaton(forms), forms), {f: tuple(t) for f, t in terms_of.items()}


def _lexicon_counts(doc: Document, lexicon: Lexicon) -> dict[str, int]:
    """Substring counts of every lexicon term that occurs in ``doc.text`` (cached).

    Equal to ``text.count(term)`` for a term without aliases; with aliases, the
    non-overlapping occurrences of any form, longest form first at each
    position (what a regex alternation of the forms, longest first, finds).
    """
    key = ("policytext.analysis.comparison.lexcounts", lexicon.fingerprint)
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
    doc._cache[("policytext.analysis.comparison.lexfirst", lexicon.fingerprint)] = first
    return out


def _lexicon_first(doc: Document, lexicon: Lexicon) -> dict[str, int]:
    """Start of the first occurrence of any form of every lexicon term in ``doc.text`` (cached).

    Equal to ``min(doc.text.find(f) for f in forms)`` over the term's forms
    that occur: the automaton of :func:`_lexicon_counts` reports every
    occurrence of every form.
    """
    key = ("policytext.analysis.comparison.lexfirst", lexicon.fingerprint)
    first = doc._cache.get(key)
    if first is None:
        doc._cache.pop(("policytext.analysis.comparison.lexcounts", lexicon.fingerprint), None)
        _lexicon_counts(doc, lexicon)
        first = doc._cache[key]
    return first


_SEP = "\x00"


def _joined_sentences(doc: Document) -> tuple[str | None, list[int]]:
    """The sentence texts joined by NUL and the start of each in the joined string (cached).

    ``None`` instead of the string when a sentence contains NUL itself.
    """
    key = ("policytext.analysis.comparison.sentences",)
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
    starts = doc._cache.get("policytext.analysis.comparison.sentence_starts")
    if starts is None:
        starts = doc._cache["policytext.analysis.comparison.sentence_starts"] = [s.start for s in doc.sentences]
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


# -- keyness ---------------------------------------------------------------------

def _xlogx_ratio(o: Any, e: Any) -> Any:
    """``o * ln(o / e)`` elementwise, with 0 ln 0 = 0."""
    import numpy as np

    o = np.asarray(o, dtype=float)
    e = np.asarray(e, dtype=float)
    out = np.zeros_like(o)
    mask = o > 0
    out[mask] = o[mask] * np.log(o[mask] / e[mask])
    return out


def g2_keyness(count_a: Any, count_b: Any, n_a: int, n_b: int) -> tuple[Any, Any, Any]:
    """Signed log-likelihood G², its p-value and Hardie's log ratio.

    G² is Dunning's log-likelihood over the full 2×2 table (term vs. other
    tokens, document a vs. b), without continuity correction::

        G² = 2 Σ O ln(O / E),   E = row total × column total / N

    It is signed ``+`` when the term's relative frequency is higher in ``b``.
    The p-value is the upper tail of χ² with one degree of freedom,
    ``erfc(sqrt(G² / 2))``. The log ratio (Hardie 2014) is
    ``log2((count_b / n_b) / (count_a / n_a))`` where a zero count is replaced
    by 0.5 (Hardie's correction; a document without tokens counts as size 1).

    Parameters
    ----------
    count_a, count_b : array-like of int
        Counts of each term in a and b.
    n_a, n_b : int
        Total numbers of (content) tokens in a and b.

    Returns
    -------
    (g2, p, log_ratio) : three numpy arrays

    References
    ----------
    Dunning, T. (1993). Accurate methods for the statistics of surprise and
    coincidence. *Computational Linguistics* 19(1), 61–74.
    Hardie, A. (2014). Log Ratio – an informal introduction. ESRC Centre for
    Corpus Approaches to Social Science (CASS).

    Examples
    --------
    >>> import policytext as pt
    >>> g2, p, lr = g2_keyness([10], [30], 1000, 1000)
    >>> round(float(g2[0]), 4), round(float(lr[0]), 4)
    (10.669, 1.585)
    """
    import numpy as np

    a = np.asarray(count_a, dtype=float)
    b = np.asarray(count_b, dtype=float)
    n = float(n_a + n_b)
    if n <= 0:
        z = np.zeros_like(a)
        return z, np.ones_like(a), z.copy()
    row_term = a + b
    row_other = (n_a - a) + (n_b - b)
    e_a = n_a * row_term / n
    e_b = n_b * row_term / n
    e_c = n_a * row_other / n
    e_d = n_b * row_other / n
    g2 = 2.0 * (_xlogx_ratio(a, e_a) + _xlogx_ratio(b, e_b)
                + _xlogx_ratio(n_a - a, e_c) + _xlogx_ratio(n_b - b, e_d))
    # exact zero when the relative frequencies are equal (a·n_b == b·n_a)
    equal = a * n_b == b * n_a
    g2 = np.where(equal, 0.0, np.maximum(g2, 0.0))
    sign = np.where(b * n_a > a * n_b, 1.0, -1.0)
    g2 = np.where(equal, 0.0, sign * g2)
    # math.erfc per value (np.sqrt is correctly rounded like math.sqrt)
    p = np.array(list(map(math.erfc, np.sqrt(np.abs(g2) / 2.0).tolist())), dtype=float)
    ca = np.where(a > 0, a, 0.5)
    cb = np.where(b > 0, b, 0.5)
    lr = np.log2((cb / max(n_b, 1)) / (ca / max(n_a, 1)))
    lr = np.where(equal & (a > 0), 0.0, lr)
    return g2, p, lr


def _keyness_frame(pa: _Profile, pb: _Profile, *, per: float, terms: list[str] | None = None,
                   mentions: tuple[Mapping[str, int], Mapping[str, int]] | None = None) -> pd.DataFrame:
    """``terms``: the sorted union of both documents' content terms, when known.

    ``mentions``: the lexicon terms' counts in each text (:func:`_lexicon_counts`); a lexicon
    term counts every mention, also inside a longer term (十五五 in “十五五”规划), as in
    ``new_terms`` and :func:`term_trajectories`, so one report never gives two counts."""
    import numpy as np
    import pandas as pd

    if terms is None:
        terms = sorted(set(pa.counts) | set(pb.counts))
    if not terms:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in zip(
            _KEYNESS_COLUMNS, ["object", "object", "int64", "int64", "float64", "float64", "float64", "float64", "float64"])})
    n = len(terms)
    ca = np.fromiter(map(pa.counts.get, terms, repeat(0)), dtype=np.int64, count=n)
    cb = np.fromiter(map(pb.counts.get, terms, repeat(0)), dtype=np.int64, count=n)
    if mentions is not None:
        ma, mb = mentions
        for i, t in enumerate(terms):
            if t in ma or t in mb:
                ca[i] = max(ca[i], ma.get(t, 0))
                cb[i] = max(cb[i], mb.get(t, 0))
    # a mention in the title is outside the profile's tokens: the totals hold at least the counts
    g2, p, lr = g2_keyness(ca, cb, max(pa.n_tokens, int(ca.sum())), max(pb.n_tokens, int(cb.sum())))
    # rows by signed G2 descending, then total count descending, then term (``terms`` is sorted
    # and lexsort is stable): the order of a stable pandas sort on the three columns
    order = np.lexsort((-(ca + cb), -g2))
    categories = {**pa.categories, **pb.categories}  # b's category first (values are non-empty)
    ca, cb = ca[order], cb[order]
    return pd.DataFrame({
        "term": [terms[i] for i in order.tolist()],
        "category": [categories.get(terms[i]) for i in order.tolist()],
        "count_a": ca,
        "count_b": cb,
        # int * int / int in float64 equals Python's correctly rounded int division for counts < 2**53
        "rate_a": ca * per / pa.chars if pa.chars else np.zeros(n),
        "rate_b": cb * per / pb.chars if pb.chars else np.zeros(n),
        "g2": g2[order],
        "p": p[order],
        "log_ratio": lr[order],
    })


# -- phrases -----------------------------------------------------------------------

def _phrase_candidates(doc: Document, tokenizer: Tokenizer, *, max_n: int,
                       min_count: int) -> dict[str, _Candidate]:
    """Phrase n-grams (see the module docstring) seen ``min_count`` times or more (cached).

    The n-grams ``(i, j)`` (word indices, ``j - i < max_n``, same run of
    phrase tokens, ``i`` may open and ``j`` close a phrase) are found with
    numpy, one shift at a time, and listed in ``(i, j)`` order; their strings
    are counted at C level; only the occurrences of the frequent ones get a
    Python step.
    """
    key = ("policytext.analysis.comparison.ngrams", tokenizer.fingerprint, max_n, min_count)
    cached = doc._cache.get(key)
    if cached is not None:
        return cached
    import numpy as np

    text = doc.text
    w = _profile(doc, tokenizer).words
    n = len(w.norm)
    firsts, lasts = [], []
    for d in range(1, max_n):
        if d >= n:
            break
        i = np.flatnonzero(w.first_ok[:-d] & w.last_ok[d:] & (w.run[:-d] == w.run[d:]))
        firsts.append(i)
        lasts.append(i + d)
    cands: dict[str, _Candidate] = {}
    if not firsts:
        doc._cache[key] = cands
        return cands
    first = np.concatenate(firsts)
    last = np.concatenate(lasts)
    order = np.lexsort((last, first))  # by first word, then last word: the order of the token runs
    first, last = first[order], last[order]
    starts, ends = w.start[first].tolist(), w.end[last].tolist()
    phrases = [text[s:e] for s, e in zip(starts, ends)]
    freq = Counter(phrases)
    if min_count > 1:
        picked = np.flatnonzero(np.fromiter(map(freq.__getitem__, phrases), dtype=np.int64, count=len(phrases))
                                >= min_count)
        first, last = first[picked], last[picked]
        picked_list = picked.tolist()
        phrases = [phrases[k] for k in picked_list]
        starts = [starts[k] for k in picked_list]
        ends = [ends[k] for k in picked_list]
    if phrases:
        # the neighbours in the run: the phrase token before i (after j), if it is not a stopword
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
        for phrase, i, j, s, e, left, right, more in zip(phrases, first.tolist(), last.tolist(), starts, ends,
                                                          lefts, rights, inner[last].tolist()):
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


def novel_phrases(target: Document | str, reference: Document | str, *, tokenizer: Tokenizer | None = None,
                  min_count: int = 2, max_n: int = 4, min_chars: int = 3) -> list[tuple[str, int, float]]:
    """Frequent multi-token phrases of ``target`` that never occur in ``reference``.

    No lexicon is needed. The method:

    1. **Candidates** are nominal, head-final token n-grams
       (``n = 2 … max_n``; the phrase rule of the module docstring, shared
       with :mod:`policytext.analysis.keyterms`): every token is a lexicon term, a
       nominal word (:data:`policytext.analysis.keyterms.PHRASE_TAGS`) or an
       attributive adjective (:data:`MODIFIER_TAGS`); the first is not a
       stopword, the last is nominal. Verbs, adverbs, function words,
       punctuation and person names end a run of phrase tokens, so a phrase
       never ends in a verb or adjective and never crosses a clause.
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
    >>> tk = Tokenizer(Lexicon.empty())
    >>> a = pt.parse("要推动高质量发展。")
    >>> b = pt.parse("要因地制宜发展新质生产力。新质生产力是先进生产力。")
    >>> novel_phrases(b, a, tokenizer=tk)
    [('新质生产力', 2, 1.0)]
    """
    if not isinstance(min_count, int) or min_count < 1:
        raise InvalidParameterError.build("min_count", "novel_phrases", "an int >= 1", min_count)
    if not isinstance(max_n, int) or not 2 <= max_n <= 8:
        raise InvalidParameterError.build("max_n", "novel_phrases", "an int in [2, 8]", max_n)
    if not isinstance(min_chars, int) or min_chars < 1:
        raise InvalidParameterError.build("min_chars", "novel_phrases", "an int >= 1", min_chars)
    tdoc = _as_doc(target, "novel_phrases")
    rdoc = _as_doc(reference, "novel_phrases")
    tk = tokenizer or default_tokenizer()
    ref_text = rdoc.text
    cands = _phrase_candidates(tdoc, tk, max_n=max_n, min_count=min_count)
    pool = [(p, c) for p, c in cands.items() if len(p) >= min_chars and c.maximal and c.head_final]
    if pool and ref_text:  # drop the phrases found in the reference: one Aho-Corasick pass, not one scan each
        import ahocorasick_rs  # the tokenizer's matcher; every pattern is non-empty (min_chars >= 1)

        matcher = ahocorasick_rs.AhoCorasick([p for p, _ in pool])  # standard match kind: overlapping is exhaustive
        found = {k for k, _, _ in matcher.find_matches_as_indexes(ref_text, overlapping=True)}
        pool = [x for k, x in enumerate(pool) if k not in found]
    # longest (in tokens, then characters) first
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

    vocab = _profile(rdoc, tk).vocab
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


# -- novelty tables -----------------------------------------------------------------

def _novel(new_doc: Document, old_doc: Document, *, lexicon: Lexicon, tokenizer: Tokenizer,
           min_count: int, max_n: int, per: float, new_is_b: bool) -> pd.DataFrame:
    import pandas as pd

    rows: dict[str, dict[str, Any]] = {}
    old_text = old_doc.text
    new_chars = len(new_doc.text)

    def add(term: str, kind: str, category: str | None, count: int, forms: Sequence[str],
            novelty: float = 1.0, pos: int | None = None) -> None:
        prev = rows.get(term)
        if prev is not None and _KIND_ORDER[prev["kind"]] <= _KIND_ORDER[kind]:
            return
        rows[term] = {"term": term, "kind": kind, "category": category, "count": count, "forms": tuple(forms),
                      "novelty": novelty, "pos": pos}

    # 1. lexicon terms (substring counts)
    forms_of = _lexicon_forms(lexicon)
    old_counts = _lexicon_counts(old_doc, lexicon)
    first = _lexicon_first(new_doc, lexicon)
    for term, n in _lexicon_counts(new_doc, lexicon).items():
        if term not in old_counts:
            e = lexicon.lookup(term)
            add(term, "lexicon", e.category if e else None, n, forms_of[term], pos=first[term])
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
        add(term, "numbered", "numbered", n, forms)
    # 3. frequent new phrases (no lexicon needed)
    for phrase, n, novelty in novel_phrases(new_doc, old_doc, tokenizer=tokenizer, min_count=min_count,
                                            max_n=max_n):
        canon = lexicon.canonical(phrase)
        if canon in rows or canon in old_counts:
            continue
        e = lexicon.lookup(phrase)
        add(canon, "lexicon" if e else "phrase", e.category if e else None, n, (phrase,), novelty)

    # person names are not terms (they are in Comparison.people), even when a lexicon lists one
    for name in _profile(new_doc, tokenizer).people:
        rows.pop(name, None)
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in zip(
            _NOVEL_COLUMNS, ["object", "object", "object", "int64", "int64", "float64", "float64", "object"])})
    ordered = sorted(rows.values(), key=lambda r: (-r["count"], _KIND_ORDER[r["kind"]], -r["novelty"],
                                                  -len(r["term"]), r["term"]))
    rate = [r["count"] * per / new_chars if new_chars else 0.0 for r in ordered]
    counts = [r["count"] for r in ordered]
    zeros = [0] * len(ordered)
    df = pd.DataFrame({
        "term": [r["term"] for r in ordered],
        "kind": [r["kind"] for r in ordered],
        "category": [r["category"] for r in ordered],
        "count_a": zeros if new_is_b else counts,
        "count_b": counts if new_is_b else zeros,
        "rate_a": [0.0] * len(ordered) if new_is_b else rate,
        "rate_b": rate if new_is_b else [0.0] * len(ordered),
        "example": [_example(new_doc, r["forms"], r["pos"]) for r in ordered],
    })
    return df


def _people_frame(da: Document, db: Document, pa: _Profile, pb: _Profile) -> pd.DataFrame:
    """Names detected in one document whose string never occurs in the other (see the module docstring)."""
    import pandas as pd

    rows = []
    for doc, other, prof, status in ((db, da, pb, "new"), (da, db, pa, "dropped")):
        text, other_text = doc.text, other.text
        for name in prof.people:
            if name in other_text:
                continue
            n = text.count(name)
            rows.append((status, -n, text.find(name), name, n, _example(doc, (name,))))
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in zip(
            _PEOPLE_COLUMNS, ["object", "object", "int64", "int64", "object"])})
    rows.sort(key=lambda r: (r[0] != "new", r[1], r[2], r[3]))  # new first, then count, then first position
    return pd.DataFrame({
        "name": [r[3] for r in rows],
        "status": [r[0] for r in rows],
        "count_a": [0 if r[0] == "new" else r[4] for r in rows],
        "count_b": [r[4] if r[0] == "new" else 0 for r in rows],
        "example": [r[5] for r in rows],
    }, columns=_PEOPLE_COLUMNS)


def _empty_people() -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in zip(
        _PEOPLE_COLUMNS, ["object", "object", "int64", "int64", "object"])})


# -- similarity ---------------------------------------------------------------------

@dataclass(frozen=True)
class Similarity:
    """Similarity of two documents.

    Attributes
    ----------
    cosine : float
        Cosine of the TF-IDF vectors over content terms. IDF is computed over
        the two documents, ``idf = ln(3 / (1 + df)) + 1`` (scikit-learn's
        smoothed IDF with n = 2), so shared terms weigh 1 and terms of only one
        document ``1 + ln 1.5``. Identical term counts give exactly 1.0 (also
        for two documents without content terms).
    jaccard : float
        ``|A ∩ B| / |A ∪ B|`` over the sets of content terms (1.0 when both are empty).
    shared, only_a, only_b : int
        Sizes of the intersection and of the two differences.
    """

    cosine: float
    jaccard: float
    shared: int
    only_a: int
    only_b: int


def _tfidf_cosine(vectors: Sequence[Counter], terms: Sequence[str] | None = None) -> Any:
    """Pairwise cosine matrix of TF-IDF vectors (IDF over ``vectors``).

    ``terms``: the sorted union of the vectors' keys, when the caller has it.
    Columns follow the sorted terms (the summation order of the dot products).
    """
    import numpy as np

    n = len(vectors)
    keys = list(chain.from_iterable(vectors))
    if terms is None:
        terms = sorted(set(keys))
    if not terms:
        return np.zeros((n, n))
    vocab = dict(zip(terms, range(len(terms))))
    cols = np.fromiter(map(vocab.__getitem__, keys), dtype=np.int64, count=len(keys))
    rows = np.repeat(np.arange(n), [len(v) for v in vectors])
    df = np.bincount(cols, minlength=len(terms))  # documents containing each term (keys are unique per vector)
    # idf by document frequency (1 … n), with math.log
    idf_of = np.array([0.0] + [math.log((1 + n) / (1 + k)) + 1.0 for k in range(1, n + 1)])
    m = np.zeros((n, len(terms)))
    m[rows, cols] = np.fromiter(chain.from_iterable(v.values() for v in vectors), dtype=float, count=len(keys))
    m *= idf_of[df]
    norms = np.linalg.norm(m, axis=1)
    norms[norms == 0] = 1.0
    m /= norms[:, None]
    return np.clip(m @ m.T, 0.0, 1.0)


def _similarity(pa: _Profile, pb: _Profile, terms: Sequence[str] | None = None) -> Similarity:
    """``terms``: the sorted union of both documents' content terms, when known."""
    sa, sb = set(pa.counts), set(pb.counts)
    shared = len(sa & sb)
    union = len(sa | sb)
    jac = shared / union if union else 1.0
    if pa.counts == pb.counts:
        cos = 1.0
    else:
        cos = float(_tfidf_cosine([pa.counts, pb.counts], terms)[0, 1])
    return Similarity(cosine=cos, jaccard=jac, shared=shared, only_a=len(sa - sb), only_b=len(sb - sa))


def _section_vectors(doc: Document, tokenizer: Tokenizer) -> list[tuple[str, str, Counter]]:
    by_id = _profile(doc, tokenizer).sections
    return [(sec.id, sec.heading, by_id.get(sec.id, Counter())) for sec in doc.sections]


def _sections_frame(a: Document, b: Document, tokenizer: Tokenizer) -> pd.DataFrame:
    import pandas as pd

    va = _section_vectors(a, tokenizer)
    vb = _section_vectors(b, tokenizer)
    if not va or not vb:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in zip(
            _SECTION_COLUMNS, ["object", "object", "object", "object", "float64", "object", "float64"])})
    sim = _tfidf_cosine([v for _, _, v in va] + [v for _, _, v in vb])
    rows = []
    for j, (sid_b, head_b, _) in enumerate(vb):
        scores = sim[len(va) + j, : len(va)]
        order = sorted(range(len(va)), key=lambda i: (-scores[i], i))
        best = order[0]
        second = order[1] if len(order) > 1 else None
        rows.append({
            "section_b": sid_b, "heading_b": head_b,
            "section_a": va[best][0], "heading_a": va[best][1], "cosine": float(scores[best]),
            "runner_up": va[second][0] if second is not None else None,
            "runner_up_cosine": float(scores[second]) if second is not None else float("nan"),
        })
    return pd.DataFrame(rows, columns=_SECTION_COLUMNS)


# -- the result -----------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class Comparison:
    """The result of :func:`compare` (reference ``a``, target ``b``).

    Attributes
    ----------
    a_name, b_name : str
        Names of the documents (metadata ``name``, else title).
    a_date, b_date : str | None
        Their ``metadata["date"]``.
    keyness : pandas.DataFrame
        ``term, category, count_a, count_b, rate_a, rate_b, g2, p, log_ratio``,
        sorted by signed G² descending (``+`` = over-represented in b).
    new_terms, dropped_terms : pandas.DataFrame
        ``term, kind, category, count_a, count_b, rate_a, rate_b, example``;
        ``kind`` is ``"lexicon"`` (a term or alias of the lexicon, counted as
        a substring), ``"numbered"`` (a numbered formulation found by
        :func:`policytext.find_numbered` that the lexicon lacks) or
        ``"phrase"`` (:func:`novel_phrases`). Ranked by count (descending),
        then kind (lexicon, numbered, phrase), then novelty (share of a
        phrase's tokens unknown to the other document), then length (longer
        first). ``example`` is the sentence of the first occurrence. Person
        names are never among them.
    similarity : Similarity
    sections : pandas.DataFrame
        ``section_b, heading_b, section_a, heading_a, cosine, runner_up,
        runner_up_cosine``: the best-matching top-level section of a for every
        top-level section of b (empty when either has no sections).
    info : dict
        Sizes (characters, content tokens), the per-characters unit of the
        rates and the lexicon fingerprint.
    people : pandas.DataFrame
        ``name, status, count_a, count_b, example``: person names (rule in the
        module docstring) that occur in b and nowhere in a (``status="new"``)
        or in a and nowhere in b (``"dropped"``), with their substring counts
        and the sentence of the first occurrence. New names first, then by
        count (descending), then by first position in the document.
    """

    a_name: str
    b_name: str
    a_date: str | None
    b_date: str | None
    keyness: pd.DataFrame = field(repr=False)
    new_terms: pd.DataFrame = field(repr=False)
    dropped_terms: pd.DataFrame = field(repr=False)
    similarity: Similarity
    sections: pd.DataFrame = field(repr=False)
    info: dict[str, Any] = field(default_factory=dict, repr=False)
    people: pd.DataFrame = field(default_factory=_empty_people, repr=False)

    def __repr__(self) -> str:
        return (f"Comparison(a={self.a_name!r}, b={self.b_name!r}, new={len(self.new_terms)}, "
                f"dropped={len(self.dropped_terms)}, people={len(self.people)}, "
                f"cosine={self.similarity.cosine:.3f})")

    # -- rendering ---------------------------------------------------------------
    def _tables(self, top: int) -> list[tuple[str, list[str], list[list[str]]]]:
        def fmt(x: Any, nd: int = 2) -> str:
            if isinstance(x, float):
                if math.isnan(x):
                    return ""
                return f"{x:.{nd}f}"
            return "" if x is None else str(x)

        novel_cols = ["term", "kind", "category", "count", "rate", "example"]

        def novel_rows(df: pd.DataFrame, side: str) -> list[list[str]]:
            return [[fmt(r.term), fmt(r.kind), fmt(r.category), fmt(getattr(r, f"count_{side}")),
                     fmt(getattr(r, f"rate_{side}")), _excerpt(fmt(r.example), fmt(r.term))]
                    for r in df.head(top).itertuples(index=False)]

        k = self.keyness
        up = k[k["g2"] > 0].head(top)
        down = k[k["g2"] < 0].iloc[::-1].head(top)
        key_cols = ["term", "count_a", "count_b", "rate_a", "rate_b", "G²", "p", "log ratio"]

        def key_rows(df: pd.DataFrame) -> list[list[str]]:
            return [[fmt(r.term), fmt(r.count_a), fmt(r.count_b), fmt(r.rate_a), fmt(r.rate_b),
                     fmt(r.g2), f"{r.p:.3g}", fmt(r.log_ratio)] for r in df.itertuples(index=False)]

        sec_rows = [[fmt(r.section_b), fmt(r.heading_b), fmt(r.section_a), fmt(r.heading_a), fmt(r.cosine, 3),
                     fmt(r.runner_up), fmt(r.runner_up_cosine, 3)] for r in self.sections.itertuples(index=False)]
        p = self.people
        people_rows = [[fmt(r.name), fmt(r.status), fmt(r.count_a), fmt(r.count_b), _excerpt(fmt(r.example), fmt(r.name))]
                       for r in p.head(top).itertuples(index=False)]
        n_new = int((p["status"] == "new").sum()) if len(p) else 0
        return [
            (f"New in b ({len(self.new_terms)})", novel_cols, novel_rows(self.new_terms, "b")),
            (f"Dropped from a ({len(self.dropped_terms)})", novel_cols, novel_rows(self.dropped_terms, "a")),
            (f"People ({n_new} new in b, {len(p) - n_new} dropped from a)",
             ["name", "status", "count_a", "count_b", "example"], people_rows),
            ("Key terms of b (G² > 0)", key_cols, key_rows(up)),
            ("Key terms of a (G² < 0)", key_cols, key_rows(down)),
            ("Sections of b → a", ["b", "heading b", "a", "heading a", "cosine", "runner-up", "cosine 2"], sec_rows),
        ]

    def _header_lines(self) -> list[str]:
        s = self.similarity
        da = f" ({self.a_date})" if self.a_date else ""
        db = f" ({self.b_date})" if self.b_date else ""
        return [
            f"a (reference): {self.a_name}{da}",
            f"b (target): {self.b_name}{db}",
            (f"TF-IDF cosine {s.cosine:.3f}; term-set Jaccard {s.jaccard:.3f} "
             f"({s.shared} shared, {s.only_a} only in a, {s.only_b} only in b)"),
            (f"Rates per {self.info.get('per', 10_000):,} characters; G² signed + when over-represented in b; "
             f"lexicon {self.info.get('lexicon', '?')}"),
        ]

    def to_markdown(self, path: str | Path | None = None, *, top: int = 20) -> str:
        """The report as Markdown (written to ``path`` too, when given).

        >>> import policytext as pt
        >>> cmp = compare("要推进改革。", "要推进改革。要发展新质生产力。")
        >>> print(cmp.to_markdown().splitlines()[0])
        # Comparison: a → b
        """
        _check_top(top, "to_markdown")

        def cell(x: str) -> str:  # raw HTML in Markdown reaches the reader's renderer: escape < > too
            return (x.replace("\\", "\\\\").replace("|", "\\|").replace("<", "\\<").replace(">", "\\>")
                    .replace("\n", " "))

        out = [f"# Comparison: {cell(self.a_name)} → {cell(self.b_name)}", ""]
        out += [f"- {cell(line)}" for line in self._header_lines()]
        for title, cols, rows in self._tables(top):
            out += ["", f"## {title}", ""]
            if not rows:
                out.append("(none)")
                continue
            out.append("| " + " | ".join(cols) + " |")
            out.append("|" + "|".join("---" for _ in cols) + "|")
            out += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
        text = "\n".join(out) + "\n"
        if path is not None:
            _write(path, text)
        return text

    def to_html(self, path: str | Path | None = None, *, top: int = 20, full: bool = True) -> str:
        """A self-contained HTML report (every piece of document text escaped).

        ``full=False`` gives a fragment (used by :meth:`_repr_html_`).

        >>> import policytext as pt
        >>> cmp = compare("要推进改革。", "要发展新质生产力<script>。")
        >>> "<script>" in cmp.to_html(), "&lt;script&gt;" in cmp.to_html()
        (False, True)
        """
        _check_top(top, "to_html")
        e = html.escape
        parts = [f"<h2>Comparison: {e(self.a_name)} → {e(self.b_name)}</h2>", "<ul>"]
        parts += [f"<li>{e(line)}</li>" for line in self._header_lines()]
        parts.append("</ul>")
        for title, cols, rows in self._tables(top):
            parts.append(f"<h3>{e(title)}</h3>")
            if not rows:
                parts.append("<p>(none)</p>")
                continue
            parts.append('<table class="policytext-comparison"><thead><tr>'
                         + "".join(f"<th>{e(c)}</th>" for c in cols) + "</tr></thead><tbody>")
            parts += ["<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in rows]
            parts.append("</tbody></table>")
        body = "\n".join(parts)
        if not full:
            text = f'<div class="policytext-comparison">\n{body}\n</div>'
        else:
            text = (
                "<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n"
                f"<title>{e(self.a_name)} → {e(self.b_name)}</title>\n"
                "<style>body{font-family:sans-serif;max-width:72em;margin:2em auto;padding:0 1em}"
                "table{border-collapse:collapse;margin:.5em 0 1.5em}th,td{border:1px solid #ccc;"
                "padding:.2em .5em;vertical-align:top;text-align:left}th{background:#f3f3f3}</style>\n"
                f"</head>\n<body>\n{body}\n</body>\n</html>\n"
            )
        if path is not None:
            _write(path, text)
        return text

    def _repr_html_(self) -> str:
        return self.to_html(top=20, full=False)


def _excerpt(sentence: str, term: str, width: int = 90) -> str:
    """``sentence`` cut to about ``width`` characters around the first ``term``."""
    if len(sentence) <= width:
        return sentence
    i = max(sentence.find(term), 0)
    start = max(0, min(i - (width - len(term)) // 2, len(sentence) - width))
    end = start + width
    return ("…" if start > 0 else "") + sentence[start:end] + ("…" if end < len(sentence) else "")


def _check_top(top: object, func: str) -> None:
    if not isinstance(top, int) or isinstance(top, bool) or top < 1:
        raise InvalidParameterError.build("top", func, "an int in [1, inf)", top)


def _write(path: str | Path, text: str) -> None:
    """Write ``text`` atomically (temporary file in the same folder + ``os.replace``)."""
    from .._files import atomic_path as _atomic

    p = Path(path)
    with _atomic(p) as tmp:
        tmp.write_text(text, encoding="utf-8")


# -- compare ------------------------------------------------------------------------

def compare(a: Any, b: Any, *, lexicon: Lexicon | None = None, tokenizer: Tokenizer | None = None,
            min_count: int = 2, max_n: int = 4, per: int = 10_000) -> Comparison:
    """Compare a target document ``b`` with a reference ``a``.

    Parameters
    ----------
    a, b : Document, path, bytes or str
        The reference and the target; anything :func:`policytext.load`
        accepts (an empty string is an empty document).
    lexicon : Lexicon, optional
        Terms to report as ``kind="lexicon"``; default: the tokenizer's
        lexicon (the shipped one). ``Lexicon.empty()`` relies on numbered
        formulation detection and phrase extraction alone.
    tokenizer : Tokenizer, optional
        Default: a tokenizer with ``lexicon``.
    min_count : int
        Minimum count in the target of a new phrase (:func:`novel_phrases`).
    max_n : int
        Longest phrase in tokens.
    per : int
        Rates are per ``per`` characters.

    Returns
    -------
    Comparison

    Raises
    ------
    TypeError
        If ``a`` or ``b`` is not a document, path, bytes or text.

    Examples
    --------
    >>> import policytext as pt
    >>> cmp = compare("要坚持“两个确立”。要推进改革。", "要推进改革，推进高质量发展。")
    >>> cmp.dropped_terms[["term", "kind", "count_a"]].values.tolist()
    [['两个确立', 'lexicon', 1]]
    >>> cmp.keyness[["term", "count_a", "count_b"]].head(2).values.tolist()
    [['高质量发展', 0, 1], ['推进改革', 1, 1]]
    >>> compare("要推进改革。", "要推进改革。").similarity.cosine
    1.0
    >>> cmp = compare("全会决定，接受秦刚同志辞职申请。",
    ...               "全会决定，递补中央委员会候补委员王建武、刘宁、李佳为中央委员会委员。")
    >>> cmp.people[["name", "status", "count_a", "count_b"]].values.tolist()
    [['王建武', 'new', 0, 1], ['刘宁', 'new', 0, 1], ['李佳', 'new', 0, 1], ['秦刚', 'dropped', 1, 0]]
    """
    if not isinstance(per, int) or isinstance(per, bool) or per < 1:
        raise InvalidParameterError.build("per", "compare", "an int in [1, inf)", per)
    if not isinstance(min_count, int) or min_count < 1:
        raise InvalidParameterError.build("min_count", "compare", "an int >= 1", min_count)
    if not isinstance(max_n, int) or not 2 <= max_n <= 8:
        raise InvalidParameterError.build("max_n", "compare", "an int in [2, 8]", max_n)
    da = _as_doc(a, "compare")
    db = _as_doc(b, "compare")
    lex, tk = _resolve(lexicon, tokenizer, "compare")
    pa, pb = _profile(da, tk), _profile(db, tk)
    terms = sorted(pa.counts.keys() | pb.counts.keys())
    kw = {"lexicon": lex, "tokenizer": tk, "min_count": min_count, "max_n": max_n, "per": per}
    return Comparison(
        a_name=_name(da, "a"),
        b_name=_name(db, "b"),
        a_date=da.metadata.get("date"),
        b_date=db.metadata.get("date"),
        keyness=_keyness_frame(pa, pb, per=per, terms=terms,
                               mentions=(_lexicon_counts(da, lex), _lexicon_counts(db, lex))),
        new_terms=_novel(db, da, new_is_b=True, **kw),  # type: ignore[arg-type]
        dropped_terms=_novel(da, db, new_is_b=False, **kw),  # type: ignore[arg-type]
        similarity=_similarity(pa, pb, terms),
        sections=_sections_frame(da, db, tk),
        info={"per": per, "chars_a": pa.chars, "chars_b": pb.chars, "tokens_a": pa.n_tokens,
              "tokens_b": pb.n_tokens, "lexicon": lex.fingerprint, "min_count": min_count, "max_n": max_n},
        people=_people_frame(da, db, pa, pb),
    )


# -- series ------------------------------------------------------------------------

def _as_docs(docs: Any, func: str) -> list[Document]:
    if isinstance(docs, (str, bytes, Document)) or not isinstance(docs, Iterable):
        raise TypeError(f"{func} expects an iterable of Documents (or a Corpus), not {type(docs).__name__}")
    return [_as_doc(d, func) for d in docs]


def _in_date_order(docs: list[Document]) -> list[Document]:
    """Stable sort by ``metadata["date"]`` (ISO strings); undated documents last."""
    return [d for _, _, d in sorted(
        ((0, str(d.metadata["date"]), d) if d.metadata.get("date") else (1, "", d) for d in docs),
        key=lambda x: (x[0], x[1]))]


def _labels(docs: list[Document], index: str) -> tuple[list[str], str]:
    names = [_name(d, f"doc{i}") for i, d in enumerate(docs)]
    dates = [d.metadata.get("date") for d in docs]
    use_date = index == "date" or (
        index == "auto" and all(dates) and len(set(dates)) == len(dates))
    if use_date:
        return [str(x) if x else names[i] for i, x in enumerate(dates)], "date"
    return names, "document"


def _term_forms(terms: Sequence[str] | None, docs: list[Document], lexicon: Lexicon) -> dict[str, tuple[str, ...]]:
    forms_of = _lexicon_forms(lexicon)
    if terms is None:
        totals: Counter = Counter()
        for d in docs:
            totals.update(_lexicon_counts(d, lexicon))
        chosen = sorted(totals, key=lambda t: (-totals[t], t))
        return {t: forms_of[t] for t in chosen}
    if isinstance(terms, str):
        terms = [terms]
    out: dict[str, tuple[str, ...]] = {}
    for t in terms:
        if not isinstance(t, str) or not t:
            raise InvalidParameterError.build("terms", "term_trajectories", "a sequence of non-empty str or None", t)
        canon = lexicon.canonical(t)
        out[canon] = forms_of.get(canon, (t,))
    return out


def term_counts(docs: Any, terms: Sequence[str] | None = None, *, lexicon: Lexicon | None = None,
                index: Literal["auto", "date", "name"] = "auto") -> pd.DataFrame:
    """Substring counts of terms in a series of documents (documents × terms).

    Same layout as :func:`term_trajectories`, with raw counts instead of rates.

    >>> import policytext as pt
    >>> docs = [pt.parse("要发展新质生产力。", metadata={"date": "2024-07-18"}),
    ...         pt.parse("要构建新发展格局。", metadata={"date": "2020-10-29"})]
    >>> term_counts(docs, ["新发展格局", "新质生产力"]).values.tolist()
    [[1, 0], [0, 1]]
    """
    import pandas as pd

    if index not in ("auto", "date", "name"):
        raise InvalidParameterError.unknown("index", "term_counts", index, ["auto", "date", "name"])
    lex = Lexicon.default() if lexicon is None else lexicon
    ds = _in_date_order(_as_docs(docs, "term_counts"))
    forms = _term_forms(terms, ds, lex)
    labels, index_name = _labels(ds, index)
    lex_terms = {e.term for e in lex}
    data = {}
    for term, fs in forms.items():
        col = []
        for d in ds:
            if term in lex_terms:
                col.append(_lexicon_counts(d, lex).get(term, 0))
            else:
                col.append(_count_forms(d.text, fs))
        data[term] = col
    df = pd.DataFrame(data, index=pd.Index(labels, name=index_name), columns=list(forms), dtype="int64")
    df.columns.name = "term"
    return df


def term_trajectories(docs: Any, terms: Sequence[str] | None = None, *, per: int = 10_000,
                      lexicon: Lexicon | None = None,
                      index: Literal["auto", "date", "name"] = "auto") -> pd.DataFrame:
    """Rates of terms per ``per`` characters across a series of documents.

    Parameters
    ----------
    docs : iterable of Document (or a Corpus, or paths)
        Documents with ``metadata["date"]`` (ISO strings); rows are sorted by
        date, undated documents last.
    terms : sequence of str, optional
        Terms to follow; an alias is mapped to its lexicon term and counted
        with all its forms. Default: every lexicon term that occurs in the
        series, most frequent first.
    per : int
        Rates are occurrences per ``per`` characters of ``doc.text``.
    lexicon : Lexicon, optional
        For aliases and the default term list (default: the shipped lexicon).
    index : "auto", "date" or "name"
        Row labels: ``"auto"`` uses the dates when every document has a
        distinct one, else the document names.

    Returns
    -------
    pandas.DataFrame
        documents × terms. Counts are plain substring counts (see the module
        docstring), so they agree with a text search.

    Examples
    --------
    >>> import policytext as pt
    >>> docs = [pt.parse("要发展新质生产力，新质生产力。", metadata={"date": "2024-07-18"}),
    ...         pt.parse("要构建新发展格局。", metadata={"date": "2020-10-29"})]
    >>> term_trajectories(docs, ["新质生产力"], per=100).round(2)
    term        新质生产力
    date
    2020-10-29   0.00
    2024-07-18  13.33
    """
    if not isinstance(per, int) or isinstance(per, bool) or per < 1:
        raise InvalidParameterError.build("per", "term_trajectories", "an int in [1, inf)", per)
    ds = _in_date_order(_as_docs(docs, "term_trajectories"))
    counts = term_counts(ds, terms, lexicon=lexicon, index=index)
    chars = [max(len(d.text), 1) for d in ds]
    return counts.astype(float).div(chars, axis=0) * per


def first_seen(docs: Any, terms: Sequence[str] | None = None, *, lexicon: Lexicon | None = None) -> pd.DataFrame:
    """Where each term first appears in a dated series.

    Parameters
    ----------
    docs : iterable of Document (or a Corpus, or paths)
        Documents with ``metadata["date"]``; order by date (stable, undated last).
    terms : sequence of str, optional
        Default: every lexicon term that occurs in the series.
    lexicon : Lexicon, optional
        Default: the shipped lexicon.

    Returns
    -------
    pandas.DataFrame
        One row per term: ``term, document, date, count`` (the first document
        containing the term, its date and the substring count there),
        ``n_documents`` (how many documents contain it) and ``total``. Terms
        that never occur have a missing ``document``/``date`` and ``count = 0``. Sorted by
        first date, then by total (descending), then term.

    Examples
    --------
    >>> import policytext as pt
    >>> docs = [pt.parse("要发展新质生产力。", metadata={"date": "2024-07-18", "name": "20-3"}),
    ...         pt.parse("要构建新发展格局。新发展格局", metadata={"date": "2020-10-29", "name": "19-5"})]
    >>> first_seen(docs, ["新质生产力", "新发展格局"])[["term", "document", "count"]].values.tolist()
    [['新发展格局', '19-5', 2], ['新质生产力', '20-3', 1]]
    """
    import pandas as pd

    ds = _in_date_order(_as_docs(docs, "first_seen"))
    counts = term_counts(ds, terms, lexicon=lexicon, index="name")
    names = [_name(d, f"doc{i}") for i, d in enumerate(ds)]
    dates = [d.metadata.get("date") for d in ds]
    rows = []
    for term in counts.columns:
        col = counts[term].tolist()
        first = next((i for i, c in enumerate(col) if c > 0), None)
        rows.append({
            "term": term,
            "document": names[first] if first is not None else None,
            "date": dates[first] if first is not None else None,
            "count": int(col[first]) if first is not None else 0,
            "n_documents": sum(1 for c in col if c > 0),
            "total": int(sum(col)),
            "_order": first if first is not None else len(ds),
        })
    df = pd.DataFrame(rows, columns=["term", "document", "date", "count", "n_documents", "total", "_order"])
    df = df.sort_values(["_order", "total", "term"], ascending=[True, False, True], kind="mergesort")
    return df.drop(columns="_order").reset_index(drop=True)


# -- plots ----------------------------------------------------------------------------

def plot_trajectories(docs_or_frame: Any, terms: Sequence[str] | None, path: str | Path, *,
                      font: str | Path | None = None, per: int = 10_000,
                      title: str | None = None) -> Rendering:
    """Line plot of term rates across a dated series (PNG, SVG or PDF by suffix).

    Uses :func:`policytext.render.figures.new_figure` / :func:`~policytext.render.figures.save_figure`:
    a ``matplotlib.figure.Figure`` on an Agg canvas (pyplot's global state is
    never touched), every text drawn in the shared CJK font setting.

    Parameters
    ----------
    docs_or_frame : DataFrame from :func:`term_trajectories`, or documents
    terms : sequence of str, optional
        Columns to draw (default: all columns of the frame, at most 8 when
        computed from documents).
    path : str or Path
        Output file; the suffix chooses the format.
    font : str or Path, optional
        A font file; default: the shared policytext font setting.
    per : int
        Rate unit when computing from documents.
    title : str, optional

    Returns
    -------
    policytext.render.figures.Rendering
        ``path`` written, ``font`` used and the ``text`` drawn.

    Raises
    ------
    FontError
        The font is missing or lacks a glyph for a label.
    InvalidParameterError
        Unknown file extension.

    Examples
    --------
    >>> import policytext as pt
    >>> import tempfile, os
    >>> docs = [pt.parse("要构建新发展格局。", metadata={"date": "2020-10-29"}),
    ...         pt.parse("要发展新质生产力。", metadata={"date": "2024-07-18"})]
    >>> with tempfile.TemporaryDirectory() as d:
    ...     r = plot_trajectories(docs, ["新发展格局", "新质生产力"], os.path.join(d, "t.png"))
    ...     r.path.stat().st_size > 1000
    True
    """
    import pandas as pd

    from ..render.figures import new_figure, save_figure

    if isinstance(docs_or_frame, pd.DataFrame):
        frame = docs_or_frame if terms is None else docs_or_frame[list(terms)]
        ylabel = "rate"
    else:
        frame = term_trajectories(docs_or_frame, terms, per=per)
        if terms is None:
            frame = frame.iloc[:, :8]
        ylabel = f"per {per:,} characters"
    labels = [str(x) for x in frame.index]
    fig, ax = new_figure(figsize=(max(6.0, 0.6 * len(labels) + 2), 4.5), font=font)
    x = list(range(len(labels)))
    for c in frame.columns:
        ax.plot(x, frame[c].tolist(), marker="o", label=str(c))
    ax.set_xticks(x)
    ax.set_xticklabels(labels, rotation=45, ha="right")
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    if len(frame.columns):
        ax.legend(fontsize="small")
    return save_figure(fig, path, font=font, dpi=150)


def plot_keyness(comparison: Comparison, path: str | Path, top: int = 20, *,
                 font: str | Path | None = None) -> Rendering:
    """Horizontal bar chart of signed G²: the ``top`` key terms of b and of a.

    Parameters
    ----------
    comparison : Comparison
    path : str or Path
        Output file (.png, .svg, .pdf).
    top : int
        Terms per side.
    font : str or Path, optional
        A font file; default: the shared policytext font setting.

    Returns
    -------
    policytext.render.figures.Rendering

    Examples
    --------
    >>> import policytext as pt
    >>> import tempfile, os
    >>> cmp = compare("要推进改革，深化改革。", "要发展新质生产力。")
    >>> with tempfile.TemporaryDirectory() as d:
    ...     plot_keyness(cmp, os.path.join(d, "k.svg")).path.suffix
    '.svg'
    """
    import pandas as pd

    from ..render.figures import new_figure, save_figure

    if not isinstance(comparison, Comparison):
        raise TypeError(f"plot_keyness expects a Comparison, not {type(comparison).__name__}")
    _check_top(top, "plot_keyness")
    k = comparison.keyness
    sel = pd.concat([k[k["g2"] > 0].head(top), k[k["g2"] < 0].tail(top)])
    terms = sel["term"].astype(str).tolist()
    vals = sel["g2"].astype(float).tolist()
    fig, ax = new_figure(figsize=(7.0, max(3.0, 0.28 * len(terms) + 1.5)), font=font)
    y = list(range(len(terms)))[::-1]
    ax.barh(y, vals, color=["#c0392b" if v > 0 else "#2c7fb8" for v in vals])
    ax.set_yticks(y)
    ax.set_yticklabels(terms)
    ax.axvline(0, color="#333", linewidth=0.8)
    ax.set_xlabel(f"signed G² (← {comparison.a_name} | {comparison.b_name} →)")
    return save_figure(fig, path, font=font, dpi=150)


# -- CLI --------------------------------------------------------------------------------
