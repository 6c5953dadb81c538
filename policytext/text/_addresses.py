"""Addresses to the hearers (``各位代表！``, ``同志们！``) after a run of numbered items, and the final call.

A report read to a congress marks its blocks by addressing the hearers.
After the last numbered item of a chapter (``（十）…`` in a government work
report, ``（七）…`` in a congress report), a paragraph opened by such an
address is no longer that item's: the government's own tasks, national
defence, Hong Kong, Macao and Taiwan, foreign policy (``各位代表！…``) and a
chapter's closing words (``同志们！…``) belong to the chapter, and the
report's final call (``各位代表！使命重在担当…团结在…周围…``) to the
document (:attr:`~policytext.text.document.Document.closing`).

The rules, on whole lines (used by :mod:`policytext.text.structure`):

* an **address line** (:data:`RE_ADDRESS`) ends the open items below the run
  the next heading continues (below the chapter when no heading follows, or
  the numbering starts again), when the innermost open item has text of its
  own; its paragraphs are the text of the section that stays open;
* the **closing** (:func:`closing_line`) after the last heading is, as
  before, opened by a closing line (``同志们！``, ``让我们…``, ``结束语``,
  ``特此通知`` …), with two readings of address blocks: in a document whose
  chapters end with their own address after their items (at least twice
  before, as the 19th congress report's ``同志们！…``), the first address block
  after the last chapter's items is that chapter's too and the closing opens
  at the next one; without a closing line, the last address block is the
  closing when it is a call (``让我们``, ``团结在…周围``, ``全党全军全国各族人民``,
  ``…奋斗！``); a closing line inside an address block (``各位代表！`` then
  ``让我们…``) makes the whole block the closing.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from re import Pattern

from .headings import heading_style

__all__ = ["RE_ADDRESS", "RE_CALL", "ADDRESS_FIRST", "is_address", "closing_line", "next_heading", "heading_styles"]

#: A paragraph opened by an address to the hearers: ``各位代表！``, ``同志们！``, ``同志们、朋友们！``.
RE_ADDRESS: Pattern[str] = re.compile(r"^(?:各位(?:代表|委员|同志)|同志们(?:、朋友们)?|代表们|委员们)[！!]")
#: First characters of :data:`RE_ADDRESS` (a quick filter).
ADDRESS_FIRST = frozenset("各同代委")
#: The words of a final call: ``让我们…``, ``团结在…周围``, ``全党全军全国各族人民``, ``…而团结奋斗！``.
RE_CALL: Pattern[str] = re.compile(r"让我们|团结在[^。！!]{0,40}周围|全党全军全国各族人民|奋斗[！!]")


def is_address(line: str) -> bool:
    """True when ``line`` opens with an address to the hearers.

    >>> is_address("各位代表！"), is_address("同志们！让我们团结奋斗。"), is_address("同志们，要学习。")
    (True, True, False)
    """
    return bool(line) and line[0] in ADDRESS_FIRST and RE_ADDRESS.match(line) is not None


def next_heading(heads: list[int], i: int) -> int:
    """The first heading line after line ``i`` (``heads``: heading lines in order), -1 when there is none."""
    k = bisect_right(heads, i)
    return heads[k] if k < len(heads) else -1


def _chapter_endings(addresses: list[int], heads: list[int], styles: dict[int, str], before: int) -> int:
    """How many address lines before line ``before`` follow an inner heading and precede an outer one.

    The outer style is the first heading's; such an address ends a chapter's
    items and is the chapter's own last word (``（七）…`` ``同志们！…`` ``九、…``).
    """
    if not heads:
        return 0
    outer = styles[heads[0]]
    n = 0
    for i in addresses:
        if i >= before:
            break
        k = bisect_left(heads, i)
        if 0 < k < len(heads) and styles[heads[k - 1]] != outer and styles[heads[k]] == outer:
            n += 1
    return n


def closing_line(texts: list[str], body: list[int], heads: list[int], styles: dict[int, str],
                 addresses: list[int], old: int) -> int:
    """The line that opens the document's closing (-1: none), given the closing line ``old`` found before.

    ``body``: the body lines in order; ``heads``: the heading lines among them,
    ``styles`` their numbering styles; ``addresses``: the address lines
    (:func:`is_address`). See the module docstring for the rule.

    >>> texts = ["一、任务", "（一）甲", "要做甲。", "各位代表！", "要做乙。", "各位代表！", "让我们团结奋斗。"]
    >>> closing_line(texts, list(range(7)), [0, 1], {0: "cn", 1: "cn_paren"}, [3, 5], -1)
    5
    >>> closing_line(texts, list(range(7)), [0, 1], {0: "cn", 1: "cn_paren"}, [3, 5], 6)  # 让我们… after 各位代表！
    5
    """
    if not heads:
        return old
    last = heads[-1]
    k0 = bisect_right(body, last)
    after = [i for i in addresses if i > last and (body[k0] != i or "。" in texts[last])] if k0 < len(body) else []
    if not after:
        return old
    if old == after[0] and len(after) >= 2 and _chapter_endings(addresses, heads, styles, last) >= 2:
        return after[1]  # the last chapter ends with its own address, as the others do; the closing is next
    if old < 0:
        tail = body[bisect_left(body, after[-1]):]
        if any(RE_CALL.search(texts[i]) for i in tail):
            return after[-1]
        return old
    k = bisect_right(after, old) - 1
    return after[k] if k >= 0 else old  # a closing line inside an address block: the block is the closing


def heading_styles(matches: dict[int, re.Match[str] | None], heads: list[int]) -> dict[int, str]:
    """The numbering style of every heading line."""
    return {i: heading_style(m) for i in heads if (m := matches[i]) is not None}
