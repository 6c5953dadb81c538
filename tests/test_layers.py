"""The package's imports point down its layers, and nowhere form a cycle.

Read from the source with ``ast`` (not a runtime trace), so an import inside a
function or under ``TYPE_CHECKING`` counts as much as one at the top: a
type-only edge is still an edge a reader has to follow.

Layers, lowest first (a module may import its own layer and the ones below)::

    ground    errors, _files, _validation, _resources, _version
    text      files -> text -> Document
    tokens    lexicon, tokenizer, formulations, spaCy bridge
    analysis  keywords, classifier, co-occurrence, summary, compare
    corpus    many documents; serial, processes, Dask
    render    pictures, reports, exports
    cli       one module per command

``policytext/__init__.py`` (the lazy public names) and the ``__main__``
modules stand above all layers.

One narrow exception (issue 14: "thin methods on the result classes may
delegate" to the renderer): a *method* of a result class listed in
:data:`DELEGATIONS` may import its renderer inside the method body, so that
``summary.write(...)``, ``cmp.to_html()`` and Jupyter's ``_repr_html_`` keep
working. Such an import runs only when the method is called; a module-level
(or ``TYPE_CHECKING``) import of a higher layer, or a delegation not listed,
still fails.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parent.parent / "policytext"
LAYERS = ("ground", "text", "tokens", "analysis", "corpus", "render", "cli")
TOP = "top"  # the package's __init__ and __main__: may import anything
GROUND = {"errors", "_files", "_validation", "_resources", "_version"}
#: (module, class) -> the one renderer its methods may import inside a method body.
DELEGATIONS = {
    ("policytext.analysis.summary", "StudySummary"): "policytext.render.study_report",
    ("policytext.analysis.compare", "Comparison"): "policytext.render.compare_report",
}


def module_name(path: Path) -> str:
    rel = path.relative_to(PKG.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer_of(module: str) -> str:
    parts = module.split(".")
    if parts[0] != "policytext":
        raise ValueError(module)
    if len(parts) == 1 or parts[1] == "__main__":
        return TOP
    if parts[1] in LAYERS:
        return parts[1]
    if parts[1] in GROUND:
        return "ground"
    raise AssertionError(f"{module}: not in any layer; add it to a layer folder or to GROUND in {__file__}")


def imports(path: Path) -> Iterator[tuple[int, str, str | None]]:
    """``(line, absolute module, class)`` of every import of a policytext module in ``path``;
    ``class`` names the class when the import stands inside one of its methods, else None."""
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    in_method: dict[int, str] = {}
    for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
        for fn in (n for n in cls.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))):
            for node in ast.walk(fn):
                in_method[id(node)] = cls.name
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "policytext":
                    yield node.lineno, alias.name, in_method.get(id(node))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "policytext":
                continue
            # ``from policytext.text import io`` imports the module policytext.text.io
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                yield node.lineno, sub if _is_module(sub) else target, in_method.get(id(node))


def _is_module(name: str) -> bool:
    rel = Path(*name.split(".")[1:])
    return (PKG / rel).with_suffix(".py").is_file() or (PKG / rel / "__init__.py").is_file()


def edges() -> list[tuple[str, int, str, str]]:
    """``(file, line, importer, imported)`` for every internal import, less the listed delegations."""
    out = []
    for path in sorted(PKG.rglob("*.py")):
        importer = module_name(path)
        for line, target, cls in imports(path):
            if cls is not None and DELEGATIONS.get((importer, cls)) == target:
                continue  # a thin method of a result class forwarding to its renderer (see the docstring)
            if target != importer:
                out.append((str(path.relative_to(PKG.parent)), line, importer, target))
    return out


def test_every_module_has_a_layer():
    for path in PKG.rglob("*.py"):
        layer_of(module_name(path))  # raises, naming the module


def test_imports_point_down_the_layers():
    rank = {name: i for i, name in enumerate(LAYERS)}
    wrong = []
    for file, line, importer, target in edges():
        src, dst = layer_of(importer), layer_of(target)
        if src == TOP:
            continue
        if dst == TOP:
            wrong.append(f"{file}:{line}: {importer} imports the package root ({target}); import the module itself")
        elif rank[dst] > rank[src]:
            wrong.append(f"{file}:{line}: {importer} ({src}) imports {target} ({dst}), a higher layer")
    assert not wrong, "imports that point up the layers:\n" + "\n".join(wrong)


def test_no_import_cycles():
    graph: dict[str, set[str]] = {}
    where: dict[tuple[str, str], str] = {}
    for file, line, importer, target in edges():
        if layer_of(importer) == TOP:
            continue
        # importing a package runs its __init__: an edge to the package, and from the package to the module
        graph.setdefault(importer, set()).add(target)
        where.setdefault((importer, target), f"{file}:{line}")
    cycles = []
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycle = stack[stack.index(nxt):] + [nxt]
                cycles.append(" -> ".join(f"{a} ({where[(a, b)]})" for a, b in zip(cycle, cycle[1:])))
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    assert not cycles, "import cycles:\n" + "\n".join(cycles)


def test_checker_sees_violations(tmp_path, monkeypatch):
    """The checks above can fail: a planted upward import and a planted cycle are reported with file:line."""
    fake = tmp_path / "policytext"
    for sub in ("text", "analysis"):
        (fake / sub).mkdir(parents=True)
        (fake / sub / "__init__.py").write_text("")
    (fake / "__init__.py").write_text("")
    (fake / "errors.py").write_text("")
    (fake / "text" / "a.py").write_text("import os\n\ndef f():\n    from ..analysis.b import g\n")
    (fake / "analysis" / "b.py").write_text("from ..text import a\nfrom policytext.errors import X\n")
    (fake / "render").mkdir()
    (fake / "render" / "__init__.py").write_text("")
    (fake / "render" / "r.py").write_text("")
    # a method importing a renderer that DELEGATIONS does not list is still reported
    (fake / "analysis" / "c.py").write_text("class Result:\n    def to_html(self):\n        from ..render import r\n")
    monkeypatch.setitem(globals(), "PKG", fake)
    with pytest.raises(AssertionError, match=r"policytext/text/a.py:4: .*\(text\) imports policytext.analysis.b"):
        test_imports_point_down_the_layers()
    with pytest.raises(AssertionError, match=r"analysis/c.py:3: .*\(analysis\) imports policytext.render.r"):
        test_imports_point_down_the_layers()
    with pytest.raises(AssertionError, match=r"import cycles:\n.*policytext.analysis.b"):
        test_no_import_cycles()
    monkeypatch.setitem(DELEGATIONS, ("policytext.analysis.c", "Result"), "policytext.render.r")
    with pytest.raises(AssertionError) as info:  # listed: only the text/analysis violation is left
        test_imports_point_down_the_layers()
    assert "analysis/c.py" not in str(info.value) and "text/a.py:4" in str(info.value)


def test_setup_cfg_lists_every_package():
    """A folder of the package missing from setup.cfg would be left out of a non-editable install."""
    import configparser

    cfg = configparser.ConfigParser()
    cfg.read(PKG.parent / "setup.cfg", encoding="utf-8")
    listed = set(cfg["options"]["packages"].split())
    found = {module_name(p.parent / "__init__.py") for p in PKG.rglob("__init__.py")}
    assert found <= listed, f"packages missing from setup.cfg [options] packages: {sorted(found - listed)}"
