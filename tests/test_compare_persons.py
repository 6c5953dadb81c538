"""What a comparison says of a person: expelled, removed, promoted, elected … (``Comparison.people["event"]``),
counted apart in the report, and the report's codes in Chinese (U7, X4).

Every text here is constructed (invented names in the formulas of plenum communiqués).
"""

from __future__ import annotations

import csv
import io
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policytext.analysis.compare import compare
from policytext.analysis.compare.person_events import EVENT_CODES, EVENTS, person_event
from policytext.render.compare_report import (
    CATEGORY_LABELS,
    EVENT_LABELS,
    KIND_LABELS,
    to_docx,
    to_html,
    to_markdown,
)
from policytext.tokens.lexicon import CATEGORIES, Lexicon

A = "全会审议通过了《决定》。全会决定，接受周海涛同志辞职申请。要推进改革。"
B = ("全会审议并通过了中共中央纪律检查委员会关于孙立平、吴建国、郑伟、冯志强严重违纪违法问题的审查报告，"
     "确认中央政治局之前作出的给予孙立平、吴建国、郑伟开除党籍处分，给予冯志强撤销党内职务处分。"
     "全会按照党章规定，决定递补中央委员会候补委员陈晓东、褚红梅、卫国庆为中央委员会委员。"
     "全会决定，接受蒋文斌同志辞职申请，免去蒋文斌同志中央委员会委员职务。"
     "韩光明同志就《决定（讨论稿）》向全会作了说明。要推进改革。")
EXPECTED = {
    "孙立平": "expelled", "吴建国": "expelled", "郑伟": "expelled",  # 关于…审查报告, then 给予…开除党籍处分
    "冯志强": "removed",  # same report, then 给予冯志强撤销党内职务处分 (its own clause)
    "蒋文斌": "removed",  # 辞职申请 and 免去…职务: the more consequential wins
    "陈晓东": "promoted", "褚红梅": "promoted", "卫国庆": "promoted",
    "韩光明": "mentioned",  # presents a draft: no event
}


@pytest.fixture(scope="module")
def cmp():
    return compare(A, B)


def test_every_new_person_gets_the_event_of_the_sentence_that_names_them(cmp):
    p = cmp.people
    assert list(p.columns) == ["name", "status", "event", "count_a", "count_b", "example"]
    new = p[p["status"] == "new"]
    assert dict(zip(new["name"], new["event"])) == EXPECTED
    dropped = p[p["status"] == "dropped"]
    assert dropped[["name", "event"]].values.tolist() == [["周海涛", "resigned"]]  # what a said of him
    assert set(p["event"]) <= set(EVENT_CODES)
    # the people who are expelled are still new names of b (status is where the name occurs)
    assert set(new["name"]) == set(EXPECTED)


def test_the_report_counts_them_apart_and_speaks_chinese(cmp, tmp_path):
    md = to_markdown(cmp)
    title = "人名（b 中新出现 9 人：开除党籍 3 人，撤职、免职 2 人，递补、增补 3 人，其他 1 人；不再出现 1 人）"
    assert f"## {title}" in md
    rows = re.findall(r"^\| (\S+) \| ([^|]+?) \| (\d+) \| (\d+) \|", md.split(f"## {title}")[1].split("\n## ")[0],
                      flags=re.M)
    # grouped: expelled, removed, promoted, the others, then the dropped; the table's order inside a group
    assert [(n, s) for n, s, *_ in rows] == [
        ("孙立平", "开除党籍"), ("吴建国", "开除党籍"), ("郑伟", "开除党籍"), ("冯志强", "撤职、免职"),
        ("蒋文斌", "撤职、免职"), ("陈晓东", "递补、增补"), ("褚红梅", "递补、增补"), ("卫国庆", "递补、增补"),
        ("韩光明", "新出现"), ("周海涛", "不再出现（a 中：辞职）")]
    page = to_html(cmp)
    assert f"<h3>{title}</h3>" in page and "<td>孙立平</td><td>开除党籍</td>" in page
    assert not re.search(r"<td>(new|dropped|expelled|promoted|removed|mentioned)</td>", page)
    import docx

    d = docx.Document(str(to_docx(cmp, tmp_path / "r.docx")))
    assert title in [x.text for x in d.paragraphs]
    people = next(t for t in d.tables if t.rows[0].cells[0].text == "姓名")
    assert [c.text for c in people.rows[1].cells[:2]] == ["孙立平", "开除党籍"]


