"""The package layout: imports go one way (docs/ARCHITECTURE.md).

The import graph is read from the source with ``ast`` (imports inside functions count: a lazy import
is still a dependency), so a new cycle fails here before it becomes an ImportError on some code path.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import harmwatch

PKG = Path(harmwatch.__file__).resolve().parent


def _modules() -> dict[str, Path]:
    out = {}
    for p in sorted(PKG.rglob("*.py")):
        rel = p.relative_to(PKG.parent).with_suffix("")
        parts = list(rel.parts)
        if "migrations" in parts:  # Alembic scripts are loaded by path, not imported
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = p
    return out


MODULES = _modules()


def _is_package(name: str) -> bool:
    return MODULES.get(name, Path()).name == "__init__.py"


def _imports(name: str, path: Path) -> set[str]:
    """harmwatch modules that ``name`` imports (a ``from P import m`` of a submodule is an edge to it)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = name if _is_package(name) else name.rsplit(".", 1)[0]
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.name in MODULES:
                    out.add(a.name)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here.rsplit(".", node.level - 1)[0] if node.level > 1 else here
                mod = f"{base}.{node.module}" if node.module else base
            else:
                mod = node.module or ""
            if not mod.startswith("harmwatch"):
                continue
            for a in node.names:
                sub = f"{mod}.{a.name}"
                out.add(sub if sub in MODULES else mod)
    # a module's own package (and its parents) are loaded before it: not a dependency of it
    ancestors = {name.rsplit(".", k)[0] for k in range(1, name.count(".") + 1)}
    return {m for m in out if m in MODULES and m != name and m not in ancestors}


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one node (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on.add(root)
        while work:
            node, it = work[-1]
            nxt = next(it, None)
            if nxt is not None:
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on.add(nxt)
                    work.append((nxt, iter(sorted(graph.get(nxt, ())))))
                elif nxt in on:
                    low[node] = min(low[node], index[nxt])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                comp = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    comp.append(w)
                    if w == node:
                        break
                if len(comp) > 1:
                    out.append(sorted(comp))
    return out


def _unit(name: str) -> str:
    """The layer unit of a module: extract's sub-packages count as one unit each."""
    parts = name.split(".")
    if parts[:2] == ["harmwatch", "extract"] and len(parts) >= 3 and _is_package(".".join(parts[:3])):
        return ".".join(parts[:3])
    return name


def test_the_graph_is_read():
    # the reader sees the layering it is meant to check (a broken reader would pass every test below)
    assert "harmwatch.extract.events.context" in GRAPH["harmwatch.extract.events.nonconflict"]
    assert "harmwatch.extract.places.build" in GRAPH["harmwatch.extract.places.gazetteer"]
    assert "harmwatch.extract.assemble" in GRAPH["harmwatch.extract"]  # the lazy import counts
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycle_between_modules():
    assert _cycles(GRAPH) == []


def test_no_import_cycle_between_extract_packages():
    units: dict[str, set[str]] = {}
    for name, deps in GRAPH.items():
        if name.startswith("harmwatch.extract"):
            units.setdefault(_unit(name), set()).update(
                _unit(d) for d in deps if d.startswith("harmwatch.extract") and _unit(d) != _unit(name))
    assert _cycles(units) == []


@pytest.mark.parametrize("field, below", [
    # each field package may use the shared helpers, never the layers above it
    ("harmwatch.extract.events", {"harmwatch.extract.roles", "harmwatch.extract.assemble"}),
    ("harmwatch.extract.dates", {"harmwatch.extract.events", "harmwatch.extract.places", "harmwatch.extract.roles"}),
    ("harmwatch.extract.places", {"harmwatch.extract.events", "harmwatch.extract.roles", "harmwatch.extract.assemble"}),
    ("harmwatch.extract.actors", {"harmwatch.extract.events", "harmwatch.extract.roles", "harmwatch.extract.assemble"}),
    ("harmwatch.extract.casualties", {"harmwatch.extract.events", "harmwatch.extract.roles", "harmwatch.extract.assemble"}),
])
def test_field_packages_import_downward_only(field, below):
    for name, deps in GRAPH.items():
        if name == field or name.startswith(field + "."):
            bad = {d for d in deps if _unit(d) in below}
            assert not bad, f"{name} imports {sorted(bad)}"


def test_extract_imports_nothing_of_the_later_stages():
    later = ("harmwatch.store", "harmwatch.cli", "harmwatch.evaluation", "harmwatch.ingest", "harmwatch.api")
    for name, deps in GRAPH.items():
        if name.startswith("harmwatch.extract"):
            assert not {d for d in deps if d.startswith(later)}, name


def test_casualty_modules_call_only_downward():
    order = ["numbers", "rules", "lists", "victims", "claims"]
    pkg = "harmwatch.extract.casualties."
    for i, mod in enumerate(order):
        above = {pkg + m for m in order[i + 1:]}
        assert not GRAPH[pkg + mod] & above, mod


def test_extract_modules_stay_under_the_size_rule():
    # house rule 12: modules under ~800 lines
    for name, path in MODULES.items():
        if name.startswith("harmwatch.extract"):
            assert sum(1 for _ in path.open(encoding="utf-8")) <= 800, name
