"""CLI: exit codes, messages on stderr, --help for every command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from policytext.cli import app as cli

REPO = Path(__file__).resolve().parent.parent


def run(*args: str, **kw):
    kw.setdefault("cwd", str(REPO))
    return subprocess.run([sys.executable, "-m", "policytext.cli", *args], capture_output=True, text=True,
                          timeout=600, **kw)


def test_help_for_every_command(capsys):
    parser = cli.build_parser()
    commands = parser._subparsers._group_actions[0].choices
    assert {"outline", "study", "keywords", "classify", "graph", "compare", "corpus", "keyness", "timeline"} <= set(commands)
    assert len(cli.COMMANDS) == 9 == len(commands)
    for name in commands:
        with pytest.raises(SystemExit) as info:
            cli.main([name, "--help"])
        assert info.value.code == 0
        assert "usage: policytext " + name in capsys.readouterr().out


def test_outline(reference_doc):
    res = run("outline", "corpora/reference_bianban_2022.txt")
    assert res.returncode == 0, res.stderr
    assert "1 着力抓好新时代党的创新理论武装" in res.stdout and "5 着力加强机构编制部门自身建设" in res.stdout


def test_usage_and_input_errors(tmp_path):
    res = run()
    assert res.returncode == 2 and "usage:" in res.stderr
    res = run("outline")
    assert res.returncode == 2 and "usage:" in res.stderr
    res = run("nonsense")
    assert res.returncode == 2
    res = run("outline", str(tmp_path / "missing.txt"))
    assert res.returncode == 1
    assert res.stderr.strip() == f"policytext: error: {tmp_path / 'missing.txt'}: no such file"
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    res = run("study", str(empty), "-o", str(tmp_path / "out"))
    assert res.returncode == 1 and "empty" in res.stderr and "Traceback" not in res.stderr
    png = tmp_path / "x.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    res = run("keywords", str(png))
    assert res.returncode == 1 and "PNG image" in res.stderr and "Traceback" not in res.stderr
    res = run("study", "corpora/reference_bianban_2022.txt", "--format", "pdf", "-o", str(tmp_path / "o"))
    assert res.returncode == 2 and "Available names: docx, html, md" in res.stderr
    bad_lex = tmp_path / "bad.tsv"
    bad_lex.write_text("term\tcategory\n机构编制\n", encoding="utf-8")
    res = run("study", "corpora/reference_bianban_2022.txt", "--lexicon", str(bad_lex), "-o", str(tmp_path / "o"))
    assert res.returncode == 1 and f"{bad_lex}:2:" in res.stderr


def test_study_writes_into_the_output_folder_only(tmp_path):
    out = tmp_path / "study"
    res = run("study", "corpora/reference_bianban_2022.txt", "-o", str(out), "--format", "md,html", "--no-pictures")
    assert res.returncode == 0, res.stderr
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert written == ["study/reference_bianban_2022.html", "study/reference_bianban_2022.md"]


def test_outline_depth_and_keywords_without_sections(tmp_path, capsys):
    for bad in ("-3", "0", "two"):
        with pytest.raises(SystemExit) as info:
            cli.main(["outline", "corpora/reference_bianban_2022.txt", "--depth", bad])
        assert info.value.code == 2 and "whole number >= 1" in capsys.readouterr().err
    flat = tmp_path / "flat.txt"
    flat.write_text("要深化机构改革。要优化编制资源。\n", encoding="utf-8")
    assert cli.main(["keywords", str(flat), "--by-section"]) == 0
    assert "no numbered sections" in capsys.readouterr().out


def test_classify_abstain(tmp_path, capsys):
    """``--abstain`` leaves sentences that belong to no section of 机构编制 work unplaced (printed ``-``)."""
    doc = tmp_path / "notice.txt"
    doc.write_text("关于近期工作的通知\n一、理论学习\n要深入学习党的二十大精神，开展专题研讨。\n"
                   "二、其他\n今天天气晴朗，气温二十度。\n本次活动于上午九点在学校操场举行。\n", encoding="utf-8")

    def predicted(*extra: str) -> list[str]:
        assert cli.main(["classify", str(doc), "--all-sentences", "--format", "csv", *extra]) == 0
        import csv
        import io

        return [row["predicted"] for row in csv.DictReader(io.StringIO(capsys.readouterr().out))]

    plain, abstained = predicted(), predicted("--abstain")
    assert plain == ["1", "1", "1"]  # without the option every sentence gets a section
    assert abstained[0] == "1" and abstained[1:] == ["", ""]
    assert cli.main(["classify", str(doc), "--all-sentences", "--abstain"]) == 0
    rows = capsys.readouterr().out.splitlines()[1:]
    assert [r.split()[2] for r in rows] == ["1", "-", "-"]


def test_keywords_show_how_the_document_wrote_an_aliased_term(tmp_path, capsys):
    import json

    doc = tmp_path / "alias.txt"
    doc.write_text("贯彻新时代党的强军思想。新时代党的强军思想指引强军事业。坚持习近平强军思想。\n", encoding="utf-8")
    assert cli.main(["keywords", str(doc), "--top", "3", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    row = next(r for r in rows if r["term"] == "习近平强军思想")
    assert row["written"] == "新时代党的强军思想" and row["count"] == 3
