"""``policytext timeline``: first appearances printed, timelines written (interactive and static)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from policytext.cli import app as cli

REPO = Path(__file__).resolve().parent.parent
XWLB = REPO.parent / "shared" / "xwlb"


@pytest.fixture
def dated(tmp_path):
    root = tmp_path / "record"
    for sub, name, text in (("2021", "a.txt", "两个确立具有决定性意义。"),
                            ("2022", "b.txt", "深刻领悟两个确立。坚持两个确立，奋进新征程。"),
                            ("2022", "c.txt", "要学习。")):
        (root / sub).mkdir(parents=True, exist_ok=True)
        (root / sub / name).write_text(text, encoding="utf-8")
    (root / "metadata.tsv").write_text("file\tdate\n2021/a.txt\t2021-11-16\n2022/b.txt\t2022-03-05\n"
                                       "2022/c.txt\t2022-03-06\n", encoding="utf-8")
    return root


def test_timeline_prints_first_use_and_writes_both_kinds(dated, tmp_path, capsys):
    html, png = tmp_path / "t.html", tmp_path / "t.png"
    code = cli.main(["timeline", "两个确立", "新征程", "--corpus", str(dated), "-o", str(html), "-o", str(png),
                     "--processes", "1"])
    out = capsys.readouterr().out
    assert code == 0
    assert "两个确立: first 2021-11-16" in out and "3 in 2 documents" in out
    assert "新征程: first 2022-03-05" in out
    page = html.read_text(encoding="utf-8")
    traces = json.loads(re.search(r"Plotly\.newPlot\(\s*\"[^\"]+\",\s*(\[.*?\]),\s*\{", page, re.S).group(1))
    assert [t["name"] for t in traces] == ["两个确立", "新征程"]
    assert "两个确立具有决定性意义" in traces[0]["customdata"][0][2]  # hover: the period's first sentence
    assert png.read_bytes()[:4] == b"\x89PNG"


def test_timeline_errors_are_clear_and_write_nothing(dated, tmp_path, capsys):
    out = tmp_path / "t.html"
    assert cli.main(["timeline", "两个确立", "--corpus", str(dated), "-o", str(tmp_path / "t.txt")]) == 2
    assert "output suffix" in capsys.readouterr().err
    undated = tmp_path / "undated"
    undated.mkdir()
    (undated / "a.txt").write_text("两个确立。", encoding="utf-8")
    assert cli.main(["timeline", "两个确立", "--corpus", str(undated), "-o", str(out), "--processes", "1"]) == 1
    assert "no document has a date" in capsys.readouterr().err
    assert cli.main(["timeline", "两个确立", "--corpus", str(tmp_path / "missing"), "-o", str(out)]) == 1
    assert not out.exists()


@pytest.mark.skipif(not (XWLB / "metadata.tsv").is_file(), reason=f"the dated record is not at {XWLB}")
def test_timeline_on_a_year_of_the_record(tmp_path, capsys):
    out = tmp_path / "t.svg"
    code = cli.main(["timeline", "两个确立", "--corpus", str(XWLB), "--pattern", "2021/2021*.txt", "--freq", "M",
                     "-o", str(out), "--processes", "1"])
    assert code == 0
    assert "两个确立: first 2021-11-15" in capsys.readouterr().out
    assert out.read_text(encoding="utf-8").lstrip().startswith("<?xml")
