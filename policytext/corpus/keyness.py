"""Keyness between two groups of documents: which content terms characterise group a, which group b.

:func:`keyness` answers "which terms are key for the 19th Central Committee's
communiqués against the 20th's?" or "for the 2015 evening news against
2023's?". Each group is anything from one document to a whole
:class:`~policytext.corpus.corpus.Corpus`; the two groups are counted with the
corpus machinery (:meth:`Corpus.imap <policytext.corpus.corpus.Corpus.imap>`
with the counting path of :meth:`Corpus.term_frequencies
<policytext.corpus.corpus.Corpus.term_frequencies>`, so ``processes=`` and a
Dask ``client=`` work as they do there), and only the per-document term
counts travel back.

Counting conventions
--------------------
* **Terms** are the package's content terms, exactly the columns of
  :meth:`Corpus.term_frequencies`: lexicon terms whole (aliases merged into
  their canonical term), numbered formulations, and other words of two
  characters or more that pass the content-token rule
  (:func:`policytext.tokens.tags.is_content`), in the body sentences and
  section headings (the title block does not count). Unlike
  :func:`policytext.compare`'s ``keyness`` table, person names are not taken
  out and lexicon terms are not counted inside longer terms.
* **Totals** ``total_a``/``total_b`` are the numbers of content tokens of each
  group; **rates** are per ``per`` (default 10 000) content tokens.
* **G²** is Dunning's log-likelihood over the 2×2 table (the term against all
  other content tokens, group a against group b), without continuity
  correction, here *unsigned*: ``direction`` says which group uses the term
  more (``"a"``, ``"b"``, or ``"none"`` when the rates are equal). ``p`` is
  the upper tail of χ² with one degree of freedom; with thousands of terms
  tested, read it as a ranking aid (a Bonferroni bound is ``p * len(table)``).
* **log_ratio** is Hardie's (2014) effect size ``log2(rate_b / rate_a)``
  (``+`` = more in b: each doubling of the relative frequency adds 1),
  smoothed by one pseudo-occurrence shared by the two groups in proportion to
  their sizes: ``log2((count_b/total_b + c) / (count_a/total_a + c))`` with
  ``c = 1 / (total_a + total_b)`` (the same constant added to both relative
  frequencies, as in Kilgarriff's "simple maths"; for groups of equal size it
  is adding 0.5 to each count). It is finite for a term absent from one
  group, grows with its count in the other, has the sign of ``direction``
  (replacing a zero count by 0.5 does not: a term used once in a group four
  times larger would get 0 or less), and stays near 0 for rare terms.
* **docs_a**/**docs_b** count the documents of each group that use the term:
  a term that is key only because one document repeats it shows ``docs_a == 1``.
  The numbers of documents are in ``frame.attrs`` (``documents_a``,
  ``documents_b``) with the totals and the names of the documents that could
  not be read.

Rows: b's key terms first (as at the top of :func:`policytext.compare`'s
table), by G² descending, then a's by G² descending, then the terms with equal
rates; ties by total count (descending), then term.

Examples
--------
>>> import policytext as pt
>>> a = ["要推动高质量发展，坚持稳中求进。", "要扩大内需，推动高质量发展。"]
>>> b = ["要发展新质生产力，因地制宜发展新质生产力。", "要推动高质量发展，培育新质生产力。"]
>>> k = keyness(a, b)
>>> for row in k[["term", "direction", "count_a", "count_b", "docs_a", "docs_b"]].values.tolist():
...     print(*row)
新质生产力 b 0 3 0 2
因地制宜 b 0 1 0 1
扩大内需 a 1 0 1 0
稳中求进 a 1 0 1 0
高质量发展 a 2 1 2 1
>>> k.attrs["documents_a"], k.attrs["total_a"], k.attrs["total_b"]
(2, 4, 5)
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from .._validation import InstanceOf, Interval, validate_params
from ..analysis.compare._common import resolve
from ..analysis.compare.keyness import g2_keyness
from ..errors import InvalidParameterError
from ..text.document import Document
from ..text.loading import as_document
from ..tokens.lexicon import Lexicon
from ..tokens.tokenizer import Tokenizer
from ._counting import corpus_terms
from ._parallel import EXECUTION_OPTIONS
from .corpus import Corpus

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["keyness", "log_ratio", "GroupCounts", "group_counts"]

COLUMNS = ["term", "category", "direction", "count_a", "count_b", "total_a", "total_b", "rate_a", "rate_b",
           "docs_a", "docs_b", "g2", "p", "log_ratio"]
_DTYPES = ["object", "object", "object", "int64", "int64", "int64", "int64", "float64", "float64", "int64",
           "int64", "float64", "float64", "float64"]
_GROUP = ("a Corpus, a Document, a path (a file, or a folder read with Corpus.from_folder), a str of text, "
          "or a non-empty sequence of Documents, paths or texts")
#: Order of the directions in the table.
_DIRECTION_RANK = {"b": 0, "a": 1, "none": 2}


class GroupCounts:
    """The content-term counts of one group of documents: occurrences, documents that use each term, sizes.

    Attributes
    ----------
    counts : collections.Counter
        Term → occurrences in the group.
    docs : collections.Counter
        Term → documents of the group that use it.
    documents : int
        Documents counted (those that could be read).
    failed : list of str
        Names of the documents that could not be read (see :attr:`Corpus.errors`).
    """

    __slots__ = ("counts", "docs", "documents", "failed")

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.docs: Counter[str] = Counter()
        self.documents = 0
        self.failed: list[str] = []

    @property
    def total(self) -> int:
        """Content tokens of the group."""
        return sum(self.counts.values())

    def add(self, row: Counter[str]) -> None:
        """Add one document's counts."""
        self.counts.update(row)
        self.docs.update(row.keys())
        self.documents += 1

    def __repr__(self) -> str:
        return f"GroupCounts(documents={self.documents}, terms={len(self.counts)}, tokens={self.total})"


