"""``load``: any document source to a parsed :class:`~policytext.text.document.Document`."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal, overload

from .._validation import validate_params
from ..errors import DocumentNotFoundError, EmptyDocumentError, InvalidParameterError
from .document import Document, Section, Sentence
from .io import PARAGRAPH_FORMATS, Source, looks_like_path, read_source
from .normalize import normalize
from .structure import parse

__all__ = ["load", "check_script", "as_document", "as_sentences", "sentence_texts", "empty_document"]


@validate_params({"source": ["path", bytes, bytearray, memoryview, Document]})
def load(source: Source | Document, *, metadata: dict[str, Any] | None = None,
         encoding: str | None = None) -> Document:
    """Load a document from a path, bytes, or a string of text, and parse it.

    Parameters
    ----------
    source : str | os.PathLike | bytes | Document
        A path (``.txt`` in any Chinese encoding, ``.docx``, ``.html``), the
        file's bytes, or the text itself. A ``str`` is taken as a path when it
        names an existing file, or is one line without sentence punctuation
        ending in a document suffix (``报告.txt``, ``通知.docx``, ``纪要.pdf``;
        see :func:`policytext.text.io.looks_like_path`); otherwise as text.
        To analyse such a string as text, use :func:`policytext.parse`. A
        :class:`Document` is returned unchanged.
    metadata : dict, optional
        Metadata to attach (``date``, ``kind``, ``meeting`` …); wins over
        detected values.
    encoding : str, optional
        Force the encoding of a text file.

    Returns
    -------
    Document

    Raises
    ------
    DocumentNotFoundError
        ``source`` is a path, or a ``str`` that looks like a file name
        (``报告.txt``), and names no file; the message says how to pass the
        string as text instead.
    InputError
        The file or bytes cannot be read (see :func:`policytext.text.io.read_text`),
        or the text is empty.
    InvalidParameterError
        ``source`` is none of the above (also a ``TypeError``).

    Examples
    --------
    >>> import policytext as pt
    >>> doc = pt.load(pt.reference_path())
    >>> len(doc.sections)
    5
    >>> pt.load("一、要点\\n要坚持学习。").sections[0].heading
    '要点'
    """
    if isinstance(source, Document):
        return source
    meta: dict[str, Any] = {}
    kind = "text"
    if isinstance(source, (bytes, bytearray, memoryview)):
        text, found, kind = read_source(source, encoding=encoding)
        meta.update(found)  # what a web page says about itself: page_title, site, page_date, …
    elif isinstance(source, os.PathLike) or looks_like_path(source):
        text, found, kind = _read_named(source, encoding)
        meta.update(found)
        meta["source"] = str(source)
        meta.setdefault("name", Path(source).stem)
    else:
        if not source.strip():
            raise EmptyDocumentError("<text>", "the text is empty")
        text = source
    if metadata:
        meta.update(metadata)
    if kind in PARAGRAPH_FORMATS:  # a line of a .docx or a web page is a paragraph: never rejoined as wrapped
        doc = parse(normalize(text, unwrap=False), metadata=meta, raw=text, normalized=True)
    else:
        doc = parse(text, metadata=meta)
    check_script(doc, meta.get("source", "<text>"))
    return doc


#: Added to "no such file" when the missing path was given as a ``str`` (it may have been meant as text).
MISSING_HINT = "to analyse the string itself as text, pass pt.parse(text)"


def _read_named(source: str | os.PathLike[str], encoding: str | None) -> tuple[str, dict[str, Any], str]:
    """:func:`~policytext.text.io.read_source` of a path; a ``str`` naming no file says how to pass it as text
    instead.

    >>> _read_named("报告.txt", None)
    Traceback (most recent call last):
    ...
    policytext.errors.DocumentNotFoundError: 报告.txt: no such file; to analyse the string itself as text,
    pass pt.parse(text)
    """
    try:
        return read_source(source, encoding=encoding)
    except DocumentNotFoundError as exc:
        if not isinstance(source, str) or exc.reason != "no such file":
            raise
        raise DocumentNotFoundError(source, f"{exc.reason}; {MISSING_HINT}") from None


#: What the document argument of an analysis accepts, for error messages.
_DOCUMENT_INPUT = "a Document, a path, bytes or a str of text"


def empty_document() -> Document:
    """A Document with no text (what a blank ``str`` argument of an analysis becomes)."""
    return Document(text="", raw="", title=None, metadata={}, sections=[], paragraphs=[], sentences=[])


@overload
def as_document(source: Section, func: str = ..., *, sections: Literal[True]) -> Document | Section: ...
@overload
def as_document(source: Document | str | os.PathLike[str] | bytes, func: str = ..., *,
                sections: Literal[False] = ...) -> Document: ...
@overload
def as_document(source: object, func: str = ..., *, sections: bool = ...) -> Document | Section: ...
def as_document(source: object, func: str = "this function", *, sections: bool = False) -> Document | Section:
    """The document argument of an analysis function, as a Document (the one coercion).

    * a :class:`Document` is returned as it is (and a :class:`Section` too,
      when ``sections=True``);
    * a path (a path-like object, or a ``str`` that
      :func:`policytext.text.io.looks_like_path` takes for one) and bytes are
      read with :func:`load`, so ``keywords("report.txt")`` analyses the file
      and a missing file (``keywords("报告.txt")`` with no such file) is a
      :class:`~policytext.errors.DocumentNotFoundError` rather than a one-word
      document;
    * any other ``str`` is the text itself; a blank one gives an empty Document.

    Anything else is an :class:`~policytext.errors.InvalidParameterError`
    naming ``func``.

    >>> as_document("一、要点\\n要坚持学习。").sections[0].heading
    '要点'
    >>> as_document("").sentences
    []
    >>> as_document(3.5, "keywords")
    Traceback (most recent call last):
    ...
    policytext.errors.InvalidParameterError: The 'doc' parameter of keywords must be a Document,
    a path, bytes or a str of text. Got 3.5 instead.
    """
    if isinstance(source, Document) or (sections and isinstance(source, Section)):
        return source
    if isinstance(source, str) and not source.strip():
        return empty_document()
    if isinstance(source, (str, os.PathLike, bytes, bytearray, memoryview)):
        return load(source)
    expected = _DOCUMENT_INPUT.replace("a Document", "a Document, a Section") if sections else _DOCUMENT_INPUT
    raise InvalidParameterError.build("doc", func, expected, source)


def as_sentences(items: object, func: str = "this function") -> list[str | Sentence]:
    """A sequence of sentences (``str`` or :class:`Sentence`) as a list; the one check.

    A single ``str`` is refused (it would be read as a sequence of characters).

    >>> as_sentences(("要坚持学习。", "要加强管理。"))
    ['要坚持学习。', '要加强管理。']
    >>> as_sentences("要坚持学习。", "fit")
    Traceback (most recent call last):
    ...
    policytext.errors.InvalidParameterError: The 'X' parameter of fit must be a sequence of sentences
    (str or Sentence). Got '要坚持学习。' instead.
    """
    expected = "a sequence of sentences (str or Sentence)"
    if isinstance(items, (str, bytes)) or not isinstance(items, Iterable):
        raise InvalidParameterError.build("X", func, expected, items)
    out = list(items)
    for x in out:
        if not isinstance(x, (str, Sentence)):
            raise InvalidParameterError.build("X", func, expected, x)
    return out


def sentence_texts(items: object, func: str = "this function") -> list[str]:
    """:func:`as_sentences`, as plain texts.

    >>> import policytext as pt
    >>> sentence_texts(pt.load("要坚持学习。要加强管理。").sentences)
    ['要坚持学习。', '要加强管理。']
    """
    return [x if isinstance(x, str) else x.text for x in as_sentences(items, func)]


def check_script(doc: Document, label: object = "<text>", *, stacklevel: int = 3) -> str | None:
    """Record ``doc.metadata["script"]`` and warn when the text is traditional or mixed.

    The lexicon, jieba's dictionary and the stopwords are simplified Chinese:
    in traditional text (黨的領導) no lexicon term is found, so keywords,
    formulations and comparisons would be silently poorer. ``load`` therefore
    issues a :class:`~policytext.errors.TraditionalScriptWarning` naming the
    file; convert such text to simplified characters first (for example with
    OpenCC, ``t2s``) — policytext itself does not convert, so every span keeps
    pointing into the text the user gave.

    >>> import warnings, policytext as pt
    >>> with warnings.catch_warnings(record=True) as w:
    ...     warnings.simplefilter("always")
    ...     doc = pt.load("要堅持黨的全面領導，推進機構編制法定化，加強黨對機構編制工作的集中統一領導。")
    >>> doc.metadata["script"], w[0].category.__name__
    ('traditional', 'TraditionalScriptWarning')
    """
    import warnings

    from ..errors import TraditionalScriptWarning
    from .normalize import han_script

    script, trad, simp = han_script(doc.text)
    if script in ("traditional", "mixed"):
        doc.metadata["script"] = script
        what = "traditional characters" if script == "traditional" else "partly traditional characters"
        warnings.warn(
            f"{label}: the text is in {what} ({trad} traditional-only vs {simp} simplified-only); the lexicon "
            "and dictionary are simplified, so political terms in traditional form are not recognised. "
            "Convert the text to simplified characters first (e.g. OpenCC t2s).",
            TraditionalScriptWarning, stacklevel=stacklevel)
    return script
