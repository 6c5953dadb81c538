"""Sub-commands of the CLI beyond ``outline``.

Each analysis module that offers a command defines ``register_cli(sub)``;
the list below wires them in. Modules keep heavy imports inside functions,
so ``policytext --help`` stays fast.
"""

from __future__ import annotations

import argparse
from importlib import import_module

__all__ = ["register", "COMMAND_MODULES"]

#: Modules that contribute sub-commands, in the order shown by ``--help``.
COMMAND_MODULES: tuple[str, ...] = ("summary", "keyterms", "classifier", "cooccur", "comparison", "corpus")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the analysis commands to the CLI parser."""
    for name in COMMAND_MODULES:
        import_module(f"policytext.{name}").register_cli(sub)
