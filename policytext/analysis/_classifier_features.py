"""Features of the section classifier: terms, words and character n-grams as TF-IDF rows.

Three kinds of feature, as strings (the vocabulary of a fitted
:class:`~policytext.analysis.classifier.SectionClassifier`):

* ``"w:" + word`` -- a content token (:func:`policytext.tokens.tags.is_content`):
  a lexicon term or numbered formulation by its canonical form
  (:attr:`Token.norm`, so aliases merge), any other content word by its text;
* ``"k:" + category`` -- the lexicon category of each term (``theory``,
  ``bianzhi`` …);
* a bare character n-gram of a Han run (:data:`RE_HAN_RUN`); n-grams never
  contain ``:``.

:func:`text_features` is the reference definition (``fit`` builds the
vocabulary from it); :func:`tfidf_matrix` computes the same TF-IDF rows for
many texts at once, vectorised (word features by one dict look-up per token,
character n-grams of up to :data:`MAX_KEY_N` characters as int64 keys in a
hash index). :class:`TermMatcher` finds the indicative terms of the keyword
prior.

>>> text_features("机构编制", None, (1, 2))
['机', '构', '编', '制', '机构', '构编', '编制']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from itertools import repeat
from operator import itemgetter
from re import Pattern
from typing import TYPE_CHECKING, Any, NamedTuple

from ..tokens.tags import content_mask

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

    from ..tokens.tokenizer import Token

__all__ = ["RE_HAN_RUN", "KEY_BASE", "MAX_KEY_N", "natural_key", "TermMatcher", "text_features",
           "Lookup", "build_lookup", "tfidf_matrix"]

#: Runs of Han characters (and Latin letters / digits): the text char n-grams are taken from.
RE_HAN_RUN: Pattern[str] = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fffA-Za-z0-9]+")
#: Character n-grams of up to MAX_KEY_N characters are int64 keys in base KEY_BASE
#: (every RE_HAN_RUN character is below U+A000).
KEY_BASE = 0xA000
MAX_KEY_N = 4


def natural_key(label: Any) -> tuple[Any, ...]:
    """Sort key: section ids ``"2"``, ``"10"``, ``"2.3"`` in document order.

    >>> sorted(["10", "2.3", "2", "b", 1], key=natural_key)
    [1, '2', '2.3', '10', 'b']
    """
    if isinstance(label, str) and re.fullmatch(r"\d+(?:\.\d+)*", label):
        return (0, tuple(int(p) for p in label.split(".")), "")
    if isinstance(label, (int, float)) and not isinstance(label, bool):
        return (0, (label,), "")
    return (1, (), str(label))


# -- the keyword prior's terms ---------------------------------------------------------------


class TermMatcher:
    """Finds the indicative terms of each class: leftmost-longest, non-overlapping.

    One Aho-Corasick pass (ahocorasick-rs) over all texts at once. Picklable:
    the automaton is built on first use and not pickled.

    Parameters
    ----------
    terms : Mapping
        Class label -> its terms. Terms shorter than two characters (after
        stripping) or containing a line break are ignored.

    Attributes
    ----------
    owners : dict[str, list]
        Term -> the classes that list it, in natural order.
    forms : list[str]
        The terms, longest first (a match's first field indexes this list).
    """

    def __init__(self, terms: Mapping[Any, Iterable[str]]) -> None:
        owners: dict[str, set[Any]] = {}
        for label, words in terms.items():
            for w in words:
                w = w.strip()
                if len(w) >= 2 and "\n" not in w:
                    owners.setdefault(w, set()).add(label)
        self.owners = {w: sorted(labs, key=natural_key) for w, labs in owners.items()}
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

        >>> TermMatcher({1: ["机构", "机构编制"], 2: ["编制资源"]}).find("统筹机构编制资源")
        ['机构编制']
        """
        forms = self.forms
        return [forms[i] for i, _, _ in self.matches(text)]


# -- the reference definition --------------------------------------------------------------


def text_features(text: str, tokens: Sequence[Token] | None, char_ngrams: tuple[int, int] | None) -> list[str]:
    """Feature strings of one text: ``w:`` + word, ``k:`` + term category, bare char n-grams.

    Parameters
    ----------
    text : str
        The text (its character n-grams).
    tokens : sequence of Token or None
        Its tokens; ``None`` for no word features. A token gives features when
        it is content (:func:`policytext.tokens.tags.content_mask`): a term
        (it has a category) gives ``w:`` + its canonical form and ``k:`` + its
        category, another content word ``w:`` + its text.
    char_ngrams : (lo, hi) or None
        Range of character n-gram lengths over the Han runs of ``text``.

    Returns
    -------
    list of str
        In order, with repeats (the counts are the term frequencies).

    >>> import policytext as pt
    >>> text = "严格执行机构限额和领导职数规定"  # 严格执行 and 和 are stopwords
    >>> text_features(text, pt.Tokenizer().tokenize(text), None)
    ['w:机构限额', 'k:bianzhi', 'w:领导职数', 'k:bianzhi', 'w:规定']
    """
    feats: list[str] = []
    if tokens is not None:
        for t, content in zip(tokens, content_mask(tokens)):
            if not content:
                continue
            if t.category is not None:  # a term (or numbered formulation): canonical form and category
                feats.append("w:" + t.norm)
                feats.append("k:" + t.category)
            else:
                feats.append("w:" + t.text)
    if char_ngrams is not None:
        lo, hi = char_ngrams
        for run in RE_HAN_RUN.findall(text):
            n_run = len(run)
            if lo == 1:
                feats.extend(run)
            for n in range(max(lo, 2), min(hi, n_run) + 1):
                feats.extend([run[i:i + n] for i in range(n_run - n + 1)])
    return feats


# -- the vectorised path ---------------------------------------------------------------------


class Lookup(NamedTuple):
    """Vocabulary look-ups of :func:`tfidf_matrix` (built once per fit).

    ``w`` / ``k``: word / category -> column; ``grams``: 1 -> column by code
    point (-1: none), n -> (hash index of the int64 keys of the n-grams,
    their columns) for 2 <= n <= MAX_KEY_N, n -> {n-gram: column} above;
    ``names``: feature by column; ``is_word`` / ``is_gram``: masks of the
    ``w:`` features and of the n-grams of two or more characters.
    """

    w: dict[str, int]
    k: dict[str, int]
    grams: dict[int, Any]
    names: list[str]
    is_word: np.ndarray
    is_gram: np.ndarray


def build_lookup(vocabulary: Mapping[str, int]) -> Lookup:
    """The :class:`Lookup` of a vocabulary (feature -> column).

    >>> lk = build_lookup({"w:机构": 0, "k:bianzhi": 1, "机": 2, "机构": 3})
    >>> lk.w, lk.k, lk.names, lk.is_gram.tolist()
    ({'机构': 0}, {'bianzhi': 1}, ['w:机构', 'k:bianzhi', '机', '机构'], [False, False, False, True])
    """
    import numpy as np

    w: dict[str, int] = {}
    k: dict[str, int] = {}
    by_n: dict[int, dict[str, int]] = {}
    for f, c in vocabulary.items():
        if f.startswith("w:"):
            w[f[2:]] = c
        elif f.startswith("k:"):
            k[f[2:]] = c
        else:
            by_n.setdefault(len(f), {})[f] = c
    grams = {n: _gram_index(n, d) for n, d in by_n.items()}
    names = [""] * len(vocabulary)
    for f, c in vocabulary.items():
        names[c] = f
    return Lookup(w, k, grams, names,
                  is_word=np.array([f.startswith("w:") for f in names], dtype=bool),
                  is_gram=np.array([len(f) >= 2 and ":" not in f for f in names], dtype=bool))


def _gram_index(n: int, columns: dict[str, int]) -> Any:
    """The look-up of the n-grams of one length ``n`` (see :class:`Lookup`)."""
    import numpy as np
    import pandas as pd

    if n > MAX_KEY_N:
        return columns
    cols = np.fromiter(columns.values(), dtype=np.int64, count=len(columns))
    if n == 1:
        table = np.full(KEY_BASE + 1, -1, dtype=np.int64)
        table[[ord(g) for g in columns]] = cols
        return table
    keys = np.zeros(len(columns), dtype=np.int64)
    for j, g in enumerate(columns):
        key = 0
        for ch in g:
            key = key * KEY_BASE + ord(ch)
        keys[j] = key
    return (pd.Index(keys), cols)


def tfidf_matrix(texts: Sequence[str], tokens: Sequence[Sequence[Token]] | None, lookup: Lookup,
                 idf: np.ndarray, char_ngrams: tuple[int, int] | None) -> Any:
    """TF-IDF matrix (CSR, rows l2-normalised) of ``texts`` over a fitted vocabulary.

    Equal to sublinear-tf TF-IDF of :func:`text_features` (``tokens`` given
    means word features), but built directly.

    Parameters
    ----------
    texts : sequence of str
    tokens : sequence of token sequences, or None
        The tokens of every text (word features), or None (none).
    lookup : Lookup
        :func:`build_lookup` of the vocabulary.
    idf : numpy.ndarray
        Inverse document frequency by column.
    char_ngrams : (lo, hi) or None

    Returns
    -------
    scipy.sparse.csr_matrix
        Shape ``(len(texts), len(idf))``.
    """
    import numpy as np

    n = len(texts)
    rows: list[Any] = []
    cols: list[Any] = []
    if tokens is not None:
        _word_entries(tokens, lookup, rows, cols)
    if char_ngrams is not None and n:
        _gram_entries(texts, lookup.grams, char_ngrams, rows, cols)
        if char_ngrams[1] > MAX_KEY_N:
            _long_gram_entries(texts, lookup.grams, char_ngrams, rows, cols)
    r = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    c = np.concatenate(cols) if cols else np.zeros(0, dtype=np.int64)
    return _tfidf_csr(r, c, n, idf)


def _tfidf_csr(r: np.ndarray, c: np.ndarray, n: int, idf: np.ndarray) -> Any:
    """CSR matrix of sublinear tf times idf, rows l2-normalised, from the (row, column) of every occurrence."""
    import numpy as np
    from scipy import sparse

    n_feat = len(idf)
    if n_feat == 0:
        return sparse.csr_matrix((n, 0))
    # counts in canonical CSR order: one sort of the (row, column) keys
    keys, counts = np.unique(r * n_feat + c, return_counts=True)
    rowrep = keys // n_feat
    indices = keys - rowrep * n_feat
    data = np.log(counts.astype(float))
    data += 1.0
    data *= idf[indices]
    norms = np.sqrt(np.bincount(rowrep, weights=data * data, minlength=n))
    norms[norms == 0.0] = 1.0
    data /= norms[rowrep]
    indptr = np.searchsorted(rowrep, np.arange(n + 1))
    return sparse.csr_matrix((data, indices, indptr), shape=(n, n_feat))


def _word_entries(tokens: Sequence[Sequence[Token]], lookup: Lookup, rows: list[Any], cols: list[Any]) -> None:
    """Append the (row, column) of every word and term-category feature of ``tokens``.

    The rule of :func:`text_features`: terms by canonical form plus their
    category (a token has a category exactly when it is a term), content
    words by text. A dictionary look-up for every token; the content rule
    (:func:`~policytext.tokens.tags.content_mask`) only on the hits.
    """
    import numpy as np

    flat = [t for toks in tokens for t in toks]
    row_of = np.repeat(np.arange(len(tokens)), [len(toks) for toks in tokens])
    # fields by position: 0 text, 5 category, 6 term (t[6] or t[0] is Token.norm)
    wc = np.fromiter(map(lookup.w.get, [t[6] or t[0] for t in flat], repeat(-1)), dtype=np.int64, count=len(flat))
    hits = np.flatnonzero(wc >= 0).tolist()
    if hits:
        content = content_mask([flat[i] for i in hits])
        wc[[i for i, ok in zip(hits, content) if not ok]] = -1
    kc = np.fromiter(map(lookup.k.get, map(itemgetter(5), flat), repeat(-1)), dtype=np.int64, count=len(flat))
    for cc in (wc, kc):
        hit = cc >= 0
        rows.append(row_of[hit])
        cols.append(cc[hit])


@lru_cache(maxsize=1)
def _run_table() -> np.ndarray:
    """Boolean table over code points < KEY_BASE (+1 sentinel): True for RE_HAN_RUN characters."""
    import numpy as np

    table = np.zeros(KEY_BASE + 1, dtype=bool)
    table[0x3400:0x4DC0] = True
    table[0x4E00:0xA000] = True
    for lo, hi in ((0x30, 0x3A), (0x41, 0x5B), (0x61, 0x7B)):
        table[lo:hi] = True
    return table


def _gram_entries(texts: Sequence[str], grams: dict[int, Any], char_ngrams: tuple[int, int],
                  rows: list[Any], cols: list[Any]) -> None:
    """Append the (row, column) of every known character n-gram of up to MAX_KEY_N characters, with numpy.

    The texts are joined by line breaks (which end every run) and read as
    code points; an n-gram is a run of n run characters, its key the code
    points in base KEY_BASE.
    """
    import numpy as np

    lo, hi = char_ngrams
    lens = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    joined = "\n".join(texts)  # the separator ends every run
    cp = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.int64)
    row_of = np.repeat(np.arange(len(texts)), lens + 1)[: len(cp)]
    cp = np.minimum(cp, KEY_BASE)  # every run character is below KEY_BASE
    mask = _run_table()[cp]
    if lo == 1 and 1 in grams:
        c1 = grams[1][cp]  # only run characters have a column
        hit = np.flatnonzero(c1 >= 0)
        rows.append(row_of[hit])
        cols.append(c1[hit])
    ok = mask
    key = cp
    for n in range(2, min(hi, MAX_KEY_N) + 1):
        ok = ok[:-1] & mask[n - 1:]
        key = key[:-1] * KEY_BASE + cp[n - 1:]
        if n < lo or n not in grams:
            continue
        index, kcols = grams[n]
        at = np.flatnonzero(ok)
        idx = index.get_indexer(key[at])
        hit = idx >= 0
        rows.append(row_of[at[hit]])
        cols.append(kcols[idx[hit]])


def _long_gram_entries(texts: Sequence[str], grams: dict[int, Any], char_ngrams: tuple[int, int],
                       rows: list[Any], cols: list[Any]) -> None:
    """Append the (row, column) of every known n-gram longer than MAX_KEY_N characters (plain Python)."""
    import numpy as np

    lo, hi = char_ngrams
    r_list: list[int] = []
    c_list: list[int] = []
    for r, text in enumerate(texts):
        for run in RE_HAN_RUN.findall(text):
            for n in range(max(lo, MAX_KEY_N + 1), min(hi, len(run)) + 1):
                get = grams.get(n, {}).get
                for i in range(len(run) - n + 1):
                    c = get(run[i:i + n])
                    if c is not None:
                        r_list.append(r)
                        c_list.append(c)
    rows.append(np.array(r_list, dtype=np.int64))
    cols.append(np.array(c_list, dtype=np.int64))
