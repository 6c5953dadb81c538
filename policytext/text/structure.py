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
* **Task sentences** (directives) — see :func:`task_marker`.

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

from .document import Document, Paragraph, Section, Sentence
from .headings import RE_HEADING, cn_to_int, heading_style
from .normalize import normalize

__all__ = [
    "parse",
    "split_sentences",
    "task_marker",
    "RE_TASK_MODAL",
    "RE_TASK_LEAD",
    "RE_DATE",
]


#: Modal directive markers anywhere in a sentence. ``要`` counts unless it is part
#: of a common compound (重要, 主要, 需要的, 要求, 要素, 纲要 …).
RE_TASK_MODAL: Pattern[str] = re.compile(
    r"(?P<m>必须|务必|应当|一定要|坚决|(?<![重主需纲提摘概简首机险紧只想扼枢])要(?![求素点闻件务害领略义旨员道职案塞地冲紧是么事])|需要(?![的。，])|须(?![知臾])|应该)"
)
_RE_MODAL_START: Pattern[str] = re.compile("[必务应一坚要需须]")
_RE_CLAUSE_END: Pattern[str] = re.compile("[，,；;。！？]")
#: The copula of a statement (发展是第一要务), not 是 inside 实事求是, 特别是, 就是, 房子是用来住的 ….
_RE_COPULA: Pattern[str] = re.compile("(?<![就别求或还而只都正凡总于但其也即要更则便])是(?!用来|否|非)")
#: A prefix before the leading verb that is a clause with a subject, not an adverbial.
_RE_SUBJECT: Pattern[str] = re.compile("(?:我们|我国|我|他们|他|她|它|这|其)")
#: Sentences that open (after an optional short adverbial ending in ``，``) with
#: an imperative verb are directives too, as in decisions and work plans.
RE_TASK_LEAD: Pattern[str] = re.compile(
    r"^(?:[^，。；]{1,12}，)?(?P<m>坚持|推进|推动|加快|健全|完善|加强|深化|构建|实施|建立|强化|优化|提高|提升|"
    r"促进|落实|支持|统筹|扩大|发展|发挥|全面|着力|抓好|做好|坚定|持续|深入|大力|扎实|积极|切实|稳步|有序|"
    r"探索|创新|规范|严格|严肃|引导|鼓励|巩固|培育|打造|维护|保障|确保|防范|开展|围绕|聚焦|贯彻|把)"
)
#: Markers that also describe what was done (坚决打赢…, 全面推进…): not a task in a reported
#: achievement (:data:`RE_RETROSPECTIVE`).
_WEAK_MODALS = frozenset({"坚决"})
#: A reported achievement: a sentence that opens with a retrospective time adverbial
#: (五年来，/ 过去一年，/ 党的十八大以来，), with a communiqué's review of past work
#: (一致认为，/ 全会充分肯定…), or with 我们/我国 and reports a result (了, 取得).
RE_RETROSPECTIVE: Pattern[str] = re.compile(
    r"^(?:(?:过去|这|近)?[一二三四五六七八九十两百\d]+年(?:来|以来|间|中|里)"
    r"|过去(?:[一二三四五六七八九十两\d]+年|一年|的一年)|[^，。；]{1,20}以来[，,]"
    r"|(?:全会)?(?:一致认为|充分肯定|高度评价)"
    r"|(?:我们|我国)[^。；]*(?:了|取得))"
)
#: Dates such as ``2022年10月16日``.
RE_DATE: Pattern[str] = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")

_OPEN = {"“": "”", "‘": "’", "《": "》", "（": "）", "(": ")", "〈": "〉"}
_CLOSE = set(_OPEN.values())
_CLOSER_TO_OPENER = {c: o for o, c in _OPEN.items()}
_RE_BRACKETS: Pattern[str] = re.compile("[" + re.escape("".join(_OPEN) + "".join(_CLOSE)) + "]")
_RE_EVENTS: Pattern[str] = re.compile(r"[“‘《（(〈”’》）)〉]|[。！？!?]+|…{2,}$|……(?=[”’])")
_RE_OPENER: Pattern[str] = re.compile("[" + re.escape("".join(_OPEN)) + "]")
_RE_END_ONLY: Pattern[str] = re.compile(r"[。！？!?…](?:(?<=…)…+[”’]*$|(?<!…)[。！？!?]*[”’」』）)]*)")


