"""CLI inputs (issue 18, items 7 and 9): ``--lexicon`` on every tokenizing command, a folder given where a
document is expected, and no command ever writing over one of its inputs."""

from __future__ import annotations

import argparse
import io
import os
import shlex
from pathlib import Path

import pytest
from _helpers import docx_bytes

from policytext._files import StagedOutputs, check_not_inputs, same_file
from policytext.cli import app as cli
from policytext.cli._inputs import input_files
from policytext.errors import OutputError

REPO = Path(__file__).resolve().parent.parent
REF = REPO / "corpora" / "reference_bianban_2022.txt"

#: A term no shipped lexicon knows: without ``--lexicon`` it is cut into 云岭 + 编办 (+ 数智).
NEW_TERM = "云岭数智编办"
DOC = f"""关于推进机构编制工作的通知

一、数字化建设
要加快建设{NEW_TERM}，推动{NEW_TERM}与实名制管理系统对接。要依托{NEW_TERM}开展编制统计。{NEW_TERM}要覆盖全部事业单位。
二、理论学习
要深入学习党的二十大精神，开展专题研讨。要组织干部集中学习，撰写心得体会。
"""

TOKENIZING = ("study", "keywords", "classify", "graph", "compare")  # corpus: tested with its own module


def main(capsys, *args: object) -> tuple[int, str, str]:
    """Run the CLI in-process; (exit code, stdout, stderr)."""
    try:
        code = cli.main([str(a) for a in args])
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def doc_and_lexicon(tmp_path: Path) -> tuple[Path, Path]:
    doc = tmp_path / "doc.txt"
    doc.write_text(DOC, encoding="utf-8")
    lexicon = tmp_path / "more.tsv"
    lexicon.write_text(f"term\tcategory\n{NEW_TERM}\tbianzhi\n", encoding="utf-8")
    return doc, lexicon


# -- item 7: --lexicon on every command that tokenizes ---------------------------------------------


@pytest.mark.parametrize("command", TOKENIZING)
def test_every_tokenizing_command_takes_repeatable_lexicon(command, capsys):
    with pytest.raises(SystemExit):
        cli.main([command, "--help"])
    assert "--lexicon MORE.tsv" in capsys.readouterr().out
    parser = cli.build_parser()
    extra = ["b.txt"] if command == "compare" else []
    args = parser.parse_args([command, "a.txt", *extra, "--lexicon", "x.tsv", "--lexicon", "y.tsv"])
    assert args.lexicon == ["x.tsv", "y.tsv"]
    assert parser.parse_args([command, "a.txt", *extra]).lexicon == []


def test_keywords_lexicon(doc_and_lexicon, capsys):
    doc, lexicon = doc_and_lexicon
    code, out, err = main(capsys, "keywords", doc, "--top", "3", "--format", "csv")
    assert code == 0, err
    assert NEW_TERM not in out and "云岭" in out
    code, out, err = main(capsys, "keywords", doc, "--top", "3", "--format", "csv", "--lexicon", lexicon)
    assert code == 0, err
    assert out.splitlines()[1].split(",")[1:] == [NEW_TERM, NEW_TERM, "1.0", "4", "bianzhi"]  # term, written, …
    code, out, err = main(capsys, "keywords", doc, "--by-section", "--top", "2", "--format", "csv",
                          "--lexicon", lexicon)
    assert code == 0 and NEW_TERM in out, err


def test_graph_lexicon(doc_and_lexicon, tmp_path, capsys):
    import networkx as nx

    doc, lexicon = doc_and_lexicon
    for extra, has_term in (([], False), (["--lexicon", lexicon], True)):
        out = tmp_path / f"g{len(extra)}.gexf"
        code, _, err = main(capsys, "graph", doc, "-o", out, *extra)
        assert code == 0, err
        labels = {d.get("label", n) for n, d in nx.read_gexf(out).nodes(data=True)}
        assert (NEW_TERM in labels) is has_term and ("云岭" in labels) is not has_term
    code, out, err = main(capsys, "graph", doc, "--top", "3", "--lexicon", lexicon)  # printed edges, --top summary
    assert code == 0 and NEW_TERM in out, err


