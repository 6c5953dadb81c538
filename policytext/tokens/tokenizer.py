"""Lexicon-aware tokenization on a private ``jieba.Tokenizer``.

How a text is segmented
-----------------------
1. **Forced spans.** Every occurrence of every lexicon term and alias is
   found with an Aho-Corasick automaton (ahocorasick-rs; a 100k-entry lexicon
   compiles in under a second and scans as fast as the default one). Quoted numbered
   formulations the lexicon lacks (``“七个一”``) and the mask placeholder
   ``××`` are forced too. Terms may contain punctuation (``“三定”规定``,
   ``《中国共产党机构编制工作条例》``), which jieba's own user dictionary
   cannot keep whole (jieba #938/#873).
2. **False-merge guard.** A match not enclosed in quotation marks (and
   without punctuation inside) is dropped (a) when it has at most three
   characters and a word W of jieba's
   dictionary crosses its boundary, W is more frequent than the term itself
   (as a dictionary word) and the part of the term W leaves behind is a word
   too — ``组织口头`` is 组织 + 口头, ``四个意识形态`` is 四个 + 意识形态,
   while in ``服务实体经济`` the crossing 务实 would leave 体经济, which is
   not a word, so 实体经济 stays; or (b) when it is a numeral-initial numbered
   formulation directly followed by a noun (``安排两个维护人员`` counts
   maintenance staff) or crossed by a common word (frequency ≥ 100) that
   starts after its numeral and classifier (``四个自信心``). Part (b) spares
   the forms of the user's own rows (``三个一百`` in 实施三个一百工程: the user
   listed it); shipped forms keep it in any lexicon. Frequencies below
   10 (jieba dictionary frequency) never count. A vetoed match is simply not forced: jieba then
   segments that stretch as it would without the lexicon.
3. **Overlaps.** Among overlapping accepted matches the longest wins (ties:
   the leftmost), so ``各级党委（党组）`` gives ``各级 | 党委（党组）`` and
   ``机构编制资源配置`` (not itself listed) would give ``机构编制 | 资源配置``
   with no stray 机构.
4. **The gaps** between forced spans are cut by jieba (HMM off by default:
   see ``benchmarks/bench_tokenize.py``; on the shared corpora HMM-on mostly
   glues verbs to objects, e.g. 抓好完善, and is slower).
5. Each token gets a POS tag (lexicon ``pos``, else jieba's dictionary tag,
   else a character-class tag), its lexicon category, a stopword flag and
   its span. ``"".join(t.text for t in tokens) == text`` always holds.

Who cuts the gaps, and the dictionary frequencies the guard reads, come from
:mod:`policytext.tokens.backends`: the jieba dictionary is loaded once per
process into a private ``jieba.Tokenizer`` (or rjieba) whose cache file lives
in the per-user cache directory (see :func:`policytext._resources.cache_dir`),
never in a shared ``/tmp`` name; jieba's module-level tokenizer is never
touched. :meth:`Tokenizer.forced_spans` gives the spans of steps 1–3, and
:func:`term_automaton` the automaton of step 1.

Examples
--------
>>> from policytext import Tokenizer, Lexicon
>>> tk = Tokenizer()
>>> tk.lcut("增强“四个意识”，落实“三定”规定")
['增强', '“', '四个意识', '”', '，', '落实', '“三定”规定']
>>> tk.lcut("安排两个维护人员")
['安排', '两个', '维护', '人员']
>>> [(t.text, t.category) for t in tk("深入学习习近平法治思想") if t.category]
[('习近平法治思想', 'theory')]
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from .._validation import InstanceOf, Options, check_params, validate_params
from ..text.headings import FORMULATION_NUMERALS as _NUMERALS
from ..text.normalize import MASK
from .backends import BANDS, RE_SURROGATE, frequency_bands, get_backend, resolve_backend
from .lexicon import Lexicon, load_stopwords
from .numbered import RE_NUMBERED_QUOTED
from .numbered import is_numbered as _is_numbered
from .numbered import plausible as _plausible
from .tags import CONTENT_POS, WORD_KINDS, content_mask, is_content

if TYPE_CHECKING:  # pragma: no cover
    from ..text.document import Document

__all__ = ["Token", "Tokenizer", "Analyzer", "tokenize", "default_tokenizer", "term_automaton", "ForcedSpan",
           "CONTENT_POS"]

Kind = Literal["term", "numbered", "word", "mask", "punct", "space"]
#: A span the tokenizer keeps whole: ``(start, end, kind, entry)``, see :meth:`Tokenizer.forced_spans`.
ForcedSpan = tuple[int, int, str, Any]

_RE_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_RE_NUM = re.compile(r"^[0-9.,%％]+$|^[0-9]+[.．][0-9]+$")
_RE_WORD_CHAR = re.compile(r"\w")
_RE_ENG = re.compile(r"^(?=[^A-Za-z]*[A-Za-z])[A-Za-z0-9][A-Za-z0-9._+\-]*$")
_QUOTE_OPEN = "“‘《「"
_QUOTE_CLOSE = "”’》」"
_MAX_WORD = 6  # longest dictionary word the guard looks for


class Token(NamedTuple):
    """A token with its span in the tokenized text (an immutable named tuple).

    Attributes
    ----------
    text : str
        The token as it appears in the text.
    start, end : int
        Span; ``text == source[start:end]``.
    pos : str
        jieba-style part of speech (``n``, ``v``, ``nz`` for lexicon terms …,
        ``x`` for punctuation and spaces).
    kind : str
        ``"term"`` (lexicon), ``"numbered"`` (detected numbered formulation),
        ``"word"``, ``"mask"`` (a masked name ``××``), ``"punct"``, ``"space"``.
    category : str | None
        Lexicon category (``"numbered"`` for detected formulations), else None.
    term : str | None
        Canonical lexicon term (differs from ``text`` for an alias).
    is_stop : bool
        True for policy-boilerplate stopwords (never for lexicon terms).
    """

    text: str
    start: int
    end: int
    pos: str
    kind: str = "word"
    category: str | None = None
    term: str | None = None
    is_stop: bool = False

    @property
    def is_word(self) -> bool:
        """True unless punctuation, space or a mask."""
        return self.kind in ("word", "term", "numbered")

    @property
    def is_content(self) -> bool:
        """The package's content-token rule (:func:`policytext.tokens.tags.is_content`)."""
        return is_content(self)

    @property
    def is_term(self) -> bool:
        """True for lexicon terms and detected numbered formulations."""
        return self.category is not None

    @property
    def norm(self) -> str:
        """The canonical form: the lexicon term for an alias, else the text."""
        return self.term or self.text


