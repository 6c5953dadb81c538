"""Emerging terms: units first used inside a window of a dated corpus, ranked by how far they spread.

:func:`emerging_terms` answers "which new formulations appeared between
``since`` and ``until``, and which of them caught on?" over a dated corpus
(such as the daily 新闻联播 record). The method, in four steps:

1. **Units of the window.** The documents dated inside the window are
   tokenized and their *units* collected, pooled over the window: lexicon
   terms, numbered formulations (:func:`policytext.find_numbered`, also
   without a lexicon) and lexicon-free phrases — nominal, head-final token
   n-grams whose occurrences show *accessor variety* on both sides (the rule
   of :func:`policytext.analysis.compare.novel_phrases`, applied to all
   occurrences of the window together). With ``lexicon=Lexicon.empty()``
   only the last two sources remain: nothing is known in advance.
2. **First appearance inside the window.** A unit is kept only when no
   document dated before ``since`` contains it: one Aho-Corasick pass over the
   earlier texts, newest first, in which every unit found leaves the automaton
   (so the common ones cost one small chunk).
3. **Spread.** One more pass from ``since`` to the end of the corpus counts,
   for each remaining unit, the documents (days) that use it. A unit that
   has the same Han character beside it, on one side, in nine occurrences out
   of ten (three at least) is a piece of a longer unit (戎毒株 of 奥密克戎毒株,
   深化供给 of 深化供给侧结构性改革) and is dropped: the accessor variety of
   Feng et al. (2004) at the character level, over all later use (lexicon
   terms and numbered formulations are units by definition and stay);
   a numbered formulation is never counted inside a longer one (三保 of
   两不愁三保障; the longer ones are those of the lexicon and of the shipped
   lexicon, :func:`~policytext.analysis.compare.novel.numbered_guards`).
4. **Ranking and nests.** Units are ranked by ``days`` (documents that use
   them, from the first appearance on), then occurrences. A unit that
   contains a better-ranked unit, or is contained in it, is folded into that
   row's ``nest`` (新质生产力 → 新质生产力发展, …), so a term and its variants
   are one row.

The texts are read once per corpus and kept (a :class:`Background`): later
windows over the same corpus only tokenize the window.

Examples
--------
>>> import policytext as pt
>>> days = [("2023-01-0%d" % d, "要推动高质量发展，扩大内需。") for d in range(1, 4)]
>>> days += [("2023-02-0%d" % d, f"{v}新质生产力，推动高质量发展。") for d, v in
...          zip(range(1, 6), ["要因地制宜发展", "加快形成", "培育", "壮大", "发展"])]
>>> corpus = pt.Corpus([pt.parse(t, metadata={"date": d}) for d, t in days])
>>> got = emerging_terms(corpus, since="2023-02-01", until="2023-02-02", lexicon=pt.Lexicon.empty())
>>> got[["term", "first_date", "days", "window_days", "later_days"]].values.tolist()
[['新质生产力', '2023-02-01', 5, 2, 3]]
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, Any

from .._validation import InstanceOf, Interval, Options, validate_params
from ..analysis.compare._common import resolve, word_counter
from ..analysis.compare._words import MATCHES
from ..analysis.compare.novel import Background, _Unit, _units, numbered_guards
from ..errors import InvalidParameterError, PolicyTextError
from ..text.structure import parse
from ..tokens.lexicon import Lexicon
from ..tokens.tokenizer import Tokenizer

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["Background", "background", "emerging_terms"]

_COLUMNS = ["term", "kind", "category", "first_date", "first_document", "days", "window_days", "later_days",
            "count", "nest", "example"]
_CACHE: weakref.WeakKeyDictionary[Any, Background] = weakref.WeakKeyDictionary()


def _record_text(corpus: Any, rec: Any) -> str | bytes:
    """The text of one corpus record: a UTF-8 file's bytes as they are (not parsed), else the document's text."""
    if rec.doc is not None:
        return str(rec.doc.text)
    if rec.path is not None and corpus.encoding in (None, "utf-8", "utf8", "utf-8-sig"):
        try:
            with open(rec.path, "rb") as fh:
                data = fh.read()
            data.decode("utf-8")  # valid UTF-8 (a check at C speed), else the corpus loader decides
            return data[3:] if data.startswith(b"\xef\xbb\xbf") else data
        except (OSError, UnicodeDecodeError):
            pass
    try:
        return str(corpus[rec.name].text)
    except PolicyTextError:  # an unreadable document is no part of the background
        return ""


def background(corpus: Any) -> Background:
    """The dated texts of ``corpus`` as a :class:`Background` (read once, cached per corpus object).

    For a :class:`policytext.Corpus`, UTF-8 files are read without being parsed
    (37 million characters in about a second); other documents are loaded. Any
    other iterable of dated documents is read with :meth:`Background.from_documents`.
    Undated documents are left out.
    """
    if isinstance(corpus, Background):
        return corpus
    try:
        cached = _CACHE.get(corpus)
    except TypeError:  # not weak-referenceable
        cached = None
    if cached is not None:
        return cached
    records = getattr(corpus, "_records", None)
    if records is None:
        bg = Background.from_documents(corpus)
    else:
        dated = [r for r in records if r.date]
        bg = Background([_record_text(corpus, r) for r in dated], [r.date for r in dated], [r.name for r in dated])
    try:
        _CACHE[corpus] = bg
    except TypeError:
        pass
    return bg


def _fold(ranked: list[int], terms: list[str]) -> dict[int, list[int]]:
    """Row → the units folded into it: a unit containing, or contained in, a better-ranked row."""
    rows: dict[int, list[int]] = {}
    for k in ranked:
        t = terms[k]
        head = next((r for r in rows if terms[r] in t or t in terms[r]), None)
        if head is None:
            rows[k] = []
        else:
            rows[head].append(k)
    return rows


def _example(text: str, span: tuple[int, int]) -> str:
    """The line of ``text`` around ``span`` (at most 120 characters around the unit)."""
    s, e = span
    a = text.rfind("\n", 0, s) + 1
    b = text.find("\n", e)
    b = len(text) if b < 0 else b
    return text[max(a, s - 60):min(b, e + 60)].strip()


def _frame(rows: dict[int, list[int]], terms: list[str], units: dict[str, _Unit], bg: Background,
           stats: dict[str, list[int]], window_texts: list[str], top: int) -> pd.DataFrame:
    """The result table: the first ``top`` rows; ``window_texts``: the (parsed) texts of the window's documents."""
    import pandas as pd

    out = []
    for k, nest in list(rows.items())[:top]:
        u = units[terms[k]]
        first = stats["first"][k]
        out.append({
            "term": terms[k], "kind": u.kind, "category": u.category, "first_date": bg.dates[first],
            "first_document": bg.names[first], "days": stats["days"][k], "window_days": stats["window"][k],
            "later_days": stats["days"][k] - stats["window"][k], "count": stats["count"][k],
            "nest": tuple(terms[j] for j in nest), "example": _example(window_texts[u.first_doc], u.example),
        })
    return pd.DataFrame(out, columns=_COLUMNS)


