"""``policytext graph``."""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ..analysis.cooccur import (
    WEIGHTS,
    WINDOWS,
    Window,
    _check_window,
    _collect,
    cooccurrence,
)
from ..analysis.network import communities
from ..errors import InvalidParameterError, OutputError
from ..render.export import GRAPH_FORMATS, write_graph

CLI_DEFAULT_TOP = 50

#: What ``policytext graph FILE`` reads (see :func:`policytext.load`).
_INPUT_HELP = ("document: .txt/.md (UTF-8, UTF-16 with BOM, GB18030/GBK or Big5, detected), .docx, "
               "or .html/.htm (also HTML saved as .txt)")


def _window_arg(value: str) -> Window:
    if value in WINDOWS:
        return value  # type: ignore[return-value]
    try:
        k = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected 'sentence', 'paragraph' or an integer >= 2, got {value!r}") from None
    if k < 2:
        raise argparse.ArgumentTypeError(f"a token window must be >= 2, got {k}")
    return k


def _or_list(items: Iterable[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def _check_extension(option: str, value: str, formats: Iterable[str], what: str) -> Path:
    path = Path(value)
    ext = path.suffix.lower()
    if ext not in formats:
        if not path.suffix:
            raise InvalidParameterError(f"{option} {value}: the file name has no extension; "
                                        f"it must end in {_or_list(formats)} (the {what} format follows it)")
        raise InvalidParameterError(f"{option} {value}: policytext cannot write {path.suffix!r} {what}s; "
                                    f"the extension must be {_or_list(formats)}")
    return path


def _check_target(option: str, path: Path) -> None:
    """Refuse a target that cannot be written, before anything is computed or written."""
    if path.is_dir():
        raise OutputError(f"{option} {path}: is a folder; give a file name")
    parent = path.parent
    if not parent.exists():
        raise OutputError(f"{option} {path}: the folder {parent} does not exist")
    if not parent.is_dir():
        raise OutputError(f"{option} {path}: {parent} is not a folder")


class _StagedOutputs:
    """All-or-nothing output files for a command that writes several.

    :meth:`reserve` checks every target (:func:`_check_target`) and then
    creates a private temporary file (``mkstemp``, same folder, same
    extension) for each, which also proves the folder writable — all before
    any work is done. The command writes into the temporary files;
    :meth:`commit` moves them over their targets. On any failure the
    temporary files are removed, and so is every target this run created
    (a pre-existing file is never deleted; it keeps its old content unless
    its own move succeeded).
    """

    def __init__(self, targets: Sequence[tuple[str, Path]]) -> None:
        self.targets = list(targets)
        self.stages: list[Path] = []
        self.created: list[Path] = []

    def reserve(self) -> list[Path]:
        import tempfile

        for option, target in self.targets:
            _check_target(option, target)
        for option, target in self.targets:
            try:
                fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=f".part{target.suffix}",
                                           dir=target.parent)
            except OSError as exc:
                self.discard()
                raise OutputError(f"{option} {target}: cannot write in {target.parent} "
                                  f"({exc.strerror or exc})") from None
            os.close(fd)
            self.stages.append(Path(tmp))
        return list(self.stages)

    def commit(self) -> None:
        from .._files import new_file_mode

        for (option, target), stage in zip(self.targets, self.stages):
            existed = os.path.lexists(target)
            try:
                os.chmod(stage, new_file_mode(target))
                os.replace(stage, target)
            except OSError as exc:
                self.discard()
                raise OutputError(f"{option} {target}: cannot write ({exc.strerror or exc})") from None
            if not existed:
                self.created.append(target)

    def discard(self) -> None:
        import contextlib

        for path in [*self.stages, *self.created]:
            with contextlib.suppress(OSError):
                os.unlink(path)
        self.stages, self.created = [], []


def _term_total(doc: Any, window: Window, headings: bool) -> int:
    """Distinct content terms of ``doc`` (the nodes ``cooccurrence`` would keep without ``top``)."""
    from ..tokens.tokenizer import default_tokenizer

    col = _collect(doc, _check_window(window, "policytext graph"), default_tokenizer(), headings)
    return len({key for unit in col.units for key in unit})


def run(args: argparse.Namespace) -> int:
    import sys

    from ..render.figures import FIGURE_FORMATS
    from ..text.loading import load

    targets: list[tuple[str, Path]] = []
    if args.output:
        targets.append(("-o/--output", _check_extension("-o/--output", str(args.output), GRAPH_FORMATS, "graph")))
    if args.png:
        targets.append(("--png", _check_extension("--png", str(args.png), FIGURE_FORMATS, "picture")))
    top = args.top or None  # 0: every term
    staged = _StagedOutputs(targets)
    stages = staged.reserve()  # before the (slow) analysis: a bad target fails at once and leaves nothing
    try:
        doc = load(args.file)
        G = cooccurrence(doc, window=args.window, weight=args.weight, min_count=args.min_count, top=top,
                         headings=args.headings)
        comms = communities(G, seed=args.seed, attribute="community")
        kept = f"{G.number_of_nodes()} nodes"
        if top is not None and G.number_of_nodes() == top:
            total = _term_total(doc, args.window, args.headings)
            if total > top:
                kept += f" (the {top} most frequent of {total} terms; --all keeps every term)"
        summary = f"{kept}, {G.number_of_edges()} edges, {len(comms)} communities"
        stage = dict(zip((option for option, _ in targets), stages))
        if args.output:
            write_graph(G, stage["-o/--output"])
        if args.png:
            from ..render.graph import plot_graph

            plot_graph(G, stage["--png"], font=args.font, seed=args.seed)
        staged.commit()
    except BaseException:
        staged.discard()
        raise
    out = sys.stdout
    if args.output:
        print(f"wrote {args.output}: {summary}", file=out)
    if args.png:
        print(f"wrote {args.png}", file=out)
    if not args.output and not args.png:
        print(summary, file=out)
        edges = sorted(G.edges(data=True), key=lambda e: (-e[2]["weight"], -e[2]["count"], e[0], e[1]))
        print("source\ttarget\tcount\tweight", file=out)
        for a, b, d in edges[: args.show]:
            print(f"{a}\t{b}\t{d['count']}\t{d['weight']:.4g}", file=out)
    return 0


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``policytext graph FILE [-o OUT] [--png PICTURE] [--top N | --all] …`` to the CLI."""
    from ..render.figures import FIGURE_FORMATS
    from ._argtypes import int_at_least

    p = sub.add_parser(
        "graph",
        help="term co-occurrence graph of a document (GEXF/GraphML/JSON/CSV, PNG/SVG/PDF)",
        description=(
            "Build the co-occurrence graph of the lexicon terms and content words of a document, "
            "find Louvain communities, and write it for Gephi/networkx and/or as a picture. "
            f"Keeps the {CLI_DEFAULT_TOP} most frequent terms unless told otherwise (--top N, --all). "
            "Without -o/--png, print the strongest edges. Nothing is written unless every output succeeds."
        ),
    )
    p.add_argument("file", help=_INPUT_HELP)
    p.add_argument("-o", "--output", metavar="OUT",
                   help="graph file; format by extension: " + ", ".join(GRAPH_FORMATS))
    p.add_argument("--png", metavar="PICTURE",
                   help="also draw the graph to PICTURE; format by extension: " + _or_list(FIGURE_FORMATS))
    p.add_argument("--window", type=_window_arg, default="sentence",
                   help="co-occurrence unit: sentence (default), paragraph, or an integer k (within k terms)")
    p.add_argument("--weight", choices=WEIGHTS, default="count", help="edge weight statistic (default count)")
    p.add_argument("--min-count", type=int_at_least(1), default=1, dest="min_count",
                   help="drop edges seen fewer than N times (default 1)")
    keep = p.add_mutually_exclusive_group()
    keep.add_argument("--top", type=int_at_least(0, "0 keeps every term"), default=CLI_DEFAULT_TOP, metavar="N",
                      help=f"keep the N most frequent terms (default {CLI_DEFAULT_TOP}, which keeps the picture "
                      "readable); 0 keeps every term")
    keep.add_argument("--all", action="store_const", const=0, dest="top",
                      help="keep every term (same as --top 0; a long document gives hundreds of nodes)")
    p.add_argument("--headings", action="store_true", help="also count section headings as units")
    p.add_argument("--seed", type=int, default=0, help="seed for Louvain and the layout (default 0)")
    p.add_argument("--font", default=None, help="font file for --png (default: $POLICYTEXT_FONT, system CJK font, "
                   "or the bundled Noto Sans SC)")
    p.add_argument("--show", type=int_at_least(1), default=20, help="edges to print without -o/--png (default 20)")
    p.set_defaults(func=run)
