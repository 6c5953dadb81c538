"""Study outlines (学习提纲) as Markdown, HTML and Word, with their pictures.

:func:`policytext.analysis.summary.summarize` computes a
:class:`~policytext.analysis.summary.StudySummary` (data only); this module
draws and writes it:

* :func:`to_markdown`, :func:`to_html` and :func:`to_docx` render it in memory;
* :func:`render_images` draws the word cloud and the co-occurrence graph (PNG);
* :func:`write_study` writes the files all or nothing (``policytext study``).

The parts of the outline: 内容提纲, 导语要点, 分部分学习要点 (a heading per
summary section; in a page with several parts, each part a heading —
``###``, ``<h3>``, Word's Heading 2 — over its sections — ``####``,
``<h4>``, Heading 3 — with the part's 导语 and 结束语), 结束语要点 (the
document's closing), 重要提法, 全文关键词, 图示 and 应知应会; a part without
content is left out. Headings are shown on one line.

Keywords are shown as the document wrote them (``Keyword.surface``), with
the canonical term they are counted under in brackets when that is another
wording: 新时代党的强军思想（习近平强军思想）; a form that differs only by
quotes, title marks or enumeration commas is the same wording, and the term
is shown (:func:`~policytext.render._study_docx.keyword_label`). The word
cloud draws the same forms, sized by the keyword scores.

Document text is escaped everywhere: for Markdown (markup characters
backslash-escaped) and for HTML (``html.escape``); the HTML page is
self-contained (pictures as ``data:`` URIs, no external resources) and reads
on a phone (a viewport; the 提法 table scrolls sideways in its own box). The
Word file is A4, with Chinese fonts and the East Asian language zh-CN in its
styles, the outline's title as title and ``policytext`` as author
(:mod:`policytext.render._word`).

Examples
--------
>>> import policytext as pt
>>> s = pt.summarize("一、学习\\n要增强“四个意识”、坚定“四个自信”。\\n二、落实\\n要推进机构编制。", pictures=False)
>>> md = to_markdown(s)
>>> [line for line in md.splitlines() if line.startswith("## ")]
['## 一、内容提纲', '## 二、分部分学习要点', '## 三、重要提法', '## 四、全文关键词', '## 五、应知应会']
>>> to_html(s).startswith("<!DOCTYPE html>")
True
"""

from __future__ import annotations

import html
import os
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._files import StagedOutputs
from .._validation import validate_params
from ..analysis.summary import KeySentence, SectionSummary, StudySummary
from ..errors import InvalidParameterError, OutputError
from ._study_docx import keyword_label, keyword_labels, to_docx
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
from .wordcloud import written_form

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

    from .figures import FontLike

__all__ = [
    "FORMATS",
    "IMAGE_CAPTIONS",
    "image_names",
    "render_images",
    "to_markdown",
    "to_html",
    "to_docx",
    "study_targets",
    "write_study",
    "default_stem",
]

#: What :func:`write_study` writes.
FORMATS = ("md", "html", "docx")
#: The page's style: reads on a phone (no width wider than the screen: text wraps, pictures
#: shrink, a table scrolls sideways in its own box instead of widening the page).
_CSS = (
    "body{font-family:'Noto Sans SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif;"
    "max-width:60em;margin:2em auto;padding:0 1em;line-height:1.7;color:#222;overflow-wrap:break-word}"
    "h1{text-align:center;color:#a00}h2{border-bottom:2px solid #a00;color:#a00}"
    ".scroll{overflow-x:auto}.scroll>table{min-width:32em}"
    "table{border-collapse:collapse;width:100%}td,th{border:1px solid #bbb;padding:.3em .5em;vertical-align:top}"
    "th{white-space:nowrap}"
    ".kw{background:#fbeaea;padding:0 .3em;border-radius:3px}.src{color:#777;font-size:.85em}"
    "blockquote{border-left:4px solid #daa;margin:0;padding-left:1em;color:#444}"
    "figure{text-align:center;margin:1em 0}img{max-width:100%;height:auto}"
    "footer{color:#999;font-size:.8em;margin-top:3em}"
    "@media (max-width:40em){body{margin:1em auto;padding:0 .75em;line-height:1.6}h1{font-size:1.5em}"
    "ul,ol{padding-left:1.5em}td,th{padding:.2em .3em}}"
)
#: Lets a phone lay the page out at its own width (without it, at about 980 px, zoomed out).
_VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1">'


