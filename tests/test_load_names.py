"""A file name given as a str (audit U7): ``pt.load("报告.txt")`` with no such file is an error, not a
document whose text is the name; real one-line texts are still text."""

from __future__ import annotations

import os
import re
import warnings

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import policytext as pt
from policytext.errors import DocumentNotFoundError, UnsupportedFormatError
from policytext.text.io import looks_like_path
from policytext.text.loading import as_document

#: The suffixes of the audit's expectation, written out here (not taken from the implementation).
SUFFIXES = (".txt", ".docx", ".html", ".htm", ".md", ".doc", ".pdf")
RE_SUFFIX = re.compile(r"\.(txt|text|md|csv|tsv|html?|xhtml|docx?|pdf|wps|rtf)\s*$", re.I)
MISSING = ["报告.txt", "会议纪要.DOCX", "数据/报告.txt", "关于印发《机构编制工作条例》的通知.docx",
           "深化改革，扩大开放.md", "第一部分 总体要求.Html", "附件2.htm", "调研报告.pdf", "旧稿.doc", "报告.txt "]
TEXT = "要深化机构改革，优化机构编制资源配置。要加强干部队伍建设。"


@pytest.fixture()
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _entry_points():
    from policytext.analysis.compare import Background
    from policytext.analysis.idf import idf_table

    return {
        "load": pt.load,
        "as_document": as_document,
        "keywords": pt.keywords,
        "classify": pt.classify,
        "cooccurrence": pt.cooccurrence,
        "summarize": pt.summarize,
        "compare(a)": lambda s: pt.compare(s, TEXT),
        "compare(b)": lambda s: pt.compare(TEXT, s),
        "first_seen": lambda s: pt.first_seen([s], "机构改革"),
        "term_trajectories": lambda s: pt.term_trajectories([TEXT, s], ["机构改革"]),
        "idf_table": lambda s: idf_table([TEXT, s]),
        "Background": lambda s: Background.from_documents([s]),
    }


@pytest.mark.parametrize("name", MISSING)
def test_missing_file_name_is_an_error_everywhere(in_tmp, name):
    assert looks_like_path(name)
    for func, call in _entry_points().items():
        with pytest.raises(DocumentNotFoundError, match=r"no such file; .*pt\.parse\(text\)") as info:
            call(name)
        assert str(info.value).startswith(name), func


@pytest.mark.parametrize("suffix", SUFFIXES)
@pytest.mark.parametrize("case", [str.lower, str.upper])
def test_every_document_suffix_in_any_case(in_tmp, suffix, case):
    name = "工作报告" + case(suffix)
    with pytest.raises(DocumentNotFoundError, match="no such file"):
        pt.load(name)
    with pytest.raises(DocumentNotFoundError, match="no such file"):
        pt.keywords(name)


def test_corpus_item_named_like_a_file_is_a_failed_document(in_tmp):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = pt.Corpus(["报告.txt", TEXT])
        texts = [d.text for d in corpus]
    assert texts == [TEXT]
    assert [(e.path, e.error) for e in corpus.errors] == [("报告.txt", "DocumentNotFoundError")]


def test_an_existing_file_with_a_chinese_name_is_read(in_tmp):
    (in_tmp / "报告.txt").write_text(TEXT, encoding="utf-8")
    (in_tmp / "数据").mkdir()
    (in_tmp / "数据" / "通知.TXT").write_text(TEXT, encoding="gb18030")
    for name in ("报告.txt", "数据/通知.TXT"):
        doc = pt.load(name)
        assert doc.text == TEXT and doc.metadata["source"] == name
        assert [k.term for k in pt.keywords(name)] == [k.term for k in pt.keywords(doc)] != []


def test_an_existing_pdf_or_doc_is_refused_with_its_reason(in_tmp):
    (in_tmp / "报告.pdf").write_bytes(b"%PDF-1.7\n" + b"x" * 64)
    (in_tmp / "旧稿.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64)
    with pytest.raises(UnsupportedFormatError, match="PDF"):
        pt.load("报告.pdf")
    with pytest.raises(UnsupportedFormatError, match=r"\.doc"):
        pt.keywords("旧稿.doc")


def test_a_folder_named_like_a_file_is_still_a_folder_error(in_tmp):
    (in_tmp / "材料.docx").mkdir()
    with pytest.raises(DocumentNotFoundError, match="is a directory"):
        pt.load("材料.docx")


@pytest.mark.parametrize("text", [
    "会议强调，要坚持学习。详见报告.txt",   # sentence punctuation: a text that mentions a file
    "你看过报告.txt吗？",
    "第一行\n报告.txt",                     # more than one line
    "报告.txt。",
    "深化改革/扩大开放",
    "工作报告",
    "请按2.0版执行",
])
def test_texts_that_mention_files_are_text(in_tmp, text):
    assert not looks_like_path(text)
    assert pt.load(text).text == pt.parse(text).text


def test_parse_is_the_way_to_analyse_a_file_name_as_text(in_tmp):
    assert pt.parse("报告.txt").text == "报告.txt"
    assert as_document(pt.parse("报告.txt")).text == "报告.txt"


# -- properties -------------------------------------------------------------------------------------

_HAN = "机构编制资源配置改革发展党的二十大精神坚持推进要会议强调报告通知纪要"
_LINE = st.text(st.sampled_from(list(_HAN + "，、：“”（）《》 0123abcdefmhlpstx./-_")), min_size=1, max_size=40)


def _fingerprint(doc: pt.Document) -> tuple:
    return doc.text, doc.title, [(s.text, s.start) for s in doc.sentences], [s.heading for s in doc.walk()]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=_LINE, end=st.sampled_from(list(_HAN + "。！？"))
       | st.sampled_from(["", "。", ".", ".t", "txt", ".tx", ".docs", ".mdx", ".pdfs"]))
def test_property_one_line_chinese_text_without_a_suffix_is_text(body, end):
    text = body + end
    assume(re.search(r"[\u4e00-\u9fff]", text) and not RE_SUFFIX.search(text) and text.strip())
    assume(not os.path.exists(text))
    assert not looks_like_path(text)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert _fingerprint(pt.load(text)) == _fingerprint(pt.parse(text))
        assert _fingerprint(as_document(text)) == _fingerprint(pt.parse(text))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stem=st.text(st.sampled_from(list(_HAN + "，、：“”（）《》 0123_-")), min_size=1, max_size=30),
       suffix=st.sampled_from(SUFFIXES), upper=st.booleans())
def test_property_one_line_name_with_a_suffix_is_a_missing_file(stem, suffix, upper):
    name = stem + (suffix.upper() if upper else suffix)
    assume(re.search(r"[\u4e00-\u9fff]", stem) and not os.path.exists(name))
    assert looks_like_path(name)
    with pytest.raises(DocumentNotFoundError, match="no such file"):
        pt.load(name)
