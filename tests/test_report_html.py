"""The HTML pages on a phone, and the comparison report in Chinese with the documents' titles (issue 18, item 6).

A viewport, CSS without widths wider than a phone's screen (text wraps,
pictures shrink, tables scroll sideways in their own box); when a headless
Chromium is installed, both pages are laid out 360 px wide and must not be
wider. The comparison's headings, column labels and notes are Chinese, and
the documents are named by their titles (``Document.title``, else the file
stem).
"""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import policytext as pt
from policytext.analysis.compare import Comparison
from policytext.render import compare_report, study_report

VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1">'
RE_HAN = re.compile(r"[\u4e00-\u9fff]")
#: Every label of the comparison report in English before (headings, column labels, notes).
ENGLISH = ("Comparison", "New in b", "Dropped from", "People (", "Key terms", "Sections of", "(reference)",
           "(target)", "term-set", "Rates per", "(none)", "runner-up", "heading b", "count_a", "example", "log ratio")


def _wide_png() -> bytes:
    """A picture much wider than a phone (1600 × 100 px)."""
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (1600, 100), "white").save(buf, format="PNG")
    return buf.getvalue()


@pytest.fixture(scope="module")
def study_page() -> str:
    s = pt.summarize(pt.load(pt.reference_path()), pictures=False)
    return study_report.to_html(s, images={"wordcloud": _wide_png()})


@pytest.fixture(scope="module")
def comparison():
    a = pt.parse("一、要求\n要推进改革，推进高质量发展。要推进改革。要坚持“两个确立”。")
    b = pt.parse("一、要求\n要加快发展新质生产力，推进高质量发展。新质生产力是先进生产力。王建武同志任职。")
    return pt.compare(a, b, min_count=1)


def _css_rules(page: str) -> list[tuple[str, str, str]]:
    """``(selector, property, value)`` of every declaration of the page's style sheet (@media rules included)."""
    sheet = "".join(re.findall(r"<style>(.*?)</style>", page, flags=re.S))
    return [(selector.strip(), prop.strip(), value.strip())
            for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", sheet)
            for prop, value in re.findall(r"([\w-]+)\s*:\s*([^;]+)", body)]


def _check_reads_on_a_phone(page: str, scroll_class: str) -> None:
    head = page.split("</head>")[0]
    assert VIEWPORT in head
    for selector, prop, value in _css_rules(page):
        if prop == "width":
            assert value in ("100%", "auto"), (selector, value)  # never a fixed width
        if prop == "min-width":
            assert selector.endswith(">table"), selector  # only a table, inside its scrolling box
    rules = _css_rules(page)
    # every table sits in a box that scrolls sideways (the box's CSS inline or in the sheet)
    tables = re.findall(r"(<div[^>]*>)?<table", page)
    assert tables and all(scroll_class in box for box in tables), tables
    assert any(scroll_class in sel and prop == "overflow-x" and value == "auto" for sel, prop, value in rules) \
        or 'style="overflow-x:auto"' in page


def test_study_page_reads_on_a_phone(study_page):
    _check_reads_on_a_phone(study_page, "scroll")
    assert ("img", "max-width", "100%") in _css_rules(study_page)  # pictures shrink to the screen
    assert study_page.count("<table") == 1  # the 提法 table


def test_comparison_page_reads_on_a_phone(comparison):
    page = compare_report.to_html(comparison)
    _check_reads_on_a_phone(page, "policytext-scroll")
    assert page.count("<table") >= 3 and '<html lang="zh-CN">' in page
    fragment = compare_report.to_html(comparison, full=False)  # a notebook: the box scrolls without the sheet
    assert fragment.count('<div class="policytext-scroll" style="overflow-x:auto"><table') == fragment.count("<table")