# -- pictures ---------------------------------------------------------------------------

def image_names(summary: StudySummary) -> list[str]:
    """The pictures ``summary`` has data for, in the order they are shown.

    >>> import policytext as pt
    >>> image_names(pt.summarize("要坚持学习。", pictures=False))
    []
    """
    has = {"wordcloud": bool(summary.cloud), "graph": summary.graph is not None}
    return [name for name in IMAGE_CAPTIONS if has[name]]


def render_images(summary: StudySummary, font: FontLike = None) -> dict[str, bytes]:
    """Draw the summary's pictures as PNG bytes: ``"wordcloud"`` (900×560,
    from ``summary.cloud``) and ``"graph"`` (the co-occurrence graph coloured
    by community), each when the summary has its data (``summarize(pictures=True)``).

    Parameters
    ----------
    summary : StudySummary
    font : str or path-like, optional
        Font file (default: see :func:`policytext.render.fonts.font_path`).

    Returns
    -------
    dict of str to bytes

    Examples
    --------
    >>> import policytext as pt
    >>> images = render_images(pt.summarize(pt.load(pt.reference_path())))
    >>> sorted(images), all(png.startswith(b"\\x89PNG") for png in images.values())
    (['graph', 'wordcloud'], True)
    """
    import io
    import tempfile

    from .graph import plot_graph
    from .wordcloud import wordcloud

    images: dict[str, bytes] = {}
    if summary.cloud:
        buf = io.BytesIO()
        cloud = wordcloud(_cloud_forms(summary.cloud, summary.keywords), width=900, height=560, font=font)
        cloud.save(buf, format="PNG")
        images["wordcloud"] = buf.getvalue()
    if summary.graph is not None:
        with tempfile.TemporaryDirectory(prefix="policytext-") as tmp:  # private dir, removed at once
            path = Path(tmp) / "graph.png"
            plot_graph(_drawn_graph(summary.graph), path, font=font, figsize=(9.0, 7.0), dpi=110)
            images["graph"] = path.read_bytes()
    return images


def _drawn_graph(G: nx.Graph) -> nx.Graph:
    """The graph as the picture shows it: each node named by the form the document wrote (its ``surface``
    attribute, :func:`policytext.summarize`), in the same order; a graph whose forms would name two nodes
    alike keeps those two under their terms.

    >>> import networkx as nx
    >>> G = nx.Graph([("完整、准确、全面贯彻新发展理念", "新发展格局")])
    >>> G.nodes["完整、准确、全面贯彻新发展理念"]["surface"] = "完整准确全面贯彻新发展理念"
    >>> list(_drawn_graph(G))
    ['完整准确全面贯彻新发展理念', '新发展格局']
    """
    import networkx as nx

    names = {n: d.get("surface") or n for n, d in G.nodes(data=True)}
    taken = Counter(names.values())
    names = {n: form if taken[form] == 1 else n for n, form in names.items()}
    if all(n == form for n, form in names.items()) or len(set(names.values())) < len(names):
        return G
    return nx.relabel_nodes(G, names, copy=True)


