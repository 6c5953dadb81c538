"""A learned gate over the task rule's evidence (issue 15 item 6): cheap features and a logistic model.

The rule (:func:`policytext.text.tasks.task_marker` and :func:`~policytext.text.tasks.apply_context`) decides
``Sentence.is_task``. This module reads, for every sentence of a parsed document, the rule's own outputs (the
marker's kind, whether the document's context dropped or added it), the context the rule reads (the titles'
genre, the document's and the section's ``"report"``/``"plan"`` state, :func:`~policytext.text.tasks.report_shape`),
the sentence's place and length, and a few dozen cues chosen from the grammar of Chinese official and news prose
(perfective and past cues, first-person subjects, quotation, dates and figures, speech verbs, permission, goals),
not from the labelled sentences' surface. :func:`features` returns them as rows of :data:`FEATURES`;
:func:`scores` is the model's dot product (weights :data:`WEIGHTS`, fitted offline by
``benchmarks/fit_task_gate.py`` with a leave-one-set-out rotation over the five task label sets that chose
rules; no sklearn at run time).

The parser does not use the gate: over the rotation it did not beat the rule by the margin set in advance
(``benchmarks/fit_task_gate.py`` prints the table), so ``Sentence.is_task`` stays the rule's.

>>> import policytext as pt
>>> doc = pt.parse("关于开展读书活动的通知\\n各班要组织学生读书。\\n活动于5月底前结束。")
>>> rows = features(doc)
>>> len(rows) == len(doc.sentences) and all(len(r) == len(FEATURES) for r in rows)
True
>>> [round(p, 2) > 0.5 for p in scores(doc)]
[True, True]
"""

from __future__ import annotations

import math
import re
from re import Pattern
from typing import TYPE_CHECKING

from policytext.text.tasks import (
    RE_DIRECTIVE_GENRE,
    RE_PERFECTIVE,
    RE_TASK_LEAD,
    context_states,
    report_shape,
    task_marker,
)

if TYPE_CHECKING:
    from .document import Document, Sentence

__all__ = ["FEATURES", "WEIGHTS", "BIAS", "features", "scores"]

_MODALS = frozenset({"要", "必须", "务必", "应当", "应", "须", "需", "需要", "应该", "一定要"})
_PROHIBITIONS = frozenset({"不得", "严禁", "禁止", "不准"})
_DIRECTING = frozenset({"决定", "建议", "号召", "要求", "叮嘱", "嘱咐", "责成", "有必要"})

#: Word cues: name → pattern (searched in the sentence). Chosen from grammar, not from labelled sentences.
_CUES: dict[str, Pattern[str]] = {name: re.compile(p) for name, p in (
    ("perfective_le", "了"),                          # 了 anywhere (RE_PERFECTIVE is a separate feature)
    ("past_adverb", "已经|已(?![知])|曾经|曾(?![经])"),  # 已/曾: done before now
    ("serial_past", "先后|相继|累计|共计|先期"),         # counting what was done
    ("comparison_stat", "同比|环比|比上年|增长|下降"),     # statistics of change
    ("figure", r"\d+(?:\.\d+)?\s*(?:%|％|万|亿|余|多)"),  # figures with a unit
    ("date", r"\d{4}年|\d{1,2}月\d{1,2}日"),           # a dated event
    ("first_person_plural", "我们|咱们"),
    ("first_person_unit", "我校|我院|我市|我区|我县|我省|我局|我委|我部"),
    ("first_person", "我(?![们校院市区县省局委部国])"),
    ("second_person", "你们|您|你(?!们)"),
    ("vocative", "同志们|同学们|老师们|各位|大家"),
    ("speech_verb", "表示|指出|强调|认为|提出|说|称"),
    ("news_frame", "记者|报道|日电|新华社|央视|据悉|获悉"),
    ("quote_open", "“"),
    ("book_title", "《"),
    ("copula", "是"),
    ("permission", "可以|可(?![能是见谓])|能够"),
    ("negated_ability", "不能|不可|只能|不会"),
    ("goal", "力争|争取|目标|确保"),
    ("deontic_adverb", "切实|认真|严格|积极|务实|扎实|着力|进一步|全面|坚定"),
    ("result_verb", "取得|实现了|完成了|达到了|获得|荣获|成为"),
    ("deadline", "之前|以前|截止|前完成|前报"),
    ("score", r"[加扣减]\d+分|\d+分"),
    ("experience", "感到|觉得|感受|体会|认识到|懂得|明白"),
    ("meeting", "会议|全会|常委会|座谈会|大会"),
    ("purpose", "为了|旨在|以便|从而"),
    ("condition", "如果|若|凡|对于"),
    ("enumerated", r"^(?:[（(]?[0-9一二三四五六七八九十]{1,3}[)）、.．]|[一二三四五六七八九十]是|——)"),
    ("colon", "：|:"),
    ("semicolon_end", "；$"),
)}

