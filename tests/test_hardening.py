"""Bad input through every entry point (issue 10; README section "Bad input").

Each row of the README table has a test here, run through ``pt.load`` and
through the CLI commands ``outline``, ``study``, ``keywords``, ``classify``,
``graph``, ``compare`` and ``corpus`` (in-process, so the matrix stays fast).
An error row must give exit code 1 and one line on stderr naming the file
and the reason (a :class:`~policytext.errors.PolicyTextError` from the API);
a result row must give the documented, correct result. Related tests that
already exist: ``tests/test_io.py`` (encodings, formats), ``tests/test_lexicon.py``
(lexicon tables), ``tests/test_cli.py`` (CLI basics).
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import textwrap
import warnings
import zipfile
from pathlib import Path

import pytest
from _helpers import docx_bytes

import policytext as pt
from policytext import cli
from policytext.errors import (
    DocumentTooLargeError,
    EmptyDocumentError,
    InvalidParameterError,
    LexiconFormatError,
    MissingDependencyError,
    NotFittedError,
    PolicyTextError,
    PolicyTextWarning,
    TraditionalScriptWarning,
    UnsupportedFormatError,
)
from policytext.render.study_report import write_study
from policytext.text.normalize import looks_hard_wrapped, normalize

REPO = Path(__file__).resolve().parent.parent
REF = REPO / "corpora" / "reference_bianban_2022.txt"
SIMPLE = "一、总体要求\n要坚持党管机构编制原则，深化机构改革。\n二、主要任务\n要推进机构编制法定化，加强机构编制管理。"
TRAD = "一、總體要求\n要堅持黨管機構編制原則，深化機構改革。\n二、主要任務\n要推進機構編制法定化，加強機構編制管理。"
HTML = ("<!DOCTYPE html><html><head><title>通知</title><script>alert('x')</script><style>p{color:red}</style>"
        "</head><body><h2>一、总体要求</h2><p>要坚持&ldquo;两个确立&rdquo;&amp;落实&lt;条例&gt;。</p>"
        "<div>二、任务</div><p>要推进改革。<script>document.write('<p>注入</p>')</script></p></body></html>")


# -- the rows --------------------------------------------------------------------------------------

def _zip(members: dict[str, bytes | str], compression: int = zipfile.ZIP_STORED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()




def _bomb() -> bytes:
    # 20 MB of zeros in one member compresses to ~20 kB: refused by the ratio bound before anything expands
    return _zip({"[Content_Types].xml": "<x/>", "word/document.xml": b"<w/>" + bytes(20_000_000)},
                zipfile.ZIP_DEFLATED)


def _wrapped(text: str, width: int = 37) -> str:
    out = []
    for para in text.split("\n"):
        out += [para[i:i + width] for i in range(0, len(para), width)] or [""]
    return "\n".join(out)


LONG_PARA = ("党的二十大对深化党和国家机构改革作出重要部署，机构编制部门要坚决贯彻落实党中央决策部署，"
             "统筹推进党政机构、事业单位和群团组织改革，完善党和国家机构职能体系，推动机构编制资源向重点领域倾斜，"
             "提高机构编制资源使用效益。要加强机构编制管理，严格执行机构编制管理规定，强化机构编制刚性约束，"
             "扎实开展机构编制监督检查，严肃查处各类机构编制违规违纪违法行为，为高质量发展提供有力的体制机制保障。")
WRAPPED_SOURCE = f"一、总体要求\n{LONG_PARA}\n二、主要任务\n{LONG_PARA}"


def _check_same_as_simple(doc: pt.Document) -> None:
    assert [s.heading for s in doc.sections] == ["总体要求", "主要任务"]
    assert [s.text for s in doc.sentences] == [s.text for s in pt.load(SIMPLE).sentences]


def _check_html(doc: pt.Document) -> None:
    assert "alert" not in doc.text and "color:red" not in doc.text and "注入" not in doc.text
    assert [s.heading for s in doc.sections] == ["总体要求", "任务"]
    assert doc.sentences[0].text == "要坚持“两个确立”&落实<条例>。"


def _check_no_headings(doc: pt.Document) -> None:
    assert doc.sections == [] and len(doc.sentences) == 2 and doc.sentences[0].section_path == ()


def _check_headings_only(doc: pt.Document) -> None:
    assert [s.heading for s in doc.sections] == ["总体要求", "主要任务", "保障措施"] and doc.sentences == []


def _check_fullwidth(doc: pt.Document) -> None:
    assert "2022年" in doc.text and "ABC" in doc.text and "２" not in doc.text
    assert doc.sentences[0].text == "2022年，要推进ABC类事业单位改革。"


def _check_wrapped(doc: pt.Document) -> None:
    assert [s.text for s in doc.sentences] == [s.text for s in pt.load(WRAPPED_SOURCE).sentences]
    assert [s.heading for s in doc.sections] == ["总体要求", "主要任务"]


def _check_controls(doc: pt.Document) -> None:
    assert doc.sentences[-1].text == "要坚持学习机构编制知识。" and "\x01" not in doc.text


def _check_traditional(doc: pt.Document) -> None:
    assert doc.metadata["script"] == "traditional"
    assert [s.heading for s in doc.sections] == ["總體要求", "主要任務"]


def _check_mixed(doc: pt.Document) -> None:
    assert doc.metadata["script"] == "mixed"


# id, file name, bytes, expected: (error class, words in the message) or a check of the document,
# and the warning the row gives (None: no warning).
ROWS = [
    ("empty", "empty.txt", lambda: b"", (EmptyDocumentError, "the file is empty"), None),
    ("whitespace", "blank.txt", lambda: " \r\n\t\u3000\n".encode(), (EmptyDocumentError, "only whitespace"), None),
    ("png", "scan.txt", lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), (UnsupportedFormatError, "PNG image"), None),
    ("pdf", "paper.pdf", lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", (UnsupportedFormatError, "pdftotext"), None),
    ("zip", "archive.zip", lambda: _zip({"a.txt": "hello"}), (UnsupportedFormatError, "not a Word .docx"), None),
    ("nul-binary", "data.txt", lambda: b"\x00\x01\x02binary\x00" * 30, (UnsupportedFormatError, "NUL bytes"), None),
    ("corrupt-docx", "broken.docx", lambda: b"PK\x03\x04 not really a zip", (UnsupportedFormatError, "not a valid Word file"), None),
    ("docx-bad-xml", "bad.docx", lambda: _zip({"[Content_Types].xml": "<x/>", "word/document.xml": "<not-xml"}),
     (UnsupportedFormatError, "corrupt Word file"), None),
    ("docx-zip-bomb", "bomb.docx", _bomb, (DocumentTooLargeError, "zip bomb"), None),
    ("utf8", "simple.txt", lambda: SIMPLE.encode(), _check_same_as_simple, None),
    ("utf8-bom-crlf", "bom.txt", lambda: SIMPLE.replace("\n", "\r\n").encode("utf-8-sig"), _check_same_as_simple, None),
    ("gbk-renamed", "gbk.txt", lambda: SIMPLE.encode("gbk"), _check_same_as_simple, None),
    ("gb18030", "gb.txt", lambda: SIMPLE.encode("gb18030"), _check_same_as_simple, None),
    ("utf16-bom", "u16.txt", lambda: SIMPLE.encode("utf-16"), _check_same_as_simple, None),
    ("docx", "notice.docx", lambda: docx_bytes(SIMPLE.split("\n")), _check_same_as_simple, None),
    ("html", "page.html", lambda: HTML.encode(), _check_html, None),
    ("html-as-txt", "page.txt", lambda: HTML.encode(), _check_html, None),
    ("no-headings", "plain.txt", lambda: "要坚持学习。要推进改革。".encode(), _check_no_headings, None),
    ("headings-only", "heads.txt", lambda: "一、总体要求\n二、主要任务\n三、保障措施".encode(), _check_headings_only, None),
    ("fullwidth", "fw.txt", lambda: "２０２２年，要推进ＡＢＣ类事业单位改革。".encode(), _check_fullwidth, None),
    ("hard-wrapped", "scan.txt", lambda: _wrapped(WRAPPED_SOURCE).encode(), _check_wrapped, None),
    ("control-chars", "ctrl.txt", lambda: (LONG_PARA[:60] + "。\x01要坚持学习\x1b机构编制\x7f知识。").encode(), _check_controls, None),
    ("big5-traditional", "big5.txt", lambda: TRAD.encode("big5"), _check_traditional, TraditionalScriptWarning),
    ("mixed-scripts", "mixed.txt", lambda: (SIMPLE + "\n" + LONG_PARA + "\n" + TRAD.replace("一、", "三、").replace("二、", "四、")).encode(),
     _check_mixed, TraditionalScriptWarning),
]
ROW_IDS = [r[0] for r in ROWS]


@pytest.fixture
def row_file(request, tmp_path):
    name, fname, make, expected, warning = request.param
    folder = tmp_path / "in"
    folder.mkdir()
    path = folder / fname
    path.write_bytes(make())
    return path, expected, warning


def _is_error(expected) -> bool:
    return isinstance(expected, tuple)


@pytest.mark.parametrize("row_file", ROWS, ids=ROW_IDS, indirect=True)
def test_row_through_load(row_file):
    path, expected, warning = row_file
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", PolicyTextWarning)
        if _is_error(expected):
            error, words = expected
            with pytest.raises(error) as info:
                pt.load(path)
            msg = str(info.value)
            assert isinstance(info.value, PolicyTextError)
            assert msg.startswith(f"{path}: ") and words in msg, msg
        else:
            doc = pt.load(path)
            expected(doc)
            assert all(doc.text[s.start:s.end] == s.text for s in doc.sentences)
    kinds = [w.category for w in caught if issubclass(w.category, PolicyTextWarning)]
    assert kinds == ([warning] if warning else [])
    if warning:
        assert str(path) in str(caught[0].message)


def run_cli(capsys, *args: str | os.PathLike) -> tuple[int, str, str]:
    """Run the CLI in-process; returns (exit code, stdout, stderr). argparse exits become codes."""
    with warnings.catch_warnings():
        warnings.simplefilter("always", PolicyTextWarning)  # shown on stderr, as for a user
        try:
            code = cli.main([str(a) for a in args])
        except SystemExit as exc:
            code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


COMMANDS = {
    "outline": lambda f, out: ["outline", f],
    "study": lambda f, out: ["study", f, "-o", out / "study", "--format", "md,html", "--no-pictures"],
    "keywords": lambda f, out: ["keywords", f, "--top", "5"],
    "classify": lambda f, out: ["classify", f],
    "graph": lambda f, out: ["graph", f, "-o", out / "g.gexf"],
    "compare": lambda f, out: ["compare", REF, f, "-o", out / "cmp.html"],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("row_file", ROWS, ids=ROW_IDS, indirect=True)
def test_row_through_cli(row_file, command, capsys, tmp_path):
    path, expected, warning = row_file
    out = tmp_path / "out"
    out.mkdir()
    code, stdout, stderr = run_cli(capsys, *COMMANDS[command](path, out))
    assert "Traceback" not in stderr
    if _is_error(expected):
        error, words = expected
        assert code == 1, stderr
        assert stderr.startswith(f"policytext: error: {path}: ") and words in stderr
        assert stderr.count("\n") == 1 and stdout == ""
        assert not any(out.iterdir())  # nothing half-written
    else:
        assert code == 0, stderr
        lines = [ln for ln in stderr.splitlines() if ln.startswith("policytext: warning:")]
        domain = command == "classify" and path.name == "plain.txt"  # no 机构编制 vocabulary: the domain warning
        assert len(lines) == (1 if warning else 0) + domain
        if domain:
            assert str(path) in lines[-1] and "outside 机构编制 work" in lines[-1]
        if warning:
            assert str(path) in lines[0] and "traditional" in lines[0]


@pytest.mark.parametrize("row_file", ROWS, ids=ROW_IDS, indirect=True)
def test_row_through_corpus(row_file, capsys, tmp_path):
    """A folder with one good document and the row's file: a bad file is skipped by name, never fatal."""
    path, expected, warning = row_file
    (path.parent / "good.txt").write_text(SIMPLE, encoding="utf-8")
    out = tmp_path / "terms.csv"
    code, stdout, stderr = run_cli(capsys, "corpus", path.parent, "-o", out, "--pattern", "*", "--processes", "1",
                                   "--metadata", "none")
    assert code == 0 and "Traceback" not in stderr, stderr
    import pandas as pd

    table = pd.read_csv(out, index_col=0)
    if _is_error(expected):
        assert list(table.index) == ["good"]
        assert f"{path.name}: {expected[1]}" in stderr or expected[1] in stderr
        assert path.stem in stdout  # "1 documents skipped: <name>"
    else:
        assert sorted(table.index) == sorted(["good", path.stem])