def _group(x: Any, name: str, pattern: str | None) -> Corpus:
    """Group ``name`` (``"a"`` or ``"b"``) of :func:`keyness` as a Corpus."""
    if isinstance(x, Corpus):
        return x
    if _is_folder(x):  # (from_folder's validation refuses pattern=None, though None is its default)
        return Corpus.from_folder(x) if pattern is None else Corpus.from_folder(x, pattern=pattern)
    if isinstance(x, (Document, str, os.PathLike, bytes, bytearray, memoryview)):
        doc: Document = as_document(cast(Document, x), "keyness")
        return Corpus([doc])
    if isinstance(x, Iterable) and not isinstance(x, dict):
        items = list(x)
        bad = next((i for i in items if not isinstance(i, (Document, str, os.PathLike))), None)
        if items and bad is None:
            return Corpus(items)
        got = bad if items else x
        raise InvalidParameterError.build(name, "keyness", _GROUP, got)
    raise InvalidParameterError.build(name, "keyness", _GROUP, x)


def _short(x: Any) -> bool:
    """A str short enough, on one line, to be a folder name."""
    return isinstance(x, str) and len(x) < 4096 and "\n" not in x


def _is_folder(x: Any) -> bool:
    """Whether ``x`` names an existing folder."""
    if isinstance(x, os.PathLike) or _short(x):
        try:
            return Path(x).is_dir()
        except (OSError, ValueError):
            return False
    return False


def group_counts(corpus: Corpus, tokenizer: Tokenizer | None = None, *, processes: Any = None, client: Any = None,
                 chunksize: int | None = None, progress: bool | None = None) -> GroupCounts:
    """The content-term counts of every document of ``corpus``, summed, with document frequencies.

    ``tokenizer``: default the corpus's own. Runs through :meth:`Corpus.imap`
    with the counting path of :meth:`Corpus.term_frequencies` (each worker
    returns one Counter per document).

    >>> g = group_counts(Corpus(["要推动高质量发展。", "推动高质量发展，扩大内需。"]))
    >>> g.counts["高质量发展"], g.docs["高质量发展"], g.documents, g.total
    (2, 2, 2, 3)
    """
    same = tokenizer is None or tokenizer.fingerprint == corpus.tokenizer.fingerprint
    fn = corpus_terms if same else partial(corpus_terms, tokenizer=tokenizer)
    out = GroupCounts()
    for _, row in corpus.imap(fn, processes=processes, client=client, chunksize=chunksize, progress=progress):
        out.add(row)
    out.failed = [e.name for e in corpus.errors]
    return out


