"""Readings that take a task marker away where the wording does not direct, or give one (issue 15 item 6, round 9).

They take a marker away where a modal or a verb does not direct (a group's intention stated clauses before
its 要, a quoted slogan ``“向管理要质量”的理念``, a definition, a slogan, a purpose that frames the next clause,
an essay, 应…邀请, a self-admonition, a view held, a condition with 就能), or give one where an action is
planned (计划招聘…) or the hearers are called on (让我们…).

>>> group_intention("代表们表示，迈上新征程，要继续奋斗。", 12), quoted_slogan("确立“向管理要质量”的理念。", 6)
(True, True)
>>> defines("重病人员指患有重大疾病的人员。"), slogan_label("工作理念：以人为本，促进发展。")
(True, True)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from re import Pattern
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .document import Sentence

__all__ = ["group_intention", "quoted_slogan", "defines", "slogan_label", "RE_PURPOSE_FRAME", "RE_PREAMBLE",
           "RE_PLANNED", "essay_document", "clear_in_essay", "RE_ESSAY_TITLE", "label_rest", "FORMAL_REQUEST",
           "held_view", "not_modal_ying", "self_admonition", "exhortation", "can_result",
           "own_account"]

#: A group that states an intention (``代表们表示，…``, ``大家纷纷表示，…``), some clauses before the 要 it frames.
_RE_GROUP_INTENT: Pattern[str] = re.compile(
    "(?:们|者|员|代表|大家|群众|同志|人士|干部|师生|职工|委员|专家)(?:纷纷|一致|均|都)?表示[，,：:]")
#: A speech verb of someone who directs (``某某强调，``): after it, the 要 is what that speaker directs.
_RE_LATER_SPEECH: Pattern[str] = re.compile("(?<![新的总高严和])(?:强调|指出|要求|提出)[，,：:]")


def group_intention(sentence: str, a: int) -> bool:
    """Whether 要 at ``a`` states the intention a group expressed earlier in the sentence (``代表们表示，…，要…``).

    >>> group_intention("代表们表示，迈上新征程，要继续奋斗。", 12)
    True
    >>> group_intention("代表们表示，会议强调，要奋斗。", 12)
    False
    """
    k = sentence.rfind("表示", 0, a)
    if k < 0 or sentence[a - 1:a] not in "，,":  # the group's own 要 opens its clause (…，要…), no new subject
        return False
    m = _RE_GROUP_INTENT.search(sentence, max(0, k - 6), k + 3)
    return m is not None and _RE_LATER_SPEECH.search(sentence, m.end(), a) is None


#: A quoted slogan that modifies a noun (``确立“向管理要质量”的理念``): its 要 is a word of the slogan.
_RE_QUOTED_ATTRIBUTE: Pattern[str] = re.compile("[^“”]{0,20}”的")


def quoted_slogan(sentence: str, a: int) -> bool:
    """Whether 要 at ``a`` is inside a quoted phrase that modifies a noun (``“向管理要质量”的理念``).

    >>> quoted_slogan("确立“向管理要质量”的理念。", 6), quoted_slogan("他说：“要加强学习。”", 4)
    (True, False)
    """
    return sentence.rfind("“", 0, a) > sentence.rfind("”", 0, a) and _RE_QUOTED_ATTRIBUTE.match(sentence, a) is not None


#: A definition (``重病人员指患有…的人员``, ``所称…是指…``): a modal inside it says what the defined thing involves.
_RE_DEFINES: Pattern[str] = re.compile("^[^，,。；：:]{2,14}?(?:是指|系指|指(?![导出示挥定明引标南望向点责]))")


def defines(sentence: str) -> bool:
    """Whether the sentence defines a term (``重病人员指患有…``): its modals describe, they do not direct.

    >>> defines("本办法所称教师是指在编在岗的专任教师。"), defines("各部门指定专人负责。")
    (True, False)
    """
    return "指" in sentence[:17] and _RE_DEFINES.match(sentence) is not None


#: A label of a slogan, a motto, a theme or a purpose (``工作理念：``, ``项目价值：``): the phrases after
#: it state values and aims, not actions.
_RE_SLOGAN: Pattern[str] = re.compile(
    "^[^，,。；：:]{0,8}(?:理念|宗旨|口号|校训|愿景|主题|目的|意义|价值|校风|教风|学风|标语|寄语)[：:]")


def slogan_label(sentence: str) -> bool:
    """Whether the sentence is a slogan after its label (``工作理念：以人为本，促进发展。``).

    >>> slogan_label("活动口号：传承红色基因，争做时代新人。"), slogan_label("活动内容：组织学生观看展览。")
    (True, False)
    """
    return ("：" in sentence[:11] or ":" in sentence[:11]) and _RE_SLOGAN.match(sentence) is not None


#: A first clause that states a purpose (``本项目旨在…``, ``目的在于…``): the clauses after it continue the purpose.
RE_PURPOSE_FRAME: Pattern[str] = re.compile("旨在|目的在于|目的是|意在|用以")
#: The publishing formula of a notice (``现将《…办法》予以公布``, ``现将有关事项通知如下``): no arrangement.
RE_PREAMBLE: Pattern[str] = re.compile(
    "^(?:[^，。；]{0,40}[，,])?现(?:将|就|把|对)[^。；]{1,60}?(?:予以)?(?:公布|印发|发布|通知如下|公示如下|转发|下发|发给)")
#: An action planned with 计划 (``本次计划招聘教师2人``, ``计划于10月举办…``), not 原计划 or a plan's name.
RE_PLANNED: Pattern[str] = re.compile(
    "(?<![原按照据本该此的年度工作])计划(?:于[^，。；]{1,12}?|在[^，。；]{1,12}?)?"
    "(?P<m>招聘|招收|举办|举行|召开|开展|推出|启动|实施|组织|安排|投入|新建|建设|完成|选派|选拔|录取|招生)")

#: A title of an essay, a reflection or a profile (``…如何吸引学生``, ``…教学模式探究``, ``德育论文``, ``——记…老师``,
#: ``风采录``, ``…对策``): its 要 and 应该 advise or describe; readers do not count them as tasks.
RE_ESSAY_TITLE: Pattern[str] = re.compile(
    "论文|随笔|感悟|心得|(?<![全集个团])体会(?!议)|遐想|浅谈|浅析|浅议|初探|探究|探析|刍议|例谈|如何|之我见|读后感|——记|风采|楷模|悼念|对策")
_RE_NOT_ESSAY_TITLE: Pattern[str] = re.compile("讲话|致辞|发言|报告|学习材料|每周一学")


def essay_document(titles: Iterable[str | None], texts: Iterable[str], directive: bool) -> bool:
    """Whether a document is an essay, a reflection or a profile: by a genre word of its title
    (:data:`RE_ESSAY_TITLE`), or by an author who calls themself 笔者 at least twice. A directing title
    (``directive``: 通知, 方案 …) or a speech's is never an essay's.

    >>> essay_document(("趣味实验课如何吸引学生",), [], False), essay_document(("关于论文评选的通知",), [], True)
    (True, False)
    >>> essay_document(("谈阅读",), ["笔者以为如此。", "笔者认为不然。"], False)
    True
    """
    shown = [t for t in titles if t]
    if directive or any(_RE_NOT_ESSAY_TITLE.search(t) for t in shown):
        return False
    if any(RE_ESSAY_TITLE.search(t) for t in shown):
        return True
    return sum(1 for t in texts if "笔者" in t) >= 2


#: A field label of a plan's line (``工作内容：``, ``信息报告与决策：``) and what it holds, after a time if any.
_RE_FIELD: Pattern[str] = re.compile(r"^[^，,。；：:]{2,10}[：:]\s*(?:\d{1,2}[:：]\d{2}[，,]?)?")


def clear_in_essay(titles: Iterable[str | None], sentences: list[Sentence], directive: bool) -> bool:
    """Take every task marker away in an essay, a reflection or a profile (:func:`essay_document`); True if it is one.

    >>> from policytext.text.document import Sentence
    >>> ss = [Sentence("我们要多读书。", 0, 7, 0, 0, (), "要")]
    >>> clear_in_essay(("读书心得",), ss, False), ss[0].task
    (True, None)
    """
    if not essay_document(titles, (s.text for s in sentences), directive):
        return False
    for s in sentences:
        if s.task is not None:
            object.__setattr__(s, "task", None)  # sentences are frozen; the parser owns them
    return True


def label_rest(sentence: str) -> str | None:
    """The content after a field label (and a clock time) of a plan's line, or ``None`` without a label.

    >>> label_rest("工作内容：14：15拉开警戒线，教师维持秩序。"), label_rest("拉开警戒线。")
    ('拉开警戒线，教师维持秩序。', None)
    """
    m = _RE_FIELD.match(sentence)
    if m is None:
        return None
    rest = sentence[m.end():]
    return rest if len(rest) >= 6 else None


# -- round B (read on the eleventh set) --

#: 应 of "at the invitation of" (``应某国总统邀请``) or of who is due to attend (``大会应出席代表2296名``): no modal.
_RE_YING_NOT_MODAL: Pattern[str] = re.compile("应[^，。；]{1,40}?邀请|应(?:出席|到会|到|参会|参加)[^，。；]{0,12}?\\d")


def not_modal_ying(sentence: str, a: int) -> bool:
    """Whether 应 at ``a`` means "at the invitation of" or "due to attend" (no directive).

    >>> not_modal_ying("应某国总统邀请，主席将出席会议。", 0), not_modal_ying("大会应出席代表2296名。", 2)
    (True, True)
    >>> not_modal_ying("各校应按时上报名单。", 2)
    False
    """
    return _RE_YING_NOT_MODAL.match(sentence, a) is not None


#: What follows 请 in a report's formula to an assembly (``请予审议``, ``请审议``): a formality, no task.
FORMAL_REQUEST = ("予审议", "予批准", "审议", "予审查")
#: Self-admonition (``我时常告诫自己，要…``, ``要求自己要…``): the writer's resolve, not a directive.
_RE_SELF: Pattern[str] = re.compile("(?:告诫|提醒|要求|鞭策|勉励|叮嘱)自己[，,]?(?:一定|必须|始终|时刻|都)?$")


def self_admonition(sentence: str, a: int) -> bool:
    """Whether the modal at ``a`` is what the writer tells themself (``我时常告诫自己，要做一个…``).

    >>> self_admonition("我时常告诫自己，要做一个清醒的人。", 8), self_admonition("请大家告诫自己的孩子要小心。", 12)
    (True, False)
    """
    return _RE_SELF.search(sentence, max(0, a - 10), a) is not None


#: 认为 in the modal's clause (``片面地认为应该…``, ``我认为好教师必须做到…``): the content of a view.
_RE_HELD_VIEW: Pattern[str] = re.compile("认为[^，,。；：:]{0,12}$")


def held_view(sentence: str, a: int) -> bool:
    """Whether the modal at ``a`` states the content of a view held (``认为应该…``): weak, like a review.

    >>> held_view("片面地认为应该把精力放在业务上。", 5), held_view("会议认为，要加强学习。", 5)
    (True, False)
    """
    return _RE_HELD_VIEW.search(sentence, max(0, a - 14), a) is not None


#: A call to the hearers with 让我们 and a verb (``让我们紧密团结在…周围``, ``让我们携手…``), not 让我们看到 (a result).
_RE_EXHORT: Pattern[str] = re.compile("^让我(?:们)?(?!看到|感到|感受|明白|认识到|意识到|懂得|知道|体会|想起|深刻认识)")


def exhortation(sentence: str) -> bool:
    """Whether the sentence calls on its hearers (``让我们紧密团结…``).

    >>> exhortation("让我们携手奋进，共创未来。"), exhortation("让我们看到了希望。")
    (True, False)
    """
    return _RE_EXHORT.match(sentence) is not None and "了" not in sentence[:8]


#: A later clause that says what a verb phrase makes possible (``坚定…走下去，…，浙江一定能…``, ``…，就能…``): the
#: verb phrase is a condition, the sentence a statement of its result.
_RE_CAN_RESULT: Pattern[str] = re.compile("[，,][^，,。；]{0,12}?(?:一定能|就一定能|就能够|就能|必能|才能够|才能)")


def can_result(sentence: str, b: int) -> bool:
    """Whether a later clause after ``b`` says what the opening verb phrase makes possible.

    >>> can_result("坚持这条路走下去，我们就一定能取得胜利。", 2), can_result("加强学习，提高能力。", 2)
    (True, False)
    """
    return _RE_CAN_RESULT.search(sentence, b) is not None


#: The writer of a report as the narrator: 我 (not 我校, 我市 …: a unit is a report's subject, not its narrator), 本人.
_RE_NARRATOR: Pattern[str] = re.compile("(?<![自忘敌])我(?![校市省县区国院局委部党司])|本人")
#: A narrator who pledges (``我将…``, ``本人会…``, ``我们要…``): that looks forward.
_RE_NARRATOR_PLEDGE: Pattern[str] = re.compile(
    "(?:我|我们|本人)(?:个人)?[也还更都就仍]?(?:一定|必须|会|将|要|愿|保证|承诺)")
#: A review that opens the sentence (``回顾这一年的工作，…``, ``一年来，…``, ``在一年的工作中，…``).
_RE_REVIEW_OPENING: Pattern[str] = re.compile("^(?:回顾|总结|一年来|这一年|在(?:这|过去的?)?一年(?:的工作)?中)")


def own_account(sentence: str) -> bool:
    """Whether a sentence of a duty or work report tells what its writer did or does, not what is to be done.

    In a document that reports its writer's work (a 述职 report, a unit's 工作汇报), a sentence in which the
    writer speaks of themself (``我…``, ``我们采取…的方式``, ``本人牵头…``) without pledging, or that opens
    with a review (``回顾这一年的工作，…``), describes: its modal is habit (``经常要参加…会议``), courtesy
    (``特别要感谢…``) or a shortcoming, not a directive. The parser asks this only in a report's sections
    that report (not under ``下一步``, ``努力方向`` …), and only of sentences that do not look forward.

    >>> own_account("我深爱教学工作，又经常要参加各种会议。"), own_account("我们采取走出去、请进来的方式。")
    (True, True)
    >>> own_account("回顾这一年的工作，有收获也存在需要提高的地方。"), own_account("要多听取教职员工的建议。")
    (True, False)
    >>> own_account("我将以更严格的标准要求自己。"), own_account("我校也需花更大的精力。")
    (False, False)
    """
    if _RE_REVIEW_OPENING.match(sentence):
        return True
    if "我" not in sentence and "本人" not in sentence:
        return False
    if "：" in sentence:  # (…我也认识到…努力的方向：1.要进一步提升…: what follows a colon is a list of its own)
        sentence = sentence[sentence.rfind("：") + 1:]
    return _RE_NARRATOR.search(sentence) is not None and _RE_NARRATOR_PLEDGE.search(sentence) is None
