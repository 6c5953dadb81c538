"""Exceptions raised by policytext.

Every error the package raises on purpose is a :class:`PolicyTextError`.
Subclasses also inherit the matching builtin (``ValueError``,
``FileNotFoundError``, ``ImportError`` …) so that code written against the
builtins keeps working, as scikit-learn does with ``NotFittedError``.

Examples
--------
>>> from policytext.errors import InvalidParameterError, PolicyTextError
>>> issubclass(InvalidParameterError, ValueError)
True
>>> try:
...     raise InvalidParameterError.build("top", "keywords", "an int in [1, inf)", 0)
... except PolicyTextError as exc:
...     print(exc)
The 'top' parameter of keywords must be an int in [1, inf). Got 0 instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from os import PathLike

__all__ = [
    "PolicyTextError",
    "PolicytextError",
    "InputError",
    "DocumentNotFoundError",
    "EmptyDocumentError",
    "UnsupportedFormatError",
    "DecodingError",
    "DocumentTooLargeError",
    "LexiconFormatError",
    "InvalidParameterError",
    "NotFittedError",
    "MissingDependencyError",
    "FontError",
    "OutputError",
    "PolicyTextWarning",
    "TraditionalScriptWarning",
    "OutsideDomainWarning",
]


class PolicyTextError(Exception):
    """Base class of every error raised by policytext on purpose."""


#: Alias with the spelling used in the style guide.
PolicytextError = PolicyTextError


class InputError(PolicyTextError, ValueError):
    """A document could not be read. The message names the source and the reason."""

    def __init__(self, source: object, reason: str) -> None:
        self.source = _describe(source)
        self.reason = reason
        super().__init__(f"{self.source}: {reason}")


class DocumentNotFoundError(InputError, FileNotFoundError):
    """The path does not exist, or is not a regular file."""


class EmptyDocumentError(InputError):
    """The document has no text (empty or whitespace only)."""


class UnsupportedFormatError(InputError):
    """The bytes are not a text format policytext reads (binary, image, archive …)."""


class DecodingError(InputError):
    """The bytes could not be decoded with any supported Chinese encoding."""


class DocumentTooLargeError(InputError):
    """The input exceeds a documented safety bound (e.g. a .docx zip bomb)."""


class LexiconFormatError(PolicyTextError, ValueError):
    """A lexicon table is malformed. ``path`` and ``line`` say where."""

    def __init__(self, path: object, line: int | None, reason: str) -> None:
        self.path = _describe(path)
        self.line = line
        self.reason = reason
        where = self.path if line is None else f"{self.path}:{line}"
        super().__init__(f"{where}: {reason}")


class InvalidParameterError(PolicyTextError, ValueError, TypeError):
    """A parameter has the wrong type or value."""

    @classmethod
    def build(cls, name: str, func: str, expected: str, got: object) -> InvalidParameterError:
        """Render scikit-learn's message template."""
        return cls(
            f"The {name!r} parameter of {func} must be {expected}. Got {got!r} instead."
        )

    @classmethod
    def unknown(
        cls, name: str, func: str, got: object, available: Iterable[str]
    ) -> InvalidParameterError:
        """An unknown option name; the message lists the valid ones."""
        names = ", ".join(sorted(available))
        return cls(
            f"The {name!r} parameter of {func} got the unknown value {got!r}. "
            f"Available names: {names}"
        )


class NotFittedError(PolicyTextError, ValueError, AttributeError):
    """An estimator was used before ``fit``."""


class MissingDependencyError(PolicyTextError, ImportError):
    """An optional dependency is not installed; the message gives the pip command."""

    def __init__(self, package: str, feature: str, extra: str | None = None) -> None:
        hint = f"pip install 'policytext[{extra}]'" if extra else f"pip install {package}"
        super().__init__(f"{feature} needs the package {package!r}, which is not installed. Install it with: {hint}")


class FontError(PolicyTextError, RuntimeError):
    """No usable CJK font, or the font lacks glyphs for the text to draw."""


class OutputError(PolicyTextError, OSError):
    """An output file could not be written where the user asked."""


def _describe(source: object) -> str:
    if isinstance(source, (str, PathLike)):
        return str(source)
    if isinstance(source, (bytes, bytearray, memoryview)):
        return f"<{len(source)} bytes>"
    return f"<{type(source).__name__}>"


class PolicyTextWarning(UserWarning):
    """Base class of warnings raised by policytext (data problems a user should see)."""


class TraditionalScriptWarning(PolicyTextWarning):
    """The document is written (partly) in traditional characters, which the simplified lexicon does not match."""


class OutsideDomainWarning(PolicyTextWarning):
    """The document uses little of the 机构编制 section vocabulary: its section labels are guesses."""