def test_corpus_of_only_bad_files_is_an_input_error(tmp_path, capsys):
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(20))
    code, _, stderr = run_cli(capsys, "corpus", tmp_path, "-o", tmp_path / "t.csv", "--processes", "1")
    assert code == 1 and "no document could be read" in stderr and "a.txt: the file is empty" in stderr
    assert not (tmp_path / "t.csv").exists()


# -- hard-wrapped text (scanned PDFs) ---------------------------------------------------------------

def test_shared_documents_are_not_taken_for_hard_wrapped(shared_files):
    """The rejoin rule never fires on the 23 shared documents, so their sentence lists are unchanged."""
    from policytext.text.io import read_text

    for p in [*shared_files, REF]:
        raw = read_text(p)
        assert not looks_hard_wrapped(raw.split("\n")), p.name


def test_hard_wrapped_shared_documents_are_rejoined(shared_docs, monkeypatch):
    import policytext.text.normalize as tn

    total = kept = kept_without_rule = detected = 0
    for _name, doc in sorted(shared_docs.items()):
        original = [s.text for s in doc.sentences]
        wrapped = _wrapped(doc.text, 37)
        detected += looks_hard_wrapped(wrapped.split("\n"))
        got = {s.text for s in pt.load(wrapped).sentences}
        total += len(original)
        kept += sum(s in got for s in original)
        with monkeypatch.context() as m:
            m.setattr(tn, "looks_hard_wrapped", lambda lines: False)
            naive = {s.text for s in pt.load(wrapped).sentences}
        kept_without_rule += sum(s in naive for s in original)
    print(f"\nhard-wrapped at 37 chars: {detected}/{len(shared_docs)} documents detected as wrapped; {kept}/{total} sentences recovered with the rejoin rule "
          f"({kept / total:.1%}), {kept_without_rule}/{total} without ({kept_without_rule / total:.1%})")
    assert detected >= len(shared_docs) - 3 and kept / total >= 0.98 and kept_without_rule / total < 0.5


