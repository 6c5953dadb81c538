"""``policytext keyness A B [-o table.csv]``: key terms of two groups of documents (folders or files)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._files import StagedOutputs, printable_path
from ..errors import InvalidParameterError, OutputError
from ._argtypes import int_at_least, processes_value
from ._inputs import (
    AUTO_PATTERN,
    PATTERN_HELP,
    add_lexicon_option,
    corpus_warnings,
    folder_pattern,
    input_files,
    no_files_error,
    tokenizer_of,
)

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

_SUFFIXES = (".csv", ".tsv", ".parquet", ".pq")
#: Columns printed on stdout (the file has them all).
_SHOWN = ["term", "direction", "count_a", "count_b", "docs_a", "docs_b", "g2", "log_ratio"]


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``policytext keyness``."""
    p = sub.add_parser(
        "keyness", help="key terms of two groups of documents (log-likelihood G², log ratio)",
        description=(
            "Count the content terms of two groups of documents (each a folder, read as policytext corpus reads "
            "one, or a single file) and rank the terms that characterise each group: counts, totals, rates per "
            "10,000 content tokens, documents using the term in each group, G², p-value, log ratio, direction. "
            "Prints the top terms each way, or writes the whole table with -o (.csv, .tsv or .parquet)."))
    p.add_argument("a", metavar="A", help="group a: a folder of documents or one document")
    p.add_argument("b", metavar="B", help="group b: a folder of documents or one document")
    p.add_argument("-o", "--output", metavar="OUT", help="write the table here (.csv, .tsv or .parquet)")
    p.add_argument("--pattern", default=AUTO_PATTERN, help=PATTERN_HELP)
    p.add_argument("--top", type=int_at_least(0, "0 keeps every term"), default=None, metavar="N",
                   help="keep the N key terms of each direction (default: 20 printed; every term written with -o)")
    p.add_argument("--min-count", type=int_at_least(1), default=1, metavar="N",
                   help="drop terms with fewer than N occurrences in A and B together (default 1)")
    p.add_argument("--processes", default="auto", metavar="N",
                   help="worker processes: an int (1: serial), or 'auto' for one per CPU (default)")
    add_lexicon_option(p)
    p.set_defaults(func=run)


def _group(path: Path, pattern: str) -> Any:
    """A folder as a Corpus (no matching file: an error that says which pattern would match), a file as it is."""
    if not path.is_dir():
        return path
    from ..corpus.corpus import Corpus

    pattern = folder_pattern(path, pattern)
    corpus = Corpus.from_folder(path, pattern=pattern)
    if not len(corpus):
        raise no_files_error(path, pattern)
    return corpus


def _write(table: pd.DataFrame, out: Path, staged: StagedOutputs) -> None:
    from ..render.tables import to_csv, to_parquet

    write = to_parquet if out.suffix.lower() in (".parquet", ".pq") else to_csv
    with staged:
        try:
            write(table.set_index("term"), staged[out])
        except OutputError as exc:  # name the file asked for, not its private temporary file
            reason = str(exc).removeprefix(f"cannot write {staged[out]}: ")
            raise OutputError(f"-o {out}: {reason}") from None


def run(args: argparse.Namespace) -> int:
    from ..corpus.keyness import keyness

    out = Path(args.output) if args.output else None
    staged = None
    if out is not None:
        if out.suffix.lower() not in _SUFFIXES:
            raise InvalidParameterError.unknown("-o suffix", "policytext keyness", out.suffix.lower() or "(none)",
                                                _SUFFIXES)
        inputs = input_files(args, args.a, args.b)
        for folder in (Path(args.a), Path(args.b)):
            if folder.is_dir():
                inputs += [p for p in folder.glob(folder_pattern(folder, args.pattern)) if p.is_file()]
        staged = StagedOutputs([("-o", out)], make_folders=True, inputs=inputs)
        staged.check()  # before the slow part
    top = args.top if args.top is not None else (None if out is not None else 20)
    with corpus_warnings():
        a, b = _group(Path(args.a), args.pattern), _group(Path(args.b), args.pattern)
        table = keyness(a, b, tokenizer=tokenizer_of(args), min_count=args.min_count, top=top or None,
                        processes=processes_value(args.processes, "keyness"))
    at = table.attrs
    print(f"A: {at['documents_a']} documents, {at['total_a']} content tokens; "
          f"B: {at['documents_b']} documents, {at['total_b']} content tokens; {len(table)} terms")
    for side in ("a", "b"):
        if at[f"failed_{side}"]:
            print(f"{side.upper()}: {len(at[f'failed_{side}'])} documents skipped: "
                  + ", ".join(printable_path(n) for n in at[f"failed_{side}"]))
    if out is None or staged is None:
        print(table[_SHOWN].round({"g2": 2, "log_ratio": 2}).to_string(index=False))
        return 0
    _write(table, out, staged)
    print(f"wrote {printable_path(out)}")
    return 0
