"""What a document says happens to a person it names: expelled, removed, promoted, elected …

A communiqué names people for a reason: it confirms that they were expelled
from the Party (开除党籍), removed from office (免去、撤销…职务), promoted from
alternate to full member (递补为中央委员会委员), elected (选举、当选) or
mourned (悼念). :func:`person_event` reads that reason from the *clause* that
names the person — the text between two of ``，；。！？：``, spaces or line
breaks (at most 1,000 characters either side), so
that ``给予甲、乙开除党籍处分，给予丙撤销党内职务处分`` expels 甲 and 乙 and
removes 丙 — by the cue words of :data:`EVENTS`. A person named in several
clauses gets the first event of :data:`EVENTS` found in any of them (the
most consequential: 接受秦刚同志辞职申请，免去秦刚同志…职务 is ``removed``,
not ``resigned``; 关于甲…严重违纪违法问题的审查报告，…给予甲开除党籍处分 is
``expelled``).

A name standing in a list without any cue (the lines of names under
``一、中央政治局委员`` of a first plenum) takes the event of its *lead-in*:
the nearest line before it that ends with ``：`` (``全会选举了…名单如下：``),
when no line between them holds a sentence of its own (``。``).

Words inside 《》 are no cue (审议《中国共产党纪律处分条例》), and an
occurrence directly followed by a verb whose subject the name is (致电、
祝贺、会见、主持、出席、向、就 …: 习近平致电祝贺某某当选总统) is about someone
else. A name with no cue anywhere is ``"mentioned"`` (习近平就《…》作了说明;
以毛泽东同志为主要代表的…). The cue words were chosen on the plenum
communiqués of the shared corpora (18-2 … 20-4; the sentence of every new
or dropped name of 12 consecutive pairs read by hand: 300 rows, all as read)
and checked on 30 新闻联播 days with personnel news (where the subject-verb
and 《》 rules come from). They are a reading aid: a cue in the same clause
as a name is taken to be about that name, so a list of mourners in the
clause that says who died would be read as mourned too.

Examples
--------
>>> person_event("全会决定，接受秦刚同志辞职申请，免去秦刚同志中央委员会委员职务。", "秦刚")
'removed'
>>> text = "确认给予张明、王强开除党籍处分，给予李华撤销党内职务处分。"
>>> [person_event(text, n) for n in ("张明", "王强", "李华")]
['expelled', 'expelled', 'removed']
>>> person_event("全会选举了中央政治局委员。名单如下：\\n一、中央政治局委员\\n王强　李华", "李华")
'elected'
>>> person_event("李华就《决定（讨论稿）》向全会作了说明。", "李华")
'mentioned'
"""

from __future__ import annotations

import re

__all__ = ["EVENTS", "EVENT_CODES", "person_event"]

#: The events, most consequential first: ``(code, Chinese label, cue pattern)``. The code is
#: what data (DataFrames, CSV, JSON) hold; the label is what the Chinese reports show.
EVENTS: tuple[tuple[str, str, str], ...] = (
    ("expelled", "开除党籍", r"开除(?:党籍|出党)"),
    ("removed", "撤职、免职", r"撤销.{0,16}?职务|撤职|免去|免职|罢免"),
    ("disciplined", "党纪处分", r"留党察看|严重警告|警告处分|记过|处分|违纪|立案审查"),
    ("resigned", "辞职", r"辞职|辞去"),
    ("mourned", "悼念", r"悼念|追悼|逝世|去世"),
    ("promoted", "递补、增补", r"递补|增补"),
    ("elected", "当选", r"选举|当选|选为|选出|推选"),
    ("appointed", "任命", r"任命|任职|出任|聘任"),
)
#: Every code :func:`person_event` returns: the events, then ``"mentioned"`` (no cue).
EVENT_CODES: tuple[str, ...] = (*(code for code, _label, _cue in EVENTS), "mentioned")

