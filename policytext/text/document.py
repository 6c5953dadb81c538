"""The parsed document: sections → paragraphs → sentences, with exact spans.

Objects here are produced by :func:`policytext.parse` / :func:`policytext.load`;
analyses read them and never re-split text. Every span is a ``(start, end)``
pair of character offsets into :attr:`Document.text`, so
``doc.text[s.start:s.end] == s.text`` always holds.

Examples
--------
>>> import policytext as pt
>>> doc = pt.parse("一、总体要求\\n要坚持党的全面领导。形势很好。\\n二、主要任务\\n必须深化改革。")
>>> [s.heading for s in doc.sections]
['总体要求', '主要任务']
>>> [(s.text, s.section_id) for s in doc.tasks()]
[('要坚持党的全面领导。', '1'), ('必须深化改革。', '2')]
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import FrozenInstanceError, dataclass, field
from typing import Any

__all__ = ["Document", "Section", "Paragraph", "Sentence", "Clause"]


@dataclass(frozen=True)
class Clause:
    """A clause of a sentence, split on ``；``."""

    text: str
    start: int
    end: int


class _Span:
    """Base of :class:`Sentence` and :class:`Paragraph`: immutable, slotted, its text read from the document.

    A parsed document's sentences and paragraphs keep no copy of their text:
    they hold the document text (one shared string) and slice it when
    :attr:`text` is read, so a document holds its text once instead of three
    times (text, paragraphs, sentences). Built directly (``Sentence("要学习。",
    0, 5, …)``) they keep the text given.
    """

    __slots__ = ("_src", "_base", "start", "end")
    _src: str
    _base: int
    start: int
    end: int

    @property
    def text(self) -> str:
        """The text, ``Document.text[start:end]``."""
        return self._src[self.start - self._base:self.end - self._base]

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def _slots(self) -> tuple[str, ...]:
        return tuple(n for c in reversed(type(self).__mro__) for n in getattr(c, "__slots__", ()))

    def __getstate__(self) -> tuple[object, ...]:
        return tuple(getattr(self, n) for n in self._slots())

    def __setstate__(self, state: tuple[object, ...]) -> None:
        for name, value in zip(self._slots(), state):
            object.__setattr__(self, name, value)


class Sentence(_Span):
    """One sentence of a document's body.

    Attributes
    ----------
    text : str
        The sentence, ending punctuation included.
    start, end : int
        Span in :attr:`Document.text`.
    index : int
        Position among all sentences of the document (0-based).
    paragraph : int
        Index of the paragraph that holds it.
    section_path : tuple[int, ...]
        Ordinals of the enclosing sections from the top level down; ``()`` for
        the preamble. ``(2, 3)`` is the third subsection of the second section.
    task : str | None
        The directive marker that makes this a task sentence (``"要"``,
        ``"必须"``, ``"lead:推进"`` …) or ``None``. See
        :func:`policytext.text.tasks.task_marker`.
    section : Section | None
        The innermost enclosing section (None in the preamble).

    Sentences are immutable; equality is identity.

    >>> s = Sentence("要学习。", 10, 14, 0, 0, (1,), "要")
    >>> s.text, s.section_id, s.is_task
    ('要学习。', '1', True)
    """

    __slots__ = ("index", "paragraph", "section_path", "task", "section")
    index: int
    paragraph: int
    section_path: tuple[int, ...]
    task: str | None
    section: Section | None

    def __init__(self, text: str, start: int, end: int, index: int, paragraph: int,
                 section_path: tuple[int, ...], task: str | None = None, section: Section | None = None,
                 *, _base: int | None = None) -> None:
        # ``_base`` (internal): ``text`` is the whole document text and starts at offset ``_base``
        _fill_sentence(self, text, start if _base is None else _base, start, end, index, paragraph, section_path, task,
                       section)

    def __repr__(self) -> str:
        return (f"Sentence(text={self.text!r}, start={self.start!r}, end={self.end!r}, index={self.index!r}, "
                f"paragraph={self.paragraph!r}, section_path={self.section_path!r}, task={self.task!r})")

    @property
    def section_id(self) -> str:
        """Dotted id of the enclosing section (``"2.3"``), ``""`` in the preamble."""
        return ".".join(map(str, self.section_path))

    @property
    def is_task(self) -> bool:
        """True for directive (task) sentences."""
        return self.task is not None

    @property
    def clauses(self) -> list[Clause]:
        """The sentence split on ``；`` (semicolons), with spans."""
        out: list[Clause] = []
        pos = 0
        text = self.text
        while pos < len(text):
            cut = text.find("；", pos)
            stop = len(text) if cut < 0 else cut + 1
            piece = text[pos:stop]
            if piece.strip("；"):
                out.append(Clause(piece, self.start + pos, self.start + stop))
            pos = stop
        return out


class Paragraph(_Span):
    """One line of the normalised text. Heading lines have ``heading=True``.

    Attributes
    ----------
    text : str
        The line.
    start, end : int
        Span in :attr:`Document.text`.
    index : int
        Position among all paragraphs (0-based).
    section_path : tuple[int, ...]
        Ordinals of the enclosing sections (see :attr:`Sentence.section_path`).
    heading : bool
        True for a heading line.

    >>> Paragraph("一、要点", 0, 4, 0, (1,), heading=True)
    Paragraph(text='一、要点', start=0, end=4, index=0, section_path=(1,), heading=True)
    """

    __slots__ = ("index", "section_path", "heading")
    index: int
    section_path: tuple[int, ...]
    heading: bool

    def __init__(self, text: str, start: int, end: int, index: int, section_path: tuple[int, ...],
                 heading: bool = False, *, _base: int | None = None) -> None:
        _fill_paragraph(self, text, start if _base is None else _base, start, end, index, section_path, heading)

    def __repr__(self) -> str:
        return (f"Paragraph(text={self.text!r}, start={self.start!r}, end={self.end!r}, index={self.index!r}, "
                f"section_path={self.section_path!r}, heading={self.heading!r})")


# Building sentences and paragraphs fast (a parse makes one per sentence and line): the slots' own setters,
# not ``object.__setattr__`` by name, which looks the name up each time (half the cost of a sentence).
_SRC, _BASE, _START, _END = (_Span.__dict__[n].__set__ for n in _Span.__slots__)
_S_INDEX, _S_PARAGRAPH, _S_PATH, _S_TASK, _S_SECTION = (Sentence.__dict__[n].__set__ for n in Sentence.__slots__)
_P_INDEX, _P_PATH, _P_HEADING = (Paragraph.__dict__[n].__set__ for n in Paragraph.__slots__)
_new = object.__new__


def _fill_sentence(s: Sentence, src: str, base: int, start: int, end: int, index: int, paragraph: int,
                   section_path: tuple[int, ...], task: str | None, section: Section | None) -> None:
    _SRC(s, src)
    _BASE(s, base)
    _START(s, start)
    _END(s, end)
    _S_INDEX(s, index)
    _S_PARAGRAPH(s, paragraph)
    _S_PATH(s, section_path)
    _S_TASK(s, task)
    _S_SECTION(s, section)


def _fill_paragraph(p: Paragraph, src: str, base: int, start: int, end: int, index: int,
                    section_path: tuple[int, ...], heading: bool) -> None:
    _SRC(p, src)
    _BASE(p, base)
    _START(p, start)
    _END(p, end)
    _P_INDEX(p, index)
    _P_PATH(p, section_path)
    _P_HEADING(p, heading)


def new_sentence(src: str, start: int, end: int, index: int, paragraph: int, section_path: tuple[int, ...],
                 task: str | None, section: Section | None) -> Sentence:
    """``Sentence(src, start, end, …, _base=0)``, faster (for the parser: ``src`` is the whole document text).

    >>> s = new_sentence("甲。乙。", 2, 4, 1, 0, (1,), None, None)
    >>> s.text, s.__getstate__() == Sentence("甲。乙。", 2, 4, 1, 0, (1,), _base=0).__getstate__()
    ('乙。', True)
    >>> s.__getstate__()[1:]
    (0, 2, 4, 1, 0, (1,), None, None)
    """
    s = _new(Sentence)
    _SRC(s, src)  # (as in _fill_sentence: one call less per sentence)
    _BASE(s, 0)
    _START(s, start)
    _END(s, end)
    _S_INDEX(s, index)
    _S_PARAGRAPH(s, paragraph)
    _S_PATH(s, section_path)
    _S_TASK(s, task)
    _S_SECTION(s, section)
    return s


def new_paragraph(src: str, start: int, end: int, index: int, section_path: tuple[int, ...],
                  heading: bool) -> Paragraph:
    """``Paragraph(src, start, end, …, _base=0)``, faster (for the parser: ``src`` is the whole document text).

    >>> new_paragraph("甲。一、乙", 2, 5, 1, (1,), True)
    Paragraph(text='一、乙', start=2, end=5, index=1, section_path=(1,), heading=True)
    """
    p = _new(Paragraph)
    _fill_paragraph(p, src, 0, start, end, index, section_path, heading)
    return p


@dataclass(eq=False)
class Section:
    """A numbered section (一、 （一） 1. （1） 第X部分 第X条 …).

    Attributes
    ----------
    heading : str
        Heading text without the number (``"着力抓好…"``, not ``"一、着力抓好…"``).
    label : str
        The number as written (``"一"``, ``"3"``).
    marker : str
        The numbering style: ``"part"`` (第X部分/章), ``"cn"`` (一、),
        ``"cn_paren"`` (（一）), ``"num"`` (1.), ``"num_paren"`` (（1）),
        ``"article"`` (第X条), ``"bullet"`` (■资助条件: a filled bullet heading
        inside a section or part; ``label`` is the bullet), ``"style"`` (a
        heading a Word file marks by its style, ``Heading 2``/``标题 2``,
        without a number; ``label`` is ``""``).
    ordinal : int
        The number as an integer.
    level : int
        Depth in the tree, 1 for top level.
    path : tuple[int, ...]
        Ordinals from the top level down (position among siblings, 1-based).
    start, end : int
        Span of the whole section (heading included) in :attr:`Document.text`.
    heading_span : tuple[int, int]
        Span of the heading text.
    inline : bool
        True when the heading is the first sentence of a paragraph
        (``（1）标题。正文…``).
    kind : str
        ``"section"`` (a chapter or subsection), ``"part"`` (a part of the
        page: ``第X部分/章``, or a unit the parser found, see below) or
        ``"item"`` (an item of an enumerated list of one-line items:
        ``一、坚定政治方向。坚持…`` ``二、…``).

    Parts
    -----
    A page that holds several units, each numbered from ``一、`` (several
    people's reports, a notice and its ``附件``, several plans), is parsed
    into **parts as top-level sections**: each part is a section of kind
    ``"part"`` (marker ``"part"``) whose children are the unit's sections, so
    ``doc.sections`` are the parts, ids are ``"2.1"`` for the first section
    of the second part, and :meth:`Document.outline` lists the parts at level
    1. A part's heading is the line(s) that introduce it (``附件1：…``, a title
    and a name, joined by a line break as in the text), or ``""`` when the
    numbering restarts without one; its ``label`` is ``附件1`` for an
    attachment, else ``""``. The sections before the first such unit make
    part 1. A clean document (one run of numbering) has no parts and parses
    as before.
    """

    heading: str
    label: str
    marker: str
    ordinal: int
    level: int
    path: tuple[int, ...]
    start: int
    end: int
    heading_span: tuple[int, int]
    inline: bool = False
    kind: str = "section"
    children: list[Section] = field(default_factory=list, repr=False)
    sentences: list[Sentence] = field(default_factory=list, repr=False)
    paragraphs: list[Paragraph] = field(default_factory=list, repr=False)

    @property
    def id(self) -> str:
        """Dotted id, e.g. ``"2.3"``."""
        return ".".join(map(str, self.path))

    @property
    def own_sentences(self) -> list[Sentence]:
        """Sentences directly in this section, not in a subsection."""
        return [s for s in self.sentences if s.section_path == self.path]

    @property
    def text(self) -> str:
        """Body text of the section and its subsections, headings excluded.

        Sentences of one paragraph are concatenated; paragraphs are joined by
        ``\\n``. The body of an inline-headed paragraph (``（1）标题。正文…``) is
        included, its heading is not.

        >>> import policytext as pt
        >>> pt.parse("一、总则\\n（1）标题。正文一。正文二。\\n另一段。").sections[0].text
        '正文一。正文二。\\n另一段。'
        """
        parts: list[str] = []
        last = None
        for s in self.sentences:
            if s.paragraph != last and parts:
                parts.append("\n")
            parts.append(s.text)
            last = s.paragraph
        return "".join(parts)

    def walk(self) -> Iterator[Section]:
        """This section and all its descendants, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def tasks(self) -> list[Sentence]:
        """Task (directive) sentences of this section and its subsections."""
        return [s for s in self.sentences if s.task]

    def __repr__(self) -> str:
        return f"Section(id={self.id!r}, heading={self.heading!r}, sentences={len(self.sentences)})"


