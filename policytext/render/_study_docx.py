"""Study outlines as Word documents (private to :mod:`policytext.render.study_report`, which exports
:func:`to_docx`), and how every format shows a keyword (:func:`keyword_label`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..analysis.summary import KeySentence, SectionSummary, StudySummary
from ._study_parts import (
    _FORMULATION_COLUMNS,
    _TERM_SEP,
    IMAGE_CAPTIONS,
    _depth,
    _facts,
    _formulation_cells,
    _groups,
    _parts,
    _title,
)
from ._word import add_figure, add_grid_table, new_document, numbered_list
from .wordcloud import same_words, written_form

if TYPE_CHECKING:  # pragma: no cover
    from docx.document import Document as DocxDocument

#: Size of the Word file's body text (pt).
_FONT_SIZE = 11.0


def keyword_label(k: Any) -> str:
    """A keyword as a study outline shows it: the document's own wording, then the canonical term in brackets
    when it is other words.

    The reader of a study outline reads what the document wrote (``Keyword.surface``, the form it used
    most; :func:`~policytext.render.wordcloud.written_form`, which the word cloud and the graph draw too);
    the bracket names the unit the keyword is counted under, which graphs, corpus counts and comparisons
    use. A form that differs from its term only by quotes, title marks, enumeration commas or middle dots
    (:func:`~policytext.render.wordcloud.same_words`) is shown alone, as the document wrote it.

    >>> from policytext.analysis.keyterms import Keyword
    >>> keyword_label(Keyword("习近平强军思想", 1.0, 2, "theory", (("新时代党的强军思想", 2),)))
    '新时代党的强军思想（习近平强军思想）'
    >>> keyword_label(Keyword("完整、准确、全面贯彻新发展理念", 1.0, 2, "action", (("完整准确全面贯彻新发展理念", 2),)))
    '完整准确全面贯彻新发展理念'
    >>> keyword_label(Keyword("改革", 1.0, 1))
    '改革'
    """
    form = written_form(k)
    return form if form == k.term or same_words(form, k.term) else f"{form}（{k.term}）"


def keyword_labels(keywords: Iterable[Any]) -> str:
    """Keywords' labels (:func:`keyword_label`) separated by ``；`` (terms contain ``、``)."""
    return _TERM_SEP.join(keyword_label(k) for k in keywords)


# -- Word --------------------------------------------------------------------------------

class _Writer:
    """Adds paragraphs and headings at the end of a Word document's body, each in constant time.

    python-docx's ``add_paragraph`` finds the end of the body by scanning it (quadratic over the thousands
    of paragraphs of a long outline) and resolves the style by scanning the styles every time; here the
    body's closing ``w:sectPr`` is kept at hand and each style is resolved once. The XML written is the
    same. ``add_paragraph(text, style)``, ``add_heading(text, level)`` and ``part`` are those of
    ``docx.document.Document`` (so a writer can stand for the document in
    :func:`~policytext.render._word.numbered_list`).

    >>> from policytext.render._word import new_document
    >>> d = new_document("t")
    >>> w = _Writer(d)
    >>> _ = w.add_heading("一、学习", 1), w.add_paragraph("甲", d.styles["List Bullet"]), w.add_paragraph("乙")
    >>> [(p.style.name, p.text) for p in d.paragraphs]
    [('Heading 1', '一、学习'), ('List Bullet', '甲'), ('Normal', '乙')]
    """

    def __init__(self, d: Any) -> None:
        self.document = d
        self.part = d.part
        self._body = d.element.body
        self._end = self._body.sectPr  # the body's last child: paragraphs go before it (len(body) is linear)
        self._ids: dict[Any, str | None] = {}

    def _style_id(self, style: Any) -> str | None:
        key = style if isinstance(style, str) else ("style", style.style_id)
        if key not in self._ids:
            from docx.enum.style import WD_STYLE_TYPE

            self._ids[key] = self.part.get_style_id(style, WD_STYLE_TYPE.PARAGRAPH)
        return self._ids[key]

    def add_paragraph(self, text: str = "", style: Any = None) -> Any:
        from docx.oxml import OxmlElement
        from docx.text.paragraph import Paragraph

        p = OxmlElement("w:p")
        if self._end is not None:
            self._end.addprevious(p)
        else:
            self._body.append(p)
        paragraph = Paragraph(p, self.document)
        if text:
            paragraph.add_run(text)
        if style is not None:
            p.style = self._style_id(style)
        return paragraph

    def add_heading(self, text: str = "", level: int = 1) -> Any:
        if not 0 <= level <= 9:
            raise ValueError(f"level must be in range 0-9, got {level}")
        return self.add_paragraph(text, "Title" if level == 0 else f"Heading {level}")


def _with_location(k: KeySentence) -> str:
    return k.text + (f"（{k.location}）" if k.location else "")


