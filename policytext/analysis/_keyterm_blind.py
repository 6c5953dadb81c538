"""Keywords of a section read blind to its own heading: the evaluation harness's view (issue 16).

``benchmarks/eval_keywords.py`` compares :func:`policytext.analysis.keyterms.keywords` of a section with
jieba's keywords of the section body alone. These private functions give that read (:func:`_keywords_blind`)
and every candidate behind it (:func:`_candidates_blind`, for ``--diagnose``); the harness's experiments
multiply a per-term prior into the ranker's score (``prior``, e.g. ``--keyphraseness``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from .keyterms import METHODS, Keyword, _prepare, _Prepared, _rank_and_select

if TYPE_CHECKING:
    from ..text.document import Document, Section
    from .idf import IdfLike


def _keywords_blind(section: Section, doc: Document, *, top: int, method: str = "tfidf", idf: IdfLike = None,
                    prior: Callable[[str], float] | None = None) -> list[Keyword]:
    """``keywords(section, context=doc, top=top)`` read blind to the section's own heading (issue 16).

    :func:`keywords` never reads a Section's own heading as text, but the
    document's phrases it is read with are found in the whole document, that
    heading included (a phrase used once there and once in the body is a
    phrase). The evaluation harness (``benchmarks/eval_keywords.py``) compares
    with jieba on the section body alone, so it reads the section with the
    phrase table as if the heading were not there
    (:func:`~policytext.analysis._keyterm_phrases.without_own_heading`).

    ``prior`` (the harness's experiments, e.g. ``--keyphraseness``): a factor
    per term multiplied into the ranker's score before the diversity rules.
    """
    ranker = METHODS[method]
    if prior is not None:
        ranker = partial(_times_prior, ranker, prior)
    return _rank_and_select(_blind(section, doc, idf), ranker, top, True, 5)


def _blind(section: Section, doc: Document, idf: IdfLike) -> _Prepared:
    return _prepare(section, tokenizer=None, idf=idf, stopwords="default", phrases=True, min_phrase_count=2,
                    context=doc, contrast=False, own_heading=False)


def _times_prior(ranker: Callable[..., dict[str, float]], prior: Callable[[str], float], p: _Prepared,
                 **kw: Any) -> dict[str, float]:
    return {t: s * prior(t) for t, s in ranker(p, **kw).items()}


def _candidates_blind(section: Section, doc: Document, *, method: str = "tfidf", idf: IdfLike = None
                      ) -> list[str]:
    """Every candidate of the blind read (:func:`_keywords_blind`), best first (``(-score, term)``), before the
    diversity rules: where a heading word the top 10 misses stands (``eval_keywords.py --diagnose``)."""
    prep = _blind(section, doc, idf)
    scores = METHODS[method](prep, window=5) if prep.counts else {}
    return [t for s, t in sorted(((s, t) for t, s in scores.items() if s > 0), key=lambda x: (-x[0], x[1]))]
