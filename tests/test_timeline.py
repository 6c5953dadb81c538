"""Timeline figures: the static chart and the offline interactive page (render/timeline.py)."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from policytext.errors import InvalidParameterError
from policytext.render.timeline import plot_timeline, timeline_html


def _frame(example: str = "新质生产力首次出现。") -> pd.DataFrame:
    return pd.DataFrame({
        "period": ["2023-09-01", "2023-10-01", "2023-09-01", "2023-10-01"],
        "term": ["新质生产力", "新质生产力", "新征程", "新征程"],
        "count": [3, 5, 1, 0], "documents": [2, 4, 1, 0], "rate": [0.2, 0.3, 0.05, 0.0],
        "example": [example, "", "踏上新征程。", None],
    })


def _traces(page: str) -> list[dict]:
    """The plotly traces of a page written by timeline_html (decoded from its JSON)."""
    m = re.search(r"Plotly\.newPlot\(\s*\"[^\"]+\",\s*(\[.*?\]),\s*\{", page, re.S)
    assert m, "no Plotly.newPlot call in the page"
    return json.loads(m.group(1))


def test_html_is_offline_and_has_one_trace_per_term(tmp_path):
    page = timeline_html(_frame(), tmp_path / "t.html", title="提法").read_text(encoding="utf-8")
    assert "<script src=" not in page  # plotly.js inlined: the page works without a network
    traces = _traces(page)
    assert [t["name"] for t in traces] == ["新质生产力", "新征程"]  # most frequent first
    assert traces[0]["y"] == [0.2, 0.3]
    assert traces[0]["customdata"][0][:2] == ["3", "2"]
    assert "新质生产力首次出现" in traces[0]["customdata"][0][2]


def test_html_escapes_document_text(tmp_path):
    page = timeline_html(_frame("<img src=x onerror=alert(1)>新质生产力"), tmp_path / "t.html",
                         title="<script>x</script>").read_text(encoding="utf-8")
    hover = _traces(page)[0]["customdata"][0][2]
    assert "<img" not in hover and "&lt;img" in hover
    assert "<script>x</script>" not in page and "&lt;script&gt;x&lt;/script&gt;" in page


def test_html_value_and_terms(tmp_path):
    page = timeline_html(_frame(), tmp_path / "t.html", ["新征程"], value="count").read_text(encoding="utf-8")
    traces = _traces(page)
    assert [t["name"] for t in traces] == ["新征程"] and traces[0]["y"] == [1.0, 0.0]


def test_static_png_and_svg(tmp_path):
    png = plot_timeline(_frame(), tmp_path / "t.png")
    assert png.path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert {"新质生产力", "新征程"} <= set(png.text.splitlines())
    svg = plot_timeline(_frame(), tmp_path / "t.svg", value="documents", title="新提法")
    assert svg.path.read_text(encoding="utf-8").lstrip().startswith("<?xml")


@pytest.mark.parametrize("bad", [pd.DataFrame({"term": ["x"]}), [1, 2], "frame"])
def test_bad_frames_are_refused_clearly(tmp_path, bad):
    with pytest.raises(InvalidParameterError, match="frame"):
        timeline_html(bad, tmp_path / "t.html")
    assert not (tmp_path / "t.html").exists()


def test_unknown_term_and_extension(tmp_path):
    with pytest.raises(InvalidParameterError, match="term"):
        plot_timeline(_frame(), tmp_path / "t.png", ["不存在"])
    with pytest.raises(InvalidParameterError, match="extension"):
        timeline_html(_frame(), tmp_path / "t.png")
    with pytest.raises(InvalidParameterError, match="value"):
        timeline_html(_frame(), tmp_path / "t.html", value="share")
