"""The word lists of task detection (:mod:`policytext.text.tasks`): leading verbs, adverbs, the shapes of an
arrangement and the other lists the rules read, and a regex builder.

>>> "继续" in LEAD_VERBS, "牢固" in ADVERBS
(True, True)
"""

from __future__ import annotations

import re

__all__ = ["LEAD_VERBS", "ADVERBS", "trie", "first_chars", "ALT_VERBS", "ALT_ADV", "AGENT_VERBS", "ROLES",
           "ROLE_VERBS", "UNIT", "ARRANGEMENT_SHAPES", "NOT_MODAL_BEFORE_YAO", "ORGAN_VERBS", "TOPIC",
           "TOPIC_AFTER_COMMA", "TOPIC_VALUE", "WISH", "ADDRESSEE", "PREPOSITIONS", "FRAME", "PREP_BODY",
           "ROLL_CALL", "GROUP_SPEAKER"]

#: Verbs that open an imperative clause of a 意见, 决定, 规划, work plan or notice.
LEAD_VERBS: tuple[str, ...] = (
    # reform and build (决定, 规划)
    "坚持", "推进", "推动", "加快", "健全", "完善", "加强", "深化", "构建", "实施", "建立", "强化", "优化",
    "提高", "提升", "促进", "落实", "支持", "统筹", "扩大", "发展", "发挥", "全面", "着力", "抓好", "做好",
    "坚定", "持续", "深入", "大力", "扎实", "积极", "切实", "稳步", "有序", "探索", "创新", "规范", "严格",
    "严肃", "引导", "鼓励", "巩固", "培育", "打造", "维护", "保障", "确保", "防范", "开展", "围绕", "聚焦",
    "贯彻", "把", "允许", "加大", "增加", "减少", "降低", "稳定", "主攻", "改革", "改进", "改善", "增强",
    "拓展", "拓宽", "畅通", "激发", "夯实", "筑牢", "压实", "细化", "明确", "注重", "突出", "树立", "弘扬",
    "发扬", "彰显", "营造", "形成", "推广", "推行", "实行", "执行", "遵守", "建设", "设立", "出台", "制定",
    "修订", "修改", "整治", "治理", "破除", "清理", "打击", "惩治", "查处", "纠正", "精简", "简化", "取消",
    "放宽", "延长", "纳入", "融入", "引领", "倡导", "提倡", "防止", "杜绝", "避免", "坚守", "守住", "守牢",
    "用好", "管好", "办好", "讲好", "上好", "开好", "搞好", "解决好", "处理好", "把握", "抓住", "紧扣", "高举",
    "立足", "着眼", "对标", "追求", "争创", "争取", "保持", "保护", "保证", "加速", "培养", "提供",
    # do (work plans, notices)
    "组织", "组成", "成立", "指派", "安排", "召开", "举办", "举行", "参加", "参与", "配合", "协助", "督促",
    "指导", "检查", "督查", "考核", "评选", "推荐", "选拔", "培训", "教育", "提醒", "调查", "设计", "规划",
    "提交", "上报", "报送", "上交", "登录", "撰写", "填写", "签订", "报名", "发放", "进行", "予以", "给予",
    "认真", "及时", "主动", "加紧", "抓紧", "进一步", "不断", "逐步", "要求", "紧盯", "核查", "认识",
    # act on (news of a policy, rules of a notice): 追究…责任, 调整…, 创建…, 重视…
    "追究", "调整", "创建", "重视", "迈出",
    # round 8: prepare an event (精心筹办…赛事), open up and build (打通…通道, 建好用好…)
    "筹办", "筹备", "打通", "建好",
    # go on with (决定, 规划, news of a policy): 继续实施…, 继续打好…
    "继续",
    # study (学习材料, news of a meeting): 深刻领会…, 深刻理解…; a request: 希望…
    "理解", "领会", "希望",
    # round 9: 广泛践行…
    "践行", "利用",
)
#: Adverbs that may precede the leading verb (``分类推进``, ``科学规划``, ``逐步提高``).
ADVERBS: tuple[str, ...] = (
    "进一步", "不断", "逐步", "分类", "科学", "精心", "认真", "及时", "主动", "全力", "统一", "依法", "依规",
    "合理", "适度", "适当", "尽快", "加快", "稳妥", "因地制宜", "分级", "分批", "按时", "定期", "同步", "全",
    "共同", "联合", "广泛", "重点", "率先", "优先", "严格", "切实", "大力", "积极", "充分", "自觉", "真正",
    "努力", "更加", "始终", "牢牢", "坚定不移", "深刻", "依纪", "特别", "牢固", "精准",
    "紧紧", "高标准", "高起点",
    # round 8: 更大力度建设…, 加力实施…, 择优推荐…
    "更大力度", "加力", "择优",
    # round 9: 将相继实施…, 陆续开展…
    "相继", "陆续", "准确", "严厉", "有效", "首次",
)


