"""Read a dated record (``../shared/xwlb``) and the shared corpora as normalised paragraphs (helpers for scripts/)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEFAULT_RECORD = SHARED / "xwlb"
DEFAULT_CORPORA = SHARED / "corpora"


def missing_record(record: Path) -> str | None:
    """Why ``record`` cannot be read as a dated record (no ``metadata.tsv``), or None when it can."""
    return None if (record / "metadata.tsv").is_file() else f"no record at {record} (metadata.tsv missing)"


def record_index(record: Path = DEFAULT_RECORD) -> list[tuple[str, Path]]:
    """``(ISO date, path)`` of every day listed in ``metadata.tsv`` whose file exists, in date order."""
    with open(record / "metadata.tsv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return sorted((r["date"], record / r["file"]) for r in rows if (record / r["file"]).is_file())


def paragraphs(path: Path) -> list[str]:
    """The normalised non-empty lines (paragraphs, item titles) of one file."""
    from policytext.text.normalize import normalize

    return [ln for ln in normalize(path.read_text(encoding="utf-8")).split("\n") if ln.strip()]


def corpora_files(corpora: Path = DEFAULT_CORPORA) -> list[Path]:
    """The ``*.txt`` documents of the shared corpora, sorted by name."""
    return sorted(corpora.glob("*.txt"))


def iter_record(record: Path = DEFAULT_RECORD) -> Iterator[tuple[str, list[str]]]:
    """``(date, paragraphs)`` for every day of the record, in date order."""
    for date, path in record_index(record):
        yield date, paragraphs(path)
