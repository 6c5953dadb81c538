"""Parse normalised text into a :class:`~policytext.text.document.Document`.

The rule layer is deterministic and lives in typed regex constants:

* **Headings** (at the start of a line): ``第X部分/篇/章/编`` (``part``),
  ``一、`` (``cn``), ``（一）`` (``cn_paren``), ``1.``/``1．``/``1、`` (``num``),
  ``（1）`` (``num_paren``), ``第X条`` (``article``). A heading line that
  contains ``。`` is an *inline* heading: the heading ends at the first ``。``
  and the rest of the line is body text (``（1）标题。正文…``).
* **Nesting** follows the order in which numbering styles appear: a style not
  yet open becomes a child of the current section, a style already open closes
  everything below it. Siblings must count up (``二、`` after ``一、``); a
  number that goes backwards (other than a restart at 1 in a new parent) is
  body text, not a heading, and a gap is kept but noted in
  ``doc.metadata["structure_warnings"]``.
* **Sentences** end at ``。！？`` (and ``……`` at line end), plus any closing
  quote right after; never inside ``“…”``, ``‘…’``, ``《…》`` or ``（…）``
  whose closing mark is on the same line. A line is a paragraph; a sentence
  never crosses a line.
* **Task sentences** (directives) — see :func:`policytext.text.tasks.task_marker`.

:func:`parse` works in phases: the text is cut into lines, the title block
at the top gives the title and metadata (:func:`_title_block`), every
further line becomes a paragraph, possibly opening a section
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
from re import Pattern
from typing import Any

from .._validation import validate_params
from .document import Document, Paragraph, Section, Sentence
from .headings import RE_HEADING, cn_to_int, heading_style
from .normalize import normalize
from .tasks import RE_RETROSPECTIVE, RE_TASK_LEAD, RE_TASK_MODAL, task_marker

__all__ = [
    "parse",
    "split_sentences",
    "task_marker",
    "RE_TASK_MODAL",
    "RE_TASK_LEAD",
    "RE_RETROSPECTIVE",
    "RE_DATE",
]

#: Dates such as ``2022年10月16日``.
RE_DATE: Pattern[str] = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
#: A date in brackets (``（2022年10月16日）``) near the top makes the document's date.
_RE_HEAD_DATE: Pattern[str] = re.compile(r"[（(]\s*\d{4}年\d{1,2}月\d{1,2}日")
#: Sentence punctuation: a line with one of these is body text, not a title line.
_RE_SENTENCE_MARK: Pattern[str] = re.compile("[。！？；]")
#: The title block is found among the first lines, each at most this long …
_TITLE_MAX_LINES = 8
_TITLE_MAX_CHARS = 60
#: … and a short line after the title is its author (习近平).
_AUTHOR_MAX_CHARS = 4
#: A bracketed date counts as the document's date within this many lines.
_HEAD_DATE_LINES = 6

_OPEN = {"“": "”", "‘": "’", "《": "》", "（": "）", "(": ")", "〈": "〉"}
_CLOSE = set(_OPEN.values())
_CLOSER_TO_OPENER = {c: o for o, c in _OPEN.items()}
_RE_BRACKETS: Pattern[str] = re.compile("[" + re.escape("".join(_OPEN) + "".join(_CLOSE)) + "]")
_RE_EVENTS: Pattern[str] = re.compile(r"[“‘《（(〈”’》）)〉]|[。！？!?]+|…{2,}$|……(?=[”’])")
_RE_OPENER: Pattern[str] = re.compile("[" + re.escape("".join(_OPEN)) + "]")
_RE_END_ONLY: Pattern[str] = re.compile(r"[。！？!?…](?:(?<=…)…+[”’]*$|(?<!…)[。！？!?]*[”’」』）)]*)")


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
    if _RE_OPENER.search(line):
        matched = _matched_openers(line)
        depth = 0
        last_end = -1  # end of the last end-mark run seen inside quotes
        for m in _RE_EVENTS.finditer(line):
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
    else:
        for m in _RE_END_ONLY.finditer(line):
            spans.append((start, m.end()))
            start = m.end()
    if start < len(line) and line[start:].strip():
        spans.append((start, len(line)))
    return [(a, b) for a, b in spans if line[a:b].strip()]


def _matched_openers(line: str) -> set[int]:
    """Positions of opening marks that have a closing partner on the line."""
    stacks: dict[str, list[int]] = {}
    matched: set[int] = set()
    for m in _RE_BRACKETS.finditer(line):
        ch = m.group(0)
        if ch in _OPEN:
            stacks.setdefault(ch, []).append(m.start())
        else:
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
    """
    raw = text if raw is None else raw
    norm = text if normalized else normalize(text)
    if norm is not raw and len(norm) == len(raw) and norm == raw:
        norm = raw  # one string, not two equal ones
    lines = _line_spans(norm)
    meta: dict[str, Any] = {}
    title, title_span, first_body = _title_block(norm, lines, meta)
    if "date" not in meta:
        date = _head_date(norm, lines)
        if date:
            meta["date"] = date
    body = _BodyBuilder(norm)
    for a, b in lines[first_body:]:
        if a < b:
            body.add_line(a, b)
    _close_spans(body.top, len(norm))
    if body.warnings:
        meta["structure_warnings"] = body.warnings
    if metadata:
        meta.update(metadata)
    return Document(text=norm, raw=raw, title=title, metadata=meta, sections=body.top,
                    paragraphs=body.paragraphs, sentences=body.sentences, title_span=title_span)


