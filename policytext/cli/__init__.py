"""The command line: ``policytext COMMAND …``, one module per command.

:mod:`policytext.cli.app` holds the parser, the explicit list of commands and
:func:`main`; each command's module defines ``add_parser(sub)`` and
``run(args)``. Commands call analyses and render; nothing below imports this
layer. Shared by the commands: :mod:`._argtypes` (argument types) and
:mod:`._inputs` (the document argument, ``--lexicon``, the files a run reads,
which no output may replace).
"""

from __future__ import annotations

from .app import main

__all__ = ["main"]
