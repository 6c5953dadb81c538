"""Classify sentences (tasks) into the sections of a reference document.

:class:`SectionClassifier` is a scikit-learn estimator (``fit`` / ``predict`` /
``predict_proba`` / ``decision_function``) over sentences given as ``str`` or
:class:`~policytext.text.document.Sentence`. Three experts vote; their scores are
added (a log-linear pool, i.e. a product of experts [2]_):

1. **A linear model on text** -- a linear SVM (one-vs-rest, class-balanced)
   over TF-IDF features that transfer between documents: lexicon-aware words
   (:attr:`Token.norm`, so aliases merge; stopwords dropped), the lexicon
   category of each term (``theory``, ``bianzhi`` …) and character n-grams of
   the Han text (robust to segmentation differences).
2. **Section profiles** -- cosine similarity of the sentence to each section's
   centroid (Rocchio / nearest centroid), which degrades gracefully when a
   class has only a handful of examples.
3. **A keyword prior** -- the indicative terms of each section (from a section
   table such as ``lexicons/sections.tsv``, or a section's own heading) found
   in the sentence, each weighted by how specific it is to one section.

With ``context="paragraph"`` (the default) a
:class:`~policytext.text.document.Sentence` also takes in the scores of the other
sentences of its paragraph (their text, never their labels): the standard
discourse-context feature, which helps most with short sentences such as
“——必须坚持系统观念。” whose topic is set by their paragraph.

With ``context="section"`` a sentence takes in the scores of the other
sentences of its top-level section (a page without headings: the whole page),
which is what :meth:`SectionClassifier.default` uses: on real 编办 pages most
sentences of a section (or of a short page) belong to one area of work.

With an ``outside`` score the model can abstain: ``abstain=True`` (in
:meth:`~SectionClassifier.predict`, :meth:`~SectionClassifier.explain` and
:func:`classify`) leaves a sentence whose section scores all fall short of it
without a section (``None``): news frames, dates, background. A model learned
with :meth:`SectionClassifier.from_document` gets its outside score from the
document itself (:mod:`._classifier_document`).

When the context decided a sentence's section (the sentence alone would get
another), :func:`classify` lists the context's words after the sentence's
own, marked ``context:``.

:meth:`SectionClassifier.default` is the five-section model of 机构编制 work,
learned from the shipped reference document plus ``lexicons/sections.tsv``;
:meth:`SectionClassifier.from_document` learns the sections of any parsed
document; :func:`classify` returns a table with the confidence of each
decision and the terms that drove it (whole words and indicative terms, never
character n-grams).

How well it does on real 编办 pages, beside the previous default model, is
printed by ``benchmarks/eval_classify.py`` (accuracy by leave-one-passage-out
cross-validation, calibration error, abstention precision/recall, evidence).

It is a scikit-learn classifier (``ClassifierMixin``, ``BaseEstimator``) over
text: ``classes_`` is sorted as :func:`numpy.unique` sorts (``"1"``, ``"10"``,
``"2"`` …), so scikit-learn's scorers (``roc_auc_ovr``, ``neg_log_loss``)
pair the probability columns with the right classes; ``random_state=0``
makes fits reproducible; an unfitted model raises an error that is both
:class:`policytext.errors.NotFittedError` and scikit-learn's.

The estimator lives in :mod:`._classifier_model`, the features in
:mod:`._classifier_features`, the section tables (:func:`read_sections`) in
:mod:`._classifier_sections` and the paragraph context and explanations in
:mod:`._classifier_scoring`; this module is the public face of all of them.

Examples
--------
>>> import policytext as pt
>>> model = pt.SectionClassifier.default()
>>> model.predict(["严格执行机构限额和领导职数规定", "组织党员干部深入学习党的二十大精神"]).tolist()
[4, 1]
>>> model.section_names_[4]
'法定化'

References
----------
.. [1] Manning, Raghavan, Schütze (2008). *Introduction to Information
   Retrieval*, ch. 14.2 (Rocchio classification) and 13 (text classification).
.. [2] Hinton (2002). Training products of experts by minimizing contrastive
   divergence. *Neural Computation* 14(8).
"""

from __future__ import annotations

import os
import warnings
from typing import TYPE_CHECKING

from .._validation import InstanceOf, Interval, validate_params
from ..text.loading import as_document
from ._classifier_domain import THRESHOLD, OutsideDomainWarning, applies_to, domain_coverage, domain_message
from ._classifier_features import RE_HAN_RUN
from ._classifier_model import SectionClassifier
from ._classifier_sections import read_sections

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..text.document import Document

__all__ = ["SectionClassifier", "classify", "read_sections", "RE_HAN_RUN"]


# -- classify ----------------------------------------------------------------------------

#: How :func:`classify` marks the terms that come from a sentence's context, not from the sentence.
CONTEXT_MARK = "context:"


