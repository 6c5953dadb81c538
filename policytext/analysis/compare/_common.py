"""Pieces every part of the comparison uses: names, the tokenizer pair, token units, empty tables."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ...text.document import Document
from ...text.loading import as_document
from ...tokens.lexicon import Lexicon
from ...tokens.tokenizer import Token, Tokenizer, default_tokenizer

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ._words import WordCounter

__all__ = ["RE_HAN", "Background", "Usage", "doc_name", "empty_frame", "resolve", "units", "word_counter"]

#: A Han character (CJK unified ideographs, extension A, compatibility ideographs).
RE_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
#: Share of a unit's occurrences with the same Han neighbour above which it is a fragment of a longer unit.
FRAGMENT_SHARE = 0.9


def doc_name(doc: Document, fallback: str) -> str:
    """``metadata["name"]``, else the title, else ``fallback``."""
    return str(doc.metadata.get("name") or doc.title or fallback)


@lru_cache(maxsize=8)
def _tokenizer_for(lexicon: Lexicon) -> Tokenizer:
    return Tokenizer(lexicon)


def resolve(lexicon: Lexicon | None, tokenizer: Tokenizer | None) -> tuple[Lexicon, Tokenizer]:
    """The lexicon and tokenizer of a comparison (types checked by the caller's declarations).

    No tokenizer: the shared default one for the default lexicon, else one per
    lexicon (cached). No lexicon: the tokenizer's.
    """
    if tokenizer is None:
        if lexicon is None or lexicon == Lexicon.default():
            tokenizer = default_tokenizer()
        else:
            tokenizer = _tokenizer_for(lexicon)
    if lexicon is None:
        lexicon = tokenizer.lexicon
    return lexicon, tokenizer


def units(doc: Document, tokenizer: Tokenizer) -> list[tuple[str, list[Token]]]:
    """``(section_id, tokens)`` for every section heading, then every body sentence."""
    out: list[tuple[str, list[Token]]] = []
    heads = tokenizer.tokenize_headings(doc) if doc.sections else {}
    for sid, toks in heads.items():
        out.append((sid, toks))
    for sent, toks in zip(doc.sentences, tokenizer.tokenize_document(doc)):
        out.append((sent.section_id, toks))
    return out


def empty_frame(columns: Sequence[str], dtypes: Sequence[str]) -> pd.DataFrame:
    """A DataFrame without rows, with typed columns."""
    import pandas as pd

    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in zip(columns, dtypes)})


# -- a dated background ----------------------------------------------------------------------

def word_counter(patterns: Sequence[str], lexicon: Lexicon | None, match: str) -> WordCounter | None:
    """The ``words=`` of :meth:`Background.found` / :meth:`Background.usage` for ``match`` (None: substrings).

    Each pattern is judged as a term of its own (its lexicon entry when it has one).
    """
    from ._words import MATCHES, WordCounter

    if match not in MATCHES:
        from ...errors import InvalidParameterError

        raise InvalidParameterError.build("match", "background novelty", "'word' or 'substring'", match)
    if match == "substring":
        return None
    return WordCounter.from_forms({p: (p,) for p in patterns}, lexicon)


@dataclass
class Usage:
    """How a set of patterns is used in a stretch of a :class:`Background` (lists aligned with the patterns).

    ``days``: documents that contain the pattern; ``count``: occurrences;
    ``first``/``last``: index of the first/last document containing it (-1: none);
    ``left``/``right``: the Han character next to the pattern on that side in
    :data:`FRAGMENT_SHARE` of its occurrences or more (three occurrences at
    least), else ``""`` — the sign of a piece of a longer unit (新 before 质生产力).
    """

    days: list[int]
    count: list[int]
    first: list[int]
    last: list[int]
    left: list[str]
    right: list[str]


class Background:
    """Dated texts against which terms are ordinary or new (a corpus, reduced to what novelty needs).

    Build it with :meth:`from_documents` (any iterable of Documents with
    ``metadata["date"]``), or from a :class:`policytext.Corpus` with
    :func:`policytext.corpus.emerging.background` (reads the files without
    parsing them). Undated documents are left out; the rest are in date order.
    Texts are kept UTF-8 encoded (what the Aho-Corasick passes read fastest);
    :meth:`text` decodes one.

    Examples
    --------
    >>> import policytext as pt
    >>> bg = Background.from_documents([pt.parse("要构建新发展格局。", metadata={"date": "2020-10-29"}),
    ...                                 pt.parse("要发展新质生产力。", metadata={"date": "2024-07-18"})])
    >>> len(bg), bg.start_of("2024-01-01"), sorted(bg.found(["新质生产力", "新发展格局"], 0, 1))
    (2, 1, [1])
    >>> bg.usage(["新质生产力"], 0).days
    [1]
    """

    def __init__(self, texts: Sequence[str | bytes], dates: Sequence[str], names: Sequence[str] | None = None) -> None:
        if len(texts) != len(dates) or (names is not None and len(names) != len(dates)):
            raise ValueError("Background: texts, dates and names must have the same length")
        order = sorted(range(len(dates)), key=lambda i: str(dates[i]))
        self._blobs = [t if isinstance(t, bytes) else t.encode("utf-8", "surrogatepass")
                       for t in (texts[i] for i in order)]
        self.dates = [str(dates[i]) for i in order]
        self.names = [str(names[i]) if names is not None else f"doc{i}" for i in order]

    @classmethod
    def from_documents(cls, docs: Any) -> Background:
        """The dated documents of ``docs`` (an iterable of Documents, paths or texts; a Corpus)."""
        texts, dates, names = [], [], []
        for i, d in enumerate(docs):
            doc = as_document(d, "Background")
            date = doc.metadata.get("date")
            if date:
                texts.append(doc.text)
                dates.append(str(date))
                names.append(str(doc.metadata.get("name") or doc.title or f"doc{i}"))
        return cls(texts, dates, names)

    def __len__(self) -> int:
        return len(self._blobs)

    def __repr__(self) -> str:
        span = f", {self.dates[0]} … {self.dates[-1]}" if self.dates else ""
        return f"Background({len(self)} documents, {sum(map(len, self._blobs)):,} bytes{span})"

    def text(self, i: int) -> str:
        """The text of document ``i``."""
        return self._blobs[i].decode("utf-8", "replace")

    def start_of(self, date: str) -> int:
        """Index of the first document dated ``date`` or later (ISO prefixes compare as strings)."""
        return bisect_left(self.dates, str(date))

    def end_of(self, date: str) -> int:
        """Index after the last document dated ``date`` or earlier (``2023-12`` includes the whole month)."""
        return bisect_right(self.dates, str(date) + "\uffff")

    def found(self, patterns: Sequence[str], start: int, stop: int, *, whole: Sequence[str] = (),
              words: WordCounter | None = None) -> set[int]:
        """Indices of the ``patterns`` that occur in documents ``start … stop - 1``.

        One Aho-Corasick pass, newest documents first in growing chunks; a
        pattern found leaves the automaton, so common phrases cost one small
        chunk. ``whole``: patterns that count only where no longer pattern of
        ``whole`` covers them (numbered formulations: 三保 inside 三保障).
        ``words``: a :class:`~policytext.analysis.compare._words.WordCounter`
        of the patterns; only word uses count (:func:`word_counter`).
        """
        from ahocorasick_rs import BytesAhoCorasick

        from ._words import word_index, word_matches

        alive = list(range(len(patterns)))
        index = word_index(words, patterns) if words is not None else []
        encoded = [p.encode("utf-8") for p in patterns]
        out: set[int] = set()
        whole_set = {p.encode("utf-8") for p in whole}
        hi, size = stop, 8
        while hi > start and alive:
            lo = max(start, hi - size)
            pats = [encoded[k] for k in alive]
            blob = b"\n\x00".join(self._blobs[lo:hi])  # a line break ends a sentence: words never span two
            matches = _whole_matches(BytesAhoCorasick(pats).find_matches_as_indexes(blob, overlapping=True),
                                     pats, whole_set)
            if words is not None:
                matches = word_matches(words, matches, [index[k] for k in alive], blob, one=True)
            hits = {m for m, _, _ in matches}
            out.update(alive[m] for m in hits)
            alive = [k for m, k in enumerate(alive) if m not in hits]
            hi, size = lo, size * 2
        return out

    def usage(self, patterns: Sequence[str], start: int, stop: int | None = None, *,
              whole: Sequence[str] = (), neighbours: bool = True, words: WordCounter | None = None) -> Usage:
        """Documents, occurrences, first and last document, fragment flag of each pattern in ``start … stop - 1``.

        ``neighbours=False`` skips the neighbour counts (``left`` and ``right`` are then empty).
        ``words``: count word uses only, as for :meth:`found`.
        """
        from ahocorasick_rs import BytesAhoCorasick

        from ._words import word_index, word_matches

        n = len(patterns)
        days, count, first, last = [0] * n, [0] * n, [-1] * n, [-1] * n
        nb_left: list[Counter] = [Counter() for _ in range(n)]
        nb_right: list[Counter] = [Counter() for _ in range(n)]
        if n:
            encoded = [p.encode("utf-8") for p in patterns]
            matcher = BytesAhoCorasick(encoded)
            whole_set = {p.encode("utf-8") for p in whole}
            index = word_index(words, patterns) if words is not None else []
            han = RE_HAN.fullmatch
            for i in range(start, len(self._blobs) if stop is None else stop):
                blob = self._blobs[i]
                seen = set()
                matches = _whole_matches(matcher.find_matches_as_indexes(blob, overlapping=True), encoded, whole_set)
                if words is not None and matches:
                    matches = word_matches(words, matches, index, blob)
                for m, s, e in matches:
                    count[m] += 1
                    seen.add(m)
                    if not neighbours:
                        continue
                    left = blob[max(s - 3, 0):s].decode("utf-8", "ignore")[-1:]
                    right = blob[e:e + 3].decode("utf-8", "ignore")[:1]
                    nb_left[m][left if han(left) else ""] += 1
                    nb_right[m][right if han(right) else ""] += 1
                for m in seen:
                    days[m] += 1
                    last[m] = i
                    if first[m] < 0:
                        first[m] = i
        def dominant(side: Counter, total: int) -> str:
            c, k = side.most_common(1)[0] if side else ("", 0)
            return c if c and total >= 3 and k >= FRAGMENT_SHARE * total else ""

        return Usage(days, count, first, last, [dominant(nb_left[m], count[m]) for m in range(n)],
                     [dominant(nb_right[m], count[m]) for m in range(n)])


def _whole_matches(matches: list[tuple[int, int, int]], patterns: Sequence[bytes],
                   whole: set[bytes]) -> list[tuple[int, int, int]]:
    """``matches`` without those of a ``whole`` pattern that lie inside a longer ``whole`` match."""
    if not whole:
        return matches
    spans = [(s, e) for m, s, e in matches if patterns[m] in whole]
    if len(spans) < 2:
        return matches
    spans.sort(key=lambda x: (x[0], -x[1]))
    inside = set()
    for k, (s, e) in enumerate(spans):
        for s2, e2 in spans[max(0, k - 8):k]:  # an enclosing span starts at most a few spans before
            if s2 <= s and e <= e2 and (s2, e2) != (s, e):
                inside.add((s, e))
                break
    return [x for x in matches if not (patterns[x[0]] in whole and (x[1], x[2]) in inside)]
