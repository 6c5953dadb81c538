"""Task sentences (directives): the rules that decide whether a sentence asks for action.

A sentence is a *task* when it carries a modal directive (要, 必须, 应当, 需要, 须 …), a prohibition (不得, 严禁,
勿 …) or a request (请; 希望 opening it) outside common compounds (重要, 要求, 申请, 相应, 无需 …); when it opens with
an imperative verb phrase and has no subject (``稳定粮食播种面积，主攻单产…``, ``逐步提高…``, ``（1）组织…``: after a
list number, a short adverbial, prepositional phrases, a frame ``以…为主要内容``, an adverb, an addressee ``各支部``
or an object with 对); when it plans an action with 将 (``党中央将举办…``, not 必将 nor the object marker of
``将…纳入``); or when it reports what a meeting or an organ directs (:data:`RE_DIRECTING`: decides, agrees, proposes,
calls on, urges, instructs an addressee), what a released text requires (``意见要求…``) or what is necessary.

A modal does not direct when it asks whether, in a host's line, in an intention a group expressed
(``与会人员表示，要…``), in a purpose that explains (``…就是要…``), when it is habitual or sure (``往往要``,
``肯定要``), inside a title (``《…要两手抓》``), or when it quotes a named text or is dated history
(``2014年1月，…强调，要…``); a released text (``《意见》强调，要…``) directs through it. A target, a wish for an
outcome (``希望…取得更多成就``) and a willingness (``愿同…一道``) are no orders.

A leading verb does not make a task in a statement with the copula 是, after a subject (``我们完善…``), in a report
of what was done (a retrospective opening, a perfective 了), when its phrase is a topic (``…，关键在党``,
``做好…工作，直接关系…``, ``…符合各方利益``), a name (``教育部…``, ``考核小组…``), a label (``参加人员：…``) or a
roll call (``参加会议的有…``). A question is never a task; a verb alone (a cell cut from a table) is no clause.

Context (:func:`apply_context`, applied by ``policytext.text.structure`` once the sections are known): in a document
or section that reports work done (述职, 总结, 回顾 …: :func:`heading_context`, or by its shape,
:func:`report_shape`) imperative wording describes and loses its marker unless it looks forward
(:func:`reported_in_context`). Under a title of a directing genre (通知, 方案, 规程 …: :data:`RE_DIRECTIVE_GENRE`), a
sentence without a marker is a task when it has the shape of an arrangement (:func:`arrangement_marker`: who does
what, by when, what follows; marker ``"rule:<cue>"``), when a later clause continues with a leading verb
(:func:`later_lead`), or when it stands under a heading of requirements (``推荐条件``, ``评分标准``: marker
``"rule:条件"``). The marker is stored on every :class:`~policytext.text.document.Sentence` (``Sentence.task``) so
that a researcher can audit each decision. The rules live in typed regex constants, the word lists in
:mod:`policytext.text._task_words`.

>>> task_marker("要加强组织领导。"), task_marker("深化事业单位改革。"), task_marker("形势很好。")
('要', 'lead:深化', None)
>>> task_marker("逐步提高城乡居民基本养老保险基础养老金。")
'lead:提高'
"""

from __future__ import annotations

import re
from re import Pattern
from sys import intern
from typing import TYPE_CHECKING

from . import _task_readings as rd
from ._task_shapes import (
    _RE_PLAN_DONE,
    _RE_TITLE_TOPIC,
    RE_DIRECTIVE_GENRE,
    RE_FORWARD,
    RE_ITEM,
    RE_PLAN_HEADING,
    RE_REPORT_HEADING,
    RE_REPORT_OPENING,
    RE_RETROSPECTIVE,
    RE_RULE_HEADING,
    RE_SPEECH_FRAME,
    RE_TASK_MODAL,
    consequence_topic,
    existential_yao,
    first_person_account,
    modal_matches,
    rule_sections,
    subject_in_prefix,
    target_year,
)
from ._task_shapes import RE_CITED as _RE_CITED
from ._task_shapes import RE_INTENDED as _RE_INTENDED
from ._task_shapes import RE_MODAL_START as _RE_MODAL_START
from ._task_shapes import RE_NOTICE_REQUIRES as _RE_NOTICE_REQUIRES
from ._task_shapes import RE_NOUN_AFTER_VERB as _RE_NOUN_AFTER_VERB
from ._task_shapes import RE_RELEASE_REQUIRES as _RE_RELEASE_REQUIRES
from ._task_shapes import RE_RELEASED as _RE_RELEASED
from ._task_shapes import RE_RELEASED_PLAIN as _RE_RELEASED_PLAIN
from ._task_shapes import RETROSPECTIVE_OPENINGS as _RETROSPECTIVE_OPENINGS
from ._task_shapes import retrospective as _retrospective
from ._task_words import (
    ADDRESSEE,
    ADVERBS,
    AGENT_VERBS,
    ALT_ADV,
    ALT_VERBS,
    ARRANGEMENT_SHAPES,
    FRAME,
    GROUP_SPEAKER,
    LEAD_VERBS,
    NOT_MODAL_BEFORE_YAO,
    ORGAN_VERBS,
    PREP_BODY,
    PREPOSITIONS,
    ROLL_CALL,
    TOPIC_AFTER_COMMA,
    TOPIC_VALUE,
    WISH,
    first_chars,
)
from .headings import FORMULATION_NUMERALS as _NUM

if TYPE_CHECKING:
    from .document import Section, Sentence

__all__ = ["task_marker", "heading_context", "reported_in_context", "apply_report_context", "apply_context",
           "report_shape", "context_states", "RE_REPORT_OPENING", "RE_ITEM", "RE_SPEECH_FRAME",
           "arrangement_marker", "RE_ARRANGEMENT", "RE_DIRECTIVE_GENRE", "RE_TASK_MODAL",
           "RE_TASK_LEAD", "RE_RETROSPECTIVE", "RE_PERFECTIVE", "RE_FUTURE", "RE_REPORT_HEADING", "RE_PLAN_HEADING",
           "RE_FORWARD", "LEAD_VERBS", "later_lead", "RE_RULE_HEADING"]