def test_rejoin_keeps_headings_dates_and_indented_paragraphs():
    heading = "一、总体要求，坚持党对机构编制工作的集中统一领导，推进机构编制法定化"
    second = "为贯彻落实党的二十大精神，深化党和国家机构改革，现就有关事项通知如下。" + LONG_PARA
    lines = ["关于深化机构改革的通知", "（2023年3月16日中共中央办公厅国务院办公厅印发执行）",
             *_wrapped(heading, 30).split("\n"), *_wrapped(LONG_PARA, 30).split("\n")]
    indented = _wrapped(second, 30).split("\n")
    lines += ["　　" + indented[0], *indented[1:], "二、主要任务", *_wrapped(LONG_PARA, 30).split("\n")]
    assert looks_hard_wrapped(lines)
    doc = pt.load("\n".join(lines))
    assert doc.title == "关于深化机构改革的通知" and doc.metadata.get("date") == "2023-03-16"
    assert [s.heading for s in doc.sections] == [heading[2:], "主要任务"]
    body = [p.text for p in doc.paragraphs if not p.heading]
    assert body == [LONG_PARA, second, LONG_PARA]  # the indented line started its own paragraph
    assert [s.text for s in doc.sentences] == [s.text for s in pt.load(f"{heading}\n{LONG_PARA}\n{second}\n二、主要任务\n{LONG_PARA}").sentences]


