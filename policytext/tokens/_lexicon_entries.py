"""The rows of a lexicon: :class:`Entry`, its dated :class:`Wording` s, and :func:`year_of`.

Re-exported by :mod:`policytext.tokens.lexicon` (the module users import); see it for the table format.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field

__all__ = ["Entry", "Wording", "year_of"]


@dataclass(frozen=True)
class Wording:
    """One wording of an expansion and the years it was in use (``None``: open end).

    >>> w = Wording(("全面建成小康社会", "全面深化改革"), None, 2020)
    >>> w.in_use(2018), w.in_use(2021), w.years
    (True, False, '-2020')
    """

    items: tuple[str, ...]
    start: int | None = None
    end: int | None = None
    record: int | None = None
    corpora: int | None = None

    def in_use(self, year: int) -> bool:
        """True when ``year`` falls in this wording's years."""
        return (self.start is None or year >= self.start) and (self.end is None or year <= self.end)

    @property
    def years(self) -> str:
        """The years as written in a table (``2012-2020``, ``2021-``, ``-2020``, ``2018`` or ``""``)."""
        if self.start is None and self.end is None:
            return ""
        if self.start is not None and self.start == self.end:
            return str(self.start)
        return f"{self.start or ''}-{self.end or ''}"


@dataclass(frozen=True)
class Entry:
    """One lexicon row.

    ``expansion`` is the most frequent wording; ``wordings`` all of them, with
    the years each was in use (empty when the wording never changed or none is
    known); ``first_seen_record`` / ``record_days`` are figures from the dated
    record (see the module docstring).
    """

    term: str
    category: str
    aliases: tuple[str, ...] = ()
    expansion: tuple[str, ...] = ()
    first_seen: str | None = None
    pos: str | None = None
    note: str | None = None
    source: str | None = field(default=None, compare=False)
    first_seen_record: str | None = None
    record_days: int | None = None
    wordings: tuple[Wording, ...] = ()

    @property
    def forms(self) -> tuple[str, ...]:
        """The term and its aliases."""
        return (self.term, *self.aliases)

    def expansion_for(self, when: object = None) -> tuple[str, ...]:
        """The expansion as worded in the year of ``when`` (a year, an ISO date string, a date).

        The first (most frequent) wording in use that year; before or after
        every wording's years, the nearest one (a tie goes to the one listed
        first); ``when=None`` or an entry without wordings gives
        :attr:`expansion`. A value that is not a date raises
        :class:`~policytext.errors.InvalidParameterError`.

        >>> from policytext import Lexicon
        >>> e = Lexicon.default().lookup("四个全面")
        >>> e.expansion_for(2015)[0], e.expansion_for("2023-10-01")[0]
        ('全面建成小康社会', '全面建设社会主义现代化国家')
        """
        year = year_of(when, "Entry.expansion_for")
        if year is None or not self.wordings:
            return self.expansion
        for w in self.wordings:
            if w.in_use(year):
                return w.items

        def distance(w: Wording) -> int:
            return (w.start - year) if w.start is not None and year < w.start else (year - (w.end or year))

        return min(self.wordings, key=distance).items


_RE_YEAR = re.compile(r"(\d{4})(?:\D|$)")


def year_of(when: object, func: str = "year_of", *, strict: bool = True) -> int | None:
    """The year of ``when``: an int year, a string starting with one (``2018-03-05``, ``2018年``), a date.

    Anything else raises :class:`~policytext.errors.InvalidParameterError`, or
    gives None with ``strict=False`` (for dates read from metadata).

    >>> year_of("2018-03-05"), year_of(2021), year_of(None), year_of("不详", strict=False)
    (2018, 2021, None, None)
    """
    if when is None or when == "":
        return None
    if isinstance(when, int) and not isinstance(when, bool):
        return when
    if isinstance(when, _dt.date) or isinstance(getattr(when, "year", None), int):
        return int(when.year)  # type: ignore[attr-defined]
    if isinstance(when, str):
        m = _RE_YEAR.match(when.strip())
        if m:
            return int(m.group(1))
    if not strict:
        return None
    from ..errors import InvalidParameterError

    raise InvalidParameterError.build("date", func, "a year, an ISO date string (2018-03-05) or a date", when)
