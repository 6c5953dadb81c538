"""Task sentences, round 8 (issue 15 item 6): causes read on the eighth set (round A) and the ninth (round B).

Every rule is pinned on sentences written for these tests (never text of ``../shared``), each with
counter-examples. The floors on the eighth and ninth sets are in ``tests/test_tasks.py``;
``benchmarks/eval_tasks.py --set eighth`` prints the figures in full.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import policytext as pt
from policytext.text._task_shapes import consequence_topic, existential_yao, first_person_account, target_year
from policytext.text.tasks import arrangement_marker, task_marker

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


@pytest.mark.parametrize("sentence", [
    # a verb phrase whose next clause says what it brings is a topic
    "推广节水灌溉，可以缓解农村用水紧张。",
    "扩大对外开放，将促进区域经济协调发展。",
    # a target year opens a goal stated as an outcome
    "到2030年，全面建成现代化的职业教育体系。",
    "到二〇三〇年，基本实现城乡公共服务均等化。",
    # a clause with its own subject swallowed by a long opening
    "为了提高办学质量，我们学校坚持开放办学，把课程建设作为重点。",
    # what remains, stated with 有 and a quantity
    "还有很多困难要克服，许多问题要解决。",
    # 为要 (is the key), 应X尽X and 应尽 (due) are no modals
    "安全为先，质量为要。",
    "这项政策做到了应保尽保。",
    "参加植树是每个公民的应尽义务。",
    # 创新 that modifies a noun names a subject
    "创新精神推动着这座城市不断前进。",
    # a purpose (旨在) frames the verbs after it
    "这次培训旨在提升教师的信息素养，推动课堂教学变革。",
])
def test_round8_not_tasks(sentence):
    assert task_marker(sentence) is None


@pytest.mark.parametrize("sentence, marker", [
    ("扩大高校招生规模，将更多学生纳入资助范围。", "lead:扩大"),  # 将 marks an object: a series of actions
    ("有关部门要加强食品安全监管。", "要"),  # 有关 is no existential 有
    ("应尽快完成检修工作。", "应"),  # 应尽快 stays a modal
    ("加快创新型城市建设。", "lead:加快"),  # 加快 leads when 创新 modifies a noun
    ("创新基层社会治理方式。", "lead:创新"),
    ("明年拟安排专项资金两千万元。", "拟"),  # an action planned with 拟
    ("精心筹办全市中学生运动会。", "lead:筹办"),
    ("更大力度推进城乡融合发展。", "lead:推进"),
    ("加力实施新一轮农田改造行动。", "lead:实施"),
    ("打通科研成果转化的堵点。", "lead:打通"),
    ("建好用好社区文化活动中心。", "lead:建好"),
    ("市里将择优推荐三个项目参加省级评选。", "将"),
    ("两部门近日联合印发《关于加强学生体质健康工作的指导意见》，要求学校保证每天体育活动时间。", "要求"),
    ("《办法》明确，自明年1月1日起，新建住宅全部配建充电设施。", "要求"),
])
def test_round8_tasks(sentence, marker):
    assert task_marker(sentence) == marker


def test_modifier_readings_leave_other_proposals_alone():
    assert task_marker("拟录用人员名单见附件。") is None  # 拟 as a modifier
    assert task_marker("他拟推荐的人选已经公示。") is None
    assert task_marker("一些地方要加强监管。") == "要"  # a quantity without 有 is not enough for 一些


@pytest.mark.parametrize("sentence, marker", [
    ("第二步：报校长办公会议批准后，公示结果。", "rule:报"),
    ("值班补贴按学期计发。", "rule:计发"),
    ("比赛所需道具自行准备。", "rule:自行"),
    ("每个年级取前3名。", "rule:取前"),
    ("在规定时间内投中次数多者为胜。", "rule:为胜"),
    ("立即将情况告知班主任。", "rule:立即"),
    ("立即组织学生有序撤离。", "rule:立即"),
    ("将两个科室的职责整合，组建新的教学服务中心。", "rule:整合"),
    ("相关经费由区教育局统筹安排。", "rule:由"),
    ("我会做到：服从学校的岗位安排。", "rule:做到"),  # a pledge keeps its arrangement
    ("以“我的中学生活”为主题，写一篇不少于600字的文章。", "rule:不少于"),  # 我 in a title
])
def test_round8_arrangements(sentence, marker):
    assert arrangement_marker(sentence) == marker


@pytest.mark.parametrize("sentence", [
    "今年的目标是有5个学生进入全省前100名。",  # a goal stated with the copula
    "我的性格比较开朗，也能够与同学进行良好的沟通。",  # the writer of an attached plan speaks of themself
    "我们一家人决定周末去郊游。",
    "累计发放助学金三百万元。",  # 累计 is no 计发
    "校级领导绩效考核与计发",  # a label, no way of paying
    "汇报会议纪要已经批准。",  # 汇报 is no submission for approval
])
def test_round8_not_arrangements(sentence):
    assert arrangement_marker(sentence) is None


def test_first_person_account_is_what_the_writer_says_of_themself():
    assert first_person_account("我的个性比较温和，能够与人进行交流。", 14)
    assert not first_person_account("我将按时完成任务。", 5)  # a pledge
    assert not first_person_account("我市由教育局负责。", 3)  # a unit
    assert not first_person_account("学生开展自我评价，进行总结。", 10)  # 自我


def test_helpers_read_only_the_clause_they_are_given():
    assert target_year("到2035年，基本实现现代化。") and not target_year("到2035年底前完成。")
    assert consequence_topic("深化改革，可以释放活力。", 2) and not consequence_topic("深化改革，释放活力。", 2)
    assert existential_yao("还有不少工作要做。", 7) and not existential_yao("各地要加强监管。", 2)


def test_a_target_year_keeps_an_explicit_modal():
    assert task_marker("到2035年，必须全面建成现代化强国。") == "必须"


def test_an_attached_plan_in_a_notice_does_not_arrange_by_its_writer():
    doc = pt.parse("关于举行生涯规划书大赛的通知\n一、参赛要求\n作品于11月20日前提交。\n"
                   "二、样稿\n我的性格比较开朗，也能够与同学进行良好的沟通。")
    assert [s.task for s in doc.sentences] == ["rule:前提交", None]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="到年，全面建成基本实现要必须将可以我们有许多还应尽创新思维加快。", max_size=40))
def test_round8_readings_never_raise_and_name_their_cue(sentence):
    marker = task_marker(sentence)
    assert marker is None or isinstance(marker, str)
    if marker is not None and marker.startswith("lead:"):
        assert marker[5:] in sentence