_RE_CLAUSE_END: Pattern[str] = re.compile("[，,；;。！？]")
#: The copula of a statement (发展是第一要务), not 是 inside 实事求是, 特别是, 就是, 房子是用来住的 ….
_RE_COPULA: Pattern[str] = re.compile("是(?<![就别求或还而只都正凡总于但其也即要更则便]是)(?!用来|否|非)")
#: A later clause that opens with the copula: ``全面从严治党，是…的战略部署``.
_RE_CLAUSE_COPULA: Pattern[str] = re.compile("[，,](?:就|也|更|都|正|才|首先|而)?是(?!否|非)")
#: A last clause that says where the point lies makes the opening verb phrase a topic, not an order:
#: ``全面建设社会主义现代化国家…，关键在党`` / ``…，根本在于…`` / ``…，重点是…`` (matched at the last comma).
_POINT_WORDS = ("关键", "根本", "核心", "重点", "要害", "前提", "基础", "目的", "实质", "出路", "根子", "要义")
_RE_CLAUSE_POINT: Pattern[str] = re.compile(f"，(?:{'|'.join(_POINT_WORDS)})(?:在于|在|是)")
_RE_GROUP_SPEAKER: Pattern[str] = re.compile(GROUP_SPEAKER)
#: A modal that reports what someone said (``…提出要加快…``, ``强调，要…``): weak, like 坚决.
_RE_SPEECH_BEFORE: Pattern[str] = re.compile("(?:提出|指出|强调|要求)[，,：:]?$")
_SPEECH_LAST = "出调求，,：:"  # the last character before 要 that :data:`_RE_SPEECH_BEFORE` can end with
#: A speech verb before a modal in a sentence dated in the past (``同年11月…指出…，必须…``, ``党的十八大以来，…
#: 强调…要…``, ``自参加工作以来，该同志一直要求自己…都要…``): the history of what was said, not a directive.
_RE_SPEECH_VERB: Pattern[str] = re.compile("指出|强调|提出|要求(?<![照按据的]要求)(?![、和与的])")  # literals first
#: A frame that states a view (``全会认为，``, ``一致认为，``): the modals after it say what is judged, not done.
_RE_OPINION: Pattern[str] = re.compile("^[^，,。；]{0,12}认为[，,：:]")
#: A modal inside a noun phrase or a 的-clause (``需要调整的事项``, ``禁止的情形``, ``要服务的重点``, ``…需要调整的，``:
#: the modal and at most one two-character verb, not a coverb 把/对/在 …, then 的) or after a perfective speech verb
#: (``规定了…，禁止…``): it describes, so it is weak (like 坚决).
_RE_ATTRIBUTIVE: Pattern[str] = re.compile(
    r"(?:[^把对在让使为将以从与向和是有给被跟同按由\W\d][\u4e00-\u9fff])?的(?=[\u4e00-\u9fff，,])")
_RE_SPEECH_PERFECTIVE: Pattern[str] = re.compile("(?:提出|规定|明确|强调|指出|要求)了")
#: A comparison: ``比…还要危险``, ``比…更要`` (要 of degree, not a modal).
_RE_COMPARATIVE: Pattern[str] = re.compile("比[^，。；]*[还更]$")
#: A verb phrase that is a topic: :data:`~._task_words.TOPIC` or :data:`~._task_words.TOPIC_VALUE`, in one scan
#: (every branch opens with a literal, so that ``re`` scans for their first characters: ``，``, ``,``, 符, 具).
_RE_TOPIC: Pattern[str] = re.compile(f"，{TOPIC_AFTER_COMMA}|,{TOPIC_AFTER_COMMA}|{TOPIC_VALUE}")
_RE_WISH: Pattern[str] = re.compile(WISH)
#: The noun an organ's name ends with after such a verb (教育部, 考核小组, 建设银行).
_RE_ORGAN: Pattern[str] = re.compile(
    "银行|小组|部(?![署分门位件队落])|局(?![面势限部])|厅|委(?![托屈婉])|组(?![织成建合团])|办(?![理好法学公事案实])|改革委|和改革")
#: A prefix before the leading verb that is a clause with a subject, not an adverbial.
_RE_SUBJECT: Pattern[str] = re.compile("(?:我们|我国|我|他们|他|她|它|这|其|本人)")

#: A willingness expressed (``中方愿同越方一道，``, ``愿意``), not 志愿, 自愿, 意愿, 心愿 ….
_RE_WILLING: Pattern[str] = re.compile("(?<![志自意心情宁祝])愿")

_LEAD_MARKERS = {verb: intern("lead:" + verb) for verb in LEAD_VERBS}
#: A list number or dash before the clause: ``——``, ``1.``, ``（2）``, ``③``, ``二是``.
_ENUM = (rf"(?:(?=[—（(0-9{_NUM}①-⑳另])"  # (their first characters: a lookahead, for speed)
         rf"(?:——|—|[（(]?[0-9{_NUM}]{{1,3}}[)）、.．]\s*|[①-⑳]\s*|[{_NUM}]是|(?:另)?一方面是))?")
_PREP = first_chars(tuple(PREPOSITIONS.split("|"))) + f"(?:{PREPOSITIONS})"  # behind a lookahead, for speed
_PREFIX = (rf"(?:[^，。；]{{1,12}}，)??(?:{_PREP}{PREP_BODY}{{1,30}}?(?:，{PREP_BODY}{{1,30}}?)?，){{0,2}}?"
           rf"(?:以[^，。；]{{1,30}}?为(?:主要|重要)?(?:{FRAME}))?")
#: Sentences that open (after a list number and an optional adverbial) with an
#: imperative verb are directives too, as in decisions and work plans.
RE_TASK_LEAD: Pattern[str] = re.compile(
    rf"^{_ENUM}{_PREFIX}(?:{ADDRESSEE}|对[^，。；]{{1,30}}?(?=进行|予以|给予|实行|实施|加强))??"
    rf"{first_chars(ADVERBS + LEAD_VERBS)}(?:{ALT_ADV})?(?P<m>{ALT_VERBS})"
)
_CUT = "。；！!;.，, ：:"  # what may follow a verb alone (:func:`_lead_marker`)
_LEAD_GROUP = RE_TASK_LEAD.groupindex["m"]  # (a group's number is found faster than its name)
#: A planned action: 将 before a verb of :data:`LEAD_VERBS` (``党中央将举办…``, ``…，将以学校为单位开展…``),
#: not 必将/即将/终将 (a forecast) and not 将 as the object marker (``将资金纳入…``: no verb follows).
RE_FUTURE: Pattern[str] = re.compile(
    rf"将(?<![必即终]将)(?:要)?(?:[于在][^，。；]{{0,10}}?[期月日年前后内底初时间市省县区校地会部局中](?!举行))?(?:{ALT_ADV}){{0,3}}(?:(?P<m>{ALT_VERBS}|举办|继续|推出|启动)|以[^，。；]{{1,30}}?为)")
