"""Tests of ``policytext._validation``: constraints, messages, the decorator and ``check_params``."""

from __future__ import annotations

import inspect
import json
import math
import re
import subprocess
import sys
import textwrap
from fractions import Fraction
from numbers import Integral, Real
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import policytext
from policytext._validation import (
    ConstraintSpec,
    InstanceOf,
    Interval,
    Options,
    check_params,
    validate_params,
)
from policytext.errors import InvalidParameterError


def accepts(specs: list[ConstraintSpec], value: object) -> bool:
    """Whether ``value`` passes ``specs``, through the public ``check_params``."""
    try:
        check_params("f", {"x": specs}, x=value)
    except InvalidParameterError:
        return False
    return True


def message(specs: list[ConstraintSpec], value: object, name: str = "x", func: str = "f") -> str:
    with pytest.raises(InvalidParameterError) as info:
        check_params(func, {name: specs}, **{name: value})
    return str(info.value)


# -- Interval ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("closed", "text", "inside", "outside"),
    [
        ("both", "[1, 3]", [1, 2, 3], [0, 4]),
        ("left", "[1, 3)", [1, 2], [0, 3]),
        ("right", "(1, 3]", [2, 3], [1, 4]),
        ("neither", "(1, 3)", [2], [1, 3]),
    ],
)
def test_interval_int_bounds(closed: Any, text: str, inside: list[int], outside: list[int]) -> None:
    interval = Interval(int, 1, 3, closed=closed)
    assert str(interval) == f"an int in the range {text}"
    assert all(interval.accepts(v) for v in inside)
    assert not any(interval.accepts(v) for v in outside)


@pytest.mark.parametrize("kind", [int, float, Real, Integral])
@pytest.mark.parametrize("value", [True, False, np.bool_(True)])
def test_bool_is_never_a_number(kind: object, value: object) -> None:
    assert not Interval(kind, None, None).accepts(value)
    assert not accepts([Interval(kind, 0, 1)], value)


def test_bool_fails_instance_of_int_but_passes_bool() -> None:
    assert not InstanceOf(int).accepts(True)
    assert not accepts([int], False)
    assert InstanceOf(bool).accepts(True)
    assert InstanceOf(int).accepts(3)


@pytest.mark.parametrize("value", [np.int8(5), np.int64(5), np.uint16(5), 5, 10**30])
def test_int_interval_accepts_python_and_numpy_ints(value: object) -> None:
    assert Interval(int, 1, None).accepts(value)
    assert not Interval(int, 6, None).accepts(np.int64(5))


@pytest.mark.parametrize("value", [0.5, np.float32(0.5), np.float64(0.5), np.float16(0.5), Fraction(1, 2)])
def test_float_and_real_intervals_accept_floats(value: object) -> None:
    assert Interval(float, 0, 1).accepts(value)
    assert Interval(Real, 0, 1).accepts(value)
    assert not Interval(float, 0.6, 1).accepts(value)


def test_float_interval_rejects_ints_but_real_accepts_them() -> None:
    assert not Interval(float, 0, 1).accepts(1)
    assert not Interval(float, 0, 1).accepts(np.int64(1))
    assert Interval(Real, 0, 1).accepts(1)
    assert not Interval(int, 0, 1).accepts(0.5)


@pytest.mark.parametrize("nan", [math.nan, np.float32("nan"), np.nan])
@pytest.mark.parametrize("kind", [float, Real])
def test_nan_is_rejected(nan: object, kind: object) -> None:
    assert not Interval(kind, None, None).accepts(nan)
    assert Interval(kind, None, None).accepts(0.0)


def test_infinity_passes_only_an_explicit_closed_bound() -> None:
    assert not Interval(float, 0, None).accepts(math.inf)
    assert not Interval(Real, None, 0).accepts(-math.inf)
    assert Interval(float, 0, math.inf).accepts(math.inf)
    assert str(Interval(float, 0, math.inf)) == "a float in the range [0.0, inf]"
    assert not Interval(float, 0, math.inf, closed="left").accepts(math.inf)


@pytest.mark.parametrize(
    ("interval", "text"),
    [
        (Interval(int, 1, None), "an int in the range [1, inf)"),
        (Interval(int, None, 0, closed="neither"), "an int in the range (-inf, 0)"),
        (Interval(float, 0, 1, closed="right"), "a float in the range (0.0, 1.0]"),
        (Interval(Real, 0.5, None), "a real number in the range [0.5, inf)"),
        (Interval(float, None, None), "a float in the range (-inf, inf)"),
    ],
)
def test_interval_description(interval: Interval, text: str) -> None:
    assert str(interval) == text
    assert repr(interval) == f"<Interval: {text}>"


