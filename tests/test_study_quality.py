"""Study material a teacher would accept (session 8, Q8): no meeting logistics or publication lead-ins as
key sentences, 导语 quotes or 出处; one question per term in the quiz, standard expansions marked, trivial
stems dropped; the formulation table led by the document's own emphasis; readable word clouds; Chinese
timeline labels."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import policytext as pt
from policytext.analysis._summary_quiz import _trivial
from policytext.analysis.ranking import procedural, rank_section
from tests.conftest import SHARED, shared_path

COMMUNIQUE = ("中国共产党第十九届中央委员会第四次全体会议，于2019年10月28日至31日在北京举行。\n"
              "出席这次全会的有，中央委员202人，候补中央委员169人。\n"
              "中央纪律检查委员会常务委员会委员和有关方面负责同志列席会议。\n"
              "全会由中央政治局主持。\n"
              "全会强调，坚持和完善中国特色社会主义制度、推进国家治理体系和治理能力现代化，是全党的一项重大战略任务。\n"
              "全会提出，必须坚持党的领导，推进国家治理体系和治理能力现代化，坚持和完善党和国家监督体系。\n"
              "全会号召，全党全国各族人民要更加紧密地团结在党中央周围，推进国家治理体系和治理能力现代化。")
LEAD_IN = ("近日，《中国机构编制》杂志2024年第9期刊发了省委编办主任署名文章，全文如下：\n"
           "一、深刻理解改革的重大意义\n"
           "进一步全面深化改革是推进中国式现代化的根本动力，机构编制是党的重要执政资源。")

LOGISTICS = [
    "中国共产党第二十届中央委员会第三次全体会议，于2024年7月15日至18日在北京举行。",
    "出席全会的有中央委员191人，候补中央委员141人。",
    "党的二十大代表中部分基层同志和专家学者也列席了会议。",
    "全会由中央政治局主持。",
    "习近平同志主持会议并在当选中共中央委员会总书记后作了重要讲话。",
    "全会听取和讨论了习近平受中央政治局委托所作的工作报告。",
    "3月18日下午,市委编办召开理论学习中心组(扩大)学习会,专题学习有关著作。",
    "会上,市委编办主任领学有关篇目并作总结发言。",
    "近日,《中国机构编制》杂志2024年第9期刊发了署名文章,全文如下:",
]
THESES = [
    "全会强调，坚持和完善中国特色社会主义制度是全党的一项重大战略任务。",
    "会议听取了工作汇报，强调要压实责任、狠抓落实。",
    "会议指出，机构编制工作是配置党的执政资源的一项基础性工作。",
    "学校定于11月17日在操场举行运动会。",
    "要坚持党管机构编制原则，严格机构编制管理。",
    "周万生主任说,近年来自治区编办紧紧围绕工作大局,主动适应新形势新任务。",
]


@pytest.mark.parametrize("text", LOGISTICS)
def test_meeting_logistics_and_lead_ins_are_procedural(text):
    assert procedural(text)


@pytest.mark.parametrize("text", THESES)
def test_statements_are_not_procedural(text):
    assert not procedural(text)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="全会议于在北京举行出席列席主持强调要坚持，。", max_size=40))
def test_procedural_never_when_something_is_stated(text):
    stated = text + "全会强调，要坚持党的领导。"
    assert not procedural(stated)


def test_communique_key_sentences_skip_logistics():
    s = pt.summarize(COMMUNIQUE, pictures=False)
    keys = [k.text for sec in s.sections for k in sec.key_sentences] + [k.text for k in s.preamble]
    assert keys and not any(procedural(t) for t in keys), keys
    assert not any("列席会议" in t or "举行。" in t for t in keys)


def test_lead_in_is_no_preamble_quote_nor_source():
    s = pt.summarize(LEAD_IN, pictures=False)
    assert s.preamble == ()  # the 导语 is only the lead-in: nothing to quote
    body = LEAD_IN.split("\n", 1)[1]
    cited = [f for f in s.formulations if f.surface in body]
    assert cited and all("刊发" not in f.sentence for f in cited), [(f.term, f.sentence) for f in cited]


def test_procedural_only_section_keeps_its_sentence():
    doc = pt.parse("一、会议情况\n全会由中央政治局主持。")
    sec = doc.sections[0]
    scores, ok = rank_section(sec.sentences, [["中央政治局", "主持"]], heading=sec.heading, path=sec.path)
    assert ok == [True]  # nothing else can state the section: the logistics stay


def test_formulation_source_skips_logistics():
    text = ("一、会议\n全会听取和讨论了关于“四个全面”战略布局的工作报告。\n要协调推进“四个全面”战略布局，坚定“四个自信”。")
    tk = pt.Tokenizer()
    doc = pt.parse(text)
    from policytext.analysis._summary_quiz import formulations

    (f,) = [f for f in formulations(doc, tk.tokenize_document(doc), tk.lexicon, 10) if f.term == "四个全面"]
    assert f.sentence.startswith("要协调推进") and f.count == 2


def test_quiz_asks_each_term_once_and_marks_standard_expansions():
    text = ("一、学习\n坚持以邓小平理论、“三个代表”重要思想为指导，增强“四个意识”。\n"
            "二、落实\n坚持“三个代表”重要思想，增强“四个意识”、坚定“四个自信”，做到“两个维护”。\n"
            "三、部署\n统筹推进“五位一体”总体布局，协调推进“四个全面”战略布局。")
    s = pt.summarize(text, pictures=False, quiz=20)
    asked: list[str] = []
    for q in s.quiz:
        asked += list(q.answers) if q.kind != "expansion" else [re.match(r"“(.+?)”", q.question).group(1)]
    assert len(asked) == len(set(asked)), [(q.question, q.answers) for q in s.quiz]
    for q in s.quiz:
        if q.kind == "expansion":  # none of these is spelled out in the text: the question says so
            assert "规范表述" in q.question


def test_quiz_on_the_19_4_communique_asks_three_represents_once():
    path = shared_path("plenum_19_4_communique.txt")
    s = pt.summarize(path, pictures=False)
    hits = [q for q in s.quiz if "三个代表" in q.answers or q.question.startswith("“三个代表”")]
    assert len(hits) <= 1, [q.question for q in hits]
    assert all("规范表述" in q.question for q in s.quiz if q.kind == "expansion")


def test_trivial_stems_are_dropped():
    assert _trivial("深刻理解____的重大意义。", "进一步全面深化改革", None)
    assert _trivial("坚持把____作为推进机构编制工作的根本遵循，贯穿全过程。", "机构编制工作条例", "学习机构编制工作条例")
    assert not _trivial("坚持把____作为推进机构编制工作的根本遵循，贯穿全过程。", "机构编制工作条例", "通知")
    page = SHARED.parent / "genre_dev" / "passages" / "01_hunan.txt"
    if not page.is_file():
        pytest.skip(f"genre_dev page {page} not found")
    s = pt.summarize(page, pictures=False)
    assert not any(q.question.startswith("深刻理解____") for q in s.quiz)


def test_formulation_table_led_by_the_documents_own_emphasis():
    s = pt.summarize(shared_path("plenum_19_4_communique.txt"), pictures=False)
    rows = [f.term for f in s.formulations]
    assert "国家治理体系和治理能力现代化" in rows[:3], rows[:10]
    standard = [t for t in ("毛泽东思想", "宪法", "党章") if t in rows]
    assert all(rows.index(t) > rows.index("国家治理体系和治理能力现代化") for t in standard)


def test_communiques_first_key_sentence_is_no_logistics():
    for name in ("plenum_19_4_communique.txt", "plenum_20_3_communique.txt", "plenum_19_5_communique.txt"):
        s = pt.summarize(shared_path(name), pictures=False, quiz=0)
        keys = [k.text for sec in s.sections for k in sec.key_sentences]
        assert keys and not any(procedural(t) for t in keys), (name, keys[:2])


def test_wordcloud_draws_no_illegible_words():
    from policytext.render.wordcloud import MIN_FONT_SIZE, wordcloud

    words = {f"词语{i:03d}号": 1.0 / (i + 1) for i in range(300)}
    img = wordcloud(words, width=400, height=300)
    sizes = [int(x) for x in img.info["policytext_sizes"].split("\n")]
    assert sizes and min(sizes) >= MIN_FONT_SIZE and len(sizes) < 300
    small = wordcloud(words, width=400, height=300, min_font_size=4)
    assert min(int(x) for x in small.info["policytext_sizes"].split("\n")) < MIN_FONT_SIZE


def test_wordcloud_rejects_a_bad_min_font_size():
    from policytext.errors import InvalidParameterError
    from policytext.render.wordcloud import wordcloud

    with pytest.raises(InvalidParameterError):
        wordcloud({"改革": 1.0}, min_font_size=0)


def test_timeline_html_labels_are_chinese(tmp_path):
    import pandas as pd

    from policytext.render.timeline import timeline_html

    f = pd.DataFrame({"period": ["2021", "2022"], "term": ["两个确立"] * 2, "count": [1, 9],
                      "documents": [1, 7], "rate": [0.1, 0.8]})
    page = timeline_html(f, tmp_path / "t.html").read_text(encoding="utf-8")
    def has(page: str, text: str) -> bool:  # plotly writes its JSON with \uXXXX escapes
        return text in page or json.dumps(text)[1:-1] in page

    assert has(page, "每万字出现次数") and has(page, "篇文件") and has(page, "时间")
    assert "per 10k characters" not in page and "occurrences in" not in page
    page = timeline_html(f, tmp_path / "d.html", value="documents").read_text(encoding="utf-8")
    assert has(page, "使用文件数")
