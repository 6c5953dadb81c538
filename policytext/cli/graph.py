"""``policytext graph``: the co-occurrence graph of a document, written as a graph file and/or a picture."""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..analysis.cooccur import WEIGHTS, WINDOWS, Window
from ..errors import InvalidParameterError
from ..render.export import GRAPH_FORMATS
from ._inputs import DOCUMENT_HELP, add_lexicon_option, input_files, load_document, shown, tokenizer_of

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

    from ..tokens.tokenizer import Tokenizer

#: Terms ``policytext graph`` keeps by default (the best-ranked by keyword score): a picture
#: of a few hundred nodes is an unreadable hairball. ``--top 0``/``--all`` keep every term.
CLI_DEFAULT_TOP = 50


def _window_arg(value: str) -> Window:
    """The ``--window`` type: a named window or a whole number >= 2 (argparse reports errors as usage errors)."""
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
    """``value`` as a Path, refused (a usage error naming ``option``) unless its extension is in ``formats``."""
    path = Path(value)
    ext = path.suffix.lower()
    if ext not in formats:
        if not path.suffix:
            raise InvalidParameterError(f"{option} {value}: the file name has no extension; "
                                        f"it must end in {_or_list(formats)} (the {what} format follows it)")
        raise InvalidParameterError(f"{option} {value}: policytext cannot write {path.suffix!r} {what}s; "
                                    f"the extension must be {_or_list(formats)}")
    return path


def _targets(args: argparse.Namespace) -> list[tuple[str, Path]]:
    """``(option, path)`` of each output asked for, extensions checked."""
    from ..render.figures import FIGURE_FORMATS

    targets: list[tuple[str, Path]] = []
    if args.output:
        from ..render.export import graph_files

        out = _check_extension("-o/--output", str(args.output), GRAPH_FORMATS, "graph")
        targets.extend(("-o/--output", p) for p in graph_files(out))  # g.csv: also g.nodes.csv
    if args.png:
        targets.append(("--png", _check_extension("--png", str(args.png), FIGURE_FORMATS, "picture")))
    return targets


def _summary(G: nx.Graph, n_communities: int, doc: object, args: argparse.Namespace, top: int | None,
             tokenizer: Tokenizer | None = None) -> str:
    """``N nodes, M edges, K communities``; says so when ``--top`` left terms out."""
    kept = f"{G.number_of_nodes()} nodes"
    if top is not None and G.number_of_nodes() == top:
        total = int(G.graph.get("n_terms", 0))  # the nodes without --top
        if total > top:
            kept += f" (the {top} best-ranked of {total} terms, by keyword score; --all keeps every term)"
    return f"{kept}, {G.number_of_edges()} edges, {n_communities} communities"


def run(args: argparse.Namespace) -> int:
    """Build the graph and write every output, or none: each is staged and moved into place at the end."""
    import sys

    from .._files import StagedOutputs
    from ..analysis.cooccur import cooccurrence
    from ..analysis.network import communities

    targets = _targets(args)
    paths = dict(targets)
    top = args.top or None  # 0: every term
    # StagedOutputs checks every target before the (slow) analysis: a bad one, or one that is an input,
    # fails at once and leaves nothing; missing folders are created (and removed again if the run fails)
    with StagedOutputs(targets, make_folders=True, inputs=input_files(args, args.file)) as staged:
        doc = load_document(args.file)
        tk = tokenizer_of(args)
        G = cooccurrence(doc, window=args.window, weight=args.weight, min_count=args.min_count, top=top,
                         headings=args.headings, tokenizer=tk)
        summary = _summary(G, len(communities(G, seed=args.seed, attribute="community")), doc, args, top, tk)
        if args.output:
            from ..render.export import write_graph

            write_graph(G, Path(args.output), staged=staged)  # every file it makes, staged with the others
        if args.png:
            from ..render.graph import plot_graph

            plot_graph(G, staged[paths["--png"]], font=args.font, seed=args.seed)
    _report(G, summary, args, sys.stdout)
    return 0


def _report(G: nx.Graph, summary: str, args: argparse.Namespace, out: TextIO) -> None:
    """What was written; without outputs, the summary and the strongest edges."""
    if args.output:
        print(f"wrote {shown(args.output)}: {summary}", file=out)
    if args.png:
        print(f"wrote {shown(args.png)}", file=out)
    if not args.output and not args.png:
        print(summary, file=out)
        edges = sorted(G.edges(data=True), key=lambda e: (-e[2]["weight"], -e[2]["count"], e[0], e[1]))
        print("source\ttarget\tcount\tweight", file=out)
        for a, b, d in edges[: args.show]:
            print(f"{a}\t{b}\t{d['count']}\t{d['weight']:.4g}", file=out)


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``policytext graph FILE [-o OUT] [--png PICTURE] [--top N | --all] …`` to the CLI."""
    from ..render.figures import FIGURE_FORMATS
    from ._argtypes import int_at_least

    p = sub.add_parser(
        "graph",
        help="term co-occurrence graph of a document (GEXF/GraphML/JSON/CSV, PNG/SVG/PDF)",
        description=(
            "Build the co-occurrence graph of the lexicon terms and content words of a document, "
            "find Louvain communities, and write it for Gephi/networkx and/or as a picture. "
            f"Nodes are the keywords' units (phrases joined, concepts rather than verbs); keeps the "
            f"{CLI_DEFAULT_TOP} best-ranked by keyword score unless told otherwise (--top N, --all). "
            "Without -o/--png, print the strongest edges. Missing folders of the outputs are created; nothing "
            "is written unless every output succeeds."
        ),
    )
    p.add_argument("file", help=DOCUMENT_HELP)
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
                      help=f"keep the N best-ranked terms by keyword score (default {CLI_DEFAULT_TOP}, which keeps "
                      "the picture readable); 0 keeps every term")
    keep.add_argument("--all", action="store_const", const=0, dest="top",
                      help="keep every term (same as --top 0; a long document gives hundreds of nodes)")
    p.add_argument("--headings", action="store_true", help="also count section headings as units")
    p.add_argument("--seed", type=int, default=0, help="seed for Louvain and the layout (default 0)")
    p.add_argument("--font", default=None, help="font file for --png (default: $POLICYTEXT_FONT, system CJK font, "
                   "or the bundled Noto Sans SC)")
    p.add_argument("--show", type=int_at_least(1), default=20, help="edges to print without -o/--png (default 20)")
    add_lexicon_option(p)
    p.set_defaults(func=run)