def test_text_that_is_not_wrapped_is_untouched():
    text = "\n".join([LONG_PARA] * 3 + ["一、标题", "要坚持。"] * 4)
    assert normalize(text) == "\n".join(line.strip() for line in text.split("\n"))


# -- traditional and full-width characters ----------------------------------------------------------

def test_traditional_text_is_flagged_not_silently_poorer(tokenizer):
    with pytest.warns(TraditionalScriptWarning, match=r"<text>: the text is in traditional characters"):
        doc = pt.load(TRAD)
    simp = pt.load(SIMPLE)
    assert "script" not in simp.metadata
    # documented: the simplified lexicon does not match traditional forms …
    assert not [t for toks in tokenizer.tokenize_document(doc) for t in toks if t.is_term]
    assert [t.text for toks in tokenizer.tokenize_document(simp) for t in toks if t.is_term]
    # … and the spans still point into the text the user gave (no conversion)
    assert doc.sentences[0].text == "要堅持黨管機構編制原則，深化機構改革。"


def test_fullwidth_digits_and_latin_are_normalised(tokenizer):
    doc = pt.load("一、２０２２年工作\n要推进ＡＢＣ类改革，完成１２３项任务。")
    assert doc.sections[0].heading == "2022年工作"
    words = [t.text for toks in tokenizer.tokenize_document(doc) for t in toks]
    assert "123" in words and "ABC" in words