#: Feature names, in the order of :func:`features`' rows.
FEATURES: tuple[str, ...] = (
    "rule_task", "raw_task", "demoted", "added",
    "m_modal", "m_prohibit", "m_request", "m_weak", "m_lead", "m_future", "m_rule", "m_directing",
    "title_directive", "doc_plan", "doc_report", "sec_plan", "sec_report", "shape_report", "preamble",
    "doc_modal_share", "doc_task_share", "rel_pos", "log_len", "digit_share", "question", "perfective",
    "opens_with_verb", *_CUES,
)


def _kind(marker: str | None) -> str | None:
    """The feature name of a marker's kind, or ``None``."""
    if marker is None:
        return None
    if marker.startswith("lead:"):
        return "m_lead"
    if marker.startswith("rule:"):
        return "m_rule"
    if marker == "将":
        return "m_future"
    if marker == "坚决":
        return "m_weak"
    if marker in ("请", "希望"):
        return "m_request"
    if marker in _PROHIBITIONS:
        return "m_prohibit"
    if marker in _DIRECTING:
        return "m_directing"
    return "m_modal"  # 要, 必须, 应当, 须, 需要 … (_MODALS)


def _row(s: Sentence, raw: str | None, doc_info: dict[str, float], state: str | None, n: int) -> list[float]:
    text = s.text
    f = dict.fromkeys(FEATURES, 0.0)
    f.update(doc_info)
    f["rule_task"] = float(s.task is not None)
    f["raw_task"] = float(raw is not None)
    f["demoted"] = float(raw is not None and s.task is None)
    f["added"] = float(raw is None and s.task is not None)
    kind = _kind(s.task) or _kind(raw)  # a demoted marker still says what the sentence looked like
    if kind:
        f[kind] = 1.0
    f["sec_plan"] = float(state == "plan")
    f["sec_report"] = float(state == "report")
    f["preamble"] = float(s.section is None)
    f["rel_pos"] = s.index / max(1, n - 1)
    f["log_len"] = math.log1p(len(text)) / 5.0
    f["digit_share"] = sum(c.isdigit() for c in text) / max(1, len(text))
    f["question"] = float(text.rstrip().endswith(("？", "?")))
    f["perfective"] = float("了" in text and RE_PERFECTIVE.search(text) is not None)
    f["opens_with_verb"] = float(RE_TASK_LEAD.match(text) is not None)
    for name, pattern in _CUES.items():
        f[name] = float(pattern.search(text) is not None)
    return [f[name] for name in FEATURES]


