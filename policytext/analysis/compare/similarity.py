"""How alike two documents are: TF-IDF cosine, Jaccard index, and the section map."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING, Any

from ...text.document import Document
from ...tokens.tokenizer import Tokenizer
from ._common import empty_frame
from .profile import _Profile, _profile

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["Similarity"]

_SECTION_COLUMNS = ["section_b", "heading_b", "section_a", "heading_a", "cosine", "runner_up", "runner_up_cosine"]
_SECTION_DTYPES = ["object", "object", "object", "object", "float64", "object", "float64"]


@dataclass(frozen=True)
class Similarity:
    """Similarity of two documents.

    Attributes
    ----------
    cosine : float
        Cosine of the TF-IDF vectors over content terms. IDF is computed over
        the two documents, ``idf = ln(3 / (1 + df)) + 1`` (scikit-learn's
        smoothed IDF with n = 2), so shared terms weigh 1 and terms of only one
        document ``1 + ln 1.5``. Identical term counts give exactly 1.0. Two
        documents without content terms (e.g. both empty) have no similarity:
        NaN, not 1.0; one without content terms has 0.0 with any other.
    jaccard : float
        ``|A ∩ B| / |A ∪ B|`` over the sets of content terms (NaN when both are empty).
    shared, only_a, only_b : int
        Sizes of the intersection and of the two differences.
    """

    cosine: float
    jaccard: float
    shared: int
    only_a: int
    only_b: int


def _tfidf_cosine(vectors: Sequence[Counter], terms: Sequence[str] | None = None) -> Any:
    """Pairwise cosine matrix of TF-IDF vectors (IDF over ``vectors``).

    ``terms``: the sorted union of the vectors' keys, when the caller has it.
    Columns follow the sorted terms (the summation order of the dot products).
    """
    import numpy as np

    n = len(vectors)
    keys = list(chain.from_iterable(vectors))
    if terms is None:
        terms = sorted(set(keys))
    if not terms:
        return np.zeros((n, n))
    vocab = dict(zip(terms, range(len(terms))))
    cols = np.fromiter(map(vocab.__getitem__, keys), dtype=np.int64, count=len(keys))
    rows = np.repeat(np.arange(n), [len(v) for v in vectors])
    df = np.bincount(cols, minlength=len(terms))  # documents containing each term (keys are unique per vector)
    # idf by document frequency (1 … n), with math.log
    idf_of = np.array([0.0] + [math.log((1 + n) / (1 + k)) + 1.0 for k in range(1, n + 1)])
    m = np.zeros((n, len(terms)))
    m[rows, cols] = np.fromiter(chain.from_iterable(v.values() for v in vectors), dtype=float, count=len(keys))
    m *= idf_of[df]
    norms = np.linalg.norm(m, axis=1)
    norms[norms == 0] = 1.0
    m /= norms[:, None]
    return np.clip(m @ m.T, 0.0, 1.0)


def _similarity(pa: _Profile, pb: _Profile, terms: Sequence[str] | None = None) -> Similarity:
    """``terms``: the sorted union of both documents' content terms, when known."""
    sa, sb = set(pa.counts), set(pb.counts)
    shared = len(sa & sb)
    union = len(sa | sb)
    if not union:  # nothing to compare: undefined, never "identical"
        return Similarity(cosine=math.nan, jaccard=math.nan, shared=0, only_a=0, only_b=0)
    jac = shared / union
    if pa.counts == pb.counts:
        cos = 1.0
    else:
        cos = float(_tfidf_cosine([pa.counts, pb.counts], terms)[0, 1])
    return Similarity(cosine=cos, jaccard=jac, shared=shared, only_a=len(sa - sb), only_b=len(sb - sa))


def _section_vectors(doc: Document, tokenizer: Tokenizer) -> list[tuple[str, str, Counter]]:
    by_id = _profile(doc, tokenizer).sections
    return [(sec.id, sec.heading, by_id.get(sec.id, Counter())) for sec in doc.sections]


def _sections_frame(a: Document, b: Document, tokenizer: Tokenizer) -> pd.DataFrame:
    """For each top-level section of ``b``, the most similar section of ``a`` and the runner-up."""
    import pandas as pd

    va = _section_vectors(a, tokenizer)
    vb = _section_vectors(b, tokenizer)
    if not va or not vb:
        return empty_frame(_SECTION_COLUMNS, _SECTION_DTYPES)
    sim = _tfidf_cosine([v for _, _, v in va] + [v for _, _, v in vb])
    rows = []
    for j, (sid_b, head_b, _) in enumerate(vb):
        scores = sim[len(va) + j, : len(va)]
        order = sorted(range(len(va)), key=lambda i: (-scores[i], i))
        best = order[0]
        second = order[1] if len(order) > 1 else None
        rows.append({
            "section_b": sid_b, "heading_b": head_b,
            "section_a": va[best][0], "heading_a": va[best][1], "cosine": float(scores[best]),
            "runner_up": va[second][0] if second is not None else None,
            "runner_up_cosine": float(scores[second]) if second is not None else float("nan"),
        })
    return pd.DataFrame(rows, columns=_SECTION_COLUMNS)
