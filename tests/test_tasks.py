"""Task sentences (issue 15 item 6): imperative clauses of 意见/决定/规划, not reports of achievements.

The rules are pinned on sentences written for these tests; the figures against the 300 sentences
labelled by reading (``tests/data/task_labels.tsv``, which stores file, offset and md5, never the text)
are checked when ``../shared`` is present (``benchmarks/eval_tasks.py`` prints them in full).
"""

from __future__ import annotations

import csv
import hashlib
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import policytext as pt
from policytext.text.tasks import (
    LEAD_VERBS,
    RE_DIRECTIVE_GENRE,
    RE_PERFECTIVE,
    RE_TASK_LEAD,
    arrangement_marker,
    heading_context,
    report_shape,
    reported_in_context,
    task_marker,
)

LABELS = Path(__file__).parent / "data" / "task_labels.tsv"
FRESH = Path(__file__).parent / "data" / "task_labels_fresh.tsv"
THIRD = Path(__file__).parent / "data" / "task_labels_third.tsv"
SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


@pytest.mark.parametrize("sentence, marker", [
    # the examples: plain imperatives without 要/必须
    ("稳定粮食播种面积，主攻单产和品质提升，确保粮食稳产丰产。", "lead:稳定"),
    ("逐步提高城乡居民基本养老保险基础养老金。", "lead:提高"),
    # a list number or dash, an adverbial, an adverb, an addressee, an object with 对 before the verb
    ("——坚持和加强党的全面领导。", "lead:坚持"),
    ("（2）组织学生参观校史馆。", "lead:组织"),
    ("③加大对中小企业的支持力度。", "lead:加大"),
    ("本学期，各支部组织一次主题党日活动。", "lead:组织"),
    ("以习近平新时代中国特色社会主义思想为指导，深化教育评价改革。", "lead:深化"),
    ("分类推进以县城为重要载体的城镇化建设。", "lead:推进"),
    ("高二各班指派一名学生代表参加评议。", "lead:指派"),
    ("对违反规定的人员进行批评教育。", "lead:进行"),
    ("允许农户通过出租、入股等方式盘活闲置住房。", "lead:允许"),
    # requests and prohibitions
    ("请各党支部于11月底前报送总结。", "请"),
    ("参赛作品不得抄袭。", "不得"),
    ("严禁教师有偿补课。", "严禁"),
    ("参赛论文应围绕规定的研究主题。", "应"),
])
def test_imperative_clauses_are_tasks(sentence, marker):
    assert task_marker(sentence) == marker


@pytest.mark.parametrize("sentence", [
    # reports of achievements: a retrospective opening, a perfective 了, a subject
    "一年来，组织开展了理论学习和主题党日活动。",
    "半年来，认真履行岗位职责，完成各项工作任务。",
    "同时，强化了物资库存的管理，提升了领用的规范性。",
    "坚持人民至上，开展抗疫斗争，最大限度保护了人民生命安全。",
    "我们加强党的建设，取得显著成效。",
    # statements with the copula, also in a later clause
    "全面从严治党，是党中央作出的战略部署。",
    "坚持党的领导是做好工作的根本保证。",
    # words that contain a marker but are not one
    "申请人提交材料的情况良好。",
    "这项工作相应地得到了加强。",
    "不当之处，请批评指正。",
    "今年的教学质量比往年高。",
])
def test_reports_and_statements_are_not_tasks(sentence):
    assert task_marker(sentence) is None


def test_lead_verbs_match_at_the_start_only_and_are_listed_once():
    assert len(LEAD_VERBS) == len(set(LEAD_VERBS))
    assert RE_TASK_LEAD.match("深化改革。") and not RE_TASK_LEAD.match("他们说深化改革。")
    # the longest verb wins (把握, not 把)
    m = RE_TASK_LEAD.match("把握正确方向。")
    assert m is not None and m.group("m") == "把握"


# -- second round: general cues chosen on the 300 labelled sentences ------------------------------

@pytest.mark.parametrize("sentence, marker", [
    # a planned action with 将 (not 必将 / 即将, not the object marker 将 + noun)
    ("党中央将举办研讨班。", "将"),
    ("针对共性问题，将以学科组为单位开展校本研修。", "将"),
    # each of the addressees (每个, 每名, 全体) before the verb
    ("每个支部安排1次专题党课。", "lead:安排"),
    ("全体教师参加业务培训。", "lead:参加"),
    # two adverbials (a short one, then ones opening with a preposition), a frame 以…为…内容 without a comma
    ("同时，结合召开年度组织生活会，开展集中交流研讨。", "lead:开展"),
    ("根据教育目标，针对不同学段特点，以生产劳动为主要内容开展劳动教育。", "lead:开展"),
    # adverbs (自觉, 充分) and verbs (高举, 要求 at the start) of directives
    ("自觉遵守交通规则。", "lead:遵守"),
    ("在现有基础上，充分发挥作用。", "lead:发挥"),
    ("要求图文并茂。", "lead:要求"),
    ("高举旗帜，团结奋斗。", "lead:高举"),
    # 要 after a verb of speech is a task unless the sentence reports (了)
    ("会议强调，要贯彻落实全会精神。", "要"),
])
def test_second_round_tasks(sentence, marker):
    assert task_marker(sentence) == marker


