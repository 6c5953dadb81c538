"""Argument types shared by the command-line parsers."""

from __future__ import annotations

import argparse
from collections.abc import Callable

__all__ = ["int_at_least", "processes_value"]


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


def processes_value(value: str, command: str) -> int | str:
    """``--processes`` of ``policytext <command>``: "auto", or an int from 1 to
    :func:`~policytext.corpus.max_processes` (refused with a message naming the command).

    >>> processes_value("auto", "corpus"), processes_value("1", "corpus")
    ('auto', 1)
    """
    from ..corpus._spawn import PROCESSES_PER_CPU, max_processes
    from ..errors import InvalidParameterError

    if value == "auto":
        return value
    try:
        n = int(value)
    except ValueError:
        n = 0
    if not 1 <= n <= max_processes():
        raise InvalidParameterError.build(
            "--processes", f"policytext {command}",
            f"an int in the range [1, {max_processes()}] ({PROCESSES_PER_CPU} per available CPU; "
            f"{max_processes() // PROCESSES_PER_CPU} available) or 'auto'", value)
    return n