#: A verb by which a body or a person directs others, as news of a meeting and communiqués report it: a
#: decision (``会议决定，…``, ``…召开会议，决定…``), a proposal (``全会建议国务院…``, ``…建议尽快编制…``), a call
#: (``号召…``) or an instruction with its addressee (``要求各地…``, ``叮嘱随行的干部…``, ``责成…``). Not the
#: noun (``这一决定``, ``的建议``, ``提出建议``, ``响应号召``, ``新要求``, ``《决定》``, ``决定性``,
#: ``建议稿``, ``号召力``).
_NOUN_BEFORE = "的大新总项出作照据应合实化及和与、这此该一重《“》）)是些条份种点见下便严格高体本关署神然衡域"
RE_DIRECTING: Pattern[str] = re.compile(
    rf"(?<![{_NOUN_BEFORE}])(?P<m>决定|建议|号召(?!开)|敦促|呼吁|促请|吁请|同意|勉励)(?![的性因作书稿》”是和与、。；为人权力案已所得被均])"
    rf"|(?<![{_NOUN_BEFORE}])(?P<i>要求|叮嘱|嘱咐|责成)"
    r"(?=各|全|广大|每|所有|大家|同学|青年|师生|学生|队员|官兵|[^，。；]{0,12}?(?:的干部|的同志|的人员|部门|单位|干部))"
    rf"|^[^，,。；]{{0,16}}?(?<![{_NOUN_BEFORE}])(?P<f>要求)[，,]")
#: Markers kept in a report context: a request, and what a body decides or agrees to (``会议决定，…``).
_DIRECTING_MARKERS = frozenset(("希望", "决定", "同意"))
_RE_DIRECTING_START: Pattern[str] = re.compile("决定|建议|号召|要求|叮嘱|嘱咐|责成|勉励|敦促|呼吁|促请|吁请|同意")
#: Who can decide for others in news of a meeting: a meeting or an organ (``会议``, ``全会``, ``常委会``, ``党中央``,
#: ``国务院``, ``政治局``, ``党委``): ``某某决定…`` by a person or a firm reports a choice, not a directive.
_RE_BODY: Pattern[str] = re.compile("会|委|党中央|国务院|政治局|党组")
#: An opening that dates a sentence in a past year (``2004年9月，``, ``同年11月，``): history, not a directive.
_RE_DATED: Pattern[str] = re.compile(r"^(?:\d{4}|同|当|次)年")
#: A clause that opens with a preposition (``按照党中央要求，``): 要求 is then a noun.
_RE_PREP_OPENING: Pattern[str] = re.compile("(?:按照|依照|遵照|根据|依据|对照|按|照|为|在)")
#: A goal stated as an outcome (``力争实现“零事故”的目标``, ``争取达到…目标``): a plan's target, not an action.
_RE_GOAL: Pattern[str] = re.compile(
    "(?:力争|争取)(?:实现|达到|完成)[^。；]{0,30}目标|^[^，,。；：:]{0,8}目标(?:是|为)[：:]")
#: Verbs of a 把/将 construction (``将遵守纪律纳入考核内容``): 将 marks their object, it plans nothing.
_RE_BA_VERB: Pattern[str] = re.compile("纳入|列入|列为|作为|融入|写入|转化为|转为|用于|贯穿|落实到|放在")
#: Markers that also describe what was done (坚决打赢…, 全面推进…): not a task in a reported
#: achievement (:data:`RE_RETROSPECTIVE`, :data:`RE_PERFECTIVE`).
_WEAK_MODALS = frozenset({"坚决"})
#: A perfective 了 after a verb (``强化了``, ``保护了``), not 为了, 除了, 了解, 不了 ….
RE_PERFECTIVE: Pattern[str] = re.compile(
    "了(?:(?<=[取获赢消清破排废免][得除]了)|(?<![为除不得受终末]了))(?![解却结然如断不得])")


def _reported(sentence: str) -> bool:
    """A reported achievement (retrospective opening or a perfective 了)."""
    return _retrospective(sentence) or (
        "了" in sentence and RE_PERFECTIVE.search(sentence) is not None)


_RE_SPEECH_JUST_BEFORE: Pattern[str] = re.compile("(?:强调|指出|提出)[，,：:]?$")


def _speech_after_report(sentence: str, a: int) -> bool:
    """A speech verb between the last perfective 了 and ``a`` (``全会分析了…，强调坚决实现…``): the 了 reports the
    meeting, the modal after 强调 what it directs (not in a sentence that opens retrospectively or is dated)."""
    k = sentence.rfind("了", 0, a)
    return k >= 0 and _RE_SPEECH_JUST_BEFORE.search(sentence, max(k, a - 3), a) is not None and not (
        _retrospective(sentence) or _RE_DATED.match(sentence))


def _reported_or_goal(sentence: str) -> bool:
    """A reported achievement (:func:`_reported`) or a goal stated as an outcome (:data:`_RE_GOAL`)."""
    return ("年" in sentence or "以来" in sentence or sentence.startswith(_RETROSPECTIVE_OPENINGS)) \
        and RE_RETROSPECTIVE.match(sentence) is not None or "了" in sentence and RE_PERFECTIVE.search(sentence) \
        is not None or "目标" in sentence and _RE_GOAL.search(sentence) is not None  # (inlined: it runs often)


def _directing(sentence: str) -> str | None:
    """The verb by which a body directs (:data:`RE_DIRECTING`: 决定, 建议, 号召, 要求 …), or ``None``."""
    c = _RE_DIRECTING_START.search(sentence)  # a literal scan first: the full pattern opens with lookbehinds
    if c is None:
        return None
    m = RE_DIRECTING.search(sentence, max(0, c.start() - 20)) if c.group() == "要求" else RE_DIRECTING.search(
        sentence, c.start())
    if m is None or _RE_DATED.match(sentence):
        return None
    group = "m" if m.group("m") else "i" if m.group("i") else "f"
    a, verb = m.start(group), m.group(group)
    clause = max(sentence.rfind("，", 0, a), sentence.rfind(",", 0, a), sentence.rfind("：", 0, a)) + 1
    if verb == "建议" and "向" in sentence[clause:a]:
        return None  # 某某向上级建议…: a unit's report that it made a proposal, not the proposal
    if verb in ("决定", "同意"):
        subject = sentence[clause:a] or sentence[max(0, sentence.rfind("，", 0, clause - 1) + 1):clause]
        if not _RE_BODY.search(subject) or verb == "同意" and subject.startswith(("经", "征得", "须", "需")):
            return None  # 某人决定…, 特朗普政府决定…, 党的领导决定…的性质: a choice or "determines"
    if verb == "要求" and _RE_PREP_OPENING.match(sentence, clause):
        return None
    return verb


