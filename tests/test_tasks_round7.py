"""Task sentences, round 7 (issue 15 item 6): causes that recur on the sixth and seventh sets.

Every rule is pinned on sentences written for these tests (never text of ``../shared``), each with
counter-examples. The floors on the sixth and seventh sets are in ``tests/test_tasks.py``;
``benchmarks/eval_tasks.py --set sixth`` prints the figures in full.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import policytext as pt
from policytext.text.tasks import arrangement_marker, later_lead, task_marker

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


@pytest.mark.parametrize("sentence, marker", [
    # a body agrees, urges or encourages an addressee; a released text requires
    ("会议同意在三个县开展农村改革试点。", "同意"),
    ("外交部发言人敦促有关方面停止挑衅行为。", "敦促"),
    ("校长来到实验室，勉励同学们勇于探索。", "勉励"),
    ("这份指导意见今天公布，意见要求解决融资难问题。", "要求"),
    ("近日，两部门印发了《实施方案》，并发出通知，要求各地认真贯彻执行。", "要求"),
    # a speech verb after the perfective that reports the meeting
    ("全会听取了工作报告，强调坚决完成全年目标任务。", "坚决"),
    # a leader directs with 表示，要 (weak: a task unless the sentence reports work done)
    ("市长表示，要加快推进老旧小区改造。", "要"),
    # the released text frames the modal at a clause start
    ("关于加强监管，《办法》指出，要建立信息公开制度。", "要"),
    # prohibitions
    ("考生切勿携带手机进入考场。", "勿"),
    ("安全工作决不能放松。", "不能"),
    # a list opener, a planned release, an adverb of the list
    ("另一方面是健全基层医疗服务网络。", "lead:健全"),
    ("明年将推出二十项便民措施。", "将"),
    ("紧紧围绕立德树人根本任务，深化课程改革。", "lead:围绕"),
    # a prepositional phrase with a quotation that holds commas
    ("按照“公开，公平，公正”的原则，把表现突出的教师推荐出来。", "lead:把"),
])
def test_round7_tasks(sentence, marker):
    assert task_marker(sentence) == marker


@pytest.mark.parametrize("sentence", [
    "按照有关规定，市民无需办理登记手续。",  # negated need
    "维护地区和平稳定符合各国共同利益。",  # the verb phrase is a topic
    "做好防汛工作，直接关系群众生命财产安全。",
    "加强理论学习，目的是提高思想水平，增强工作本领。",
    "开展这项活动，对于凝聚人心具有重要意义。",
    "为推动产业升级，促进就业，现提出如下意见。",  # a preamble
    "总体目标是：经过三年努力，全面建成智慧校园。",  # a goal frame
    "教育局召开会议研究部署暑期安全工作。",  # an organ named after a verb
    "建设银行与这家企业签署合作协议。",
    "考核小组由校长和各处室主任组成。",
    "希望通过这次活动让同学们增长见识。",  # wishes for an outcome
    "希望贵国人民在新的一年取得更大成就。",
    "一切工作的出发点就是要让群众满意。",  # 就是要 explains
    "遇到这种情况，班主任往往要花很多时间沟通。",  # habitual or sure 要
    "真正负责的老师肯定要关心学生的长远发展。",
    "改革必然会触动一些固有利益。",  # the verb is the subject of a statement
    "与会代表表示，要把会议精神带回去。",  # a group states an intention
    "报社将刊发题为《发展与安全要统筹兼顾》的评论文章。",  # 要 inside a title
    "在广场上，市长观看文艺演出，对演员坚持创新，坚持服务群众的做法表示赞赏。",  # a phrase over two commas
    "参加会议的有：王明、李华、张强。",  # roll calls and labels
    "参加会议的有王明、李华、张强。",
    "参加人员：各年级组长、班主任。",
    "指导老师：王老师（数学组）、李老师（物理组）。",
    "这里的供需矛盾十分突出。",  # 供需, 需要 with an object
    "这门课更需要这样的耐心。",
])
def test_round7_not_tasks(sentence):
    assert task_marker(sentence) is None


@pytest.mark.parametrize("sentence, marker", [
    ("如有变动将另行通知。", "rule:另行通知"),
    ("报名于9月20日截止。", "rule:截止"),
    ("迟到一次扣2分。", "rule:扣"),
    ("全体考生到报告厅集中。", "rule:集中"),
    ("每位同学至少选择一个项目。", "rule:至少"),
    ("不再保留原有的三个科室。", "rule:不再"),
    ("将两个中心合并。", "rule:合并"),
    ("志愿者维持考场外秩序。", "rule:维持"),
    ("铃声响后，立即向监考老师报告。", "rule:立即"),
    ("开课班级：高一（2）班、高一（5）班。", "rule:开课班级"),
    ("学校成立安全工作领导小组。", "rule:成立"),
    ("作品成绩计入综合素质评价。", "rule:计入"),
    ("超出部分按加班计；", "rule:计"),
    ("外地学生可以申请住校。", "rule:可以"),
])
def test_round7_arrangements(sentence, marker):
    assert arrangement_marker(sentence) == marker


@pytest.mark.parametrize("sentence", [
    "我们可以看到远处的山。",
    "我们可以参加比赛。",  # a first-person subject
    "视频监考到场时间14：00。",  # a schedule line
    "成员：各处室负责人，年级负责德育工作的教师。",  # a roll call
    "组  员：教学处、德育处负责人。",
    "虽不能到场，也请大家理解。",  # a concession
    "希望通过本次活动使同学们做到知行合一。",  # a wish, not a rule
    "截止到目前，已有三百人报名。",
])
def test_round7_not_arrangements(sentence):
    assert arrangement_marker(sentence) is None


def test_later_lead_continues_a_series_of_actions():
    assert later_lead("待全体人员到齐后，关闭大门，防止无关人员进入。") == "lead:防止"
    assert later_lead("适应新的招生要求，加强教学管理。") == "lead:加强"
    assert later_lead("我们观看了演出，加强了交流。") is None  # a subject, a report
    assert later_lead("历史主题：走进博物馆，探索古代文明。") is None  # a labelled entry
    assert later_lead("天气很好，阳光明媚，大家心情愉快。") is None


_NOTICE = ("{title}\n一、推荐条件\n近三年内未受过纪律处分。\n二、活动安排\n"
           "待全体人员到齐后，关闭大门，防止无关人员进入。\n三、领导小组\n成员：各处室负责人，各年级负责教学工作的教师。")


def test_a_notice_directs_by_its_conditions_and_series_not_by_its_roll_call():
    doc = pt.parse(_NOTICE.format(title="关于开展寒假社会实践活动的通知"))
    assert [s.task for s in doc.sentences] == ["rule:条件", "lead:防止", None]


def test_conditions_and_series_count_only_under_a_directing_title():
    doc = pt.parse(_NOTICE.format(title="寒假生活随笔"))
    assert [s.task for s in doc.sentences] == [None, None, None]


def test_a_body_decision_survives_a_report_title():
    doc = pt.parse("委员长会议听取工作情况汇报\n委员长会议决定，将草案提交常委会会议审议。")
    assert [s.task for s in doc.sentences] == ["决定"]


_POSTS = st.sampled_from(["组长", "副组长", "成员", "组  员", "参加人员", "出席", "联系人", "主任"])
_FILLERS = st.text(alphabet="各处室负责人年级教师班主任负责德育工作、，（）王李张", min_size=1, max_size=30)


@settings(max_examples=150, deadline=None)
@given(_POSTS, _FILLERS)
def test_a_roll_call_is_never_an_arrangement(post, names):
    assert arrangement_marker(f"{post}：{names}。") is None


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="要将了我们，。；：加强开展组织适应防止关闭参加人员的有是目的关系", max_size=40))
def test_later_lead_names_a_leading_verb_of_the_sentence(sentence):
    marker = later_lead(sentence)
    assert marker is None or (marker.startswith("lead:") and marker[5:] in sentence)
