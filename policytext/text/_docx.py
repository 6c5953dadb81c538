"""Read the text of a Word ``.docx`` file without trusting what the file says about itself.

:func:`docx_text` is what :func:`policytext.text.io.read_text` uses. It reads
only the main document part (found through ``_rels/.rels``, as Word does) and
never expands any other member, so pictures and a zip bomb hidden elsewhere cost
nothing.

Bounds
------
* A member is inflated in small steps by :mod:`zlib` itself, straight from its
  compressed bytes, and reading stops as soon as the inflated size passes the
  limit: the sizes the zip index *declares* are not trusted (a 2 MB file that
  declares small sizes but inflates to 2 GB is refused after reading a little
  more than the limit). The declared sizes of the members read are checked
  first all the same, so an honest bomb is refused without inflating anything.
* The XML is parsed with the standard library's expat, fed chunk by chunk as it
  is inflated, and each block of the body is dropped once its text is taken
  (the memory is that of the text, not of an XML tree): comments and processing instructions are dropped, entities
  declared in the file are expanded within expat's amplification limits (a
  "billion laughs" file is refused as corrupt) and external entities are never
  fetched.
* Tables, content controls and text boxes nest at most
  :data:`MAX_NESTING` deep.

What becomes text
-----------------
* a paragraph (``w:p``) is a line; ``w:br``/``w:cr`` (line, column or page
  break) start a new line, ``w:tab`` is a tab, a non-breaking hyphen is ``-``;
  deleted text (tracked changes), field codes and properties are not text;
* a table row is one line, its cells separated by tabs; the paragraphs (and
  breaks, and nested tables) inside a cell are joined by spaces, each text once
  however deep the nesting;
* content controls (``w:sdt``), custom XML, inserted text (``w:ins``) and smart
  tags are read through;
* of a ``mc:AlternateContent`` only the first ``mc:Choice`` is read (its
  ``mc:Fallback`` repeats the same text for older readers);
* a text box (``w:txbxContent``) gives its own lines after the paragraph that
  anchors it;
* a paragraph numbered automatically (``w:numPr``, on the paragraph or its
  style) starts with its number as Word shows it (``一、``, ``（三）``,
  ``1.2``, ``②``; see :mod:`policytext.text._docx_numbering`), followed by
  the level's suffix (a tab by default); bullets give no text.

Headings by style
-----------------
:func:`docx_read` also returns the lines that are headings by their style or
outline level (``Heading 1``, ``标题 2``, ``w:outlineLvl``; ``Title`` is level
0; see :mod:`policytext.text._docx_styles`): ``(line, level)`` for each
paragraph of the body (not in a table or text box). ``styles.xml`` and
``numbering.xml`` are read under the same limits as the main part; a corrupt
one is left out with a :class:`~policytext.errors.PolicyTextWarning` (the
text is still read).

Examples
--------
>>> import io, zipfile
>>> W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
>>> para = "<w:p><w:r><w:t>第一行</w:t><w:br/><w:t>第二行</w:t></w:r></w:p>"
>>> xml = f'<w:document {W}><w:body>{para}</w:body></w:document>'
>>> buf = io.BytesIO()
>>> with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
...     zf.writestr("word/document.xml", xml)
>>> docx_text(buf.getvalue(), "a.docx", limit=1_000_000, ratio=200)
'第一行\\n第二行'
>>> styled = '<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t>总体要求</w:t></w:r></w:p>'
>>> buf = io.BytesIO()
>>> with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
...     zf.writestr("word/document.xml", f'<w:document {W}><w:body>{para}{styled}</w:body></w:document>')
>>> docx_read(buf.getvalue(), "a.docx", limit=1_000_000, ratio=200)
('第一行\\n第二行\\n总体要求', [(2, 2)])
"""

from __future__ import annotations

import io
import posixpath
import struct
import warnings
import zipfile
import zlib
from collections.abc import Iterator
from typing import cast
from xml.etree.ElementTree import Element, ParseError, XMLParser, XMLPullParser

from ..errors import DocumentTooLargeError, PolicyTextWarning, UnsupportedFormatError
from ._docx_numbering import Numbering, W
from ._docx_styles import Styles, num_pr, outline_level

