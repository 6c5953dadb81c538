"""Numbered formulations (数字化表述) in a text, and the items they stand for.

:func:`find_numbered` finds 两个确立, 五个牢牢把握, 八项本领 … whether or not
the lexicon lists them, exactly as the tokenizer would keep them whole, and
links each to its expansion (curated in the lexicon, or spelled out nearby).

>>> [f.text for f in find_numbered("增强“四个意识”，落实“七个一”活动，安排两个维护人员")]
['四个意识', '七个一']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from ..text.headings import FORMULATION_NUMERALS, cn_to_int
from .lexicon import Entry, Lexicon, year_of
from .numbered import RE_NUMBERED_QUOTED, is_numbered, plausible
from .tokenizer import Tokenizer

__all__ = ["Formulation", "find_numbered"]


@dataclass(frozen=True)
class Formulation:
    """A numbered formulation (数字化表述) found in a text.

    ``how`` is ``"lexicon"`` (a lexicon term), ``"quoted"`` (``“N个X”`` in
    quotation marks) or ``"echo"`` (unquoted, but the same formulation is
    quoted elsewhere in the text). ``expansion`` holds the items the text
    spells out nearby when the lexicon has no curated one, else ``()``.
    """

    text: str
    start: int
    end: int
    how: str
    expansion: tuple[str, ...] = ()
    expansion_source: str | None = None


def find_numbered(text: str, lexicon: Lexicon | None = None, *, expand: bool = True,
                  date: object = None) -> list[Formulation]:
    """Find numbered formulations (两个确立, 五个牢牢把握, 八项本领 …) in ``text``.

    Recognised: (1) lexicon terms of category ``numbered`` or of the numbered
    shape (:data:`RE_NUMBERED_SHAPE`), and their aliases; (2) any string of
    that shape in quotation marks (``“七个一”``), even when the lexicon lacks
    it; (3) an unquoted occurrence of a formulation that (2) found elsewhere in
    the same text. Occurrences are found exactly as the tokenizer finds them
    (same overlap rule and false-merge guard), so bare counts such as 一个时期
    or 安排两个维护人员 are not formulations.

    Parameters
    ----------
    text : str
    lexicon : Lexicon, optional
        Defaults to :meth:`Lexicon.default`; pass :meth:`Lexicon.empty` to rely on
        detection alone.
    expand : bool
        Link expansions: items spelled out in the same or an adjacent sentence
        (``三个务必`` → ``务必不忘初心、牢记使命`` …) when the lexicon has no curated expansion.
    date : int, str or date, optional
        The document's date (or year): a curated expansion is given as worded
        that year (:meth:`Entry.expansion_for`: 四个全面 in 2018 →
        全面建成小康社会 …); ``None`` gives the most frequent wording.

    Returns
    -------
    list[Formulation]
        Sorted by position; overlapping finds keep the longest.

    Examples
    --------
    >>> t = "牢记“三个务必”，全党同志务必不忘初心、牢记使命，务必谦虚谨慎、艰苦奋斗，务必敢于斗争、善于斗争。"
    >>> f = find_numbered(t, Lexicon.empty())[0]
    >>> f.text, f.how, f.expansion
    ('三个务必', 'quoted', ('务必不忘初心、牢记使命', '务必谦虚谨慎、艰苦奋斗', '务必敢于斗争、善于斗争'))
    >>> find_numbered("协调推进“四个全面”战略布局", date="2018-03-05")[0].expansion[0]
    '全面建成小康社会'
    """
    if lexicon is None:
        lexicon = Lexicon.default()
    year = year_of(date, "find_numbered")
    if not text:
        return []
    quoted_at: dict[tuple[int, int], str] = {}
    for m in RE_NUMBERED_QUOTED.finditer(text):
        if plausible(m.group("f")):
            quoted_at[m.span("f")] = m.group("f")
    extra = [Entry(f, "numbered", source="<quoted in text>")
             for f in sorted(set(quoted_at.values())) if f not in lexicon]
    tk = _numbered_tokenizer(_numbered_only(lexicon))
    if extra:
        tk = Tokenizer(tk.lexicon.merge(Lexicon(extra)), stopwords=None)
    out: list[Formulation] = []
    for s, e, kind, _entry in tk.forced_spans(text):
        if kind not in ("term", "numbered"):
            continue
        form = text[s:e]
        how = "quoted" if (s, e) in quoted_at else ("lexicon" if form in lexicon else "echo")
        out.append(Formulation(form, s, e, how))
    if expand:
        out = [_with_expansion(text, f, lexicon, year) for f in out]
    return out


@lru_cache(maxsize=8)
def _numbered_only(lexicon: Lexicon) -> Lexicon:
    """The entries of ``lexicon`` that are numbered formulations (see :func:`is_numbered`)."""
    return Lexicon(e for e in lexicon if is_numbered(e.term, e))


@lru_cache(maxsize=8)
def _numbered_tokenizer(lexicon: Lexicon) -> Tokenizer:
    return Tokenizer(lexicon, stopwords=None)


_RE_CLAUSE_SPLIT = re.compile(r"[，；：。！？“”\n]")


def _with_expansion(text: str, f: Formulation, lexicon: Lexicon, year: int | None = None) -> Formulation:
    n_m = re.match(rf"[{FORMULATION_NUMERALS}]+", f.text)
    n = None
    if n_m:
        try:
            n = cn_to_int(n_m.group(0).replace("两", "二"))
        except ValueError:
            n = None
    head = f.text[len(n_m.group(0)) + 1:] if n_m and len(f.text) > len(n_m.group(0)) + 1 else ""
    e = lexicon.lookup(f.text)
    if e and e.expansion:  # curated expansions win over what the text seems to list
        return replace(f, expansion=e.expansion_for(year), expansion_source="lexicon")
    if n and 2 <= n <= 20 and len(head) >= 2:
        items = _spelled_out(text, f, head, n)
        if items:
            return replace(f, expansion=items, expansion_source="text")
    return f


def _spelled_out(text: str, f: Formulation, head: str, n: int) -> tuple[str, ...] | None:
    """Exactly ``n`` items that start or end with ``head``, near ``f``.

    Looked for in the rest of the sentence after ``f``, then the next sentence,
    then the part of the sentence before ``f``. Items that start with the head
    are clauses (``务必不忘初心、牢记使命，务必…``); items that end with it are
    enumerations (``政治意识、大局意识、核心意识、看齐意识``).
    """
    ends = "。！？"
    s_end = _next_end(text, f.end)
    s_start = max(text.rfind(c, 0, f.start) for c in ends) + 1
    for a, b in ((f.end, s_end), (s_end + 1, _next_end(text, s_end + 1)), (s_start, f.start)):
        window = text[a:b]
        if window.count(head) < n:
            continue
        clauses = [c for c in _RE_CLAUSE_SPLIT.split(window) if c]
        starts = [c[c.find(head):] for c in clauses if 0 <= c.find(head) <= 6]
        if len(starts) == n and all(2 + len(head) < len(i) <= 40 for i in starts):
            return tuple(starts)
        for clause in clauses:
            segs = [s for s in clause.split("、") if s]
            tails = [s for s in segs if s.endswith(head)]
            if len(tails) == n and len(segs) == n and all(len(t) > len(head) for t in tails):
                typical = sorted(len(t) for t in tails)[n // 2]
                tails = [t[-typical:] if len(t) > typical else t for t in tails]
                return tuple(tails)
    return None


def _next_end(text: str, start: int) -> int:
    ends = [i for i in (text.find(c, start) for c in "。！？") if i >= 0]
    return min(ends) if ends else len(text)
