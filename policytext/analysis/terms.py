"""Content terms of documents: token lists, term frequencies, term scores.

The data behind word clouds and term counts, computed here so that drawing
(:mod:`policytext.render.wordcloud`) only draws:

* :func:`sentence_tokens` / :func:`heading_tokens` — the token lists of a
  Document (cached on it) or a Section, shared with
  :func:`policytext.analysis.cooccur.cooccurrence`;
* :func:`term_frequencies` — how often each content term occurs;
* :func:`term_scores` — one ``{term: score}`` dict from a document or from
  given scores (a dict, ``(term, score)`` pairs or keyword objects).

Content terms follow the package's one rule,
:func:`policytext.tokens.tags.is_content` (whole lexicon terms and content
words), and are keyed by ``Token.norm``, so aliases merge into their term.

>>> import policytext as pt
>>> doc = pt.parse("一、推动高质量发展\\n推动高质量发展，实现高质量发展。")
>>> term_frequencies(doc)["高质量发展"], term_frequencies(doc, headings=True)["高质量发展"]
(2, 3)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from itertools import compress
from typing import TYPE_CHECKING, Any

from .._validation import InstanceOf, validate_params
from ..tokens.tags import content_mask

if TYPE_CHECKING:  # pragma: no cover
    from ..text.document import Document, Section
    from ..tokens.tokenizer import Token, Tokenizer

__all__ = ["sentence_tokens", "heading_tokens", "term_frequencies", "term_scores"]

_TOKENIZER = [InstanceOf("policytext.tokens.tokenizer.Tokenizer"), None]


def sentence_tokens(obj: Document | Section, tokenizer: Tokenizer) -> list[list[Token]]:
    """The tokens of each body sentence of a Document (cached on it) or a Section.

    >>> import policytext as pt
    >>> from policytext.tokens.tokenizer import default_tokenizer
    >>> doc = pt.parse("一、总体要求\\n推动高质量发展。完善机构编制。")
    >>> [[t.text for t in toks if t.is_term] for toks in sentence_tokens(doc.sections[0], default_tokenizer())]
    [['高质量发展'], ['机构编制']]
    """
    from ..text.document import Document

    if isinstance(obj, Document):
        return tokenizer.tokenize_document(obj)
    return [tokenizer.tokenize(s.text, offset=s.start) for s in obj.sentences]


def heading_tokens(obj: Document | Section, tokenizer: Tokenizer) -> list[tuple[str, list[Token]]]:
    """``(section id, tokens)`` of every heading in ``obj.walk()`` order (a Document's are cached).

    >>> import policytext as pt
    >>> from policytext.tokens.tokenizer import default_tokenizer
    >>> doc = pt.parse("一、总体要求\\n推动发展。\\n（一）坚持党的全面领导\\n完善机构。")
    >>> [(i, [t.text for t in toks]) for i, toks in heading_tokens(doc, default_tokenizer())]
    [('1', ['总体', '要求']), ('1.1', ['坚持党的全面领导'])]
    """
    from ..text.document import Document

    if isinstance(obj, Document):
        cached = tokenizer.tokenize_headings(obj)
        return [(sec.id, cached[sec.id]) for sec in obj.walk()]
    return [(sec.id, tokenizer.tokenize(sec.heading, offset=sec.heading_span[0])) for sec in obj.walk()]


@validate_params({"headings": ["boolean"], "tokenizer": _TOKENIZER})
def term_frequencies(obj: Any, *, headings: bool = False, tokenizer: Tokenizer | None = None) -> Counter[str]:
    """Frequencies of the content terms of a Document, Section, text or file.

    Parameters
    ----------
    obj : Document, Section, str or path-like
        Taken as :func:`policytext.text.loading.as_document` takes it: a text
        is parsed (a blank one gives no terms), a path is read.
    headings : bool
        Also count the section headings (default False: body sentences only,
        the units of :func:`policytext.analysis.cooccur.cooccurrence`).
    tokenizer : Tokenizer, optional
        Defaults to :func:`policytext.tokens.tokenizer.default_tokenizer`;
        a Document's tokens are cached on it.

    Returns
    -------
    collections.Counter
        ``Token.norm`` → occurrences: single content tokens. Its keys and
        counts are the nodes of ``cooccurrence(obj, headings=headings,
        nodes="content", phrases=False)``; the default graph's nodes are the
        keywords' units instead (phrases joined, concepts only).

    Raises
    ------
    InvalidParameterError
        ``obj`` is none of the accepted types.

    >>> import policytext as pt
    >>> term_frequencies(pt.parse("推动高质量发展，实现高质量发展。"))["高质量发展"]
    2
    >>> term_frequencies("   ")
    Counter()
    """
    from ..text.loading import as_document
    from ..tokens.tokenizer import default_tokenizer

    source = as_document(obj, "term_frequencies", sections=True)
    tk = tokenizer if tokenizer is not None else default_tokenizer()
    counts: Counter[str] = Counter()
    for toks in sentence_tokens(source, tk):
        counts.update(_content_keys(toks))
    if headings:
        for _, toks in heading_tokens(source, tk):
            counts.update(_content_keys(toks))
    return counts


def _content_keys(tokens: list[Token]) -> list[str]:
    """``norm`` of each content token (named-tuple fields: 6 term, 0 text)."""
    return [t[6] or t[0] for t in compress(tokens, content_mask(tokens))]


@validate_params({"tokenizer": _TOKENIZER})
def term_scores(obj: Any, *, tokenizer: Tokenizer | None = None, func: str = "term_scores") -> dict[str, float]:
    """One ``{term: score}`` dict from a document or from given scores.

    Parameters
    ----------
    obj : Document, Section, str, path-like, dict or iterable
        A Document / Section / text / file: :func:`term_frequencies`. A dict
        ``{term: score}``, an iterable of ``(term, score)`` pairs or of
        objects with ``.term`` and ``.score`` (e.g. ``policytext.keywords``):
        the scores as floats, summed when a term repeats.
    tokenizer : Tokenizer, optional
        For document input.
    func : str
        The function named in error messages (e.g. ``"wordcloud"``).

    Raises
    ------
    TypeError
        ``obj`` or one of its items has a type not listed above.

    >>> term_scores([("高质量发展", 0.5), ("机构编制", 1), ("高质量发展", 0.25)])
    {'高质量发展': 0.75, '机构编制': 1.0}
    >>> term_scores(42, func="wordcloud")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    TypeError: wordcloud expects a Document, Section, str, path, dict, or ... keyword objects, not int
    """
    import os

    from ..text.document import Document, Section

    if isinstance(obj, (Document, Section, str, os.PathLike)):
        frequencies: dict[str, float] = dict(term_frequencies(obj, tokenizer=tokenizer))
        return frequencies  # int counts, as counted
    if isinstance(obj, Mapping):
        items: Iterable[Any] = obj.items()
    elif isinstance(obj, Iterable) and not isinstance(obj, (bytes, bytearray)):
        items = obj
    else:
        raise TypeError(
            f"{func} expects a Document, Section, str, path, dict, or an iterable of (term, score) pairs or "
            f"keyword objects, not {type(obj).__name__}"
        )
    out: dict[str, float] = {}
    for item in items:
        term, score = _pair(item)
        out[term] = out.get(term, 0.0) + float(score)
    return out


def _pair(item: Any) -> tuple[str, Any]:
    if hasattr(item, "term") and hasattr(item, "score"):
        term, score = item.term, item.score
    elif isinstance(item, (tuple, list)) and len(item) == 2:
        term, score = item
    else:
        raise TypeError(f"expected a (term, score) pair or an object with .term and .score, got {item!r}")
    if not isinstance(term, str):
        raise TypeError(f"terms must be str, got {type(term).__name__}")
    return term, score
