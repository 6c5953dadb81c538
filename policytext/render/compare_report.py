"""Reports of a :class:`~policytext.analysis.compare.Comparison`: Markdown, HTML and Word.

:func:`write_comparison` writes the report a file name asks for (``.md``,
``.html``, ``.docx``; atomically, through :func:`policytext._files.atomic_path`);
:func:`to_markdown` and :func:`to_html` return the text, :func:`to_docx` writes
a Word file. Every report has the same parts: a header (names, dates,
similarity, units), then the new and the dropped terms, the people, the key
terms of each document and the section map, ``top`` rows each; a part
without rows says （无）, except the key terms of a side and the section map,
which are left out (two communiqués have no numbered sections to map). The reports
are in Chinese and name the documents by their titles (``Document.title``,
else the name :func:`~policytext.analysis.compare.compare` gave them: the
file stem, or ``a``/``b``). The codes the data hold are shown as Chinese labels
(:data:`KIND_LABELS`, :data:`CATEGORY_LABELS`, :data:`EVENT_LABELS`,
:data:`STATUS_LABELS`: ``lexicon`` 词库, ``concept`` 战略概念, ``expelled``
开除党籍); the people's heading counts the new names by event (人名（b 中新出现
25 人：开除党籍 14 人，递补、增补 11 人；不再出现 7 人）) and their table shows
them in those groups.

Document text never reaches a reader's renderer unescaped: HTML escapes
``& < > " '``; Markdown escapes ``\\ | < >`` (Markdown renderers pass raw HTML
through) and joins lines; Word gets plain runs (characters XML cannot hold
are dropped). The HTML page reads on a phone (a viewport, tables that scroll
sideways in their own box); the Word file is A4, with Chinese fonts and the
East Asian language zh-CN in its styles, the report's title as title and
``policytext`` as author (:func:`policytext.render._word.new_document`).

Examples
--------
>>> import policytext as pt, tempfile, pathlib
>>> cmp = pt.compare("要推进改革。", "要推进改革。要发展新质生产力。")
>>> print(to_markdown(cmp).splitlines()[0])
# 文件对比：a → b
>>> with tempfile.TemporaryDirectory() as d:
...     path = write_comparison(cmp, pathlib.Path(d) / "report.html")
...     path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
True
"""

from __future__ import annotations

import html
import math
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._files import atomic_path
from .._validation import InstanceOf, Interval, validate_params
from ..analysis.compare import Comparison
from ..analysis.compare.person_events import EVENTS
from ..errors import InvalidParameterError
from ._word import fit_columns, new_document, xml_text

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["CATEGORY_LABELS", "EVENT_LABELS", "KIND_LABELS", "REPORT_SUFFIXES", "STATUS_LABELS", "to_docx",
           "to_html", "to_markdown", "write_comparison"]

#: File suffix → report format of :func:`write_comparison`.
REPORT_SUFFIXES: dict[str, str] = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".docx": "docx"}

_CMP = [InstanceOf(Comparison)]
_TOP = [Interval(int, 1, None)]


# -- the parts of every report ---------------------------------------------------------------

def _fmt(x: Any, nd: int = 2) -> str:
    if isinstance(x, float):
        if math.isnan(x):
            return ""
        return f"{x:.{nd}f}"
    return "" if x is None else str(x)


