"""Shapes of sentences that task detection (:mod:`policytext.text.tasks`) reads: quoted and released texts, and the
readings of round 8 (issue 15 item 6) that take a marker away (who is the subject, whether a verb phrase is a topic,
whether a sentence states a target) or that plan an action with 拟.

>>> target_year("到2035年，基本建成现代化强国。"), consequence_topic("建设海绵城市，可以修复水生态。", 4)
(True, True)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from re import Pattern
from typing import TYPE_CHECKING

from ._task_words import ALT_ADV, ALT_VERBS, UNIT
from .headings import FORMULATION_NUMERALS as _NUM

if TYPE_CHECKING:
    from .document import Section

__all__ = ["RE_CITED", "RE_RELEASED", "RE_RELEASED_PLAIN", "RE_NOTICE_REQUIRES", "target_year", "consequence_topic",
           "subject_in_prefix", "existential_yao", "RE_INTENDED", "RE_RELEASE_REQUIRES", "RE_NOUN_AFTER_VERB",
           "first_person_account", "RE_TASK_MODAL", "RE_MODAL_START", "modal_matches", "RE_RETROSPECTIVE",
           "RETROSPECTIVE_OPENINGS", "retrospective", "RE_RULE_HEADING", "rule_sections", "RE_REPORT_HEADING",
           "RE_PLAN_HEADING", "RE_FORWARD", "RE_REPORT_OPENING", "RE_ITEM", "RE_SPEECH_FRAME", "RE_DIRECTIVE_GENRE"]

#: A modal that quotes a named text or an earlier congress (``党的二十大报告明确提出，要…``,
#: ``《条例》第三条规定必须…``): the task of that text, not of this one (no marker).
RE_CITED: Pattern[str] = re.compile(
    r"(?:党的[^，。；]{1,20}?|《[^》]{1,30}》[^，。；]{0,10}?|“[^”]{1,12}”[^，。；“”]{0,4}?)(?:明确)?(?:提出|指出|强调|要求|规定)"
    r"(?:[，,：:]|[^，,。；：:“”]{0,4})$")
#: The text a news item releases, as the subject of its sentence (``《意见》强调，要…``, ``《规划》还提出，…``): its
#: content is what the item reports as directed, not a quotation in another text (:data:`RE_CITED`).
RE_RELEASED: Pattern[str] = re.compile(
    "《(?:意见|指导意见|实施意见|规划|方案|实施方案|通知|决定|纲要|计划|行动计划|办法)》(?:还|也|同时|并|进一步)?"
    "(?:明确)?(?:提出|指出|强调|要求)")
#: A released text, named by its genre without 《》, that requires or sets out (``…指导意见今天发布，意见要求解决…``):
#: a directive the item reports.
RE_RELEASED_PLAIN: Pattern[str] = re.compile(
    "(?:^|[，,])(?:意见|指导意见|实施意见|通知|规划|方案|决定|纲要|办法|条例|计划)(?:还|也|首先|同时|并|进一步|特别)?"
    "(?:明确)?(?P<m>要求|提出)(?=[\u4e00-\u9fff])")
#: What a notice that goes out with a text requires (``印发了《…》，并发出通知，要求各地区各部门…``): the perfective
#: reports the release, the requirement directs.
RE_NOTICE_REQUIRES: Pattern[str] = re.compile("发出(?:了)?通知[，,](?P<m>要求|号召)")
#: A released text that requires or specifies, in news of its release (``…联合印发《…指导意见》，要求金融业…``,
#: ``《决定》明确，自…起，…``): what it sets out is directed, whoever the addressee.
RE_RELEASE_REQUIRES: Pattern[str] = re.compile(
    "(?:印发|出台|发布)(?:了)?《[^》]{1,60}》[，,](?:并)?(?P<m>要求)"
    "|(?:^|[，,])《(?:意见|指导意见|实施意见|决定|通知|办法|规定|条例|规划|方案|纲要)》(?:还|也|同时|进一步)?(?P<n>明确|要求)[，,：:]")
#: A noun that a leading verb modifies (``创新驱动助力…``, ``创新思维强调…``): the verb is part of the subject.
RE_NOUN_AFTER_VERB: Pattern[str] = re.compile("驱动|思维|精神|意识|能力|活力|成果|型|主体|文化")
#: The writer speaking of themself (``我的个性…``, ``我们势必要…``): not 我校, 我市, 我省 … (a unit), and not a
#: pledge (``我会做到：…``, ``我将…``).
_RE_FIRST_PERSON: Pattern[str] = re.compile("(?<![自忘敌])我(?![校市省县区国院局委部党司])")
_RE_QUOTED: Pattern[str] = re.compile("“[^”]*”")
_RE_PLEDGE: Pattern[str] = re.compile("我(?:们)?(?:一定|必须|会|将|要|愿|保证|承诺)")

#: A target year opening the sentence (``到2035年，``, ``到二〇三五年，``): what follows is a goal stated as an
#: outcome, not an action (its leading verb, 全面建成…, 基本实现…, describes the state to be reached).
_RE_TARGET_YEAR: Pattern[str] = re.compile("^到(?:\\d{4}|[〇零一二三四五六七八九]{4})年[，,]")
#: The clause after a verb phrase says what it can do or will bring (``建设海绵城市，可以修复…``, ``深化机构改革，
#: 将加快形成…``): the phrase is the topic of a statement about its effect. Not 将 that marks an object
#: (``…，将个体辅导转向团队辅导``: no verb of effect follows it).
_RE_CONSEQUENCE: Pattern[str] = re.compile(
    "(?:可以|将会|将(?=加快|推动|促进|有力|极大|大大|进一步|有效|起到|带来|成为|提高|提升|增强|形成|实现|释放"
    "|激发|助力|为|使|让))")
#: A subject opening a clause (``我们党坚持…``, ``我国…``, ``他们…``).
_RE_CLAUSE_SUBJECT: Pattern[str] = re.compile("(?:我们|我国|我党|他们|她们|本人|他(?![人国乡])|她)")
#: 有 and a quantity before 要 in its clause (``还有许多知识要学习``, ``许多技能要掌握``): what remains to be done,
#: stated, not directed.
_RE_EXISTENTIAL: Pattern[str] = re.compile(
    "(?:^|[，,；;])(?:(?:还|仍|尚|也|都|更)?有(?:一些|更多)|(?:(?:还|仍|尚|也|都|更)?有)?(?:许多|很多|不少|大量|诸多|太多"
    "|好多|那么多|这么多))"
    "[^，,；;。的]{0,10}$")
#: An action planned with 拟 (``今年…拟安排7000亿元``, ``拟于10月举办…``), not a modifier (``拟录用人员``,
#: ``拟推荐的人选``, ``代拟稿``) nor 拟订/拟制 (drafting).
RE_INTENDED: Pattern[str] = re.compile(
    "(?<![代草模])拟(?:于[^，。；]{1,12}?)?(?P<m>安排|发行|新增|举办|举行|召开|开展|推出|启动|实施|设立|出台|组织|调整|提高"
    "|扩大|增加|下达|投入)(?![^，。；]{0,4}的)")


def target_year(sentence: str) -> bool:
    """Whether the sentence opens with a target year (``到2035年，…``): a goal stated as an outcome.

    >>> target_year("到二〇三五年，全面建成高水平体制。"), target_year("到2035年底前完成改造。")
    (True, False)
    """
    return sentence.startswith("到") and _RE_TARGET_YEAR.match(sentence) is not None


def consequence_topic(sentence: str, b: int) -> bool:
    """Whether the clause after the leading verb (ending at ``b``) says what the verb phrase brings.

    ``深化国家机构改革，将加快形成…体系`` and ``建设…海绵城市，可以修复…`` state an effect; the verb phrase is their
    topic.

    >>> consequence_topic("深化机构改革，将加快形成新体系。", 2), consequence_topic("完善办法，将辅导转向团队。", 2)
    (True, False)
    """
    k = sentence.find("，", b)
    return k >= 0 and sentence.startswith(("可以", "将"), k + 1) and _RE_CONSEQUENCE.match(sentence, k + 1) is not None


def subject_in_prefix(sentence: str, a: int) -> bool:
    """Whether a clause before the leading verb at ``a`` opens with a subject (``为了…，我们党坚持…，把…``).

    A long prepositional opening can swallow a clause that has its own subject; the verb after it continues
    that subject's statement, it directs no one.

    >>> subject_in_prefix("为了推进改革，我们党坚持两手抓，把纪律挺在前面。", 17)
    True
    >>> subject_in_prefix("为了推进改革，把纪律挺在前面。", 7)
    False
    """
    k = sentence.find("，", 0, a)
    while k >= 0:
        if _RE_CLAUSE_SUBJECT.match(sentence, k + 1, a):
            return True
        k = sentence.find("，", k + 1, a)
    return False


def existential_yao(sentence: str, a: int) -> bool:
    """Whether 要 at ``a`` follows 有 and a quantity in its clause (``还有许多知识要学习``): it states what remains.

    >>> existential_yao("还有许多知识要学习。", 6), existential_yao("有关部门要加强监管。", 4)
    (True, False)
    """
    clause = max(sentence.rfind("，", 0, a), sentence.rfind("；", 0, a), 0)
    part = sentence[clause:a]  # (each branch of the pattern holds 有, 多, 不少 or 大量: tested first, for speed)
    return ("有" in part or "多" in part or "不少" in part or "大量" in part) \
        and _RE_EXISTENTIAL.search(sentence, clause, a) is not None


def first_person_account(sentence: str, i: int) -> bool:
    """Whether the writer speaks of themself before ``i`` without pledging (``我的个性比较温和，…进行…交流``).

    A student's plan or letter attached to a notice describes its writer; its verbs arrange nothing.

    >>> first_person_account("我的个性比较温和，能够与人进行良好的交流。", 15)
    True
    >>> first_person_account("我会做到：服从学校工作安排。", 10), first_person_account("我校由教务处负责。", 3)
    (False, False)
    >>> first_person_account("以“我的规划”为主题，写一篇不少于800字的文章。", 16)
    False
    """
    if "我" not in sentence[:i]:
        return False
    before = _RE_QUOTED.sub("", sentence[:i])  # 以“我的高中生涯规划”为主题: a title, not the writer
    return _RE_FIRST_PERSON.search(before) is not None and _RE_PLEDGE.search(sentence) is None


# -- modal markers and retrospective openings (:mod:`~.tasks` reads them; moved here for the size of tasks) --

#: Modal directive markers anywhere in a sentence. ``要`` counts unless it is part
#: of a common compound (重要, 主要, 必要, 要求, 要素, 纲要 …) or the discourse marker 要知道;
#: ``需`` unless a noun (内需, 外需, 刚需: demand); ``需要`` unless it needs a thing (需要的, 需要一些…, 需要我们…,
#: 迫切需要 …); ``应`` unless in 相应, 适应, 应用, 应对 …; ``请`` unless in 申请, 邀请, 有请, 请示, 请进来,
#: 请批评指正 ….
RE_TASK_MODAL: Pattern[str] = re.compile(
    r"(?P<m>必须|务必|应当|一定要|坚决|不得|严禁|禁止|不准(?![备确时])|(?<![勿])勿(?![忘论])"
    r"|不能(?=放松|松懈|懈怠|掉以轻心|忘记|马虎|含糊|打折扣|走过场|有丝毫)"
    r"|(?<![重主需纲提摘概简首机险紧只想扼枢必为])要(?![求素点闻件务害领略义旨员道职案塞地冲是么事]|紧(?![密紧跟扣盯抓贴])|知道)"
    r"|(?<!迫切)(?<![不无最])需要(?![的。，]|什么|这样|这种|这些|那样|一些|一点|一种|一定的|更多|我们|你们|他们|大家|进一步的|出发)"
    r"|(?<![所急亟必内外军刚无供])需(?![求要])|(?<![无毋])须(?![知臾])|应该"
    r"|(?<![相适反响供对顺呼感效答回照理知])应(?![用对急届聘邀试征付酬变收验有当该知]|.尽|尽(?:责任|义务|的|之))"
    r"|(?<![申邀提聘敬恳宴回有])请(?![示假教求柬帖愿缨客批看听托]|进来|收看|欣赏)"
    r"|(?<!没)有必要(?![的性。，,])"
    r")"
)
#: Where a modal marker can start (a cheap scan; :data:`RE_TASK_MODAL` then checks the compounds): every branch
#: opens with a literal, so that ``re`` scans for their first characters, and each already rejects what the marker
#: it stands for cannot be (坚持, 不断, 一个, 重要, 要求, 应对 …), with the same lookarounds, so that
#: :data:`RE_TASK_MODAL` is tried at fewer places and finds exactly the same markers.
RE_MODAL_START: Pattern[str] = re.compile(
    "必须|务必|一定要|坚决|不[得准能]|严禁|禁止|有必要|需(?!求)"
    "|要(?<![重主需纲提摘概简首机险紧只想扼枢必为]要)(?![求素点闻件务害领略义旨员道职案塞地冲是么事])"
    "|应(?:当|该|(?<![相适反响供对顺呼感效答回照理知]应)(?![用对急届聘邀试征付酬变收验有当该知]))"
    "|请(?<![申邀提聘敬恳宴回有]请)(?![示假教求柬帖愿缨客批看听托])|须(?<![无毋]须)(?![知臾])|勿(?<!勿勿)(?![忘论])")

def modal_matches(sentence: str) -> Iterator[re.Match[str]]:
    """The matches of :data:`RE_TASK_MODAL` in order, as :func:`~.tasks.task_marker` scans for them (jumping between the
    places :data:`RE_MODAL_START` finds, and on past each match): the same as trying every offset, which
    random text over the markers' characters checks (whoever edits one of the two patterns edits the other).

    >>> import random
    >>> def every_offset(text):
    ...     found, i = [], 0
    ...     while i < len(text):
    ...         m = RE_TASK_MODAL.match(text, i)
    ...         found.append(m.span()) if m else None
    ...         i = m.end() if m else i + 1
    ...     return found
    >>> rng = random.Random(15)
    >>> chars = sorted({c for c in RE_TASK_MODAL.pattern if "\u4e00" <= c <= "\u9fff"} | set("，；的了"))
    >>> texts = ["".join(rng.choice(chars) for _ in range(rng.randint(1, 12))) for _ in range(20000)]
    >>> all([m.span() for m in modal_matches(t)] == every_offset(t) for t in texts)
    True
    """
    c = RE_MODAL_START.search(sentence)
    while c is not None:
        a = c.start()
        m = RE_TASK_MODAL.match(sentence, a)
        if m:
            yield m
        c = RE_MODAL_START.search(sentence, m.end() if m else a + 1)


#: A reported achievement: a sentence that opens with a retrospective time adverbial
#: (五年来，/ 过去一年，/ 党的十八大以来，), with a communiqué's review of past work
#: (一致认为，/ 全会充分肯定…), or with 我们/我国 and reports a result (了, 取得).
RE_RETROSPECTIVE: Pattern[str] = re.compile(
    rf"^(?:(?:过去|这|近)?[{_NUM}百\d半]+年(?:来|以来|间|中|里)"
    rf"|过去(?:[{_NUM}\d]+年|一年|的一年)|[^，。；]{{1,20}}以来[，,]"
    r"|(?:全会)?(?:一致认为|充分肯定|高度评价)"
    r"|(?:我们|我国)[^。；]*(?:了|取得))"
)

#: What every branch of :data:`RE_RETROSPECTIVE` needs: 年 (``五年来``, ``过去一年``), 以来, or one of these openings.
RETROSPECTIVE_OPENINGS = ("全会", "一致认为", "充分肯定", "高度评价", "我们", "我国")


def retrospective(sentence: str) -> bool:
    """``RE_RETROSPECTIVE.match(sentence)``, after plain substring tests that most sentences fail."""
    return ("年" in sentence or "以来" in sentence or sentence.startswith(RETROSPECTIVE_OPENINGS)) \
        and RE_RETROSPECTIVE.match(sentence) is not None


# -- sections under a heading of requirements (moved here from :mod:`~.tasks` for its size) --

#: A heading of what a notice requires (``推荐条件``, ``评比对象``, ``评分标准``, ``注意事项``): each sentence under it
#: states a condition or a rule.
RE_RULE_HEADING: Pattern[str] = re.compile("条件|标准|对象|资格|纪律|注意事项|须知|规则|守则|评分")


def rule_sections(top: list[Section]) -> set[int]:
    """The ``id`` of every section under a heading of requirements (:data:`RE_RULE_HEADING`), at any depth."""
    found: set[int] = set()
    stack = [(sec, False) for sec in top]
    while stack:
        sec, inside = stack.pop()
        inside = inside or bool(sec.heading and RE_RULE_HEADING.search(sec.heading))
        if inside:
            found.add(id(sec))
        stack.extend((child, inside) for child in sec.children)
    return found


# -- the context of reports and directives (:func:`~.tasks.context_states` reads them; moved here for the size
# of tasks) --

#: A title or heading of a report of work done: a duty report (述职, 述廉), a summary (总结, 小结), a
#: report to superiors (汇报), deeds (事迹), or a section that reviews (回顾, 过去…, 成绩, 成效, 收获,
#: 业绩, …情况) or states shortcomings (问题, 不足, 差距, 反思).
RE_REPORT_HEADING: Pattern[str] = re.compile(
    "述职|述廉|总结|小结|汇报|事迹|回顾|过去|成绩|成效|成就|收获|业绩|情况|问题|不足|差距|反思")
#: A genre word that modifies the noun after it (``“三定”规定执行情况``, ``八项规定精神``, ``计划落实情况``):
#: the title is about carrying a text out, it is not that text.
_GENRE_AS_MODIFIER = "(?!执行|精神|落实|实施)"
#: A title or heading that looks forward (下一步, 今后, 打算, 努力方向, 计划, 措施, 整改 …) or a genre
#: that directs (通知, 方案, 意见, 要点, 办法, 决定 …): its sentences keep their markers.
RE_PLAN_HEADING: Pattern[str] = re.compile(
    "(?:下一步|今后|明年|下阶段|打算|方向|计划|思路|设想|措施|整改|任务|安排|展望|目标"
    "|通知|方案|意见|要点|办法|规定|细则|决定|纲要|规划|倡议)" + _GENRE_AS_MODIFIER)
#: A sentence that looks forward inside a report (``下一步…``, ``今后…``, ``计划…``; or 将 before a verb,
#: :data:`RE_FUTURE`, not the object marker of ``将资金纳入…``); a plan completed (``完成年度预算计划``,
#: :data:`_RE_PLAN_DONE`) is reported, it does not look forward.
RE_FORWARD: Pattern[str] = re.compile("下一步|今后|接下来|下阶段|明年|计划|打算|新的一年|新一年")
_RE_PLAN_DONE: Pattern[str] = re.compile("(?:完成|实现)[^，,。；]{0,12}计划")
#: The opening of a report of work done: after at most two clauses (a time, a purpose: ``近年来，``, ``为…，``), a
#: unit as the subject, then a verb of conduct (``某某编办坚持…``, ``行编处围绕…``, ``厦门市认真贯彻…``) — not a
#: meeting (召开, 举行: news of an event), and the sentence has no modal of its own (``各级编办要…`` directs).
RE_REPORT_OPENING: Pattern[str] = re.compile(
    rf"^(?:〔[^〕]{{1,8}}〕|【[^】]{{1,8}}】)?(?:[^。；]{{1,60}}?[，,]){{0,2}}?{UNIT}"
    rf"(?:{ALT_ADV}|持续|先后)?(?!召开|举行|举办|参加)(?:{ALT_VERBS}|按照|紧扣|以)")
#: An item of a list written in sentences: ``一是…``, ``二是…``.
RE_ITEM: Pattern[str] = re.compile(rf"^[{_NUM}]是")
#: A sentence that frames what a meeting or a speaker directs (``会议强调，…``, ``某某指出：…``): in a report, it and
#: the sentences after it in its section say what is to be done.
RE_SPEECH_FRAME: Pattern[str] = re.compile("^[^，,。；]{0,16}?(?:强调|指出)[，,：:]")
#: A title of a genre that directs by arrangement — a notice (通知, 通告, 公告, 提醒), a plan or schedule (方案,
#: 预案, 安排, a work plan 计划, its outline 思路 or 要点), instructions and rules (须知, 办法, 细则, 规定, 规则,
#: 章程, 简章, 指南): under it, a statement that says who does what, by when or what follows is a task
#: (:func:`arrangement_marker`).
RE_DIRECTIVE_GENRE: Pattern[str] = re.compile(
    "(?:通知|通告|公告|方案|预案|安排|须知|办法|细则|规定|规则|规程|章程|简章|指南|提醒|计划|思路|要点)"
    + _GENRE_AS_MODIFIER)
#: What a heading's report words are not in a title: topics (``…问题答疑``, ``…问题的一些思考``, ``不足``, ``反思``).
_RE_TITLE_TOPIC: Pattern[str] = re.compile("问题|不足|差距|反思|过去")
