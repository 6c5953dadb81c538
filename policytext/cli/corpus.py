"""``policytext corpus``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._files import StagedOutputs, printable_path
from ..corpus._spawn import PROCESSES_PER_CPU, max_processes
from ..errors import InputError, InvalidParameterError, OutputError
from ._argtypes import int_at_least
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

    from ..corpus.corpus import Corpus


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``policytext corpus``."""
    p = sub.add_parser(
        "corpus",
        help="term frequencies (documents × terms) of a folder of documents",
        description=(
            "Read every document of a folder (with an optional metadata table), count the content terms of "
            "each and write a documents × terms table (.parquet or .csv/.tsv), plus the metadata table next "
            "to it (OUT with .metadata before the suffix; missing folders of OUT are created). Broken files "
            "are reported by name and skipped."),
    )
    p.add_argument("folder", metavar="DIR", help="folder of documents (.txt, .md, .docx, .html; --pattern picks them)")
    p.add_argument("-o", "--output", required=True, metavar="OUT",
                   help="output table: .parquet (needs pyarrow), .csv or .tsv")
    p.add_argument("--metadata", metavar="FILE", default="auto",
                   help="metadata table (CSV/TSV with a 'file' column); default: metadata.csv, metadata.tsv or "
                        "MANIFEST.tsv in DIR if present")
    p.add_argument("--pattern", default=AUTO_PATTERN, help=PATTERN_HELP)
    p.add_argument("--processes", default="auto", metavar="N",
                   help=f"worker processes: an int from 1 (serial) to {PROCESSES_PER_CPU} per available CPU, or "
                        "'auto' (default): one per CPU, or 1 for input under 4 MB, where starting "
                        "workers costs more than they save")
    p.add_argument("--top-terms", type=int_at_least(0, "0 keeps every term"), default=0, metavar="N",
                   help="keep only the N most frequent terms (default 0: all)")
    p.add_argument("--min-count", type=int_at_least(1), default=1, metavar="N",
                   help="drop terms with fewer than N occurrences in the corpus (default 1)")
    p.add_argument("--long", action="store_true",
                   help="write document, term, count rows instead of a wide table")
    add_lexicon_option(p)
    p.set_defaults(func=run)


def _processes(value: str) -> int | str:
    """``--processes``: "auto" or an int from 1 to :func:`~policytext.corpus.max_processes`."""
    if value == "auto":
        return value
    try:
        n = int(value)
    except ValueError:
        n = 0
    if not 1 <= n <= max_processes():
        raise InvalidParameterError.build(
            "--processes", "policytext corpus",
            f"an int in the range [1, {max_processes()}] ({PROCESSES_PER_CPU} per available CPU; "
            f"{max_processes() // PROCESSES_PER_CPU} available) or 'auto'", value)
    return n


def _count(args: argparse.Namespace, processes: Any, staged: StagedOutputs) -> tuple[Corpus, pd.DataFrame]:
    """The corpus and its term frequencies; corpus warnings printed as one line each."""
    from ..corpus.corpus import Corpus

    metadata = None if args.metadata in ("", "none", "None") else args.metadata
    with corpus_warnings():
        corpus = Corpus.from_folder(args.folder, metadata=metadata, pattern=args.pattern, tokenizer=tokenizer_of(args))
        if not len(corpus):
            raise no_files_error(args.folder, args.pattern)
        staged.check()  # fail before the slow part if an output cannot be written
        tf = corpus.term_frequencies(min_count=args.min_count, processes=processes)
    if not len(tf):
        raise InputError(args.folder, "no document could be read")
    return corpus, tf


def run(args: argparse.Namespace) -> int:
    out = Path(args.output)
    suffix = out.suffix.lower()
    if suffix not in (".parquet", ".pq", ".csv", ".tsv"):
        raise InvalidParameterError.unknown("output suffix", "policytext corpus", suffix or "(none)",
                                            [".parquet", ".pq", ".csv", ".tsv"])
    processes = _processes(args.processes)
    meta_out = out.with_name(f"{out.stem}.metadata{out.suffix}")
    folder = Path(args.folder)
    if folder.is_dir():
        args.pattern = folder_pattern(folder, args.pattern)
    inputs = [*folder.glob(args.pattern), *(folder / n for n in ("metadata.csv", "metadata.tsv", "MANIFEST.tsv")),
              *(Path(f) for f in args.lexicon)]
    if args.metadata not in ("", "none", "None", "auto"):
        inputs.append(Path(args.metadata))
    # both tables, or neither; never over a document, a metadata table or a lexicon the run reads
    staged = StagedOutputs([("-o", out), ("-o", meta_out)], make_folders=True, inputs=inputs)
    corpus, tf = _count(args, processes, staged)
    if args.top_terms:
        tf = tf.iloc[:, : args.top_terms]
    from ..render.tables import to_csv, to_parquet

    write = to_parquet if suffix in (".parquet", ".pq") else to_csv
    with staged:  # both tables are renamed into place only when both are written
        for target, frame, long in ((out, tf, args.long), (meta_out, corpus.metadata, False)):
            try:
                write(frame, staged[target], long=long)
            except OutputError as exc:  # name the file asked for, not its private temporary file
                reason = str(exc).removeprefix(f"cannot write {staged[target]}: ")
                raise OutputError(f"-o {target}: {reason}") from None
    print(f"{len(tf)} documents × {tf.shape[1]} terms → {printable_path(out)}; metadata → {printable_path(meta_out)}")
    if corpus.errors:
        print(f"{len(corpus.errors)} documents skipped: {', '.join(printable_path(e.name) for e in corpus.errors)}")
    return 0