def test_short_gbk_bytes_are_not_read_as_big5():
    """Regression: the statistical detector read the GBK bytes of 要坚持 as the Big5 text 猁澄厥."""
    assert pt.load("要坚持".encode("gbk")).text == "要坚持"
    assert pt.load("要坚持学习，推进改革。".encode("gbk")).text == "要坚持学习，推进改革。"
    with pytest.warns(TraditionalScriptWarning):
        assert pt.load("要堅持黨的全面領導，推進機構編制法定化".encode("big5")).text == "要堅持黨的全面領導，推進機構編制法定化"


# -- lexicon tables as edited in Excel ------------------------------------------------------------------

LEX_ROWS = [
    ("bom", "\ufeffterm\tcategory\n机构编制刚性约束\tbianzhi\n".encode(), None),
    ("crlf", "term\tcategory\r\n机构编制刚性约束\tbianzhi\r\n".encode(), None),
    ("empty-lines", "term\tcategory\n\n\n机构编制刚性约束\tbianzhi\n\n".encode(), None),
    ("quoted-cells", 'term\tcategory\n"机构编制刚性约束"\t"bianzhi"\n'.encode(), None),
    ("excel-unicode-text", "term\tcategory\r\n机构编制刚性约束\tbianzhi\r\n".encode("utf-16"), None),
    ("wrong-column-count", "term\tcategory\n机构编制刚性约束\tbianzhi\textra\n".encode(), ":2: expected 2 tab-separated columns, found 3"),
    ("too-few-columns", "term\tcategory\n机构编制刚性约束\n".encode(), ":2: expected 2 tab-separated columns, found 1"),
    ("duplicate-term", "term\tcategory\n机构编制刚性约束\tbianzhi\n机构编制刚性约束\tbianzhi\n".encode(), ":3: term '机构编制刚性约束' is listed twice"),
    ("stray-quote", 'term\tcategory\n"机构编制刚性约束\tbianzhi\n'.encode(), ":2: a stray double quote"),
    ("gbk", "term\tcategory\n机构编制刚性约束\tbianzhi\n".encode("gbk"), ":2: is not valid UTF-8"),
    ("comma-separated", "term,category\n机构编制刚性约束,bianzhi\n".encode(), ":1: the first row must be a tab-separated header"),
    ("empty", b"", ": the table is empty"),
]


@pytest.mark.parametrize("name, data, error", LEX_ROWS, ids=[r[0] for r in LEX_ROWS])
def test_lexicon_rows(tmp_path, capsys, name, data, error):
    path = tmp_path / "mine.tsv"
    path.write_bytes(data)
    text = "要强化机构编制刚性约束。"
    if error is None:
        lex = pt.Lexicon.load(path)
        assert lex.lookup("机构编制刚性约束").category == "bianzhi"
        terms = [t.text for t in pt.Tokenizer(lexicon=path)(text) if t.is_term]
        assert terms == ["机构编制刚性约束"]
    else:
        with pytest.raises(LexiconFormatError) as info:
            pt.Lexicon.load(path)
        assert str(info.value).startswith(f"{path}{error}")
        with pytest.raises(LexiconFormatError):
            pt.Tokenizer(lexicon=path)
    doc = tmp_path / "doc.txt"
    doc.write_text(text, encoding="utf-8")
    for args in (["study", doc, "--lexicon", path, "-o", tmp_path / "s", "--no-pictures", "--format", "md"],
                 ["compare", doc, doc, "--lexicon", path]):
        code, _, stderr = run_cli(capsys, *args)
        if error is None:
            assert code == 0, stderr
        else:
            assert code == 1 and stderr.startswith(f"policytext: error: {path}{error}") and stderr.count("\n") == 1


