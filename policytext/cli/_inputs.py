"""What the commands share about their inputs: the document argument, ``--lexicon``, the files a run reads.

* :func:`load_document` loads a document argument: a folder is refused with
  the command that reads folders (``policytext corpus DIR``), and a file name
  that is not valid UTF-8 (a GBK name from a Windows zip) gets a readable
  ``metadata["name"]`` for the reports (:func:`policytext._files.file_label`).
* :func:`add_lexicon_option` / :func:`tokenizer_of`: ``--lexicon MORE.tsv``
  (repeatable) on every command that tokenizes, passed down as a Tokenizer.
* :func:`input_files`: every file a run reads, which no output may replace
  (``StagedOutputs(..., inputs=input_files(args))``).
* :func:`shown`: a path as printed on stdout (a name that is not UTF-8 with
  ``\\xNN`` escapes instead of a UnicodeEncodeError).
* :data:`DOCUMENT_HELP`: the ``--help`` text of a document argument (the
  formats and encodings :func:`policytext.load` reads).
* :func:`folder_pattern` / :func:`no_files_error`: ``--pattern`` of the
  commands that read a folder (``corpus``, ``timeline``, ``compare
  --background``): one default for all, the rule of
  :meth:`policytext.Corpus.from_folder`, and a message that says when
  ``**/*.txt`` would find the documents a pattern missed.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from .._files import file_label, printable_path

if TYPE_CHECKING:  # pragma: no cover
    from ..text.document import Document
    from ..tokens.tokenizer import Tokenizer

__all__ = ["add_lexicon_option", "tokenizer_of", "load_document", "input_files", "shown", "corpus_warnings",
           "DOCUMENT_HELP", "AUTO_PATTERN", "PATTERN_HELP", "folder_pattern", "no_files_error"]

#: Options whose value is a file the run reads (besides the document arguments).
_INPUT_OPTIONS = ("lexicon", "font")

#: ``--help`` of a document argument: what :func:`policytext.load` reads.
DOCUMENT_HELP = ("document: .txt/.md (UTF-8, UTF-16 with BOM, GB18030/GBK or Big5, detected), .docx, "
                 "or .html/.htm (also HTML saved as .txt)")

#: The default ``--pattern`` of every command that reads a folder (see :func:`folder_pattern`).
AUTO_PATTERN = "auto"

#: ``--help`` of ``--pattern`` (and ``compare --background-pattern``).
PATTERN_HELP = ("glob pattern of the documents in DIR; default 'auto': the .txt files at the top of DIR, or "
                "every .txt file of its subfolders when there are none at the top (a dated record kept in year "
                "folders, YYYY/YYYYMMDD.txt); '**/*.txt' reads DIR and all its subfolders")


def add_lexicon_option(p: argparse.ArgumentParser) -> None:
    """Add ``--lexicon MORE.tsv`` (repeatable; ``args.lexicon`` is a list, empty by default)."""
    p.add_argument("--lexicon", action="append", default=[], metavar="MORE.tsv",
                   help="an extra lexicon table merged over the default (repeatable)")


def tokenizer_of(args: argparse.Namespace) -> Tokenizer | None:
    """A Tokenizer with the ``--lexicon`` tables merged over the default lexicon; None without them.

    None lets the analyses use the shared default tokenizer (and its caches).

    >>> tokenizer_of(argparse.Namespace(lexicon=[])) is None
    True
    """
    if not getattr(args, "lexicon", None):
        return None
    from ..tokens.tokenizer import Tokenizer

    return Tokenizer(lexicon=args.lexicon)


def shown(path: str | os.PathLike[str]) -> str:
    r"""``path`` as printed on stdout: bytes of a name that are not UTF-8 as ``\xNN``.

    >>> shown("study/通知.md")
    'study/通知.md'
    """
    return printable_path(path)


def load_document(path: str | os.PathLike[str], *, folder_hint: bool = True) -> Document:
    """Load the document argument ``path`` (see :func:`policytext.text.loading.load`).

    A folder is refused (:class:`~policytext.errors.DocumentNotFoundError`),
    naming ``policytext corpus DIR`` when ``folder_hint``. A file name that is
    not valid UTF-8 gives the document a readable ``metadata["name"]`` and
    ``metadata["source"]`` (otherwise every report naming the document fails
    to encode).
    """
    from ..errors import DocumentNotFoundError
    from ..text.loading import load

    path = Path(path)
    if path.is_dir():
        hint = (f"; to count the terms of every document in it, run: policytext corpus "
                f"{shlex.quote(printable_path(path))} -o terms.csv" if folder_hint else "; give a document file")
        raise DocumentNotFoundError(printable_path(path), "is a directory, not a document" + hint)
    readable = printable_path(path)
    if readable == os.fspath(path):
        return load(path)
    return load(path, metadata={"source": readable, "name": file_label(path)})


def input_files(args: argparse.Namespace, *documents: str | os.PathLike[str] | None) -> list[Path]:
    """The files the run reads: ``documents`` and the values of ``--lexicon`` and ``--font``."""
    files = [Path(d) for d in documents if d is not None]
    for name in _INPUT_OPTIONS:
        value = getattr(args, name, None)
        values = value if isinstance(value, list) else [value]
        files += [Path(v) for v in values if v]
    return files


@contextmanager
def corpus_warnings() -> Iterator[None]:
    """Run a corpus step printing each :class:`~policytext.corpus.CorpusWarning` as one line on stderr
    (``policytext: warning: …``); other warnings pass on as they are."""
    from ..corpus.metadata import CorpusWarning

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", CorpusWarning)
        yield
    for w in caught:
        if issubclass(w.category, CorpusWarning):
            print(f"policytext: warning: {w.message}", file=sys.stderr)
        else:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)


def _visible(folder: Path, pattern: str) -> Iterator[Path]:
    """Files of ``folder`` matching ``pattern``, hidden ones skipped (as :meth:`Corpus.from_folder` skips them)."""
    for p in folder.glob(pattern):
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts):
            yield p


def folder_pattern(folder: str | os.PathLike[str], pattern: str) -> str:
    """The glob pattern a command reads ``folder`` with: ``pattern``, or for ``"auto"`` the rule of
    :meth:`policytext.Corpus.from_folder` (``*.txt``; ``**/*.txt`` when only subfolders hold .txt files).

    With ``"auto"`` choosing ``*.txt`` while subfolders hold more .txt files,
    a note on stderr says how to read them too.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> (d / "2024").mkdir(); _ = (d / "2024" / "20240305.txt").write_text("要学习。", encoding="utf-8")
    >>> folder_pattern(d, "auto"), folder_pattern(d, "*.md")
    ('**/*.txt', '*.md')
    >>> _ = (d / "a.txt").write_text("要学习。", encoding="utf-8")
    >>> import contextlib, io
    >>> with contextlib.redirect_stderr(io.StringIO()) as err:
    ...     folder_pattern(d, "auto")
    '*.txt'
    >>> "--pattern '**/*.txt'" in err.getvalue()
    True
    """
    if pattern != AUTO_PATTERN:
        return pattern
    folder = Path(folder)
    nested = next(_visible(folder, "*/**/*.txt"), None) is not None
    if next(_visible(folder, "*.txt"), None) is None and nested:
        return "**/*.txt"
    if nested:
        print(f"policytext: note: reading the .txt files at the top of {printable_path(folder)}; its subfolders "
              "hold more, which --pattern '**/*.txt' reads too", file=sys.stderr)
    return "*.txt"


def no_files_error(folder: str | os.PathLike[str], pattern: str, option: str = "--pattern") -> Exception:
    """The error for a folder where ``pattern`` matches no document; it names ``**/PATTERN`` when that would.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> (d / "2024").mkdir(); _ = (d / "2024" / "20240305.txt").write_text("要学习。", encoding="utf-8")
    >>> print(str(no_files_error(d, "*.txt")).removeprefix(str(d)))
    : no files match '*.txt' at the top of the folder, but 1 in its subfolders match '**/*.txt': give \
--pattern '**/*.txt'
    >>> str(no_files_error(d, "*.docx")).removeprefix(str(d))
    ": no files match '*.docx'"
    """
    from ..errors import InputError

    folder = Path(folder)
    deeper = pattern if pattern.startswith("**/") else f"**/{pattern}"
    n = sum(1 for _ in _visible(folder, deeper)) if folder.is_dir() and deeper != pattern else 0
    if not n:
        return InputError(printable_path(folder), f"no files match {pattern!r}")
    return InputError(printable_path(folder), f"no files match {pattern!r} at the top of the folder, but {n} in its "
                                              f"subfolders match {deeper!r}: give {option} {shlex.quote(deeper)}")
