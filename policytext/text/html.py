"""The article of a saved web page: main content, title and page date, without the site's chrome.

Pages saved from official sites carry the document inside a template: a top
bar (``公共文件夹 | 智慧校园 | …``), menus, a breadcrumb (``当前位置：首页 >
…``), a side list of other articles, an info line (``文章来源： 作者：
发布时间：2022年11月17日 点击数：``), ``【打印正文】`` / ``关闭窗口`` links,
``上一篇/下一篇`` and a footer (``版权所有 … ICP备…``). :func:`extract_html`
keeps the article:

1. the page is read into a tree as browsers do (``<script>``/``<style>``
   dropped, unclosed ``<p>``/``<li>``/``<td>`` closed by the next one, stray
   end tags ignored, whitespace collapsed, a line break between two Chinese
   characters removed);
2. **text density**: every line of article prose (a line with sentence
   punctuation, mostly not link text, and not page furniture) is found; the
   main content is the smallest element that holds all of them, widened while
   what it leaves out is plain text rather than links or furniture — so no
   article line is ever dropped;
3. inside it, link lists (``上一篇：…``) and furniture lines (``【打印本页】``,
   ``关闭窗口``, ``当前位置：…``, ``版权所有…``, the info line) are dropped;
4. **title**: the ``<title>`` without the site name (``…的通知--党政办-某中学``
   → ``…的通知``); the page heading (``<h1>``…``<h3>`` or an element whose
   class is ``title``) that matches it is the article's title and opens the
   text unless the article already starts with it;
5. **page date**: ``<meta name="PubDate" …>`` and similar, else the info
   line's ``发布时间：…``. It goes to ``metadata["page_date"]`` and never into the
   text, so the document's own date (the one it is signed with) wins.

The metadata keys are those :mod:`policytext.text.structure` uses for page
fields: ``page_title``, ``site``, ``page_date``, ``page_source``,
``page_author`` and ``page_chrome`` (how many lines were dropped).

>>> page = ("<html><head><title>关于开展读书活动的通知--党政办-某某中学</title></head><body>"
...         "<div class=nav><a href=/>首页</a> | <a href=/a>学校公告</a> | <a href=/b>校务公开</a></div>"
...         "<div class=path>当前位置：<a href=/>首页</a> &gt; <a href=/a>学校公告</a></div>"
...         "<h2 class=title>关于开展读书活动的通知</h2><div class=property>发布时间：2023年3月1日 点击数：</div>"
...         "<div class=conTxt><p>各班级：</p><p>一、活动内容</p><p>每位同学读一本好书，写一篇读后感。</p></div>"
...         "<div><a href=javascript:print()>【打印本页】</a> <a href=#>关闭窗口</a></div>"
...         "<div class=foot>某某中学 版权所有 ICP备00000000号</div></body></html>")
>>> art = extract_html(page)
>>> print(art.text)
关于开展读书活动的通知
各班级：
一、活动内容
每位同学读一本好书，写一篇读后感。
>>> art.metadata["page_date"], art.metadata["site"], art.metadata["page_title"]
('2023-03-01', '党政办-某某中学', '关于开展读书活动的通知')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any, Union

__all__ = ["HtmlArticle", "extract_html", "html_to_text", "page_title"]

#: Elements that end a line (their start and end are line breaks).
_BLOCK = frozenset(
    "p div br li ul ol dl h1 h2 h3 h4 h5 h6 tr table tbody thead tfoot section article header footer nav aside "
    "main blockquote pre title dt dd form fieldset figure figcaption address center hr caption".split()
)
#: Elements that never show text.
_SKIP = frozenset({"script", "style", "noscript", "template", "iframe", "object", "select", "button", "svg"})
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr keygen".split())
#: Elements closed by the start of another of the same group (``<li>a<li>b``).
_IMPLIED = {"p": ("p",), "li": ("li",), "dt": ("dt", "dd"), "dd": ("dt", "dd"), "tr": ("tr", "td", "th"),
            "td": ("td", "th"), "th": ("td", "th"), "option": ("option",)}
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_MAX_DEPTH = 512  # deeper nesting is flattened into its ancestor (no recursion anywhere)

#: Page furniture, as a whole short line (the info line, print/close links, breadcrumb, footer).
_RE_FURNITURE = re.compile(
    r"^\s*[【\[]?\s*(?:打印(?:本页|正文|此文|文章)?|关闭(?:窗口|本页)?|返回(?:顶部|首页|列表)?|收藏(?:本页)?|"
    r"分享到|字号|上一篇|下一篇|上一条|下一条|当前位置|您现在的位置|你的位置|所在位置|责任编辑|"
    r"(?:文章|信息)?来源|作者|发布(?:时间|日期|者)|发表时间|更新时间|点击(?:数|量|次数)|浏览(?:次数|量)|阅读(?:数|次数)|"
    r"网站地图|联系我们|版权所有|主办单位|承办单位|技术支持|网站标识码|Copyright|©)"
    r"|(?:版权所有|Copyright|ICP备|ICP证|公网安备|技术支持[:：]|All Rights Reserved)",
    re.I,
)
#: The info line's fields: ``文章来源：X 作者：Y 发布时间：2022年11月17日``.
_INFO_NAMES = "文章来源|信息来源|来源|作者|发布者|发布时间|发表时间|发布日期|更新时间|点击数|浏览次数|字号|日期|时间"
_RE_INFO_FIELD = re.compile(
    rf"(文章来源|信息来源|来源|作者|发布者)[:：]\s*(?!(?:{_INFO_NAMES})[:：])([^\s:：|｜]{{1,30}}?)(?=$|\s|[|｜]|(?:{_INFO_NAMES})[:：])")
_RE_PAGE_DATE = re.compile(
    r"(?:发布|发表|发文|更新|成文|上传)?(?:时间|日期)\s*[:：]\s*(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
_RE_ISO_DATE = re.compile(r"(\d{4})[-年/.](\d{1,2})[-月/.](\d{1,2})")
_DATE_METAS = frozenset({"pubdate", "publishdate", "publish_date", "publishtime", "publish_time", "firstpublishedtime",
                         "article:published_time", "dc.date", "dc.date.issued", "dcterms.issued", "date",
                         "datepublished", "lastmodifiedtime"})
#: Sentence punctuation: a line with one is prose, not a menu or a label.
_RE_PROSE = re.compile(r"[。！？；]|[，,：:].{12}")
_RE_ATTACHMENT = re.compile(r"附件|\.(?:docx?|xlsx?|pdf|wps|zip|rar)\b", re.I)
_WIDE = re.compile(r"[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef\u201c\u201d\u2018\u2019\uf900-\ufaff]")
_SPACE = re.compile(r"[ \t\n\r\f\v\xa0\u3000]+")


_CHROME_PREFIXES = ("foot", "copyright", "nav", "menu", "side", "breadcrumb", "crumb", "toolbar", "share", "login",
                    "search", "banner", "topbar", "toplink", "friendlink", "bottom")
_CHROME_TOKENS = frozenset({"top", "header", "path", "location", "position", "links", "copy"})


def _chrome_label(label: str) -> bool:
    """An id/class that names page chrome (``footer``, ``mainNav``, ``sideMenu``, ``path`` …)."""
    if not label:
        return False
    return any(t.startswith(_CHROME_PREFIXES) or t in _CHROME_TOKENS for t in re.split(r"[\s_-]+", label) if t)


class _Node:
    """An element of the page tree; ``children`` holds nodes and text strings."""

    __slots__ = ("tag", "label", "children", "parent", "depth", "chrome", "_within")

    def __init__(self, tag: str, label: str, parent: _Node | None) -> None:
        self.tag = tag
        self.label = label  # id and class, lower case
        self.children: list[Union[_Node, str]] = []
        self.parent = parent
        self.depth: int = 0 if parent is None else parent.depth + 1
        #: in an element whose id/class names page chrome (footer, nav, side …)
        self.chrome: bool = (parent is not None and parent.chrome) or _chrome_label(label)
        self._within: frozenset[int] | None = None

    def within(self) -> frozenset[int]:
        """The ids of this node and its ancestors (computed once, from the parent's)."""
        todo: list[_Node] = []
        n: _Node | None = self
        while n is not None and n._within is None:
            todo.append(n)
            n = n.parent
        up: frozenset[int] = n._within if n is not None and n._within is not None else frozenset()
        for node in reversed(todo):  # iterative: a deep page cannot exhaust the stack
            up = node._within = up | {id(node)}
        return up


class _TreeBuilder(HTMLParser):
    """The page as a tree, as HTML5 browsers read it (and the first ``<title>``, the ``<meta>`` dates aside).

    ``<head>`` is not skipped: a page may omit ``</head>`` and the body then
    starts at its first element. The ``<title>`` text ends at ``</title>`` or
    the next tag (an unclosed one cannot swallow the page) and never joins the
    body; only the first counts (an SVG's ``<title>`` is a tooltip).
    """

    _NOT_RAW = frozenset({"title", "textarea"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#root", "", None)
        self.stack: list[_Node] = [self.root]
        self.skip: list[str] = []
        self.title: list[str] = []
        self.metas: dict[str, str] = {}
        self._in_title = False
        self._title_seen = False
        self._first_title = False

    def set_cdata_mode(self, elem: str, *args: Any, **kwargs: Any) -> None:
        if elem not in self._NOT_RAW:
            super().set_cdata_mode(elem, *args, **kwargs)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_title = tag == "title"
        if self._in_title:
            self._title_seen, self._first_title = True, not self._title_seen
            return
        if self.skip:
            if tag in _SKIP:
                self.skip.append(tag)
            return
        if tag in _SKIP:
            self.skip.append(tag)
            return
        if tag == "meta":
            self._meta(attrs)
        top = self.stack[-1]
        if top.tag in _IMPLIED.get(tag, ()) or (top.tag == "p" and tag in _BLOCK and tag != "br"):
            self.stack.pop()
            top = self.stack[-1]
        if tag in _VOID:
            if tag in ("br", "hr"):
                top.children.append("\n")
            return
        label = " ".join(v for k, v in attrs if k in ("id", "class") and v).lower()
        if top.depth >= _MAX_DEPTH:
            return  # flattened: the text joins ``top``
        node = _Node(tag, label, top)
        top.children.append(node)
        self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False
        if self.skip:
            if tag == self.skip[-1]:
                self.skip.pop()
            return
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return
        if tag in ("p", "br"):  # </p> without <p>, </br>: a line break, as browsers do
            self.stack[-1].children.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            if self._first_title:
                self.title.append(data)
        elif not self.skip:
            top = self.stack[-1]
            if "\n" in data and any(n.tag == "pre" for n in self.stack):
                for i, part in enumerate(data.split("\n")):
                    if i:
                        top.children.append("\n")
                    top.children.append(part)
            else:
                top.children.append(data)

    def _meta(self, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        key = (a.get("name") or a.get("property") or a.get("itemprop") or "").lower()
        if key in _DATE_METAS and a.get("content"):
            self.metas.setdefault("date", a["content"])


@dataclass
class _Line:
    text: str
    owner: _Node  # the innermost block element the line is in
    link_chars: int
    within: frozenset[int] = frozenset()  # ids of the owner and its ancestors
    chrome: bool = False  # in an element whose id/class names page chrome (footer, nav, side …)


def _lines(root: _Node) -> list[_Line]:
    """The visible lines of the tree, each with the block element that holds it (iterative walk)."""
    lines: list[_Line] = []
    buf: list[str] = []
    link = 0
    owner: list[_Node] = [root]

    def flush() -> None:
        nonlocal buf, link
        text = _collapse("".join(buf))
        if text:
            node = owner[-1]
            lines.append(_Line(text, node, min(link, len(text)), node.within(), node.chrome))
        buf, link = [], 0

    in_link = 0
    stack: list[tuple[Union[_Node, str], bool]] = [(root, False)]
    while stack:
        item, leaving = stack.pop()
        if isinstance(item, str):
            if item == "\n":
                flush()
            else:
                buf.append(item)
                if in_link:
                    link += len(_collapse(item))
            continue
        block = item.tag in _BLOCK or item.tag in ("td", "th", "#root")
        if leaving:
            if item.tag == "a":
                in_link -= 1
            if block:
                flush()
                owner.pop()
            continue
        if block:
            flush()
            owner.append(item)
        if item.tag == "a":
            in_link += 1
        stack.append((item, True))
        stack.extend((c, False) for c in reversed(item.children))
    flush()
    return lines


def _collapse(text: str) -> str:
    """Whitespace as browsers show it: runs become one space; a break between two wide characters vanishes."""
    def repl(m: re.Match[str]) -> str:
        a, b = m.start(), m.end()
        s = m.string
        if a > 0 and b < len(s) and _WIDE.match(s[a - 1]) and _WIDE.match(s[b]) and ("\n" in m.group() or
                                                                                      "\u3000" in m.group()):
            return ""
        return " "
    return _SPACE.sub(repl, text).strip()


def _is_furniture(line: _Line) -> bool:
    t = line.text
    if _RE_FURNITURE.search(t) and (len(t) <= 60 or not _RE_PROSE.search(t)):
        return True
    return line.link_chars * 2 > len(t) and not _RE_PROSE.search(t[:-1] if len(t) > 1 else t) \
        and not _RE_ATTACHMENT.search(t)


def _is_prose(line: _Line) -> bool:
    """A line of article text: sentence punctuation, mostly not links, not furniture."""
    t = line.text
    return (len(t) >= 3 and line.link_chars * 2 <= len(t) and _RE_PROSE.search(t) is not None
            and not _is_furniture(line))


def _ancestors(node: _Node) -> list[_Node]:
    out = []
    n: _Node | None = node
    while n is not None:
        out.append(n)
        n = n.parent
    return out[::-1]


def _common_ancestor(nodes: list[_Node]) -> _Node:
    path = _ancestors(nodes[0])
    for n in nodes[1:]:
        other = _ancestors(n)
        k = 0
        while k < min(len(path), len(other)) and path[k] is other[k]:
            k += 1
        path = path[:k]
    return path[-1]


def _main_content(lines: list[_Line]) -> _Node | None:
    """The element holding every prose line, widened while what it leaves out is plain text.

    Prose lines inside chrome (a footer's address, a side box's blurb) do not
    vote when the page has prose elsewhere.
    """
    prose = [ln for ln in lines if _is_prose(ln)]
    voting = [ln.owner for ln in prose if not ln.chrome] or [ln.owner for ln in prose]
    if not voting:
        return None
    box = _common_ancestor(voting)
    while box.parent is not None:
        parent = box.parent
        outside = [ln for ln in lines if id(parent) in ln.within and id(box) not in ln.within]
        if any(_is_furniture(ln) or ln.chrome for ln in outside):
            break
        box = parent
    return box


def page_title(title: str) -> tuple[str, str | None]:
    """The ``<title>`` of a page without the site name, and the site name.

    >>> page_title("关于某事的通知--党政办-某某中学")
    ('关于某事的通知', '党政办-某某中学')
    >>> page_title("…通知_新华网"), page_title("政府工作报告")
    (('…通知', '新华网'), ('政府工作报告', None))
    """
    title = _collapse(title)
    for sep in ("--", "_", " - ", " | ", "|", "－", " — ", "-"):
        head, found, tail = title.partition(sep) if sep == "--" else title.rpartition(sep)
        if found and head.strip() and 0 < len(tail.strip()) <= 20 and len(head.strip()) >= 2:
            return head.strip(), tail.strip()
    return title, None


def _key(text: str) -> str:
    return re.sub(r"[\s“”\"'‘’《》〈〉（）()·—\-]", "", text)


def _heading_for(root: _Node, lines: list[_Line], title: str) -> str | None:
    """The page heading (``<h1>``…, class ``title``) that matches the page title, if any."""
    key = _key(title)
    if len(key) < 2:
        return None
    best: tuple[int, str] | None = None
    for ln in lines:
        n, rank = ln.owner, None
        for a in _ancestors(n)[-3:]:
            if a.tag in _HEADINGS:
                rank = _HEADINGS.index(a.tag)
            elif re.search(r"(?<!sub)title|biaoti|headline", a.label) and rank is None:
                rank = 6
        if rank is None:
            continue
        k = _key(ln.text)
        if k == key or (len(k) >= 6 and len(key) >= 6 and (key in k or k in key)):
            if best is None or rank < best[0]:
                best = (rank, ln.text)
    return best[1] if best else None


def _page_date(metas: dict[str, str], lines: list[_Line]) -> str | None:
    candidates = [metas["date"]] if "date" in metas else []
    candidates += [m.group(0) for ln in lines for m in [_RE_PAGE_DATE.search(ln.text)] if m]
    for c in candidates:
        m = _RE_ISO_DATE.search(c)
        if m:
            y, mo, d = (int(g) for g in m.groups())
            if 1900 <= y <= 2200 and 1 <= mo <= 12 and 1 <= d <= 31:
                return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


@dataclass
class HtmlArticle:
    """What :func:`extract_html` finds in a page.

    Attributes
    ----------
    text : str
        The article's title (when the page gives one) and its lines, one per
        paragraph, without the site's chrome.
    title : str | None
        The article's title: the page heading that matches ``<title>``, else
        ``<title>`` without the site name.
    metadata : dict
        ``page_title``, ``site``, ``page_date`` (ISO), ``page_source``,
        ``page_author``, ``page_chrome`` (lines dropped), when found.
    """

    text: str
    title: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


def extract_html(html: str) -> HtmlArticle:
    """The article of an HTML page (see the module docs for the rules).

    Parameters
    ----------
    html : str
        The page's markup (decoded).

    Returns
    -------
    HtmlArticle

    Examples
    --------
    >>> art = extract_html("<title>通知</title><ul><li><a href=/>首页</a></li></ul><p>要加强学习。</p>")
    >>> art.text, art.title
    ('通知\\n要加强学习。', '通知')
    """
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    lines = _lines(builder.root)
    meta: dict[str, Any] = {}
    raw_title = _collapse("".join(builder.title))
    title, site = page_title(raw_title) if raw_title else ("", None)
    if title:
        meta["page_title"] = title
    if site:
        meta["site"] = site
    date = _page_date(builder.metas, lines)
    if date:
        meta["page_date"] = date
    for ln in lines:
        if _is_furniture(ln):
            for m in _RE_INFO_FIELD.finditer(ln.text):
                if ln.text[m.end():m.end() + 1] in (":", "："):
                    continue  # an empty field: the next field's name, not a value
                name = "page_author" if m.group(1) in ("作者", "发布者") else "page_source"
                meta.setdefault(name, m.group(2))
    box = _main_content(lines)
    kept = [ln for ln in lines if (box is None or id(box) in ln.within) and not _is_furniture(ln)]
    if box is None:  # no prose anywhere: drop what sits in the page's chrome, unless that is all there is
        kept = [ln for ln in kept if not ln.chrome] or kept
    if len(kept) < len(lines):
        meta["page_chrome"] = len(lines) - len(kept)
    heading = _heading_for(builder.root, lines, title) if title else None
    doc_title = heading or title or None
    body = "\n".join(ln.text for ln in kept)
    if doc_title and _key(doc_title) not in _key(body[: len(doc_title) + 200]):
        body = f"{doc_title}\n{body}" if body else doc_title
    return HtmlArticle(text=body, title=doc_title, metadata=meta)


def html_to_text(html: str) -> str:
    """The text of an HTML page's article: :attr:`HtmlArticle.text` of :func:`extract_html`.

    >>> html_to_text("<p>第一</p><p>第二</p>")
    '第一\\n第二'
    """
    return extract_html(html).text