@pytest.mark.parametrize(
    ("args", "kwargs", "error"),
    [
        ((str, 0, 1), {}, TypeError),
        ((int, 0.5, 1), {}, TypeError),
        ((int, True, None), {}, TypeError),
        ((float, math.nan, 1), {}, TypeError),
        ((int, 3, 1), {}, ValueError),
        ((int, 0, 1), {"closed": "open"}, ValueError),
    ],
)
def test_interval_rejects_bad_definitions(args: tuple[Any, ...], kwargs: dict[str, Any], error: type) -> None:
    with pytest.raises(error):
        Interval(*args, **kwargs)


@settings(database=None, max_examples=200)
@given(lo=st.integers(-(10**20), 10**20), delta=st.integers(0, 10**25))
def test_ints_from_lo_pass_and_below_fail(lo: int, delta: int) -> None:
    interval = Interval(int, lo, None)
    assert interval.accepts(lo + delta)
    assert not interval.accepts(lo - 1 - delta)
    assert accepts([interval], lo + delta) and not accepts([interval], lo - 1 - delta)


@settings(database=None, max_examples=200)
@given(value=st.floats(allow_nan=True, allow_infinity=True), lo=st.floats(-10, 10), width=st.floats(0, 10))
def test_real_interval_matches_comparisons(value: float, lo: float, width: float) -> None:
    hi = lo + width
    assert Interval(Real, lo, hi).accepts(value) == (lo <= value <= hi)
    assert Interval(Real, lo, hi, closed="neither").accepts(value) == (lo < value < hi)


# -- Options, InstanceOf, shorthands ----------------------------------------------------------------


def test_options() -> None:
    method = Options(str, {"tfidf", "textrank"})
    assert str(method) == "a str among {'textrank', 'tfidf'}"
    assert method.accepts("tfidf") and method.accepts(np.str_("textrank"))
    assert not method.accepts("TFIDF") and not method.accepts(None) and not method.accepts(["tfidf"])
    flags = Options(int, {0, 1})
    assert flags.accepts(1) and not flags.accepts(True) and not flags.accepts(2)
    with pytest.raises(TypeError):
        Options(str, {"a", 1})
    with pytest.raises(TypeError):
        Options(str, set())


def test_instance_of_class_and_dotted_name() -> None:
    assert InstanceOf(Fraction).accepts(Fraction(1, 2))
    assert not InstanceOf(Fraction).accepts(0.5)
    by_name = InstanceOf("fractions.Fraction")
    assert str(by_name) == str(InstanceOf(Fraction)) == "an instance of 'Fraction'"
    assert by_name.accepts(Fraction(1, 2)) and not by_name.accepts(0.5)
    assert by_name.resolve() is Fraction


def test_instance_of_imports_lazily(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pt_lazy_probe.py").write_text("class Thing:\n    pass\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "pt_lazy_probe", raising=False)
    constraint = InstanceOf("pt_lazy_probe.Thing")
    assert accepts([constraint, None], None)
    assert not constraint.accepts(None)
    assert "pt_lazy_probe" not in sys.modules
    assert not constraint.accepts(3)
    assert "pt_lazy_probe" in sys.modules
    assert constraint.accepts(sys.modules["pt_lazy_probe"].Thing())


def test_instance_of_bare_name_is_looked_up_on_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    class Probe:
        pass

    monkeypatch.setattr(policytext, "ProbeForValidation", Probe, raising=False)
    constraint = InstanceOf("ProbeForValidation")
    assert constraint.accepts(Probe()) and not constraint.accepts(object())


def test_instance_of_rejects_bad_names() -> None:
    with pytest.raises(ValueError):
        InstanceOf("not a name")
    with pytest.raises(TypeError):
        InstanceOf(3)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        InstanceOf("math.pi").accepts(1.0)
    with pytest.raises(AttributeError):
        InstanceOf("math.NoSuchClass").accepts(1.0)


@pytest.mark.parametrize(
    ("spec", "good", "bad"),
    [
        ("boolean", [True, False, np.bool_(False)], [1, 0, "yes", None, np.int64(1)]),
        ("callable", [len, lambda: 0, int], [1, "len", None]),
        ("iterable", [[1], (), {"a"}, {"a": 1}, iter([]), np.array([1])], ["ab", b"ab", bytearray(b"a"), 3, None]),
        ("path", ["a.txt", Path("a.txt")], [b"a.txt", 3, None]),
        ("str", ["", "a", np.str_("a")], [b"a", 3, None]),
        (None, [None], [0, "", False]),
        (str, ["a"], [b"a"]),
    ],
)
def test_shorthands(spec: ConstraintSpec, good: list[object], bad: list[object]) -> None:
    assert all(accepts([spec], v) for v in good)
    assert not any(accepts([spec], v) for v in bad)


