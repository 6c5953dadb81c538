"""Structure parser: headings, nesting, sentences, spans, tasks."""

from __future__ import annotations

import pickle

import pytest
from conftest import shared_path
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import policytext as pt
from policytext.text.headings import cn_to_int
from policytext.text.structure import parse, split_sentences, task_marker

REFERENCE_HEADINGS = [
    "着力抓好新时代党的创新理论武装，增强学习宣传贯彻党的二十大精神的思想自觉行动自觉",
    "着力完善党和国家机构职能体系，推动制度优势更好转化为治理效能",
    "着力优化机构编制资源配置，为××高质量发展提供有力保障",
    "着力推进机构编制法定化，不断提升机构编制工作制度化规范化水平",
    "着力加强机构编制部门自身建设，打造政治强业务精作风优的高素质干部队伍",
]

CONGRESS_20 = [
    "过去五年的工作和新时代十年的伟大变革", "开辟马克思主义中国化时代化新境界", "新时代新征程中国共产党的使命任务",
    "加快构建新发展格局，着力推动高质量发展", "实施科教兴国战略，强化现代化建设人才支撑",
    "发展全过程人民民主，保障人民当家作主", "坚持全面依法治国，推进法治中国建设",
    "推进文化自信自强，铸就社会主义文化新辉煌", "增进民生福祉，提高人民生活品质", "推动绿色发展，促进人与自然和谐共生",
    "推进国家安全体系和能力现代化，坚决维护国家安全和社会稳定", "实现建军一百年奋斗目标，开创国防和军队现代化新局面",
    "坚持和完善“一国两制”，推进祖国统一", "促进世界和平与发展，推动构建人类命运共同体",
    "坚定不移全面从严治党，深入推进新时代党的建设新的伟大工程",
]
CONGRESS_19 = [
    "过去五年的工作和历史性变革", "新时代中国共产党的历史使命", "新时代中国特色社会主义思想和基本方略",
    "决胜全面建成小康社会，开启全面建设社会主义现代化国家新征程", "贯彻新发展理念，建设现代化经济体系",
    "健全人民当家作主制度体系，发展社会主义民主政治", "坚定文化自信，推动社会主义文化繁荣兴盛",
    "提高保障和改善民生水平，加强和创新社会治理", "加快生态文明体制改革，建设美丽中国",
    "坚持走中国特色强军之路，全面推进国防和军队现代化", "坚持“一国两制”，推进祖国统一",
    "坚持和平发展道路，推动构建人类命运共同体", "坚定不移全面从严治党，不断提高党的执政能力和领导水平",
]


def test_reference_document(reference_doc):
    doc = reference_doc
    assert [s.heading for s in doc.sections] == REFERENCE_HEADINGS
    assert [s.label for s in doc.sections] == ["一", "二", "三", "四", "五"]
    assert len(doc.sentences) == 32
    assert [len(s.sentences) for s in doc.sections] == [4, 6, 6, 6, 7]
    assert len(doc.preamble) == 3
    assert doc.title is None
    sec = doc.sections[2]
    first = sec.sentences[0]
    assert first.text == "党的二十大报告明确提出，要优化机构编制资源配置。"
    assert first.section is sec and first.section_path == (3,) and first.section_id == "3"
    assert doc.text[first.start:first.end] == first.text
    assert first.task is None  # a quotation (党的…报告提出，要…): label 0 in task_labels_fresh.tsv


@pytest.mark.parametrize(
    "name, n_top, headings",
    [
        ("congress_20_report.txt", 15, CONGRESS_20),
        ("congress_19_report.txt", 13, CONGRESS_19),
        ("plenum_20_3_decision.txt", 15, None),
        ("plenum_20_4_decision_fyp15_proposal.txt", 15, None),
        ("gwr_2021.txt", 3, ["2020年工作回顾", "“十三五”时期发展成就和“十四五”时期主要目标任务", "2021年重点工作"]),
        ("gwr_2022.txt", 3, ["2021年工作回顾", "2022年经济社会发展总体要求和政策取向", "2022年政府工作任务"]),
        ("gwr_2024.txt", 3, ["2023年工作回顾", "2024年经济社会发展总体要求和政策取向", "2024年政府工作任务"]),
        ("cc_decision_study_20th_congress_2022.txt", 5, None),
        ("dangwei_shaoxing_yizhong_2022.txt", 7, None),
    ],
)
def test_top_level_sections(name, n_top, headings):
    doc = pt.load(shared_path(name))
    assert len(doc.sections) == n_top
    if headings:
        assert [s.heading for s in doc.sections] == headings
    assert [s.ordinal for s in doc.sections] == list(range(1, n_top + 1))