def _tokenizer(a: Corpus, b: Corpus, lexicon: Lexicon | None, tokenizer: Tokenizer | None) -> tuple[Lexicon,
                                                                                                     Tokenizer]:
    """The tokenizer both groups are counted with: the one given, else the corpora's when they agree."""
    if tokenizer is None and lexicon is None:
        ta, tb = a.tokenizer, b.tokenizer
        if ta.fingerprint != tb.fingerprint:
            raise InvalidParameterError(
                "keyness: the two corpora have different tokenizers, so their counts are not comparable; "
                "give tokenizer= (or lexicon=) to count both with one")
        return ta.lexicon, ta
    return resolve(lexicon, tokenizer)


def _frame(ga: GroupCounts, gb: GroupCounts, *, lexicon: Lexicon, min_count: int, top: int | None,
           per: int) -> pd.DataFrame:
    """The keyness table of two groups' counts."""
    import numpy as np
    import pandas as pd

    terms = sorted(t for t in ga.counts.keys() | gb.counts.keys() if ga.counts[t] + gb.counts[t] >= min_count)
    n_a, n_b = ga.total, gb.total
    n = len(terms)
    ca = np.fromiter((ga.counts[t] for t in terms), dtype=np.int64, count=n)
    cb = np.fromiter((gb.counts[t] for t in terms), dtype=np.int64, count=n)
    g2, p, _ = g2_keyness(ca, cb, n_a, n_b)
    lr = log_ratio(ca, cb, n_a, n_b)
    direction = np.where(g2 > 0, "b", np.where(g2 < 0, "a", "none")).astype(object)
    rank = np.where(g2 > 0, 0, np.where(g2 < 0, 1, 2))
    order = np.lexsort((-(ca + cb), -np.abs(g2), rank))  # terms are sorted: ties end by term
    if top is not None:
        keep = np.concatenate([order[rank[order] == r][:top] for r in (0, 1)])
        order = keep
    idx = order.tolist()
    picked = [terms[i] for i in idx]
    frame = pd.DataFrame({
        "term": pd.Series(picked, dtype=object),
        "category": pd.Series([_category(lexicon, t) for t in picked], dtype=object),
        "direction": pd.Series(direction[order], dtype=object),
        "count_a": ca[order], "count_b": cb[order],
        "total_a": np.full(len(idx), n_a, dtype=np.int64), "total_b": np.full(len(idx), n_b, dtype=np.int64),
        "rate_a": ca[order] * per / n_a if n_a else np.zeros(len(idx)),
        "rate_b": cb[order] * per / n_b if n_b else np.zeros(len(idx)),
        "docs_a": np.fromiter((ga.docs[t] for t in picked), dtype=np.int64, count=len(idx)),
        "docs_b": np.fromiter((gb.docs[t] for t in picked), dtype=np.int64, count=len(idx)),
        "g2": np.abs(g2[order]), "p": p[order], "log_ratio": lr[order],
    })
    frame = frame.astype(dict(zip(COLUMNS, _DTYPES)))
    frame.attrs.update(documents_a=ga.documents, documents_b=gb.documents, total_a=n_a, total_b=n_b, per=per,
                       failed_a=list(ga.failed), failed_b=list(gb.failed), lexicon=lexicon.fingerprint)
    return frame


def log_ratio(count_a: Any, count_b: Any, n_a: int, n_b: int) -> Any:
    """Smoothed log ratio ``log2((count_b/n_b + c) / (count_a/n_a + c))``, ``c = 1 / (n_a + n_b)``.

    0 when either group has no tokens (as G²: there is nothing to compare).

    >>> log_ratio([0, 1, 4], [1, 1, 0], 10, 10).round(3).tolist()
    [1.585, 0.0, -3.17]
    >>> float(log_ratio([0], [1], 1, 4)[0]) > 0  # used only in b, however large b is
    True
    """
    import numpy as np

    a = np.asarray(count_a, dtype=float)
    b = np.asarray(count_b, dtype=float)
    if n_a <= 0 or n_b <= 0:  # a group without content tokens has no rates to compare
        return np.zeros_like(a)
    c = 1.0 / (n_a + n_b)
    return np.log2((b / n_b + c) / (a / n_a + c))