def test_classify_lexicon(doc_and_lexicon, capsys):
    import csv

    doc, lexicon = doc_and_lexicon
    model = f"--model=reference-of:{doc}"

    def driving_terms(*extra: object) -> list[set[str]]:
        code, out, err = main(capsys, "classify", doc, model, "--format", "csv", *extra)
        assert code == 0, err
        return [set(row["terms"].split("|")) for row in csv.DictReader(io.StringIO(out))]

    plain, more = driving_terms(), driving_terms("--lexicon", lexicon)
    assert len(plain) == len(more) == 5
    assert not any(NEW_TERM in terms for terms in plain) and all("云岭" in terms for terms in plain[:3])
    assert all(NEW_TERM in terms and "云岭" not in terms for terms in more[:3])
    # the default five-section model is learned again with the extra terms: their category now counts
    code, plain_json, err = main(capsys, "classify", doc, "--format", "json")
    assert code == 0, err
    code, more_json, err = main(capsys, "classify", doc, "--format", "json", "--lexicon", lexicon)
    assert code == 0, err
    assert more_json != plain_json


def test_default_model_with_the_default_lexicon_is_the_default_model():
    """``classify --lexicon`` rebuilds the default model as SectionClassifier.default builds it."""
    import policytext as pt
    from policytext.analysis.classifier import SectionClassifier
    from policytext.cli.classify import _model

    sents = [s.text for s in pt.load(REF).sentences] + ["要推进事业单位改革。", "要开展专题党课。"]
    rebuilt = _model("default", pt.Tokenizer())
    default = SectionClassifier.default()
    assert rebuilt.classes_.tolist() == default.classes_.tolist()
    assert rebuilt.section_names_ == default.section_names_
    assert rebuilt.predict(sents).tolist() == default.predict(sents).tolist()


@pytest.mark.parametrize("command", ["keywords", "graph", "classify"])
def test_bad_lexicon_is_an_input_error(command, doc_and_lexicon, tmp_path, capsys):
    doc, _ = doc_and_lexicon
    bad = tmp_path / "bad.tsv"
    bad.write_text("term\tcategory\n机构编制\n", encoding="utf-8")
    code, out, err = main(capsys, command, doc, "--lexicon", bad)
    assert code == 1 and err.startswith(f"policytext: error: {bad}:2:") and "Traceback" not in err


# -- item 7: a folder where a document is expected --------------------------------------------------


@pytest.mark.parametrize("command", ["outline", "study", "keywords", "classify", "graph"])
def test_folder_suggests_policytext_corpus(command, tmp_path, capsys):
    folder = tmp_path / "2023 通知"
    folder.mkdir()
    code, out, err = main(capsys, command, folder)
    assert code == 1 and out == ""
    assert err == (f"policytext: error: {folder}: is a directory, not a document; to count the terms of every "
                   f"document in it, run: policytext corpus {shlex.quote(str(folder))} -o terms.csv\n")
    assert list(folder.iterdir()) == []


def test_folder_elsewhere_is_refused_without_the_corpus_hint(tmp_path, capsys):
    code, _, err = main(capsys, "classify", REF, f"--model=reference-of:{tmp_path}")
    assert code == 1 and err == f"policytext: error: {tmp_path}: is a directory, not a document; give a document file\n"
    code, _, err = main(capsys, "compare", REF, tmp_path)
    assert code == 1 and f"{tmp_path}: is a directory, not a document" in err


# -- item 9: never write over an input ---------------------------------------------------------------




INPUTS = {
    "html": lambda: "<html><head><title>通知</title></head><body><p>一、总体要求</p><p>要坚持学习。要推进改革。</p>"
                    "</body></html>".encode(),
    "md": lambda: "# 通知\n\n一、总体要求\n\n要坚持学习。要推进改革。\n".encode(),
    "docx": lambda: docx_bytes(["一、总体要求", "要坚持学习。要推进改革。"]),
}


