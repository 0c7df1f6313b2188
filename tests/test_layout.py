"""The library's layout, read from its code: three stages in the order data flows, a shared base
beneath them, no circle, no import that climbs back up, and modules a newcomer reads at a sitting.

reading (files -> the table) comes first, compare (the table -> facts and comparisons) second,
pages (the table -> figures and HTML) third. A stage imports only the stages before it and the
shared modules; the shared modules import no stage; the package's public names
(analysis/__init__.py) and the command line (analysis/__main__.py) stand above them all.
Imports inside functions count: an import run late is still an import.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "analysis"
STAGES = ("reading", "compare", "pages")  # in the order data flows
BASE = ("observations", "shapes", "units", "regions", "labels", "filenames", "codebook", "errors", "vocab")
TOP = ("analysis", "analysis.__main__")
LONGEST = 400


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports_of(name: str) -> set[str]:
    """The modules of the package that module `name` imports, anywhere in its code."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                above = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*above, *([base] if base else [])])
            # `from .. import compare` imports the module analysis.compare; `from .x import f`, x.
            named = [f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in MODULES]
            found |= set(named) if named else {base}
    return {module for module in found if module in MODULES and module != name}


def part_of(name: str) -> str:
    """The stage a module belongs to, "base" for the shared modules, "top" for the package's
    public names and the command line."""
    if name in TOP:
        return "top"
    second = name.split(".")[1]
    if second in STAGES:
        return second
    assert second in BASE, f"{MODULES[name]}: neither in a stage folder nor a shared module; add it to one"
    return "base"


def may_import(importer: str, imported: str) -> bool:
    rank = {"base": -1, **{stage: number for number, stage in enumerate(STAGES)}, "top": len(STAGES)}
    mine, theirs = part_of(importer), part_of(imported)
    return mine == theirs or rank[theirs] < rank[mine]


def test_every_module_is_in_a_stage_or_the_shared_base():
    assert {part_of(name) for name in MODULES} == {"top", "base", *STAGES}


@pytest.mark.parametrize("name", sorted(set(MODULES) - set(TOP)))
def test_a_module_imports_only_earlier_stages_and_the_shared_base(name):
    climbing = sorted(m for m in imports_of(name) if not may_import(name, m))
    assert climbing == [], f"{name} ({part_of(name)}) imports {', '.join(climbing)}"


def circles() -> list[list[str]]:
    """Every group of modules that import each other, directly or round a loop (Tarjan)."""
    graph = {name: sorted(imports_of(name)) for name in MODULES}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for name in graph:
        if name not in index:
            visit(name)
    return found


def test_no_modules_import_each_other():
    assert circles() == []


@pytest.mark.parametrize("source, expected", [
    ("from .. import compare", {"analysis.compare"}),
    ("from ..compare.evidence import Evidence", {"analysis.compare.evidence"}),
    ("from .load import SEEDS", {"analysis.pages.load"}),
    ("def f():\n    from ..reading.files import read_text", {"analysis.reading.files"}),
    ("import analysis.reading.corpus", {"analysis.reading.corpus"}),
])  # fmt: skip
def test_imports_are_read_as_python_resolves_them(tmp_path, monkeypatch, source, expected):
    path = tmp_path / "made_up.py"
    path.write_text(source, encoding="utf-8")
    monkeypatch.setitem(MODULES, "analysis.pages.made_up", path)
    assert imports_of("analysis.pages.made_up") == expected


def test_a_climbing_import_and_a_circle_are_caught(monkeypatch):
    monkeypatch.setattr("tests.test_layout.imports_of", lambda name: {
        "analysis.compare.facts": {"analysis.pages.load"}, "analysis.pages.load": {"analysis.compare.facts"},
    }.get(name, set()))  # fmt: skip
    assert not may_import("analysis.compare.facts", "analysis.pages.load")
    assert not may_import("analysis.labels", "analysis.compare")
    assert may_import("analysis.pages.load", "analysis.compare.facts")
    assert may_import("analysis.__main__", "analysis.pages.render")
    assert circles() == [["analysis.compare.facts", "analysis.pages.load"]]


@pytest.mark.parametrize("name", sorted(MODULES))
def test_a_module_is_read_in_one_sitting(name):
    lines = len(MODULES[name].read_text(encoding="utf-8").splitlines())
    assert lines <= LONGEST, f"{MODULES[name].relative_to(PACKAGE.parent)}: {lines} lines; split it by what it holds"


def test_the_compare_package_only_re_exports():
    tree = ast.parse(MODULES["analysis.compare"].read_text(encoding="utf-8"))
    kinds = {type(node).__name__ for node in tree.body}
    assert kinds <= {"Expr", "ImportFrom", "Assign"}, kinds  # the docstring, imports and __all__
