"""Dates of a document's head: ``2022年10月16日`` as ISO dates (private to :mod:`policytext.text.structure`)."""

from __future__ import annotations

import re
from re import Pattern

__all__ = ["RE_DATE", "head_date", "parse_date"]

#: Dates such as ``2022年10月16日``.
RE_DATE: Pattern[str] = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
#: A date in brackets (``（2022年10月16日）``) near the top makes the document's date.
_RE_HEAD_DATE: Pattern[str] = re.compile(r"[（(]\s*\d{4}年\d{1,2}月\d{1,2}日")
#: A bracketed date counts as the document's date within this many lines.
_HEAD_DATE_LINES = 6


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