class Tokenizer:
    """Lexicon-aware Chinese tokenizer.

    Parameters
    ----------
    lexicon : Lexicon | str | path | sequence of paths | None
        ``None`` or ``"default"`` for the shipped lexicon; a :class:`Lexicon`;
        or table paths merged over the default (see :meth:`Lexicon.load`).
        :meth:`Lexicon.empty` gives plain jieba plus numbered-formulation
        detection.
    hmm : bool
        Let jieba guess unknown words with its HMM (default False; see module
        docstring).
    detect_numbered : bool
        Keep quoted numbered formulations the lexicon lacks as single tokens.
    stopwords : "default" | iterable of str | None
        Words flagged ``is_stop`` (lexicon terms never are).
    guard : bool
        Apply the false-merge guard (see the module docstring).
    dictionary : str | path, optional
        A jieba main dictionary other than jieba's default (implies the
        ``"jieba"`` backend).
    backend : {"auto", "rjieba", "jieba"}
        Who segments the text between lexicon terms: ``"rjieba"`` (jieba-rs,
        compiled, the same dictionary and algorithm: its tokens equal jieba's
        on the whole shared corpus, about 15x faster), ``"jieba"`` (pure
        Python), or ``"auto"`` (rjieba when installed). The backend never
        changes the tokens.

    Notes
    -----
    Instances are cheap (the jieba dictionary is shared, read-only, per
    process), thread-safe for reading, and picklable: the jieba instance is
    dropped on pickling and rebuilt lazily, so they work with
    ``multiprocessing`` under ``spawn``.

    Examples
    --------
    >>> tk = Tokenizer(lexicon=Lexicon.empty())
    >>> tk.lcut("开展“七个一”活动")
    ['开展', '“', '七个一', '”', '活动']
    """

    @validate_params({"lexicon": [Lexicon, "path", InstanceOf(Sequence), None],
                      "stopwords": [Options(str, {"default"}), "iterable", None],
                      "backend": [Options(str, {"auto", "rjieba", "jieba"})]}, func="Tokenizer")
    def __init__(
        self,
        lexicon: Lexicon | str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None = None,
        *,
        hmm: bool = False,
        detect_numbered: bool = True,
        stopwords: str | Iterable[str] | None = "default",
        guard: bool = True,
        dictionary: str | os.PathLike[str] | None = None,
        backend: str = "auto",
    ) -> None:
        if lexicon is None or (isinstance(lexicon, str) and lexicon == "default"):
            lex = Lexicon.default()
        elif isinstance(lexicon, Lexicon):
            lex = lexicon
        elif isinstance(lexicon, (str, os.PathLike)):
            lex = Lexicon.load(lexicon)
        else:
            lex = Lexicon.load(*lexicon)
        self.lexicon = lex
        self.hmm = bool(hmm)
        self.detect_numbered = bool(detect_numbered)
        if stopwords is None:
            self.stopwords: frozenset[str] = frozenset()
        elif isinstance(stopwords, str):
            self.stopwords = load_stopwords()  # "default", the only str accepted
        else:
            self.stopwords = frozenset(stopwords)
        self.guard = bool(guard)
        self.dictionary = str(dictionary) if dictionary else None
        self.backend = resolve_backend(backend, self.dictionary)
        self._state: dict[str, Any] | None = None

    # -- lazy state ------------------------------------------------------------
    def _ensure(self) -> dict[str, Any]:
        st = self._state
        if st is None:
            forms = self.lexicon.forms()
            entries = {f: self.lexicon.lookup(f) for f in forms}
            st = {
                "backend": get_backend(self.backend, self.dictionary),
                "freq": frequency_bands(self.dictionary),
                "automaton": term_automaton([*forms, MASK]),
                "entries": entries,
                "explicit": _explicit_forms(entries),
            }
            self._state = st
        return st

    @property
    def fingerprint(self) -> tuple[Any, ...]:
        """Identifies the configuration; used as a cache key on documents."""
        fp = self.__dict__.get("_fingerprint")
        if fp is None:
            import hashlib

            stop = hashlib.sha1("\n".join(sorted(self.stopwords)).encode("utf-8")).hexdigest()[:12]
            fp = self.__dict__["_fingerprint"] = ("policytext.Tokenizer", self.lexicon.fingerprint, self.hmm,
                                                  self.detect_numbered, stop, self.guard, self.dictionary)
        return fp

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_state"] = None
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def __repr__(self) -> str:
        return f"Tokenizer(lexicon={self.lexicon!r}, hmm={self.hmm})"

    # -- segmentation ------------------------------------------------------------
    def forced_spans(self, text: str) -> list[ForcedSpan]:
        """The spans this tokenizer keeps whole; jieba cuts only the gaps between them.

        Steps 1–3 of the module docstring: every lexicon term and alias that
        passes the false-merge guard (longest first among overlapping ones),
        the mask placeholder ``××`` and, with ``detect_numbered``, quoted
        numbered formulations the lexicon lacks. :func:`policytext.find_numbered`
        reads formulations from here, so that it finds exactly what the
        tokenizer keeps.

        Parameters
        ----------
        text : str

        Returns
        -------
        list of (start, end, kind, entry)
            Sorted and non-overlapping. ``kind`` is ``"term"`` (``entry`` is
            the lexicon :class:`~policytext.tokens.lexicon.Entry`),
            ``"numbered"`` or ``"mask"`` (``entry`` is None).

        Examples
        --------
        >>> spans = Tokenizer().forced_spans("增强“四个意识”，为××发展")
        >>> [(s, e, kind, entry and entry.term) for s, e, kind, entry in spans]
        [(3, 7, 'term', '四个意识'), (10, 12, 'mask', None)]
        """
        st = self._ensure()
        automaton = st["automaton"]
        entries = st["entries"]
        spans: list[ForcedSpan] = []
        if automaton is not None and text:
            # every (overlapping) match, grouped into clusters of overlapping matches
            # (a lone surrogate, which Rust cannot take, is matched as U+FFFD: same length, never in a term)
            probe = RE_SURROGATE.sub("\ufffd", text) if RE_SURROGATE.search(text) else text
            cands = sorted((a, b) for _, a, b in automaton.find_matches_as_indexes(probe, overlapping=True))
            cluster: list[tuple[int, int]] = []
            cend = -1
            for s, e in cands:
                if s >= cend and cluster:
                    self._resolve(text, cluster, entries, spans)
                    cluster = []
                cluster.append((s, e))
                cend = max(cend, e)
            if cluster:
                self._resolve(text, cluster, entries, spans)
        if self.detect_numbered and ("“" in text or "‘" in text):
            extra = []
            for m in RE_NUMBERED_QUOTED.finditer(text):
                s, e = m.span("f")
                if _plausible(m.group("f")) and not _known_pieces(spans, s, e):
                    extra.append((s, e, "numbered", None))
            if extra:
                spans = _merge_spans(spans, extra)
        return spans


    def _resolve(self, text: str, cluster: list[tuple[int, int]], entries: dict[str, Any],
                 spans: list[ForcedSpan]) -> None:
        """Apply the guard to a cluster of overlapping matches, keep the longest."""
        explicit = self._ensure()["explicit"]
        kept: list[ForcedSpan] = []
        for s, e in cluster:
            form = text[s:e]
            if form == MASK:
                kept.append((s, e, "mask", None))
                continue
            entry = entries[form]
            if self.guard and not self._protected(text, s, e, form) and self._vetoed(text, s, e, form, entry,
                                                                                     form in explicit):
                continue
            kept.append((s, e, "term", entry))
        if len(kept) > 1:
            # longest first (ties: leftmost), no overlaps
            kept.sort(key=lambda c: (c[0] - c[1], c[0]))
            chosen: list[ForcedSpan] = []
            for c in kept:
                if all(c[1] <= o[0] or c[0] >= o[1] for o in chosen):
                    chosen.append(c)
            kept = sorted(chosen)
        spans.extend(kept)

    @staticmethod
    def _protected(text: str, s: int, e: int, form: str) -> bool:
        if s > 0 and e < len(text) and text[s - 1] in _QUOTE_OPEN and text[e] in _QUOTE_CLOSE:
            return True
        return not form.isalnum() or _RE_HAN.search(form) is None

    def _vetoed(self, text: str, s: int, e: int, form: str, entry: Any, explicit: bool = False) -> bool:
        """The false-merge guard (see the module docstring); ``explicit``: a user's row, exempt from part (b)."""
        st = self._ensure()
        freq = st["freq"].get
        limit = BANDS[0]
        n = len(text)
        if (not explicit and form[0] in _NUMERALS and e < n and _RE_HAN.match(text[e])
                and _is_numbered(form, entry)):
            nxt, tag = st["backend"].tag(text[e:e + 4], self.hmm)[0]
            if len(nxt) >= 2 and (tag or "x")[0] == "n":
                return True  # 安排两个维护|人员
            for i in range(s + 2, e):  # 四个自|信心: a word from inside the head running past the end
                for j in range(e + 1, min(n, i + _MAX_WORD) + 1):
                    if freq(text[i:j]) >= 100:
                        return True
        if e - s > 3:
            return False
        own = freq(form)
        # a word starting inside the match and ending after it, whose head part is a word
        for i in range(s + 1, e):
            if freq(text[s:i]) < limit:
                continue
            for j in range(e + 1, min(n, i + _MAX_WORD) + 1):
                f = freq(text[i:j])
                if f >= limit and f > own:
                    return True
        # a word starting before the match and ending inside it, whose tail part is a word
        for i in range(max(0, s - _MAX_WORD + 1), s):
            for j in range(s + 1, e):
                f = freq(text[i:j])
                if f >= limit and f > own and freq(text[j:e]) >= limit:
                    return True
        return False

    def _cut(self, text: str) -> list[str]:
        return self._ensure()["backend"].cut(text, self.hmm) if text else []

    def lcut(self, text: str) -> list[str]:
        """Token texts only (the fast path; no POS, spans or flags).

        >>> Tokenizer().lcut("党的二十大")
        ['党的二十大']
        """
        _check_text(text, "Tokenizer.lcut")
        out: list[str] = []
        pos = 0
        cut = self._cut
        for s, e, _, _ in self.forced_spans(text):
            if s > pos:
                out.extend(cut(text[pos:s]))
            out.append(text[s:e])
            pos = e
        if pos < len(text):
            out.extend(cut(text[pos:]))
        return out

    def tokenize(self, text: str, *, offset: int = 0) -> list[Token]:
        """Tokens with POS, spans (shifted by ``offset``), category and stopword flag."""
        _check_text(text, "Tokenizer.tokenize")
        st = self._ensure()
        tag_words = st["backend"].tag
        hmm = self.hmm
        stop = self.stopwords
        out: list[Token] = []
        append = out.append
        pos = 0

        def words(a: int, b: int) -> None:
            p = a
            for w, tag in tag_words(text[a:b], hmm):
                q = p + len(w)
                if tag is not None and tag != "x":
                    kind = "word"
                elif w.isspace():
                    tag, kind = "x", "space"
                elif _RE_HAN.search(w):
                    tag, kind = "n", "word"
                elif _RE_NUM.match(w):
                    tag, kind = "m", "word"
                elif _RE_ENG.match(w):
                    tag, kind = "eng", "word"
                else:
                    tag, kind = "x", "punct"
                append(Token(w, p + offset, q + offset, tag, kind, None, None,
                             w in stop or (tag == "eng" and w.lower() in stop)))
                p = q

        for s, e, kind, entry in self.forced_spans(text):
            if s > pos:
                words(pos, s)
            piece = text[s:e]
            if kind == "term":
                append(Token(piece, s + offset, e + offset, entry.pos or "nz", "term", entry.category, entry.term,
                             False))
            elif kind == "numbered":
                append(Token(piece, s + offset, e + offset, "nz", "numbered", "numbered", piece, False))
            else:
                append(Token(piece, s + offset, e + offset, "x", "mask", None, None, False))
            pos = e
        if pos < len(text):
            words(pos, len(text))
        return out

    __call__ = tokenize

    def _tagged(self, text: str) -> list[tuple[str, str]]:
        """``(text, pos)`` of every token: the texts of :meth:`lcut`, the tags of :meth:`tokenize`.

        Without building :class:`Token` objects (the spaCy tokenizer's path:
        about a third of :meth:`tokenize`'s time).
        """
        st = self._ensure()
        tag_words = st["backend"].tag
        hmm = self.hmm
        out: list[tuple[str, str]] = []
        pos = 0

        def words(a: int, b: int) -> None:
            for w, tag in tag_words(text[a:b], hmm):
                out.append((w, tag if tag is not None and tag != "x" else _fallback_tag(w)))

        for s, e, kind, entry in self.forced_spans(text):
            if s > pos:
                words(pos, s)
            out.append((text[s:e], (entry.pos or "nz") if kind == "term" else "nz" if kind == "numbered" else "x"))
            pos = e
        if pos < len(text):
            words(pos, len(text))
        return out

    def analyzer(self, *, content_only: bool = True, norm: bool = True) -> Analyzer:
        """A text → tokens callable for scikit-learn's vectorizers (``analyzer=``).

        Parameters
        ----------
        content_only : bool
            Keep only content tokens (:func:`policytext.tokens.tags.is_content`:
            lexicon terms, and nouns, verbs, adjectives … of two or more
            characters that are not boilerplate stopwords), the tokens every
            policytext analysis counts. False keeps every word with a
            letter or digit (no punctuation, symbols, spaces or masks).
        norm : bool
            Give an alias as its canonical lexicon term (:attr:`Token.norm`).

        Returns
        -------
        Analyzer
            Picklable and copyable, so it works in a ``Pipeline``, with
            ``clone``, ``GridSearchCV`` and ``cross_val_score(n_jobs=2)``.
            scikit-learn ignores ``lowercase``, ``token_pattern``,
            ``stop_words`` and ``ngram_range`` when ``analyzer`` is a callable.

        Examples
        --------
        >>> from sklearn.feature_extraction.text import TfidfVectorizer
        >>> analyze = Tokenizer().analyzer()
        >>> analyze("要增强“四个意识”，加快建设数字政府，优化营商环境。")
        ['四个意识', '数字', '政府', '营商环境']
        >>> Tokenizer().analyzer(content_only=False)("要增强“四个意识”。")
        ['要', '增强', '四个意识']
        >>> vec = TfidfVectorizer(analyzer=analyze).fit(["推进机构编制工作。", "增强“四个意识”。"])
        >>> sorted(vec.vocabulary_)
        ['四个意识', '机构编制工作']
        """
        return Analyzer(self, content_only=content_only, norm=norm)

    def tokenize_document(self, doc: Document) -> list[list[Token]]:
        """Tokens of every sentence of ``doc`` (spans in ``doc.text``), cached on the document.

        >>> import policytext as pt
        >>> doc = pt.parse("一、学习\\n要增强“四个意识”。")
        >>> [t.text for t in Tokenizer().tokenize_document(doc)[0] if t.is_term]
        ['四个意识']
        """
        key = ("tokens", self.fingerprint)
        cached = doc._cache.get(key)
        if cached is not None:
            return cached
        out = [self.tokenize(s.text, offset=s.start) for s in doc.sentences]
        doc._cache[key] = out
        return out

    def tokenize_headings(self, doc: Document) -> dict[str, list[Token]]:
        """Tokens of every section heading, by section id (cached)."""
        key = ("heading_tokens", self.fingerprint)
        cached = doc._cache.get(key)
        if cached is None:
            cached = {sec.id: self.tokenize(sec.heading, offset=sec.heading_span[0]) for sec in doc.walk()}
            doc._cache[key] = cached
        return cached


