"""Parse normalised text into a :class:`~policytext.text.document.Document`.

The rule layer is deterministic and lives in typed regex constants:

* **Headings** (at the start of a line): ``第X部分/篇/章/编`` (``part``), ``一、`` (``cn``), ``（一）``
  (``cn_paren``), ``1.``/``1．``/``1、`` (``num``), ``（1）`` (``num_paren``), ``第X条`` (``article``); inside a
  section or part, ``■资助条件`` (``bullet``: ``■●◆▲★`` and a short title). A heading line that contains ``。``
  is an *inline* heading: the heading ends at the first ``。`` and the rest of the line is body text.
* **Nesting** follows the order in which numbering styles appear: a style not
  yet open becomes a child of the current section, a style already open closes
  everything below it (a style not yet open whose first number is not 1 and
  that is conventionally outer, ``（二）`` after ``（1）…``, goes to its
  conventional level). Siblings must count up (``二、`` after ``一、``); a
  number that goes backwards (other than a restart at 1 in a new parent) is
  body text, not a heading, and a gap is kept but noted in
  ``doc.metadata["structure_warnings"]``.
* **Sentences** end at ``。！？`` (and ``……`` at line end), plus any closing
  quote right after; never inside ``“…”``, ``‘…’``, ``《…》`` or ``（…）``
  whose closing mark is on the same line. A line is a paragraph; a sentence
  never crosses a line.
* **Task sentences** (directives) — see :func:`policytext.text.tasks.task_marker`.
* **Page layout** (issue 15; :mod:`policytext.text.layout`): a saved page's
  head and foot, tables of contents and signature blocks are kept out of the
  body and recorded in ``doc.metadata``. Several units on one page (reports of
  several people, a notice and its ``附件``, several plans) become **parts**:
  top-level sections of kind ``"part"`` (see
  :class:`~policytext.text.document.Section`). Numbering that restarts at 1
  inside a section is a list of one-line items (kind ``"item"``); a heading
  that holds its first item (``1.活动内容：（1）…``) is split; a closing
  paragraph after the last section (``结束语``, ``同志们！…``) belongs to the
  document (:attr:`~policytext.text.document.Document.closing`); a paragraph
  opened by ``各位代表！``/``同志们！`` after a chapter's last item is the
  chapter's own text, and a report's final call its closing
  (:mod:`policytext.text._addresses`). A page of
  news items (blank-line blocks, each a title line and its text:
  :func:`~policytext.text.layout.news_items`) has no title and one part per item.

:func:`parse` works in phases: the text is cut into lines, the page head and
foot are found (:func:`~policytext.text.layout.scan_chrome`), the title block
gives the title and metadata (:func:`~policytext.text._dates.title_block`), tables of contents and
signatures are found (:func:`~policytext.text.layout.scan_body`), every
further line becomes a paragraph, possibly opening a section or a part
(:class:`_BodyBuilder`), its body is split into sentences, and finally the
section spans are closed (:func:`_close_spans`).

Examples
--------
>>> from policytext.text.structure import parse
>>> doc = parse("（一）总体要求。要坚持“两个毫不动摇。”不动摇。")
>>> doc.sections[0].heading, [s.text for s in doc.sentences]
('总体要求', ['要坚持“两个毫不动摇。”', '不动摇。'])
"""

from __future__ import annotations

import re
from bisect import bisect_left
from re import Pattern
from typing import Any

from .._validation import validate_params
from ._addresses import ADDRESS_FIRST, RE_ADDRESS, closing_line, heading_styles, next_heading
from ._dates import RE_DATE, head_date
from ._parts import _RANK, PartsMixin, _bare, _heading_like, _set, is_annex_intro
from ._styled_headings import StyledLines, add_styled, styled_lines, styled_title
from .document import Document, Paragraph, Section, Sentence, new_paragraph, new_sentence
from .headings import RE_BULLET_HEADING, RE_HEADING, heading_ordinal, heading_parts, heading_style
from .layout import (
    RE_ANNEX,
    RE_CLOSING,
    Layout,
    layout_metadata,
    list_items,
    news_items,
    scan_body,
    scan_chrome,
    swallowed_item_cut,
)
from .normalize import normalize
from .tasks import RE_RETROSPECTIVE, RE_TASK_LEAD, RE_TASK_MODAL, apply_context, task_marker

