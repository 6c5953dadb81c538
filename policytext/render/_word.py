"""Word documents (python-docx) set up for Chinese text, shared by the study and comparison reports.

python-docx's default template is a US Letter page whose styles tag East
Asian text as ``en-US`` (LibreOffice then draws Chinese characters with
Japanese glyph forms), whose headings take the theme's fonts whatever font
is named beside them, and whose metadata name python-docx as author, with a
thumbnail of an empty page. :func:`new_document` makes instead an A4 page
(2.54 cm top and bottom, 2.5 cm left and right), styles in 宋体 (body) and
黑体 (titles, headings) with theme fonts removed and ``w:lang
w:eastAsia="zh-CN"``, the report's title as title and ``policytext`` as
author, and no thumbnail.

The other helpers: :func:`numbered_list` (a list numbered from 1, whatever
lists came before), :func:`add_picture` (with alt text) and
:func:`add_figure` (with a caption below), :func:`fit_columns` (column widths
that fit the cells' text, a header row repeated on every page) and
:func:`add_grid_table` (a table of texts with such columns), and
:func:`xml_text` (characters XML cannot hold dropped).

Examples
--------
>>> d = new_document("学习提纲")
>>> round(d.sections[0].page_width.mm), round(d.sections[0].page_height.mm)
(210, 297)
>>> d.core_properties.title, d.core_properties.author
('学习提纲', 'policytext')
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from typing import Any

__all__ = [
    "AUTHOR",
    "LANGUAGE",
    "add_figure",
    "add_grid_table",
    "add_picture",
    "display_width",
    "text_width_cm",
    "column_widths",
    "fit_columns",
    "new_document",
    "numbered_list",
    "xml_text",
]

#: ``w:eastAsia`` language of the styles and the documents' language.
LANGUAGE = "zh-CN"
#: Author and last editor in the core properties.
AUTHOR = "policytext"
#: Page size (mm) and margins (cm: top, right, bottom, left).
_PAGE_MM = (210, 297)
_MARGINS_CM = (2.54, 2.5, 2.54, 2.5)
#: Styles in the body font (宋体); the others named here are in the heading font (黑体).
_BODY_STYLES = ("Normal", "List Bullet", "List Number")
_HEADING_STYLES = ("Title", "Heading 1", "Heading 2", "Heading 3")
_FONTS = {"body": ("SimSun", "宋体"), "heading": ("SimHei", "黑体")}
#: Theme-font attributes win over named fonts in Word: they are removed where a font is named.
_THEME_ATTRIBUTES = ("asciiTheme", "eastAsiaTheme", "hAnsiTheme", "cstheme")
#: Elements that follow ``w:lang`` in ``w:rPr`` (schema order).
_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")
#: Left plus right cell margin of the "Table Grid" style (twips).
_CELL_PADDING_TWIPS = 2 * 108
#: Width of a narrow (Latin) character in em (:func:`display_width`).
_NARROW = 0.6
#: Longest core property python-docx writes.
_MAX_PROPERTY = 255
#: Characters XML 1.0 cannot hold (python-docx refuses them).
_RE_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold.

    >>> xml_text("a\\x01b\\x0bc")
    'abc'
    """
    return _RE_NOT_XML.sub("", text)


def _docx() -> Any:
    try:
        import docx
    except ImportError:  # pragma: no cover - declared dependency
        from ..errors import MissingDependencyError

        raise MissingDependencyError("python-docx", "Writing .docx files") from None
    return docx


def new_document(title: str, *, font_size: float = 11.0) -> Any:
    """An empty Word document: A4, Chinese fonts and language in the styles, ``title`` as title.

    Parameters
    ----------
    title : str
        The core-properties title (cut to 255 characters; characters XML
        cannot hold dropped).
    font_size : float
        Size of the ``Normal`` style in points.

    Returns
    -------
    docx.document.Document

    Raises
    ------
    MissingDependencyError
        python-docx is not installed.
    """
    d = _docx().Document()
    _a4(d)
    _chinese_styles(d, font_size)
    _metadata(d, title)
    return d


