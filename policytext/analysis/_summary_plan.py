"""The plan of a study outline (used by :mod:`policytext.analysis.summary`): which summary sections and
parts it has, how a location names them, and which repeated sentences it has listed.

* :func:`_plan`: the summary sections (units) of a document, with the list items that follow each, and
  per part its 导语 and 结束语;
* :func:`_outline`: the headings of the outline; :func:`_label`, :func:`_part_name`, :func:`_where`,
  :func:`_part_title`: how a heading's number, a section and a part are named (``一、``, ``第二部分``,
  ``附件1第一部分``; a heading without a number, a Word heading style or an article by its heading);
* :class:`_Listed` and :func:`same_text`: a sentence the document repeats is listed once, at the first
  place the outline reads it, naming the others (``又见…``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..text.document import Document, Section, Sentence
from ..text.headings import int_to_cn

__all__ = ["same_text"]

# -- summary sections and parts -------------------------------------------------------------

@dataclass
class _Unit:
    """A summary section and the sentences of the list items that follow it at its level."""

    sec: Section
    extra: list[Sentence] = field(default_factory=list)
    skip: frozenset[int] = frozenset()


@dataclass
class _Plan:
    """What :func:`~policytext.analysis.summary.summarize` summarises: the document's 导语 (its preamble
    and the list items before the first unit), the summary sections, and per part
    ``(part, 导语, 结束语, its name)``."""

    lead: list[Sentence]
    units: list[_Unit]
    parts: list[tuple[Section, list[Sentence], list[Sentence], str]]


def _level(children: Sequence[Section]) -> tuple[list[Sentence], list[_Unit]]:
    """The units among sibling sections: every one but list items, whose sentences go to the unit
    before them, or (before the first unit) to the returned lead."""
    lead: list[Sentence] = []
    units: list[_Unit] = []
    for c in children:
        if c.kind == "item":
            (units[-1].extra if units else lead).extend(c.sentences)
        else:
            units.append(_Unit(c))
    return lead, units


def _plan(doc: Document) -> _Plan:
    """The summary sections of ``doc``.

    A part with sections is a heading level: its sections are the units, its
    own text before them its 导语 and after them its 结束语. A part without
    sections (only text, or only list items) is one unit, and its own text
    after its list items its 结束语.

    >>> import policytext as pt
    >>> doc = pt.parse("通知\\n一、时间\\n周一。\\n二、地点\\n礼堂。\\n某某中学\\n2022年11月17日\\n"
    ...                "附件1：报名表\\n请认真填写。\\n一、姓名\\n填写。\\n二、班级\\n填写。")
    >>> plan = _plan(doc)
    >>> [u.sec.id for u in plan.units], [(p.id, [s.text for s in pre], where) for p, pre, _, where in plan.parts]
    (['1.1', '1.2', '2.1', '2.2'], [('1', [], '第一篇'), ('2', ['请认真填写。'], '附件1')])
    """
    lead_items: list[Sentence] = []
    units: list[_Unit] = []
    parts: list[tuple[Section, list[Sentence], list[Sentence], str]] = []
    for top in doc.sections:
        if top.kind != "part":
            lead, found = _level([top])
            (units[-1].extra if units else lead_items).extend(lead)
            units += found
            continue
        lead, found = _level(top.children)
        where = _part_where(doc, top)
        first = (found[0].sec if found else top.children[0]).start if top.children else top.end + 1
        own = top.own_sentences
        post = [s for s in own if s.start >= first]  # after a closing paragraph ended the sections
        if not found:  # a part without sections of its own is one summary section
            units.append(_Unit(top, skip=frozenset(s.index for s in post)))
            parts.append((top, [], post, where))
            continue
        pre = sorted([*(s for s in own if s.start < first), *lead], key=lambda s: s.index)
        parts.append((top, pre, post, where))
        units += found
    lead = sorted([*doc.preamble, *lead_items], key=lambda s: s.index) if lead_items else list(doc.preamble)
    return _Plan(lead, units, parts)


def _top(doc: Document, sec: Section) -> Section:
    """The top-level section (maybe a part) that holds ``sec``."""
    return next((t for t in doc.sections if t.path == sec.path[:1]), sec)


def _part_where(doc: Document, part: Section) -> str:
    """How a location names a part: its label when it is numbered and unique (``附件1``), else
    ``第N篇`` (N: its place on the page)."""
    label = part.label.strip()
    if re.search(r"[0-9一二三四五六七八九十]", label) and sum(p.label.strip() == label for p in doc.parts) == 1:
        return label
    return f"第{int_to_cn(part.path[0])}篇"


def _where(doc: Document, sec: Section) -> str:
    """How a location names a summary section: ``第一部分``; in a part, the part first (``附件1第一部分``)."""
    top = _top(doc, sec)
    if top.kind != "part":
        return _part_name(sec)
    return _part_where(doc, top) + ("" if top is sec else _part_name(sec))


def _one_line(text: str) -> str:
    """A heading on one line (a part's heading lines joined by spaces)."""
    return " ".join(text.split()) if "\n" in text else text


def _part_title(part: Section) -> str:
    """A part's heading as a reader sees it (see :class:`PartSummary`)."""
    heading, label = " ".join(part.heading.split()), part.label.strip()
    if heading:
        return heading if not label or heading.startswith(label) else f"{label} {heading}"
    return label or f"第{int_to_cn(part.path[0])}篇"


def _outline(doc: Document) -> tuple[tuple[int, str, str, str], ...]:
    """``(level, id, label, heading)`` of the headings of levels 1–2 (with parts: 1–3), list items and
    what they hold left out; a part has label ``""`` and its :func:`_part_title` as heading."""
    depth = 3 if doc.parts else 2
    out: list[tuple[int, str, str, str]] = []

    def visit(secs: Sequence[Section]) -> None:
        for sec in secs:
            if sec.kind == "item" or sec.level > depth:
                continue
            if sec.kind == "part":
                out.append((sec.level, sec.id, "", _part_title(sec)))
            else:
                out.append((sec.level, sec.id, _label(sec), _one_line(sec.heading)))
            visit(sec.children)

    visit(doc.sections)
    return tuple(out)


def _label(sec: Section) -> str:
    """The number of a heading as written before it: ``一、``, ``（一）``, ``1.``, ``第一部分``, ``第一条``."""
    return {"cn": f"{sec.label}、", "cn_paren": f"（{sec.label}）", "num": f"{sec.label}.",
            "num_paren": f"（{sec.label}）", "part": f"第{sec.label}部分",
            "article": sec.heading}.get(sec.marker, sec.label)


def _part_name(sec: Section) -> str:
    """How a reader names a summary section in a location: 第一部分, 第3部分; by its heading when its number
    is not a part's (an article, 第一条) or it has none (a Word heading style, marker ``"style"``); by its
    place (第N部分) when it has neither.

    >>> import policytext as pt
    >>> [_part_name(s) for s in pt.parse("一、学习\\n要学习。\\n二、落实\\n要落实。").sections]
    ['第一部分', '第二部分']
    >>> [_part_name(s) for s in pt.parse("第一条 为了规范管理，制定本办法。\\n第二条 本办法适用于各部门。").sections]
    ['第一条', '第二条']
    """
    label = sec.label.strip()
    if sec.marker in ("article", "style") or not label:
        return _one_line(sec.heading).strip() or f"第{int_to_cn(sec.path[-1])}部分"
    return f"第{label}部分"



# -- sentences the document repeats ---------------------------------------------------------

class _Listed:
    """Which repeated sentences the outline lists already, and where the document has each.

    Two sentences are the same when their texts are after NFKC normalisation and without whitespace
    (:func:`same_text`). Only texts the document has more than once are tracked: for a document
    without repeated sentences (or without a ``plan``: nothing tracked) nothing changes. A repeated
    sentence is listed once, at the first place the outline reads it; its location then names the other
    places too (``又见…``)."""

    def __init__(self, doc: Document, plan: _Plan | None) -> None:
        groups: dict[str, list[int]] = {}
        for s in doc.sentences if plan is not None else ():
            groups.setdefault(same_text(s.text), []).append(s.index)
        self.key = {i: t for t, idx in groups.items() if len(idx) > 1 for i in idx}
        self.copies = {t: idx for t, idx in groups.items() if len(idx) > 1}
        self.listed: set[str] = set()
        self.places = _places(doc, plan, set(self.key)) if plan is not None and self.key else {}

    def fresh(self, idx: Sequence[int], js: Iterable[int]) -> list[int]:
        """The positions ``js`` (of the sentences ``idx``) not listed yet, a repeat inside them once (the first)."""
        out, here = [], set()
        for j in js:
            t = self.key.get(idx[j])
            if t is None:
                out.append(j)
            elif t not in self.listed and t not in here:
                here.add(t)
                out.append(j)
        return out

    def take(self, indices: Iterable[int]) -> None:
        """Mark the sentences ``indices`` (of ``doc.sentences``) as listed."""
        self.listed.update(self.key[i] for i in indices if i in self.key)

    def also(self, i: int) -> str:
        """``"；又见…"``: the other places of a repeated sentence (at most three named, then how many)."""
        t = self.key.get(i)
        if t is None:
            return ""
        others = [self.places[x] for x in self.copies[t] if x != i and x in self.places]
        if not others:
            return ""
        shown = "、".join(others[:3])
        return f"；又见{shown}" + (f"等{len(others)}处" if len(others) > 3 else "")


def same_text(text: str) -> str:
    """What makes two sentences the same for an outline: the text in NFKC form without whitespace.

    >>> same_text("要 坚持学习。") == same_text("要坚持学习。")
    True
    """
    import unicodedata

    return "".join(unicodedata.normalize("NFKC", text).split())


def _places(doc: Document, plan: _Plan, wanted: set[int]) -> dict[int, str]:
    """Where a reader finds each sentence of ``wanted`` (indices), as locations name it (``第二部分，第3句``)."""
    out: dict[int, str] = {}

    def note(sents: Sequence[Sentence], where: str) -> None:
        for j, s in enumerate(sents):
            if s.index in wanted:
                out.setdefault(s.index, f"{where}，第{j + 1}句")

    if not plan.units:
        note(doc.sentences, "全文")
        return out
    note(plan.lead, "导语")
    for _part, pre, post, where in plan.parts:
        note(pre, f"{where}导语")
        note(post, f"{where}结束语")
    for u in plan.units:
        note(_unit_sentences(u.sec, u.extra, u.skip), _where(doc, u.sec))
    note(doc.closing, "结束语")
    return out


def _unit_sentences(sec: Section, extra: Sequence[Sentence], skip: Iterable[int]) -> list[Sentence]:
    """The sentences a summary section ranks: its own and its list items' (``extra``), without ``skip``."""
    sents = sorted([*sec.sentences, *extra], key=lambda s: s.index) if extra else list(sec.sentences)
    if skip:
        skipped = set(skip)
        sents = [s for s in sents if s.index not in skipped]
    return sents
