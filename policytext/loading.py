"""``load``: any document source to a parsed :class:`~policytext.document.Document`."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .document import Document
from .errors import EmptyDocumentError
from .io import Source, looks_like_path, read_text
from .structure import parse

__all__ = ["load", "check_script", "as_document"]


def load(source: Source | Document, *, metadata: dict[str, Any] | None = None,
         encoding: str | None = None) -> Document:
    """Load a document from a path, bytes, or a string of text, and parse it.

    Parameters
    ----------
    source : str | os.PathLike | bytes | Document
        A path (``.txt`` in any Chinese encoding, ``.docx``, ``.html``), the
        file's bytes, or the text itself. A ``str`` is taken as a path when it
        names an existing file or ends in a known suffix and has no line break
        (see :func:`policytext.io.looks_like_path`); otherwise as text. A
        :class:`Document` is returned unchanged.
    metadata : dict, optional
        Metadata to attach (``date``, ``kind``, ``meeting`` …); wins over
        detected values.
    encoding : str, optional
        Force the encoding of a text file.

    Returns
    -------
    Document

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
    if isinstance(source, os.PathLike) or (isinstance(source, str) and looks_like_path(source)):
        text = read_text(source, encoding=encoding)
        meta["source"] = str(source)
        meta.setdefault("name", Path(source).stem)
    elif isinstance(source, str):
        if not source.strip():
            raise EmptyDocumentError("<text>", "the text is empty")
        text = source
    elif isinstance(source, (bytes, bytearray, memoryview)):
        text = read_text(source, encoding=encoding)
    else:
        raise TypeError(f"load expects a path, bytes, str or Document, not {type(source).__name__}")
    if metadata:
        meta.update(metadata)
    doc = parse(text, metadata=meta)
    check_script(doc, meta.get("source", "<text>"))
    return doc


def as_document(source: str | os.PathLike) -> Document:
    """A ``str`` or path argument of an analysis function, as a Document.

    A path (a path-like object, or a ``str`` that :func:`policytext.io.looks_like_path`
    takes for one) is loaded with :func:`load`, so ``keywords("report.txt")``
    analyses the file, and a missing file is an error rather than a one-word
    document; any other ``str`` is parsed as the text itself (an empty or blank
    one gives an empty Document).

    >>> as_document("一、要点\\n要坚持学习。").sections[0].heading
    '要点'
    >>> as_document("").sentences
    []
    """
    if isinstance(source, os.PathLike) or looks_like_path(source):
        return load(source)
    return parse(source)


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

    from .errors import TraditionalScriptWarning
    from .textnorm import han_script

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
