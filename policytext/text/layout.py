"""Page layout around and inside a document's body: page chrome, tables of contents, signatures.

Documents as researchers download them are rarely clean: a page saved from
an official site starts with the page title, the site's menus and a
breadcrumb and ends with "上一篇/下一篇" links and a copyright line; a plan
opens with a table of contents; a notice ends with the issuer and the date
and the list of its attachments; a reprint has a source line under its
title. :func:`scan_layout` finds these in the lines of the normalised text, before
the body is parsed, so that the parser (:mod:`policytext.text.structure`)
keeps them out of the sections and records them in ``doc.metadata``:

=====================  ===========================================================  ===============================
layout                 recognised by                                                goes to
=====================  ===========================================================  ===============================
page head (chrome)     a ``文章来源…发布时间`` line near the top (everything before      ``page_title``, ``site``,
                       it: page title, ``标题--网站``, ``今天是``, menus, breadcrumb);  ``page_date``, ``page_author``,
                       or, without it, navigation lines (``公共文件夹 |``,           ``page_source``,
                       ``登录|注册``, ``当前位置：``, links ``…[08-18]``)             ``page_chrome`` (lines dropped)
page foot (chrome)     ``【打印正文】``, ``上一篇：``, ``下一篇：`` and what follows;         dropped (counted in
                       ``网站地图`` / ``版权所有`` near the end                          ``page_chrome``)
table of contents      a ``目录`` line and the heading block after it; numbered      ``toc`` (entries, leaders and
                       lines with dot leaders or page numbers (``一、总则……1``);        page numbers removed)
                       a block of ≥3 numbered lines without body whose headings
                       are written again later
news items             blank-line blocks (≥3; with the looser ones below: the first    parts (see
                       and ≥80% of the blocks), each a title line (≤150 characters,  :func:`news_items`)
                       no ``。；``, not numbered) then a line of prose (``。！？``);
                       looser: numbered titles, texts without ``。！？``
signature block        at the end of the body or of a part: issuer lines (an        ``issuer``, ``signature_date``,
                       organisation's name) and a date line (``2022年11月17日``,       ``signatures`` (one per block),
                       ``二○○九年十一月二十七日``), then maybe ``抄送：``/``印发``      ``colophon``
attachment list        ``附件：`` (alone or with item 1) then items ``1.`` ``2.`` …    ``attachments`` (the titles);
                       (titles, file names between them allowed); or lines           never sections (like a ToC)
                       ``附件1：…`` ``附件2：…`` one after the other
attachment             ``附件N`` (and its title) before the attachment's text:        a part headed ``附件N`` and
                       a part, with or without headings (a table)                      its title
source line            ``来源：… 日期：2012-06-19``, ``2017年08月22日 来源：…``          ``sources``; under the title:
                       (only fields, one of them 来源; ``作者：…`` beside it)           ``date`` (wins over the page's)
=====================  ===========================================================  ===============================

All rules look at whole lines and are general (no site's names are listed).

>>> text = "一、总则……1\\n二、附则……3\\n一、总则\\n要学习。\\n二、附则\\n要落实。\\n某某市教育局\\n2022年11月17日"
>>> lay = scan_layout(text.split("\\n"))
>>> sorted(lay.toc), lay.toc_entries, sorted(lay.signature), lay.signatures
([0, 1], ['一、总则', '二、附则'], [6, 7], [{'issuer': '某某市教育局', 'date': '2022-11-17', 'line': 6}])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from re import Pattern
from typing import Any

from ._side_lines import attachment_lists, is_author_line, source_fields
from .headings import DIGITS, HEADING_NUMERALS, RE_HEADING, cn_to_int, heading_style

__all__ = [
    "Layout",
    "scan_layout",
    "scan_chrome",
    "scan_body",
    "layout_metadata",
    "is_title_like",
    "is_date_line",
    "is_issuer_line",
    "parse_date",
    "RE_ANNEX",
    "is_intro_line",
    "is_short_item",
    "is_sentence_item",
    "list_items",
    "swallowed_item_cut",
    "RE_CLOSING",
    "news_items",
    "is_story_run",
]

#: Dates such as ``2022年10月16日`` (digits).
_RE_DATE_NUM: Pattern[str] = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?")
#: ``二○○九年十一月二十七日`` (Chinese numerals; ○〇零 for zero).
_CN_DIGIT = "〇○零" + DIGITS[1:]
_RE_DATE_CN: Pattern[str] = re.compile(
    rf"([{_CN_DIGIT}]{{4}})年([十{DIGITS[1:]}]{{1,2}})月(?:([十{DIGITS[1:]}]{{1,3}})日)?")
#: A line that is only a date (a signature's date line).
_RE_DATE_LINE: Pattern[str] = re.compile(
    rf"^[（(]?\s*(?:\d{{4}}\s*年\s*\d{{1,2}}\s*月(?:\s*\d{{1,2}}\s*日)?|[{_CN_DIGIT}]{{4}}年[十{DIGITS[1:]}]{{1,2}}月"
    rf"(?:[十{DIGITS[1:]}]{{1,3}}日)?|\d{{4}}[-./]\d{{1,2}}[-./]\d{{1,2}})\s*[）)]?$")
#: An issuer: an organisation's name (ends with the kind of body it is), short, no sentence punctuation.
_RE_ISSUER: Pattern[str] = re.compile(
    r"^[^，。；：:！？,;!?“”《》]{2,40}?(?:委员会|委|党委|党总支|党支部|支部|总支|政府|办公室|办公厅|办|教育局|局|厅|部|处|室|"
    r"中心|学校|中学|小学|大学|学院|研究院|院|团委|工会|协会|学会|联合会|会|组|校|集团)(?:\s*[（(]\s*(?:盖章|章|印)\s*[）)])?$")
#: Colophon lines of an official document (版记): copies to, printed by, number printed, subject words.
_RE_COLOPHON: Pattern[str] = re.compile(
    r"^(?:抄送|抄报|主题词|主送)[：:]|印发\s*$|^[（(]共印\s*\d+\s*份[）)]$|\d{4}年\d{1,2}月\d{1,2}日印发")
#: ``附件1：`` ``附件一`` ``附1：`` ``附：`` — the line that introduces an attachment.
RE_ANNEX: Pattern[str] = re.compile(rf"^附(?:件|表)?\s*[{DIGITS[1:]}十\d]{{0,2}}\s*[：:、.．]?")
#: The opening of a closing paragraph (a document's 结束语, a speech's last appeal, a rule's last clause).
RE_CLOSING: Pattern[str] = re.compile(
    r"^(?:结\s*束\s*语|结\s*语)$"
    r"|^(?:让我们|同志们[！!，,]|全党全军全国各族人民|特此(?:通知|公告|通告|函告|报告)|此致"
    r"|未尽事宜|本(?:方案|办法|意见|通知|规定|细则|制度|预案|规程|须知|决定|条例|规则|准则)(?:自\S{0,12}(?:起|之日)|由\S{0,20}负责解释|最终解释|的解释权))")
#: Sentence punctuation: a line with one is body text, not a title, issuer or heading block.
_RE_SENTENCE: Pattern[str] = re.compile("[。！？；!?;]")
#: Dot leaders and page numbers of a table of contents.
_RE_LEADER: Pattern[str] = re.compile(r"(?:\.{3,}|…{2,}|·{3,}|．{3,}|-{4,}|_{4,}|—{3,})\s*\d*\s*$|\s\d{1,3}$")
_RE_TOC_HEAD: Pattern[str] = re.compile(r"^目\s*录[：:]?$")
#: First characters of a numbered heading line (a quick filter before :data:`RE_HEADING`).
_HEAD_FIRST = frozenset("第（(0123456789" + HEADING_NUMERALS)

# -- page chrome ---------------------------------------------------------------------
#: The page's article information line: ``文章来源：本站原创 作者：佚名 发布时间：2019年04月22日 点击数：``.
_RE_PAGE_INFO: Pattern[str] = re.compile(r"(?:发布时间|发布日期|发表时间|更新时间)[：:]")
_RE_PAGE_FIELDS: Pattern[str] = re.compile(
    r"(文章来源|来源|作者|发布时间|发布日期|发表时间|更新时间|点击数)[：:]\s*((?:(?!作者|发布|点击)[^\s：:])*)")
#: Navigation lines at the top of a saved page.
_RE_NAV: Pattern[str] = re.compile(
    r"^今天是|\|\s*$|^\|$|登录\s*\|\s*注册|设为首页|加入收藏|^当前位置[：:]|>\s*$|\[\s*\d{2}-\d{2}\s*\]$|^首页$")
#: The first line of a page's foot.
_RE_FOOT: Pattern[str] = re.compile(
    r"^(?:【打印正文】|【打印本页】|【打印】|【关闭窗口】|【关闭】|上一篇[：:]|下一篇[：:]|上一条[：:]|下一条[：:])")
_RE_FOOT_WEAK: Pattern[str] = re.compile(r"^网站地图$|版权所有|Copyright|©")
#: Substrings without which a text has no page head / foot (a quick test before the line rules).
_HEAD_KEYS = ("发布时间", "发布日期", "发表时间", "更新时间", "今天是", "|", "当前位置")
_FOOT_KEYS = ("【打印", "【关闭", "上一篇", "上一条", "网站地图", "版权所有", "Copyright")
_HEAD_KEYS_LINES = 200
_FOOT_KEYS_LINES = 60
#: How far (lines) the page head may reach.
_HEAD_SCAN = 400
#: A line after the page information line that is what is left of "点击数：N次".
_RE_HITS: Pattern[str] = re.compile(r"^(?:\d*\s*次|点击数[：:]?\s*\d*\s*次?)$")
#: Max length of a line of page chrome (menus, breadcrumbs, the article information line).
_CHROME_CHARS = 120
#: A list item (``一、坚定政治方向。坚持…。``) is one line of at most this many characters.
_ITEM_MAX_CHARS = 200
#: A longer list item (a rule or an event of several clauses, ``（10）2月29日，…发布。报告认为，…。``) is at most
#: this many characters, and its first sentence is longer than a heading's (a first sentence of at most
#: ``_INLINE_TITLE_CHARS`` is the heading of an 意见-style paragraph, ``（一）坚持…，确保…。正文…``) …
_SENTENCE_ITEM_MAX_CHARS = 600
_INLINE_TITLE_CHARS = 30
#: … or it is a short statement of at most three sentences in this many characters.
_SHORT_STATEMENT_CHARS = 150
_RE_FIRST_END: Pattern[str] = re.compile("[。！？!?]")
#: Lines of text allowed between two items of a list (a note, a continuation).
_ITEM_GAP_LINES = 2
#: Max length of a title-like line (a unit's title, a name, an issuer).
_TITLE_CHARS = 60


@dataclass
class Layout:
    """What :func:`scan_layout` found, by line index of the normalised text.

    Attributes
    ----------
    body_start, body_end : int
        The body is ``lines[body_start:body_end]`` (the page head and foot are outside).
    toc : set[int]
        Lines of a table of contents.
    toc_entries : list[str]
        Their text without leaders and page numbers.
    signature : set[int]
        Lines of signature blocks and colophons.
    signatures : list[dict]
        One per block: ``issuer`` (lines joined by a space, or None), ``date``
        (ISO, or None) and ``line`` (its first line).
    colophon : list[str]
        Colophon lines (``抄送：…``, ``…印发``).
    side : set[int]
        Lines of attachment lists (``附件：1.…`` ``2.…``) and source lines
        (``来源：… 日期：…``) in the body: not body text.
    attachments : list[str]
        The titles of the attachment lists' items.
    sources : list[dict]
        The fields (``source``, ``author``, ``date``) of the body's source lines.
    meta : dict
        Page fields (``page_title``, ``site``, ``page_date``, ``page_author``,
        ``page_source``, ``page_chrome``).
    """

    body_start: int = 0
    body_end: int = 0
    toc: set[int] = field(default_factory=set)
    toc_entries: list[str] = field(default_factory=list)
    signature: set[int] = field(default_factory=set)
    signatures: list[dict[str, Any]] = field(default_factory=list)
    colophon: list[str] = field(default_factory=list)
    side: set[int] = field(default_factory=set)
    attachments: list[str] = field(default_factory=list)
    sources: list[dict[str, str]] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    body_lines: list[int] = field(default_factory=list)


def parse_date(text: str) -> str | None:
    """The first date of ``text`` as ISO ``YYYY-MM-DD`` (``YYYY-MM`` without a day), or None.

    >>> parse_date("2022年11月17日"), parse_date("二○○九年十一月二十七日"), parse_date("2013年5月"), parse_date("无")
    ('2022-11-17', '2009-11-27', '2013-05', None)
    """
    m = _RE_DATE_NUM.search(text)
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
        d = int(m.group(3)) if m.group(3) else None
    else:
        m = _RE_DATE_CN.search(text)
        if not m:
            return None
        y = int("".join("0" if c in "〇○零" else str(DIGITS.index(c)) for c in m.group(1)))
        mo = _cn_small(m.group(2))
        d = _cn_small(m.group(3)) if m.group(3) else None
    if not (1900 <= y <= 2200 and 1 <= mo <= 12) or (d is not None and not 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}" + (f"-{d:02d}" if d is not None else "")


def _cn_small(s: str) -> int:
    """``十一`` → 11, ``二十七`` → 27, ``三`` → 3."""
    if "十" not in s:
        return DIGITS.index(s) if s in DIGITS else 0
    tens, _, ones = s.partition("十")
    return (DIGITS.index(tens) if tens else 1) * 10 + (DIGITS.index(ones) if ones else 0)


def is_title_like(line: str) -> bool:
    """A short line without sentence punctuation that is not a numbered heading (a title, a name).

    >>> is_title_like("2021年度述职述廉述德述法报告"), is_title_like("要学习。"), is_title_like("一、总则")
    (True, False, False)
    """
    return (0 < len(line) <= _TITLE_CHARS and not _RE_SENTENCE.search(line) and not line.endswith(("：", ":", "，"))
            and RE_HEADING.match(line) is None)


#: A line that is only a number (a page number ``12``, ``- 6 -``, a table's cell ``3000``) or only a date: no title.
RE_NUMBER_LINE: Pattern[str] = re.compile(
    r"^[-—－–\s]*(?:\d+|第\d+页|(?:\d{4}|[〇○零一二三四五六七八九]{4})年\d{1,2}月(?:\d{1,2}日)?)[-—－–\s]*$")


def is_intro_line(line: str) -> bool:
    """A line that can introduce a part: title-like (:func:`is_title_like`), not a ``label：value`` line, not a
    number or a date alone (:data:`RE_NUMBER_LINE`: a page number between a part's title lines).

    >>> is_intro_line("2021年度述职报告"), is_intro_line("主题：治水")
    (True, False)
    >>> is_intro_line("12"), is_intro_line("2019年6月22日")
    (False, False)
    """
    return is_title_like(line) and "：" not in line and ":" not in line and RE_NUMBER_LINE.match(line) is None


def is_short_item(line: str) -> bool:
    """A list item's line: at most two sentences (a short heading and one sentence) and 200 characters.

    >>> is_short_item("一、坚定政治方向。坚持正确方向。"), is_short_item("（一）标题。一。二。三。")
    (True, False)
    """
    return len(line) <= _ITEM_MAX_CHARS and line.count("。") + line.count("！") + line.count("？") <= 2


def is_sentence_item(rest: str) -> bool:
    """A numbered line's text (after the number) that is one rule or statement, not a heading and its body.

    Its first sentence is longer than a heading (more than 30 characters), or
    the whole line is a short statement (at most three sentences in 150
    characters); the line is at most 600 characters. ``（一）指导思想。坚持…``
    and ``（一）坚持…，确保…。正文…`` (a short first sentence before a longer
    paragraph) are headings that hold their first paragraph, not items.

    >>> is_sentence_item("2月29日，中国－世界卫生组织联合专家考察组的考察报告发布。报告认为，中国采取了果断措施。")
    True
    >>> is_sentence_item("考生应按时到场。迟到者不得入场。离场须交卷。")
    True
    >>> is_sentence_item("坚持以党的政治建设为统领，确保全党集中统一。" + "全党要坚持正确方向，落实各项要求。" * 6)
    False
    """
    if len(rest) > _SENTENCE_ITEM_MAX_CHARS:
        return False
    end = _RE_FIRST_END.search(rest)
    first = rest if end is None else rest[:end.start()]
    if len(first) > _INLINE_TITLE_CHARS:
        return True
    return len(rest) <= _SHORT_STATEMENT_CHARS and rest.count("。") + rest.count("！") + rest.count("？") <= 3


def _number(m: re.Match[str], style: str) -> int:
    try:
        return cn_to_int(m.group(style + "_n"))
    except ValueError:
        return -1


def list_items(body: list[int], pos: int, style: str, matches: dict[int, re.Match[str] | None],
               texts: list[str], open_styles: set[str], *, whole: bool = True) -> list[int]:
    """The lines of the list that starts at ``body[pos]`` (numbered 1 in ``style``), or fewer than two.

    The run is the numbered lines of ``style`` that follow each other (1, 2,
    3 …) among the body lines ``body`` (``matches``: each line's heading
    match), with at most two lines of text between two of them (a note, a
    line that continues the item). With ``whole``, it is decided as a whole:
    it is a list when every numbered line is an item — one line of at most
    two sentences (:func:`is_short_item`: ``一、坚定政治方向。坚持…。``) or one
    rule or statement (:func:`is_sentence_item`) — and at most a third of its
    items (the last aside) are followed by text; the last line is left out
    when headings of a style not in ``open_styles`` follow it (it is their
    heading), and the run is no list when more than two lines of text follow
    its last line (the lines are headings of paragraphs). Otherwise, or
    without ``whole``, the list is the run's first lines up to the first that
    is not a short item or is followed by text.

    >>> texts = ["1.人数较多，学校不提供午餐。",
    ...          "2.由班主任统一登记，逾期不受理。登记后不得更改。确需更改的，须书面申请。", "3.请提前规划出行路线。"]
    >>> body, matches = [0, 1, 2], {k: RE_HEADING.match(t) for k, t in enumerate(texts)}
    >>> list_items(body, 0, "num", matches, texts, {"num"})
    [0, 1, 2]
    >>> list_items(body, 0, "num", matches, texts, {"num"}, whole=False)  # (the short items before the long one)
    [0]
    """
    run: list[int] = []
    prefix = -1  # the first lines before one that is not a short item or is followed by text
    every = True  # every line is an item
    gaps = 0
    gap = pos
    body_after = False  # the last line is followed by a body of its own (more text than a note, sub-headings)
    while pos < len(body):
        j = body[pos]
        m = matches.get(j)
        if m is None or heading_style(m) != style or _number(m, style) != len(run) + 1:
            break
        if not is_short_item(texts[j]):
            prefix = len(run) if prefix < 0 else prefix
            every = every and is_sentence_item(texts[j][m.end():])
        run.append(j)
        pos += 1
        gap = pos
        while pos < len(body) and pos - gap <= _ITEM_GAP_LINES and matches.get(body[pos]) is None \
                and not is_title_like(texts[body[pos]]):
            pos += 1
        nxt = matches.get(body[pos]) if pos < len(body) else None
        body_after = pos - gap > _ITEM_GAP_LINES or (nxt is not None and heading_style(nxt) not in open_styles)
        if pos > gap:
            prefix = len(run) if prefix < 0 else prefix
            if body_after or nxt is None or heading_style(nxt) != style or _number(nxt, style) != len(run) + 1:
                break  # (text after the last item: the run ends)
            gaps += 1
    n = len(run)
    if n and body_after:
        n = n - 1 if pos - gap <= _ITEM_GAP_LINES else 0
    old = len(run) if prefix < 0 else prefix  # (the rule for lists of short items only)
    if not (whole and every and gaps * 3 <= n - 1 and n > old):
        n = old
    return run[:n]


#: A heading that swallows its first item: ``1.活动内容：（1）以…为主线，开展专题学习``.
_RE_SWALLOWED: Pattern[str] = re.compile(
    rf"[：:]\s*(?=[（(]\d{{1,2}}[）)]|[（(][{HEADING_NUMERALS}]{{1,3}}[）)]|\d{{1,2}}[．、]|\d{{1,2}}\.(?!\d))")


def swallowed_item_cut(line: str, m: re.Match[str]) -> int:
    """Where a heading line that holds its first item is cut (after the colon), or 0.

    ``1.活动内容：（1）以…为主线`` is the heading ``活动内容`` and the item
    ``（1）以…为主线``; the item must use another numbering style than the
    heading. The colon must be within the first 30 characters of the heading.

    >>> line = "1.活动内容：（1）以回顾成就为主线"
    >>> line[swallowed_item_cut(line, RE_HEADING.match(line)):]
    '（1）以回顾成就为主线'
    """
    cut = _RE_SWALLOWED.search(line, m.end(), m.end() + 31)
    if cut is None:
        return 0
    inner = RE_HEADING.match(line[cut.end():])
    if inner is None or heading_style(inner) == heading_style(m):
        return 0
    return cut.end()


def is_date_line(line: str) -> bool:
    """A line that is only a date (``2022年11月17日``, ``二○○九年十一月二十七日``, ``2013年5月``).

    >>> is_date_line("2022年11月17日"), is_date_line("2022年11月17日召开会议。")
    (True, False)
    """
    return len(line) <= 20 and _RE_DATE_LINE.match(line) is not None


def is_issuer_line(line: str) -> bool:
    """A line that is an organisation's name (``中共绍兴市第一中学委员会``, ``绍兴一中党政办``).

    >>> is_issuer_line("中共绍兴市第一中学委员会"), is_issuer_line("一、组织机构"), is_issuer_line("要加强党委。")
    (True, False, False)
    """
    return len(line) <= 40 and _RE_ISSUER.match(line) is not None and RE_HEADING.match(line) is None


def scan_layout(lines: list[str]) -> Layout:
    """Find page chrome, tables of contents and signature blocks among ``lines``.

    :func:`scan_chrome` then :func:`scan_body` from the first line after the page head.

    Parameters
    ----------
    lines : list of str
        The lines of the normalised text.

    Returns
    -------
    Layout
    """
    lay = scan_chrome(lines)
    scan_body(lines, lay, lay.body_start)
    return lay


def scan_chrome(lines: list[str]) -> Layout:
    """The page head and foot of a saved web page (``body_start``, ``body_end``, page fields in ``meta``).

    >>> lay = scan_chrome(["标题", "标题--某网站", "今天是", "首页 |", "登录|注册", "标题",
    ...                    "文章来源：本站原创 作者：佚名 发布时间：2019年04月22日 点击数：", "次",
    ...                    "正文。", "【打印正文】"])
    >>> lay.body_start, lay.body_end, lay.meta["site"], lay.meta["page_date"], lay.meta["page_chrome"]
    (8, 9, '某网站', '2019-04-22', 9)
    """
    lay = Layout(body_start=0, body_end=len(lines))
    head = "\n".join(lines[:_HEAD_KEYS_LINES])
    tail = "\n".join(lines[-_FOOT_KEYS_LINES:])
    if any(k in head for k in _HEAD_KEYS) or any(k in tail for k in _FOOT_KEYS):  # (a quick look first)
        _page_chrome(lines, lay)
    return lay


def layout_metadata(meta: dict[str, Any], lay: Layout) -> None:
    """What ``lay`` found into a document's metadata ``meta`` (see the module table and
    :class:`~policytext.text.document.Document`): page fields, ``toc``, ``signatures``, ``issuer``,
    ``signature_date``, ``colophon``, ``attachments`` and ``sources`` (after those of the title block); ``date``
    (when the title block gave none) is the signature's date, else the page's date."""
    meta.update(lay.meta)
    if lay.toc_entries:
        meta["toc"] = lay.toc_entries
    if lay.signatures:
        meta["signatures"] = [{k: v for k, v in s.items() if k != "line"} for s in lay.signatures]
        issuer = next((s["issuer"] for s in lay.signatures if s["issuer"]), None)
        if issuer:
            meta["issuer"] = issuer
        sdate = next((s["date"] for s in lay.signatures if s["date"]), None)
        if sdate:
            meta["signature_date"] = sdate
            if "date" not in meta and len(sdate) == 10:
                meta["date"] = sdate
    if lay.colophon:
        meta["colophon"] = lay.colophon
    if lay.attachments:
        meta["attachments"] = lay.attachments
    if lay.sources:
        meta["sources"] = meta.get("sources", []) + lay.sources
    if "date" not in meta and lay.meta.get("page_date"):
        meta["date"] = lay.meta["page_date"]


def scan_body(lines: list[str], lay: Layout, start: int) -> None:
    """Tables of contents, signature blocks, attachment lists and source lines among ``lines[start:lay.body_end]``
    (into ``lay``)."""
    lay.body_start = max(lay.body_start, start)
    _tables_of_contents(lines, lay)
    _signature_blocks(lines, lay)
    _side_lines(lines, lay)


def _side_lines(lines: list[str], lay: Layout) -> None:
    """Attachment lists and source lines of the body (see :mod:`policytext.text._side_lines`)."""
    a, b = lay.body_start, lay.body_end
    text = "\n" + "\n".join(lines[a:b])  # (a quick look first: most texts have neither)
    if "\n附" in text:
        for first, end, titles in attachment_lists(lines, a, b):
            lay.side.update(k for k in range(first, end) if k not in lay.signature)
            lay.attachments += titles
    if "来源" not in text:
        return
    for i in range(a, b):
        if "来源" in lines[i] and i not in lay.side:
            fields = source_fields(lines[i])
            if fields is not None:
                lay.side.add(i)
                lay.sources.append(fields)
                for k in (i - 1, i + 1):  # ``作者：…`` on its own line beside it
                    if a <= k < b and k not in lay.side and is_author_line(lines[k]):
                        lay.side.add(k)
                        fields.setdefault("author", lines[k].partition("：" if "：" in lines[k] else ":")[2].strip())


def _page_chrome(lines: list[str], lay: Layout) -> None:
    """Page head and foot of a saved web page (see the module table)."""
    n = len(lines)
    head = min(n, _HEAD_SCAN)
    short = [i for i in range(lay.body_start, head) if len(lines[i]) <= _CHROME_CHARS]  # chrome lines are short
    info = next((i for i in short if _RE_PAGE_INFO.search(lines[i])
                 and len(_RE_PAGE_FIELDS.findall(lines[i])) >= 2), None)
    meta = lay.meta
    start = lay.body_start
    if info is not None:
        for key, value in _RE_PAGE_FIELDS.findall(lines[info]):
            if key in ("文章来源", "来源") and value:
                meta["page_source"] = value
            elif key == "作者" and value and value != "佚名":
                meta["page_author"] = value
            elif value and parse_date(lines[info]):
                meta["page_date"] = parse_date(lines[info])
        if info > start and is_title_like(lines[info - 1]) and not _RE_NAV.search(lines[info - 1]):
            meta["page_title"] = lines[info - 1]
        start = info + 1
        if start < n and _RE_HITS.match(lines[start]):
            start += 1
    elif len(nav := [i for i in short if _RE_NAV.search(lines[i])]) >= 3 and nav[0] - lay.body_start <= 3:
        start = nav[-1] + 1  # (navigation lines are looked for only on a page without an information line)
        while start < n and len(lines[start]) <= 8 and lines[start] in lines[nav[-1] - 3:start]:
            start += 1  # the breadcrumb's last label, written twice
    first = lines[lay.body_start] if lay.body_start < n else ""
    if start > lay.body_start and first:
        meta.setdefault("page_title", first)
        for line in lines[lay.body_start:lay.body_start + 3]:
            title, sep, site = line.partition("——" if "——" in line else "--")  # (normalised: -- is ——)
            if sep and title.strip() and site.strip():
                meta["site"] = site.strip()
                break
    end = next((i for i in range(start, n) if _RE_FOOT.match(lines[i])), None)
    if end is None:
        end = next((i for i in range(max(start, n - 15), n) if len(lines[i]) <= _CHROME_CHARS
                    and _RE_FOOT_WEAK.search(lines[i])), n)
    dropped = (start - lay.body_start) + (n - end)
    if dropped:
        meta["page_chrome"] = dropped
    lay.body_start, lay.body_end = start, end


_RE_WHITE: Pattern[str] = re.compile(r"\s+")


def _key(line: str) -> str:
    """A heading line without leader, page number and spaces (to find the same heading again)."""
    return _RE_WHITE.sub("", _RE_LEADER.sub("", line))


def _numbered(line: str) -> bool:
    return len(line) <= _TITLE_CHARS and RE_HEADING.match(line) is not None and not _RE_SENTENCE.search(line)


def _tables_of_contents(lines: list[str], lay: Layout) -> None:
    """Lines of tables of contents (see the module table)."""
    toc = lay.toc
    a, b = lay.body_start, lay.body_end
    numbered = [i for i in range(a, b) if len(lines[i]) <= _TITLE_CHARS and lines[i][:1] in _HEAD_FIRST
                and _numbered(lines[i])]
    for i in range(a, b):
        if lines[i][:1] == "目" and _RE_TOC_HEAD.match(lines[i]):
            _toc_block(lines, lay, i)
    for i in numbered:
        if _RE_LEADER.search(lines[i]) and len(_key(lines[i])) > 3:
            toc.add(i)
    _repeated_heading_blocks(lines, lay, [i for i in numbered if i not in toc])
    lay.toc_entries = [_RE_LEADER.sub("", lines[i]).strip() for i in sorted(toc) if not _RE_TOC_HEAD.match(lines[i])]


def _toc_block(lines: list[str], lay: Layout, i: int) -> None:
    """A ``目录`` line at ``i`` and the heading lines after it, up to the first one written again."""
    seen: set[str] = set()
    lay.toc.add(i)
    j = i + 1
    while j < lay.body_end and (is_title_like(lines[j]) or _numbered(lines[j])):
        k = _key(lines[j])
        if k in seen:
            break
        seen.add(k)
        lay.toc.add(j)
        j += 1


def _repeated_heading_blocks(lines: list[str], lay: Layout, numbered: list[int]) -> None:
    """Blocks of ≥3 numbered lines without body whose headings are written again later."""
    if len(numbered) < 6:
        return
    first_at: dict[str, int] = {}
    again: set[int] = set()
    key_of = {i: _key(lines[i]) for i in numbered}
    for i in numbered:
        k = key_of[i]
        if k in first_at:
            again.add(first_at[k])
        else:
            first_at[k] = i
    if len(again) < 2:
        return
    run: list[int] = []
    keys: set[str] = set()
    for i in [*numbered, -1]:
        if run and i == run[-1] + 1 and key_of[i] not in keys:  # (a heading written again starts the body)
            run.append(i)
            keys.add(key_of[i])
            continue
        if len(run) >= 3 and sum(j in again for j in run) >= 2:
            lay.toc.update(run)
        run = [i]
        keys = {key_of[i]} if i >= 0 else set()


def _signature_blocks(lines: list[str], lay: Layout) -> None:
    """Issuer/date blocks that end the body or a unit (after the first heading), and colophon lines at the end."""
    a, b = lay.body_start, lay.body_end
    i = b - 1
    while i >= a and (_RE_COLOPHON.search(lines[i]) or i in lay.toc):
        if _RE_COLOPHON.search(lines[i]):
            lay.colophon.insert(0, lines[i])
            lay.signature.add(i)
        i -= 1
    first_heading = next((i for i in range(a, b) if lines[i][:1] in _HEAD_FIRST and RE_HEADING.match(lines[i])), b)
    for i in range(a, b):
        if len(lines[i]) <= 20 and is_date_line(lines[i]) and i not in lay.signature:
            _block_at(lines, lay, i, i > first_heading)
    if b - 1 >= a and b - 1 not in lay.signature and is_issuer_line(lines[b - 1]):
        _block_at(lines, lay, b - 1)


def _block_at(lines: list[str], lay: Layout, i: int, after_heading: bool = True) -> None:
    """A signature block ending with line ``i`` (a date, or an issuer at the very end), if it is one.

    Before the first heading a date alone is the title page's, not a signature: an issuer must precede it.
    """
    a, b = lay.body_start, lay.body_end
    nxt = i + 1
    while nxt < b and nxt in lay.signature:
        nxt += 1
    if nxt < b and not (is_title_like(lines[nxt]) or RE_ANNEX.match(lines[nxt])):
        return  # body text goes on: a date in the middle of the text
    first = i
    while first - 1 >= a and is_issuer_line(lines[first - 1]) and i - first < 3:
        first -= 1
    if first == i and not (is_date_line(lines[i]) and after_heading):
        return
    if first == i and i - 1 >= a and lines[i - 1].endswith(("：", ":")):
        return  # ``时间：`` then a date: the date is body text
    issuer = " ".join(lines[first:i + (0 if is_date_line(lines[i]) else 1)]) or None
    date = parse_date(lines[i]) if is_date_line(lines[i]) else None
    lay.signature.update(range(first, i + 1))
    lay.signatures.append({"issuer": issuer, "date": date, "line": first})
    lay.signatures.sort(key=lambda s: s["line"])


# -- news items ----------------------------------------------------------------------
#: A blank line of the raw text (only spaces and characters :func:`~policytext.text.normalize.normalize` drops).
_RE_BLANK_LINE: Pattern[str] = re.compile(r"\n[ \t\r\u3000\u00a0\u200b\u200c\ufeff]*\n")
_BLANK_STRIP = " \t\r\u3000\u00a0\u200b\u200c\ufeff"
#: A news item's title: at most this many characters, no ``。；``, not a ``label：`` line (nor a heading, to decide).
_NEWS_TITLE_CHARS = 150
_RE_NEWS_TITLE_STOP: Pattern[str] = re.compile("[。；;]")
_RE_PROSE: Pattern[str] = re.compile("[。！？!?]")
#: On a page of news items, an item's text may be anything (a list of names, a clause without ``。``).
_RE_ANY: Pattern[str] = re.compile(".")
#: A page of news items has at least this many items, and they are at least this share of its blocks.
_NEWS_MIN_ITEMS = 3
_NEWS_MIN_SHARE = 0.8
#: A bundle of news stories parsed as one text (:func:`is_story_run`) is at most this many lines.
_STORY_MAX_LINES = 80


def _news_title(line: str, numbered: bool = False) -> bool:
    return (0 < len(line) <= _NEWS_TITLE_CHARS and not _RE_NEWS_TITLE_STOP.search(line)
            and not line.endswith(("：", ":", "，", ",")) and (numbered or RE_HEADING.match(line) is None))


def is_story_run(texts: list[str]) -> bool:
    """Lines that are short news stories one after another, each a title line then its text.

    A bundle of stories (``国内联播快讯`` followed by headlines and their
    texts) is at most 80 lines without numbered headings; its first line is a
    title (as in :func:`news_items`) followed by prose, and at least two titles
    are followed by prose, at least one line in four.

    >>> is_story_run(["甲地召开会议", "会议在甲地召开。", "乙地举行活动", "活动在乙地举行。"])
    True
    >>> is_story_run(["甲地召开会议", "会议在甲地召开。", "一、乙地举行活动", "活动在乙地举行。"])
    False
    """
    if not 4 <= len(texts) <= _STORY_MAX_LINES:
        return False
    titles = 0
    for k, line in enumerate(texts):
        if line[:1] in _HEAD_FIRST and RE_HEADING.match(line):
            return False
        if k + 1 < len(texts) and _news_title(line) and _RE_PROSE.search(texts[k + 1]):
            titles += 1
        elif k == 0:
            return False
    return titles >= 2 and titles * 4 >= len(texts)


def _news_blocks(starts: list[int], ends: list[int], texts: list[str], prose: Pattern[str],
                 numbered: bool = False) -> list[int]:
    """The blocks ``texts[a:b]`` that open with a title line followed by a line that ``prose`` finds."""
    return [a for a, b in zip(starts, ends) if b - a >= 2 and _news_title(texts[a], numbered)
            and any(prose.search(texts[j]) for j in range(a + 1, b))]


def news_items(raw: str, texts: list[str]) -> list[int]:
    """The first lines (indices into ``texts``) of the items of a page of news items, or ``[]``.

    A page of news items (a day of a news programme, a list of news saved
    from a site) is blocks separated by blank lines in ``raw`` (the text
    before normalisation, which drops blank lines), each an item: a title
    line (at most 150 characters, no ``。`` or ``；``, not a numbered heading
    nor ending with ``：``) and at least one line of prose (with ``。！？``).
    The page is one when at least three blocks are items, and the first
    block and at least 80% of the blocks are items or blocks whose title is
    numbered (``10位…``, ``第三条…``) or whose text has no ``。！？`` (a list of
    names): these are items too on such a page. A block of one line stays
    with the item before it. ``texts`` are the normalised lines;
    when they do not match the raw non-empty lines one to one (a hard-wrapped
    text that was rejoined), the answer is ``[]``.

    >>> raw = "甲地召开会议\\n会议在甲地召开。\\n\\n乙地举行活动\\n活动在乙地举行。\\n\\n丙地发布报告\\n报告发布。"
    >>> news_items(raw, [x for x in raw.split("\\n") if x])
    [0, 2, 4]
    >>> news_items("甲地召开会议\\n会议在甲地召开。\\n\\n乙地举行活动\\n活动在乙地举行。", ["甲地召开会议"])
    []
    """
    if _RE_BLANK_LINE.search(raw) is None:
        return []
    if "\r" in raw:
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    starts: list[int] = []
    k = 0
    new_block = True
    for line in raw.split("\n"):
        if not line.strip(_BLANK_STRIP):
            new_block = True
            continue
        if new_block:
            starts.append(k)
            new_block = False
        k += 1
    if k != len(texts) or len(starts) < _NEWS_MIN_ITEMS:
        return []
    ends = [*starts[1:], k]
    if len(_news_blocks(starts, ends, texts, _RE_PROSE)) < _NEWS_MIN_ITEMS:
        return []
    items = _news_blocks(starts, ends, texts, _RE_ANY, numbered=True)
    return items if items[:1] == [0] and len(items) >= _NEWS_MIN_SHARE * len(starts) else []
