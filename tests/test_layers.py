"""The import rules of DESIGN.md's "Layers", checked on the source with `ast`.

Every import counts: at module level, inside a function, under `if TYPE_CHECKING:`; relative
imports are resolved. An arrow may stay inside its layer or point down, never up, and no chain of
imports may lead back to where it started (a function-local import that closes the loop is still
a cycle: it only moves the failure from import time to call time).

Layers are module prefixes, so a module moved inside its layer (`services/plans.py` into
`services/plans/`, `cli/main.py` into several `cli/*.py`) needs no edit here; a new top-level
module must be given a layer.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import pytest

PACKAGE = "fabric_auth"
REPO = Path(__file__).resolve().parents[1]

LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # 1. Pure core, no I/O.
    (
        "core",
        (
            "cache",
            "clock",
            "context",
            "exceptions",
            "identifiers",
            "logs",
            "pagination",
            "passwords",
            "periods",
            "permissions",
            "principal",
            "proxies",
            "settings",
            "text",
            "tokens",
        ),
    ),
    # 2. The store: models, shipped migrations, named statements.
    ("store", ("store",)),
    # 3. Services, with DESIGN's layer 4 (state shared across instances) among them:
    # services.changes, services.broadcast, services.revocation and services.rate_limits are used
    # by the other services, so they cannot sit above them. `verify` does I/O (it fetches a JWKS)
    # without FastAPI, and imports nothing of ours (STANDALONE); so does `events`, the SDK other
    # services import to consume events (it reads Redis Streams).
    ("services", ("events", "mail", "services", "verify")),
    # 5. FastAPI glue. `audit` is the route-side `log_action` (it takes a Request); `metrics`
    # and `middleware` are ASGI middleware; `cookies` is HTTP state beside `credentials`.
    (
        "glue",
        (
            "admin",
            "audit",
            "cookies",
            "credentials",
            "dependencies",
            "draining",
            "entitlements",
            "http",
            "metrics",
            "middleware",
            "openapi",
            "routers",
            "runtime",
            "testing",
        ),
    ),
    # 6. The command line, on top.
    ("cli", ("cli",)),
)
FACADE = "facade"
"""The layer of `fabric_auth` itself, above all: it re-exports from every layer, so nothing in
the package imports it (`from fabric_auth import tokens`, a submodule, is fine)."""

WEB = ("fastapi", "starlette")
IO = ("aerich", "asyncpg", "httpx", "httpx_oauth", "prometheus_client", "redis", "tortoise")

NEVER_IMPORTS: dict[str, tuple[str, ...]] = {
    "core": WEB + IO,
    # Services raise domain errors; the glue turns them into HTTP.
    "store": WEB,
    "services": WEB,
    # The CLI uses services, never FastAPI, and never the routers.
    "cli": (*WEB, f"{PACKAGE}.routers"),
}
"""What a layer never imports, on top of the layers above it (third-party packages included)."""

STANDALONE = (f"{PACKAGE}.events", f"{PACKAGE}.verify")
"""Modules that import nothing of fabric_auth but each other: another service imports them
without the store or FastAPI (and may copy them alone)."""

KNOWN_VIOLATIONS: frozenset[tuple[str, str]] = frozenset()
"""Arrows that break a rule today, (importer, imported): exempt from every check here, and left
out of the graph searched for cycles. Fix one and remove it; never add one without a reason."""


@dataclass(frozen=True, slots=True)
class Import:
    """One arrow: `importer` imports `imported` at `file`:`line`."""

    importer: str
    imported: str
    file: str
    line: int
    kind: str = ""
    """"function-local", "TYPE_CHECKING", both, or "" for a module-level import."""

    @property
    def arrow(self) -> tuple[str, str]:
        return self.importer, self.imported

    def __str__(self) -> str:
        kind = f" ({self.kind})" if self.kind else ""
        return f"{self.file}:{self.line}: {self.importer} -> {self.imported}{kind}"


def reaches(module: str, prefix: str) -> bool:
    """Whether `module` is `prefix` or inside it (`a.b.c` is inside `a.b`, `a.bc` is not)."""
    return module == prefix or module.startswith(prefix + ".")


def is_ours(module: str) -> bool:
    return reaches(module, PACKAGE)


def layer_of(module: str) -> int | None:
    """The index of `module`'s layer in LAYERS (len(LAYERS) for the facade), None if unplaced."""
    if module == PACKAGE:
        return len(LAYERS)
    matches = [
        (len(prefix), index)
        for index, (_, prefixes) in enumerate(LAYERS)
        for prefix in prefixes
        if reaches(module, f"{PACKAGE}.{prefix}")
    ]
    return max(matches)[1] if matches else None


