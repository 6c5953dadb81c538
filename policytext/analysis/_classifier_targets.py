"""What the section classifier accepts as ``X`` and ``y``, checked as scikit-learn checks a classifier's input.

:func:`one_column` refuses 2-d inputs (the text is one column);
:func:`class_labels` turns ``y`` into plain labels and refuses what
:func:`sklearn.utils.multiclass.type_of_target` does not call binary or
multiclass (continuous, NaN, several labels per sentence) and a mix of str
and numbers; :func:`sorted_classes` orders the classes as :func:`numpy.unique`
does, which scikit-learn's scorers assume.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from ..errors import InvalidParameterError
from ._classifier_sections import plain

__all__ = ["one_column", "class_labels", "sorted_classes"]


def one_column(X: object, method: str) -> object:
    """``X`` unless it is a 2-d array or table (``n_features_in_`` is 1: the input is one column of text).

    Iterating a DataFrame yields its column names, and a 2-d array its rows:
    both would be misread as sentences.

    >>> one_column(["要加强学习。"], "predict")
    ['要加强学习。']
    """
    ndim = getattr(X, "ndim", 1)
    if ndim != 1 and not isinstance(X, (str, bytes)):
        raise InvalidParameterError(
            f"The 'X' parameter of SectionClassifier.{method} must be a 1-d sequence of sentences (str or Sentence), "
            f"e.g. one column of a table (df['text'], not df[['text']]). Got a {ndim}-d {type(X).__name__} of shape "
            f"{getattr(X, 'shape', '?')} instead.")
    return X


def class_labels(y: Sequence[Any], n: int) -> list[Any]:
    """``y`` as a list of ``n`` plain class labels, checked as scikit-learn checks a classifier's target.

    Refused (InvalidParameterError): not a sequence of ``n`` items; continuous,
    NaN or infinite values (``type_of_target``); several labels per sentence;
    a mix of str and numbers.

    >>> import numpy as np
    >>> class_labels(np.array(["2", "10"]), 2)
    ['2', '10']
    >>> class_labels([0.5, 1.5], 2)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    policytext.errors.InvalidParameterError: The 'y' parameter of SectionClassifier.fit must be class labels ...
    """
    labels = list(y) if y is not None and not isinstance(y, (str, bytes)) else None
    if labels is None or len(labels) != n:
        raise InvalidParameterError.build(
            "y", "SectionClassifier.fit", f"a sequence of {n} labels (one per sentence)",
            y if labels is None else f"{len(labels)} labels")
    labels = [plain(v) for v in labels]
    if labels:
        _check_target(labels)
    return labels


def _check_target(labels: list[Any]) -> None:
    """Refuse what :func:`sklearn.utils.multiclass.type_of_target` does not call binary or multiclass."""
    import numpy as np
    from sklearn.utils.multiclass import type_of_target

    expected = "class labels (all ints or all strs), one per sentence"
    _one_kind(labels, "y")
    try:
        with np.errstate(invalid="ignore"):  # the cast of NaN to int it makes on the way to its message
            kind = type_of_target(np.asarray(labels), input_name="y")
    except (ValueError, TypeError) as exc:  # NaN, infinity, ragged nesting
        raise InvalidParameterError(f"The 'y' parameter of SectionClassifier.fit must be {expected}: {exc}") from exc
    if kind not in ("binary", "multiclass"):
        hint = (" Maybe you are trying to fit a classifier, which expects discrete classes, on a regression target"
                " with continuous values." if kind.startswith("continuous") else "")
        raise InvalidParameterError(
            f"The 'y' parameter of SectionClassifier.fit must be {expected}. Unknown label type: {kind!r}.{hint}")


def _one_kind(labels: Iterable[Any], what: str) -> None:
    """Refuse a mix of str and other labels (np.unique cannot order them; scikit-learn refuses it too)."""
    strs = sorted({v for v in labels if isinstance(v, str)})
    others = sorted({repr(v) for v in labels if not isinstance(v, str)})
    if strs and others:
        raise InvalidParameterError(
            f"The 'y' parameter of SectionClassifier.fit must be labels of one kind: {what} mixes strs "
            f"({', '.join(map(repr, strs[:3]))}) and other labels ({', '.join(others[:3])}). Mix of label input "
            "types (string and number).")


def sorted_classes(labels: list[Any]) -> list[Any]:
    """The classes of ``labels`` (checked), sorted as :func:`numpy.unique` sorts them.

    scikit-learn's scorers pair the columns of ``predict_proba`` with
    ``np.unique(y)``; natural order (``"2"`` before ``"10"``) would pair them
    with the wrong classes.

    >>> sorted_classes(["2", "10", "1", "2"]), sorted_classes([3, 1, 2])
    (['1', '10', '2'], [1, 2, 3])
    """
    _one_kind(labels, "y with the section table's ids")
    classes = sorted(set(labels))
    if len(classes) < 2:
        raise InvalidParameterError.build("y", "SectionClassifier.fit", "labels of at least two classes", classes)
    return classes
