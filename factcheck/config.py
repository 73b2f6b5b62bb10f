"""Settings from ``[tool.factcheck]`` in pyproject.toml; command-line options win.

    [tool.factcheck]
    claims = "claims.yaml"        # the catalogue
    documents = "seeds"           # the documents folder
    top = 3                       # evidence sentences shown per claim
    format = "auto"               # text | json | github | sarif | junit | auto

    [tool.factcheck.thresholds]   # coverage (0-100) a sentence needs
    support_text = 65             # to support a claim without numbers
    support_numbers = 35          # to support a claim whose numbers all agree
    contradict = 45               # for a disagreeing number to contradict
"""

from __future__ import annotations

import tomllib
from dataclasses import fields
from pathlib import Path
from typing import Any

from factcheck.errors import FactcheckError
from factcheck.verdicts import Thresholds

KEYS = {"claims", "documents", "top", "format", "thresholds"}
THRESHOLD_KEYS = {"support_text", "support_numbers", "contradict", "same_subject", "candidates"}
FORMATS = ("auto", "text", "json", "github", "sarif", "junit")


def find_pyproject(start: Path) -> Path | None:
    """The nearest pyproject.toml at or above ``start``, not past the repository's root."""
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
        if (folder / ".git").exists():
            return None
    return None


def load(start: Path | None = None) -> tuple[dict[str, Any], Thresholds, Path | None]:
    """Defaults for every command (a click ``default_map``) and the verdict thresholds."""
    path = find_pyproject(start or Path.cwd())
    if path is None:
        return {}, Thresholds(), None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise FactcheckError(f"invalid TOML: {exc}", str(path), hint="fix pyproject.toml") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise FactcheckError(f"cannot read: {exc}", str(path)) from None
    table = data.get("tool", {}).get("factcheck")
    if table is None:
        return {}, Thresholds(), path
    if not isinstance(table, dict):
        raise FactcheckError("[tool.factcheck] must be a table", str(path))
    unknown = set(table) - KEYS
    if unknown:
        raise FactcheckError(
            f"unknown setting '{sorted(unknown)[0]}' in [tool.factcheck]", str(path),
            hint="known: " + ", ".join(sorted(KEYS)),
        )
    base = path.parent
    common: dict[str, Any] = {}
    if "claims" in table:
        common["claims"] = base / _text(table["claims"], "claims", path)
    if "documents" in table:
        common["docs"] = base / _text(table["documents"], "documents", path)
    if "format" in table:
        fmt = _text(table["format"], "format", path)
        if fmt not in FORMATS:
            raise FactcheckError(f"unknown format '{fmt}' in [tool.factcheck]", str(path), hint="one of: " + ", ".join(FORMATS))
        common["fmt"] = fmt
    verify = dict(common)
    if "top" in table:
        if not isinstance(table["top"], int) or isinstance(table["top"], bool) or not 1 <= table["top"] <= 50:
            raise FactcheckError("'top' in [tool.factcheck] must be a whole number from 1 to 50", str(path))
        verify["top"] = table["top"]
    thresholds = Thresholds()
    raw = table.get("thresholds", {})
    if not isinstance(raw, dict):
        raise FactcheckError("[tool.factcheck.thresholds] must be a table", str(path))
    for key, value in raw.items():
        if key not in THRESHOLD_KEYS:
            raise FactcheckError(f"unknown threshold '{key}'", str(path), hint="known: " + ", ".join(sorted(THRESHOLD_KEYS)))
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise FactcheckError(f"threshold '{key}' must be a number", str(path))
        setattr(thresholds, key, type(getattr(thresholds, key))(value))
    assert {f.name for f in fields(Thresholds)} >= THRESHOLD_KEYS
    default_map = {"verify": verify, "conflicts": dict(common), "lint": {k: v for k, v in common.items()}}
    return default_map, thresholds, path


def _text(value: object, key: str, path: Path) -> str:
    if not isinstance(value, str) or not value.strip():
        raise FactcheckError(f"'{key}' in [tool.factcheck] must be text", str(path))
    return value
