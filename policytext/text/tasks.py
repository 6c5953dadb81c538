"""Task sentences (directives): the rules that decide whether a sentence asks for action.

A sentence is a *task* when it carries a modal directive (要, 必须, 务必, 应当,
坚决, 需要, 须, 应该) outside common compounds, or opens with an imperative
verb (坚持, 推进, 加快 …) in a clause that is not a statement with the copula
是 and does not follow a subject. A reported achievement (``五年来，…``,
``我们…取得了…``) is a task only with an explicit modal. The parser stores the
marker on every :class:`~policytext.text.document.Sentence` (``Sentence.task``)
so that a researcher can audit each decision.

The rules live in typed regex constants so that they can be read and tested
on their own; :func:`task_marker` applies them.

>>> task_marker("要加强组织领导。"), task_marker("深化事业单位改革。"), task_marker("形势很好。")
('要', 'lead:深化', None)
"""

from __future__ import annotations

import re
from re import Pattern
from sys import intern

from .headings import FORMULATION_NUMERALS as _NUM

__all__ = ["task_marker", "RE_TASK_MODAL", "RE_TASK_LEAD", "RE_RETROSPECTIVE"]

#: Modal directive markers anywhere in a sentence. ``要`` counts unless it is part
#: of a common compound (重要, 主要, 需要的, 要求, 要素, 纲要 …).
RE_TASK_MODAL: Pattern[str] = re.compile(
    r"(?P<m>必须|务必|应当|一定要|坚决|(?<![重主需纲提摘概简首机险紧只想扼枢])要(?![求素点闻件务害领略义旨员道职案塞地冲紧是么事])|需要(?![的。，])|须(?![知臾])|应该)"
)
_RE_MODAL_START: Pattern[str] = re.compile("[必务应一坚要需须]")
_RE_CLAUSE_END: Pattern[str] = re.compile("[，,；;。！？]")
#: The copula of a statement (发展是第一要务), not 是 inside 实事求是, 特别是, 就是, 房子是用来住的 ….
_RE_COPULA: Pattern[str] = re.compile("(?<![就别求或还而只都正凡总于但其也即要更则便])是(?!用来|否|非)")
#: A prefix before the leading verb that is a clause with a subject, not an adverbial.
_RE_SUBJECT: Pattern[str] = re.compile("(?:我们|我国|我|他们|他|她|它|这|其)")
#: Sentences that open (after an optional short adverbial ending in ``，``) with
#: an imperative verb are directives too, as in decisions and work plans.
RE_TASK_LEAD: Pattern[str] = re.compile(
    r"^(?:[^，。；]{1,12}，)?(?P<m>坚持|推进|推动|加快|健全|完善|加强|深化|构建|实施|建立|强化|优化|提高|提升|"
    r"促进|落实|支持|统筹|扩大|发展|发挥|全面|着力|抓好|做好|坚定|持续|深入|大力|扎实|积极|切实|稳步|有序|"
    r"探索|创新|规范|严格|严肃|引导|鼓励|巩固|培育|打造|维护|保障|确保|防范|开展|围绕|聚焦|贯彻|把)"
)
#: Markers that also describe what was done (坚决打赢…, 全面推进…): not a task in a reported
#: achievement (:data:`RE_RETROSPECTIVE`).
_WEAK_MODALS = frozenset({"坚决"})
#: A reported achievement: a sentence that opens with a retrospective time adverbial
#: (五年来，/ 过去一年，/ 党的十八大以来，), with a communiqué's review of past work
#: (一致认为，/ 全会充分肯定…), or with 我们/我国 and reports a result (了, 取得).
RE_RETROSPECTIVE: Pattern[str] = re.compile(
    rf"^(?:(?:过去|这|近)?[{_NUM}百\d]+年(?:来|以来|间|中|里)"
    rf"|过去(?:[{_NUM}\d]+年|一年|的一年)|[^，。；]{{1,20}}以来[，,]"
    r"|(?:全会)?(?:一致认为|充分肯定|高度评价)"
    r"|(?:我们|我国)[^。；]*(?:了|取得))"
)


def task_marker(sentence: str) -> str | None:
    """Return the directive marker of a sentence, or ``None``.

    A sentence is a task when it contains a modal marker (要, 必须, 务必, 应当,
    坚决, 需要, 须) outside common compounds (重要, 主要, 要求, 要事 …), or opens
    with an imperative verb (坚持, 推进, 加快, 健全 …; the marker is then
    ``"lead:<verb>"``) whose clause is not a statement with the copula 是
    (``全面依法治国是…``; 实事求是, 特别是, 就是 do not count) and does not follow a subject clause
    (``我们完善…，积极…``). A reported achievement (:data:`RE_RETROSPECTIVE`:
    ``五年来，…`` / ``过去一年，…`` / ``我们…取得了…``) is a task only with an
    explicit modal (要, 必须 …), not by 坚决 or a leading verb. The marker lets
    a researcher audit each decision.

    >>> task_marker("要加强组织领导。"), task_marker("这是重要的会议。")
    ('要', None)
    >>> task_marker("深化事业单位改革。")
    'lead:深化'
    >>> task_marker("五年来，我们坚决打赢脱贫攻坚战。"), task_marker("我们坚决打赢脱贫攻坚战。")
    (None, '坚决')
    >>> task_marker("党的二十大报告强调，全面依法治国是国家治理的一场深刻革命。")
    """
    # jump to the first character that can start a modal marker (a single
    # character class scans far faster than the marker alternation)
    retro: bool | None = None  # computed when first needed
    c = _RE_MODAL_START.search(sentence)
    while c is not None:
        m = RE_TASK_MODAL.match(sentence, c.start())
        if m:
            if m.group("m") not in _WEAK_MODALS:
                return intern(m.group("m"))
            if retro is None:
                retro = RE_RETROSPECTIVE.match(sentence) is not None
            if not retro:
                return intern(m.group("m"))
        c = _RE_MODAL_START.search(sentence, c.start() + 1)
    m = RE_TASK_LEAD.match(sentence)
    if m:
        prefix = sentence[:m.start("m")]
        clause = _RE_CLAUSE_END.split(sentence[m.end("m"):], maxsplit=1)[0]
        if _RE_COPULA.search(clause) or _RE_SUBJECT.match(prefix):
            return None
        if retro is None:
            retro = RE_RETROSPECTIVE.match(sentence) is not None
        if not retro:
            return intern("lead:" + m.group("m"))  # one string per marker, not one per sentence
    return None
