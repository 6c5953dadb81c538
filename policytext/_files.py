"""Writing output files safely: atomically, privately named, never half-written."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .errors import OutputError

__all__ = ["atomic_path", "new_file_mode"]


def new_file_mode(path: Path) -> int:
    """Mode for a replacement file: the old file's, else 0o666 minus the umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        pass
    try:  # reading the umask without os.umask(), which is not thread-safe
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return 0o644


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a new private temporary path next to ``path``; move it over ``path`` on success.

    The temporary file is made with ``mkstemp`` in the target folder (a unique
    name, never a predictable one, never through a symlink) and renamed with
    ``os.replace``, so a reader never sees a half-written file and an error or
    Ctrl-C leaves the old file (or none) in place. ``OSError`` becomes
    :class:`~policytext.errors.OutputError` naming the file.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> with atomic_path(d / "out.txt") as tmp:
    ...     _ = tmp.write_text("完成", encoding="utf-8")
    >>> (d / "out.txt").read_text(encoding="utf-8"), sorted(p.name for p in d.iterdir())
    ('完成', ['out.txt'])
    """
    path = Path(path)
    parent = path.parent
    if not parent.is_dir():
        raise OutputError(f"cannot write {path}: the folder {parent} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
        os.close(fd)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        yield Path(tmp)
        os.chmod(tmp, new_file_mode(path))
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError) and not isinstance(exc, OutputError):
            raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
        raise
