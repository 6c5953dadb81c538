"""Tests of policytext.analysis.keyterms (issue 4): contracts, options, CLI, example smoke test,
and the heading-recall acceptance test against jieba. The IDF table and the phrases have their own
files since issue 14 (tests/test_idf.py, tests/test_phrases.py)."""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import policytext as pt
from policytext.analysis.keyterms import (
    METHODS,
    Keyword,
    keywords,
    load_idf,
    section_keywords,
)
from policytext.cli import keywords as keywords_cli
from policytext.errors import InputError, InvalidParameterError

REPO = Path(__file__).resolve().parent.parent
METHOD_NAMES = sorted(METHODS)

# -- contracts --------------------------------------------------------------------------


@pytest.mark.parametrize("method", METHOD_NAMES)
@pytest.mark.parametrize("top", [1, 5, 20])
def test_contract_on_reference(reference_doc, method, top):
    kws = keywords(reference_doc, method=method, top=top)
    assert isinstance(kws, list) and 0 < len(kws) <= top
    assert all(isinstance(k, Keyword) for k in kws)
    assert kws[0].score == pytest.approx(1.0)
    assert all(0 < k.score <= 1.0 for k in kws)
    assert kws == sorted(kws, key=lambda k: (-k.score, k.term))
    assert len({k.term for k in kws}) == len(kws)
    assert all(k.count >= 1 for k in kws)


@pytest.mark.parametrize("method", METHOD_NAMES)
def test_inputs_of_every_kind_agree(reference_doc, method):
    sec = reference_doc.sections[2]
    from_section = keywords(sec, method=method, top=8, phrases=False)
    from_sentences = keywords(sec.sentences, method=method, top=8, phrases=False)
    from_strings = keywords([s.text for s in sec.sentences], method=method, top=8, phrases=False)
    assert [k.term for k in from_section] == [k.term for k in from_sentences] == [k.term for k in from_strings]
    from_text = keywords(reference_doc.text, method=method, top=8)
    assert [k.term for k in from_text] == [k.term for k in keywords(reference_doc, method=method, top=8)]


@pytest.mark.parametrize("method", METHOD_NAMES)
@pytest.mark.parametrize("text", ["", "   ", "\n", "的。", "。！？", "××", "1", "要"])
def test_empty_or_trivial_input(method, text):
    assert keywords(text, method=method) == []


@pytest.mark.parametrize("method", METHOD_NAMES)
def test_short_input(method):
    kws = keywords("深化机构改革。", method=method)
    assert [k.term for k in kws] == ["深化机构改革"]
    assert keywords([], method=method) == []


def test_deterministic(reference_doc):
    for method in METHOD_NAMES:
        a = keywords(reference_doc, method=method)
        b = keywords(pt.load(pt.reference_path()), method=method)
        assert a == b


def test_unknown_method_lists_valid_names():
    with pytest.raises(InvalidParameterError, match="Available names: textrank, tfidf"):
        keywords("深化机构改革。", method="pagerank")
    with pytest.raises(InvalidParameterError, match="Available names"):
        section_keywords(pt.parse("一、甲\n深化机构改革。"), method="yake")


@pytest.mark.parametrize("bad", [{"top": 0}, {"top": 1.5}, {"top": True}, {"window": 1}, {"min_phrase_count": 0},
                                 {"idf": 3}, {"stopwords": "none"}, {"context": "text"}])
def test_bad_options(bad):
    with pytest.raises(InvalidParameterError):
        keywords("深化机构改革。", **bad)


@pytest.mark.parametrize("obj", [None, 3, b"bytes", [1, 2]])
def test_type_errors(obj):
    with pytest.raises(TypeError):
        keywords(obj)
    with pytest.raises(TypeError):
        section_keywords("not a document")


# -- parameter declarations (policytext._validation, issue 14) ------------------------------------------


@pytest.mark.parametrize("bad,name", [({"stopwords": 3}, "stopwords"), ({"min_phrase_count": True}, "min_phrase_count"),
                                      ({"window": 2.0}, "window"), ({"context": pt.reference_path()}, "context"),
                                      ({"idf": b"idf.tsv"}, "idf"), ({"method": 3}, "method")])
def test_bad_options_name_the_parameter(bad, name):
    with pytest.raises(InvalidParameterError, match=f"'{name}' parameter of keywords"):
        keywords("深化机构改革。", **bad)