__all__ = ["docx_text", "docx_read", "MAX_NESTING"]

#: Deepest nesting of tables, text boxes and content controls read (Word's own files stay far below).
MAX_NESTING = 100
#: Inflated bytes produced per zlib call (the hard limit is checked after each) …
_STEP = 1 << 16
#: … from compressed pieces of this size (zlib copies what it has not used yet on every call).
_FEED = 1 << 14
#: The size of a zip member that is inflated before the ratio of its declared sizes is believed.
_RATIO_FLOOR = 10_000_000

_MAIN = "word/document.xml"
_REL_MAIN = "/officeDocument"  # end of the relationship type of the main part
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


class _TooDeep(Exception):
    """Internal: the nesting passed :data:`MAX_NESTING`."""


def docx_text(data: bytes, label: object, *, limit: int, ratio: int) -> str:
    """The text of the .docx file ``data``: one line per paragraph and per table row (:func:`docx_read`'s text)."""
    return docx_read(data, label, limit=limit, ratio=ratio)[0]


def docx_read(data: bytes, label: object, *, limit: int,
              ratio: int) -> tuple[str, list[tuple[int, int]]]:
    """The text of the .docx file ``data`` and its headings by style: ``(text, [(line, level), …])``.

    The text has one line per paragraph and per table row; automatic numbers
    are written as Word shows them. ``line`` indexes ``text.split("\\n")``;
    ``level`` is 1 for ``Heading 1`` (outline level 1) …, 0 for the title.

    Parameters
    ----------
    data : bytes
        The file.
    label : object
        Names the file in error messages.
    limit : int
        Most bytes inflated in all, declared or real (only ``_rels/.rels``,
        the main part, ``styles.xml`` and ``numbering.xml`` are read).
    ratio : int
        Largest declared compression ratio accepted for a member over 10 MB.

    Raises
    ------
    UnsupportedFormatError
        Not a zip, a zip without a Word document, encrypted, an unknown
        compression method, corrupt data or XML, or nesting deeper than
        :data:`MAX_NESTING`.
    DocumentTooLargeError
        More than ``limit`` bytes, declared or inflated; a suspicious ratio.
    """
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise UnsupportedFormatError(label, "is named .docx but is not a valid Word file (not a zip archive)") from None
    with zf:
        reader = _MemberReader(data, zf, label, limit, ratio)
        part = _main_part(reader)
        lines: list[str] = []
        ctx = _Context(reader, part)
        try:
            _read_body(reader, part, lines, ctx)
        except _TooDeep:
            raise UnsupportedFormatError(
                label, f"nests tables, text boxes or content controls more than {MAX_NESTING} levels deep") from None
    return "\n".join(lines), ctx.hints


def _read_body(reader: _MemberReader, part: str, lines: list[str], ctx: _Context) -> None:
    """Append the lines of the body of ``part``, streaming: each block is read and dropped once complete.

    Only the block being read is held as elements, so the memory is that of
    the text, not of the XML tree (``<w:p/>`` repeated millions of times).
    """
    parser: XMLPullParser[Element] = XMLPullParser(events=("start", "end"))
    depth = 0
    body: Element | None = None
    try:
        for piece in reader.chunks(part):
            parser.feed(piece)
            # with only "start" and "end" asked for, every event is (name, element)
            for event, el in cast("Iterator[tuple[str, Element]]", parser.read_events()):
                if event == "start":
                    depth += 1
                    if depth == 1 and _local(el.tag) != "document":
                        raise UnsupportedFormatError(reader.label, "is a corrupt Word file (its main part is "
                                                     "not a Word document)")
                    if depth == 2 and _local(el.tag) == "body":
                        body = el
                    continue
                depth -= 1
                if depth == 2 and body is not None and len(body) and body[0] is el:
                    _blocks([el], 0, lines, ctx, ctx.hints)
                    del body[0]
        parser.close()
    except ParseError as exc:
        raise UnsupportedFormatError(reader.label, f"is a corrupt Word file (ParseError: {exc})") from None
    if body is None:
        raise UnsupportedFormatError(reader.label, "is a corrupt Word file (its main part has no document body)")


