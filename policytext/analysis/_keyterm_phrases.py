"""A section read without its own heading: the context's phrase table minus that heading's evidence.

:func:`policytext.analysis.keyterms.keywords` ranks a Section with
``context=doc`` using the phrases of the whole document (body and headings,
:func:`policytext.analysis.phrases.find_phrases`). The section's own heading
is never read as text (it names the section), and :func:`without_own_heading`
makes sure the phrases do not lean on it either: the table is corrected as if
that heading were not in the document, criterion by criterion of
:mod:`policytext.analysis.phrases` — (c) the count, (d) maximality, (e) the
head-final rule and the phrase ends — without finding the phrases again for
every section (one pass over the document's grams, cached, the first time a
heading holds a phrase). Closedness (f) is not re-checked: a sub-gram dropped
because a longer gram of the heading was as frequent stays dropped (none on
the 340 sections of the ``tune`` half of ``../shared/headed``, where this
equals finding the phrases again without the heading).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from .phrases import Slot, phrase_grams

__all__ = ["end_counts", "phrase_sides", "still_maximal", "without_own_heading"]

#: Per phrase: left neighbours, right neighbours (counted), and how many occurrences end their run.
Sides = tuple[Counter[str | None], Counter[str | None], int]


def end_counts(units: Sequence[Sequence[Slot | None]]) -> Counter[str]:
    """How often each word stands before a boundary (the phrase ends of :mod:`~policytext.analysis.phrases`).

    >>> w = lambda x: (x, None, True, True, None, None)
    >>> sorted(end_counts([[w("甲"), w("乙")], [w("乙"), None, w("甲")]]).items())
    [('乙', 2), ('甲', 1)]
    """
    return Counter(s[0] for slots in units for s, nxt in zip(slots, [*slots[1:], None])
                   if s is not None and nxt is None)


def phrase_sides(units: Sequence[Sequence[Slot | None]], table: Mapping[tuple[str, ...], int]
                 ) -> dict[tuple[str, ...], Sides]:
    """Per phrase of ``table`` found in ``units``: its neighbours on each side (counted), and how often it ends
    its run.

    >>> w = lambda x, left=None: (x, None, True, True, left, None)
    >>> phrase_sides([[w("甲", "丙"), w("乙")], [w("甲"), w("乙"), w("丁")]], {("甲", "乙"): 2})
    {('甲', '乙'): (Counter({'丙': 1, None: 1}), Counter({None: 2}), 1)}
    """
    out: dict[tuple[str, ...], list[Any]] = {}
    for g, run, i, n in phrase_grams(units):
        if g in table:
            rec = out.setdefault(g, [Counter(), Counter(), 0])
            rec[0][run[i][4]] += 1
            rec[1][run[i + n - 1][5]] += 1
            rec[2] += int(i + n == len(run))
    return {g: (r[0], r[1], r[2]) for g, r in out.items()}


def still_maximal(everywhere: Sides, own: Sides) -> bool:
    """Criteria (d) and (e) of :mod:`~policytext.analysis.phrases` without the occurrences counted in ``own``.

    >>> from collections import Counter as C
    >>> everywhere = (C({"丙": 1, "丁": 1}), C({None: 2}), 2)
    >>> still_maximal(everywhere, (C(), C(), 0)), still_maximal(everywhere, (C({"丁": 1}), C({None: 1}), 1))
    (True, False)
    """
    if everywhere[2] - own[2] <= 0:
        return False
    for side, minus in zip(everywhere[:2], own[:2]):
        rest = {w for w, c in side.items() if c > minus[w]}
        if None not in rest and len(rest) <= 1:
            return False
    return True


def without_own_heading(table: dict[tuple[str, ...], int], obj: Any, cache: dict[Any, Any],
                        min_count: int) -> dict[tuple[str, ...], int]:
    """The context's phrase table as if the Section ``obj``'s own heading were not in the document.

    ``cache`` is the context's keyword cache, where the phrase table was
    built: ``"heading_slots"`` (slots by heading start) and ``"units"`` (the
    document's slot lists); ``"ends"`` (:func:`end_counts` of them) and
    ``"sides"`` are added there the first time a heading needs them. A phrase
    is dropped when, without its uses in the heading, it falls below
    ``min_count``, is no longer maximal or head-final, or its last word no
    longer ends a phrase anywhere. Any other ``obj`` (a Document, sentences)
    keeps the table as it is (the same object).
    """
    from ..text.document import Section

    own = cache.get("heading_slots", {}).get(obj.heading_span[0]) if isinstance(obj, Section) else None
    if not own:
        return table
    used = Counter(g for g, _, _, _ in phrase_grams([own]) if g in table)
    drop = {g for g, c in used.items() if table[g] - c < min_count}
    if used:
        sides = cache.get("sides")
        if sides is None:
            sides = cache["sides"] = phrase_sides(cache["units"], table)
        own_sides = phrase_sides([own], table)
        drop.update(g for g in used if g not in drop and not still_maximal(sides[g], own_sides[g]))
    ends = cache.get("ends")
    if ends is None:
        ends = cache["ends"] = end_counts(cache["units"])
    lost = {w for w, c in end_counts([own]).items() if ends[w] <= c}  # ends a phrase only here
    if lost:
        drop.update(g for g in table if g[-1] in lost)
    return {g: c for g, c in table.items() if g not in drop} if drop else table