def _released_before(sentence: str, a: int) -> bool:
    """The released text of a news item frames the modal at ``a``: ``《意见》强调，要…`` opening a clause."""
    k = sentence.rfind("《", 0, a)
    return k >= 0 and (k == 0 or sentence[k - 1] in "，,：:") and _RE_RELEASED.match(sentence, k) is not None


def _not_modal_yao(sentence: str, a: int) -> bool:
    """要 at ``a`` grades a comparison (``比…还要危险``), it is no modal."""
    if sentence[a - 1] not in "还更":
        return False
    clause = max(sentence.rfind("，", 0, a), sentence.rfind("；", 0, a)) + 1
    return _RE_COMPARATIVE.search(sentence, clause, a) is not None


def _not_directing(sentence: str, a: int, word: str) -> bool:
    """The modal ``word`` at ``a`` states, asks or reports rather than directs (:func:`_modal_kind` ``None``).

    A clause that asks whether (``讨论是否全面禁止…``); a host's line or a trailer (``下面就请…``); an
    intention someone expressed (``…表示要保持定力``); a purpose
    that explains a topic (``…，就是要…``); what a statement takes (``…是一项长期任务，需要…``: 需要 after a
    clause with the copula).
    """
    clause = max(sentence.rfind("，", 0, a), sentence.rfind("；", 0, a), sentence.rfind(",", 0, a)) + 1
    if "是否" in sentence[clause:a]:
        return True
    if word == "请" and sentence[max(0, a - 3):a].endswith(("下面", "下面就", "接下来", "现在就")):
        return True
    if sentence[max(0, a - 2):a] == "表示":
        return True  # 表示要保持定力: an intention; 表示，要… reports what a speaker directs (weak)
    if word == "要" and clause < a - 1 and sentence[clause:a].endswith("就是"):
        return True
    if word == "要" and ("“" in sentence and rd.quoted_slogan(sentence, a) or "表示" in sentence
                        and rd.group_intention(sentence, a)) \
            or "指" in sentence and rd.defines(sentence):
        return True  # “向管理要质量”的理念; 代表们表示，迈上新征程，要…; 重病人员指…须…: no directive
    if word == "应" and rd.not_modal_ying(sentence, a) or "自己" in sentence and rd.self_admonition(sentence, a) \
            or word == "请" and sentence.startswith(rd.FORMAL_REQUEST, a + 1):
        return True  # 应…邀请, 应出席代表…名; 请予审议; 告诫自己，要…: no directive
    if word == "需要" and clause:
        prev = max(sentence.rfind("，", 0, clause - 1), sentence.rfind("；", 0, clause - 1)) + 1
        return _RE_COPULA.search(sentence, prev, clause - 1) is not None
    return False


def _modal_kind(sentence: str, a: int, b: int, word: str) -> str | None:
    """``"strong"``, ``"weak"`` or ``None`` (no modal) for the modal ``word`` at ``sentence[a:b]``.

    None: 要 of a comparison, a modal that quotes a named text (:data:`_RE_CITED`) or one that states, asks or
    reports rather than directs (:func:`_not_directing`). Weak (a task unless the sentence reports what was
    done): 坚决, 要 after 提出/指出/强调, a modal inside a noun phrase or after a perfective speech verb
    (:data:`_RE_ATTRIBUTIVE`, :data:`_RE_SPEECH_PERFECTIVE`) or after a frame of a view (``全会认为，…``,
    :data:`_RE_OPINION`: a view is a task unless it reviews work done, ``一致认为，一年来，…``).
    """
    if a:
        last = sentence[a - 1]
        if word == "要" and last in "还更" and _not_modal_yao(sentence, a):
            return None
        if word == "要" and (last == "总" or sentence[max(0, a - 2):a] in NOT_MODAL_BEFORE_YAO
                            or existential_yao(sentence, a)):
            return None  # 往往要, 肯定要, 最终要, 总也要: what habitually or surely happens; 还有许多…要…
        if "《" in sentence and sentence.rfind("《", 0, a) > sentence.rfind("》", 0, a):
            return None  # 《中心工作与意识形态工作要两手抓》: a word of a title
        if ("党的" in sentence or "《" in sentence or "”" in sentence) and _RE_CITED.search(
                sentence, max(0, a - 60), a) and not _released_before(sentence, a):
            return None
        if ("年" in sentence or "以来" in sentence or sentence.startswith(_RETROSPECTIVE_OPENINGS)) and (
                _RE_DATED.match(sentence) or RE_RETROSPECTIVE.match(sentence)) \
                and _RE_SPEECH_VERB.search(sentence, 0, a):
            return None  # (the plain tests first: :data:`_RE_DATED` and each branch of the other need one of them)
        if _not_directing(sentence, a, word):
            return None
        if word == "要" and last in _SPEECH_LAST and _RE_SPEECH_BEFORE.search(sentence, max(0, a - 3), a):
            return "weak"
        if sentence[max(0, a - 3):a].rstrip("，,：:").endswith("表示"):
            return None if _RE_GROUP_SPEAKER.search(sentence, max(0, a - 6), a) else "weak"
        if "了" in sentence and _RE_SPEECH_PERFECTIVE.search(sentence, 0, a):
            return "weak"
    if word in _WEAK_MODALS or _RE_ATTRIBUTIVE.match(sentence, b) \
            or (a and "认为" in sentence and (_RE_OPINION.match(sentence, 0, a) or rd.held_view(sentence, a))):
        return "weak"
    return "strong"


def _has_strong_modal(sentence: str) -> bool:
    """Whether the sentence holds a modal that directs even in a report (:func:`_modal_kind` ``"strong"``)."""
    return any(_modal_kind(sentence, m.start(), m.end(), m.group("m")) == "strong" for m in modal_matches(sentence))


def _plans(sentence: str) -> bool:
    """将 plans an action (:data:`RE_FUTURE`), unless it marks the object of 纳入, 列入, 作为 … (``将…纳入考核``)."""
    if "将" not in sentence:
        return False
    m = RE_FUTURE.search(sentence)
    if m is None:
        return False
    if m.group("m") == "把":
        return True  # 将把…列入…: 把 marks the object, 将 the future
    end = _RE_CLAUSE_END.search(sentence, m.end())
    return _RE_BA_VERB.search(sentence, m.end(), end.start() if end else len(sentence)) is None