__all__ = [
    "parse",
    "split_sentences",
    "task_marker",
    "RE_TASK_MODAL",
    "RE_TASK_LEAD",
    "RE_RETROSPECTIVE",
    "RE_DATE",
]


_OPEN = {"“": "”", "‘": "’", "《": "》", "（": "）", "(": ")", "〈": "〉"}
_CLOSE = set(_OPEN.values())
_CLOSER_TO_OPENER = {c: o for o, c in _OPEN.items()}
_RE_BRACKETS: Pattern[str] = re.compile("[" + re.escape("".join(_OPEN) + "".join(_CLOSE)) + "]")
#: Events of a line with quotes: a bracket, a run of end marks, ``……`` at the end or before ``”’``. (The
#: alternation ``[“…]|[。…]+|…{2,}$|……(?=[”’])`` behind one leading class, which ``re`` scans for fast.)
_RE_EVENTS: Pattern[str] = re.compile(
    r"[“‘《（(〈”’》）)〉。！？!?…](?:(?<=[。！？!?])[。！？!?]*|(?<=…)(?:…+$|…(?=[”’]))|(?<=[“‘《（(〈”’》）)〉]))")
_RE_END_ONLY: Pattern[str] = re.compile(r"[。！？!?…](?:(?<=…)…+[”’]*$|(?<!…)[。！？!?]*[”’」』）)]*)")
_END_CLOSERS = "”’」』）)"  # the closing marks :data:`_RE_END_ONLY` takes after an end mark


# -- sentences ---------------------------------------------------------------------

def split_sentences(line: str) -> list[tuple[int, int]]:
    """Split one line into sentence spans ``(start, end)``.

    Sentences end at ``。！？`` plus closing quotes; a mark inside a quotation
    or title (``“…”``, ``《…》``, ``（…）``) whose closing mark is on the same
    line does not end a sentence, but a quotation that closes right after an
    end mark (``…要落实。”``) ends the sentence after the quote. Unmatched
    opening marks are ignored.

    >>> line = "他说：“要学习。要落实。”会议强调，要贯彻《条例。》精神。好"
    >>> [line[a:b] for a, b in split_sentences(line)]
    ['他说：“要学习。要落实。”', '会议强调，要贯彻《条例。》精神。', '好']
    """
    spans: list[tuple[int, int]] = []
    start = 0
    if "“" in line or "《" in line or "（" in line or "‘" in line or "(" in line or "〈" in line:  # any of _OPEN
        events = list(_RE_EVENTS.finditer(line))  # (one scan: its brackets are those _matched_openers pairs)
        matched = _matched_openers(line, events)
        depth = 0
        last_end = -1  # end of the last end-mark run seen inside quotes
        for m in events:
            a, b = m.span()
            ch = line[a]
            if ch in _OPEN:
                if a in matched:
                    depth += 1
                continue
            if ch in _CLOSE:
                if depth:
                    depth -= 1
                    if depth == 0 and a == last_end and ch in "”’":
                        spans.append((start, b))
                        start = b
                continue
            if depth:
                last_end = b
                continue
            spans.append((start, b))
            start = b
    elif "！" not in line and "？" not in line and "!" not in line and "?" not in line and "…" not in line:
        start = _split_at_full_stops(line, spans)
    else:
        for m in _RE_END_ONLY.finditer(line):
            spans.append((start, m.end()))
            start = m.end()
    if start < len(line) and line[start:].strip():
        spans.append((start, len(line)))
    return spans  # (none is blank: each but the last ends with a mark or a quote)


