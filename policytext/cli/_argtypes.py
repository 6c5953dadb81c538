"""Argument types shared by the command-line parsers."""

from __future__ import annotations

import argparse
from collections.abc import Callable

__all__ = ["int_at_least"]


def int_at_least(lo: int, note: str = "") -> Callable[[str], int]:
    """An argparse ``type`` accepting whole numbers ``>= lo``; ``note`` is added to the message.

    >>> int_at_least(1)("3")
    3
    >>> int_at_least(0, "0 keeps every term")("-1")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: expected a whole number >= 0 (0 keeps every term), got '-1'
    """
    extra = f" ({note})" if note else ""

    def parse(value: str) -> int:
        try:
            n = int(value)
        except ValueError:
            n = None
        if n is None or n < lo:
            raise argparse.ArgumentTypeError(f"expected a whole number >= {lo}{extra}, got {value!r}")
        return n

    return parse
