"""What a type checker sees through ``import policytext as pt``: the real signatures, never ``Any``.

The public names load lazily at run time (PEP 562 ``__getattr__``), so the
package's ``__init__`` also imports them under ``TYPE_CHECKING``; these tests
keep the three lists (``__all__``, the lazy table, the ``TYPE_CHECKING``
imports) in step and run mypy on a small user script.
"""

from __future__ import annotations

import ast
import importlib
import re
import textwrap
from pathlib import Path

import pytest

import policytext as pt

INIT = Path(pt.__file__)


def _type_checking_imports() -> dict[str, str]:
    """``name -> module`` of the imports inside ``if TYPE_CHECKING:`` in policytext/__init__.py."""
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for imp in node.body:
                assert isinstance(imp, ast.ImportFrom) and imp.level == 1, ast.dump(imp)
                for alias in imp.names:
                    out[alias.asname or alias.name] = str(imp.module)
    return out


def test_all_is_a_literal_list():
    """Type checkers read ``__all__`` only when it is a literal."""
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    assigned = [n for n in tree.body if isinstance(n, ast.Assign) and any(
        isinstance(t, ast.Name) and t.id == "__all__" for t in n.targets)]
    assert len(assigned) == 1 and isinstance(assigned[0].value, ast.List)
    assert all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in assigned[0].value.elts)


def test_lazy_table_and_type_checking_imports_agree():
    seen = _type_checking_imports()
    public = set(pt.__all__) - {"__version__"}
    assert set(seen) == public == set(pt._LAZY), (set(seen) ^ public, set(pt._LAZY) ^ public)
    for name, module in seen.items():
        assert pt._LAZY[name] == module, name
        # the object a type checker describes is the object a user gets
        assert getattr(importlib.import_module(f"policytext.{module}"), name) is getattr(pt, name), name


@pytest.mark.slow
def test_mypy_sees_real_signatures(tmp_path):
    api = pytest.importorskip("mypy.api", reason="mypy is not installed (pip install '.[test]')")
    script = tmp_path / "user_script.py"
    script.write_text(textwrap.dedent("""\
        import policytext as pt

        doc = pt.load("report.txt")
        x: int = pt.load("a")
        n: str = len(pt.keywords(doc, top=5))
        pt.keywords(doc, top="five")
        reveal_type(pt.Tokenizer().lcut)
        """) + "".join(f"reveal_type(pt.{name})\n" for name in sorted(set(pt.__all__) - {"__version__"})),
        encoding="utf-8")
    out, err, status = api.run([str(script), "--no-incremental", "--cache-dir", str(tmp_path / "mypy-cache"),
                                "--ignore-missing-imports", "--follow-imports=silent", "--no-error-summary"])
    assert status == 1, out + err
    lines = out.splitlines()
    assert any(':4: error: Incompatible types in assignment (expression has type "Document", variable has type "int")'
               in ln for ln in lines), out
    assert any(":5: error: Incompatible types in assignment" in ln for ln in lines), out
    assert any(":6: error: Argument \"top\" to \"keywords\" has incompatible type \"str\"" in ln for ln in lines), out
    revealed = [ln for ln in lines if "note: Revealed type is" in ln]
    assert len(revealed) == len(set(pt.__all__) - {"__version__"}) + 1, out
    assert re.search(r"def \(text: (builtins\.)?str\) -> (builtins\.)?list\[(builtins\.)?str\]", revealed[0]), revealed[0]
    anys = [ln for ln in revealed if re.search(r'Revealed type is "Any"', ln)]
    assert not anys, "public names a type checker sees as Any:\n" + "\n".join(anys)
