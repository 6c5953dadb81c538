"""``policytext classify``."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ..errors import InvalidParameterError
from ._inputs import add_lexicon_option, load_document, tokenizer_of

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..analysis.classifier import SectionClassifier
    from ..tokens.tokenizer import Tokenizer


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``policytext classify``."""
    p = sub.add_parser(
        "classify",
        help="place the task sentences of a document into sections",
        description=(
            "Place every task sentence of FILE into the five sections of 机构编制 work (default model), "
            "or into the top-level sections of another document (--model reference-of:OTHERFILE). "
            "Prints sentence index, own section, predicted section, confidence and driving terms. "
            "With the default model, a document that uses little of the sections' vocabulary (fewer than 7 "
            "weighted section terms per 1,000 characters: a communiqué, a school notice) gets a warning that it "
            "looks outside 机构编制 work and that its sections are guesses."
        ),
    )
    p.add_argument("file", help="document to classify: .txt, .docx or .html")
    p.add_argument("--model", default="default", metavar="default|reference-of:OTHERFILE",
                   help="'default' (five sections of 机构编制 work) or 'reference-of:OTHERFILE' "
                        "(learn the top-level sections of OTHERFILE)")
    p.add_argument("--all-sentences", action="store_true", help="classify every body sentence, not only tasks")
    p.add_argument("--abstain", action="store_true",
                   help="leave a sentence unplaced (-) when it is likelier outside every section than in one")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table", help="output format (default table)")
    add_lexicon_option(p)
    p.set_defaults(func=run)


def _model(spec: str, tokenizer: Tokenizer | None) -> SectionClassifier:
    """The classifier ``--model`` names, fitted with ``tokenizer`` (None: the default tokenizer)."""
    from ..analysis.classifier import SectionClassifier

    if spec == "default":
        if tokenizer is None:
            return SectionClassifier.default()  # shared, built once
        # the five-section model learned again with the extra terms (as SectionClassifier.default builds it)
        from .._resources import reference_path
        from ..analysis._classifier_model import DEFAULT_PARAMS
        from ..analysis._classifier_sections import document_training

        X, y, _ = document_training(load_document(reference_path()), 1, headings=True)
        return SectionClassifier(sections="default", tokenizer=tokenizer, **DEFAULT_PARAMS).fit(
            X, [int(v) for v in y])
    if spec.startswith("reference-of:") and spec[len("reference-of:"):]:
        reference = load_document(spec[len("reference-of:"):], folder_hint=False)
        return SectionClassifier.from_document(reference, tokenizer=tokenizer)
    raise InvalidParameterError.build("--model", "policytext classify", "'default' or 'reference-of:FILE'", spec)


def _classify(args: argparse.Namespace, model: SectionClassifier) -> pd.DataFrame:
    """:func:`classify` of ``args.file``; its domain warning once, worded with this command's options."""
    import warnings

    from ..analysis._classifier_domain import OutsideDomainWarning, domain_message
    from ..analysis.classifier import classify

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", OutsideDomainWarning)
        table = classify(load_document(args.file), model, tasks_only=not args.all_sentences, abstain=args.abstain)
    outside = False
    for w in caught:
        if issubclass(w.category, OutsideDomainWarning):
            outside = True
        else:  # anything else passes on as it was
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    if outside:
        message = domain_message(str(args.file), table.attrs["domain_coverage"], abstain=args.abstain, cli=True)
        warnings.warn(message, OutsideDomainWarning, stacklevel=2)
    return table


def run(args: argparse.Namespace) -> int:
    import sys

    model = _model(args.model, tokenizer_of(args))
    table = _classify(args, model)
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
            predicted = "-" if row.predicted is None else str(row.predicted)
            sys.stdout.write(f"{row.sentence:>4}  {row.section or '-':>5}  {predicted:>5} {row.name or '-'}"
                             f"  {row.confidence:.2f}  {row.terms}  {text}\n")
    return 0
