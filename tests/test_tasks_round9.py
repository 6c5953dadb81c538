"""Task sentences, round 9 (issue 15 item 6): causes read on the tenth set (round A) and the eleventh (round B).

Every rule is pinned on sentences written for these tests (never text of ``../shared``), each with
counter-examples; the floors on the tenth and eleventh sets are at the end (``benchmarks/eval_tasks.py --set
judges`` prints the figures in full).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import policytext as pt
from policytext.text._task_readings import essay_document, label_rest
from policytext.text.tasks import arrangement_marker, later_lead, task_marker

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


@pytest.mark.parametrize("sentence", [
    # a group states its own intention, clauses before its 要
    "与会代表们表示，站在新起点，要继续深化改革。",
    "师生们纷纷表示，面对新要求，要更加努力学习。",
    # a leader's visit reported with 他: the clause has its own subject
    "在学校考察的第一站，他就来到了实验室，认真听取情况介绍。",
    # a quoted slogan that modifies a noun
    "学校确立“向课堂要效率”的教学理念。",
    # a definition: its modal says what the defined thing involves
    "困难学生指家庭人均收入低于当地标准且须长期治疗的学生。",
    # a slogan, a theme or a purpose after its label
    "办学理念：以人为本，促进发展。",
    "项目价值：充分发挥骨干教师的引领作用。",
    # 应 of an invitation or of who is due to attend; 请 of a report's formula; 请托
    "应邀请方的邀请，代表团前往该国访问。",
    "本次会议应出席委员56名。",
    "现在，我代表市政府向大会报告工作，请予审议。",
    "严查请托办事、利益输送等问题背后的作风问题。",
    # the writer's self-admonition
    "我常常告诫自己，要做一个清醒的人。",
    # a verb phrase that is the condition of what it makes possible
    "坚持这条道路走下去，我们就一定能实现目标。",
])
def test_round9_not_tasks(sentence):
    assert task_marker(sentence) is None


@pytest.mark.parametrize("sentence, marker", [
    ("会议强调，要继续深化改革。", "要"),  # a meeting directs: no group's intention
    ("我们表示，各校要加强管理。", "要"),  # 表示 just before the addressee's 要: the older reading (weak)
    ("要向先进典型学习。", "要"),  # 向 without a quoted slogan
    ("他说：“要加强学习。”", "要"),  # a quotation that is no modifier
    ("各部门指定专人负责，须于月底前上报。", "须"),  # 指定 is no definition
    ("各校应按时上报名单。", "应"),
    ("请各班主任于周五前报送名单。", "请"),
    ("校长强调，全体教师要增强安全意识。", "要"),
    ("广泛践行社会主义核心价值观。", "lead:践行"),
    ("充分利用校外实践基地开展劳动教育。", "lead:利用"),
    ("严厉打击破坏耕地的违法行为。", "lead:打击"),
    ("有效降低学生课业负担。", "lead:降低"),
    ("勉励两校学生互学互鉴、携手共进。", "勉励"),  # any addressee
    ("市教育局将在暑期举办一期安全管理培训班。", "将"),  # 将 with a time before its verb
    ("本次计划招聘体育教师2人。", "计划"),
    ("让我们紧密团结起来，为实现目标而奋斗。", "让我们"),
])
def test_round9_tasks(sentence, marker):
    assert task_marker(sentence) == marker


@pytest.mark.parametrize("sentence", [
    "开幕式将在市体育中心举行。",  # an event takes place: 举行 after 将在…
    "大家将在党校学习政策理论。",  # 学习 is no leading verb after the place
    "让我们看到了希望。",  # a result, not a call
    "原计划举办的活动因故取消。",  # 原计划: what was planned
])
def test_round9_readings_that_do_not_plan(sentence):
    assert task_marker(sentence) is None


def test_a_view_held_is_weak_and_a_report_drops_it():
    assert task_marker("有的同志片面地认为应该先抓业务。") == "应该"  # weak: a task on its own
    doc = pt.parse("2023年度述职报告\n一、存在的问题\n有的同志片面地认为应该先抓业务。\n各部门要加强学习。")
    assert [s.task for s in doc.sentences] == [None, "要"]


def test_a_purpose_frames_the_clauses_after_it():
    assert later_lead("本项目旨在培育学科名师，推进团队建设。") is None
    assert later_lead("适应先进制造等领域人才需求，加强职业技能培训。") == "lead:加强"


@pytest.mark.parametrize("sentence, marker", [
    ("经学校同意，报市教育局同意后发放。", "rule:报"),
    ("听力播放组从暂停处继续播放。", "rule:从"),
    ("广播室更换播放设备。", "rule:更换"),
])
def test_round9_arrangements(sentence, marker):
    assert arrangement_marker(sentence) == marker


def test_a_publishing_formula_is_no_arrangement():
    assert arrangement_marker("经教代会表决通过，现将《考核办法》予以公布。") is None
    assert arrangement_marker("考核结果予以公布。") == "rule:予以"  # no formula: a procedure


def test_label_rest_reads_past_a_label_and_a_clock_time():
    assert label_rest("工作内容：14：15拉开警戒线，教师维持秩序。") == "拉开警戒线，教师维持秩序。"
    assert label_rest("工作内容：略。") is None  # too short to be a clause
    assert label_rest("拉开警戒线。") is None


def test_essay_documents_are_told_by_their_titles_or_their_author():
    assert essay_document(("浅谈高中作文教学",), [], False)
    assert essay_document(("——记我校优秀教师某某",), [], False)
    assert essay_document(("谈阅读",), ["笔者以为如此。", "笔者认为不然。"], False)
    assert not essay_document(("谈阅读",), ["笔者以为如此。"], False)  # once is not a voice
    assert not essay_document(("关于开展心得体会评选的通知",), [], True)  # a directing title
    assert not essay_document(("全会公报",), [], False)
    assert not essay_document(("某某全体会议公报",), [], False)  # 全体会议 holds no 体会
    assert not essay_document(("校长在开学典礼上的讲话：如何做一名好学生",), [], False)  # a speech


def test_an_essay_has_no_tasks_but_a_notice_keeps_them():
    essay = pt.parse("浅谈作文教学\n教师要引导学生观察生活。\n学生应该多读多写。")
    assert [s.task for s in essay.sentences] == [None, None]
    notice = pt.parse("关于作文比赛的通知\n教师要引导学生观察生活。\n作品于11月20日前提交。")
    assert [s.task for s in notice.sentences] == ["要", "rule:前提交"]


def test_a_field_line_of_a_plan_is_judged_by_its_content():
    doc = pt.parse("考务工作方案\n一、安检\n工作内容：8：15组织考生通过安检门，有序入场。\n成  员：教务处负责人。")
    assert [s.task for s in doc.sentences][0] is not None
    assert doc.sentences[-1].task is None  # a roll call stays none


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="代表们表示，要应邀请出席名请予审议自己告诫认为就一定能让我们看到计划招聘将在暑期举办指。“”的", max_size=40))
def test_round9_readings_never_raise(sentence):
    marker = task_marker(sentence)
    assert marker is None or isinstance(marker, str)