def _cloud_forms(cloud: Mapping[str, float], keywords: Iterable[Any]) -> dict[str, float]:
    """The word cloud's weights (``StudySummary.cloud``, by canonical term) under the form the document
    wrote (:func:`~policytext.render.wordcloud.written_form` of the keyword of that term): the sizes still
    follow the keyword scores, one word per keyword (weights summed if two keywords share a form).

    >>> from policytext.analysis.keyterms import Keyword
    >>> kw = Keyword("习近平强军思想", 1.0, 2, "theory", (("新时代党的强军思想", 2),))
    >>> _cloud_forms({"习近平强军思想": 1.0, "学习": 0.5}, [kw])
    {'新时代党的强军思想': 1.0, '学习': 0.5}
    """
    surface = {k.term: written_form(k) for k in keywords}
    out: dict[str, float] = {}
    for term, weight in cloud.items():
        form = surface.get(term, term)
        out[form] = out.get(form, 0.0) + weight
    return out


# -- Markdown ----------------------------------------------------------------------------

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


def _md_where(k: KeySentence) -> str:
    return f"（{_md_escape(k.location, start=False)}）" if k.location else ""


def _md_section_body(sec: SectionSummary) -> list[str]:
    """Lines of one summary section's keywords, key sentences and tasks."""
    md = _md_escape
    out: list[str] = []
    if sec.keywords:
        out += ["**关键词：** " + md(keyword_labels(sec.keywords), start=False), ""]
    if sec.key_sentences:
        out += ["**重点语句：**", ""]
        out += [f"1. {md(k.text)}{_md_where(k)}" for k in sec.key_sentences]
        out.append("")
    if sec.tasks:
        out += ["**工作任务：**", ""]
        out += [f"- {md(t.text)}" for t in sec.tasks]
        out.append("")
    return out


def _md_quotes(keys: Sequence[KeySentence], label: str = "") -> list[str]:
    """Key sentences of a 导语 or 结束语 as quotes (after a bold ``label``, when given)."""
    out = [f"**{label}：**", ""] if label and keys else []
    for k in keys:
        out += [f"> {_md_escape(k.text)}{_md_where(k)}", ""]
    return out


def _md_sections(summary: StudySummary) -> list[str]:
    """Lines of the per-section part (without its title): a part is a heading (``###``) over its
    sections (``####``), with its 导语 and 结束语."""
    md = _md_escape
    out: list[str] = []
    for part, run in _groups(summary):
        if part is not None:
            out += [f"### {md(_title('', part.heading))}", "", *_md_quotes(part.preamble, "导语")]
        for sec in run:
            if depth := _depth(summary, part, sec):
                out += [f"{'#' * (2 + depth)} {md(_title(sec.label, sec.heading))}", ""]
            out += _md_section_body(sec)
        if part is not None:
            out += _md_quotes(part.closing, "结束语")
    return out


def _md_quiz(summary: StudySummary) -> list[str]:
    md = _md_escape
    out = [f"{i}. {md(q.question)}" for i, q in enumerate(summary.quiz, 1)]
    out += ["", "**参考答案：**", ""]
    out += [f"{i}. " + md(_TERM_SEP.join(q.answers)) for i, q in enumerate(summary.quiz, 1)]
    return [*out, ""]


