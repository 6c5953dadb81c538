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

import math
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from itertools import repeat
from operator import itemgetter
from pathlib import Path
from re import Pattern
from typing import TYPE_CHECKING, Any

from ..errors import InputError, InvalidParameterError, NotFittedError
from ..tokens.tokenizer import CONTENT_POS

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    import pandas as pd

    from ..text.document import Document, Sentence
    from ..tokens.tokenizer import Token, Tokenizer

__all__ = ["SectionClassifier", "classify", "read_sections", "RE_HAN_RUN"]

#: Runs of Han characters (and Latin letters / digits): the text char n-grams are taken from.
RE_HAN_RUN: Pattern[str] = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fffA-Za-z0-9]+")
_CONTENT_POS = CONTENT_POS  # the package-wide content POS (policytext.tokens.tokenizer)
_CONTEXTS = ("paragraph", None)
#: Character n-grams of up to _MAX_KEY_N characters are int64 keys in base _KEY_BASE
#: (every RE_HAN_RUN character is below U+A000).
_KEY_BASE = 0xA000
_MAX_KEY_N = 4


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

    from .._resources import data_file

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
    """Finds the indicative terms of each class: leftmost-longest, non-overlapping.

    One Aho-Corasick pass (ahocorasick-rs) over all texts at once. Picklable:
    the automaton is built on first use and not pickled.
    """

    def __init__(self, terms: Mapping[Any, Iterable[str]]) -> None:
        owners: dict[str, set[Any]] = {}
        for label, words in terms.items():
            for w in words:
                w = w.strip()
                if len(w) >= 2 and "\n" not in w:
                    owners.setdefault(w, set()).add(label)
        self.owners = {w: sorted(labs, key=_natural_key) for w, labs in owners.items()}
        self.forms = sorted(self.owners, key=lambda w: (-len(w), w))
        self._automaton: Any = None

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_automaton": None}

    def matches(self, text: str) -> list[tuple[int, int, int]]:
        """``(form index, start, end)`` of every match in ``text``."""
        if not self.forms:
            return []
        if self._automaton is None:
            import ahocorasick_rs

            self._automaton = ahocorasick_rs.AhoCorasick(
                self.forms, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
        return self._automaton.find_matches_as_indexes(text)

    def find(self, text: str) -> list[str]:
        """The terms found in ``text``, in order.

        >>> _TermMatcher({1: ["机构", "机构编制"], 2: ["编制资源"]}).find("统筹机构编制资源")
        ['机构编制']
        """
        forms = self.forms
        return [forms[i] for i, _, _ in self.matches(text)]


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
        :func:`policytext.tokens.tokenizer.default_tokenizer`.
    char_ngrams : tuple[int, int] | None
        Range of character n-grams over Han runs (``None`` disables them).
    word_features : bool
        Use lexicon-aware content words (:attr:`Token.norm`) and term categories.
    C : float
        Inverse regularisation strength of the linear SVM.
    profile_weight : float
        Weight of the section-profile (centroid similarity) expert, ≥ 0.
    prior_weight : float
        Weight of the indicative-term prior, ≥ 0.
    temperature : float
        Temperature of the softmax that turns scores into probabilities
        (smaller is sharper), > 0.
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
        Passed to the linear SVM.
    context : "paragraph" | None
        Discourse context at prediction time. With ``"paragraph"`` a
        :class:`~policytext.text.document.Sentence` is scored together with the
        *text* of the other sentences of its paragraph (found through
        ``sentence.section``): its score is its own plus ``context_weight``
        times the mean score of its neighbours. No label is used: neighbours
        are scored like any unlabelled text, so it works the same on another
        document. Plain ``str`` inputs (and preamble sentences, which have no
        section) have no context. Training always uses sentences alone.
        ``None`` scores every sentence on its own text.
    context_weight : float
        Weight of the paragraph context, ≥ 0 (3.0 was chosen on the 19th
        congress report with paragraph-grouped cross-validation, where
        neighbours are never training sentences; 2-6 do about as well).

    Attributes
    ----------
    classes_ : numpy.ndarray
        Class labels, in natural order (section ids ``"2"`` before ``"10"``).
    section_names_ : dict
        Display name of every class.
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

    # -- sklearn plumbing ------------------------------------------------------------
    _PARAMS = (
        "tokenizer", "char_ngrams", "word_features", "C", "profile_weight", "prior_weight",
        "temperature", "sections", "section_names", "section_terms", "class_weight", "context",
        "context_weight",
    )

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if not k.startswith("_cache_")}

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
        from ..tokens.tokenizer import Tokenizer

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
                                 ("temperature", 0.0, True), ("context_weight", 0.0, False)):
            value = getattr(self, name)
            ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) and (
                value > lo if strict else value >= lo)
            if not ok:
                raise InvalidParameterError.build(name, func, f"a float {'>' if strict else '>='} {lo:g}", value)
        if self.sections is not None and not isinstance(self.sections, (str, Path)):
            raise InvalidParameterError.build("sections", func, "'default', a path or None", self.sections)
        if self.context not in _CONTEXTS:
            raise InvalidParameterError.build("context", func, "'paragraph' or None", self.context)
        if self.class_weight not in ("balanced", None):
            raise InvalidParameterError.build("class_weight", func, "'balanced' or None", self.class_weight)
        for name in ("section_names", "section_terms"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, Mapping):
                raise InvalidParameterError.build(name, func, "a mapping from class to value, or None", value)

    def _tok(self) -> Tokenizer:
        from ..tokens.tokenizer import default_tokenizer

        return self.tokenizer if self.tokenizer is not None else default_tokenizer()

    # -- featurisation ---------------------------------------------------------------
    def _features(self, text: str, tokens: Sequence[Token] | None = None) -> list[str]:
        """Feature strings: ``w:`` + word norm, ``k:`` + term category, bare char n-grams.

        The reference definition of the features (``fit`` builds the
        vocabulary from it; :meth:`_matrix` computes the same counts faster).
        Content words: lexicon terms always (by their canonical form, so aliases
        merge); other words when they are not stopwords, have at least two
        characters and a noun / verb / adjective / idiom / abbreviation tag.
        Character n-grams carry no prefix (they never contain ``:``).
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

    def _lookup(self) -> dict[str, Any]:
        """Vocabulary lookups for :meth:`_matrix` (built once per fit, not pickled).

        ``w`` / ``k``: word / category -> column; ``grams``: 1 -> column by
        code point (-1: none), n -> (hash index of the int64 keys of the
        n-grams, their columns) for 2 <= n <= 4, n -> {n-gram: column} above;
        ``names``, ``is_word``, ``is_gram``: feature names and masks.
        """
        import numpy as np
        import pandas as pd

        cached = self.__dict__.get("_cache_lookup")
        if cached is not None:
            return cached
        w: dict[str, int] = {}
        k: dict[str, int] = {}
        by_n: dict[int, dict[str, int]] = {}
        for f, c in self.vocabulary_.items():
            if f.startswith("w:"):
                w[f[2:]] = c
            elif f.startswith("k:"):
                k[f[2:]] = c
            else:
                by_n.setdefault(len(f), {})[f] = c
        grams: dict[int, Any] = {}
        for n, d in by_n.items():
            if n > _MAX_KEY_N:
                grams[n] = d
                continue
            cols = np.fromiter(d.values(), dtype=np.int64, count=len(d))
            if n == 1:
                table = np.full(_KEY_BASE + 1, -1, dtype=np.int64)
                table[[ord(g) for g in d]] = cols
                grams[1] = table
                continue
            keys = np.zeros(len(d), dtype=np.int64)
            for j, g in enumerate(d):
                key = 0
                for ch in g:
                    key = key * _KEY_BASE + ord(ch)
                keys[j] = key
            grams[n] = (pd.Index(keys), cols)
        names = [""] * len(self.vocabulary_)
        for f, c in self.vocabulary_.items():
            names[c] = f
        cached = {
            "w": w, "k": k, "grams": grams, "names": names,
            "is_word": np.array([f.startswith("w:") for f in names], dtype=bool),
            "is_gram": np.array([len(f) >= 2 and ":" not in f for f in names], dtype=bool),
        }
        self.__dict__["_cache_lookup"] = cached
        return cached

    def _matrix(self, texts: Sequence[str], tokens: Sequence[Sequence[Token] | None] | None = None) -> Any:
        """TF-IDF matrix (CSR, rows l2-normalised) of ``texts`` over the fitted vocabulary.

        Equal to TF-IDF (sublinear tf, smoothed idf) of :meth:`_features`, but
        built directly: word features by one dict lookup per token, character
        n-grams of all texts at once with numpy (each n-gram of up to four
        characters is an int64 key looked up in a hash index).
        """
        import numpy as np
        from scipy import sparse

        n = len(texts)
        lk = self._lookup()
        rows: list[Any] = []
        cols: list[Any] = []
        if self.word_features:
            if tokens is None or any(t is None for t in tokens):
                tok = self._tok()
                tokens = [tok.tokenize(texts[r]) if tokens is None or tokens[r] is None else tokens[r]
                          for r in range(n)]
            flat = [t for toks in tokens for t in toks]
            row_of = np.repeat(np.arange(n), [len(toks) for toks in tokens])
            wget, kget = lk["w"].get, lk["k"].get
            # the rule of _features: terms by canonical form plus their category (a token has a
            # category exactly when it is a term), content words by text. Dictionary lookups
            # for every token, the content-word test only on a hit.
            wc = np.fromiter(map(wget, [t[6] or t[0] for t in flat], repeat(-1)), dtype=np.int64, count=len(flat))
            for i in np.flatnonzero(wc >= 0).tolist():
                text, _s, _e, pos, kind, _c, _t, stop = flat[i]
                if not (kind == "term" or kind == "numbered" or (
                        kind == "word" and not stop and len(text) >= 2 and pos.startswith(_CONTENT_POS))):
                    wc[i] = -1
            kc = np.fromiter(map(kget, map(itemgetter(5), flat), repeat(-1)), dtype=np.int64, count=len(flat))
            for cc in (wc, kc):
                hit = cc >= 0
                rows.append(row_of[hit])
                cols.append(cc[hit])
        if self.char_ngrams is not None and n:
            self._gram_entries(texts, lk["grams"], rows, cols)
        r = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
        c = np.concatenate(cols) if cols else np.zeros(0, dtype=np.int64)
        # counts in canonical CSR order: one sort of the (row, column) keys
        n_feat = len(self.vocabulary_)
        if n_feat == 0:
            return sparse.csr_matrix((n, 0))
        keys, counts = np.unique(r * n_feat + c, return_counts=True)
        rowrep = keys // n_feat
        indices = keys - rowrep * n_feat
        data = np.log(counts.astype(float))
        data += 1.0
        data *= self.idf_[indices]
        norms = np.sqrt(np.bincount(rowrep, weights=data * data, minlength=n))
        norms[norms == 0.0] = 1.0
        data /= norms[rowrep]
        indptr = np.searchsorted(rowrep, np.arange(n + 1))
        return sparse.csr_matrix((data, indices, indptr), shape=(n, n_feat))

    def _gram_entries(self, texts: Sequence[str], grams: dict[int, Any], rows: list[Any], cols: list[Any]) -> None:
        """Append the (row, column) of every known character n-gram of ``texts``."""
        import numpy as np

        lo, hi = self.char_ngrams  # type: ignore[misc]
        lens = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
        joined = "\n".join(texts)  # the separator ends every run
        cp = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.int64)
        row_of = np.repeat(np.arange(len(texts)), lens + 1)[: len(cp)]
        cp = np.minimum(cp, _KEY_BASE)  # every run character is below _KEY_BASE
        mask = _run_table()[cp]
        if lo == 1 and 1 in grams:
            c1 = grams[1][cp]  # only run characters have a column
            hit = np.flatnonzero(c1 >= 0)
            rows.append(row_of[hit])
            cols.append(c1[hit])
        ok = mask
        key = cp
        for n in range(2, min(hi, _MAX_KEY_N) + 1):
            ok = ok[:-1] & mask[n - 1:]
            key = key[:-1] * _KEY_BASE + cp[n - 1:]
            if n < lo or n not in grams:
                continue
            index, kcols = grams[n]
            at = np.flatnonzero(ok)
            idx = index.get_indexer(key[at])
            hit = idx >= 0
            rows.append(row_of[at[hit]])
            cols.append(kcols[idx[hit]])
        if hi > _MAX_KEY_N:  # long n-grams: plain Python
            r_list: list[int] = []
            c_list: list[int] = []
            for r, text in enumerate(texts):
                for run in RE_HAN_RUN.findall(text):
                    for n in range(max(lo, _MAX_KEY_N + 1), min(hi, len(run)) + 1):
                        get = grams.get(n, {}).get
                        for i in range(len(run) - n + 1):
                            c = get(run[i:i + n])
                            if c is not None:
                                r_list.append(r)
                                c_list.append(c)
            rows.append(np.array(r_list, dtype=np.int64))
            cols.append(np.array(c_list, dtype=np.int64))

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

        # vocabulary and smoothed idf from the reference features
        for key in [k for k in self.__dict__ if k.startswith("_cache_")]:
            del self.__dict__[key]
        tokens = [self._tok().tokenize(t) for t in all_x] if self.word_features else None
        df: dict[str, int] = {}
        for i, t in enumerate(all_x):
            for f in set(self._features(t, tokens[i] if tokens is not None else None)):
                df[f] = df.get(f, 0) + 1
        vocab = {f: j for j, f in enumerate(sorted(df))}
        n_docs = len(all_x)
        self.vocabulary_ = vocab
        self.idf_ = np.log((1.0 + n_docs) / (1.0 + np.array([df[f] for f in vocab], dtype=float))) + 1.0
        Xm = self._matrix(all_x, tokens)

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
            cached = (key, np.ascontiguousarray(w.T), np.ascontiguousarray((w - w.mean(axis=0, keepdims=True)).T), prior)
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

    def _evaluate(self, X: Iterable[str | Sentence], doc_tokens: Sequence[Sequence[Token]] | None = None
                  ) -> tuple[Any, np.ndarray, list[list[str]]]:
        """TF-IDF rows, scores (context pooled in) and found terms of the items of ``X``.

        ``doc_tokens``: the cached tokens of the document the Sentence items
        come from (indexed by :attr:`Sentence.index`), to avoid tokenizing again.
        """
        import numpy as np

        items = _items(X)
        n = len(items)
        if self.context not in _CONTEXTS:
            raise InvalidParameterError.build("context", "SectionClassifier", "'paragraph' or None", self.context)
        wt, _, prior_matrix = self._weights()
        parts: dict[str, Any] = {}

        def score_of(ext: list[Any]) -> np.ndarray:
            texts = [x if isinstance(x, str) else x.text for x in ext]
            tokens = None
            if doc_tokens is not None and self.word_features:
                tokens = [None if isinstance(x, str) else doc_tokens[x.index] for x in ext]
            Xm = self._matrix(texts, tokens)
            prior, found = self._prior(texts, prior_matrix)
            parts["X"], parts["found"] = Xm, found
            return np.asarray(Xm @ wt) + self.intercept_ + float(self.prior_weight) * np.log1p(prior)

        if self.context == "paragraph" and float(self.context_weight) > 0:
            score, context = _paragraph_context(items, score_of)
            score = score[:n] + float(self.context_weight) * context
        else:
            score = score_of(items)
        Xm, found = parts["X"], parts["found"]
        if Xm.shape[0] > n:
            Xm, found = Xm[:n], found[:n]
        return Xm, score, found

    def decision_function(self, X: Sequence[str | Sentence]) -> np.ndarray:
        """Score of every class, shape ``(n, n_classes)``; higher is better.

        ``s(x) = linear + profile_weight * cosine_to_profile + prior_weight *
        log1p(prior)``; with ``context="paragraph"`` a :class:`Sentence` scores
        ``s(x) + context_weight * mean(s(neighbour))`` over the other
        sentences of its paragraph.
        """
        import numpy as np

        self._check_fitted()
        if not _items(X):
            return np.zeros((0, len(self.classes_)))
        return self._evaluate(X)[1]

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
                _doc_tokens: Sequence[Sequence[Token]] | None = None) -> list[tuple[Any, float, list[str]]]:
        """Prediction, confidence and the terms that drove it, per sentence.

        The terms are the section's indicative terms found in the sentence,
        then the features with the largest positive contribution to the
        predicted class (linear-model weight plus profile weight, times the
        feature's TF-IDF value, relative to the other classes). Character
        n-grams are listed only when fewer than two words are, and never one
        inside a listed word. Only the sentence's own text is explained (the
        context shifts the prediction and the confidence, not the terms).

        >>> model = SectionClassifier.default()
        >>> label, conf, terms = model.explain(["严格执行机构限额和领导职数规定"])[0]
        >>> label, "机构限额" in terms
        (4, True)
        """
        import numpy as np

        self._check_fitted()
        if not _items(X):
            return []
        Xm, scores, found = self._evaluate(X, _doc_tokens)
        n = scores.shape[0]
        pred = scores.argmax(axis=1)
        logp = _log_softmax(scores / float(self.temperature))
        conf = np.exp(logp[np.arange(n), pred]).tolist()
        cls_list = self.classes_.tolist()
        labels = [cls_list[k] for k in pred.tolist()]
        if top <= 0:
            return [(labels[r], conf[r], []) for r in range(n)]
        lk = self._lookup()
        names, is_word, is_gram = lk["names"], lk["is_word"], lk["is_gram"]
        _, weight, _ = self._weights()
        indptr, indices = Xm.indptr, Xm.indices
        rowrep = np.repeat(np.arange(n), np.diff(indptr))
        # contribution of every stored feature to its row's predicted class, in one go
        contrib = Xm.data * weight[indices, pred[rowrep]]
        positive = contrib > 0
        ranked = []
        for mask in (positive & is_word[indices], positive & is_gram[indices]):
            sel = np.flatnonzero(mask)
            sel = sel[np.lexsort((-contrib[sel], rowrep[sel]))]  # by row, then largest contribution
            bounds = np.searchsorted(rowrep[sel], np.arange(n + 1)).tolist()
            ranked.append((indices[sel].tolist(), bounds))
        (wcols, wb), (gcols, gb) = ranked
        owners = self.matcher_.owners
        out: list[tuple[Any, float, list[str]]] = []
        for r in range(n):
            label = labels[r]
            picked = [w for w in dict.fromkeys(found[r]) if label in owners[w]] if found[r] else []
            for c in wcols[wb[r]:wb[r + 1]][:top]:
                w = names[c][2:]
                if w not in picked:
                    picked.append(w)
            if len(picked) < 2:  # n-grams only when words say little (they may straddle words)
                for c in gcols[gb[r]:gb[r + 1]][:top]:
                    g = names[c]
                    if not any(g in w for w in picked):
                        picked.append(g)
            out.append((label, conf[r], picked[:top]))
        return out

    def _feature_names(self) -> tuple[list[str], np.ndarray]:
        """Feature names (by column) and a mask of the word features."""
        lk = self._lookup()
        return lk["names"], lk["is_word"]

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


def _items(X: Iterable[str | Sentence]) -> list[Any]:
    """``X`` as a list of str / Sentence (TypeError for anything else)."""
    from ..text.document import Sentence

    if isinstance(X, str):
        raise TypeError("expected a sequence of sentences (str or Sentence), not a single str")
    items = list(X)
    for x in items:
        if not isinstance(x, (str, Sentence)):
            raise TypeError(f"sentences must be str or Sentence, not {type(x).__name__}")
    return items


def _paragraph_context(items: list[Any], score_of: Any) -> Any:
    """Mean score of the *other* sentences of each item's paragraph (zeros: no context).

    ``score_of(extended)`` scores a list of str / Sentence; it is called once,
    on ``items`` extended by the paragraph neighbours not among them. Returns
    ``(scores of items, context of items)``.
    """
    import numpy as np
    from scipy import sparse

    from ..text.document import Sentence

    ext = list(items)
    pos: dict[int, int] = {}
    for i, x in enumerate(items):
        if isinstance(x, Sentence):
            pos.setdefault(id(x), i)
    by_section: dict[int, dict[int, list[Any]]] = {}  # a section's own sentences by paragraph
    group_id: dict[tuple[int, int], int] = {}
    members: list[list[int]] = []  # positions in ext of each group's sentences
    gid = np.full(len(items), -1, dtype=np.int64)
    own = np.arange(len(items))
    for i, x in enumerate(items):
        sec = x.section if isinstance(x, Sentence) else None
        if sec is None:
            continue
        key = (id(sec), x.paragraph)
        g = group_id.get(key)
        if g is None:
            groups = by_section.get(id(sec))
            if groups is None:
                groups = by_section[id(sec)] = {}
                for s in sec.sentences:
                    if s.section_path == sec.path:
                        groups.setdefault(s.paragraph, []).append(s)
            g = group_id[key] = len(members)
            m: list[int] = []
            for s in groups.get(x.paragraph, ()):
                j = pos.get(id(s))
                if j is None:
                    j = pos[id(s)] = len(ext)
                    ext.append(s)
                m.append(j)
            members.append(m)
        gid[i] = g
        own[i] = pos[id(x)]
    score = score_of(ext)
    n = len(items)
    context = np.zeros((n, score.shape[1]))
    sizes = np.array([len(m) for m in members], dtype=np.int64)
    if len(members):
        cols = np.fromiter((j for m in members for j in m), dtype=np.int64, count=int(sizes.sum()))
        groups_m = sparse.csr_matrix((np.ones(len(cols)), cols, np.concatenate([[0], np.cumsum(sizes)])),
                                     shape=(len(members), len(ext)))
        sums = np.asarray(groups_m @ score)
        ok = np.flatnonzero(gid >= 0)
        ok = ok[sizes[gid[ok]] > 1]
        g = gid[ok]
        context[ok] = (sums[g] - score[own[ok]]) / (sizes[g] - 1)[:, None]
    return score, context


@lru_cache(maxsize=1)
def _run_table() -> np.ndarray:
    """Boolean table over code points < _KEY_BASE (+1 sentinel): True for RE_HAN_RUN characters."""
    import numpy as np

    table = np.zeros(_KEY_BASE + 1, dtype=bool)
    table[0x3400:0x4DC0] = True
    table[0x4E00:0xA000] = True
    for lo, hi in ((0x30, 0x3A), (0x41, 0x5B), (0x61, 0x7B)):
        table[lo:hi] = True
    return table


def _texts(X: Iterable[str | Sentence]) -> list[str]:
    from ..text.document import Sentence

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
    from ..text.document import Document

    if isinstance(doc, Document):
        return doc
    if isinstance(doc, (str, os.PathLike)):
        from ..text.loading import as_document

        return as_document(doc)
    raise TypeError(f"{func} expects a Document, a path or str, not {type(doc).__name__}")


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
    from .._resources import reference_path
    from ..text.loading import load

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
    doc : Document | str | path
        The document: a Document, a path to a file, or the text itself
        (see :func:`policytext.text.loading.as_document`).
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
    doc_tokens = model._tok().tokenize_document(doc) if model.word_features else None
    results = model.explain(sentences, top=top_terms, _doc_tokens=doc_tokens)
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
