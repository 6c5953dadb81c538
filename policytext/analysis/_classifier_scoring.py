"""Prediction-time pieces of the section classifier: context, softmax, driving terms.

:func:`paragraph_context` pools the scores of a sentence's paragraph
neighbours and :func:`section_context` those of the other sentences of its
top-level section (their text, never a label); :func:`log_softmax` turns
scores into log-probabilities; :func:`driving_terms` lists, per sentence, the
whole words and terms that drove its decision.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

    from ..text.document import Section, Sentence
    from ..tokens.tokenizer import Token
    from ._classifier_features import Lookup

__all__ = ["paragraph_context", "section_context", "log_softmax", "driving_terms", "context_terms"]


def log_softmax(a: np.ndarray) -> np.ndarray:
    """Row-wise log-softmax of a 2-d array (stable: the row maximum is subtracted first).

    >>> import numpy as np
    >>> np.exp(log_softmax(np.array([[0.0, 0.0], [1000.0, 0.0]]))).round(6).tolist()
    [[0.5, 0.5], [1.0, 0.0]]
    """
    import numpy as np

    m = a.max(axis=1, keepdims=True)
    z = a - m
    return z - np.log(np.exp(z).sum(axis=1, keepdims=True))


# -- paragraph context -----------------------------------------------------------------------


class _Groups:
    """The paragraph groups of a list of str / Sentence items (see :func:`paragraph_context`).

    ``ext``: the items followed by the paragraph neighbours not among them;
    ``members``: positions in ``ext`` of each group's sentences; ``gid``: the
    group of each item (-1: no context); ``own``: each item's position in
    ``ext`` (its first occurrence).
    """

    def __init__(self, items: list[str | Sentence]) -> None:
        import numpy as np

        from ..text.document import Sentence

        self.ext: list[str | Sentence] = list(items)
        self.pos: dict[int, int] = {}
        for i, x in enumerate(items):
            if isinstance(x, Sentence):
                self.pos.setdefault(id(x), i)
        self.by_section: dict[int, dict[int, list[Sentence]]] = {}  # a section's own sentences by paragraph
        self.group_id: dict[tuple[int, int], int] = {}
        self.members: list[list[int]] = []
        self.gid = np.full(len(items), -1, dtype=np.int64)
        self.own = np.arange(len(items))
        for i, x in enumerate(items):
            sec = x.section if isinstance(x, Sentence) else None
            if sec is not None:
                self.gid[i] = self._group(x, sec)  # type: ignore[arg-type]  # x is a Sentence
                self.own[i] = self.pos[id(x)]

    def _group(self, x: Sentence, sec: Section) -> int:
        """The group of ``x``'s paragraph in ``sec``, added (with neighbours not yet in ``ext``) on first sight."""
        key = (id(sec), x.paragraph)
        g = self.group_id.get(key)
        if g is not None:
            return g
        groups = self.by_section.get(id(sec))
        if groups is None:
            groups = self.by_section[id(sec)] = {}
            for s in sec.sentences:
                if s.section_path == sec.path:
                    groups.setdefault(s.paragraph, []).append(s)
        g = self.group_id[key] = len(self.members)
        m: list[int] = []
        for s in groups.get(x.paragraph, ()):
            j = self.pos.get(id(s))
            if j is None:
                j = self.pos[id(s)] = len(self.ext)
                self.ext.append(s)
            m.append(j)
        self.members.append(m)
        return g


