"""What must hold before worker processes are started with ``spawn``: a main script they can re-run, a sane count.

A process started with the ``spawn`` start method (the one the corpus uses on
every platform) begins by running the caller's main script again, under the
name ``__mp_main__``, to find the functions it is sent. Two kinds of script
make that go wrong:

* a script that starts the workers from its top level, outside an
  ``if __name__ == "__main__":`` block: every worker runs the call again and
  fails while starting; before Python 3.14 (CPython gh-118981) the parent
  then waits forever;
* a script piped to ``python -``: its ``__file__`` is ``<stdin>``, which the
  workers cannot open.

:func:`check_main_module` finds both before any process is started and
raises :class:`~policytext.errors.InvalidParameterError` saying where the call
is and what to do. Scripts run with ``python -m package`` (a package's
``__main__``), the REPL, ``python -c`` and notebooks are not re-run, and
pass. :func:`max_processes` is the upper bound of the ``processes`` option.

Examples
--------
>>> max_processes() == 4 * cpu_count()
True
>>> check_main_module(2) is None  # pytest's main module guards its entry point
True
"""

from __future__ import annotations

import ast
import linecache
import os
import sys
from types import FrameType, ModuleType

from ..errors import InvalidParameterError

__all__ = ["check_main_module", "cpu_count", "max_processes", "PROCESSES_PER_CPU"]

#: ``processes`` may be at most this many per available CPU (more only adds memory and start-up time).
PROCESSES_PER_CPU = 4

_GUARD = 'if __name__ == "__main__":'
_ADVICE = ("(see 'Safe importing of main module' in https://docs.python.org/3/library/multiprocessing.html), "
           "or run serially (processes=None)")


def cpu_count() -> int:
    """The CPUs this process may run on (its affinity mask where the system has one)."""
    try:
        return len(os.sched_getaffinity(0))  # type: ignore[attr-defined,unused-ignore]
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def max_processes() -> int:
    """The largest ``processes`` value accepted: :data:`PROCESSES_PER_CPU` × :func:`cpu_count`."""
    return PROCESSES_PER_CPU * cpu_count()


def _guard_body(node: ast.If) -> list[ast.stmt]:
    """The statements only the main process runs: the body of ``if __name__ == "__main__":``, the else of ``!=``."""
    test = node.test
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], (ast.Eq, ast.NotEq))):
        return []
    sides = [test.left, test.comparators[0]]
    names = [s.id for s in sides if isinstance(s, ast.Name)]
    texts = [s.value for s in sides if isinstance(s, ast.Constant)]
    if names != ["__name__"] or texts != ["__main__"]:
        return []
    return node.body if isinstance(test.ops[0], ast.Eq) else node.orelse


def _guarded(source: str, line: int) -> bool | None:
    """Whether ``line`` of ``source`` lies in a block only the main process runs (None: cannot tell)."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return None
    for node in ast.walk(tree):
        body = _guard_body(node) if isinstance(node, ast.If) else []
        if body and body[0].lineno <= line <= (body[-1].end_lineno or body[-1].lineno):
            return True
    return False


def _top_level_frame(main: ModuleType) -> FrameType | None:
    """The frame running the main module's top-level code, if the call comes from it."""
    frame: FrameType | None = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_name == "<module>" and frame.f_globals is vars(main):
            return frame
        frame = frame.f_back
    return None


def _rerun_path(main: ModuleType) -> str | None:
    """The file a spawned worker runs again, or None when it re-runs nothing (as ``multiprocessing.spawn``)."""
    name = getattr(getattr(main, "__spec__", None), "name", None)
    if name is not None:
        return None if name == "__main__" or name.endswith(".__main__") else getattr(main, "__file__", None) or ""
    path = getattr(main, "__file__", None)
    if path is None:
        return None
    if not os.path.isabs(path):
        from multiprocessing import process

        path = os.path.join(getattr(process, "ORIGINAL_DIR", None) or os.getcwd(), path)
    return os.path.normpath(path)


def check_main_module(processes: int | str | None) -> None:
    """Raise before any process starts if spawned workers would re-run this very call, or cannot start.

    Parameters
    ----------
    processes : int | "auto"
        The option as given (for the message).

    Raises
    ------
    InvalidParameterError
        The call runs at the top level of the main script outside an
        ``if __name__ == "__main__":`` block, or the main script is not a
        file (piped to ``python -``).
    """
    main = sys.modules.get("__main__")
    path = _rerun_path(main) if main is not None else None
    if main is None or path is None:
        return
    asked = f"processes={processes!r}"
    if path and not os.path.isfile(path):
        raise InvalidParameterError(
            f"{asked} needs worker processes, which start by running the main script again, but the script is "
            f"not a file ({getattr(main, '__file__', path)}: read from standard input, as with `python -`?). "
            f"Save it to a file and put the call under `{_GUARD}` {_ADVICE}.")
    frame = _top_level_frame(main)
    if frame is None:
        return
    filename, line = frame.f_code.co_filename, frame.f_lineno
    source = "".join(linecache.getlines(filename, frame.f_globals))
    if _guarded(source, line) is False:
        text = linecache.getline(filename, line, frame.f_globals).strip()
        raise InvalidParameterError(
            f"{asked} was asked for at the top level of the main script ({filename}, line {line}: {text}), "
            f"outside an `{_GUARD}` block. Worker processes start by running the main script again, so each "
            f"would start workers of its own. Put the code that starts the work under `{_GUARD}` {_ADVICE}.")