@validate_params({
    "since": ["str"],
    "until": ["str", None],
    "top": [Interval(int, 1, None)],
    "lexicon": [InstanceOf(Lexicon), None],
    "tokenizer": [InstanceOf(Tokenizer), None],
    "min_days": [Interval(int, 1, None)],
    "max_n": [Interval(int, 2, 8)],
    "min_chars": [Interval(int, 2, None)],
    "match": [Options(str, set(MATCHES))],
})
def emerging_terms(corpus: Any, *, since: str, until: str | None = None, top: int = 50,
                   lexicon: Lexicon | None = None, tokenizer: Tokenizer | None = None, min_days: int = 3,
                   max_n: int = 4, min_chars: int = 3, match: str = "word") -> pd.DataFrame:
    """Units first used between ``since`` and ``until`` and how far they spread afterwards.

    Parameters
    ----------
    corpus : Corpus, Background or iterable of dated Documents
        Documents with ``metadata["date"]`` (ISO); undated ones are ignored.
    since, until : str
        The window, ISO dates, both included (``until="2023-12"`` includes the
        whole month); ``until`` defaults to ``since``.
    top : int
        Rows returned.
    lexicon : Lexicon, optional
        Terms known in advance (default: the corpus tokenizer's, else the shipped
        lexicon). ``Lexicon.empty()``: numbered formulations and lexicon-free
        phrases only.
    tokenizer : Tokenizer, optional
        Default: a tokenizer with ``lexicon``.
    min_days : int
        Keep units used in at least this many documents in all.
    max_n : int
        Longest phrase, in tokens (2 … 8).
    min_chars : int
        Shortest phrase, in characters (lexicon terms and numbered formulations are kept at any length).
    match : {"word", "substring"}
        ``"word"`` (default): the earlier and later documents count a unit
        where it is used as a word only (三个代表 in 三个代表团 is not a use;
        :mod:`policytext.analysis.compare._words`), as
        :meth:`Corpus.first_seen <policytext.corpus.corpus.Corpus.first_seen>`
        does; ``"substring"``: every occurrence.

    Returns
    -------
    pandas.DataFrame
        ``term, kind, category, first_date, first_document, days, window_days,
        later_days, count, nest, example``: ``kind`` is ``lexicon``,
        ``numbered`` or ``phrase``; ``days`` the documents using the term from
        its first appearance on (``window_days`` inside the window,
        ``later_days`` after it); ``count`` its occurrences; ``nest`` the units
        folded into the row; ``example`` the line of its first use. Ranked by
        ``days``, then ``count`` (descending), then term.

    Raises
    ------
    InvalidParameterError
        ``until`` before ``since``, or a parameter out of range.

    Examples
    --------
    >>> import policytext as pt
    >>> days = [("2023-08-01", "要推动高质量发展。"), ("2023-09-08", "加快形成新质生产力。"),
    ...         ("2023-10-01", "发展新质生产力，推动高质量发展。"), ("2023-11-01", "新质生产力是先进生产力。"),
    ...         ("2024-01-05", "因地制宜发展新质生产力。")]
    >>> record = pt.Corpus([t for _, t in days], metadata=[{"date": d} for d, _ in days])
    >>> new = emerging_terms(record, since="2023-09-01", until="2023-12-31", lexicon=pt.Lexicon.empty())
    >>> new[["term", "first_date", "days"]].values.tolist()[:1]
    [['新质生产力', '2023-09-08', 4]]
    """
    until = since if until is None else until
    if str(until) < str(since)[:len(str(until))]:
        raise InvalidParameterError.build("until", "emerging_terms", f"a date not before since={since!r}", until)
    if lexicon is None and tokenizer is None:
        tok = getattr(corpus, "tokenizer", None)
        lexicon = tok.lexicon if isinstance(tok, Tokenizer) else None
    lex, tk = resolve(lexicon, tokenizer)
    bg = background(corpus)
    lo, hi = bg.start_of(since), bg.end_of(until)
    docs = [parse(bg.text(i)) for i in range(lo, hi)]
    units = _units(docs, tk, lex, max_n=max_n, min_chars=min_chars, maximal=False)
    terms = sorted(units)
    whole = [t for t in terms if units[t].category == "numbered"]
    guards = numbered_guards(whole, lex)
    words = word_counter(terms + guards, lex, match)
    seen_before = bg.found(terms + guards, 0, lo, whole=whole + guards, words=words)
    terms = [t for k, t in enumerate(terms) if k not in seen_before]
    whole = [t for t in whole if t in set(terms)]
    guards = numbered_guards(whole, lex)
    words = word_counter(terms + guards, lex, match)
    use = bg.usage(terms + guards, lo, None, whole=whole + guards, words=words)
    win = bg.usage(terms + guards, lo, hi, whole=whole + guards, neighbours=False, words=words)
    stats = {"days": use.days, "window": win.days, "count": use.count, "first": use.first}
    keep = [k for k in range(len(terms)) if use.days[k] >= min_days and lo <= use.first[k] < hi
            and (units[terms[k]].kind != "phrase" or not (use.left[k] or use.right[k]))]
    ranked = sorted(keep, key=lambda k: (-use.days[k], -use.count[k], -len(terms[k]), terms[k]))
    return _frame(_fold(ranked, terms), terms, units, bg, stats, [d.text for d in docs], top)
