"""Tests of the comparison's reports (render.compare_report), plots (render.plots), CLI and example."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

import policytext as pt
from policytext.analysis.compare import compare, term_trajectories
from policytext.cli import compare as compare_cli
from policytext.errors import FontError, InvalidParameterError, OutputError, PolicyTextError
from policytext.render.compare_report import to_docx, to_html, to_markdown, write_comparison
from policytext.render.fonts import check_coverage
from policytext.render.plots import plot_keyness, plot_trajectories

REPO = Path(__file__).resolve().parent.parent


# -- rendering ----------------------------------------------------------------------------

def test_html_and_markdown_escape_document_text(tmp_path):
    a = pt.parse("要推进改革。")
    b = pt.parse("要发展新质生产力<b>&amp;|x</b>。要发展新质生产力。", metadata={"name": "<i>b</i>"})
    cmp = compare(a, b)
    h = to_html(cmp)
    assert write_comparison(cmp, tmp_path / "r.html") == tmp_path / "r.html"
    assert "<b>" not in h and "<i>b</i>" not in h
    assert "&lt;b&gt;&amp;amp;|x&lt;/b&gt;" in h and "&lt;i&gt;b&lt;/i&gt;" in h
    assert h.startswith("<!DOCTYPE html>") and "<script" not in h and "http" not in h
    assert (tmp_path / "r.html").read_text(encoding="utf-8") == h
    frag = to_html(cmp, full=False)
    assert frag.startswith('<div class="policytext-comparison">') and "<html" not in frag
    md = to_markdown(cmp)
    write_comparison(cmp, tmp_path / "r.md")
    assert (tmp_path / "r.md").read_text(encoding="utf-8") == md
    assert "\\|x" in md and "## b 中新出现的提法" in md
    assert "新质生产力" in md


def test_write_comparison_chooses_the_format_by_suffix(tmp_path):
    a = pt.parse("要推进改革。")
    b = pt.parse("要发展新质生产力<b>。要发展新质生产力。", metadata={"name": "新<b>"})
    cmp = compare(a, b)
    md, page = to_markdown(cmp, top=5), to_html(cmp, top=5)
    for name, text in (("r.md", md), ("r.MARKDOWN", md), ("r.html", page), ("r.Htm", page)):
        assert write_comparison(cmp, tmp_path / name, top=5).read_text(encoding="utf-8") == text
    path = write_comparison(cmp, tmp_path / "r.docx", top=5)
    assert path == tmp_path / "r.docx" and path.read_bytes()[:2] == b"PK"
    import docx

    d = docx.Document(str(path))
    paragraphs = [x.text for x in d.paragraphs]
    assert paragraphs[0] == "文件对比：a → 新<b>"
    assert "b 中新出现的提法（1）" in paragraphs and "人名（b 中新出现 0 人，不再出现 0 人）" in paragraphs
    assert any(x.startswith("TF-IDF 余弦相似度 ") for x in paragraphs)
    new_table = d.tables[0]
    assert [c.text for c in new_table.rows[0].cells] == ["提法", "类型", "类别", "次数", "频率", "例句"]
    assert [c.text for c in new_table.rows[1].cells] == ["新质生产力", "词库", "战略概念", "2", "952.38",
                                                         "要发展新质生产力<b>。"]
    for name in ("r.pdf", "report"):
        with pytest.raises(InvalidParameterError, match=r"Available names: \.docx, \.htm, \.html, \.markdown, \.md"):
            write_comparison(cmp, tmp_path / name)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.Htm", "r.MARKDOWN", "r.docx", "r.html", "r.md"]


def test_docx_drops_characters_xml_cannot_hold(tmp_path):
    cmp = compare(pt.parse("要推进改革。", metadata={"name": "a\x01\x0b"}), pt.parse("要发展新质生产力。"))
    import docx

    d = docx.Document(str(to_docx(cmp, tmp_path / "r.docx")))
    assert d.paragraphs[0].text == "文件对比：a → b"
    assert "参照文件 a：a" in [x.text for x in d.paragraphs]


class Boom(Exception):
    pass


@pytest.mark.parametrize("exc", [Boom, KeyboardInterrupt, OSError])
def test_report_writers_leave_no_partial_file(tmp_path, monkeypatch, exc):
    import docx.document

    cmp = compare("要推进改革。", "要发展新质生产力。")
    (tmp_path / "old.html").write_text("OLD", encoding="utf-8")

    def half_text(self, data, *args, **kwargs):  # writers that die midway through the file
        with open(self, "w", encoding="utf-8") as fh:
            fh.write(data[: len(data) // 2])
        raise exc("interrupted")

    def half_docx(self, target):
        with open(target, "wb") as fh:
            fh.write(b"PK\x03\x04")
        raise exc("interrupted")

    monkeypatch.setattr(Path, "write_text", half_text)
    monkeypatch.setattr(docx.document.Document, "save", half_docx)
    for name in ("old.html", "new.md", "new.docx"):
        with pytest.raises(OutputError if exc is OSError else exc):
            write_comparison(cmp, tmp_path / name)
    monkeypatch.undo()
    assert [p.name for p in tmp_path.iterdir()] == ["old.html"]
    assert (tmp_path / "old.html").read_text(encoding="utf-8") == "OLD"


# -- plots ----------------------------------------------------------------------------------

def test_plots(tmp_path):
    docs = [pt.parse("要构建新发展格局。", metadata={"date": "2020-10-29"}),
            pt.parse("要发展新质生产力。要构建新发展格局。", metadata={"date": "2024-07-18"})]
    r = plot_trajectories(docs, ["新发展格局", "新质生产力"], tmp_path / "t.png")
    assert r.path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "新质生产力" in r.text and "2024-07-18" in r.text
    assert check_coverage(r.text, r.font) == set()
    frame = term_trajectories(docs, ["新发展格局"])
    svg = plot_trajectories(frame, None, tmp_path / "t.svg").path
    assert "<svg" in svg.read_text(encoding="utf-8")
    cmp = compare(docs[0], docs[1])
    k = plot_keyness(cmp, tmp_path / "k.png", top=5)
    assert k.path.stat().st_size > 1000 and "新质生产力" in k.text
    with pytest.raises(InvalidParameterError):
        plot_keyness(cmp, tmp_path / "k.gif")
    with pytest.raises(FontError):
        plot_keyness(cmp, tmp_path / "k2.png", font=tmp_path / "missing.ttf")
    with pytest.raises(TypeError):
        plot_keyness("not a comparison", tmp_path / "k3.png")


# -- CLI and example ----------------------------------------------------------------------

def _parser():
    parser = argparse.ArgumentParser(prog="policytext")
    compare_cli.add_parser(parser.add_subparsers(dest="command"))
    return parser


def test_cli_compare(tmp_path, capsys):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("一、要求\n要加快构建新发展格局。", encoding="utf-8")
    b.write_text("一、要求\n要发展新质生产力。要发展新质生产力。", encoding="utf-8")
    parser = _parser()
    args = parser.parse_args(["compare", str(a), str(b), "-o", str(tmp_path / "r.html"), "--top", "5"])
    assert args.func(args) == 0
    assert "新质生产力" in (tmp_path / "r.html").read_text(encoding="utf-8")
    assert capsys.readouterr().out == f"wrote {tmp_path / 'r.html'}\n"
    args = parser.parse_args(["compare", str(a), str(b)])
    assert args.func(args) == 0
    out = capsys.readouterr().out
    assert out.startswith("# 文件对比：a → b") and "新发展格局" in out
    args = parser.parse_args(["compare", str(a), str(b), "-o", str(tmp_path / "r.pdf")])
    with pytest.raises(PolicyTextError):
        args.func(args)
    # the suffix is checked before the documents are read; .docx is a report format too
    args = parser.parse_args(["compare", str(a), str(tmp_path / "missing.txt"), "-o", str(tmp_path / "r.pdf")])
    with pytest.raises(InvalidParameterError, match=r"'-o suffix' parameter of policytext compare got the unknown "
                                                    r"value '\.pdf'\. Available names: \.docx, \.htm"):
        args.func(args)
    args = parser.parse_args(["compare", str(a), str(b), "-o", str(tmp_path / "r.docx")])
    assert args.func(args) == 0 and (tmp_path / "r.docx").read_bytes()[:2] == b"PK"
    for option in ("--top", "--min-count"):
        for bad in ("0", "-1", "two"):
            with pytest.raises(SystemExit) as info:
                parser.parse_args(["compare", str(a), str(b), option, bad])
            assert info.value.code == 2 and "whole number >= 1" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt", "r.docx", "r.html"]


def test_cli_wired_through_main(tmp_path, monkeypatch, capsys):
    from policytext.cli import app as cli
    from policytext.cli import compare as compare_cli

    monkeypatch.setattr(cli, "COMMANDS", (compare_cli,))
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("要加快构建新发展格局。", encoding="utf-8")
    b.write_text("要发展新质生产力。", encoding="utf-8")
    assert cli.main(["compare", str(a), str(b), "-o", str(tmp_path / "r.md")]) == 0
    assert cli.main(["compare", str(a), str(tmp_path / "missing.txt")]) == 1
    assert "missing.txt" in capsys.readouterr().err


@pytest.mark.slow
def test_example_compare_plenums(shared_dir, tmp_path):
    script = REPO / "examples" / "compare_plenums.py"
    proc = subprocess.run(
        [sys.executable, str(script), str(shared_dir), "--glob", "plenum_*_communique.txt",
         "-o", str(tmp_path), "--top", "8"],
        capture_output=True, text=True, timeout=600, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    print(out[-1500:])
    assert "plenum_19_6_communique → plenum_19_7_communique" in out
    assert "两个确立" in out and "新质生产力" in out and "first seen" in out.lower()
    written = {p.name for p in tmp_path.iterdir()}
    assert {"first_seen.csv", "trajectories.csv", "trajectories.png"} <= written
    assert any(n.endswith(".html") for n in written)