@pytest.fixture
def no_work(monkeypatch):
    """Loading a document fails the test: the refusal must come before any work."""
    import policytext.text.loading as loading

    def refuse(*a, **k):
        raise AssertionError("the document was loaded before the output was refused")

    monkeypatch.setattr(loading, "load", refuse)


@pytest.mark.parametrize("suffix", sorted(INPUTS))
def test_study_never_overwrites_its_input(suffix, tmp_path, monkeypatch, capsys, no_work):
    """``policytext study 通知.html -o .`` used to replace 通知.html with the outline (also .md and .docx)."""
    monkeypatch.chdir(tmp_path)
    data = INPUTS[suffix]()
    Path(f"通知.{suffix}").write_bytes(data)
    code, out, err = main(capsys, "study", f"通知.{suffix}", "-o", ".")
    assert code == 1 and out == ""
    assert err == (f"policytext: error: cannot write 通知.{suffix}: it is the input file 通知.{suffix}; policytext "
                   "never writes over an input (choose another output name or folder)\n")
    assert Path(f"通知.{suffix}").read_bytes() == data
    assert sorted(os.listdir()) == [f"通知.{suffix}"]


def test_study_into_the_input_folder_under_another_name_still_works(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    Path("通知.txt").write_bytes(INPUTS["md"]())
    code, out, err = main(capsys, "study", "通知.txt", "-o", ".", "--format", "md,html", "--no-pictures")
    assert code == 0, err
    assert sorted(os.listdir()) == ["通知.html", "通知.md", "通知.txt"]


def test_compare_never_overwrites_an_input(tmp_path, capsys, no_work):
    a, b = tmp_path / "a.md", tmp_path / "b.html"
    a.write_bytes(INPUTS["md"]())
    b.write_bytes(INPUTS["html"]())
    (tmp_path / "link.html").symlink_to(b)
    for target, src in ((a, a), (tmp_path / "." / "b.html", b), (tmp_path / "link.html", b)):
        code, out, err = main(capsys, "compare", a, b, "-o", target)
        assert code == 1 and out == "", err
        assert err.startswith(f"policytext: error: -o {target}: it is the input file {src}; ")
    assert a.read_bytes() == INPUTS["md"]() and b.read_bytes() == INPUTS["html"]()
    assert (tmp_path / "link.html").is_symlink()


def test_graph_never_overwrites_an_input(tmp_path, capsys, no_work):
    doc = tmp_path / "doc.txt"
    doc.write_bytes(INPUTS["md"]())
    (tmp_path / "link.gexf").symlink_to(doc)
    os.link(doc, tmp_path / "hard.graphml")
    lexicon = tmp_path / "more.csv"
    lexicon.write_text(f"term\tcategory\n{NEW_TERM}\tbianzhi\n", encoding="utf-8")
    for option, target, src in (("-o", "link.gexf", doc), ("-o", "hard.graphml", doc), ("-o", "more.csv", lexicon)):
        code, out, err = main(capsys, "graph", doc, option, tmp_path / target, "--lexicon", lexicon)
        assert code == 1 and out == ""
        assert err.startswith(f"policytext: error: -o/--output {tmp_path / target}: it is the input file {src}; ")
    assert doc.read_bytes() == INPUTS["md"]() and (tmp_path / "link.gexf").is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.txt", "hard.graphml", "link.gexf", "more.csv"]


def test_staged_outputs_refuse_inputs_first(tmp_path):
    doc = tmp_path / "in" / "doc.txt"
    doc.parent.mkdir()
    doc.write_text("要坚持学习。", encoding="utf-8")
    with pytest.raises(OutputError, match=r"^-o .*doc\.txt: it is the input file .*doc\.txt; policytext never"):
        with StagedOutputs([("--png", tmp_path / "new" / "g.png"), ("-o", tmp_path / "in" / ".." / "in" / "doc.txt")],
                           make_folders=True, inputs=[None, doc]):
            raise AssertionError("not reached")
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == ["in", "in/doc.txt"]
    with StagedOutputs([tmp_path / "out.txt"], inputs=[doc, tmp_path / "missing.txt"]) as staged:
        staged[tmp_path / "out.txt"].write_text("ok", encoding="utf-8")
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == "ok"
    check_not_inputs([tmp_path / "missing.txt"], [tmp_path / "missing.txt"])  # nothing to overwrite


def test_same_file(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("x", encoding="utf-8")
    (tmp_path / "s").symlink_to(f)
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    os.link(f, tmp_path / "h")
    (tmp_path / "sub").mkdir()
    assert same_file(tmp_path / "s", f) and same_file(tmp_path / "h", f) and same_file(f, tmp_path / "sub" / ".." / "a.txt")
    assert not same_file(tmp_path / "b.txt", f) and not same_file(tmp_path / "loop", f)
    assert not same_file(tmp_path / "b.txt", tmp_path / "b.txt")


def test_input_files():
    args = argparse.Namespace(file=Path("d.txt"), lexicon=["a.tsv", "b.tsv"], font=None)
    assert input_files(args, args.file) == [Path("d.txt"), Path("a.tsv"), Path("b.tsv")]
    args = argparse.Namespace(lexicon=None, font="f.ttf")
    assert input_files(args, "a.txt", None, "b.txt") == [Path("a.txt"), Path("b.txt"), Path("f.ttf")]


def test_corpus_never_writes_over_what_it_reads_and_takes_a_lexicon(tmp_path, capsys):
    from policytext.cli.app import main

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("要推进云岭数智编办建设，推进云岭数智编办改革。", encoding="utf-8")
    meta = docs / "metadata.tsv"
    meta.write_text("file\ttitle\na.txt\t甲\n", encoding="utf-8")
    assert main(["corpus", str(docs), "-o", str(meta), "--processes", "1"]) == 1
    assert "never writes over an input" in capsys.readouterr().err
    assert meta.read_text(encoding="utf-8") == "file\ttitle\na.txt\t甲\n"
    lex = tmp_path / "more.tsv"
    lex.write_text("term\tcategory\n云岭数智编办\tbianzhi\n", encoding="utf-8")
    out = tmp_path / "tf.csv"
    assert main(["corpus", str(docs), "-o", str(out), "--processes", "1", "--lexicon", str(lex)]) == 0
    assert "云岭数智编办" in out.read_text(encoding="utf-8").splitlines()[0]


def test_two_outputs_naming_one_file_are_refused(tmp_path):
    from policytext._files import StagedOutputs
    from policytext.errors import OutputError

    with pytest.raises(OutputError, match="the same file as another output"):
        with StagedOutputs([("-o", tmp_path / "g.png"), ("--png", tmp_path / "." / "g.png")]):
            pass
    assert list(tmp_path.iterdir()) == []


def test_corpus_with_a_gbk_file_name(tmp_path):
    """A GBK-named file (from a Windows zip) is counted, labelled readably and written to CSV and Parquet."""
    import os

    import policytext as pt
    from policytext.cli.app import main

    docs = tmp_path / "docs"
    docs.mkdir()
    raw = os.fsencode(docs) + b"/" + "关于印发通知".encode("gbk") + b".txt"
    with open(raw, "wb") as fh:
        fh.write("要推进机构编制法定化。".encode())
    corpus = pt.Corpus.from_folder(docs, metadata=None)
    assert corpus.names == ["关于印发通知"]
    assert "\\x" in corpus.metadata["path"].iloc[0]  # the undecodable bytes shown, never a surrogate
    for out in (tmp_path / "tf.csv", tmp_path / "tf.parquet"):
        assert main(["corpus", str(docs), "-o", str(out), "--processes", "1"]) == 0
    assert "关于印发通知" in (tmp_path / "tf.csv").read_text(encoding="utf-8")