class Analyzer:
    """Text → token strings, for ``TfidfVectorizer(analyzer=...)`` (see :meth:`Tokenizer.analyzer`).

    A module-level class holding a :class:`Tokenizer` (which drops its jieba
    state when pickled), so it travels to worker processes.

    >>> Analyzer(Tokenizer(), content_only=False)("推进机构编制工作。")
    ['推进', '机构编制工作']
    """

    def __init__(self, tokenizer: Tokenizer | None = None, *, content_only: bool = True, norm: bool = True) -> None:
        self.tokenizer = tokenizer if tokenizer is not None else default_tokenizer()
        self.content_only = bool(content_only)
        self.norm = bool(norm)

    def __call__(self, text: str) -> list[str]:
        tokens = self.tokenizer.tokenize(text)
        if self.content_only:
            keep = content_mask(tokens)
        else:  # words with a letter or digit (jieba tags a lone % or ℃ as a numeral word)
            keep = [t.kind in WORD_KINDS and _RE_WORD_CHAR.search(t.text) is not None for t in tokens]
        if self.norm:
            return [t.term or t.text for t, k in zip(tokens, keep) if k]
        return [t.text for t, k in zip(tokens, keep) if k]

    def __repr__(self) -> str:
        return f"{self.tokenizer!r}.analyzer(content_only={self.content_only}, norm={self.norm})"


