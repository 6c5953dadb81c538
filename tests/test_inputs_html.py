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


# -- pages as saved from official sites (issue 15 item 5) -------------------------------------------
# The pages below are built here, in the templates such sites use; their text is invented.

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from policytext.errors import InputError  # noqa: E402
from policytext.text.html import extract_html, page_title  # noqa: E402
from policytext.text.io import read_document  # noqa: E402

NOTICE_TITLE = "关于开展读书月活动的通知"
NOTICE_BODY = (
    "<p style='text-align:center'><strong><span>关于开展读书月\n   活动的通知</span></strong></p>"
    "<p><span>各党支部、各年级组：</span></p>"
    "<p><span>为营造书香校园，经研究，决定在全校开展读书月活动。现将有关事项通知如下。</span></p>"
    "<p><strong><span>一、活动时间</span></strong></p>"
    "<p><span>四月一日至四月三十日。</span></p>"
    "<p><strong><span>二、活动内容</span></strong></p>"
    "<p><span>各班级组织学生每人精读一本好书，撰写读书笔记。</span>"
    "<span style='color:red'>月底前，各年级组提交优秀笔记十篇。</span></p>"
    "<p><strong><span>三、工作要求</span></strong></p>"
    "<p><span>各党支部要高度重视，精心组织，确保活动取得实效。</span></p>"
    "<p>附件：<a href='/UploadFiles/a.docx'>读书笔记评分表.docx</a></p>"
    "<p style='text-align:right'><span>某某中学党委<br>2023年4月3日</span></p>"
)
#: A school site's template: top bar, logo, search, menus, side lists, breadcrumb, info line, print link,
#: previous/next links and a footer.
SCHOOL_PAGE = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">
<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>{NOTICE_TITLE}--党政办-某某市第一中学</title>
<script>var siteSetup = {{sitePath: '/'}};</script></head>
<div id="top"><div class="siteWidth"><div class="date">今天是<script src="/js/show_date.js"></script></div>
<div class="toplink"><a href="/c370">公共文件夹</a> | <a href="http://10.0.0.1/">智慧校园</a> |
<a href="/i1380">办公电话</a> | <a href="/i13310">作息时间</a> | <a href="http://10.0.0.2/">图书馆</a></div></div></div>
<div id="header"><h1 class="logo"><a href="/"><img src="/logo.png" /></a></h1>
<div class="link"><span id="topLoginFrom"><a href="/User">登录</a>|<a href="/Reg">注册</a></span></div>
<div class="s-form"><input id="keyword2" value="请输入关键词"><input type="button" value="搜索"></div></div>
<div class="nav"><ul id="mainNav" class="mainNav">
<li class="li1"><h4 class="h1"><a href="/">首页</a></h4></li>
<li class="li1"><h4 class="h1"><a href="/c1">新闻中心</a></h4><ul class="ul1">
<li class="li2"><h4 class="h2"><a href="/c20">学校公告</a></h4></li>
<li class="li2"><h4 class="h2"><a href="/c21">一中新闻</a></h4></li></ul></li>
<li class="li1"><h4 class="h1"><a href="/c50">党建引领</a></h4></li></ul></div>
<div id="content"><div class="siteWidth"><div class="side"><div id="sideMenu"><div class="hd"><h3>
<a href="/c20">学校公告</a></h3></div><div class="bd"><ul><li><a href="/c25">党政办</a></li>
<li><a href="/c26">教学处</a></li><li><a href="/c27">德育处</a></li></ul></div></div>
<div class="box sideBox"><div class="hd"><h3>推荐阅读</h3></div><div class="bd"><ul class="sideinfoList">
<li><a href="/i2" title="标题：关于召开教职工大会的通知">关于召开教职工大会的通知</a><span class="dateRight">[08-18]</span></li>
<li><a href="/i3">关于调整作息时间的通知</a><span class="dateRight">[08-12]</span></li></ul></div></div></div>
<div class="mainContent"><div class="mainBox"><div class="mHd">
<div class="path"><span>当前位置：</span><a href="/">首页</a> &gt; <a href="/c1">新闻中心</a>&gt;
<a href="/c20">学校公告</a>&gt; <a href="/c25">党政办</a></div><h3>党政办</h3></div>
<div class="mBd"><!--startprint--><div class="printArea">
<h2 class="title">{NOTICE_TITLE}</h2><h3 class="subTitle"><span></span></h3>
<div class="property"> <span>文章来源：</span> <span>作者：</span> <span>发布时间：2023年04月05日</span>
<span>点击数：<script src="/GetHits.aspx?id=1"></script> 次</span></div>
<div class="conTxt">{NOTICE_BODY}</div><!--endprint-->
<div class="userControl"><a href="javascript:doPrint()">【打印正文】</a></div>
<div class="others"><div class="prev"><span>上一篇：</span><a href="/i0">关于公布先进集体名单的通知</a>[ 04-01 ]</div>
<div class="next"><span>下一篇：</span><a href="/i4">关于开展植树活动的通知</a>[ 04-06 ]</div></div>
</div></div></div></div></div></div>
<div id="footer"><ul class="footerNav"><li><a href="/map">网站地图</a></li><li class="spe">|</li>
<li><a href="/mail">校长信箱</a></li></ul>
<div class="copyRight"><p>某某市第一中学 版权所有 Copyright © All Rights Reserved.<br>地址：某某市某某大道100号 电话：0000-00000000</p>
<p><a href="http://www.beian.gov.cn/"><img src="/ga.png">某公网安备 00000000000000号</a> ICP证：某ICP备00000000号-1</p></div></div>
</html>"""

#: A government site's template: meta PubDate, header nav, breadcrumb, h1, info line with 字号, print/close
#: links, share bar and a footer with 主办单位 and 网站标识码.
GOV_TITLE = "某某市人民政府办公室关于进一步做好春季防火工作的通知"
GOV_PAGE = f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="PubDate" content="2024-03-08 10:30"><meta name="ColumnName" content="通知公告">
<title>{GOV_TITLE}_某某市人民政府门户网站</title><style>.x{{color:red}}</style></head><body>
<header class="header"><nav class="nav-main"><ul><li><a href="/">首页</a></li><li><a href="/zw">政务公开</a></li>
<li><a href="/fw">政务服务</a></li><li><a href="/hd">互动交流</a></li></ul></nav></header>
<div class="breadcrumb">您现在的位置：<a href="/">首页</a> &gt; <a href="/zw">政务公开</a> &gt; 通知公告</div>
<div class="article"><h1 class="article-title">{GOV_TITLE}</h1>
<div class="article-info"><span>来源：某某市人民政府办公室</span><span>发布时间：2024-03-08 10:30</span>
<span>字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a></span></div>
<div id="zoom" class="article-content">
<p>各县（市、区）人民政府，市政府各部门：</p>
<p>当前已进入春季防火关键期。为切实做好防火工作，经市政府同意，现就有关事项通知如下：</p>
<p>一、压实防火责任</p><p>各地要严格落实属地管理责任，逐级签订防火责任书。</p>
<p>二、加强巡查管控</p><p>加密重点区域巡查频次，严禁野外违规用火。</p>
<p>三、做好应急准备</p><p>完善应急预案，备足扑救物资，确保一旦发生火情能够迅速处置。</p>
<p style="text-align:right">某某市人民政府办公室</p><p style="text-align:right">2024年3月6日</p></div>
<div class="article-tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div></div>
<footer class="footer"><p><a href="/about">关于我们</a> | <a href="/map">网站地图</a> | <a href="/contact">联系我们</a></p>
<p>主办单位：某某市人民政府办公室　网站标识码：0000000000</p><p>某ICP备00000000号</p></footer></body></html>"""