@dataclass(eq=False)
class Document:
    """A parsed policy document.

    Use :func:`policytext.load` (files, bytes, text) or :func:`policytext.parse`
    (text) to make one.

    Attributes
    ----------
    text : str
        The normalised text; every span points into it.
    raw : str
        The text as read, before normalisation.
    title : str | None
        Title lines before the body, if the document has them.
    metadata : dict
        ``date`` (ISO, when found or given), ``subtitle``, ``source`` and
        anything passed in by the caller. What the layout of the page gave
        (see :mod:`policytext.text.layout`): ``issuer`` and
        ``signature_date`` (the first signature block: ``中共某某委员会`` /
        ``2022年11月17日``), ``signatures`` (every block, as dicts with
        ``issuer`` and ``date``), ``colophon`` (``抄送：…``, ``…印发``),
        ``toc`` (the entries of a table of contents, when one was seen),
        ``attachments`` (the titles of an attachment list, ``附件：1.…``),
        ``sources`` (``来源：… 日期：…`` lines, as dicts with ``source``,
        ``author`` and ``date``), and for a saved web page ``page_title``, ``site``, ``page_date``
        (the page's 发布时间), ``page_author``, ``page_source`` and
        ``page_chrome`` (how many navigation/footer lines were dropped);
        ``doc_title`` is the document's own title block when it differs from
        the page title. ``date`` is the document's own date: a date in the
        title block (also a ``来源…日期`` line under the title), else the
        signature's date, else the page's date.
    sections : list[Section]
        Top-level sections; nested ones are in ``Section.children``.
    paragraphs, sentences : list
        Every paragraph / body sentence, in order.
    """

    text: str
    raw: str
    title: str | None
    metadata: dict[str, Any]
    sections: list[Section]
    paragraphs: list[Paragraph]
    sentences: list[Sentence]
    title_span: tuple[int, int] | None = None
    _cache: dict[Any, Any] = field(default_factory=dict, repr=False)

    @property
    def preamble(self) -> list[Sentence]:
        """Sentences before the first heading (outside every section)."""
        first = self.sections[0].start if self.sections else len(self.text) + 1
        return [s for s in self.sentences if not s.section_path and s.start < first]

    @property
    def closing(self) -> list[Sentence]:
        """Sentences of the document's closing: after the last numbered unit, outside every section.

        A closing paragraph (``结束语``, ``同志们！…让我们…``, ``特此通知``, ``本办法自…起施行``)
        after the last section belongs to the document, like the preamble, not
        to the last section. (In a page with parts, a closing after the last
        part's sections belongs to that part.) A report read to a congress
        marks its last blocks with an address (``各位代表！``): those after the
        last chapter's items are that chapter's own text, and its final call
        (``…团结在…周围…奋斗！``) is the closing.

        >>> import policytext as pt
        >>> doc = pt.parse("一、总则\\n要学习。\\n二、附则\\n要落实。\\n同志们！让我们团结奋斗。")
        >>> [s.text for s in doc.closing], doc.sections[1].text
        (['同志们！', '让我们团结奋斗。'], '要落实。')
        >>> doc = pt.parse("一、任务\\n（一）产业\\n要发展。\\n各位代表！\\n要加强自身建设。\\n"
        ...                "各位代表！\\n让我们团结奋斗！")
        >>> [s.text for s in doc.section("1").own_sentences], [s.text for s in doc.closing]
        (['各位代表！', '要加强自身建设。'], ['各位代表！', '让我们团结奋斗！'])
        """
        first = self.sections[0].start if self.sections else len(self.text) + 1
        return [s for s in self.sentences if not s.section_path and s.start >= first]

    @property
    def parts(self) -> list[Section]:
        """The parts of the page (top-level sections of kind ``"part"``); ``[]`` for a one-unit document.

        >>> import policytext as pt
        >>> doc = pt.parse("通知\\n一、时间\\n周一。\\n二、地点\\n礼堂。\\n某某中学\\n2022年11月17日\\n"
        ...                "附件1：报名表\\n一、姓名\\n填写。\\n二、班级\\n填写。")
        >>> [(p.id, p.heading, p.label) for p in doc.parts]
        [('1', '', ''), ('2', '附件1：报名表', '附件1')]
        >>> doc.outline()[3:]
        [(1, '2', '附件1：报名表'), (2, '2.1', '姓名'), (2, '2.2', '班级')]
        """
        return [s for s in self.sections if s.kind == "part"]

    def walk(self) -> Iterator[Section]:
        """Every section at every level, in document order."""
        for sec in self.sections:
            yield from sec.walk()

    def section(self, id: str | tuple[int, ...]) -> Section:
        """The section with dotted id ``"2.3"`` (or path ``(2, 3)``)."""
        path = tuple(int(p) for p in id.split(".")) if isinstance(id, str) else tuple(id)
        for sec in self.walk():
            if sec.path == path:
                return sec
        n = sum(1 for _ in self.walk())
        raise KeyError(f"no section {'.'.join(map(str, path))!r}; this document has {n} sections")

    def tasks(self) -> list[Sentence]:
        """Task (directive) sentences, each knowing its section."""
        return [s for s in self.sentences if s.task]

    def outline(self) -> list[tuple[int, str, str]]:
        """``(level, id, heading)`` for every section, in order."""
        return [(sec.level, sec.id, sec.heading) for sec in self.walk()]

    def __len__(self) -> int:
        return len(self.text)

    def __repr__(self) -> str:
        return (
            f"Document(title={self.title!r}, chars={len(self.text)}, sections={len(self.sections)}, "
            f"sentences={len(self.sentences)})"
        )

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_cache"] = {}
        return state