def term_automaton(forms: Iterable[str]) -> Any:
    """An Aho-Corasick automaton (ahocorasick-rs) over the non-empty ``forms``, or None when there are none.

    The automaton the tokenizer finds lexicon terms with; comparisons use it
    to count terms. The pattern index of a match refers to the non-empty
    forms, in the order given.

    >>> ac = term_automaton(["机构编制", "", "编制资源"])
    >>> ac.find_matches_as_indexes("机构编制资源配置", overlapping=True)
    [(0, 0, 4), (1, 2, 6)]
    >>> term_automaton([]) is None
    True
    """
    import ahocorasick_rs

    forms = [f for f in forms if f]
    return ahocorasick_rs.AhoCorasick(forms) if forms else None




def _fallback_tag(w: str) -> str:
    """The tag :meth:`Tokenizer.tokenize` gives a word the dictionary does not tag."""
    if w.isspace():
        return "x"
    if _RE_HAN.search(w):
        return "n"
    if _RE_NUM.match(w):
        return "m"
    if _RE_ENG.match(w):
        return "eng"
    return "x"


def _explicit_forms(entries: dict[str, Any]) -> frozenset[str]:
    """The user's own forms: those the shipped lexicon lacks or gives another term or category.

    The numeral guard (part b of the module docstring) keeps ordinary counts
    (安排两个维护人员) apart from the shipped numbered terms; a user who lists a
    numbered term (三个一百, 两个先行示范区) has decided, so their forms are
    exempt from it. A shipped form keeps its guard in a user's lexicon (a row
    that repeats it, a wording added by an expansions table, a spaCy pipeline
    saved and loaded).
    """
    default = Lexicon.default()
    out = set()
    for form, entry in entries.items():
        shipped = default.lookup(form)
        if shipped is None or (shipped is not entry and (shipped.term, shipped.category)
                               != (entry.term, entry.category)):
            out.add(form)
    return frozenset(out)


