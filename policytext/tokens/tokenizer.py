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
   starts after its numeral and classifier (``四个自信心``). Frequencies below
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

The jieba dictionary is loaded once per process into a private
``jieba.Tokenizer`` whose cache file lives in the per-user cache directory
(see :func:`policytext._resources.cache_dir`), never in a shared ``/tmp``
name; jieba's module-level tokenizer is never touched.

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

import logging
import re
import threading
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, Optional

from ..errors import InvalidParameterError
from ..text.headings import FORMULATION_NUMERALS as _NUMERALS
from ..text.normalize import MASK
from .lexicon import Lexicon, load_stopwords
from .numbered import RE_NUMBERED_QUOTED
from .numbered import is_numbered as _is_numbered
from .numbered import plausible as _plausible
from .tags import CONTENT_POS, is_content

if TYPE_CHECKING:  # pragma: no cover
    from ..text.document import Document

__all__ = ["Token", "Tokenizer", "tokenize", "default_tokenizer", "CONTENT_POS"]

Kind = Literal["term", "numbered", "word", "mask", "punct", "space"]

_RE_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_RE_NUM = re.compile(r"^[0-9.,%％]+$|^[0-9]+[.．][0-9]+$")
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
    category: Optional[str] = None  # noqa: UP007 (NamedTuple fields are evaluated at runtime on 3.9)
    term: Optional[str] = None  # noqa: UP007
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


# -- shared read-only resources ----------------------------------------------

_JIEBA_LOCK = threading.Lock()
#: Frequency bands of the false-merge guard: a dictionary word counts with the
#: largest threshold its jieba frequency reaches (0 below the first).
BANDS = (10, 100, 1000, 10000)


@lru_cache(maxsize=1)
def _private_cache_dir() -> Path:
    """The per-user cache folder, if only its owner can write to it.

    jieba loads its dictionary cache with ``marshal``, which must only read
    files the user wrote. :func:`policytext._resources.cache_dir` creates the
    folder with mode 0700; when ``$POLICYTEXT_CACHE`` names a folder that
    another user owns, or that group/others can write, a fresh private folder
    (``tempfile.mkdtemp``: mode 0700, unpredictable name, removed at exit) is
    used instead, with a :class:`~policytext.errors.PolicyTextWarning`.
    """
    import atexit
    import os
    import shutil
    import tempfile
    import warnings

    from .._resources import cache_dir
    from ..errors import PolicyTextWarning

    path = cache_dir()
    if not hasattr(os, "getuid"):  # pragma: no cover - Windows: per-user profile folder
        return path
    st = path.stat()
    if st.st_uid == os.getuid() and not st.st_mode & 0o022:
        return path
    private = Path(tempfile.mkdtemp(prefix="policytext-cache-"))
    atexit.register(shutil.rmtree, private, ignore_errors=True)
    warnings.warn(f"the cache folder {path} is not private (owned by another user or writable by others); "
                  f"using {private} for this process. Set POLICYTEXT_CACHE to a folder only you can write.",
                  PolicyTextWarning, stacklevel=3)
    return private


@lru_cache(maxsize=4)
def _jieba(dictionary: str | None) -> Any:
    """A private, initialised ``jieba.Tokenizer`` (one per dictionary per process)."""
    import jieba

    tk = jieba.Tokenizer(dictionary=dictionary) if dictionary else jieba.Tokenizer()
    tk.tmp_dir = str(_private_cache_dir())
    logger = logging.getLogger("jieba")
    level = logger.level
    with _JIEBA_LOCK:
        logger.setLevel(logging.WARNING)  # jieba logs "Building prefix dict" at DEBUG on stderr
        try:
            tk.initialize()
        finally:
            logger.setLevel(level)
    return tk


def _dict_path(dictionary: str | None) -> str:
    if dictionary:
        return str(Path(dictionary).resolve())
    import importlib.util

    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:  # pragma: no cover - declared dependency
        from ..errors import MissingDependencyError

        raise MissingDependencyError("jieba", "policytext.Tokenizer")
    return str(Path(spec.origin).parent / "dict.txt")