def _chromium() -> str | None:
    for name in ("chromium-headless-shell", "chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    return None


def _page_width(page: str, tmp_path: Path, width: int = 360) -> tuple[int, int]:
    """``(scrollWidth, clientWidth)`` of the page laid out ``width`` px wide by headless Chromium."""
    probe = ("<script>window.onload=function(){var d=document.documentElement;"
             "document.title='W='+d.scrollWidth+','+d.clientWidth;}</script>")
    path = tmp_path / "page.html"
    path.write_text(page.replace("</body>", probe + "</body>"), encoding="utf-8")
    chromium = _chromium()
    assert chromium is not None
    out = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", f"--window-size={width},740",
                          "--dump-dom", path.as_uri()], capture_output=True, text=True, timeout=120, check=True).stdout
    found = re.search(r"<title>W=(\d+),(\d+)</title>", out)
    assert found, out[-500:]
    return int(found.group(1)), int(found.group(2))


@pytest.mark.slow
@pytest.mark.skipif(_chromium() is None, reason="no headless Chromium installed")
def test_pages_are_no_wider_than_a_phone_in_chromium(study_page, comparison, tmp_path):
    """Measured before: study 457 px and comparison 619 px wide on a 345 px screen."""
    for page in (study_page, compare_report.to_html(comparison)):
        scroll_width, client_width = _page_width(page, tmp_path)
        print(scroll_width, client_width)
        assert 300 <= client_width <= 360 and scroll_width <= client_width


# -- the comparison in Chinese ----------------------------------------------------------------------

def test_comparison_report_is_in_chinese(comparison, tmp_path):
    md = compare_report.to_markdown(comparison)
    page = compare_report.to_html(comparison)
    for text in (md, page):
        assert not [label for label in ENGLISH if label in text]
    headings = re.findall(r"^#+ (.+)$", md, flags=re.M)
    assert headings[0] == "文件对比：a → b"
    assert headings[1:] == ["b 中新出现的提法（1）", "a 中有、b 中不再出现的提法（1）", "人名（b 中新出现 1 人：任命 1 人；不再出现 0 人）",
                            "b 的特征词（G² > 0）", "a 的特征词（G² < 0）", "章节对应（b → a）"]
    assert re.findall(r"<h3>(.*?)</h3>", page) == [h.replace(">", "&gt;").replace("<", "&lt;") for h in headings[1:]]
    labels = set(re.findall(r"<th>(.*?)</th>", page))
    assert labels == {"提法", "类型", "类别", "次数", "频率", "例句", "姓名", "状态", "a 次数", "b 次数", "词语",
                      "a 频率", "b 频率", "G²", "p", "对数比", "b 章节", "b 标题", "a 章节", "a 标题", "余弦",
                      "次优 a 章节", "次优余弦"}
    notes = re.findall(r"^- (.+)$", md, flags=re.M)
    assert notes[:2] == ["参照文件 a：a", "对比文件 b：b"] and all(RE_HAN.search(n) for n in notes)
    assert notes[2].startswith("TF-IDF 余弦相似度 ") and notes[3].startswith("频率为每 10,000 字的出现次数")
    # the content is the same: the cells of the tables
    assert "| 新质生产力 | 词库 | 战略概念 | 2 |" in md and "| 王建武 | 任命 | 0 | 1 |" in md
    empty = compare_report.to_markdown(pt.compare("要推进改革。", "要推进改革。"))
    assert "\n（无）\n" in empty and "(none)" not in empty


@dataclasses.dataclass(frozen=True, eq=False)
class _Titled(Comparison):
    """A comparison that knows its documents' titles (as ``compare`` will: see the next test)."""

    a_title: str | None = None
    b_title: str | None = None


def test_comparison_report_names_documents_by_their_titles(comparison, tmp_path):
    fields = {f.name: getattr(comparison, f.name) for f in dataclasses.fields(Comparison)}
    titled = _Titled(**{**fields, "a_name": "plenum_19_6", "b_name": "plenum_19_7",
                        "a_title": "十九届六中全会公报", "b_title": None})
    md = compare_report.to_markdown(titled)
    assert md.startswith("# 文件对比：十九届六中全会公报 → plenum_19_7\n")  # a title, else the name (file stem)
    assert "- 参照文件 a：十九届六中全会公报" in md and "plenum_19_6" not in md
    page = compare_report.to_html(titled)
    assert "<title>文件对比：十九届六中全会公报 → plenum_19_7</title>" in page
    import docx

    d = docx.Document(str(compare_report.to_docx(titled, tmp_path / "r.docx")))
    assert d.paragraphs[0].text == d.core_properties.title == "文件对比：十九届六中全会公报 → plenum_19_7"