CHROME = ["公共文件夹", "智慧校园", "登录", "首页", "新闻中心", "当前位置", "推荐阅读", "关于召开教职工大会的通知",
          "打印", "上一篇", "下一篇", "版权所有", "ICP", "网站地图", "点击数", "党政办", "搜索", "您现在的位置",
          "政务服务", "字号", "关闭窗口", "分享到", "主办单位", "网站标识码", "今天是"]


def _article_lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line]


def test_school_page_yields_the_article():
    art = extract_html(SCHOOL_PAGE)
    lines = _article_lines(art.text)
    assert lines[0] == NOTICE_TITLE and art.title == NOTICE_TITLE
    assert lines[1:4] == ["各党支部、各年级组：",
                          "为营造书香校园，经研究，决定在全校开展读书月活动。现将有关事项通知如下。", "一、活动时间"]
    assert "各班级组织学生每人精读一本好书，撰写读书笔记。月底前，各年级组提交优秀笔记十篇。" in lines
    assert "附件：读书笔记评分表.docx" in lines  # a line that is mostly a link, kept: an attachment
    assert lines[-2:] == ["某某中学党委", "2023年4月3日"]
    for word in CHROME:
        assert word not in art.text, word
    assert art.metadata == {"page_title": NOTICE_TITLE, "site": "党政办-某某市第一中学", "page_date": "2023-04-05",
                            "page_chrome": art.metadata["page_chrome"]}
    assert art.metadata["page_chrome"] > 20