def task_marker(sentence: str) -> str | None:
    """Return the directive marker of a sentence, or ``None``.

    A sentence is a task when it contains a modal marker (要, 必须, 务必, 应当,
    应, 坚决, 需要, 须, 不得, 严禁, 请 …) outside common compounds (重要, 主要,
    要求, 要事, 相应, 申请 …), or opens with an imperative verb phrase
    (:data:`RE_TASK_LEAD`: 坚持, 推进, 稳定, 允许 …, after an optional list
    number, adverbial, adverb, addressee ``各…`` or ``对…``; the marker is then
    ``"lead:<verb>"``) whose clause is not a statement with the copula 是
    (``全面依法治国是…``; 实事求是, 特别是, 就是 do not count) and does not
    follow a subject clause (``我们完善…，积极…``). A reported achievement
    (:data:`RE_RETROSPECTIVE`: ``五年来，…`` / ``过去一年，…`` / ``我们…取得了…``;
    or a perfective 了, :data:`RE_PERFECTIVE`) is a task only with an explicit
    modal (要, 必须 …), not by 坚决 or a leading verb. The marker lets a
    researcher audit each decision. A question is not a task; a later clause
    ``关键在…`` makes the opening verb phrase a topic; 要 after 提出/指出/强调
    is weak; 将 before a leading verb plans an action (marker ``"将"``); a
    modal that quotes a named text (``党的…报告提出，要…``) is no marker and one
    that describes (``需要调整的事项``) is weak; 希望 opening the sentence
    requests (marker ``"希望"``). The
    document's context (a duty report, a review section) is applied by the
    parser, see :func:`reported_in_context`.

    >>> task_marker("要加强组织领导。"), task_marker("这是重要的会议。")
    ('要', None)
    >>> task_marker("深化事业单位改革。"), task_marker("稳定粮食播种面积，主攻单产和品质提升，确保粮食稳产丰产。")
    ('lead:深化', 'lead:稳定')
    >>> task_marker("——坚持和加强党的全面领导。"), task_marker("请各支部于11月底前报送。")
    ('lead:坚持', '请')
    >>> task_marker("五年来，我们坚决打赢脱贫攻坚战。"), task_marker("我们坚决打赢脱贫攻坚战。")
    (None, '坚决')
    >>> task_marker("同时，强化了物资库存的管理。"), task_marker("全面从严治党，是党中央作出的战略部署。")
    (None, None)
    >>> task_marker("党的二十大报告强调，全面依法治国是国家治理的一场深刻革命。")
    >>> task_marker("全面推进中华民族伟大复兴，关键在党。"), task_marker("对家长来说要做什么呢？")
    (None, None)
    >>> task_marker("党中央将举办研讨班。"), task_marker("每个支部安排1次专题党课。")
    ('将', 'lead:安排')
    >>> task_marker("党的十九大报告提出，要办好人民满意的教育。"), task_marker("希望同学们珍惜时光。")
    (None, '希望')
    >>> task_marker("会议决定，明年三月召开全区教育工作会议。"), task_marker("这家企业决定扩大生产规模。")
    ('决定', None)
    """
    # jump to the first character that can start a modal marker (a single
    # character class scans far faster than the marker alternation)
    reported: bool | None = None  # computed when first needed
    if sentence.endswith(("？", "?")):
        return None  # a question asks, it does not direct (对家长来说要做什么呢？)
    c = _RE_MODAL_START.search(sentence)
    while c is not None:
        a = c.start()
        m = RE_TASK_MODAL.match(sentence, a)
        if m:
            word = m.group("m")
            kind = _modal_kind(sentence, a, m.end(), word)
            if kind == "strong":
                return intern(word)
            if kind == "weak":
                if reported is None:
                    reported = _reported_or_goal(sentence)
                if not reported or _speech_after_report(sentence, a):
                    return intern(word)
        c = _RE_MODAL_START.search(sentence, m.end() if m else a + 1)
    m = RE_TASK_LEAD.match(sentence)
    if m is not None:
        lead = _lead_marker(sentence, m, reported)
        if lead is not None:
            return lead
        # a leading verb that opens a statement (激发…是…，…将…): a later clause may still plan an action
        return "将" if "将" in sentence and _plans(sentence) and not _reported(sentence) \
            and not consequence_topic(sentence, m.end()) else None
    return _later_marker(sentence)


def _clause_end(sentence: str, i: int) -> int:
    """Where the clause that holds ``i`` ends (its punctuation, or the sentence's end)."""
    end = _RE_CLAUSE_END.search(sentence, i)
    return end.start() if end else len(sentence)


