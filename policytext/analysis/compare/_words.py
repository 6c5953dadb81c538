"""Term hits counted as words: a hit counts only where the tokenizer's false-merge guard would keep it.

One definition of "a use of a term" for every count of the dated record:
:func:`~policytext.analysis.compare.series.first_seen` and
:func:`~policytext.analysis.compare.series.term_trajectories` (a list of
documents or a :class:`policytext.Corpus`), the corpus's ``term_history``,
:func:`policytext.corpus.emerging.emerging_terms` and the novelty of
``compare(..., background=...)`` (:class:`~policytext.analysis.compare.Background`)
all count word uses by default (``match="word"``); ``match="substring"``
counts every occurrence, as a text search does.

A substring hit is not always a use of the term: 双减 occurs in 政府企业双减负
(双 | 减负) and in 荒漠化和沙化土地“双减少” (双 | 减少), 三个代表 in 三个代表团,
回头看 in 回头看看. :class:`WordCounter` counts what
:class:`~policytext.analysis.compare.series.TermCounter` counts, but only the
hits that are words there, by the tokenizer's own rule (the false-merge guard
of :mod:`policytext.tokens.tokenizer`): an unquoted hit of at most three
characters, or a numbered one, is not a use when a word of jieba's dictionary
crosses its boundary and leaves words on both sides (双|减负, 三个|代表团), or
when a numbered term is followed by a noun; a hit the guard drops still counts
when jieba's own cut has it as one token (北斗|三步走|战略). Each term is judged
on its own (a tokenizer whose lexicon is that term's entry), so a longer term
of the lexicon that overlaps a hit does not cancel it (各级党委 in 各级党委（党组）,
人民民主 in 全过程人民民主 are uses). Longer unnumbered terms are never dropped,
so they count as substrings do. Only the sentences around the hits the guard
could drop are examined, so documents without such hits cost what substring
counting costs.

>>> from policytext.analysis.compare.series import TermCounter
>>> tc = TermCounter({"双减": ("双减", "“双减”")})
>>> text = "政府企业双减负。落实“双减”政策，推进双减工作。土地“双减少”。"
>>> tc.count(text), WordCounter(tc).count(text)
([(0, 4, 4)], [(0, 2, 10)])
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from ...text.headings import FORMULATION_NUMERALS

if TYPE_CHECKING:  # pragma: no cover
    from ...tokens.lexicon import Entry, Lexicon
    from ...tokens.tokenizer import Tokenizer

__all__ = ["WordCounter", "MATCHES", "doubtful", "occurrence_counts", "word_index", "word_matches"]

#: The values of ``match=``: count word uses (default) or every substring occurrence.
MATCHES = ("word", "substring")

_RE_STOP = re.compile(r"[。！？；!?;\n]")
_REACH = 200  # at most this many characters of a sentence on either side of a hit are examined
_GUARDED = 3  # the guard examines unquoted matches of at most this many characters (and numbered ones)


def doubtful(form: str) -> bool:
    """Whether a hit of ``form`` may not be a word (the guard examines it): at most three characters, or numbered.

    >>> doubtful("双减"), doubtful("两个确立"), doubtful("新发展格局")
    (True, True, False)
    """
    return len(form) <= _GUARDED or form[:1] in FORMULATION_NUMERALS


class _Forms(NamedTuple):
    """Terms and their forms (what :class:`WordCounter` reads of a ``TermCounter``)."""

    terms: tuple[str, ...]
    forms: tuple[tuple[str, ...], ...]


class WordCounter:
    """Count the word uses of terms (see the module docstring); what ``TermCounter.count`` returns.

    Parameters
    ----------
    counter : TermCounter
        The terms and their forms (any object with the tuples ``terms`` and
        ``forms`` of a :class:`~policytext.analysis.compare.series.TermCounter`;
        :meth:`from_forms` builds one from a mapping).
    lexicon : Lexicon, optional
        Where the counted terms' entries are looked up (default: the shipped
        one). Pickles with those entries only, without its automata and
        tokenizers.
    """

    def __init__(self, counter: Any, lexicon: Lexicon | None = None) -> None:
        from ...tokens.lexicon import Lexicon

        lex = Lexicon.default() if lexicon is None else lexicon
        self.counter = counter
        self.terms = counter.terms
        self.forms = counter.forms
        #: The lexicon entry of each counted term (None for a term outside the lexicon): all workers need.
        self.entries: tuple[Entry | None, ...] = tuple(lex.lookup(t) for t in self.terms)
        self._state: dict[str, Any] | None = None

    @classmethod
    def from_forms(cls, forms: dict[str, tuple[str, ...]], lexicon: Lexicon | None = None) -> WordCounter:
        """The word counter of ``forms`` (term → its forms, as for ``TermCounter``).

        >>> WordCounter.from_forms({"双减": ("双减",)}).count("为企业双减负，推进双减工作。")
        [(0, 1, 9)]
        """
        return cls(_Forms(tuple(forms), tuple(tuple(f for f in fs if f) for fs in forms.values())), lexicon)

    def __getstate__(self) -> dict[str, Any]:
        return {"counter": self.counter, "entries": self.entries}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.counter, self.entries = state["counter"], state["entries"]
        self.terms, self.forms = self.counter.terms, self.counter.forms
        self._state = None

    def __len__(self) -> int:
        return len(self.terms)

    def tokenizer(self, k: int) -> Tokenizer:
        """The tokenizer that judges the hits of form ``k``: a lexicon of that form's term alone."""
        st = self._ensure()
        tk = st["judges"].get(k)
        if tk is None:
            from ...tokens.lexicon import Lexicon
            from ...tokens.tokenizer import Tokenizer

            i = st["owners"][k][0]
            term, forms, entry = self.terms[i], self.forms[i], self.entries[i]
            if entry is not None and set(forms) <= set(entry.forms):
                lex = Lexicon.from_entries([entry])
            else:
                category = entry.category if entry is not None else "term"
                lex = Lexicon.from_entries([(term, category, [f for f in forms if f != term])])
            tk = st["judges"][k] = Tokenizer(lexicon=lex, detect_numbered=False, stopwords=None)
        return tk

    def _ensure(self) -> dict[str, Any]:
        if self._state is None:
            from ...tokens.tokenizer import term_automaton

            owners: dict[str, list[int]] = {}
            for i, fs in enumerate(self.forms):
                for f in fs:
                    owners.setdefault(f, []).append(i)
            self._state = {"automaton": term_automaton(list(owners)), "forms": list(owners),
                           "owners": [tuple(v) for v in owners.values()], "judges": {}}
        return self._state

    def form_index(self, form: str) -> int:
        """The index of ``form`` among the counted forms (what :meth:`judge`'s ``is_word`` takes); -1 if absent."""
        st = self._ensure()
        index = st.get("index")
        if index is None:
            index = st["index"] = {f: k for k, f in enumerate(st["forms"])}
        return int(index.get(form, -1))

    def judge(self, text: str) -> _Judge:
        """A judge of the doubtful hits in ``text``: ``judge.is_word(form_index, start, end)``."""
        return _Judge(text, self)

    def count(self, text: str) -> list[tuple[int, int, int]]:
        """``(term index, count, start of the first word use)`` of every term used as a word in ``text``."""
        st = self._ensure()
        ac = st["automaton"]
        if ac is None or not text:
            return []
        from ...tokens.backends import RE_SURROGATE

        if RE_SURROGATE.search(text):
            text = RE_SURROGATE.sub("\ufffd", text)
        spans: dict[int, list[tuple[int, int]]] = {}
        judge = _Judge(text, self)
        forms = st["forms"]
        for k, a, b in ac.find_matches_as_indexes(text, overlapping=True):
            if (b - a <= _GUARDED or forms[k][:1] in FORMULATION_NUMERALS) and not judge.is_word(k, a, b):
                continue
            for i in st["owners"][k]:
                spans.setdefault(i, []).append((a, a - b))
        return occurrence_counts(spans)  # the rule substring counts use (TermCounter): longest first at one start


