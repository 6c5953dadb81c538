"""Page layouts of issue 15: tables of contents, parts, lists, signatures, closings and page chrome."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_structure import _check_invariants

import policytext as pt
from policytext.text.headings import int_to_cn
from policytext.text.layout import is_date_line, is_issuer_line, parse_date, scan_layout
from policytext.text.structure import parse


def _outline(doc):
    return [(sec.id, sec.kind, sec.heading) for sec in doc.walk()]


# -- tables of contents ----------------------------------------------------------------

def test_toc_with_leaders_is_not_sections():
    doc = parse("某某规划\n一、现实基础……………1\n二、总体要求……5\n三、保障措施……20\n"
                "一、现实基础\n基础很好。\n二、总体要求\n要坚持。\n三、保障措施\n要落实。")
    assert [(s.id, s.heading) for s in doc.walk()] == [("1", "现实基础"), ("2", "总体要求"), ("3", "保障措施")]
    assert doc.metadata["toc"] == ["一、现实基础", "二、总体要求", "三、保障措施"]
    assert [s.text for s in doc.section("3").sentences] == ["要落实。"]
    assert not doc.metadata.get("structure_warnings")


def test_toc_block_after_mulu_ends_where_the_body_starts():
    doc = parse("白皮书\n目录\n前言\n一、历程\n（一）第一阶段\n二、合作\n结束语\n前言\n疫情是大事。\n"
                "一、历程\n经过艰苦努力。\n（一）第一阶段\n迅速应对。\n二、合作\n携手合作。")
    assert [(s.id, s.heading) for s in doc.walk()] == [("1", "历程"), ("1.1", "第一阶段"), ("2", "合作")]
    assert doc.metadata["toc"] == ["前言", "一、历程", "（一）第一阶段", "二、合作", "结束语"]
    assert doc.preamble[-1].text == "疫情是大事。"


def test_block_of_headings_written_again_later_is_a_toc():
    head = "\n".join(["一、甲", "二、乙", "三、丙"])
    body = "\n".join(["一、甲", "甲的正文。", "二、乙", "乙的正文。", "三、丙", "丙的正文。"])
    doc = parse("题目\n要学习。\n" + head + "\n" + body)
    assert [s.heading for s in doc.sections] == ["甲", "乙", "丙"]
    assert all(s.sentences for s in doc.sections)
    assert len(doc.metadata["toc"]) == 3


def test_headings_with_empty_bodies_once_are_not_a_toc():
    doc = parse("一、甲\n（一）子\n（二）丑\n二、乙\n正文。")
    assert "toc" not in doc.metadata
    assert [s.id for s in doc.walk()] == ["1", "1.1", "1.2", "2"]


# -- parts -------------------------------------------------------------------------------

_REPORTS = ("述职报告展示\n2021年度述职报告\n张三\n一、履职情况\n履职尽责。\n二、存在问题\n学习不够。\n"
            "我将接受评议。\n2021年度述职报告\n李四\n忙碌的一年又将结束。\n一、工作业绩\n业绩很好。\n"
            "二、努力方向\n加强学习。\n2021年度述职报告\n王五\n一、思想情况\n思想端正。\n二、不足\n有待提高。")


def test_several_reports_on_one_page_become_parts():
    doc = parse(_REPORTS)
    assert [(p.id, p.heading) for p in doc.parts] == [
        ("1", "2021年度述职报告\n张三"), ("2", "2021年度述职报告\n李四"), ("3", "2021年度述职报告\n王五")]
    assert doc.outline() == [
        (1, "1", "2021年度述职报告\n张三"), (2, "1.1", "履职情况"), (2, "1.2", "存在问题"),
        (1, "2", "2021年度述职报告\n李四"), (2, "2.1", "工作业绩"), (2, "2.2", "努力方向"),
        (1, "3", "2021年度述职报告\n王五"), (2, "3.1", "思想情况"), (2, "3.2", "不足")]
    assert doc.section("2").own_sentences[0].text == "忙碌的一年又将结束。"
    assert doc.section("1.2").text == "学习不够。\n我将接受评议。"
    texts = [s.text for s in doc.sentences]
    assert "张三" not in texts and "2021年度述职报告" not in texts  # a part's intro is its heading
    assert all(s.section_path for s in doc.sentences)  # every sentence keeps a section path
    _check_invariants(doc)


def test_notice_with_attachments():
    doc = parse("关于举办比赛的通知\n各班：\n一、时间\n周一。\n二、地点\n礼堂。\n特此通知。\n某某中学团委\n2022年3月1日\n"
                "附件1\n比赛方案\n一、组织机构\n成立领导小组。\n二、奖项设置\n设一等奖。\n"
                "附件2：报名表\n一、姓名\n二、班级")
    assert [(p.id, p.label, p.heading) for p in doc.parts] == [
        ("1", "", ""), ("2", "附件1", "附件1\n比赛方案"), ("3", "附件2", "附件2：报名表")]
    assert [s.id for s in doc.section("2").children] == ["2.1", "2.2"]
    assert doc.metadata["issuer"] == "某某中学团委"
    assert doc.metadata["date"] == doc.metadata["signature_date"] == "2022-03-01"
    assert doc.section("1").sentences[-1].text == "特此通知。"


def test_a_bare_attachment_list_is_not_a_part():
    doc = parse("通知\n一、时间\n周一。\n二、材料\n交表格。\n附件：\n1.报名表\n2.汇总表")
    assert doc.parts == []
    # (session 7, X6: a list of attachment titles is like a table of contents: never sections; it is metadata)
    assert [s.id for s in doc.walk()] == ["1", "2"]
    assert doc.metadata["attachments"] == ["报名表", "汇总表"]
    assert doc.section("2").sentences[-1].text == "交表格。"


def test_a_unit_after_a_signature_is_a_part_even_with_another_numbering():
    doc = parse("转发通知\n（一）材料要求。\n（二）提交办法。\n某某团委\n2019年7月3日\n"
                "关于开展活动的通知\n各单位：\n一、活动主题\n青春向党。\n二、活动要求\n精心组织。")
    assert [p.heading for p in doc.parts] == ["", "关于开展活动的通知"]
    assert [s.id for s in doc.section("2").children] == ["2.1", "2.2"]


def test_chapters_that_start_again_make_an_unnamed_part():
    doc = parse("一、甲\n正文。\n二、乙\n正文。\n一、丙\n正文。\n二、丁\n正文。")
    assert [(p.id, p.heading) for p in doc.parts] == [("1", ""), ("2", "")]
    assert [s.heading for s in doc.section("2").children] == ["丙", "丁"]


def test_clean_document_has_no_parts_and_ids_as_before():
    doc = parse("一、总体要求\n要坚持。\n（一）指导思想\n要学习。\n二、主要任务\n必须落实。")
    assert doc.parts == [] and [s.kind for s in doc.walk()] == ["section"] * 3
    assert doc.outline() == [(1, "1", "总体要求"), (2, "1.1", "指导思想"), (1, "2", "主要任务")]


def test_attachment_heading_holds_its_own_numbering():
    doc = parse("一、大赛目的\n正文。\n二、附：范文\n一、引言\n正文。\n二、自我分析\n正文。")
    assert _outline(doc) == [("1", "section", "大赛目的"), ("2", "section", "附：范文"),
                             ("2.1", "section", "引言"), ("2.2", "section", "自我分析")]


# -- lists -------------------------------------------------------------------------------

def test_list_of_one_sentence_items_restarting_inside_a_section():
    doc = parse("一、总则\n要遵守以下准则。\n二、准则\n教师应当：\n一、坚定政治方向。坚持正确方向。\n"
                "二、自觉爱国守法。遵守法律。\n三、传播优秀文化。弘扬传统。\n三、附则\n自发布之日起施行。")
    assert _outline(doc) == [
        ("1", "section", "总则"), ("2", "section", "准则"), ("2.1", "item", "坚定政治方向"),
        ("2.2", "item", "自觉爱国守法"), ("2.3", "item", "传播优秀文化"), ("3", "section", "附则")]
    assert [s.text for s in doc.section("2.2").sentences] == ["遵守法律。"]


def test_items_are_told_apart_from_chapters():
    doc = parse("一、总体要求\n要坚持。\n要落实。\n二、主要任务\n要深化。\n"
                "三、注意事项\n1.按时到场。\n2.服从指挥。\n3.注意安全。")
    kinds = {s.id: s.kind for s in doc.walk()}
    assert kinds == {"1": "section", "2": "section", "3": "section", "3.1": "item", "3.2": "item", "3.3": "item"}


_LONG_RULE = ("2.报名的同学由班主任统一登记，名单于周五前交到教务处，逾期不再受理。登记后不得随意更改。"
              "如确需更改，须由本人提出书面申请。")


def test_a_run_of_one_sentence_rules_is_a_list_also_with_a_longer_rule():
    # the second rule has three sentences: before, it cut the list and the rest became chapters
    doc = parse("一、报名要求\n报名须知如下。\n1.由于参加人数较多，学校将不提供统一的午餐安排。\n" + _LONG_RULE +
                "\n3.如乘坐公共交通前往，请提前规划好出行路线。\n二、活动安排\n要准时。")
    assert [(s.id, s.kind) for s in doc.walk()] == [
        ("1", "section"), ("1.1", "item"), ("1.2", "item"), ("1.3", "item"), ("2", "section")]
    assert doc.section("1.2").heading == "报名的同学由班主任统一登记，名单于周五前交到教务处，逾期不再受理"
    assert [s.text for s in doc.section("1.2").sentences] == ["登记后不得随意更改。", "如确需更改，须由本人提出书面申请。"]


def test_a_note_after_an_item_keeps_the_list():
    doc = parse("一、评分办法\n1.每项比赛录取前六名，按七、五、四、三、二、一计分。\n注：接力项目加倍计分。\n"
                "2.团体总分相同时，以第一名多者列前。\n3.破纪录者，另加十分。\n4.弃权者，每项扣二分。\n二、其他\n要遵守。")
    assert [s.kind for s in doc.section("1").children] == ["item"] * 4
    assert [s.text for s in doc.section("1.1").sentences][-1] == "注：接力项目加倍计分。"


def test_headings_with_their_own_paragraphs_stay_sections():
    # short titles, and a long phrase with a comma, each followed by its paragraph
    doc = parse("七、保障措施\n1.制度保障\n建立健全各项规章制度，形成长效机制。\n2.经费保障\n学校设立专项资金。\n"
                "3.搭建学习平台，促进教师提高政治思想水平和理论素养\n定期向教师提供理论书籍和文章。")
    assert [s.kind for s in doc.walk()] == ["section"] * 4
    assert doc.section("1.3").heading == "搭建学习平台，促进教师提高政治思想水平和理论素养"


def test_yijian_style_headings_that_hold_their_paragraph_stay_sections():
    body = "全党要坚持正确方向，把各项要求落到实处，推动工作取得新成效。" * 3
    doc = parse("二、主要经验\n总的来看，经验如下。\n（一）坚持以政治建设为统领，确保集中统一。" + body +
                "\n（二）坚持把思想建设作为基础性建设，凝心铸魂。" + body + "\n三、下一步打算\n要继续努力。")
    assert [(s.id, s.kind, s.inline) for s in doc.walk()] == [
        ("1", "section", False), ("1.1", "section", True), ("1.2", "section", True), ("2", "section", False)]
    assert doc.section("1.1").heading == "坚持以政治建设为统领，确保集中统一"


def test_a_line_followed_by_its_own_sub_items_is_not_an_item():
    doc = parse("一、比赛规程\n1.比赛日期定于九月下旬，遇雨顺延，具体时间另行通知。另行通知前照常上课。以通知为准。\n"
                "2.比赛地点设在学校田径场，各班按指定区域就座，不得随意走动。\n3.比赛项目：\n（1）男子组：百米、跳远。\n"
                "（2）女子组：百米、跳高。\n二、奖励\n要公平。")
    assert [(s.id, s.kind) for s in doc.walk()] == [
        ("1", "section"), ("1.1", "item"), ("1.2", "item"), ("1.3", "section"), ("1.3.1", "item"),
        ("1.3.2", "item"), ("2", "section")]


def test_a_run_at_the_top_of_the_document_stays_chapters():
    lines = [f"{int_to_cn(k)}、学校将于本学期第{k}周组织专项检查，检查结果纳入年度考核。检查不合格的限期整改。"
             "整改后仍不合格的，取消评优资格。" for k in (1, 2, 3)]
    doc = parse("关于开展检查的通知\n" + "\n".join(lines))
    assert [s.kind for s in doc.walk()] == ["section"] * 3


def test_a_gap_in_a_lists_numbering_goes_on_with_the_list():
    doc = parse("六、录取办法\n1.各项比赛录取前八名，按名次计分，接力项目加倍。\n2.团体以年级评定名次，按总分计算。\n"
                "4.400米以上的比赛采用分组决赛，以成绩录取名次。\n5.个人项目前三名发给奖牌与证书。\n七、注意事项\n要遵守。")
    assert [s.id for s in doc.section("1").children] == ["1.1", "1.2", "1.3"]
    assert doc.section("1.3").heading == "个人项目前三名发给奖牌与证书"


_RULES = st.sampled_from(["学校将统一安排车辆，请按时到指定地点集合。",
                          "参赛作品须为原创，一经发现抄袭，取消评奖资格。",
                          "报名时间截至本月底，逾期不再受理。请各班抓紧时间。如有疑问，请与教务处联系。",
                          "比赛期间，各班须安排专人负责安全工作，确保活动有序进行，不得发生意外，违者追究责任。"
                          "各班主任要到场。"])


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_RULES, min_size=2, max_size=8), st.sampled_from(["{k}.", "（{k}）", "{k}、"]))
def test_runs_of_rules_are_items_and_keep_every_sentence(rules, style):
    lines = [style.format(k=k) + r for k, r in enumerate(rules, 1)]
    text = "一、注意事项\n请遵守以下规定。\n" + "\n".join(lines) + "\n二、其他\n未尽事宜另行通知。"
    doc = parse(text)
    _check_invariants(doc)
    items = doc.section("1").children
    assert [s.kind for s in items] == ["item"] * len(rules)
    assert [s.heading for s in items] == [r.split("。")[0] for r in rules]
    rest = "".join(r.split("。", 1)[1] for r in rules)
    assert "".join(s.text for s in doc.sentences) == "请遵守以下规定。" + rest + "未尽事宜另行通知。"


def test_heading_that_swallows_its_first_item_is_split():
    doc = parse("一、活动安排\n1.活动内容：（1）以回顾成就为主线，开展专题学习。\n（2）开展主题党日。\n2.活动要求\n要认真。")
    assert [(s.id, s.heading) for s in doc.walk()] == [
        ("1", "活动安排"), ("1.1", "活动内容"), ("1.1.1", "以回顾成就为主线，开展专题学习"),
        ("1.1.2", "开展主题党日"), ("1.2", "活动要求")]
    _check_invariants(doc)


def test_outer_style_that_does_not_start_at_one_is_not_nested_in_an_inner_one():
    doc = parse("一、历程\n（1）第一件事。\n（2）第二件事。\n（二）第二阶段\n正文。\n（三）第三阶段\n正文。")
    assert [(s.id, s.heading) for s in doc.walk()] == [
        ("1", "历程"), ("1.1", "第一件事"), ("1.2", "第二件事"), ("1.3", "第二阶段"), ("1.4", "第三阶段")]


# -- signatures, dates, closings -----------------------------------------------------------

def test_signature_block_goes_to_metadata():
    doc = parse("关于某事的通知\n一、学习\n要学习。\n二、落实\n要落实。\n中共某某市第一中学委员会\n2022年11月17日")
    assert doc.metadata["issuer"] == "中共某某市第一中学委员会"
    assert doc.metadata["date"] == "2022-11-17"
    assert doc.sentences[-1].text == "要落实。"
    assert doc.section("2").end <= len(doc.text)


def test_chinese_numeral_date_and_colophon():
    doc = parse("某某意见\n一、认识\n要提高认识。\n本意见自下发之日开始执行，由市教育局负责解释。\n二○○九年十一月二十七日\n"
                "抄送：市委办。\n市教育局办公室 2009年11月30日印发\n（共印50份）")
    assert doc.metadata["signature_date"] == doc.metadata["date"] == "2009-11-27"
    assert len(doc.metadata["colophon"]) == 3
    assert [s.text for s in doc.closing] == ["本意见自下发之日开始执行，由市教育局负责解释。"]
    assert [s.text for s in doc.sections[0].sentences] == ["要提高认识。"]


def test_date_in_the_title_block_wins_and_both_are_kept():
    doc = parse("某某讲话\n（2022年10月16日）\n一、形势\n形势很好。\n某某办公室\n2022年10月20日")
    assert doc.metadata["date"] == "2022-10-16"
    assert doc.metadata["signature_date"] == "2022-10-20"


def test_a_date_inside_the_text_is_not_a_signature():
    doc = parse("通知\n一、时间\n比赛时间：\n2022年5月1日\n上午八点开始。\n二、地点\n操场。")
    assert "signatures" not in doc.metadata
    assert [s.text for s in doc.section("1").sentences][:1] == ["比赛时间："]


def test_closing_paragraph_belongs_to_the_document():
    doc = parse("一、总则\n要学习。\n二、任务\n（一）改革\n要改革。\n（二）开放\n要开放。\n"
                "同志们！让我们团结奋斗。\n前进！")
    assert [s.text for s in doc.closing] == ["同志们！", "让我们团结奋斗。", "前进！"]
    assert doc.section("2.2").text == "要开放。"
    assert doc.section("2.2").end < doc.closing[0].start
    assert doc.preamble == []
    _check_invariants(doc)


def test_jieshuyu_line_starts_the_closing():
    doc = parse("一、历程\n正文。\n二、合作\n正文。\n结束语\n人类终将战胜疫情。")
    assert [s.text for s in doc.closing] == ["结束语", "人类终将战胜疫情。"]


# -- page chrome ---------------------------------------------------------------------------

_PAGE = ("关于开展活动的通知\n关于开展活动的通知--团委-某某中学\n今天是\n公共文件夹 |\n智慧校园 |\n登录|注册\n首页\n新闻中心\n"
         "推荐阅读\n教职工大会通知[08-18]\n当前位置：首页 >\n学校公告>\n团委\n团委\n关于开展活动的通知\n"
         "文章来源：本站原创 作者：佚名 发布时间：2019年05月11日 点击数：\n次\n各班：\n一、活动主题\n青春向党。\n"
         "二、活动要求\n精心组织。\n校团委\n2019年5月10日\n【打印正文】\n上一篇：某通知[ 05-10 ]\n网站地图\n|\n版权所有")


def test_saved_page_chrome_goes_to_metadata():
    doc = parse(_PAGE)
    meta = doc.metadata
    assert doc.title == meta["page_title"] == "关于开展活动的通知"
    assert meta["site"] == "团委-某某中学"
    assert meta["page_date"] == "2019-05-11"
    assert meta["date"] == meta["signature_date"] == "2019-05-10"  # the document's own date wins
    assert meta["issuer"] == "校团委"
    assert [s.heading for s in doc.sections] == ["活动主题", "活动要求"]
    texts = [p.text for p in doc.paragraphs]
    assert texts == ["各班：", "一、活动主题", "青春向党。", "二、活动要求", "精心组织。"]
    assert meta["page_chrome"] == 22


def test_page_date_is_the_date_when_the_document_has_none():
    doc = parse(_PAGE.replace("校团委\n2019年5月10日\n", ""))
    assert doc.metadata["date"] == "2019-05-11" and "signature_date" not in doc.metadata


def test_layout_helpers():
    assert parse_date("2013年5月") == "2013-05"
    assert is_date_line("二〇二二年十一月十七日") and not is_date_line("2022年11月17日，召开会议。")
    assert is_issuer_line("绍兴一中党政办") and not is_issuer_line("我们要加强党委。")
    lay = scan_layout(["目 录", "一、甲", "二、乙", "一、甲", "正文。"])
    assert sorted(lay.toc) == [0, 1, 2]


def test_load_reads_saved_pages(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(_PAGE, encoding="utf-8")
    doc = pt.load(path)
    assert doc.metadata["issuer"] == "校团委" and len(doc.sections) == 2


# -- properties ----------------------------------------------------------------------------

_NAMES = st.sampled_from(["张三", "李四", "王五", "赵六"])
_SENT = st.sampled_from(["要加强学习。", "坚持立德树人。", "成绩显著。", "存在不足，需要改进。"])


@st.composite
def _unit(draw):
    n = draw(st.integers(1, 4))
    lines = [f"2021年度述职报告\n{draw(_NAMES)}"]
    for k in range(1, n + 1):
        lines.append(f"{int_to_cn(k)}、标题{k}")
        lines.extend(draw(st.lists(_SENT, min_size=1, max_size=3)))
    return "\n".join(lines), n


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_unit(), min_size=1, max_size=4), st.booleans())
def test_units_on_one_page_keep_every_heading_and_sentence(units, signed):
    text = "页面标题\n" + "\n".join(u for u, _ in units) + ("\n某某中学\n2022年1月5日" if signed else "")
    doc = parse(text)
    _check_invariants(doc)
    top = [s for s in doc.walk() if s.marker == "cn"]
    assert len(top) == sum(n for _, n in units)  # no heading lost
    body = [line for line in text.split("\n")[1:] if line.endswith("。")]
    assert [s.text for s in doc.sentences] == body  # no sentence lost, none added
    assert len(doc.parts) == (len(units) if len(units) > 1 else 0)
    for s in doc.sentences:
        assert s.section is not None and s.section.path == s.section_path
    if signed:
        assert doc.metadata["issuer"] == "某某中学" and doc.metadata["date"] == "2022-01-05"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["一、甲", "二、乙", "一、丙", "（一）子", "1.项", "附件1", "某某中学", "2022年1月5日",
                                 "目录", "一、甲……3", "结束语", "让我们奋斗。", "要学习。", "张三", "文章来源：本站 发布时间：2020年1月1日",
                                 "【打印正文】", "公共文件夹 |", "今天是"]), max_size=40))
def test_layout_never_breaks_invariants(lines):
    doc = parse("\n".join(lines))
    _check_invariants(doc)
    ids = [s.id for s in doc.walk()]
    assert len(ids) == len(set(ids))
    for s in doc.sentences:
        assert s.section_path == (s.section.path if s.section is not None else ())


def test_page_date_given_by_the_reader_loses_to_the_documents_own_date():
    signed = parse("通知\n一、甲\n要学习。\n某某中学\n2022年1月5日", metadata={"page_date": "2022-02-01"})
    assert (signed.metadata["date"], signed.metadata["page_date"]) == ("2022-01-05", "2022-02-01")
    unsigned = parse("通知\n一、甲\n要学习。", metadata={"page_date": "2022-02-01"})
    assert unsigned.metadata["date"] == "2022-02-01"


# -- pages of news items (issue 15.2: a day of a news programme) ---------------------------

_DAY = ("甲市召开城市更新工作会议\n会议在甲市召开。会议要求加快推进城市更新。\n与会代表进行了交流。\n\n"
        "乙省举办职业技能大赛\n大赛于今天开幕。来自各地的选手参加比赛。\n\n"
        "丙县推进乡村振兴 一、发展产业\n一、发展产业\n丙县大力发展特色产业。\n二、改善环境\n丙县整治人居环境。\n\n"
        "国际快讯\n某国举行大选。\n某国发生地震。\n")


def test_a_page_of_news_items_becomes_parts():
    doc = parse(_DAY)
    assert doc.title is None  # the first line is the first item's title, not the page's
    assert [(p.id, p.kind, p.heading) for p in doc.parts] == [
        ("1", "part", "甲市召开城市更新工作会议"), ("2", "part", "乙省举办职业技能大赛"),
        ("3", "part", "丙县推进乡村振兴 一、发展产业"), ("4", "part", "国际快讯")]
    assert [s.text for s in doc.section("1").sentences] == [
        "会议在甲市召开。", "会议要求加快推进城市更新。", "与会代表进行了交流。"]
    assert doc.section("2").children == []  # no chapters inside an item …
    assert [(s.id, s.heading) for s in doc.section("3").children] == [("3.1", "发展产业"), ("3.2", "改善环境")]
    assert doc.section("3.2").sentences[0].text == "丙县整治人居环境。"  # … unless it has its own numbering
    assert all(s.section_path for s in doc.sentences)  # nothing outside the items
    assert sum(len(p.sentences) for p in doc.parts) == len(doc.sentences) == 9
    assert doc.outline()[:3] == [(1, "1", "甲市召开城市更新工作会议"), (1, "2", "乙省举办职业技能大赛"),
                                 (1, "3", "丙县推进乡村振兴 一、发展产业")]
    _check_invariants(doc)


def test_one_news_item_alone_parses_as_before():
    item = "甲市召开城市更新工作会议\n会议在甲市召开。会议要求加快推进城市更新。\n与会代表进行了交流。"
    doc = parse(item)
    assert doc.title == "甲市召开城市更新工作会议" and doc.parts == [] and doc.sections == []
    assert len(doc.sentences) == 3


def test_fewer_than_three_items_or_blocks_without_titles_are_not_a_news_page():
    two = "甲地召开会议\n会议在甲地召开。\n\n乙地举行活动\n活动在乙地举行。"
    assert parse(two).parts == [] and parse(two).title == "甲地召开会议"
    prose = "第一段说明情况。\n\n第二段提出要求。\n\n第三段作出部署。\n\n第四段总结。"
    assert parse(prose).parts == []
    headed = "通知\n\n一、时间\n周一上午。\n\n二、地点\n学校礼堂。\n\n三、要求\n要准时。"  # numbered blocks: chapters
    doc = parse(headed)
    assert doc.parts == [] and [s.heading for s in doc.sections] == ["时间", "地点", "要求"]
    assert doc.title == "通知"


def test_on_a_news_page_items_with_a_numbered_title_or_a_list_are_items_too():
    day = ("甲地召开会议\n会议在甲地召开。\n\n乙地举行活动\n活动在乙地举行。\n\n"
           "10位模范受到表彰\n今天，10位模范受到表彰，他们是：\n张三\n李四\n\n丙地发布报告\n报告在丙地发布。\n\n"
           "丁地开展义诊\n义诊在丁地开展。")
    doc = parse(day)
    assert [p.heading for p in doc.parts] == ["甲地召开会议", "乙地举行活动", "10位模范受到表彰", "丙地发布报告",
                                              "丁地开展义诊"]
    assert [s.text for s in doc.section("3").sentences][-2:] == ["张三", "李四"]


def test_news_page_kept_by_a_parsed_payload_and_by_load(tmp_path):
    path = tmp_path / "day.txt"
    path.write_text(_DAY.replace("\n", "\r\n"), encoding="utf-8")
    doc = pt.load(path)
    assert len(doc.parts) == 4 and doc.title is None
    again = parse(doc.text, raw=doc.raw, normalized=True)  # how a corpus worker rebuilds a parsed document
    assert again.outline() == doc.outline()


_TITLES = st.text(st.sampled_from(list("甲乙丙丁市县召开会议举行活动发布报告 “”《》")), min_size=2, max_size=30).map(
    str.strip).filter(lambda t: sum("\u4e00" <= c <= "\u9fff" for c in t) >= 2)  # a headline has words, not only marks
_PROSE = st.lists(st.sampled_from(["会议在北京召开。", "要加强学习。", "代表们表示，要落实好各项部署！", "成绩显著。"]),
                  min_size=1, max_size=3).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_TITLES, st.lists(_PROSE, min_size=1, max_size=3)), min_size=3, max_size=8,
                unique_by=lambda item: item[0]),  # a day's headlines differ (identical long lines read as hard-wrapped)
       st.sampled_from(["\n\n", "\n \n", "\n\u3000\n\n", "\n\n\n"]))
def test_every_generated_news_item_is_a_part_with_its_sentences(items, sep):
    text = sep.join(title + "\n" + "\n".join(paras) for title, paras in items)
    doc = parse(text)
    _check_invariants(doc)
    assert doc.title is None
    assert [p.heading for p in doc.parts] == [" ".join(t.split()) for t, _ in items]
    for part, (_, paras) in zip(doc.parts, items):
        assert "".join(s.text for s in part.sentences) == "".join(paras)  # the item's sentences, in it
    assert all(s.section_path and s.section is not None for s in doc.sentences)


def test_a_news_page_that_opens_with_a_list_of_names():
    day = ("某委员会委员名单\n（共3名）\n张三 李四 王五\n\n甲地召开会议\n会议在甲地召开。\n\n"
           "乙地举行活动\n活动在乙地举行。\n\n丙地发布报告\n报告在丙地发布。\n\n丁地开展义诊\n义诊在丁地开展。")
    doc = parse(day)
    assert doc.title is None
    assert [p.heading for p in doc.parts][:2] == ["某委员会委员名单", "甲地召开会议"] and len(doc.parts) == 5
    assert [s.text for s in doc.section("1").sentences] == ["（共3名）", "张三 李四 王五"]