def _lead_marker(sentence: str, m: re.Match[str], reported: bool | None) -> str | None:
    """The ``lead:<verb>`` marker of a sentence that opens with a verb of :data:`RE_TASK_LEAD`, or ``None``."""
    a, b = m.span(_LEAD_GROUP)
    if a and (_RE_SUBJECT.match(sentence, 0, a) or "愿" in sentence[:a] and _RE_WILLING.search(sentence, 0, a)
              or subject_in_prefix(sentence, a) or "旨在" in sentence[:a]):
        return None  # 我们完善…: a subject; 中方愿同越方一道，继续…: a willingness expressed, not an order
    if sentence[b:b + 1] in _CUT and b >= len(sentence.rstrip(_CUT)):  # (the first test fails at once mostly)
        return None  # a verb alone (a line cut from a table: ``报送``, a label ``特别提醒：``) is no clause
    verb = sentence[a:b]
    if "：" in sentence or ":" in sentence:
        if rd.slogan_label(sentence):
            return None  # 工作理念：以人为本，促进发展: values stated, not actions
        label = _RE_LABEL.match(sentence)
        if label is not None and b < label.end():  # 参加人员：…, 指导老师：…: the verb is a word of a label
            rest = sentence[label.end():]
            return task_marker(rest) if rest.strip("。；;") else None
    if verb in ORGAN_VERBS and _RE_ORGAN.match(sentence, b) \
            or "的有" in sentence and 0 <= sentence.find("的有", b) < _clause_end(sentence, b):
        return None  # 教育部公开曝光…, 考核小组由…组成, 参加会议的有…: a name or a roll call, not an order
    if verb == "希望" and (sentence.startswith(("通过", "借助", "借此", "经过"), b) or _RE_WISH.search(sentence, b)):
        return None  # 希望通过本次活动能使…, 希望…取得更多成就: a wish for an outcome, not a request
    k = sentence.find("，", b)  # (plain tests before the calls, which most sentences would fail)
    if sentence.startswith(("必然", "必将", "本身", "总是", "往往", "从来"), b) \
            or (k >= 0 or "," in sentence or "符合" in sentence or "具有" in sentence) \
            and _RE_TOPIC.search(sentence, b) \
            or k >= 0 and sentence.startswith(("可以", "将"), k + 1) and consequence_topic(sentence, b) \
            or sentence.startswith("到") and target_year(sentence) \
            or "能" in sentence and rd.can_result(sentence, b):
        return None  # 做好…工作，直接关系…, 深化…，将加快形成…: a topic; 到2035年，全面建成…: a target
    if a == 0 and (sentence[b] == "后" or sentence[b] == "时" and sentence[b + 1:b + 2] not in "代机效空势"):
        return None  # 调整后，…, 报名时间…截止: a verb that dates the clause or names a time, not an order
    if "是" in sentence:  # a statement with the copula, in the verb's clause or opening a later one
        end = _RE_CLAUSE_END.search(sentence, b)
        if _RE_COPULA.search(sentence, b, end.start() if end else len(sentence)) or _RE_CLAUSE_COPULA.search(sentence):
            return None
    k = sentence.rfind("，")
    if k > b and sentence.startswith(_POINT_WORDS, k + 1) and _RE_CLAUSE_POINT.match(sentence, k):
        return None
    if reported is None:
        reported = _reported_or_goal(sentence)
    if reported:
        return None
    if verb == "创新" and _RE_NOUN_AFTER_VERB.match(sentence, b):  # 创新思维强调…: a noun; 加快创新型…: 加快 leads
        return _LEAD_MARKERS.get(sentence[max(0, a - 2):a])
    return "希望" if verb == "希望" else _LEAD_MARKERS[verb]  # one string per marker, not one per sentence


def _later_marker(sentence: str) -> str | None:
    """The marker of a sentence without a leading verb: 将 that plans, a directing verb, an agent (由…)."""
    if "将" in sentence and _plans(sentence) and not _reported(sentence) and not _RE_CLAUSE_COPULA.search(sentence):
        return "将"
    if "拟" in sentence and _RE_INTENDED.search(sentence) and not _reported(sentence):
        return "拟"  # 今年…拟安排7000亿元: an action planned
    if sentence.startswith(("让我们", "让我")) and rd.exhortation(sentence):
        return "让我们"  # 让我们紧密团结在…周围: a call
    if "计划" in sentence and rd.RE_PLANNED.search(sentence) and not _reported(sentence):
        return "计划"  # 本次计划招聘教师2人: an action planned
    verb = _directing(sentence)
    if verb is not None and (not _reported_or_goal(sentence) or _RE_NOTICE_REQUIRES.search(sentence)):
        return intern(verb)
    if "》" in sentence and ("要求" in sentence or "明确" in sentence) and _RE_RELEASE_REQUIRES.search(sentence):
        return "要求"  # ……印发《…意见》，要求…; 《决定》明确，…: what a released text sets out
    if ("要求" in sentence or "提出" in sentence) and _RE_RELEASED_PLAIN.search(sentence) and not _reported(sentence):
        return "要求"  # 意见要求解决…: what a released text requires
    if sentence.startswith("由") and _RE_AGENT.match(sentence) and not _reported(sentence):
        return "rule:由"  # 由某部门对…进行问责: an arrangement that names who acts, wherever it stands
    return None


# -- context: documents and sections that report work done ----------------------------------------



def report_shape(sentences: list[Sentence]) -> bool:
    """Whether a document whose titles say nothing reports its own work, by its shape.

    A page of a unit's work (a 编办's report, a school's news of what it did)
    often has no title that says so. Its shape does: it opens with the unit as
    the subject of a verb of conduct (:data:`RE_REPORT_OPENING`, one of its
    first two sentences, which has no modal of its own: a later clause's verb,
    ``…坚持问题导向，着力…``, continues the unit's report) and lists what was
    done as items written in sentences (``一是…``, ``二是…``: at least two,
    :data:`RE_ITEM`). A directive addresses others (``各级编办要…``) or has a
    title that says its genre; a report of a meeting opens with the meeting.

    >>> import policytext as pt
    >>> report_shape(pt.parse("近年来，某某区委编办坚持问题导向。\\n一是加强学习。\\n二是完善制度。").sentences)
    True
    >>> report_shape(pt.parse("各级编办要坚持问题导向。\\n一是加强学习。\\n二是完善制度。").sentences)
    False
    """
    opening = [s for s in sentences[:4]
               if len(s.text) >= 12 and not s.text.endswith(("：", ":")) and not RE_ITEM.match(s.text)][:2]
    if not any((s.task is None or s.task.startswith("lead:")) and RE_REPORT_OPENING.match(s.text) for s in opening):
        return False
    items = 0
    for s in sentences:
        if s.text[1:2] == "是" and RE_ITEM.match(s.text):
            items += 1
            if items == 2:
                return True
    return False


#: The shapes of an arrangement or rule written as a statement: :data:`~._task_words.ARRANGEMENT_SHAPES`.
RE_ARRANGEMENT: tuple[Pattern[str], ...] = tuple(re.compile(p) for p in ARRANGEMENT_SHAPES)
_RE_ROLL_CALL: Pattern[str] = re.compile(ROLL_CALL)
#: A line that defines or schedules (``编号规则为：``, ``报名时间是：``): it states what a thing is.
_RE_DEFINITION: Pattern[str] = re.compile("^[^，,。；：:]{1,12}(?:为|是)[：:]")
#: A sentence that opens by naming who acts (``由中央纪委…进行问责``), not an attribute (``由…主办的论坛``).
_RE_AGENT: Pattern[str] = re.compile(rf"由(?![于此衷来浅表])[^，。；]{{1,40}}?(?:{AGENT_VERBS})(?!的)")
_CONDITION = next(p for p in RE_ARRANGEMENT if p.pattern.startswith("(?P<m>的|者)"))  # ``…缺席的，…``: unless 是…的


