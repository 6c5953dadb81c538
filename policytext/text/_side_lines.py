"""Lines that describe a document rather than belong to its body: attachment lists and source lines.

Private to :mod:`policytext.text.layout` and :mod:`policytext.text._dates`.

* An **attachment list** (``附件：1.…`` then ``2.…``, or ``附件：`` then
  ``1.…`` ``2.…``) names the attachments of a notice, like a table of
  contents names its chapters: its numbered lines are never sections. The
  titles go to ``doc.metadata["attachments"]``.
* A **source line** (``来源：浙江省教育厅 日期：2012-06-19``,
  ``2017年08月22日09:55 来源：人民网``, ``作者：…`` beside one) is what a site
  prints under a reprinted document's title: not a title line, not body text.
  Its fields go to ``doc.metadata["sources"]``, and the date of the one under
  the document's own title is the document's date.

>>> lines = ["要按时报送。", "附件：1.推荐名额分配表", "2.申报表", "202503060830.docx", "3.汇总表", "某某市教育局"]
>>> attachment_lists(lines, 0, len(lines))
[(1, 5, ['推荐名额分配表', '申报表', '汇总表'])]
>>> source_fields("来源:浙江省教育厅 日期：2012-06-19")
{'source': '浙江省教育厅', 'date': '2012-06-19'}
"""

from __future__ import annotations

import re
from re import Pattern

from .headings import HEADING_NUMERALS

__all__ = ["attachment_lists", "source_fields", "is_author_line"]

#: The line that opens an attachment list: ``附件：`` alone or with its first item (``附件：1.表``).
_RE_LIST_INTRO: Pattern[str] = re.compile(r"^附\s*件\s*[：:]\s*(.*)$")
#: An item of the list: ``1.`` ``1．`` ``1、`` ``（1）`` ``一、`` and a title.
_RE_ITEM: Pattern[str] = re.compile(
    rf"^\s*(?:[（(]\s*(\d{{1,2}}|[{HEADING_NUMERALS}]{{1,3}})\s*[）)]|(\d{{1,2}})\s*[.．、]|([{HEADING_NUMERALS}]{{1,3}})、)"
    r"\s*(\S.*)$")
#: ``附件1：甲表`` (an attachment's number and a title on one line).
_RE_ANNEX_N: Pattern[str] = re.compile(rf"^附\s*件\s*(\d{{1,2}}|[{HEADING_NUMERALS}])\s*[：:.．、]\s*(\S.*)$")
#: A file name printed under an item (``202503060830472959.docx``): part of the list.
_RE_FILE: Pattern[str] = re.compile(r"\.(?:docx?|xlsx?|pdf|zip|rar|wps|et|txt)\s*$", re.IGNORECASE)
#: An item is a title: at most this many characters and no sentence end.
_ITEM_CHARS = 80
_RE_SENTENCE_END: Pattern[str] = re.compile("[。！？；!?;]")

#: The labels of a source line's fields.
_RE_FIELD: Pattern[str] = re.compile(
    r"(文章来源|信息来源|稿件来源|来源|作\s*者|日\s*期|发布时间|发布日期|发表时间|时\s*间|责任编辑)\s*[：:]\s*")
_SOURCE_LABELS = ("文章来源", "信息来源", "稿件来源", "来源")
#: ``作者：…`` on a line of its own.
_RE_AUTHOR: Pattern[str] = re.compile(r"^作\s*者\s*[：:]\s*\S")
#: A date (and time) written before the fields: ``2017年08月22日09:55``, ``2018-06-06 10:20``.
_RE_LEAD_DATE: Pattern[str] = re.compile(
    r"^\s*(\d{4})\s*(?:年|[-./])\s*(\d{1,2})\s*(?:月|[-./])\s*(\d{1,2})\s*日?\s*(?:\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?\s*")
#: A source line is at most this long (a site's line under a title).
_SOURCE_CHARS = 80


def _ordinal(m: re.Match[str]) -> int:
    return _annex_ordinal(m.group(1) or m.group(2) or m.group(3))


def _item(line: str, want: int) -> str | None:
    """The title of ``line`` when it is item ``want`` of an attachment list, else None."""
    m = _RE_ITEM.match(line)
    if m is None or _ordinal(m) != want or len(line) > _ITEM_CHARS or _RE_SENTENCE_END.search(line):
        return None
    return m.group(4).strip()