def trie(words: tuple[str, ...]) -> str:
    """A regex matching any of ``words`` (longest first), factored by prefix so that it matches fast.

    >>> trie(("把", "把握", "推进", "推动"))
    '(?:把(?:握)?|推(?:动|进))'
    """
    heads: dict[str, list[str]] = {}
    for w in sorted(set(words)):
        heads.setdefault(w[0], []).append(w[1:])
    alts = []
    for head, tails in sorted(heads.items()):
        rest = tuple(t for t in tails if t)
        if not rest:
            alts.append(re.escape(head))
        else:
            alts.append(re.escape(head) + trie(rest) + ("?" if "" in tails else ""))
    return "(?:" + "|".join(alts) + ")"


def first_chars(words: tuple[str, ...]) -> str:
    """A lookahead for the first characters of ``words``: a position no word can start at fails at once.

    ``re`` tries the branches of an alternation one after another; a character class in front rejects a
    position in one step, and the words match exactly as without it.

    >>> first_chars(("推进", "推动", "把握"))
    '(?=[把推])'
    """
    return "(?=[" + "".join(sorted({re.escape(w[0]) for w in words})) + "])"


#: :data:`LEAD_VERBS` and :data:`ADVERBS` as regexes (behind a lookahead of their first characters, for speed).
ALT_VERBS = first_chars(LEAD_VERBS) + trie(LEAD_VERBS)
ALT_ADV = first_chars(ADVERBS) + trie(ADVERBS)
#: Words before 要 that make it habitual or epistemic, not a directive (``往往要``, ``肯定要``, ``最终要``, ``总也要``).
NOT_MODAL_BEFORE_YAO = frozenset(("往往", "肯定", "必然", "最终", "终究", "总是", "可能", "也许", "总也", "总得"))
#: An organ named after a verb (``教育部``, ``组织部``, ``规划办``, ``督查组``): the verb is part of a noun.
ORGAN_VERBS = frozenset(("教育", "组织", "规划", "督查", "指导", "检查", "考核", "建设", "保障", "改革", "发展",
                         "治理", "培训", "调查", "监督", "宣传"))
#: Verbs an agent introduced by 由 carries out in an arrangement (``由学校主管部门受理``).
AGENT_VERBS = ("确定|负责|组织|承担|审核|审定|审议|决定|受理|评定|评选|安排|统一|提供|认定|实施|办理|出具|发放|"
               "推荐|讨论|研究|担任|主持|牵头|汇总|上报|报送|核实|确认|另行|进行|通知|公布|公示|颁发|考核|"
               "制定|聘请|负总责|统筹")
