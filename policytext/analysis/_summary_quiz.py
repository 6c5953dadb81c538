"""Key formulations and the 应知应会 quiz of a study outline (used by :mod:`policytext.analysis.summary`).

* :func:`formulations`: numbered formulations (with their expansions) and the
  other lexicon terms of a document, each with the first sentence that uses it;
* :func:`quiz`: fill-in-the-blank items whose answers are formulations or
  lexicon terms cut out of real sentences (correct by construction), never
  boilerplate: quoted numbered formulations, the parts of an expansion, the
  most specific term of a key sentence;
* :func:`excerpt`: the clauses of a sentence around a term (the 出处 column).

The types :class:`FormulationItem` and :class:`QuizItem` are re-exported by
:mod:`policytext.analysis.summary`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from ..text.document import Document, Sentence
from ..tokens.formulations import find_numbered
from ..tokens.lexicon import Lexicon, year_of
from ..tokens.tokenizer import Token
from .ranking import procedural

__all__ = ["FormulationItem", "QuizItem", "formulations", "quiz", "excerpt", "QUIZ_MAX_LEN"]


class _Located(Protocol):
    """What the quiz reads of a key sentence (:class:`policytext.analysis.summary.KeySentence`)."""

    @property
    def sentence_index(self) -> int: ...


@dataclass(frozen=True)
class FormulationItem:
    """A key formulation: a numbered formulation or another lexicon term.

    ``term`` is the lexicon's canonical term (the unit counts and comparisons use); ``forms`` says how
    the document wrote it, ``(form, count)`` pairs, most used first (the first written on a tie), and
    :attr:`surface` is the form it used most, which a study outline shows (完整准确全面贯彻新发展理念
    where the lexicon spells 完整、准确、全面贯彻新发展理念).
    """

    term: str
    category: str
    count: int
    expansion: tuple[str, ...]
    expansion_source: str | None
    sentence: str
    section_id: str
    sentence_index: int
    forms: tuple[tuple[str, int], ...] = ()

    @property
    def surface(self) -> str:
        """The form the document used most (the first written on a tie); ``term`` when ``forms`` is empty."""
        return self.forms[0][0] if self.forms else self.term


@dataclass(frozen=True)
class QuizItem:
    """A fill-in-the-blank item (应知应会). ``answers`` fill the ``____`` in order."""

    question: str
    answers: tuple[str, ...]
    source: str
    section_id: str
    sentence_index: int
    kind: str  # "formulation" | "expansion" | "term"


def excerpt(sentence: str, term: str, *, max_len: int = 60) -> str:
    """The clauses of ``sentence`` around the first use of ``term`` (``……``
    where clauses are left out); the whole sentence when short, or when the
    term is not written in it.

    Parameters
    ----------
    sentence, term : str
    max_len : int
        Sentences up to this long are returned whole; longer ones are cut to
        whole clauses around the term.

    Returns
    -------
    str

    Examples
    --------
    >>> excerpt("甲" * 70 + "，要增强“四个意识”，" + "乙" * 70 + "。", "四个意识")
    '……要增强“四个意识”……'
    """
    if len(sentence) <= max_len:
        return sentence
    for form in (f"“{term}”", term):
        at = sentence.find(form)
        if at >= 0:
            break
    else:
        return sentence
    a, b = _clause_window(sentence, at, at + len(form), max_len=max_len)
    piece = sentence[a:b]
    if b < len(sentence):
        piece = piece.rstrip(_CLAUSE_PUNCT + "、") + "……"
    return ("……" if a > 0 else "") + piece


# -- formulations and quiz ------------------------------------------------------------

_FORMULATION_CATEGORIES = ("numbered", "theory", "concept", "document", "meeting", "bianzhi", "action")


def formulations(doc: Document, tokens: Sequence[Sequence[Token]], lexicon: Lexicon,
                 limit: int, weights: Mapping[str, float] | None = None) -> list[FormulationItem]:
    """The ``limit`` key formulations of ``doc``: numbered formulations (most used first, with their
    expansions), then the other lexicon terms of the formulation categories (theories, documents and
    meetings first), each with the first sentence that uses it (the first that does not only report a
    meeting's logistics or a publication's lead-in, :func:`~policytext.analysis.ranking.procedural`, when
    there is one).

    ``tokens`` are the tokens of every sentence (``Tokenizer.tokenize_document``). With ``weights``
    (term -> the document's keyword score, :func:`~policytext.analysis.keyterms.keywords` over every
    candidate), the other terms are chosen by it and all rows are shown in its order, so that the
    document's own emphasis (国家治理体系和治理能力现代化 in the 19th-4 communiqué) comes before the
    standard formulations it names in passing (毛泽东思想, 宪法); a term without a score comes after
    those with one. Numbered formulations are always in the table (up to ``limit``).

    >>> import policytext as pt
    >>> doc = pt.parse("一、学习\\n要增强“四个意识”。要坚持“四个意识”。")
    >>> tk = pt.Tokenizer()
    >>> [(f.term, f.count, f.expansion[:2]) for f in formulations(doc, tk.tokenize_document(doc), tk.lexicon, 5)]
    [('四个意识', 2, ('政治意识', '大局意识'))]
    >>> doc = pt.parse("要完整准确全面贯彻新发展理念。必须完整准确全面贯彻新发展理念。")
    >>> [(f.term, f.surface) for f in formulations(doc, tk.tokenize_document(doc), tk.lexicon, 5)]
    [('完整、准确、全面贯彻新发展理念', '完整准确全面贯彻新发展理念')]
    """
    sent_at = _sentence_locator(doc)
    year = year_of(doc.metadata.get("date"), strict=False)  # expansions as worded in the document's year
    items: dict[str, FormulationItem] = {}
    counts: Counter = Counter()
    written: dict[str, Counter] = {}  # term -> its forms in the document, in order of first use
    for f in find_numbered(doc.text, lexicon, date=year):
        s = sent_at(f.start)
        counts[f.text] += 1
        if s is None:
            continue
        old = items.get(f.text)
        if old is None or _better_source(old.sentence, s.text):
            entry = lexicon.lookup(f.text)
            items[f.text] = FormulationItem(entry.term if entry else f.text, "numbered", 0, f.expansion,
                                            f.expansion_source, s.text, s.section_id, s.index)
            if old is not None and old.expansion_source == "text":  # keep the document's own expansion
                items[f.text] = replace(items[f.text], expansion=old.expansion, expansion_source="text")
        elif f.expansion_source == "text" and old.expansion_source != "text":  # the document spells it out
            items[f.text] = replace(old, expansion=f.expansion, expansion_source="text")
    numbered = [replace(items[k], count=counts[k], forms=((k, counts[k]),)) for k in items]
    others: dict[str, tuple[int, Sentence]] = {}
    weak: set[str] = set()
    proc: dict[int, bool] = {}

    def is_proc(sent: Sentence) -> bool:
        if sent.index not in proc:
            proc[sent.index] = procedural(sent.text)
        return proc[sent.index]

    term_counts: Counter = Counter()
    for sent, toks in zip(doc.sentences, tokens):
        for t in toks:
            if t.kind == "term" and t.category in _FORMULATION_CATEGORIES and t.category != "numbered":
                term_counts[t.norm] += 1
                written.setdefault(t.norm, Counter())[t.text] += 1
                if t.norm not in others or (t.norm in weak and not is_proc(sent)):
                    others[t.norm] = (0, sent)
                    if is_proc(sent):  # cited from a meeting's logistics: a later sentence may replace it
                        weak.add(t.norm)
                    else:
                        weak.discard(t.norm)
    numbered_terms = {f.term for f in numbered}
    rest = []
    for term, c in sorted(term_counts.items(), key=lambda x: (-_cat_rank(lexicon, x[0]), -x[1], x[0])):
        if term in numbered_terms:
            continue
        e = lexicon.lookup(term)
        sent = others[term][1]
        rest.append(FormulationItem(term, e.category if e else "concept", c, e.expansion_for(year) if e else (),
                                    "lexicon" if e and e.expansion else None, sent.text, sent.section_id, sent.index,
                                    _by_use(written[term])))
    numbered.sort(key=lambda f: (-f.count, f.term))
    if weights is None:
        return (numbered + rest)[:limit]
    # every numbered formulation stays in (up to ``limit``), the other terms by the document's emphasis;
    # the rows shown by emphasis (stable: the order above on ties)
    rest.sort(key=lambda f: -weights.get(f.term, 0.0))
    rows = (numbered + rest)[:limit]
    rows.sort(key=lambda f: -weights.get(f.term, 0.0))
    return rows


def _better_source(cited: str, other: str) -> bool:
    """Whether a later sentence ``other`` is a better 出处 than the ``cited`` one: the cited one reports
    meeting logistics or a publication's lead-in (:func:`~policytext.analysis.ranking.procedural`) and
    ``other`` does not.

    >>> _better_source("全会由中央政治局主持。", "要坚持党的领导。"), _better_source("要坚持。", "要坚持党的领导。")
    (True, False)
    """
    return procedural(cited) and not procedural(other)


def _cat_rank(lexicon: Lexicon, term: str) -> int:
    e = lexicon.lookup(term)
    order = {"theory": 3, "document": 2, "meeting": 2, "concept": 1, "bianzhi": 1, "action": 0}
    return order.get(e.category if e else "", 0)


def _by_use(forms: Counter) -> tuple[tuple[str, int], ...]:
    """``(form, count)`` pairs, most used first, the first written first on a tie (a Counter keeps the order
    of first use and ``sorted`` is stable).

    >>> _by_use(Counter({"甲": 1, "乙": 2, "丙": 2}))
    (('乙', 2), ('丙', 2), ('甲', 1))
    """
    return tuple(sorted(forms.items(), key=lambda x: -x[1]))


def _sentence_locator(doc: Document) -> Callable[[int], Sentence | None]:
    from bisect import bisect_right

    starts = [s.start for s in doc.sentences]

    def find(offset: int) -> Sentence | None:
        i = bisect_right(starts, offset) - 1
        if i >= 0 and doc.sentences[i].start <= offset < doc.sentences[i].end:
            return doc.sentences[i]
        return None

    return find


_RE_QUOTED_BLANK = re.compile(r"“([^“”]{2,12})”")
_CLAUSE_PUNCT = "，；：。！？"
_OPENERS, _CLOSERS = "“《（(", "”》）)"
#: Longest quiz stem in characters (before ``……`` marks); most blanks in one item.
QUIZ_MAX_LEN = 60
_QUIZ_MAX_BLANKS = 4
_QUIZ_MIN_LEN = 16


def _clause_bounds(text: str) -> list[int]:
    """Offsets where clauses of ``text`` start or end: 0, ``len(text)``, and
    after clause punctuation that is not inside quotes or brackets."""
    bounds = [0]
    depth = 0
    for i, c in enumerate(text):
        if c in _OPENERS:
            depth += 1
        elif c in _CLOSERS:
            depth = max(depth - 1, 0)
        elif c in _CLAUSE_PUNCT and depth == 0 and 0 < i + 1 < len(text):
            bounds.append(i + 1)
    bounds.append(len(text))
    return bounds


def _clause_window(text: str, a: int, b: int, *, max_len: int, min_len: int = _QUIZ_MIN_LEN) -> tuple[int, int]:
    """The whole clauses of ``text`` around ``[a, b)``, widened by neighbouring
    clauses while shorter than ``min_len`` (without passing ``max_len``); the
    whole text when it is at most ``max_len`` long."""
    if len(text) <= max_len:
        return 0, len(text)
    bounds = _clause_bounds(text)
    lo = max(x for x in bounds if x <= a)
    hi = min(x for x in bounds if x >= b)
    while hi - lo < min_len:
        i, j = bounds.index(lo), bounds.index(hi)
        if i > 0 and hi - bounds[i - 1] <= max_len:
            lo = bounds[i - 1]
        elif j + 1 < len(bounds) and bounds[j + 1] - lo <= max_len:
            hi = bounds[j + 1]
        else:
            break
    return lo, hi


def _stem(text: str, blanks: Sequence[tuple[int, int]], cuts: Iterable[int], *,
          max_len: int = QUIZ_MAX_LEN) -> str | None:
    """A fill-in-the-blank stem from ``text``: the clauses around ``blanks``
    (sorted ``(start, end)`` spans, each replaced by ``____``). A clause longer
    than ``max_len`` is cut at token boundaries ``cuts`` (never inside a word)
    and the cut marked with ``……``. ``None`` when the blanks lie too far apart.

    >>> text = "坚持以马克思列宁主义、毛泽东思想、邓小平理论、“三个代表”重要思想、科学发展观为指导"
    >>> from policytext.tokens.tokenizer import default_tokenizer
    >>> cuts = [p for t in default_tokenizer()(text) for p in (t.start, t.end)]
    >>> a = text.index("三个代表")
    >>> _stem(text, [(a, a + 4)], cuts, max_len=24)
    '……邓小平理论、“____”重要思想、科学发展观为……'
    """
    a, b = blanks[0][0], blanks[-1][1]
    blanked = sum(y - x for x, y in blanks) - 4 * len(blanks)  # characters the blanks take away
    lo, hi = _clause_window(text, a, b, max_len=max_len, min_len=_QUIZ_MIN_LEN + max(blanked, 0))
    cut_left = cut_right = False
    if hi - lo > max_len:
        points = sorted({p for p in cuts if lo <= p <= hi} | {lo, hi})
        left = [p for p in points if p <= a]
        right = [p for p in points if p >= b]
        li, ri = len(left) - 1, 0
        if right[ri] - left[li] > max_len:
            return None
        grew = True
        while grew:  # widen token by token, alternately right and left
            grew = False
            if ri + 1 < len(right) and right[ri + 1] - left[li] <= max_len:
                ri += 1
                grew = True
            if li > 0 and right[ri] - left[li - 1] <= max_len:
                li -= 1
                grew = True
        cut_left, cut_right = left[li] > lo, right[ri] < hi
        lo, hi = left[li], right[ri]
    pieces, pos = [], lo
    for x, y in blanks:
        pieces += [text[pos:x], "____"]
        pos = y
    pieces.append(text[pos:hi])
    stem = "".join(pieces).strip()
    if cut_left:
        stem = stem.lstrip(_CLAUSE_PUNCT + "、")
    if hi < len(text):
        stem = stem.rstrip(_CLAUSE_PUNCT + "、")  # a stem cut after a clause ends without its comma
    return ("……" if cut_left else "") + stem + ("……" if cut_right else "")


def _quote_groups(quoted: Sequence[re.Match], max_len: int) -> list[list[re.Match]]:
    """Quoted formulations of one sentence in groups that fit one stem: close
    together, at most a few, no formulation twice."""
    groups: list[list[re.Match]] = []
    for m in quoted:
        cur = groups[-1] if groups else None
        if (cur is None or len(cur) >= _QUIZ_MAX_BLANKS or m.end() - cur[0].start() > max_len - 8
                or any(c.group(1) == m.group(1) for c in cur)):
            groups.append([m])
        else:
            cur.append(m)
    return groups


def quiz(doc: Document, tokens: Sequence[Sequence[Token]], formulations: Sequence[FormulationItem],
         key_sentences: Sequence[_Located], lexicon: Lexicon, stop: frozenset[str], limit: int) -> list[QuizItem]:
    """At most ``limit`` fill-in-the-blank items, in this order: numbered formulations the document
    expands itself (name the parts), sentences that quote numbered formulations (the quoted ones
    blanked), numbered formulations the document only names (name the parts of the standard expansion:
    the question says so, ``（规范表述，本文未展开）``), key sentences (their most specific lexicon term
    blanked). Each term is asked once (an item asking about a term asked before is left out, a quoted
    formulation asked before stays in the stem); an item that repeats a question, has a stopword as
    answer or whose blank is guessable from any text (:func:`_trivial`: the answer is in the title, or
    the stem says too little besides it) is left out.

    >>> import policytext as pt
    >>> from policytext.tokens.lexicon import load_stopwords
    >>> doc = pt.parse("一、学习\\n要增强“四个意识”、坚定“四个自信”。")
    >>> tk = pt.Tokenizer()
    >>> toks = tk.tokenize_document(doc)
    >>> items = quiz(doc, toks, formulations(doc, toks, tk.lexicon, 5), [], tk.lexicon, load_stopwords(), 1)
    >>> [(q.question, q.answers) for q in items]
    [('要增强“____”、坚定“____”。', ('四个意识', '四个自信'))]
    """
    items: list[QuizItem] = []
    seen_q: set[str] = set()
    asked: set[str] = set()  # the terms items already ask about (one term, one question)
    numbered = {f.term for f in formulations if f.category == "numbered"}

    def add(item: QuizItem | None, keys: set[str]) -> None:
        if (item is None or item.question in seen_q or keys & asked
                or not all(a and a not in stop and len(a) >= 2 for a in item.answers)):
            return  # no stem, the same question, a term asked before, or a boilerplate answer
        seen_q.add(item.question)
        asked.update(keys)
        items.append(item)

    def cuts(sent: Sentence, toks: Sequence[Token]) -> list[int]:
        return [p - sent.start for t in toks for p in (t.start, t.end)]

    # 1. formulations the document expands itself: name the parts
    for f in formulations:
        if f.expansion_source == "text":
            add(_expansion_item(f, own=True), {f.term})
    # 2. sentences that quote numbered formulations: blank the quoted ones not asked yet, a few close together
    for sent, toks in zip(doc.sentences, tokens):
        quoted = [m for m in _RE_QUOTED_BLANK.finditer(sent.text)
                  if (lexicon.canonical(m.group(1)) in numbered or m.group(1) in numbered)
                  and lexicon.canonical(m.group(1)) not in asked]
        for group in _quote_groups(quoted, QUIZ_MAX_LEN):
            answers = tuple(m.group(1) for m in group)
            q = _stem(sent.text, [m.span(1) for m in group], cuts(sent, toks))
            if q is not None and not any(f"“{a}”" in q for a in answers):  # the answer must not stand in the stem
                add(QuizItem(q, answers, sent.text, sent.section_id, sent.index, "formulation"),
                    {lexicon.canonical(a) for a in answers})
    # 3. formulations the document only names: their standard expansion (the question says so)
    for f in formulations:
        if f.expansion_source != "text":
            add(_expansion_item(f, own=False), {f.term})
    # 3. key sentences: blank the most specific lexicon term
    by_index = {s.index: (s, toks) for s, toks in zip(doc.sentences, tokens)}
    for k in key_sentences:
        sent, toks = by_index[k.sentence_index]
        terms = [t for t in toks if t.kind == "term" and t.category != "institution" and len(t.text) >= 3]
        if terms:
            t = max(terms, key=lambda t: (len(t.text), -t.start))
            q = _stem(sent.text, [(t.start - sent.start, t.end - sent.start)], cuts(sent, toks))
            if q is not None and t.text not in q and not _trivial(q, t.text, doc.title):
                add(QuizItem(q, (t.text,), sent.text, sent.section_id, sent.index, "term"), {t.norm})
    return items[:limit]


def _expansion_item(f: FormulationItem, *, own: bool) -> QuizItem | None:
    """``“五位一体”是指：____、____…。`` for a numbered formulation with 2–8 parts; when the document does
    not spell the parts out (``own=False``), the question says the answer is the standard expansion
    (``（规范表述，本文未展开）``)."""
    if f.category != "numbered" or not f.expansion or not 2 <= len(f.expansion) <= 8:
        return None
    sep = "；" if any("、" in x for x in f.expansion) else "、"
    note = "" if own else "（规范表述，本文未展开）"
    q = f"“{f.surface}”是指{note}：" + sep.join("____" for _ in f.expansion) + "。"
    return QuizItem(q, f.expansion, f.sentence, f.section_id, f.sentence_index, "expansion")


def _trivial(question: str, answer: str, title: str | None) -> bool:
    """A stem whose blank is guessable from any text: the answer is the document's theme (written in its
    title), or the stem says too little besides the blank (fewer than ``_QUIZ_MIN_LEN`` characters:
    ``深刻理解____的重大意义。``).

    >>> _trivial("深刻理解____的重大意义。", "进一步全面深化改革", None)
    True
    >>> _trivial("坚持把____作为推进机构编制工作的根本遵循，贯穿全过程。", "机构编制工作条例", "关于加强编制管理的通知")
    False
    """
    if title and answer in title:
        return True
    return len(question.replace("____", "").replace("…", "")) < _QUIZ_MIN_LEN
