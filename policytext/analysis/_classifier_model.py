"""The estimator of :mod:`policytext.analysis.classifier`: :class:`SectionClassifier`.

Import it from :mod:`policytext.analysis.classifier` (or as
``policytext.SectionClassifier``); this module holds the estimator, the
features are in :mod:`._classifier_features`, the section tables in
:mod:`._classifier_sections`, the prediction-time pooling and explanations in
:mod:`._classifier_scoring`.

The estimator derives from scikit-learn's ``ClassifierMixin`` and
``BaseEstimator``, so this module imports scikit-learn (``import policytext``
does not: ``pt.SectionClassifier`` loads it on first use).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from numbers import Integral, Real
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.exceptions import NotFittedError as _SklearnNotFittedError

from .._validation import Constraint, ConstraintSpec, InstanceOf, Interval, Options, check_params, validate_params
from ..errors import InputError, InvalidParameterError
from ..errors import NotFittedError as _PolicyTextNotFittedError
from ..text.loading import as_document, as_sentences, sentence_texts
from ._classifier_features import TermMatcher, build_lookup, natural_key, text_features, tfidf_matrix
from ._classifier_scoring import context_terms, driving_terms, log_softmax, paragraph_context, section_context
from ._classifier_sections import document_training, plain, table_training
from ._classifier_targets import class_labels, one_column, sorted_classes

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

    from ..text.document import Document, Sentence
    from ..tokens.tokenizer import Token, Tokenizer
    from ._classifier_features import Lookup

__all__ = ["SectionClassifier", "NotFittedError"]


class NotFittedError(_PolicyTextNotFittedError, _SklearnNotFittedError):
    """An unfitted :class:`SectionClassifier` was used.

    Both :class:`policytext.errors.NotFittedError` and scikit-learn's
    ``sklearn.exceptions.NotFittedError`` (so code written against either
    catches it); defined here because this module imports scikit-learn anyway,
    which :mod:`policytext.errors` must not.

    >>> issubclass(NotFittedError, _PolicyTextNotFittedError), issubclass(NotFittedError, _SklearnNotFittedError)
    (True, True)
    """


class _NgramRange(Constraint):
    """A pair ``(lo, hi)`` of ints with ``1 <= lo <= hi`` (a tuple or a list; bools are not ints)."""

    __slots__ = ()

    def accepts(self, value: object) -> bool:
        return (isinstance(value, (tuple, list)) and len(value) == 2
                and all(isinstance(v, Integral) and not isinstance(v, bool) for v in value)
                and 1 <= value[0] <= value[1])

    def __str__(self) -> str:
        return "a pair (lo, hi) of ints with 1 <= lo <= hi"


#: The accepted values of every parameter, in the order they are checked (in ``fit``).
_CONSTRAINTS: dict[str, list[ConstraintSpec]] = {
    "tokenizer": [InstanceOf("policytext.tokens.tokenizer.Tokenizer"), None],
    "char_ngrams": [_NgramRange(), None],
    "word_features": ["boolean"],
    "C": [Interval(Real, 0, None, closed="neither")],
    "profile_weight": [Interval(Real, 0, None, closed="left")],
    "prior_weight": [Interval(Real, 0, None, closed="left")],
    "temperature": [Interval(Real, 0, None, closed="neither")],
    "context_weight": [Interval(Real, 0, None, closed="left")],
    "sections": [Options(str, {"default"}), "path", None],
    "context": [Options(str, {"paragraph", "section"}), None],
    "outside": [Interval(Real, None, None, closed="neither"), None],
    "class_weight": [Options(str, {"balanced"}), None],
    "section_names": [InstanceOf(Mapping), None],
    "section_terms": [InstanceOf(Mapping), None],
    "random_state": [Interval(int, 0, 2**32 - 1), InstanceOf("numpy.random.RandomState"), None],
}
#: Prediction-time constants of :meth:`SectionClassifier.default`, chosen by leave-one-passage-out
#: cross-validation on 20 real 编办 pages (benchmarks/eval_classify.py; accuracy on their 1-5 sentences,
#: then the log-loss of the sections and "outside" for temperature and the outside score).
DEFAULT_PARAMS: dict[str, Any] = {"context": "section", "context_weight": 1.0, "prior_weight": 0.5,
                                  "temperature": 0.3, "outside": -0.13}
#: The values of ``context`` (checked again at prediction time: set_params may change it after fit).
_CONTEXTS = ("paragraph", "section", None)


class SectionClassifier(ClassifierMixin, BaseEstimator):
    """Assign sentences to the sections of a reference document.

    A scikit-learn classifier (``ClassifierMixin``, ``BaseEstimator``) whose
    input is text: ``__init__`` only stores its arguments, ``fit`` validates
    and learns (attributes ending in ``_``); ``clone``, ``get_params`` /
    ``set_params``, pickling, ``score`` (accuracy) and scikit-learn's scorers
    work. See the docstring of :mod:`policytext.analysis.classifier` for the
    model.

    Parameters
    ----------
    tokenizer : Tokenizer, optional
        Lexicon-aware tokenizer; ``None`` uses
        :func:`policytext.tokens.tokenizer.default_tokenizer`.
    char_ngrams : tuple[int, int] | None
        Range of character n-grams over Han runs (``None`` disables them).
    word_features : bool
        Use lexicon-aware content words (:attr:`Token.norm`) and term categories.
    C : float
        Inverse regularisation strength of the linear SVM, > 0.
    profile_weight : float
        Weight of the section-profile (centroid similarity) expert, ≥ 0.
    prior_weight : float
        Weight of the indicative-term prior, ≥ 0.
    temperature : float
        Temperature of the softmax that turns scores into probabilities
        (smaller is sharper), > 0.
    sections : "default" | str | Path | None
        A section table (see :func:`~policytext.analysis.classifier.read_sections`;
        ``"default"`` is the shipped ``lexicons/sections.tsv``): its names and
        descriptions are pseudo-training text, its indicative terms the
        keyword prior. Rows whose id is not among the labels add classes.
    section_names : Mapping | None
        Display names by class; they override the table's names.
    section_terms : Mapping | None
        Extra indicative terms by class (e.g. words of a section heading).
    class_weight : "balanced" | None
        Passed to the linear SVM.
    context : "paragraph" | "section" | None
        Discourse context at prediction time. With ``"paragraph"`` a
        :class:`~policytext.text.document.Sentence` is scored together with the
        *text* of the other sentences of its paragraph (found through
        ``sentence.section``): its score is its own plus ``context_weight``
        times the mean score of its neighbours. No label is used: neighbours
        are scored like any unlabelled text, so it works the same on another
        document. Plain ``str`` inputs (and preamble sentences, which have no
        section) have no context. With ``"section"`` the neighbours are the
        other sentences *passed in the same call* from the same document and
        the same top-level section (the preamble is one group, so a page
        without headings is one group; :func:`classify` passes every
        sentence of the document). Training always uses sentences alone.
        ``None`` scores every sentence on its own text.
    context_weight : float
        Weight of the context, ≥ 0 (for paragraphs 3.0 was chosen on the 19th
        congress report with paragraph-grouped cross-validation, where
        neighbours are never training sentences; 2-6 do about as well).
    outside : float | None
        The score of "outside every section" (in :meth:`decision_function`
        units), which makes abstention possible: with ``abstain=True``
        (:meth:`predict`, :meth:`explain`, :func:`classify`) a sentence whose
        scores all fall short of it gets no section (``None``). Probabilities
        then come from the softmax over the class scores and ``outside``.
        ``None``: no abstention.
    random_state : int | numpy.random.RandomState | None
        Seed of the linear SVM's coordinate descent (its only randomness).
        The default 0 makes every fit reproducible, also across processes;
        ``None`` uses numpy's global generator, as scikit-learn does.

    Attributes
    ----------
    classes_ : numpy.ndarray
        Class labels, sorted as :func:`numpy.unique` sorts them (section ids
        ``"1"``, ``"10"``, ``"2"`` …): the order of the columns of
        :meth:`predict_proba` and :meth:`decision_function`, and the one
        scikit-learn's scorers (``roc_auc_ovr``, ``neg_log_loss``) assume.
    section_names_ : dict
        Display name of every class, in natural (document) order: ``"2"``
        before ``"10"``.
    vocabulary_ : dict
        Feature -> column (``w:`` word, ``k:`` term category, bare char n-gram).
    idf_ : numpy.ndarray
        Smoothed inverse document frequency of every feature.
    model_, coef_, intercept_, centroids_, matcher_, term_weights_
        The fitted parts.

    Examples
    --------
    >>> clf = SectionClassifier(char_ngrams=(1, 2)).fit(
    ...     ["加强理论学习", "深化机构改革", "学习党的创新理论", "推进机构职能优化"], [1, 2, 1, 2])
    >>> clf.classes_.tolist(), clf.predict(["组织理论学习"]).tolist()
    ([1, 2], [1])
    >>> clf.predict([]).tolist()
    []
    """

    def __init__(
        self,
        *,
        tokenizer: Tokenizer | None = None,
        char_ngrams: tuple[int, int] | None = (1, 2),
        word_features: bool = True,
        C: float = 1.0,
        profile_weight: float = 1.0,
        prior_weight: float = 1.0,
        temperature: float = 0.3,
        sections: str | Path | None = None,
        section_names: Mapping[Any, str] | None = None,
        section_terms: Mapping[Any, Iterable[str]] | None = None,
        class_weight: str | None = "balanced",
        context: str | None = "paragraph",
        context_weight: float = 3.0,
        outside: float | None = None,
        random_state: int | np.random.RandomState | None = 0,
    ) -> None:
        self.tokenizer = tokenizer
        self.char_ngrams = char_ngrams
        self.word_features = word_features
        self.C = C
        self.profile_weight = profile_weight
        self.prior_weight = prior_weight
        self.temperature = temperature
        self.sections = sections
        self.section_names = section_names
        self.section_terms = section_terms
        self.class_weight = class_weight
        self.context = context
        self.context_weight = context_weight
        self.outside = outside
        self.random_state = random_state

    # -- sklearn plumbing ------------------------------------------------------------
    # get_params, clone, score (accuracy) and the scorers come from BaseEstimator / ClassifierMixin.

    def __getstate__(self) -> dict[str, Any]:
        state = super().__getstate__()
        return {k: v for k, v in state.items() if not k.startswith("_cache_")}

    def __setstate__(self, state: dict[str, Any]) -> None:
        # Pickled before random_state existed: such a model was fitted with numpy's global generator.
        # Pickled before outside existed: no abstention.
        super().__setstate__({"random_state": None, "outside": None, **state})

    def set_params(self, **params: Any) -> SectionClassifier:
        """Set parameters (scikit-learn API); unknown names raise :class:`InvalidParameterError`."""
        names = self._get_param_names()
        for name in params:
            if name not in names:
                raise InvalidParameterError.unknown("name", "SectionClassifier.set_params", name, names)
        return super().set_params(**params)

    def __repr__(self, N_CHAR_MAX: int = 700) -> str:  # the signature of BaseEstimator.__repr__
        changed = []
        defaults = SectionClassifier().get_params()
        for name, value in self.get_params().items():
            if value is not defaults[name] and value != defaults[name]:
                changed.append(f"{name}={value!r}" if name != "section_names" else f"{name}=<{len(value)}>")
        return f"SectionClassifier({', '.join(changed)})"

    def __sklearn_tags__(self) -> Any:  # scikit-learn >= 1.6
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True  # sentences, not a numeric matrix
        tags.input_tags.two_d_array = False
        return tags

    def _more_tags(self) -> dict[str, Any]:  # scikit-learn < 1.6
        return {"X_types": ["string"], "requires_y": True}

    # -- validation ------------------------------------------------------------------
    def _check_parameters(self) -> None:
        """Check every parameter against ``_CONSTRAINTS`` (and that some feature is on)."""
        check_params("SectionClassifier", _CONSTRAINTS, **self.get_params(deep=False))
        if self.char_ngrams is None and not self.word_features:
            raise InvalidParameterError.build("word_features", "SectionClassifier", "True when char_ngrams is None",
                                              self.word_features)

    def _tok(self) -> Tokenizer:
        from ..tokens.tokenizer import default_tokenizer

        return self.tokenizer if self.tokenizer is not None else default_tokenizer()

    # -- featurisation ---------------------------------------------------------------
    def _features(self, text: str, tokens: Sequence[Token] | None = None) -> list[str]:
        """Feature strings of ``text`` (see :func:`._classifier_features.text_features`).

        The reference definition of the features: ``fit`` builds the
        vocabulary from it; :meth:`_matrix` computes the same counts faster.
        ``text`` is tokenized when ``tokens`` is not given and word features
        are on.
        """
        if self.word_features and tokens is None:
            tokens = self._tok().tokenize(text)
        return text_features(text, tokens if self.word_features else None, self.char_ngrams)

    def _lookup(self) -> Lookup:
        """Vocabulary look-ups for :meth:`_matrix` (built once per fit, not pickled)."""
        cached = self.__dict__.get("_cache_lookup")
        if cached is None:
            cached = self.__dict__["_cache_lookup"] = build_lookup(self.vocabulary_)
        return cached

    def _matrix(self, texts: Sequence[str], tokens: Sequence[Sequence[Token] | None] | None = None) -> Any:
        """TF-IDF matrix (CSR, rows l2-normalised) of ``texts`` over the fitted vocabulary.

        Equal to TF-IDF (sublinear tf, smoothed idf) of :meth:`_features`
        (see :func:`._classifier_features.tfidf_matrix`). ``tokens``: the
        tokens of each text where known (None: tokenize it).
        """
        if not self.word_features:
            return tfidf_matrix(texts, None, self._lookup(), self.idf_, self.char_ngrams)
        if tokens is None or any(t is None for t in tokens):
            tok = self._tok()
            tokens = [tok.tokenize(texts[r]) if tokens is None or tokens[r] is None else tokens[r]
                      for r in range(len(texts))]
        return tfidf_matrix(texts, tokens, self._lookup(), self.idf_, self.char_ngrams)  # type: ignore[arg-type]

    # -- fit ---------------------------------------------------------------------------
    def fit(self, X: Sequence[str | Sentence], y: Sequence[Any]) -> SectionClassifier:
        """Learn the sections from labelled sentences.

        Training uses each sentence's own text only (``context`` is applied
        at prediction time).

        Parameters
        ----------
        X : sequence of str or Sentence
            Training sentences (headings and other text may be added).
        y : sequence
            One label per sentence: section ids, all ints or all strs (with a
            section table, of the same kind as its ids). Continuous, NaN or
            multi-output targets are refused, as scikit-learn refuses them.

        Returns
        -------
        SectionClassifier
            ``self``, fitted.

        Raises
        ------
        InvalidParameterError
            Invalid parameters, ``X`` and ``y`` of different lengths, a ``y``
            that is not class labels, or fewer than two classes.
        """
        import numpy as np

        self._check_parameters()
        texts = sentence_texts(one_column(X, "fit"), "SectionClassifier.fit")
        labels = class_labels(y, len(texts))
        extra = table_training(self.sections)
        for label, words in (self.section_terms or {}).items():
            extra.terms.setdefault(plain(label), []).extend(words)
        all_x = texts + extra.X
        all_y = labels + extra.y
        classes = sorted_classes(all_y)
        index = {c: i for i, c in enumerate(classes)}
        y_idx = np.array([index[v] for v in all_y])

        Xm = self._fit_tfidf(all_x)
        self.model_, self.coef_, self.intercept_ = self._fit_linear(Xm, y_idx)
        self.centroids_ = _centroids(Xm, y_idx, len(classes))
        # keyword prior: a term owned by k classes weighs 1/k
        self.matcher_ = TermMatcher({c: extra.terms[c] for c in classes if c in extra.terms})
        self.term_weights_ = {w: 1.0 / len(owners) for w, owners in self.matcher_.owners.items()}
        self.classes_ = np.array(classes, dtype=object if any(isinstance(c, str) for c in classes) else None)
        self.section_names_ = {c: str((self.section_names or {}).get(c, extra.names.get(c, c)))
                               for c in sorted(classes, key=natural_key)}  # display order
        self.n_features_in_ = 1
        return self

    def _fit_tfidf(self, texts: list[str]) -> Any:
        """Learn ``vocabulary_`` and the smoothed ``idf_`` from the reference features; the TF-IDF of ``texts``."""
        import numpy as np

        for key in [k for k in self.__dict__ if k.startswith("_cache_")]:
            del self.__dict__[key]
        tokens: list[Any] = [None] * len(texts)
        if self.word_features:
            tok = self._tok()
            tokens = [tok.tokenize(t) for t in texts]
        df: dict[str, int] = {}
        for text, toks in zip(texts, tokens):
            for f in set(self._features(text, toks)):
                df[f] = df.get(f, 0) + 1
        self.vocabulary_ = {f: j for j, f in enumerate(sorted(df))}
        counts = np.array([df[f] for f in self.vocabulary_], dtype=float)
        self.idf_ = np.log((1.0 + len(texts)) / (1.0 + counts)) + 1.0
        return self._matrix(texts, tokens)

    def _fit_linear(self, Xm: Any, y_idx: np.ndarray) -> tuple[Any, np.ndarray, np.ndarray]:
        """The linear SVM (one-vs-rest) fitted on ``Xm``, its coefficients and intercepts (one row per class)."""
        import numpy as np
        from sklearn.svm import LinearSVC

        model = LinearSVC(C=float(self.C), class_weight=self.class_weight, random_state=self.random_state)
        with _single_thread():  # tiny problems: BLAS threads only contend (10-20x slower on a busy machine)
            model.fit(Xm, y_idx)
        coef = model.coef_
        intercept = model.intercept_
        if coef.shape[0] == 1:  # two classes: one-vs-rest pair
            coef = np.vstack([-coef[0], coef[0]]) / 2.0
            intercept = np.array([-intercept[0], intercept[0]]) / 2.0
        return model, coef, intercept

    # -- prediction --------------------------------------------------------------------
    def _check_fitted(self) -> None:
        """Raise :class:`NotFittedError` (policytext's and scikit-learn's) unless ``fit`` has run."""
        if not (hasattr(self, "classes_") and hasattr(self, "model_")):
            raise NotFittedError(
                "This SectionClassifier instance is not fitted yet. Call 'fit' with appropriate arguments "
                "(or use SectionClassifier.default() / SectionClassifier.from_document(doc)).")

    def _sentences(self, X: object, method: str) -> list[str | Sentence]:
        """Check that the model is fitted, then ``X`` as a list of sentences (errors name ``method``)."""
        self._check_fitted()
        return as_sentences(one_column(X, method), f"SectionClassifier.{method}")

    def _weights(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(coef + profile_weight * centroids).T`` (features x classes), the same
        centred over classes (for explanations) and the prior matrix (terms x classes); cached."""
        import numpy as np

        cached = self.__dict__.get("_cache_weights")
        key = (float(self.profile_weight), float(self.prior_weight))
        if cached is None or cached[0] != key:
            w = self.coef_ + key[0] * self.centroids_
            index = {c: i for i, c in enumerate(self.classes_.tolist())}
            forms = self.matcher_.forms
            prior = np.zeros((len(forms), len(index)))
            for i, f in enumerate(forms):
                for c in self.matcher_.owners[f]:
                    prior[i, index[c]] = self.term_weights_[f]
            centred = w - w.mean(axis=0, keepdims=True)
            cached = (key, np.ascontiguousarray(w.T), np.ascontiguousarray(centred.T), prior)
            self.__dict__["_cache_weights"] = cached
        return cached[1], cached[2], cached[3]

    def _prior(self, texts: Sequence[str], prior_matrix: np.ndarray) -> tuple[np.ndarray, list[list[str]]]:
        """Indicative-term scores ``(n, n_classes)`` and the terms found in each text (one pass)."""
        import numpy as np

        n = len(texts)
        out = np.zeros((n, prior_matrix.shape[1]))
        found: list[list[str]] = [[] for _ in range(n)]
        matches = self.matcher_.matches("\n".join(texts))
        if matches:
            starts = np.cumsum([0] + [len(t) + 1 for t in texts[:-1]])
            arr = np.array(matches, dtype=np.int64)
            rows = np.searchsorted(starts, arr[:, 1], side="right") - 1
            np.add.at(out, rows, prior_matrix[arr[:, 0]])
            forms = self.matcher_.forms
            for r, i in zip(rows.tolist(), arr[:, 0].tolist()):
                found[r].append(forms[i])
        return out, found

    def _evaluate(self, items: list[str | Sentence], doc_tokens: Sequence[Sequence[Token]] | None = None,
                  pool: Sequence[Sentence] = (), extra: dict[str, Any] | None = None
                  ) -> tuple[Any, np.ndarray, list[list[str]], list[Any]]:
        """TF-IDF rows, scores (context pooled in), found terms and tokens of ``items`` (a checked list).

        The tokens are None for every item when word features are off.

        ``doc_tokens``: the cached tokens of the document the Sentence items
        come from (indexed by :attr:`Sentence.index`), to avoid tokenizing again.
        ``pool``: more sentences of that document, neighbours for ``context="section"``.
        ``extra``: a dict to fill, when the context applies, with ``own`` (the
        items' scores without context), ``neighbours`` (each item's context
        rows) and ``X`` / ``found`` / ``tokens`` of every scored text.
        """
        import numpy as np

        n = len(items)
        if self.context not in _CONTEXTS:  # set_params after fit: the declared check, only to raise
            check_params("SectionClassifier", {"context": _CONSTRAINTS["context"]}, context=self.context)
        wt, _, prior_matrix = self._weights()
        parts: dict[str, Any] = {}

        def score_of(ext: list[str | Sentence]) -> np.ndarray:
            texts = [x if isinstance(x, str) else x.text for x in ext]
            tokens: list[Any] = [None] * len(ext)
            if self.word_features:
                tok = self._tok()
                tokens = [tok.tokenize(t) if doc_tokens is None or isinstance(x, str) else doc_tokens[x.index]
                          for x, t in zip(ext, texts)]
            Xm = self._matrix(texts, tokens)
            prior, found = self._prior(texts, prior_matrix)
            parts["X"], parts["found"], parts["tokens"] = Xm, found, tokens
            return np.asarray(Xm @ wt) + self.intercept_ + float(self.prior_weight) * np.log1p(prior)

        if self.context in ("paragraph", "section") and float(self.context_weight) > 0:
            rows: list[list[int]] | None = [] if extra is not None else None
            if self.context == "paragraph":
                score, context = paragraph_context(items, score_of, rows)
            else:
                score, context = section_context(items, score_of, pool, rows)
            if extra is not None:
                extra.update(own=score[:n], neighbours=rows, X=parts["X"], found=parts["found"],
                             tokens=parts["tokens"])
            score = score[:n] + float(self.context_weight) * context
        else:
            score = score_of(items)
        Xm, found, tokens = parts["X"], parts["found"], parts["tokens"]
        if Xm.shape[0] > n:
            Xm, found, tokens = Xm[:n], found[:n], tokens[:n]
        return Xm, score, found, tokens

    def _decision(self, items: list[str | Sentence]) -> np.ndarray:
        """The score of every class, ``(n, n_classes)`` (also for two classes), of a checked list."""
        import numpy as np

        if not items:
            return np.zeros((0, len(self.classes_)))
        return self._evaluate(items)[1]

    def decision_function(self, X: Sequence[str | Sentence]) -> np.ndarray:
        """Score of every class, shape ``(n, n_classes)``; higher is better.

        ``s(x) = linear + profile_weight * cosine_to_profile + prior_weight *
        log1p(prior)``; with ``context="paragraph"`` a :class:`Sentence` scores
        ``s(x) + context_weight * mean(s(neighbour))`` over the other
        sentences of its paragraph.

        With two classes, as in scikit-learn, shape ``(n,)``: the score of
        ``classes_[1]`` minus that of ``classes_[0]`` (> 0 predicts
        ``classes_[1]``), which binary scorers such as ``roc_auc`` expect.
        """
        scores = self._decision(self._sentences(X, "decision_function"))
        return scores[:, 1] - scores[:, 0] if scores.shape[1] == 2 else scores

    def predict_proba(self, X: Sequence[str | Sentence]) -> np.ndarray:
        """Probability of every class (columns in the order of ``classes_``)."""
        import numpy as np

        return np.exp(log_softmax(self._decision(self._sentences(X, "predict_proba")) / float(self.temperature)))

    def predict_log_proba(self, X: Sequence[str | Sentence]) -> np.ndarray:
        """Log of :meth:`predict_proba`: ``log_softmax(scores / temperature)`` over the class scores."""
        return log_softmax(self._decision(self._sentences(X, "predict_log_proba")) / float(self.temperature))

    def predict(self, X: Sequence[str | Sentence], *, abstain: bool = False) -> np.ndarray:
        """The most probable class of every sentence.

        With ``abstain=True`` (a model with an ``outside`` score) a sentence
        whose class scores all fall below ``outside`` gets ``None``
        (an object array then).

        >>> model = SectionClassifier.default()
        >>> model.predict(["严格执行机构限额和领导职数规定", "今天天气很好"], abstain=True).tolist()
        [4, None]
        """
        import numpy as np

        scores = self._decision(self._sentences(X, "predict"))
        if not len(scores):
            return self.classes_[:0]
        pred = self.classes_[scores.argmax(axis=1)]
        if abstain:
            out = pred.astype(object)
            out[scores.max(axis=1) < self._outside()] = None
            return np.asarray(out, dtype=object)
        return pred

    def _outside(self) -> float:
        """``outside``, checked for abstention (InvalidParameterError when it is None)."""
        if self.outside is None:
            raise InvalidParameterError(
                "abstain=True needs an outside score: SectionClassifier(outside=...) "
                "(SectionClassifier.default() has one, and so has SectionClassifier.from_document(doc) "
                "when the document has three sections or more at the level learned); outside is in "
                "decision_function units: a sentence whose best section score is below it is left unplaced")
        return float(self.outside)

    def outside_proba(self, X: Sequence[str | Sentence]) -> np.ndarray:
        """Probability that each sentence is outside every section, shape ``(n,)``.

        The share of ``outside`` in the softmax over the class scores and
        ``outside`` (at ``temperature``); :meth:`predict_proba` is the
        distribution over the classes given that the sentence is in one.

        >>> model = SectionClassifier.default()
        >>> p = model.outside_proba(["严格执行机构限额和领导职数规定", "今天天气很好"])
        >>> bool(p[0] < 0.1 < 0.3 < p[1])
        True
        """
        import numpy as np

        scores = self._decision(self._sentences(X, "outside_proba"))
        b = self._outside()
        full = np.hstack([scores, np.full((len(scores), 1), b)])
        return np.exp(log_softmax(full / float(self.temperature))[:, -1])

    def explain(self, X: Sequence[str | Sentence], *, top: int = 5, abstain: bool = False,
                _doc_tokens: Sequence[Sequence[Token]] | None = None,
                _pool: Sequence[Sentence] = ()) -> list[tuple[Any, float, list[str]]]:
        """Prediction, confidence and the terms that drove it, per sentence.

        The confidence is the largest :meth:`predict_proba`. With
        ``abstain=True`` the choice is among the classes and "outside every
        section" (``outside``): the label is ``None`` when that wins, and
        the confidence is the probability of the choice among all of them
        (so it also falls when the sentence may be outside every section).

        The terms are whole words a reader can check: the section's indicative
        terms found in the sentence, then the words with the largest positive
        contribution to the predicted class (linear-model weight plus profile
        weight, times the word's TF-IDF value, relative to the other
        classes); never character n-grams. Only the sentence's own text is
        explained (the context shifts the prediction and the confidence, not
        the terms); an abstention lists none.

        >>> model = SectionClassifier.default()
        >>> label, conf, terms = model.explain(["严格执行机构限额和领导职数规定"])[0]
        >>> label, "机构限额" in terms
        (4, True)
        """
        return [r[:3] for r in self._explain(X, top=top, abstain=abstain, doc_tokens=_doc_tokens, pool=_pool)]

    def _explain(self, X: Sequence[str | Sentence], *, top: int = 5, abstain: bool = False,
                 doc_tokens: Sequence[Sequence[Token]] | None = None, pool: Sequence[Sentence] = ()
                 ) -> list[tuple[Any, float, list[str], list[str]]]:
        """:meth:`explain`, plus per sentence the context's terms when the context decided its class.

        The context decided when the sentence's own text alone would get
        another class; those terms are then the ones of its neighbours (see
        :func:`._classifier_scoring.context_terms`), ``[]`` otherwise.
        """
        import numpy as np

        items = self._sentences(X, "explain")
        if not items:
            return []
        b = self._outside() if abstain else None
        extra: dict[str, Any] = {}
        Xm, scores, found, tokens = self._evaluate(items, doc_tokens, pool, extra if top > 0 else None)
        n = scores.shape[0]
        pred = scores.argmax(axis=1)
        full = scores if b is None else np.hstack([scores, np.full((n, 1), b)])
        logp = log_softmax(full / float(self.temperature))
        choice = logp.argmax(axis=1) if b is not None else pred
        conf = np.exp(logp[np.arange(n), choice]).tolist()
        cls_list = self.classes_.tolist() + [None]
        labels = [cls_list[k] for k in choice.tolist()]
        if top <= 0:
            return [(label, c, [], []) for label, c in zip(labels, conf)]
        _, weight, _ = self._weights()
        predicted = [cls_list[k] for k in pred.tolist()]
        terms = driving_terms(Xm, pred, weight, self._lookup(), found, predicted, self.matcher_.owners, top, tokens)
        terms = [t if label is not None else [] for t, label in zip(terms, labels)]
        by_context: list[list[str]] = [[] for _ in labels]
        if "own" in extra:
            changed = (extra["own"].argmax(axis=1) != pred) & np.array([lb is not None for lb in labels], dtype=bool)
            sel = [i for i in np.flatnonzero(changed).tolist() if extra["neighbours"][i]]
            found_ctx = context_terms(extra["X"], [extra["neighbours"][i] for i in sel], pred[sel], weight,
                                      self._lookup(), extra["found"], [predicted[i] for i in sel],
                                      self.matcher_.owners, top, extra["tokens"])
            for i, ctx in zip(sel, found_ctx):
                by_context[i] = ctx
        return list(zip(labels, conf, terms, by_context))

    # -- constructors --------------------------------------------------------------------
    @classmethod
    def default(cls) -> SectionClassifier:
        """The five-section model of 机构编制 work (cached per process).

        Learned from the reference document's 29 sectioned sentences and its
        five headings plus ``lexicons/sections.tsv`` (names and descriptions as
        pseudo-training text, indicative terms as the keyword prior).
        Prediction-time constants (:data:`DEFAULT_PARAMS`) were chosen by
        cross-validation over real 编办 pages: section context (the other
        sentences of the same top-level section, or of the whole page when it
        has no headings) with weight 1, prior weight 0.5, temperature 0.3 and
        an ``outside`` score, so ``abstain=True`` works.
        ``classes_`` is ``[1, 2, 3, 4, 5]`` in the reference document's order.

        The instance is shared: :func:`sklearn.base.clone` it before refitting.

        >>> m = SectionClassifier.default()
        >>> m.classes_.tolist(), list(m.section_names_.values())
        ([1, 2, 3, 4, 5], ['理论武装', '职能体系', '资源配置', '法定化', '自身建设'])
        """
        return _default_model()

    @classmethod
    @validate_params({"level": [Interval(int, 1, None), Options(str, {"auto"})], "headings": ["boolean"]},
                     func="SectionClassifier.from_document")
    def from_document(cls, doc: Document | str | os.PathLike[str] | bytes, level: int | str = 1, *,
                      headings: bool = True, **params: Any) -> SectionClassifier:
        """Learn the sections of ``doc`` at ``level`` (1 = top level).

        Every sentence inside a section at ``level`` is labelled with that
        section's id (``"3"``, or ``"2.3"`` at level 2); headings of the section
        and of its subsections are extra training text, and the content words
        are extra training text. (The words of a heading are *not* used as a
        keyword prior: heading words such as 坚持, 推进, 建设 recur across
        sections, and on the 20th congress report such a prior lowered macro-F1
        from 0.70 to 0.57.)

        Parameters
        ----------
        doc : Document | str | path | bytes
            A parsed document, a path to a file, the file's bytes, or the text
            itself (see :func:`policytext.text.loading.as_document`).
        level : int | "auto"
            Section depth to learn, ≥ 1; ``"auto"``: the shallowest level with
            at least four sections (a government work report's ten task
            sections at level 2, a congress report's chapters at level 1; see
            :func:`._classifier_document.auto_level`).
        headings : bool
            Use headings as training text.
        **params
            Passed to :class:`SectionClassifier`. Without ``outside`` (or with
            ``outside="auto"``) the model gets an outside score derived from
            the document itself, so ``abstain=True`` works: the median best
            section score of the document's own sentences when their section
            is held out of training (the score a sentence of no section gets,
            in :meth:`decision_function` units; see
            :mod:`._classifier_document`). ``None`` when the document has
            fewer than three sections at ``level``; ``outside=None`` turns it
            off, a number sets it.

        Returns
        -------
        SectionClassifier
            Fitted; ``classes_`` are section ids as str, sorted as
            :func:`numpy.unique` sorts (``"1"``, ``"10"``, ``"2"`` …);
            ``section_names_`` their headings, in document order.

        Raises
        ------
        InputError
            The document has fewer than two sections at ``level``.

        Examples
        --------
        >>> import policytext as pt
        >>> doc = pt.parse("一、理论学习\\n要深入学习党的创新理论。\\n二、机构改革\\n要深化机构改革。")
        >>> clf = SectionClassifier.from_document(doc)
        >>> clf.classes_.tolist(), clf.predict(["推进事业单位改革"]).tolist()
        (['1', '2'], ['2'])
        """
        from ._classifier_document import auto_level, held_out_outside

        doc = as_document(doc, "SectionClassifier.from_document")
        if isinstance(level, str):
            level = auto_level(doc)
        X, y, names = document_training(doc, level, headings=headings)
        if len(names) < 2:
            source = doc.metadata.get("source") or doc.title or "<document>"
            raise InputError(source, f"has {len(names)} section(s) at level {level}; need at least 2")
        params.setdefault("section_names", names)
        outside = params.pop("outside", "auto")
        auto = isinstance(outside, str) and outside == "auto"
        model = cls(outside=None if auto else outside, **params).fit(X, y)
        if auto:
            model.set_params(outside=held_out_outside(model, doc, level))
        return model


# -- helpers ---------------------------------------------------------------------------


def _centroids(Xm: Any, y_idx: np.ndarray, n_classes: int) -> np.ndarray:
    """Section profiles: the l2-normalised centroid of each class's rows of ``Xm`` (dense, classes x features)."""
    import numpy as np
    from scipy import sparse
    from sklearn.preprocessing import normalize

    onehot = sparse.csr_matrix((np.ones(len(y_idx)), (y_idx, np.arange(len(y_idx)))),
                               shape=(n_classes, len(y_idx)))
    return normalize(np.asarray((onehot @ Xm).todense()))


def _single_thread() -> Any:
    """Limit BLAS/OpenMP to one thread for the duration of a ``with`` block."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1)


@lru_cache(maxsize=1)
def _default_model() -> SectionClassifier:
    """:meth:`SectionClassifier.default`, built once per process."""
    from .._resources import reference_path
    from ..text.loading import load

    doc = load(reference_path())
    X, y, _ = document_training(doc, 1, headings=True)
    return SectionClassifier(sections="default", **DEFAULT_PARAMS).fit(X, [int(v) for v in y])
