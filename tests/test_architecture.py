"""Who may import whom: the table in ``helpers.__doc__`` is the rule, and every module of
``src/helpers`` keeps it, with no import cycle (imports inside functions count too)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import helpers
from helpers.paths import ROOT

PACKAGE = ROOT / "src" / "helpers"
#: Module size past which a module needs a reason written at its top.
MAX_LINES = 500


def rules(doc: str) -> dict[str, set[str]]:
    """The table of the package's docstring: wing -> the wings it may import (and itself)."""
    table: dict[str, set[str]] = {}
    last = None
    for line in doc.splitlines():
        match = re.match(r"^(\w+)\s{2,}.*?\s{2,}([\w, ]+)$", line)
        if match and not line.startswith("=") and match.group(1) != "wing":
            last = match.group(1)
            table[last] = {w.strip() for w in match.group(2).split(",")} | {last}
        elif last and re.match(r"^\s{10,}\S", line) and line.rstrip().endswith((",", "text")):
            pass  # a continuation line of the description
    return table


def wing_of(module: str) -> str:
    """``helpers.analysis.compute`` -> ``analysis``; a top-level module is on the ground floor."""
    parts = module.split(".")
    if len(parts) > 2 or (PACKAGE / parts[-1]).is_dir():
        return parts[1]
    return "ground"


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imports(path: Path, known: dict[str, Path]) -> set[str]:
    """The ``helpers`` modules a file imports, anywhere in it, resolved to known modules."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # `from helpers.text import units` imports the module units; `from helpers.inputs.facts
            # import fact` imports helpers.inputs.facts
            names = [
                f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in known else node.module
                for a in node.names
            ]
        for imported in names:
            name = imported
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name.startswith("helpers.") or name == "helpers":
                out.add(name)
    return out


def graph() -> dict[str, set[str]]:
    known = modules()
    edges = {m: imports(p, known) - {m} for m, p in known.items()}
    # A package's __init__ is where its wing starts; an import of it is an import of the wing.
    return {m: {t for t in targets if t != "helpers"} for m, targets in edges.items()}


def test_the_table_names_every_wing_and_only_wings_that_exist() -> None:
    table = rules(helpers.__doc__ or "")
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").is_file()}
    assert "ground" in table and set(table) - {"ground"} == folders, (
        sorted(table),
        sorted(folders),
    )


def test_every_import_follows_the_table() -> None:
    table = rules(helpers.__doc__ or "")
    wrong = sorted(
        f"{source} ({wing_of(source)}) imports {target} ({wing_of(target)})"
        for source, targets in graph().items()
        for target in targets
        if wing_of(target) not in table[wing_of(source)] and source != "helpers"
    )
    assert wrong == [], "imports against the table in helpers/__init__.py:\n" + "\n".join(wrong)


def test_no_import_cycle() -> None:
    edges = graph()
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for target in sorted(edges.get(node, ())):
            if state.get(target) == 1:
                cycles.append(
                    [*stack[stack.index(target) :], target] if target in stack else [node, target]
                )
            elif target not in state:
                visit(target, [*stack, target])
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    assert cycles == [], "import cycles: " + "; ".join(" -> ".join(c) for c in cycles)


def test_the_checks_can_fail() -> None:
    doc = (
        "============  =====  =========\nwing          what   may import\n============  =====  =========\n"
        "ground        a      ground\ninputs        b      ground\n============  =====  =========\n"
    )
    assert rules(doc) == {"ground": {"ground"}, "inputs": {"inputs", "ground"}}
    assert wing_of("helpers.inputs.facts") == "inputs" and wing_of("helpers.paths") == "ground"


def test_no_module_over_the_size_without_a_reason() -> None:
    long = []
    for name, path in modules().items():
        text = path.read_text(encoding="utf-8")
        lines = sum(1 for line in text.splitlines() if line.strip())
        docstring = ast.get_docstring(ast.parse(text)) or ""
        if lines > MAX_LINES and not re.search(r"Why this module is (long|over)", docstring):
            long.append(f"{name}: {lines} lines")
    assert long == [], "modules over the size, with no reason at their top: " + ", ".join(long)


def private_imports(path: Path, package: str = "helpers.text") -> list[str]:
    """Private names (``_x``) a module imports from another module of ``package``, by
    ``from package.m import _x`` or as ``m._x`` after ``from package import m``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[str] = []
    modules_bound: dict[str, str] = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom) or not node.module or node.level:
            continue
        if node.module.startswith(package + "."):
            found += [
                f"{node.module}.{a.name}"
                for a in node.names
                if a.name.startswith("_") and not a.name.startswith("__")
            ]
        elif node.module == package:
            modules_bound.update({a.asname or a.name: a.name for a in node.names})
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in modules_bound
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
        ):
            found.append(f"{package}.{modules_bound[node.value.id]}.{node.attr}")
    return found


def test_no_text_module_imports_another_ones_private_names() -> None:
    """A vocabulary two modules of ``helpers.text`` share is a public name of one of them."""
    wrong = {
        name: hits
        for name, path in modules().items()
        if name.startswith("helpers.text") and (hits := private_imports(path))
    }
    assert wrong == {}, wrong


def test_the_private_import_check_can_fail(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(
        "from helpers.text.context import _Raw, WS_RE\nfrom helpers.text import units\n"
        "x = units._compiled\n",
        encoding="utf-8",
    )
    assert sorted(private_imports(module)) == [
        "helpers.text.context._Raw",
        "helpers.text.units._compiled",
    ]
