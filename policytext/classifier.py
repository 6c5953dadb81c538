"""Classify sentences (tasks) into the sections of a reference document.

:class:`SectionClassifier` is a scikit-learn estimator (``fit`` / ``predict`` /
``predict_proba`` / ``decision_function``) over sentences given as ``str`` or
:class:`~policytext.document.Sentence`. Three experts vote, as a product of
their probabilities (a log-linear pool):

1. **A linear model on text** -- multinomial logistic regression over TF-IDF
   features that transfer between documents: lexicon-aware words
   (:attr:`Token.norm`, so aliases merge; stopwords dropped), the lexicon
   category of each term (``theory``, ``bianzhi`` …) and character n-grams of
   the Han text (robust to segmentation differences).
2. **Section profiles** -- cosine similarity of the sentence to each section's
   centroid (Rocchio / nearest centroid), which degrades gracefully when a
   class has only a handful of examples.
3. **A keyword prior** -- the indicative terms of each section (from a section
   table such as ``lexicons/sections.tsv``, or a section's own heading) found
   in the sentence, each weighted by how specific it is to one section.

:meth:`SectionClassifier.default` is the five-section model of 机构编制 work,
learned from the shipped reference document plus ``lexicons/sections.tsv``;
:meth:`SectionClassifier.from_document` learns the sections of any parsed
document; :func:`classify` returns a table with the confidence of each
decision and the terms that drove it.

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

import argparse
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from re import Pattern
from typing import TYPE_CHECKING, Any

from .errors import InputError, InvalidParameterError, NotFittedError

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    import pandas as pd

    from .document import Document, Sentence
    from .tokenizer import Token, Tokenizer

__all__ = ["SectionClassifier", "classify", "read_sections", "register_cli", "RE_HAN_RUN"]

#: Runs of Han characters (and Latin letters / digits): the text char n-grams are taken from.
RE_HAN_RUN: Pattern[str] = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fffA-Za-z0-9]+")
_CONTENT_POS = ("n", "v", "a", "j", "l", "i", "vn", "nz")


def _identity(features: list[str]) -> list[str]:
    """Analyzer handed to :class:`~sklearn.feature_extraction.text.TfidfVectorizer`.

    Features are computed by the classifier itself (so a document's cached
    tokens are reused); the vectorizer only counts them. A module-level
    function keeps fitted models picklable (no lambdas).
    """
    return features


def _natural_key(label: Any) -> tuple[Any, ...]:
    """Sort key: section ids ``"2"``, ``"10"``, ``"2.3"`` in document order."""
    if isinstance(label, str) and re.fullmatch(r"\d+(?:\.\d+)*", label):
        return (0, tuple(int(p) for p in label.split(".")), "")
    if isinstance(label, (int, float)) and not isinstance(label, bool):
        return (0, (label,), "")
    return (1, (), str(label))


# -- the section table ---------------------------------------------------------------


def read_sections(path: str | Path | None = None) -> pd.DataFrame:
    """Read a section table (``id  name  description  indicative_terms``).

    Parameters
    ----------
    path : str | Path, optional
        A UTF-8 tab-separated table with a header row; ``indicative_terms`` is
        ``|``-separated. Default: the shipped ``lexicons/sections.tsv``.

    Returns
    -------
    pandas.DataFrame
        Columns ``id`` (int when every id is an integer, else str), ``name``,
        ``description`` and ``indicative_terms`` (a tuple of str).

    Raises
    ------
    InputError
        The file is missing or lacks a required column.

    Examples
    --------
    >>> table = read_sections()
    >>> table["name"].tolist()
    ['理论武装', '职能体系', '资源配置', '法定化', '自身建设']
    >>> "编制资源" in table.loc[2, "indicative_terms"]
    True
    """
    import pandas as pd

    from ._resources import data_file

    p = Path(path) if path is not None else data_file("lexicons", "sections.tsv")
    if not p.is_file():
        raise InputError(p, "section table not found")
    table = pd.read_csv(p, sep="\t", dtype=str, keep_default_na=False, comment=None, encoding="utf-8-sig")
    missing = {"id", "name"} - set(table.columns)
    if missing:
        raise InputError(p, f"section table lacks the column(s) {', '.join(sorted(missing))}")
    for col in ("description", "indicative_terms"):
        if col not in table.columns:
            table[col] = ""
    table = table[["id", "name", "description", "indicative_terms"]].copy()
    table["id"] = table["id"].str.strip()
    if table["id"].str.fullmatch(r"\d+").all():
        table["id"] = table["id"].astype(int)
    table["indicative_terms"] = [
        tuple(t.strip() for t in cell.split("|") if t.strip()) for cell in table["indicative_terms"]
    ]
    return table


# -- features ----------------------------------------------------------------------


class _TermMatcher:
    """Finds the indicative terms of each class in a text (longest match first).

    Picklable: holds only a compiled regex and plain dicts.
    """

    def __init__(self, terms: Mapping[Any, Iterable[str]]) -> None:
        owners: dict[str, set[Any]] = {}
        for label, words in terms.items():
            for w in words:
                w = w.strip()
                if len(w) >= 2:
                    owners.setdefault(w, set()).add(label)
        self.owners = {w: sorted(labs, key=_natural_key) for w, labs in owners.items()}
        forms = sorted(self.owners, key=lambda w: (-len(w), w))
        self.pattern: Pattern[str] | None = re.compile("|".join(map(re.escape, forms))) if forms else None

    def find(self, text: str) -> list[str]:
        if self.pattern is None:
            return []
        return self.pattern.findall(text)


# -- the estimator ---------------------------------------------------------------


class SectionClassifier:
    """Assign sentences to the sections of a reference document.

    A scikit-learn estimator: ``__init__`` only stores its arguments, ``fit``
    validates and learns (attributes ending in ``_``), ``clone``,
    ``get_params`` / ``set_params`` and pickling work. See the module
    docstring for the model.

    Parameters
    ----------
    tokenizer : Tokenizer, optional
        Lexicon-aware tokenizer; ``None`` uses
        :func:`policytext.tokenizer.default_tokenizer`.
    char_ngrams : tuple[int, int] | None
        Range of character n-grams over Han runs (``None`` disables them).
    word_features : bool
        Use lexicon-aware content words (:attr:`Token.norm`) and term categories.
    C : float
        Inverse regularisation strength of the logistic regression.
    profile_weight : float
        Weight of the section-profile (centroid similarity) expert, ≥ 0.
    prior_weight : float
        Weight of the indicative-term prior, ≥ 0.
    temperature : float
        Temperature of the profile and prior experts (smaller is sharper), > 0.
    sections : "default" | str | Path | None
        A section table (see :func:`read_sections`; ``"default"`` is the
        shipped ``lexicons/sections.tsv``): its names and descriptions
        are pseudo-training text, its indicative terms the keyword prior. Rows
        whose id is not among the labels add classes.
    section_names : Mapping | None
        Display names by class; they override the table's names.
    section_terms : Mapping | None
        Extra indicative terms by class (e.g. words of a section heading).
    class_weight : "balanced" | None
        Passed to the logistic regression.

    Attributes
    ----------
    classes_ : numpy.ndarray
        Class labels, in natural order (section ids ``"2"`` before ``"10"``).
    section_names_ : dict
        Display name of every class.
    vectorizer_, model_, centroids_, matcher_, term_weights_
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

    # -- sklearn plumbing ------------------------------------------------------------
    _PARAMS = (
        "tokenizer", "char_ngrams", "word_features", "C", "profile_weight", "prior_weight",
        "temperature", "sections", "section_names", "section_terms", "class_weight",
    )

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """Parameters of this estimator (scikit-learn API)."""
        return {name: getattr(self, name) for name in self._PARAMS}

    def set_params(self, **params: Any) -> SectionClassifier:
        """Set parameters (scikit-learn API); unknown names raise."""
        for name, value in params.items():
            if name not in self._PARAMS:
                raise InvalidParameterError.unknown("name", "SectionClassifier.set_params", name, self._PARAMS)
            setattr(self, name, value)
        return self

    def __repr__(self) -> str:
        changed = []
        defaults = SectionClassifier().get_params()
        for name, value in self.get_params().items():
            if value is not defaults[name] and value != defaults[name]:
                changed.append(f"{name}={value!r}" if name != "section_names" else f"{name}=<{len(value)}>")
        return f"SectionClassifier({', '.join(changed)})"

    def __sklearn_tags__(self) -> Any:  # scikit-learn >= 1.6
        from sklearn.utils import ClassifierTags, Tags, TargetTags

        tags = Tags(estimator_type="classifier", target_tags=TargetTags(required=True),
                    classifier_tags=ClassifierTags())
        tags.input_tags.string = True
        tags.input_tags.two_d_array = False
        return tags

    _estimator_type = "classifier"

    def score(self, X: Sequence[str | Sentence], y: Sequence[Any]) -> float:
        """Accuracy on ``X`` (scikit-learn API)."""
        import numpy as np

        y_pred = self.predict(X)
        y_true = np.asarray(list(y), dtype=object)
        return float(np.mean(y_pred.astype(object) == y_true)) if len(y_true) else 0.0

    # -- validation ------------------------------------------------------------------
    def _validate_params(self) -> None:
        from .tokenizer import Tokenizer

        func = "SectionClassifier"
        if self.tokenizer is not None and not isinstance(self.tokenizer, Tokenizer):
            raise InvalidParameterError.build("tokenizer", func, "a policytext Tokenizer or None", self.tokenizer)
        cn = self.char_ngrams
        if cn is not None and not (
            isinstance(cn, (tuple, list)) and len(cn) == 2 and all(isinstance(v, int) for v in cn) and 1 <= cn[0] <= cn[1]
        ):
            raise InvalidParameterError.build("char_ngrams", func, "None or a pair (lo, hi) with 1 <= lo <= hi", cn)
        if cn is None and not self.word_features:
            raise InvalidParameterError.build("word_features", func, "True when char_ngrams is None", self.word_features)
        for name, lo, strict in (("C", 0.0, True), ("profile_weight", 0.0, False), ("prior_weight", 0.0, False),
                                 ("temperature", 0.0, True)):
            value = getattr(self, name)
            ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) and (
                value > lo if strict else value >= lo)
            if not ok:
                raise InvalidParameterError.build(name, func, f"a float {'>' if strict else '>='} {lo:g}", value)
        if self.sections is not None and not isinstance(self.sections, (str, Path)):
            raise InvalidParameterError.build("sections", func, "'default', a path or None", self.sections)
        if self.class_weight not in ("balanced", None):
            raise InvalidParameterError.build("class_weight", func, "'balanced' or None", self.class_weight)
        for name in ("section_names", "section_terms"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, Mapping):
                raise InvalidParameterError.build(name, func, "a mapping from class to value, or None", value)

    def _tok(self) -> Tokenizer:
        from .tokenizer import default_tokenizer

        return self.tokenizer if self.tokenizer is not None else default_tokenizer()

    # -- featurisation ---------------------------------------------------------------
    def _features(self, text: str, tokens: Sequence[Token] | None = None) -> list[str]:
        """Feature strings: ``w:`` + word norm, ``k:`` + term category, bare char n-grams.

        Content words: lexicon terms always (by their canonical form, so aliases
        merge); other words when they are not stopwords, have at least two
        characters and a noun / verb / adjective / idiom / abbreviation tag.
        Character n-grams carry no prefix (they never contain ``:``), which
        keeps featurisation cheap.
        """
        feats: list[str] = []
        if self.word_features:
            if tokens is None:
                tokens = self._tok().tokenize(text)
            for t in tokens:
                if t.kind == "term" or t.kind == "numbered":
                    feats.append("w:" + t.norm)
                    feats.append("k:" + t.category)  # type: ignore[operator]
                elif t.kind == "word" and not t.is_stop and len(t.text) >= 2 and t.pos.startswith(_CONTENT_POS):
                    feats.append("w:" + t.text)
        if self.char_ngrams is not None:
            lo, hi = self.char_ngrams
            for run in RE_HAN_RUN.findall(text):
                n_run = len(run)
                if lo == 1:
                    feats.extend(run)
                for n in range(max(lo, 2), min(hi, n_run) + 1):
                    feats.extend([run[i:i + n] for i in range(n_run - n + 1)])
        return feats

    def _featurize(self, X: Iterable[str | Sentence]) -> tuple[list[str], list[list[str]]]:
        texts = _texts(X)
        return texts, [self._features(t) for t in texts]

    # -- fit ---------------------------------------------------------------------------
    def fit(self, X: Sequence[str | Sentence], y: Sequence[Any]) -> SectionClassifier:
        """Learn the sections from labelled sentences.

        Parameters
        ----------
        X : sequence of str or Sentence
            Training sentences (headings and other text may be added).
        y : sequence
            One label per sentence (int or str section ids).

        Returns
        -------
        SectionClassifier
            ``self``, fitted.

        Raises
        ------
        InvalidParameterError
            Invalid parameters, ``X`` and ``y`` of different lengths, or fewer
            than two classes.
        """
        import numpy as np
        from scipy import sparse
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.preprocessing import normalize
        from sklearn.svm import LinearSVC

        self._validate_params()
        texts = _texts(X)
        labels = list(y) if not isinstance(y, str) else None
        if labels is None or len(labels) != len(texts):
            raise InvalidParameterError.build(
                "y", "SectionClassifier.fit", f"a sequence of {len(texts)} labels (one per sentence)",
                y if labels is None else f"{len(labels)} labels")
        labels = [_plain(v) for v in labels]

        if self.sections is None:
            table = None
        else:
            table = read_sections(None if isinstance(self.sections, str) and self.sections == "default" else self.sections)
        names: dict[Any, str] = {}
        terms: dict[Any, list[str]] = {}
        extra_x: list[str] = []
        extra_y: list[Any] = []
        if table is not None:
            for row in table.itertuples(index=False):
                label = _plain(row.id)
                names[label] = row.name
                terms.setdefault(label, []).extend([row.name, *row.indicative_terms])
                extra_x.append(f"{row.name}。{row.description}")
                extra_y.append(label)
                if row.indicative_terms:
                    extra_x.append("、".join(row.indicative_terms))
                    extra_y.append(label)
        for label, words in (self.section_terms or {}).items():
            terms.setdefault(_plain(label), []).extend(words)

        all_x = texts + extra_x
        all_y = labels + extra_y
        classes = sorted(set(all_y), key=_natural_key)
        if len(classes) < 2:
            raise InvalidParameterError.build("y", "SectionClassifier.fit", "labels of at least two classes", classes)
        index = {c: i for i, c in enumerate(classes)}
        y_idx = np.array([index[v] for v in all_y])

        feats = [self._features(t) for t in all_x]
        vectorizer = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, lowercase=False, norm="l2")
        Xm = vectorizer.fit_transform(feats)

        model = LinearSVC(C=float(self.C), class_weight=self.class_weight)
        with _single_thread():  # tiny problems: BLAS threads only contend (10-20x slower on a busy machine)
            model.fit(Xm, y_idx)
        coef = model.coef_
        intercept = model.intercept_
        if coef.shape[0] == 1:  # two classes: one-vs-rest pair
            coef = np.vstack([-coef[0], coef[0]]) / 2.0
            intercept = np.array([-intercept[0], intercept[0]]) / 2.0

        # section profiles: l2-normalised centroid of each class
        onehot = sparse.csr_matrix((np.ones(len(y_idx)), (y_idx, np.arange(len(y_idx)))),
                                   shape=(len(classes), len(y_idx)))
        centroids = normalize(np.asarray((onehot @ Xm).todense()))

        # keyword prior: a term owned by k classes weighs 1/k
        matcher = _TermMatcher({c: terms[c] for c in classes if c in terms})
        term_weights = {w: 1.0 / len(owners) for w, owners in matcher.owners.items()}

        self.classes_ = np.array(classes, dtype=object if any(isinstance(c, str) for c in classes) else None)
        self.section_names_ = {c: str((self.section_names or {}).get(c, names.get(c, c))) for c in classes}
        self.__dict__.pop("_names_cache", None)
        self.vectorizer_ = vectorizer
        self.model_ = model
        self.coef_ = coef
        self.intercept_ = intercept
        self.centroids_ = centroids
        self.matcher_ = matcher
        self.term_weights_ = term_weights
        self.n_features_in_ = 1
        return self

    # -- prediction --------------------------------------------------------------------
    def _check_fitted(self) -> None:
        from sklearn.exceptions import NotFittedError as SkNotFitted
        from sklearn.utils.validation import check_is_fitted

        try:
            check_is_fitted(self, ("classes_", "model_"))
        except SkNotFitted as exc:
            raise NotFittedError(
                "This SectionClassifier instance is not fitted yet. Call 'fit' with appropriate arguments "
                "(or use SectionClassifier.default() / SectionClassifier.from_document(doc))."
            ) from exc

    def _prior(self, texts: Sequence[str]) -> tuple[np.ndarray, list[list[str]]]:
        """Indicative-term scores ``(n, n_classes)`` and the terms found in each text."""
        import numpy as np

        index = {c: i for i, c in enumerate(self.classes_.tolist())}
        out = np.zeros((len(texts), len(index)))
        owners = self.matcher_.owners
        weights = self.term_weights_
        found = [self.matcher_.find(text) for text in texts]
        for r, words in enumerate(found):
            for w in words:
                wt = weights[w]
                for c in owners[w]:
                    out[r, index[c]] += wt
        return out, found

    def _experts(self, texts: Sequence[str], feats: Sequence[list[str]]
                 ) -> tuple[Any, np.ndarray, np.ndarray, np.ndarray, list[list[str]]]:
        """TF-IDF matrix, the raw scores of the three experts (each ``(n, n_classes)``), found terms."""
        import numpy as np

        Xm = self.vectorizer_.transform(feats)
        linear = np.asarray(Xm @ self.coef_.T) + self.intercept_
        profile = np.asarray(Xm @ self.centroids_.T)
        prior, found = self._prior(texts)
        return Xm, linear, profile, np.log1p(prior), found

    def _decision(self, texts: Sequence[str], feats: Sequence[list[str]]) -> tuple[Any, np.ndarray, list[list[str]]]:
        Xm, linear, profile, prior, found = self._experts(texts, feats)
        score = linear + float(self.profile_weight) * profile + float(self.prior_weight) * prior
        return Xm, score, found

    def decision_function(self, X: Sequence[str | Sentence]) -> np.ndarray:
        """Score of every class, shape ``(n, n_classes)``; higher is better.

        ``linear + profile_weight * cosine_to_profile + prior_weight * log1p(prior)``.
        """
        import numpy as np

        self._check_fitted()
        texts, feats = self._featurize(X)
        if not texts:
            return np.zeros((0, len(self.classes_)))
        return self._decision(texts, feats)[1]

    def predict_proba(self, X: Sequence[str | Sentence]) -> np.ndarray:
        """Probability of every class (columns in the order of ``classes_``)."""
        import numpy as np

        return np.exp(self.predict_log_proba(X))

    def predict_log_proba(self, X: Sequence[str | Sentence]) -> np.ndarray:
        """Log of :meth:`predict_proba`: ``log_softmax(decision_function(X) / temperature)``."""
        return _log_softmax(self.decision_function(X) / float(self.temperature))

    def predict(self, X: Sequence[str | Sentence]) -> np.ndarray:
        """The most probable class of every sentence."""
        scores = self.decision_function(X)
        return self.classes_[scores.argmax(axis=1)] if len(scores) else self.classes_[:0]

    def explain(self, X: Sequence[str | Sentence], *, top: int = 5,
                _tokens: Sequence[Sequence[Token]] | None = None) -> list[tuple[Any, float, list[str]]]:
        """Prediction, confidence and the terms that drove it, per sentence.

        The terms are the features with the largest positive contribution to
        the predicted class (linear-model weight plus profile weight, times
        the feature's TF-IDF value, relative to the other classes), and the
        section's indicative terms found in the sentence. Character n-grams
        are listed only when fewer than two words are, and never one inside a
        listed word.

        >>> model = SectionClassifier.default()
        >>> label, conf, terms = model.explain(["严格执行机构限额和领导职数规定"])[0]
        >>> label, "机构限额" in terms
        (4, True)
        """
        import numpy as np

        self._check_fitted()
        texts = _texts(X)
        if not texts:
            return []
        if _tokens is not None:
            feats = [self._features(t, tk) for t, tk in zip(texts, _tokens)]
        else:
            feats = [self._features(t) for t in texts]
        Xm, scores, found = self._decision(texts, feats)
        pred = scores.argmax(axis=1)
        logp = _log_softmax(scores / float(self.temperature))
        names, is_word = self._feature_names()
        weight = self.coef_ + float(self.profile_weight) * self.centroids_
        weight = weight - weight.mean(axis=0, keepdims=True)
        Xc = Xm.tocsr()
        indptr, indices = Xc.indptr, Xc.indices
        # contribution of every stored feature to its row's predicted class, in one go
        contrib = Xc.data * weight[np.repeat(pred, np.diff(indptr)), indices]
        owners = self.matcher_.owners
        cls_list = self.classes_.tolist()
        conf = np.exp(logp[np.arange(len(pred)), pred]).tolist()
        out: list[tuple[Any, float, list[str]]] = []
        for r, k in enumerate(pred.tolist()):
            a, b = indptr[r], indptr[r + 1]
            idx = indices[a:b]
            c = contrib[a:b]
            label = cls_list[k]
            picked: list[str] = [w for w in dict.fromkeys(found[r]) if label in owners[w]]
            sel = np.flatnonzero((c > 0) & is_word[idx])
            for j in sel[np.argsort(-c[sel], kind="stable")][:top].tolist():
                w = names[idx[j]][2:]
                if w not in picked:
                    picked.append(w)
            if len(picked) < 2:  # n-grams only when words say little (they may straddle words)
                sel = np.flatnonzero((c > 0) & ~is_word[idx])
                for j in sel[np.argsort(-c[sel], kind="stable")][:top].tolist():
                    g = names[idx[j]]
                    if len(g) >= 2 and ":" not in g and not any(g in w for w in picked):
                        picked.append(g)
            out.append((label, conf[r], picked[:top]))
        return out

    def _feature_names(self) -> tuple[list[str], np.ndarray]:
        """Feature names and a mask of the word features (cached; not a parameter or fitted state)."""
        import numpy as np

        cached = self.__dict__.get("_names_cache")
        if cached is None:
            names = self.vectorizer_.get_feature_names_out().tolist()
            cached = (names, np.array([n.startswith("w:") for n in names], dtype=bool))
            self.__dict__["_names_cache"] = cached
        return cached

    # -- constructors --------------------------------------------------------------------
    @classmethod
    def default(cls) -> SectionClassifier:
        """The five-section model of 机构编制 work (cached per process).

        Learned from the reference document's 29 sectioned sentences and its
        five headings plus ``lexicons/sections.tsv`` (names and descriptions as
        pseudo-training text, indicative terms as the keyword prior).
        ``classes_`` is ``[1, 2, 3, 4, 5]`` in the reference document's order.

        The instance is shared: :func:`sklearn.base.clone` it before refitting.

        >>> m = SectionClassifier.default()
        >>> m.classes_.tolist(), list(m.section_names_.values())
        ([1, 2, 3, 4, 5], ['理论武装', '职能体系', '资源配置', '法定化', '自身建设'])
        """
        return _default_model()

    @classmethod
    def from_document(cls, doc: Document | str, level: int = 1, *, headings: bool = True,
                      **params: Any) -> SectionClassifier:
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
        doc : Document | str
            A parsed document (a ``str`` is parsed).
        level : int
            Section depth to learn.
        headings : bool
            Use headings as training text.
        **params
            Passed to :class:`SectionClassifier`.

        Returns
        -------
        SectionClassifier
            Fitted; ``classes_`` are section ids, ``section_names_`` headings.

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
        doc = _as_document(doc, "SectionClassifier.from_document")
        if not isinstance(level, int) or isinstance(level, bool) or level < 1:
            raise InvalidParameterError.build("level", "SectionClassifier.from_document", "an int >= 1", level)
        X, y, names = _document_training(doc, level, headings=headings)
        if len(names) < 2:
            raise InputError(doc.title or "<document>", f"has {len(names)} section(s) at level {level}; need at least 2")
        params.setdefault("section_names", names)
        return cls(**params).fit(X, y)


