"""Word's automatic numbering (``word/numbering.xml``), rendered as Word shows it.

A numbered paragraph names a numbering instance and a level (``w:numPr``:
``w:numId``, ``w:ilvl``), directly or through its paragraph style. The
instance (``w:num``) points to an abstract numbering (``w:abstractNum``) whose
levels (``w:lvl``) say where to start (``w:start``), how to write a number
(``w:numFmt``: ``decimal``, ``chineseCounting`` …) and the text around it
(``w:lvlText``: ``"%1、"``, ``"（%1）"``, ``"%1.%2"``). Instances of one
abstract numbering share its counters, so a list goes on across them, unless
an instance overrides a level's start (``w:startOverride``: "restart
numbering"), which then applies from its first paragraph. A level starts
again after any paragraph of a level above it (or after the level its
``w:lvlRestart`` names; ``0``: never).

:class:`Numbering` reads the part once and :meth:`Numbering.label` gives the
number text of each numbered paragraph in document order. Bullets and
numbering without a format give no text; an unknown format is written in
decimal digits; a malformed value is ignored (never an exception).

>>> format_number(12, "chineseCounting"), format_number(3, "decimalEnclosedCircle"), format_number(4, "upperRoman")
('十二', '③', 'IV')
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

__all__ = ["Numbering", "format_number"]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_VAL = f"{W}val"
#: Levels Word numbers (``w:ilvl`` 0 … 8).
LEVELS = 9

_CN_DIGITS = "〇一二三四五六七八九"
_CN_UNITS = ("", "十", "百", "千")
_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_LEGAL_UNITS = ("", "拾", "佰", "仟")


def _counting(n: int, digits: str, units: tuple[str, ...], zero: str, short_ten: bool) -> str:
    """``n`` (1 … 9999) in Chinese counting: 十一, 二十, 一百零一, 一千零一十 (``short_ten``: 十 for 10–19)."""
    s = str(n)
    out: list[str] = []
    pending_zero = False
    for k, ch in enumerate(s):
        d = int(ch)
        unit = units[len(s) - k - 1]
        if d == 0:
            pending_zero = bool(out)
            continue
        if pending_zero:
            out.append(zero)
            pending_zero = False
        if not (short_ten and d == 1 and unit == units[1] and k == 0):
            out.append(digits[d])
        out.append(unit)
    return "".join(out)


def _chinese(n: int) -> str:
    return _counting(n, _CN_DIGITS, _CN_UNITS, "零", True) if 0 < n < 10000 else str(n)


def _legal(n: int) -> str:
    return _counting(n, _LEGAL_DIGITS, _LEGAL_UNITS, "零", False) if 0 < n < 10000 else str(n)


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                       (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def _letter(n: int) -> str:
    """A … Z, then AA … ZZ, AAA … (Word repeats the letter)."""
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


def _series(chars: str) -> Callable[[int], str]:
    """The ``n``-th character of ``chars`` (1-based), decimal digits beyond it."""
    return lambda n: chars[n - 1] if 0 < n <= len(chars) else str(n)


def _run(first: str, count: int) -> Callable[[int], str]:
    return _series("".join(chr(ord(first) + k) for k in range(count)))


_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}" if 0 <= n < 10 else str(n),
    "decimalFullWidth": lambda n: str(n).translate({c: c + 0xFEE0 for c in range(0x30, 0x3A)}),
    "upperRoman": _roman,
    "lowerRoman": lambda n: _roman(n).lower(),
    "upperLetter": _letter,
    "lowerLetter": lambda n: _letter(n).lower(),
    "chineseCounting": _chinese,
    "chineseCountingThousand": _chinese,
    "japaneseCounting": _chinese,
    "taiwaneseCounting": _chinese,
    "taiwaneseCountingThousand": _chinese,
    "chineseLegalSimplified": _legal,
    "ideographLegalTraditional": _legal,
    "ideographDigital": lambda n: "".join(_CN_DIGITS[int(c)] for c in str(n)) if n >= 0 else str(n),
    "taiwaneseDigital": lambda n: "".join(_CN_DIGITS[int(c)] for c in str(n)) if n >= 0 else str(n),
    "ideographTraditional": _series("甲乙丙丁戊己庚辛壬癸"),
    "ideographZodiac": _series("子丑寅卯辰巳午未申酉戌亥"),
    "decimalEnclosedCircle": _run("\u2460", 20),
    "decimalEnclosedCircleChinese": _run("\u2460", 20),
    "decimalEnclosedParen": _run("\u2474", 20),
    "decimalEnclosedFullstop": _run("\u2488", 20),
    "ideographEnclosedCircle": _run("\u3220", 10),
    "none": lambda n: "",
}
_FORMATS["decimalFullWidth2"] = _FORMATS["decimalFullWidth"]
_FORMATS["decimalHalfWidth"] = str


def format_number(n: int, fmt: str) -> str:
    """``n`` written in Word's number format ``fmt`` (an unknown format: decimal digits).

    >>> [format_number(n, "chineseCountingThousand") for n in (1, 10, 11, 20, 101, 110, 1001)]
    ['一', '十', '十一', '二十', '一百零一', '一百一十', '一千零一']
    >>> format_number(11, "chineseLegalSimplified"), format_number(21, "decimalEnclosedCircle")
    ('壹拾壹', '21')
    >>> format_number(28, "upperLetter"), format_number(7, "ordinalText"), format_number(2, "ideographTraditional")
    ('BB', '7', '乙')
    """
    return _FORMATS.get(fmt, str)(n)


@dataclass(frozen=True)
class _Level:
    """One level of an abstract numbering."""

    start: int = 1
    fmt: str = "decimal"
    text: str | None = None  # None: no w:lvlText (Word then writes nothing)
    restart: int | None = None  # w:lvlRestart (1-based level after which it starts again; 0: never)
    legal: bool = False  # w:isLgl: every number in decimal
    suffix: str = "\t"
    style: str | None = None  # w:pStyle: the paragraph style this level belongs to


@dataclass
class _Num:
    """A numbering instance: its abstract numbering and its level overrides."""

    abstract: str
    starts: dict[int, int] = field(default_factory=dict)
    levels: dict[int, _Level] = field(default_factory=dict)


def _int(el: Element | None, default: int | None = None) -> int | None:
    if el is None:
        return default
    try:
        return int(el.get(_VAL, ""))
    except ValueError:
        return default


def _level(lvl: Element) -> _Level:
    text = lvl.find(f"{W}lvlText")
    fmt = lvl.find(f"{W}numFmt")
    suff = lvl.find(f"{W}suff")
    style = lvl.find(f"{W}pStyle")
    legal = lvl.find(f"{W}isLgl")
    start = _int(lvl.find(f"{W}start"))
    return _Level(start=1 if start is None else start,
                  fmt=fmt.get(_VAL, "decimal") if fmt is not None else "decimal",
                  text=text.get(_VAL) if text is not None else None,
                  restart=_int(lvl.find(f"{W}lvlRestart")),
                  legal=legal is not None and legal.get(_VAL, "1") not in ("0", "false", "off"),
                  suffix={"space": " ", "nothing": ""}.get(suff.get(_VAL, "") if suff is not None else "", "\t"),
                  style=style.get(_VAL) if style is not None else None)


def _ilvl(el: Element) -> int | None:
    """The ``w:ilvl`` attribute of a level element, when it is a level Word numbers."""
    try:
        k = int(el.get(f"{W}ilvl", ""))
    except ValueError:
        return None
    return k if 0 <= k < LEVELS else None


class Numbering:
    """The numbering definitions of a document and the counters of the paragraphs read so far.

    Parameters
    ----------
    root : Element
        ``word/numbering.xml`` parsed.
    style_num : callable, optional
        The numbering instance (``numId``) of a numbering style, for abstract
        numberings that only link to one (``w:numStyleLink``).
    """

    def __init__(self, root: Element, style_num: Callable[[str], str | None] | None = None) -> None:
        self.abstracts: dict[str, dict[int, _Level]] = {}
        links: dict[str, str] = {}
        for ab in root.iter(f"{W}abstractNum"):
            key = ab.get(f"{W}abstractNumId", "")
            levels = {}
            for lvl in ab.iter(f"{W}lvl"):
                k = _ilvl(lvl)
                if k is not None:
                    levels[k] = _level(lvl)
            self.abstracts[key] = levels
            link = ab.find(f"{W}numStyleLink")
            if link is not None and not levels:
                links[key] = link.get(_VAL, "")
        self.nums: dict[str, _Num] = {}
        for num in root.iter(f"{W}num"):
            ab_id = num.find(f"{W}abstractNumId")
            if ab_id is None:
                continue
            entry = _Num(ab_id.get(_VAL, ""))
            for over in num.iter(f"{W}lvlOverride"):
                k = _ilvl(over)
                if k is None:
                    continue
                start = _int(over.find(f"{W}startOverride"))
                if start is not None:
                    entry.starts[k] = start
                redefined = over.find(f"{W}lvl")
                if redefined is not None:
                    entry.levels[k] = _level(redefined)
            self.nums[num.get(f"{W}numId", "")] = entry
        for key, style in links.items():  # an abstract numbering that only links to a numbering style's
            target = style_num(style) if style_num is not None else None
            if target in self.nums and self.nums[target].abstract != key:
                self.abstracts[key] = self.abstracts.get(self.nums[target].abstract, {})
        self.counters: dict[str, list[int | None]] = {}
        self.pending: dict[str, dict[int, int]] = {}
        self.seen: set[str] = set()

    def level_of_style(self, num_id: str, style: str) -> int:
        """The level of instance ``num_id`` that belongs to paragraph style ``style`` (0 when none does)."""
        num = self.nums.get(num_id)
        if num is None:
            return 0
        for k, lvl in self.abstracts.get(num.abstract, {}).items():
            if lvl.style == style:
                return k
        return 0

    def label(self, num_id: str, ilvl: int) -> str:
        """The number text (with its suffix) of the next paragraph numbered ``num_id`` at level ``ilvl``.

        Counts the paragraph. ``""`` for an unknown instance, a bullet, or a
        level without text.
        """
        num = self.nums.get(num_id)
        if num is None or not 0 <= ilvl < LEVELS:
            return ""
        abstract = num.abstract
        levels = self.abstracts.get(abstract, {})
        counters = self.counters.setdefault(abstract, [None] * LEVELS)
        pending = self.pending.setdefault(abstract, {})
        if num_id not in self.seen:  # "restart numbering": the instance's start overrides apply from here
            self.seen.add(num_id)
            for k, start in num.starts.items():
                counters[k] = None
                pending[k] = start
        lvl = num.levels.get(ilvl) or levels.get(ilvl) or _Level()
        current = counters[ilvl]
        counters[ilvl] = pending.pop(ilvl, lvl.start) if current is None else current + 1
        for k in range(ilvl + 1, LEVELS):
            deeper = num.levels.get(k) or levels.get(k)
            restart = deeper.restart if deeper is not None and deeper.restart is not None else k
            if restart and ilvl < restart:
                counters[k] = None
        if lvl.fmt == "bullet" or not lvl.text:
            return ""
        return _expand(lvl.text, lvl, counters, num, levels) + lvl.suffix


def _expand(text: str, lvl: _Level, counters: list[int | None], num: _Num, levels: dict[int, _Level]) -> str:
    """``w:lvlText`` with each ``%N`` replaced by level N's number in its format."""
    out = []
    k = 0
    while k < len(text):
        ch = text[k]
        if ch == "%" and k + 1 < len(text) and "1" <= text[k + 1] <= "9":
            n = int(text[k + 1]) - 1
            other = num.levels.get(n) or levels.get(n) or _Level()
            value = counters[n]
            if value is None:
                value = other.start
            out.append(str(value) if lvl.legal and other.fmt != "bullet" else
                       "" if other.fmt == "bullet" else format_number(value, other.fmt))
            k += 2
        else:
            out.append(ch)
            k += 1
    return "".join(out)
