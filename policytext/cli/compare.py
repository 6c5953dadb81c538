"""``policytext compare``."""

from __future__ import annotations

import argparse
from pathlib import Path

from .._files import StagedOutputs
from ..errors import InvalidParameterError, OutputError
from ._argtypes import int_at_least
from ._inputs import (
    AUTO_PATTERN,
    DOCUMENT_HELP,
    PATTERN_HELP,
    add_lexicon_option,
    folder_pattern,
    input_files,
    load_document,
    no_files_error,
    shown,
    tokenizer_of,
)


def run(args: argparse.Namespace) -> int:
    # the analysis and the report load when the command runs, not when the CLI starts
    from ..analysis.compare import compare
    from ..render.compare_report import REPORT_SUFFIXES, to_markdown, write_comparison
    from ..tokens.lexicon import Lexicon

    out = Path(args.output) if args.output else None
    staged = None
    if out is not None:  # before the slow part
        if out.suffix.lower() not in REPORT_SUFFIXES:
            raise InvalidParameterError.unknown("-o suffix", "policytext compare", out.suffix.lower() or "(none)",
                                                REPORT_SUFFIXES)
        staged = StagedOutputs([("-o", out)], make_folders=True, inputs=input_files(args, args.a, args.b))
        staged.check()
    from ..tokens.tokenizer import Tokenizer

    tokenizer = Tokenizer(lexicon=Lexicon.empty()) if args.no_lexicon else tokenizer_of(args)
    a, b = load_document(args.a), load_document(args.b)
    if args.date_b:
        b.metadata["date"] = args.date_b
    background = _background(args) if args.background else None
    cmp = compare(a, b, tokenizer=tokenizer, min_count=args.min_count, background=background)
    if out is None or staged is None:
        print(to_markdown(cmp, top=args.top), end="")
        return 0
    with staged:  # missing folders of -o are created, and removed again if writing fails
        try:
            write_comparison(cmp, staged[out], top=args.top)
        except OutputError as exc:  # name the file asked for, not its private temporary file
            reason = str(exc).removeprefix(f"cannot write {staged[out]}: ")
            raise OutputError(f"-o {out}: {reason}") from None
    print(f"wrote {shown(out)}")
    return 0


def _background(args: argparse.Namespace) -> object:
    """The dated corpus of ``--background DIR`` (dates from its metadata table)."""
    from ..corpus.corpus import Corpus
    from ..errors import InputError

    pattern = folder_pattern(args.background, args.background_pattern) if Path(args.background).is_dir() \
        else args.background_pattern
    corpus = Corpus.from_folder(args.background, pattern=pattern)
    if not len(corpus):
        raise no_files_error(args.background, pattern, "--background-pattern")
    if not any(corpus.metadata["date"].notna()):
        raise InputError(args.background, "no document has a date: --background needs a folder with a metadata "
                                          "table (file and date columns)")
    return corpus


def _iso_date(value: str) -> str:
    """``--date-b``: an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)."""
    import re

    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, got {value!r}")
    return value


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``policytext compare A B [-o report.html|report.md|report.docx] [--top N]``."""
    p = sub.add_parser(
        "compare", help="compare two documents: new/dropped 提法 and people, keyness, similarity",
        description="Compare a target document B with a reference A (e.g. the previous plenum): new and "
                    "dropped terms and formulations, new and dropped person names (elections, personnel and "
                    "disciplinary decisions), keyness (signed G², log ratio), TF-IDF cosine, section map. "
                    "Prints Markdown, or writes an HTML, Markdown or Word report with -o (missing folders are "
                    "created) and says where.")
    p.add_argument("a", help="reference " + DOCUMENT_HELP)
    p.add_argument("b", help="target " + DOCUMENT_HELP)
    p.add_argument("-o", "--output",
                   help="write the report here (.html, .md or .docx) instead of printing Markdown")
    p.add_argument("--top", type=int_at_least(1), default=20, help="rows per table (default 20)")
    p.add_argument("--min-count", type=int_at_least(1), default=2,
                   help="minimum count of a new phrase (default 2)")
    p.add_argument("--background", metavar="DIR",
                   help="a dated corpus folder (metadata table with file and date columns, e.g. the 新闻联播 "
                        "record): new terms of B are ranked by how new they are there before B's date")
    p.add_argument("--background-pattern", default=AUTO_PATTERN, metavar="GLOB",
                   help=PATTERN_HELP.replace("DIR", "the background folder"))
    p.add_argument("--date-b", type=_iso_date, metavar="YYYY-MM-DD",
                   help="B's date, when the document does not state it (novelty counts the background before it)")
    add_lexicon_option(p)
    p.add_argument("--no-lexicon", action="store_true",
                   help="use no lexicon (numbered formulations and phrases only)")
    p.set_defaults(func=run)
