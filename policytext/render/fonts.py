"""One CJK font setting for every figure policytext draws.

Word clouds (``wordcloud``/PIL), graph drawings and keyness/trajectory plots
(matplotlib) all take their font from :func:`font_path`, so Chinese labels
never come out as boxes and a user sets the font once.

Resolution order
----------------
1. An explicit ``font=`` argument (a path to a .ttf/.otf/.ttc file), where a
   function accepts one; otherwise the ``POLICYTEXT_FONT`` environment
   variable. An explicit font is used as given: if it is missing, or lacks a
   glyph for the text to draw, :class:`~policytext.errors.FontError` is raised
   (never a silent fallback).
2. A CJK font installed on the system (found with ``fc-list :lang=zh`` when
   fontconfig is present, else among matplotlib's font list by family name),
   kept only if its ``cmap`` really covers common Chinese characters.
3. The font that installs with ``pip install policytext``: Noto Sans SC
   Regular (OpenType/CFF, SIL Open Font License 1.1) from the PyPI package
   ``pylopdf-fonts-zh-cn``. It covers GB 2312 / GB 18030 level-1 hanzi, CJK
   punctuation, Latin and digits, and renders in both PIL/FreeType
   (wordcloud) and matplotlib (Agg, SVG).

When ``text`` is given, the automatic resolution (2, 3) returns the first
font that has a glyph for every character of ``text`` (whitespace and
control characters ignored); if none does, ``FontError`` names the font and
the missing characters. Character maps are read with fontTools and cached.

Examples
--------
>>> path = font_path("机构编制")
>>> path.suffix in {".otf", ".ttf", ".ttc", ".otc"}
True
>>> check_coverage("党的二十大 2022", path)
set()
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Union

from .._validation import validate_params
from ..errors import FontError

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.font_manager import FontProperties

__all__ = [
    "ENV_VAR",
    "font_path",
    "bundled_font_path",
    "system_cjk_fonts",
    "check_coverage",
    "drawable_chars",
    "matplotlib_font",
    "font_context",
]

#: Environment variable that overrides the font for every figure.
ENV_VAR = "POLICYTEXT_FONT"

FontLike = Union[str, os.PathLike, None]

#: Characters a font must have to count as a CJK font (common hanzi and
#: CJK punctuation used in policy texts).
_PROBE = "的一是在中国党和发展机构编制，。、《》“”"

#: Family-name fragments of common CJK fonts, in order of preference
#: (used when fontconfig is not available, and to order candidates).
_CJK_HINTS = (
    "noto sans cjk sc", "noto sans sc", "source han sans sc", "source han sans cn",
    "noto sans cjk", "source han sans", "wenquanyi", "wqy", "droid sans fallback",
    "microsoft yahei", "simhei", "pingfang", "hiragino sans gb", "heiti", "stheiti",
    "noto serif cjk sc", "noto serif sc", "source han serif", "simsun", "songti",
    "fangsong", "kaiti", "ar pl", "ukai", "uming",
)

_FONT_SUFFIXES = {".ttf", ".otf", ".ttc", ".otc"}


def drawable_chars(text: str) -> set[str]:
    """The characters of ``text`` that need a glyph (whitespace and control/format characters removed).

    >>> sorted(drawable_chars("党 a\\n\\u200b"))
    ['a', '党']
    """
    return {
        ch for ch in text
        if not ch.isspace() and unicodedata.category(ch) not in {"Cc", "Cf", "Zs", "Zl", "Zp"}
    }


@lru_cache(maxsize=32)
def _cmap(path: str) -> frozenset[int]:
    """Code points mapped by the font at ``path`` (first face of a collection)."""
    from fontTools.ttLib import TTFont

    try:
        if Path(path).suffix.lower() in {".ttc", ".otc"}:
            font = TTFont(path, fontNumber=0, lazy=True)
        else:
            font = TTFont(path, lazy=True)
        try:
            cmap = font.getBestCmap() or {}
            return frozenset(cmap)
        finally:
            font.close()
    except Exception as exc:  # fontTools raises many types for bad files
        raise FontError(f"cannot read the font file {path}: {exc}") from None


@validate_params({"text": ["str"], "path": ["path"]})
def check_coverage(text: str, path: str | os.PathLike) -> set[str]:
    """Characters of ``text`` for which the font at ``path`` has no glyph.

    Whitespace and control characters are ignored.

    Parameters
    ----------
    text : str
        The text to draw.
    path : str or path-like
        A .ttf/.otf/.ttc font file.

    Returns
    -------
    set of str
        Missing characters (empty when the font covers the text).

    Raises
    ------
    FontError
        If the file cannot be read as a font.
    InvalidParameterError
        ``text`` is not a str, ``path`` not a path.

    Examples
    --------
    >>> check_coverage("高质量发展", bundled_font_path())
    set()
    """
    p = Path(path)
    if not p.is_file():
        raise FontError(f"font file not found: {p}")
    cmap = _cmap(str(p.resolve()))
    return {ch for ch in drawable_chars(text) if ord(ch) not in cmap}


def bundled_font_path() -> Path:
    """The font that installs with policytext (Noto Sans SC Regular, SIL OFL 1.1).

    >>> bundled_font_path().name
    'NotoSansSC-Regular.otf'
    """
    try:
        import pylopdf_fonts_zh_cn
    except ImportError:
        raise FontError(
            "no CJK font found: set POLICYTEXT_FONT to a .ttf/.otf file, or install the font "
            "package with: pip install pylopdf-fonts-zh-cn"
        ) from None
    path = Path(pylopdf_fonts_zh_cn.sans_path())
    if not path.is_file():
        raise FontError(f"the bundled font file is missing: {path}; reinstall pylopdf-fonts-zh-cn")
    return path


def _rank(path: Path, family: str = "") -> tuple[int, str]:
    name = f"{family} {path.name}".lower().replace("-", " ").replace("_", " ")
    for i, hint in enumerate(_CJK_HINTS):
        if hint in name:
            return (i, str(path))
    return (len(_CJK_HINTS), str(path))


@lru_cache(maxsize=1)
def _system_candidates() -> tuple[Path, ...]:
    found: dict[Path, str] = {}
    fc_list = shutil.which("fc-list")
    if fc_list:
        try:
            out = subprocess.run(
                [fc_list, ":lang=zh", "file", "family"], capture_output=True, text=True, timeout=10, check=False
            ).stdout
        except (OSError, subprocess.SubprocessError):
            out = ""
        for line in out.splitlines():
            file, _, family = line.partition(":")
            p = Path(file.strip())
            if p.suffix.lower() in _FONT_SUFFIXES:
                found[p] = family.strip()
    else:
        try:
            from matplotlib import font_manager

            for entry in font_manager.fontManager.ttflist:
                p = Path(entry.fname)
                if p.suffix.lower() in _FONT_SUFFIXES and _rank(p, entry.name)[0] < len(_CJK_HINTS):
                    found[p] = entry.name
        except ImportError:  # pragma: no cover - matplotlib is a dependency
            pass
    return tuple(sorted(found, key=lambda p: _rank(p, found[p])))


@lru_cache(maxsize=1)
def system_cjk_fonts() -> tuple[Path, ...]:
    """CJK fonts installed on the system, best first; each really covers common hanzi.

    Looked up once per process (fontconfig's ``fc-list :lang=zh`` when
    available, else matplotlib's font list filtered by family name).

    >>> isinstance(system_cjk_fonts(), tuple)
    True
    """
    good = []
    for p in _system_candidates():
        try:
            if p.is_file() and not check_coverage(_PROBE, p):
                good.append(p)
        except FontError:
            continue
    return tuple(good)


def _explicit(font: FontLike) -> Path | None:
    """The font file given by ``font=`` (a path, checked by :func:`font_path`) or ``$POLICYTEXT_FONT``, if any."""
    if font is not None:
        value = os.fspath(font)
        source = "font argument"
    else:
        value = os.environ.get(ENV_VAR, "")
        source = f"${ENV_VAR}"
    if not value:
        return None
    p = Path(value).expanduser()
    if not p.is_file():
        raise FontError(f"the font given by {source} does not exist or is not a file: {p}")
    return p


def _missing_message(path: Path, missing: set[str]) -> str:
    chars = "".join(sorted(missing))
    codes = ", ".join(f"U+{ord(c):04X}" for c in sorted(missing)[:10])
    more = " …" if len(missing) > 10 else ""
    return (
        f"the font {path} has no glyph for {len(missing)} character(s) to draw: "
        f"{chars!r} ({codes}{more}); set POLICYTEXT_FONT or pass font= to a font that covers them"
    )


@validate_params({"text": ["str", None], "font": ["path", None]})
def font_path(text: str | None = None, *, font: FontLike = None) -> Path:
    """Path of the font to draw with (see the module docstring for the order).

    Parameters
    ----------
    text : str, optional
        The text that will be drawn. When given, the font is checked with its
        ``cmap`` to have a glyph for every character (whitespace and control
        characters ignored).
    font : str or path-like, optional
        An explicit font file; overrides ``$POLICYTEXT_FONT`` and the search.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    FontError
        If the explicit font does not exist, or no font covers ``text``
        (the message names the font and the missing characters).
    InvalidParameterError
        ``text`` is not a str or None, ``font`` not a path or None.

    Examples
    --------
    >>> font_path().is_file()
    True
    >>> font_path("中华人民共和国").is_file()
    True
    """
    explicit = _explicit(font)
    if explicit is not None:
        if text:
            missing = check_coverage(text, explicit)
            if missing:
                raise FontError(_missing_message(explicit, missing))
        return explicit
    candidates = [*system_cjk_fonts(), bundled_font_path()]
    if not text:
        return candidates[0]
    best: tuple[Path, set[str]] | None = None
    for p in candidates:
        missing = check_coverage(text, p)
        if not missing:
            return p
        if best is None or len(missing) < len(best[1]):
            best = (p, missing)
    assert best is not None
    raise FontError(_missing_message(*best))


def matplotlib_font(text: str | None = None, *, font: FontLike = None, size: float | None = None) -> FontProperties:
    """A ``matplotlib.font_manager.FontProperties`` for :func:`font_path`.

    Pass it as ``fontproperties=`` to ``ax.text``, ``ax.set_title``,
    ``ax.set_xticklabels`` … Global ``rcParams`` are not touched.

    >>> fp = matplotlib_font("机构编制")
    >>> fp.get_file().endswith((".otf", ".ttf", ".ttc"))
    True
    """
    from matplotlib.font_manager import FontProperties

    return FontProperties(fname=str(font_path(text, font=font)), size=size)


@contextlib.contextmanager
def font_context(text: str | None = None, *, font: FontLike = None) -> Iterator[Path]:
    """Temporarily make the policytext font matplotlib's default (``rc_context``).

    Inside the block every text artist (titles, tick labels, legends) uses the
    CJK font; ``rcParams`` are restored on exit. The font file is registered
    with matplotlib's font manager (an additive, process-wide registration).

    >>> import matplotlib
    >>> before = matplotlib.rcParams["font.family"]
    >>> with font_context("机构编制") as path:
    ...     matplotlib.rcParams["font.family"][0] != before[0]
    True
    >>> matplotlib.rcParams["font.family"] == before
    True
    """
    import matplotlib

    path = font_path(text, font=font)
    name = _register(str(path))
    with matplotlib.rc_context({"font.family": [name, "sans-serif"], "axes.unicode_minus": False}):
        yield path


@lru_cache(maxsize=16)
def _register(path: str) -> str:
    from matplotlib import font_manager

    font_manager.fontManager.addfont(path)
    return font_manager.FontProperties(fname=path).get_name()