@pytest.mark.parametrize("sentence", [
    "全面推进中华民族伟大复兴，关键在党。",  # the opening verb phrase is the topic of 关键在
    "办好这件事，根本在于人才。",
    "对家长来说要做什么呢？",  # a question
    "今年，三省一市联合出台计划，提出要加快布局城际轨道交通，明确了任务书。",  # reported speech, reported work
    "今年将召开党代会，是十分重要的一年。",  # 将 in a statement with the copula
    "中华民族伟大复兴必将实现。",  # a forecast
    "将资金纳入直达范围。",  # the object marker 将
    "二是借助课程，实现资源共享，提升学科水平。",  # two plain clauses before the verb are no adverbial
])
def test_second_round_not_tasks(sentence):
    assert task_marker(sentence) is None


@pytest.mark.parametrize("heading, context", [
    ("2023年度述职述廉述德述法报告", "report"), ("2021年工作回顾", "report"), ("存在问题", "report"),
    ("过去五年的工作和历史性变革", "report"), ("关于公示《领导班子总结报告》", "report"),
    ("存在不足与下一步打算", "plan"), ("2022年政府工作任务", "plan"), ("关于做好年度工作总结的通知", "plan"),
    ("着力解决群众反映强烈的突出问题", None), ("指导思想", None), ("", None), (None, None),
])
def test_heading_context(heading, context):
    assert heading_context(heading) == context


def test_reported_in_context_keeps_modals_and_forward_sentences():
    assert reported_in_context("组织开展知识竞赛，提升“四个自信”。", "lead:组织")
    assert reported_in_context("三是坚决打好三大攻坚战，主要目标任务如期完成。", "坚决")
    assert not reported_in_context("要加强理论学习。", "要")
    assert not reported_in_context("下一步，加强理论学习。", "lead:加强")
    assert not reported_in_context("今后继续开展知识竞赛。", "lead:开展")
    assert not reported_in_context("形势很好。", None)


def _tasks(text: str) -> list[tuple[str, str | None]]:
    return [(s.text, s.task) for s in pt.parse(text).sentences]


def test_duty_report_reports_work_done_but_keeps_modals_and_next_steps():
    doc = ("2023年度述职报告\n一、履行岗位职责情况\n组织开展知识竞赛，提升学生素养。\n要加强学习。\n"
           "二、下一步打算\n加强理论学习，提升管理水平。")
    assert _tasks(doc) == [("组织开展知识竞赛，提升学生素养。", None), ("要加强学习。", "要"),
                           ("加强理论学习，提升管理水平。", "lead:加强")]


def test_review_section_of_a_work_report_is_not_a_task_list():
    doc = ("政府工作报告\n一、2021年工作回顾\n建立常态化财政资金直达机制，将资金纳入直达范围。\n"
           "二、2022年政府工作任务\n着力稳定宏观经济大盘。")
    assert _tasks(doc) == [("建立常态化财政资金直达机制，将资金纳入直达范围。", None),
                           ("着力稳定宏观经济大盘。", "lead:着力")]


def test_directives_keep_their_tasks_under_headings_that_name_achievements():
    notice = "关于开展暑期社会实践活动的通知\n一、活动方向\n（一）历史成就观察团\n组织学生参观展览。"
    assert _tasks(notice)[-1] == ("组织学生参观展览。", "lead:组织")
    summary_notice = "关于做好年度工作总结的通知\n一、总结内容\n认真梳理全年工作。"
    assert _tasks(summary_notice) == [("认真梳理全年工作。", "lead:认真")]
    # the same sentence in a summary is a report
    assert _tasks("2022年度工作总结\n一、主要工作\n认真梳理全年工作。") == [("认真梳理全年工作。", None)]


_DOCS = st.lists(st.sampled_from(["述职报告", "工作回顾", "下一步打算", "通知", "一、", "二、", "\n", "组织开展活动。",
                                  "要加强学习。", "下一步，加强学习。", "党中央将举办研讨班。", "形势很好。"]),
                 max_size=25).map("".join)


@settings(max_examples=200, deadline=None)
@given(_DOCS)
def test_context_only_removes_markers(text):
    # the document's context may drop a sentence's marker, never add or change one
    for s in pt.parse(text).sentences:
        assert s.task is None or s.task == task_marker(s.text)
        if s.task is None and task_marker(s.text) is not None:
            assert reported_in_context(s.text, task_marker(s.text))


_SAFE = st.text(alphabet=st.sampled_from(list("要加强了是，。；我们各对请不得一定应需须严禁（）1、——")), max_size=40)


@settings(max_examples=300, deadline=None)
@given(_SAFE)
def test_task_marker_never_raises_and_markers_come_from_the_sentence(sentence):
    marker = task_marker(sentence)
    if marker is not None:
        word = marker.removeprefix("lead:")
        assert word in sentence


# -- the labels (tests/data/task_labels.tsv) ------------------------------------------------------

