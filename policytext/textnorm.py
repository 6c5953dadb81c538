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
   placeholder :data:`MASK` so that later steps treat each as one token.

Examples
--------
>>> normalize("　　２０２２年，「两个确立」\\r\\n\\r\\n为****高质量发展")
'2022年，“两个确立”\\n为××高质量发展'
"""

from __future__ import annotations

import re
from re import Pattern

__all__ = ["normalize", "MASK", "RE_MASK"]

#: The placeholder that replaces masked names (``****``, ``××``, ``XX`` …).
MASK = "××"

_FULLWIDTH = {cp: cp - 0xFEE0 for cp in list(range(0xFF10, 0xFF1A)) + list(range(0xFF21, 0xFF3B)) + list(range(0xFF41, 0xFF5B))}
_QUOTES = {ord("「"): "“", ord("」"): "”", ord("『"): "‘", ord("』"): "’", ord("＂"): '"', ord("\u3000"): " ",
           ord("\u00a0"): " ", ord("\u200b"): None, ord("\ufeff"): None, ord("\u2015"): "—"}
_TABLE = {**_FULLWIDTH, **_QUOTES}

#: Masked names: runs of ``*``/``＊``/``×``/``✕`` (two or more), or ``XX``/``ＸＸ`` not part of a Latin word.
RE_MASK: Pattern[str] = re.compile(r"[*＊×✕╳]{2,}|(?<![A-Za-z])[XＸ]{2,}(?![A-Za-z])")
RE_DASH: Pattern[str] = re.compile(r"(?:[－—–─-]\s?){2,}")
RE_SPACES: Pattern[str] = re.compile(r"[ \t\f\v]{2,}|[\t\f\v]")
_RE_TRANSLATE: Pattern[str] = re.compile("[" + "".join(map(chr, sorted(_TABLE))) + "]+")
RE_STRAIGHT_QUOTES: Pattern[str] = re.compile(r'"([^"\n]*)"')


def normalize(text: str) -> str:
    """Return ``text`` normalised as described in the module docstring.

    Parameters
    ----------
    text : str
        Raw document text.

    Returns
    -------
    str
        Normalised text; one non-empty line per paragraph.

    Examples
    --------
    >>> normalize("深化“放管服”改革 --  ＸＸ县")
    '深化“放管服”改革 —— ××县'
    """
    if not isinstance(text, str):
        raise TypeError(f"normalize expects str, not {type(text).__name__}")
    text = _RE_TRANSLATE.sub(lambda m: m.group(0).translate(_TABLE), text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if '"' in text:
        text = RE_STRAIGHT_QUOTES.sub(r"“\1”", text)
    # cheap substring tests first: a regex scan of every position costs more
    if "--" in text or "－" in text or "—" in text or "–" in text or "─" in text:
        text = RE_DASH.sub(_dash, text)
    if any(c in text for c in "*＊×✕╳XＸ"):
        text = RE_MASK.sub(MASK, text)
    if "  " in text or "\t" in text or "\f" in text or "\v" in text:
        text = RE_SPACES.sub(" ", text)
    return "\n".join(line for line in (ln.strip() for ln in text.split("\n")) if line)


def _dash(m: re.Match[str]) -> str:
    s = m.group(0)
    # ``1-2`` style single hyphens never reach here (two or more are required);
    # keep ASCII ``---`` rules in e.g. tables as they are.
    if set(s) <= {"-", " "} and s.count("-") > 2:
        return s
    return "——"
