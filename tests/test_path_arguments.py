"""A str or path argument names a file when it looks like one (audit finding: a path passed to
keywords/classify/cooccurrence was analysed as a one-line text and gave empty results)."""

from __future__ import annotations

from pathlib import Path

import pytest

import policytext as pt
from policytext.errors import DocumentNotFoundError
from policytext.text.io import looks_like_path
from policytext.text.loading import as_document

TEXT = "一、总体要求\n要深化机构改革，优化机构编制资源配置。\n二、组织保障\n要加强干部队伍建设，深化机构改革。\n"


@pytest.fixture()
def doc_file(tmp_path):
    p = tmp_path / "notice.txt"
    p.write_text(TEXT, encoding="utf-8")
    return p


@pytest.mark.parametrize("as_str", [True, False])
def test_analyses_read_the_file_a_path_names(doc_file, as_str):
    arg = str(doc_file) if as_str else doc_file
    doc = pt.load(doc_file)
    assert [k.term for k in pt.keywords(arg)] == [k.term for k in pt.keywords(doc)] != []
    assert pt.classify(arg)["sentence"].tolist() == pt.classify(doc)["sentence"].tolist() != []
    assert sorted(pt.cooccurrence(arg).nodes) == sorted(pt.cooccurrence(doc).nodes) != []


@pytest.mark.parametrize("bad", ["missing/notes", "notes.txt"])
def test_missing_path_is_an_error_not_a_one_word_document(tmp_path, bad):
    arg = str(tmp_path / bad)
    for func in (pt.load, pt.keywords, pt.classify, pt.cooccurrence):
        with pytest.raises(DocumentNotFoundError, match="no such file"):
            func(arg)


def test_folder_is_an_error(tmp_path):
    for func in (pt.load, pt.keywords, pt.cooccurrence):
        with pytest.raises(DocumentNotFoundError, match="is a directory"):
            func(str(tmp_path))


@pytest.mark.parametrize("text,is_path", [
    ("corpora/reference_bianban_2022.txt", True),
    ("data/notes", True),
    ("a\\b\\c", True),
    ("党的二十大胜利召开。", False),
    ("深化改革/扩大开放", False),
    ("see data/notes for details", False),
    ("notes", False),
    ("line one\nline/two", False),
])
def test_looks_like_path(text, is_path):
    assert looks_like_path(text) is is_path


def test_text_is_still_text():
    assert [k.term for k in pt.keywords("深化改革/扩大开放。深化改革。")] == ["深化改革", "扩大开放"]
    assert as_document("").sentences == [] and as_document("深化改革。").sentences[0].text == "深化改革。"
    assert isinstance(as_document(Path(pt.reference_path())), pt.Document)