#: Who acts in the procedure of a plan or a notice (``班主任…``, ``志愿者…``, ``监考人员…``) and what they do there:
#: ``二楼的班级从2楼安检门通过``, ``志愿者维持秩序``.
ROLES = ("班主任|志愿者|监考(?:人员|教师|员)?|教师|老师|考生|学生|同学|家长|各班|班级|值周(?:班|教师)?"
         "|值班(?:人员|教师)?"
         "|工作人员|校医|年级组|备课组|教研组|团支书|班长|组长|负责人|主持人|评委|裁判|参赛者|选手|运动员"
         # round 9: the teams and rooms of an exam's procedure (``听力播放组从…``, ``广播室更换…``)
         "|[播放务控铃勤障卫]组|广播室|司铃室|监控室|医务室")
ROLE_VERBS = ("从|到|在|向|对|于|把|按|凭|持|经|维持|带|引导|组织|提醒|检查|负责|宣布|收齐|收取|发放|清点|送|领取|签到|"
              "报到|进入|离开|通过|携带|填写|提交|上交|整理|监督|巡视|安排|准备|集合|集中|排队|就座|入场|退场|佩戴|穿|"
              "播放|更换|暂停|打铃|监控|留意|核对|分发|收回|开启|关闭")
#: Who reports its own work in the opening sentence: a unit (``某某区委编办``, ``行编处``, ``开封市``, ``学校``) or
#: 我/全/本 and a unit (``我县``, ``全市``).
UNIT = (r"(?:[^，,。；：:、“”《》（）()]{0,16}?(?:编办|办公室|委员会|党委|党组|支部|政府|政协|人大|中心|公司|学校"
        r"|[委办局厅部处院校所室站队省市县区州旗镇乡])|(?:我|全|本)[省市县区州旗镇乡校院办局委组])")