def to_markdown(summary: StudySummary, image_dir: str | None = None) -> str:
    """The study outline as Markdown.

    Parameters
    ----------
    summary : StudySummary
    image_dir : str, optional
        When given, the pictures the summary has data for are linked as
        ``{image_dir}/{name}.png`` (``write_study`` saves them there, named
        ``wordcloud`` and ``graph``); else the part 图示 is left out.

    Returns
    -------
    str

    Notes
    -----
    Document text is escaped for Markdown (``* _ ` # < > [ ] | & ~``, and a
    list or heading marker at the start of a line), so that it renders as
    written. Lists of terms are separated by ``；`` (terms contain ``、``).
    Parts without content are left out; the others are numbered without gaps.

    Examples
    --------
    >>> import policytext as pt
    >>> s = pt.summarize("要打造政治强、业务精、作风优的队伍，坚持*A&amp;B*。", pictures=False)
    >>> lines = to_markdown(s).splitlines()
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
    images = image_names(summary) if image_dir is not None else []
    parts = _parts(summary, images)
    out = [f"# {md(summary.title)} 学习提纲", ""]
    if _facts(summary):
        out += [" · ".join(md(x) for x in _facts(summary)), ""]
    if "outline" in parts:
        out += [f"## {parts['outline']}", ""]
        out += [f"{'  ' * (level - 1)}- {md(_title(label, heading))}" for level, _id, label, heading in summary.outline]
        out.append("")
    if "preamble" in parts:
        out += [f"## {parts['preamble']}", "", *_md_quotes(summary.preamble)]
    if "sections" in parts:
        out += [f"## {parts['sections']}", "", *_md_sections(summary)]
    if "closing" in parts:
        out += [f"## {parts['closing']}", "", *_md_quotes(summary.closing)]
    if "formulations" in parts:
        out += [f"## {parts['formulations']}", ""]
        out += ["| " + " | ".join(_FORMULATION_COLUMNS) + " |", "|---|---|---|---|---|"]
        out += ["| " + " | ".join(md(c, start=False) for c in cells) + " |" for cells in _formulation_cells(summary)]
        out.append("")
    if "keywords" in parts:
        out += [f"## {parts['keywords']}", "", md(keyword_labels(summary.keywords)), ""]
    if "images" in parts and image_dir is not None:
        out += [f"## {parts['images']}", ""]
        for name in images:
            caption = IMAGE_CAPTIONS[name]
            out += [f"![{caption}]({image_dir.rstrip('/')}/{name}.png)", "", f"*{caption}*", ""]
    if "quiz" in parts:
        out += [f"## {parts['quiz']}", "", *_md_quiz(summary)]
    footer = (f"*policytext {md(summary.meta.get('version', ''), start=False)}，"
              f"词库 {md(summary.meta.get('lexicon', ''), start=False)}*")
    out += ["---", footer, ""]
    return "\n".join(out)


# -- HTML --------------------------------------------------------------------------------

def _html_src(k: KeySentence) -> str:
    return f'<span class="src">（{html.escape(k.location)}）</span>' if k.location else ""


def _html_terms(items: Iterable[str]) -> str:
    return _TERM_SEP.join(f'<span class="kw">{html.escape(t)}</span>' for t in items)


def _html_outline(outline: Sequence[tuple[int, str, str, str]]) -> str:
    """Nested lists of the outline, valid HTML: a sub-list sits inside its parent's ``<li>``.

    >>> _html_outline([(1, "1", "一、", "总则"), (2, "1.1", "（一）", "目标"), (1, "2", "二、", "措施")])
    '<ul><li>一、总则<ul><li>（一）目标</li></ul></li><li>二、措施</li></ul>'
    """
    e = html.escape
    out: list[str] = []
    li_open = {0: True}  # per depth: whether an <li> is open there (depth 0: the page)
    depth = 0
    for level, _id, label, heading in outline:
        level = max(1, level)
        while depth < level:  # deeper: a new list inside the open item (an empty item hosts a skipped level)
            if not li_open[depth]:
                out.append("<li>")
                li_open[depth] = True
            out.append("<ul>")
            depth += 1
            li_open[depth] = False
        while depth > level:
            out.append("</li></ul>" if li_open[depth] else "</ul>")
            depth -= 1
        if li_open[depth]:
            out.append("</li>")
        out.append(f"<li>{e(_title(label, heading))}")
        li_open[depth] = True
    while depth > 0:
        out.append("</li></ul>" if li_open[depth] else "</ul>")
        depth -= 1
    return "".join(out)


def _html_section_body(sec: SectionSummary) -> list[str]:
    """Elements of one summary section's keywords, key sentences and tasks."""
    e = html.escape
    page: list[str] = []
    if sec.keywords:
        page.append("<p><strong>关键词：</strong>" + _html_terms(map(keyword_label, sec.keywords)) + "</p>")
    if sec.key_sentences:
        page.append("<p><strong>重点语句：</strong></p><ol>")
        page += [f"<li>{e(k.text)}{_html_src(k)}</li>" for k in sec.key_sentences]
        page.append("</ol>")
    if sec.tasks:
        page.append("<p><strong>工作任务：</strong></p><ul>")
        page += [f"<li>{e(t.text)}</li>" for t in sec.tasks]
        page.append("</ul>")
    return page


