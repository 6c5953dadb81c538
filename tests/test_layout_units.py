"""Units and lists that restart their numbering, and bundles of news stories (issue 15, session 6 items 1-3)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_structure import _check_invariants

from policytext.text.headings import int_to_cn
from policytext.text.layout import is_story_run
from policytext.text.structure import parse


def _outline(doc):
    return [(sec.id, sec.kind, sec.heading) for sec in doc.walk()]


def _nested_in_own_style(doc):
    """Sections under an ancestor of the same numbering style (not a part)."""
    out = []

    def walk(sec, markers):
        for child in sec.children:
            if child.marker in markers:
                out.append(child.id)
            walk(child, markers | {child.marker})

    for top in doc.sections:
        walk(top, set() if top.kind == "part" else {top.marker})
    return out


# -- 1. a numbered line that introduces a unit (sx_12027: the plan, then four attached plans) --------------------

_PLAN = ("教师发展方案\n一、培养目标\n要培养好教师。\n二、培养方案\n要制定方案。\n五、培训保障\n要保障经费。\n"
         "一、职初教师工程\n——《职初教师成长方案》\n一、指导思想\n要坚持育人。\n二、培养目标\n要提升能力。\n"
         "二、骨干教师工程\n——《骨干教师提升方案》\n一、指导思想\n要坚持引领。\n一、培养目标\n要提升水平。\n"
         "三、入选条件\n要热爱教育。")


def test_a_numbered_line_with_its_title_lines_opens_a_part():
    doc = parse(_PLAN)
    _check_invariants(doc)
    assert [(p.id, p.heading) for p in doc.parts] == [
        ("1", ""), ("2", "一、职初教师工程\n——《职初教师成长方案》"), ("3", "二、骨干教师工程\n——《骨干教师提升方案》")]
    assert [c.heading for c in doc.section("1").children] == ["培养目标", "培养方案", "培训保障"]
    assert [c.heading for c in doc.section("2").children] == ["指导思想", "培养目标"]
    # ``一、`` written twice (then ``三、``) is a slip for ``二、``: a section, with a warning
    assert [c.heading for c in doc.section("3").children] == ["指导思想", "培养目标", "入选条件"]
    assert any("repeated" in w for w in doc.metadata["structure_warnings"])
    assert all(s.section_path for s in doc.sentences)
    assert not any("工程" in s.text for s in doc.sentences)  # the part's heading lines are no body text


def test_a_numbered_line_right_before_chapters_that_restart_opens_a_part():
    text = ("方案\n一、目标\n要培养。\n二、保障\n要保障。\n一、职初教师工程\n一、指导思想\n要育人。\n二、培养目标\n要提升。")
    doc = parse(text)
    assert [(p.id, p.heading) for p in doc.parts] == [("1", ""), ("2", "一、职初教师工程")]
    assert [c.heading for c in doc.section("2").children] == ["指导思想", "培养目标"]


def test_a_line_that_goes_back_without_a_restart_after_it_is_no_part():
    text = "方案\n一、目标\n要培养。\n二、保障\n要保障。\n一、目标\n——说明\n1.要育人。\n2.要提升。"
    doc = parse(text)
    assert doc.parts == []
    assert [sec.id for sec in doc.sections] == ["1", "2"]
    # a repeated 一、 followed by 二、 is no slip: the chapters start again (an unnamed part, as before)
    doc = parse("方案\n一、目标\n要培养。\n一、保障\n要保障。\n二、考核\n要考核。")
    assert [len(p.children) for p in doc.parts] == [1, 2]
    assert "structure_warnings" not in doc.metadata


# -- 2. a list that restarts at 1 right after another list ------------------------------------------------------

_BODY = "要把学习贯彻落实到工作中去，推动各项任务落地见效。"


def test_chapters_restarting_after_a_list_of_items_are_its_siblings():
    text = f"通知\n一、学习\n要学习。\n1.甲要做。\n2.乙要做。\n1.丙要做\n{_BODY}\n2.丁要做\n{_BODY}\n二、落实\n要落实。"
    doc = parse(text)
    assert _outline(doc) == [("1", "section", "学习"), ("1.1", "item", "甲要做"), ("1.2", "item", "乙要做"),
                             ("1.3", "section", "丙要做"), ("1.4", "section", "丁要做"), ("2", "section", "落实")]


def test_items_restarting_after_chapters_are_their_siblings():
    text = f"通知\n一、学习\n要学习。\n1.甲要做\n{_BODY}\n2.乙要做\n{_BODY}\n1.丙要做。\n2.丁要做。\n二、落实\n要落实。"
    doc = parse(text)
    assert _outline(doc) == [("1", "section", "学习"), ("1.1", "section", "甲要做"), ("1.2", "section", "乙要做"),
                             ("1.3", "item", "丙要做"), ("1.4", "item", "丁要做"), ("2", "section", "落实")]


def test_a_list_that_the_last_entry_introduces_with_a_colon_stays_inside_it():
    text = f"通知\n一、学习\n要学习。\n1.甲要做\n{_BODY}\n2.乙的优势\n优势：\n1.丙好。\n2.丁好。\n二、落实\n要落实。"
    doc = parse(text)
    assert [sec.id for sec in doc.section("1.2").children] == ["1.2.1", "1.2.2"]
    # ``附件：`` then 1. 2.: the notice's attachment list — not a list inside the last entry, and (session 7) not
    # sections at all, like a table of contents: its titles are metadata
    doc = parse(f"通知\n一、学习\n要学习。\n1.甲要做\n{_BODY}\n2.乙要做\n{_BODY}\n附件：\n1.报名表\n2.汇总表")
    assert [sec.heading for sec in doc.section("1").children] == ["甲要做", "乙要做"]
    assert doc.metadata["attachments"] == ["报名表", "汇总表"]


def test_chapters_restarting_after_a_list_at_the_top_start_a_new_part():
    text = ("关于组织活动的通知\n一、参加对象：全体师生。\n二、活动时间：周五下午。\n三、注意事项：注意安全。\n"
            "有关年级下午上课提前。\n一、怎样使教师肯教\n要增强教师的内驱力。\n二、怎样使教师会教\n要注重学习形式。")
    doc = parse(text)
    assert [len(p.children) for p in doc.parts] == [3, 2]
    assert [c.heading for c in doc.section("2").children] == ["怎样使教师肯教", "怎样使教师会教"]


_ITEM = st.sampled_from(["甲要做好。", "乙要按时完成。", "丙须提前报名。", "丁要注意安全。"])
_CHAPTER = st.sampled_from([("学习", _BODY), ("落实", "各单位要抓好落实，确保工作取得实效。")])


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.lists(_ITEM, min_size=2, max_size=4).map(lambda xs: ("items", xs)),
                          st.lists(_CHAPTER, min_size=2, max_size=3).map(lambda xs: ("chapters", xs))),
                min_size=2, max_size=4),
       st.sampled_from(["{k}.", "（{k}）"]), st.sampled_from(["", "具体安排\n", "其次如下。\n"]))
def test_lists_that_restart_one_after_another_are_never_nested_in_each_other(lists, style, lead):
    lines = ["通知", "一、学习", "要学习。"]
    for n, (kind, entries) in enumerate(lists):
        if n:
            lines += [x for x in lead.split("\n") if x]
        for k, entry in enumerate(entries, 1):
            if kind == "items":
                lines.append(style.format(k=k) + entry)
            else:
                lines += [style.format(k=k) + entry[0], entry[1]]
    doc = parse("\n".join(lines + ["二、落实", "要落实。"]))
    _check_invariants(doc)
    assert _nested_in_own_style(doc) == []
    assert [sec.heading for sec in doc.sections] == ["学习", "落实"]
    assert len(doc.section("1").children) == sum(len(entries) for _, entries in lists)  # every numbered line
    assert all(s.section_path for s in doc.sentences[1:])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(min_value=2, max_value=5), min_size=2, max_size=4), st.booleans())
def test_units_numbered_and_introduced_keep_every_chapter(sizes, intro):
    if not intro:  # without a title line, a unit's number must go back (``三、`` after ``二、`` goes on)
        sizes = [max(n, len(sizes) + 1) for n in sizes]
    lines = ["方案", "一、总体目标", "要培养好教师。", "二、保障措施", "要保障经费。"]
    for u, n in enumerate(sizes, 1):
        lines.append(f"{int_to_cn(u)}、第{int_to_cn(u)}项工程")
        if intro:
            lines.append(f"——《第{int_to_cn(u)}项工程实施方案》")
        for k in range(1, n + 1):
            lines += [f"{int_to_cn(k)}、要点{k}", "要抓好落实。"]
    doc = parse("\n".join(lines))
    _check_invariants(doc)
    assert [len(p.children) for p in doc.parts] == [2, *sizes]
    assert all(p.heading.startswith(f"{int_to_cn(u)}、") for u, p in enumerate(doc.parts[1:], 1))
    assert all(s.section_path for s in doc.sentences)


# -- 3. a bundle of news stories (国内联播快讯) parsed alone ------------------------------------------------------

def test_a_bundles_name_is_the_title_and_its_first_headline_the_first_paragraph():
    item = ("国内联播快讯\n甲地开通高速公路\n甲地高速公路今天正式开通。\n乙地启动数字经济项目\n乙地今天启动数字经济项目。"
            "项目总投资十亿元。\n丙地发布年度报告\n丙地发布年度报告。")
    doc = parse(item)
    _check_invariants(doc)
    assert doc.title == "国内联播快讯"
    assert doc.paragraphs[0].text == "甲地开通高速公路"
    assert [s.text for s in doc.sentences[:2]] == ["甲地开通高速公路", "甲地高速公路今天正式开通。"]


def test_a_title_of_two_lines_before_an_ordinary_body_keeps_both_lines():
    doc = parse("某某市第一中学\n教师专业发展行动方案\n为建设高素质教师队伍，制定本方案。\n一、目标\n要培养。")
    assert doc.title == "某某市第一中学 教师专业发展行动方案"
    doc = parse("某某市第一中学\n教师专业发展行动方案\n为建设高素质教师队伍，制定本方案。\n工作要求\n要落实。\n"
                "要检查。\n要总结。\n要考核。\n要通报。\n要宣传。\n要表彰。")  # one unnumbered heading: no stories
    assert doc.title == "某某市第一中学 教师专业发展行动方案"


def test_story_runs():
    stories = ["甲地开通高速公路", "甲地高速公路今天正式开通。", "乙地启动项目", "乙地今天启动项目。"]
    assert is_story_run(stories)
    assert not is_story_run(stories[:2])  # fewer than two stories
    assert not is_story_run(stories[1:])  # it must open with a headline
    assert not is_story_run(stories * 21)  # longer than a bundle
    assert not is_story_run(["标题", "说明。", "正文第一段。", "正文第二段。", "正文第三段。", "小标题", "正文。",
                             "正文。", "正文。"])  # titles fewer than one line in four


_WORD = st.text(st.sampled_from(list("甲乙丙丁市县召开会议举行活动发布报告开通项目")), min_size=2, max_size=6)
#: A headline: two to four words, each but the last bare or in quotation or title marks, some with a space
#: between them (a line that ends with a closing mark reads as a hard-wrapped line and joins the next one).
_HEADLINE = st.lists(st.tuples(_WORD, st.sampled_from(["", "“”", "《》"]), st.sampled_from(["", "", " "])),
                     min_size=1, max_size=3).flatmap(
    lambda parts: _WORD.map(lambda last: "".join((w if not q else q[0] + w + q[1]) + sep
                                                 for w, q, sep in parts) + last))
#: A story's text: one or two sentences of the length news prose has (short lines among headlines of the same
#: length would read as a hard-wrapped page, whose lines the normaliser joins).
_STORY_TEXT = st.lists(st.sampled_from(["会议今天在北京召开，来自各地的代表围绕年度重点工作进行了深入讨论。",
                                        "这一项目今天正式启动，预计明年年底前全部建成并投入使用，惠及沿线群众。",
                                        "代表们表示，要把会议精神落实到各项工作中，落实好党中央的各项部署！"]),
                       min_size=1, max_size=2).map("".join)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["国内联播快讯", "国际联播快讯", "联播快讯", "要闻速览"]),
       st.lists(st.tuples(_HEADLINE, st.lists(_STORY_TEXT, min_size=1, max_size=2)), min_size=2, max_size=8))
def test_every_generated_bundle_has_its_name_as_title_and_keeps_every_story(name, stories):
    text = name + "\n" + "\n".join(h + "\n" + "\n".join(paras) for h, paras in stories)
    doc = parse(text)
    _check_invariants(doc)
    assert doc.title == name
    assert doc.paragraphs[0].text == " ".join(stories[0][0].split())
    assert "".join(s.text for s in doc.sentences).replace(" ", "") == \
        "".join(h + "".join(paras) for h, paras in stories).replace(" ", "")
