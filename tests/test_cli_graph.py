"""Tests of ``policytext graph`` (policytext.cli.graph): outputs, default size, all-or-nothing writing, messages."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import networkx as nx
import pytest

import policytext as pt
from policytext.analysis.cooccur import cooccurrence
from policytext.cli import graph as graph_cli
from policytext.errors import FontError, InvalidParameterError, OutputError
from policytext.render.export import read_graph

# -- CLI ------------------------------------------------------------------------------------------


def _cli(argv):
    parser = argparse.ArgumentParser(prog="policytext")
    sub = parser.add_subparsers(dest="command")
    graph_cli.add_parser(sub)
    args = parser.parse_args(argv)
    return args.func(args)


def test_cli_graph_writes_files(tmp_path, capsys):
    src = tmp_path / "doc.txt"
    src.write_text("一、要求\n学习党的二十大精神，推动高质量发展。\n二、任务\n推动高质量发展，完善机构编制。", encoding="utf-8")
    out = tmp_path / "g.graphml"
    assert _cli(["graph", str(src), "-o", str(out), "--window", "paragraph", "--weight", "jaccard",
                 "--min-count", "1", "--top", "10"]) == 0
    H = read_graph(out)
    assert "高质量发展" in H and "community" in H.nodes["高质量发展"]
    assert "wrote" in capsys.readouterr().out
    assert _cli(["graph", str(src)]) == 0
    printed = capsys.readouterr().out
    assert re.search(r"\d+ nodes, \d+ edges", printed) and "高质量发展" in printed


def test_cli_graph_csv_writes_edges_and_nodes_and_nothing_else(tmp_path, capsys):
    """-o g.csv: g.csv and g.nodes.csv, both moved into place; no staged file is left behind."""
    src = tmp_path / "doc.txt"
    src.write_text("学习党的二十大精神，推动高质量发展。推动高质量发展，完善机构编制。", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    assert _cli(["graph", str(src), "-o", str(out / "g.csv"), "--min-count", "1"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["g.csv", "g.nodes.csv"]
    assert "高质量发展" in (out / "g.nodes.csv").read_text(encoding="utf-8")


@pytest.mark.parametrize("argv", [["graph", "x.txt", "--window", "1"], ["graph", "x.txt", "--weight", "dice"],
                                  ["graph", "x.txt", "--min-count", "0"]])
def test_cli_usage_errors(argv):
    with pytest.raises(SystemExit) as exc:
        _cli(argv)
    assert exc.value.code == 2


def test_cli_bad_output_extension(tmp_path):
    src = tmp_path / "doc.txt"
    src.write_text("推动高质量发展，完善机构编制。", encoding="utf-8")
    with pytest.raises(InvalidParameterError):
        _cli(["graph", str(src), "-o", str(tmp_path / "g.xlsx")])


# -- CLI: default size, all-or-nothing outputs, messages (audit M8, M1, L5) ----------------------------


def _many_terms_doc(tmp_path, n_terms=80):
    """A document with ``n_terms`` distinct content words (nouns), each in two sentences."""
    words = ["农业", "工业", "城市", "乡村", "教育", "医疗", "文化", "科技", "交通", "能源", "水利", "森林",
             "草原", "海洋", "河流", "湖泊", "山区", "平原", "铁路", "公路", "机场", "港口", "桥梁", "隧道",
             "电网", "管道", "仓库", "市场", "企业", "工厂", "学校", "医院", "博物馆", "体育", "卫生", "住房",
             "就业", "养老", "社区", "街道", "村庄", "农田", "粮食", "蔬菜", "水果", "畜牧", "渔业", "林业",
             "矿产", "钢铁", "化工", "纺织", "汽车", "船舶", "航空", "航天", "电子", "软件", "数据", "网络",
             "通信", "金融", "保险", "证券", "税收", "财政", "预算", "审计", "统计", "物价", "工资", "收入",
             "消费", "投资", "出口", "进口", "旅游", "餐饮", "物流", "快递"][:n_terms]
    sentences = [f"建设{words[i]}和{words[(i + 1) % n_terms]}。" for i in range(n_terms)]
    src = tmp_path / "many.txt"
    src.write_text("一、任务\n" + "".join(sentences), encoding="utf-8")
    return src, words


def test_cli_graph_keeps_the_50_most_frequent_terms_by_default(tmp_path, capsys):
    src, _ = _many_terms_doc(tmp_path)
    full = cooccurrence(pt.load(src))  # the library call still returns every term
    assert len(full) > 60
    out = tmp_path / "g.graphml"
    assert _cli(["graph", str(src), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert len(read_graph(out)) == graph_cli.CLI_DEFAULT_TOP == 50
    assert f"the 50 best-ranked of {len(full)} terms, by keyword score; --all keeps every term" in printed
    for argv in (["--top", "0"], ["--all"]):
        assert _cli(["graph", str(src), "-o", str(out), *argv]) == 0
        assert set(read_graph(out)) == set(full)
        assert "best-ranked" not in capsys.readouterr().out
    assert _cli(["graph", str(src), "-o", str(out), "--top", "7"]) == 0
    kept = set(read_graph(out))  # the library's choice: the 7 best-ranked by keyword score
    assert len(kept) == 7 and kept == set(cooccurrence(pt.load(src), top=7))
    with pytest.raises(SystemExit):
        _cli(["graph", str(src), "--top", "5", "--all"])


def test_cli_graph_help_documents_default_top_inputs_and_pictures():
    from policytext.render.figures import FIGURE_FORMATS

    parser = argparse.ArgumentParser(prog="policytext")
    sub = parser.add_subparsers(dest="command")
    graph_cli.add_parser(sub)
    text = " ".join(sub.choices["graph"].format_help().split())
    assert "default 50" in text and "0 keeps every term" in text and "--all" in text
    for fmt in ("UTF-8", "GB18030", "GBK", "Big5", ".txt", ".docx", ".html"):
        assert fmt in text, fmt
    assert "--png PICTURE also draw the graph to PICTURE; format by extension: .png, .svg or .pdf" in text
    assert FIGURE_FORMATS == (".png", ".svg", ".pdf")


def test_cli_graph_communique_default_size(capsys, tmp_path):
    from conftest import shared_path

    src = shared_path("plenum_20_3_communique.txt")
    gexf, png = tmp_path / "graph.gexf", tmp_path / "graph.png"
    assert _cli(["graph", str(src), "-o", str(gexf), "--png", str(png)]) == 0  # the README's example
    printed = capsys.readouterr().out
    G = nx.read_gexf(gexf)
    assert G.number_of_nodes() == 50 and png.stat().st_size > 0
    full = cooccurrence(pt.load(src))
    print(f"\ncommuniqué: default CLI graph {G.number_of_nodes()} nodes, {G.number_of_edges()} edges; "
          f"--all {full.number_of_nodes()} nodes, {full.number_of_edges()} edges\n{printed}")


def _listing(folder):
    return sorted(p.name for p in folder.iterdir())


def _small_doc(tmp_path):
    src = tmp_path / "doc.txt"
    src.write_text("一、要求\n学习党的二十大精神，推动高质量发展。\n二、任务\n推动高质量发展，完善机构编制。",
                   encoding="utf-8")
    return src


def test_cli_graph_folder_at_png_target_writes_nothing(tmp_path):
    src = _small_doc(tmp_path)
    out = tmp_path / "g_ro"
    (out / "x.png").mkdir(parents=True)
    with pytest.raises(OutputError, match=r"--png .*x\.png: is a folder"):
        _cli(["graph", str(src), "-o", str(out / "x.gexf"), "--png", str(out / "x.png")])
    assert _listing(out) == ["x.png"] and _listing(out / "x.png") == []


@pytest.mark.parametrize("which", ["-o", "--png"])
def test_cli_graph_creates_a_missing_output_folder(tmp_path, which):
    """A missing output folder is made, as `study` does (a failed run removes what it made:
    tests/test_cli_session7.py)."""
    src = _small_doc(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    targets = {"-o": out / "x.gexf", "--png": out / "x.png"}
    targets[which] = out / "missing" / targets[which].name
    assert _cli(["graph", str(src), "-o", str(targets["-o"]), "--png", str(targets["--png"])]) == 0
    assert targets["-o"].is_file() and targets["--png"].is_file()


def test_cli_graph_failed_drawing_removes_the_new_graph_file_and_keeps_old_files(tmp_path):
    import matplotlib

    dejavu = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"  # no CJK glyphs
    src = _small_doc(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    argv = ["graph", str(src), "-o", str(out / "x.gexf"), "--png", str(out / "x.png"), "--font", str(dejavu)]
    with pytest.raises(FontError):  # fails in plot_graph, after the graph was computed
        _cli(argv)
    assert _listing(out) == []
    (out / "x.gexf").write_text("old graph", encoding="utf-8")  # a file from an earlier run stays as it was
    with pytest.raises(FontError):
        _cli(argv)
    assert _listing(out) == ["x.gexf"] and (out / "x.gexf").read_text(encoding="utf-8") == "old graph"


def test_cli_graph_failed_move_removes_only_files_this_run_created(tmp_path, monkeypatch):
    import os

    src = _small_doc(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "x.png").write_bytes(b"old picture")
    real_replace = os.replace

    def replace(a, b):
        if Path(b) == out / "x.png":
            raise PermissionError(13, "Permission denied")
        return real_replace(a, b)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(OutputError, match=r"--png .*x\.png: Permission denied"):
        _cli(["graph", str(src), "-o", str(out / "x.gexf"), "--png", str(out / "x.png")])
    assert _listing(out) == ["x.png"] and (out / "x.png").read_bytes() == b"old picture"


def test_cli_graph_success_leaves_only_the_targets(tmp_path):
    src = _small_doc(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "x.gexf").write_text("old", encoding="utf-8")
    (out / "x.gexf").chmod(0o640)
    assert _cli(["graph", str(src), "-o", str(out / "x.gexf"), "--png", str(out / "x.png")]) == 0
    assert _listing(out) == ["x.gexf", "x.png"]
    assert "高质量发展" in nx.read_gexf(out / "x.gexf")
    assert (out / "x.gexf").stat().st_mode & 0o777 == 0o640  # a replaced file keeps its mode


@pytest.mark.parametrize("ext", [".png", ".svg", ".pdf"])
def test_cli_graph_every_listed_picture_format_works(tmp_path, ext):
    src = _small_doc(tmp_path)
    assert _cli(["graph", str(src), "--png", str(tmp_path / f"g{ext.upper()}")]) == 0
    assert (tmp_path / f"g{ext.upper()}").stat().st_size > 500


def test_cli_graph_bad_picture_extension_names_the_option(tmp_path, capsys):
    from policytext import cli

    src = _small_doc(tmp_path)
    assert cli.main(["graph", str(src), "--png", str(tmp_path / "g.jpg")]) == 2
    err = capsys.readouterr().err
    assert err == (f"policytext graph: usage error: --png {tmp_path / 'g.jpg'}: policytext cannot write '.jpg' "
                   "pictures; the extension must be .png, .svg or .pdf\n")
    assert cli.main(["graph", str(src), "--png", str(tmp_path / "g")]) == 2
    assert "--png" in capsys.readouterr().err
    assert cli.main(["graph", str(src), "-o", str(tmp_path / "g.xlsx")]) == 2
    err = capsys.readouterr().err
    assert "-o/--output" in err and ".gexf, .graphml, .json or .csv" in err and "write_graph" not in err
    assert _listing(tmp_path) == ["doc.txt"]




def test_cli_graph_headings_count_in_the_total(tmp_path, capsys):
    src = tmp_path / "doc.txt"
    src.write_text("一、坚持党的全面领导\n学习党的二十大精神，推动高质量发展。\n二、深化机构改革\n推动高质量发展，完善机构编制。",
                   encoding="utf-8")
    doc = pt.load(src)
    body, with_headings = len(cooccurrence(doc)), len(cooccurrence(doc, headings=True))
    assert with_headings > body > 3
    assert _cli(["graph", str(src), "--top", "3", "--headings"]) == 0
    assert f"the 3 best-ranked of {with_headings} terms" in capsys.readouterr().out
    assert _cli(["graph", str(src), "--top", "3"]) == 0
    assert f"the 3 best-ranked of {body} terms" in capsys.readouterr().out


def test_cli_graph_unreadable_input_writes_nothing(tmp_path):
    from policytext.errors import DocumentNotFoundError

    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(DocumentNotFoundError):
        _cli(["graph", str(tmp_path / "missing.txt"), "-o", str(out / "x.gexf"), "--png", str(out / "x.png")])
    assert _listing(out) == []


def test_cli_graph_file_in_place_of_the_folder(tmp_path):
    src = _small_doc(tmp_path)
    (tmp_path / "plain").write_text("not a folder", encoding="utf-8")
    with pytest.raises(OutputError, match=r"^-o/--output .*x\.gexf: .*plain is a file, not a folder"):
        _cli(["graph", str(src), "-o", str(tmp_path / "plain" / "x.gexf")])
