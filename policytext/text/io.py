"""Read documents: path or bytes in, ``str`` out.

Supported inputs
----------------
* plain text in UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK/GB2312
  and Big5 (detected with ``charset-normalizer``);
* Word ``.docx`` (paragraphs, tables, content controls and text boxes, read
  from the document's XML by :mod:`policytext.text._docx`), with a hard bound
  on the bytes inflated, whatever sizes the zip declares, so a zip bomb cannot
  exhaust memory;
* HTML (tags stripped, ``<script>``/``<style>`` dropped, entities decoded,
  block elements become paragraph breaks; HTML5 pages that omit ``</head>``
  or leave ``<title>`` open read as browsers show them). A page saved from a
  site gives its article: the main content found by text density, its title
  (the heading that matches ``<title>``), without menus, breadcrumb, print
  links and footer; :func:`read_document` also returns the page fields
  (``page_date`` …). See :mod:`policytext.text.html`.

Everything else fails with a :class:`~policytext.errors.InputError` subclass
whose message names the file and the reason.

Examples
--------
>>> from policytext.text.io import read_text
>>> read_text("党的二十大胜利召开。".encode("gb18030"))
'党的二十大胜利召开。'
>>> read_text(b"<p>\\xe7\\xac\\xac\\xe4\\xb8\\x80</p><p>\\xe7\\xac\\xac\\xe4\\xba\\x8c</p>")
'第一\\n第二'
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Union

from .._validation import Options, validate_params
from ..errors import (
    DecodingError,
    DocumentNotFoundError,
    EmptyDocumentError,
    InputError,
    UnsupportedFormatError,
)

__all__ = ["read_text", "read_document", "read_source", "PARAGRAPH_FORMATS", "Source", "MAX_DOCX_UNCOMPRESSED",
           "looks_like_path", "DOCUMENT_SUFFIXES"]

Source = Union[str, os.PathLike, bytes, bytearray, memoryview]

#: Upper bound on the total uncompressed size of a .docx archive (bytes).
MAX_DOCX_UNCOMPRESSED = 256 * 1024 * 1024
#: Upper bound on the compression ratio of any member of a .docx archive.
MAX_DOCX_RATIO = 200

_TEXT_SUFFIXES = {".txt", ".text", ".md", ".csv", ".tsv", ""}
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_KNOWN_SUFFIXES = _TEXT_SUFFIXES | _HTML_SUFFIXES | {".docx"}

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF", "a PDF file (extract its text first, e.g. with pdftotext)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Word/Excel (.doc/.xls) file (save it as .docx or .txt)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
    (b"\x7fELF", "an executable"),
    (b"MZ", "a Windows executable"),
    (b"{\\rtf", "an RTF file (save it as .docx or .txt)"),
)
_HTML_START = re.compile(rb"^\s*(<!doctype\s+html|<html|<head|<body|<meta|<p[\s>]|<div[\s>])", re.I)
_CJK_ENCODINGS = ("gb18030", "big5", "utf_8", "utf_16", "gbk", "gb2312", "big5hkscs", "hz", "cp950", "cp936")


#: Suffixes that make a one-line ``str`` a file name (see :func:`looks_like_path`): those policytext
#: reads, and those of documents it refuses with a reason (.doc, .pdf, .wps, .rtf).
DOCUMENT_SUFFIXES = frozenset((_KNOWN_SUFFIXES - {""}) | {".doc", ".pdf", ".wps", ".rtf"})
#: Sentence punctuation: a one-line ``str`` that has any is text, whatever it ends in.
_RE_SENTENCE_MARK = re.compile(r"[。！？；!?]")


def looks_like_path(s: str) -> bool:
    """Return True when a ``str`` argument should be taken as a file path.

    A string with a line break, or longer than 1024 characters, is text. A string
    is a path when it names an existing file or folder, or when it could only be
    a file name:

    * it ends in a document suffix (:data:`DOCUMENT_SUFFIXES`: .txt, .docx,
      .html, .htm, .md, .doc, .pdf …, in any case) and has no sentence
      punctuation (。！？；!?) — ``报告.txt``, ``数据/报告.docx``,
      ``关于印发《条例》的通知.PDF``;
    * or it contains a path separator, a letter or digit, and no Chinese
      character, Chinese punctuation or space (``data/notes``).

    So a mistyped or missing file is reported as a missing file
    (:class:`~policytext.errors.DocumentNotFoundError`) instead of being
    analysed as a one-word document. Anything else is text; to analyse a
    string that looks like a file name as text, pass ``policytext.parse(s)``.

    >>> looks_like_path("corpora/reference_bianban_2022.txt")
    True
    >>> looks_like_path("data/notes")
    True
    >>> looks_like_path("报告.txt"), looks_like_path("会议纪要.DOCX")
    (True, True)
    >>> looks_like_path("党的二十大胜利召开。")
    False
    >>> looks_like_path("深化改革/扩大开放")
    False
    >>> looks_like_path("请阅读报告.txt。")
    False
    """
    if "\n" in s or len(s) > 1024 or not s.strip():
        return False
    try:
        if os.path.exists(s):
            return True
    except (OSError, ValueError):
        return False
    if _has_document_suffix(s):
        return not _RE_SENTENCE_MARK.search(s)
    if re.search(r"[\u3400-\u9fff。，！？；：]", s):
        return False
    return bool(re.search(r"[/\\]", s) and re.search(r"\w", s)) and not re.search(r"\s", s)


def _has_document_suffix(s: str) -> bool:
    """Whether ``s`` (without surrounding spaces) ends in one of :data:`DOCUMENT_SUFFIXES`.

    >>> _has_document_suffix("报告.TXT"), _has_document_suffix(".txt"), _has_document_suffix("v1.0")
    (True, False, False)
    """
    name = s.strip()
    dot = name.rfind(".")
    if dot <= 0 or name[dot - 1] in "/\\":
        return False  # ".txt", "dir/.md": a hidden file's name, not a suffix
    return name[dot:].lower() in DOCUMENT_SUFFIXES


@validate_params({"source": ["path", bytes, bytearray, memoryview],
                  "format": [Options(str, {"text", "html", "docx"}), None]})
def read_text(source: Source, *, encoding: str | None = None, format: str | None = None) -> str:
    """Read a document and return its text (for a web page: its article, see :func:`read_document`).

    Parameters
    ----------
    source : str | os.PathLike | bytes
        A path to a file, or the file's bytes. (Use :func:`policytext.load` to
        pass text directly.)
    encoding : str, optional
        Force an encoding for plain-text input instead of detecting it.
    format : {"text", "html", "docx"}, optional
        Force the format instead of detecting it from the suffix and the bytes.

    Returns
    -------
    str
        The text, with ``\\n`` line breaks. Not yet normalised.

    Raises
    ------
    DocumentNotFoundError
        The path does not exist or is a directory.
    EmptyDocumentError
        The document has no text.
    UnsupportedFormatError
        Binary data, images, archives, PDF …
    DecodingError
        Bytes that no supported encoding decodes.
    DocumentTooLargeError
        A .docx whose uncompressed size exceeds :data:`MAX_DOCX_UNCOMPRESSED`.
    InvalidParameterError
        ``source`` is neither a path nor bytes, or ``format`` is unknown.
    """
    return read_document(source, encoding=encoding, format=format)[0]


@validate_params({"source": ["path", bytes, bytearray, memoryview],
                  "format": [Options(str, {"text", "html", "docx"}), None]})
def read_document(source: Source, *, encoding: str | None = None,
                  format: str | None = None) -> tuple[str, dict[str, Any]]:
    """Read a document: its text and what the file says about it besides the text.

    Like :func:`read_text`; a web page gives its article (the main content,
    without menus, breadcrumb, footer and the like; see
    :mod:`policytext.text.html`) and page fields for ``doc.metadata``:
    ``page_title``, ``site``, ``page_date``, ``page_source``, ``page_author``,
    ``page_chrome``. A Word file whose headings are marked by their style
    (``Heading 1``, ``标题 2``, an outline level, ``Title``) gives
    ``styled_headings``: ``[(line, level), …]`` (``line`` indexes the text's
    lines, ``level`` is 1 for the top, 0 for the title), which
    :func:`policytext.parse` reads as headings (see
    :mod:`policytext.text._styled_headings`). Other formats give an empty dict.

    >>> text, meta = read_document("<html><title>通知--某某中学</title><p>要加强学习。</p>".encode())
    >>> text, meta
    ('通知\\n要加强学习。', {'page_title': '通知', 'site': '某某中学'})
    """
    text, meta, _ = read_source(source, encoding=encoding, format=format)
    return text, meta


#: The formats whose lines are paragraphs (a Word paragraph, a web page's block or ``<br>``): never hard-wrapped.
PARAGRAPH_FORMATS = frozenset({"docx", "html"})


@validate_params({"source": ["path", bytes, bytearray, memoryview],
                  "format": [Options(str, {"text", "html", "docx"}), None]})
def read_source(source: Source, *, encoding: str | None = None,
                format: str | None = None) -> tuple[str, dict[str, Any], str]:
    """:func:`read_document` and the format it read: ``"text"``, ``"html"`` or ``"docx"``.

    :func:`policytext.load` asks for the format: a line of a .docx or a web page is a paragraph
    (:data:`PARAGRAPH_FORMATS`), so the text is never rejoined as if it were hard-wrapped.

    >>> read_source("<html><p>要坚持学习。</p><p>要加强学习。</p>".encode())
    ('要坚持学习。\\n要加强学习。', {}, 'html')
    """
    label: object
    meta: dict[str, Any] = {}
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        label = source
        suffix = ""
    else:
        data = _read_file(source)
        label = str(source)
        suffix = Path(source).suffix.lower()

    if not data.strip():
        raise EmptyDocumentError(label, "the file is empty" if not data else "the file contains only whitespace")

    kind = format or _sniff(data, suffix)
    if kind == "docx":
        text, meta = _read_docx(data, label)
    elif kind == "html":
        text, meta = _html_article(_decode(data, label, encoding))
    else:
        text = _decode(data, label, encoding)
        if suffix not in _HTML_SUFFIXES and _HTML_START.match(text[:512].encode("utf-8", "ignore")):
            text, meta = _html_article(text)
            kind = "html"
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    if not text.strip():
        raise EmptyDocumentError(label, "the document contains no text" if kind in ("html", "docx")
                                 else "the file contains only whitespace")
    return text, meta, kind


def _read_file(source: str | os.PathLike[str]) -> bytes:
    """The bytes of the file at ``source``; a missing file or a folder is a clear error."""
    path = Path(source)
    label = str(source)
    if not path.exists():
        raise DocumentNotFoundError(label, "no such file")
    if path.is_dir():
        raise DocumentNotFoundError(
            label, "is a directory, not a file (use policytext.Corpus.from_folder for folders)")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(label, f"cannot be read ({exc.strerror or exc})") from None


def _sniff(data: bytes, suffix: str) -> str:
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    if suffix == ".docx":
        return "docx"  # _read_docx reports that it is not a zip
    for magic, _ in _MAGIC:
        if data.startswith(magic):
            return "binary"
    if suffix in _HTML_SUFFIXES or _HTML_START.match(data[:512]):
        return "html"
    return "text"


def _binary_reason(data: bytes) -> str | None:
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return f"is {what}, not a text document"
    return None


def _decode(data: bytes, label: object, encoding: str | None) -> str:
    reason = _binary_reason(data)
    if reason:
        raise UnsupportedFormatError(label, reason)
    if encoding:
        try:
            return data.decode(encoding)
        except LookupError:
            raise DecodingError(label, f"unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as exc:
            raise DecodingError(label, f"is not valid {encoding} (byte {exc.start}: {exc.reason})") from None
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise DecodingError(
                label, f"starts with a UTF-8 BOM but is not valid UTF-8 (byte {exc.start + 3})") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise DecodingError(label, "starts with a UTF-16 BOM but is not valid UTF-16") from None
    if b"\x00" in data[:4096]:
        raise UnsupportedFormatError(label, "contains NUL bytes: a binary file, not a text document")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _detect(data, label)
    if _control_ratio(text) > 0.05:
        raise UnsupportedFormatError(label, "looks binary (too many control characters), not a text document")
    return text


def _common_share(text: str, encoding: str, lo: bytes, hi: bytes) -> float:
    """Share of the Han characters of ``text`` in the frequent-character block of ``encoding``.

    GB2312 level 1 (lead bytes B0–D7: the 3,755 most frequent simplified
    characters) and Big5 level 1 (A440–C67E: 5,401 frequent traditional
    characters) cover nearly all of a real text in the right encoding, and
    a much smaller share of the same bytes read in the wrong one.
    """
    n = hits = 0
    for ch in text:
        if "\u4e00" <= ch <= "\u9fff":
            n += 1
            try:
                b = ch.encode(encoding)
            except UnicodeEncodeError:
                continue
            if len(b) == 2 and lo <= b <= hi:
                hits += 1
    return hits / n if n else 0.0


def _gb_or_big5(data: bytes) -> str | None:
    """Decode bytes that are valid GB18030 and/or Big5, choosing by common-character share.

    Short texts fool statistical detectors (``要坚持`` in GBK was read as the
    Big5 ``猁澄厥``); a tie goes to GB18030, the mainland encoding.
    """
    decoded = {}
    for enc in ("gb18030", "big5"):
        try:
            decoded[enc] = data.decode(enc)
        except UnicodeDecodeError:
            pass
    if len(decoded) < 2:
        return next(iter(decoded.values()), None)
    gb = _common_share(decoded["gb18030"], "gb2312", b"\xb0\xa1", b"\xd7\xfe")
    big5 = _common_share(decoded["big5"], "big5", b"\xa4\x40", b"\xc6\x7e")
    return decoded["big5"] if big5 > gb else decoded["gb18030"]


def _detect(data: bytes, label: object) -> str:
    # GB18030 is a superset of GBK/GB2312 and decodes most mainland files; Big5
    # files usually fail it strictly or decode to rare characters. When both
    # decode, the share of frequent characters decides (see _gb_or_big5);
    # otherwise ask the detector to choose among the CJK encodings.
    text = _gb_or_big5(data)
    if text is None:
        text = _detector_guess(data)
    if text is not None:
        return text
    for enc in ("gb18030", "big5"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise DecodingError(
        label, "cannot be decoded as UTF-8, GB18030/GBK or Big5; pass encoding=... if you know it"
    )


def _detector_guess(data: bytes) -> str | None:
    """``data`` decoded in the CJK encoding charset-normalizer finds most likely, or None."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - declared dependency
        return None
    best = from_bytes(data, cp_isolation=list(_CJK_ENCODINGS)).best()
    if best is None:
        return None
    enc = best.encoding
    if enc in ("gbk", "gb2312", "cp936", "hz"):
        enc = "gb18030"
    try:
        return data.decode(enc)
    except (UnicodeDecodeError, LookupError):
        return None


#: Control characters other than tab and line breaks, C1 controls, and U+FFFD (a failed decoding).
_RE_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")


def _control_ratio(text: str) -> float:
    """Share of control characters (and U+FFFD) in the first 20,000 characters."""
    sample = text[:20000]
    if not sample:
        return 0.0
    return len(_RE_CONTROL.findall(sample)) / len(sample)


def _read_docx(data: bytes, label: object) -> tuple[str, dict[str, Any]]:
    """The text of a .docx (one line per paragraph, one tab-separated line per table row, automatic numbers
    as Word shows them) and its headings by style (``{"styled_headings": [(line, level), …]}``, or ``{}``).

    Read by :func:`policytext.text._docx.docx_read` under the limits of this
    module (looked up at call time, so they can be changed).
    """
    from ._docx import docx_read
    from ._styled_headings import KEY

    text, headings = docx_read(data, label, limit=MAX_DOCX_UNCOMPRESSED, ratio=MAX_DOCX_RATIO)
    return text, ({KEY: headings} if headings else {})


def _html_article(html: str) -> tuple[str, dict[str, Any]]:
    """The article text of an HTML page and its page fields (see :mod:`policytext.text.html`)."""
    from .html import extract_html

    art = extract_html(html)
    return art.text, art.metadata
