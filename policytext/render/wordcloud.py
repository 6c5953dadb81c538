"""Word clouds with Chinese glyphs (:func:`wordcloud`).

The words and their weights are a document's keywords and their scores
(:func:`policytext.analysis.keyterms.keywords`: the same units — whole
lexicon terms and phrases — and the same emphasis as the keywords; each drawn
as the document wrote it, :func:`written_form`), its term
frequencies on request, or given scores
(:func:`policytext.analysis.terms.term_scores`); this module only draws them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from .._files import atomic_path
from .._validation import InstanceOf, Interval, Options, validate_params
from ..errors import InvalidParameterError
from .figures import IMAGE_FORMATS, FontLike, _out_path

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

    from PIL.Image import Image

    from ..tokens.tokenizer import Tokenizer

__all__ = ["wordcloud", "WEIGHTS", "MIN_FONT_SIZE", "written_form", "same_words"]

#: What the sizes of a document's words follow (``weights=``): keyword scores, or occurrences.
WEIGHTS: tuple[str, ...] = ("keywords", "frequency")
#: The smallest font size (px) a word is drawn at by default: smaller Chinese glyphs cannot be read (a
#: 200-word cloud of the 2024 government work report drew 132 words at 8 px or less with wordcloud's 4).
MIN_FONT_SIZE = 10
#: What tells two wordings of one term apart only in punctuation: quotes, title marks, enumeration commas,
#: middle dots and spaces (完整准确全面贯彻新发展理念 is 完整、准确、全面贯彻新发展理念 written without its 、).
_MARKS = re.compile(r"[\s“”‘’\"'《》〈〉「」『』、，,·・]")


def written_form(k: Any) -> str:
    """How a reader is shown a keyword's wording: the form the document used most (``Keyword.surface``),
    whatever the lexicon's canonical ``term`` is, down to its punctuation (the document's
    完整准确全面贯彻新发展理念 and 政治强业务精作风优 are shown so, not the lexicon's
    完整、准确、全面贯彻新发展理念). An object without a ``surface`` (or an empty one) shows its ``term``.

    >>> from policytext.analysis.keyterms import Keyword
    >>> written_form(Keyword("习近平强军思想", 1.0, 2, "theory", (("新时代党的强军思想", 2),)))
    '新时代党的强军思想'
    >>> written_form(Keyword("完整、准确、全面贯彻新发展理念", 1.0, 2, "action", (("完整准确全面贯彻新发展理念", 2),)))
    '完整准确全面贯彻新发展理念'
    >>> written_form(Keyword("改革", 1.0, 1))
    '改革'
    """
    surface = getattr(k, "surface", None)
    return surface if isinstance(surface, str) and surface else str(k.term)


def same_words(form: str, term: str) -> bool:
    """Whether two wordings differ only by quotes, title marks, enumeration commas, middle dots or spaces.

    >>> same_words("完整准确全面贯彻新发展理念", "完整、准确、全面贯彻新发展理念"), same_words("大湾区", "粤港澳大湾区")
    (True, False)
    """
    return _MARKS.sub("", form) == _MARKS.sub("", term)


def _mask_array(mask: Any) -> Any:
    import numpy as np

    if mask is None:
        return None
    if isinstance(mask, (str, os.PathLike)):
        from PIL import Image as PILImage

        with PILImage.open(mask) as im:
            return np.array(im.convert("L"))
    if hasattr(mask, "mode") and hasattr(mask, "convert"):  # a PIL image
        return np.array(mask.convert("L"))
    arr = np.asarray(mask)
    if arr.ndim not in (2, 3):
        raise InvalidParameterError.build("mask", "wordcloud", "a 2-D or 3-D image array, a PIL image or a path",
                                          f"array of shape {arr.shape}")
    return arr


class _ColormapColor:
    """Word colours drawn from a matplotlib colormap (like wordcloud's, without importing pyplot)."""

    def __init__(self, name: str, func: str) -> None:
        import matplotlib

        try:
            self.colormap = matplotlib.colormaps[name]
        except KeyError:
            raise InvalidParameterError.unknown("colormap", func, name, list(matplotlib.colormaps)) from None

    def __call__(self, word: str, font_size: int, position: Any, orientation: Any,
                 random_state: Any = None, **kwargs: Any) -> str:
        import random

        rnd = random_state if random_state is not None else random.Random()
        r, g, b, _ = (max(0.0, 255 * c) for c in self.colormap(rnd.uniform(0, 1)))
        return f"rgb({r:.0f}, {g:.0f}, {b:.0f})"


@validate_params({
    "width": [Interval(int, 1, None)],
    "height": [Interval(int, 1, None)],
    "max_words": [Interval(int, 1, None)],
    "min_font_size": [Interval(int, 1, None)],
    "tokenizer": [InstanceOf("policytext.tokens.tokenizer.Tokenizer"), None],
    "weights": [Options(str, WEIGHTS)],
})
def wordcloud(
    obj_or_keywords: Any,
    path: str | os.PathLike | None = None,
    *,
    mask: Any = None,
    font: FontLike = None,
    width: int = 800,
    height: int = 600,
    max_words: int = 200,
    min_font_size: int = MIN_FONT_SIZE,
    background_color: str | None = "white",
    colormap: str | None = "viridis",
    prefer_horizontal: float = 0.9,
    scale: float = 1,
    random_state: int = 0,
    tokenizer: Tokenizer | None = None,
    weights: str = "keywords",
) -> Image:
    """A word cloud with Chinese words (``wordcloud.WordCloud.generate_from_frequencies``).

    We count or take the words ourselves; wordcloud's own tokenizer (which
    cannot segment Chinese) and its collocations are never used.

    Parameters
    ----------
    obj_or_keywords : Document, Section, str, path-like, dict, or iterable
        A Document / Section / text / file (a text is parsed first, as
        :func:`policytext.load` does): its words weighted as ``weights``
        says. A dict ``{term: score}``, an iterable of ``(term, score)``
        pairs, or of objects with ``.term`` and ``.score`` (keywords): the
        scores. Non-positive scores are left out. Keywords are drawn as the
        document wrote them (:func:`written_form`: 新时代党的强军思想 rather
        than its canonical 习近平强军思想), one word per keyword.
    path : str or path-like, optional
        Write the image here (``.png``, ``.jpg``, ``.webp``), atomically.
    mask : path, PIL image or array, optional
        Shape: words are drawn where the mask is not white (255); the mask
        sets the image size.
    font : str or path-like, optional
        Font file (overrides ``$POLICYTEXT_FONT``; see :mod:`policytext.render.fonts`).
    min_font_size : int
        The smallest font size (px, before ``scale``) a word is drawn at: the
        words that would be smaller (the least weighted, once the picture is
        full) are left out rather than drawn illegibly (default
        :data:`MIN_FONT_SIZE`; ``wordcloud.WordCloud``'s own default is 4).
    width, height, max_words, background_color, colormap, prefer_horizontal, scale
        As for ``wordcloud.WordCloud``. ``background_color=None`` gives a
        transparent RGBA image.
    random_state : int
        Seed: the same input gives the same picture.
    tokenizer : Tokenizer, optional
        For Document/Section/str input.
    weights : {"keywords", "frequency"}
        For Document/Section/str input: ``"keywords"`` (default) draws the
        ``max_words`` keywords of :func:`policytext.analysis.keyterms.keywords`
        in the document's own wording (:func:`written_form`), sized by their
        scores — whole terms and phrases, and the body's emphasis rather than
        the preamble's formulae, as the keywords rank them; ``"frequency"``
        draws every content term sized by its occurrences
        (:func:`policytext.analysis.terms.term_frequencies`).

    Returns
    -------
    PIL.Image.Image
        ``image.info["policytext_font"]`` is the font file,
        ``image.info["policytext_words"]`` the drawn words, one per line,
        and ``image.info["policytext_sizes"]`` their font sizes (px), one
        per line in the same order. Empty input gives a blank image of the
        background colour.

    Raises
    ------
    FontError
        The font lacks a glyph for one of the words.
    InvalidParameterError
        Unknown extension, ``width``/``height``/``max_words`` < 1.
    TypeError
        ``obj_or_keywords`` (or one of its items) has an unsupported type.

    Examples
    --------
    >>> img = wordcloud({"党的二十大": 5, "高质量发展": 3, "机构编制": 2}, width=200, height=120)
    >>> img.size
    (200, 120)
    >>> sorted(img.info["policytext_words"].split("\\n"))
    ['党的二十大', '机构编制', '高质量发展']
    >>> img.info["policytext_words"].split("\\n")[0]  # the largest: the highest score
    '党的二十大'
    """
    from .fonts import font_path

    p = _out_path(path, "wordcloud", IMAGE_FORMATS) if path is not None else None
    scores = _weights(obj_or_keywords, weights, max_words, tokenizer)
    chosen = sorted(((t, s) for t, s in scores.items() if s > 0 and t.strip()), key=lambda kv: (-kv[1], kv[0]))
    chosen = chosen[:max_words]
    fpath = font_path("".join(t for t, _ in chosen), font=font)
    mask_arr = _mask_array(mask)
    mode = "RGB" if background_color is not None else "RGBA"
    if not chosen:
        if mask_arr is not None:
            height, width = mask_arr.shape[:2]
        image, drawn = _blank(mode, (int(width * scale), int(height * scale)), background_color), []
    else:
        cloud = _new_cloud(fpath, mask_arr, mode, width=width, height=height, max_words=max_words,
                           min_font_size=min_font_size,
                           background_color=background_color, colormap=colormap or "viridis",
                           prefer_horizontal=prefer_horizontal, scale=scale, random_state=random_state)
        cloud.generate_from_frequencies(dict(chosen))
        image = cloud.to_image()
        drawn = [(word, size) for (word, _), size, *_ in cloud.layout_]
    image.info["policytext_font"] = str(fpath)
    image.info["policytext_words"] = "\n".join(word for word, _ in drawn)
    image.info["policytext_sizes"] = "\n".join(str(size) for _, size in drawn)
    if p is not None:
        _save(image, p)
    return image


def _weights(obj: Any, weights: str, max_words: int, tokenizer: Tokenizer | None) -> dict[str, float]:
    """``{word: weight}``: a document's keyword scores (or term frequencies), or the scores given."""
    from ..analysis.terms import term_scores
    from ..text.document import Document, Section

    if weights == "keywords" and isinstance(obj, (Document, Section, str, os.PathLike)):
        from ..analysis.keyterms import keywords
        from ..text.loading import as_document

        source = as_document(obj, "wordcloud", sections=True)
        return term_scores(_as_written(keywords(source, top=max_words, tokenizer=tokenizer)), func="wordcloud")
    if not isinstance(obj, (Document, Section, str, os.PathLike, Mapping, bytes, bytearray)) \
            and isinstance(obj, Iterable):
        obj = _as_written(obj)
    return term_scores(obj, tokenizer=tokenizer, func="wordcloud")


def _as_written(items: Iterable[Any]) -> list[Any]:
    """Keywords (objects with ``.term``, ``.surface`` and ``.score``) as ``(form, score)`` pairs: the cloud
    draws the form the document wrote (:func:`written_form`), sized by the keyword's score; other items as
    they are.

    >>> from policytext.analysis.keyterms import Keyword
    >>> _as_written([Keyword("习近平强军思想", 1.0, 2, "theory", (("新时代党的强军思想", 2),)), ("学习", 0.5)])
    [('新时代党的强军思想', 1.0), ('学习', 0.5)]
    """
    return [(written_form(item), item.score) if hasattr(item, "surface") and hasattr(item, "term")
            and hasattr(item, "score") else item for item in items]


def _blank(mode: str, size: tuple[int, int], background_color: str | None) -> Image:
    """An empty picture: the background colour, or transparent."""
    from PIL import Image as PILImage

    return PILImage.new(mode, size, background_color if background_color is not None else (0, 0, 0, 0))


def _new_cloud(fpath: os.PathLike, mask: Any, mode: str, *, colormap: str, **options: Any) -> Any:
    """A ``wordcloud.WordCloud`` drawing with ``fpath``, never using its own tokenizer or collocations."""
    try:
        from wordcloud import WordCloud
    except ImportError:  # pragma: no cover - wordcloud is a dependency
        from ..errors import MissingDependencyError

        raise MissingDependencyError("wordcloud", "policytext.render.wordcloud.wordcloud") from None
    return WordCloud(font_path=str(fpath), mask=mask, mode=mode, color_func=_ColormapColor(colormap, "wordcloud"),
                     collocations=False, normalize_plurals=False, include_numbers=True, **options)


def _save(image: Image, p: Path) -> None:
    """Write ``image`` atomically in the format of ``p``'s extension (JPEG without transparency)."""
    fmt = IMAGE_FORMATS[p.suffix.lower()]
    to_save = image.convert("RGB") if fmt == "JPEG" and image.mode != "RGB" else image
    with atomic_path(p) as tmp:
        to_save.save(tmp, format=fmt)