def test_cli_report_names_files_by_their_titles(tmp_path, capsys):
    from policytext.cli import app

    a, b = tmp_path / "plenum_a.txt", tmp_path / "plenum_b.txt"
    a.write_text("中国共产党第十九届中央委员会第六次全体会议公报\n全会指出，要推进改革。", encoding="utf-8")
    b.write_text("全会指出，要发展新质生产力。要发展新质生产力。", encoding="utf-8")  # no title: the file stem
    assert app.main(["compare", str(a), str(b)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# 文件对比：中国共产党第十九届中央委员会第六次全体会议公报 → plenum_b\n")


# -- pages with several parts (issue 15's structures in the study page) --------------------------

#: Two reports on one page; the second part's heading holds markup and an ampersand that must stay text.
PARTS_PAGE = ("领导班子述职报告\n"
              "述职报告\n张三 副校长\n"
              "一、履行职责情况\n一年来，我认真履行分管工作职责，推动教学质量稳步提升。\n"
              "二、存在问题\n理论学习还不够深入，要持续加强理论学习。\n"
              "述职报告\n李四 <b>副校长</b> & 主任\n"
              "一、履行职责情况\n一年来，我全面加强校园安全管理，完善<i>应急</i>预案。\n"
              "二、努力方向\n要持续完善安全管理制度，确保校园平安稳定。\n"
              "同志们！让我们团结一心，努力开创学校工作新局面。")


def test_study_page_nests_the_sections_of_each_part():
    s = pt.summarize(PARTS_PAGE, pictures=False)
    page = study_report.to_html(s)
    sections = page.split("分部分学习要点</h2>")[1].split("<h2>")[0]
    assert re.findall(r"<(h[34])>(.*?)</h[34]>", sections) == [
        ("h3", "述职报告 张三 副校长"), ("h4", "一、履行职责情况"), ("h4", "二、存在问题"),
        ("h3", "述职报告 李四 &lt;b&gt;副校长&lt;/b&gt; &amp; 主任"), ("h4", "一、履行职责情况"), ("h4", "二、努力方向")]
    assert sections.count('<section id="p') == 2 and 'class="part"' in sections
    assert sections.count("<section") == sections.count("</section>") == 6  # well nested: 2 parts, 4 sections
    part2 = sections.split('<section id="p2" class="part">')[1]
    assert '<section id="s2.1">' in part2 and "<strong>结束语：</strong>" in part2
    assert "<b>" not in page and "<i>" not in page and "&lt;i&gt;应急&lt;/i&gt;" in page
    outline = page.split("内容提纲</h2>")[1].split("<h2>")[0].strip()
    assert "<li>述职报告 李四 &lt;b&gt;副校长&lt;/b&gt; &amp; 主任<ul>" in outline and "\n" not in outline
    assert "<ul><li>一、履行职责情况</li>" in outline  # the sections one level under their part


def test_study_page_without_parts_keeps_its_structure(study_page):
    """A document without parts: one <section> per top-level section with an <h3>, no <h4>, no part boxes."""
    sections = study_page.split("分部分学习要点</h2>")[1].split("<h2>")[0]
    assert "<h4>" not in sections and 'class="part"' not in sections and "结束语" not in study_page
    assert sections.count("<h3>") == sections.count('<section id="s') == 5


def test_outline_lists_nest_validly(reference_doc):
    """In the page's outline a sub-list sits inside an item: every child of a <ul> is an <li>."""
    from html.parser import HTMLParser

    from policytext.render.study_report import to_html

    class Nesting(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.stack: list[str] = []
            self.bad: list[str] = []

        def handle_starttag(self, tag, attrs):
            if self.stack and self.stack[-1] == "ul" and tag != "li":
                self.bad.append(tag)
            if tag not in ("br", "img", "meta", "link", "hr", "input"):
                self.stack.append(tag)

        def handle_endtag(self, tag):
            if tag in self.stack:
                while self.stack.pop() != tag:
                    pass

    page = to_html(pt.summarize(reference_doc, pictures=False))
    assert page.count("<ul>") >= 2  # the outline has nested lists
    checker = Nesting()
    checker.feed(page)
    assert checker.bad == []