def _html_quotes(keys: Sequence[KeySentence], label: str = "") -> list[str]:
    """Key sentences of a 导语 or 结束语 as quotes (after a bold ``label``, when given)."""
    page = [f"<p><strong>{label}：</strong></p>"] if label and keys else []
    return page + [f"<blockquote>{html.escape(k.text)}{_html_src(k)}</blockquote>" for k in keys]


def _html_sections(summary: StudySummary) -> list[str]:
    """Elements of the per-section part (without its title): a part is a ``<section class="part">``
    with an ``<h3>`` over its sections (``<h4>``), with its 导语 and 结束语."""
    e = html.escape
    page: list[str] = []
    for part, run in _groups(summary):
        if part is not None:
            whole = [sec.id for sec in run] == [part.id]  # a part summarised as one section
            page.append(f'<section id="{"s" if whole else "p"}{e(part.id)}" class="part">')
            page += [f"<h3>{e(_title('', part.heading))}</h3>", *_html_quotes(part.preamble, "导语")]
        for sec in run:
            depth, own = _depth(summary, part, sec), part is None or sec.id != part.id  # own: not the part itself
            page += [f'<section id="s{e(sec.id)}">'] if own else []
            page += [f"<h{2 + depth}>{e(_title(sec.label, sec.heading))}</h{2 + depth}>"] if depth else []
            page += [*_html_section_body(sec), *(["</section>"] if own else [])]
        if part is not None:
            page += [*_html_quotes(part.closing, "结束语"), "</section>"]
    return page


def _html_formulations(summary: StudySummary) -> list[str]:
    e = html.escape
    page = ['<div class="scroll"><table><tr>' + "".join(f"<th>{c}</th>" for c in _FORMULATION_COLUMNS) + "</tr>"]
    for term, category, count, expansion, source in _formulation_cells(summary):
        page.append(f"<tr><td>{e(term)}</td><td>{e(category)}</td><td>{count}</td>"
                    f"<td>{e(expansion)}</td><td>{e(source)}</td></tr>")
    page.append("</table></div>")
    return page


def _html_images(images: Mapping[str, bytes]) -> list[str]:
    import base64

    e = html.escape
    page = []
    for name, caption in IMAGE_CAPTIONS.items():
        if name in images:
            data = base64.b64encode(images[name]).decode("ascii")
            page.append(f'<figure><img alt="{e(caption)}" src="data:image/png;base64,{data}">'
                        f"<figcaption>{e(caption)}</figcaption></figure>")
    return page