#: The shapes of an arrangement or rule written as a statement (each names its cue in the group ``m``):
#: an agent with 由 (``由学校确定``, ``交由…承担``); a procedure with 进行/予以/给予 + verb (``对名单进行审核``);
#: a deadline (``于12月底前``, ``在离校前``, ``…前完成``); what follows (``视作自动放弃``, ``一律取消``, ``不予聘用``,
#: ``原则上``); a way of handling (``按…处理/执行/录取``); handing in (``上传到``, ``报送``, ``并交…``); a
#: negated administrative verb or a prohibition (``不接受``, ``不纳入``, ``不能``, ``不把…``); a regime (``实行…制``);
#: a condition and what follows (``…确认后，可…``, ``…缺席的，直接取消…``); a decision (``决定``); a responsibility
#: (``负责``, not 负责人). Round 7: what is announced later (``另行通知``), a deadline (``…日截止``), a score
#: (``扣1分``), where to gather (``到…集中``), a permission (``可以申请``), what is not needed or kept (``无需``,
#: ``不再保留``), a merger (``将…合并``), a quota (``至少``, ``不超过3分``), what follows at once (``铃响后，即…``),
#: an assignment (``开课班级：``), a role doing its part (``志愿者维持秩序``), a unit that sets up (``学校成立…``).
ARRANGEMENT_SHAPES: tuple[str, ...] = (
    rf"(?P<m>由)(?![于此衷来浅表])[^，。；]{{1,24}}?(?:{AGENT_VERBS})",
    r"(?P<m>进行|予以|给予)(?=[\u4e00-\u9fff])",
    r"(?P<m>[于在](?<!位于)[^，。；]{1,16}?(?:之前|以前|前))(?![提期后\d一二三四五六七八九十百])",
    r"(?P<m>前(?:完成|报送|上报|提交|上交|递交|交|报))",
    r"(?P<m>视作|视为|一律|不予|原则上|酌情|做到)(?!了)",
    r"^(?P<m>经)[^，。；]{1,12}?后[，,]",
    r"(?:按|即作|将作|(?:根据|依据|参照)[^，。；]{0,60}?《)[^，。；]{1,60}?"
    r"(?P<m>处理|执行|办理|处置|发放|录取|排序|计算|扣除|评定|进行|计(?=[；;。，,]|$))",
    r"按[^，。；]{1,60}?(?P<m>顺序|格式|程序|模板)",
    r"(?P<m>(?<!不)(?:列入|纳入|计入|记入)|上传到|上传至|交至|交到|交各|送至|送到|报送|上报|提交|递交|上交(?!通|流)|并交|再交|并报|再报)",
    r"(?<![虽并])(?P<m>不(?:接受|纳入|受理|列入|作为|计入|享受|安排|能|可(?![替估或分忽动逆思少缺多])|准|许|以|把|带))",
    r"(?P<m>实行)",
    r"(?:的|后|者)[，,][^。；]{0,20}?(?P<m>可)(?![能以是见谓])",
    r"[，,](?:也|均|亦|则|即)?(?P<m>可)(?![能以是见谓疑持靠行信爱怕惜])",
    r"(?P<m>的|者)(?<=[^，。；]{3})[，,](?=[^。；]{2})",
    r"(?P<m>决定|负总责|负责)(?![人同])",
    # round 7 (issue 15 item 6): after the earlier shapes, so that their cues stay
    r"(?P<m>另行(?:通知|安排|公布|确定|告知)|(?:通知|文件)另发|将(?:作为|纳入|列入|计入|记入|视为|取消))",
    r"(?<=[日前点时])(?P<m>截止)(?![日时])",
    r"(?P<m>[扣加减])[\d一二三四五六七八九十半][^，。；]{0,3}分",
    r"[到在至][^，。；]{1,24}?(?P<m>集中|集合|报到|签到)(?![的情])",
    r"(?<![我你他她们])(?P<m>可以)(?=参加|参与|申请|报名|选择|提出|调整|转岗|推荐|凭|免|延|提前|自行|自愿|自主|向|到|在)",
    r"(?P<m>无需|无须|不需要|不必|免于|免交)",
    r"(?P<m>不再)(?=保留|设立|设置|列入|列|作为|实行|承担|履行|保持|单设|发放|收取|审批)",
    r"^将[^，。；]{1,40}?(?P<m>合并|调整为|划入|划转|并入|整合为|更名为|改为|移交|交由)",
    r"(?P<m>至少|(?:不少于|不超过|不多于|不得少于|限报|最多)(?=[\d一二两三四五六七八九十每半]))",
    r"(?<=[响后时毕])[，,](?P<m>即|立即|随即)(?=[向对把将按到在由宣进])",
    r"^(?P<m>(?:开课|承办|负责|执行|值班|参赛|展示|上课|主讲)(?:班级|单位|部门|人员|教师|老师))[：:]",
    rf"^[^，,。；：:]{{0,10}}?(?<![的])(?:{ROLES})(?![的是为有])(?:{ALT_ADV})?(?P<m>{ROLE_VERBS})(?![^，。；]{{0,2}}时间)",
    rf"^(?:[^，。；]{{1,12}}[，,])?{UNIT}(?P<m>成立|组建|设立)",
    # round 8: submitted for approval (``报…批准后实施``), a way of paying (``按学期计发``), who provides
    # (``服装自行准备``), what to do at once (``立即将…``), duties merged (``将…的职责整合，组建…``), a quota of
    # places (``取前6名``), what wins (``…为胜``)
    r"(?<![汇申上填预简海公情电举通捷快周月年日画])(?P<m>报)[^，。；]{1,16}?(?:批准|审批|备案|同意后|审核后|审定后)",
    r"(?:[按以][^，。；]{1,20}?)(?P<m>计发)",
    r"(?P<m>自行(?=准备|安排|解决|负责|承担|联系|打印|下载|携带|保管|购买|前往|组织))",
    r"^(?P<m>立即|迅速|马上)(?=[将把对向到在组通报])",
    r"^将[^，。；]{1,40}?(?P<m>整合|划归)(?=[，,])",
    r"(?P<m>取前(?=[\d一二三四五六七八九十]+名)|(?<![以])为胜)",
)

