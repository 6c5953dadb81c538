"""Shared fixtures. Real documents are read from ``../shared/corpora`` (never
copied into the repository); tests that need them skip with a reason when the
folder is absent, as in a user's fresh clone."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest

import policytext as pt

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("POLICYTEXT_SHARED_CORPORA", REPO.parent / "shared" / "corpora"))

#: The pytest-xdist worker this process is ("gw0", "gw1", ...), or None in a plain run.
WORKER = os.environ.get("PYTEST_XDIST_WORKER")


def _per_worker_folders() -> None:
    """Under pytest-xdist (the README's ``-n auto``), give each worker its own cache and matplotlib folders.

    A ``$POLICYTEXT_CACHE`` or ``$MPLCONFIGDIR`` that is set (as ``.ci/run`` sets them) becomes
    ``<folder>/<worker>``, so no worker reads a cache file another one is writing and tests that look at the
    cache folder see only their own process's files. Unset, they stay the user's folders, which the package
    and matplotlib share between processes safely (atomic writes, a file lock). Runs before anything is
    tokenized or drawn: the cache folder is looked up once per process.
    """
    if not WORKER:
        return
    for var in ("POLICYTEXT_CACHE", "MPLCONFIGDIR"):
        base = os.environ.get(var)
        if base:
            os.environ[var] = str(Path(base) / WORKER)


_per_worker_folders()


def pytest_configure(config: pytest.Config) -> None:
    """Under pytest-xdist, hand the workers their tests one at a time unless ``--maxschedchunk`` is given.

    xdist's default first hands each worker an eighth of the collection in one block: the first worker
    then holds every ``slow`` test (sorted first, below) and the other worker cannot take any of them.
    One at a time (``--maxschedchunk 1``; each worker still keeps two tests queued), the slow tests go to
    whichever worker is free. Only the controlling process schedules; the workers ignore the option.
    """
    if config.pluginmanager.hasplugin("xdist") and getattr(config.option, "maxschedchunk", 0) is None:
        config.option.maxschedchunk = 1


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under pytest-xdist, run the tests marked ``slow`` first (in their usual order), the rest after.

    The workers take tests in collection order; a 90-second test that starts last leaves the other
    worker idle until it ends. Every worker reorders the same way, as xdist requires. A plain run keeps
    the file order.
    """
    if WORKER:
        items.sort(key=lambda item: item.get_closest_marker("slow") is None)  # stable: False (slow) first


_BENCHMARKS: dict[str, ModuleType] = {}


def benchmark_module(name: str, folder: str = "benchmarks") -> ModuleType:
    """``<folder>/<name>.py`` (``benchmarks/`` or ``scripts/``) loaded once (not a package: its folder is on
    ``sys.path`` while it loads)."""
    key = f"{folder}/{name}"
    if key not in _BENCHMARKS:
        path = REPO / folder / f"{name}.py"
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None and spec.loader is not None
        mod = importlib.util.module_from_spec(spec)
        sys.path.insert(0, str(path.parent))
        try:
            spec.loader.exec_module(mod)
        finally:
            sys.path.remove(str(path.parent))
        _BENCHMARKS[key] = mod
    return _BENCHMARKS[key]


def shared_path(name: str) -> Path:
    """Path of a shared corpus file; skips the test when the corpus is absent."""
    path = SHARED / name
    if not path.is_file():
        pytest.skip(f"shared corpus file {name} not found at {SHARED} (set POLICYTEXT_SHARED_CORPORA)")
    return path


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "MANIFEST.tsv").is_file():
        pytest.skip(f"shared corpora not found at {SHARED} (set POLICYTEXT_SHARED_CORPORA)")
    return SHARED


@pytest.fixture(scope="session")
def shared_files(shared_dir: Path) -> list[Path]:
    return sorted(shared_dir.glob("*.txt"))


@pytest.fixture(scope="session")
def shared_docs(shared_files: list[Path]) -> dict[str, pt.Document]:
    """Every shared document, parsed once per session, by file stem."""
    return {p.stem: pt.load(p) for p in shared_files}


@pytest.fixture(scope="session")
def reference_doc() -> pt.Document:
    """The shipped reference document (five sections)."""
    return pt.load(pt.reference_path())


@pytest.fixture(scope="session")
def tokenizer():
    return pt.Tokenizer()


@pytest.fixture(autouse=True)
def _doctest_namespace(doctest_namespace):
    doctest_namespace["pt"] = pt


@pytest.fixture
def private_cache(tmp_path, monkeypatch):
    """Point the per-user cache at a test-private folder."""
    monkeypatch.setenv("POLICYTEXT_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"