def test_government_page_yields_the_article_and_its_fields():
    art = extract_html(GOV_PAGE)
    lines = _article_lines(art.text)
    assert lines[0] == GOV_TITLE and lines[1] == "各县（市、区）人民政府，市政府各部门："
    assert lines[-1] == "2024年3月6日" and "二、加强巡查管控" in lines
    for word in CHROME:
        assert word not in art.text, word
    assert art.metadata["page_date"] == "2024-03-08" and art.metadata["site"] == "某某市人民政府门户网站"
    assert art.metadata["page_source"] == "某某市人民政府办公室" and art.metadata["page_title"] == GOV_TITLE


@pytest.mark.parametrize("page, title, headings", [
    (SCHOOL_PAGE, NOTICE_TITLE, ["活动时间", "活动内容", "工作要求"]),
    (GOV_PAGE, GOV_TITLE, ["压实防火责任", "加强巡查管控", "做好应急准备"]),
])
def test_saved_pages_parse_to_their_document(tmp_path, page, title, headings):
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    doc = pt.load(path)
    assert doc.title == title
    assert [s.heading for s in doc.sections] == headings
    for word in CHROME:
        assert word not in doc.text, word
    text, meta = read_document(path)
    assert text == read_text(path) and meta["page_title"] == title
    # the page date is kept apart: the text never carries it, so the document's own date wins
    assert meta["page_date"] not in doc.text and "发布时间" not in doc.text


def test_gbk_page_and_page_without_chrome_keep_everything():
    plain = f"<html><head><title>{TITLE}</title></head><body>{BODY}</body></html>"
    assert read_text(plain.encode("gb18030")) == read_text(plain.encode("utf-8"))
    assert read_text(plain.encode("utf-8")) == TITLE + "\n一、总体要求\n要深化机构改革。要加强党的领导。\n二、任务\n要推进法定化。"
    text, meta = read_document(plain.encode("utf-8"))
    assert meta == {"page_title": TITLE}


def test_the_heading_that_matches_the_title_wins_over_the_title_tag():
    page = ("<title>读书月活动通知 - 某某中学</title><div class=nav><a href=/>首页</a> <a href=/a>校园新闻</a></div>"
            "<h3>校园新闻</h3><h1>关于开展2023年读书月活动的通知</h1><div class=text><p>全体师生：</p>"
            "<p>为营造书香校园，决定开展读书月活动。</p></div>")
    art = extract_html(page)
    assert art.title is None or art.title == "读书月活动通知"  # no heading contains the short title
    page2 = page.replace("<title>读书月活动通知 - 某某中学</title>", "<title>关于开展2023年读书月活动的通知_某某中学</title>")
    art2 = extract_html(page2)
    assert art2.title == "关于开展2023年读书月活动的通知"
    assert art2.text.split("\n")[:2] == ["关于开展2023年读书月活动的通知", "全体师生："]
    assert "校园新闻" not in art2.text


