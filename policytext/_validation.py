"""Declarative validation of public parameters, after scikit-learn's ``validate_params``.

A function states next to its definition which values each parameter accepts::

    @validate_params({"top": [Interval(int, 1, None), None]})
    def keywords(doc, top=20): ...

A value is valid when it satisfies at least one constraint of its list. A
constraint is an :class:`Interval`, :class:`Options` or :class:`InstanceOf`;
``None`` (None is allowed); a class (``InstanceOf(cls)``); or a string:
``"boolean"`` (bool or numpy.bool_), ``"callable"``, ``"iterable"`` (not str or
bytes), ``"path"`` (str or os.PathLike), ``"str"``. A bad value raises
:class:`~policytext.errors.InvalidParameterError` with the package's templates:
``unknown`` for a string outside every str :class:`Options`, else ``build``
with each constraint in words, in declared order, None last.

Design: bools are never numbers (``True`` fails ``Interval(int, ...)`` and
``InstanceOf(int)``); numpy scalars pass through the :mod:`numbers` ABCs
numpy registers with, so numpy is never imported here; ``InstanceOf`` takes a
class name and imports it at the first check of a value other than None; the
decorator reads the signature once and records each checked parameter's
position, so a call costs an index or dict look-up plus the tests (no
``Signature.bind``); defaults are the author's and are not checked.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import math
import os
import sys
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping, Sequence
from numbers import Complex, Integral, Number, Rational, Real
from typing import Literal, ParamSpec, TypeAlias, TypeVar

from .errors import InvalidParameterError

__all__ = ["Constraint", "ConstraintSpec", "InstanceOf", "Interval", "Options", "check_params", "validate_params"]

P = ParamSpec("P")
R = TypeVar("R")


class Constraint(ABC):
    """A set of accepted values; ``str()`` describes it in plain words."""

    __slots__ = ()

    @abstractmethod
    def accepts(self, value: object) -> bool:
        """Whether ``value`` satisfies the constraint."""

    @abstractmethod
    def __str__(self) -> str: ...

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {self}>"


#: What a constraint list may hold.
ConstraintSpec: TypeAlias = "Constraint | type | str | None"


def _is_int(v: object) -> bool:  # fast paths first; numpy registers its scalars with numbers
    return type(v) is int or (type(v) is not bool and isinstance(v, Integral))


def _is_real(v: object) -> bool:
    return type(v) in (float, int) or (type(v) is not bool and isinstance(v, Real))


def _is_nan(v: object) -> bool:
    return v != v  # NaN is the only value unequal to itself


_KINDS: dict[object, tuple[str, Callable[[object], bool]]] = {
    int: ("an int", _is_int), Integral: ("an int", _is_int), Real: ("a real number", _is_real),
    float: ("a float", lambda v: type(v) is float or (_is_real(v) and not isinstance(v, Integral))),
}


class Interval(Constraint):
    """Numbers of one kind between two bounds.

    Parameters
    ----------
    kind : int, float, numbers.Integral or numbers.Real
        ``int`` and ``Integral`` accept ints and numpy integers; ``float``
        accepts floats and numpy floating scalars but not ints; ``Real``
        accepts both. Bools and NaN are always rejected.
    left, right : number or None
        The bounds; None means unbounded on that side (infinity excluded).
    closed : {"both", "left", "right", "neither"}
        Which finite bounds belong to the interval.

    Examples
    --------
    >>> top = Interval(int, 1, None)
    >>> str(top), top.accepts(3), top.accepts(0), top.accepts(True)
    ('an int in the range [1, inf)', True, False, False)
    >>> share = Interval(float, 0, 1, closed="right")
    >>> str(share), share.accepts(0.5), share.accepts(1), share.accepts(float("nan"))
    ('a float in the range (0.0, 1.0]', True, False, False)
    """

    __slots__ = ("_hi", "_hi_in", "_lo", "_lo_in", "_test", "closed", "kind", "left", "right")

    def __init__(self, kind: object, left: float | None, right: float | None,
                 closed: Literal["both", "left", "right", "neither"] = "both") -> None:
        if kind not in _KINDS:
            raise TypeError(f"Interval kind must be int, float, numbers.Integral or numbers.Real, not {kind!r}")
        if closed not in ("both", "left", "right", "neither"):
            raise ValueError(f"closed must be 'both', 'left', 'right' or 'neither', not {closed!r}")
        self._test = _KINDS[kind][1]
        bound_ok = _is_int if self._test is _is_int else _is_real
        for bound in (left, right):
            if bound is not None and (not bound_ok(bound) or _is_nan(bound)):
                raise TypeError(f"Interval bound {bound!r} is not {_KINDS[kind][0]} or None")
        if left is not None and right is not None and right < left:
            raise ValueError(f"Interval bounds are reversed: {left!r} > {right!r}")
        self.kind, self.left, self.right, self.closed = kind, left, right, closed
        self._lo = -math.inf if left is None else left
        self._hi = math.inf if right is None else right
        self._lo_in = left is not None and closed in ("both", "left")
        self._hi_in = right is not None and closed in ("both", "right")

    def accepts(self, value: object) -> bool:
        if not self._test(value) or _is_nan(value):  # wrong kind, bool, or NaN
            return False
        v: float = value  # type: ignore[assignment]  # a real number, as just tested
        return (v >= self._lo if self._lo_in else v > self._lo) and (v <= self._hi if self._hi_in else v < self._hi)

    def __str__(self) -> str:
        lo, hi = (repr(b) if self._test is _is_int else repr(float(b)) for b in (self._lo, self._hi))
        return f"{_KINDS[self.kind][0]} in the range {'([' [self._lo_in]}{lo}, {hi}{')]'[self._hi_in]}"


class Options(Constraint):
    """One of a fixed set of values of a given type (a bool never equals 0 or 1 here).

    Examples
    --------
    >>> method = Options(str, {"tfidf", "textrank"})
    >>> str(method), method.accepts("tfidf"), method.accepts("bm25")
    ("a str among {'textrank', 'tfidf'}", True, False)
    """

    __slots__ = ("kind", "options")

    def __init__(self, kind: type, options: Iterable[object]) -> None:
        self.kind, self.options = kind, frozenset(options)
        if not self.options or not all(isinstance(o, kind) for o in self.options):
            raise TypeError(f"Options needs a non-empty set of {kind.__name__} values, got {options!r}")

    def accepts(self, value: object) -> bool:
        if type(value) is bool and self.kind is not bool:
            return False
        try:
            return isinstance(value, self.kind) and value in self.options
        except TypeError:  # unhashable
            return False

    def __str__(self) -> str:
        return f"a {self.kind.__name__} among {{{', '.join(sorted(map(repr, self.options)))}}}"


_NUMBER_TYPES = frozenset({int, Integral, Rational, Real, Complex, Number})


class InstanceOf(Constraint):
    """Instances of a class, given as a class or by name (imported on first use).

    A bare name is looked up on the ``policytext`` package, a dotted name
    ``"package.module.Class"`` by importing ``package.module``. Checking None
    never imports. The description uses the class's own name.

    Examples
    --------
    >>> frac = InstanceOf("fractions.Fraction")
    >>> str(frac), frac.accepts(None)
    ("an instance of 'Fraction'", False)
    >>> from fractions import Fraction
    >>> frac.accepts(Fraction(1, 3)), InstanceOf(int).accepts(True)
    (True, False)
    """

    __slots__ = ("_cls", "_path", "name")

    def __init__(self, cls: type | str) -> None:
        if not isinstance(cls, (str, type)):
            raise TypeError(f"InstanceOf needs a class or a dotted class name, got {cls!r}")
        if isinstance(cls, str) and not all(part.isidentifier() for part in cls.split(".")):
            raise ValueError(f"InstanceOf needs a class or a dotted class name, got {cls!r}")
        self._cls: type | None = None if isinstance(cls, str) else cls
        self._path = cls if isinstance(cls, str) else ""
        self.name = cls.rpartition(".")[2] if isinstance(cls, str) else cls.__qualname__

    def resolve(self) -> type:
        """The class, importing its module the first time."""
        if self._cls is None:
            module, _, attr = self._path.rpartition(".")
            found = getattr(importlib.import_module(module or "policytext"), attr)
            if not isinstance(found, type):
                raise TypeError(f"InstanceOf({self._path!r}) names {found!r}, which is not a class")
            self._cls = found
        return self._cls

    def accepts(self, value: object) -> bool:
        if value is None and self._cls is None:
            return False
        cls = self.resolve()
        return isinstance(value, cls) and not (type(value) is bool and cls in _NUMBER_TYPES)

    def __str__(self) -> str:
        return f"an instance of {self.name!r}"


class _Simple(Constraint):
    __slots__ = ("test", "text")

    def __init__(self, text: str, test: Callable[[object], bool]) -> None:
        self.text, self.test = text, test

    def accepts(self, value: object) -> bool:
        return self.test(value)

    def __str__(self) -> str:
        return self.text


def _is_bool(v: object) -> bool:
    t = type(v)
    return t is bool or (t.__module__ == "numpy" and t.__name__ in ("bool", "bool_"))


_NONE = _Simple("None", lambda v: v is None)
_SHORTHANDS: Mapping[str, Constraint] = {
    "boolean": _Simple("a bool", _is_bool),
    "callable": _Simple("a callable", callable),
    "iterable": _Simple("a non-string iterable",
                        lambda v: isinstance(v, Iterable) and not isinstance(v, (str, bytes, bytearray))),
    "path": _Simple("a path (str or os.PathLike)", lambda v: isinstance(v, (str, os.PathLike))),
    "str": _Simple("a str", lambda v: isinstance(v, str)),
}


def _constraint(spec: ConstraintSpec) -> Constraint:
    if spec is None:
        return _NONE
    if isinstance(spec, Constraint):
        return spec
    if isinstance(spec, type):
        return InstanceOf(spec)
    if isinstance(spec, str) and spec in _SHORTHANDS:
        return _SHORTHANDS[spec]
    raise ValueError(f"unknown constraint {spec!r}; use a Constraint, a class, None or one of {sorted(_SHORTHANDS)}")


class _Param:
    """The compiled constraints of one parameter; ``tests`` puts the None test first."""

    __slots__ = ("constraints", "name", "tests")

    def __init__(self, name: str, specs: Sequence[ConstraintSpec]) -> None:
        if isinstance(specs, (str, Constraint)) or not specs:
            raise ValueError(f"the constraints of {name!r} must be a non-empty list")
        self.name = name
        self.constraints = tuple(dict.fromkeys(_constraint(s) for s in specs))
        self.tests = tuple(c.accepts for c in sorted(self.constraints, key=lambda c: c is not _NONE))

    def error(self, value: object, func: str) -> InvalidParameterError:
        if isinstance(value, str):
            names = [o for c in self.constraints if isinstance(c, Options) and c.kind is str for o in c.options]
            if names:
                return InvalidParameterError.unknown(self.name, func, value, map(str, names))
        texts = [str(c) for c in self.constraints if c is not _NONE] + (["None"] if _NONE in self.constraints else [])
        expected = texts[0] if len(texts) == 1 else f"{', '.join(texts[:-1])} or {texts[-1]}"
        return InvalidParameterError.build(self.name, func, expected, value)


def validate_params(
    constraints: Mapping[str, Sequence[ConstraintSpec]], *, func: str | None = None
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Decorate a function so that the listed parameters are checked at each call.

    The decorated function keeps its signature (also for type checkers),
    name and docstring.

    Parameters
    ----------
    constraints : mapping of str to list
        Parameter name -> constraints. Parameters not listed are not checked.
    func : str, optional
        The name used in messages; defaults to the function's ``__name__``.

    Raises
    ------
    InvalidParameterError
        At call time, for the first bad parameter in signature order.
    ValueError
        At decoration time, for an unknown parameter or constraint, or ``*args``.

    Examples
    --------
    >>> @validate_params({"top": [Interval(int, 1, None), None], "method": [Options(str, {"tfidf", "textrank"})]})
    ... def keywords(text: str, top: int | None = 20, method: str = "tfidf") -> str:
    ...     return f"{top} by {method}"
    >>> keywords("x", 5, method="textrank")
    '5 by textrank'
    >>> keywords("x", top=0)  # doctest: +NORMALIZE_WHITESPACE
    Traceback (most recent call last):
    ...
    policytext.errors.InvalidParameterError: The 'top' parameter of keywords must be
    an int in the range [1, inf) or None. Got 0 instead.
    >>> keywords("x", method="bm25")  # doctest: +NORMALIZE_WHITESPACE
    Traceback (most recent call last):
    ...
    policytext.errors.InvalidParameterError: The 'method' parameter of keywords got
    the unknown value 'bm25'. Available names: textrank, tfidf
    """

    def decorate(f: Callable[P, R]) -> Callable[P, R]:
        name = func if func is not None else getattr(f, "__name__", repr(f))
        params = inspect.signature(f).parameters
        unknown = [p for p in constraints if p not in params]
        if unknown:
            raise ValueError(f"{name} has no parameter named {', '.join(unknown)}")
        plan: list[tuple[str, int, bool, tuple[Callable[[object], bool], ...], _Param]] = []
        for index, p in enumerate(params.values()):
            if p.name not in constraints:
                continue
            if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
                raise ValueError(f"cannot validate *args or **kwargs ({p.name!r} of {name})")
            param = _Param(p.name, constraints[p.name])
            position = sys.maxsize if p.kind is p.KEYWORD_ONLY else index
            plan.append((p.name, position, p.kind is not p.POSITIONAL_ONLY, param.tests, param))
        steps = tuple(plan)

        @functools.wraps(f)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            n = len(args)
            for key, position, by_keyword, tests, param in steps:
                if position < n:
                    value = args[position]
                elif by_keyword and key in kwargs:
                    value = kwargs[key]
                else:
                    continue  # the default, or a missing argument Python reports itself
                for test in tests:
                    if test(value):
                        break
                else:
                    raise param.error(value, name)
            return f(*args, **kwargs)

        return wrapper

    return decorate


def check_params(func: str, constraints: Mapping[str, Sequence[ConstraintSpec]], /, **values: object) -> None:
    """Check values inside a function body (e.g. an ``__init__``), in ``constraints`` order.

    Every keyword must have constraints; constraints without a value are skipped.

    Examples
    --------
    >>> check_params("Tokenizer", {"cache": ["boolean"], "top": [Interval(int, 1, None)]}, top=3, cache=True)
    >>> check_params("Tokenizer", {"cache": ["boolean"]}, cache=1)
    Traceback (most recent call last):
    ...
    policytext.errors.InvalidParameterError: The 'cache' parameter of Tokenizer must be a bool. Got 1 instead.
    """
    extra = [name for name in values if name not in constraints]
    if extra:
        raise ValueError(f"no constraints given for {', '.join(extra)}")
    for name, specs in constraints.items():
        if name in values:
            param = _Param(name, specs)
            if not any(test(values[name]) for test in param.tests):
                raise param.error(values[name], func)