def to_html(summary: StudySummary, images: Mapping[str, bytes] | None = None) -> str:
    """The study outline as one self-contained HTML page.

    Parameters
    ----------
    summary : StudySummary
    images : mapping of str to bytes, optional
        PNG pictures to embed as ``data:`` URIs, by name (``"wordcloud"``,
        ``"graph"``), e.g. ``render_images(summary)``; without them the part
        图示 is left out.

    Returns
    -------
    str
        No external resources; every piece of document text escaped.

    Examples
    --------
    >>> import policytext as pt
    >>> page = to_html(pt.summarize("一、<b>要点</b>\\n要坚持学习。", pictures=False))
    >>> "<h3>一、&lt;b&gt;要点&lt;/b&gt;</h3>" in page, "<b>" in page
    (True, False)
    """
    e = html.escape
    images = images or {}
    parts = _parts(summary, images)
    page = [
        "<!DOCTYPE html>", f'<html lang="zh-CN"><head><meta charset="utf-8">{_VIEWPORT}',
        f"<title>{e(summary.title)} 学习提纲</title>", f"<style>{_CSS}</style></head><body>",
        f"<h1>{e(summary.title)} 学习提纲</h1>",
    ]
    if _facts(summary):
        page.append(f'<p class="facts">{" · ".join(e(x) for x in _facts(summary))}</p>')
    if "outline" in parts:
        page += [f"<h2>{parts['outline']}</h2>", _html_outline(summary.outline)]
    if "preamble" in parts:
        page += [f"<h2>{parts['preamble']}</h2>", *_html_quotes(summary.preamble)]
    if "sections" in parts:
        page += [f"<h2>{parts['sections']}</h2>", *_html_sections(summary)]
    if "closing" in parts:
        page += [f"<h2>{parts['closing']}</h2>", *_html_quotes(summary.closing)]
    if "formulations" in parts:
        table = _html_formulations(summary)
        page += [f"<h2>{parts['formulations']}</h2>{table[0]}", *table[1:]]
    if "keywords" in parts:
        page.append(f"<h2>{parts['keywords']}</h2><p>" + _html_terms(map(keyword_label, summary.keywords)) + "</p>")
    if "images" in parts:
        page += [f"<h2>{parts['images']}</h2>", *_html_images(images)]
    if "quiz" in parts:
        page.append(f"<h2>{parts['quiz']}</h2><ol>")
        page += [f"<li>{e(q.question)}<details><summary>答案</summary>{e(_TERM_SEP.join(q.answers))}"
                 f'<div class="src">出处：{e(q.source)}</div></details></li>' for q in summary.quiz]
        page.append("</ol>")
    page.append(f'<footer>policytext {e(summary.meta.get("version", ""))}，'
                f'词库 {e(summary.meta.get("lexicon", ""))}</footer>')
    page.append("</body></html>")
    return "\n".join(page)




# -- files -------------------------------------------------------------------------------

def study_targets(outdir: str | os.PathLike[str], formats: Iterable[str], stem: str,
                  images: Iterable[str] = ()) -> dict[str, Path]:
    """The files :func:`write_study` makes, by key (``"image:NAME"``, ``"md"``, ``"html"``, ``"docx"``).

    Pictures are files only next to the Markdown (``images/NAME.png``); the
    HTML page and the Word file embed them.

    >>> {k: p.as_posix() for k, p in study_targets("out", ["html", "md"], "s", ["graph"]).items()}
    {'image:graph': 'out/images/graph.png', 'md': 'out/s.md', 'html': 'out/s.html'}
    """
    out, formats, paths = Path(outdir), set(formats), {}
    if "md" in formats:
        for name in images:
            paths[f"image:{name}"] = out / "images" / f"{name}.png"
        paths["md"] = out / f"{stem}.md"
    if "html" in formats:
        paths["html"] = out / f"{stem}.html"
    if "docx" in formats:
        paths["docx"] = out / f"{stem}.docx"
    return paths


def default_stem(summary: StudySummary) -> str:
    """The name :func:`write_study` gives the files of ``summary`` without a ``stem``: the stem of the
    document's file (``StudySummary.source``), else ``study``.

    >>> import policytext as pt
    >>> default_stem(pt.summarize(pt.load(pt.reference_path()), pictures=False)), default_stem(
    ...     pt.summarize("一、学习\\n要坚持学习。", pictures=False))
    ('reference_bianban_2022', 'study')
    """
    source = getattr(summary, "source", None)
    stem = Path(source).stem if source else ""
    return stem if stem.strip() and Path(f"{stem}.md").name == f"{stem}.md" else "study"


def _check_formats_and_stem(formats: Iterable[str], stem: object) -> tuple[str, ...]:
    formats = tuple(formats)
    bad = [f for f in formats if f not in FORMATS]
    if bad:
        raise InvalidParameterError.unknown("formats", "write_study", bad[0], FORMATS)
    if (not isinstance(stem, str) or not stem.strip() or "/" in stem or "\\" in stem or "\x00" in stem
            or Path(f"{stem}.md").name != f"{stem}.md"):
        raise InvalidParameterError.build("stem", "write_study", "a plain file name (no folder part)", stem)
    return formats


