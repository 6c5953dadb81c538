"""Keywords of every section of a policy document
================================================

Prints the TF-IDF and TextRank keywords of the whole document, then the top
keywords of each top-level section next to its heading.

Usage::

    python examples/keywords_by_section.py [PATH] [--top N]

Without PATH the reference document shipped with policytext is used.
"""

from __future__ import annotations

import argparse

import policytext as pt
from policytext.analysis.keyterms import keywords, section_keywords


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Keywords of every section of a policy document.")
    ap.add_argument("path", nargs="?", default=str(pt.reference_path()),
                    help="document (default: the reference document)")
    ap.add_argument("--top", type=int, default=5, help="keywords per section (default 5)")
    args = ap.parse_args(argv)

    doc = pt.load(args.path)
    print(f"# {doc.title or args.path}")
    for method in ("tfidf", "textrank"):
        terms = ", ".join(k.term for k in keywords(doc, method=method, top=10))
        print(f"{method:8s} {terms}")
    print()
    table = section_keywords(doc, top=args.top)
    for sid, rows in table.groupby("section", sort=False):
        print(f"{sid}. {rows['heading'].iloc[0]}")
        print("   " + " · ".join(f"{t} ({s:.2f})" for t, s in zip(rows["term"], rows["score"])))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