def paragraph_context(items: list[str | Sentence], score_of: Callable[[list[str | Sentence]], np.ndarray],
                      neighbours: list[list[int]] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Scores of ``items`` and the mean score of the *other* sentences of each item's paragraph.

    ``score_of(extended)`` scores a list of str / Sentence; it is called once,
    on ``items`` extended by the paragraph neighbours not among them. A
    Sentence's paragraph is found through ``sentence.section`` (the
    sentences of that section itself, not of its subsections); a ``str``, a
    preamble sentence or a sentence alone in its paragraph has no context
    (zeros).

    ``neighbours``: a list to fill with, per item, the rows of ``scores``
    of the sentences its context is the mean of (for explanations).

    Returns
    -------
    (scores, context)
        ``scores`` has a row for every scored text (``items`` first, then the
        neighbours); ``context`` a row per item.
    """
    import numpy as np
    from scipy import sparse

    grp = _Groups(items)
    score = score_of(grp.ext)
    if neighbours is not None:
        neighbours.extend([j for j in grp.members[g] if j != grp.own[i]] if g >= 0 else []
                          for i, g in enumerate(grp.gid.tolist()))
    n = len(items)
    context = np.zeros((n, score.shape[1]))
    members = grp.members
    if not members:
        return score, context
    sizes = np.array([len(m) for m in members], dtype=np.int64)
    cols = np.fromiter((j for m in members for j in m), dtype=np.int64, count=int(sizes.sum()))
    groups_m = sparse.csr_matrix((np.ones(len(cols)), cols, np.concatenate([[0], np.cumsum(sizes)])),
                                 shape=(len(members), len(grp.ext)))
    sums = np.asarray(groups_m @ score)
    ok = np.flatnonzero(grp.gid >= 0)
    ok = ok[sizes[grp.gid[ok]] > 1]
    g = grp.gid[ok]
    context[ok] = (sums[g] - score[grp.own[ok]]) / (sizes[g] - 1)[:, None]
    return score, context


def _section_key(x: object) -> tuple[int, tuple[int, ...]] | None:
    """The group of an item for :func:`section_context`: (its document, its top-level section); None for a str."""
    from ..text.document import Sentence

    if not isinstance(x, Sentence):
        return None
    # sentences of one parsed document share its text object (also after pickling the document)
    return id(getattr(x, "_src", None)), x.section_path[:1]


def section_context(items: list[str | Sentence], score_of: Callable[[list[str | Sentence]], np.ndarray],
                    pool: Sequence[Sentence] = (), neighbours: list[list[int]] | None = None
                    ) -> tuple[np.ndarray, np.ndarray]:
    """Scores of ``items`` and the mean score of the *other* sentences of each item's top-level section.

    The group of a :class:`~policytext.text.document.Sentence` is its
    document and its top-level section (the preamble is one group: in a
    document without headings, the whole document). The neighbours are the
    other sentences of the group among ``items`` and ``pool`` (e.g. every
    sentence of the document, when only its task sentences are classified);
    ``score_of`` is called once, on ``items`` extended by the pool sentences
    not among them. A ``str`` or a sentence alone in its group has no context
    (zeros). ``neighbours``: as in :func:`paragraph_context`.

    >>> import numpy as np, policytext as pt
    >>> doc = pt.parse("要学习。要工作。\\n一、甲\\n要改革。")
    >>> score, ctx = section_context(doc.sentences, lambda xs: np.arange(len(xs), dtype=float)[:, None])
    >>> ctx.ravel().tolist()
    [1.0, 0.0, 0.0]
    """
    import numpy as np

    n = len(items)
    ext: list[str | Sentence] = list(items)
    seen = {id(x) for x in items}
    keys = [_section_key(x) for x in items]
    wanted = {k for k in keys if k is not None}
    for s in pool:
        if id(s) not in seen and _section_key(s) in wanted:
            seen.add(id(s))
            ext.append(s)
            keys.append(_section_key(s))
    score = score_of(ext)
    context = np.zeros((n, score.shape[1]))
    if not wanted:
        if neighbours is not None:
            neighbours.extend([] for _ in range(n))
        return score, context
    ids = {k: g for g, k in enumerate(wanted)}
    gid = np.array([-1 if k is None else ids[k] for k in keys], dtype=np.int64)
    if neighbours is not None:
        rows: dict[int, list[int]] = {}
        for j, g in enumerate(gid.tolist()):
            rows.setdefault(g, []).append(j)
        neighbours.extend([j for j in rows[g] if j != i] if g >= 0 else [] for i, g in enumerate(gid[:n].tolist()))
    has = gid >= 0
    sums = np.zeros((len(ids), score.shape[1]))
    np.add.at(sums, gid[has], score[has])
    sizes = np.bincount(gid[has], minlength=len(ids))
    own = gid[:n]
    ok = np.flatnonzero((own >= 0) & (sizes[np.maximum(own, 0)] > 1))
    context[ok] = (sums[own[ok]] - score[ok]) / (sizes[own[ok]] - 1)[:, None]
    return score, context


# -- explanations ----------------------------------------------------------------------------


def _ranked_columns(Xm: Any, pred: np.ndarray, weight: np.ndarray, lookup: Lookup
                    ) -> list[tuple[list[int], list[int]]]:
    """Columns of the word features, then of the n-grams, with a positive contribution to each row's class.

    For each kind: the columns of all rows, row by row, largest contribution
    first, and the bounds of every row's slice.
    """
    import numpy as np

    n = Xm.shape[0]
    indptr, indices = Xm.indptr, Xm.indices
    rowrep = np.repeat(np.arange(n), np.diff(indptr))
    # contribution of every stored feature to its row's predicted class, in one go
    contrib = Xm.data * weight[indices, pred[rowrep]]
    positive = contrib > 0
    ranked = []
    for mask in (positive & lookup.is_word[indices], positive & lookup.is_gram[indices]):
        sel = np.flatnonzero(mask)
        sel = sel[np.lexsort((-contrib[sel], rowrep[sel]))]  # by row, then largest contribution
        bounds = np.searchsorted(rowrep[sel], np.arange(n + 1)).tolist()
        ranked.append((indices[sel].tolist(), bounds))
    return ranked


def driving_terms(Xm: Any, pred: np.ndarray, weight: np.ndarray, lookup: Lookup, found: Sequence[list[str]],
                  labels: Sequence[Any], owners: Mapping[str, list[Any]], top: int,
                  tokens: Sequence[Sequence[Token] | None] | None = None) -> list[list[str]]:
    """The whole words and terms that drove each row's decision, at most ``top`` (``top`` >= 1).

    First the indicative terms of the predicted class found in the text, then
    the words (content tokens of two or more characters, lexicon terms by
    their canonical form) with the largest positive contribution
    (``weight[feature, class]`` times the TF-IDF value), skipping a word
    inside a term already listed. Character n-grams are never listed: they
    straddle words (进一|一步, 把党) and a reader cannot check them. When
    fewer than two terms are listed, the sentence's own content words that
    hold the n-grams with the largest contribution follow (the word 编制资源
    for the n-gram 资源), so the evidence stays whole words.

    Parameters
    ----------
    Xm : scipy.sparse.csr_matrix
        TF-IDF rows of the texts.
    pred : numpy.ndarray
        Column of the predicted class of every row.
    weight : numpy.ndarray
        Features x classes, centred over the classes.
    lookup : Lookup
        Feature names and masks.
    found : sequence of list of str
        Indicative terms found in each text.
    labels : sequence
        Predicted class of every row.
    owners : mapping
        Indicative term -> its classes.
    top : int
    tokens : sequence of token sequences (or None), optional
        The tokens of every text, for the words that hold the n-grams.
    """
    names = lookup.names
    (wcols, wb), (gcols, gb) = _ranked_columns(Xm, pred, weight, lookup)
    out: list[list[str]] = []
    for r, label in enumerate(labels):
        picked = [w for w in dict.fromkeys(found[r]) if label in owners[w]] if found[r] else []
        for c in wcols[wb[r]:wb[r + 1]]:
            if len(picked) >= top:
                break
            w = names[c][2:]
            if len(w) >= 2 and not any(w in p for p in picked):
                picked.append(w)
        toks = tokens[r] if tokens is not None else None
        if len(picked) < 2 and toks:
            _words_of_ngrams(picked, [names[c] for c in gcols[gb[r]:gb[r + 1]][:top]], toks, top)
        out.append(picked[:top])
    return out


def _words_of_ngrams(picked: list[str], grams: list[str], tokens: Sequence[Token], top: int) -> None:
    """Append to ``picked`` the content words of ``tokens`` that hold ``grams``, in order (one word per n-gram)."""
    from bisect import bisect_right
    from itertools import accumulate

    from ..tokens.tags import content_mask

    if not grams:
        return
    texts = [t[0] for t in tokens]  # field 0: the token's text
    joined = "\x00".join(texts)  # the separator keeps an n-gram inside one token
    starts = list(accumulate((len(w) + 1 for w in texts[:-1]), initial=0))
    for g in grams:
        if len(picked) >= top:
            return
        pos = joined.find(g)
        while pos >= 0:
            j = bisect_right(starts, pos) - 1
            w = texts[j]
            if content_mask([tokens[j]])[0] and not any(w in p or p in w for p in picked):
                picked.append(w)
                break
            pos = joined.find(g, starts[j] + len(w))


def context_terms(Xm: Any, neighbours: Sequence[Sequence[int]], pred: np.ndarray, weight: np.ndarray,
                  lookup: Lookup, found: Sequence[list[str]], labels: Sequence[Any],
                  owners: Mapping[str, list[Any]], top: int,
                  tokens: Sequence[Sequence[Token] | None] | None = None) -> list[list[str]]:
    """The terms of each row's context (its neighbours taken together) that drove its class, at most ``top``.

    ``Xm``, ``found`` and ``tokens`` have a row for every scored text (the
    items and their neighbours); ``neighbours`` gives, per explained row,
    the rows of its context; ``pred`` / ``labels`` its class. The terms are
    chosen as :func:`driving_terms` chooses a sentence's own, over the
    neighbours' text summed.
    """
    import numpy as np
    from scipy import sparse

    if not len(neighbours):
        return []
    sizes = [len(m) for m in neighbours]
    cols = np.fromiter((j for m in neighbours for j in m), dtype=np.int64, count=sum(sizes))
    indptr = np.concatenate([[0], np.cumsum(sizes)])
    pick = sparse.csr_matrix((np.ones(len(cols)), cols, indptr), shape=(len(neighbours), Xm.shape[0]))
    agg = sparse.csr_matrix(pick @ Xm)
    agg.sort_indices()
    joined = [[w for j in m for w in found[j]] for m in neighbours]
    toks = None if tokens is None else [[t for j in m for t in (tokens[j] or ())] for m in neighbours]
    return driving_terms(agg, pred, weight, lookup, joined, labels, owners, top, toks)
