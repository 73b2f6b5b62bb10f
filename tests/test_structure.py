"""Structure the maintainers hold the code to: small functions, and the package layout's seams.

ruff's mccabe check holds complexity at 15 (pyproject.toml); length has no ruff rule,
so it is checked here over the source tree itself.
"""

from __future__ import annotations

import ast
from pathlib import Path

import factcheck

PACKAGE = Path(factcheck.__file__).resolve().parent
MAX_FUNCTION_LINES = 50


def _functions() -> list[tuple[str, int]]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                out.append((f"{path.relative_to(PACKAGE.parent)}:{node.lineno} {node.name}", length))
    return out


def test_no_function_is_over_fifty_lines() -> None:
    long = [f"{where} ({n} lines)" for where, n in _functions() if n > MAX_FUNCTION_LINES]
    assert not long, "split these functions:\n" + "\n".join(long)


def test_the_check_sees_the_whole_package() -> None:
    names = {where.split()[-1] for where, _ in _functions()}
    assert {"verify", "conflicts", "lint", "extract", "judge", "find_conflicts"} <= names


# The layers, top to bottom: a module may import from its own layer's package and from layers below,
# never above. Lazy imports (inside functions) and imports for type checking count too: a lazy import
# up is still a cycle a reader has to hold in mind.
LAYERS: list[set[str]] = [
    {"__main__", "cli", "options", "config"},
    {"project", "cluster", "fetching", "starter"},
    {"locations", "snapshots", "fetch", "changes"},
    {"api", "cache"},
    {"context"},
    {"memo", "judges"},
    {"verdicts", "reports", "records", "output"},
    {"retrieval", "disagreements", "alignment", "polarity"},
    {"analysis"},
    {"catalogue", "baseline", "selection", "corpus", "quantities", "words", "files", "confine"},
    {"lang", "settings", "limits", "environment", "forking", "sanitize", "errors", "__init__"},
]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imported(node: ast.AST, here: str, is_package: bool, known: set[str]) -> list[str]:
    """The package's modules one import statement names (``from a import b``: a.b when b is a module)."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names if a.name in known]
    if not isinstance(node, ast.ImportFrom):
        return []
    base = node.module or ""
    if node.level:
        anchor = here.split(".") if is_package else here.split(".")[:-1]
        anchor = anchor[: len(anchor) - (node.level - 1)]
        base = ".".join([*anchor, base] if base else anchor)
    found = [f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in known]
    if len(found) < len(node.names) and base in known:
        found.append(base)
    return found


def import_graph() -> dict[str, set[str]]:
    """Every module of the package -> the package's modules it imports (anywhere in it)."""
    modules = _modules()
    known = set(modules)
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found = {m for node in ast.walk(tree) for m in _imported(node, name, path.name == "__init__.py", known)}
        graph[name] = found - {name}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def _layer(module: str) -> int:
    top = module.split(".")[1] if "." in module else "__init__"
    for n, layer in enumerate(LAYERS):
        if top in layer:
            return n
    raise AssertionError(f"{module} is in no layer: add its package to LAYERS")


def test_no_module_imports_a_module_that_imports_it_back() -> None:
    cycles = _cycles(import_graph())
    assert not cycles, "import cycles:\n" + "\n".join(" <-> ".join(c) for c in cycles)


def test_imports_go_down_the_layers() -> None:
    graph = import_graph()
    upward = [
        f"{a} -> {b}"
        for a, targets in sorted(graph.items())
        for b in sorted(targets)
        if a != "factcheck" and b != "factcheck" and _layer(b) < _layer(a)
    ]
    assert not upward, "imports up the layers:\n" + "\n".join(upward)


def test_the_import_check_finds_a_cycle_and_an_upward_import() -> None:
    graph = {"factcheck.a": {"factcheck.b"}, "factcheck.b": {"factcheck.c"}, "factcheck.c": {"factcheck.a"}}
    assert _cycles(graph) == [["factcheck.a", "factcheck.b", "factcheck.c"]]
    real = import_graph()
    assert "factcheck.retrieval.bm25" in real["factcheck.api"] or "factcheck.retrieval" in real["factcheck.api"]
    assert _layer("factcheck.cli") < _layer("factcheck.corpus.model")