def layer_name(index: int) -> str:
    return LAYERS[index][0] if index < len(LAYERS) else FACADE


class _ImportCollector(ast.NodeVisitor):
    def __init__(self, module: str, is_package: bool, file: str, modules: frozenset[str]) -> None:
        self.module = module
        self.package = module if is_package else module.rpartition(".")[0]
        self.file = file
        self.modules = modules
        self.found: list[Import] = []
        self._in_function = False
        self._type_checking = False

    def _add(self, imported: str, node: ast.stmt) -> None:
        kind = ", ".join(
            name
            for name, on in (
                ("function-local", self._in_function),
                ("TYPE_CHECKING", self._type_checking),
            )
            if on
        )
        self.found.append(Import(self.module, imported, self.file, node.lineno, kind))

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(alias.name, node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        base = self._absolute(node)
        for alias in node.names:
            submodule = f"{base}.{alias.name}"
            self._add(submodule if submodule in self.modules else base, node)

    def _absolute(self, node: ast.ImportFrom) -> str:
        if not node.level:
            return node.module or ""
        parts = self.package.split(".")
        if node.level > len(parts):
            raise ValueError(f"{self.file}:{node.lineno}: relative import beyond the package")
        base = ".".join(parts[: len(parts) - node.level + 1])
        return f"{base}.{node.module}" if node.module else base

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        outer, self._in_function = self._in_function, True
        self.generic_visit(node)
        self._in_function = outer

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_If(self, node: ast.If) -> None:
        if not _is_type_checking(node.test):
            self.generic_visit(node)
            return
        outer, self._type_checking = self._type_checking, True
        for statement in node.body:
            self.visit(statement)
        self._type_checking = outer
        for statement in node.orelse:
            self.visit(statement)


def _is_type_checking(test: ast.expr) -> bool:
    """`if TYPE_CHECKING:`, `if typing.TYPE_CHECKING:`, `if _typing.TYPE_CHECKING:`."""
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports_in(
    source: str, module: str, *, is_package: bool, file: str, modules: Iterable[str]
) -> list[Import]:
    """Every import statement of one module's `source`, resolved to the module it imports."""
    collector = _ImportCollector(module, is_package, file, frozenset(modules))
    collector.visit(ast.parse(source, file))
    return collector.found


def _module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@functools.cache
def package_modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted((REPO / PACKAGE).rglob("*.py"))}


@functools.cache
def package_imports() -> tuple[Import, ...]:
    modules = package_modules()
    return tuple(
        found
        for module, path in modules.items()
        for found in imports_in(
            path.read_text(encoding="utf-8"),
            module,
            is_package=path.name == "__init__.py",
            file=str(path.relative_to(REPO)),
            modules=modules,
        )
    )


def upward_arrows(imports: Iterable[Import]) -> Iterator[str]:
    for found in imports:
        if not is_ours(found.imported) or found.arrow in KNOWN_VIOLATIONS:
            continue
        source, target = layer_of(found.importer), layer_of(found.imported)
        if source is not None and target is not None and target > source:
            yield (
                f"{found}: points up, from {layer_name(source)} to {layer_name(target)}"
                f" ({found.imported} is above {found.importer})"
            )