def test_the_data_keep_the_english_codes(cmp):
    buf = io.StringIO()
    cmp.people.drop(columns="example").to_csv(buf, index=False)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert {r["status"] for r in rows} == {"new", "dropped"}
    assert {r["event"] for r in rows} == {"expelled", "removed", "promoted", "mentioned", "resigned"}
    records = cmp.people.to_dict(orient="records")
    assert records[0]["event"] == "expelled" and records[0]["status"] == "new"
    assert set(cmp.new_terms["kind"]) <= {"lexicon", "numbered", "phrase"}


def test_a_heading_without_events_reads_as_before():
    cmp = compare("要推进改革。", "李强、赵乐际、王沪宁、蔡奇出席会议。")
    assert set(cmp.people["event"]) == {"mentioned"}
    assert "## 人名（b 中新出现 4 人，不再出现 0 人）" in to_markdown(cmp)
    assert "| 李强 | 新出现 |" in to_markdown(cmp)
    empty = compare("要推进改革。", "要推进改革。")
    assert list(empty.people.columns) == ["name", "status", "event", "count_a", "count_b", "example"]
    assert "## 人名（b 中新出现 0 人，不再出现 0 人）" in to_markdown(empty)


def test_names_in_a_list_take_the_event_of_its_lead_in():
    b = ("全会选举了中央政治局委员，选举产生了中央政治局常务委员会委员。名单如下：\n一、中央政治局委员\n"
         "（按姓氏笔画为序）\n丁一凡　王立群　刘建华　李文涛　张海峰\n二、中央政治局常务委员会委员\n王立群　李文涛\n"
         "全会强调，要推进改革。")
    cmp = compare("要推进改革。", b)
    assert dict(zip(cmp.people["name"], cmp.people["event"])) == dict.fromkeys(
        ["王立群", "李文涛", "丁一凡", "刘建华", "张海峰"], "elected")
    assert "人名（b 中新出现 5 人：当选 5 人；不再出现 0 人）" in to_markdown(cmp)
    # a sentence between the lead-in and the list: the list has no lead-in
    text = "全会选举了中央政治局委员。名单如下：\n全会认为，形势很好。\n丁一凡　王立群"
    assert person_event(text, "王立群") == "mentioned"


@pytest.mark.parametrize(("text", "name", "event"), [
    ("确认给予张明、王强开除党籍处分，给予李华撤销党内职务处分。", "张明", "expelled"),
    ("确认给予张明、王强开除党籍处分，给予李华撤销党内职务处分。", "李华", "removed"),
    ("确认中央政治局之前作出的给予刘明同志留党察看二年的处分。", "刘明", "disciplined"),
    ("全会决定，接受刘明同志辞职申请。", "刘明", "resigned"),
    ("全会决定，接受刘明同志辞职申请，免去刘明同志中央委员会委员职务。", "刘明", "removed"),
    ("会议隆重悼念刘明同志。", "刘明", "mourned"),
    ("全会决定增补王强、李华为中央委员会委员。", "李华", "promoted"),
    ("全会选举王强为中央委员会总书记。", "王强", "elected"),
    ("会议决定任命王强为秘书长。", "王强", "appointed"),
    ("王强就《决定（讨论稿）》向全会作了说明。", "王强", "mentioned"),
    # the cue of a clause is about someone else when the name is the subject of a verb right after it
    ("王强致电祝贺李华当选总统。", "王强", "mentioned"),
    ("王强致电祝贺李华当选总统。", "李华", "elected"),
    ("国家主席王强11日会见了新当选的行政长官李华。", "王强", "mentioned"),
    # titles are no cue; headlines on one line are separate clauses
    ("会议审议《中国共产党纪律处分条例》 总书记王强主持会议。", "王强", "mentioned"),
    ("会议审议了《纪律处分条例》，王强在会上讲话。", "王强", "mentioned"),
    ("王强在会上解读了《纪律处分条例》。", "王强", "mentioned"),
    ("王强在会上解读了《条例》，给予王强警告处分。", "王强", "disciplined"),
    # a cue in another clause of the sentence is not about the name
    ("全会决定递补李华为中央委员会委员，王强作了说明。", "王强", "mentioned"),
    ("", "王强", "mentioned"),
    # a list on the last line of the text (no line break after it) still has its lead-in
    ("全会选举了委员。名单如下：\n一、委员\n丁一凡　王立群", "王立群", "elected"),
    ("名单如下：\n丁一凡　王立群\n", "王立群", "mentioned"),  # a lead-in without a cue
    ("丁一凡　王立群", "王立群", "mentioned"),  # no line before the list
])
def test_person_event_cases(text, name, event):
    assert person_event(text, name) == event