def evidence(own: list[str], context: list[str], top: int) -> list[str]:
    """The ``terms`` of a row: the sentence's own terms, then its context's, marked, at most ``top``.

    When the context decided (``context`` not empty), its terms get the room
    the own terms leave, and at least ``max(1, top // 2)`` places (fewer when
    it has fewer terms).

    >>> evidence(["数字", "政府"], ["全面从严治党", "党风"], 5)
    ['数字', '政府', 'context:全面从严治党', 'context:党风']
    >>> evidence(["a", "b", "c", "d", "e"], ["x", "y"], 3)
    ['a', 'b', 'context:x']
    >>> evidence(["a"], [], 5)
    ['a']
    """
    if not context or top <= 0:
        return own[:top]
    ctx = context[:max(1, top - len(own), top // 2)]
    return own[:top - len(ctx)] + [CONTEXT_MARK + t for t in ctx]


_COLUMNS = ["sentence", "text", "section", "predicted", "name", "confidence", "terms"]


@validate_params({"model": [InstanceOf(SectionClassifier), None], "tasks_only": ["boolean"],
                  "top_terms": [Interval(int, 0, None)], "abstain": ["boolean"]})
def classify(doc: Document | str | os.PathLike[str] | bytes, model: SectionClassifier | None = None, *,
             tasks_only: bool = True, top_terms: int = 5, abstain: bool = False) -> pd.DataFrame:
    """Place every (task) sentence of ``doc`` into the sections of ``model``.

    Parameters
    ----------
    doc : Document | str | path | bytes
        The document: a Document, a path to a file, the file's bytes, or the
        text itself (see :func:`policytext.text.loading.as_document`).
    model : SectionClassifier, optional
        A fitted classifier; default :meth:`SectionClassifier.default`.
    tasks_only : bool
        Only task (directive) sentences; ``False`` for every body sentence.
    top_terms : int
        How many driving terms to list per sentence.
    abstain : bool
        Allow "outside every section": a sentence whose section scores all
        fall short of the model's ``outside`` score gets ``predicted``
        ``None`` and ``name`` ``""``, and ``confidence`` is the probability
        of the choice among the sections and "outside" (see
        :meth:`SectionClassifier.explain`). Needs a model with an
        ``outside`` score: the default model has one, and so has a
        :meth:`SectionClassifier.from_document` model of three sections or
        more (learned from the document itself).

    Returns
    -------
    pandas.DataFrame
        One row per sentence: ``sentence`` (index in ``doc.sentences``),
        ``text``, ``section`` (its own section id in ``doc``, ``""`` in the
        preamble), ``predicted`` (class), ``name`` (section name),
        ``confidence`` (the largest probability) and ``terms`` (list of the
        whole words and terms that drove the decision, for auditing). When
        the context (the paragraph, or the section) decided, i.e. the
        sentence alone would get another section, the context's words
        follow, marked ``"context:"`` (``["数字", "context:全面从严治党"]``):
        they come from the neighbouring sentences, not from this one (see
        :func:`evidence`).
        ``table.attrs["domain_coverage"]``: with the five-section model of
        机构编制 work, how much of the sections' vocabulary the whole
        document uses (weighted section terms per 1,000 Han characters, see
        :mod:`._classifier_domain`); ``None`` with other models.

    Warns
    -----
    OutsideDomainWarning
        (a :class:`~policytext.errors.PolicyTextWarning`) when the
        five-section model classifies sentences of a document whose domain
        coverage is below 7 (a communiqué, a school notice, a flood-control
        notice): the sections it is given are then guesses, however confident
        they look. Use ``abstain=True``, or the document's own sections
        (:meth:`SectionClassifier.from_document`).

    Examples
    --------
    >>> import policytext as pt
    >>> doc = pt.parse("一、编制管理\\n要加强实名制管理。\\n二、理论学习\\n要开展专题党课和中心组学习。")
    >>> table = pt.classify(doc)
    >>> table[["sentence", "section", "predicted", "name"]].values.tolist()
    [[0, '1', 4, '法定化'], [1, '2', 1, '理论武装']]
    >>> bool(table["confidence"].between(0, 1).all())
    True
    >>> doc = pt.parse("一、编制\\n要加强实名制管理。\\n二、其他\\n要注意天气变化，出门带好雨伞。")
    >>> pt.classify(doc, abstain=True)["predicted"].tolist()
    [4, None]
    >>> table.attrs["domain_coverage"] > 7
    True
    """
    import pandas as pd

    doc = as_document(doc, "classify")
    if model is None:
        model = SectionClassifier.default()
    model._check_fitted()
    sentences = [s for s in doc.sentences if s.task or not tasks_only]
    coverage = domain_coverage([s.text for s in doc.sentences], model.matcher_) if applies_to(model) else None
    if not sentences:
        empty = pd.DataFrame({c: pd.Series(dtype=object) for c in _COLUMNS}).astype(
            {"sentence": int, "confidence": float})
        empty.attrs["domain_coverage"] = coverage
        return empty
    if coverage is not None and coverage < THRESHOLD:  # stacklevel 3: the caller of the validate_params wrapper
        source = doc.metadata.get("source") or doc.title or "<text>"
        warnings.warn(domain_message(str(source), coverage, abstain=abstain), OutsideDomainWarning, stacklevel=3)
    doc_tokens = model._tok().tokenize_document(doc) if model.word_features else None
    pool = doc.sentences if model.context == "section" else ()  # neighbours of the task sentences
    results = model._explain(sentences, top=top_terms, abstain=abstain, doc_tokens=doc_tokens, pool=pool)
    table = pd.DataFrame({
        "sentence": [s.index for s in sentences],
        "text": [s.text for s in sentences],
        "section": [s.section_id for s in sentences],
        "predicted": pd.Series([r[0] for r in results], dtype=object) if abstain else [r[0] for r in results],
        "name": ["" if r[0] is None else model.section_names_[r[0]] for r in results],
        "confidence": [r[1] for r in results],
        "terms": [evidence(r[2], r[3], top_terms) for r in results],
    })
    table.attrs["domain_coverage"] = coverage
    return table