def _read_dict(path: str) -> Iterable[list[str]]:
    with open(path, "rb") as fh:
        for raw in fh:
            parts = raw.decode("utf-8").split()
            if len(parts) >= 2:
                yield parts


@lru_cache(maxsize=4)
def _word_tags(dictionary: str | None) -> dict[str, str]:
    """word → POS tag from a jieba dictionary file (``word freq tag`` lines)."""
    return {p[0]: p[2] for p in _read_dict(_dict_path(dictionary)) if len(p) >= 3}


class _Bands:
    """Dictionary-word frequencies rounded down to :data:`BANDS` (0 when absent or rarer)."""

    __slots__ = ("sets",)

    def __init__(self, sets: list[frozenset[str]]) -> None:
        self.sets = sets  # highest band first

    def get(self, word: str) -> int:
        for band, words in zip(reversed(BANDS), self.sets):
            if word in words:
                return band
        return 0


@lru_cache(maxsize=4)
def _bands(dictionary: str | None) -> _Bands:
    """Frequency bands of a jieba dictionary, cached as a small text file per user.

    Building them parses the dictionary (about a second for jieba's 350k
    words); loading the cache splits four lines of words (about 0.1 s).
    """
    import hashlib
    import os

    path = _dict_path(dictionary)
    st = os.stat(path)
    key = hashlib.sha1(f"{path}|{st.st_size}|{st.st_mtime_ns}|{BANDS}".encode()).hexdigest()[:16]
    cache = _private_cache_dir() / f"jieba.bands.{key}.txt"
    lines: list[str] | None = None
    if cache.is_file():
        try:
            lines = cache.read_text(encoding="utf-8").split("\n")
        except (OSError, UnicodeDecodeError):
            lines = None
        if lines is not None and len(lines) != len(BANDS):
            lines = None
    if lines is None:
        buckets: list[list[str]] = [[] for _ in BANDS]
        for parts in _read_dict(path):
            try:
                f = int(parts[1])
            except ValueError:
                continue
            for k, band in enumerate(reversed(BANDS)):
                if f >= band:
                    buckets[k].append(parts[0])
                    break
        lines = [" ".join(b) for b in buckets]
        import tempfile

        tmp = None
        try:  # unique temporary name (O_EXCL), then an atomic rename
            fd, tmp = tempfile.mkstemp(prefix=f".{cache.name}.", suffix=".tmp", dir=cache.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write("\n".join(lines))
            os.replace(tmp, cache)
        except OSError:
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)
    return _Bands([frozenset(line.split(" ")) if line else frozenset() for line in lines])


class _JiebaBackend:
    """Segmentation by a private ``jieba.Tokenizer``; tags from its dictionary file."""

    name = "jieba"

    def __init__(self, dictionary: str | None) -> None:
        self.tk = _jieba(dictionary)
        self.tags = _word_tags(dictionary)

    def cut(self, text: str, hmm: bool) -> list[str]:
        return self.tk.lcut(text, HMM=hmm)

    def tag(self, text: str, hmm: bool) -> list[tuple[str, str | None]]:
        tags = self.tags
        return [(w, tags.get(w)) for w in self.tk.lcut(text, HMM=hmm)]


class _RjiebaBackend:
    """Segmentation by ``rjieba`` (jieba-rs): the same dictionary and algorithm,
    compiled; its tokens equal jieba's on the whole shared corpus (tested)."""

    name = "rjieba"

    def __init__(self) -> None:
        import rjieba

        self.jb = rjieba.Jieba()

    def cut(self, text: str, hmm: bool) -> list[str]:
        if _RE_SURROGATE.search(text):  # Rust strings cannot hold lone surrogates: cut a stand-in
            return _slices(text, self.jb.cut(_RE_SURROGATE.sub("\ufffd", text), hmm))
        return self.jb.cut(text, hmm)

    def tag(self, text: str, hmm: bool) -> list[tuple[str, str | None]]:
        if _RE_SURROGATE.search(text):
            pairs = self.jb.tag(_RE_SURROGATE.sub("\ufffd", text), hmm)
            words = _slices(text, [w for w, _ in pairs])
            return [(w, t if w == p else None) for w, (p, t) in zip(words, pairs)]
        pairs = self.jb.tag(text, hmm)
        if hmm:  # words the HMM invented get the same fallback tag as with the jieba backend
            has = self.jb.has_word
            pairs = [(w, t if has(w) else None) for w, t in pairs]
        return pairs


