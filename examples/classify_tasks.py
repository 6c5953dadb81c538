"""Classify the task sentences of a document into the five sections of 机构编制 work.

Usage::

    python examples/classify_tasks.py [FILE] [--reference-of OTHERFILE]

Without FILE the shipped reference document is classified (its own section is
shown next to the prediction). With ``--reference-of`` the sections are those
of another document (e.g. a congress report) instead of the default five.
"""

from __future__ import annotations

import argparse

import pandas as pd

import policytext as pt


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", default=str(pt.reference_path()), help="document to classify")
    parser.add_argument("--reference-of", default=None, help="learn the sections of this document instead")
    args = parser.parse_args()

    doc = pt.load(args.file)
    if args.reference_of:
        model = pt.SectionClassifier.from_document(pt.load(args.reference_of))
    else:
        model = pt.SectionClassifier.default()
    table = pt.classify(doc, model)
    table["text"] = table["text"].str.slice(0, 28)
    table["terms"] = table["terms"].str.join("|")
    with pd.option_context("display.width", 220, "display.max_colwidth", 60, "display.unicode.east_asian_width", True):
        print(table.to_string(index=False, float_format="{:.2f}".format))
    print()
    print("tasks per section:")
    print(table.groupby(["predicted", "name"]).size().to_string())


if __name__ == "__main__":
    main()
