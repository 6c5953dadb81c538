"""Outlines of saved pages from ``../shared/headed``, checked by reading them and pinned (issue 15).

``tests/data/headed_outlines.json`` holds, for each document whose outline was
read and found right: the md5 of the file (the pin is skipped if the file
changed), the outline as ``[id, level, kind, md5(heading)[:10]]`` rows (no
text of the documents is stored), the number of parts and of table-of-contents
entries, the md5 of the issuer, the document's date and the page's date, and a
note on what was checked. Regenerate after reading new outlines with
``python tests/test_headed_outlines.py --write sx_1.txt sx_2.txt …`` (it only
adds or replaces the named documents).

The second test applies the acceptance measure of issue 15 to every headed
document (``benchmarks/eval_structure.py``): at least 98% of the body's
top-level heading lines are sections and no table-of-contents line is one.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import sys
from pathlib import Path

import pytest

import policytext as pt

REPO = Path(__file__).resolve().parent.parent
HEADED = Path(os.environ.get("POLICYTEXT_SHARED", REPO.parent / "shared")) / "headed"
PINS = REPO / "tests" / "data" / "headed_outlines.json"


def _md5(text: str | None) -> str | None:
    return None if text is None else hashlib.md5(text.encode("utf-8")).hexdigest()[:10]


def _file_md5(path: Path) -> str:
    return hashlib.md5(path.read_bytes()).hexdigest()


def describe(path: Path) -> dict:
    """What is pinned of one document (see the module docstring)."""
    doc = pt.load(path)
    meta = doc.metadata
    return {
        "file_md5": _file_md5(path),
        "outline": [[sec.id, sec.level, sec.kind, _md5(sec.heading)] for sec in doc.walk()],
        "parts": len(doc.parts),
        "toc": len(meta.get("toc", [])),
        "issuer": _md5(meta.get("issuer")),
        "date": meta.get("date"),
        "page_date": meta.get("page_date"),
    }


def _pins() -> dict:
    return json.loads(PINS.read_text(encoding="utf-8"))


def _headed(name: str) -> Path:
    path = HEADED / name
    if not path.is_file():
        pytest.skip(f"headed document {name} not found at {HEADED} (set POLICYTEXT_SHARED)")
    return path


@pytest.mark.parametrize("name", sorted(_pins()))
def test_pinned_outline(name):
    pin = _pins()[name]
    path = _headed(name)
    if _file_md5(path) != pin["file_md5"]:
        pytest.skip(f"{name} changed since its outline was read and pinned")
    got = describe(path)
    assert got["outline"] == pin["outline"], name
    for key in ("parts", "toc", "issuer", "date", "page_date"):
        assert got[key] == pin[key], (name, key)


def test_pins_were_read():
    pins = _pins()
    assert len(pins) >= 20
    assert all(p["checked"] for p in pins.values())
    assert sum(p["parts"] > 0 for p in pins.values()) >= 8  # several units on one page
    assert sum(p["toc"] > 0 for p in pins.values()) >= 2
    assert sum(p["issuer"] is not None for p in pins.values()) >= 6


def test_acceptance_measure_over_all_headed_documents():
    if not (HEADED / "MANIFEST.tsv").is_file():
        pytest.skip(f"headed documents not found at {HEADED} (set POLICYTEXT_SHARED)")
    spec = importlib.util.spec_from_file_location("eval_structure", REPO / "benchmarks" / "eval_structure.py")
    ev = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = ev  # (its dataclasses look their module up)
    try:
        spec.loader.exec_module(ev)
    finally:
        del sys.modules[spec.name]
    scores = ev.run("all")
    gold = sum(s.gold for s in scores.values())
    hits = sum(s.hits for s in scores.values())
    assert len(scores) >= 150
    assert hits / gold >= 0.98
    assert sum(s.toc_sections for s in scores.values()) == 0


if __name__ == "__main__":  # pragma: no cover - maintenance: pin outlines that were read
    args = sys.argv[1:]
    if not args or args[0] != "--write":
        sys.exit("usage: python tests/test_headed_outlines.py --write NAME [NAME …] [--note TEXT]")
    note = "outline read against the page"
    names = args[1:]
    if "--note" in names:
        k = names.index("--note")
        note, names = names[k + 1], names[:k]
    pins = _pins() if PINS.exists() else {}
    for n in names:
        pins[n] = {**describe(HEADED / n), "checked": note}
    PINS.write_text(json.dumps(pins, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(pins)} pinned")