class _MemberReader:
    """Inflates zip members from their compressed bytes with a hard limit on the bytes produced."""

    def __init__(self, data: bytes, zf: zipfile.ZipFile, label: object, limit: int, ratio: int) -> None:
        self.data = data
        self.label = label
        self.left = limit
        self.limit = limit
        self.ratio = ratio
        self.names = {info.filename: info for info in zf.infolist()}

    def chunks(self, name: str) -> Iterator[bytes]:
        """The inflated bytes of member ``name``, in pieces; raises once the limit is passed."""
        info = self.names[name]
        self._check_declared(info)
        if info.flag_bits & 0x1:
            raise UnsupportedFormatError(self.label, "is encrypted (password-protected): save an unprotected copy")
        start = self._data_offset(info)
        if info.compress_type == zipfile.ZIP_STORED:
            pieces: Iterator[bytes] = iter([self.data[start:start + info.compress_size]])
        elif info.compress_type == zipfile.ZIP_DEFLATED:
            pieces = self._inflate(start)
        else:
            raise UnsupportedFormatError(
                self.label, f"member {name!r} uses compression method {info.compress_type}, which Word never writes")
        crc = 0
        for piece in pieces:
            self.left -= len(piece)
            if self.left < 0:
                raise DocumentTooLargeError(self.label, f"uncompressed size exceeds the limit of {self.limit} bytes "
                                            "(more than the zip index declares)")
            crc = zlib.crc32(piece, crc)
            yield piece
        if crc != info.CRC:
            raise UnsupportedFormatError(self.label, f"is a corrupt Word file (member {name!r} fails its checksum)")

    def _check_declared(self, info: zipfile.ZipInfo) -> None:
        """Refuse a member whose declared sizes already pass the limits (cheap: nothing is inflated yet)."""
        if (info.compress_size and info.file_size / info.compress_size > self.ratio
                and info.file_size > _RATIO_FLOOR):
            raise DocumentTooLargeError(self.label, f"member {info.filename!r} expands "
                                        f"{info.file_size // info.compress_size}x: refusing a possible zip bomb")
        if info.file_size > self.left:
            raise DocumentTooLargeError(self.label, f"uncompressed size {info.file_size} bytes exceeds the limit "
                                        f"of {self.limit} bytes")

    def _data_offset(self, info: zipfile.ZipInfo) -> int:
        """Where the compressed bytes of ``info`` start (after its local header)."""
        head = self.data[info.header_offset:info.header_offset + 30]
        if len(head) < 30 or head[:4] != b"PK\x03\x04":
            raise UnsupportedFormatError(self.label, f"is a corrupt Word file (no local header for {info.filename!r})")
        name_len, extra_len = struct.unpack("<HH", head[26:30])
        return info.header_offset + 30 + name_len + extra_len

    def _inflate(self, start: int) -> Iterator[bytes]:
        """Inflate the raw deflate stream at ``start``: small pieces in, at most :data:`_STEP` bytes out per call."""
        inflater = zlib.decompressobj(-15)
        view = memoryview(self.data)
        pos, end = start, len(self.data)
        pending: bytes | memoryview = b""
        try:
            while not inflater.eof:
                if not pending:
                    if pos >= end:
                        raise UnsupportedFormatError(self.label, "is a corrupt Word file (a member is cut short)")
                    pending = view[pos:pos + _FEED]
                    pos += _FEED
                piece = inflater.decompress(pending, _STEP)
                pending = inflater.unconsumed_tail
                if piece:
                    yield piece
        except zlib.error as exc:
            raise UnsupportedFormatError(self.label, f"is a corrupt Word file (zlib: {exc})") from None

    def parse(self, name: str) -> Element:
        """Member ``name`` parsed as XML while it is inflated (comments and processing instructions dropped)."""
        parser = XMLParser()
        try:
            for piece in self.chunks(name):
                parser.feed(piece)
            return parser.close()
        except ParseError as exc:
            raise UnsupportedFormatError(self.label, f"is a corrupt Word file (ParseError: {exc})") from None


