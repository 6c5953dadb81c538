"""The counting path of :meth:`Corpus.term_frequencies`: content terms of a document, fast and exact.

:func:`count_content` returns exactly what
:func:`policytext.corpus.analyses.content_terms` returns (the same sentences
and headings, the same tokenizer rules, the same content-token rule) without
building a :class:`~policytext.tokens.tokenizer.Token` per word. Profiled on a
year of ``../shared/xwlb`` (365 days, 2.8M characters), ``content_terms``
spent most of its time in Python around the segmenter: one ``Token`` tuple per
word, one jieba call per sentence, one Aho-Corasick call per sentence. Here,
per document:

1. the sentence and heading texts are joined by line breaks and given to
   :meth:`Tokenizer.forced_spans <policytext.tokens.tokenizer.Tokenizer.forced_spans>`
   once (no lexicon form and no quoted formulation spans a line break, and
   the false-merge guard reads a line break next to a match as it reads the
   end of a text, so the spans are those of each segment);
2. every gap between forced spans is cut in **one** segmenter call (the
   gaps joined by ``"\\n"``: jieba and jieba-rs cut blocks of Han
   characters and alphanumerics separately, so a line break between two
   gaps changes nothing inside either);
3. the words are counted in C (:class:`collections.Counter`), and the
   content rule (:func:`policytext.tokens.tags.is_content`) is decided once
   per distinct word and cached per process. A word's part-of-speech tag is
   a function of the word alone (jieba's dictionary tag; jieba-rs's
   dictionary tag, else ``eng``/``m``/``x`` by its characters), so a tag
   looked up once holds everywhere.

A tokenizer that is a subclass of :class:`~policytext.tokens.tokenizer.Tokenizer`
(it may tokenize differently) is counted by ``content_terms`` itself.

>>> import policytext as pt
>>> doc = pt.parse("一、加强党的建设\\n要落实党的建设任务，增强“四个意识”。")
>>> from policytext.tokens.tokenizer import default_tokenizer
>>> count_content(doc, default_tokenizer()) == pt.corpus.content_terms(doc)
True
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from ..tokens.tags import CONTENT_POS
from ..tokens.tokenizer import Tokenizer

if TYPE_CHECKING:  # pragma: no cover
    from ..text.document import Document

__all__ = ["count_content"]

_FIRST = frozenset(CONTENT_POS)
#: Content verdicts by tokenizer fingerprint (per process; started afresh beyond _MAX_WORDS words).
_VERDICTS: dict[tuple[Any, ...], _Verdicts] = {}
_MAX_WORDS = 1_000_000
_HAN_RANGES = (("\u3400", "\u4dbf"), ("\u4e00", "\u9fff"), ("\uf900", "\ufaff"))


def _has_han(word: str) -> bool:
    """Whether ``word`` has a Han character (the tokenizer's ``_RE_HAN``)."""
    return any(lo <= ch <= hi for ch in word for lo, hi in _HAN_RANGES)


def _verdict(word: str, tag: str | None) -> bool:
    """The content rule for a non-stopword of at least two characters cut from a gap, with its tag."""
    if tag is not None and tag != "x":
        return tag[0] in _FIRST
    return not word.isspace() and _has_han(word)


def _segments(doc: Document) -> list[str]:
    """What ``content_terms`` counts: the body sentences, then the section headings."""
    return [s.text for s in doc.sentences] + [sec.heading for sec in doc.walk() if sec.heading]


def _forced(tokenizer: Tokenizer, text: str, terms: list[str]) -> str:
    """``text`` with its forced spans replaced by line breaks; the norms of the content spans go to ``terms``."""
    gaps: list[str] = []
    pos = 0
    for s, e, kind, entry in tokenizer.forced_spans(text):
        if s > pos:
            gaps.append(text[pos:s])
        if kind == "term":
            if entry.category is not None:
                terms.append(entry.term)
            elif e - s >= 2 and (entry.pos or "nz")[0] in _FIRST:
                terms.append(entry.term or text[s:e])
        elif kind == "numbered":
            terms.append(text[s:e])
        pos = e
    if pos < len(text):
        gaps.append(text[pos:])
    return "\n".join(gaps)


class _Verdicts:
    """The content rule's verdicts on the words seen so far (per process and tokenizer): two sets, so
    that a document's distinct words are sorted into known content, known other and new in C."""

    __slots__ = ("content", "other")

    def __init__(self) -> None:
        self.content: set[str] = set()
        self.other: set[str] = set()

    def __len__(self) -> int:
        return len(self.content) + len(self.other)


def _verdicts(tokenizer: Tokenizer) -> _Verdicts:
    verdicts = _VERDICTS.get(tokenizer.fingerprint)
    if verdicts is None or len(verdicts) > _MAX_WORDS:
        verdicts = _VERDICTS[tokenizer.fingerprint] = _Verdicts()
    return verdicts


def _learn(backend: Any, tokenizer: Tokenizer, new: set[str], text: str, verdicts: _Verdicts) -> None:
    """Decide the content rule for the ``new`` words of ``text`` (their tags looked up in one segmenter call)."""
    stop = tokenizer.stopwords
    ask = sorted(w for w in new if len(w) >= 2 and w not in stop and not w.isspace())
    verdicts.other.update(new.difference(ask))
    if not ask:
        return
    hmm = tokenizer.hmm
    pairs = [(w, t) for w, t in backend.tag("\n".join(ask), hmm) if w != "\n"]
    if [w for w, _ in pairs] != ask:  # a word cut differently on its own: take the tags in context
        wanted = set(ask)
        pairs = [(w, t) for w, t in backend.tag(text, hmm) if w in wanted]
    for w, t in pairs:
        (verdicts.content if _verdict(w, t) else verdicts.other).add(w)


def count_content(doc: Document, tokenizer: Tokenizer) -> Counter[str]:
    """Counts of the content terms of one document: :func:`~policytext.corpus.analyses.content_terms`, faster.

    Parameters
    ----------
    doc : Document
    tokenizer : Tokenizer

    Returns
    -------
    collections.Counter
        Term → occurrences, equal to ``content_terms(doc, tokenizer)``.
    """
    if type(tokenizer) is not Tokenizer:
        from .analyses import content_terms

        return content_terms(doc, tokenizer)
    st = tokenizer._ensure()
    terms: list[str] = []
    # one text: no form and no quoted formulation spans a line break, and the guard reads a line break
    # next to a match as it reads the end of a segment, so the spans are those of each segment
    gaps = _forced(tokenizer, "\n".join(_segments(doc)), terms)
    if not gaps:
        return Counter(terms)
    backend = st["backend"]
    words = Counter(backend.cut(gaps, tokenizer.hmm))
    verdicts = _verdicts(tokenizer)
    seen = words.keys()
    new = seen - verdicts.content - verdicts.other
    if new:
        _learn(backend, tokenizer, new, gaps, verdicts)
    keep = seen & verdicts.content
    counts = Counter(dict(zip(keep, map(words.__getitem__, keep))))
    counts.update(terms)
    return counts


def corpus_terms(doc: Document, *, tokenizer: Tokenizer | None = None,
                 keep: frozenset[str] | None = None) -> Counter[str]:
    """The row of :meth:`Corpus.term_frequencies` for one document (only the terms in ``keep`` when given)."""
    if tokenizer is None:
        from ..tokens.tokenizer import default_tokenizer

        tokenizer = default_tokenizer()
    counts = count_content(doc, tokenizer)
    if keep is not None:
        return Counter({t: c for t, c in counts.items() if t in keep})
    return counts
