"""Keyness: Dunning's log-likelihood G² (signed), its p-value and Hardie's log ratio.

The ``keyness`` table of a comparison lists every content term
(:mod:`~policytext.analysis.compare.profile`) with its counts in both
documents, rates per ``per`` characters of ``doc.text``, and the statistics,
with the numbers of content tokens as corpus sizes.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from itertools import repeat
from typing import TYPE_CHECKING, Any

from ._common import empty_frame
from .profile import _Profile

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["g2_keyness"]

_KEYNESS_COLUMNS = ["term", "category", "count_a", "count_b", "rate_a", "rate_b", "g2", "p", "log_ratio"]
_KEYNESS_DTYPES = ["object", "object", "int64", "int64", "float64", "float64", "float64", "float64", "float64"]


def _xlogx_ratio(o: Any, e: Any) -> Any:
    """``o * ln(o / e)`` elementwise, with 0 ln 0 = 0."""
    import numpy as np

    o = np.asarray(o, dtype=float)
    e = np.asarray(e, dtype=float)
    out = np.zeros_like(o)
    mask = o > 0
    out[mask] = o[mask] * np.log(o[mask] / e[mask])
    return out


def g2_keyness(count_a: Any, count_b: Any, n_a: int, n_b: int) -> tuple[Any, Any, Any]:
    """Signed log-likelihood G², its p-value and Hardie's log ratio.

    G² is Dunning's log-likelihood over the full 2×2 table (term vs. other
    tokens, document a vs. b), without continuity correction::

        G² = 2 Σ O ln(O / E),   E = row total × column total / N

    It is signed ``+`` when the term's relative frequency is higher in ``b``.
    The p-value is the upper tail of χ² with one degree of freedom,
    ``erfc(sqrt(G² / 2))``. The log ratio (Hardie 2014) is
    ``log2((count_b / n_b) / (count_a / n_a))`` where a zero count is replaced
    by 0.5 (Hardie's correction; a document without tokens counts as size 1).

    Parameters
    ----------
    count_a, count_b : array-like of int
        Counts of each term in a and b.
    n_a, n_b : int
        Total numbers of (content) tokens in a and b.

    Returns
    -------
    (g2, p, log_ratio) : three numpy arrays

    References
    ----------
    Dunning, T. (1993). Accurate methods for the statistics of surprise and
    coincidence. *Computational Linguistics* 19(1), 61–74.
    Hardie, A. (2014). Log Ratio – an informal introduction. ESRC Centre for
    Corpus Approaches to Social Science (CASS).

    Examples
    --------
    >>> g2, p, lr = g2_keyness([10], [30], 1000, 1000)
    >>> round(float(g2[0]), 4), round(float(lr[0]), 4)
    (10.669, 1.585)
    """
    import numpy as np

    a = np.asarray(count_a, dtype=float)
    b = np.asarray(count_b, dtype=float)
    n = float(n_a + n_b)
    if n <= 0:
        z = np.zeros_like(a)
        return z, np.ones_like(a), z.copy()
    row_term = a + b
    row_other = (n_a - a) + (n_b - b)
    e_a = n_a * row_term / n
    e_b = n_b * row_term / n
    e_c = n_a * row_other / n
    e_d = n_b * row_other / n
    g2 = 2.0 * (_xlogx_ratio(a, e_a) + _xlogx_ratio(b, e_b)
                + _xlogx_ratio(n_a - a, e_c) + _xlogx_ratio(n_b - b, e_d))
    # exact zero when the relative frequencies are equal (a·n_b == b·n_a)
    equal = a * n_b == b * n_a
    g2 = np.where(equal, 0.0, np.maximum(g2, 0.0))
    sign = np.where(b * n_a > a * n_b, 1.0, -1.0)
    g2 = np.where(equal, 0.0, sign * g2)
    # math.erfc per value (np.sqrt is correctly rounded like math.sqrt)
    p = np.array(list(map(math.erfc, np.sqrt(np.abs(g2) / 2.0).tolist())), dtype=float)
    ca = np.where(a > 0, a, 0.5)
    cb = np.where(b > 0, b, 0.5)
    lr = np.log2((cb / max(n_b, 1)) / (ca / max(n_a, 1)))
    lr = np.where(equal & (a > 0), 0.0, lr)
    return g2, p, lr


def _keyness_frame(pa: _Profile, pb: _Profile, *, per: float, terms: list[str] | None = None,
                   mentions: tuple[Mapping[str, int], Mapping[str, int]] | None = None) -> pd.DataFrame:
    """The ``keyness`` table; ``terms``: the sorted union of both documents' content terms, when known.

    ``mentions``: the lexicon terms' counts in each text
    (:func:`~policytext.analysis.compare.mentions._lexicon_counts`); a lexicon
    term counts every mention, also inside a longer term (十五五 in “十五五”规划),
    as in ``new_terms`` and :func:`~policytext.analysis.compare.term_trajectories`,
    so one report never gives two counts.
    """
    import numpy as np
    import pandas as pd

    if terms is None:
        terms = sorted(set(pa.counts) | set(pb.counts))
    if not terms:
        return empty_frame(_KEYNESS_COLUMNS, _KEYNESS_DTYPES)
    n = len(terms)
    ca = np.fromiter(map(pa.counts.get, terms, repeat(0)), dtype=np.int64, count=n)
    cb = np.fromiter(map(pb.counts.get, terms, repeat(0)), dtype=np.int64, count=n)
    if mentions is not None:
        ma, mb = mentions
        for i, t in enumerate(terms):
            if t in ma or t in mb:
                ca[i] = max(ca[i], ma.get(t, 0))
                cb[i] = max(cb[i], mb.get(t, 0))
    # a mention in the title is outside the profile's tokens: the totals hold at least the counts
    g2, p, lr = g2_keyness(ca, cb, max(pa.n_tokens, int(ca.sum())), max(pb.n_tokens, int(cb.sum())))
    # rows by signed G2 descending, then total count descending, then term (``terms`` is sorted
    # and lexsort is stable): the order of a stable pandas sort on the three columns
    order = np.lexsort((-(ca + cb), -g2))
    categories = {**pa.categories, **pb.categories}  # b's category first (values are non-empty)
    ca, cb = ca[order], cb[order]
    return pd.DataFrame({
        "term": [terms[i] for i in order.tolist()],
        "category": [categories.get(terms[i]) for i in order.tolist()],
        "count_a": ca,
        "count_b": cb,
        # int * int / int in float64 equals Python's correctly rounded int division for counts < 2**53
        "rate_a": ca * per / pa.chars if pa.chars else np.zeros(n),
        "rate_b": cb * per / pb.chars if pb.chars else np.zeros(n),
        "g2": g2[order],
        "p": p[order],
        "log_ratio": lr[order],
    })