def test_messages_use_the_package_templates():
    with pytest.raises(InvalidParameterError) as info:
        keywords("深化机构改革。", top=0)
    assert str(info.value) == "The 'top' parameter of keywords must be an int in the range [1, inf). Got 0 instead."
    with pytest.raises(InvalidParameterError) as info:
        keywords("深化机构改革。", stopwords="none")
    assert str(info.value).endswith("got the unknown value 'none'. Available names: default")
    with pytest.raises(InvalidParameterError) as info:
        keywords(None)
    assert "a Document, a Section, a list of sentences (str or Sentence), a path or a str of text" in str(info.value)
    with pytest.raises(InvalidParameterError, match="'X' parameter of keywords"):
        keywords(["深化机构改革。", 3])


def test_numpy_integers_are_integers(reference_doc):
    np = pytest.importorskip("numpy")
    assert keywords(reference_doc, top=np.int64(4), window=np.int32(3)) == keywords(reference_doc, top=4, window=3)


def test_section_keywords_validates_the_options_it_passes_on(reference_doc):
    for bad, name in (({"idf": 3}, "idf"), ({"stopwords": "none"}, "stopwords"), ({"min_phrase_count": 0},
                                                                                   "min_phrase_count")):
        with pytest.raises(InvalidParameterError, match=f"'{name}' parameter of section_keywords"):
            section_keywords(reference_doc, **bad)
    with pytest.raises(InvalidParameterError, match="'doc' parameter of section_keywords"):
        section_keywords(reference_doc.text)
    with pytest.raises(InvalidParameterError, match="'level' parameter of section_keywords"):
        section_keywords(reference_doc, level=0)


def test_section_keywords_reads_a_one_shot_stopword_iterable_once():
    """Every section is ranked with the same stopwords (the iterable used to be spent by the first)."""
    doc = pt.parse("一、甲\n深化机构改革，优化编制资源。\n二、乙\n深化机构改革，加强编制资源管理。")
    a = section_keywords(doc, stopwords=iter(["管理", "加强"]), phrases=False)
    b = section_keywords(doc, stopwords=["管理", "加强"], phrases=False)
    assert a.equals(b) and not {"管理", "加强"} & set(a["term"]) and set(a["section"]) == {"1", "2"}


def test_keyterms_keeps_its_public_names():
    from policytext.analysis import keyterms, phrases
    from policytext.tokens import tags

    for name in ("CANDIDATE_TAGS", "PHRASE_TAGS", "CANDIDATE_EXTRA", "FUNCTION_TAGS"):
        assert getattr(keyterms, name) is getattr(tags, name), name
    for name in keyterms.__all__:
        assert hasattr(keyterms, name), name
    assert keyterms.EXPAND == 0.35 and keyterms.CORE_RATIO == 2.0 and keyterms.REDUNDANCY == 0.5
    assert phrases.MAX_PHRASE == 4


# -- candidates, lexicon, stopwords, IDF ------------------------------------------------------


def test_boilerplate_filtered_by_stopword_table(reference_doc):
    from policytext.tokens.lexicon import load_stopwords

    stop = load_stopwords()
    for method in METHOD_NAMES:
        terms = [k.term for k in keywords(reference_doc, method=method, top=30)]
        assert not [t for t in terms if t in stop]
        # sublinear tf keeps frequent boilerplate out of the very top even without the table: look deeper
        plain = [k.term for k in keywords(reference_doc, method=method, top=60, stopwords=None, phrases=False)]
        assert [t for t in plain if t in stop], "without stopwords boilerplate should appear"


def test_no_fragment_of_lexicon_terms(reference_doc, tokenizer):
    """A keyword is never a piece of a lexicon term the text uses (二十大 out of 党的二十大)."""
    tokens = [t for sent in tokenizer.tokenize_document(reference_doc) for t in sent]
    standalone = {t.norm for t in tokens if not t.is_term}
    term_texts = {t.text for t in tokens if t.is_term}
    for method in METHOD_NAMES:
        for kws in [keywords(reference_doc, method=method, top=30)] + [
            keywords(sec, method=method, top=10, context=reference_doc) for sec in reference_doc.sections
        ]:
            for k in kws:
                inside = [x for x in term_texts if k.term in x and k.term != x]
                assert not inside or k.term in standalone or k.category, (k.term, inside)
            assert not {k.term for k in kws} & {"二十大", "习近平", "时代", "以新", "优的"}


def test_lexicon_terms_regardless_of_pos_and_aliases_merge():
    lex = pt.Lexicon.from_entries([("放管服", "action", ["放管服改革"]), ("数字编办", "bianzhi")])
    tk = pt.Tokenizer(lexicon=lex)
    text = "推进放管服改革。深化放管服。建设数字编办。"
    kws = keywords(text, tokenizer=tk, phrases=False)
    by = {k.term: k for k in kws}
    assert by["放管服"].count == 2 and by["放管服"].category == "action"
    assert by["数字编办"].category == "bianzhi"
    assert "放管服改革" not in by


