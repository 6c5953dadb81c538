"""Tests of policytext.render.fonts and policytext.render: one CJK font for every figure, figures that are not blank."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import matplotlib
import numpy as np
import pytest
from fontTools.ttLib import TTFont
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

import policytext as pt
from policytext.analysis.cooccur import cooccurrence
from policytext.analysis.network import communities
from policytext.analysis.terms import term_frequencies
from policytext.errors import FontError, InvalidParameterError, OutputError
from policytext.render import fonts
from policytext.render.figures import new_figure, save_figure
from policytext.render.graph import graph_html, plot_graph
from policytext.render.wordcloud import wordcloud

REPO = Path(__file__).resolve().parent.parent
DEJAVU = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"  # no CJK glyphs


@pytest.fixture(autouse=True)
def _no_font_env(monkeypatch):
    monkeypatch.delenv(fonts.ENV_VAR, raising=False)


@functools.lru_cache(maxsize=8)
def _cmap(font: Path) -> frozenset[int]:
    tt = TTFont(str(font), fontNumber=0, lazy=True) if font.suffix.lower() in {".ttc", ".otc"} else TTFont(
        str(font), lazy=True)
    try:
        return frozenset(tt.getBestCmap())
    finally:
        tt.close()


def glyphless(text: str, font: Path) -> set[str]:
    """Independent check with fontTools: characters of ``text`` without a glyph in ``font``."""
    cmap = _cmap(Path(font))
    return {c for c in text if not c.isspace() and unicodedata.category(c)[0] != "C" and ord(c) not in cmap}


def assert_not_blank(path_or_image, *, min_fraction=0.005):
    if isinstance(path_or_image, Image.Image):
        arr = np.asarray(path_or_image.convert("L"), dtype=float)
    else:
        with Image.open(path_or_image) as img:
            arr = np.asarray(img.convert("L"), dtype=float)
    background = np.median(arr)
    fraction = float((np.abs(arr - background) > 30).mean())
    assert arr.std() > 1.0 and fraction > min_fraction, (arr.std(), fraction)
    return fraction


# -- fonts ------------------------------------------------------------------------------------


def test_default_font_covers_chinese():
    path = fonts.font_path("党的二十大 机构编制 “两个确立”《条例》（一）2022年")
    assert path.is_file()
    assert not glyphless("党的二十大机构编制“两个确立”《条例》（一）2022年", path)


def test_bundled_font_is_the_pip_installed_noto_sans_sc():
    path = fonts.bundled_font_path()
    assert path.name == "NotoSansSC-Regular.otf"
    import pylopdf_fonts_zh_cn

    assert path == Path(pylopdf_fonts_zh_cn.sans_path())
    # GB 2312 level-1 hanzi are all there
    level1 = "".join(bytes([hi, lo]).decode("gb2312") for hi in range(0xB0, 0xD8) for lo in range(0xA1, 0xFF)
                     if not (hi == 0xD7 and lo > 0xF9))
    assert len(level1) == 3755
    assert not fonts.check_coverage(level1, path)


def test_env_var_wins_over_system_and_bundled(monkeypatch):
    import pylopdf_fonts_zh_cn

    serif = Path(pylopdf_fonts_zh_cn.serif_path())
    monkeypatch.setenv(fonts.ENV_VAR, str(serif))
    assert fonts.font_path() == serif
    assert fonts.font_path("高质量发展") == serif
    assert fonts.matplotlib_font().get_file() == str(serif)
    # an explicit argument wins over the environment
    assert fonts.font_path(font=fonts.bundled_font_path()) == fonts.bundled_font_path()


def test_env_var_pointing_nowhere_raises(monkeypatch, tmp_path):
    monkeypatch.setenv(fonts.ENV_VAR, str(tmp_path / "nope.ttf"))
    with pytest.raises(FontError, match="POLICYTEXT_FONT"):
        fonts.font_path()


def test_explicit_font_missing_glyphs_names_font_and_chars():
    with pytest.raises(FontError) as exc:
        fonts.font_path("abc党建", font=DEJAVU)
    msg = str(exc.value)
    assert "DejaVuSans.ttf" in msg and "党" in msg and "建" in msg and "U+515A" in msg
    assert fonts.check_coverage("abc 党建\n", DEJAVU) == {"党", "建"}


def test_text_no_font_covers_raises():
    rare = "\U0002a6d6"  # CJK Extension B, not in Noto Sans SC
    assert glyphless(rare, fonts.bundled_font_path())
    with pytest.raises(FontError, match="U\\+2A6D6"):
        fonts.font_path("机构" + rare)


def test_check_coverage_ignores_whitespace_and_controls():
    assert fonts.check_coverage(" \t\n\u3000\u200b", DEJAVU) == set()
    with pytest.raises(FontError):
        fonts.check_coverage("x", DEJAVU.with_name("missing.ttf"))
    with pytest.raises(TypeError):
        fonts.check_coverage(b"x", DEJAVU)


@settings(max_examples=50, deadline=None)
@given(text=st.text(max_size=30))
def test_check_coverage_agrees_with_fonttools(text):
    for font in (fonts.bundled_font_path(), DEJAVU):
        missing = fonts.check_coverage(text, font)
        assert missing <= set(text)
        assert not any(c.isspace() for c in missing)
        assert {c for c in missing if unicodedata.category(c)[0] != "C"} == glyphless(text, font)


def test_system_fonts_really_cover_cjk():
    for path in fonts.system_cjk_fonts():
        assert not glyphless("的一是在中国党", path)


def test_font_helpers_leave_rcparams_alone():
    before = dict(matplotlib.rcParams)
    fonts.matplotlib_font("机构编制")
    with fonts.font_context("机构编制"):
        assert matplotlib.rcParams["font.family"] != before["font.family"]
    assert dict(matplotlib.rcParams) == before


def test_font_type_errors():
    with pytest.raises(TypeError):
        fonts.font_path(123)
    with pytest.raises(TypeError):
        fonts.font_path(font=3)


# -- word clouds ----------------------------------------------------------------------------


def test_wordcloud_of_reference_document(reference_doc, tmp_path):
    out = tmp_path / "wc.png"
    img = wordcloud(reference_doc, out, width=400, height=300, max_words=60)
    with Image.open(out) as saved:
        assert saved.size == (400, 300)
    words = img.info["policytext_words"].split("\n")
    font = Path(img.info["policytext_font"])
    assert len(words) >= 20 and "机构编制工作" in words
    assert not glyphless("".join(words), font)  # every drawn character has a glyph
    fraction = assert_not_blank(out, min_fraction=0.05)
    print(f"\nword cloud: {len(words)} words, font {font.name}, non-background pixels {fraction:.1%}")
    # frequencies came from our own tokenization: whole terms, no fragments
    freqs = term_frequencies(reference_doc)
    assert "二十大" not in freqs and freqs["党的二十大"] >= 1


def test_wordcloud_is_deterministic():
    kw = {"党的二十大": 5.0, "高质量发展": 3.0, "机构编制": 2.0, "全面从严治党": 1.0}
    a = np.asarray(wordcloud(kw, width=240, height=160))
    b = np.asarray(wordcloud(kw, width=240, height=160))
    assert np.array_equal(a, b)


def test_wordcloud_accepts_pairs_and_keyword_objects():
    class KW:
        def __init__(self, term, score):
            self.term, self.score = term, score

    img1 = wordcloud([("高质量发展", 0.9), ("机构编制", 0.5), ("负分", -1.0)], width=200, height=120)
    img2 = wordcloud([KW("高质量发展", 0.9), KW("机构编制", 0.5)], width=200, height=120)
    for img in (img1, img2):
        assert sorted(img.info["policytext_words"].split("\n")) == ["机构编制", "高质量发展"]
        assert_not_blank(img)
        assert not glyphless(img.info["policytext_words"], Path(img.info["policytext_font"]))


def test_wordcloud_mask_and_transparent(tmp_path):
    mask = np.full((120, 200), 255, dtype=np.uint8)
    mask[20:100, 40:160] = 0  # draw only inside the box
    img = wordcloud({"机构编制": 3, "高质量发展": 2, "党的建设": 1}, mask=mask, background_color=None)
    assert img.size == (200, 120) and img.mode == "RGBA"
    alpha = np.asarray(img)[..., 3]
    assert alpha[:20].max() == 0 and alpha[20:100, 40:160].max() > 0


def test_wordcloud_empty_gives_blank_image():
    img = wordcloud({}, width=50, height=40)
    assert img.size == (50, 40) and np.asarray(img.convert("L")).std() == 0
    assert img.info["policytext_words"] == ""
    assert wordcloud("", width=10, height=10).size == (10, 10)


def test_wordcloud_errors(tmp_path):
    with pytest.raises(InvalidParameterError, match=".png"):
        wordcloud({"机构": 1}, tmp_path / "wc.gif")
    with pytest.raises(InvalidParameterError):
        wordcloud({"机构": 1}, width=0)
    with pytest.raises(TypeError):
        wordcloud(42)
    with pytest.raises(TypeError):
        wordcloud([1, 2])
    with pytest.raises(FontError, match="DejaVuSans"):
        wordcloud({"机构": 1}, font=DEJAVU)
    with pytest.raises(OutputError):
        wordcloud({"机构": 1}, tmp_path / "missing" / "wc.png", width=60, height=40)


def test_wordcloud_uses_env_font(monkeypatch):
    import pylopdf_fonts_zh_cn

    monkeypatch.setenv(fonts.ENV_VAR, str(pylopdf_fonts_zh_cn.serif_path()))
    img = wordcloud({"机构编制": 1}, width=120, height=60)
    assert Path(img.info["policytext_font"]).name == "NotoSerifSC-Regular.otf"


# -- graph drawings ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ref_graph():
    doc = pt.load(pt.reference_path())
    G = cooccurrence(doc, min_count=2, top=60)
    communities(G, attribute="community")
    return G


def test_plot_graph_png(ref_graph, tmp_path):
    out = tmp_path / "g.png"
    r = plot_graph(ref_graph, out, labels=30, title="机构编制工作共现网络", figsize=(6, 5), dpi=80)
    assert r.path == out and out.is_file()
    drawn = r.text.split("\n")
    # the 30 most frequent connected nodes and the title were drawn
    connected = [n for n in ref_graph if ref_graph.degree(n)]
    expected = sorted(connected, key=lambda n: (-ref_graph.nodes[n]["count"], n))[:30]
    assert set(expected) | {"机构编制工作共现网络"} == set(drawn)
    assert not glyphless("".join(drawn), r.font)
    fraction = assert_not_blank(out, min_fraction=0.01)
    print(f"\ngraph png: {len(drawn)} strings drawn with {r.font.name}, non-background pixels {fraction:.1%}")


def test_plot_graph_svg_and_isolates(ref_graph, tmp_path):
    r = plot_graph(ref_graph, tmp_path / "g.svg", labels=None, isolates=True, figsize=(4, 4))
    root = ET.parse(r.path).getroot()
    assert root.tag.endswith("svg")
    assert set(r.text.split("\n")) == set(ref_graph)
    assert not glyphless(r.text, r.font)


def test_plot_graph_is_deterministic(ref_graph, tmp_path):
    a = plot_graph(ref_graph, tmp_path / "a.png", figsize=(4, 3), dpi=50).path
    b = plot_graph(ref_graph, tmp_path / "b.png", figsize=(4, 3), dpi=50).path
    with Image.open(a) as ia, Image.open(b) as ib:
        assert np.array_equal(np.asarray(ia), np.asarray(ib))


def test_plot_graph_empty_and_errors(tmp_path):
    import networkx as nx

    r = plot_graph(nx.Graph(), tmp_path / "empty.png", figsize=(2, 2), dpi=40)
    assert r.path.is_file() and r.text == ""
    with pytest.raises(InvalidParameterError, match=".svg"):
        plot_graph(nx.Graph(), tmp_path / "g.bmp")
    with pytest.raises(TypeError):
        plot_graph({"a": 1}, tmp_path / "g.png")
    G = nx.Graph()
    G.add_edge("机构", "编制")
    with pytest.raises(FontError):
        plot_graph(G, tmp_path / "g.png", font=DEJAVU)
    assert not (tmp_path / "g.png").exists()


def test_no_pyplot_and_backend_unchanged(tmp_path):
    code = (
        "import sys, matplotlib; b = matplotlib.get_backend(); import policytext as pt\n"
        "from policytext.analysis.cooccur import build_graph\n"
        "from policytext.render.graph import plot_graph\nfrom policytext.render.wordcloud import wordcloud\nfrom policytext.render.figures import new_figure, save_figure\n"
        f"plot_graph(build_graph([['机构编制', '高质量发展']]), r'{tmp_path / 'g.png'}', figsize=(2, 2), dpi=40)\n"
        "wordcloud({'机构编制': 1}, width=60, height=40)\n"
        "fig, ax = new_figure(); ax.plot([1, 2]); ax.set_title('标题')\n"
        f"save_figure(fig, r'{tmp_path / 'f.png'}')\n"
        "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot was imported'\n"
        "assert matplotlib.get_backend() == b\n"
        "print('ok')\n"
    )
    env = {**os.environ, "MPLBACKEND": "svg"}
    env.pop(fonts.ENV_VAR, None)
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "ok"


def test_graph_html_is_offline_and_escaped(ref_graph, tmp_path):
    import networkx as nx

    G = nx.Graph()
    G.add_edge("<script>alert(1)</script>", "高质量发展", weight=1.0, count=1)
    page = graph_html(G, tmp_path / "g.html", title="A & B")
    assert "<script>" not in page and "&lt;script&gt;" in page and "A &amp; B" in page
    assert "http://" not in page.replace("http://www.w3.org/2000/svg", "") and "https://" not in page
    assert (tmp_path / "g.html").read_text(encoding="utf-8") == page
    big = graph_html(ref_graph)
    assert big.count("<circle") == len(ref_graph)


# -- plot helpers for other modules ------------------------------------------------------------------


@pytest.mark.parametrize("ext", [".png", ".svg", ".pdf"])
def test_new_figure_save_figure(tmp_path, ext):
    before = dict(matplotlib.rcParams)
    fig, ax = new_figure(figsize=(4, 3))
    ax.barh(["党的二十大", "高质量发展", "全面从严治党"], [5, 3, 2], label="频次")
    ax.set_title("关键词 keyness")
    ax.set_xlabel("对数似然比 G²")
    ax.legend()
    r = save_figure(fig, tmp_path / f"bar{ext}")
    assert r.path.is_file() and r.path.stat().st_size > 1000
    drawn = r.text.split("\n")
    assert {"党的二十大", "高质量发展", "全面从严治党", "关键词 keyness", "对数似然比 G²", "频次"} <= set(drawn)
    assert not glyphless(r.text, r.font)
    if ext == ".png":
        assert_not_blank(r.path)
    assert dict(matplotlib.rcParams) == before


def test_save_figure_font_error_and_extension(tmp_path):
    fig, ax = new_figure(figsize=(2, 2))
    ax.set_title("机构")
    with pytest.raises(FontError):
        save_figure(fig, tmp_path / "x.png", font=DEJAVU)
    with pytest.raises(InvalidParameterError):
        save_figure(fig, tmp_path / "x.jpg")


# -- the example script ------------------------------------------------------------------------------


def test_example_cooccurrence_graph(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != fonts.ENV_VAR}
    res = subprocess.run(
        [sys.executable, str(REPO / "examples" / "cooccurrence_graph.py"), "-o", str(tmp_path / "out")],
        capture_output=True, text=True, env=env, timeout=300, cwd=tmp_path,
    )
    assert res.returncode == 0, res.stderr
    names = {p.name for p in (tmp_path / "out").iterdir()}
    assert {"graph.gexf", "graph.graphml", "graph.png", "graph.html", "centralities.csv"} <= names
    import networkx as nx

    G = nx.read_gexf(tmp_path / "out" / "graph.gexf")
    assert len(G) > 10 and all("community" in d for _, d in G.nodes(data=True))
    assert_not_blank(tmp_path / "out" / "graph.png")
    labels = "".join(G.nodes)
    assert not glyphless(labels, fonts.font_path())
    assert "communities" in res.stdout


def test_cli_graph_png(tmp_path, capsys):
    import argparse

    from policytext.cli import graph as graph_cli

    parser = argparse.ArgumentParser(prog="policytext")
    graph_cli.add_parser(parser.add_subparsers())
    png, gexf = tmp_path / "g.png", tmp_path / "g.gexf"
    args = parser.parse_args(["graph", str(pt.reference_path()), "-o", str(gexf), "--png", str(png),
                              "--min-count", "2", "--top", "40"])
    assert args.func(args) == 0
    assert png.is_file() and gexf.is_file()
    assert_not_blank(png)
    import networkx as nx

    labels = "".join(nx.read_gexf(gexf).nodes)  # every label the drawing may show
    assert not glyphless(labels, fonts.font_path())
    assert "wrote" in capsys.readouterr().out


# -- readable drawings: labels that do not overlap, components packed (audit M8) --------------------------


def _capture_figure(monkeypatch):
    """Record the figure ``plot_graph`` saves (to inspect what it drew)."""
    from matplotlib.figure import Figure

    seen = {}
    real = Figure.savefig

    def savefig(self, *args, **kwargs):
        seen["fig"] = self
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Figure, "savefig", savefig)
    return seen


def _label_boxes(fig):
    """Pixel boxes of the node labels and the title."""
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    texts = [*ax.texts, ax.title]
    return {t.get_text(): t.get_window_extent(renderer) for t in texts if t.get_visible() and t.get_text()}


def _node_pixels(fig):
    from matplotlib.collections import PathCollection

    ax = fig.axes[0]
    (nodes,) = [c for c in ax.collections if isinstance(c, PathCollection)]
    return ax.transData.transform(nodes.get_offsets())


def _overlapping(boxes):
    names = sorted(boxes)
    return [(a, b) for i, a in enumerate(names) for b in names[i + 1:] if boxes[a].overlaps(boxes[b])]


@pytest.fixture(scope="module")
def communique_graph():
    from conftest import shared_path

    G = cooccurrence(pt.load(shared_path("plenum_20_3_communique.txt")), top=50)  # `policytext graph`'s default
    communities(G, attribute="community")
    return G


@pytest.mark.parametrize("which", ["reference", "communique"])
def test_plot_graph_labels_do_not_overlap(which, ref_graph, request, tmp_path, monkeypatch):
    G = ref_graph if which == "reference" else request.getfixturevalue("communique_graph")
    seen = _capture_figure(monkeypatch)
    r = plot_graph(G, tmp_path / "g.png", title="共现网络")
    fig = seen["fig"]
    boxes = _label_boxes(fig)
    connected = [n for n in G if G.degree(n)]
    assert set(boxes) == set(r.text.split("\n")) == set(connected) | {"共现网络"}  # every label is still drawn
    assert _overlapping(boxes) == []
    inside = fig.bbox
    for name, box in boxes.items():
        assert inside.x0 <= box.x0 and box.x1 <= inside.x1 and inside.y0 <= box.y0 and box.y1 <= inside.y1, name
    assert not glyphless(r.text, r.font)
    print(f"\n{which}: {len(boxes) - 1} labels, none overlapping; image {r.path.stat().st_size} bytes")


def test_plot_graph_without_overlap_avoidance_centres_labels(tmp_path, monkeypatch, reference_doc):
    # the graph of every content token: dense enough that centred labels overlap at this size
    dense = cooccurrence(reference_doc, min_count=2, top=60, nodes="content", phrases=False)
    seen = _capture_figure(monkeypatch)
    plot_graph(dense, tmp_path / "g.png", avoid_overlap=False, figsize=(4, 3), dpi=60)
    boxes = _label_boxes(seen["fig"])
    assert _overlapping(boxes)  # at this size they do overlap: the avoidance is what separates them
    plot_graph(dense, tmp_path / "h.png", figsize=(4, 3), dpi=60)
    assert len(_overlapping(_label_boxes(seen["fig"]))) < len(_overlapping(boxes))


def test_plot_graph_small_components_do_not_shrink_the_main_one(tmp_path, monkeypatch):
    import networkx as nx

    names = ["改革", "制度", "体制", "国家", "社会", "安全", "国际", "文化", "治理", "经济",
             "人民", "民生", "法治", "生态", "开放", "创新", "市场", "城乡", "领导", "精神"]
    core = nx.relabel_nodes(nx.gnp_random_graph(len(names), 0.35, seed=3), dict(enumerate(names)))
    G = nx.Graph()
    G.add_nodes_from(names, count=3)
    G.add_edges_from(core.edges, weight=1.0)
    G.add_edges_from([("决定", "委员"), ("委员", "中央委员会"), ("中央委员会", "决定")], weight=1.0)
    assert nx.number_connected_components(G) == 2
    seen = _capture_figure(monkeypatch)
    plot_graph(G, tmp_path / "g.png", figsize=(8, 6), dpi=50)
    fig = seen["fig"]
    xy = _node_pixels(fig)
    order = sorted(G.nodes, key=str)  # plot_graph draws nodes in this order
    main = np.array([xy[i] for i, n in enumerate(order) if n in names])
    span = (main.max(axis=0) - main.min(axis=0)) / [fig.bbox.width, fig.bbox.height]
    assert (span > 0.5).all(), span  # the main component fills most of the figure, not a corner of it
    other = np.array([xy[i] for i, n in enumerate(order) if n not in names])
    assert (other.min(axis=0) > 0).all() and (other.max(axis=0) < [fig.bbox.width, fig.bbox.height]).all()


def test_plot_graph_layout_option(tmp_path, ref_graph):
    for layout in ("spring", "kamada_kawai", "auto"):
        r = plot_graph(ref_graph, tmp_path / f"{layout}.png", layout=layout, figsize=(3, 3), dpi=40)
        assert r.path.is_file()
    with pytest.raises(InvalidParameterError, match="auto, kamada_kawai, spring"):
        plot_graph(ref_graph, tmp_path / "x.png", layout="circle")
    assert not (tmp_path / "x.png").exists()


# -- data from analysis.terms, declared parameter checks (issue 14) ----------------------------------------


def test_wordcloud_of_a_text_a_path_and_a_section_uses_the_documents_terms(tmp_path):
    text = "一、坚持党的全面领导\n推动高质量发展，实现高质量发展。\n二、完善机构编制\n学习党的二十大精神。"
    src = tmp_path / "doc.txt"
    src.write_text(text, encoding="utf-8")
    doc = pt.load(src)
    freq = {"weights": "frequency"}  # the document's term frequencies (the keyword default is tested below)
    expected = wordcloud(doc, width=200, height=120, **freq).info["policytext_words"]
    assert set(expected.split("\n")) == set(term_frequencies(doc))
    for obj in (text, src, str(src)):
        assert wordcloud(obj, width=200, height=120, **freq).info["policytext_words"] == expected
    sec = doc.sections[1]
    assert set(wordcloud(sec, width=200, height=120, **freq).info["policytext_words"].split("\n")) == set(
        term_frequencies(sec))


def test_wordcloud_parameter_checks(tmp_path):
    for kw in ({"width": 0}, {"height": -1}, {"max_words": 2.0}, {"width": True}, {"tokenizer": "jieba"}):
        with pytest.raises(InvalidParameterError, match=f"'{next(iter(kw))}' parameter of wordcloud"):
            wordcloud({"机构": 1}, **kw)
    assert wordcloud({"机构": 1}, width=np.int64(60), height=np.int32(40)).size == (60, 40)
    with pytest.raises(TypeError, match="^wordcloud expects"):
        wordcloud(b"bytes")


def test_plot_graph_and_graph_html_parameter_checks(tmp_path):
    import networkx as nx

    G = nx.Graph()
    G.add_edge("机构", "编制")
    for call in (plot_graph, graph_html):
        name = call.__name__
        with pytest.raises(InvalidParameterError, match=f"'labels' parameter of {name}"):
            call(G, tmp_path / "g.png" if call is plot_graph else None, labels=-1)
        with pytest.raises(InvalidParameterError, match=f"'G' parameter of {name}"):
            call([("机构", "编制")], tmp_path / "g.png" if call is plot_graph else None)
    with pytest.raises(InvalidParameterError, match=r"'cmap' parameter of plot_graph got the unknown value 'no-such-map'.*viridis"):
        plot_graph(G, tmp_path / "g.png", cmap="no-such-map")
    with pytest.raises(InvalidParameterError, match=r"path extension"):
        graph_html(G, tmp_path / "g.txt")
    assert _listing_names(tmp_path) == []
    r = plot_graph(G, tmp_path / "g.png", labels=0, figsize=(2, 2), dpi=40)
    assert r.text == "" and r.path.is_file()


def _listing_names(folder):
    return sorted(p.name for p in folder.iterdir())


def test_plot_graph_leader_lines_join_moved_labels_to_their_nodes(reference_doc, tmp_path, monkeypatch):
    from matplotlib.collections import LineCollection

    # the graph of every content token: dense enough that labels must move beyond the first ring at this size
    dense = cooccurrence(reference_doc, min_count=2, top=60, nodes="content", phrases=False)
    seen = _capture_figure(monkeypatch)
    plot_graph(dense, tmp_path / "g.png", figsize=(4, 3), dpi=60)
    ax = seen["fig"].axes[0]
    texts = {t.get_text(): t.get_position() for t in ax.texts}
    leaders = [c for c in ax.collections if isinstance(c, LineCollection) and c.get_zorder() == 3]
    assert len(leaders) == 1  # at this size some labels had to move
    ends = {tuple(np.round(seg[1], 9)) for seg in leaders[0].get_segments()}
    moved = {n for n, xy in texts.items() if tuple(np.round(xy, 9)) in ends}
    assert moved and len(moved) == len(ends)


# -- one unit of meaning: clouds follow keyword scores, labels beside their discs (issue 16 item 5) -------------


def _drawn_sizes(img):
    words = img.info["policytext_words"].split("\n")
    return dict(zip(words, map(int, img.info["policytext_sizes"].split("\n"))))


@pytest.mark.parametrize("name", ["reference", "gwr_2022.txt", "congress_20_report.txt"])
def test_wordcloud_of_a_document_follows_its_keyword_scores(name, reference_doc):
    from conftest import shared_path

    from policytext.render.wordcloud import written_form

    doc = reference_doc if name == "reference" else pt.load(shared_path(name))
    kws = pt.keywords(doc, top=200)
    img = wordcloud(doc, width=900, height=560)
    sizes = _drawn_sizes(img)
    form = {k: written_form(k) for k in kws}  # as the document wrote them (issue 16 item 5, Keyword.forms)
    assert set(sizes) <= set(form.values())  # the keyword units, phrases whole
    drawn = [k for k in kws if form[k] in sizes]
    assert len(drawn) >= min(len(kws), 20)
    # a higher keyword score is never drawn smaller
    for a, b in zip(drawn, drawn[1:]):
        assert a.score < b.score or sizes[form[a]] >= sizes[form[b]], (a, b)
    assert sizes[form[kws[0]]] == max(sizes.values())
    # the frequency cloud draws single content terms by count instead
    freq = _drawn_sizes(wordcloud(doc, width=900, height=560, weights="frequency"))
    assert set(freq) <= set(term_frequencies(doc))


def test_wordcloud_weights_option():
    with pytest.raises(InvalidParameterError, match="'weights' parameter of wordcloud"):
        wordcloud("推动高质量发展。", weights="tfidf")
    # given scores are drawn as given, whatever weights says
    img = wordcloud({"机构编制": 3, "高质量发展": 1}, width=200, height=120, weights="frequency")
    sizes = _drawn_sizes(img)
    assert sizes["机构编制"] > sizes["高质量发展"]


def _label_disc_hits(fig):
    """(label, disc) pairs that overlap in a drawn figure, measured here from what matplotlib drew."""
    from matplotlib.collections import PathCollection

    ax = fig.axes[0]
    renderer = fig.canvas.get_renderer()
    (discs,) = [c for c in ax.collections if isinstance(c, PathCollection)]
    centers = ax.transData.transform(discs.get_offsets())
    radii = np.sqrt(discs.get_sizes()) / 2 * fig.dpi / 72  # marker area in pt^2 -> radius in px
    hits = []
    for t in ax.texts:
        if not (t.get_visible() and t.get_text()):
            continue
        b = t.get_window_extent(renderer)
        for (cx, cy), r in zip(centers, radii):
            dx, dy = max(b.x0 - cx, 0, cx - b.x1), max(b.y0 - cy, 0, cy - b.y1)
            if dx * dx + dy * dy < r * r:
                hits.append(t.get_text())
    return hits


@pytest.mark.parametrize("name", ["reference", "plenum_20_3_communique.txt", "gwr_2022.txt",
                                  "congress_20_report.txt", "sx_1001.txt"])
def test_plot_graph_labels_cover_no_node_disc(name, reference_doc, tmp_path, monkeypatch):
    from conftest import shared_path

    from policytext.render.graph import label_disc_overlaps

    doc = reference_doc if name == "reference" else pt.load(shared_path(
        f"../headed/{name}" if name.startswith("sx_") else name))
    G = cooccurrence(doc, top=40, min_count=2 if len(doc.sentences) > 40 else 1)  # the study report's graph
    communities(G, attribute="community")
    seen = _capture_figure(monkeypatch)
    r = plot_graph(G, tmp_path / "g.png", title="共现网络")
    fig = seen["fig"]
    assert _label_disc_hits(fig) == [] and label_disc_overlaps(fig) == 0
    boxes = _label_boxes(fig)
    assert set(boxes) == set(r.text.split("\n"))  # every label is still drawn
    assert _overlapping(boxes) == []
    # the check can fail: labels centred on their nodes cover them
    plot_graph(G, tmp_path / "h.png", avoid_overlap=False)
    n_labels = len(boxes) - 1  # the title is not a label
    assert len(_label_disc_hits(seen["fig"])) >= n_labels and label_disc_overlaps(seen["fig"]) >= n_labels
