"""``policytext timeline``: when terms first appeared in a dated corpus and how their use changed."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._files import StagedOutputs, printable_path
from ..errors import InputError, InvalidParameterError, OutputError
from ._argtypes import processes_value
from ._inputs import (
    AUTO_PATTERN,
    PATTERN_HELP,
    add_lexicon_option,
    corpus_warnings,
    folder_pattern,
    no_files_error,
    tokenizer_of,
)

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..tokens.tokenizer import Tokenizer

#: Output suffixes: an interactive page, or a static figure.
HTML_SUFFIXES = (".html", ".htm")
FIGURE_SUFFIXES = (".png", ".svg", ".pdf")


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``policytext timeline``."""
    p = sub.add_parser(
        "timeline",
        help="first appearance and use over time of terms in a dated corpus",
        description=(
            "Count TERMs in every document of a dated corpus folder (dates from its metadata table, e.g. "
            "metadata.tsv with file and date columns) in one pass, print each term's first appearance "
            "(date, file, count) and write a timeline: .html (interactive, works offline; hovering a point "
            "shows the first sentence of the period that uses the term) or .png/.svg/.pdf (static). A TERM "
            "may be written as the lexicon writes it or as any of its aliases, with or without its quotation "
            "marks (人工智能+ is “人工智能+”). Missing folders of OUT are created."),
    )
    p.add_argument("terms", nargs="+", metavar="TERM", help="terms to follow (a lexicon alias counts as its term)")
    p.add_argument("--corpus", required=True, metavar="DIR", help="folder of dated documents")
    p.add_argument("-o", "--output", action="append", required=True, metavar="OUT",
                   help="timeline file: .html, .png, .svg or .pdf (repeatable)")
    p.add_argument("--freq", choices=("Y", "M", "D"), default="Y", help="period: year, month or day (default Y)")
    p.add_argument("--value", choices=("rate", "count", "documents"), default="rate",
                   help="y axis: rate per 10,000 characters (default), occurrences, or documents using the term")
    p.add_argument("--metadata", metavar="FILE", default="auto",
                   help="metadata table (CSV/TSV with 'file' and 'date' columns); default: metadata.csv, "
                        "metadata.tsv or MANIFEST.tsv in DIR")
    p.add_argument("--pattern", default=AUTO_PATTERN, help=PATTERN_HELP)
    p.add_argument("--processes", default="auto", metavar="N",
                   help="worker processes: an int, or 'auto' (default): one per CPU, or 1 for input under "
                        "64 MB (counting terms is light: one process was faster on the whole 37 MB record)")
    p.add_argument("--substring", action="store_true",
                   help="count every occurrence of a TERM's text; by default a hit counts only where it is a word "
                        "(双减 in 双减负 or “双减少” is not a use)")
    p.add_argument("--title", default=None, help="figure title")
    add_lexicon_option(p)
    p.set_defaults(func=run)


def _outputs(args: argparse.Namespace) -> list[Path]:
    outs = [Path(o) for o in args.output]
    for out in outs:
        if out.suffix.lower() not in HTML_SUFFIXES + FIGURE_SUFFIXES:
            raise InvalidParameterError.unknown("output suffix", "policytext timeline", out.suffix or "(none)",
                                                list(HTML_SUFFIXES + FIGURE_SUFFIXES))
    return outs