def forbidden_imports(imports: Iterable[Import]) -> Iterator[str]:
    for found in imports:
        if found.arrow in KNOWN_VIOLATIONS:
            continue
        source = layer_of(found.importer)
        layer = layer_name(source) if source is not None else ""
        for prefix in NEVER_IMPORTS.get(layer, ()):
            if reaches(found.imported, prefix):
                yield f"{found}: {layer} never imports {prefix}"
        if (
            any(reaches(found.importer, alone) for alone in STANDALONE)
            and is_ours(found.imported)
            and not any(reaches(found.imported, alone) for alone in STANDALONE)
        ):
            yield f"{found}: {found.importer} is standalone, it imports nothing of {PACKAGE}"


def import_cycles(imports: Iterable[Import]) -> list[list[Import]]:
    """The shortest cycle of each strongly connected group of modules, arrows in order."""
    first: dict[tuple[str, str], Import] = {}
    for found in imports:
        if (
            is_ours(found.importer)
            and is_ours(found.imported)
            and found.importer != found.imported
            and found.arrow not in KNOWN_VIOLATIONS
        ):
            first.setdefault(found.arrow, found)
    graph: dict[str, list[str]] = {}
    for importer, imported in sorted(first):
        graph.setdefault(importer, []).append(imported)
        graph.setdefault(imported, [])
    cycles = []
    for group in _strongly_connected(graph):
        if len(group) > 1:
            path = min((_shortest_cycle(node, graph, group) for node in sorted(group)), key=len)
            cycles.append([first[arrow] for arrow in pairwise(path)])
    return cycles


def _strongly_connected(graph: dict[str, list[str]]) -> list[set[str]]:
    """Tarjan's algorithm."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for successor in graph[node]:
            if successor not in index:
                visit(successor)
                low[node] = min(low[node], low[successor])
            elif successor in on_stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            groups.append(group)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def _shortest_cycle(start: str, graph: dict[str, list[str]], group: set[str]) -> list[str]:
    """Breadth-first from `start` back to it, inside its group: [start, ..., start]."""
    came_from: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for successor in graph[node]:
                if successor == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(came_from[path[-1]])
                    return [*reversed(path), start]
                if successor in group and successor not in came_from:
                    came_from[successor] = node
                    following.append(successor)
        frontier = following
    raise AssertionError(f"{start} is in a strongly connected group but reaches no cycle")


def _report(title: str, lines: Sequence[str]) -> None:
    if lines:
        pytest.fail(f"{title}:\n" + "\n".join(f"  {line}" for line in lines), pytrace=False)


def _format_cycles(cycles: list[list[Import]]) -> list[str]:
    lines = []
    for cycle in cycles:
        lines.append(" -> ".join([cycle[0].importer, *(arrow.imported for arrow in cycle)]))
        lines.extend(f"    {arrow}" for arrow in cycle)
    return lines


def test_every_module_has_a_layer() -> None:
    """Each module of the package falls under a prefix of LAYERS (or is the package itself)."""
    _report(
        "modules in no layer (add their prefix to LAYERS in tests/test_layers.py)",
        [module for module in package_modules() if layer_of(module) is None],
    )


def test_no_import_points_up_the_layers() -> None:
    """No module imports a module of a higher layer, at any level of the file."""
    _report("imports pointing up the layers", list(upward_arrows(package_imports())))


def test_no_layer_imports_what_it_must_not() -> None:
    """Services and below never import FastAPI or Starlette, the core no store or network
    client, the CLI neither FastAPI nor the routers, and `verify` nothing of fabric_auth."""
    _report("forbidden imports", list(forbidden_imports(package_imports())))


def test_no_import_cycles() -> None:
    """No chain of imports between the package's modules leads back to where it started."""
    _report("import cycles", _format_cycles(import_cycles(package_imports())))