def _line_spans(norm: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every line of ``norm`` (at least one, maybe empty)."""
    lines: list[tuple[int, int]] = []
    pos = 0
    for line in norm.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    return lines


# -- title block -------------------------------------------------------------------

def _title_block(norm: str, lines: list[tuple[int, int]],
                 meta: dict[str, Any]) -> tuple[str | None, tuple[int, int] | None, int]:
    """The title, its span and the index of the first body line; fills ``meta``.

    The title block is the leading short lines without sentence punctuation:
    title lines (``标题——副标题`` gives a subtitle), bracketed or dash lines
    (a date, ``——副标题``) and a short author line after the title.
    """
    title_lines: list[str] = []
    title_span: tuple[int, int] | None = None
    first_body = 0
    for i, (a, b) in enumerate(lines[:_TITLE_MAX_LINES]):
        line = norm[a:b]
        if not line or RE_HEADING.match(line) or len(line) > _TITLE_MAX_CHARS:
            break
        if line.startswith("——") or (line[0] in "（(" and line[-1] in "）)"):
            _dated_line(line, meta)
        elif _RE_SENTENCE_MARK.search(line) or line.endswith(("：", ":")):
            break
        elif title_lines and len(line) <= _AUTHOR_MAX_CHARS and "——" not in line:
            meta.setdefault("author", line)  # e.g. 习近平
        else:
            if "——" in line:
                line, _, sub = line.partition("——")
                meta["subtitle"] = sub
                date = _parse_date(sub)
                if date:
                    meta.setdefault("date", date)
            title_lines.append(line)
            title_span = (a, b) if title_span is None else (title_span[0], b)
        first_body = i + 1
    return (" ".join(title_lines) if title_lines else None), title_span, first_body


def _dated_line(line: str, meta: dict[str, Any]) -> None:
    """A bracketed line (``（2022年10月16日）``) or a ``——副标题`` line of the title block."""
    date = _parse_date(line)
    if date and "date" not in meta:
        meta["date"] = date
    if line.startswith("——"):
        meta["subtitle"] = line.lstrip("—")


def _head_date(norm: str, lines: list[tuple[int, int]]) -> str | None:
    """The first date near the top, when a bracketed date is there."""
    head_text = norm[: lines[min(len(lines), _HEAD_DATE_LINES) - 1][1]]
    return _parse_date(head_text) if _RE_HEAD_DATE.search(head_text) else None


def _parse_date(text: str) -> str | None:
    m = RE_DATE.search(text)
    if not m:
        return None
    y, mo, d = (int(g) for g in m.groups())
    if 1900 <= y <= 2200 and 1 <= mo <= 12 and 1 <= d <= 31:
        return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


# -- body: headings, the section stack, paragraphs and sentences ----------------------

class _BodyBuilder:
    """Sections, paragraphs and sentences of the body, built line by line.

    ``stack`` holds the open sections, outermost first, each with its
    numbering style; every paragraph and sentence is added to all of them.
    """

    __slots__ = ("norm", "paragraphs", "sentences", "stack", "top", "warnings")

    def __init__(self, norm: str) -> None:
        self.norm = norm
        self.top: list[Section] = []
        self.stack: list[tuple[str, Section]] = []
        self.paragraphs: list[Paragraph] = []
        self.sentences: list[Sentence] = []
        self.warnings: list[str] = []

    def add_line(self, a: int, b: int) -> None:
        """Add the non-empty line ``norm[a:b]``: maybe a heading, then a paragraph and its sentences."""
        line = self.norm[a:b]
        m = RE_HEADING.match(line)
        sec, body_start = self._open_section(m, line, a, b) if m else (None, a)
        current = self.stack[-1][1] if self.stack else None
        path = current.path if current is not None else ()
        pidx = len(self.paragraphs)
        para = Paragraph(self.norm, a, b, pidx, path, sec is not None, _base=0)  # reads its text from norm
        self.paragraphs.append(para)
        for _, anc in self.stack:
            anc.paragraphs.append(para)
        if body_start < b:
            self._add_sentences(line, a, body_start, b, pidx, path, current)

    def _open_section(self, m: re.Match[str], line: str, a: int, b: int) -> tuple[Section | None, int]:
        """Open the section a heading match starts; returns it (or None: body text) and where its body starts."""
        style = heading_style(m)
        rest = line[m.end():]
        try:
            ordinal = cn_to_int(m.group(style + "_n"))
        except ValueError:
            ordinal = -1
        if ordinal <= 0 or not (rest.strip() or style == "article"):
            return None, a
        sec = self._place(style, ordinal, m, line)
        if sec is None:
            return None, a
        heading, span, body_start, inline = _heading_parts(style, m, rest, a, b)
        sec.heading = heading.strip()
        sec.heading_span = span
        sec.start = a
        sec.inline = inline
        return sec, body_start

    def _place(self, style: str, ordinal: int, m: re.Match[str], line: str) -> Section | None:
        """Put a new section of ``style`` into the tree (see the nesting rule), or None for body text."""
        stack = self.stack
        styles = [s for s, _ in stack]
        if style in styles:
            idx = styles.index(style)
            prev = stack[idx][1]
            if ordinal != prev.ordinal + 1:
                if ordinal <= prev.ordinal:
                    return None  # numbering that goes back (or restarts under the same parent) is body text
                self.warnings.append(f"numbering gap before {line[:20]!r}: {prev.ordinal} → {ordinal}")
            del stack[idx:]
        parent = stack[-1][1] if stack else None
        siblings = parent.children if parent is not None else self.top
        path = (parent.path if parent is not None else ()) + (len(siblings) + 1,)
        sec = Section(heading="", label=m.group(style + "_n"), marker=style, ordinal=ordinal, level=len(path),
                      path=path, start=0, end=0, heading_span=(0, 0))
        siblings.append(sec)
        stack.append((style, sec))
        return sec

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
        for sa, sb in split_sentences(body):
            # trim leading spaces so spans hold text exactly
            while sa < sb and body[sa] == " ":
                sa += 1
            s0 = start + sa
            if s0 == prev_end:
                s0 = prev_end
            prev_end = end if sb == n else start + sb
            sent = Sentence(norm, s0, prev_end, len(sentences), pidx, path, task_marker(body[sa:sb]), current,
                            _base=0)
            sentences.append(sent)
            for _, anc in stack:
                anc.sentences.append(sent)


def _heading_parts(style: str, m: re.Match[str], rest: str, a: int,
                   b: int) -> tuple[str, tuple[int, int], int, bool]:
    """``(heading, heading_span, body_start, inline)`` of the heading line ``norm[a:b]``.

    ``rest`` is the line after the number. An article (``第三条 正文``) keeps
    ``第三条`` as its heading and the rest as body; any other heading ends at
    the first ``。！？`` that is not the line's last character (an *inline*
    heading, the rest is body), else it is the whole rest of the line.
    """
    rest_start = a + m.end()
    if style == "article":
        return m.group("article"), (a, a + m.end("article")), rest_start, bool(rest.strip())
    cut = _first_end(rest)
    if cut is not None and cut < len(rest.rstrip()) - 1:
        return rest[:cut], (rest_start, rest_start + cut), rest_start + cut + 1, True
    heading = rest.rstrip("。：:")
    return heading, (rest_start, rest_start + len(heading)), b, False


def _first_end(rest: str) -> int | None:
    for i, ch in enumerate(rest):
        if ch in "。！？":
            return i
    return None


def _close_spans(sections: list[Section], doc_end: int) -> None:
    for i, sec in enumerate(sections):
        nxt = sections[i + 1].start - 1 if i + 1 < len(sections) else doc_end
        sec.end = max(sec.heading_span[1], nxt)
        _close_spans(sec.children, sec.end)