def test_page_title_strips_the_site_name():
    assert page_title("关于某事的通知--党政办-某某市第一中学") == ("关于某事的通知", "党政办-某某市第一中学")
    assert page_title("某某市人民政府关于某事的通知_某某市人民政府门户网站") == (
        "某某市人民政府关于某事的通知", "某某市人民政府门户网站")
    assert page_title("2024年政府工作报告") == ("2024年政府工作报告", None)


def test_a_line_break_inside_a_paragraph_is_whitespace_as_browsers_show_it():
    assert read_text("<html><p>深化\n  机构改革。</p><p>Deepen\n reform.</p><pre>一\n二</pre>".encode()) == (
        "深化机构改革。\nDeepen reform.\n一\n二")


# -- properties: extraction never loses article text, never raises on arbitrary markup ---------------

_WORDS = ["要", "加强", "学习", "推进", "改革", "工作", "学校", "教师", "学生", "开展", "活动", "落实", "制度",
          "建设", "质量", "安全", "服务", "党员", "组织", "发展", "123", "ABC", "（试行）", "“五育”"]
_sentence = st.lists(st.sampled_from(_WORDS), min_size=2, max_size=8).map(lambda w: "".join(w)) \
    .flatmap(lambda s: st.sampled_from([s + "。", s + "，" + s + "；", s + "！"]))
_paragraph = st.lists(_sentence, min_size=1, max_size=3).map("".join)
_heading = st.tuples(st.sampled_from("一二三四五六七八九十"), st.lists(st.sampled_from(_WORDS), min_size=1, max_size=4)) \
    .map(lambda t: f"{t[0]}、{''.join(t[1])}")
_article = st.lists(st.one_of(_paragraph, _heading), min_size=1, max_size=12).filter(
    lambda ps: any(p.endswith(("。", "；", "！")) for p in ps))
_NAV = "<div class='{c}'><ul>" + "".join(f"<li><a href='/{i}'>{w}</a></li>" for i, w in
                                          enumerate(["首页", "新闻中心", "学校概况", "校务公开"])) + "</ul></div>"
_CHROME_BLOCKS = [
    _NAV.format(c="nav"), _NAV.format(c="menu"),
    "<div class=path>当前位置：<a href=/>首页</a> &gt; <a href=/a>通知公告</a></div>",
    "<div class=info>发布时间：2022-05-06 点击数：12</div>",
    "<div><a href=#>【打印本页】</a> <a href=#>【关闭窗口】</a></div>",
    "<div class=pn>上一篇：<a href=/p>某某通知</a><br>下一篇：<a href=/n>某某公告</a></div>",
    "<div id=footer><p>某某中学 版权所有 Copyright ©</p><p>地址：某某路1号，电话：0000-0000000，邮编：000000</p></div>",
    "<div class=sideBox><h3>推荐阅读</h3><ul><li><a href=/x>某某活动圆满结束</a>[05-01]</li>"
    "<li><a href=/y>某某比赛获奖名单</a>[04-28]</li></ul></div>",
]
_WRAPPERS = [("<div class=conTxt>", "</div>"), ("<div id=zoom><div class=TRS_Editor>", "</div></div>"),
             ("<article>", "</article>"), ("<table><tr><td class=content>", "</td></tr></table>"),
             ("<section class=main><div>", "</div></section>")]