def _rows() -> list[dict[str, str]]:
    lines = [line for line in LABELS.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def test_label_file_references_sentences_without_copying_them():
    rows = _rows()
    assert len(rows) == 300
    assert list(rows[0]) == ["file", "folder", "offset", "md5", "label", "genre"]
    assert all(re.fullmatch(r"[0-9a-f]{32}", r["md5"]) and r["label"] in ("0", "1") and r["offset"].isdigit()
               for r in rows)
    assert {r["folder"] for r in rows} == {"headed", "corpora"}
    genres = {r["genre"] for r in rows}
    assert {"decision", "plan", "communique", "work_report", "study", "notice", "duty_report", "opinion"} <= genres
    assert not any(re.search(r"[\u4e00-\u9fff]", "".join(r.values())) for r in rows)  # no Chinese text stored
    assert 0.3 < sum(r["label"] == "1" for r in rows) / len(rows) < 0.7


def _labelled() -> list[tuple[dict[str, str], pt.Sentence | None]]:
    if not (SHARED / "headed").is_dir() or not (SHARED / "corpora").is_dir():
        pytest.skip(f"shared documents not found at {SHARED}")
    docs: dict[str, pt.Document] = {}
    out = []
    for r in _rows():
        key = f"{r['folder']}/{r['file']}"
        if key not in docs:
            docs[key] = pt.parse((SHARED / key).read_text(encoding="utf-8"))
        doc = docs[key]
        same = [s for s in doc.sentences if hashlib.md5(s.text.encode("utf-8")).hexdigest() == r["md5"]]
        out.append((r, min(same, key=lambda s: abs(s.start - int(r["offset"]))) if same else None))
    return out


def test_labelled_sentences_are_found_and_is_task_reaches_the_target():
    pairs = _labelled()
    # found by md5 although the parser changes; a line the parser now keeps out of the body (a 抄送 colophon,
    # a list item read as a heading) is no sentence any more
    assert sum(s is None for _, s in pairs) <= 15
    found = [(r["label"] == "1", s.is_task) for r, s in pairs if s is not None]
    tp = sum(1 for gold, pred in found if gold and pred)
    precision = tp / sum(1 for _, pred in found if pred)
    recall = tp / sum(1 for gold, _ in found if gold)
    # the target is 0.90 each; measured after the third round: 0.994 / 0.988 (a floor just under it)
    assert precision >= 0.97 and recall >= 0.96, (precision, recall)


# -- the fresh labels (tests/data/task_labels_fresh.tsv): never used to choose rules ----------------

def _fresh_rows() -> list[dict[str, str]]:
    lines = [line for line in FRESH.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def test_fresh_label_file_is_disjoint_from_the_development_set_and_stores_no_text():
    rows = _fresh_rows()
    assert len(rows) >= 150
    assert list(rows[0]) == ["file", "folder", "offset", "md5", "label", "genre"]
    assert all(re.fullmatch(r"[0-9a-f]{32}", r["md5"]) and r["label"] in ("0", "1") and r["offset"].isdigit()
               for r in rows)
    assert not {r["file"] for r in rows} & {r["file"] for r in _rows()}  # other documents than the dev set
    assert {"notice", "plan", "duty_report", "article", "essay"} <= {r["genre"] for r in rows}
    assert not any(re.search(r"[\u4e00-\u9fff]", "".join(r.values())) for r in rows)
    assert len({(r["file"], r["offset"]) for r in rows}) == len(rows)


def test_fresh_labels_are_found_and_the_held_out_figures_do_not_fall():
    if not (SHARED / "headed").is_dir() or not (SHARED / "corpora").is_dir():
        pytest.skip(f"shared documents not found at {SHARED}")
    docs: dict[str, pt.Document] = {}
    found = []
    for r in _fresh_rows():
        key = f"{r['folder']}/{r['file']}"
        if key not in docs:
            docs[key] = pt.parse((SHARED / key).read_text(encoding="utf-8"))
        same = [s for s in docs[key].sentences if hashlib.md5(s.text.encode("utf-8")).hexdigest() == r["md5"]]
        if same:
            found.append((r["label"] == "1", min(same, key=lambda s: abs(s.start - int(r["offset"]))).is_task))
    assert len(found) >= 0.95 * len(_fresh_rows())
    tp = sum(1 for gold, pred in found if gold and pred)
    precision = tp / sum(1 for _, pred in found if pred)
    recall = tp / sum(1 for gold, _ in found if gold)
    # a floor just under the figures measured after the third round (0.918 / 0.909; the third round chose its
    # rules on dev + fresh, so this is no longer a held-out figure; see benchmarks/eval_tasks.py): a guard
    # against regressions, not a target. Raised in round 5 (measured 0.920 / 0.929).
    assert precision >= 0.91 and recall >= 0.92, (precision, recall)


# -- third round: arrangements of notices written as statements; 要/需要/请 as ordinary verbs --------------

@pytest.mark.parametrize("sentence, marker", [
    # an agent with 由, a procedure with 进行/给予, a deadline, what follows, a way of handling, handing in
    ("报名工作由各年级组负责。", "rule:由"),
    ("分组讨论的时间地点由教务处另行确定。", "rule:由"),
    ("各处室对候选人名单进行审核。", "rule:进行"),
    ("对违反规定的教师，视情节轻重给予批评教育。", "rule:给予"),
    ("全校于5月底前完成报名。", "rule:于5月底前"),
    ("此项工作本周五放学前完成。", "rule:前完成"),
    ("逾期未报名的，视作自动放弃。", "rule:视作"),
    ("不符合条件的一律不予受理。", "rule:一律"),
    ("参赛人数原则上每班不超过3人。", "rule:原则上"),
    ("无故缺考者按零分处理。", "rule:处理"),
    ("电子稿上传到学校公共文件夹。", "rule:上传到"),
    ("作品一经提交，组委会不接受修改。", "rule:提交"),
    ("辅导过程中不带个人情绪。", "rule:不带"),
    ("入选名单公示无异议的，由学校发文公布。", "rule:由"),
])
def test_arrangements_written_as_statements(sentence, marker):
    got = arrangement_marker(sentence)
    assert got == (marker if marker.startswith("rule:") else "rule:" + marker)


@pytest.mark.parametrize("sentence", [
    "由于天气原因，活动延期举行。",  # 由于 is a cause, not an agent
    "考核工作由学校组织了三次。",  # a report (了)
    "报名工作由谁负责？",  # a question
    "双方学校校长为项目负责人。",  # 负责人 is a noun
    "学校位于城市新区站前大道。",  # 位于…前 is a place
    "我的父亲也是做生意的，所以我更喜欢这份工作。",  # 是…的，: a statement, not a condition
    "形势很好。",
])
def test_not_arrangements(sentence):
    assert arrangement_marker(sentence) is None


@pytest.mark.parametrize("sentence", [
    "这比没有信仰还要危险。",  # 要 of degree in a comparison
    "但要知道学生的心智还没有成熟。",  # the discourse marker 要知道
    "下面有请校长致辞。",  # 有请 introduces a speaker
    "采用“请进来，走出去”的办法。",  # 请进来 invites
    "与家长沟通也需要一些技巧。",  # 需要 a thing
    "形势迫切需要我们回答时代课题。",  # a statement of need
    "可与老师进行必要的讨论。",  # 必要 is an adjective
])
def test_yao_xuyao_qing_as_ordinary_verbs_are_not_tasks(sentence):
    assert task_marker(sentence) is None


@pytest.mark.parametrize("sentence, marker", [
    ("会议强调，要贯彻落实全会精神。", "要"),  # a directive reported from a meeting stays a task
    ("要加强学习，更要注重实践。", "要"),  # 更要 without a comparison is a modal
    ("需要着重强调，各级领导班子要牢记嘱托。", "需要"),
    ("作为班主任，我需要学习识别危机信号的知识。", "需要"),
    ("请各班于周五前报送名单。", "请"),
])
def test_modals_that_stay_tasks(sentence, marker):
    assert task_marker(sentence) == marker


def test_arrangements_count_only_under_a_directing_title():
    notice = "关于开展读书月活动的通知\n一、活动安排\n名单由教务处确定。\n此项工作5月底前完成。"
    assert _tasks(notice) == [("名单由教务处确定。", "rule:由"), ("此项工作5月底前完成。", "rule:前完成")]
    for title in ("读书月活动简报", "2023年度述职报告", "我校举办读书月活动"):
        assert _tasks(title + "\n名单由教务处确定。\n此项工作5月底前完成。") == [
            ("名单由教务处确定。", None), ("此项工作5月底前完成。", None)]
    assert RE_DIRECTIVE_GENRE.search("2021年绍兴市第一中学实施方案") and RE_DIRECTIVE_GENRE.search("预约须知")
    assert not RE_DIRECTIVE_GENRE.search("工作总结")


_ARRANGED = st.lists(st.sampled_from(["关于做好考核工作的通知", "述职报告", "工作简报", "一、", "二、工作情况", "\n",
                                      "名单由教务处确定。", "逾期的，视作放弃。", "此项工作月底前完成。", "组织开展活动。",
                                      "要加强学习。", "考核工作由学校组织了三次。", "形势很好。"]),
                     max_size=25).map("".join)


@settings(max_examples=200, deadline=None)
@given(_ARRANGED)
def test_context_adds_only_arrangements_under_a_directing_title(text):
    doc = pt.parse(text)
    directive = any(t and RE_DIRECTIVE_GENRE.search(t) for t in (doc.title, doc.metadata.get("doc_title")))
    for s in doc.sentences:
        own = task_marker(s.text)
        if own is not None:  # the sentence's own marker: kept or dropped by a report's context, never changed
            assert s.task in (None, own)
        elif s.task is not None:  # added: only an arrangement, only under a directing title
            assert directive and s.task == arrangement_marker(s.text)


# -- the third labels (tests/data/task_labels_third.tsv): held out in the third round, development data since --

def _third_rows() -> list[dict[str, str]]:
    lines = [line for line in THIRD.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def test_third_label_file_covers_every_passage_and_stores_no_text():
    rows = _third_rows()
    assert len(rows) == 192 and len({r["file"] for r in rows}) == 20
    assert list(rows[0]) == ["file", "folder", "offset", "md5", "label", "genre"]
    assert all(re.fullmatch(r"[0-9a-f]{32}", r["md5"]) and r["label"] in ("0", "1") and r["offset"].isdigit()
               for r in rows)
    assert {r["folder"] for r in rows} == {"genre_dev/passages"}
    assert not {r["file"] for r in rows} & ({r["file"] for r in _rows()} | {r["file"] for r in _fresh_rows()})
    assert not any(re.search(r"[\u4e00-\u9fff]", "".join(r.values())) for r in rows)
    assert len({(r["file"], r["offset"]) for r in rows}) == len(rows)


def test_third_labels_are_found_and_the_held_out_figures_do_not_fall():
    if not (SHARED / "genre_dev" / "passages").is_dir():
        pytest.skip(f"shared passages not found at {SHARED / 'genre_dev' / 'passages'}")
    docs: dict[str, pt.Document] = {}
    found = []
    for r in _third_rows():
        if r["file"] not in docs:
            docs[r["file"]] = pt.load(SHARED / r["folder"] / r["file"])
        same = [s for s in docs[r["file"]].sentences if hashlib.md5(s.text.encode("utf-8")).hexdigest() == r["md5"]]
        if same:
            found.append((r["label"] == "1", min(same, key=lambda s: abs(s.start - int(r["offset"]))).is_task))
    assert len(found) >= 0.95 * len(_third_rows())
    tp = sum(1 for gold, pred in found if gold and pred)
    precision = tp / sum(1 for _, pred in found if pred)
    recall = tp / sum(1 for gold, _ in found if gold)
    # labelled before the third round's rules; measured then 0.348 / 0.696 (reports of work done written with
    # imperative verbs, 一是…，严格对照…, read as tasks). The fourth round chose its rules on dev + fresh + third
    # (report_shape, quoted and describing modals): 0.913 / 0.913 — no longer held out; a floor just under it.
    assert precision >= 0.88 and recall >= 0.88, (precision, recall)


def test_buzhun_is_a_prohibition_only_as_a_word():
    """不准 forbids; 不准备 (not intend to), 不准确 (inaccurate), 不准时 (not on time) do not."""
    assert task_marker("不准在校内吸烟。") == "不准"
    for sentence in ("我们不准备参加这次活动。", "他的描述不准确。", "班车经常不准时。"):
        assert task_marker(sentence) is None, sentence


# -- fourth round: reports of work done without a telling title (编办 pages), quoting, describing ---------

_REPORT_PAGE = ("近年来，某某区委编办坚持问题导向，着力完善机构编制管理。\n"
                "一是加强制度建设，完善审批流程。\n"
                "严格对照上级规定，压缩议事机构数量。\n"
                "二是创新宣传形式，开通微信公众号。\n"
                "下一步，区委编办将继续推进法定化建设。\n")


def test_report_shape_reads_a_units_page_of_work_done():
    doc = pt.parse(_REPORT_PAGE)
    assert report_shape(doc.sentences)
    assert [s.task for s in doc.sentences] == [None, None, None, None, "将"]  # only the next step is a task
    # each of the two cues is needed: the opening without items, items without the opening
    assert not report_shape(pt.parse(_REPORT_PAGE.replace("一是", "").replace("二是", "")).sentences)
    assert not report_shape(pt.parse("深化机构改革，优化职能配置。\n" + _REPORT_PAGE.split("\n", 1)[1]).sentences)


@pytest.mark.parametrize("opening", [
    "各级编办要坚持问题导向，着力完善机构编制管理。",  # addresses others with a modal: a directive
    "3月18日，区委编办召开理论学习会，专题学习有关文件。",  # news of a meeting
    "坚持问题导向，着力完善机构编制管理。",  # no unit as the subject
    "为做好统计工作，区委编办制定如下安排：",  # introduces what follows: the items are the arrangements
])
def test_report_shape_needs_a_unit_reporting_its_conduct(opening):
    text = opening + "\n" + _REPORT_PAGE.split("\n", 1)[1]
    assert not report_shape(pt.parse(text).sentences)
    assert pt.parse(text).sentences[1].task == "lead:加强"


def test_report_shape_yields_to_a_title_and_keeps_modals_and_what_a_meeting_directs():
    # a directing title decides first
    assert pt.parse("关于加强机构编制管理的通知\n" + _REPORT_PAGE).sentences[1].task == "lead:加强"
    doc = pt.parse("全市编办坚持问题导向，着力完善机构编制管理。\n一是加强学习。\n二是完善制度。\n"
                   "各单位要按时报送数据。\n会议强调，全体干部要认真学习。\n深刻领会文件精神。")
    assert [s.task for s in doc.sentences] == [None, None, None, "要", "要", "lead:领会"]


@pytest.mark.parametrize("sentence", [
    "党的十九大报告提出，要办好人民满意的教育。",  # quotes a congress: that text's task
    "《条例》第八条规定必须严格执行编制标准。",  # quotes an article of a named text
    "这些做法都从本地发展需要出发。",  # 需要 as a noun in 从…出发
    "考试内容为干部应知应会的知识。",  # 应知应会 is a noun
    "当前仍面临一些矛盾，亟需通过改革解决。",  # 亟需 states a need, like 急需
    "报送",  # a verb alone is no clause
])
def test_quoted_nominal_and_fragment_modals_are_not_tasks(sentence):
    assert task_marker(sentence) is None


@pytest.mark.parametrize("sentence, marker", [
    ("全会提出，治理好国家，要理顺各方面关系。", "要"),  # the text's own meeting, not a quoted one
    ("会议强调，要落实党的十九大报告提出的任务。", "要"),
    ("各地应会同财政部门做好核定。", "应"),  # 应会同 (jointly with) is no 应知应会
    ("确有需要的，需报上级审批。", "需"),
    ("要把党的政治建设摆在首位。", "要"),  # 把 opens the object, not a noun phrase with 的
    ("希望同学们珍惜高中时光。", "希望"),  # a request
    ("深刻领会全会精神实质。", "lead:领会"),
    ("区政协将继续关注和支持这项工作。", "将"),  # 将继续 plans
    ("下一步，我县将把条例列入培训课程。", "将"),  # 将把…列入: 把 marks the object, 将 the future
    ("报送材料清单。", "lead:报送"),
])
def test_fourth_round_tasks(sentence, marker):
    assert task_marker(sentence) == marker


@pytest.mark.parametrize("sentence", [
    "我希望同学们理性对待。",  # a wish with a subject
    "将遵守纪律纳入干部考核内容。",  # 将 marks the object of 纳入
])
def test_fourth_round_not_tasks(sentence):
    assert task_marker(sentence) is None


def test_modals_that_describe_are_weak():
    # inside a noun phrase or a 的-clause: a task on its own, not in a sentence that reports (了) …
    assert task_marker("对需要调整的事项及时通知。") == "需要"
    assert task_marker("对需要调整的事项及时通知了各单位。") is None
    assert task_marker("全办准确把握要服务的重点。") == "要"
    assert reported_in_context("全办准确把握要服务的重点。", "要")
    # … after a perfective speech verb the modal is what the text said
    assert task_marker("文件规定了三项纪律，禁止擅自调整编制。") is None
    assert task_marker("禁止擅自调整编制。") == "禁止"
    # a modal that directs stays, in a report too
    assert not reported_in_context("对需要调整的事项，要及时通知。", "需要")
    assert not reported_in_context("要坚持党的领导。", "要")


def test_genre_word_that_modifies_a_noun_does_not_make_a_title_directive():
    assert heading_context("部门“三定”规定执行情况的评估") == "report"
    assert not RE_DIRECTIVE_GENRE.search("深入贯彻中央八项规定精神的成效")
    assert RE_DIRECTIVE_GENRE.search("关于规范编制管理的实施方案")
    assert heading_context("关于规范编制管理的实施方案") == "plan"


def test_inclusion_is_an_arrangement_in_a_notice():
    assert arrangement_marker("统计工作情况继续列入年度考评内容。") == "rule:列入"
    assert arrangement_marker("兼职人员不纳入编制统计。") == "rule:不纳入"
    assert _tasks("关于做好统计工作的通知\n统计工作情况继续列入年度考评内容。")[-1][1] == "rule:列入"
    assert _tasks("统计工作简报\n统计工作情况继续列入年度考评内容。")[-1][1] is None


_SHAPED = st.lists(st.sampled_from(["近年来，某某区委编办坚持问题导向。", "各级编办要坚持问题导向。", "关于做好统计工作的通知",
                                    "一是加强学习。", "二是完善制度。", "会议强调，全体干部要认真学习。", "要加强学习。",
                                    "对需要调整的事项及时通知。", "下一步，将继续推进改革。", "\n"]),
                   max_size=20).map("".join)


@settings(max_examples=200, deadline=None)
@given(_SHAPED)
def test_report_shape_only_removes_markers_and_never_a_strong_modal(text):
    for s in pt.parse(text).sentences:
        own = task_marker(s.text)
        assert s.task in (None, own) or (s.task or "").startswith("rule:")
        if own == "要" and s.text.startswith("要"):
            assert s.task == "要"  # 要 that directs is kept whatever the page's shape


# -- round 5: news of meetings, communiqués, plans' arrangements (the fourth set, now tuned on) -----------------

@pytest.mark.parametrize("sentence, marker", [
    ("全体党员要紧密团结在党组织周围。", "要"),  # 要紧密: the modal before 紧密, not 要紧 (important)
    # a body decides, proposes, calls on, instructs (news of a meeting, a communiqué)
    ("会议决定，明年三月召开全区教育工作会议。", "决定"),
    ("市政府召开常务会议，决定延长试点期限一年。", "决定"),  # 决定 opens the clause after the meeting
    ("民盟市委建议加快完善养老服务体系。", "建议"),
    ("区委号召全区党员干部积极投身志愿服务。", "号召"),
    ("应急管理部要求各地切实抓好安全防范工作。", "要求"),  # 要求 + its addressee
    ("会议要求，全年的重点工作在六月底前完成过半。", "要求"),  # the frame 某某要求，…
    ("考察中，他叮嘱随行的干部解决好群众的实际困难。", "叮嘱"),
    ("根据新的形势，有必要对管理办法作出修订。", "有必要"),
    ("对违规收费的学校，将依法依规依纪追究校长责任。", "将"),  # 将 + several adverbs + 追究
    ("由区纪委对相关责任人进行严肃问责。", "rule:由"),  # an arrangement that opens with who acts
    ("特别重视学生宿舍的用电安全。", "lead:重视"),
    ("全会认为，必须坚持改革方向。", "必须"),  # a view is weak: still a task when it reviews nothing
    ("着眼时代发展，完善评价机制。", "lead:着眼"),  # 时代 is a noun, not 时 (when)
])
def test_round5_tasks(sentence, marker):
    assert task_marker(sentence) == marker


@pytest.mark.parametrize("sentence", [
    "国际组织召开会议，讨论是否全面禁止这类药物。",  # a clause that asks whether
    "下面就请进入第二个环节。",  # a host's line
    "详细内容请看今晚的专题节目。",  # a trailer
    "与会群众纷纷表示要珍惜今天的好日子。",  # an intention someone expressed
    "“八八战略”强调党要总揽全局。",  # a named strategy's words (quoted), like 《条例》规定必须…
    "建设教育强国是一项长期任务，需要几代人持续努力。",  # what a statement with the copula takes
    "举办这次论坛，就是要搭建交流合作的平台。",  # the purpose that explains a topic
    "力争三年内培养十名骨干教师。",  # a target
    "坚决杜绝安全事故，力争实现“零事故”的目标。",  # a goal stated as an outcome
    "一致认为，一年来，中央政治局落实疫情要防住的要求，统筹发展和安全。",  # a view that reviews work done
    # the nouns 决定, 建议, 要求, a choice of a person or a firm, "determines", history, 号 + 召开
    "这一决定得到群众拥护。", "这家企业决定扩大生产规模。", "党的领导决定事业的性质。",
    "代表们提出的建议已全部办理。", "学校向上级部门建议调整课时。", "按照上级文件要求，教师注册工作现已开始。",
    "社会各界要求加快立法的呼声很高。", "2004年9月，全会决定成立专门委员会。", "警方23号召开新闻发布会。",
    "调整后，每月补贴提高到五百元。",  # a verb that dates the clause
    "报名时间9月17日截止。",  # a schedule line
    "特别提醒：",  # a label
    "可持续发展原则。",
])
def test_round5_not_tasks(sentence):
    assert task_marker(sentence) is None


@pytest.mark.parametrize("sentence, marker", [
    ("每学期结束，新教师上交全部听课笔记。", "rule:上交"),
    ("结余名额视报名情况酌情调整。", "rule:酌情"),
    ("申报材料按封面、目录、正文的顺序装订。", "rule:顺序"),
    ("经审核后，材料退还本人保管。", "rule:经"),
    ("奖金发放根据学校《考核办法》执行。", "rule:执行"),
    ("如遇特殊情况，可另行安排时间。", "rule:可"),
    ("值班人员做到人员在岗、电话畅通。", "rule:做到"),
    ("考生继续答题的，将作违纪处理。", "rule:处理"),
])
def test_round5_arrangements(sentence, marker):
    assert arrangement_marker(sentence) == marker


@pytest.mark.parametrize("sentence", [
    "注意路上交通安全。",  # 上交 inside 路上交通
    "绿化工作起到不可替代的作用。",  # 不可替代 describes
    "编号规则为：前两位为市代码。",  # a definition line
    "国务院印发《关于调整审批事项的决定》，自印发之日起施行。",  # 决定 is a word of the title
    "学校可持续发展的基础。",
    "我们已经做到了全覆盖。",  # done
])
def test_round5_not_arrangements(sentence):
    assert arrangement_marker(sentence) is None


def test_a_plan_or_its_outline_directs_by_arrangement():
    assert RE_DIRECTIVE_GENRE.search("学校2025年安全工作计划") and RE_DIRECTIVE_GENRE.search("安全处工作思路")
    assert not RE_DIRECTIVE_GENRE.search("年度计划落实情况")  # 计划 modifies 落实: a report on it
    assert _tasks("学校2025年安全工作计划\n学校对各教室定期进行安全检查。")[-1][1] == "rule:进行"
    assert _tasks("学校安全工作简报\n学校对各教室定期进行安全检查。")[-1][1] is None


_NEWS = st.lists(st.sampled_from(["会议决定，", "全会建议", "区委号召", "要求各地", "叮嘱随行的干部", "这一决定",
                                  "提出建议", "2004年9月，", "是否", "表示", "要紧", "密", "有必要", "《决定》",
                                  "落实", "加强管理", "，", "的", "了", "。"]), max_size=12).map("".join)


@settings(max_examples=300, deadline=None)
@given(_NEWS)
def test_round5_markers_name_a_word_of_the_sentence(sentence):
    marker = task_marker(sentence)
    if marker is not None:
        word = marker.split(":", 1)[-1]
        assert word in sentence or marker.startswith("rule:"), (marker, sentence)
    if marker in ("决定", "建议", "号召", "要求", "叮嘱"):
        assert RE_PERFECTIVE.search(sentence) is None  # a decision reported as done (决定了) is no directive


# -- round 6: kinds that recur in the fifth set (continuing, 将 + object, released texts, history of speech) ----

@pytest.mark.parametrize("sentence, marker", [
    ("继续实施农村危房改造工程。", "lead:继续"),  # 继续 opens an order, as 坚持, 加强 do
    ("对困难家庭，继续发放生活补贴。", "lead:继续"),
    ("牢固树立安全第一的意识，严格落实值班制度。", "lead:树立"),  # adverb 牢固 before the verb
    ("有关部门将精准实施帮扶措施。", "将"),  # 将 + adverb 精准 + verb
    ("加快培育完整内需体系。", "lead:培育"),  # 内需 (domestic demand) is a noun, no modal 需
    ("《意见》强调，要加强基层治理体系建设。", "要"),  # the text a news item releases: its content directs
    ("《方案》还提出，要健全考核评价机制。", "要"),
    # a leading verb that opens a statement (促进…是…); the later clause plans an action
    ("促进消费是扩大内需的关键，商务部将开展一批促消费活动。", "将"),
    ("2023年对照组织要求和期望，还要不断增强本领。", "要"),  # 要求 as a noun is no speech verb
])
def test_round6_tasks(sentence, marker):
    assert task_marker(sentence) == marker


@pytest.mark.parametrize("sentence", [
    "中方愿同各方一道，继续推进务实合作。",  # a willingness expressed, not an order
    "我们愿与各国一道，推动构建开放型世界经济。",
    "2015年3月，他在座谈会上强调，要加强纪律建设。",  # the history of what was said, dated in the past
    "党的十八大以来，总书记多次指出，必须坚持人民至上。",
    "自参加工作以来，她一直要求自己各方面都要做好表率。",
    "同年11月，他在演讲中指出，必须让发展成果惠及人民。",
    "坚决查处违纪案件，消除了一批严重隐患。",  # 消除了: a perfective 了 after 除 (not 除了)
    "各国人士认为，这些年中国取得了巨大成就，并将以新发展带动世界。",  # 取得了 reports a result
    "学校将资金纳入年度预算。",  # a subject before 将 + object: a statement, not an order
    "将近三成的学校已纳入试点。",  # 将近 (nearly)
    "《条例》第八条规定必须严格执行编制标准。",  # a quoted article stays a quotation
])
def test_round6_not_tasks(sentence):
    assert task_marker(sentence) is None


def test_round6_willingness_and_continuing_in_a_document():
    doc = pt.parse("关于做好今年农村工作的意见\n继续实施农村危房改造。\n中方愿同各方一道，继续推进合作。")
    assert [s.task for s in doc.sentences] == ["lead:继续", None]
    # in a report of work done, 继续 is imperative wording like any leading verb: dropped unless it looks forward
    doc = pt.parse("2023年度述职报告\n一、工作情况\n继续实施课堂改革。\n二、下一步打算\n继续实施课堂改革。")
    assert [s.task for s in doc.sentences] == [None, "lead:继续"]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["2015年3月，", "同年11月，", "党的十八大以来，", "五年来，"]),
       st.sampled_from(["他指出，", "总书记强调，", "会议提出，"]),
       st.sampled_from(["要", "必须", "需要"]),
       st.text(alphabet="加强纪律建设推进改革发展", min_size=2, max_size=12))
def test_round6_dated_speech_never_directs_and_undated_speech_does(date, speech, modal, rest):
    sentence = f"{date}{speech}{modal}{rest}。"
    assert task_marker(sentence) is None
    assert task_marker(f"{speech}{modal}{rest}。") is not None  # the same words, not dated: a directive


@pytest.mark.parametrize("module, name, floor", [
    # fourth: blind before round 5, 0.837 / 0.737; round 5 chose rules on it: 0.957 / 0.949
    ("_task_fourth", "FOURTH", (0.93, 0.93)),
    # fifth: blind before round 6, 0.871 / 0.823; round 6 chose rules on it: 0.900 / 0.857
    ("_task_fifth", "FIFTH", (0.88, 0.85)),
    # sixth: blind before round 7, 0.810 / 0.772; round 7 chose rules on it: 0.908 / 0.937
    ("_task_sixth", "SIXTH", (0.89, 0.92)),
    # seventh: blind through round 7's first half, 0.897 / 0.739 (0.903 / 0.789 after it); then tuned on: 0.993 / 0.951
    ("_task_seventh", "SEVENTH", (0.97, 0.93)),
    # eighth: blind before round 8, 0.858 / 0.883; round A chose rules on it: 0.917 / 0.964, after round B 0.923 / 0.964
    ("_task_eighth", "EIGHTH", (0.91, 0.95)),
    # ninth: blind through round A, 0.843 / 0.748 before and after it; round B read it: 0.876 / 0.790
    ("_task_ninth", "NINTH", (0.86, 0.78)),
    # tenth: blind before round 9, 0.847 / 0.822; round 9's round A chose rules on it: 0.906 / 0.859
    ("_task_tenth", "TENTH", (0.89, 0.84)),
    # eleventh: blind through round A, 0.862 / 0.840 before and 0.863 / 0.846 after it; round B read it: 0.910 / 0.904
    ("_task_eleventh", "ELEVENTH", (0.89, 0.88)),
])
def test_blind_sets_tuned_on_are_found_and_the_figures_do_not_fall(module, name, floor):
    """The fourth to eleventh sets (labelled blind, then tuned on): a floor just under the figures of the round
    that chose rules on them (the twelfth to fifteenth, session 7's judges, have no floor: no rule was chosen on
    them). A row or two
    of the eighth and ninth is no longer a sentence (the parser now reads the line as a heading)."""
    for folder in ("xwlb", "corpora", "headed"):
        if not (SHARED / folder).is_dir():
            pytest.skip(f"shared folder {folder} not found at {SHARED}")
    import importlib
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    try:
        import eval_tasks
        path = getattr(importlib.import_module(module), name)
    finally:
        sys.path.pop(0)
    items = eval_tasks.read_labels(path)
    eval_tasks.evaluate(items, lambda text: None)
    assert sum(i.found == "missing" for i in items) <= (2 if name in ("EIGHTH", "NINTH") else 0)
    precision, recall, _ = eval_tasks.prf([i for i in items if i.found != "missing"])
    assert precision >= floor[0] and recall >= floor[1], (precision, recall)
