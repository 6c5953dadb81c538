"""Political-term lexicons (提法库): tables of terms as data, and stopwords.

A lexicon is one or more UTF-8 tab-separated tables with a header row
(``term category`` required; ``aliases expansion first_seen pos note``
optional, lists ``|``-separated): :meth:`Lexicon.load` gives the format
with an example. Errors name the file, the line and the reason.

A term or alias that could never be found is an error too
(:class:`~policytext.errors.LexiconFormatError` naming ``file:line``), not a
row that silently never matches: one that holds a sentence end (``。！？!?``:
text is tokenized sentence by sentence), one that is empty once normalised
(only invisible or control characters), one written otherwise than
:func:`~policytext.text.normalize.normalize` writes text (``２０２２``,
``「两个确立」``, two spaces: the message gives the spelling to use), and a
single function word (:data:`FUNCTION_WORDS`: 的, 和 …), which would be a
"term" in nearly every sentence. Tables only; :meth:`Lexicon.from_entries`
takes what code gives it.

The default table ``lexicons/political_terms.tsv`` ships with the package;
``Lexicon.load(path)`` merges a researcher's table over it (their rows win,
replacing the entries that share a term or alias with them).
Two optional columns hold figures from the dated record (5,078 days of
新闻联播, 2012-07 to 2026-06): ``first_seen_record`` (the first date on which
the term or an alias occurs; dates in July 2012 mean "already in use when the
record begins") and ``record_days`` (days on which it occurs).

Expansions can change wording over the years (四个全面: 全面建成小康社会 until
2020, then 全面建设社会主义现代化国家). An *expansions table* lists one
:class:`Wording` a row, a term's wordings most frequent first::

    term	years	expansion	record	corpora

``years`` is ``2012-2020``, ``2021-``, ``-2020``, ``2018`` or empty (always);
``record``/``corpora`` are optional attestation counts. The shipped one is
``lexicons/expansions.tsv``; ``Lexicon.load`` reads such a table too (it is
recognised by its ``years`` column and has no ``category``). :meth:`Entry.expansion_for`
and :meth:`Lexicon.expansion` give the wording of a year; ``Entry.expansion``
stays the most frequent one.

Examples
--------
>>> from policytext import Lexicon
>>> lex = Lexicon.default()
>>> lex.lookup("四个意识").category
'numbered'
>>> lex.lookup("四个意识").expansion
('政治意识', '大局意识', '核心意识', '看齐意识')
>>> lex.expansion("四个全面", date="2018-03-05")[0], lex.expansion("四个全面", date=2022)[0]
('全面建成小康社会', '全面建设社会主义现代化国家')
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import LexiconFormatError
from ..text.normalize import normalize
from ._lexicon_entries import Entry, Wording, year_of

__all__ = [
    "Entry",
    "Wording",
    "Lexicon",
    "COLUMNS",
    "CATEGORIES",
    "load_stopwords",
    "FUNCTION_WORDS",
    "unmatchable",
    "year_of",
    "parse_years",
    "RECORD_COLUMNS",
    "EXPANSION_COLUMNS",
]

#: Columns of a lexicon table, in order.
COLUMNS = ("term", "category", "aliases", "expansion", "first_seen", "pos", "note")
#: Optional columns of a lexicon table: figures from the dated record.
RECORD_COLUMNS = ("first_seen_record", "record_days")
#: Columns of an expansions table (``term``, ``years`` and ``expansion`` are required).
EXPANSION_COLUMNS = ("term", "years", "expansion", "record", "corpora")
#: Categories of the default lexicon (user tables may add others).
CATEGORIES = {
    "theory": "理论 / 思想",
    "numbered": "数字化表述",
    "concept": "战略与政策概念",
    "institution": "机构与职务",
    "meeting": "会议",
    "document": "文件与法规",
    "bianzhi": "机构编制业务",
    "action": "固定提法与行动表述",
}

#: Function words refused as a whole term or alias: particles, conjunctions, prepositions,
#: pronouns, modal particles and common adverbs of one character.
FUNCTION_WORDS: frozenset[str] = frozenset(
    "的 地 得 之 了 着 过 所 等 和 与 及 或 而 并 且 但 跟 同 以 在 对 于 为 把 被 从 向 由 将 按 给 比 "
    "也 都 就 还 又 再 才 很 最 更 不 这 那 其 此 我 你 他 她 它 们 吗 呢 吧 啊 呀 嘛 个".split())
#: Marks that end a sentence; a term holding one never matches (text is tokenized sentence by sentence).
_SENTENCE_ENDS = "。！？!?"


class Lexicon:
    """A set of political terms with categories, aliases and expansions.

    Use :meth:`default` for the shipped table, :meth:`load` to add your own,
    :meth:`from_entries` to build one in code, :meth:`empty` for none.

    Examples
    --------
    >>> lex = Lexicon.from_entries([("数字编办", "bianzhi"), ("放管服", "action", ["放管服改革"])])
    >>> lex.lookup("放管服改革").term, len(lex), "数字编办" in lex
    ('放管服', 2, True)
    """

    def __init__(self, entries: Iterable[Entry] = ()) -> None:
        self._entries: dict[str, Entry] = {}
        self._forms: dict[str, str] = {}
        for e in entries:
            self._add(e, override=True)

    # -- construction ------------------------------------------------------
    @classmethod
    def empty(cls) -> Lexicon:
        """A lexicon with no terms (plain jieba segmentation plus detection)."""
        return cls()

    @classmethod
    def default(cls) -> Lexicon:
        """The lexicon shipped in ``lexicons/political_terms.tsv`` (cached)."""
        return _default_lexicon()

    @classmethod
    def from_entries(cls, rows: Iterable[Entry | Sequence[Any]]) -> Lexicon:
        """Build from :class:`Entry` objects or ``(term, category[, aliases[, expansion]])`` tuples."""
        entries = []
        for row in rows:
            if isinstance(row, Entry):
                entries.append(row)
            else:
                term, category, *rest = row
                aliases = tuple(rest[0]) if len(rest) > 0 and rest[0] else ()
                expansion = tuple(rest[1]) if len(rest) > 1 and rest[1] else ()
                entries.append(Entry(str(term), str(category), aliases, expansion, source="<code>"))
        lex = cls()
        for e in entries:
            lex._add(e, override=False)
        return lex

    @classmethod
    def load(cls, *paths: str | os.PathLike[str], default: bool = True) -> Lexicon:
        r"""Load tables and merge them over the default lexicon (your rows win).

        Parameters
        ----------
        *paths : path-like
            Lexicon tables (and expansions tables, see below).
        default : bool
            Start from :meth:`default` (True) or from nothing.

        Returns
        -------
        Lexicon

        Notes
        -----
        **The file format.** A lexicon table is a text file in UTF-8 (a BOM, or
        UTF-16 with a BOM as Excel's "Unicode Text" saves it, is read too), with
        one row a line and the cells separated by tabs. The first row that is
        not a comment names the columns, in any order (``→`` stands for a tab,
        here and below)::

            term→category→aliases→expansion→first_seen→pos→note

        Only ``term`` and ``category`` are required, and a table may have only
        those two columns. ``category`` is one of ``theory numbered concept
        institution meeting document bianzhi action`` (:data:`CATEGORIES`) or a
        category of your own. ``aliases`` (other spellings, counted as the
        term) and ``expansion`` (what a numbered term stands for) list items
        separated by ``|``. ``pos`` is a jieba part-of-speech tag (``nz``);
        ``first_seen`` and ``note`` are free text. A row may stop after its last
        filled cell (spreadsheets drop trailing tabs). Lines that start with
        ``#`` and blank lines are skipped; CRLF line ends and Excel-style
        quoting (``"…"``) are accepted. Write terms as the text is written
        once normalised (``“两个确立”``, not ``「两个确立」``) and without a
        sentence end (。！？). An example::

            term→category→aliases→expansion
            # my terms
            双减→action→“双减”政策|双减政策
            县中振兴→concept
            四下基层→numbered→→宣传党的路线方针政策下基层|调查研究下基层|信访接待下基层|现场办公下基层

        **Your rows win.** A row of your tables replaces every entry of the
        default lexicon that has its term or one of its aliases as a term or
        alias: your term, category, aliases and other cells are used
        everywhere (the Tokenizer, :func:`policytext.compare`, the CLI's
        ``--lexicon``), and the replaced entry's other spellings become
        aliases of your term, so no text it matched is lost (cells you leave
        empty stay empty: give the expansion again when you replace a
        numbered term). No warning is given. Above,
        ``双减`` is an alias of the shipped ``“双减”`` (concept); after loading,
        ``“双减”``, ``双减`` and ``双减政策`` are all the term ``双减`` (action).

        An expansions table (header ``term years expansion [record corpora]``,
        see the module docstring) among ``paths`` gives wordings to the terms
        of the lexicon and of the other tables.

        Raises
        ------
        LexiconFormatError
            A missing header, a row with more cells than the header or
            without a term or category, a term or alias that could never match
            (:func:`unmatchable`), a term listed twice with different
            categories, a term or alias listed under two terms of your tables,
            an unreadable file, a wording of a term the lexicon lacks or with
            malformed years. The message is ``file:line: reason``.

        Examples
        --------
        >>> import pathlib, tempfile
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "mine.tsv"
        >>> _ = path.write_text("term\tcategory\taliases\n双减\taction\t“双减”政策|双减政策\n县中振兴\tconcept\n",
        ...                     encoding="utf-8")
        >>> lex = Lexicon.load(path)
        >>> lex.lookup("“双减”").term, lex.lookup("双减政策").category, lex.lookup("县中振兴").category
        ('双减', 'action', 'concept')
        """
        lex = cls(_default_lexicon()) if default else cls()
        seen: dict[str, Entry] = {}
        owner: dict[str, Entry] = {}  # every form of the user's rows -> its row
        texts = [(path, _read_text(path)) for path in paths]
        for path, text in texts:
            if _is_expansions_table(text):
                continue
            for e in parse_table(text, str(path)):
                prev = seen.get(e.term)
                if prev is not None and prev.category != e.category:
                    raise LexiconFormatError(
                        path, _line_of(e), f"term {e.term!r} is listed twice with different categories "
                        f"({prev.category!r} at {prev.source}, {e.category!r} here)"
                    )
                for f in e.forms:
                    other = owner.get(f)
                    if other is not None and other.term != e.term:
                        what = "term" if f == e.term else f"alias of {e.term!r}"
                        raise LexiconFormatError(
                            path, _line_of(e), f"{what} {f!r} is also a form of the term {other.term!r} "
                            f"({other.source}); a term or alias belongs to one row")
                    owner[f] = e
                seen[e.term] = e
                lex._take_over(e)
        for path, text in texts:
            if _is_expansions_table(text):
                lex._attach(parse_expansions(text, str(path)), str(path))
        return lex

    def _attach(self, wordings: dict[str, list[tuple[Wording, int]]], name: str) -> None:
        """Give entries the wordings of an expansions table (a term's wordings replace those it had)."""
        for form, rows in wordings.items():
            e = self.lookup(form)
            if e is None:
                raise LexiconFormatError(name, rows[0][1],
                                         f"term {form!r} of the expansions table is not in the lexicon")
            self._add(_with_wordings(e, [w for w, _ in rows]), override=True)

    def _add(self, e: Entry, *, override: bool) -> None:
        old = self._entries.get(e.term)
        if old is not None:
            if not override and old.category != e.category:
                raise LexiconFormatError(e.source or "<code>", None,
                                         f"term {e.term!r} is listed twice with different categories")
            for f in old.forms:
                if self._forms.get(f) == old.term:
                    del self._forms[f]
        self._entries[e.term] = e
        for f in e.forms:
            self._forms[f] = e.term
        self.__dict__.pop("_fingerprint", None)

    def _take_over(self, e: Entry) -> None:
        """Add ``e`` as a row that wins: it replaces every entry sharing a term or alias with it.

        The replaced entries' other forms become aliases of ``e``'s term (after
        its own), so every form keeps matching and has one entry.
        """
        displaced = list(dict.fromkeys(t for t in (self._forms.get(f) for f in e.forms) if t is not None))
        extra: list[str] = []
        for term in displaced:
            old = self._entries.pop(term)
            for f in old.forms:
                if self._forms.get(f) == term:
                    del self._forms[f]
                if f != e.term and f not in e.aliases and f not in extra:
                    extra.append(f)
        if extra:
            e = replace(e, aliases=(*e.aliases, *extra))
        self._add(e, override=True)

    def merge(self, other: Lexicon) -> Lexicon:
        """A new lexicon: this one with ``other``'s entries added (``other`` wins).

        An entry of ``other`` replaces those of this lexicon that share its term
        or an alias, as a table's row does in :meth:`load`.

        >>> lex = Lexicon.default().merge(Lexicon.from_entries([("双减", "action")]))
        >>> lex.lookup("“双减”").term, lex.lookup("双减").category
        ('双减', 'action')
        """
        out = Lexicon(self)
        for e in other:
            out._take_over(e)
        return out

    # -- access -------------------------------------------------------------
    def lookup(self, form: str) -> Entry | None:
        """The entry whose term or alias is ``form``, or ``None``."""
        term = self._forms.get(form)
        if term is None:
            stripped = form.strip("“”‘’\"'《》")
            term = self._forms.get(stripped)
        return self._entries.get(term) if term is not None else None

    def canonical(self, form: str) -> str:
        """The canonical term for a term or alias (``form`` itself when unknown)."""
        e = self.lookup(form)
        return e.term if e else form

    def expansion(self, form: str, date: object = None) -> tuple[str, ...]:
        """The expansion of a term or alias as worded in the year of ``date`` (``()`` when none).

        See :meth:`Entry.expansion_for`; ``date=None`` gives the most frequent wording.

        >>> lex = Lexicon.default()
        >>> lex.expansion("两个维护")[0]
        '坚决维护习近平总书记党中央的核心、全党的核心地位'
        >>> lex.expansion("四个全面", date="2016-01-01")[0], lex.expansion("不存在的词")
        ('全面建成小康社会', ())
        """
        e = self.lookup(form)
        return e.expansion_for(date) if e is not None else ()

    def forms(self) -> dict[str, str]:
        """Mapping of every term and alias to its canonical term."""
        return dict(self._forms)

    @property
    def categories(self) -> dict[str, int]:
        """Number of entries per category."""
        out: dict[str, int] = {}
        for e in self._entries.values():
            out[e.category] = out.get(e.category, 0) + 1
        return out

    def by_category(self, category: str) -> list[Entry]:
        """Entries of one category, in table order."""
        return [e for e in self._entries.values() if e.category == category]

    @property
    def fingerprint(self) -> str:
        """A short hash of the contents; pins the lexicon version in outputs."""
        fp = self.__dict__.get("_fingerprint")
        if fp is None:
            h = hashlib.sha1()
            for e in sorted(self._entries.values(), key=lambda x: x.term):
                h.update("\t".join([e.term, e.category, "|".join(e.aliases), "|".join(e.expansion)]).encode())
                for w in e.wordings:
                    h.update(f"\t{w.years}:{'|'.join(w.items)}".encode())
                h.update(b"\n")
            fp = self.__dict__["_fingerprint"] = h.hexdigest()[:12]
        return fp

    def to_frame(self):  # -> pandas.DataFrame
        """The entries as a pandas DataFrame (one row per term)."""
        import pandas as pd

        return pd.DataFrame(
            [
                {"term": e.term, "category": e.category, "aliases": "|".join(e.aliases),
                 "expansion": "|".join(e.expansion), "first_seen": e.first_seen, "pos": e.pos,
                 "note": e.note, "source": e.source, "first_seen_record": e.first_seen_record,
                 "record_days": e.record_days,
                 "wordings": "; ".join(f"{w.years or 'always'}: {'|'.join(w.items)}" for w in e.wordings)}
                for e in self._entries.values()
            ],
            columns=[*COLUMNS, "source", *RECORD_COLUMNS, "wordings"],
        )

    def to_tables(self) -> tuple[str, str]:
        """The lexicon as the text of a lexicon table and of an expansions table.

        Every column is written (the dated-record figures too) and every
        wording with its years, so :meth:`from_tables` gives back an equal
        lexicon (a saved spaCy pipeline keeps the wordings of each year).

        >>> lex = Lexicon.default()
        >>> table, wordings = lex.to_tables()
        >>> again = Lexicon.from_tables(table, wordings)
        >>> again == lex, again.expansion("四个全面", 2015)[0]
        (True, '全面建成小康社会')
        """
        def cell(v: object) -> str:
            return "" if v is None else str(v)

        rows = ["\t".join((*COLUMNS, *RECORD_COLUMNS))]
        wordings = ["\t".join(EXPANSION_COLUMNS)]
        for e in self._entries.values():
            rows.append("\t".join([e.term, e.category, "|".join(e.aliases), "|".join(e.expansion), cell(e.first_seen),
                                   cell(e.pos), cell(e.note), cell(e.first_seen_record), cell(e.record_days)]))
            wordings.extend("\t".join([e.term, w.years, "|".join(w.items), cell(w.record), cell(w.corpora)])
                            for w in e.wordings)
        return "\n".join(rows) + "\n", "\n".join(wordings) + "\n"

    @classmethod
    def from_tables(cls, table: str, expansions: str = "", name: str = "<tables>") -> Lexicon:
        """The lexicon of :meth:`to_tables`' texts (``expansions`` may be empty: no wordings)."""
        lex = cls(parse_table(table, name, check=False))
        if expansions.strip():
            lex._attach(parse_expansions(expansions, f"{name} (expansions)"), name)
        return lex

    def __iter__(self) -> Iterator[Entry]:
        return iter(self._entries.values())

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, form: object) -> bool:
        return isinstance(form, str) and form in self._forms

    def __repr__(self) -> str:
        return f"Lexicon({len(self)} terms, {len(self._forms)} forms, fingerprint={self.fingerprint})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Lexicon) and self.fingerprint == other.fingerprint

    def __hash__(self) -> int:
        return hash(self.fingerprint)


def _line_of(e: Entry) -> int | None:
    if e.source and ":" in e.source:
        tail = e.source.rsplit(":", 1)[1]
        if tail.isdigit():
            return int(tail)
    return None


def read_table(path: str | os.PathLike[str], *, check: bool = True) -> list[Entry]:
    """Read and validate one lexicon table; see the module docstring for the format.

    ``check=False`` skips the test of every form with :func:`unmatchable` (the
    shipped table, which the test suite checks, is read so).
    """
    return parse_table(_read_text(path), str(path), check=check)


def _read_text(path: str | os.PathLike[str]) -> str:
    """The decoded text of a table file (UTF-8, UTF-8 with BOM or UTF-16 with BOM); errors name the file."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise LexiconFormatError(path, None, "no such file") from None
    except IsADirectoryError:
        raise LexiconFormatError(path, None, "is a directory, not a lexicon table") from None
    except OSError as exc:
        raise LexiconFormatError(path, None, f"cannot be read ({exc.strerror or exc})") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode Text" export is UTF-16 with a BOM
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise LexiconFormatError(path, None, "starts with a UTF-16 BOM but is not valid UTF-16") from None
    if b"\x00" in data[:4096]:
        raise LexiconFormatError(path, None, "is a binary file, not a UTF-8 tab-separated table")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise LexiconFormatError(path, line, "is not valid UTF-8 (save the table as UTF-8)") from None


def _is_expansions_table(text: str) -> bool:
    """True when the header row of ``text`` is that of an expansions table (``years``, no ``category``)."""
    for line in text.lstrip("\ufeff").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            cols = {c.strip().strip('"').lower() for c in line.split("\t")}
            return {"term", "years", "expansion"} <= cols and "category" not in cols
    return False


_RE_YEARS = re.compile(r"(?P<a>\d{4})?\s*(?P<dash>[-–~至])?\s*(?P<b>\d{4})?")


def parse_years(cell: str) -> tuple[int | None, int | None] | None:
    """``(start, end)`` of a ``years`` cell, or None when it is malformed.

    >>> parse_years("2012-2020"), parse_years("2021-"), parse_years("-2020"), parse_years("2018"), parse_years("")
    ((2012, 2020), (2021, None), (None, 2020), (2018, 2018), (None, None))
    """
    m = _RE_YEARS.fullmatch(cell.strip())
    if m is None:
        return None
    a = int(m.group("a")) if m.group("a") else None
    b = int(m.group("b")) if m.group("b") else None
    if not m.group("dash"):
        return (a, a) if b is None else None
    if a is not None and b is not None and b < a:
        return None
    return a, b


def parse_expansions(text: str, name: str = "<table>") -> dict[str, list[tuple[Wording, int]]]:
    """The wordings of an expansions table by term, in table order, each with its line number."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    header: list[str] | None = None
    out: dict[str, list[tuple[Wording, int]]] = {}
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        row = _split_row(line, name, lineno, header)
        if header is None:
            header = [h.lower() for h in row]
            continue
        row = _fit_row(row, header, ("term", "years", "expansion"), name, lineno)
        cell = dict(zip(header, row))
        term, years = cell["term"], parse_years(cell["years"])
        items = tuple(x.strip() for x in cell["expansion"].split("|") if x.strip())
        if not term or not items:
            raise LexiconFormatError(name, lineno, "a wording needs a term and at least one item")
        if years is None:
            raise LexiconFormatError(name, lineno, f"years {cell['years']!r} is not 2012-2020, 2021-, -2020, 2018 "
                                     "or empty")
        counts = []
        for col in ("record", "corpora"):
            v = cell.get(col, "")
            if v and not v.isdigit():
                raise LexiconFormatError(name, lineno, f"{col} {v!r} is not a count")
            counts.append(int(v) if v else None)
        out.setdefault(term, []).append((Wording(items, years[0], years[1], *counts), lineno))
    if header is None:
        raise LexiconFormatError(name, None, "the table is empty (no header row)")
    return out


def _with_wordings(e: Entry, wordings: Sequence[Wording]) -> Entry:
    """``e`` with these wordings; its expansion becomes the first (most frequent) one."""
    return replace(e, wordings=tuple(wordings), expansion=wordings[0].items if wordings else e.expansion)


def parse_table(text: str, name: str = "<table>", *, check: bool = True) -> list[Entry]:
    """Parse the text of a lexicon table; ``name`` is used in error messages (``check``: see :func:`read_table`)."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    header: list[str] | None = None
    entries: list[Entry] = []
    index: dict[str, int] = {}
    seen: dict[str, Entry] = {}
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        row = _split_row(line, name, lineno, header)
        if header is None:
            header = _read_header(row, line, name, lineno)
            index = {h: i for i, h in enumerate(header)}
            continue
        row = _fit_row(row, header, ("term", "category"), name, lineno)
        e = _row_entry(row, index, name, lineno, check)
        prev = seen.get(e.term)
        if prev is not None:
            if prev.category != e.category:
                raise LexiconFormatError(name, lineno, f"term {e.term!r} is listed twice with different categories "
                                         f"({prev.category!r} at line {_line_of(prev)}, {e.category!r} here)")
            raise LexiconFormatError(name, lineno, f"term {e.term!r} is listed twice (first at line {_line_of(prev)})")
        seen[e.term] = e
        entries.append(e)
    if header is None:
        raise LexiconFormatError(name, None, "the table is empty (no header row)")
    return entries


def _split_row(line: str, name: str, lineno: int, header: list[str] | None) -> list[str]:
    """The stripped cells of one line (Excel-style quoting), without surplus empty cells at the end."""
    try:
        row = next(csv.reader(io.StringIO(line), delimiter="\t", quotechar='"', strict=True))
    except csv.Error as exc:
        raise LexiconFormatError(
            name, lineno, f"a stray double quote (\") is not closed on this line ({exc})") from None
    row = [c.strip() for c in row]
    while row and row[-1] == "" and header is not None and len(row) > len(header):
        row.pop()
    return row


def _fit_row(row: list[str], header: list[str], required: Sequence[str], name: str, lineno: int) -> list[str]:
    """``row`` padded with empty cells to the header's length; an error if longer or ending before a required column.

    A spreadsheet saves a row without its trailing empty cells, so a row may
    stop after its last filled one, provided it reaches every required column.

    >>> _fit_row(["双减", "action"], ["term", "category", "aliases"], ("term", "category"), "t.tsv", 2)
    ['双减', 'action', '']
    """
    need = max((header.index(c) + 1 for c in required if c in header), default=0)
    if len(row) > len(header) or len(row) < need:
        detail = "" if len(row) > len(header) or need == len(header) else (
            f" (the row needs at least the first {need}: {', '.join(header[:need])})")
        raise LexiconFormatError(name, lineno,
                                 f"expected {len(header)} tab-separated columns, found {len(row)}{detail}")
    return row + [""] * (len(header) - len(row))


def _read_header(row: list[str], line: str, name: str, lineno: int) -> list[str]:
    """The lower-cased column names of the header row; it must name ``term`` and ``category``."""
    if "\t" not in line and len(row) == 1 and row[0] != "term":
        raise LexiconFormatError(name, lineno, "the first row must be a tab-separated header "
                                 f"({chr(9).join(COLUMNS)}); got {line[:40]!r}")
    header = [h.lower() for h in row]
    missing = [c for c in ("term", "category") if c not in header]
    if missing:
        raise LexiconFormatError(name, lineno, f"header lacks the column(s) {', '.join(missing)}; "
                                 f"expected {chr(9).join(COLUMNS)}")
    return header


def _row_entry(row: list[str], index: dict[str, int], name: str, lineno: int, check: bool = True) -> Entry:
    """The :class:`Entry` of one data row (columns found by name through ``index``)."""

    def get(col: str) -> str:
        return row[index[col]] if col in index else ""

    term = get("term")
    category = get("category")
    if not term:
        raise LexiconFormatError(name, lineno, "empty term")
    if not category:
        raise LexiconFormatError(name, lineno, f"term {term!r} has no category")
    if any(ch in term for ch in "\t|"):
        raise LexiconFormatError(name, lineno, f"term {term!r} contains a tab or '|'")
    aliases = tuple(a.strip() for a in get("aliases").split("|") if a.strip() and a.strip() != term)
    if check:
        for form, what in ((term, "term"), *((a, f"alias of {term!r}") for a in aliases)):
            problem = unmatchable(form)
            if problem:
                raise LexiconFormatError(name, lineno, f"{what} {form!r} {problem}")
    days = get("record_days")
    if days and not days.isdigit():
        raise LexiconFormatError(name, lineno, f"record_days {days!r} is not a count")
    return Entry(
        term=term,
        category=category,
        aliases=aliases,
        expansion=tuple(x.strip() for x in get("expansion").split("|") if x.strip()),
        first_seen=get("first_seen") or None,
        pos=get("pos") or None,
        note=get("note") or None,
        source=f"{name}:{lineno}",
        first_seen_record=get("first_seen_record") or None,
        record_days=int(days) if days else None,
    )


def unmatchable(form: str) -> str | None:
    """Why the term or alias ``form`` could never be found in a document, or None when it can be.

    See the module docstring; :func:`parse_table` refuses such rows.

    >>> unmatchable("两个确立") is None
    True
    >>> unmatchable("两个确立。四个意识")
    "contains '。', which ends a sentence, and text is tokenized sentence by sentence: split it into two rows"
    >>> unmatchable("「两个确立」")
    "never occurs in normalised text, which writes it '“两个确立”': write that instead"
    >>> unmatchable("和")
    'is a single function word and would be a term in nearly every sentence'
    """
    for ch in _SENTENCE_ENDS:
        if ch in form:
            return (f"contains {ch!r}, which ends a sentence, and text is tokenized sentence by sentence: "
                    "split it into two rows")
    norm = normalize(form)
    if not norm:
        return "is empty once normalised (it holds only invisible or control characters)"
    if norm != form:
        return f"never occurs in normalised text, which writes it {norm!r}: write that instead"
    if form in FUNCTION_WORDS:
        return "is a single function word and would be a term in nearly every sentence"
    return None


@lru_cache(maxsize=1)
def _default_lexicon() -> Lexicon:
    from .._resources import data_file

    lex = Lexicon()
    for e in read_table(data_file("lexicons", "political_terms.tsv"), check=False):  # checked by the tests
        lex._add(replace(e, source=e.source), override=False)
    path = data_file("lexicons", "expansions.tsv")
    lex._attach(parse_expansions(_read_text(path), str(path)), str(path))
    return lex


@lru_cache(maxsize=4)
def _read_stopwords(path: str) -> frozenset[str]:
    words = set()
    with open(path, encoding="utf-8-sig") as fh:
        for line in fh:
            w = line.strip()
            if w and not w.startswith("#"):
                words.add(w)
    return frozenset(words)


def load_stopwords(path: str | os.PathLike[str] | None = None) -> frozenset[str]:
    """Policy-boilerplate stopwords (``lexicons/stopwords.txt`` by default).

    >>> sw = load_stopwords()
    >>> "推进" in sw and "编制资源" not in sw
    True
    """
    if path is None:
        from .._resources import data_file

        path = data_file("lexicons", "stopwords.txt")
    return _read_stopwords(str(path))
