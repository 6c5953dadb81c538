"""The command line: ``policytext COMMAND …``, one module per command.

:mod:`policytext.cli.app` holds the parser, the explicit list of commands and
:func:`main`; each command's module defines ``add_parser(sub)`` and
``run(args)``. Commands call analyses and render; nothing below imports this
layer.
"""

from __future__ import annotations

from .app import main

__all__ = ["main"]