def _a4(d: Any) -> None:
    from docx.shared import Cm, Mm

    for section in d.sections:
        section.page_width, section.page_height = Mm(_PAGE_MM[0]), Mm(_PAGE_MM[1])
        top, right, bottom, left = (Cm(x) for x in _MARGINS_CM)
        section.top_margin, section.right_margin, section.bottom_margin, section.left_margin = top, right, bottom, left


def _set_east_asian_language(rpr: Any) -> None:
    """``<w:lang w:eastAsia="zh-CN"/>`` in ``rpr`` (other attributes of an existing ``w:lang`` kept)."""
    from docx.oxml.ns import qn

    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = rpr.makeelement(qn("w:lang"), {})
        rpr.insert_element_before(lang, *_AFTER_LANG)
    lang.set(qn("w:eastAsia"), LANGUAGE)


def _chinese_styles(d: Any, font_size: float) -> None:
    """宋体 for body text, 黑体 for titles and headings (Latin and East Asian), zh-CN East Asian text."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    for name in (*_BODY_STYLES, *_HEADING_STYLES):
        latin, east_asian = _FONTS["body" if name in _BODY_STYLES else "heading"]
        rpr = d.styles[name].element.get_or_add_rPr()
        fonts = rpr.get_or_add_rFonts()
        for attribute in _THEME_ATTRIBUTES:
            fonts.attrib.pop(qn(f"w:{attribute}"), None)
        fonts.set(qn("w:ascii"), latin)
        fonts.set(qn("w:hAnsi"), latin)
        fonts.set(qn("w:eastAsia"), east_asian)
        _set_east_asian_language(rpr)
    defaults = d.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if defaults is not None:
        _set_east_asian_language(defaults)
    d.styles["Normal"].font.size = Pt(font_size)


def _metadata(d: Any, title: str) -> None:
    """Title, author and dates in the core properties; no thumbnail (the template's shows an empty page)."""
    import datetime as dt

    props = d.core_properties
    props.title = xml_text(title)[:_MAX_PROPERTY]
    props.author = props.last_modified_by = AUTHOR
    props.comments = ""
    props.language = LANGUAGE
    props.revision = 1
    props.created = props.modified = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    rels = d.part.package.rels
    for r_id in [k for k, rel in rels.items() if rel.reltype.endswith("/metadata/thumbnail")]:
        rels.pop(r_id)


def numbered_list(d: Any, style: Any, texts: Sequence[str]) -> list[Any]:
    """Paragraphs in the numbered-list ``style`` (``List Number``), numbered from 1.

    Every paragraph of that style shares one numbering in Word, so that a
    second list would go on from the first (a quiz at 11. while its answers
    say 1.): each list gets its own numbering instance (``w:num``) that
    restarts at 1, referenced by the paragraphs' ``w:numPr``.

    >>> d = new_document("t")
    >>> ps = numbered_list(d, d.styles["List Number"], ["甲", "乙"])
    >>> [p.text for p in ps], ps[0]._p.pPr.numPr.numId.val == ps[1]._p.pPr.numPr.numId.val
    (['甲', '乙'], True)
    """
    paragraphs = [d.add_paragraph(xml_text(text), style=style) for text in texts]
    try:
        numbering = d.part.numbering_part.element
        abstract = numbering.num_having_numId(style.element.pPr.numPr.numId.val).abstractNumId.val
        num = numbering.add_num(abstract)
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        for p in paragraphs:
            num_pr = p._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = 0
            num_pr.get_or_add_numId().val = num.numId
    except (AttributeError, KeyError):  # pragma: no cover - a template without list numbering
        pass
    return paragraphs


def text_width_cm(d: Any) -> float:
    """Width of the text area of the last section, in centimetres.

    >>> text_width_cm(new_document("t"))
    16.0
    """
    section = d.sections[-1]
    return round((section.page_width - section.left_margin - section.right_margin) / 360_000, 2)


def add_picture(d: Any, png: bytes, *, descr: str, width_cm: float = 15.0) -> Any:
    """A picture in its own paragraph, ``width_cm`` wide (at most the text width), with alt text ``descr``.

    The alt text goes where Word and LibreOffice read it: the ``descr`` of
    the drawing's ``wp:docPr`` (and of the picture's ``pic:cNvPr``).
    """
    import io

    from docx.oxml.ns import qn
    from docx.shared import Cm

    shape = d.add_picture(io.BytesIO(png), width=Cm(min(width_cm, text_width_cm(d))))
    inline = shape._inline
    descr = xml_text(descr)
    inline.docPr.set("descr", descr)
    for c_nv_pr in inline.iter(qn("pic:cNvPr")):
        c_nv_pr.set("descr", descr)
    return shape


def add_figure(d: Any, png: bytes, caption: str, *, width_cm: float = 15.0) -> Any:
    """A picture (:func:`add_picture`, alt text ``caption``) and its caption centred below it.

    >>> import io
    >>> from PIL import Image
    >>> buf = io.BytesIO()
    >>> Image.new("RGB", (4, 4), "white").save(buf, format="PNG")
    >>> d = new_document("t")
    >>> _ = add_figure(d, buf.getvalue(), "词云")
    >>> len(d.inline_shapes), d.paragraphs[-1].text, d.paragraphs[-1].alignment.name
    (1, '词云', 'CENTER')
    """
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    shape = add_picture(d, png, descr=caption, width_cm=width_cm)
    d.add_paragraph(xml_text(caption)).alignment = WD_ALIGN_PARAGRAPH.CENTER
    return shape


# -- tables whose columns fit their content -----------------------------------------------------

def display_width(text: str) -> float:
    """Width of ``text`` in em: a wide (CJK, full-width, ambiguous) character 1, a narrow one 0.6
    (½ in 宋体, more in the Latin fonts a reader may have instead).

    >>> display_width("提法"), display_width("G² 12.5"), display_width("“三定”")
    (2.0, 4.2, 4.0)
    """
    return sum(_NARROW if ch < "\u1100" or unicodedata.east_asian_width(ch) in ("Na", "H") else 1.0 for ch in text)


def _lines(width: float, room: float) -> int:
    return max(1, math.ceil(width / room - 1e-9)) if room > 0 else 10**6


def _table_lines(sizes: Sequence[Sequence[float]], rooms: Sequence[float]) -> int:
    """Lines of a table: the tallest cell of every row, added up."""
    return sum(max(_lines(w, room) for w, room in zip(row, rooms)) for row in sizes)


def _split(sizes: Sequence[Sequence[float]], widths: list[float], flexible: Sequence[int], rest: float,
           pad: float, step: float = 0.5) -> None:
    """Share ``rest`` em among the ``flexible`` columns (in place) so that the table has the fewest lines.

    One column takes it all; two are tried at every ``step``; more share it
    in proportion to their text."""
    if len(flexible) == 1:
        widths[flexible[0]] = rest
        return
    if len(flexible) > 2:
        totals = [sum(row[i] for row in sizes) + 1.0 for i in flexible]
        for i, total in zip(flexible, totals):
            widths[i] = rest * total / sum(totals)
        return
    i, j = flexible
    low = min(rest / 2, 2.0 + pad)
    best: tuple[int, float, float] | None = None
    x = low
    while x <= rest - low + 1e-9:
        widths[i], widths[j] = x, rest - x
        rooms = [w - pad for w in widths]
        key = (_table_lines(sizes, rooms), abs(x - rest / 2), x)  # fewest lines, then the most even split
        best = key if best is None or key < best else best
        x += step
    widths[i] = best[2] if best else rest / 2
    widths[j] = rest - widths[i]


def column_widths(rows: Sequence[Sequence[str]], caps: Sequence[float | None], total: float,
                  pad: float = 1.0) -> list[float]:
    """Widths (em, cell padding included) of a table's columns that fit their text within ``total`` em.

    Parameters
    ----------
    rows : sequence of sequences of str
        The cells' text, row by row (the header row too).
    caps : sequence of float or None
        Per column: a number makes a narrow column, as wide as its widest
        cell but at most that many em (longer cells wrap); ``None`` makes a
        text column: the text columns share the rest of ``total``, split so
        that the table has the fewest lines (the tallest cell of every row).
    total : float
        Width available (em).
    pad : float
        Left plus right padding of a cell (em).

    Returns
    -------
    list of float
        Narrow columns are scaled down together when they alone would
        leave a text column less than 3 em.

    Examples
    --------
    >>> rows = [("提法", "次数", "出处"), ("两个确立", "1", "……进一步深刻领悟“两个确立”的决定性意义……")]
    >>> column_widths(rows, (8, 4, None), 30)
    [5.25, 3.25, 21.5]
    """
    sizes = [[display_width(cell) for cell in row] for row in rows]
    natural = [max((row[i] for row in sizes), default=0.0) for i in range(len(caps))]
    widths = [min(natural[i], cap) + pad + 0.25 if cap is not None else 0.0 for i, cap in enumerate(caps)]
    flexible = [i for i, cap in enumerate(caps) if cap is None]
    narrow = sum(widths)
    need = len(flexible) * (3.0 + pad)
    if narrow + need > total and narrow > 0:
        scale = max(total - need, 0.0) / narrow
        widths = [w * scale for w in widths]
    if flexible:
        _split(sizes, widths, flexible, max(total - sum(widths), 0.0), pad)
    return widths


def fit_columns(d: Any, table: Any, rows: Sequence[Sequence[str]], caps: Sequence[float | None],
                *, font_size: float) -> list[float]:
    """Give ``table`` fixed column widths that fit ``rows`` (:func:`column_widths`) across the text
    width of ``d``, and repeat its first row on every page. Returns the widths in centimetres.

    The widths go where Word reads them (every cell's ``w:tcW``) and where
    LibreOffice does (``w:gridCol``), with a fixed layout and the table's
    ``w:tblW`` their sum.
    """
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Twips

    twips_per_em = 20 * font_size
    total = text_width_cm(d) / 2.54 * 1440 / twips_per_em
    widths = [round(w * twips_per_em) for w in column_widths(rows, caps, total, _CELL_PADDING_TWIPS / twips_per_em)]
    table.autofit = False
    tbl = table._tbl
    for col, w in zip(tbl.tblGrid.gridCol_lst, widths):
        col.w = Twips(w)
    for tr in tbl.tr_lst:
        for tc, w in zip(tr.tc_lst, widths):
            tc.width = Twips(w)
    tbl_w = tbl.tblPr.find(qn("w:tblW"))
    if tbl_w is not None:
        tbl_w.set(qn("w:type"), "dxa")
        tbl_w.set(qn("w:w"), str(sum(widths)))
    if tbl.tr_lst:
        tbl.tr_lst[0].get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    return [round(w / 1440 * 2.54, 2) for w in widths]


def add_grid_table(d: Any, rows: Sequence[Sequence[str]], caps: Sequence[float | None], *,
                   font_size: float) -> Any:
    """A ``Table Grid`` table of ``rows`` (the first is the header, repeated on every page) whose
    columns fit their text (:func:`fit_columns`); returns the table.

    >>> d = new_document("t")
    >>> t = add_grid_table(d, [("提法", "次数"), ("两个确立", "1")], (8, 4), font_size=11)
    >>> [c.text for c in t.rows[1].cells], t.style.name
    (['两个确立', '1'], 'Table Grid')
    """
    table = d.add_table(rows=len(rows), cols=len(caps))
    table.style = "Table Grid"
    for row, texts in zip(table.rows, rows):
        for cell, text in zip(row.cells, texts):
            cell.text = xml_text(text)
    fit_columns(d, table, rows, caps, font_size=font_size)
    return table
