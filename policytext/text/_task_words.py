"""The word lists of task detection (:mod:`policytext.text.tasks`): leading verbs, adverbs, and a regex builder.

>>> "继续" in LEAD_VERBS, "牢固" in ADVERBS
(True, True)
"""

from __future__ import annotations

import re

__all__ = ["LEAD_VERBS", "ADVERBS", "trie"]

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
    "追究", "调整", "创建", "重视",
    # go on with (决定, 规划, news of a policy): 继续实施…, 继续打好…
    "继续",
    # study (学习材料, news of a meeting): 深刻领会…, 深刻理解…; a request: 希望…
    "理解", "领会", "希望",
)
#: Adverbs that may precede the leading verb (``分类推进``, ``科学规划``, ``逐步提高``).
ADVERBS: tuple[str, ...] = (
    "进一步", "不断", "逐步", "分类", "科学", "精心", "认真", "及时", "主动", "全力", "统一", "依法", "依规",
    "合理", "适度", "适当", "尽快", "加快", "稳妥", "因地制宜", "分级", "分批", "按时", "定期", "同步", "全",
    "共同", "联合", "广泛", "重点", "率先", "优先", "严格", "切实", "大力", "积极", "充分", "自觉", "真正",
    "努力", "更加", "始终", "牢牢", "坚定不移", "深刻", "依纪", "特别", "牢固", "精准",
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