def _history(args: argparse.Namespace, want_examples: bool, tokenizer: Tokenizer | None
             ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """First appearances and trajectories of the terms, from one pass over the corpus."""
    from ..corpus.corpus import Corpus

    metadata = None if args.metadata in ("", "none", "None") else args.metadata
    with corpus_warnings():
        corpus = Corpus.from_folder(args.corpus, metadata=metadata, pattern=args.pattern, tokenizer=tokenizer)
        if not len(corpus):
            raise no_files_error(args.corpus, args.pattern)
        if not any(corpus.metadata["date"].notna()):
            raise InputError(args.corpus, "no document has a date: give a metadata table with 'file' and "
                                          "'date' columns (--metadata)" + _parent_hint(Path(args.corpus), args.pattern))
        lexicon = tokenizer.lexicon if tokenizer is not None else None
        first, frame = corpus.term_history(args.terms, freq=args.freq, lexicon=lexicon, examples=want_examples,
                                           match="substring" if args.substring else "word",
                                           processes=processes_value(args.processes, "timeline"))
    return first, frame


def _parent_hint(folder: Path, pattern: str) -> str:
    """``, or read the folder that holds one: --corpus PARENT --pattern 'SUB/…'`` when a parent folder
    holds a metadata table (a record kept in year folders, read one year at a time)."""
    for parent in list(folder.resolve().parents)[:3]:
        if any((parent / n).is_file() for n in ("metadata.csv", "metadata.tsv", "MANIFEST.tsv")):
            sub = folder.resolve().relative_to(parent).as_posix()
            shown = printable_path(folder.parent if parent == folder.resolve().parent else parent)
            return f", or read the folder that holds one: --corpus {shown} --pattern '{sub}/{pattern}'"
    return ""


def _print_first(first: pd.DataFrame, terms: list[str]) -> None:
    """One line per term, in the order of ``terms`` (the order typed)."""
    rank = {t: i for i, t in enumerate(terms)}
    rows = sorted(first.itertuples(index=False), key=lambda r: rank.get(r.term, len(rank)))
    for row in rows:
        if row.count:
            where = row.file or row.document
            print(f"{row.term}: first {row.date} ({where}, {row.count}×); {row.total} in {row.n_documents} "
                  "documents")
        else:
            print(f"{row.term}: not found")


def _drawn_terms(args: argparse.Namespace, first: pd.DataFrame, tokenizer: Tokenizer | None) -> list[str]:
    """The TERMs in the order typed, each as the lexicon names it (the name its rows carry).

    A TERM typed as an alias or without its quotes (人工智能+) is counted
    under the lexicon's name (“人工智能+”), which the timeline must draw.
    """
    from ..tokens.lexicon import Lexicon

    lexicon = tokenizer.lexicon if tokenizer is not None else Lexicon.default()
    terms = list(dict.fromkeys(lexicon.canonical(t) for t in args.terms))
    counted = set(first["term"])
    return [t for t in terms if t in counted] + [t for t in dict.fromkeys(first["term"]) if t not in terms]


def _write(out: Path, tmp: Path, frame: Any, terms: list[str], args: argparse.Namespace) -> None:
    """Draw ``terms`` (the names the lexicon resolved, as in ``frame``) to ``tmp``, in ``out``'s format."""
    from ..render.timeline import plot_timeline, timeline_html

    title = args.title or "、".join(terms)
    if out.suffix.lower() in HTML_SUFFIXES:
        timeline_html(frame, tmp, terms, value=args.value, title=title)
    else:
        plot_timeline(frame, tmp, terms, value=args.value, title=title)


def run(args: argparse.Namespace) -> int:
    outs = _outputs(args)
    folder = Path(args.corpus)
    if folder.is_dir():
        args.pattern = folder_pattern(folder, args.pattern)
    inputs = [*folder.glob(args.pattern), *(Path(f) for f in args.lexicon)]
    staged = StagedOutputs([("-o", o) for o in outs], make_folders=True, inputs=inputs)
    staged.check()  # fail before the slow pass if an output cannot be written
    tokenizer = tokenizer_of(args)
    first, frame = _history(args, any(o.suffix.lower() in HTML_SUFFIXES for o in outs), tokenizer)
    terms = _drawn_terms(args, first, tokenizer)
    _print_first(first, terms)
    with staged:
        for out in outs:
            try:
                _write(out, staged[out], frame, terms, args)
            except OutputError as exc:
                reason = str(exc).removeprefix(f"cannot write {staged[out]}: ")
                raise OutputError(f"-o {out}: {reason}") from None
    print("timeline → " + ", ".join(printable_path(o) for o in outs))
    return 0