def _render_files(summary: StudySummary, keys: Iterable[str], images: Mapping[str, bytes]) -> dict[str, Any]:
    """Every file's content, in memory: bytes, or the Word document."""
    payload: dict[str, Any] = {}
    for key in keys:
        if key.startswith("image:"):
            payload[key] = images[key.split(":", 1)[1]]
        elif key == "md":
            payload[key] = to_markdown(summary, image_dir="images" if images else None).encode("utf-8")
        elif key == "html":
            payload[key] = to_html(summary, images).encode("utf-8")
        else:
            payload[key] = to_docx(summary, images)
    return payload


@validate_params({"summary": [StudySummary], "outdir": ["path"], "pictures": ["boolean"], "font": ["path", None]})
def write_study(
    summary: StudySummary,
    outdir: str | os.PathLike[str],
    formats: Iterable[str] = FORMATS,
    stem: str | None = None,
    pictures: bool = True,
    font: FontLike = None,
) -> dict[str, Path]:
    """Write the study outline into ``outdir`` (created if needed); returns the paths.

    Parameters
    ----------
    summary : StudySummary
    outdir : str or path-like
        The output folder.
    formats : iterable of {"md", "html", "docx"}
    stem : str, optional
        File name without extension (no folder part): ``{stem}.md`` …; by
        default the stem of the document's file (``StudySummary.source``:
        ``通知.md`` for ``通知.docx``, as ``policytext study`` names them),
        ``study`` for a document that was not read from a file.
    pictures : bool
        Draw the pictures the summary has data for (:func:`render_images`):
        files ``outdir/images/*.png`` linked from the Markdown, embedded in
        the HTML and Word files.
    font : str or path-like, optional
        Font of the pictures.

    Returns
    -------
    dict of str to Path
        By key: ``"image:wordcloud"``, ``"image:graph"``, ``"md"``, ``"html"``, ``"docx"``.

    Raises
    ------
    OutputError
        A target cannot be written (checked before anything is drawn or written).
    InvalidParameterError
        An unknown format, or a stem with a folder part.

    Notes
    -----
    All or nothing: every target is checked before anything is written (a
    folder where a file is to go, a file where a folder is to go, a folder
    that is not writable → :class:`~policytext.errors.OutputError`); the
    files are rendered in memory, written to temporary files and renamed
    over the targets only when all of them are written
    (:class:`policytext._files.StagedOutputs`). If anything still fails, the
    files and folders this call created are removed; files that existed
    before are never deleted.

    Examples
    --------
    >>> import tempfile, pathlib, policytext as pt
    >>> s = pt.summarize("一、学习\\n要坚持学习。", pictures=False)
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> sorted(p.name for p in write_study(s, out, formats=["md", "html"], stem="s").values())
    ['s.html', 's.md']
    >>> write_study(s, out, formats=["md"])["md"].name  # a text, not a file: study.*
    'study.md'
    >>> write_study(pt.summarize(pt.load(pt.reference_path()), pictures=False), out, formats=["md"])["md"].name
    'reference_bianban_2022.md'
    """
    stem = default_stem(summary) if stem is None else stem
    formats = _check_formats_and_stem(formats, stem)
    names = image_names(summary) if pictures else []
    paths = study_targets(outdir, formats, stem, names)
    staged = StagedOutputs(paths.values(), make_folders=True)
    staged.check()  # before the slow part (drawing), and before anything is created
    images = render_images(summary, font=font) if names and paths else {}
    payload = _render_files(summary, paths, images)  # an error here (python-docx missing …) writes nothing
    with staged:
        for key, path in paths.items():
            _write_staged(staged[path], path, payload[key])
    return paths


def _write_staged(tmp: Path, target: Path, content: Any) -> None:
    """Write ``content`` to the staged file of ``target`` (``OSError`` → :class:`OutputError`)."""
    try:
        if isinstance(content, bytes):
            tmp.write_bytes(content)
        else:
            content.save(str(tmp))
    except OutputError:
        raise
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from None