_RE_CUES = [re.compile(cue) for _code, _label, cue in EVENTS]
#: Characters that end a clause (spaces too: the headlines of a news page, the items of a list line).
_CLAUSE_END = "，,；;。！？!?：:\n 　"
_RE_CLAUSE_END = re.compile(f"[{re.escape(_CLAUSE_END)}]")
#: Titles of documents and laws: their words are no cue (《中国共产党纪律处分条例》).
_RE_TITLE = re.compile(r"《[^《》]*》")
#: A verb right after a name whose subject the name is: the clause's cue is about someone else
#: (习近平致电祝贺某某当选…; 习近平向当选总统某某致贺电; 国家主席习近平11日会见了新当选的…).
_RE_ACTOR = re.compile(r"(?:同志)?(?:\d{1,2}日)?(?:上午|下午|晚上|晚)?"
                       r"(?:致电|致信|致函|致贺|致唁|致辞|祝贺|会见|会谈|接见|通电话|主持|出席|看望|发表|宣布|签署|向|就)")
#: How many lines before a list line its lead-in may stand.
_MAX_LEAD_LINES = 60
#: The longest stretch read on either side of a name for its clause or line (keeps a long text linear).
_WINDOW = 1000


def _rank(text: str) -> int:
    """Index in :data:`EVENTS` of the first event with a cue in ``text`` (``len(EVENTS)``: none).

    Titles in 《》 are left out.
    """
    if "《" in text:
        text = _RE_TITLE.sub("", text)
    for k, cue in enumerate(_RE_CUES):
        if cue.search(text):
            return k
    return len(EVENTS)


def _clause(text: str, start: int, end: int) -> str:
    """The clause of ``text`` that holds ``text[start:end]`` (at most :data:`_WINDOW` characters either side)."""
    lo = max(start - _WINDOW, 0)
    left = max((text.rfind(c, lo, start) for c in _CLAUSE_END), default=-1)
    m = _RE_CLAUSE_END.search(text, end, end + _WINDOW)
    return text[max(left + 1, lo):m.start() if m else min(end + _WINDOW, len(text))]


def _line_start(text: str, pos: int) -> int:
    """Start of the line holding ``pos``; -1 when it lies more than :data:`_WINDOW` characters back."""
    lo = max(pos - _WINDOW, 0)
    k = text.rfind("\n", lo, pos)
    return k + 1 if k >= 0 or lo == 0 else -1


def _lead_in_rank(text: str, start: int) -> int:
    """The event of the lead-in line (ending in ``：``) of the list line at ``start`` (module docstring)."""
    line_start = _line_start(text, start)
    line_end = text.find("\n", start, start + _WINDOW)
    if line_end < 0 and start + _WINDOW < len(text):
        return len(EVENTS)  # a line longer than the window: no list line
    if line_start <= 0 or "。" in text[line_start:line_end if line_end >= 0 else len(text)]:
        return len(EVENTS)  # the first line, or a sentence: not a line of a list with a lead-in
    end = line_start - 1
    for _ in range(_MAX_LEAD_LINES):
        begin = _line_start(text, end)
        if begin < 0:
            break
        line = text[begin:end].strip()
        if line.endswith(("：", ":")):
            return _rank(line)
        if "。" in line or begin == 0:
            break
        end = begin - 1
    return len(EVENTS)


def person_event(text: str, name: str) -> str:
    """The event ``text`` reports for the person ``name``: a code of :data:`EVENT_CODES`.

    Parameters
    ----------
    text : str
        The document's text.
    name : str
        A person's name (every substring occurrence is read).

    Returns
    -------
    str
        The most consequential event whose cue shares a clause with an
        occurrence of ``name`` (else the lead-in's, for a name in a list),
        ``"mentioned"`` when there is none (module docstring).

    Examples
    --------
    >>> person_event("全会按照党章规定，决定递补中央委员会候补委员王强、李华为中央委员会委员。", "王强")
    'promoted'
    >>> person_event("会议隆重悼念江泽民同志。", "江泽民")
    'mourned'
    >>> person_event("要推进改革。", "王强")
    'mentioned'
    """
    best = none = len(EVENTS)
    i = text.find(name) if name else -1
    while i >= 0 and best:
        j = i + len(name)
        if not _RE_ACTOR.match(text, j):  # not the subject of a verb (习近平致电祝贺某某当选)
            rank = _rank(_clause(text, i, j))
            best = min(best, rank if rank < none else _lead_in_rank(text, i))
        i = text.find(name, j)
    return EVENTS[best][0] if best < none else "mentioned"
