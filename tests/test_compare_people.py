"""Tests of policytext.analysis.compare.people: person names, new and dropped, never terms."""

from __future__ import annotations

import csv
import re
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import policytext as pt
from policytext.analysis.compare import compare
from policytext.render.compare_report import to_html, to_markdown, write_comparison
from policytext.tokens.tokenizer import default_tokenizer


def _plenum(shared_docs, name):
    key = f"plenum_{name}_communique"
    if key not in shared_docs:
        pytest.skip(f"{key} not in the shared corpora")
    return shared_docs[key]


def _manifest_dates(shared_dir: Path) -> dict[str, str]:
    with open(shared_dir / "MANIFEST.tsv", encoding="utf-8") as fh:
        return {row["file"]: row["date"] for row in csv.DictReader(fh, delimiter="\t")}


def cmp_text(x: str) -> str:
    return "" if not x.strip() else pt.load(x).text


# -- people ------------------------------------------------------------------------------------

#: Person names of each plenum communiqué, read by hand: every name mentioned as a person (毛泽东
#: inside 毛泽东思想 does not count); 19_1 and 20_1 list the new leadership.
PLENUM_PEOPLE = {
    "18_2": "习近平 李克强",
    "18_7": "习近平 刘云山 吴爱英 孙怀山 孙政才 崔波 张喜武 李云峰 李强 李立国 杨崇勇 杨焕宁 段春华 洛桑江村 王三运 王建军 "
            "王建平 田修思 舒晓琴 苏树林 莫建成 赵树丛 赵立雄 陈武 陈鸣明 项俊波 马顺清 黄兴国",
    "19_1": "丁薛祥 习近平 侯凯 凌激 刘金国 刘鹤 姜信治 孙春兰 尤权 崔鹏 张升民 张又侠 张春生 徐令义 李书磊 李作成 "
            "李克强 李希 李强 李鸿忠 杨晓渡 杨晓超 杨洁篪 栗战书 汪洋 王晨 王沪宁 王鸿津 白少康 肖培 胡春华 苗华 蔡奇 "
            "许其亮 赵乐际 邹加怡 郭声琨 陈全国 陈小江 陈希 陈敏尔 陈超英 韩正 骆源 魏凤和 黄坤明",
    "19_2": "习近平 张德江",
    "19_3": "习近平",
    "19_4": "习近平 刘士余 马伟明 马正武",
    "19_5": "习近平",
    "19_6": "习近平 毛泽东 江泽民 胡锦涛 邓小平",
    "19_7": "习近平 王沪宁 傅政华 张敬华 李佳 沈德咏 王伟中 王宁 马国强",
    "20_1": "丁薛祥 习近平 何卫东 何立峰 侯凯 傅奎 刘国中 刘学新 刘振立 刘金国 喻红秋 孙新阳 尹力 张升民 张又侠 张国清 "
            "张福海 李书磊 李尚福 李希 李干杰 李强 李欣然 李鸿忠 王小洪 王晓萍 王毅 王沪宁 王爱文 王鸿津 石泰峰 穆红玉 "
            "肖培 苗华 蔡奇 袁家军 訚柏 许罗德 赵世勇 赵乐际 陈吉宁 陈国强 陈敏尔 陈文清 马兴瑞 黄坤明",
    "20_2": "习近平 江泽民",
    "20_3": "丁向群 习近平 于吉红 于立军 孙金明 李尚福 李玉超 秦刚",
    "20_4": "习近平 于会文 何卫东 何宏军 卢红 唐仁健 张凤中 朱芝松 李石松 杨发森 林向阳 王健 王庭凯 王新伟 王春宁 王曦 "
            "王永红 王秀斌 秦树桐 苗华 袁华智 邓亦武 邓修明 金湘军 韦韬 马汉成",
}

#: the officials whose expulsion the fourth plenum of the 20th CC confirmed (each named twice)
EXPELLED_20_4 = ["唐仁健", "朱芝松", "杨发森", "林向阳", "王春宁", "王秀斌", "袁华智", "秦树桐", "李石松", "金湘军"]


def _plenum_series(shared_dir):
    """``(key, Document)`` of every plenum communiqué in MANIFEST date order."""
    dates = _manifest_dates(shared_dir)
    out = []
    for name, date in sorted(dates.items(), key=lambda kv: kv[1]):
        m = re.fullmatch(r"plenum_(\d+_\d+)_communique\.txt", name)
        if m and (shared_dir / name).is_file():
            out.append((m.group(1), pt.load(shared_dir / name, metadata={"date": date})))
    if len(out) < 2:
        pytest.skip("fewer than two plenum communiqués in the shared corpora")
    return out


