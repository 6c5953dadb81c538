"""Chinese numerals and the heading grammar, in one place.

Every numeral alphabet the package uses is defined here, and so is the
grammar of numbered headings (``第一部分`` ``第一条`` ``一、`` ``（一）``
``1.`` ``（1）``). Other modules import these names instead of spelling
their own character classes.

>>> cn_to_int("二十三"), int_to_cn(23)
(23, '二十三')
>>> m = RE_HEADING.match("（二）加强机构编制管理")
>>> heading_style(m), m.group("cn_paren_n")
('cn_paren', '二')
"""

from __future__ import annotations

import re
from re import Pattern

__all__ = [
    "DIGITS",
    "HEADING_NUMERALS",
    "FORMULATION_NUMERALS",
    "ORDINAL_CLASS",
    "RE_HEADING",
    "RE_BULLET_HEADING",
    "STYLES",
    "cn_to_int",
    "int_to_cn",
    "heading_style",
    "heading_ordinal",
    "heading_parts",
]

#: The ten digits, 零 … 九 (index = value).
DIGITS = "零一二三四五六七八九"
#: Characters of a Chinese numeral in a heading number (一、 （十二） 第一百条).
HEADING_NUMERALS = "一二三四五六七八九十百零〇"
#: Characters that open a numbered formulation (两个确立, 十个坚持): 两 counts, 零 does not.
FORMULATION_NUMERALS = "一二两三四五六七八九十"
#: A regex character class body for an ordinal in a title (第二十届, 第20届).
ORDINAL_CLASS = "〇零一二三四五六七八九十百0-9"

_VALUES = {c: i for i, c in enumerate(DIGITS)}
_VALUES["〇"] = 0
_VALUES["两"] = 2
_UNITS = {"十": 10, "百": 100, "千": 1000}


def cn_to_int(s: str) -> int:
    """Convert a Chinese or Arabic numeral (up to 9999) to ``int``.

    Raises ``ValueError`` for anything else.

    >>> cn_to_int("十五"), cn_to_int("二十三"), cn_to_int("一百零八"), cn_to_int("12"), cn_to_int("两")
    (15, 23, 108, 12, 2)
    """
    if s.isdigit():
        return int(s)
    total, num = 0, 0
    for ch in s:
        if ch in _VALUES:
            num = _VALUES[ch]
        elif ch in _UNITS:
            total += (num or 1) * _UNITS[ch]
            num = 0
        else:
            raise ValueError(f"not a numeral: {s!r}")
    return total + num


def int_to_cn(n: int | str) -> str:
    """Write ``1 <= n < 100`` in Chinese numerals (``20`` → ``二十``, ``11`` → ``十一``).

    A string of Arabic digits is converted; any other string, and numbers
    outside 0–99, come back as they are (as a string).

    >>> int_to_cn(1), int_to_cn(10), int_to_cn(15), int_to_cn("20"), int_to_cn("二十"), int_to_cn(120)
    ('一', '十', '十五', '二十', '二十', '120')
    """
    if isinstance(n, str):
        if not n.isdigit():
            return n
        n = int(n)
    if 0 <= n < 10:
        return DIGITS[n]
    if 10 <= n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else DIGITS[tens]) + "十" + ("" if ones == 0 else DIGITS[ones])
    return str(n)


_N = HEADING_NUMERALS
#: Heading at the start of a line; one named group per numbering style
#: (``STYLE`` the whole marker, ``STYLE_n`` its number).
RE_HEADING: Pattern[str] = re.compile(
    rf"^(?:"
    rf"(?P<part>第(?P<part_n>[{_N}\d]{{1,4}})(?:部分|篇|章|编))[\s：:]*"
    rf"|(?P<article>第(?P<article_n>[{_N}\d]{{1,4}})条)\s*"
    rf"|(?P<cn>(?P<cn_n>[{_N}]{{1,3}})[、．.])\s*"
    rf"|(?P<cn_paren>[（(](?P<cn_paren_n>[{_N}]{{1,3}})[）)])\s*"
    rf"|(?P<num>(?P<num_n>\d{{1,2}})(?:[．、]|\.(?!\d)))\s*"
    rf"|(?P<num_paren>[（(](?P<num_paren_n>\d{{1,2}})[）)])\s*"
    rf")"
)
#: Numbering styles, outermost first.
STYLES: tuple[str, ...] = ("part", "article", "cn", "cn_paren", "num", "num_paren")
#: A bullet heading (style ``"bullet"``, its "number" the bullet): a filled bullet ``■●◆▲★`` and a short title
#: (at most 30 characters, no sentence or clause mark; a colon may end it) alone on its line (``■资助条件``).
#: Not numbered, so not in :data:`RE_HEADING`: the parser reads one as a section only inside a section or part.
RE_BULLET_HEADING: Pattern[str] = re.compile(
    r"^(?P<bullet>(?P<bullet_n>[■●◆▲★]))\s*(?=[^\s■●◆▲★□][^。！？；;!?，,：:■●◆▲★□]{0,29}[：:]?$)")
_STYLE_SET = frozenset((*STYLES, "bullet"))


def heading_style(m: re.Match[str]) -> str:
    """The numbering style of a :data:`RE_HEADING` match.

    >>> heading_style(RE_HEADING.match("（三）加强领导")), heading_style(RE_HEADING.match("第五条 附则"))
    ('cn_paren', 'article')
    >>> heading_style(RE_BULLET_HEADING.match("■资助条件")), RE_BULLET_HEADING.match("◆关于制度建设，引用…")
    ('bullet', None)
    """
    style = m.lastgroup  # the style's group encloses its number's: it closes last (faster than a lookup of each)
    if style is not None and style in _STYLE_SET:
        return style
    for style in STYLES:
        if m.group(style):
            return style
    raise ValueError("not a heading match")  # pragma: no cover - every alternative names a style


def heading_ordinal(m: re.Match[str], style: str) -> int:
    """The number of a :data:`RE_HEADING` match of ``style`` as an int (-1 when it is not a numeral).

    >>> heading_ordinal(RE_HEADING.match("（十二）加强领导"), "cn_paren")
    12
    """
    try:
        return cn_to_int(m.group(style + "_n"))
    except ValueError:
        return -1


_RE_END_MARK: Pattern[str] = re.compile("[。！？]")


def heading_parts(style: str, m: re.Match[str], rest: str, a: int,
                  b: int) -> tuple[str, tuple[int, int], int, bool]:
    """``(heading, heading_span, body_start, inline)`` of the heading line ``norm[a:b]`` (``m``: its match).

    ``rest`` is the line after the number. An article (``第三条 正文``) keeps
    ``第三条`` as its heading and the rest as body; any other heading ends at
    the first ``。！？`` that is not the line's last character (an *inline*
    heading, the rest is body), else it is the whole rest of the line.

    >>> line = "（一）加强领导。各地要落实。"
    >>> m = RE_HEADING.match(line)
    >>> heading_parts("cn_paren", m, line[m.end():], 0, len(line))
    ('加强领导', (3, 7), 8, True)
    """
    rest_start = a + m.end()
    if style == "article":
        return m.group("article"), (a, a + m.end("article")), rest_start, bool(rest.strip())
    end = _RE_END_MARK.search(rest)
    cut = None if end is None else end.start()
    if cut is not None and cut < len(rest.rstrip()) - 1:
        return rest[:cut], (rest_start, rest_start + cut), rest_start + cut + 1, True
    heading = rest.rstrip("。：:")
    return heading, (rest_start, rest_start + len(heading)), b, False