@pytest.mark.parametrize("specs", [["bool"], [3], "str", []])
def test_bad_constraint_lists_are_rejected(specs: Any) -> None:
    with pytest.raises(ValueError):
        check_params("f", {"x": specs}, x=1)


# -- messages ----------------------------------------------------------------------------------------


def test_message_single_constraint() -> None:
    assert message([Interval(int, 1, None)], 0, "top", "keywords") == (
        "The 'top' parameter of keywords must be an int in the range [1, inf). Got 0 instead."
    )
    assert message(["boolean"], 1) == "The 'x' parameter of f must be a bool. Got 1 instead."


def test_message_joins_constraints_with_none_last() -> None:
    assert message([None, Interval(int, 1, None)], True, "top", "keywords") == (
        "The 'top' parameter of keywords must be an int in the range [1, inf) or None. Got True instead."
    )
    assert message([InstanceOf(Fraction), None, "iterable", Interval(float, 0, 1, closed="right")], "s") == (
        "The 'x' parameter of f must be an instance of 'Fraction', a non-string iterable, "
        "a float in the range (0.0, 1.0] or None. Got 's' instead."
    )


def test_message_unknown_option_lists_names() -> None:
    specs: list[ConstraintSpec] = [Options(str, {"tfidf", "textrank"}), None]
    assert message(specs, "bm25", "method", "keywords") == (
        "The 'method' parameter of keywords got the unknown value 'bm25'. Available names: textrank, tfidf"
    )
    both = [Options(str, {"b"}), Options(str, {"a", "c"}), InstanceOf(Fraction)]
    assert message(both, "z").endswith("Available names: a, b, c")


def test_message_for_a_non_string_against_options_uses_build() -> None:
    assert message([Options(str, {"tfidf", "textrank"}), None], 3, "method", "keywords") == (
        "The 'method' parameter of keywords must be a str among {'textrank', 'tfidf'} or None. Got 3 instead."
    )


def test_error_is_value_and_type_error() -> None:
    with pytest.raises(ValueError):
        check_params("f", {"x": ["str"]}, x=1)
    with pytest.raises(TypeError):
        check_params("f", {"x": ["str"]}, x=1)


# -- validate_params ---------------------------------------------------------------------------------


@validate_params({"top": [Interval(int, 1, None), None], "method": [Options(str, {"tfidf", "textrank"})]})
def keywords(text: str, top: int | None = 20, method: str = "tfidf") -> str:
    """Docstring kept."""
    return f"{text}:{top}:{method}"


def test_decorator_keeps_metadata() -> None:
    assert keywords.__name__ == "keywords"
    assert keywords.__doc__ == "Docstring kept."
    assert keywords.__wrapped__.__name__ == "keywords"  # type: ignore[attr-defined]
    params = inspect.signature(keywords).parameters
    assert list(params) == ["text", "top", "method"]
    assert params["top"].default == 20
    assert keywords.__annotations__["top"] == "int | None"


def test_decorator_validates_positional_and_keyword_calls() -> None:
    assert keywords("a", 3, "textrank") == "a:3:textrank"
    assert keywords("a", top=None, method="tfidf") == "a:None:tfidf"
    assert keywords(text="a") == "a:20:tfidf"
    with pytest.raises(InvalidParameterError, match=r"'top' parameter of keywords must be an int"):
        keywords("a", 0)
    with pytest.raises(InvalidParameterError, match=r"'top' parameter of keywords .* Got True instead"):
        keywords("a", top=True)
    with pytest.raises(InvalidParameterError, match="unknown value 'x'"):
        keywords("a", 1, "x")
    with pytest.raises(InvalidParameterError, match="unknown value 'x'"):
        keywords("a", method="x")


def test_decorator_reports_the_first_bad_parameter_in_signature_order() -> None:
    with pytest.raises(InvalidParameterError, match="'top'"):
        keywords("a", method="x", top=0)


def test_decorator_func_name_keyword_only_positional_only_and_methods() -> None:
    @validate_params({"a": ["boolean"], "b": ["boolean"], "c": ["boolean"]}, func="Thing.run")
    def run(a: object, /, b: object, *, c: object = False, **extra: object) -> tuple[object, ...]:
        return a, b, c, extra

    assert run(True, b=False, c=True, a=5) == (True, False, True, {"a": 5})

    @validate_params({"a": ["boolean"]})
    def defaulted(a: object = True, /, **extra: object) -> dict[str, object]:
        return extra

    assert defaulted(a=5) == {"a": 5}  # this 'a' goes to **extra, not to the positional-only 'a'
    with pytest.raises(InvalidParameterError, match="'a' parameter of Thing.run"):
        run(1, True)
    with pytest.raises(InvalidParameterError, match="'c' parameter of Thing.run"):
        run(True, True, c=1)

    class Model:
        @validate_params({"n": [Interval(int, 1, None)]})
        def fit(self, n: int) -> int:
            return n

    assert Model().fit(2) == 2
    with pytest.raises(InvalidParameterError, match="'n' parameter of fit must be"):
        Model().fit(n=0)