def _occurrence_tokens(doc, tk, phrase):
    """The tokens of the first occurrence of ``phrase`` that starts and ends on token boundaries."""
    units = list(tk.tokenize_headings(doc).values()) + tk.tokenize_document(doc)
    for toks in units:
        starts = {t.start: k for k, t in enumerate(toks)}
        i = doc.text.find(phrase)
        while i >= 0:
            k = starts.get(i)
            if k is not None:
                end = i + len(phrase)
                j = k
                while j < len(toks) and toks[j].end < end:
                    j += 1
                if j < len(toks) and toks[j].end == end:
                    return toks[k:j + 1]
            i = doc.text.find(phrase, i + 1)
    return None


def _bad_phrase(toks):
    """Why a phrase's tokens break the phrase rule: verb/adjective/adverb-final, or a function word inside."""
    last = toks[-1]
    if not last.is_term and last.pos[:1] in "vad" and last.pos not in ("vn", "an"):
        return f"ends in {last.text}/{last.pos}"
    for t in toks:
        if not t.is_term and (t.pos[:1] in "dpcurmqyeoxwz" or t.kind != "word"):
            return f"holds {t.text}/{t.pos}"
    return None


def test_people_20_3_to_20_4(shared_docs):
    a, b = _plenum(shared_docs, "20_3"), _plenum(shared_docs, "20_4")
    cmp = compare(a, b)
    people = cmp.people
    print("\n" + people.drop(columns="example").to_string())
    assert list(people.columns) == ["name", "status", "event", "count_a", "count_b", "example"]
    status = dict(zip(people["name"], people["status"]))
    for name in EXPELLED_20_4:
        assert status.get(name) == "new", name
        assert people.loc[people["name"] == name, "event"].iloc[0] == "expelled", name
        row = people[people["name"] == name].iloc[0]
        assert (row["count_a"], row["count_b"]) == (0, b.text.count(name)) and row["count_b"] >= 2
        assert name in row["example"]
    for name in ("孙金明", "李尚福", "李玉超"):
        assert status.get(name) == "dropped", name
        row = people[people["name"] == name].iloc[0]
        assert (row["count_a"], row["count_b"]) == (a.text.count(name), 0)
    names = set(people["name"])
    terms = set(cmp.new_terms["term"]) | set(cmp.dropped_terms["term"]) | set(cmp.keyness["term"])
    assert not any(n in t for n in names for t in terms), sorted(t for t in terms if any(n in t for n in names))
    # the phrase fragments of the issue are gone
    for junk in ("全体人民共同富裕迈出坚实", "社会主义现代化夯实"):
        assert junk not in set(cmp.new_terms["term"])
    assert people["status"].tolist() == sorted(people["status"].tolist(), key=lambda s: s != "new")


def test_people_and_phrases_over_all_plenum_pairs(shared_dir):
    """Precision/recall of Comparison.people against the hand-read names; no name or bad phrase among terms."""
    series = _plenum_series(shared_dir)
    tk = default_tokenizer()
    gold = {k: set(v.split()) for k, v in PLENUM_PEOPLE.items()}
    tp = fp = fn = phrases = 0
    misses, bad = [], []
    for (ka, a), (kb, b) in pairwise(series):
        cmp = compare(a, b, tokenizer=tk)
        want = {(n, "new") for n in gold[kb] if n not in a.text} | {(n, "dropped") for n in gold[ka] if n not in b.text}
        got = set(zip(cmp.people["name"], cmp.people["status"]))
        tp += len(got & want)
        fp += len(got - want)
        fn += len(want - got)
        misses += [(ka, kb, *x) for x in sorted((got - want) | (want - got))]
        names = gold[ka] | gold[kb]
        for frame, doc in ((cmp.new_terms, b), (cmp.dropped_terms, a)):
            for term, kind in frame[["term", "kind"]].itertuples(index=False):
                assert not any(n in term for n in names - {"习近平", "毛泽东", "邓小平"}) or kind != "phrase", term
                assert term not in names, (ka, kb, term)
                if kind == "phrase":
                    phrases += 1
                    toks = _occurrence_tokens(doc, tk, term)
                    assert toks is not None, term
                    why = _bad_phrase(toks)
                    if why:
                        bad.append((ka, kb, term, why))
        assert not (set(cmp.keyness["term"]) & names), (ka, kb)
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    print(f"\npeople over {len(series) - 1} consecutive plenum pairs: precision {precision:.3f}, recall "
          f"{recall:.3f} (tp {tp}, fp {fp}, fn {fn}); misses/false: {misses}")
    print(f"{phrases} new/dropped phrases, {len(bad)} breaking the phrase rule: {bad[:10]}")
    assert not bad
    assert precision >= 0.97 and recall >= 0.95


