"""The per-document half of the dated-record pass, and the ordering of its tables (shared by eager and lazy runs).

>>> from policytext.analysis.compare.series import TermCounter
>>> term_hits("新质生产力，新质生产力。", counter=TermCounter({"新质生产力": ("新质生产力",)}))
(12, [(0, 2, 0)])
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..analysis.compare.series import TermCounter

__all__ = ["term_hits", "term_hits_examples", "most_frequent"]


def term_hits(text: str, *, counter: TermCounter) -> tuple[int, list[tuple[int, int, int]]]:
    """``(len(text), hits)`` of one document's normalised text (run in workers)."""
    return len(text), counter.count(text)


term_hits.policytext_input = "text"  # type: ignore[attr-defined]  # workers pass doc.text, not a Document


def term_hits_examples(text: str, *, counter: TermCounter) -> tuple[int, list[tuple[int, int, int]], dict[int, str]]:
    """:func:`term_hits` and the sentence of each term's first use (run in workers)."""
    from ..analysis.compare.series import sentence_at

    hits = counter.count(text)
    return len(text), hits, {i: sentence_at(text, off) for i, _, off in hits}


term_hits_examples.policytext_input = "text"  # type: ignore[attr-defined]


def most_frequent(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of the terms that occur, terms ordered by total count (descending), then term."""
    totals = frame.groupby("term", observed=False)["count"].sum()
    order = sorted((t for t, n in totals.items() if n > 0), key=lambda t: (-totals[t], t))
    out = frame[frame["term"].isin(order)].copy()
    out["term"] = out["term"].cat.set_categories(order)
    return out.sort_values(["period", "term"], kind="mergesort").reset_index(drop=True)
