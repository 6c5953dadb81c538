"""Word clouds with Chinese glyphs (:func:`wordcloud`)."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from .._files import atomic_path
from ..errors import InvalidParameterError

if TYPE_CHECKING:  # pragma: no cover
    from PIL.Image import Image

    from ..tokens.tokenizer import Tokenizer

from .figures import IMAGE_FORMATS, FontLike, _out_path

__all__ = ["wordcloud", "term_frequencies"]


def term_frequencies(obj: Any, *, tokenizer: Tokenizer | None = None) -> Counter:
    """Frequencies of the content terms of a Document, Section or text.

    Content terms follow :func:`policytext.analysis.cooccur.is_content_token` (whole
    lexicon terms and content words, keyed by ``Token.norm``). Documents use
    the tokens cached on them.

    >>> import policytext as pt
    >>> term_frequencies(pt.parse("推动高质量发展，实现高质量发展。"))["高质量发展"]
    2
    """
    from ..analysis.cooccur import is_content_token
    from ..text.document import Document, Section
    from ..tokens.tokenizer import default_tokenizer

    tk = tokenizer or default_tokenizer()
    if isinstance(obj, Document):
        token_lists: Iterable[Iterable[Any]] = tk.tokenize_document(obj)
    elif isinstance(obj, Section):
        token_lists = [tk.tokenize(s.text, offset=s.start) for s in obj.sentences]
    elif isinstance(obj, str):
        token_lists = [tk.tokenize(obj)] if obj.strip() else []
    else:
        raise TypeError(f"term_frequencies expects a Document, Section or str, not {type(obj).__name__}")
    return Counter(t.norm for toks in token_lists for t in toks if is_content_token(t))


def _frequencies(obj: Any, tokenizer: Tokenizer | None) -> dict[str, float]:
    from ..text.document import Document, Section

    if isinstance(obj, (Document, Section, str)):
        return dict(term_frequencies(obj, tokenizer=tokenizer))
    if isinstance(obj, Mapping):
        items: Iterable[Any] = obj.items()
    elif isinstance(obj, Iterable) and not isinstance(obj, (bytes, bytearray)):
        items = obj
    else:
        raise TypeError(
            "wordcloud expects a Document, Section, str, dict, or an iterable of (term, score) pairs or "
            f"keyword objects, not {type(obj).__name__}"
        )
    out: dict[str, float] = {}
    for item in items:
        if hasattr(item, "term") and hasattr(item, "score"):
            term, score = item.term, item.score
        elif isinstance(item, (tuple, list)) and len(item) == 2:
            term, score = item
        else:
            raise TypeError(f"expected a (term, score) pair or an object with .term and .score, got {item!r}")
        if not isinstance(term, str):
            raise TypeError(f"terms must be str, got {type(term).__name__}")
        out[term] = out.get(term, 0.0) + float(score)
    return out


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


def wordcloud(
    obj_or_keywords: Any,
    path: str | os.PathLike | None = None,
    *,
    mask: Any = None,
    font: FontLike = None,
    width: int = 800,
    height: int = 600,
    max_words: int = 200,
    background_color: str | None = "white",
    colormap: str | None = "viridis",
    prefer_horizontal: float = 0.9,
    scale: float = 1,
    random_state: int = 0,
    tokenizer: Tokenizer | None = None,
) -> Image:
    """A word cloud with Chinese words (``wordcloud.WordCloud.generate_from_frequencies``).

    We count or take the words ourselves; wordcloud's own tokenizer (which
    cannot segment Chinese) and its collocations are never used.

    Parameters
    ----------
    obj_or_keywords : Document, Section, str, dict, or iterable
        A Document / Section / text: frequencies of its content terms (see
        :func:`term_frequencies`). A dict ``{term: score}``, an iterable of
        ``(term, score)`` pairs, or of objects with ``.term`` and ``.score``
        (keywords): the scores. Non-positive scores are left out.
    path : str or path-like, optional
        Write the image here (``.png``, ``.jpg``, ``.webp``), atomically.
    mask : path, PIL image or array, optional
        Shape: words are drawn where the mask is not white (255); the mask
        sets the image size.
    font : str or path-like, optional
        Font file (overrides ``$POLICYTEXT_FONT``; see :mod:`policytext.render.fonts`).
    width, height, max_words, background_color, colormap, prefer_horizontal, scale
        As for ``wordcloud.WordCloud``. ``background_color=None`` gives a
        transparent RGBA image.
    random_state : int
        Seed: the same input gives the same picture.
    tokenizer : Tokenizer, optional
        For Document/Section/str input.

    Returns
    -------
    PIL.Image.Image
        ``image.info["policytext_font"]`` is the font file and
        ``image.info["policytext_words"]`` the drawn words, one per line.
        Empty input gives a blank image of the background colour.

    Raises
    ------
    FontError
        The font lacks a glyph for one of the words.

    Examples
    --------
    >>> img = wordcloud({"党的二十大": 5, "高质量发展": 3, "机构编制": 2}, width=200, height=120)
    >>> img.size
    (200, 120)
    >>> sorted(img.info["policytext_words"].split("\\n"))
    ['党的二十大', '机构编制', '高质量发展']
    """
    from PIL import Image as PILImage

    from .fonts import font_path

    func = "wordcloud"
    p = _out_path(path, func, IMAGE_FORMATS) if path is not None else None
    for name, value in (("width", width), ("height", height), ("max_words", max_words)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise InvalidParameterError.build(name, func, "an int >= 1", value)
    freqs = {t: s for t, s in _frequencies(obj_or_keywords, tokenizer).items() if s > 0 and t.strip()}
    chosen = sorted(freqs.items(), key=lambda kv: (-kv[1], kv[0]))[:max_words]
    fpath = font_path("".join(t for t, _ in chosen), font=font)
    mask_arr = _mask_array(mask)
    mode = "RGB" if background_color is not None else "RGBA"
    if not chosen:
        if mask_arr is not None:
            height, width = mask_arr.shape[:2]
        size = (int(width * scale), int(height * scale))
        image = PILImage.new(mode, size, background_color if background_color is not None else (0, 0, 0, 0))
        drawn: list[str] = []
    else:
        try:
            from wordcloud import WordCloud
        except ImportError:  # pragma: no cover - wordcloud is a dependency
            from ..errors import MissingDependencyError

            raise MissingDependencyError("wordcloud", "policytext.render.wordcloud.wordcloud") from None
        wc = WordCloud(
            font_path=str(fpath), width=width, height=height, max_words=max_words, mask=mask_arr,
            background_color=background_color, mode=mode, color_func=_ColormapColor(colormap or "viridis", func),
            prefer_horizontal=prefer_horizontal, scale=scale, random_state=random_state,
            collocations=False, normalize_plurals=False, include_numbers=True,
        )
        wc.generate_from_frequencies(dict(chosen))
        image = wc.to_image()
        drawn = [word for (word, _), *_ in wc.layout_]
    image.info["policytext_font"] = str(fpath)
    image.info["policytext_words"] = "\n".join(drawn)
    if p is not None:
        fmt = IMAGE_FORMATS[p.suffix.lower()]
        to_save = image.convert("RGB") if fmt == "JPEG" and image.mode != "RGB" else image
        with atomic_path(p) as tmp:
            to_save.save(tmp, format=fmt)
    return image