def arrangement_marker(sentence: str) -> str | None:
    """The cue of an arrangement written as a statement (``"rule:<cue>"``), or ``None``.

    A notice, a plan or a set of rules prescribes many of its actions without
    a modal or a leading verb: ``注册工作按属地管理原则，由学校主管教育行政部门受理。``,
    ``此项工作12月6日放学前完成。``, ``…的，视作自动放弃…``. :data:`RE_ARRANGEMENT`
    lists the shapes. The parser asks this only of sentences without a marker
    under a title of a directing genre (:data:`RE_DIRECTIVE_GENRE`), outside
    sections that report; elsewhere these shapes describe (``由于…``, a report
    of how a mechanism works). A question, a report of work done (a perfective
    了, a retrospective opening) and a statement with the copula 是 are not
    arrangements.

    >>> arrangement_marker("注册工作按属地管理原则，由学校主管教育行政部门受理。")
    'rule:由'
    >>> arrangement_marker("此项工作12月6日放学前完成。"), arrangement_marker("不按要求一律取消评审资格。")
    ('rule:前完成', 'rule:一律')
    >>> arrangement_marker("由于天气原因，活动延期。"), arrangement_marker("考核工作由学校组织了三次。")
    (None, None)
    """
    if len(sentence) < 4 or sentence.endswith(("？", "?")) or sentence.startswith("希望") or _reported(sentence):
        return None  # a word cut from a table (``报送``) is no statement
    if _RE_ROLL_CALL.match(sentence):
        return None  # ``成员：教学处负责人，…``: a roll call of names and posts
    if _RE_DEFINITION.match(sentence) or "现" in sentence and rd.RE_PREAMBLE.match(sentence):
        return None  # ``编号规则为：…``: a definition or a schedule line; ``现将《…》予以公布``: a preamble
    for shape in RE_ARRANGEMENT:  # in this order; each pattern opens with a literal, so a scan is fast
        m = shape.search(sentence)
        if m is None:
            continue
        i = m.start("m")
        if "《" in sentence and sentence.rfind("《", 0, i) > sentence.rfind("》", 0, i):
            continue  # the cue is a word of a title (《关于…的决定》), not of this sentence
        if "是" in sentence and _RE_COPULA.search(sentence, 0, max(m.start(), i)) or first_person_account(sentence, i):
            return None  # a statement; the writer of an attached plan speaking of themself
        if shape is _CONDITION and "是" in sentence[sentence.rfind("，", 0, m.start()) + 1:m.end()]:
            continue  # 是…的，: a statement (也是做生意的，…), not a condition
        return intern("rule:" + m.group("m"))
    return None


def heading_context(heading: str | None) -> str | None:
    """``"report"`` for a title or heading of work done, ``"plan"`` for one that looks forward, else ``None``.

    A heading that is itself a task (``着力解决突出问题``) does not report.

    >>> heading_context("2023年度述职述廉述德述法报告"), heading_context("存在不足与下一步打算")
    ('report', 'plan')
    >>> heading_context("2021年工作回顾"), heading_context("着力解决突出问题"), heading_context("指导思想")
    ('report', None, None)
    """
    if not heading:
        return None
    if RE_PLAN_HEADING.search(heading):
        return "plan"
    if RE_REPORT_HEADING.search(heading) and task_marker(heading) is None:
        return "report"
    return None


def title_context(title: str | None) -> str | None:
    """:func:`heading_context` of a document's title, where 问题, 不足, 差距, 反思 and 过去 name a topic.

    >>> title_context("2021年度述职述廉述德述法报告"), title_context("深化课程改革相关问题答疑")
    ('report', None)
    """
    context = heading_context(title)
    if context == "report" and title and not RE_REPORT_HEADING.search(_RE_TITLE_TOPIC.sub("", title)):
        return None
    return context


def reported_in_context(sentence: str, marker: str | None, account: bool = False) -> bool:
    """Whether a sentence of a report of work done loses its ``marker``.

    In a duty report, a summary or a section that reviews work, imperative
    wording describes what was done (``组织开展…知识竞赛``, ``坚决打好…``): a
    leading verb (``lead:…``), 坚决 or 将 do not make a task there, unless the
    sentence looks forward (:data:`RE_FORWARD`: 下一步, 今后, 计划 …). An
    explicit modal (要, 必须, 应 …) keeps its marker; one that only describes
    (``需要调整的事项``, see :func:`task_marker`) does not. With ``account``
    (a document that reports its writer's work: a 述职 report, a 工作汇报),
    an explicit modal is lost too in the writer's own account
    (:func:`~._task_readings.own_account`: ``我…经常要参加各种会议``).

    >>> reported_in_context("组织开展知识竞赛，提升“四个自信”。", "lead:组织")
    True
    >>> reported_in_context("下一步，加强理论学习。", "lead:加强"), reported_in_context("要加强学习。", "要")
    (False, False)
    >>> reported_in_context("我又经常要参加各种会议。", "要", account=True)
    True
    """
    if marker is None or marker.startswith("rule:") or marker in _DIRECTING_MARKERS:
        return False
    if not (marker.startswith("lead:") or marker == "将") and _has_strong_modal(sentence) \
            and not (account and rd.own_account(sentence)):
        return False
    forward = RE_FORWARD.search(sentence)
    if forward is not None and forward.group() == "计划" and ("完成" in sentence or "实现" in sentence):
        forward = RE_FORWARD.search(_RE_PLAN_DONE.sub("", sentence))
    return forward is None and not _plans(sentence)


def apply_context(titles: tuple[str | None, ...], top: list[Section], sentences: list[Sentence]) -> None:
    """Apply the document's context to the task markers: reports drop them, directives add arrangements.

    The parser calls this once the sections are known. In a report of work
    done, :func:`apply_report_context` drops imperative wording; under a title
    of a directing genre (:data:`RE_DIRECTIVE_GENRE`: 通知, 方案, 须知 …), a
    sentence without a marker that has the shape of an arrangement
    (:func:`arrangement_marker`) gets its ``rule:…`` marker — except in a
    section that reports (``工作情况``).

    >>> import policytext as pt
    >>> doc = pt.parse("关于教师资格定期注册的通知\\n注册工作由学校主管部门受理。\\n此项工作12月底前完成。")
    >>> [s.task for s in doc.sentences]
    ['rule:由', 'rule:前完成']
    >>> [s.task for s in pt.parse("某校工作简报\\n注册工作由学校主管部门受理。").sentences]
    [None]
    """
    directive = any(t and RE_DIRECTIVE_GENRE.search(t) for t in titles)
    if rd.clear_in_essay(titles, sentences, directive or any(t and RE_PLAN_HEADING.search(t) for t in titles)):
        return  # an essay, a reflection or a profile advises and describes
    states = apply_report_context(titles, top, sentences)
    if not directive:
        return
    rules = rule_sections(top)
    for s in sentences:
        if s.task is None and (states is None or states.get(id(s.section)) != "report"):
            marker = arrangement_marker(s.text) or later_lead(s.text)
            if marker is None and ("：" in s.text or ":" in s.text) and not rd.slogan_label(s.text) \
                    and not _RE_ROLL_CALL.match(s.text):
                rest = rd.label_rest(s.text)  # 工作内容：14：15拉开警戒线，教师维持秩序: the line's content
                marker = rest and (task_marker(rest) or arrangement_marker(rest))
            if marker is None and id(s.section) in rules and _states_rule(s.text):
                marker = "rule:条件"
            if marker is not None:
                object.__setattr__(s, "task", marker)  # sentences are frozen; the parser owns them