def test_numbered_formulations_count_as_terms():
    kws = keywords("增强“四个意识”，坚定“四个自信”。做到“两个维护”。", phrases=False)
    cats = {k.term: k.category for k in kws}
    assert cats.get("四个意识") == "numbered" and cats.get("两个维护") == "numbered"


def test_custom_stopwords_and_idf_arguments(tmp_path):
    text = "人才是第一资源。人才工作要加强。科技是第一生产力。"
    base = [k.term for k in keywords(text, phrases=False)]
    assert "人才" in base
    assert "人才" not in [k.term for k in keywords(text, phrases=False, stopwords=["人才"])]
    # a dict IDF: a huge IDF for 生产力 puts it first; unknown words get the median
    first = keywords(text, phrases=False, idf={"生产力": 50.0, "人才": 0.1, "资源": 1.0})[0]
    assert first.term == "生产力"
    path = tmp_path / "idf.txt"
    path.write_text("# comment\n生产力 50\n人才 0.1\n资源 1\n", encoding="utf-8")
    assert keywords(text, phrases=False, idf=path)[0].term == "生产力"
    assert load_idf(path) == {"生产力": 50.0, "人才": 0.1, "资源": 1.0}
    with pytest.raises(InputError):
        keywords(text, idf=tmp_path / "missing.tsv")
    bad = tmp_path / "bad.tsv"
    bad.write_text("甲\tx\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 1"):
        load_idf(bad)


# -- phrases and diversity ---------------------------------------------------------------------


def test_diversity_drops_near_duplicates(reference_doc):
    def nested(terms):
        return [(a, b) for a in terms for b in terms if a != b and a in b]

    for method in METHOD_NAMES:
        kws = [k.term for k in keywords(reference_doc, method=method, top=10)]
        assert nested(kws) == []
        loose = [k.term for k in keywords(reference_doc, method=method, top=30, diversity=False)]
        assert nested(loose), "the option should matter on this document"


def test_diversity_prefers_the_more_specific_term():
    text = ("人类面临共同挑战。人类发展进步。推动构建人类命运共同体。人类命运共同体理念深入人心。"
            "人类文明交流互鉴。")
    idf = {"人类": 6.0, "人类命运共同体": 1.0}  # 人类 ranks first; the compound scores about half as much
    plain = keywords(text, phrases=False, top=5, diversity=False, idf=idf)
    assert plain[0].term == "人类" and "人类命运共同体" in [k.term for k in plain]
    by_div = keywords(text, phrases=False, top=5, idf=idf)
    assert by_div[0].term == "人类命运共同体" and by_div[0].score == 1.0
    assert "人类" not in [k.term for k in by_div]
    # a compound far below the term does not replace it
    far = keywords(text, phrases=False, top=5, idf={"人类": 60.0, "人类命运共同体": 0.01})
    assert far[0].term == "人类" and "人类命运共同体" not in [k.term for k in far]


def test_diversity_keeps_a_frequent_term_before_a_rare_elaboration():
    """Audit finding: 国家安全 (18 mentions) became 国家安全领导体制 (2) and 中华民族伟大复兴 (13)
    vanished behind 中华民族伟大复兴战略全局 (1)."""
    idf = {"全面从严治党": 1.0, "全面从严治党体系": 9.0}
    text = "坚持全面从严治党。" * 5 + "健全全面从严治党体系。"
    # five times as frequent as the elaboration: stays itself
    assert [k.term for k in keywords(text, top=5, idf=idf)][:1] == ["全面从严治党"]
    # an elaboration with a quarter of the mentions or more still stands for the term
    text4 = "坚持全面从严治党。" * 4 + "健全全面从严治党体系。"
    assert [k.term for k in keywords(text4, top=5, idf=idf)][:1] == ["全面从严治党体系"]


def test_diversity_keeps_the_core_beside_its_elaboration_never_three():
    idf = {"中华民族伟大复兴": 1.0, "中华民族伟大复兴战略全局": 60.0, "以中国式现代化全面推进中华民族伟大复兴": 50.0}
    rare = "统筹中华民族伟大复兴战略全局。"
    # the core (3) is not twice as frequent as the elaboration taken first (2): skipped
    terms = [k.term for k in keywords(rare * 2 + "实现中华民族伟大复兴。" * 3, top=10, idf=idf)]
    assert "中华民族伟大复兴战略全局" in terms and "中华民族伟大复兴" not in terms
    # the core (4) beside the elaborations (1 each) that contain it
    third = "以中国式现代化全面推进中华民族伟大复兴。"
    terms = [k.term for k in keywords(rare + "实现中华民族伟大复兴。" * 4 + third, top=10, idf=idf)]
    assert terms[:3] == ["中华民族伟大复兴战略全局", "以中国式现代化全面推进中华民族伟大复兴", "中华民族伟大复兴"]