def test_decision_articles_inline_headings():
    doc = pt.load(shared_path("plenum_20_3_decision.txt"))
    articles = [s for s in doc.walk() if s.marker == "num_paren"]
    assert [a.ordinal for a in articles] == list(range(1, 61))
    first = articles[0]
    assert first.heading == "进一步全面深化改革的重要性和必要性"
    assert first.inline and first.path == (1, 1)
    assert first.sentences[0].text == "改革开放是党和人民事业大踏步赶上时代的重要法宝。"
    # a part's text includes the bodies of its inline-headed articles, not their headings
    assert doc.sections[0].text.startswith("改革开放是党和人民事业")
    assert "进一步全面深化改革的重要性和必要性" not in doc.sections[0].text
    assert articles[4].path == (2, 1) and articles[4].heading == "坚持和落实“两个毫不动摇”"
    assert doc.title == "中共中央关于进一步全面深化改革 推进中国式现代化的决定"
    assert doc.metadata["date"] == "2024-07-18"


def test_nested_cn_paren_and_num_levels():
    doc = pt.load(shared_path("cc_decision_study_20th_congress_2022.txt"))
    sec2 = doc.sections[1]
    assert [c.label for c in sec2.children] == [str(i) for i in range(1, 10)]
    assert sec2.children[0].heading == "深刻领会党的二十大的主题"
    assert doc.sections[2].children[0].path == (3, 1)


def test_titles_and_dates():
    d20 = pt.load(shared_path("congress_20_report.txt"))
    assert d20.title == "高举中国特色社会主义伟大旗帜 为全面建设社会主义现代化国家而团结奋斗"
    assert d20.metadata["date"] == "2022-10-16"
    assert d20.metadata["subtitle"] == "在中国共产党第二十次全国代表大会上的报告"
    c = pt.load(shared_path("plenum_19_6_communique.txt"))
    assert c.title == "中国共产党第十九届中央委员会第六次全体会议公报"
    assert c.metadata["date"] == "2021-11-11"
    assert c.sections == []  # a communiqué has no numbered headings
    assert len(c.sentences) > 40


def test_no_headings_text():
    doc = parse("会议认为，形势总体向好。会议强调，要坚持稳中求进。")
    assert doc.sections == []
    assert [s.text for s in doc.sentences] == ["会议认为，形势总体向好。", "会议强调，要坚持稳中求进。"]
    assert [s.section_path for s in doc.sentences] == [(), ()]
    assert [s.task for s in doc.sentences] == [None, "要"]


def test_numbering_going_backwards_is_body_text():
    doc = parse("一、甲\n内容。\n二、乙\n一、这不是新的一节，而是正文里的列举\n内容。")
    assert [s.heading for s in doc.sections] == ["甲", "乙"]
    gap = parse("一、甲\n内容。\n三、丙\n内容。")
    assert [s.ordinal for s in gap.sections] == [1, 3]
    assert "numbering gap" in gap.metadata["structure_warnings"][0]


def test_number_dot_is_not_a_decimal():
    doc = parse("一、经济\n1.5万亿元专项债券。\n2.产业\n要发展。")
    assert [c.heading for c in doc.sections[0].children] == ["产业"]