def _render(paragraphs: list[str], tags: list[str]) -> str:
    return "".join(f"<{t}>{p}</{t}>" for p, t in zip(paragraphs, tags))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article=_article, before=st.lists(st.sampled_from(_CHROME_BLOCKS), max_size=4),
       after=st.lists(st.sampled_from(_CHROME_BLOCKS), max_size=4), wrapper=st.sampled_from(_WRAPPERS),
       tags=st.lists(st.sampled_from(["p", "div", "h3", "li", "p"]), min_size=12, max_size=12),
       title=st.booleans())
def test_extraction_never_loses_article_text(article, before, after, wrapper, tags, title):
    body = _render(article, tags)
    if any(t == "li" for t in tags[: len(article)]):
        body = f"<ul>{body}</ul>"
    page = ("<html><head>" + ("<title>某某通知--某某中学</title>" if title else "") + "</head><body>"
            + "".join(before) + wrapper[0] + body + wrapper[1] + "".join(after) + "</body></html>")
    lines = extract_html(page).text.split("\n")
    assert [line for line in lines if line in article] == article  # every line, in order
    for word in ("首页", "当前位置", "打印本页", "上一篇", "版权所有", "推荐阅读", "发布时间"):
        assert not any(word in line for line in lines), word


_MARKUP = st.lists(st.one_of(
    st.sampled_from(["<p>", "</p>", "<div class=nav>", "</div>", "<a href=x>", "</a>", "<li>", "<ul>", "</ul>",
                     "<br>", "<br/>", "</br>", "<script>", "</script>", "<style>", "<title>", "</title>", "<h1>",
                     "</h1>", "<td>", "<tr>", "<table>", "&amp;", "&#x4e00;", "&#99999999;", "&bogus;", "<!--",
                     "-->", "<![CDATA[", "]]>", "<!DOCTYPE html>", "<meta name=PubDate content=2022-13-45>",
                     "<pre>", "</pre>", "<svg><title>x</title></svg>", "<", ">", "\n", " ", "\u3000", "\xa0"]),
    st.text(max_size=12),
    st.sampled_from(["要加强学习。", "一、总体要求", "版权所有", "当前位置：", "发布时间：2022年1月2日"]),
), max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(_MARKUP)
def test_extraction_never_raises_on_arbitrary_markup(markup):
    art = extract_html(markup)
    assert isinstance(art.text, str) and "\n\n" not in art.text
    try:
        text, meta = read_document(("<html>" + markup).encode("utf-8", "surrogatepass"), format="html")
    except InputError:
        return
    assert text.strip() and isinstance(meta, dict)


def test_deep_nesting_does_not_recurse():
    page = "<div>" * 5000 + "<p>要加强学习。</p>" + "</div>" * 5000
    assert read_text(page.encode()) == "要加强学习。"


def test_corpus_documents_from_web_pages_get_the_page_fields(tmp_path):
    """A corpus folder of saved pages: each document has the article and the page's fields, as pt.load gives."""
    page = ("<html><head><title>关于开展读书活动的通知--党政办-某某中学</title></head><body>"
            "<div class='nav'><a href='/'>首页</a> | <a href='/x'>智慧校园</a></div>"
            "<div class='article'><h1>关于开展读书活动的通知</h1><p>发布时间：2023年4月5日</p>"
            "<p>各支部要组织党员读书。</p><p>读书活动于4月底前完成。</p></div>"
            "<div class='footer'>版权所有 某某中学</div></body></html>")
    (tmp_path / "a.html").write_text(page, encoding="utf-8")
    expected = pt.load(tmp_path / "a.html")
    corpus = pt.Corpus.from_folder(tmp_path, pattern="*.html", metadata=None)
    (doc,) = list(corpus)
    by_bytes = corpus.map(_page_fields, processes=1, send="bytes")["a"]
    assert doc.metadata.get("page_title") == expected.metadata.get("page_title") == "关于开展读书活动的通知"
    assert by_bytes == (doc.metadata.get("page_title"), doc.metadata.get("date"), doc.text)
    assert doc.text == expected.text and "智慧校园" not in doc.text


def _page_fields(doc):
    return doc.metadata.get("page_title"), doc.metadata.get("date"), doc.text
