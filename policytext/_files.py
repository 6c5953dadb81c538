"""Writing output files safely: atomically, privately named, never half-written.

Every file the package writes goes through here: :func:`atomic_path` for one
file, :class:`StagedOutputs` for several that succeed or fail together.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Union

from .errors import OutputError

__all__ = ["atomic_path", "new_file_mode", "StagedOutputs"]


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


Target = Union[str, "os.PathLike[str]", tuple[str, Union[str, "os.PathLike[str]"]]]


class StagedOutputs:
    """All-or-nothing writing of several output files (a command's or a report's).

    Give the targets, optionally labelled with the option that named them
    (``("--png", "g.png")``). On entering the ``with`` block every target is
    checked (a folder in the way of a file, a missing or non-writable folder,
    a file in the way of a folder → :class:`~policytext.errors.OutputError`,
    before anything is created), missing folders are made when
    ``make_folders=True``, and a private temporary file (``mkstemp``, same
    folder, same extension) is reserved for each target. Write each file to
    ``staged[target]``. When the block ends without an error the temporary
    files are renamed over their targets; on any error (in the block or in
    a rename) the temporary files are removed, and so is every target and
    folder this run created. A file that existed before is never deleted
    (it keeps its old content unless its own rename succeeded).

    Call :meth:`check` alone to fail early, before slow work.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> with StagedOutputs([d / "a.txt", ("--png", d / "img" / "b.png")], make_folders=True) as staged:
    ...     _ = staged[d / "a.txt"].write_text("甲", encoding="utf-8")
    ...     _ = staged[d / "img" / "b.png"].write_bytes(b"png")
    >>> sorted(str(p.relative_to(d)) for p in d.rglob("*"))
    ['a.txt', 'img', 'img/b.png']
    >>> with StagedOutputs([d / "c.txt", d / "new" / "d.txt"], make_folders=True) as staged:
    ...     _ = staged[d / "c.txt"].write_text("乙", encoding="utf-8")
    ...     raise ValueError("rendering failed")
    Traceback (most recent call last):
    ...
    ValueError: rendering failed
    >>> sorted(str(p.relative_to(d)) for p in d.rglob("*"))  # nothing of the failed run is left
    ['a.txt', 'img', 'img/b.png']
    >>> StagedOutputs([("-o", d / "img")]).check()
    Traceback (most recent call last):
    ...
    policytext.errors.OutputError: -o .../img: is a folder; give a file name
    """

    def __init__(self, targets: Iterable[Target], *, make_folders: bool = False) -> None:
        self.targets: list[tuple[str, Path]] = []
        for t in targets:
            label, path = t if isinstance(t, tuple) else ("", t)
            self.targets.append((label, Path(path)))
        self.make_folders = make_folders
        self._stages: dict[Path, Path] = {}
        self._created: list[Path] = []
        self._folders: list[Path] = []

    @staticmethod
    def _where(label: str, path: Path) -> str:
        return f"{label} {path}" if label else f"cannot write {path}"

    def check(self) -> None:
        """Raise :class:`OutputError` for the first target that cannot be written; create nothing."""
        for label, path in self.targets:
            where = self._where(label, path)
            if path.is_dir():
                raise OutputError(f"{where}: is a folder; give a file name")
            folder = path.parent
            probe = folder
            if self.make_folders:
                while not os.path.lexists(probe) and probe.parent != probe:
                    probe = probe.parent
            elif not os.path.lexists(folder):
                raise OutputError(f"{where}: the folder {folder} does not exist")
            if not probe.is_dir():
                raise OutputError(f"{where}: {probe} is a file, not a folder")
            if not os.access(probe, os.W_OK | os.X_OK):
                raise OutputError(f"{where}: the folder {probe} is not writable")

    def __getitem__(self, target: str | os.PathLike[str]) -> Path:
        """The temporary path to write ``target``'s content to."""
        return self._stages[Path(target)]

    def __enter__(self) -> StagedOutputs:
        self.check()
        try:
            for label, path in self.targets:
                if self.make_folders:
                    self._make_folder(label, path.parent)
                try:
                    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=f".part{path.suffix}", dir=path.parent)
                except OSError as exc:
                    raise OutputError(f"{self._where(label, path)}: {exc.strerror or exc}") from None
                os.close(fd)
                self._stages[path] = Path(tmp)
        except BaseException:
            self.discard()
            raise
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: object) -> None:
        if exc_type is not None:
            self.discard()
            return
        self.commit()

    def _make_folder(self, label: str, folder: Path) -> None:
        missing: list[Path] = []
        probe = folder
        while not os.path.lexists(probe) and probe.parent != probe:
            missing.append(probe)
            probe = probe.parent
        for d in reversed(missing):
            try:
                d.mkdir()
            except FileExistsError:
                if d.is_dir():  # made meanwhile by someone else: not ours to remove
                    continue
                raise OutputError(f"cannot create the folder {d}: a file of that name is in the way") from None
            except OSError as exc:
                raise OutputError(f"cannot create the folder {d}: {exc.strerror or exc}") from None
            self._folders.append(d)

    def commit(self) -> None:
        """Rename every staged file over its target (see the class docstring for failures)."""
        for label, path in self.targets:
            stage = self._stages.pop(path)
            existed = os.path.lexists(path)
            try:
                os.chmod(stage, new_file_mode(path))
                os.replace(stage, path)
            except OSError as exc:
                self._stages[path] = stage
                self.discard()
                raise OutputError(f"{self._where(label, path)}: {exc.strerror or exc}") from None
            if not existed:
                self._created.append(path)

    def discard(self) -> None:
        """Remove the staged files, and the targets and folders this run created."""
        for path in [*self._stages.values(), *self._created]:
            with contextlib.suppress(OSError):
                os.unlink(path)
        for folder in reversed(self._folders):
            with contextlib.suppress(OSError):
                folder.rmdir()
        self._stages, self._created, self._folders = {}, [], []