def _main_part(reader: _MemberReader) -> str:
    """The name of the main document part: the officeDocument target of ``_rels/.rels``, else word/document.xml."""
    if "_rels/.rels" in reader.names:
        for rel in reader.parse("_rels/.rels").iter(_RELS):
            if rel.get("Type", "").endswith(_REL_MAIN) and rel.get("TargetMode") != "External":
                target = posixpath.normpath(rel.get("Target", "").lstrip("/"))
                if target in reader.names:
                    return target
    if _MAIN in reader.names:
        return _MAIN
    raise UnsupportedFormatError(reader.label, "is a zip archive but not a Word .docx document")


_PPR = f"{W}pPr"
_TOO_DEEP = "/".join(["*"] * MAX_NESTING)  # an element nested deeper than MAX_NESTING
_PSTYLE = f"{W}pStyle"
_VAL = f"{W}val"


class _Context:
    """The document's styles and numbering, and the heading lines found.

    ``styles.xml`` is read at the first paragraph that names a style, ``numbering.xml`` at the first numbered
    one: a document without either (all direct formatting) costs nothing more. (The default paragraph style is
    therefore not looked up: a paragraph without ``w:pStyle`` is neither a heading nor numbered by its style.)
    """

    __slots__ = ("reader", "folder", "_styles", "_numbering", "hints")

    def __init__(self, reader: _MemberReader, part: str) -> None:
        self.reader = reader
        self.folder = posixpath.dirname(part)
        self._styles: Styles | None = None
        self._numbering: Numbering | None | bool = False  # False: not read yet
        self.hints: list[tuple[int, int]] = []

    def styles(self) -> Styles:
        if self._styles is None:
            self._styles = Styles(_optional_part(self.reader, posixpath.join(self.folder, "styles.xml")))
        return self._styles

    def numbering(self) -> Numbering | None:
        if self._numbering is False:
            root = _optional_part(self.reader, posixpath.join(self.folder, "numbering.xml"))
            self._numbering = Numbering(root, self.styles().num_of) if root is not None else None
        return cast("Numbering | None", self._numbering)

    def paragraph(self, p: Element) -> tuple[str, int | None]:
        """``(number text, heading level)`` of paragraph ``p`` (``""`` / None when it has none)."""
        ppr = p[0] if len(p) and p[0].tag == _PPR else None
        if ppr is None:
            return "", None
        style_el = ppr.find(_PSTYLE)
        sid = style_el.get(_VAL) if style_el is not None else None
        styles = self.styles() if sid is not None else None
        level = outline_level(ppr)
        if level is None:
            level = styles.level(sid) if styles is not None else None
        elif level < 0:
            level = None
        own = num_pr(ppr)
        inherited = styles.numbering(sid) if styles is not None and (own is None or None in own) else None
        num_id = own[0] if own is not None and own[0] is not None else inherited[0] if inherited else None
        if not num_id or num_id == "0":
            return "", level
        numbering = self.numbering()
        if numbering is None:
            return "", level
        ilvl = own[1] if own is not None and own[1] is not None else \
            inherited[1] if inherited and inherited[1] is not None else \
            numbering.level_of_style(num_id, sid) if sid else 0
        return numbering.label(num_id, ilvl), level


def _optional_part(reader: _MemberReader, name: str) -> Element | None:
    """Member ``name`` parsed (None when absent); a corrupt one is left out with a warning.

    Its bytes count against the reader's limit (passing it raises), and its XML nests at most :data:`MAX_NESTING`
    deep.
    """
    if name not in reader.names:
        return None
    try:
        root = reader.parse(name)
        if root.find(_TOO_DEEP) is not None:  # (expat and the tree builder do not recurse: checked once built)
            raise _TooDeep
    except (ParseError, UnsupportedFormatError, _TooDeep) as exc:
        reason = getattr(exc, "reason", None) or (f"nests more than {MAX_NESTING} levels deep"
                                                  if isinstance(exc, _TooDeep) else f"ParseError: {exc}")
        message = str(UnsupportedFormatError(reader.label, f"its {name} is unreadable ({reason}); automatic numbering "
                                             "and heading styles from it are left out, the text is read"))
        warnings.warn(message, PolicyTextWarning, stacklevel=2)
        return None
    return root


def _local(tag: object) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


