"""Is a document about 机构编制 work at all? The domain check of :func:`~policytext.analysis.classifier.classify`.

The five-section model puts *any* text into one of its sections, with
confidences that look meaningful even for a flood-control notice. This module
measures, cheaply and in a way a reader can check, how much of the sections'
own vocabulary (the indicative terms of ``lexicons/sections.tsv``, the
classifier's keyword prior) a document uses:

``domain coverage`` = the weighted count of section terms found in the
document per 1,000 Han characters, where a term counts ``1`` unless it is
common in general political news, and then ``RARE_RATE / rate`` (``rate``:
its occurrences per million characters of the 新闻联播 transcripts, 2012-2026,
:data:`NEWS_RATES`). So 编制资源, 实名制, “三定”规定 count fully, while
学习贯彻 (124 per million) counts 0.04 and 机构改革 (10 per million) 0.5:
every Party text studies theory and fights formalism, only 机构编制 texts talk
about 空编 and 领导职数.

Below :data:`THRESHOLD`, :func:`classify` warns
(:class:`OutsideDomainWarning`) and records the figure in
``table.attrs["domain_coverage"]``.

How the constants were chosen (grouped by document, ``benchmarks/_evalkit``
halves): :data:`RARE_RATE` (from 1, 2, 3, 5, 10, 20, and a hard cut instead
of the weight) and :data:`THRESHOLD` (the geometric midpoint between the
lowest in-domain and the highest out-of-domain figure) on the ``tune`` half
only, of 20 real 编办 pages (``genre_dev``) against ``corpora`` and 40
``headed`` pages (documents about 机构改革 left out); see the README of the
classifier for the figures on the ``report`` half.

>>> from policytext.analysis.classifier import SectionClassifier
>>> model = SectionClassifier.default()
>>> round(domain_coverage(["要盘活编制存量，严格实名制管理。"], model.matcher_), 1)
142.9
>>> domain_coverage(["今天天气很好，我们去公园散步。"], model.matcher_)
0.0
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from ..errors import OutsideDomainWarning as OutsideDomainWarning  # re-exported: the warnings live in errors

if TYPE_CHECKING:  # pragma: no cover
    from ._classifier_features import TermMatcher

__all__ = ["OutsideDomainWarning", "THRESHOLD", "RARE_RATE", "NEWS_RATES", "term_weight", "domain_coverage",
           "news_rates", "domain_message", "applies_to"]


#: Below this many (weighted) section terms per 1,000 Han characters a document looks outside 机构编制 work.
#: Tune half: in-domain pages >= 13.8, out-of-domain <= 3.4; sqrt(13.8 * 3.4) = 6.8, rounded to 7.
THRESHOLD = 7.0

#: A term seen at most this often in the news (per million characters) counts fully; a commoner one counts less.
RARE_RATE = 5.0

#: Occurrences per million characters of the xwlb transcripts (5,078 days, 37.3 M characters, 2012-07 to
#: 2026-06; leftmost-longest matches of the section terms, as :class:`TermMatcher` finds them) of every
#: indicative term of ``lexicons/sections.tsv`` seen more than :data:`RARE_RATE` times per million.
#: Terms not listed are rarer and count 1. Recompute with :func:`news_rates`.
NEWS_RATES: dict[str, float] = {
    "学习贯彻": 124.5, "习近平新时代中国特色社会主义思想": 110.7, "调研": 106.0, "巡视": 88.4, "全会精神": 76.8,
    "卫生健康": 75.0, "纪律": 64.9, "宣讲": 60.4, "主题教育": 55.2, "全面从严治党": 52.9, "营商环境": 44.3,
    "重要讲话精神": 43.2, "信息化": 41.9, "大数据": 41.5, "产业发展": 39.0, "查处": 38.7, "数字化": 37.9,
    "评估": 37.4, "审计": 37.1, "重点领域": 36.8, "党的建设": 36.1, "宣讲团": 34.4, "两个维护": 30.2,
    "问责": 25.9, "四个意识": 25.8, "督查": 24.5, "应急管理": 23.8, "四个自信": 22.3, "重要论述": 21.6,
    "主体责任": 20.5, "两个确立": 20.4, "中央八项规定精神": 19.2, "党的二十大精神": 18.3, "形式主义": 17.9,
    "党史学习教育": 17.4, "作风建设": 17.3, "《条例》": 17.1, "党风廉政建设": 16.3, "决定性意义": 16.3,
    "全面依法治国": 16.2, "能力建设": 16.1, "调查研究": 14.4, "国家治理体系和治理能力现代化": 13.2,
    "资源配置": 13.0, "自身建设": 12.4, "凝聚力": 12.1, "政治建设": 11.8, "战斗力": 11.7, "官僚主义": 11.4,
    "简政放权": 10.3, "机构改革": 10.2, "组织实施": 9.9, "担当作为": 9.8, "制度建设": 9.8, "核查": 9.5,
    "放管服": 9.5, "规范化": 9.4, "学习宣传贯彻": 9.4, "党的创新理论": 9.3, "管党治党": 9.2, "监督检查": 9.0,
    "改革任务": 9.0, "基层一线": 8.9, "制度化": 8.8, "专题研讨": 7.1, "党和国家机构改革": 6.9, "党建工作": 6.8,
    "体制机制改革": 6.7, "论证": 6.5, "教育培训": 6.3, "干部队伍": 6.1, "依法依规": 6.0, "民生领域": 5.9,
    "基层治理": 5.9, "服务大局": 5.8, "结构优化": 5.7, "法规制度": 5.7, "对党忠诚": 5.6, "习近平法治思想": 5.5,
    "二十大精神": 5.5, "推动工作": 5.4,
}

_NOT_HAN = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def term_weight(term: str) -> float:
    """How much one occurrence of a section term counts: 1, or less when the term is common in the news.

    >>> term_weight("实名制"), term_weight("机构改革"), round(term_weight("学习贯彻"), 3)
    (1.0, 0.49, 0.04)
    """
    rate = NEWS_RATES.get(term, 0.0)
    return 1.0 if rate <= RARE_RATE else round(RARE_RATE / rate, 3)


def domain_coverage(texts: Sequence[str], matcher: TermMatcher) -> float:
    """Weighted section terms per 1,000 Han characters of ``texts`` (0.0 without Han characters).

    Parameters
    ----------
    texts : sequence of str
        The document's sentences.
    matcher : TermMatcher
        The section terms (a fitted model's ``matcher_``).

    Returns
    -------
    float
        The domain coverage, rounded to 0.1.

    Examples
    --------
    >>> from policytext.analysis._classifier_features import TermMatcher
    >>> m = TermMatcher({1: ["编制资源", "学习贯彻"]})
    >>> domain_coverage(["统筹编制资源。" * 10], m), domain_coverage(["学习贯彻。" * 10], m)
    (166.7, 10.0)
    """
    text = "\n".join(texts)
    han = len(_NOT_HAN.sub("", text))  # the Han characters (faster than counting matches)
    if not han:
        return 0.0
    forms = matcher.forms
    weight = sum(term_weight(forms[i]) for i, _, _ in matcher.matches(text))
    return round(1000.0 * weight / han, 1)


def applies_to(model: Any) -> bool:
    """Whether ``model`` is a model of the five 机构编制 sections (fitted with the shipped section table)."""
    sections = getattr(model, "sections", None)
    return isinstance(sections, str) and sections == "default" and bool(getattr(model, "matcher_", None)
                                                                       and model.matcher_.forms)


def domain_message(source: str, coverage: float, *, abstain: bool = False, cli: bool = False) -> str:
    """The warning: the figure, what it means and what to do instead (``cli``: with the command's options).

    >>> print(domain_message("notice.txt", 0.9))  # doctest: +NORMALIZE_WHITESPACE
    notice.txt: the text looks outside 机构编制 work (domain coverage 0.9 section terms per 1,000 characters,
    below 7.0), so its sections are guesses; pass abstain=True to leave sentences outside every section
    unplaced, or classify against the document's own sections (SectionClassifier.from_document(doc))
    >>> domain_message("a.txt", 0.0, abstain=True, cli=True).split("; ")[1]
    "classify against the document's own sections (--model reference-of:FILE)"
    """
    own = "classify against the document's own sections " + (
        "(--model reference-of:FILE)" if cli else "(SectionClassifier.from_document(doc))")
    if not abstain:
        own = ("use --abstain" if cli else "pass abstain=True") + " to leave sentences outside every section " \
              "unplaced, or " + own
    return (f"{source}: the text looks outside 机构编制 work (domain coverage {coverage:.1f} section terms per "
            f"1,000 characters, below {THRESHOLD:.1f}), so its sections are guesses; {own}")


def news_rates(texts: Iterable[str], matcher: TermMatcher, floor: float = RARE_RATE) -> dict[str, float]:
    """Occurrences per million characters of each section term in ``texts``, for the terms above ``floor``.

    How :data:`NEWS_RATES` was made: ``texts`` the files of ``../shared/xwlb/*/*.txt`` (read as UTF-8),
    ``matcher`` the default model's ``matcher_``.

    >>> from policytext.analysis._classifier_features import TermMatcher
    >>> texts = ["机构改革" * 2 + "。" * 992, "实名制" + "。" * 997]  # 2,000 characters
    >>> news_rates(texts, TermMatcher({1: ["机构改革", "实名制"]}), floor=600)
    {'机构改革': 1000.0}
    >>> news_rates(texts, TermMatcher({1: ["机构改革", "实名制"]}), floor=0)
    {'机构改革': 1000.0, '实名制': 500.0}
    """
    forms = matcher.forms
    counts = [0] * len(forms)
    total = 0
    for text in texts:
        total += len(text)
        for i, _, _ in matcher.matches(text):
            counts[i] += 1
    if not total:
        return {}
    rates = {f: round(1e6 * c / total, 1) for f, c in zip(forms, counts)}
    return {f: r for f, r in sorted(rates.items(), key=lambda kv: (-kv[1], kv[0])) if r > floor}