def _category(lexicon: Lexicon, term: str) -> str | None:
    entry = lexicon.lookup(term)
    return None if entry is None else entry.category


@validate_params({
    "lexicon": [InstanceOf(Lexicon), None],
    "tokenizer": [InstanceOf(Tokenizer), None],
    "min_count": [Interval(int, 1, None)],
    "top": [Interval(int, 1, None), None],
    "per": [Interval(int, 1, None)],
    "pattern": ["str", None],
    "processes": EXECUTION_OPTIONS["processes"],
    "chunksize": EXECUTION_OPTIONS["chunksize"],
    "progress": EXECUTION_OPTIONS["progress"],
})
def keyness(a: Any, b: Any, *, min_count: int = 1, top: int | None = None, lexicon: Lexicon | None = None,
            tokenizer: Tokenizer | None = None, per: int = 10_000, pattern: str | None = None,
            processes: Any = None, client: Any = None, chunksize: int | None = None,
            progress: bool | None = None) -> pd.DataFrame:
    """Keyness of every content term between two groups of documents (log-likelihood G² and log ratio).

    Parameters
    ----------
    a, b : Corpus, Document, path, str, or sequence of Documents, paths or texts
        The two groups. A folder is read with
        :meth:`Corpus.from_folder <policytext.corpus.corpus.Corpus.from_folder>`
        (``pattern``); a file, bytes or a text is one document; a sequence
        becomes a :class:`~policytext.corpus.corpus.Corpus` (unreadable files
        are skipped with a warning, as a corpus does, and named in
        ``frame.attrs["failed_a"]``/``["failed_b"]``).
    min_count : int
        Keep the terms that occur at least this often in a and b together.
    top : int, optional
        Keep only the ``top`` key terms of each direction (the ``"none"`` rows go).
    lexicon : Lexicon, optional
        Count with a tokenizer of this lexicon (lexicon terms stand whole) and
        take the ``category`` column from it.
    tokenizer : Tokenizer, optional
        Count with this tokenizer. Default: the tokenizer of the corpora given
        (they must agree), else the shared default one.
    per : int
        Rates are per ``per`` content tokens.
    pattern : str, optional
        Glob pattern of the documents of a folder (default: the rule of
        :meth:`Corpus.from_folder`).
    processes, client, chunksize, progress
        As for :meth:`Corpus.map <policytext.corpus.corpus.Corpus.map>`.

    Returns
    -------
    pandas.DataFrame
        Columns ``term, category, direction, count_a, count_b, total_a,
        total_b, rate_a, rate_b, docs_a, docs_b, g2, p, log_ratio`` (see the
        module docstring); b's key terms first, then a's, each by G²
        descending. ``attrs``: ``documents_a``, ``documents_b``, ``total_a``,
        ``total_b``, ``per``, ``failed_a``, ``failed_b``, ``lexicon``.

    Raises
    ------
    InvalidParameterError
        ``a`` or ``b`` is not a group of documents (an empty sequence, a
        number …), the corpora carry different tokenizers and none is given,
        or a parameter is out of range (also a ``TypeError``/``ValueError``).
    DocumentNotFoundError
        ``a`` or ``b`` names a file that does not exist.

    Examples
    --------
    >>> import policytext as pt
    >>> k = keyness("要坚持稳中求进，推动高质量发展。", "要发展新质生产力。新质生产力是先进生产力。", top=1)
    >>> k[["term", "direction", "count_a", "count_b", "docs_b"]].values.tolist()
    [['新质生产力', 'b', 0, 2, 1], ['稳中求进', 'a', 1, 0, 0]]
    >>> k["log_ratio"].round(3).tolist()
    [2.0, -2.0]
    """
    ca, cb = _group(a, "a", pattern), _group(b, "b", pattern)
    lex, tk = _tokenizer(ca, cb, lexicon, tokenizer)
    run = {"processes": processes, "client": client, "chunksize": chunksize, "progress": progress}
    ga = group_counts(ca, tk, **run)
    gb = group_counts(cb, tk, **run)
    return _frame(ga, gb, lexicon=lex, min_count=min_count, top=top, per=per)