def occurrence_counts(spans: dict[int, list[tuple[int, int]]]) -> list[tuple[int, int, int]]:
    """``(term index, count, first start)`` from each term's hits ``(start, start - end)``: hits that do not
    overlap, the longest first where several start together (one rule for substring and word counts).

    >>> occurrence_counts({0: [(0, -2), (0, -4), (3, -2)], 1: [(5, -1)]})
    [(0, 1, 0), (1, 1, 5)]
    """
    out = []
    for i, occ in spans.items():
        occ.sort()
        n, last = 0, -1
        for s, neg in occ:
            if s >= last:
                n += 1
                last = s - neg
        out.append((i, n, occ[0][0]))
    out.sort()
    return out


class _Judge:
    """Decides the doubtful hits of one text, segmenting each sentence once per judging tokenizer."""

    def __init__(self, text: str, counter: WordCounter) -> None:
        self.text = text
        self.counter = counter
        self.stops: list[int] | None = None
        self.seen: dict[tuple[int, int], tuple[int, list[tuple[int, int]], set[tuple[int, int]] | None]] = {}

    def is_word(self, k: int, a: int, b: int) -> bool:
        """Whether the hit ``[a, b)`` of form ``k`` is kept whole (or held by a longer form of its term),
        or else is one token of jieba's cut."""
        start, end = self._sentence(a, b)
        tk = self.counter.tokenizer(k)
        key = (start, k)
        cached = self.seen.get(key)
        if cached is None or cached[0] < end:
            kept = [(s, e) for s, e, _, _ in tk.forced_spans(self.text[start:end])]
            cached = self.seen[key] = (end, kept, None)
        end, kept, tokens = cached
        i = bisect_right(kept, (a - start, 1 << 30)) - 1  # the last kept span starting at or before a
        if i >= 0 and kept[i][1] >= b - start:
            return True
        if tokens is None:
            tokens, pos = set(), start
            for w in tk.lcut(self.text[start:end]):
                tokens.add((pos, pos + len(w)))
                pos += len(w)
            self.seen[key] = (end, kept, tokens)
        return (a, b) in tokens

    def _sentence(self, a: int, b: int) -> tuple[int, int]:
        text = self.text
        if self.stops is None:
            self.stops = [m.end() for m in _RE_STOP.finditer(text)]
        j = bisect_right(self.stops, a)
        start = max(self.stops[j - 1] if j else 0, a - _REACH)
        end = min(self.stops[j] if j < len(self.stops) else len(text), b + _REACH)
        return start, end