def _split_at_full_stops(line: str, spans: list[tuple[int, int]]) -> int:
    """What :data:`_RE_END_ONLY` splits in a line whose only end mark is ``。`` (a run of them and the closing
    marks after it end a sentence), with ``str.find`` (far faster than a scan for a class); returns where the
    last sentence ends. The same spans as the pattern's, on random lines of the characters that matter:

    >>> import random
    >>> rng = random.Random(15)
    >>> lines = ["".join(rng.choice("。。要”’」』）)“，a ") for _ in range(rng.randint(0, 14))) for _ in range(5000)]
    >>> def by_pattern(line):
    ...     spans, start = [], 0
    ...     for m in _RE_END_ONLY.finditer(line):
    ...         spans.append((start, m.end()))
    ...         start = m.end()
    ...     return spans, start
    >>> def by_find(line):
    ...     spans = []
    ...     return spans, _split_at_full_stops(line, spans)
    >>> all(by_find(line) == by_pattern(line) for line in lines)
    True
    """
    start, n = 0, len(line)
    k = line.find("。")
    while k >= 0:
        e = k + 1
        while e < n and line[e] == "。":
            e += 1
        while e < n and line[e] in _END_CLOSERS:
            e += 1
        spans.append((start, e))
        start = e
        k = line.find("。", e)
    return start


def _matched_openers(line: str, events: list[re.Match[str]] | None = None) -> set[int]:
    """Positions of opening marks that have a closing partner on the line (``events``: the line's matches of
    :data:`_RE_EVENTS`, whose brackets are those of :data:`_RE_BRACKETS`, if already found)."""
    stacks: dict[str, list[int]] = {}
    matched: set[int] = set()
    for m in _RE_BRACKETS.finditer(line) if events is None else events:
        a = m.start()
        ch = line[a]
        if ch in _OPEN:
            stacks.setdefault(ch, []).append(a)
        elif ch in _CLOSE:
            st = stacks.get(_CLOSER_TO_OPENER[ch])
            if st:
                matched.add(st.pop())
    return matched


# -- the document ------------------------------------------------------------------

@validate_params({"text": ["str"]})
def parse(text: str, *, metadata: dict[str, Any] | None = None, raw: str | None = None,
          normalized: bool = False) -> Document:
    """Parse text into a :class:`~policytext.text.document.Document`.

    Parameters
    ----------
    text : str
        The document text. It is normalised first (see
        :func:`policytext.text.normalize.normalize`) unless ``normalized=True``.
    metadata : dict, optional
        Known metadata (``date``, ``kind``, ``meeting`` …). Values passed here
        win over detected ones.
    raw : str, optional
        The original text, kept as :attr:`Document.raw` (defaults to ``text``).
    normalized : bool
        Skip normalisation because ``text`` is already normalised.

    Returns
    -------
    Document

    Raises
    ------
    InvalidParameterError
        ``text`` is not a ``str`` (also a ``TypeError``).

    Examples
    --------
    >>> doc = parse("关于某事的通知\\n（2022年11月17日）\\n一、学习\\n要学习。")
    >>> doc.title, doc.metadata["date"], doc.sections[0].heading
    ('关于某事的通知', '2022-11-17', '学习')
    >>> doc = parse("通知\\n一、学习\\n要学习。\\n二、落实\\n要落实。\\n某某中学\\n2022年11月17日")
    >>> doc.metadata["issuer"], doc.metadata["date"], doc.sentences[-1].text
    ('某某中学', '2022-11-17', '要落实。')
    """
    raw = text if raw is None else raw
    norm = text if normalized else normalize(text)
    if norm is not raw and len(norm) == len(raw) and norm == raw:
        norm = raw  # one string, not two equal ones
    texts = norm.split("\n")
    lines = _line_spans(texts)
    styled = styled_lines(raw, texts, metadata)  # headings by style (a .docx): metadata["styled_headings"]
    meta: dict[str, Any] = {}
    lay = scan_chrome(texts)
    items = news_items(raw, texts) if lay.body_start == 0 and lay.body_end == len(texts) else []
    if items:  # a page of news items: the first line is the first item's title, not the page's
        title, title_span, first_body = None, None, 0
    else:
        title, title_span, first_body = styled_title(norm, lines, meta, lay.body_start, styled)
    own_title_span = None
    if lay.meta.get("page_title"):
        own_title_span = title_span  # (the document's own title block, the heading of its part 1 if it has parts)
        if title and title != lay.meta["page_title"]:
            meta["doc_title"] = title
        title = lay.meta["page_title"]
        i = texts.index(title)
        title_span = lines[i]
    if "date" not in meta:
        date = head_date(norm, lines, lay.body_start)
        if date:
            meta["date"] = date
    scan_body(texts, lay, first_body)
    styled.not_in_toc(lay, texts)  # (a styled heading is the document's, not a table of contents')
    body = _BodyBuilder(norm, lines, texts, lay)
    body.title_span, body.styled = own_title_span, styled
    body.build(first_body, items)
    _close_spans(body.top, len(norm))
    body.close_closing()
    if body.warnings:
        meta["structure_warnings"] = body.warnings
    apply_context((meta.get("doc_title"), title), body.top, body.sentences)
    layout_metadata(meta, lay)
    if metadata:
        meta.update(metadata)
        if "date" not in meta and meta.get("page_date"):  # a page date found by the reader (HTML)
            meta["date"] = meta["page_date"]
    return Document(text=norm, raw=raw, title=title, metadata=meta, sections=body.top,
                    paragraphs=body.paragraphs, sentences=body.sentences, title_span=title_span)


