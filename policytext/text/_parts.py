"""Parts of a page: the title-like lines or headings that open the page's next unit (issue 15 item 2).

A page that holds several documents (duty reports of five officials, a notice and its 附件, several plans) is read
as parts: top-level sections of kind ``"part"``. :class:`PartsMixin` holds the part-building steps of the parser's
body builder (``policytext.text.structure._BodyBuilder``): whether a title-like line (:meth:`PartsMixin._part_intro`)
or a heading (:meth:`PartsMixin._numbered_part`) opens a part, opening it, and making the sections seen before the
first new part into part 1. Moved here from ``structure`` for its size (session 8); the parse is unchanged.
"""

from __future__ import annotations

import re
from re import Pattern
from typing import TYPE_CHECKING

from .document import Paragraph, Section, Sentence
from .headings import HEADING_NUMERALS, RE_BULLET_HEADING, RE_HEADING, STYLES, heading_ordinal, heading_style
from .layout import RE_ANNEX, Layout, is_intro_line

if TYPE_CHECKING:
    from ._styled_headings import StyledLines

__all__ = ["PartsMixin", "is_annex_intro", "annex_heading"]

#: A part's intro (title, name) is at most this many lines, and its first heading within this many lines.
_INTRO_MAX_LINES = 3
_INTRO_WINDOW = 6

#: The conventional order of numbering styles, outermost first (一、 > （一） > 1. > （1））.
_RANK = {style: i for i, style in enumerate(STYLES)}

_set = object.__setattr__  # sentences and paragraphs are frozen; the parser re-paths them into part 1