#: A verb phrase that is the topic of a statement: a later clause that says what it concerns or serves
#: (``做好疫情防控工作，直接关系…``, ``加强…，目的是…``, ``…，有利于…``) or a predicate of value in its own clause
#: (``维护…稳定符合各方共同利益``).
_TOPIC_ADVERBS = ("直接", "也", "更", "都", "就", "必将", "将")
_TOPIC_WORDS = ("关系到", "关系着", "关系", "事关", "关乎", "攸关", "意味着", "有利于", "有助于", "决定着", "目的是",
                "目的在于", "制定本") + tuple(h + w for h in "现特兹"
                                            for w in ("提出", "制定", "制订", "印发", "将有关", "就有关"))
#: What follows the comma of :data:`TOPIC` (behind lookaheads of the words' first characters, for speed).
TOPIC_AFTER_COMMA = (f"{first_chars(_TOPIC_ADVERBS + _TOPIC_WORDS)}(?:{trie(_TOPIC_ADVERBS)})?"
                     f"{first_chars(_TOPIC_WORDS)}{trie(_TOPIC_WORDS)}")
TOPIC = "[，,]" + TOPIC_AFTER_COMMA
#: A predicate of value (``…符合各方共同利益``, ``…具有重要意义``): two regexes, each with a fast first character.
TOPIC_VALUE = "符合[^，,。；]{0,16}(?:利益|愿望|期待|期盼|潮流|规律)|具有[^，,。；]{0,16}意义"
#: What a wish hopes for (``希望…继续取得更多重要成就``): an outcome, not an action.
WISH = ("取得|获得|成功|顺利|幸福|健康|快乐|愉快|圆满|繁荣|昌盛")
#: Whom a notice addresses: ``各支部``, ``高二各班``, ``各区、县（市）``, or each of them: ``每个支部``,
#: ``每名党员``, ``全体教师``.
ADDRESSEE = (r"(?:[^，。；]{0,6}?各(?:级|地|部门|单位|学校|班级|班|支部|党支部|区|县|校|处室|年级|教研组|备课组|组|"
             r"学科|党委|党组|有关)[^，。；]{0,12}?|(?:每个|每名|每位|每一|全体)[^，。；]{1,8}?)")
#: An adverbial before the verb: short and ending in ``，``, or opening with a preposition.
PREPOSITIONS = "以|按照|根据|依据|围绕|针对|结合|对照|为了|为|通过|依托|着眼|立足|对标|本着|在|从"
FRAME = "内容|载体|抓手|重点|主线|核心|导向|目标|指导|引领|牵引|契机|平台|突破口|切入点"
#: The body of a prepositional phrase: up to 30 characters or quotations, with at most one comma outside quotation
#: marks (``按照“师德为首，业绩优先”的原则，``, ``在正式录取时，学校与考生签订协议，``); a phrase that runs over two
#: commas swallows clauses with their own subjects (``在中心控制室，某某观看…，对企业坚持…``).
PREP_BODY = r"(?:[^，。；“]|“[^”。；]{0,30}”)"
#: A roll call: a label of a post or a group (``组长：``, ``成  员：``, ``参加人员：``, ``出席：``) and whom it lists.
ROLL_CALL = (
    r"^(?:[（(]?[0-9一二三四五六七八九十]+[)）、.．]\s*)?(?:[组成委]\s*员|(?:副)?组\s*长|(?:副)?主\s*任|(?:副)?校\s*长"
    r"|出\s*席|列\s*席|(?:参加|参会|与会|工作)人员|主\s*持人?|顾\s*问|联系人|(?:副)?书\s*记|(?:副)?部\s*长|秘书长|召集人)\s*[：:]")
#: A group whose members state an intention (``与会人员表示，要…``, ``学员表示，要…``), unlike a leader who directs.
GROUP_SPEAKER = ("(?:们|者|员|代表|大家|群众|同志|人士|干部|师生|职工|委员|专家)[，,]?表示[，,：:]?$")
