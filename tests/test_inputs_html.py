"""HTML pages a first review missed (issue 18, item 10): omitted ``</head>``, unclosed ``<title>``."""

from __future__ import annotations

import pytest

import policytext as pt
from policytext.text.io import read_text

BODY = "<p>一、总体要求</p><p>要深化机构改革。要加强党的领导。</p><p>二、任务</p><p>要推进法定化。</p>"
TITLE = "关于加强机构编制管理的通知"


@pytest.mark.parametrize("page", [
    # </head> omitted (valid HTML5: the head ends where the body's first element starts)
    f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{TITLE}</title><body>{BODY}</body></html>",
    f"<!DOCTYPE html><html><head><meta charset=utf-8><title>{TITLE}</title>{BODY}",
    f"<html><head><title>{TITLE}</title><link rel=stylesheet href=a.css><script>var x='<p>不是正文</p>';</script>{BODY}",
    # <title> never closed
    f"<html><head><title>{TITLE}</head><body>{BODY}</body></html>",
    f"<html><head><title>{TITLE}<body>{BODY}</body></html>",
    # the ordinary page, for comparison
    f"<html><head><title>{TITLE}</title></head><body>{BODY}</body></html>",
])
def test_pages_read_as_browsers_show_them(page):
    doc = pt.load(page.encode("utf-8"))
    assert doc.title == TITLE
    assert [s.heading for s in doc.sections] == ["总体要求", "任务"]
    assert [s.text for s in doc.sentences] == ["要深化机构改革。", "要加强党的领导。", "要推进法定化。"]
    assert doc.text.count("要深化机构改革") == 1 and doc.text.count(TITLE) == 1
    assert "不是正文" not in doc.text


def test_only_the_first_title_counts_and_never_joins_the_body():
    page = (f"<html><head><title>{TITLE}</title></head><body>{BODY}"
            "<svg><title>图例说明</title><text>图</text></svg></body></html>")
    text = read_text(page.encode("utf-8"))
    assert text.startswith(TITLE + "\n一、总体要求") and "图例说明" not in text


def test_text_in_an_unclosed_head_is_body_text():
    page = "<html><head><title>通知</title><meta name=x content=y>要深化机构改革。<p>要推进法定化。</p>"
    assert read_text(page.encode("utf-8")) == "通知\n要深化机构改革。\n要推进法定化。"
