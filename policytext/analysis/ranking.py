"""Key-sentence ranking for study summaries: centrality over content-term overlap, then MMR for variety.

:func:`rank_sentences` scores sentences (units of content terms) by their
centrality in a sentence-similarity graph (TextRank-style PageRank, or a
linear-time degree centrality above :data:`MAX_GRAPH_SENTENCES`), and
:func:`policytext.analysis.summary.summarize` picks key sentences with
maximal marginal relevance.

Within a section, :func:`rank_section` ranks the sentences that can state
the section's thesis (:func:`thesis_candidate`: a complete sentence, not a
table cell, a bare sub-heading, one item of a list or a copy of the heading)
by centrality, keyword weight, position among them, paragraph openings, the
section's own introduction, concision and directives (:data:`THESIS_MIX`).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from re import Pattern
from typing import Any

from ..text.document import Sentence
from ..tokens.tokenizer import Token

__all__ = ["rank_sentences", "rank_section", "thesis_candidate", "procedural", "mmr", "content_norms",
           "MAX_GRAPH_SENTENCES", "THESIS_MIX"]


def content_norms(tokens: Sequence[Token], stop: frozenset[str]) -> list[str]:
    """The canonical forms of the content tokens (:func:`policytext.tokens.tags.is_content`) not in ``stop``."""
    return [t.norm for t in tokens if t.is_content and t.norm not in stop]


#: Above this many sentences, :func:`rank_sentences` uses a linear-time centrality.
MAX_GRAPH_SENTENCES = 1500


def rank_sentences(
    units: Sequence[Sequence[str]],
    *,
    weights: dict[str, float] | None = None,
    position: bool = True,
    mix: tuple[float, float, float] = (0.2, 0.5, 0.3),
) -> list[float]:
    """Scores of sentences given their content terms (higher is better).

    Parameters
    ----------
    units : sequence of sequences of str
        Content terms of each sentence, in document order.
    weights : dict, optional
        Term weights (e.g. keyword scores); a sentence's keyword weight is the
        sum over its distinct terms divided by its number of terms. Without
        weights only centrality and position count.
    position : bool
        Add the position prior ``1 / sqrt(1 + i)`` for the i-th sentence.
    mix : (float, float, float)
        Weights of centrality, keyword weight and position.

    Notes
    -----
    Centrality is PageRank over the sentence graph (an edge for every pair
    of sentences sharing a term), which costs O(n²) in the number of
    sentences. Above :data:`MAX_GRAPH_SENTENCES` sentences (far more than any
    section of a real document; a 10 MB compilation has tens of thousands),
    it is the weighted degree in that graph instead, computed from term
    document frequencies in linear time:
    ``sum(df(t) - 1 for t in terms) / log(len + 2)``.

    Returns
    -------
    list[float]
        One score per sentence, in ``[0, 1]``.

    Examples
    --------
    >>> rank_sentences([["改革", "编制"], ["改革", "编制", "资源"], ["天气"]], position=False)[2]
    0.0
    """
    n = len(units)
    if n == 0:
        return []
    cent = _centrality(units)
    top_c = max(cent) or 1.0
    kw = [0.0] * n
    if weights:
        for i, u in enumerate(units):
            if u:
                kw[i] = sum(weights.get(t, 0.0) for t in set(u)) / len(u)
    top_k = max(kw) or 1.0
    a, b, c = mix
    pos = [1 / math.sqrt(1 + i) if position else 0.0 for i in range(n)]
    scores = [a * cent[i] / top_c + b * kw[i] / top_k + c * pos[i] for i in range(n)]
    return [0.0 if not units[i] else s for i, s in enumerate(scores)]


def _centrality(units: Sequence[Sequence[str]]) -> list[float]:
    """PageRank (minus its minimum) in the sentence graph, or weighted degree above :data:`MAX_GRAPH_SENTENCES`.

    The graph has an edge between two sentences sharing ``k`` distinct terms, of weight
    ``k / (ln(1 + len_i) + ln(1 + len_j))``. It is built as a sparse matrix (shared terms counted by one
    sparse product of the sentence-term incidence matrix with its transpose, not pair by pair) and ranked
    by the power iteration of :func:`networkx.pagerank` (``alpha`` 0.85, ``tol`` 1e-8, at most 500
    iterations) on the same matrix, so the values are those of ``networkx.pagerank`` on the graph, bit
    for bit (``tests/test_ranking_speed.py`` compares them).

    >>> [round(c, 4) for c in _centrality([["改革", "编制"], ["改革", "编制", "资源"], ["天气"]])]
    [0.3953, 0.3953, 0.0]
    """
    n = len(units)
    sets = [set(u) for u in units]
    if n > MAX_GRAPH_SENTENCES:
        df = Counter(t for s in sets for t in s)
        return [sum(df[t] - 1 for t in s) / math.log(len(units[i]) + 2) for i, s in enumerate(sets)]
    A = _similarity_matrix(units, sets)
    if A is None:
        return [0.0] * n
    x = _pagerank(A)
    lo = min(x)
    return [v - lo for v in x]


def _similarity_matrix(units: Sequence[Sequence[str]], sets: Sequence[set[str]]) -> Any:
    """The weighted adjacency matrix of the sentence graph (CSR, sorted indices, no diagonal), as
    ``networkx.to_scipy_sparse_array`` gives it for the graph; None without edges."""
    import numpy as np
    import scipy.sparse as sps

    n = len(units)
    vocab: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for i, s in enumerate(sets):
        for t in s:
            rows.append(i)
            cols.append(vocab.setdefault(t, len(vocab)))
    if not vocab:
        return None
    M = sps.csr_array((np.ones(len(rows), dtype=np.int64), (rows, cols)), shape=(n, len(vocab)))
    shared = (M @ M.T).tocoo()
    off = shared.row != shared.col
    r, c, k = shared.row[off], shared.col[off], shared.data[off]
    if not len(k):
        return None
    logs = np.array([math.log(len(u) + 1) for u in units])  # math.log, as the graph's weights were computed
    weights = k / (logs[r] + logs[c])
    A = sps.coo_array((weights, (r, c)), shape=(n, n), dtype=float).tocsr()
    A.sort_indices()
    return A


def _pagerank(A: Any, alpha: float = 0.85, tol: float = 1e-8, max_iter: int = 500) -> list[float]:
    """PageRank of the nodes of the symmetric weighted adjacency matrix ``A``: the steps of networkx's
    ``_pagerank_scipy`` (uniform start, teleport and dangling weights), on ``A`` directly."""
    import numpy as np
    import scipy.sparse as sps

    N = A.shape[0]
    S = A.sum(axis=1)
    S[S != 0] = 1.0 / S[S != 0]
    Q = sps.dia_array((S.T, 0), shape=A.shape).tocsr()
    A = Q @ A
    x = np.repeat(1.0 / N, N)
    p = np.repeat(1.0 / N, N)
    is_dangling = np.where(S == 0)[0]
    for _ in range(max_iter):
        xlast = x
        x = alpha * (x @ A + sum(x[is_dangling]) * p) + (1 - alpha) * p
        if np.absolute(x - xlast).sum() < N * tol:
            return [float(v) for v in x]
    import networkx as nx

    raise nx.PowerIterationFailedConvergence(max_iter)


# -- the thesis of a section ------------------------------------------------------------

#: Weights of the parts of :func:`rank_section`'s score: centrality in the section's
#: sentence graph, keyword weight (the section's keyword scores over the sentence's
#: distinct terms, per content term), position among the candidates (``1 / sqrt(1 + r)``),
#: opening a paragraph, standing in the section's own introduction (before its
#: subsections), concision (``min(1, CONCISE_CHARS / length)``) and being a directive
#: (``Sentence.task``: 要…, 必须…, 推进…). Chosen on the ``tune`` half of
#: ``../shared/headed`` (``benchmarks/eval_key_sentences.py --tune``).
THESIS_MIX: dict[str, float] = {"centrality": 0.8, "keywords": 0.25, "position": 0.6, "paragraph_start": 0.2,
                                "introduction": 0.8, "concise": 1.6, "directive": 0.4}
#: Sentences up to this long count as fully concise.
CONCISE_CHARS = 40
#: A thesis has at least this many characters (shorter: a cell, a label, a fragment).
MIN_THESIS_CHARS = 12
#: Share of a sentence's characters found in the heading above which it only repeats the heading.
HEADING_COPY_SHARE = 0.8

_RE_SENTENCE_END: Pattern[str] = re.compile(r"[。！？!?…][”’」』）)]*$")
#: A sentence that introduces what follows (``…活动内容包括：``, ``请报送以下材料：``) ends in a colon;
#: a speaker's attribution (``总书记强调：``) does too, but the quotation after it is what is said.
_RE_INTRO_END: Pattern[str] = re.compile(r"[：:]$")
_RE_SPEAKER_END: Pattern[str] = re.compile(r"(?:指出|强调|说|讲|表示|认为|提出|写道|谈到|号召|宣布)[：:]$")
#: How a clause or an item of a list ends (the fallback of a section without a complete sentence).
_RE_CLAUSE_END: Pattern[str] = re.compile(r"[。！？!?…；;：:][”’」』）)]*$")
_RE_LIST_MARK: Pattern[str] = re.compile(
    r"^(?:[（(]?[0-9０-９一二三四五六七八九十]+[)）、.．]|[①-⑳]|[一二三四五六七八九十]是|"
    r"其[一二三四五六七八九十]|第[一二三四五六七八九十]+[，,、]|首先|其次|再次|最后|"
    r"—|[-－•·●○■□◆◇▲△▶►★☆√※])")
#: A field of a form: a short label naming an attribute (时间, 地点, 方式, …), a colon, its value
#: (``活动主题：…``, ``预约方式：…``, ``学分认定：…``).
_RE_FIELD: Pattern[str] = re.compile(
    r"^[^\s，,。；;：:、（）()“”《》]{0,6}(?:时间|日期|地点|地址|方式|办法|主题|内容|对象|要求|条件|范围|标准|名额|"
    r"认定|分工|电话|联系人|邮箱|网址|说明|备注|注|提示|流程|安排|形式|费用|材料|人员|组别|奖项|题目)[：:](?=.)")


#: Meeting logistics and publication lead-ins: a sentence that says when and where a meeting was held
#: (``…全体会议，于2019年10月28日至31日在北京举行。``), who attended, sat in or chaired it (``出席这次全会的有…``,
#: ``…列席会议。``, ``全会由中央政治局主持。``), that it heard a report (``全会听取和讨论了…工作报告``), that someone
#: spoke (``…作了重要讲话。``, ``…向全会作了说明。``, without what was said), a news lead that a meeting was
#: held (``3月18日下午，市委编办召开…学习会…``) or what happened at it (``会上，…领学…``), or that a
#: journal published a text (``近日，《中国机构编制》杂志…刊发了…全文如下：``).
_RE_PROCEDURAL: Pattern[str] = re.compile(
    r"(?:会议|全会|大会|常委会|座谈会)[^。；！？]*?于[^。；！？]{2,40}(?:举行|召开)了?[。！]?$"
    r"|(?:出席|列席)了?(?:这次|本次)?(?:会议|全会|大会)"
    r"|(?:会议|全会|大会)由[^。；，]{1,30}主持"
    r"|主持了?(?:会议|全会|大会)"
    r"|(?:作|发表)了?(?:重要)?讲话[。！]?$|向(?:会议|全会|大会)作了?[^。；！？]{0,30}(?:说明|报告)"
    r"|听取(?:和讨论|并审议|和审议|并讨论)?了?[^。；！？]{0,50}(?:报告|汇报)"
    r"|^(?:[0-9０-９]{1,2}月[0-9０-９]{1,2}日[上下]?午?|近日|日前|近期)[,，]?[^。；！？]*?(?:召开|举行|举办)"
    r"[^。；！？]*?会|^会上[,，]?"
    r"|刊发|刊登|刊载|全文如下")
#: ...unless it also states what was said or decided (``会议听取了…汇报，强调…``).
_RE_STATES: Pattern[str] = re.compile(r"强调|指出|认为|要求|号召|提出|明确|(?:表示|说)[,，：:]")


def procedural(text: str) -> bool:
    """Whether a sentence only reports a meeting's logistics or a publication's lead-in (it states no thesis).

    Meeting logistics: when and where a meeting was held (``…于…在北京举行。``), who attended, sat in or
    chaired it (``出席/列席会议``, ``主持会议``, ``全会由…主持``), that it heard a report (``听取…报告``), that
    someone spoke (``…作了重要讲话。``, ``向全会作了说明``), a news lead that a meeting was held
    (``3月18日下午，…召开…学习会``, ``近日，…召开…会议``) or what happened at it (``会上，…``);
    publication lead-ins: ``刊发``, ``刊登``, ``刊载``, ``全文如下``. A sentence that also states what was
    said (``强调``, ``指出``, ``认为``, ``要求``, …) is not procedural. Key sentences, 导语 quotes and the
    sentences formulations are cited from avoid these when another sentence exists.

    Examples
    --------
    >>> procedural("中国共产党第十九届中央委员会第四次全体会议，于2019年10月28日至31日在北京举行。")
    True
    >>> [procedural(t) for t in ("党的十九大代表中的部分基层同志和专家学者也列席会议。", "全会由中央政治局主持。",
    ...                          "近日，《中国机构编制》杂志2024年第9期刊发了署名文章，全文如下：")]
    [True, True, True]
    >>> [procedural(t) for t in ("会议听取了工作汇报，强调要压实责任。", "要坚持和完善中国特色社会主义制度。",
    ...                          "学校定于11月17日在操场举行运动会。")]
    [False, False, False]
    """
    return bool(_RE_PROCEDURAL.search(text)) and not _RE_STATES.search(text)


def thesis_candidate(text: str, heading: str = "", *, list_item: bool = False) -> bool:
    """Whether a sentence can state a section's thesis.

    A thesis is a complete sentence (ending in ``。！？``), or one that
    introduces what follows (ending in ``：``: ``…活动内容包括：``). Not a
    thesis: a line without such an end (a table cell, a bare sub-heading, a
    label such as ``附件：``), a sentence ending in ``；`` (one clause of an
    enumeration), a speaker's attribution (``…强调：``), a sentence opening
    with an item marker (``1.``, ``（2）``, ``①``, ``一是``, ``其一``,
    ``首先``, a dash ``——`` or a bullet ``●■◆★…``), a field of a form (a
    label naming an attribute, a colon, its value: ``活动主题：…``,
    ``预约方式：…``), ``list_item`` (a sentence of a numbered list item,
    ``Section.kind == "item"``), fewer than :data:`MIN_THESIS_CHARS`
    characters, or a sentence that repeats the ``heading`` (at least
    :data:`HEADING_COPY_SHARE` of its characters occur in it).

    Examples
    --------
    >>> thesis_candidate("乡村振兴，产业兴旺是重点，要推动乡村产业全链条升级。")
    True
    >>> [thesis_candidate(t) for t in ("活动内容", "先去一班教室，再去二班教室；", "一是加强组织领导，压实责任。")]
    [False, False, False]
    >>> thesis_candidate("要全面加强校园安全管理工作。", "全面加强校园安全管理工作")
    False
    >>> [thesis_candidate(t) for t in ("各班要结合实际，认真做好以下几项工作：", "总书记在座谈会上发表重要讲话强调：",
    ...                                "活动主题：本主题有两项活动，全体必修。", "——民主监督：评选接受师生监督。")]
    [True, False, False, False]
    """
    t = text.strip()
    if list_item or len(t) < MIN_THESIS_CHARS or _RE_LIST_MARK.match(t) or _RE_FIELD.match(t):
        return False
    if not (_RE_SENTENCE_END.search(t) or (_RE_INTRO_END.search(t) and not _RE_SPEAKER_END.search(t))):
        return False
    return not _repeats(t, heading)


def _repeats(t: str, heading: str) -> bool:
    """At least :data:`HEADING_COPY_SHARE` of the characters of ``t`` occur in ``heading``."""
    if not heading:
        return False
    inside = set(heading)
    return sum(ch in inside for ch in t) >= HEADING_COPY_SHARE * len(t)


def _clause(text: str, heading: str) -> bool:
    """A clause or an item ending like one (``。``, ``；``, ``：``), long enough, not the heading again."""
    t = text.strip()
    return len(t) >= MIN_THESIS_CHARS and bool(_RE_CLAUSE_END.search(t)) and not _repeats(t, heading)


def rank_section(
    sentences: Sequence[Sentence],
    units: Sequence[Sequence[str]],
    *,
    heading: str = "",
    path: tuple[int, ...] | None = None,
    weights: dict[str, float] | None = None,
    mix: Mapping[str, float] | None = None,
) -> tuple[list[float], list[bool]]:
    """Scores of a section's sentences for stating its thesis, and which of them can.

    Parameters
    ----------
    sentences : sequence of Sentence
        The section's sentences in document order (``Section.sentences``).
    units : sequence of sequences of str
        Content terms of each sentence.
    heading : str
        The section's heading (a sentence repeating it is not a thesis).
    path : tuple of int, optional
        The section's path: sentences directly in it (``section_path == path``)
        are its introduction; sentences of its list items
        (``Section.kind == "item"``) are never candidates.
    weights : dict, optional
        The section's keyword scores.
    mix : mapping, optional
        Weights of the parts of the score (default :data:`THESIS_MIX`).

    Returns
    -------
    (list of float, list of bool)
        A score per sentence (:data:`THESIS_MIX`, scaled to ``[0, 1]`` over the
        candidates) and whether it is a candidate (:func:`thesis_candidate`
        with content terms). In a section made only of list items, the items
        that pass the text rules are candidates; when no sentence passes
        them, its clauses and marked items (ending in ``。；：``, at least
        :data:`MIN_THESIS_CHARS` characters, not the heading again) are, and
        only when there is none of those either, every sentence with content
        terms (a cell, a label, a line of names). Meeting logistics and
        publication lead-ins (:func:`procedural`) are candidates only when no
        other sentence is.

    Examples
    --------
    >>> import policytext as pt
    >>> doc = pt.parse("一、产业振兴\\n乡村振兴，产业兴旺是重点，要因地制宜发展乡村产业。\\n"
    ...                "发展特色产业。\\n一是发展农村婴幼儿照护服务，完善托育网络。")
    >>> sec = doc.sections[0]
    >>> units = [["乡村", "振兴", "产业", "兴旺", "重点", "发展"], ["发展", "产业"], ["发展", "托育"]]
    >>> scores, ok = rank_section(sec.sentences, units, heading=sec.heading, path=sec.path)
    >>> ok, max(range(3), key=scores.__getitem__)
    ([True, False, False], 0)
    """
    n = len(sentences)
    if n == 0:
        return [], []
    by_text = [bool(units[j]) and thesis_candidate(s.text, heading) for j, s in enumerate(sentences)]
    ok = [by_text[j] and not _in_list_item(s, path) for j, s in enumerate(sentences)]
    if not any(ok):  # a section made of list items: its items are what it says
        ok = by_text
    if not any(ok):  # else its clauses and marked items (…；, 一是…) before cells, labels or a list of names
        ok = [bool(units[j]) and _clause(s.text, heading) for j, s in enumerate(sentences)]
    if not any(ok):
        ok = [bool(u) for u in units]
    substantive = [ok[j] and not procedural(s.text) for j, s in enumerate(sentences)]
    if any(substantive):  # meeting logistics and publication lead-ins only when nothing else can
        ok = substantive
    cand = [j for j in range(n) if ok[j]] or list(range(n))
    cent = _centrality(units)
    kw = [sum(weights.get(t, 0.0) for t in set(u)) / len(u) if weights and u else 0.0 for u in units]
    top_c = max(cent[j] for j in cand) or 1.0
    top_k = max(kw[j] for j in cand) or 1.0
    mix = THESIS_MIX if mix is None else mix
    total = sum(mix.values()) or 1.0
    scores, before, last_para = [], 0, None
    for j, s in enumerate(sentences):
        starts = s.paragraph != last_para
        last_para = s.paragraph
        value = (mix["centrality"] * min(cent[j] / top_c, 1.0) + mix["keywords"] * min(kw[j] / top_k, 1.0)
                 + mix["position"] / math.sqrt(1 + before) + mix["paragraph_start"] * starts
                 + mix["introduction"] * (path is not None and s.section_path == path)
                 + mix["concise"] * min(1.0, CONCISE_CHARS / max(len(s.text.strip()), 1))
                 + mix["directive"] * (s.task is not None))
        scores.append(value / total if units[j] else 0.0)
        before += ok[j]
    return scores, ok


def _in_list_item(s: Sentence, path: tuple[int, ...] | None) -> bool:
    """A sentence of a numbered list item below the section ``path`` (not the section itself)."""
    sec = s.section
    return sec is not None and getattr(sec, "kind", "section") == "item" and s.section_path != path


def mmr(scores: Sequence[float], units: Sequence[Sequence[str]], k: int, lam: float = 0.7) -> list[int]:
    chosen: list[int] = []
    sets = [set(u) for u in units]
    cands = [i for i in range(len(scores)) if units[i]]
    while cands and len(chosen) < k:
        def value(i: int) -> float:
            if not chosen:
                return scores[i]
            sim = max(len(sets[i] & sets[j]) / (math.sqrt(len(sets[i]) * len(sets[j])) or 1) for j in chosen)
            return lam * scores[i] - (1 - lam) * sim
        best = max(cands, key=lambda i: (value(i), -i))
        chosen.append(best)
        cands.remove(best)
    return chosen


