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

__all__ = ["add_lexicon_option", "tokenizer_of", "load_document", "input_files", "shown", "corpus_warnings"]

#: Options whose value is a file the run reads (besides the document arguments).
_INPUT_OPTIONS = ("lexicon", "font")


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
