"""Who cuts the text between lexicon terms, and what is read from jieba's dictionary.

* :func:`get_backend` gives a segmentation backend: a private, initialised
  ``jieba.Tokenizer`` (``"jieba"``, pure Python) or ``rjieba`` (``"rjieba"``,
  jieba-rs: the same dictionary and algorithm, compiled; its tokens equal
  jieba's on the whole shared corpus). Both offer ``cut(text, hmm)`` and
  ``tag(text, hmm)`` (words with their dictionary POS tag, None for a word
  the dictionary lacks). :func:`resolve_backend` turns ``"auto"`` into one of them.
* :func:`frequency_bands` gives the dictionary's word frequencies rounded down
  to :data:`BANDS`, which the tokenizer's false-merge guard and the person-name
  detection of :mod:`policytext.analysis.compare.people` read.
* :func:`private_cache_dir` is where jieba's dictionary cache and the bands
  cache live: the per-user cache folder, never a shared ``/tmp`` name.

Everything here is read-only after it is built and cached per process
(``lru_cache``); jieba's module-level tokenizer is never touched.

>>> bands = frequency_bands()
>>> bands.get("发展"), bands.get("不是一个词")
(10000, 0)
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = [
    "BANDS",
    "FrequencyBands",
    "frequency_bands",
    "get_backend",
    "resolve_backend",
    "private_cache_dir",
    "RE_SURROGATE",
]

_JIEBA_LOCK = threading.Lock()
#: Frequency bands of the false-merge guard: a dictionary word counts with the
#: largest threshold its jieba frequency reaches (0 below the first).
BANDS = (10, 100, 1000, 10000)
#: Lone surrogates (only in a str built in Python, never in a decoded file);
#: Rust strings (rjieba, ahocorasick-rs) cannot hold them.
RE_SURROGATE = re.compile("[\ud800-\udfff]")


@lru_cache(maxsize=1)
def private_cache_dir() -> Path:
    """The per-user cache folder, if only its owner can write to it and it can be used.

    jieba loads its dictionary cache with ``marshal``, which must only read
    files the user wrote. :func:`policytext._resources.cache_dir` creates the
    folder with mode 0700. A fresh private folder (``tempfile.mkdtemp``: mode
    0700, unpredictable name, removed at exit) is used instead, with a
    :class:`~policytext.errors.PolicyTextWarning`, when that folder

    * is not private: another user owns it, or group/others can write to it;
    * cannot be used: it cannot be created (a read-only home folder,
      ``$POLICYTEXT_CACHE`` naming a file) or is not writable.

    The caches then last for this process only (jieba's dictionary is
    rebuilt, about a second); nothing fails.
    """
    import os

    from .._resources import cache_dir, cache_path

    try:
        path = cache_dir()
        if not hasattr(os, "getuid"):  # pragma: no cover - Windows: per-user profile folder
            return path
        st = path.stat()
    except OSError as exc:
        path = cache_path()
        if os.path.lexists(path) and not path.is_dir():
            return _temporary_cache(f"the cache folder {path} is not a folder")
        return _temporary_cache(f"cannot create the cache folder {path} ({exc.strerror or exc})")
    if st.st_uid != os.getuid() or st.st_mode & 0o022:
        return _temporary_cache(f"the cache folder {path} is not private (owned by another user or writable by "
                                "others)")
    if not os.access(path, os.W_OK | os.X_OK):
        return _temporary_cache(f"the cache folder {path} is not writable")
    return path


def _temporary_cache(reason: str) -> Path:
    """A private temporary cache folder for this process, removed at exit; warns with ``reason``."""
    import atexit
    import shutil
    import tempfile
    import warnings

    from .._files import printable_path
    from ..errors import PolicyTextWarning

    private = Path(tempfile.mkdtemp(prefix="policytext-cache-"))
    atexit.register(shutil.rmtree, private, ignore_errors=True)
    warnings.warn(f"{printable_path(reason)}; using {private} for this process. "
                  "Set POLICYTEXT_CACHE to a folder only you can write.", PolicyTextWarning, stacklevel=4)
    return private


@lru_cache(maxsize=4)
def _jieba(dictionary: str | None) -> Any:
    """A private, initialised ``jieba.Tokenizer`` (one per dictionary per process)."""
    import jieba

    tk = jieba.Tokenizer(dictionary=dictionary) if dictionary else jieba.Tokenizer()
    tk.tmp_dir = str(private_cache_dir())
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


class FrequencyBands:
    """Dictionary-word frequencies rounded down to :data:`BANDS` (0 when absent or rarer).

    Made by :func:`frequency_bands`; ``sets`` holds the words of each band,
    highest band first.
    """

    __slots__ = ("sets",)

    def __init__(self, sets: list[frozenset[str]]) -> None:
        self.sets = sets  # highest band first

    def get(self, word: str) -> int:
        """The largest band ``word``'s dictionary frequency reaches, else 0."""
        for band, words in zip(reversed(BANDS), self.sets):
            if word in words:
                return band
        return 0