def test_known_violations_still_exist() -> None:
    """Each KNOWN_VIOLATIONS arrow is still in the code: a fixed one is taken off the list."""
    arrows = {found.arrow for found in package_imports()}
    _report(
        "fixed; remove from KNOWN_VIOLATIONS in tests/test_layers.py",
        [f"{importer} -> {imported}" for importer, imported in sorted(KNOWN_VIOLATIONS - arrows)],
    )


def test_the_collector_sees_every_kind_of_import() -> None:
    """Module-level, relative, function-local and TYPE_CHECKING imports are all found, each
    resolved to the module it names (a submodule when `from package import submodule`)."""
    source = """
import typing
from typing import TYPE_CHECKING
from fastapi import Request
from . import clock
from .store import models
from ..outside import thing

if TYPE_CHECKING:
    from fabric_auth.runtime import FabricAuth
else:
    import json

if typing.TYPE_CHECKING:
    import fabric_auth.routers.users

async def handler() -> None:
    from .services.plans import PlanCatalogue
"""
    modules = {"fabric_auth.clock", "fabric_auth.store.models", "fabric_auth.services.plans"}
    with pytest.raises(ValueError, match="beyond the package"):
        imports_in(source, "fabric_auth.x", is_package=False, file="x.py", modules=modules)
    found = imports_in(
        source.replace("from ..outside import thing\n", ""),
        "fabric_auth.x",
        is_package=False,
        file="x.py",
        modules=modules,
    )
    assert [(item.imported, item.line, item.kind) for item in found] == [
        ("typing", 2, ""),
        ("typing", 3, ""),
        ("fastapi", 4, ""),
        ("fabric_auth.clock", 5, ""),
        ("fabric_auth.store.models", 6, ""),
        ("fabric_auth.runtime", 9, "TYPE_CHECKING"),
        ("json", 11, ""),
        ("fabric_auth.routers.users", 14, "TYPE_CHECKING"),
        ("fabric_auth.services.plans", 17, "function-local"),
    ]


def test_the_checks_report_what_they_must() -> None:
    """An upward arrow, a forbidden import and a cycle closed inside a function are reported,
    with file, line and arrow."""
    imports = [
        Import("fabric_auth.services.users", "fabric_auth.dependencies", "users.py", 3),
        Import("fabric_auth.store.models", "fastapi", "models.py", 4),
        Import("fabric_auth.cli.users", "fabric_auth.routers.users", "cli/users.py", 5),
        Import("fabric_auth.verify", "fabric_auth.exceptions", "verify.py", 6),
        Import("fabric_auth.mail.base", "fabric_auth.mail.smtp", "base.py", 7),
        Import("fabric_auth.mail.smtp", "fabric_auth.mail.base", "smtp.py", 8, "function-local"),
        Import("fabric_auth.services.rbac", "fabric_auth.permissions", "rbac.py", 9),
    ]
    assert list(upward_arrows(imports)) == [
        "users.py:3: fabric_auth.services.users -> fabric_auth.dependencies: points up, from "
        "services to glue (fabric_auth.dependencies is above fabric_auth.services.users)",
    ]
    assert list(forbidden_imports(imports)) == [
        "models.py:4: fabric_auth.store.models -> fastapi: store never imports fastapi",
        "cli/users.py:5: fabric_auth.cli.users -> fabric_auth.routers.users: cli never imports "
        "fabric_auth.routers",
        "verify.py:6: fabric_auth.verify -> fabric_auth.exceptions: fabric_auth.verify is "
        "standalone, it imports nothing of fabric_auth",
    ]
    assert _format_cycles(import_cycles(imports)) == [
        "fabric_auth.mail.base -> fabric_auth.mail.smtp -> fabric_auth.mail.base",
        "    base.py:7: fabric_auth.mail.base -> fabric_auth.mail.smtp",
        "    smtp.py:8: fabric_auth.mail.smtp -> fabric_auth.mail.base (function-local)",
    ]
