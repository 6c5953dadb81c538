"""Paragraph styles of a Word ``.docx`` (``word/styles.xml``): which paragraphs are headings, and their numbering.

A paragraph is a heading when its outline level (``w:outlineLvl`` 0 … 8: level
1 … 9) is set on the paragraph itself or, through the ``w:basedOn`` chain,
on its style; Word's heading styles carry it. A style without an outline level
is a heading by its name: ``heading 1`` … ``heading 9`` (Word stores the
English names of its built-in styles, whatever the language of the user
interface), ``标题 1`` / ``标题1`` (WPS and localised templates), and the
style ids ``Heading1``/``标题1`` when there is no ``styles.xml``. ``Title``
and ``标题`` are the document's title (level 0). Outline level 9 is body
text. A style may also carry numbering (``w:numPr``), which its paragraphs
inherit.

>>> import xml.etree.ElementTree as ET
>>> W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
>>> xml = (f'<w:styles {W}><w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style>'
...        f'<w:style w:type="paragraph" w:styleId="My"><w:name w:val="我的标题"/><w:basedOn w:val="1"/></w:style>'
...        '</w:styles>')
>>> s = Styles(ET.fromstring(xml))
>>> s.level("1"), s.level("My"), s.level("Normal")
(1, 1, None)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.etree.ElementTree import Element

from ._docx_numbering import W

__all__ = ["Styles", "name_level"]

_VAL = f"{W}val"
#: A style name (or id) that makes a heading: ``heading 2``, ``Heading2``, ``标题 2``, ``标题2``.
_RE_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.I)
_TITLE_NAMES = frozenset({"title", "标题"})
#: Longest ``w:basedOn`` chain followed (Word's own stay far below; a cycle stops here too).
_MAX_CHAIN = 20


def name_level(name: str) -> int | None:
    """The heading level a style's name (or id) gives: 0 for the title, 1 … 9, else None.

    >>> name_level("heading 2"), name_level("标题 3"), name_level("Title"), name_level("标题"), name_level("Normal")
    (2, 3, 0, 0, None)
    """
    name = name.strip()
    if name.lower() in _TITLE_NAMES:
        return 0
    m = _RE_HEADING_NAME.match(name)
    return int(m.group(1)) if m else None


@dataclass(frozen=True)
class _Style:
    name: str
    based_on: str | None
    outline: int | None  # w:outlineLvl of the style's own pPr
    num_id: str | None  # w:numPr of the style's own pPr
    ilvl: int | None


def outline_level(ppr: Element | None) -> int | None:
    """``w:outlineLvl`` of a ``w:pPr`` as a heading level (1 … 9), -1 for body text (9), None when absent."""
    if ppr is None:
        return None
    el = ppr.find(f"{W}outlineLvl")
    if el is None:
        return None
    try:
        v = int(el.get(_VAL, ""))
    except ValueError:
        return None
    return v + 1 if 0 <= v < 9 else -1 if v == 9 else None


def num_pr(ppr: Element | None) -> tuple[str | None, int | None] | None:
    """``(numId, ilvl)`` of a ``w:pPr``'s ``w:numPr`` (either may be None), or None without one."""
    if ppr is None:
        return None
    el = ppr.find(f"{W}numPr")
    if el is None:
        return None
    num = el.find(f"{W}numId")
    lvl = el.find(f"{W}ilvl")
    try:
        ilvl = int(lvl.get(_VAL, "")) if lvl is not None else None
    except ValueError:
        ilvl = None
    return (num.get(_VAL) if num is not None else None), ilvl


class Styles:
    """The paragraph styles of a document (an empty one without ``styles.xml``)."""

    def __init__(self, root: Element | None = None) -> None:
        self.styles: dict[str, _Style] = {}
        self._levels: dict[str, int | None] = {}
        self._numbering: dict[str | None, tuple[str | None, int | None] | None] = {}
        if root is None:
            return
        for st in root.iter(f"{W}style"):
            kind = st.get(f"{W}type", "paragraph")
            if kind not in ("paragraph", "numbering"):  # (a numbering style holds the numbering it links to)
                continue
            sid = st.get(f"{W}styleId", "")
            name = st.find(f"{W}name")
            based = st.find(f"{W}basedOn")
            ppr = st.find(f"{W}pPr")
            nums = num_pr(ppr) or (None, None)
            lvl = outline_level(ppr)
            self.styles[sid] = _Style(name=name.get(_VAL, "") if name is not None else "",
                                      based_on=based.get(_VAL) if based is not None else None,
                                      outline=lvl, num_id=nums[0], ilvl=nums[1])

    def _chain(self, sid: str | None) -> list[tuple[str, _Style]]:
        """The style ``sid`` and the styles it is based on, nearest first (at most :data:`_MAX_CHAIN`)."""
        out: list[tuple[str, _Style]] = []
        seen: set[str] = set()
        while sid is not None and sid not in seen and len(out) < _MAX_CHAIN:
            seen.add(sid)
            st = self.styles.get(sid)
            if st is None:
                break
            out.append((sid, st))
            sid = st.based_on
        return out

    def level(self, sid: str | None) -> int | None:
        """The heading level of paragraphs of style ``sid`` (0: the title; None: not a heading)."""
        if sid is None:
            return None
        if sid in self._levels:
            return self._levels[sid]
        found: int | None = None
        chain = self._chain(sid)
        for _, st in chain:  # the nearest outline level wins …
            if st.outline is not None:
                found = st.outline if st.outline > 0 else None
                break
            by_name = name_level(st.name)
            if by_name is not None:  # … or the nearest style named like a heading or the title
                found = by_name
                break
        if not chain:
            found = name_level(sid)  # no styles.xml (or no such style): the id may say it
        self._levels[sid] = found
        return found

    def numbering(self, sid: str | None) -> tuple[str | None, int | None] | None:
        """``(numId, ilvl)`` a paragraph of style ``sid`` inherits, or None."""
        if sid in self._numbering:
            return self._numbering[sid]
        found = next(((st.num_id, st.ilvl) for _, st in self._chain(sid)
                      if st.num_id is not None or st.ilvl is not None), None)
        self._numbering[sid] = found
        return found

    def num_of(self, sid: str) -> str | None:
        """The numbering instance of a numbering style (for ``w:numStyleLink``)."""
        found = self.numbering(sid)
        return found[0] if found else None