def _known_pieces(spans: list[ForcedSpan], s: int, e: int) -> bool:
    """True when lexicon terms already found cover ``s…e`` in two or more pieces: a quoted string that reads as
    known terms side by side (“三个一百三个一百”) is those terms, not one new numbered formulation."""
    inside = [(a, b) for a, b, kind, _ in spans if kind == "term" and s <= a and b <= e]
    return len(inside) >= 2 and sum(b - a for a, b in inside) == e - s


def _merge_spans(a: list[ForcedSpan], b: list[ForcedSpan]) -> list[ForcedSpan]:
    """Merge two sorted span lists; on overlap the span met first (then the longer) wins."""
    allspans = sorted(a + b, key=lambda x: (x[0], -(x[1] - x[0])))
    out: list[ForcedSpan] = []
    end = -1
    for sp in allspans:
        if sp[0] >= end:
            out.append(sp)
            end = sp[1]
    return out


def _check_text(text: object, func: str) -> None:
    """The ``text`` argument must be a ``str``.

    One ``isinstance`` on the hot path (every sentence); only a wrong value
    goes through :func:`policytext._validation.check_params`, for the package's message.
    """
    if not isinstance(text, str):
        check_params(func, {"text": ["str"]}, text=text)


@lru_cache(maxsize=1)
def default_tokenizer() -> Tokenizer:
    """The shared default :class:`Tokenizer` (default lexicon, HMM off)."""
    return Tokenizer()


def tokenize(text: str, *, lexicon: Lexicon | None = None) -> list[str]:
    """Token texts of ``text`` with the default (or the given) lexicon.

    >>> tokenize("推进机构编制法定化")
    ['推进', '机构编制法定化']
    """
    tk = default_tokenizer() if lexicon is None else Tokenizer(lexicon)
    return tk.lcut(text)


def sentence_tokens(doc: Document, tokenizer: Tokenizer | None = None) -> list[list[Token]]:
    """Shorthand for ``(tokenizer or default_tokenizer()).tokenize_document(doc)``."""
    return (tokenizer or default_tokenizer()).tokenize_document(doc)


def token_index(tokens: Sequence[Token], offset: int) -> int:
    """Index of the first token that ends after ``offset`` (binary search)."""
    return bisect_left([t.end for t in tokens], offset + 1)