def attachment_lists(lines: list[str], start: int, end: int) -> list[tuple[int, int, list[str]]]:
    """The attachment lists among ``lines[start:end]``: ``(first line, end line, titles)`` for each.

    A list opens with ``附件：`` (alone, or with item 1 on the line) and goes
    on with items numbered 1, 2, 3 … (each a title: at most 80 characters, no
    sentence end); file names (``….docx``) between items belong to it. A
    ``附件：`` with one item on its line and none after is a one-item list.
    ``附件1``/``附件：申报表`` (an attachment's own title) open no list.

    >>> attachment_lists(["附件：", "1．名额分配表", "2．申报表", "绍兴市教育局"], 0, 4)
    [(0, 3, ['名额分配表', '申报表'])]
    >>> attachment_lists(["附件1：甲表", "附件2：乙表", "附件1", "甲表"], 0, 4)
    [(0, 2, ['甲表', '乙表'])]
    >>> attachment_lists(["附件：申报材料", "一、要求"], 0, 2), attachment_lists(["附件：", "1.甲。乙。"], 0, 2)
    ([], [])
    """
    found: list[tuple[int, int, list[str]]] = []
    i = start
    while i < end:
        line = lines[i]
        m = _RE_LIST_INTRO.match(line) if line[:1] == "附" else None
        if m is None:
            run = _numbered_annex_run(lines, i, end) if line[:1] == "附" else None
            if run is not None:
                found.append(run)
                i = run[1]
            else:
                i += 1
            continue
        titles: list[str] = []
        rest = m.group(1).strip()
        if rest:
            first = _item(rest, 1)
            if first is None:
                i += 1
                continue
            titles.append(first)
        j = last = i + 1
        while j < end:
            title = _item(lines[j], len(titles) + 1)
            if title is not None:
                titles.append(title)
                j = last = j + 1
            elif titles and _RE_FILE.search(lines[j]) and len(lines[j]) <= _ITEM_CHARS:
                j = last = j + 1
            else:
                break
        if titles and (rest or len(titles) >= 2):
            found.append((i, last, titles))
            i = last
        else:
            i += 1
    return found


def _numbered_annex_run(lines: list[str], i: int, end: int) -> tuple[int, int, list[str]] | None:
    """``附件1：甲表`` ``附件2：乙表`` … on consecutive lines (file names between them allowed): a list of the
    attachments written one ``附件N`` line each, from line ``i``; None when fewer than two."""
    titles: list[str] = []
    j = last = i
    while j < end:
        m = _RE_ANNEX_N.match(lines[j])
        if m is not None and _annex_ordinal(m.group(1)) == len(titles) + 1 and len(lines[j]) <= _ITEM_CHARS \
                and not _RE_SENTENCE_END.search(lines[j]):
            titles.append(m.group(2).strip())
            j = last = j + 1
        elif titles and _RE_FILE.search(lines[j]) and len(lines[j]) <= _ITEM_CHARS:
            j = last = j + 1
        else:
            break
    return (i, last, titles) if len(titles) >= 2 else None


def _annex_ordinal(num: str) -> int:
    if num.isdigit():
        return int(num)
    return HEADING_NUMERALS.index(num) + 1 if len(num) == 1 and num in HEADING_NUMERALS[:9] else -1


def source_fields(line: str) -> dict[str, str] | None:
    """The fields of a source line (``source``, ``author``, ``date`` as ISO), or None for any other line.

    The line is only fields (``来源：`` ``作者：`` ``日期：`` ``时间：`` …, maybe
    after a date and time) and names a source (``来源：…``); at most 80
    characters.

    >>> source_fields("2017年08月22日09:55    来源：人民网-理论频道")
    {'date': '2017-08-22', 'source': '人民网-理论频道'}
    >>> source_fields("来源：人民网     发布时间：2018-06-06")
    {'source': '人民网', 'date': '2018-06-06'}
    >>> source_fields("时间：2019年7月19日14:00-17:00"), source_fields("来源：见附件。")
    (None, None)
    """
    if len(line) > _SOURCE_CHARS or "来源" not in line or _RE_SENTENCE_END.search(line):
        return None
    fields: dict[str, str] = {}
    pos = 0
    lead = _RE_LEAD_DATE.match(line)
    if lead:
        if _iso(lead):
            fields["date"] = _iso(lead)
        pos = lead.end()
    marks = list(_RE_FIELD.finditer(line, pos))
    if not marks or marks[0].start() != pos:
        return None
    for k, mark in enumerate(marks):
        value = line[mark.end():marks[k + 1].start() if k + 1 < len(marks) else len(line)].strip()
        label = "".join(mark.group(1).split())
        if label in _SOURCE_LABELS:
            if value:
                fields["source"] = value
        elif label == "作者":
            if value and value != "佚名":
                fields["author"] = value
        elif label != "责任编辑":
            d = _RE_LEAD_DATE.match(value)
            if d and _iso(d):
                fields.setdefault("date", _iso(d))
    return fields if "source" in fields else None


def is_author_line(line: str) -> bool:
    """``作者：…`` alone on a line (beside a source line it is one of its fields).

    >>> is_author_line("作者：浙江省中国特色社会主义理论体系研究中心"), is_author_line("作者：要学习。")
    (True, False)
    """
    return (len(line) <= _SOURCE_CHARS and _RE_AUTHOR.match(line) is not None
            and not _RE_SENTENCE_END.search(line))


def _iso(m: re.Match[str]) -> str:
    """``YYYY-MM-DD`` of a :data:`_RE_LEAD_DATE` match, or ``""`` when it is no real date."""
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if 1900 <= y <= 2200 and 1 <= mo <= 12 and 1 <= d <= 31:
        return f"{y:04d}-{mo:02d}-{d:02d}"
    return ""