def test_events_are_ranked_and_labelled():
    codes = [code for code, _label, _cue in EVENTS]
    assert codes[:2] == ["expelled", "removed"] and EVENT_CODES[-1] == "mentioned"
    assert set(EVENT_LABELS) == set(codes) and all(re.fullmatch(r"[\u4e00-\u9fff、]+", x) for x in EVENT_LABELS.values())


def test_term_kinds_and_categories_in_chinese(tmp_path):
    cmp = compare("要推进改革。", "要推进改革。要发展新质生产力。要发展新质生产力。")
    md = to_markdown(cmp)
    assert "| 新质生产力 | 词库 | 战略概念 | 2 |" in md and "| lexicon |" not in md and "concept" not in md
    assert set(KIND_LABELS) == {"lexicon", "numbered", "phrase"}
    assert set(CATEGORY_LABELS) == set(CATEGORIES)  # every category of the default lexicon has a label
    # a category of a user's lexicon has no label: it is shown as it is
    lex = Lexicon.from_entries([("新质生产力", "mycat")])
    md = to_markdown(compare("要推进改革。", "要发展新质生产力。要发展新质生产力。", lexicon=lex))
    assert "| 新质生产力 | 词库 | mycat |" in md
    # a phrase: 短语 (no category); a numbered formulation the lexicon lacks: 数字提法
    cmp = compare("要推进改革。", "要持续优化营商环境建设。要持续优化营商环境建设。要坚持“两个确立”。",
                  lexicon=Lexicon.empty())
    assert cmp.new_terms[["term", "kind"]].values.tolist() == [["营商环境建设", "phrase"], ["两个确立", "numbered"]]
    md = to_markdown(cmp)
    assert "| 营商环境建设 | 短语 |  | 2 |" in md and "| 两个确立 | 数字提法 | 数字化表述 | 1 |" in md


_TEXT = st.text(alphabet="王李强华刘明会议全会决定，。、；：\n 《》要推进改革发展同志作了说明出席", max_size=60)


@settings(max_examples=80, deadline=None)
@given(_TEXT, st.sampled_from(["王强", "李华", "刘明"]))
def test_property_event_codes(text, name):
    """A code of EVENT_CODES always; no cue word, no event; a clause that expels the person wins over any other."""
    event = person_event(text, name)
    assert event in EVENT_CODES
    assert event == "mentioned"  # the alphabet holds no cue word
    assert person_event(text + "。给予" + name + "开除党籍处分。", name) == "expelled"
    assert person_event(text + "。决定递补" + name + "为委员。", name) == "promoted"


#: The new names of consecutive plenum communiqués of the shared corpora, counted by event: read by hand
#: (every new name's sentence; U7). Key: (a, b) by file stem suffix; value: {event: count}.
PLENUM_EVENTS = {
    ("18_2", "18_7"): {"expelled": 12, "disciplined": 2, "removed": 1, "promoted": 11, "mentioned": 1},
    ("18_7", "19_1"): {"elected": 44},
    ("19_1", "19_2"): {"mentioned": 1},
    ("19_3", "19_4"): {"disciplined": 1, "promoted": 2},
    ("19_5", "19_6"): {"mentioned": 2},
    ("19_6", "19_7"): {"expelled": 3, "removed": 1, "promoted": 3, "mentioned": 1},
    ("19_7", "20_1"): {"elected": 44},
    ("20_1", "20_2"): {"mourned": 1},
    ("20_2", "20_3"): {"expelled": 3, "removed": 1, "promoted": 3},
    ("20_3", "20_4"): {"expelled": 14, "promoted": 11},
}


def test_events_of_the_plenum_communiques(shared_dir):
    from collections import Counter

    import policytext as pt

    for (ka, kb), want in PLENUM_EVENTS.items():
        a = pt.load(shared_dir / f"plenum_{ka}_communique.txt")
        b = pt.load(shared_dir / f"plenum_{kb}_communique.txt")
        cmp = compare(a, b)
        p = cmp.people
        got = Counter(p.loc[p["status"] == "new", "event"])
        assert dict(got) == want, (ka, kb)
        if "expelled" in want or "promoted" in want:
            title = to_markdown(cmp).split("## 人名")[1].splitlines()[0]
            assert "开除党籍" in title or "递补、增补" in title