def task_marker(sentence: str) -> str | None:
    """Return the directive marker of a sentence, or ``None``.

    A sentence is a task when it contains a modal marker (要, 必须, 务必, 应当,
    坚决, 需要, 须) outside common compounds (重要, 主要, 要求, 要事 …), or opens
    with an imperative verb (坚持, 推进, 加快, 健全 …; the marker is then
    ``"lead:<verb>"``) whose clause is not a statement with the copula 是
    (``全面依法治国是…``; 实事求是, 特别是, 就是 do not count) and does not follow a subject clause
    (``我们完善…，积极…``). A reported achievement (:data:`RE_RETROSPECTIVE`:
    ``五年来，…`` / ``过去一年，…`` / ``我们…取得了…``) is a task only with an
    explicit modal (要, 必须 …), not by 坚决 or a leading verb. The marker lets
    a researcher audit each decision.

    >>> task_marker("要加强组织领导。"), task_marker("这是重要的会议。")
    ('要', None)
    >>> task_marker("深化事业单位改革。")
    'lead:深化'
    >>> task_marker("五年来，我们坚决打赢脱贫攻坚战。"), task_marker("我们坚决打赢脱贫攻坚战。")
    (None, '坚决')
    >>> task_marker("党的二十大报告强调，全面依法治国是国家治理的一场深刻革命。")
    """
    # jump to the first character that can start a modal marker (a single
    # character class scans far faster than the marker alternation)
    retro: bool | None = None  # computed when first needed
    c = _RE_MODAL_START.search(sentence)
    while c is not None:
        m = RE_TASK_MODAL.match(sentence, c.start())
        if m:
            if m.group("m") not in _WEAK_MODALS:
                return m.group("m")
            if retro is None:
                retro = RE_RETROSPECTIVE.match(sentence) is not None
            if not retro:
                return m.group("m")
        c = _RE_MODAL_START.search(sentence, c.start() + 1)
    m = RE_TASK_LEAD.match(sentence)
    if m:
        prefix = sentence[:m.start("m")]
        clause = _RE_CLAUSE_END.split(sentence[m.end("m"):], maxsplit=1)[0]
        if _RE_COPULA.search(clause) or _RE_SUBJECT.match(prefix):
            return None
        if retro is None:
            retro = RE_RETROSPECTIVE.match(sentence) is not None
        if not retro:
            return "lead:" + m.group("m")
    return None


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


