"""The app's import graph, read by grimp (installed with import-linter), for
the architecture tests: which package a module belongs to, the package
graph, and the cycles of a graph with one of each cycle's paths.

grimp counts every import statement, function-level (lazy) ones and those
under ``if TYPE_CHECKING:`` included, as import-linter does.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import grimp

SRC = Path(__file__).resolve().parents[2] / "src" / "app"

Graph = Mapping[str, frozenset[str]]


def app_graph() -> grimp.ImportGraph:
    # No cache: a test must see the files as they are, and write nothing.
    return grimp.build_graph("app", cache_dir=None)


def module_graph(graph: grimp.ImportGraph) -> dict[str, frozenset[str]]:
    """Each module of app -> the modules of app it imports."""
    return {module: frozenset(graph.find_modules_directly_imported_by(module))
            for module in sorted(graph.modules)}


def package_of(module: str) -> str:
    """app.storage.store -> app.storage; app (the root) and app.__main__ stay themselves."""
    return ".".join(module.split(".")[:2])


def package_graph(modules: Graph) -> dict[str, frozenset[str]]:
    """app.X -> the other app.Y its modules import."""
    packages: dict[str, set[str]] = {}
    for importer, imported in modules.items():
        found = packages.setdefault(package_of(importer), set())
        found.update(package_of(name) for name in imported)
    return {name: frozenset(found - {name}) for name, found in sorted(packages.items())}


def cycles(graph: Graph) -> list[list[str]]:
    """The strongly connected parts of ``graph`` with more than one node, or a
    node importing itself (Tarjan's algorithm, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in graph:
        if root in index:
            continue
        work: list[tuple[str, Iterable[str]]] = [(root, iter(sorted(graph.get(root, ()))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, successors = work[-1]
            for successor in successors:
                if successor not in index:
                    index[successor] = low[successor] = len(index)
                    stack.append(successor)
                    on_stack.add(successor)
                    work.append((successor, iter(sorted(graph.get(successor, ())))))
                    break
                if successor in on_stack:
                    low[node] = min(low[node], index[successor])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    part = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        part.append(member)
                        if member == node:
                            break
                    if len(part) > 1 or node in graph.get(node, ()):
                        found.append(sorted(part))
    return sorted(found)


def cycle_path(graph: Graph, part: list[str]) -> list[str]:
    """One cycle through the first node of ``part`` (a strongly connected
    part of ``graph``), as the nodes along it, the first again at the end."""
    start = part[0]
    inside = set(part)
    came_from: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for successor in sorted(graph.get(node, ())):
                if successor == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(came_from[path[-1]])
                    return [start, *reversed(path[:-1]), start]
                if successor in inside and successor not in came_from:
                    came_from[successor] = node
                    following.append(successor)
        frontier = following
    raise ValueError(f"{part} is not a cycle of the graph")


def import_lines(graph: grimp.ImportGraph, importer: str, imported: str) -> str:
    """Where ``importer`` imports ``imported``: "l.12, l.40"."""
    details = graph.get_import_details(importer=importer, imported=imported)
    return ", ".join(f"l.{detail['line_number']}" for detail in details)