def features(doc: Document) -> list[list[float]]:
    """One row of :data:`FEATURES` per sentence of ``doc`` (floats, in ``doc.sentences`` order).

    >>> import policytext as pt
    >>> doc = pt.parse("2023年度述职报告\\n一、工作情况\\n组织开展知识竞赛。")
    >>> row = dict(zip(FEATURES, features(doc)[0]))
    >>> row["raw_task"], row["rule_task"], row["demoted"], row["m_lead"], row["doc_report"]
    (1.0, 0.0, 1.0, 1.0, 1.0)
    """
    sentences = doc.sentences
    titles = (doc.metadata.get("doc_title"), doc.title)
    doc_state, states = context_states(titles, doc.sections, sentences)
    raws = [task_marker(s.text) for s in sentences]
    n = len(sentences)
    modal = sum(1 for r in raws if r is not None and _kind(r) in ("m_modal", "m_prohibit", "m_request"))
    doc_info = {
        "title_directive": float(any(t and RE_DIRECTIVE_GENRE.search(t) for t in titles)),
        "doc_plan": float(doc_state == "plan"),
        "doc_report": float(doc_state == "report"),
        "shape_report": float(report_shape(sentences)),
        "doc_modal_share": modal / max(1, n),
        "doc_task_share": sum(s.task is not None for s in sentences) / max(1, n),
    }
    return [_row(s, raw, doc_info, states.get(id(s.section), doc_state) if s.section is not None else doc_state, n)
            for s, raw in zip(sentences, raws)]


def scores(doc: Document) -> list[float]:
    """The gate's probability that each sentence of ``doc`` is a task (:data:`WEIGHTS`, :data:`BIAS`)."""
    out = []
    for row in features(doc):
        z = BIAS + sum(w * x for w, x in zip(_VECTOR, row))
        out.append(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))))
    return out


# -- weights: written by ``python benchmarks/fit_task_gate.py --write`` (do not edit by hand) --------------
# BEGIN WEIGHTS
# fitted on dev, fresh, third, fourth, fifth (1300 sentences), C=0.3, class_weight=None
BIAS: float = -3.388612
WEIGHTS: dict[str, float] = {
    'rule_task': 2.621950,
    'raw_task': 1.632495,
    'demoted': -0.316340,
    'added': 0.673115,
    'm_modal': 0.721136,
    'm_prohibit': -0.035229,
    'm_request': 0.180145,
    'm_weak': 0.119512,
    'm_lead': -0.138426,
    'm_future': 0.305655,
    'm_rule': 0.746269,
    'm_directing': 0.406549,
    'title_directive': 0.454284,
    'doc_plan': 0.374272,
    'doc_report': -0.247693,
    'sec_plan': 0.952546,
    'sec_report': -0.746779,
    'shape_report': -0.547426,
    'preamble': -0.052767,
    'doc_modal_share': 0.160644,
    'doc_task_share': 1.180704,
    'rel_pos': 0.436262,
    'log_len': 0.060660,
    'digit_share': -0.140016,
    'question': -0.140125,
    'perfective': -0.559562,
    'opens_with_verb': 0.097932,
    'perfective_le': -0.352731,
    'past_adverb': -0.271993,
    'serial_past': 0.107136,
    'comparison_stat': 0.004708,
    'figure': -0.147965,
    'date': -0.343296,
    'first_person_plural': -0.494157,
    'first_person_unit': -0.205811,
    'first_person': -0.455568,
    'second_person': 0.008025,
    'vocative': -0.038285,
    'speech_verb': -0.244878,
    'news_frame': -0.255196,
    'quote_open': -0.073688,
    'book_title': -0.022657,
    'copula': -0.593977,
    'permission': 0.213360,
    'negated_ability': 0.583916,
    'goal': -0.061409,
    'deontic_adverb': 0.174266,
    'result_verb': -0.200345,
    'deadline': -0.163820,
    'score': 0.531375,
    'experience': -0.191447,
    'meeting': -0.104540,
    'purpose': 0.057039,
    'condition': -0.246268,
    'enumerated': -0.027189,
    'colon': -0.586325,
    'semicolon_end': -0.181857,
}
# END WEIGHTS

_VECTOR: tuple[float, ...] = tuple(WEIGHTS.get(name, 0.0) for name in FEATURES)