def test_decorator_leaves_defaults_and_missing_arguments_to_python() -> None:
    @validate_params({"n": [Interval(int, 1, None)]})
    def f(n: int = 0) -> int:
        return n

    assert f() == 0  # defaults are the author's, not checked
    with pytest.raises(InvalidParameterError):
        f(0)

    @validate_params({"n": [Interval(int, 1, None)]})
    def g(n: int) -> int:
        return n

    with pytest.raises(TypeError, match="missing 1 required positional argument") as info:
        g()  # type: ignore[call-arg]
    assert not isinstance(info.value, InvalidParameterError)


def test_decorator_rejects_bad_declarations() -> None:
    with pytest.raises(ValueError, match="no parameter named nope"):
        validate_params({"nope": [None]})(lambda x: x)
    with pytest.raises(ValueError, match=r"\*args"):
        validate_params({"args": [None]})(lambda *args: args)
    with pytest.raises(ValueError, match="unknown constraint"):
        validate_params({"x": ["int"]})(lambda x: x)


def test_decorator_reads_the_signature_once(monkeypatch: pytest.MonkeyPatch) -> None:
    @validate_params({"n": [Interval(int, 1, None)]})
    def f(n: int) -> int:
        return n

    def boom(*args: object, **kwargs: object) -> None:
        raise AssertionError("inspect.signature called per call")

    monkeypatch.setattr(inspect, "signature", boom)
    monkeypatch.setattr(inspect.Signature, "bind", boom)
    assert f(3) == 3
    with pytest.raises(InvalidParameterError):
        f(0)


# -- check_params ------------------------------------------------------------------------------------


def test_check_params() -> None:
    constraints: dict[str, list[ConstraintSpec]] = {"a": [Interval(int, 0, None)], "func": ["str"]}
    check_params("Model", constraints, a=1, func="x")  # a value may be called 'func'
    check_params("Model", constraints, a=1)  # absent values are skipped
    with pytest.raises(InvalidParameterError, match="The 'a' parameter of Model must be an int"):
        check_params("Model", constraints, func=1, a=-1)  # order of the constraints, not of the keywords
    with pytest.raises(ValueError, match="no constraints given for b"):
        check_params("Model", constraints, b=1)


# -- import cost and static typing -------------------------------------------------------------------


def test_import_does_not_load_numpy_or_other_package_modules() -> None:
    code = textwrap.dedent(
        """
        import json, sys, policytext
        before = set(sys.modules)
        import policytext._validation
        print(json.dumps(sorted(set(sys.modules) - before)))
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    added = json.loads(out)
    assert "policytext._validation" in added
    assert not [m for m in added if m.split(".")[0] == "numpy"]
    assert {m for m in added if m.split(".")[0] == "policytext"} <= {"policytext._validation", "policytext.errors"}


def test_mypy_sees_the_original_signature(tmp_path: Path) -> None:
    api = pytest.importorskip("mypy.api", reason="mypy is not installed")
    snippet = tmp_path / "snippet.py"
    snippet.write_text(
        textwrap.dedent(
            """
            from policytext._validation import Interval, validate_params

            @validate_params({"top": [Interval(int, 1, None)]})
            def f(text: str, top: int = 1) -> str:
                return text * top

            reveal_type(f)
            ok: str = f("a", top=2)
            bad = f("a", top="2")
            """
        ),
        encoding="utf-8",
    )
    # the module itself is checked too; the rest of the package is skipped, which keeps this at ~1 s
    module = inspect.getfile(validate_params)
    out, _, _ = api.run(["--strict", "--follow-imports=skip", "--cache-dir=/dev/null", str(snippet), module])
    lines = out.splitlines()
    revealed = re.compile(r':8: note: Revealed type is "def \(text: (builtins\.)?str, top: (builtins\.)?int =\) -> (builtins\.)?str"')
    assert any(revealed.search(ln) for ln in lines), out
    assert any(':10: error: Argument "top" to "f" has incompatible type "str"; expected "int"' in ln
               for ln in lines), out
    assert not any(":9:" in ln for ln in lines), out
