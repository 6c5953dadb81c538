"""Person names in a document: who a communiqué elects, promotes, expels or mourns.

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

Only the units (sentences, headings) with a *cue* are read: a title, or a
name-tagged word or a surname before a possible given name near a list
separator (:func:`find_people`).

What the document does with each person of the table (``event``: expelled,
removed, promoted, elected …) is read from the clause that names them
(:mod:`policytext.analysis.compare.person_events`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ...text.document import Document
from ...tokens.backends import frequency_bands
from ...tokens.tags import NAME_TAGS
from ...tokens.tokenizer import Token
from ._common import empty_frame
from .mentions import _example
from .person_events import person_event

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "COMMON_SURNAME_LOGP",
    "FREQUENT_WORD",
    "MIN_STRONG_NAMES",
    "SURNAME_LOGP",
    "find_people",
]

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

# cues of a person name in a unit (bit flags; set per word type by .profile._type_flags in one int
# with the phrase roles, bits 1-8 and 256-512): a name-tagged word of a strong shape (nrfg, nrt), a
# possible surname, a token that may follow a surname in a strong shape, a title (同志, 就)
_NAME_CUE, _SURNAME_CUE, _GIVEN_CUE, _TITLE_CUE = 16, 32, 64, 128
#: the titles that name a person (before 同志; before 就《…》)
_TITLES = frozenset(("同志", "就"))

_PEOPLE_COLUMNS = ["name", "status", "event", "count_a", "count_b", "example"]
_PEOPLE_DTYPES = ["object", "object", "object", "int64", "int64", "object"]


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


# -- shapes ------------------------------------------------------------------------------

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


# -- contexts: lists and titles ------------------------------------------------------------

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


_ACCEPT, _PENDING, _REJECT = 2, 1, 0


def _list_verdict(items: Sequence[tuple[str, int]], surname: dict[str, float]) -> int:
    """:data:`_ACCEPT` a list of names, keep it :data:`_PENDING` (context 3) or :data:`_REJECT` it."""
    names = [x for x, _ in items]
    shaped = sum(1 for _, s in items if s)
    strong = sum(1 for _, s in items if s == _STRONG)
    if shaped < 2 or 2 * shaped < len(items) or _parallel(names):
        return _REJECT
    if strong >= MIN_STRONG_NAMES or (strong >= MIN_STRONG_NAMES - 1 and shaped == len(items) >= 3) or (
            strong == len(items) == 2 and all(surname.get(x[0], -math.inf) >= COMMON_SURNAME_LOGP for x in names)):
        return _ACCEPT
    return _PENDING if strong else _REJECT


def _titled_names(toks: Sequence[Token], surname: dict[str, float]) -> list[str]:
    """Names directly before 同志, or before 就《 (context 1)."""
    out = []
    for k, t in enumerate(toks):
        if k and (t[0] == "同志" or (t[0] == "就" and k + 1 < len(toks) and toks[k + 1][0][:1] == "《")):
            name = _trailing_name(toks, 0, k, surname)
            if name and name[1] == k:  # no note between the name and its title
                out.append("".join(x[0] for x in toks[name[0]:k]))
    return out


def _detect_people(units: Sequence[Sequence[Token]], dictionary: str | None = None) -> list[str]:
    """Person names in a document's token units, in order of first detection (module docstring).

    ``dictionary``: the tokenizer's jieba dictionary (for word frequencies).
    """
    bands = frequency_bands(dictionary)

    def frequent(word: str) -> bool:
        return bands.get(word) >= FREQUENT_WORD

    surname = _surname_logp()
    found: dict[str, None] = {}
    pending: list[list[str]] = []
    for toks in units:
        found.update(dict.fromkeys(_titled_names(toks, surname)))
        for items in _list_chains(toks, surname, frequent):
            verdict = _list_verdict(items, surname)
            if verdict == _ACCEPT:
                found.update(dict.fromkeys(x for x, _ in items))
            elif verdict == _PENDING:
                pending.append([x for x, s in items if s])
    grew = bool(pending)
    while grew:  # short lists that hold a name accepted elsewhere
        grew = False
        for names in pending:
            if any(x in found for x in names) and not all(x in found for x in names):
                found.update(dict.fromkeys(names))
                grew = True
    return list(found)


# -- in a document's profile -----------------------------------------------------------------

def find_people(units: Sequence[tuple[str, Sequence[Token]]], ulen: Any, role: Any, wpos: Any, wunit: Any,
                adjacent: Any, dictionary: str | None) -> list[str]:
    """The person names of a document, read only in the units with a cue.

    ``ulen``: the number of tokens of every unit; ``role``: the cue bits
    (set by :func:`policytext.analysis.compare.profile._type_flags`) of every word; ``wpos`` the position of every word
    among all tokens, ``wunit`` its unit, ``adjacent`` whether the next word
    follows it directly in the same unit (numpy arrays).
    A unit is read when it has a title, or a name cue with a list separator
    near it (an item has at most 4 tokens, a note （女） 3 more).
    """
    import numpy as np

    cue = (role & _NAME_CUE) != 0
    if len(cue) > 1:  # a surname directly before a possible given name
        cue[:-1] |= ((role[:-1] & _SURNAME_CUE) != 0) & ((role[1:] & _GIVEN_CUE) != 0) & adjacent[:-1]
    picked = set(np.unique(wunit[(role & _TITLE_CUE) != 0]).tolist())
    ustart = np.concatenate(([0], np.cumsum(ulen)[:-1])) if len(units) else ulen
    for k in np.flatnonzero(cue).tolist():
        u = int(wunit[k])
        if u in picked:
            continue
        ts, p0 = units[u][1], int(wpos[k] - ustart[u])
        near = range(max(p0 - 1, 0), min(p0 + 8, len(ts)))
        if any(ts[q][0] in _LIST_SEPARATORS or ts[q][4] == "space" for q in near):
            picked.add(u)
    if not picked:
        return []
    return _detect_people([units[u][1] for u in sorted(picked)], dictionary)


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


# -- the table ------------------------------------------------------------------------------

def _empty_people() -> pd.DataFrame:
    return empty_frame(_PEOPLE_COLUMNS, _PEOPLE_DTYPES)


def _people_frame(da: Document, db: Document, people_a: Sequence[str], people_b: Sequence[str]) -> pd.DataFrame:
    """Names detected in one document whose string never occurs in the other (see the module docstring).

    ``event``: what the document that names the person says of them
    (:func:`policytext.analysis.compare.person_events.person_event`: b's for a
    new name, a's for a dropped one).
    """
    import pandas as pd

    rows = []
    for doc, other, people, status in ((db, da, people_b, "new"), (da, db, people_a, "dropped")):
        text, other_text = doc.text, other.text
        for name in people:
            if name in other_text:
                continue
            n = text.count(name)
            rows.append((status, -n, text.find(name), name, n, _example(doc, (name,)), person_event(text, name)))
    if not rows:
        return _empty_people()
    rows.sort(key=lambda r: (r[0] != "new", r[1], r[2], r[3]))  # new first, then count, then first position
    return pd.DataFrame({
        "name": [r[3] for r in rows],
        "status": [r[0] for r in rows],
        "event": [r[6] for r in rows],
        "count_a": [0 if r[0] == "new" else r[4] for r in rows],
        "count_b": [r[4] if r[0] == "new" else 0 for r in rows],
        "example": [r[5] for r in rows],
    }, columns=_PEOPLE_COLUMNS)