#: A line that opens with a label and a colon (``学科：语文、数学…``, ``历史主题：走进…``): a list entry, no clause.
_RE_LABEL: Pattern[str] = re.compile(r"^[^，,。；：:]{1,8}[：:]")


def _states_rule(sentence: str) -> bool:
    """A sentence under a heading of requirements that can state one: not a question, a report or a definition."""
    return len(sentence) >= 8 and not sentence.endswith(("？", "?")) and not _reported(sentence) \
        and not _RE_LABEL.match(sentence)


#: A later clause that opens with a leading verb (``适应…需求，加强职业技能培训``).
_RE_LATER_LEAD: Pattern[str] = re.compile(rf"[，,](?:{ALT_ADV})?(?:{ALT_VERBS})")


def later_lead(sentence: str) -> str | None:
    """The ``lead:<verb>`` marker of a later clause of a directive that opens with a verb outside the list.

    Under a directing genre, a sentence whose first clause has no subject and
    whose second or third clause opens with a leading verb (:data:`RE_TASK_LEAD`)
    continues the series of actions: ``待学生全部进场后，拉上警戒线，防止…``,
    ``适应…需求，加强职业技能培训``. The parser asks this only where it asks
    :func:`arrangement_marker`.

    >>> later_lead("适应先进制造等领域人才需求，加强职业技能培训。")
    'lead:加强'
    >>> later_lead("我们观看了演出，加强了交流。"), later_lead("天气很好，阳光明媚。")
    (None, None)
    """
    if sentence.endswith(("？", "?")) or _RE_LABEL.match(sentence) or _reported(sentence):
        return None
    first = _RE_CLAUSE_END.search(sentence)
    if first is None or _RE_SUBJECT.search(sentence, 0, first.start()) or "是" in sentence[:first.start()] \
            or rd.RE_PURPOSE_FRAME.search(sentence, 0, first.start()):
        return None  # (本项目旨在…，推进…: a purpose, continued)
    limit = len(sentence)
    for _ in range(2):  # the second or third clause
        end = _RE_CLAUSE_END.search(sentence, first.end())
        if end is None:
            break
        limit = end.end()
        first = end
    m = _RE_LATER_LEAD.search(sentence, 0, limit)
    if m is None:
        return None
    marker = task_marker(sentence[m.start() + 1:])
    return marker if marker is not None and marker.startswith("lead:") else None


def context_states(titles: tuple[str | None, ...], top: list[Section],
                   sentences: list[Sentence]) -> tuple[str | None, dict[int, str | None]]:
    """The context the parser reads: the document's (``"report"``, ``"plan"`` or ``None``) and each section's.

    Sections are keyed by ``id``. The document's title (its own, else the page's; :func:`title_context`),
    else its shape (:func:`report_shape`); a section's heading, else its parent's context (a report's heading
    under a directive stays directive). :func:`apply_report_context` decides with it; it is exposed so that the
    evidence behind a decision can be read (``benchmarks/_task_gate.py``).

    >>> import policytext as pt
    >>> doc = pt.parse("2023年度述职报告\\n一、工作情况\\n组织开展知识竞赛。\\n二、下一步打算\\n组织开展知识竞赛。")
    >>> doc_state, state = context_states((doc.title,), doc.sections, doc.sentences)
    >>> doc_state, [state[id(sec)] for sec in doc.sections]
    ('report', ['report', 'plan'])
    """
    doc_state = next((c for c in map(title_context, titles) if c), None)
    if doc_state is None and report_shape(sentences):
        doc_state = "report"
    state: dict[int, str | None] = {}
    stack = [(sec, doc_state) for sec in top]
    while stack:
        sec, inherited = stack.pop()
        here = heading_context(sec.heading) or inherited
        if inherited == "plan" and here == "report":
            here = "plan"  # a directive's heading that names a report's topic (历史成就观察团) stays directive
        state[id(sec)] = here
        stack.extend((child, here) for child in sec.children)
    return doc_state, state


def apply_report_context(titles: tuple[str | None, ...], top: list[Section],
                         sentences: list[Sentence]) -> dict[int, str | None] | None:
    """Drop the task markers of imperative wording in reports of work done (duty reports, reviews).

    The parser calls this once the sections are known (``titles``: the
    document's own title and the page title; ``top``: the top-level sections;
    ``sentences``: all sentences, whose ``task`` is set in place). Returns the
    context of each section (by ``id``), or ``None`` when nothing reports.

    The document's title (its own, else the page's) and each section's heading
    say whether the text under them reports work done or looks forward
    (:func:`heading_context`; a section inherits its parent's, and under a
    directive — a 通知, 方案, 意见 or a 下一步 section — it stays directive);
    in a report, :func:`reported_in_context` decides. Only sentences with a
    marker under a report are looked at.

    >>> import policytext as pt
    >>> doc = pt.parse("2023年度述职报告\\n一、工作情况\\n组织开展知识竞赛。\\n二、下一步打算\\n组织开展知识竞赛。")
    >>> [s.task for s in doc.sentences]
    [None, 'lead:组织']
    """
    doc_state, state = context_states(titles, top, sentences)
    if doc_state != "report" and "report" not in state.values():
        return None
    framed: Section | None | bool = False  # the section in which a sentence framed a directive (会议强调，…)
    for s in sentences:
        if framed is not False and s.section is not framed:
            framed = False
        if RE_SPEECH_FRAME.match(s.text):
            framed = s.section
        if s.task and framed is False and state.get(id(s.section), doc_state) == "report" \
                and reported_in_context(s.text, s.task, doc_state == "report"):
            object.__setattr__(s, "task", None)  # sentences are frozen; the parser owns them
    return state