class PartsMixin:
    """The part-building steps of the body builder (its state is the builder's: see ``_BodyBuilder``)."""

    __slots__ = ("top", "implicit_parts")  # (the builder's other slots are its own)

    if TYPE_CHECKING:  # the builder's state and steps these methods use
        norm: str
        lines: list[tuple[int, int]]
        texts: list[str]
        lay: Layout
        matches: dict[int, re.Match[str] | None]
        paragraphs: list[Paragraph]
        sentences: list[Sentence]
        stack: list[tuple[str, Section]]
        top: list[Section]
        intro_lines: set[int]
        intro_known: dict[int, bool]
        implicit_parts: bool
        title_span: tuple[int, int] | None
        news: set[int]
        styled: StyledLines

        def _add(self, i: int, a: int, b: int, line: str, m: re.Match[str] | None, intro: bool = False) -> None: ...
        def _drop_sentences(self, a: int, b: int) -> None: ...
        def _next_of_style(self, i: int, style: str) -> int: ...

    def _intro_line(self, i: int) -> bool:
        """:func:`~policytext.text.layout.is_intro_line` of line ``i`` and no ``■…`` heading, once per line."""
        known = self.intro_known.get(i)
        if known is None:
            known = self.intro_known[i] = is_intro_line(self.texts[i]) and not RE_BULLET_HEADING.match(self.texts[i])
        return known

    def _part_intro(self, pos: int) -> int:
        """The number of intro lines when body line ``pos`` introduces a new part, else 0.

        A title-like line (a title, a name and title, ``附件N``) introduces a
        part when, within a few lines and before any other heading, the
        numbering of the unit's outermost style (or of a style conventionally
        outer to it: ``一、`` after ``（一）``…) starts again at 1 (for ``附件``
        lines and lines right after a signature block: any heading follows). Up to three title-like lines make the
        part's heading. A ``附件N`` line between the line and that heading introduces the part, not the line;
        one that goes on a list of attachments (``见附件1：《…》`` then ``附件2：《…》``) introduces nothing.
        """
        body = self.lay.body_lines
        texts = self.texts
        unit = 1 if self.stack and self.stack[0][1].kind == "part" else 0
        annex = is_annex_intro(texts[body[pos]])
        if annex and pos > 0 and _lists_annexes(texts[body[pos - 1]]):
            return 0
        if len(self.stack) <= unit and not annex:  # (an attachment after a part without sections: a part too)
            return 0
        n_intro, sentences = 1, 0
        for k in range(pos + 1, min(len(body), pos + _INTRO_WINDOW)):
            j = body[k]
            m = self.matches[j]
            if m is not None:
                style = heading_style(m)
                top_style = _bare(self.stack[unit][0]) if len(self.stack) > unit else ""
                if annex or (heading_ordinal(m, style) == 1 and _RANK.get(style, 9) <= _RANK.get(top_style, 9)) \
                        or (pos > 0 and any(x in self.lay.signature for x in range(body[pos - 1] + 1, body[pos]))):
                    return n_intro  # (an attachment, or a line right after a unit's signature: any heading)
                return 0
            if texts[j][:1] == "附" and is_annex_intro(texts[j]):
                return 0  # an attachment's line further on introduces the part (not a table cell before it)
            if not sentences and n_intro < _INTRO_MAX_LINES and j == body[k - 1] + 1 and self._intro_line(j):
                n_intro += 1  # (title-like lines next to each other: not across a skipped source line)
            else:
                sentences += 1
        if not annex or pos + 1 >= len(body):
            return 0
        after = texts[body[pos + 2]] if pos + 2 < len(body) and body[pos + 2] == body[pos + 1] + 1 else None
        return annex_heading(texts[body[pos]], texts[body[pos + 1]], after=after)  # (without headings: a table)

    def _numbered_part(self, pos: int, m: re.Match[str], line: str) -> int:
        """The number of lines of a part's heading when body line ``pos`` (a heading) introduces a new part, else 0.

        The line reads as a heading of the unit's outermost style, and the
        next lines are at most two title-like lines (``——《…实施方案》``) and
        a heading of the same style numbered 1 (``一、指导思想``): the line
        opens the page's next unit (``一、职初教师启梦工程`` after ``七、…``).
        Without title-like lines, its number must go back and a ``二、`` must
        follow the ``一、``.
        """
        unit = 1 if self.stack[0][1].kind == "part" else 0
        style = heading_style(m)
        if len(self.stack) <= unit or _bare(self.stack[unit][0]) != style or not _heading_like(line):
            return 0
        ordinal, last = heading_ordinal(m, style), self.stack[unit][1].ordinal
        if ordinal <= 0:
            return 0
        body = self.lay.body_lines
        for k in range(pos + 1, min(len(body), pos + _INTRO_MAX_LINES + 1)):
            nxt = self.matches[body[k]]
            if nxt is not None:
                if heading_style(nxt) != style or heading_ordinal(nxt, style) != 1 \
                        or (k == pos + 1 and (ordinal > last or self._next_of_style(body[k], style) != 2)):
                    return 0
                return k - pos
            if not self._intro_line(body[k]):
                return 0
        return 0

    def _open_part(self, i: int, n_intro: int, pos: int) -> None:
        """Start a new part at line ``i`` (its heading: ``n_intro`` lines, or none)."""
        if not self.implicit_parts:
            self.implicit_parts = True
            if not (self.top and self.top[0].kind == "part"):
                self._wrap_first_part()
        del self.stack[:]
        a = self.lines[i][0]
        ordinal = len(self.top) + 1
        part = Section(heading="", label="", marker="part", ordinal=ordinal, level=1, path=(ordinal,), start=a,
                       end=0, heading_span=(a, a), kind="part")
        self.top.append(part)
        self.stack.append(("unit", part))
        if n_intro:
            body = self.lay.body_lines
            last = body[pos + n_intro - 1]
            b = self.lines[last][1]
            part.heading = self.norm[a:b].strip()
            part.heading_span = (a, b)
            annex = None if self.news else RE_ANNEX.match(self.texts[i])
            if annex:
                part.label = annex.group(0).rstrip("：:、.． ")
            self.intro_lines.update(body[pos:pos + n_intro])
            self._add(i, a, self.lines[i][1], self.texts[i], None, intro=True)

    def _wrap_first_part(self) -> None:
        """Make the sections seen so far part 1 (with the title-like lines just before them as its heading)."""
        first = self.top[0]
        part = Section(heading="", label="", marker="part", ordinal=1, level=1, path=(1,), start=first.start,
                       end=0, heading_span=(first.start, first.start), kind="part")
        k = first.paragraphs[0].index if first.paragraphs else len(self.paragraphs)
        paras = self.paragraphs
        intro, end = self._first_annex_intro(k)
        if intro == end:
            end = k  # the intro (title-like lines) may be followed by up to two lines of text before the sections
            while end > 0 and k - end < 2 and not paras[end - 1].section_path \
                    and not is_intro_line(paras[end - 1].text):
                end -= 1
            intro = end
            while intro > 0 and end - intro < _INTRO_MAX_LINES and not paras[intro - 1].section_path \
                    and is_intro_line(paras[intro - 1].text):
                intro -= 1
        if intro == end:
            intro = end = k
        if intro < end:
            a, b = self.paragraphs[intro].start, self.paragraphs[end - 1].end
            part.start, part.heading_span, part.heading = a, (a, b), self.norm[a:b].strip()
            for p in self.paragraphs[intro:end]:
                _set(p, "heading", True)
            self._drop_sentences(a, b)  # the intro is the part's heading, not body text
        elif self.title_span is not None and k <= _INTRO_MAX_LINES:
            # a saved page: the document's own title block (after the page head) introduces part 1
            a, b = self.title_span
            part.start, part.heading_span, part.heading = a, (a, b), self.norm[a:b].strip()
            intro = 0
        for sec in self.top:
            _shift(sec)
        for p in self.paragraphs[intro:]:
            _set(p, "section_path", (1,) + p.section_path)
            part.paragraphs.append(p)
        for s in self.sentences:
            if s.start >= part.start:
                if not s.section_path:
                    _set(s, "section", part)
                _set(s, "section_path", (1,) + s.section_path)
                part.sentences.append(s)
        part.children = self.top
        self.top = [part]
        self.stack.insert(0, ("unit", part))

    def _first_annex_intro(self, k: int) -> tuple[int, int]:
        """``(intro, end)``: an attachment's line (and title) among the two paragraphs before paragraph ``k`` (the
        first section's heading), the heading of part 1 (:func:`annex_heading`); else
        ``(k, k)``."""
        paras = self.paragraphs
        for j in (k - 1, k - 2):
            if j < 0 or paras[j].section_path:
                break
            n = annex_heading(paras[j].text, paras[j + 1].text if j + 1 < k else None, numbered=False)
            if n:
                return j, j + n
        return k, k