#: Block-level containers read through as if their children stood in their place.
_BLOCK_THROUGH = frozenset({"sdt", "sdtContent", "customXml", "ins", "moveTo"})
#: Elements whose text is not document text: deletions, field codes, properties.
_NOT_TEXT = frozenset({"del", "moveFrom", "pPr", "rPr", "sectPr", "tblPr", "trPr", "tcPr", "sdtPr", "sdtEndPr",
                       "instrText", "delText", "delInstrText", "fldData", "Fallback"})


def _chosen(alternate: Element) -> list[Element]:
    """The children of the first ``mc:Choice`` of an ``mc:AlternateContent`` (else of its ``mc:Fallback``)."""
    for tag in (f"{_MC}Choice", f"{_MC}Fallback"):
        branch = alternate.find(tag)
        if branch is not None:
            return list(branch)
    return []


def _blocks(container: Element | list[Element], depth: int, lines: list[str], ctx: _Context,
            hints: list[tuple[int, int]] | None) -> None:
    """Append the lines of the block-level children of ``container`` (body, cell, text box …).

    ``hints`` (the body's, None inside tables and text boxes) gets the heading lines by style.
    """
    if depth > MAX_NESTING:
        raise _TooDeep
    for child in container:
        local = _local(child.tag)
        if local == "p":
            text, boxes = _paragraph(child)
            prefix, level = ctx.paragraph(child)
            if prefix and text.strip():
                text = prefix + text
            if level is not None and hints is not None:
                _hint(text, level, len(lines), hints)
            lines.extend(text.split("\n"))
            for box in boxes:
                _blocks(box, depth + 1, lines, ctx, None)
        elif local == "tbl":
            _table(child, depth, lines, ctx)
        elif local == "AlternateContent":
            _blocks(_chosen(child), depth + 1, lines, ctx, hints)
        elif local in _BLOCK_THROUGH:
            _blocks(child, depth + 1, lines, ctx, hints)


def _hint(text: str, level: int, first: int, hints: list[tuple[int, int]]) -> None:
    """Record the heading lines of a paragraph of ``text`` that starts at line ``first``.

    A title broken over lines (``w:br``) is every one of them; a heading is its first non-blank line.
    """
    for k, line in enumerate(text.split("\n")):
        if line.strip():
            hints.append((first + k, level))
            if level:
                return


def _table(tbl: Element, depth: int, lines: list[str], ctx: _Context) -> None:
    """One line per row, cells joined by tabs; everything inside a cell on that line."""
    for row in _children(tbl, "tr"):
        cells = []
        for cell in _children(row, "tc"):
            inner: list[str] = []
            _blocks(cell, depth + 1, inner, ctx, None)
            cells.append(" ".join(x for x in (" ".join(line.split()) for line in inner) if x))
        lines.append("\t".join(cells))


def _children(parent: Element, local: str) -> Iterator[Element]:
    """The children named ``local`` of ``parent``, also inside content controls and custom XML."""
    stack = [iter(parent)]
    while stack:
        for child in stack[-1]:
            name = _local(child.tag)
            if name == local:
                yield child
            elif name in ("sdt", "sdtContent", "customXml"):
                stack.append(iter(child))
                break
            elif name == "AlternateContent":
                stack.append(iter(_chosen(child)))
                break
        else:
            stack.pop()


def _paragraph(p: Element) -> tuple[str, list[Element]]:
    """The text of a paragraph, and the text boxes anchored in it (read after it)."""
    parts: list[str] = []
    boxes: list[Element] = []
    stack = [iter(p)]
    while stack:
        for el in stack[-1]:
            local = _local(el.tag)
            if local == "t":
                parts.append(el.text or "")
            elif local == "tab":
                parts.append("\t")
            elif local in ("br", "cr"):
                parts.append("\n")
            elif local == "noBreakHyphen":
                parts.append("-")
            elif local == "txbxContent":
                boxes.append(el)
            elif local == "AlternateContent":
                stack.append(iter(_chosen(el)))
                break
            elif local not in _NOT_TEXT and len(el):
                stack.append(iter(el))
                break
        else:
            stack.pop()
    return "".join(parts), boxes