# -- helpers ---------------------------------------------------------------------------


def _plain(v: Any) -> Any:
    """numpy scalars → Python scalars (so labels compare and print plainly)."""
    item = getattr(v, "item", None)
    return item() if callable(item) and not isinstance(v, (str, bytes)) else v


def _texts(X: Iterable[str | Sentence]) -> list[str]:
    from .document import Sentence

    if isinstance(X, str):
        raise TypeError("expected a sequence of sentences (str or Sentence), not a single str")
    out = []
    for x in X:
        if isinstance(x, str):
            out.append(x)
        elif isinstance(x, Sentence):
            out.append(x.text)
        else:
            raise TypeError(f"sentences must be str or Sentence, not {type(x).__name__}")
    return out


def _single_thread() -> Any:
    """Limit BLAS/OpenMP to one thread for the duration of a ``with`` block."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1)


def _log_softmax(a: np.ndarray) -> np.ndarray:
    import numpy as np

    m = a.max(axis=1, keepdims=True)
    z = a - m
    return z - np.log(np.exp(z).sum(axis=1, keepdims=True))


def _as_document(doc: object, func: str) -> Document:
    from .document import Document

    if isinstance(doc, Document):
        return doc
    if isinstance(doc, str):
        from .structure import parse

        return parse(doc)
    raise TypeError(f"{func} expects a Document or str, not {type(doc).__name__}")


def _document_training(doc: Document, level: int, *, headings: bool = True
                       ) -> tuple[list[str], list[str], dict[str, str]]:
    """Sentences (then headings) of every section at ``level``, their labels, and the headings."""
    X: list[str] = []
    y: list[str] = []
    names: dict[str, str] = {}
    for sec in doc.walk():
        if sec.level != level:
            continue
        sid = sec.id
        names[sid] = sec.heading
        for s in sec.sentences:
            X.append(s.text)
            y.append(sid)
        if headings:
            for sub in sec.walk():
                if sub.heading:
                    X.append(sub.heading)
                    y.append(sid)
    return X, y, names


@lru_cache(maxsize=1)
def _default_model() -> SectionClassifier:
    from .loading import load
    from ._resources import reference_path

    doc = load(reference_path())
    X, y, _ = _document_training(doc, 1, headings=True)
    return SectionClassifier(sections="default").fit(X, [int(v) for v in y])


# -- classify ----------------------------------------------------------------------------

_COLUMNS = ["sentence", "text", "section", "predicted", "name", "confidence", "terms"]


def classify(doc: Document | str, model: SectionClassifier | None = None, *, tasks_only: bool = True,
             top_terms: int = 5) -> pd.DataFrame:
    """Place every (task) sentence of ``doc`` into the sections of ``model``.

    Parameters
    ----------
    doc : Document | str
        The document (a ``str`` is parsed).
    model : SectionClassifier, optional
        A fitted classifier; default :meth:`SectionClassifier.default`.
    tasks_only : bool
        Only task (directive) sentences; ``False`` for every body sentence.
    top_terms : int
        How many driving terms to list per sentence.

    Returns
    -------
    pandas.DataFrame
        One row per sentence: ``sentence`` (index in ``doc.sentences``),
        ``text``, ``section`` (its own section id in ``doc``, ``""`` in the
        preamble), ``predicted`` (class), ``name`` (section name),
        ``confidence`` (the largest probability) and ``terms`` (list of the
        terms that drove the decision, for auditing).

    Examples
    --------
    >>> import policytext as pt
    >>> doc = pt.parse("一、工作安排\\n要加强实名制管理。\\n要开展专题党课和中心组学习。")
    >>> table = pt.classify(doc)
    >>> table[["sentence", "section", "predicted", "name"]].values.tolist()
    [[0, '1', 4, '法定化'], [1, '1', 1, '理论武装']]
    >>> bool(table["confidence"].between(0, 1).all())
    True
    """
    import pandas as pd

    doc = _as_document(doc, "classify")
    if model is None:
        model = SectionClassifier.default()
    elif not isinstance(model, SectionClassifier):
        raise TypeError(f"classify expects a SectionClassifier as model, not {type(model).__name__}")
    if not isinstance(top_terms, int) or isinstance(top_terms, bool) or top_terms < 0:
        raise InvalidParameterError.build("top_terms", "classify", "an int >= 0", top_terms)
    model._check_fitted()
    sentences = [s for s in doc.sentences if s.task or not tasks_only]
    if not sentences:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in _COLUMNS}).astype(
            {"sentence": int, "confidence": float})
    tokens = None
    if model.word_features:
        all_tokens = model._tok().tokenize_document(doc)
        tokens = [all_tokens[s.index] for s in sentences]
    results = model.explain(sentences, top=top_terms, _tokens=tokens)
    return pd.DataFrame({
        "sentence": [s.index for s in sentences],
        "text": [s.text for s in sentences],
        "section": [s.section_id for s in sentences],
        "predicted": [r[0] for r in results],
        "name": [model.section_names_[r[0]] for r in results],
        "confidence": [r[1] for r in results],
        "terms": [r[2] for r in results],
    })


# -- CLI ---------------------------------------------------------------------------------


def register_cli(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``policytext classify``."""
    p = sub.add_parser(
        "classify",
        help="place the task sentences of a document into sections",
        description=(
            "Place every task sentence of FILE into the five sections of 机构编制 work (default model), "
            "or into the top-level sections of another document (--model reference-of:OTHERFILE). "
            "Prints sentence index, own section, predicted section, confidence and driving terms."
        ),
    )
    p.add_argument("file", help="document to classify: .txt, .docx or .html")
    p.add_argument("--model", default="default", metavar="default|reference-of:OTHERFILE",
                   help="'default' (five sections of 机构编制 work) or 'reference-of:OTHERFILE' "
                        "(learn the top-level sections of OTHERFILE)")
    p.add_argument("--all-sentences", action="store_true", help="classify every body sentence, not only tasks")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table", help="output format (default table)")
    p.set_defaults(func=_cmd_classify)


def _cmd_classify(args: argparse.Namespace) -> int:
    import sys

    from .loading import load

    spec = args.model
    if spec == "default":
        model = SectionClassifier.default()
    elif spec.startswith("reference-of:") and spec[len("reference-of:"):]:
        model = SectionClassifier.from_document(load(spec[len("reference-of:"):]))
    else:
        raise InvalidParameterError.build("--model", "policytext classify", "'default' or 'reference-of:FILE'", spec)
    table = classify(load(args.file), model, tasks_only=not args.all_sentences)
    if args.format == "json":
        sys.stdout.write(table.to_json(orient="records", force_ascii=False, indent=1) + "\n")
        return 0
    table = table.assign(terms=["|".join(t) for t in table["terms"]], confidence=table["confidence"].round(3))
    if args.format == "csv":
        table.to_csv(sys.stdout, index=False)
    else:
        for row in table.itertuples(index=False):
            text = row.text if len(row.text) <= 40 else row.text[:39] + "…"
            sys.stdout.write(f"{row.sentence:>4}  {row.section or '-':>5}  {row.predicted!s:>5} {row.name}"
                             f"  {row.confidence:.2f}  {row.terms}  {text}\n")
    return 0
