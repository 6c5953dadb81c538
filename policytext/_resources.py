"""Locate the data that ships with the package (lexicons, the reference corpus).

The top-level ``lexicons/`` and ``corpora/`` folders of the repository are the
source of truth; ``setup.cfg`` installs them as the sub-packages
``policytext.lexicons`` and ``policytext.corpora``. In a source checkout that
is not installed, the folders are found next to the package.
"""

from __future__ import annotations

import os
from functools import cache
from importlib import resources
from pathlib import Path

__all__ = ["data_dir", "data_file", "reference_path", "cache_path", "cache_dir"]


@cache
def data_dir(kind: str) -> Path:
    """Directory of shipped data: ``kind`` is ``"lexicons"`` or ``"corpora"``."""
    if kind not in ("lexicons", "corpora"):
        raise ValueError(f"unknown data kind {kind!r}")
    try:
        base = resources.files(f"policytext.{kind}")
        path = Path(str(base))
        if path.is_dir() and any(path.iterdir()):
            return path
    except (ModuleNotFoundError, TypeError):
        pass
    path = Path(__file__).resolve().parent.parent / kind
    if path.is_dir():
        return path
    raise FileNotFoundError(f"policytext data folder {kind!r} is missing: reinstall the package")


def data_file(kind: str, name: str) -> Path:
    """Path of one shipped data file."""
    path = data_dir(kind) / name
    if not path.is_file():
        raise FileNotFoundError(f"policytext data file {kind}/{name} is missing: reinstall the package")
    return path


def reference_path() -> Path:
    """Path of the shipped reference document (the 编办 article, five sections).

    >>> reference_path().name
    'reference_bianban_2022.txt'
    """
    return data_file("corpora", "reference_bianban_2022.txt")


def cache_path() -> Path:
    """Where the per-user cache folder is (``$POLICYTEXT_CACHE`` or ``~/.cache/policytext``); nothing is created.

    ``$XDG_CACHE_HOME/policytext`` when ``XDG_CACHE_HOME`` is set and
    ``POLICYTEXT_CACHE`` is not.
    """
    env = os.environ.get("POLICYTEXT_CACHE")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return Path(xdg) / "policytext" if xdg else Path.home() / ".cache" / "policytext"


def cache_dir() -> Path:
    """Per-user cache directory (:func:`cache_path`), created on first use with mode 0700.

    Never a shared ``/tmp`` name. Raises ``OSError`` when the folder cannot be
    created (a read-only home folder, ``$POLICYTEXT_CACHE`` naming a file):
    :func:`policytext.tokens.backends.private_cache_dir` then falls back to a
    private temporary folder with a warning, so use that for caches.
    """
    path = cache_path()
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path
