"""Settings from ``[tool.factcheck]`` in pyproject.toml; command-line options win.

[tool.factcheck]
claims = "claims.yaml"        # the catalogue
documents = "seeds"           # the documents folder
top = 3                       # evidence sentences shown per claim
format = "auto"               # any output format name, or auto
judge = "rules"               # who decides verdicts: rules, or model (the judge extra)

[tool.factcheck.thresholds]   # verdicts: coverage (0-100) a sentence needs
support_text = 65             # to support a claim without numbers
support_numbers = 35          # to support a claim whose numbers all agree
contradict = 45               # for a disagreeing number to contradict

[tool.factcheck.retrieval]    # ranking weights (factcheck.settings.RetrievalSettings)
[tool.factcheck.conflicts]    # grouping thresholds (factcheck.settings.ConflictSettings)
[tool.factcheck.model]        # the model judge's thresholds (factcheck.settings.ModelSettings)
"""

from __future__ import annotations

import inspect
import math
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factcheck.errors import FactcheckError
from factcheck.limits import MAX_PYPROJECT_BYTES
from factcheck.settings import (
    ConflictSettings,
    ModelSettings,
    RetrievalSettings,
    Settings,
    VerdictSettings,
    field_names,
)

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

KEYS = {"claims", "documents", "top", "format", "judge", "thresholds", "retrieval", "conflicts", "model"}
# table under [tool.factcheck] -> the Settings section it sets
SECTIONS: dict[str, tuple[str, type]] = {
    "thresholds": ("verdicts", VerdictSettings),
    "retrieval": ("retrieval", RetrievalSettings),
    "conflicts": ("conflicts", ConflictSettings),
    "model": ("model", ModelSettings),
}


@dataclass
class Config:
    """What pyproject.toml says: option defaults (by option name) and the run's settings."""

    options: dict[str, Any] = field(default_factory=dict)
    settings: Settings = field(default_factory=Settings)
    path: Path | None = None


def find_pyproject(start: Path) -> Path | None:
    """The nearest pyproject.toml at or above ``start``, not past the repository's root."""
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
        if (folder / ".git").exists():
            return None
    return None


def load(start: Path | None = None, formats: tuple[str, ...] = ()) -> Config:
    """Read ``[tool.factcheck]``; ``formats`` are the names a ``format`` setting may take
    (the CLI passes ``factcheck.output.names()``, so the check and ``--format`` agree)."""
    path = find_pyproject(start or Path.cwd())
    if path is None:
        return Config()
    table = _table(path)
    if table is None:
        return Config(path=path)
    unknown = set(table) - KEYS
    if unknown:
        raise FactcheckError(
            f"unknown setting '{sorted(unknown)[0]}' in [tool.factcheck]",
            str(path),
            hint="known: " + ", ".join(sorted(KEYS)),
        )
    return Config(_options(table, path, formats), _settings(table, path), path)


def _table(path: Path) -> dict[str, Any] | None:
    try:
        if path.stat().st_size > MAX_PYPROJECT_BYTES:
            raise FactcheckError(f"cannot read: over {MAX_PYPROJECT_BYTES // (1024 * 1024)} MiB", str(path))
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise FactcheckError(f"invalid TOML: {exc}", str(path), hint="fix pyproject.toml") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise FactcheckError(f"cannot read: {exc}", str(path)) from None
    except RecursionError:  # tomllib recurses once per nested array or table
        raise FactcheckError("cannot read: nested too deeply", str(path), hint="fix pyproject.toml") from None
    table = data.get("tool", {}).get("factcheck")
    if table is not None and not isinstance(table, dict):
        raise FactcheckError("[tool.factcheck] must be a table", str(path))
    return table


def _options(table: dict[str, Any], path: Path, formats: tuple[str, ...]) -> dict[str, Any]:
    base = path.parent
    options: dict[str, Any] = {}
    if "claims" in table:
        options["claims"] = base / _text(table["claims"], "claims", path)
    if "documents" in table:
        options["docs"] = base / _text(table["documents"], "documents", path)
    if "format" in table:
        fmt = _text(table["format"], "format", path)
        if formats and fmt not in formats:
            raise FactcheckError(
                f"unknown format '{fmt}' in [tool.factcheck]", str(path), hint="one of: " + ", ".join(formats)
            )
        options["fmt"] = fmt
    if "top" in table:
        top = table["top"]
        if not isinstance(top, int) or isinstance(top, bool) or not 1 <= top <= 50:
            raise FactcheckError("'top' in [tool.factcheck] must be a whole number from 1 to 50", str(path))
        options["top"] = top
    return options