@lru_cache(maxsize=4)
def frequency_bands(dictionary: str | None = None) -> FrequencyBands:
    """Frequency bands of a jieba dictionary (jieba's own by default), cached as a small text file per user.

    Building them parses the dictionary (about a second for jieba's 350k
    words); loading the cache splits four lines of words (about 0.1 s). The
    cache file, in :func:`private_cache_dir`, is named after the dictionary's
    path, size and modification time, so an edited dictionary gets new bands.

    Parameters
    ----------
    dictionary : str, optional
        Path of a jieba main dictionary (``word freq [tag]`` lines); None for
        the one jieba ships.

    Returns
    -------
    FrequencyBands
    """
    import hashlib
    import os

    path = _dict_path(dictionary)
    st = os.stat(path)
    key = hashlib.sha1(f"{path}|{st.st_size}|{st.st_mtime_ns}|{BANDS}".encode()).hexdigest()[:16]
    cache = private_cache_dir() / f"jieba.bands.{key}.txt"
    lines = _read_bands_cache(cache)
    if lines is None:
        lines = _build_bands(path)
        _write_bands_cache(cache, lines)
    return FrequencyBands([frozenset(line.split(" ")) if line else frozenset() for line in lines])


def _build_bands(path: str) -> list[str]:
    """The words of each band (highest first) of the dictionary at ``path``, space-separated."""
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
    return [" ".join(b) for b in buckets]


def _read_bands_cache(cache: Path) -> list[str] | None:
    """The lines of a bands cache file, or None when it is missing or not one."""
    if not cache.is_file():
        return None
    try:
        lines = cache.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return None
    return lines if len(lines) == len(BANDS) else None


def _write_bands_cache(cache: Path, lines: list[str]) -> None:
    """Write the bands cache atomically; a cache that cannot be written is simply not kept."""
    from .._files import atomic_path
    from ..errors import OutputError

    try:
        with atomic_path(cache) as tmp:
            tmp.write_text("\n".join(lines), encoding="utf-8")
    except OutputError:
        pass


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
        if RE_SURROGATE.search(text):  # Rust strings cannot hold lone surrogates: cut a stand-in
            return _slices(text, self.jb.cut(RE_SURROGATE.sub("\ufffd", text), hmm))
        return self.jb.cut(text, hmm)

    def tag(self, text: str, hmm: bool) -> Sequence[tuple[str, str | None]]:
        if RE_SURROGATE.search(text):
            pairs = self.jb.tag(RE_SURROGATE.sub("\ufffd", text), hmm)
            words = _slices(text, [w for w, _ in pairs])
            return [(w, t if w == p else None) for w, (p, t) in zip(words, pairs)]
        pairs = self.jb.tag(text, hmm)
        if hmm:  # words the HMM invented get the same fallback tag as with the jieba backend
            has = self.jb.has_word
            return [(w, t if has(w) else None) for w, t in pairs]
        return pairs


def _slices(text: str, words: Sequence[str]) -> list[str]:
    """The pieces of ``text`` as long as ``words`` (a segmentation of a same-length stand-in)."""
    out, p = [], 0
    for w in words:
        out.append(text[p:p + len(w)])
        p += len(w)
    return out


@lru_cache(maxsize=8)
def get_backend(name: str, dictionary: str | None) -> Any:
    """The shared backend ``name`` (``"rjieba"`` or ``"jieba"``, see :func:`resolve_backend`) for a dictionary."""
    if name == "rjieba":
        return _RjiebaBackend()
    return _JiebaBackend(dictionary)


def resolve_backend(backend: str, dictionary: str | None) -> str:
    """``"jieba"`` or ``"rjieba"``: who segments for ``Tokenizer(backend=...)``.

    ``"auto"`` is rjieba when it is installed; a custom ``dictionary`` needs
    jieba; ``"rjieba"`` without rjieba installed is a
    :class:`~policytext.errors.MissingDependencyError`.
    """
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
