"""The shape of the code: packages by stage, dependencies pointing down only, Whoosh behind one door.

Read from the source with ``ast`` (function-level imports count), so a stray import fails here rather
than as a cycle some later change trips over."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "searchkit"

# Stages in the order data flows; a module may import its own package and anything of a lower stage.
STAGES = [
    {"searchkit.errors", "searchkit.models"},
    {"searchkit.text"},
    {"searchkit.ingest"},
    {"searchkit.storage"},
    {"searchkit.engine"},
    {"searchkit.similar", "searchkit.language", "searchkit.diff", "searchkit.cluster"},
    {"searchkit.index", "searchkit.watch"},
    {"searchkit.cli", "searchkit.web"},
]
FRONT_ENDS = STAGES[-1]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def unit_of(module: str) -> str:
    """The package (or top-level module) a module belongs to: searchkit.engine.query → searchkit.engine."""
    return ".".join(module.split(".")[:2])


def stage_of(module: str) -> int | None:
    unit = unit_of(module)
    return next((i for i, units in enumerate(STAGES) if unit in units), None)


def imports(module: str) -> list[tuple[str, list[str], int]]:
    """(imported module, names, line) of every import in ``module``, relative ones resolved."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, [], node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names = [alias.name for alias in node.names]
            found.append((target, names, node.lineno))
            # `from . import x` imports the module x when there is one
            found += [(f"{target}.{name}", [], node.lineno) for name in names if f"{target}.{name}" in MODULES]
    return found


def test_every_module_belongs_to_a_stage():
    unplaced = [m for m in MODULES if m not in ("searchkit", "searchkit.__main__") and stage_of(m) is None]
    assert unplaced == []


def test_dependencies_point_down():
    upward = []
    for module in MODULES:
        own = stage_of(module)
        if own is None:
            continue
        for target, _, line in imports(module):
            if not target.startswith("searchkit.") or unit_of(target) == unit_of(module):
                continue
            theirs = stage_of(target)
            if theirs is not None and (theirs > own or (theirs == own and own != STAGES.index(FRONT_ENDS))):
                upward.append(f"{module}:{line} imports {target}")
    assert upward == []


def test_no_import_cycles():
    graph = {m: {t for t, _, _ in imports(m) if t in MODULES and t != m} for m in MODULES}
    # A package's __init__ re-exporting its own modules is not a cycle through them.
    for m in graph:
        graph[m] = {t for t in graph[m] if not (MODULES[t].name == "__init__.py" and m.startswith(t + "."))}
    cycles, state = [], {}

    def visit(node, trail):
        state[node] = "open"
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                cycles.append(" → ".join(trail[trail.index(nxt):] + [nxt]))
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = "done"

    for m in sorted(graph):
        if m not in state:
            visit(m, [m])
    assert cycles == []


def test_no_private_name_is_taken_from_another_package():
    taken = [
        f"{module}:{line} takes {target}.{name}"
        for module in MODULES
        for target, names, line in imports(module)
        if target.startswith("searchkit") and unit_of(target) != unit_of(module)
        for name in names
        if name.startswith("_") and not name.startswith("__")
    ]
    assert taken == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_only_storage_imports_whoosh(module):
    whoosh = [line for target, _, line in imports(module) if target.split(".")[0] == "whoosh"]
    if unit_of(module) != "searchkit.storage":
        assert whoosh == [], f"{module} imports Whoosh at lines {whoosh}"


def test_the_core_never_imports_typer_or_rich():
    core = [m for m in MODULES if stage_of(m) is not None and stage_of(m) < STAGES.index(FRONT_ENDS)]
    found = [f"{m}:{line} imports {t}" for m in core for t, _, line in imports(m) if t.split(".")[0] in ("typer", "rich", "click")]
    assert found == []
