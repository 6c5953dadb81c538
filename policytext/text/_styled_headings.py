"""Headings a file marks by style (a Word ``Heading 2``), read by the parser without inventing text.

A reader that knows which lines are headings by their style, not by a number
written in them (:func:`policytext.text._docx.docx_read`: ``Heading 1`` …,
``标题 2``, an outline level; ``Title``), records them in the document's
metadata under :data:`KEY`: ``[(line, level), …]``, ``line`` indexing the
text as read (``raw.split("\\n")``), ``level`` 1 for the top, 0 for the title.
:func:`~policytext.text.structure.parse` then

* finds those lines in the normalised text (:func:`styled_lines`: by
  position, else by their text, so blank lines dropped by normalisation do
  not shift them);
* takes a title-styled line at the top as the title, and stops the title
  block before the first styled heading (:func:`styled_title`); an unnumbered
  heading alone at its level on the first line is the title too (Word users
  often give the title ``Heading 1``);
* opens a section at the styled level for each of them (:func:`add_styled`):
  a heading of level 2 goes inside the last open heading of level 1, and
  closes every section below it. A line without a number gives a section with
  ``marker="style"`` and ``label=""`` (its heading is the whole line); a
  numbered line (``一、总体要求`` in ``Heading 1``) keeps its number as label
  and marker. Numbered lines that are not styled are read as ever, inside the
  styled sections.

A styled line without a number that does not look like a heading (over
:data:`MAX_CHARS` characters, or a sentence end before its last character:
body text in a heading style) stays body text, so no sentence is lost.

Because the hints live in the metadata, a document parsed again from its
text and metadata (a corpus sent to worker processes) keeps its headings.

>>> from policytext.text.structure import parse
>>> doc = parse("总则\\n要坚持学习。\\n附则\\n本办法自发布之日起施行。", metadata={KEY: [(0, 1), (2, 1)]})
>>> [(s.id, s.marker, s.heading) for s in doc.sections]
[('1', 'style', '总则'), ('2', 'style', '附则')]
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Protocol

from ._dates import title_block
from .document import Section
from .headings import RE_HEADING, heading_ordinal, heading_parts, heading_style
from .normalize import normalize

if TYPE_CHECKING:
    from .document import Paragraph
    from .layout import Layout

__all__ = ["KEY", "MAX_CHARS", "StyledLines", "styled_lines", "styled_title", "add_styled"]

#: The metadata key of the headings by style.
KEY = "styled_headings"
#: Longest styled line without a number read as a heading.
MAX_CHARS = 60
#: A sentence end before the last character: body text, not a heading.
_RE_SENTENCE = re.compile(r"[。！？；!?;].")
#: How far (in lines) a styled line is looked for when it is not where its position says.
_WINDOW = 50


class StyledLines:
    """The styled heading lines of a document being parsed, and the open sections they made.

    ``levels`` maps a line of the normalised text to its level (0: the title);
    ``open`` maps ``id(section)`` of each section opened by a styled line to its level.
    """

    __slots__ = ("levels", "open")

    def __init__(self, levels: dict[int, int]) -> None:
        self.levels = levels
        self.open: dict[int, int] = {}

    def __bool__(self) -> bool:
        return bool(self.levels)

    def __contains__(self, i: object) -> bool:
        return i in self.levels

    def not_in_toc(self, lay: Layout, texts: list[str]) -> None:
        """Take the styled lines out of the table of contents :func:`~policytext.text.layout.scan_body` found."""
        found = lay.toc.intersection(self.levels)
        if found:
            lay.toc -= found
            dropped = {texts[i] for i in found}
            lay.toc_entries = [e for e in lay.toc_entries if e not in dropped]


def _pairs(hints: object) -> list[tuple[int, int]]:
    """The well-formed ``(line, level)`` pairs of ``hints``, by line (anything else is ignored)."""
    out = []
    if isinstance(hints, (list, tuple)):
        for h in hints:
            if isinstance(h, (list, tuple)) and len(h) == 2 and all(type(x) is int for x in h) \
                    and h[0] >= 0 and 0 <= h[1] <= 9:
                out.append((h[0], h[1]))
    return sorted(set(out))


def styled_lines(raw: str, texts: list[str], metadata: Mapping[str, Any] | None) -> StyledLines:
    """The styled heading lines of ``metadata[KEY]`` (lines of ``raw``) as lines of the normalised ``texts``.

    >>> styled_lines("标题\\n\\n　总则\\n正文。", ["标题", "总则", "正文。"], {KEY: [(2, 1)]}).levels
    {1: 1}
    """
    pairs = _pairs(metadata.get(KEY)) if metadata else []
    if not pairs:
        return StyledLines({})
    raw_lines = raw.split("\n")
    levels: dict[int, int] = {}
    nonblank = 0  # non-blank raw lines before the current one
    k = 0  # next raw line to count
    j = 0  # the normalised line after the last one found
    for line, level in pairs:
        if line >= len(raw_lines):
            break
        while k < line:
            nonblank += bool(raw_lines[k].strip())
            k += 1
        target = raw_lines[line].strip()
        if nonblank >= len(texts) or texts[nonblank] != target:  # (most lines are as normalisation left them)
            target = normalize(raw_lines[line])
        if not target or "\n" in target:
            continue
        found = next((x for x in (nonblank, *range(j, min(len(texts), j + _WINDOW)))
                      if j <= x < len(texts) and texts[x] == target), -1)
        if found >= 0 and _is_heading(target, level):
            levels[found] = level
            j = found + 1
    _first_as_title(levels, texts)
    return StyledLines(levels)


def _is_heading(line: str, level: int) -> bool:
    """A styled line read as a heading: numbered with text after its number, or short and not prose."""
    m = RE_HEADING.match(line)
    if m:
        return bool(line[m.end():].strip()) or heading_style(m) == "article"
    return level == 0 or (len(line) <= MAX_CHARS and not _RE_SENTENCE.search(line))


def _first_as_title(levels: dict[int, int], texts: list[str]) -> None:
    """An unnumbered heading on the first line, alone at its level or above, is the title (level 0)."""
    if not levels or 0 in levels.values() or 0 not in levels or RE_HEADING.match(texts[0]):
        return
    top = levels[0]
    if all(v > top for i, v in levels.items() if i):
        levels[0] = 0


def styled_title(norm: str, lines: list[tuple[int, int]], meta: dict[str, Any], start: int,
                 styled: StyledLines) -> tuple[str | None, tuple[int, int] | None, int]:
    """:func:`~policytext.text._dates.title_block`, ending before the first styled heading; a title-styled line
    (or run of lines) before it is the title."""
    if not styled:
        return title_block(norm, lines, meta, start)
    stop = min((i for i, v in styled.levels.items() if v > 0 and i >= start), default=len(lines))
    title, span, first_body = title_block(norm, lines[:stop], meta, start)
    run = sorted(i for i, v in styled.levels.items() if v == 0 and start <= i < stop)
    if run:
        end = 0
        while end + 1 < len(run) and run[end + 1] == run[end] + 1:
            end += 1
        a, b = lines[run[0]][0], lines[run[end]][1]
        title = " ".join(norm[x:y] for x, y in lines[run[0]:run[end] + 1])
        span = (a, b)
        first_body = max(first_body, run[end] + 1)
    for i in run:
        del styled.levels[i]  # (title lines after the title are read as top headings: see add_styled)
    return title, span, first_body


class _Builder(Protocol):
    """What :func:`add_styled` uses of :class:`policytext.text.structure._BodyBuilder` (not imported: a cycle)."""

    styled: StyledLines
    stack: list[tuple[str, Section]]
    top: list[Section]
    lines: list[tuple[int, int]]
    texts: list[str]
    paragraphs: list[Paragraph]

    def _add(self, i: int, a: int, b: int, line: str, m: re.Match[str] | None, intro: bool = False) -> None: ...

    def _add_sentences(self, line: str, line_start: int, start: int, end: int, pidx: int, path: tuple[int, ...],
                       current: Section | None) -> None: ...


def add_styled(builder: _Builder, i: int) -> None:
    """Add line ``i``, a styled heading: a section at its level (see the module's docstring) and its paragraph."""
    styled = builder.styled
    level = max(styled.levels[i], 1)  # (a title-styled line further down: a top heading)
    stack = builder.stack
    while stack and stack[-1][1].kind != "part" and styled.open.get(id(stack[-1][1]), 99) >= level:
        stack.pop()
    a, b = builder.lines[i]
    line = builder.texts[i]
    parent = stack[-1][1] if stack else None
    siblings = parent.children if parent is not None else builder.top
    path = (parent.path if parent is not None else ()) + (len(siblings) + 1,)
    m = RE_HEADING.match(line)
    if m:
        style = heading_style(m)
        heading, span, body_start, inline = heading_parts(style, m, line[m.end():], a, b)
        label, ordinal = m.group(style + "_n"), heading_ordinal(m, style)
    else:
        style, heading, span, body_start, inline = "style", line, (a, b), b, False
        label, ordinal = "", len(siblings) + 1
    sec = Section(heading=heading.strip(), label=label, marker=style, ordinal=ordinal, level=len(path), path=path,
                  start=a, end=0, heading_span=span, inline=inline)
    siblings.append(sec)
    stack.append((f"style{level}:part", sec))  # (the key's bare style ranks it outside any numbering)
    styled.open[id(sec)] = level
    builder._add(i, a, b, line, None, intro=True)  # the paragraph, a heading
    if body_start < b:  # an inline heading: ``（一）总体要求。正文…``
        builder._add_sentences(line, a, body_start, b, len(builder.paragraphs) - 1, path, sec)