#: Lone surrogates (only in a str built in Python, never in a decoded file).
_RE_SURROGATE = re.compile("[\ud800-\udfff]")


def _slices(text: str, words: Sequence[str]) -> list[str]:
    """The pieces of ``text`` as long as ``words`` (a segmentation of a same-length stand-in)."""
    out, p = [], 0
    for w in words:
        out.append(text[p:p + len(w)])
        p += len(w)
    return out


@lru_cache(maxsize=8)
def _backend(name: str, dictionary: str | None) -> Any:
    if name == "rjieba":
        return _RjiebaBackend()
    return _JiebaBackend(dictionary)


def _resolve_backend(backend: str, dictionary: str | None) -> str:
    if backend == "jieba" or dictionary:
        return "jieba"
    try:
        import rjieba  # noqa: F401
    except ImportError:
        if backend == "rjieba":
            from ..errors import MissingDependencyError

            raise MissingDependencyError("rjieba", "Tokenizer(backend='rjieba')") from None
        return "jieba"
    return "rjieba"


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

    def __init__(
        self,
        lexicon: Lexicon | str | Path | Sequence[str | Path] | None = None,
        *,
        hmm: bool = False,
        detect_numbered: bool = True,
        stopwords: str | Iterable[str] | None = "default",
        guard: bool = True,
        dictionary: str | Path | None = None,
        backend: str = "auto",
    ) -> None:
        if lexicon is None or (isinstance(lexicon, str) and lexicon == "default"):
            lex = Lexicon.default()
        elif isinstance(lexicon, Lexicon):
            lex = lexicon
        elif isinstance(lexicon, (str, Path)):
            lex = Lexicon.load(lexicon)
        elif isinstance(lexicon, Sequence):
            lex = Lexicon.load(*lexicon)
        else:
            raise InvalidParameterError.build("lexicon", "Tokenizer", "a Lexicon, a path or None", lexicon)
        if backend not in ("auto", "rjieba", "jieba"):
            raise InvalidParameterError.unknown("backend", "Tokenizer", backend, ["auto", "jieba", "rjieba"])
        self.lexicon = lex
        self.hmm = bool(hmm)
        self.detect_numbered = bool(detect_numbered)
        if stopwords == "default":
            self.stopwords: frozenset[str] = load_stopwords()
        elif stopwords is None:
            self.stopwords = frozenset()
        elif isinstance(stopwords, str):
            raise InvalidParameterError.build("stopwords", "Tokenizer", "'default', an iterable of words or None", stopwords)
        else:
            self.stopwords = frozenset(stopwords)
        self.guard = bool(guard)
        self.dictionary = str(dictionary) if dictionary else None
        self.backend = _resolve_backend(backend, self.dictionary)
        self._state: dict[str, Any] | None = None

    # -- lazy state ------------------------------------------------------------
    def _ensure(self) -> dict[str, Any]:
        st = self._state
        if st is None:
            forms = self.lexicon.forms()
            entries = {f: self.lexicon.lookup(f) for f in forms}
            st = {
                "backend": _backend(self.backend, self.dictionary),
                "freq": _bands(self.dictionary),
                "automaton": _automaton(list(forms) + [MASK]),
                "entries": entries,
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
    def _forced(self, text: str) -> list[tuple[int, int, str, Any]]:
        st = self._ensure()
        automaton = st["automaton"]
        entries = st["entries"]
        spans: list[tuple[int, int, str, Any]] = []
        if automaton is not None and text:
            # every (overlapping) match, grouped into clusters of overlapping matches
            # (a lone surrogate, which Rust cannot take, is matched as U+FFFD: same length, never in a term)
            probe = _RE_SURROGATE.sub("\ufffd", text) if _RE_SURROGATE.search(text) else text
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
                if _plausible(m.group("f")):
                    extra.append((s, e, "numbered", None))
            if extra:
                spans = _merge_spans(spans, extra)
        return spans

    def _resolve(self, text: str, cluster: list[tuple[int, int]], entries: dict[str, Any],
                 spans: list[tuple[int, int, str, Any]]) -> None:
        """Apply the guard to a cluster of overlapping matches, keep the longest."""
        kept: list[tuple[int, int, str, Any]] = []
        for s, e in cluster:
            form = text[s:e]
            if form == MASK:
                kept.append((s, e, "mask", None))
                continue
            entry = entries[form]
            if self.guard and not self._protected(text, s, e, form) and self._vetoed(text, s, e, form, entry):
                continue
            kept.append((s, e, "term", entry))
        if len(kept) > 1:
            # longest first (ties: leftmost), no overlaps
            kept.sort(key=lambda c: (c[0] - c[1], c[0]))
            chosen: list[tuple[int, int, str, Any]] = []
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

    def _vetoed(self, text: str, s: int, e: int, form: str, entry: Any) -> bool:
        """The false-merge guard (see the module docstring)."""
        st = self._ensure()
        freq = st["freq"].get
        limit = BANDS[0]
        n = len(text)
        if form[0] in _NUMERALS and e < n and _RE_HAN.match(text[e]) and _is_numbered(form, entry):
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
        _check_text(text, "lcut")
        out: list[str] = []
        pos = 0
        cut = self._cut
        for s, e, _, _ in self._forced(text):
            if s > pos:
                out.extend(cut(text[pos:s]))
            out.append(text[s:e])
            pos = e
        if pos < len(text):
            out.extend(cut(text[pos:]))
        return out

    def tokenize(self, text: str, *, offset: int = 0) -> list[Token]:
        """Tokens with POS, spans (shifted by ``offset``), category and stopword flag."""
        _check_text(text, "tokenize")
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
                append(Token(w, p + offset, q + offset, tag, kind, None, None, w in stop))
                p = q

        for s, e, kind, entry in self._forced(text):
            if s > pos:
                words(pos, s)
            piece = text[s:e]
            if kind == "term":
                append(Token(piece, s + offset, e + offset, entry.pos or "nz", "term", entry.category, entry.term, False))
            elif kind == "numbered":
                append(Token(piece, s + offset, e + offset, "nz", "numbered", "numbered", piece, False))
            else:
                append(Token(piece, s + offset, e + offset, "x", "mask", None, None, False))
            pos = e
        if pos < len(text):
            words(pos, len(text))
        return out

    __call__ = tokenize

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


def _automaton(forms: list[str]) -> Any:
    """An Aho-Corasick automaton over ``forms`` (ahocorasick-rs), or None."""
    import ahocorasick_rs

    forms = [f for f in forms if f]
    return ahocorasick_rs.AhoCorasick(forms) if forms else None


def _merge_spans(a: list[tuple[int, int, str, Any]], b: list[tuple[int, int, str, Any]]) -> list[tuple[int, int, str, Any]]:
    """Merge two sorted span lists; on overlap the span met first (then the longer) wins."""
    allspans = sorted(a + b, key=lambda x: (x[0], -(x[1] - x[0])))
    out: list[tuple[int, int, str, Any]] = []
    end = -1
    for sp in allspans:
        if sp[0] >= end:
            out.append(sp)
            end = sp[1]
    return out


def _check_text(text: object, func: str) -> None:
    if not isinstance(text, str):
        raise TypeError(f"{func} expects str, not {type(text).__name__}")


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
