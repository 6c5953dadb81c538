"""A document's head: its title block and dates (``2022年10月16日`` as ISO dates).

Private to :mod:`policytext.text.structure`.
"""

from __future__ import annotations

import re
from re import Pattern
from typing import Any

from ._side_lines import is_author_line, source_fields
from .headings import RE_HEADING
from .layout import is_story_run

__all__ = ["RE_DATE", "head_date", "parse_date", "title_block"]

#: Dates such as ``2022年10月16日``.
RE_DATE: Pattern[str] = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
#: A date in brackets (``（2022年10月16日）``) near the top makes the document's date.
_RE_HEAD_DATE: Pattern[str] = re.compile(r"[（(]\s*\d{4}年\d{1,2}月\d{1,2}日")
#: A bracketed date counts as the document's date within this many lines.
_HEAD_DATE_LINES = 6
#: ``目录`` ends the title block (the table of contents is found by :mod:`~policytext.text.layout`).
_RE_TOC_LINE: Pattern[str] = re.compile(r"^目\s*录[：:]?$")
#: Sentence punctuation: a line with one of these is body text, not a title line.
_RE_SENTENCE_MARK: Pattern[str] = re.compile("[。！？；]")
#: The title block is found among the first lines, each at most this long …
_TITLE_MAX_LINES = 8
_TITLE_MAX_CHARS = 60
#: … except the block's first line, which may be a long headline (a news item's, a 通知 that names what it
#: forwards) when a body follows it.
_TITLE_FIRST_MAX_CHARS = 120
#: … and a short line after the title is its author (习近平).
_AUTHOR_MAX_CHARS = 4
#: A bundle of stories after its name is at most 80 lines (:func:`~policytext.text.layout.is_story_run`).
_STORY_LINES = 81


def head_date(norm: str, lines: list[tuple[int, int]], start: int = 0) -> str | None:
    """The first date near the top (from line ``start``), when a bracketed date is there."""
    a = lines[min(start, len(lines) - 1)][0]
    head_text = norm[a: lines[min(len(lines), start + _HEAD_DATE_LINES) - 1][1]]
    return parse_date(head_text) if _RE_HEAD_DATE.search(head_text) else None


def parse_date(text: str) -> str | None:
    """The first ``YYYY年M月D日`` of ``text`` as ``YYYY-MM-DD`` (None when there is none or it is no real date).

    >>> parse_date("（2022年10月16日）"), parse_date("2022年13月1日")
    ('2022-10-16', None)
    """
    m = RE_DATE.search(text)
    if not m:
        return None
    y, mo, d = (int(g) for g in m.groups())
    if 1900 <= y <= 2200 and 1 <= mo <= 12 and 1 <= d <= 31:
        return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


# -- the title block -------------------------------------------------------------------

def title_block(norm: str, lines: list[tuple[int, int]], meta: dict[str, Any],
                 start: int = 0) -> tuple[str | None, tuple[int, int] | None, int]:
    """The title, its span and the index of the first body line; fills ``meta``.

    The title block is the leading short lines (from line ``start``) without
    sentence punctuation: title lines (``标题——副标题`` gives a subtitle),
    bracketed or dash lines (a date, ``——副标题``) and a short author line
    after the title. A source line (``来源：… 日期：2012-06-19``, see
    :func:`~policytext.text._side_lines.source_fields`) is no title line: its
    fields go to ``meta["sources"]`` and its date to ``meta["date"]``. It
    ends before a ``目录`` line, before a line that is written again further
    down (the heading of one of several units) and, after a first title
    line, before a bundle of stories
    (:func:`~policytext.text.layout.is_story_run`: ``国内联播快讯`` then
    headlines and their texts; the bundle's name is the title).

    >>> norm = "国内联播快讯\\n甲地开通高速\\n甲地高速今天开通。\\n乙地启动项目\\n乙地今天启动项目。"
    >>> spans, pos = [], 0
    >>> for line in norm.split("\\n"):
    ...     spans.append((pos, pos + len(line)))
    ...     pos += len(line) + 1
    >>> title_block(norm, spans, {})
    ('国内联播快讯', (0, 6), 1)
    """
    title_lines: list[str] = []
    title_span: tuple[int, int] | None = None
    first_body = start
    for i, (a, b) in enumerate(lines[start:start + _TITLE_MAX_LINES], start):
        line = norm[a:b]
        longest = _TITLE_FIRST_MAX_CHARS if i == start and i + 1 < len(lines) else _TITLE_MAX_CHARS
        if not line or RE_HEADING.match(line) or len(line) > longest or _RE_TOC_LINE.match(line):
            break
        if _source_line(line, meta):
            first_body = i + 1
            continue
        if title_lines and norm.find("\n" + line + "\n", b) >= 0:
            break  # a line written again further down is the heading of a unit (several reports), not the title
        if line.startswith("——") or (line[0] in "（(" and line[-1] in "）)"):
            _dated_line(line, meta)
        elif _RE_SENTENCE_MARK.search(line) or line.endswith(("：", ":")):
            break
        elif len(title_lines) == 1 and title_span == lines[i - 1] \
                and is_story_run([norm[x:y] for x, y in lines[i:i + _STORY_LINES]]):
            break  # a bundle's name, then its stories (a headline and its text, …): the name is the title
        elif title_lines and len(line) <= _AUTHOR_MAX_CHARS and "——" not in line:
            meta.setdefault("author", line)  # e.g. 习近平
        else:
            if "——" in line:
                line, _, sub = line.partition("——")
                meta["subtitle"] = sub
                date = parse_date(sub)
                if date:
                    meta.setdefault("date", date)
            title_lines.append(line)
            title_span = (a, b) if title_span is None else (title_span[0], b)
        first_body = i + 1
    return (" ".join(title_lines) if title_lines else None), title_span, first_body


def _source_line(line: str, meta: dict[str, Any]) -> bool:
    """A source line of the title block (``来源：… 日期：2012-06-19``; ``作者：…`` after one): its fields go to
    ``meta["sources"]`` and its date is the document's date (a site prints it under the document's title: it
    wins over the page's date). False for any other line."""
    fields = source_fields(line)
    if fields is None:
        sources = meta.get("sources")
        if not sources or not is_author_line(line):
            return False
        sources[-1].setdefault("author", line.partition("：" if "：" in line else ":")[2].strip())
        return True
    meta.setdefault("sources", []).append(fields)
    if fields.get("date"):
        meta.setdefault("date", fields["date"])
    return True


def _dated_line(line: str, meta: dict[str, Any]) -> None:
    """A bracketed line (``（2022年10月16日）``) or a ``——副标题`` line of the title block."""
    date = parse_date(line)
    if date and "date" not in meta:
        meta["date"] = date
    if line.startswith("——"):
        meta["subtitle"] = line.lstrip("—")
