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
