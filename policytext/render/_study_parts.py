"""The parts of a study outline that every format shares (private to :mod:`policytext.render.study_report`).

Which parts an outline has and how they are numbered, headings with their
numbers, summary sections grouped under their parts, and the rows of the
formulation table, as plain text; Markdown, HTML and Word escape and lay
them out.
"""

from __future__ import annotations

from collections.abc import Collection

from ..analysis.summary import PartSummary, SectionSummary, StudySummary, excerpt
from ..text.headings import int_to_cn

#: The pictures, in the order they are shown, with their captions.
IMAGE_CAPTIONS = {"wordcloud": "全文关键词词云", "graph": "重要概念共现网络"}
#: Separator of lists of terms: ``、`` occurs inside terms (政治强、业务精、作风优), ``；`` does not.
_TERM_SEP = "；"
_CATEGORY_NAMES = {
    "numbered": "数字化表述", "theory": "理论", "concept": "战略概念", "institution": "机构", "meeting": "会议",
    "document": "文件", "bianzhi": "机构编制", "action": "固定提法",
}
_FORMULATION_COLUMNS = ("提法", "类别", "次数", "内涵", "出处")


# -- parts ----------------------------------------------------------------------------

def _headless(summary: StudySummary) -> bool:
    """True for a document without headings (one pseudo-section, ``全文``)."""
    return len(summary.sections) == 1 and not summary.sections[0].id


def _parts(summary: StudySummary, images: Collection[str]) -> dict[str, str]:
    """Numbered titles of the parts that have content, in order: a part
    without content is left out and the others are numbered 一、二、… without
    gaps. ``images``: the pictures shown."""
    present = (
        ("outline", "内容提纲", bool(summary.outline)),
        ("preamble", "导语要点", bool(summary.preamble)),
        ("sections", "全文学习要点" if _headless(summary) else "分部分学习要点", bool(summary.sections)),
        ("closing", "结束语要点", bool(summary.closing)),
        ("formulations", "重要提法", bool(summary.formulations)),
        ("keywords", "全文关键词", bool(summary.keywords)),
        ("images", "图示", any(name in images for name in IMAGE_CAPTIONS)),
        ("quiz", "应知应会", bool(summary.quiz)),
    )
    kept = [(key, title) for key, title, ok in present if ok]
    return {key: f"{int_to_cn(i + 1)}、{title}" for i, (key, title) in enumerate(kept)}


def _title(label: str, heading: str) -> str:
    """A heading with its number: ``一、总则``, ``（一）总则``, ``第一部分 总则``, ``1. 总则``;
    an article (``第一条``) whose number is its heading only once.

    A part's heading may span lines (a title, then the speaker's name and post):
    they are joined by a space. A part with neither label nor heading is
    ``（无标题部分）``.

    >>> _title("一、", "总则"), _title("第一部分", "总则"), _title("第一条", "第一条")
    ('一、总则', '第一部分 总则', '第一条')
    >>> _title("", "述职报告\\n张三 副校长"), _title("", "")
    ('述职报告 张三 副校长', '（无标题部分）')
    """
    label, heading = label.strip(), " ".join(heading.split())
    if not label and not heading:
        return "（无标题部分）"
    if not label or label == heading:
        return heading or label
    if not heading:
        return label
    return f"{label}{heading}" if label[-1] in "、）)：:" else f"{label} {heading}"


def _groups(summary: StudySummary) -> list[tuple[PartSummary | None, list[SectionSummary]]]:
    """The summary sections in runs under their parts, in order (one run without a part when the
    document has no parts).

    >>> import policytext as pt
    >>> s = pt.summarize("一、甲\\n要学习。\\n二、乙\\n要落实。", pictures=False)
    >>> [(p, [x.id for x in run]) for p, run in _groups(s)]
    [(None, ['1', '2'])]
    """
    parts = {p.id: p for p in summary.parts}
    runs: list[tuple[PartSummary | None, list[SectionSummary]]] = []
    for sec in summary.sections:
        part = parts.get(sec.part)
        if runs and runs[-1][0] is part:
            runs[-1][1].append(sec)
        else:
            runs.append((part, [sec]))
    return runs


def _depth(summary: StudySummary, part: PartSummary | None, sec: SectionSummary) -> int:
    """Depth of a summary section's heading under 分部分学习要点: 1 (``###``), 2 in a part (``####``),
    0 for none (the pseudo-section 全文, a part summarised as one section)."""
    if part is None:
        return 0 if _headless(summary) else 1
    return 0 if sec.id == part.id else 2


def _category_name(category: str) -> str:
    return _CATEGORY_NAMES.get(category, category)


def _formulation_cells(summary: StudySummary) -> list[tuple[str, str, str, str, str]]:
    """The rows of the formulation table (plain text): each formulation as the document wrote it most
    (``FormulationItem.surface``), with the clauses around it."""
    return [(f.surface, _category_name(f.category), str(f.count), _TERM_SEP.join(f.expansion),
             excerpt(f.sentence, f.surface)) for f in summary.formulations]


def _facts(summary: StudySummary) -> list[str]:
    return [x for x in (summary.date, summary.kind) if x]
