"""What a study outline and a comparison show (session 8, task F4; user audit U8 items 5 and 12).

* every label of a study (keywords, the word cloud, the graph's labels, the formulation table) is the
  form the document wrote most, down to its punctuation (完整准确全面贯彻新发展理念, not the lexicon's
  完整、准确、全面贯彻新发展理念);
* a comparison report leaves out the key-term and section-map parts that have no rows;
* ``pt.write(summary, folder)`` names the files after the document's file, as ``policytext study`` does;
* a section named by a Word heading style (no number) is cited by its heading, never as 第部分.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from conftest import shared_path
from hypothesis import given, settings
from hypothesis import strategies as st

import policytext as pt
from policytext.analysis.keyterms import Keyword
from policytext.render import compare_report
from policytext.render._study_docx import keyword_label
from policytext.render._study_parts import _formulation_cells
from policytext.render.study_report import _cloud_forms, _drawn_graph, default_stem, to_docx, to_html, to_markdown
from policytext.render.wordcloud import same_words, written_form

FULL = "完整、准确、全面贯彻新发展理念"  # the lexicon's canonical term
BARE = "完整准确全面贯彻新发展理念"  # as the 20-4 communiqué writes it (twice)


def _bare_text() -> str:
    """A two-section text that writes the term only without its enumeration commas (three times)."""
    return ("一、指导思想\n"
            f"要{BARE}，加快构建新发展格局，推动高质量发展。必须{BARE}，统筹发展和安全。"
            "要推动高质量发展，加快构建新发展格局。\n"
            "二、工作要求\n"
            f"各级党组织要{BARE}，推动高质量发展。要统筹发展和安全，加快构建新发展格局。")


# -- item 1: the document's own wording ------------------------------------------------------


def test_a_form_apart_only_in_punctuation_is_shown_as_written():
    k = Keyword(FULL, 1.0, 2, "action", ((BARE, 2),))
    assert written_form(k) == BARE and keyword_label(k) == BARE  # no bracket: the same words
    k = Keyword("《区域全面经济伙伴关系协定》", 1.0, 2, "document", (("区域全面经济伙伴关系协定", 2),))
    assert keyword_label(k) == "区域全面经济伙伴关系协定"
    # other words keep the canonical term in brackets
    k = Keyword("习近平强军思想", 1.0, 2, "theory", (("新时代党的强军思想", 2),))
    assert keyword_label(k) == "新时代党的强军思想（习近平强军思想）"
    assert written_form(Keyword("改革", 1.0, 1)) == "改革"  # no forms: the term


@settings(max_examples=60, deadline=None)
@given(forms=st.lists(st.tuples(st.sampled_from([FULL, BARE, "“完整准确全面”贯彻新发展理念", "新发展理念"]),
                                st.integers(1, 5)), min_size=1, max_size=4, unique_by=lambda x: x[0]))
def test_the_label_starts_with_the_most_used_form(forms):
    k = Keyword(FULL, 1.0, sum(c for _, c in forms), "action", tuple(forms))
    label = keyword_label(k)
    assert written_form(k) == forms[0][0] and label.startswith(forms[0][0])
    assert (label == forms[0][0]) == (forms[0][0] == FULL or same_words(forms[0][0], FULL))


def test_study_of_a_text_shows_its_wording_in_every_part():
    s = pt.summarize(_bare_text())
    k = next(k for k in s.keywords if k.term == FULL)
    assert k.surface == BARE
    md, page = to_markdown(s), to_html(s)
    assert FULL not in md and FULL not in page and BARE in md.split("全文关键词")[1]
    paragraphs = "\n".join(p.text for p in to_docx(s).paragraphs)
    assert FULL not in paragraphs and BARE in paragraphs
    cloud = _cloud_forms(s.cloud, s.keywords)
    assert BARE in cloud and FULL not in cloud and cloud[BARE] == s.cloud[FULL]
    assert s.graph is not None and s.graph.nodes[FULL]["surface"] == BARE
    drawn = _drawn_graph(s.graph)
    assert BARE in drawn and FULL not in drawn and drawn.number_of_edges() == s.graph.number_of_edges()
    assert list(s.graph) == [n if n != BARE else FULL for n in drawn]  # same nodes, same order


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from([FULL, BARE]), min_size=1, max_size=6))
def test_a_formulation_is_shown_as_written_most(uses):
    text = "".join(f"要{u}，推动发展。" for u in uses)
    s = pt.summarize(text, pictures=False)
    f = next(f for f in s.formulations if f.term == FULL)
    counts = Counter(uses)
    best = max(counts.values())
    assert f.surface == next(u for u in uses if counts[u] == best) and dict(f.forms) == dict(counts)
    row = next(r for r in _formulation_cells(s) if r[0] in (FULL, BARE))
    assert row[0] == f.surface and row[2] == str(len(uses))


def _shown_labels(s) -> list[str]:
    """Every term label a study shows: keywords (whole document and sections), cloud, graph, formulations."""
    strip = re.compile(r"（[^（）]*）$")  # a keyword label's bracket names the canonical term
    labels = [strip.sub("", keyword_label(k)) for k in s.keywords]
    labels += [strip.sub("", keyword_label(k)) for sec in s.sections for k in sec.keywords]
    labels += list(_cloud_forms(s.cloud, s.keywords))
    labels += [str(n) for n in _drawn_graph(s.graph)] if s.graph is not None else []
    return labels + [row[0] for row in _formulation_cells(s)]


@pytest.mark.parametrize("name", ["plenum_20_4_communique.txt", "gwr_2022.txt", "reference"])
def test_every_label_of_a_study_is_written_in_the_document(name):
    path = pt.reference_path() if name == "reference" else shared_path(name)
    doc = pt.load(path)
    s = pt.summarize(doc)
    labels = _shown_labels(s)
    assert len(labels) > 60
    assert [x for x in labels if x not in doc.text] == []
    if name.startswith("plenum_20_4"):
        assert BARE in labels and FULL not in labels
        assert FULL not in to_markdown(s) and BARE in to_markdown(s).split("全文关键词")[1]


# -- item 3: compare reports without empty parts ----------------------------------------------------


def test_compare_report_leaves_out_the_empty_section_map():
    cmp = pt.compare("全会要求，要推进改革。全会强调，要发展新质生产力。", "全会要求，要推进改革开放。要扩大内需。")
    assert cmp.sections.empty
    md, page = compare_report.to_markdown(cmp), compare_report.to_html(cmp)
    assert "章节对应" not in md and "章节对应" not in page
    assert re.findall(r"^## (.+)$", md, flags=re.M)[-2:] == ["b 的特征词（G² > 0）", "a 的特征词（G² < 0）"]
    import docx  # noqa: F401 - python-docx is a dependency

    paragraphs = [p.text for p in compare_report._docx_document(cmp, 20).paragraphs]
    assert "章节对应（b → a）" not in paragraphs and not paragraphs[-1].startswith("（无）")


def test_compare_report_keeps_the_counted_parts_when_they_are_empty():
    md = compare_report.to_markdown(pt.compare("要推进改革。", "要推进改革。"))
    heads = re.findall(r"^## (.+)$", md, flags=re.M)
    assert heads == ["b 中新出现的提法（0）", "a 中有、b 中不再出现的提法（0）", "人名（b 中新出现 0 人，不再出现 0 人）"]
    assert md.count("（无）") == 3 and not md.rstrip().endswith("章节对应（b → a）\n\n（无）")


def test_compare_report_keeps_a_section_map_that_has_rows():
    a = "一、改革\n要推进改革。\n二、发展\n要推动高质量发展。"
    b = "一、发展\n要推动高质量发展。\n二、改革\n要全面深化改革。"
    md = compare_report.to_markdown(pt.compare(a, b))
    assert "## 章节对应（b → a）" in md and md.rstrip().splitlines()[-1].startswith("| 2 |")


@pytest.mark.parametrize("pair", [("plenum_20_2_communique", "plenum_20_3_communique"),
                                  ("plenum_20_3_communique", "plenum_20_4_communique"),
                                  ("plenum_19_6_communique", "plenum_19_7_communique"),
                                  ("congress_19_report", "congress_20_report")])
def test_reports_of_real_pairs_end_in_a_table(pair):
    a, b = (shared_path(f"{n}.txt") for n in pair)
    md = compare_report.to_markdown(pt.compare(a, b))
    assert not md.rstrip().endswith("（无）")
    assert ("## 章节对应（b → a）" in md) == pair[0].startswith("congress")


# -- item 4: the API names the study files after the document's file --------------------------------


def test_write_names_the_files_after_the_documents_file(tmp_path):
    src = tmp_path / "通知.txt"
    src.write_text("一、学习\n要坚持学习。\n二、落实\n要推进机构编制法定化。", encoding="utf-8")
    s = pt.summarize(pt.load(src), pictures=False)
    assert s.source == str(src) and default_stem(s) == "通知"
    paths = pt.write(s, tmp_path / "out", pictures=False)
    assert sorted(p.name for p in paths.values()) == ["通知.docx", "通知.html", "通知.md"]
    assert sorted(p.name for p in s.write(tmp_path / "again", formats=["md"]).values()) == ["通知.md"]
    # an explicit name wins: stem=, or a file name
    assert pt.write(s, tmp_path / "named", stem="提纲", pictures=False)["md"].name == "提纲.md"
    assert pt.write(s, tmp_path / "学习提纲.html").name == "学习提纲.html"


def test_write_keeps_study_for_a_text_and_a_source_that_is_not_a_file(tmp_path):
    s = pt.summarize("一、学习\n要坚持学习。", pictures=False)
    assert s.source is None and pt.write(s, tmp_path / "a", pictures=False)["md"].name == "study.md"
    doc = pt.parse("一、学习\n要坚持学习。", metadata={"source": "人民网"})
    assert pt.summarize(doc, pictures=False).source is None


def test_a_corpus_document_is_named_after_its_file_not_its_source_column(tmp_path):
    (tmp_path / "甲.txt").write_text("一、学习\n要坚持学习。", encoding="utf-8")
    (tmp_path / "metadata.tsv").write_text("file\tsource\n甲.txt\tgithub:x/y 甲.txt @abc\n", encoding="utf-8")
    doc = next(iter(pt.Corpus.from_folder(tmp_path)))
    s = pt.summarize(doc, pictures=False)
    assert default_stem(s) == "甲" and pt.write(s, tmp_path / "out", pictures=False)["md"].name == "甲.md"


# -- item 5: sections named by a Word heading style ------------------------------------------------------


def _styled_docx(path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_heading("关于加强学习的通知", level=0)
    d.add_paragraph("各支部：为深入学习贯彻党的二十大精神，现就有关事项通知如下。")
    d.add_heading("学习内容", level=1)
    d.add_paragraph("要深入学习党的二十大报告。要坚持读原著学原文。")
    d.add_heading("学习要求", level=1)
    d.add_paragraph("各支部要高度重视，认真组织。要把学习同工作结合起来。")
    d.save(str(path))
    return path


def test_sections_of_heading_styles_are_cited_by_their_headings(tmp_path):
    doc = pt.load(_styled_docx(tmp_path / "styles.docx"))
    assert [(s.marker, s.label) for s in doc.sections] == [("style", ""), ("style", "")]
    s = pt.summarize(doc, pictures=False)
    where = [k.location for sec in s.sections for k in (*sec.key_sentences, *sec.tasks)]
    assert where and all(w.split("，")[0] in ("学习内容", "学习要求") for w in where)
    md = to_markdown(s)
    assert "第部分" not in md and "（学习要求，第1句）" in md
    assert pt.write(s, tmp_path / "out", pictures=False)["md"].name == "styles.md"


def test_numbered_sections_and_articles_are_cited_as_before():
    s = pt.summarize("一、学习\n要坚持学习。\n二、落实\n要推进机构编制法定化。", pictures=False)
    assert [k.location for sec in s.sections for k in sec.key_sentences] == ["第一部分，第1句", "第二部分，第1句"]
    s = pt.summarize("第一条 为了规范管理，制定本办法。\n第二条 本办法适用于全市各部门。", pictures=False)
    assert "（第一条，第1句）" in to_markdown(s)