def test_diversity_never_keeps_a_chain_of_three():
    idf = {"机构编制资源": 60.0, "编制资源": 20.0, "资源": 1.0}
    text = "盘活机构编制资源。" + "统筹编制资源。" * 2 + "整合资源。" * 8
    terms = [k.term for k in keywords(text, top=10, idf=idf, phrases=False)]
    assert terms[:2] == ["机构编制资源", "编制资源"] and "资源" not in terms


def test_document_keywords_keep_the_core_terms(shared_docs):
    doc = shared_docs["congress_20_report"]
    top = {k.term: k.count for k in keywords(doc, top=20)}
    assert {"国家安全", "中华民族伟大复兴", "中国特色社会主义"} <= set(top)
    assert "国家安全领导体制" not in top and "中华民族伟大复兴战略全局" not in top


def test_context_preparation_cached_on_document(shared_docs):
    doc = shared_docs["congress_20_report"]
    for method in METHOD_NAMES:
        df = section_keywords(doc, method=method, top=5)
        keys = [k for k in doc._cache if isinstance(k, tuple) and k[:1] == ("keyterms.context",)]
        assert len(keys) == 1
        for sec in doc.sections[:3]:  # one call per section gives the same table, from the cache
            got = [k.term for k in keywords(sec, method=method, top=5, context=doc)]
            assert got == df[df["section"] == sec.id]["term"].tolist()
        assert [k for k in doc._cache if isinstance(k, tuple) and k[:1] == ("keyterms.context",)] == keys
    # other options get their own entry; a one-shot iterable of stopwords is read once
    sec = doc.sections[3]
    a = keywords(sec, context=doc, stopwords=iter(["人民", "国家"]), top=5)
    b = keywords(sec, context=doc, stopwords=["人民", "国家"], top=5)
    assert a == b and not {"人民", "国家"} & {k.term for k in a}
    assert len([k for k in doc._cache if isinstance(k, tuple) and k[:1] == ("keyterms.context",)]) == 2


# -- section_keywords ----------------------------------------------------------------------------


@pytest.mark.parametrize("method", METHOD_NAMES)
def test_section_keywords_frame(reference_doc, method):
    df = section_keywords(reference_doc, method=method, top=4)
    assert list(df.columns) == ["section", "heading", "rank", "term", "score", "count", "category"]
    assert df["section"].unique().tolist() == [s.id for s in reference_doc.sections]
    for sid, g in df.groupby("section"):
        assert g["rank"].tolist() == list(range(1, len(g) + 1)) and len(g) <= 4
        assert g["score"].iloc[0] == pytest.approx(1.0)
        assert g["score"].is_monotonic_decreasing
        assert g["heading"].iloc[0] == reference_doc.section(sid).heading


def test_section_keywords_levels_and_empty():
    doc = pt.parse("一、总体\n（一）甲\n深化机构改革。\n（二）乙\n优化编制资源。\n二、其他\n加强干部队伍建设。")
    df2 = section_keywords(doc, level=2)
    assert df2["section"].unique().tolist() == ["1.1", "1.2"]
    assert section_keywords(doc, level=3).empty
    assert section_keywords(pt.parse("没有章节的正文。"), top=3).empty


def test_section_contrast_option(shared_docs):
    doc = shared_docs["congress_20_report"]
    on = section_keywords(doc, top=10, contrast=True)
    off = section_keywords(doc, top=10)
    assert not on.equals(off)


def test_headings_are_read_where_they_stand():
    text = ("一、总体要求\n（一）深化机构改革\n要统筹推进。\n（二）优化编制资源配置\n要盘活存量。\n"
            "二、组织保障\n加强干部队伍建设。")
    doc = pt.parse(text)
    sec = doc.sections[0]
    with_h = {k.term for k in keywords(sec, context=doc, top=50)}
    body_only = {k.term for k in keywords(sec, context=doc, top=50, headings=False)}
    # the subsection headings are part of section 一's text, its own heading (总体要求) is not
    assert with_h == body_only | {"深化机构改革", "编制资源配置"}
    assert body_only == {"盘活", "存量"}
    # a Document reads every section heading (组织保障 -> 组织); headings=False reads body sentences only
    assert {k.term for k in keywords(doc, top=50)} == {k.term for k in keywords(doc, top=50, headings=False)} | {
        "深化机构改革", "编制资源配置", "组织"}
    # section_keywords passes the option on
    df = section_keywords(doc, top=50, headings=False)
    assert not set(df["term"]) & {"深化机构改革", "编制资源配置", "优化编制资源配置"}