@pytest.mark.parametrize(
    "line, expected",
    [
        ("他说：“要学习。要落实。”会议强调，要贯彻《条例。》精神。好", ["他说：“要学习。要落实。”", "会议强调，要贯彻《条例。》精神。", "好"]),
        ("一是加强领导！二是落实责任？三是……", ["一是加强领导！", "二是落实责任？", "三是……"]),
        ("不平衡的“引号。后面没有结束", ["不平衡的“引号。", "后面没有结束"]),
        ("（括号里的句号。不断句）这是一句。", ["（括号里的句号。不断句）这是一句。"]),
    ],
)
def test_split_sentences(line, expected):
    assert [line[a:b] for a, b in split_sentences(line)] == expected


@pytest.mark.parametrize(
    "sentence, marker",
    [
        ("要加强组织领导。", "要"),
        ("必须坚持党的全面领导。", "必须"),
        ("各级党委（党组）务必高度重视。", "务必"),
        ("深化事业单位改革。", "lead:深化"),
        ("这是一次十分重要的大会。", None),
        ("主要任务已经完成。", None),
        ("会议的要求十分明确。", None),
        ("过去五年，经济实力实现历史性跃升。", None),
    ],
)
def test_task_marker(sentence, marker):
    assert task_marker(sentence) == marker


def test_cn_to_int():
    assert [cn_to_int(x) for x in ["一", "十", "十一", "二十", "六十", "一百零八", "15"]] == [1, 10, 11, 20, 60, 108, 15]


def test_document_pickles(reference_doc):
    doc2 = pickle.loads(pickle.dumps(reference_doc))
    assert [s.heading for s in doc2.sections] == REFERENCE_HEADINGS
    assert doc2.sentences[5].section.heading == reference_doc.sentences[5].section.heading


def _check_invariants(doc):
    last_end = -1
    for i, s in enumerate(doc.sentences):
        assert s.index == i
        assert 0 <= s.start < s.end <= len(doc.text)
        assert doc.text[s.start:s.end] == s.text
        assert s.start >= last_end
        last_end = s.end
        for c in s.clauses:
            assert doc.text[c.start:c.end] == c.text
    for sec in doc.walk():
        a, b = sec.heading_span
        assert doc.text[a:b].strip() == sec.heading
        for s in sec.sentences:
            assert sec.start <= s.start and s.end <= sec.end + 1
            assert s.section_path[: len(sec.path)] == sec.path


_texty = st.lists(
    st.sampled_from(list("一二三十（）()1.．、。！？；：“”《》‘’ \n\t要必须坚持党的二十大会议强调××*XＸ０１２abc—-") + ["\r\n", "第一部分", "第三条", "\n一、", "\n（二）"]),
    max_size=150,
).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_texty)
def test_parse_never_raises_and_spans_hold(text):
    _check_invariants(parse(text))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_parse_arbitrary_unicode(text):
    _check_invariants(parse(text))


def test_invariants_on_real_documents(shared_docs):
    for doc in shared_docs.values():
        _check_invariants(doc)


# -- reported achievements and statements are not tasks (user audit) ------------------------------

@pytest.mark.parametrize("sentence,marker", [
    # statements with the copula 是, reported achievements, subject clauses: not tasks
    ("五年来，我们党团结带领人民，办成了许多事关长远的大事要事。", None),
    ("我们完善外交总体布局，积极建设覆盖全球的伙伴关系网络。", None),
    ("党的二十大报告强调，全面依法治国是国家治理的一场深刻革命。", None),
    ("发展是党执政兴国的第一要务。", None),
    ("五年来，我们坚决打赢脱贫攻坚战。", None),
    ("过去一年，我们坚决落实党中央决策部署，全面推进各项工作。", None),
    ("党的十八大以来，我们坚持全面从严治党。", None),
    ("一致认为，面对严峻复杂的国际环境，中央政治局坚决贯彻党中央决策部署。", None),
    ("全会认为，我国宪法必须随着实践的发展而不断完善发展。", "必须"),
    # tasks: 是 inside a word or a formulation, an explicit modal after a retrospective opening
    ("坚持实事求是，立足基本国情。", "lead:坚持"),
    ("健全常态化培训特别是基本培训机制。", "lead:健全"),
    ("坚持房子是用来住的、不是用来炒的定位。", "lead:坚持"),
    ("坚持绿水青山就是金山银山理念。", "lead:坚持"),
    ("五年来的实践告诉我们，必须坚持党的全面领导。", "必须"),
    ("我们坚决打赢脱贫攻坚战。", "坚决"),
    ("要坚决防范化解重大风险。", "要"),
])
def test_task_marker_statements_and_achievements(sentence, marker):
    assert task_marker(sentence) == marker


