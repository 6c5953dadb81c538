"""Normalise Chinese policy text without changing what it says.

What :func:`normalize` does, in order:

1. line breaks become ``\\n``; every line is stripped; blank lines are dropped,
   so one line is one paragraph;
2. full-width ASCII letters and digits (``２０２２``, ``ＡＢＣ``) become
   half-width; full-width punctuation (``，。：；（）``) is kept, because it is
   the punctuation of Chinese text;
3. quotes are unified: ``「」`` → ``“”``, ``『』`` → ``‘’``, straight ``"`` pairs
   inside a line → ``“”``; dashes ``－－``/``――``/``--``/``─ ─`` → ``——``;
4. runs of spaces and tabs inside a line become one space; ideographic spaces
   (U+3000) count as spaces;
5. masked names (``****``, ``＊＊``, ``××``, ``XX``, ``ＸＸ``) become the single
   placeholder :data:`MASK` so that later steps treat each as one token;
6. control characters (C0 except tab and line breaks, DEL, C1), the
   non-characters U+FFFE/U+FFFF and lone surrogates are removed (a lone
   surrogate becomes U+FFFD), so every later output (Word, GraphML, HTML)
   can hold the text;
7. *hard-wrapped* text — scanned-PDF or e-mail text where a paragraph is cut
   into lines of one fixed width — is rejoined (see :func:`unwrap_lines`).
   Only a document that looks hard-wrapped is touched; ordinary documents,
   where one line is one paragraph, are left exactly as they are.

Examples
--------
>>> normalize("　　２０２２年，「两个确立」\\r\\n\\r\\n为****高质量发展")
'2022年，“两个确立”\\n为××高质量发展'
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from re import Pattern

from .._validation import validate_params
from .headings import RE_HEADING

__all__ = ["normalize", "unwrap_lines", "looks_hard_wrapped", "han_script", "MASK", "RE_MASK"]

#: The placeholder that replaces masked names (``****``, ``××``, ``XX`` …).
MASK = "××"

#: Full-width digits and Latin letters (０-９, Ａ-Ｚ, ａ-ｚ) → half-width.
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]}
_QUOTES = {ord("「"): "“", ord("」"): "”", ord("『"): "‘", ord("』"): "’", ord("＂"): '"', ord("\u3000"): " ",
           ord("\u00a0"): " ", ord("\u200b"): None, ord("\u200c"): None, ord("\ufeff"): None, ord("\u2015"): "—"}
#: Characters no later output can hold: C0 controls except tab/line breaks, DEL, C1, U+FFFE/U+FFFF.
_CONTROLS = dict.fromkeys([*range(0x09), *range(0x0E, 0x20), *range(0x7F, 0xA0), 0xFFFE, 0xFFFF])
#: Lone surrogates (any surrogate code point in a ``str``) become U+FFFD.
_SURROGATES = dict.fromkeys(range(0xD800, 0xE000), "\ufffd")
_TABLE: dict[int, int | str | None] = {**_CONTROLS, **_FULLWIDTH, **_QUOTES, **_SURROGATES}

#: Masked names: runs of ``*``/``＊``/``×``/``✕`` (two or more), or ``XX``/``ＸＸ`` not part of a Latin word.
RE_MASK: Pattern[str] = re.compile(r"[*＊×✕╳]{2,}|(?<![A-Za-z])[XＸ]{2,}(?![A-Za-z])")
RE_DASH: Pattern[str] = re.compile(r"[－—–─-](?:\s?[－—–─-])+")
#: Maximal runs of mask characters; a single character class scans much faster
#: than :data:`RE_MASK` with its lookarounds, which is then applied to each run.
_RE_MASK_RUN: Pattern[str] = re.compile(r"[*＊×✕╳XＸ]{2,}")
RE_SPACES: Pattern[str] = re.compile(r"[ \t\f\v]+")  # (a leading character class lets re skip ahead fast)
_TRANSLATED = "[" + "".join(map(chr, sorted(set(_TABLE) - set(_SURROGATES)))) + "\ud800-\udfff]"
#: Runs of characters :data:`_TABLE` changes. (``[…][…]*``, not ``[…]+``: ``re`` scans for a pattern's leading
#: character class fast, but a pattern that opens with a repeat is tried at every position, twice as slow.)
_RE_TRANSLATE: Pattern[str] = re.compile(_TRANSLATED + _TRANSLATED + "*")
#: First characters of the matches of :data:`RE_DASH`, :data:`_RE_MASK_RUN` and (runs other than one space) of
#: :data:`RE_SPACES` (see :func:`_sub_at`).
_DASH_CHARS = "－—–─-"
_MASK_CHARS = "*＊×✕╳XＸ"
_SPACE_STARTS = ("  ", "\t", "\f", "\v")
RE_STRAIGHT_QUOTES: Pattern[str] = re.compile(r'"([^"\n]*)"')


@validate_params({"text": ["str"]})
def normalize(text: str, *, unwrap: bool = True) -> str:
    """Return ``text`` normalised without changing what it says.

    Line breaks become ``\\n``, lines are stripped and blank lines dropped (one
    line is one paragraph); full-width letters and digits become half-width
    (Chinese punctuation stays); quotes and dashes are unified; runs of spaces
    become one; masked names (``****``, ``XX``) become ``××``; control
    characters are removed; hard-wrapped text is rejoined. The steps, in order,
    are listed in :mod:`policytext.text.normalize`.

    Parameters
    ----------
    text : str
        Raw document text.
    unwrap : bool
        Rejoin hard-wrapped text (step 7). ``False`` for a format whose lines
        are paragraphs (a .docx, a web page: :func:`policytext.load` passes it).

    Returns
    -------
    str
        Normalised text; one non-empty line per paragraph.

    Raises
    ------
    InvalidParameterError
        ``text`` is not a ``str`` (also a ``TypeError``).

    Examples
    --------
    >>> normalize("深化“放管服”改革 --  ＸＸ县")
    '深化“放管服”改革 —— ××县'
    """
    text = _RE_TRANSLATE.sub(lambda m: m.group(0).translate(_TABLE), text)  # (and lone surrogates)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if '"' in text:
        text = RE_STRAIGHT_QUOTES.sub(r"“\1”", text)
    if "--" in text or "－" in text or "—" in text or "–" in text or "─" in text:  # (not ``-\n-`` alone)
        text = _sub_at(RE_DASH, _dash, text, _DASH_CHARS)
    text = _sub_at(_RE_MASK_RUN, _mask_run, text, _MASK_CHARS)
    lines = text.split("\n")
    kept = list(filter(None, map(str.strip, lines)))  # the result's lines, unless unwrapping or spaces change them
    wrapped = unwrap and looks_hard_wrapped(kept)  # (the stripped lines: the same answer as for ``lines``)
    if wrapped:
        text = "\n".join(unwrap_lines(lines))
    spaced = _sub_at(RE_SPACES, _space_run, text, _SPACE_STARTS, back=" \t\f\v")
    if spaced is text and not wrapped:
        return "\n".join(kept)
    return "\n".join(filter(None, map(str.strip, spaced.split("\n"))))


#: Marks that end a sentence; a wrapped line that ends in one is not joined.
_SENTENCE_END = "。！？!?…"
#: A wrapped document has at least this many lines of the common width …
_MIN_WRAPPED_LINES = 6
#: … and they make up at least this share of its non-empty lines.
_MIN_WRAPPED_SHARE = 0.5


def _width_tolerance(width: int) -> int:
    # half-width digits and Latin letters make a line of the same printed
    # width a few characters longer or shorter
    return max(2, width // 8)


def _wrap_width(lines: list[str]) -> tuple[int, int]:
    """The most common length of lines of 10+ characters, and how many lines are about that long."""
    return _common_width(map(len, map(str.strip, lines)))


def _common_width(lengths: Iterable[int]) -> tuple[int, int]:
    """:func:`_wrap_width` of the line lengths ``lengths``."""
    counts = {n: c for n, c in Counter(lengths).items() if n >= 10}
    if not counts:
        return 0, 0
    width = max(counts, key=lambda n: (counts[n], n))
    tol = _width_tolerance(width)
    near = sum(c for n, c in counts.items() if abs(n - width) <= tol)
    return width, near


def looks_hard_wrapped(lines: list[str]) -> bool:
    """True when the lines look cut at a fixed width (scanned-PDF text).

    The rule: at least :data:`_MIN_WRAPPED_LINES` lines, and at least half of
    the non-empty lines, are about as long as the most common line length
    (10 or more characters, within ``max(2, width // 8)``), and most of those
    do not end a sentence. In the 23 shared documents, where a line is a
    paragraph, the share is at most 0.3.

    >>> looks_hard_wrapped(["一、总体要求", "要坚持党的全面领导。"])
    False
    >>> looks_hard_wrapped(["要坚持党管机构编制原则，深化机构改", "革，推进机构编制法定化，提高机构编",
    ...                     "制资源使用效益，为推进国家治理体系", "和治理能力现代化提供体制机制保障，",
    ...                     "切实把党中央决策部署落到实处，确保", "各项改革任务落地见效。"])
    True
    """
    return _looks_wrapped(list(filter(None, map(str.strip, lines))))


def _looks_wrapped(nonempty: list[str]) -> bool:
    """:func:`looks_hard_wrapped` of the non-empty lines, stripped."""
    if len(nonempty) < _MIN_WRAPPED_LINES:
        return False
    width, near = _common_width(map(len, nonempty))
    if near < _MIN_WRAPPED_LINES - 1 or near < _MIN_WRAPPED_SHARE * len(nonempty):
        return False
    tol = _width_tolerance(width)
    full = [ln for ln in nonempty if abs(len(ln) - width) <= tol]
    open_ended = sum(1 for ln in full if ln[-1] not in _SENTENCE_END)
    return open_ended * 2 > len(full)


def unwrap_lines(lines: list[str]) -> list[str]:
    """Rejoin the lines of a hard-wrapped document into paragraphs.

    Line ``i`` is joined with line ``i + 1`` when line ``i`` is about as long
    as the wrap width (a shorter line ends its paragraph), does not end in
    ``。！？…``, is not wholly in brackets (a date line ``（2022年…通过）``),
    and line ``i + 1`` is not blank, not indented (an indented line starts a
    paragraph) and not a numbered heading (``一、`` ``（一）`` ``1.`` …). A
    heading line without body text is continued only by a short last line
    that does not end a sentence (a heading exactly as wide as the wrap
    width stays a heading). Chinese lines join without a space; a space is kept between
    two Latin letters or digits. Call it only on text that
    :func:`looks_hard_wrapped` (``normalize`` does so).

    >>> unwrap_lines(["要坚持党管机构编制原则，深化机构改", "革。", "二、任务"])
    ['要坚持党管机构编制原则，深化机构改革。', '二、任务']
    """
    width, _ = _wrap_width(lines)
    if not width:
        return list(lines)
    low = width - _width_tolerance(width)
    out: list[str] = []
    para: list[str] = []  # pieces of the paragraph being joined (joined once, so the time stays linear)
    first = ""  # first character of that paragraph
    prev = ""  # the previous line, stripped
    joining = False
    heading = False  # the line being continued is a heading without body text
    for ln in lines:
        s = ln.strip()
        indented = ln[:1] in (" ", "\t") and len(ln) - len(ln.lstrip()) >= 2
        join = joining and s and not indented and not RE_HEADING.match(s)
        if join and heading:  # a wrapped heading continues with its short last line only
            join = len(s) < low and s[-1] not in _SENTENCE_END
        if join:
            if prev[-1:].isascii() and prev[-1:].isalnum() and s[:1].isascii() and s[:1].isalnum():
                para.append(" ")
            para.append(s)
            heading = False
        else:
            if para:
                out.append("".join(para))
            para = [ln.rstrip()]
            first = s[:1]
            heading = bool(RE_HEADING.match(s)) and not any(c in s for c in "。！？")
        prev = s
        joining = (bool(s) and len(s) >= low and s[-1:] not in _SENTENCE_END
                   and not (first in "（(" and s[-1:] in "）)"))
    if para:
        out.append("".join(para))
    return out


def _sub_at(pattern: Pattern[str], repl: Callable[[re.Match[str]], str], text: str, starts: Iterable[str],
            back: str = "") -> str:
    """``pattern.sub(repl, text)`` for a pattern whose every match (that ``repl`` changes) starts at a substring
    of ``starts``, or at the start of a run of ``back`` characters that holds one.

    The positions are found with ``str.find``, many times faster than a regex scan of the whole text (the
    text is scanned once per substring, and the rest is work per match), then ``pattern`` is matched there.

    >>> _sub_at(RE_DASH, _dash, "甲－－乙—丙", _DASH_CHARS)
    '甲——乙—丙'
    """
    found: list[int] = []
    for s in starts:
        p = text.find(s)
        while p >= 0:
            found.append(p)
            p = text.find(s, p + 1)
    if not found:
        return text
    out: list[str] = []
    last = 0
    for p in sorted(found):
        while p > last and text[p - 1] in back:
            p -= 1
        if p < last:
            continue
        m = pattern.match(text, p)
        if m is not None:
            out.append(text[last:p])
            out.append(repl(m))
            last = m.end()
    out.append(text[last:])
    return "".join(out)


def _space_run(m: re.Match[str]) -> str:
    run = m.group(0)
    return run if run == " " else " "


def _mask_run(m: re.Match[str]) -> str:
    # RE_MASK on the run plus one character of context on each side (its
    # lookarounds need them); the context characters are not mask characters,
    # since the run is maximal, so they come back unchanged and are cut off.
    text, (a, b) = m.string, m.span()
    left, right = text[max(0, a - 1):a], text[b:b + 1]
    out = RE_MASK.sub(MASK, left + m.group(0) + right)
    return out[len(left):len(out) - len(right)]


def _dash(m: re.Match[str]) -> str:
    s = m.group(0)
    # ``1-2`` style single hyphens never reach here (two or more are required);
    # keep ASCII ``---`` rules in e.g. tables as they are.
    if set(s) <= {"-", " "} and s.count("-") > 2:
        return s
    return "——"


#: ``han_script`` calls a text traditional (or mixed) from this many traditional-only characters on.
MIN_TRADITIONAL_CHARS = 8


def han_script(text: str) -> tuple[str | None, int, int]:
    """Which Chinese script a text is written in: ``(script, traditional, simplified)``.

    A character counts as *traditional-only* when Big5 has it and GB2312 (the
    6,763 simplified characters) does not (黨, 國, 機構 …), and as
    *simplified-only* in the opposite case (党, 国, 机构 …); characters both
    have (中, 人, 要 …) count for neither. ``script`` is ``"traditional"``
    when at least :data:`MIN_TRADITIONAL_CHARS` traditional-only characters
    make up at least half of the distinctive ones, ``"mixed"`` when they make
    up a fifth, ``"simplified"`` when there are distinctive characters,
    else ``None``.

    >>> han_script("一、總體要求\\n要堅持黨的全面領導，推進機構編制法定化。")
    ('traditional', 10, 0)
    >>> han_script("要坚持党的全面领导")[0]
    'simplified'
    """
    trad = simp = 0
    known = _SCRIPT_OF
    for ch, n in Counter(text).items():
        if not ("\u4e00" <= ch <= "\u9fff"):
            continue
        kind = known.get(ch)
        if kind is None:
            kind = known[ch] = _script_of(ch)
        if kind > 0:
            trad += n
        elif kind < 0:
            simp += n
    if trad + simp == 0:
        return None, 0, 0
    share = trad / (trad + simp)
    if trad >= MIN_TRADITIONAL_CHARS and share >= 0.5:
        return "traditional", trad, simp
    if trad >= MIN_TRADITIONAL_CHARS and share >= 0.2:
        return "mixed", trad, simp
    return "simplified", trad, simp


#: :func:`_script_of` of the characters seen so far (at most the 20,992 of the CJK block; encoding a character
#: twice per document made ``han_script`` a fifth of ``pt.load``).
_SCRIPT_OF: dict[str, int] = {}


def _script_of(ch: str) -> int:
    """1 for a traditional-only character (Big5, not GB2312), -1 for a simplified-only one, else 0."""
    in_gb = _encodable(ch, "gb2312")
    in_big5 = _encodable(ch, "big5")
    return 1 if in_big5 and not in_gb else -1 if in_gb and not in_big5 else 0


def _encodable(ch: str, encoding: str) -> bool:
    try:
        ch.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True