def _lists_annexes(line: str) -> bool:
    """Whether ``line`` lists attachments (``见附件1：《…》``, ``附件1：…``, no sentence that ends: ``见附件1。``
    refers to them in prose): a list the next attachment line goes on."""
    return (line.startswith(("见附件", "详见附件")) or RE_ANNEX.match(line) is not None) \
        and not line.endswith(("。", "；", ";"))


def _bare(key: str) -> str:
    """The numbering style of a stack key (``"item:cn"`` → ``"cn"``)."""
    return key.rpartition(":")[2]


def _heading_like(line: str) -> bool:
    """A short heading line without a sentence end (a repeated number on it is a slip, not body text)."""
    return len(line) <= 40 and "。" not in line


def _shift(sec: Section) -> None:
    """Move a section and its descendants one level down, into part 1."""
    sec.path = (1,) + sec.path
    sec.level += 1
    for child in sec.children:
        _shift(child)


# -- attachments (moved here from ``layout`` for its size) --

def is_annex_intro(line: str) -> bool:
    """A line that introduces an attachment's text (``附件1`` ``附件二：…`` ``附：活动方案``).

    A bare ``附件：`` or ``附件：1.…`` is the notice's list of attachments, not an attachment.

    >>> [is_annex_intro(x) for x in ("附件1", "附件二：报名表", "附件：", "附件：1.表")]
    [True, True, False, False]
    """
    m = RE_ANNEX.match(line)
    if m is None:
        return False
    rest = line[m.end():].strip()
    numbered = any(c.isdigit() or c in HEADING_NUMERALS for c in m.group(0))
    return numbered or (bool(rest) and RE_HEADING.match(rest) is None)


#: The noun that ends the title of an attachment (``…汇总表``, ``…实施方案``, ``…课件材料要求``).
_RE_ANNEX_TITLE_END: Pattern[str] = re.compile(
    "(?:表|单|册|方案|细则|办法|要求|说明|通知|名单|清单|标准|规则|规程|守则|指南|须知|计划|安排|协议|承诺书|申请书)$")


def annex_heading(line: str, nxt: str | None, *, numbered: bool = True, after: str | None = None) -> int:
    """How many lines head the attachment that ``line`` introduces (``nxt``: the next body line, if any).

    1 (``附件1：方案``), or 2 when ``line`` holds no title and ``nxt`` is
    title-like (``附件1`` then ``方案``), 3 when that title goes on in the
    line ``after`` it (``第四届…教学竞赛`` then ``教学设计评分表``: a short
    title-like line that ends with what the attachment is, which ``nxt``
    does not, :data:`_RE_ANNEX_TITLE_END`); 0 when ``line`` introduces no
    attachment (:func:`is_annex_intro`; with ``numbered``, also ``附：方案``
    without a number) or ``nxt`` is another attachment's line (a list of them).

    >>> annex_heading("附件1", "学分结构"), annex_heading("附件2：汇总表", "组别")
    (2, 1)
    >>> annex_heading("附件1：甲表", "附件2：乙表")
    0
    >>> annex_heading("附：方案", "一、总则"), annex_heading("附：方案", "一、总则", numbered=False)
    (0, 1)
    >>> annex_heading("附件2：", "第四届青年教师教学竞赛", after="教学设计评分表")
    3
    >>> annex_heading("附件2：", "第四届青年教师教学竞赛", after="区（县、市）及单位")
    2
    """
    m = RE_ANNEX.match(line) if line[:1] == "附" else None
    if m is None or not is_annex_intro(line) or (nxt is not None and RE_ANNEX.match(nxt)):
        return 0
    if numbered and not any(c.isdigit() or c in HEADING_NUMERALS for c in m.group(0)):
        return 0
    if line[m.end():].strip() or nxt is None or not is_intro_line(nxt):
        return 1
    if after is not None and len(after) <= 16 and is_intro_line(after) and _RE_ANNEX_TITLE_END.search(after) \
            and not _RE_ANNEX_TITLE_END.search(nxt):
        return 3
    return 2
