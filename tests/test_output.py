"""pt.write: one entry point writes any result by the path's suffix."""

from __future__ import annotations

import pandas as pd
import pytest

import policytext as pt
from policytext.errors import InvalidParameterError
from policytext.render import compare_report, study_report
from policytext.render.export import read_graph

TEXT = "一、学习\n要增强“四个意识”、坚定“四个自信”。\n二、落实\n要推进机构编制法定化，发展新质生产力。"


@pytest.fixture(scope="module")
def summary():
    return pt.summarize(TEXT, pictures=False)


@pytest.fixture(scope="module")
def comparison():
    return pt.compare("要全面深化改革，推进高质量发展。", TEXT)


@pytest.mark.parametrize("suffix", [".md", ".html", ".docx"])
def test_summary_one_file_by_suffix(summary, tmp_path, suffix):
    path = pt.write(summary, tmp_path / f"提纲{suffix}")
    assert path == tmp_path / f"提纲{suffix}" and sorted(p.name for p in tmp_path.iterdir()) == [f"提纲{suffix}"]
    if suffix == ".md":
        assert path.read_text(encoding="utf-8") == study_report.to_markdown(summary)
    elif suffix == ".html":
        assert path.read_text(encoding="utf-8") == study_report.to_html(summary)
    else:
        assert path.read_bytes()[:2] == b"PK"


def test_summary_folder_gets_every_format(summary, tmp_path):
    paths = pt.write(summary, tmp_path / "out", stem="s")
    assert isinstance(paths, dict) and {p.name for p in paths.values()} == {"s.md", "s.html", "s.docx"}
    assert all(p.parent == tmp_path / "out" and p.is_file() for p in paths.values())


@pytest.mark.parametrize("suffix", [".md", ".html", ".docx"])
def test_comparison_by_suffix(comparison, tmp_path, suffix):
    path = pt.write(comparison, tmp_path / f"c{suffix}")
    assert path.is_file()
    if suffix == ".md":
        assert path.read_text(encoding="utf-8") == compare_report.to_markdown(comparison)


def test_graph_file_and_picture(tmp_path):
    G = pt.cooccurrence(TEXT, top=10)
    assert pt.write(G, tmp_path / "g.graphml").suffix == ".graphml"
    assert set(read_graph(tmp_path / "g.graphml")) == set(G)
    assert pt.write(G, tmp_path / "g.png").read_bytes()[:4] == b"\x89PNG"


def test_table(tmp_path):
    frame = pd.DataFrame({"党的领导": [2, 0], "改革": [1, 3]}, index=["a", "b"])
    path = pt.write(frame, tmp_path / "t.csv")
    assert pd.read_csv(path, index_col=0).equals(frame)


def test_unknown_suffix_lists_the_valid_ones(summary, comparison, tmp_path):
    with pytest.raises(InvalidParameterError, match=r"unknown value '\.pdf'\. Available names: \(a folder\), "
                                                    r"\.docx, \.html, \.md"):
        pt.write(summary, tmp_path / "s.pdf")
    with pytest.raises(InvalidParameterError, match=r"unknown value '\.png'\. Available names: \.docx, \.html, \.md"):
        pt.write(comparison, tmp_path / "c.png")
    with pytest.raises(InvalidParameterError, match=r"Available names: \.csv, \.parquet"):
        pt.write(pd.DataFrame({"a": [1]}), tmp_path / "t.xlsx")
    assert list(tmp_path.iterdir()) == []


def test_wrong_result_or_path(summary, tmp_path):
    with pytest.raises(InvalidParameterError, match="'result' parameter of write must be a StudySummary"):
        pt.write(["not", "a", "result"], tmp_path / "x.md")
    with pytest.raises(InvalidParameterError, match="'path' parameter of write"):
        pt.write(summary, 3)


def test_result_methods_delegate_to_the_renderer(summary, comparison, tmp_path):
    """The thin methods users had before issue 14 forward to render/ and give the same text."""
    assert summary.to_markdown() == study_report.to_markdown(summary)
    assert summary.to_html(pictures=False) == study_report.to_html(summary)
    assert summary._repr_html_() == study_report.to_html(summary)
    paths = summary.write(tmp_path / "s", formats=["md"], stem="x")
    assert paths["md"].read_text(encoding="utf-8") == study_report.to_markdown(summary, image_dir="images")
    md = comparison.to_markdown(tmp_path / "c.md")
    assert md == compare_report.to_markdown(comparison) == (tmp_path / "c.md").read_text(encoding="utf-8")
    assert comparison.to_html(full=False) == comparison._repr_html_() == compare_report.to_html(comparison, full=False)
