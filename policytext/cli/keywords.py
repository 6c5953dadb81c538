"""``policytext keywords``."""

from __future__ import annotations

import argparse

from ..analysis.keyterms import METHODS, keywords, section_keywords
from ..errors import InvalidParameterError
from ._inputs import DOCUMENT_HELP, add_lexicon_option, load_document, tokenizer_of


def _whole_number(value: str) -> int:
    """``--top``'s type: any whole number (its range is checked by :func:`run`, a usage error naming --top).

    >>> _whole_number("5")
    5
    >>> _whole_number("2.5")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: expected a whole number >= 1, got '2.5'
    """
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1, got {value!r}") from None


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``policytext keywords``."""
    p = sub.add_parser(
        "keywords",
        help="extract keywords from a document",
        description="Extract keywords (TF-IDF against a policy-genre IDF, or TextRank) from a document, "
                    "for the whole document or for every section.",
    )
    p.add_argument("file", help=DOCUMENT_HELP)
    p.add_argument("--method", choices=sorted(METHODS), default="tfidf", help="ranking method (default tfidf)")
    p.add_argument("--top", type=_whole_number, default=20, metavar="N",
                   help="number of keywords, >= 1 (per section with --by-section; default 20)")
    p.add_argument("--by-section", action="store_true", help="keywords of every top-level section")
    p.add_argument("--body-only", action="store_true",
                   help="read body sentences only (by default section headings are read as part of the text)")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table", help="output format")
    add_lexicon_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the keywords of ``args.file`` (a bad ``--top`` is an InvalidParameterError: exit code 2)."""
    import sys

    if args.top < 1:  # before reading the document
        raise InvalidParameterError(f"--top must be a whole number >= 1, got {args.top} "
                                    "(the 'top' parameter of policytext keywords)")
    doc = load_document(args.file)
    tk = tokenizer_of(args)
    if args.by_section:
        if not doc.sections:
            sys.stdout.write("(the document has no numbered sections: run without --by-section)\n")
            return 0
        df = section_keywords(doc, method=args.method, top=args.top, headings=not args.body_only, tokenizer=tk)
    else:
        import pandas as pd

        kws = keywords(doc, method=args.method, top=args.top, headings=not args.body_only, tokenizer=tk)
        # ``written``: how the document wrote the term most often (an alias counts under its lexicon term)
        df = pd.DataFrame([(i, k.term, k.surface, k.score, k.count, k.category) for i, k in enumerate(kws, 1)],
                          columns=["rank", "term", "written", "score", "count", "category"])
    if args.format == "csv":
        df.to_csv(sys.stdout, index=False)
    elif args.format == "json":
        sys.stdout.write(df.to_json(orient="records", force_ascii=False, indent=1) + "\n")
    else:
        if df.empty:
            sys.stdout.write("(no keywords)\n")
        else:
            shown = df.assign(category=df["category"].fillna("-"))
            sys.stdout.write(shown.to_string(index=False, float_format=lambda x: f"{x:.3f}") + "\n")
    return 0