def test_headings_do_not_shift_section_contrast(shared_docs):
    doc = shared_docs["congress_19_report"]
    on = section_keywords(doc, top=10, contrast=True)
    off_h = section_keywords(doc, top=10, contrast=True, headings=False)
    assert set(on["section"]) == set(off_h["section"]) == {s.id for s in doc.sections}
    # section contrast counts body sentences by their section: reading headings must not shift it
    # (with phrases off, so that both settings count the same units)
    for headings in (True, False):
        section_keywords(doc, top=10, contrast=True, headings=headings, phrases=False)
    maps = {k[-1]: v[("contrast", 1)] for k, v in doc._cache.items()
            if isinstance(k, tuple) and k[:1] == ("keyterms.context",) and not k[3] and ("contrast", 1) in v}
    assert set(maps) == {True, False} and maps[True] == maps[False] and len(maps[True]) > 100


def test_section_keywords_rejects_unknown_options(reference_doc):
    with pytest.raises(TypeError, match="topp"):
        section_keywords(reference_doc, topp=3)
    with pytest.raises(TypeError, match="context"):
        section_keywords(reference_doc, context=reference_doc)
    with pytest.raises(InvalidParameterError, match="window"):
        section_keywords(reference_doc, window=1)


# -- property test --------------------------------------------------------------------------------

