"""``policytext classify``."""

from __future__ import annotations

import argparse

from ..errors import InvalidParameterError


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``policytext classify``."""
    p = sub.add_parser(
        "classify",
        help="place the task sentences of a document into sections",
        description=(
            "Place every task sentence of FILE into the five sections of 机构编制 work (default model), "
            "or into the top-level sections of another document (--model reference-of:OTHERFILE). "
            "Prints sentence index, own section, predicted section, confidence and driving terms."
        ),
    )
    p.add_argument("file", help="document to classify: .txt, .docx or .html")
    p.add_argument("--model", default="default", metavar="default|reference-of:OTHERFILE",
                   help="'default' (five sections of 机构编制 work) or 'reference-of:OTHERFILE' "
                        "(learn the top-level sections of OTHERFILE)")
    p.add_argument("--all-sentences", action="store_true", help="classify every body sentence, not only tasks")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table", help="output format (default table)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import sys

    from ..analysis.classifier import SectionClassifier, classify
    from ..text.loading import load

    spec = args.model
    if spec == "default":
        model = SectionClassifier.default()
    elif spec.startswith("reference-of:") and spec[len("reference-of:"):]:
        model = SectionClassifier.from_document(load(spec[len("reference-of:"):]))
    else:
        raise InvalidParameterError.build("--model", "policytext classify", "'default' or 'reference-of:FILE'", spec)
    table = classify(load(args.file), model, tasks_only=not args.all_sentences)
    if args.format == "json":
        sys.stdout.write(table.to_json(orient="records", force_ascii=False, indent=1) + "\n")
        return 0
    table = table.assign(terms=["|".join(t) for t in table["terms"]], confidence=table["confidence"].round(3))
    if args.format == "csv":
        table.to_csv(sys.stdout, index=False)
    elif table.empty:
        sys.stdout.write("(no task sentences)\n" if not args.all_sentences else "(no sentences)\n")
    else:
        sys.stdout.write(f"{'sent':>4}  {'own':>5}  {'pred':>5} name  confidence  terms  text\n")
        for row in table.itertuples(index=False):
            text = row.text if len(row.text) <= 40 else row.text[:39] + "…"
            sys.stdout.write(f"{row.sentence:>4}  {row.section or '-':>5}  {row.predicted!s:>5} {row.name}"
                             f"  {row.confidence:.2f}  {row.terms}  {text}\n")
    return 0