def _docx_head(d: Any, summary: StudySummary, parts: Mapping[str, str], bullet: Any) -> None:
    """Title, facts, the outline and the preamble."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    d.add_heading(f"{summary.title} 学习提纲", level=0).alignment = WD_ALIGN_PARAGRAPH.CENTER
    if _facts(summary):
        d.add_paragraph(" · ".join(_facts(summary))).alignment = WD_ALIGN_PARAGRAPH.CENTER
    if "outline" in parts:
        d.add_heading(parts["outline"], level=1)
        for level, _id, label, heading in summary.outline:
            p = d.add_paragraph(_title(label, heading), style=bullet)
            p.paragraph_format.left_indent = Cm(0.75 * level)
    if "preamble" in parts:
        d.add_heading(parts["preamble"], level=1)
        _docx_quotes(d, summary.preamble)


def _docx_section_body(d: Any, sec: SectionSummary, bullet: Any, number: Any) -> None:
    """One summary section's keywords, key sentences and tasks."""
    if sec.keywords:
        p = d.add_paragraph()
        p.add_run("关键词：").bold = True
        p.add_run(keyword_labels(sec.keywords))
    if sec.key_sentences:
        d.add_paragraph().add_run("重点语句：").bold = True
        numbered_list(d, number, [_with_location(k) for k in sec.key_sentences])
    if sec.tasks:
        d.add_paragraph().add_run("工作任务：").bold = True
        for t in sec.tasks:
            d.add_paragraph(t.text, style=bullet)


def _docx_quotes(d: Any, keys: Sequence[KeySentence], label: str = "") -> None:
    """Key sentences of a 导语 or 结束语 (after a bold ``label``, when given)."""
    if label and keys:
        d.add_paragraph().add_run(f"{label}：").bold = True
    for k in keys:
        d.add_paragraph(_with_location(k))


def _docx_sections(d: Any, summary: StudySummary, title: str, bullet: Any, number: Any) -> None:
    """The per-section part: a part is a level-2 heading over its sections (level 3)."""
    d.add_heading(title, level=1)
    for part, run in _groups(summary):
        if part is not None:
            d.add_heading(_title("", part.heading), level=2)
            _docx_quotes(d, part.preamble, "导语")
        for sec in run:
            if depth := _depth(summary, part, sec):
                d.add_heading(_title(sec.label, sec.heading), level=1 + depth)
            _docx_section_body(d, sec, bullet, number)
        if part is not None:
            _docx_quotes(d, part.closing, "结束语")


#: Widest narrow columns of the formulation table (em): 提法, 类别 (数字化表述 on one line), 次数;
#: 内涵 and 出处 share the rest of the page.
_FORMULATION_CAPS = (6.0, 5.0, 3.0, None, None)


def _docx_quiz(d: Any, summary: StudySummary, title: str, number: Any) -> None:
    d.add_heading(title, level=1)
    numbered_list(d, number, [q.question for q in summary.quiz])  # numbered 1…n, as the answers are
    d.add_heading("参考答案", level=2)
    numbered_list(d, number, [_TERM_SEP.join(q.answers) for q in summary.quiz])


def to_docx(summary: StudySummary, images: Mapping[str, bytes] | None = None) -> DocxDocument:
    """The study outline as a Word document, in memory (save it with ``.save(path)``).

    Real headings, numbered lists (each starting at 1: key sentences, quiz,
    answers) and bulleted lists, pictures with alt text, a table of
    formulations whose columns fit their text (its header repeated on every
    page). An A4 page; 宋体 and 黑体 with the East Asian language zh-CN in
    the styles; the outline's title as the document title, ``policytext`` as
    author (:func:`policytext.render._word.new_document`).

    Parameters
    ----------
    summary : StudySummary
    images : mapping of str to bytes, optional
        PNG pictures to include, by name, e.g. ``render_images(summary)``;
        without them the part 图示 is left out.

    Returns
    -------
    docx.document.Document

    Raises
    ------
    MissingDependencyError
        python-docx is not installed.

    Examples
    --------
    >>> import policytext as pt
    >>> d = to_docx(pt.summarize("一、学习\\n要坚持学习。", pictures=False))
    >>> [p.text for p in d.paragraphs if p.style.name == "Heading 1"][:2]
    ['一、内容提纲', '二、分部分学习要点']
    """
    doc = new_document(f"{summary.title} 学习提纲", font_size=_FONT_SIZE)
    d = _Writer(doc)  # paragraphs in constant time each (see _Writer)
    images = images or {}
    bullet, number = doc.styles["List Bullet"], doc.styles["List Number"]  # look styles up once: by name is slow
    parts = _parts(summary, images)
    _docx_head(d, summary, parts, bullet)
    if "sections" in parts:
        _docx_sections(d, summary, parts["sections"], bullet, number)
    if "closing" in parts:
        d.add_heading(parts["closing"], level=1)
        _docx_quotes(d, summary.closing)
    if "formulations" in parts:
        d.add_heading(parts["formulations"], level=1)
        rows = [_FORMULATION_COLUMNS, *_formulation_cells(summary)]
        add_grid_table(doc, rows, _FORMULATION_CAPS, font_size=_FONT_SIZE)
    if "keywords" in parts:
        d.add_heading(parts["keywords"], level=1)
        d.add_paragraph(keyword_labels(summary.keywords))
    if "images" in parts:
        d.add_heading(parts["images"], level=1)
        for name, caption in IMAGE_CAPTIONS.items():
            if name in images:
                add_figure(doc, images[name], caption, width_cm=15)
    if "quiz" in parts:
        _docx_quiz(d, summary, parts["quiz"], number)
    return doc