def word_index(words: WordCounter, patterns: Sequence[str]) -> list[int]:
    """For :func:`word_matches`: each pattern's form index in ``words`` when its hits are :func:`doubtful`, else -1."""
    return [words.form_index(p) if doubtful(p) else -1 for p in patterns]


def word_matches(words: WordCounter, matches: list[tuple[int, int, int]], index: list[int], blob: bytes,
                 *, one: bool = False) -> list[tuple[int, int, int]]:
    """The ``(pattern, start, end)`` byte-offset matches in UTF-8 ``blob`` that are word uses.

    ``index``: :func:`word_index` of the matched patterns (each a form of
    ``words``); only the :func:`doubtful` hits are judged, on the decoded text.
    ``one``: a pattern needs one word use only (later doubtful hits of a
    pattern already kept are dropped unjudged), for a question of presence.

    >>> from policytext.analysis.compare.series import TermCounter
    >>> wc = WordCounter(TermCounter({"双减": ("双减",), "新发展格局": ("新发展格局",)}))
    >>> blob = "为企业双减负。推进双减工作。新发展格局".encode()
    >>> index = word_index(wc, ["双减", "新发展格局"])
    >>> [(m, blob[s:e].decode()) for m, s, e in word_matches(wc, [(0, 9, 15), (0, 27, 33), (1, 42, 57)], index, blob)]
    [(0, '双减'), (1, '新发展格局')]
    """
    if all(index[m] < 0 for m, _, _ in matches):
        return matches
    judge = words.judge(blob.decode("utf-8", "surrogatepass"))
    kept: list[tuple[int, int, int]] = []
    done: set[int] = set()
    pos_b, pos_c = 0, 0  # a byte offset and its character offset, moving forward
    for m, s, e in sorted(matches, key=lambda x: x[1]):
        k = index[m]
        if k < 0:
            kept.append((m, s, e))
            continue
        if one and m in done:
            continue
        a = pos_c + len(blob[pos_b:s].decode("utf-8", "surrogatepass"))
        pos_b, pos_c = s, a
        b = a + len(blob[s:e].decode("utf-8", "surrogatepass"))
        if judge.is_word(k, a, b):
            kept.append((m, s, e))
            done.add(m)
    return kept