# -- unknown names, unfitted models, missing optional packages ---------------------------------------

def test_unknown_method_and_format_names(reference_doc, tmp_path):
    from policytext.text.io import read_text

    cases = [
        (lambda: pt.keywords(reference_doc, method="bm25"), "Available names: textrank, tfidf"),
        (lambda: pt.cooccurrence(reference_doc, window="page"), "Available names: <int >= 2>, paragraph, sentence"),
        (lambda: read_text(REF, format="pdf"), "Available names: docx, html, text"),
        (lambda: write_study(pt.summarize(reference_doc, pictures=False), tmp_path, formats=["pdf"]), "Available names: docx, html, md"),
        (lambda: pt.write_graph(pt.cooccurrence(reference_doc), tmp_path / "g.xlsx"), "Available names: .csv, .gexf"),
    ]
    for call, words in cases:
        with pytest.raises(InvalidParameterError) as info:
            call()
        assert words in str(info.value)


def test_unfitted_classifier():
    with pytest.raises(NotFittedError, match="not fitted"):
        pt.SectionClassifier().predict(["要加强机构编制管理。"])


def _block(monkeypatch, *modules: str) -> None:
    for name in modules:
        for loaded in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
            monkeypatch.delitem(sys.modules, loaded)
        monkeypatch.setitem(sys.modules, name, None)  # "import name" now raises ImportError


def test_missing_optional_dependency_pyarrow(monkeypatch, tmp_path, capsys):
    _block(monkeypatch, "pyarrow")
    (tmp_path / "d.txt").write_text(SIMPLE, encoding="utf-8")
    code, _, stderr = run_cli(capsys, "corpus", tmp_path, "-o", tmp_path / "t.parquet", "--processes", "1")
    assert code == 1
    assert stderr.strip() == ("policytext: error: Writing Parquet files needs the package 'pyarrow', which is not "
                              "installed. Install it with: pip install 'policytext[parquet]'")
    assert not (tmp_path / "t.parquet").exists()


def test_missing_python_docx(monkeypatch, tmp_path):
    path = tmp_path / "n.docx"
    path.write_bytes(docx_bytes(["要坚持学习。"]))
    _block(monkeypatch, "docx")
    assert pt.load(path).sentences[0].text == "要坚持学习。"  # reading .docx does not need python-docx
    summary = pt.summarize(pt.load(SIMPLE), pictures=False)
    with pytest.raises(MissingDependencyError, match=r"Writing \.docx files .*pip install python-docx"):
        write_study(summary, tmp_path / "out", formats=["docx"])


# -- CLI: exit codes and messages for every command ---------------------------------------------------

ALL_COMMANDS = ["outline", "study", "keywords", "classify", "graph", "compare", "corpus"]


@pytest.mark.parametrize("command", ALL_COMMANDS)
def test_cli_exit_codes(command, capsys, tmp_path):
    code, out, err = run_cli(capsys, command, "--help")
    assert code == 0 and out.startswith(f"usage: policytext {command}") and err == ""
    code, out, err = run_cli(capsys, command)  # a required argument is missing
    assert code == 2 and "usage:" in err and "error:" in err and out == ""
    good = {"compare": [REF, REF], "corpus": [tmp_path, "-o", tmp_path / "t.csv"]}.get(command, [REF])
    code, out, err = run_cli(capsys, command, *good, "--no-such-option")
    assert code == 2 and "unrecognized arguments: --no-such-option" in err and out == ""
    missing = tmp_path / "missing"  # no suffix: must not be analysed as the text "missing"
    args = {"compare": [REF, missing], "corpus": [missing, "-o", tmp_path / "t.csv"]}.get(command, [missing])
    code, out, err = run_cli(capsys, command, *args)
    assert code == 1 and out == ""
    assert err in (f"policytext: error: {missing}: no such file\n", f"policytext: error: {missing}: no such folder\n")