def _settings(table: dict[str, Any], path: Path) -> Settings:
    settings = Settings(judge=_judge(table["judge"], path)) if "judge" in table else Settings()
    for key, (section, cls) in SECTIONS.items():
        raw = table.get(key, {})
        if not isinstance(raw, dict):
            raise FactcheckError(f"[tool.factcheck.{key}] must be a table", str(path))
        known = field_names(cls)
        values: dict[str, Any] = {}
        for name, value in raw.items():
            if name not in known:
                raise FactcheckError(
                    f"unknown setting '{name}' in [tool.factcheck.{key}]", str(path), hint="known: " + ", ".join(known)
                )
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                raise FactcheckError(f"'{name}' in [tool.factcheck.{key}] must be a number", str(path))
            if not math.isfinite(value) or value < 0:  # nan or inf would make every score nan, silently
                raise FactcheckError(
                    f"'{name}' in [tool.factcheck.{key}] must be a finite number, 0 or more; got {value!r}", str(path)
                )
            values[name] = type(getattr(cls(), name))(value)
        settings = settings.updated(section, values)
    return settings


def _judge(value: object, path: Path) -> str:
    """A registered judge's name (the registry imported only when the setting is there)."""
    from factcheck.judges import names

    name = _text(value, "judge", path)
    if name not in names():
        raise FactcheckError(
            f"unknown judge '{name}' in [tool.factcheck]", str(path), hint="one of: " + ", ".join(names())
        )
    return name


def _text(value: object, key: str, path: Path) -> str:
    if not isinstance(value, str) or not value.strip():
        raise FactcheckError(f"'{key}' in [tool.factcheck] must be text", str(path))
    return value


def reference() -> str:
    """docs/configuration.md: every setting with its default and its comment, read from settings.py's source."""
    lines = [
        "# Configuration",
        "",
        "<!-- generated by `python -m factcheck.config > docs/configuration.md` from factcheck/settings.py;",
        "     tests/test_docs.py fails when this page and the settings differ -->",
        "",
        "Every setting under `[tool.factcheck]` in pyproject.toml, with its default and what it decides.",
        "Command-line options win over these. A value tuned on a set names it (WiCE dev is",
        "`bench/wice.py`; see [benchmarks](../bench/README.md)).",
        "",
        "```toml",
        "[tool.factcheck]",
        'claims = "claims.yaml"   # the catalogue (--claims)',
        'documents = "seeds"      # the documents folder (--docs)',
        "top = 3                  # evidence sentences shown per claim (--top)",
        'format = "auto"          # the output format (--format)',
        'judge = "rules"          # who decides verdicts: rules, or model (--judge; docs/judge-model.md)',
        "```",
    ]
    for table, (_, cls) in SECTIONS.items():
        lines += ["", f"## `[tool.factcheck.{table}]`", "", (inspect.getdoc(cls) or "").strip(), ""]
        lines += ["| setting | default | what it decides |", "|---|---|---|"]
        lines += [f"| `{name}` | `{default}` | {comment} |" for name, default, comment in commented_fields(cls)]
    return "\n".join(lines) + "\n"


def commented_fields(cls: type) -> list[tuple[str, str, str]]:
    """Each field of a settings section: name, default as written, comment (continuation lines joined)."""
    rows: list[tuple[str, str, str]] = []
    for line in inspect.getsource(cls).splitlines():
        stripped = line.strip()
        if stripped.startswith("#") and rows:
            name, default, comment = rows[-1]
            rows[-1] = (name, default, f"{comment} {stripped.lstrip('#').strip()}")
            continue
        head, _, comment = stripped.partition("  # ")
        name, colon, rest = head.partition(":")
        if colon and "=" in rest and name.isidentifier():
            rows.append((name, rest.partition("=")[2].strip(), comment.strip().replace("|", "\\|")))
    return rows


if __name__ == "__main__":
    print(reference(), end="")
