"""``policytext compare``."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..analysis.comparison import compare
from ..errors import InvalidParameterError
from ..tokens.lexicon import Lexicon


def run(args: argparse.Namespace) -> int:
    lexicon = Lexicon.load(*args.lexicon) if args.lexicon else None
    if args.no_lexicon:
        lexicon = Lexicon.empty()
    cmp = compare(args.a, args.b, lexicon=lexicon, min_count=args.min_count)
    if args.output:
        out = Path(args.output)
        suffix = out.suffix.lower()
        if suffix in (".html", ".htm"):
            cmp.to_html(out, top=args.top)
        elif suffix in (".md", ".markdown"):
            cmp.to_markdown(out, top=args.top)
        else:
            raise InvalidParameterError.unknown("-o suffix", "policytext compare", suffix or "(none)",
                                                [".html", ".htm", ".md", ".markdown"])
    else:
        print(cmp.to_markdown(top=args.top), end="")
    return 0


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``policytext compare A B [-o report.html|report.md] [--top N]``."""
    p = sub.add_parser(
        "compare", help="compare two documents: new/dropped 提法 and people, keyness, similarity",
        description="Compare a target document B with a reference A (e.g. the previous plenum): new and "
                    "dropped terms and formulations, new and dropped person names (elections, personnel and "
                    "disciplinary decisions), keyness (signed G², log ratio), TF-IDF cosine, section map. "
                    "Prints Markdown, or writes an HTML/Markdown report with -o.")
    p.add_argument("a", help="reference document (.txt, .docx, .html)")
    p.add_argument("b", help="target document")
    p.add_argument("-o", "--output", help="write the report here (.html or .md) instead of printing Markdown")
    p.add_argument("--top", type=int, default=20, help="rows per table (default 20)")
    p.add_argument("--min-count", type=int, default=2, help="minimum count of a new phrase (default 2)")
    p.add_argument("--lexicon", action="append", metavar="TSV",
                   help="extra lexicon table merged over the default (repeatable)")
    p.add_argument("--no-lexicon", action="store_true",
                   help="use no lexicon (numbered formulations and phrases only)")
    p.set_defaults(func=run)