# -- the parser's phases (title block, headings and the section stack), pinned --------------------

def test_title_block_title_author_and_date():
    doc = parse("在全国组织工作会议上的讲话\n习近平\n（2018年7月3日）\n一、总体要求\n要学习。")
    assert doc.title == "在全国组织工作会议上的讲话" and doc.title_span == (0, 13)
    assert doc.metadata == {"author": "习近平", "date": "2018-07-03"}
    assert [s.heading for s in doc.sections] == ["总体要求"] and doc.preamble == []
    dashed = parse("学习贯彻党的二十大精神——在某会议上的讲话\n一、总体要求\n要学习。")
    assert dashed.title == "学习贯彻党的二十大精神" and dashed.metadata == {"subtitle": "在某会议上的讲话"}
    # a line with sentence punctuation ends the title block; it is body text
    body = parse("会议强调，要坚持学习。\n一、总体要求\n要学习。")
    assert body.title is None and [s.text for s in body.preamble] == ["会议强调，要坚持学习。"]


def test_article_headings_keep_their_number_and_body():
    doc = parse("第一条 为了规范工作，制定本条例。\n第二条\n本条例适用于各级机关。")
    arts = doc.sections
    assert [(a.heading, a.marker, a.inline) for a in arts] == [("第一条", "article", True), ("第二条", "article", False)]
    assert [s.text for s in arts[0].sentences] == ["为了规范工作，制定本条例。"]
    assert [s.text for s in arts[1].sentences] == ["本条例适用于各级机关。"]
    assert doc.paragraphs[0].heading and doc.paragraphs[1].heading and not doc.paragraphs[2].heading


def test_task_rules_live_in_their_own_module():
    from policytext.text import structure, tasks

    assert structure.task_marker is tasks.task_marker
    assert structure.RE_TASK_MODAL is tasks.RE_TASK_MODAL and structure.RE_RETROSPECTIVE is tasks.RE_RETROSPECTIVE
    assert parse("要加强组织领导。").sentences[0].task == tasks.task_marker("要加强组织领导。") == "要"


@pytest.mark.parametrize("bad", [None, 3, b"\xe8\xa6\x81", ["要学习。"]])
def test_parse_and_normalize_refuse_what_is_not_text(bad):
    from policytext.errors import InvalidParameterError
    from policytext.text.normalize import normalize

    with pytest.raises(InvalidParameterError, match=r"The 'text' parameter of parse must be a str\. Got "):
        parse(bad)
    with pytest.raises(InvalidParameterError, match=r"The 'text' parameter of normalize must be a str\. Got "):
        normalize(bad)
    with pytest.raises(TypeError):  # still a TypeError for code written against the builtin
        parse(bad)


def test_a_long_headline_is_the_title_when_a_body_follows():
    headline = "国务院办公厅印发关于进一步优化政务服务提升行政效能推动高效办成一件事的指导意见及其配套的三项实施方案、两份工作清单和一套考核办法的通知"
    assert 60 < len(headline) <= 120
    doc = pt.parse(headline + "\n国务院办公厅近日印发指导意见。意见要求，各地要抓好落实。\n")
    assert doc.title == headline
    assert [s.text for s in doc.sentences][0].startswith("国务院办公厅近日")
    # a long line with nothing after it is the body, not a title
    alone = pt.parse(headline)
    assert alone.title is None and alone.sentences[0].text == headline
    # the limit holds for the first line only: a second long line ends the title block
    two = pt.parse("关于开展调研的通知\n" + headline + "\n各单位：请按时报送。\n")
    assert two.title == "关于开展调研的通知"
