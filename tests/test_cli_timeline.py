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


def test_compare_against_a_dated_background(dated, tmp_path, capsys):
    """``compare --background DIR``: new terms of B get a novelty against the record before B's date."""
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("要全面深化改革。", encoding="utf-8")
    b.write_text("要发展新质生产力，坚持两个确立。", encoding="utf-8")
    assert cli.main(["compare", str(a), str(b), "--min-count", "1", "--background", str(dated),
                     "--date-b", "2024-03-05"]) == 0
    out = capsys.readouterr().out
    table = out.split("## b 中新出现的提法")[1].split("##")[0]
    assert "新颖度" in table
    rows = {r.split("|")[1].strip(): r.split("|")[6].strip() for r in table.splitlines() if r.startswith("| ") and
            "---" not in r and "提法" not in r}
    assert rows["新质生产力"] == "1.00"            # never in the record before 2024-03-05
    assert float(rows["两个确立"]) < 1.0            # used in 2021 and 2022, more than a year before
    with pytest.raises(SystemExit) as info:  # not an ISO date: a usage error
        cli.main(["compare", str(a), str(b), "--date-b", "2024-3-5"])
    assert info.value.code == 2 and "YYYY-MM-DD" in capsys.readouterr().err


def test_compare_shows_a_term_with_its_parts_as_one_row(tmp_path, capsys):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("要全面深化改革。", encoding="utf-8")
    b.write_text("要铸牢中华民族共同体意识，中华民族共同体。", encoding="utf-8")
    assert cli.main(["compare", str(a), str(b), "--min-count", "1"]) == 0
    table = capsys.readouterr().out.split("## b 中新出现的提法")[1].split("##")[0]
    terms = [r.split("|")[1].strip() for r in table.splitlines() if r.startswith("| ") and "---" not in r][1:]
    assert terms[0].startswith("铸牢中华民族共同体意识（另见：") and "中华民族共同体意识" in terms[0]
    assert not any(t.startswith("中华民族共同体") for t in terms)