def _line_spans(texts: list[str]) -> list[tuple[int, int]]:
    """``(start, end)`` of every line (``texts``: the text split at ``\\n``; at least one line, maybe empty)."""
    lines: list[tuple[int, int]] = []
    pos = 0
    for line in texts:
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    return lines


# -- body: headings, the section stack, paragraphs and sentences ----------------------

class _BodyBuilder(PartsMixin):
    """Sections, paragraphs and sentences of the body, built line by line.

    ``stack`` holds the open sections, outermost first, each with its
    numbering style (``"part"`` for a part, ``"item:cn"`` … for a list that
    restarts a style inside a section); every paragraph and sentence is added
    to all of them. ``lay`` says which lines are page chrome, table of
    contents or signature (skipped) and ``matches`` caches the heading match
    of every line, for the look-ahead of parts and lists.
    """

    __slots__ = ("norm", "lines", "texts", "lay", "matches", "paragraphs", "sentences", "stack", "warnings",
                 "item_lines", "intro_lines", "intro_known", "closing_line", "closing_at", "closed", "title_span",
                 "news", "styled", "addresses", "heads", "ended")  # (and PartsMixin's: top, implicit_parts)

    def __init__(self, norm: str, lines: list[tuple[int, int]], texts: list[str], lay: Layout) -> None:
        self.norm = norm
        self.lines = lines
        self.texts = texts
        self.lay = lay
        self.matches: dict[int, re.Match[str] | None] = {}
        self.top: list[Section] = []
        self.stack: list[tuple[str, Section]] = []
        self.paragraphs: list[Paragraph] = []
        self.sentences: list[Sentence] = []
        self.warnings: list[str] = []
        self.item_lines: set[int] = set()
        self.intro_lines: set[int] = set()
        self.intro_known: dict[int, bool] = {}
        self.implicit_parts = False
        self.closing_line = -1
        self.closing_at = -1
        self.closed: list[Section] = []
        self.title_span: tuple[int, int] | None = None  # the title block after a page head, if any
        self.news: set[int] = set()  # the title lines of a page of news items (each opens a part)
        self.styled = StyledLines({})  # headings by style (see :mod:`policytext.text._styled_headings`)
        self.addresses: list[int] = []  # lines opened by an address to the hearers (各位代表！)
        self.heads: list[int] = []  # the numbered heading lines of the body
        self.ended: list[tuple[int, list[Section]]] = []  # (offset of an address, the items it ended)

    def build(self, first: int, news: list[int] | None = None) -> None:
        """Add the body lines ``first … lay.body_end`` (skipping ToC and signature lines); each of the ``news``
        lines (:func:`~policytext.text.layout.news_items`) opens a part, and no other line does (nor a closing)."""
        if news:
            self.news = set(news)
            self.implicit_parts = True
        skip = self.lay.toc | self.lay.signature | self.lay.side
        texts = self.texts
        match = RE_HEADING.match
        body = []
        matches = self.matches
        last_heading = -1
        styled = self.styled.levels if not news else {}
        heads: list[int] = []
        addresses = self.addresses
        for i in range(first, self.lay.body_end):
            if texts[i] and i not in skip:
                body.append(i)
                m = matches[i] = match(texts[i]) if i not in styled else None
                if m or i in styled:
                    last_heading = i
                    if m:
                        heads.append(i)
                elif texts[i][0] in ADDRESS_FIRST and RE_ADDRESS.match(texts[i]):
                    addresses.append(i)
        # a closing paragraph: after the last heading and after at least one line of its body (结束语 at once)
        self.closing_line = next((i for k, i in enumerate(body) if i > last_heading and RE_CLOSING.match(texts[i])
                                  and (body[k - 1] != last_heading or "。" in texts[last_heading]
                                       or texts[i].startswith("结"))), -1) if not self.news else -1
        if addresses and not self.news and not styled:  # 各位代表！ 同志们！ (see policytext.text._addresses)
            self.heads = heads
            self.closing_line = closing_line(texts, body, heads, heading_styles(matches, heads), addresses,
                                             self.closing_line)
        else:
            addresses.clear()
        self.lay.body_lines = body
        for pos, i in enumerate(body):
            self.add_line(i, pos)

    def add_line(self, i: int, pos: int) -> None:
        """Add the non-empty line ``i``: maybe a part's intro or a heading, then a paragraph and its sentences."""
        a, b = self.lines[i]
        line = self.texts[i]
        m = self.matches[i]
        if i == self.closing_line:
            self._close_to_unit(a)
        elif self.addresses and i in self.addresses and (self.closing_line < 0 or i < self.closing_line):
            self._end_items(i, a)
        if self.news and (i in self.news or m is None):  # a page of news items: each item a part, no intros
            self._open_part(i, 1, pos) if i in self.news else self._add(i, a, b, line, None)
            return
        if i in self.styled.levels and not self.news:  # a heading by its style (a .docx): a section at its level
            return add_styled(self, i)
        if m is None and self.stack and (self.closing_line < 0 or i < self.closing_line):
            m = RE_BULLET_HEADING.match(line)  # ``■资助条件`` inside a section or part: a section (its 1.… inside)
        if m is None:
            if i in self.intro_lines:
                self._add(i, a, b, line, None, intro=True)
                return
            if self.stack and len(line) <= 60 and (self.closing_line < 0 or i < self.closing_line):
                if self._intro_line(i) or is_annex_intro(line):
                    n = self._part_intro(pos)
                    if n:
                        self._open_part(i, n, pos)
                        return
            self._add(i, a, b, line, None)
            return
        if self.stack and (self.closing_line < 0 or i < self.closing_line):
            n = self._numbered_part(pos, m, line)
            if n:
                self._open_part(i, n, pos)
                return
        cut = swallowed_item_cut(line, m)
        if cut:
            self._add(i, a, a + cut, line[:cut], m)
            self._add(i, a + cut, b, line[cut:], RE_HEADING.match(line[cut:]))
            return
        self._add(i, a, b, line, m)

    def _add(self, i: int, a: int, b: int, line: str, m: re.Match[str] | None, intro: bool = False) -> None:
        """Add ``norm[a:b]`` (``line``) as a paragraph, opening the section ``m`` starts, and its sentences."""
        sec, body_start = self._open_section(m, line, a, b, i) if m else (None, a)
        current = self.stack[-1][1] if self.stack else None
        path = current.path if current is not None else ()
        pidx = len(self.paragraphs)
        para = new_paragraph(self.norm, a, b, pidx, path, sec is not None or intro)  # reads its text from norm
        self.paragraphs.append(para)
        for _, anc in self.stack:
            anc.paragraphs.append(para)
        if body_start < b and not intro:
            self._add_sentences(line, a, body_start, b, pidx, path, current)

    def _open_section(self, m: re.Match[str], line: str, a: int, b: int, i: int) -> tuple[Section | None, int]:
        """Open the section a heading match starts; returns it (or None: body text) and where its body starts."""
        style = heading_style(m)
        rest = line[m.end():]
        ordinal = heading_ordinal(m, style) if style != "bullet" else \
            next((sec.ordinal for k, sec in self.stack if k == "bullet"), 0) + 1  # (■: 1, 2 … under each parent)
        if ordinal <= 0 or not (rest.strip() or style == "article"):
            return None, a
        sec = self._place(style, ordinal, m, line, i)
        if sec is None:
            return None, a
        heading, span, body_start, inline = heading_parts(style, m, rest, a, b)
        sec.heading = heading.strip()
        sec.heading_span = span
        sec.start = a
        sec.inline = inline
        return sec, body_start

    def _place(self, style: str, ordinal: int, m: re.Match[str], line: str, i: int,
               key: str | None = None) -> Section | None:
        """Put a new section of ``style`` into the tree (see the nesting rule), or None for body text."""
        stack = self.stack
        styles = [s for s, _ in stack]
        if key is None:
            key = _key_of(style, ordinal, i in self.item_lines, stack)
            if key == style and ordinal == 1 and style not in styles and style != "article" \
                    and self._list_run(i, style, mark=True, restart="item:" + style in styles):
                key = "item:" + style  # a list of one-line items (not a restart)
        kind = "item" if i in self.item_lines else "section"
        if ordinal == 1 and key in (style, "item:" + style) and key not in styles:
            self._beside_open_list(style, i)
        if key in styles:
            idx = styles.index(key)
            prev = stack[idx][1]
            if ordinal == prev.ordinal and _heading_like(line) and (ordinal > 1 or self._next_of_style(i, style) == 3):
                self.warnings.append(f"numbering repeated at {line[:20]!r}: {ordinal}")
            elif ordinal <= prev.ordinal and not (kind == "item" and ordinal == 1):  # (a new list after a list)
                return self._restart(style, ordinal, m, line, i, idx)
            if ordinal > prev.ordinal + 1:
                self.warnings.append(f"numbering gap before {line[:20]!r}: {prev.ordinal} → {ordinal}")
            del stack[idx:]
        elif ordinal > 1 and stack and _RANK.get(style, 9) < _RANK.get(_bare(stack[-1][0]), 9):
            # ``（二）`` after ``（1）…（23）`` without a ``（一）``: an outer style that does not start at 1
            # is a sibling at its conventional level, not a child of the innermost section
            while stack and stack[-1][1].kind != "part" and _RANK.get(_bare(stack[-1][0]), 9) >= _RANK[style]:
                stack.pop()
            self.warnings.append(f"numbering starts at {ordinal} at {line[:20]!r}")
        parent = stack[-1][1] if stack else None
        siblings = parent.children if parent is not None else self.top
        path = (parent.path if parent is not None else ()) + (len(siblings) + 1,)
        sec = Section(heading="", label=m.group(style + "_n"), marker=style, ordinal=ordinal, level=len(path),
                      path=path, start=0, end=0, heading_span=(0, 0), kind=kind)
        siblings.append(sec)
        stack.append((key, sec))
        return sec

    def _restart(self, style: str, ordinal: int, m: re.Match[str], line: str, i: int, idx: int) -> Section | None:
        """Numbering that goes back: a list inside the current section, or body text.

        Numbering that restarts at 1 is a list of one-line items of the
        current section when it is one (:meth:`_list_run`), or the sections of
        an attachment right after a heading that introduces it (``五、附：…``),
        or, when the unit's outermost style starts again with ``一、`` and a
        later ``二、``, a new part without a heading (an inner style that
        starts again with ``1`` and a later ``2``: a list beside the open
        one). Any other number that goes back (a lone ``一、`` inside the
        text) is body text.
        """
        if ordinal != 1 or self.closing_at >= 0 or i in self.item_lines:
            return None
        if self._list_run(i, style, mark=True, restart=True):
            return self._place(style, ordinal, m, line, i)
        parent = self.stack[-1][1] if self.stack else None
        if parent is not None and not parent.sentences and RE_ANNEX.match(parent.heading):
            # ``五、附：范文`` then ``一、引言``: the attachment's own numbering, inside it
            return self._place(style, ordinal, m, line, i, key="annex:" + style)
        unit = 1 if self.stack and self.stack[0][1].kind == "part" else 0
        if self._next_of_style(i, style) != 2:
            return None
        if idx == unit:
            self._open_part(i, 0, -1)  # the unit's chapters start again at 一、, 二、: a new (unnamed) part
        else:
            del self.stack[idx:]  # a list of chapters that starts again at 1, 2 inside a section: a sibling list
        return self._place(style, ordinal, m, line, i)

    def _beside_open_list(self, style: str, i: int) -> None:
        """A new list of ``style`` numbered from 1 while one of the same style is open: close that one.

        The new list is its sibling at the same level (not a child of its last
        entry), unless the line before it ends with ``：`` (``优势：`` then
        ``1.…``: a list that the last entry introduces; not ``附件：``, the
        list of a notice's attachments); at the top of the
        unit, chapters (not items) that go on with ``2`` start a new part.
        """
        same = next((k for k, (key, _) in enumerate(self.stack) if key in (style, "item:" + style)), -1)
        if same < 0:
            return
        body = self.lay.body_lines
        k = bisect_left(body, i)
        before = self.texts[body[k - 1]] if k else ""
        if before.endswith(("：", ":")) and not RE_ANNEX.match(before):
            return
        unit = 1 if self.stack[0][1].kind == "part" else 0
        if same == unit and i not in self.item_lines and self._next_of_style(i, style) == 2:
            self._open_part(i, 0, -1)
        else:
            del self.stack[same:]

    def _next_of_style(self, i: int, style: str) -> int:
        """The number of the next heading of ``style`` after line ``i`` (-1 when there is none)."""
        body = self.lay.body_lines
        for k in range(bisect_left(body, i) + 1, len(body)):
            m = self.matches.get(body[k])
            if m is not None and heading_style(m) == style:
                return heading_ordinal(m, style)
        return -1

    def _list_run(self, i: int, style: str, *, mark: bool, restart: bool = False) -> bool:
        """True when line ``i`` starts a list of ≥2 items of ``style`` numbered 1, 2, 3 … (:func:`list_items`).

        The whole-run rule applies inside a section only (not at the top of the
        document or of a part, where numbered lines are its chapters, nor in a
        list at the top). With ``mark``,
        the list's lines are remembered as list items.
        """
        if restart:  # a new list beside an open one: inside a section when one is open outside the lists
            inside = any(sec.kind == "section" and not k.startswith("item:") for k, sec in self.stack)
        else:  # a new level: inside the current section (or item)
            inside = bool(self.stack) and self.stack[-1][1].kind != "part"
        run = list_items(self.lay.body_lines, bisect_left(self.lay.body_lines, i), style, self.matches, self.texts,
                         {style, *(_bare(k) for k, _ in self.stack)}, whole=inside)
        ok = len(run) >= 2
        if ok and mark:
            self.item_lines.update(run)
        return ok

    def _add_sentences(self, line: str, line_start: int, start: int, end: int, pidx: int, path: tuple[int, ...],
                       current: Section | None) -> None:
        """Split ``norm[start:end]`` into sentences and add them to the open sections.

        A sentence keeps no copy of its text: it reads it from ``norm`` (see
        :class:`~policytext.text.document.Sentence`); and where a sentence
        starts where the previous one ends, or ends with its paragraph, the two
        share one ``int`` object (offsets past 256 are objects of their own).
        """
        norm = self.norm
        body = line if start == line_start else norm[start:end]
        n = len(body)
        sentences = self.sentences
        stack = self.stack
        prev_end = start
        first = len(sentences)
        for sa, sb in split_sentences(body):
            # trim leading spaces so spans hold text exactly
            while sa < sb and body[sa] == " ":
                sa += 1
            s0 = start + sa
            if s0 == prev_end:
                s0 = prev_end
            prev_end = end if sb == n else start + sb
            sentences.append(new_sentence(norm, s0, prev_end, len(sentences), pidx, path, task_marker(body[sa:sb]),
                                          current))
        if stack:
            added = sentences[first:]
            for _, anc in stack:
                anc.sentences += added

    def _drop_sentences(self, a: int, b: int) -> None:
        """Remove the sentences inside ``norm[a:b]`` (preamble lines that turned out to be a heading)."""
        kept = [s for s in self.sentences if not (a <= s.start and s.end <= b)]
        if len(kept) == len(self.sentences):
            return
        for i, s in enumerate(kept):
            if s.index != i:
                _set(s, "index", i)
        self.sentences[:] = kept

    def _close_to_unit(self, a: int) -> None:
        """A closing paragraph (结束语) starts at offset ``a``: close every section below the unit."""
        unit = 1 if self.stack and self.stack[0][1].kind == "part" else 0
        self.closed = [sec for _, sec in self.stack[unit:]]
        del self.stack[unit:]
        self.closing_at = a

    def _end_items(self, i: int, a: int) -> None:
        """An address (``各位代表！``) at line ``i``, offset ``a``: end the items below the run the next heading
        continues (below the unit's chapter when no heading follows), when the innermost item has text of its own.

        The sections stay the same (the next heading would close these items too); only the address's
        paragraphs move, to the section that stays open (see :mod:`policytext.text._addresses`).
        """
        stack = self.stack
        if len(stack) < 2 or not stack[-1][1].sentences:
            return
        unit = 1 if stack[0][1].kind == "part" else 0
        keep = unit + 1
        j = next_heading(self.heads, i)
        m = self.matches.get(j) if j >= 0 else None
        if m is not None:
            style = heading_style(m)
            k = next((k for k in range(len(stack) - 1, unit - 1, -1) if _bare(stack[k][0]) == style), -1)
            if k < 0 or heading_ordinal(m, style) <= stack[k][1].ordinal:
                return  # a new list of the innermost item, or numbering that starts again: still its text
            keep = k + 1
        if len(stack) > keep:
            self.ended.append((a, [sec for _, sec in stack[keep:]]))
            del stack[keep:]

    def close_closing(self) -> None:
        """End the sections closed by a closing paragraph or an address before it (after :func:`_close_spans`)."""
        for top in self.closed:
            for sec in top.walk():
                sec.end = max(sec.heading_span[1], min(sec.end, self.closing_at - 1))
        for a, secs in self.ended:
            for sec in secs:
                for sub in sec.walk():
                    sub.end = max(sub.heading_span[1], min(sub.end, a - 1))


def _key_of(style: str, ordinal: int, item: bool, stack: list[tuple[str, Section]]) -> str:
    """The stack key of a heading: its style, or the open list's/attachment's key it continues."""
    if item:
        return "item:" + style
    for prefix in ("annex:", "item:"):
        key = prefix + style
        for k, sec in stack:
            if k == key and (prefix == "annex:" or ordinal == sec.ordinal + 1
                             or (ordinal > sec.ordinal and all(x != style for x, _ in stack))):
                return key  # (a gap in a list's numbering goes on with the list, not inside its last item)
    return style


def _close_spans(sections: list[Section], doc_end: int) -> None:
    for i, sec in enumerate(sections):
        nxt = sections[i + 1].start - 1 if i + 1 < len(sections) else doc_end
        sec.end = max(sec.heading_span[1], nxt)
        _close_spans(sec.children, sec.end)
