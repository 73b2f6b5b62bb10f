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
