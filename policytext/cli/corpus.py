"""``policytext corpus``."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._files import StagedOutputs, printable_path
from ..corpus._spawn import PROCESSES_PER_CPU
from ..errors import InputError, InvalidParameterError, OutputError
from ._argtypes import int_at_least, processes_value
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

#: Above this many cells (documents × terms; 1 GiB as a dense int64 table) the table is written long
#: unless ``--wide`` is given: every reader of the wide table needs it dense in memory.
WIDE_CELLS = 2**27
#: Input from this size on (bytes of the matching files) is a long run: say on stderr what is being done.
REPORT_BYTES = 4_000_000


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``policytext corpus``."""
    p = sub.add_parser(
        "corpus",
        help="term frequencies (documents × terms) of a folder of documents",
        description=(
            "Read every document of a folder (with an optional metadata table), count the content terms of "
            "each and write a documents × terms table (.parquet or .csv/.tsv), plus the metadata table next "
            "to it (OUT with .metadata before the suffix; missing folders of OUT are created). A table of more "
            f"than {WIDE_CELLS:,} cells is written long (document, term, count) unless --wide is given. Broken "
            "files are reported by name and skipped. From 4 MB of input, what is being done goes to stderr."),
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
    shape = p.add_mutually_exclusive_group()
    shape.add_argument("--long", action="store_true",
                       help="write document, term, count rows (non-zero counts) instead of a wide table")
    shape.add_argument("--wide", action="store_true",
                       help=f"write the wide documents × terms table even above {WIDE_CELLS:,} cells, where it "
                            "is written long by default (a dense table of 8 bytes a cell: the whole 5,078-day "
                            "record × 93,895 terms is 3.8 GB in memory and to read back)")
    add_lexicon_option(p)
    p.set_defaults(func=run)


def _count(args: argparse.Namespace, processes: Any, staged: StagedOutputs) -> tuple[Corpus, pd.DataFrame]:
    """The corpus and its term frequencies; corpus warnings printed as one line each."""
    from ..corpus.corpus import Corpus

    metadata = None if args.metadata in ("", "none", "None") else args.metadata
    with corpus_warnings():
        corpus = Corpus.from_folder(args.folder, metadata=metadata, pattern=args.pattern, tokenizer=tokenizer_of(args))
        if not len(corpus):
            raise no_files_error(args.folder, args.pattern)
        staged.check()  # fail before the slow part if an output cannot be written
        if args.report:
            _say(f"counting the terms of {len(corpus)} documents ({args.input_bytes / 1e6:.1f} MB, "
                 f"processes: {processes})")
        tf = corpus.term_frequencies(min_count=args.min_count, top=args.top_terms or None, processes=processes,
                                     progress=True if args.report else None)
    if not len(tf):
        raise InputError(args.folder, "no document could be read")
    return corpus, tf


def _say(message: str) -> None:
    """A line about a long run on stderr."""
    print(f"policytext corpus: {message}", file=sys.stderr, flush=True)


def _input_bytes(paths: list[Path]) -> int:
    """The size of the files among ``paths`` (those that exist)."""
    total = 0
    for path in paths:
        try:
            if path.is_file():
                total += path.stat().st_size
        except OSError:
            pass
    return total


def _long(args: argparse.Namespace, tf: pd.DataFrame) -> bool:
    """Whether the table is written long: ``--long``; without ``--wide``, also a table above :data:`WIDE_CELLS`."""
    if args.long or args.wide:
        return bool(args.long)
    cells = tf.shape[0] * tf.shape[1]
    if cells <= WIDE_CELLS:
        return False
    print(f"policytext: note: {tf.shape[0]} documents × {tf.shape[1]} terms is {cells:,} cells "
          f"({cells * 8 / 2**30:.1f} GiB as a dense table), so the table is written long (document, term, count; "
          "non-zero counts); --wide writes the wide table, --top-terms N or --min-count N make it narrower",
          file=sys.stderr)
    return True


def run(args: argparse.Namespace) -> int:
    out = Path(args.output)
    suffix = out.suffix.lower()
    if suffix not in (".parquet", ".pq", ".csv", ".tsv"):
        raise InvalidParameterError.unknown("output suffix", "policytext corpus", suffix or "(none)",
                                            [".parquet", ".pq", ".csv", ".tsv"])
    processes = processes_value(args.processes, "corpus")
    meta_out = out.with_name(f"{out.stem}.metadata{out.suffix}")
    folder = Path(args.folder)
    if folder.is_dir():
        args.pattern = folder_pattern(folder, args.pattern)
    documents = list(folder.glob(args.pattern))
    inputs = [*documents, *(folder / n for n in ("metadata.csv", "metadata.tsv", "MANIFEST.tsv")),
              *(Path(f) for f in args.lexicon)]
    if args.metadata not in ("", "none", "None", "auto"):
        inputs.append(Path(args.metadata))
    # both tables, or neither; never over a document, a metadata table or a lexicon the run reads
    staged = StagedOutputs([("-o", out), ("-o", meta_out)], make_folders=True, inputs=inputs)
    args.input_bytes = _input_bytes(documents)
    args.report = args.input_bytes >= REPORT_BYTES
    started = time.perf_counter()
    corpus, tf = _count(args, processes, staged)
    as_long = _long(args, tf)
    from ..render.tables import to_csv, to_parquet

    if args.report:
        _say(f"{len(tf)} documents × {tf.shape[1]} terms counted in {time.perf_counter() - started:.1f} s; "
             f"writing {printable_path(out)} ({'long' if as_long else 'wide'})")
    write = to_parquet if suffix in (".parquet", ".pq") else to_csv
    with staged:  # both tables are renamed into place only when both are written
        for target, frame, long in ((out, tf, as_long), (meta_out, corpus.metadata, False)):
            try:
                write(frame, staged[target], long=long)
            except OutputError as exc:  # name the file asked for, not its private temporary file
                reason = str(exc).removeprefix(f"cannot write {staged[target]}: ")
                raise OutputError(f"-o {target}: {reason}") from None
    if args.report:
        _say(f"done in {time.perf_counter() - started:.1f} s")
    print(f"{len(tf)} documents × {tf.shape[1]} terms → {printable_path(out)}; metadata → {printable_path(meta_out)}")
    if corpus.errors:
        print(f"{len(corpus.errors)} documents skipped: {', '.join(printable_path(e.name) for e in corpus.errors)}")
    return 0
