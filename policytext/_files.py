"""Writing output files safely: atomically, privately named, never half-written.

Every file the package writes goes through here: :func:`atomic_path` for one
file, :class:`StagedOutputs` for several that succeed or fail together, never
over one of the run's inputs (:func:`check_not_inputs`). File names that are
not valid UTF-8 (a GBK name unpacked from a Windows zip is a str with lone
surrogates on Linux) are shown with :func:`printable_path` and named in
reports with :func:`file_label`: such a str cannot be encoded as UTF-8.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Union

from .errors import OutputError

__all__ = ["atomic_path", "new_file_mode", "StagedOutputs", "check_not_inputs", "same_file", "printable_path",
           "file_label"]


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


_RE_SURROGATE = re.compile("[\ud800-\udfff]")


def printable_path(path: str | os.PathLike[str]) -> str:
    r"""``path`` as a str every stream can print: each byte of a name that is not UTF-8 as ``\xNN``.

    On Linux a file name that is not valid UTF-8 (a GBK name unpacked from a
    zip made on Chinese Windows) is a str holding lone surrogates
    (``os.fsdecode``), which printing to a UTF-8 terminal or writing to a
    UTF-8 file cannot encode. Valid names come back unchanged. Use it for
    paths in messages and printed output; open files with the path itself.

    >>> import os
    >>> name = os.fsdecode("关于".encode("gbk") + b".txt")
    >>> printable_path(name)
    '\\xb9\\xd8\\xd3\\xda.txt'
    >>> printable_path("study/通知.md")
    'study/通知.md'
    """
    text = os.fsdecode(path)
    if not _RE_SURROGATE.search(text):
        return text
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that no undecodable byte made
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


def file_label(path: str | os.PathLike[str]) -> str:
    r"""The stem of ``path`` as a readable name for a report (a str that encodes as UTF-8).

    A stem that is not valid UTF-8 is decoded as GB18030 (the encoding of
    names in zips made on Chinese Windows, a superset of GBK) when its bytes
    are valid GB18030, else shown as :func:`printable_path` shows it.

    >>> import os
    >>> file_label(os.fsdecode("关于印发通知".encode("gbk") + b".txt"))
    '关于印发通知'
    >>> file_label(os.fsdecode(b"report-\xff.md")), file_label("2023/通知.docx")
    ('report-\\xff', '通知')
    """
    stem = Path(os.fsdecode(path)).stem
    if not _RE_SURROGATE.search(stem):
        return stem
    try:
        return stem.encode("utf-8", "surrogateescape").decode("gb18030")
    except UnicodeError:
        return printable_path(stem)


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether ``a`` and ``b`` name the same file (through symlinks and hard links too).

    ``os.path.samefile``; when it cannot tell (a folder that cannot be
    searched), the fully resolved paths. A path that does not exist is no
    file: False.

    >>> import os, tempfile
    >>> d = tempfile.mkdtemp()
    >>> f = os.path.join(d, "a.txt"); _ = open(f, "w").close()
    >>> os.symlink(f, os.path.join(d, "link.txt"))
    >>> same_file(os.path.join(d, "link.txt"), f), same_file(os.path.join(d, ".", "a.txt"), f)
    (True, True)
    >>> same_file(os.path.join(d, "b.txt"), f)
    False
    """
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        pass
    try:
        return os.path.lexists(a) and os.path.lexists(b) and os.path.realpath(a) == os.path.realpath(b)
    except (OSError, ValueError):
        return False


Target = Union[str, "os.PathLike[str]", tuple[str, Union[str, "os.PathLike[str]"]]]


def _labelled(targets: Iterable[Target]) -> list[tuple[str, Path]]:
    out: list[tuple[str, Path]] = []
    for t in targets:
        label, path = t if isinstance(t, tuple) else ("", t)
        out.append((label, Path(path)))
    return out


def _where(label: str, path: Path) -> str:
    return f"{label} {path}" if label else f"cannot write {path}"


def check_not_inputs(targets: Iterable[Target], inputs: Iterable[str | os.PathLike[str] | None]) -> None:
    """Raise :class:`OutputError` when an output target is the same file as an input.

    ``policytext study 通知.html -o .`` would otherwise replace the input
    ``通知.html`` with the outline. Symlinks and hard links count as the same
    file (:func:`same_file`); None among ``inputs`` is skipped. Targets are
    paths or ``(option, path)`` pairs as :class:`StagedOutputs` takes them.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "通知.html").write_text("<p>要坚持学习。</p>", encoding="utf-8")
    >>> check_not_inputs([d / "通知.md", ("--png", d / "g.png")], [d / "通知.html"])
    >>> check_not_inputs([d / "." / "通知.html"], [d / "通知.html"])
    Traceback (most recent call last):
    ...
    policytext.errors.OutputError: cannot write .../通知.html: it is the input file .../通知.html; policytext never ...
    """
    sources = [Path(i) for i in inputs if i is not None]
    if not sources:
        return
    for label, path in _labelled(targets):
        for src in sources:
            if same_file(path, src):
                raise OutputError(f"{printable_path(_where(label, path))}: it is the input file "
                                  f"{printable_path(src)}; policytext never writes over an input "
                                  "(choose another output name or folder)")


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

    ``inputs`` are the files the run reads: a target that is one of them
    (also through a symlink or hard link) is refused before anything else,
    so a command never writes over its own input.

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
    >>> StagedOutputs([("-o", d / "a.txt")], inputs=[d / "img" / ".." / "a.txt"]).check()
    Traceback (most recent call last):
    ...
    policytext.errors.OutputError: -o .../a.txt: it is the input file .../a.txt; policytext never writes over an \
input (choose another output name or folder)
    """

    def __init__(self, targets: Iterable[Target], *, make_folders: bool = False,
                 inputs: Iterable[str | os.PathLike[str] | None] = ()) -> None:
        self.targets: list[tuple[str, Path]] = _labelled(targets)
        self.make_folders = make_folders
        self.inputs = [Path(i) for i in inputs if i is not None]
        self._stages: dict[Path, Path] = {}
        self._created: list[Path] = []
        self._folders: list[Path] = []

    _where = staticmethod(_where)

    def check(self) -> None:
        """Raise :class:`OutputError` for the first target that cannot be written; create nothing.

        A target that is the same file as one of ``inputs`` is refused first
        (:func:`check_not_inputs`).
        """
        check_not_inputs(self.targets, self.inputs)
        seen: dict[str, str] = {}
        for label, path in self.targets:
            where = self._where(label, path)
            key = os.path.normcase(os.path.abspath(path))
            if key in seen:  # two outputs of one run naming one file: one would silently replace the other
                raise OutputError(f"{where}: the same file as another output ({seen[key]})")
            seen[key] = f"{label} {path}".strip()
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
