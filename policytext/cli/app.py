"""Command-line interface: ``policytext COMMAND …``.

Exit codes: 0 success, 1 input or processing error (a clear message on
stderr, no traceback), 2 usage error (argparse's, or an option value the
command rejects, e.g. ``--format pdf``). ``policytext COMMAND --help`` documents
every command.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .._version import __version__
from . import classify, compare, corpus, graph, keyness, keywords, outline, study, timeline

#: The commands, in the order ``policytext --help`` lists them. Each module has
#: ``add_parser(sub)`` (the options) and ``run(args)`` (the work, an exit code).
COMMANDS = (outline, study, keywords, classify, graph, compare, corpus, keyness, timeline)

__all__ = ["main", "build_parser", "COMMANDS"]

#: Positional arguments that name an input document (converted to ``Path``).
_DOCUMENT_ARGS = ("file", "a", "b")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="policytext",
        description="Analyse Chinese policy documents (communiqués, reports, decisions, office articles).",
    )
    parser.add_argument("--version", action="version", version=f"policytext {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    for command in COMMANDS:
        command.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``policytext`` console script."""
    import warnings

    from .._files import printable_path
    from ..errors import InvalidParameterError, PolicyTextError, PolicyTextWarning

    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    # A document argument on the command line is always a file: without this,
    # ``policytext outline notes`` (a missing file without a suffix) would be
    # analysed as the five-character text "notes" and exit 0.
    for name in _DOCUMENT_ARGS:
        value = getattr(args, name, None)
        if isinstance(value, str):
            setattr(args, name, Path(value))
    show = warnings.showwarning

    def show_data_warning(message, category, filename, lineno, file=None, line=None):
        if issubclass(category, PolicyTextWarning):  # a data problem: one line, like errors
            print(f"policytext: warning: {printable_path(str(message))}", file=sys.stderr)
        else:
            show(message, category, filename, lineno, file, line)

    warnings.showwarning = show_data_warning
    try:
        return int(args.func(args) or 0)
    except InvalidParameterError as exc:  # a bad option value is a usage error
        print(f"policytext {args.command}: usage error: {printable_path(str(exc))}", file=sys.stderr)
        return 2
    except PolicyTextError as exc:  # a file name that is not UTF-8 is shown as printable_path shows it
        print(f"policytext: error: {printable_path(str(exc))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("policytext: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    finally:
        warnings.showwarning = show


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