def _parse_date(text: str) -> str | None:
    m = RE_DATE.search(text)
    if not m:
        return None
    y, mo, d = (int(g) for g in m.groups())
    if 1900 <= y <= 2200 and 1 <= mo <= 12 and 1 <= d <= 31:
        return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def parse(text: str, *, metadata: dict[str, Any] | None = None, raw: str | None = None,
          normalized: bool = False) -> Document:
    """Parse text into a :class:`~policytext.text.document.Document`.

    Parameters
    ----------
    text : str
        The document text. It is normalised first (see
        :func:`policytext.textnorm.normalize`) unless ``normalized=True``.
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

    Examples
    --------
    >>> doc = parse("关于某事的通知\\n（2022年11月17日）\\n一、学习\\n要学习。")
    >>> doc.title, doc.metadata["date"], doc.sections[0].heading
    ('关于某事的通知', '2022-11-17', '学习')
    """
    if not isinstance(text, str):
        raise TypeError(f"parse expects str, not {type(text).__name__}")
    raw = text if raw is None else raw
    norm = text if normalized else normalize(text)
    meta: dict[str, Any] = {}
    warnings_: list[str] = []

    lines: list[tuple[int, int]] = []  # spans of lines in norm
    pos = 0
    for line in norm.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1

    # -- title block: leading short lines without sentence punctuation ----------
    title_lines: list[str] = []
    title_span: tuple[int, int] | None = None
    first_body = 0
    for i, (a, b) in enumerate(lines[:8]):
        line = norm[a:b]
        if not line or RE_HEADING.match(line) or len(line) > 60:
            break
        if line.startswith("——") or (line[0] in "（(" and line[-1] in "）)"):
            date = _parse_date(line)
            if date and "date" not in meta:
                meta["date"] = date
            if line.startswith("——"):
                meta["subtitle"] = line.lstrip("—")
            first_body = i + 1
            continue
        if re.search(r"[。！？；]", line) or line.endswith(("：", ":")):
            break
        if title_lines and first_body < i:  # a gap (subtitle/date) ended the title block
            if len(line) <= 4:  # author line, e.g. 习近平
                meta.setdefault("author", line)
                first_body = i + 1
                continue
            break
        if "——" in line:
            head, _, sub = line.partition("——")
            title_lines.append(head)
            meta["subtitle"] = sub
            date = _parse_date(sub)
            if date:
                meta.setdefault("date", date)
        else:
            if title_lines and len(line) <= 4:
                meta.setdefault("author", line)
                first_body = i + 1
                continue
            title_lines.append(line)
        first_body = i + 1
        if title_span is None:
            title_span = (a, b)
        else:
            title_span = (title_span[0], b)
    title = " ".join(title_lines) if title_lines else None
    if "date" not in meta:
        head_text = norm[: lines[min(len(lines), 6) - 1][1]] if lines else ""
        date = _parse_date(head_text) if re.search(r"[（(]\s*\d{4}年\d{1,2}月\d{1,2}日", head_text) else None
        if date:
            meta["date"] = date

    # -- walk lines: headings, paragraphs, sentences ---------------------------
    paragraphs: list[Paragraph] = []
    sentences: list[Sentence] = []
    top: list[Section] = []
    stack: list[tuple[str, Section]] = []
    all_sections: list[Section] = []

    for li, (a, b) in enumerate(lines):
        if li < first_body or a == b:
            continue
        line = norm[a:b]
        body_start = a
        m = RE_HEADING.match(line)
        sec = None
        if m:
            style = heading_style(m)
            rest_start = m.end()
            rest = line[rest_start:]
            try:
                ordinal = cn_to_int(m.group(style + "_n"))
            except ValueError:
                ordinal = -1
            ok = ordinal > 0 and (rest.strip() or style == "article")
            if ok:
                sec = _place_heading(style, ordinal, stack, top, warnings_, line)
            if sec is not None:
                inline = False
                if style == "article":
                    heading = m.group("article")
                    h_start, h_end = a, a + m.end("article")
                    body_start = a + rest_start
                    inline = bool(rest.strip())
                else:
                    cut = _first_end(rest)
                    if cut is not None and cut < len(rest.rstrip()) - 1:
                        heading = rest[:cut]
                        h_start, h_end = a + rest_start, a + rest_start + cut
                        body_start = a + rest_start + cut + 1
                        inline = True
                    else:
                        heading = rest.rstrip("。：:")
                        h_start, h_end = a + rest_start, a + rest_start + len(heading)
                        body_start = b
                sec.heading = heading.strip()
                sec.heading_span = (h_start, h_end)
                sec.start = a
                sec.inline = inline
                all_sections.append(sec)
        path = stack[-1][1].path if stack else ()
        current = stack[-1][1] if stack else None
        pidx = len(paragraphs)
        para = Paragraph(line, a, b, pidx, path, heading=sec is not None)
        paragraphs.append(para)
        if current is not None:
            for _, anc in stack:
                anc.paragraphs.append(para)
        if body_start >= b:
            continue
        body = norm[body_start:b]
        for sa, sb in split_sentences(body):
            # trim leading spaces so spans hold text exactly
            while sa < sb and body[sa] == " ":
                sa += 1
            st = body[sa:sb]
            sent = Sentence(st, body_start + sa, body_start + sb, len(sentences), pidx, path,
                            task_marker(st), current)
            sentences.append(sent)
            for _, anc in stack:
                anc.sentences.append(sent)

    # section ends
    _close_spans(top, len(norm))
    if warnings_:
        meta["structure_warnings"] = warnings_
    if metadata:
        meta.update(metadata)
    return Document(text=norm, raw=raw, title=title, metadata=meta, sections=top,
                    paragraphs=paragraphs, sentences=sentences, title_span=title_span)


def _first_end(rest: str) -> int | None:
    for i, ch in enumerate(rest):
        if ch in "。！？":
            return i
    return None


def _place_heading(style: str, ordinal: int, stack: list[tuple[str, Section]], top: list[Section],
                   warnings_: list[str], line: str) -> Section | None:
    styles = [s for s, _ in stack]
    if style in styles:
        idx = styles.index(style)
        prev = stack[idx][1]
        if ordinal != prev.ordinal + 1:
            if ordinal <= prev.ordinal:
                if ordinal == 1 and idx > 0:
                    pass  # restart under the same parent is odd; treat as body text
                return None
            warnings_.append(f"numbering gap before {line[:20]!r}: {prev.ordinal} → {ordinal}")
        del stack[idx:]
    parent = stack[-1][1] if stack else None
    siblings = parent.children if parent else top
    path = (parent.path if parent else ()) + (len(siblings) + 1,)
    sec = Section(heading="", label="", marker=style, ordinal=ordinal, level=len(path), path=path,
                  start=0, end=0, heading_span=(0, 0))
    m = RE_HEADING.match(line)
    sec.label = m.group(style + "_n") if m else str(ordinal)
    siblings.append(sec)
    stack.append((style, sec))
    return sec


def _close_spans(sections: list[Section], doc_end: int) -> None:
    for i, sec in enumerate(sections):
        nxt = sections[i + 1].start - 1 if i + 1 < len(sections) else doc_end
        sec.end = max(sec.heading_span[1], nxt)
        _close_spans(sec.children, sec.end)