def test_cli_document_arguments_are_files_not_text(capsys):
    """Regression: ``policytext outline notes`` analysed the word 'notes' and exited 0."""
    for args in (["outline", "notes"], ["keywords", "notes"], ["compare", "notes", str(REF)]):
        code, out, err = run_cli(capsys, *args)
        assert (code, out, err) == (1, "", "policytext: error: notes: no such file\n")


def test_cli_usage_without_command(capsys):
    code, out, err = run_cli(capsys)
    assert code == 2 and "usage: policytext" in err


# -- a 10 MB document ---------------------------------------------------------------------------------

_BIG_SCRIPT = textwrap.dedent('''
    import json, resource, sys, time
    from pathlib import Path
    import policytext as pt
    from policytext.text.structure import parse
    from policytext.text.io import read_text

    src, big, out = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    files = sorted(src.glob("*.txt"))
    parts, size = [], 0
    while size < 10_000_000:
        for p in files:
            data = p.read_bytes()
            parts.append(data)
            size += len(data) + 1
    big.write_bytes(b"\\n".join(parts))
    small = b"\\n".join(parts)[:1_000_000]
    small = small[: small.rfind(b"\\n")]

    def rss():
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    res = {"bytes": big.stat().st_size, "stages": []}
    tk = pt.Tokenizer()
    # linearity: the same stages on 1 MB first
    t = time.perf_counter(); d1 = pt.load(small); res["parse_1mb"] = time.perf_counter() - t
    t = time.perf_counter(); tk.tokenize_document(d1); res["tokenize_1mb"] = time.perf_counter() - t
    del d1

    def stage(name, f):
        t = time.perf_counter()
        r = f()
        res["stages"].append((name, time.perf_counter() - t, rss()))
        return r

    doc = stage("load", lambda: pt.load(big))
    res["chars"], res["sentences"] = len(doc.text), len(doc.sentences)
    stage("tokenize", lambda: tk.tokenize_document(doc))
    stage("keywords", lambda: pt.keywords(doc, top=20))
    summary = stage("study: summarize", lambda: pt.summarize(doc, tokenizer=tk))
    from policytext.render.study_report import write_study
    stage("study: write md/html/docx", lambda: write_study(summary, out, stem="big"))
    out.joinpath("result.json").write_text(json.dumps(res))
''')


@pytest.mark.slow
def test_ten_megabyte_document_is_bounded(shared_dir, tmp_path):
    script = tmp_path / "big.py"
    script.write_text(_BIG_SCRIPT, encoding="utf-8")
    out = tmp_path / "study"
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    proc = subprocess.run([sys.executable, str(script), str(shared_dir), str(tmp_path / "big.txt"), str(out)],
                          capture_output=True, text=True, timeout=900, env=env, cwd=str(tmp_path))
    assert proc.returncode == 0, proc.stderr[-3000:]
    res = json.loads((out / "result.json").read_text())
    total = sum(t for _, t, _ in res["stages"])
    print(f"\n10 MB document: {res['bytes']:,} bytes, {res['chars']:,} characters, {res['sentences']:,} sentences")
    for name, seconds, peak in res["stages"]:
        print(f"  {name:28s} {seconds:6.1f} s   peak RSS so far {peak:6.0f} MB")
    stages = {name: t for name, t, _ in res["stages"]}
    ratio_parse = stages["load"] / res["parse_1mb"]
    ratio_tok = stages["tokenize"] / res["tokenize_1mb"]
    print(f"  total {total:.1f} s; 10 MB / 1 MB time ratio: load+parse {ratio_parse:.1f}x, tokenize {ratio_tok:.1f}x")
    assert res["bytes"] >= 10_000_000
    assert sorted(p.name for p in out.iterdir()) == ["big.docx", "big.html", "big.md", "images", "result.json"]
    # bounds: roughly linear (10x the text, at most ~20x the time), minutes not hours, memory in the low GBs
    assert ratio_parse < 20 and ratio_tok < 20
    assert total < 400
    assert max(peak for _, _, peak in res["stages"]) < 4000