def _excerpt(sentence: str, term: str, width: int = 90) -> str:
    """``sentence`` cut to about ``width`` characters around the first ``term``."""
    if len(sentence) <= width:
        return sentence
    i = max(sentence.find(term), 0)
    start = max(0, min(i - (width - len(term)) // 2, len(sentence) - width))
    end = start + width
    return ("…" if start > 0 else "") + sentence[start:end] + ("…" if end < len(sentence) else "")


def _term_cell(r: Any) -> str:
    """A term, with the longer and shorter forms folded into its row (``nest``): 中华民族共同体（另见：…）."""
    nest = [str(t) for t in (getattr(r, "nest", None) or ()) if t]
    return _fmt(r.term) + (f"（另见：{'、'.join(nest)}）" if nest else "")


def _has_novelty(df: pd.DataFrame) -> bool:
    """Whether the table was computed against a background (its ``novelty`` column is filled)."""
    return "novelty" in df.columns and bool(df["novelty"].notna().any())


#: Chinese labels of the codes the data hold (``kind``, ``category`` of the term tables; the
#: ``status`` and ``event`` of a person): the reports show these, the DataFrames keep the codes.
#: A code without a label (a category of a user's lexicon) is shown as it is.
KIND_LABELS: dict[str, str] = {"lexicon": "词库", "numbered": "数字提法", "phrase": "短语"}
CATEGORY_LABELS: dict[str, str] = {
    "numbered": "数字化表述", "theory": "理论", "concept": "战略概念", "institution": "机构", "meeting": "会议",
    "document": "文件", "bianzhi": "机构编制", "action": "固定提法",
}
EVENT_LABELS: dict[str, str] = {code: label for code, label, _cue in EVENTS}
STATUS_LABELS: dict[str, str] = {"new": "新出现", "dropped": "不再出现"}


def _label(labels: dict[str, str], code: Any) -> str:
    """The Chinese label of ``code`` (the code itself when it has none)."""
    text = _fmt(code)
    return labels.get(text, text)


def _novel_rows(df: pd.DataFrame, side: str, top: int) -> list[list[str]]:
    novelty = _has_novelty(df)
    return [[_term_cell(r), _label(KIND_LABELS, r.kind), _label(CATEGORY_LABELS, r.category),
             _fmt(getattr(r, f"count_{side}")),
             _fmt(getattr(r, f"rate_{side}")), *([_fmt(r.novelty)] if novelty else []),
             _excerpt(_fmt(r.example), _fmt(r.term))]
            for r in df.head(top).itertuples(index=False)]


def _novel_columns(df: pd.DataFrame) -> _Columns:
    """The columns of a new/dropped table; 新颖度 (novelty against the background) when there is one."""
    if not _has_novelty(df):
        return _NOVEL_COLUMNS
    return (*_NOVEL_COLUMNS[:-1], ("新颖度", 3.5), _NOVEL_COLUMNS[-1])


def _key_rows(df: pd.DataFrame) -> list[list[str]]:
    return [[_fmt(r.term), _fmt(r.count_a), _fmt(r.count_b), _fmt(r.rate_a), _fmt(r.rate_b),
             _fmt(r.g2), f"{r.p:.3g}", _fmt(r.log_ratio)] for r in df.itertuples(index=False)]


def _novel_title(kind: str, n: int) -> str:
    return f"b 中新出现的提法（{n}）" if kind == "new" else f"a 中有、b 中不再出现的提法（{n}）"


#: Column labels of the tables, and (Word) the widest a narrow column gets in em (None: a text column).
_NOVEL_COLUMNS = (("提法", 10.0), ("类型", 5.0), ("类别", 6.0), ("次数", 3.0), ("频率", 4.0), ("例句", None))
_PEOPLE_COLUMNS = (("姓名", 5.0), ("状态", 6.0), ("a 次数", 3.5), ("b 次数", 3.5), ("例句", None))
_KEY_COLUMNS = (("词语", None), ("a 次数", 3.5), ("b 次数", 3.5), ("a 频率", 3.5), ("b 频率", 3.5), ("G²", 4.0),
                ("p", 4.0), ("对数比", 3.5))
_SECTION_COLUMNS = (("b 章节", 3.5), ("b 标题", None), ("a 章节", 3.5), ("a 标题", None), ("余弦", 3.0),
                    ("次优 a 章节", 3.5), ("次优余弦", 3.0))
_Columns = tuple[tuple[str, float | None], ...]


def _labels(columns: _Columns) -> list[str]:
    return [label for label, _cap in columns]


def _tables(cmp: Comparison, top: int) -> list[tuple[str, _Columns, list[list[str]]]]:
    """``(title, columns, rows of cell texts)`` of every table of the report.

    The new and dropped terms and the people are always there (their titles count them: 0 is a finding,
    and the table says （无）); the key terms of a side and the section map only when they have rows (the
    map is empty when a document has no numbered sections, as a communiqué has none)."""
    k = cmp.keyness
    up = k[k["g2"] > 0].head(top)
    down = k[k["g2"] < 0].iloc[::-1].head(top)
    sec_rows = [[_fmt(r.section_b), _fmt(r.heading_b), _fmt(r.section_a), _fmt(r.heading_a), _fmt(r.cosine, 3),
                 _fmt(r.runner_up), _fmt(r.runner_up_cosine, 3)] for r in cmp.sections.itertuples(index=False)]
    p = _people_in_groups(cmp.people)
    people_rows = [[_fmt(r.name), _person_state(r), _fmt(r.count_a), _fmt(r.count_b),
                    _excerpt(_fmt(r.example), _fmt(r.name))] for r in p.head(top).itertuples(index=False)]
    always = [
        (_novel_title("new", len(cmp.new_terms)), _novel_columns(cmp.new_terms), _novel_rows(cmp.new_terms, "b", top)),
        (_novel_title("dropped", len(cmp.dropped_terms)), _novel_columns(cmp.dropped_terms),
         _novel_rows(cmp.dropped_terms, "a", top)),
        (_people_title(p), _PEOPLE_COLUMNS, people_rows),
    ]
    when_filled = [
        ("b 的特征词（G² > 0）", _KEY_COLUMNS, _key_rows(up)),
        ("a 的特征词（G² < 0）", _KEY_COLUMNS, _key_rows(down)),
        ("章节对应（b → a）", _SECTION_COLUMNS, sec_rows),
    ]
    return always + [t for t in when_filled if t[2]]


#: Rank of an event code: the people of b are shown in groups, the most consequential event first.
_EVENT_RANK = {code: k for k, (code, _label, _cue) in enumerate(EVENTS)}


def _events_of(p: pd.DataFrame) -> list[str]:
    """The ``event`` of every person (``"mentioned"`` for a table made before the column existed)."""
    return [str(x) for x in p["event"]] if "event" in p.columns else ["mentioned"] * len(p)


def _people_in_groups(p: pd.DataFrame) -> pd.DataFrame:
    """The people table with the new names grouped by event (expelled, removed … then the others), then the dropped.

    Inside a group the table's own order holds (count, then first position).
    """
    if p.empty:
        return p
    ranks = [(s != "new", _EVENT_RANK.get(e, len(_EVENT_RANK)) if s == "new" else 0, k)
             for k, (s, e) in enumerate(zip(p["status"], _events_of(p)))]
    return p.iloc[[k for *_key, k in sorted(ranks)]]


def _person_state(r: Any) -> str:
    """The 状态 cell of a person: what b does with a new name (开除党籍, 递补、增补 …, else 新出现);
    不再出现 for a dropped one, with what a said of them (不再出现（a 中：递补、增补）)."""
    event = _fmt(getattr(r, "event", "mentioned"))
    if r.status == "new":
        return EVENT_LABELS.get(event, STATUS_LABELS["new"])
    state = _label(STATUS_LABELS, r.status)
    return f"{state}（a 中：{EVENT_LABELS[event]}）" if event in EVENT_LABELS else state


def _people_title(p: pd.DataFrame) -> str:
    """人名（b 中新出现 25 人：开除党籍 14 人，递补、增补 11 人；不再出现 3 人）.

    The new names are counted by event when one of them has one (the others: 其他).
    """
    events = [e for s, e in zip(p["status"], _events_of(p)) if s == "new"] if len(p) else []
    n_new, n_dropped = len(events), len(p) - len(events)
    groups = [(label, events.count(code)) for code, label, _cue in EVENTS if code in events]
    if not groups:
        return f"人名（b 中新出现 {n_new} 人，不再出现 {n_dropped} 人）"
    rest = n_new - sum(n for _label, n in groups)
    parts = [f"{label} {n} 人" for label, n in groups] + ([f"其他 {rest} 人"] if rest else [])
    return f"人名（b 中新出现 {n_new} 人：{'，'.join(parts)}；不再出现 {n_dropped} 人）"


def _doc_titles(cmp: Comparison) -> tuple[str, str]:
    """The documents' titles (``a_title``/``b_title`` when the comparison has them), else their names."""
    return (cmp.a_title or cmp.a_name, cmp.b_title or cmp.b_name)


def _report_title(cmp: Comparison) -> str:
    a, b = _doc_titles(cmp)
    return f"文件对比：{a} → {b}"


def _header_lines(cmp: Comparison) -> list[str]:
    s = cmp.similarity
    a, b = _doc_titles(cmp)
    da = f"（{cmp.a_date}）" if cmp.a_date else ""
    db = f"（{cmp.b_date}）" if cmp.b_date else ""
    return [
        f"参照文件 a：{a}{da}",
        f"对比文件 b：{b}{db}",
        (f"TF-IDF 余弦相似度 {s.cosine:.3f}；词语集合 Jaccard 系数 {s.jaccard:.3f}"
         f"（共有 {s.shared} 个，仅见于 a {s.only_a} 个，仅见于 b {s.only_b} 个）"
         if not math.isnan(s.cosine) else "相似度：无（两份文件都没有实词，无从比较）"),
        (f"频率为每 {cmp.info.get('per', 10_000):,} 字的出现次数；G² 在 b 中偏多为正、在 a 中偏多为负；"
         f"词库 {cmp.info.get('lexicon', '?')}"),
    ]


#: What a table without rows says.
_NONE = "（无）"


# -- Markdown and HTML ----------------------------------------------------------------------

def _md_cell(x: str) -> str:
    """Raw HTML in Markdown reaches the reader's renderer: escape ``< >`` too."""
    return x.replace("\\", "\\\\").replace("|", "\\|").replace("<", "\\<").replace(">", "\\>").replace("\n", " ")


@validate_params({"cmp": _CMP, "top": _TOP})
def to_markdown(cmp: Comparison, *, top: int = 20) -> str:
    """The report as Markdown.

    Parameters
    ----------
    cmp : Comparison
    top : int
        Rows per table.

    Examples
    --------
    >>> import policytext as pt
    >>> md = to_markdown(pt.compare("要推进改革。", "要推进改革。要发展新质生产力。"))
    >>> "## b 中新出现的提法（1）" in md, "| 新质生产力 | 词库 | 战略概念 |" in md
    (True, True)
    """
    out = [f"# {_md_cell(_report_title(cmp))}", ""]
    out += [f"- {_md_cell(line)}" for line in _header_lines(cmp)]
    for title, columns, rows in _tables(cmp, top):
        out += ["", f"## {title}", ""]
        if not rows:
            out.append(_NONE)
            continue
        cols = _labels(columns)
        out.append("| " + " | ".join(cols) + " |")
        out.append("|" + "|".join("---" for _ in cols) + "|")
        out += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(out) + "\n"


#: The page's style: reads on a phone (no width wider than the screen: text wraps, a table
#: scrolls sideways in its own box instead of widening the page).
_STYLE = ("body{font-family:'Noto Sans SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif;"
          "max-width:72em;margin:2em auto;padding:0 1em;line-height:1.6;overflow-wrap:break-word}"
          "table{border-collapse:collapse;margin:.5em 0 1.5em}th,td{border:1px solid #ccc;"
          "padding:.2em .5em;vertical-align:top;text-align:left}th{background:#f3f3f3;white-space:nowrap}"
          ".policytext-scroll>table{min-width:36em}"
          "@media (max-width:40em){body{margin:1em auto;padding:0 .75em}h2{font-size:1.3em}th,td{padding:.2em .3em}}")
#: Lets a phone lay the page out at its own width (without it, at about 980 px, zoomed out).
_VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1">'
#: The box of every table: scrolls sideways on a narrow screen (inline, so that a fragment has it too).
_SCROLL_BOX = '<div class="policytext-scroll" style="overflow-x:auto">'


@validate_params({"cmp": _CMP, "top": _TOP, "full": ["boolean"]})
def to_html(cmp: Comparison, *, top: int = 20, full: bool = True) -> str:
    """A self-contained HTML report (every piece of document text escaped).

    Parameters
    ----------
    cmp : Comparison
    top : int
        Rows per table.
    full : bool
        A whole page; ``False`` gives a ``<div>`` fragment (for a notebook:
        ``IPython.display.HTML(to_html(cmp, full=False))``).

    Examples
    --------
    >>> import policytext as pt
    >>> page = to_html(pt.compare("要推进改革。", "要发展新质生产力<script>。"))
    >>> "<script>" in page, "&lt;script&gt;" in page
    (False, True)
    """
    e = html.escape
    parts = [f"<h2>{e(_report_title(cmp))}</h2>", "<ul>"]
    parts += [f"<li>{e(line)}</li>" for line in _header_lines(cmp)]
    parts.append("</ul>")
    for title, columns, rows in _tables(cmp, top):
        parts.append(f"<h3>{e(title)}</h3>")
        if not rows:
            parts.append(f"<p>{_NONE}</p>")
            continue
        parts.append(f'{_SCROLL_BOX}<table class="policytext-comparison"><thead><tr>'
                     + "".join(f"<th>{e(c)}</th>" for c in _labels(columns)) + "</tr></thead><tbody>")
        parts += ["<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in rows]
        parts.append("</tbody></table></div>")
    body = "\n".join(parts)
    if not full:
        return f'<div class="policytext-comparison">\n{body}\n</div>'
    return (
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"{_VIEWPORT}\n<title>{e(_report_title(cmp))}</title>\n"
        f"<style>{_STYLE}</style>\n"
        f"</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


# -- Word -------------------------------------------------------------------------------------

#: Size of the Word file's body text (pt).
_FONT_SIZE = 10.5


def _docx_table(d: Any, columns: _Columns, rows: list[list[str]]) -> None:
    texts = [_labels(columns), *([xml_text(c) for c in row] for row in rows)]
    table = d.add_table(rows=len(texts), cols=len(columns))
    table.style = "Table Grid"
    for cells, line in zip(table.rows, texts):
        for cell, text in zip(cells.cells, line):
            cell.text = text
    for cell in table.rows[0].cells:
        for run in cell.paragraphs[0].runs:
            run.bold = True
    fit_columns(d, table, texts, [cap for _label, cap in columns], font_size=_FONT_SIZE)


def _docx_document(cmp: Comparison, top: int) -> Any:
    """The Word document (``docx.Document``), in memory."""
    title = xml_text(_report_title(cmp))
    d = new_document(title, font_size=_FONT_SIZE)
    d.add_heading(title, level=0)
    bullet = d.styles["List Bullet"]
    for line in _header_lines(cmp):
        d.add_paragraph(xml_text(line), style=bullet)
    for title, columns, rows in _tables(cmp, top):
        d.add_heading(title, level=1)
        if rows:
            _docx_table(d, columns, rows)
        else:
            d.add_paragraph(_NONE)
    return d


@validate_params({"cmp": _CMP, "path": ["path"], "top": _TOP})
def to_docx(cmp: Comparison, path: str | os.PathLike[str], *, top: int = 20) -> Path:
    """Write the report as a Word file (atomically); returns the path.

    The same parts as :func:`to_markdown`, as headings, a bulleted header and
    tables whose columns fit their text (header rows repeated on every page),
    on A4 in a Chinese font (宋体 body, 黑体 headings) with the East Asian
    language zh-CN; the report's title as the document's title,
    ``policytext`` as author.

    Examples
    --------
    >>> import policytext as pt, tempfile, pathlib
    >>> cmp = pt.compare("要推进改革。", "要推进改革。要发展新质生产力。")
    >>> with tempfile.TemporaryDirectory() as d:
    ...     to_docx(cmp, pathlib.Path(d) / "r.docx").read_bytes()[:2]
    b'PK'
    """
    d = _docx_document(cmp, top)
    out = Path(path)
    with atomic_path(out) as tmp:
        d.save(str(tmp))
    return out


@validate_params({"cmp": _CMP, "path": ["path"], "top": _TOP})
def write_comparison(cmp: Comparison, path: str | os.PathLike[str], *, top: int = 20) -> Path:
    """Write the report in the format the suffix of ``path`` names; returns the path.

    Parameters
    ----------
    cmp : Comparison
    path : str or path-like
        ``.md``/``.markdown`` (:func:`to_markdown`), ``.html``/``.htm``
        (:func:`to_html`) or ``.docx`` (:func:`to_docx`); the suffix is not
        case-sensitive.
    top : int
        Rows per table.

    Raises
    ------
    InvalidParameterError
        An unknown suffix (the message lists the valid ones).
    OutputError
        The file cannot be written (an earlier file there is left as it was).
    """
    out = Path(path)
    fmt = REPORT_SUFFIXES.get(out.suffix.lower())
    if fmt is None:
        raise InvalidParameterError.unknown("path suffix", "write_comparison", out.suffix or "(none)", REPORT_SUFFIXES)
    if fmt == "docx":
        return to_docx(cmp, out, top=top)
    text = to_markdown(cmp, top=top) if fmt == "md" else to_html(cmp, top=top)
    with atomic_path(out) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return out
