"""``policytext classify``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from .._files import printable_path
from ..errors import InputError, InvalidParameterError
from ._argtypes import int_at_least
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
            "or into the sections of another document (--model reference-of:OTHERFILE; --level picks which "
            "level of its sections, by default the shallowest with at least 4 sections). "
            "Prints sentence index, own section, predicted section, confidence and driving terms; terms marked "
            "'context:' come from the neighbouring sentences, when they, not the sentence itself, decided. "
            "With the default model, a document that uses little of the sections' vocabulary (fewer than 7 "
            "weighted section terms per 1,000 characters: a communiqué, a school notice) gets a warning that it "
            "looks outside 机构编制 work and that its sections are guesses."
        ),
    )
    p.add_argument("file", help="document to classify: .txt, .docx or .html")
    p.add_argument("--model", default="default", metavar="default|reference-of:OTHERFILE",
                   help="'default' (five sections of 机构编制 work) or 'reference-of:OTHERFILE' "
                        "(learn the sections of OTHERFILE at --level)")
    p.add_argument("--level", default="auto", type=_level, metavar="N|auto",
                   help="with reference-of: the section level of OTHERFILE to learn (1 = top level); 'auto' "
                        "(default): the shallowest level with at least 4 sections, e.g. level 2 of a government "
                        "work report (its 3 top-level parts hold 10 task sections)")
    p.add_argument("--all-sentences", action="store_true", help="classify every body sentence, not only tasks")
    p.add_argument("--abstain", action="store_true",
                   help="leave a sentence unplaced (-) when it is likelier outside every section than in one "
                        "(with reference-of: when its best score is below the median score OTHERFILE's own "
                        "sentences get when their section is held out; needs 3 sections or more)")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table", help="output format (default table)")
    add_lexicon_option(p)
    p.set_defaults(func=run)


def _level(value: str) -> int | str:
    """``--level``: a whole number >= 1 or ``auto``.

    >>> _level("2"), _level("auto")
    (2, 'auto')
    """
    if value == "auto":
        return value
    try:
        return int_at_least(1, "or 'auto'")(value)
    except argparse.ArgumentTypeError:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1 or 'auto', got {value!r}") from None


def _model(spec: str, tokenizer: Tokenizer | None, level: int | str = "auto", abstain: bool = False
           ) -> SectionClassifier:
    """The classifier ``--model`` names, fitted with ``tokenizer`` (None: the default tokenizer).

    ``level``: of a reference-of document; ``abstain``: the model must be able to abstain.
    """
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
        from ..analysis._classifier_document import auto_level, section_counts

        path = spec[len("reference-of:"):]
        reference = load_document(path, folder_hint=False)
        learned = auto_level(reference) if level == "auto" else int(level)
        counts = section_counts(reference)
        found = ", ".join(f"{n} at level {lv}" for lv, n in counts.items()) or "none"
        if counts.get(learned, 0) < 2:
            raise InputError(printable_path(Path(path)),
                             f"has {counts.get(learned, 0)} section(s) at level {learned}; need at least 2 "
                             f"to learn from (sections with text: {found})")
        model = SectionClassifier.from_document(reference, learned, tokenizer=tokenizer)
        if abstain and model.outside is None:  # fewer than 3 sections: none can be held out to learn "outside"
            raise InputError(printable_path(Path(path)),
                             f"--abstain needs at least 3 sections at the level learned to learn what lies outside "
                             f"them; it has {counts[learned]} at level {learned} (sections with text: {found}): "
                             f"pick another --level or leave out --abstain")
        return model
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

    model = _model(args.model, tokenizer_of(args), args.level, args.abstain)
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