_CHARS = st.sampled_from(list("机构编制资源配置改革发展党的二十大精神坚持推进要。，、；！？“”（）一二三四 \n××0123abc"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(_CHARS, max_size=80) | st.text(max_size=40), top=st.integers(1, 12),
       method=st.sampled_from(METHOD_NAMES))
def test_property_arbitrary_text(text, top, method):
    from policytext.text.io import looks_like_path

    if looks_like_path(text):  # read as a path (tests/test_path_arguments.py)
        with pytest.raises(InputError):
            keywords(text, method=method, top=top)
        return
    kws = keywords(text, method=method, top=top)
    assert len(kws) <= top
    scores = [k.score for k in kws]
    assert all(a >= b for a, b in zip(scores, scores[1:]))
    assert all(0 < s <= 1 for s in scores)


# -- CLI, script, example ---------------------------------------------------------------------------


def _cli(argv):
    parser = argparse.ArgumentParser(prog="policytext")
    keywords_cli.add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    return args.func(args)


def test_cli_formats(capsys):
    path = str(pt.reference_path())
    assert _cli(["keywords", path, "--top", "3", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 3 and set(rows[0]) == {"rank", "term", "written", "score", "count", "category"}
    assert _cli(["keywords", path, "--by-section", "--top", "2", "--format", "csv", "--method", "textrank"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "section,heading,rank,term,score,count,category" and len(out) == 11
    assert _cli(["keywords", path, "--top", "2"]) == 0
    assert "term" in capsys.readouterr().out
    doc = pt.load(path)
    for flag, headings in (([], True), (["--body-only"], False)):
        assert _cli(["keywords", path, "--top", "8", "--format", "json", *flag]) == 0
        got = [r["term"] for r in json.loads(capsys.readouterr().out)]
        assert got == [k.term for k in keywords(doc, top=8, headings=headings)]
    with pytest.raises(InvalidParameterError, match="'top' parameter of policytext keywords"):
        _cli(["keywords", path, "--top", "0"])
    with pytest.raises(SystemExit):
        _cli(["keywords", path, "--method", "yake"])



@pytest.mark.slow
def test_example_runs():
    script = REPO / "examples" / "keywords_by_section.py"
    proc = subprocess.run([sys.executable, str(script), "--top", "3"], capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[1].startswith("tfidf") and lines[2].startswith("textrank")
    assert sum(1 for ln in lines if ln[:2] in {"1.", "2.", "3.", "4.", "5."}) == 5


# -- acceptance: heading recall@10 vs jieba ---------------------------------------------------------

HEADING_DOCS = ["congress_20_report", "congress_19_report", "plenum_20_3_decision",
                "plenum_20_4_decision_fyp15_proposal", "reference_bianban_2022"]
EXCLUDED = set("要 着力 坚持 推进 推动 加强 全面 进一步 不断 持续 深入 加快 完善 健全 构建 实施 提高 提升 促进 实现 开展 "
               "做好 认真 切实".split())


@pytest.fixture(scope="module")
def jieba_private():
    """Private jieba instances (never jieba's globals), as the harness makes them
    (``benchmarks/eval_keywords.py``: ``jieba_private``)."""
    pytest.importorskip("jieba")
    return _eval_module().jieba_private()


def _recall(heading_words, kws):
    kws = [k for k in kws if len(k) >= 2]
    return sum(1 for w in heading_words if any(k in w or w in k for k in kws))


def _doc_score(doc, heading_words, extract):
    """Macro average over top-level sections of recalled / heading words."""
    vals = []
    for sec in doc.sections:
        words = heading_words(sec.heading)
        if words:
            vals.append(_recall(words, extract(sec)) / len(words))
    return statistics.mean(vals)


@pytest.fixture(scope="module")
def heading_recall(shared_docs, jieba_private):
    jt, jtf, jtr = jieba_private

    def heading_words(h):
        return sorted({w for w in jt.lcut(h) if len(w) >= 2 and w not in EXCLUDED})

    def body(doc, sec):
        """The issue's rule: the section's text with its own heading excluded (subsection headings are
        part of its body). On the shared corpora this reproduces the jieba figures the issue measured
        (0.42, 0.43, 0.42, 0.32, 0.34); section_keywords reads the same text (headings=True)."""
        return doc.text[sec.heading_span[1]:sec.end]

    table = {}
    for name in HEADING_DOCS:
        doc = shared_docs.get(name) if name != "reference_bianban_2022" else pt.load(pt.reference_path())
        if doc is None:
            pytest.skip(f"{name} not in the shared corpora")
        for sec in doc.sections:  # the rule: heading text never leaks into the body
            assert sec.heading not in body(doc, sec)
        row = {}
        for method in METHOD_NAMES:
            df = section_keywords(doc, method=method, top=10)
            by = {sid: g["term"].tolist() for sid, g in df.groupby("section")}
            row[method] = _doc_score(doc, heading_words, lambda s, by=by: by.get(s.id, []))
        row["jieba_tfidf"] = _doc_score(doc, heading_words, lambda s, d=doc: jtf.extract_tags(body(d, s), topK=10))
        row["jieba_textrank"] = _doc_score(doc, heading_words, lambda s, d=doc: jtr.textrank(body(d, s), topK=10))
        table[name] = row
    print("\nheading recall@10 (macro average over top-level sections)")
    print(f"{'document':38s} {'tfidf':>7s} {'textrank':>8s} {'jb_tfidf':>8s} {'jb_tr':>7s} {'best/jb':>7s}")
    for name, r in table.items():
        best = max(r[m] for m in METHOD_NAMES)
        jb = max(r["jieba_tfidf"], r["jieba_textrank"])
        print(f"{name:38s} {r['tfidf']:7.3f} {r['textrank']:8.3f} {r['jieba_tfidf']:8.3f} {r['jieba_textrank']:7.3f} "
              f"{best / jb:7.2f}")
    return table


def _ratios(table):
    best_method = max(METHOD_NAMES, key=lambda m: statistics.mean(r[m] for r in table.values()))
    jb = {n: max(r["jieba_tfidf"], r["jieba_textrank"]) for n, r in table.items()}
    per_doc = {n: r[best_method] / jb[n] for n, r in table.items()}
    mean_ratio = statistics.mean(r[best_method] for r in table.values()) / statistics.mean(jb.values())
    print(f"best method {best_method}: mean ratio {mean_ratio:.2f}, per document "
          + ", ".join(f"{v:.2f}" for v in per_doc.values()))
    return mean_ratio, per_doc


#: Plain jieba's heading recall@10 as the issue measured it (better of TF-IDF and TextRank), except
#: plenum_20_3_decision: since issue 15 its closing paragraph belongs to the document (``doc.closing``), not to
#: its last section, and jieba's figure there is 0.40 (0.42 when the issue measured it).
ISSUE_JIEBA = {"congress_20_report": 0.42, "congress_19_report": 0.43, "plenum_20_3_decision": 0.40,
               "plenum_20_4_decision_fyp15_proposal": 0.32, "reference_bianban_2022": 0.34}


@pytest.mark.slow
def test_heading_recall_baseline_is_the_issues(heading_recall):
    """The test applies the issue's rule: its jieba baseline reproduces the issue's figures."""
    got = {n: round(max(r["jieba_tfidf"], r["jieba_textrank"]), 2) for n, r in heading_recall.items()}
    assert got == ISSUE_JIEBA


@pytest.mark.slow
def test_heading_recall_beats_jieba(heading_recall):
    """Guard of what is achieved (see the xfail test below for the issue's target)."""
    mean_ratio, per_doc = _ratios(heading_recall)
    assert mean_ratio >= 1.40
    assert min(per_doc.values()) >= 1.10
    for r in heading_recall.values():
        assert r["textrank"] > r["jieba_textrank"]


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason="issue 4 target (1.5x mean, 1.25x each) not reached: 1.44x mean (tfidf), 1.12x on congress_19_report (see the closing note)")
def test_heading_recall_issue_target(heading_recall):
    mean_ratio, per_doc = _ratios(heading_recall)
    assert mean_ratio >= 1.5 and min(per_doc.values()) >= 1.25


# -- issue 16: body emphasis, the preamble, the evaluation harness ---------------------------------


FORMULAE = ("完整、准确、全面贯彻新发展理念", "不忘初心、牢记使命", "以中国式现代化全面推进中华民族伟大复兴")


def _grain_opinion() -> pt.Document:
    """A 意见 whose preamble quotes three formulae once; its two sections use 粮食 ten times."""
    return pt.parse("关于做好粮食工作的意见\n坚持完整、准确、全面贯彻新发展理念，不忘初心、牢记使命，"
                    "以中国式现代化全面推进中华民族伟大复兴。\n"
                    "一、稳定生产\n要把粮食生产抓紧抓好。各地要重视粮食。粮食是民生之本。守住粮食底线。粮食连年丰收。\n"
                    "二、保障供给\n粮食要稳产。储备粮食。节约粮食。发展粮食产业。粮食价格稳定。\n")


def test_body_emphasis_beats_preamble_formulae():
    """Issue 16: a formula used once in the opening does not outrank a body term used ten times (the default
    ranker; 粮食 is counted alone where no phrase such as 粮食产业 takes it)."""
    doc = _grain_opinion()
    assert len(doc.sections) == 2
    kws = keywords(doc, top=8)
    terms = [k.term for k in kws]
    assert terms[0] == "粮食" and kws[0].count >= 8
    assert all(f not in terms or terms.index(f) > 0 for f in FORMULAE)


def test_the_preamble_has_no_position_prior():
    """Sections open with their thesis; the preamble before the first section is framing."""
    from policytext.analysis.keyterms import _section_places

    assert _section_places([0, 4, 9, 12, 30], [9, 30]) == [-1, -1, 0, 1, 0]
    assert _section_places([0, 4, 9], []) == [0, 1, 2]  # no sections: read from the first sentence
    doc = pt.parse("前言。推进改革。\n一、甲\n推进改革，完善制度。\n二、乙\n加强管理，完善制度。\n")
    text_only = pt.parse("前言。推进改革。推进改革，完善制度。加强管理，完善制度。")
    # the same words; with sections, the opening of every section counts, not the document's first sentence
    a = {k.term: k.score for k in keywords(doc, top=10, phrases=False)}
    b = {k.term: k.score for k in keywords(text_only, top=10, phrases=False)}
    assert a["完善制度" if "完善制度" in a else "制度"] >= b["完善制度" if "完善制度" in b else "制度"]


def test_salience_multiplies_count_and_position():
    """(1 + ln count) x (1 + 2 / (1 + i)): ten uses from the second sentence beat one use in the first."""
    sents = ["推进改革。"] + ["粮食丰收。"] * 10
    kws = keywords(sents, phrases=False, idf={"改革": 5.0, "粮食": 5.0, "丰收": 0.01, "推进": 0.01})
    assert kws[0].term == "粮食" and kws[0].count == 10


def _eval_module():
    from conftest import benchmark_module

    return benchmark_module("eval_keywords")


def test_eval_harness_rule():
    """Issue 16's rule: a keyword names a heading word when it contains it, or is inside it and at most one
    character shorter (fragments such as 重大 for 重大意义 no longer count)."""
    ev = _eval_module()
    assert ev.EXCLUDED == EXCLUDED  # the same exclusion list as issue 4's fixture
    assert ev.recalls("重大意义", "重大意义的")
    assert ev.recalls("重大意义", "重大意") and not ev.recalls("重大意义", "重大")
    assert ev.recalls("意义", "重大意义") and not ev.recalls("意义", "意")
    assert ev.recall(["改革", "编制"], ["深化改革", "资源"]) == 0.5 and ev.recall([], ["改革"]) == 0.0
    assert ev.heading_words(lambda h: ["坚持", "深化", "改革", "的", "深化"], "x") == ["改革", "深化"]
    doc = pt.parse("一、深化机构改革\n要深化机构改革。\n二、推进\n加强管理。\n三、优化编制资源\n优化编制资源配置。\n")
    words = {"深化机构改革": ["机构", "改革"], "推进": [], "优化编制资源": ["编制", "资源"]}
    score = ev.doc_score(doc, lambda h: words[h], lambda d, s: ["机构改革"] if s.id == "1" else ["编制资源配置"])
    assert score == pytest.approx(1.0)  # macro average over the two sections with heading words
    assert ev.body_text(doc, doc.sections[0]) == doc.text[doc.sections[0].heading_span[1]:doc.sections[0].end]


@pytest.mark.slow
def test_eval_harness_runs_on_a_small_subset():
    """The harness runs end to end on four headed documents (two of each half) and prints its figures."""
    headed = REPO.parent / "shared" / "headed"
    if not (headed / "README.md").is_file():
        pytest.skip(f"../shared/headed not found at {headed}")
    proc = subprocess.run([sys.executable, str(REPO / "benchmarks" / "eval_keywords.py"), "--docs", "2", "--set",
                           "headed", "--half", "tune", "all"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "headed/tune: policytext_tfidf vs jieba_" in out and "headed/all" in out
    assert out.count("not worse on:") == 4 and "(95% bootstrap over documents)" in out
    assert "IDF alone: policytext_tfidf with idf=background" in out


# -- issue 16 (round 2): personal names the dictionary lacks ------------------------------------------

def test_a_person_the_dictionary_lacks_is_one_keyword():
    """jieba (HMM off) cuts 詹文锴 into 詹|文|锴, single characters that are never candidates; joined, the name a
    section is about is a keyword, counted once per mention."""
    text = "詹文锴同志扎根刑侦一线。詹文锴带队侦破多起命案。群众称赞詹文锴是好警察。"
    kws = {k.term: k.count for k in keywords(text, top=10)}
    assert kws.get("詹文锴") == 3
    assert not any(t in kws for t in ("詹", "文锴", "詹文"))


def test_name_joining_leaves_other_single_characters_alone():
    from policytext.analysis._keyterm_input import join_names
    from policytext.tokens.tokenizer import default_tokenizer

    tk = default_tokenizer()
    for text in ("在此基础上，对各部门进行考核。", "他在会上讲话。", "党的二十大"):
        assert join_names(tk.tokenize(text)) == tk.tokenize(text)
    joined = join_names(tk.tokenize("詹文锴说"))
    assert [(t.text, t.pos) for t in joined][0] == ("詹文锴", "nr")


_NAME_CHARS = st.sampled_from(list("詹文锴陈斌王芳李小明在此基础上的了和说，。、 \n机构编制改革0a"))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(_NAME_CHARS, max_size=60))
def test_property_name_joining_keeps_text_and_spans(text):
    """Joining names never loses, duplicates or moves text: the tokens still tile the input and every token's
    span holds its text; only runs of single characters are joined, into 2–3 character names."""
    from policytext.analysis._keyterm_input import join_names
    from policytext.tokens.tokenizer import default_tokenizer

    before = default_tokenizer().tokenize(text)
    after = join_names(before)
    assert "".join(t.text for t in after) == "".join(t.text for t in before)
    assert all(text[t.start:t.end] == t.text for t in after)
    assert all(a.end <= b.start for a, b in zip(after, after[1:]))
    new = [t for t in after if t not in before]
    assert all(t.pos == "nr" and 2 <= len(t.text) <= 3 for t in new)


def test_a_word_the_hmm_guesses_once_is_not_a_name():
    """A name must be found at least twice (join_names_in's min_count): 释纂 in 统筹立改废释纂 stays apart, and a
    name used once in a text does not become a candidate, while the same name used twice does."""
    from policytext.analysis._keyterm_input import join_names_in
    from policytext.tokens.tokenizer import default_tokenizer

    tk = default_tokenizer()
    once = [tk.tokenize("统筹立改废释纂，加强立法。")]
    assert join_names_in(once) == once
    assert "詹文锴" not in {k.term for k in keywords("詹文锴同志扎根刑侦一线。", top=10)}
    twice = [tk.tokenize("詹文锴同志扎根刑侦一线。"), tk.tokenize("群众称赞詹文锴。")]
    assert [t.text for t in join_names_in(twice)[1]] == ["群众", "称赞", "詹文锴", "。"]
    assert join_names_in(twice, min_count=3) == twice