def test_people_golden():
    a = pt.parse("全会审议通过了关于秦刚同志的决定。要推进改革。")
    b = pt.parse("全会决定，递补中央委员会候补委员王建武、刘宁、李佳为中央委员会委员。接受刘宁同志辞职申请。"
                 "要推进改革。")
    cmp = compare(a, b)
    assert cmp.people[["name", "status", "count_a", "count_b"]].values.tolist() == [
        ["刘宁", "new", 0, 2], ["王建武", "new", 0, 1], ["李佳", "new", 0, 1], ["秦刚", "dropped", 1, 0]]
    assert cmp.people["example"].iloc[0] == "全会决定，递补中央委员会候补委员王建武、刘宁、李佳为中央委员会委员。"
    assert not set(cmp.people["name"]) & (set(cmp.keyness["term"]) | set(cmp.new_terms["term"]))
    assert "同志" not in set(cmp.keyness["term"])  # the title of a named person belongs to the mention
    # a name known from the dictionary is a name in a list of names (李强 nrfg, 王沪宁 nr)
    cmp = compare("要推进改革。", "李强、赵乐际、王沪宁、蔡奇出席会议。")
    assert cmp.people["name"].tolist() == ["李强", "赵乐际", "王沪宁", "蔡奇"]
    # the speaker formula names a person: X就《…》作了说明
    cmp = compare("要推进改革。", "全会审议通过了《建议》，张德江就《建议（草案）》向全会作了说明。")
    assert cmp.people["name"].tolist() == ["张德江"]


@pytest.mark.parametrize("text", [
    "要边斗争、边备战、边建设，克难关、战风险、迎挑战。",
    "我们的祖国天更蓝、山更绿、水更清。",
    "努力做到应保尽保、应助尽助。",
    "注重扶贫同扶志、扶智相结合。",
    "推动经济持续向好、行稳致远。",
    "推动高端化、智能化、绿色化发展。",
    "倡导富强、民主、文明、和谐，倡导自由、平等、公正、法治。",
    "要抓重点、补短板、强弱项，打基础、立支柱、定架构。",
    "推进北京、天津、河北、张家口、石家庄一体化。",
    "坚持全面从严治党，严于律己、严负其责、严管所辖。",
])
def test_no_people_in_slogans(text):
    assert compare("要推进改革。", text).people.empty


def test_people_rendered_and_escaped(tmp_path):
    a = pt.parse("全会决定，接受秦刚同志辞职申请。")
    b = pt.parse("全会决定，递补中央委员会候补委员王建武、刘宁、李佳为中央委员会委员<b>&</b>。")
    cmp = compare(a, b)
    md = to_markdown(cmp)
    assert "## 人名（b 中新出现 3 人：递补、增补 3 人；不再出现 1 人）" in md
    assert "| 王建武 | 递补、增补 | 0 | 1 |" in md and "| 秦刚 | 不再出现（a 中：辞职） | 1 | 0 |" in md
    assert "\\<b\\>" in md and "<b>" not in md
    h = to_html(cmp)
    write_comparison(cmp, tmp_path / "r.html")
    assert (tmp_path / "r.html").read_text(encoding="utf-8") == h
    assert "<h3>人名（b 中新出现 3 人：递补、增补 3 人；不再出现 1 人）</h3>" in h
    assert "<td>王建武</td><td>递补、增补</td>" in h and "&lt;b&gt;&amp;&lt;/b&gt;" in h and "<b>&" not in h
    assert "people=4" in repr(cmp)
    empty = compare("要推进改革。", "要推进改革。")
    assert empty.people.empty and list(empty.people.columns) == ["name", "status", "event", "count_a", "count_b",
                                                                  "example"]
    assert "## 人名（b 中新出现 0 人，不再出现 0 人）" in to_markdown(empty)


_NAME_ALPHABET = "王李张刘唐仁健金湘军秦刚苗华边斗争天更蓝同志就《》、，。 \n要推进改革发展新质生产力"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=_NAME_ALPHABET, max_size=80), st.text(alphabet=_NAME_ALPHABET, max_size=80))
def test_people_property(x, y):
    cmp = compare(x, y)
    a_text, b_text = cmp_text(x), cmp_text(y)
    names = set(cmp.people["name"])
    assert not names & set(cmp.new_terms["term"]) and not names & set(cmp.dropped_terms["term"])
    assert not names & set(cmp.keyness["term"])
    for r in cmp.people.itertuples():
        assert r.status in ("new", "dropped")
        if r.status == "new":
            assert r.name in b_text and r.name not in a_text and r.count_b == b_text.count(r.name) and r.count_a == 0
        else:
            assert r.name in a_text and r.name not in b_text and r.count_a == a_text.count(r.name) and r.count_b == 0
    to_markdown(cmp)
    to_html(cmp)

