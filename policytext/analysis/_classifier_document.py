"""A document's own sections as classes: the level to learn and the score of "outside every section".

:func:`auto_level` picks the section level :meth:`SectionClassifier.from_document`
learns with ``level="auto"`` (and ``policytext classify --model
reference-of:FILE`` by default); :func:`held_out_outside` derives, from the
document itself, the ``outside`` score that lets such a model abstain.

**The outside score, from the document itself.** A sentence "of no section"
is one the model was not trained on and whose topic is none of its classes.
The document supplies such sentences: hold one section out, learn the others
(the same features, the same linear model and section profiles), score the
held-out section's sentences (with their paragraph context, as prediction
does) and keep the best class score of each. Over every section held out in
turn, these are the scores sentences of no section get; the outside score is
their median (:data:`OUTSIDE_QUANTILE`). So ``outside`` is in the units of
:meth:`SectionClassifier.decision_function`: a sentence is left without a
section (``abstain=True``) when its best section score is below the score a
typical off-topic sentence of the same genre reaches.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from ..text.document import Document, Sentence

__all__ = ["MIN_SECTIONS", "OUTSIDE_QUANTILE", "auto_level", "section_counts", "held_out_outside"]

#: ``level="auto"``: the shallowest level with at least this many sections.
MIN_SECTIONS = 4
#: The quantile of the held-out best scores taken as the outside score (see the module docstring).
OUTSIDE_QUANTILE = 0.5


def section_counts(doc: Document) -> dict[int, int]:
    """How many sections (with a sentence) the document has at each level.

    >>> import policytext as pt
    >>> section_counts(pt.parse("一、甲\\n要学习。\\n（一）子\\n要改革。\\n二、乙\\n要工作。"))
    {1: 2, 2: 1}
    """
    counts: dict[int, int] = {}
    for sec in doc.walk():
        if sec.level and sec.sentences:
            counts[sec.level] = counts.get(sec.level, 0) + 1
    return dict(sorted(counts.items()))


def auto_level(doc: Document, min_sections: int = MIN_SECTIONS) -> int:
    """The level ``level="auto"`` learns: the shallowest with ``min_sections`` sections or more.

    When no level has that many, the level with the most sections (the
    shallowest of equals); 1 when the document has no sections (learning
    then fails with the usual "has 0 section(s)" error).

    A government work report has three top-level parts (review, overall
    requirements, tasks) but ten task sections at level 2: ``auto`` learns
    level 2; a congress report has 13-15 chapters: level 1.

    >>> import policytext as pt
    >>> text = "一、甲\\n（一）子\\n要学习。\\n（二）丑\\n要改革。\\n（三）寅\\n要发展。\\n二、乙\\n要工作。"
    >>> auto_level(pt.parse(text))  # two top-level sections, three below: the level with the most
    2
    >>> auto_level(pt.parse("一、甲\\n要学习。\\n二、乙\\n要工作。"), min_sections=4)
    1
    """
    counts = section_counts(doc)
    if not counts:
        return 1
    enough = [lv for lv, n in counts.items() if n >= min_sections]
    if enough:
        return min(enough)
    return max(counts, key=lambda lv: (counts[lv], -lv))


def held_out_outside(model: Any, doc: Document, level: int,
                     quantile: float = OUTSIDE_QUANTILE) -> float | None:
    """The outside score of a model learned from ``doc`` at ``level`` (see the module docstring).

    ``model`` is the fitted :meth:`SectionClassifier.from_document` model
    (typed ``Any``: this module is imported by the estimator's module)
    (its vocabulary, parameters and tokenizer are reused). None when the
    document has fewer than three sections at ``level`` (holding one out
    would leave a single class).

    >>> import policytext as pt
    >>> doc = pt.parse("一、学习\\n要深入学习理论。\\n二、改革\\n要深化机构改革。\\n三、编制\\n要盘活编制资源。")
    >>> model = pt.SectionClassifier.from_document(doc, outside=None)
    >>> isinstance(held_out_outside(model, doc, 1), float), held_out_outside(model, doc, 2)
    (True, None)
    """
    import numpy as np

    groups = [(sec.id, list(sec.sentences)) for sec in doc.walk() if sec.level == level and sec.sentences]
    if len(groups) < 3:
        return None
    from ._classifier_sections import document_training

    X, y, _ = document_training(doc, level, headings=True)
    tok = model._tok() if model.word_features else None
    tokens = [tok.tokenize(t) for t in X] if tok is not None else None
    Xm = model._matrix(X, tokens)
    labels = np.array(y, dtype=object)
    best: list[np.ndarray] = []
    for sid, sentences in groups:
        keep = labels != sid
        weights, intercept = _fit_without(model, Xm[keep], labels[keep])
        best.append(_held_out_scores(model, sentences, weights, intercept).max(axis=1))
    return round(float(np.quantile(np.concatenate(best), quantile)), 3)


def _fit_without(model: Any, Xm: Any, labels: Any) -> tuple[Any, Any]:
    """``(coef + profile_weight * centroids).T`` and the intercepts of the model's linear part fitted on these rows."""
    import numpy as np
    from scipy import sparse
    from sklearn.preprocessing import normalize

    classes = sorted(set(labels.tolist()))
    index = {c: i for i, c in enumerate(classes)}
    y_idx = np.array([index[v] for v in labels.tolist()])
    _, coef, intercept = model._fit_linear(Xm, y_idx)
    onehot = sparse.csr_matrix((np.ones(len(y_idx)), (y_idx, np.arange(len(y_idx)))), shape=(len(classes), len(y_idx)))
    centroids = normalize(np.asarray((onehot @ Xm).todense()))  # the section profiles, as fit computes them
    weights = coef + float(model.profile_weight) * centroids
    return np.ascontiguousarray(weights.T), intercept


def _held_out_scores(model: Any, sentences: Sequence[Sentence], weights: Any, intercept: Any) -> Any:
    """Scores of the held-out ``sentences`` under the fitted part, their paragraph (or section) context added."""
    import numpy as np

    from ._classifier_scoring import paragraph_context, section_context

    def score_of(ext: list[Any]) -> Any:
        texts = [x if isinstance(x, str) else x.text for x in ext]
        return np.asarray(model._matrix(texts) @ weights) + intercept

    items: list[Any] = list(sentences)
    cw = float(model.context_weight)
    if model.context == "paragraph" and cw > 0:
        score, context = paragraph_context(items, score_of)
    elif model.context == "section" and cw > 0:
        score, context = section_context(items, score_of)
    else:
        return score_of(items)
    return score[:len(items)] + cw * context
