"""Output formats as one registry: every name the CLI accepts, its help, and what renders it.

A :class:`Format` names its module under ``factcheck.output``; that module renders every
report type and a bad-input error (the :class:`Renderers` protocol), so every format works
for every command. Each renderer is given the report and how it was asked for (:class:`Asked`).
The registry holds names only, so ``--help`` and the option's choices import no renderer;
a format's module (and rich, or the reports) loads when it is used.

Adding a format is one module and one line in :data:`FORMATS`; the ``--format`` choices,
the ``[tool.factcheck] format`` check and the help text follow from here.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from factcheck import environment
from factcheck.output.base import Asked, Renderers, Report

if TYPE_CHECKING:
    from factcheck.errors import FactcheckError

__all__ = [
    "AUTO",
    "FORMATS",
    "Asked",
    "Format",
    "Renderers",
    "Report",
    "names",
    "register",
    "render",
    "render_error",
    "resolve",
]

AUTO = "auto"
AUTO_HELP = "github inside GitHub Actions, else text"


@dataclass(frozen=True)
class Format:
    name: str
    help: str
    module: str  # factcheck.output.<module>, or a dotted module path elsewhere, implements Renderers

    def renderers(self) -> Renderers:
        name = self.module if "." in self.module else f"factcheck.output.{self.module}"
        return cast(Renderers, importlib.import_module(name))


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("text", "for people: what needs attention first", "text"),
        Format("table", "the same as text", "text"),
        Format("json", "for tools", "json"),
        Format("csv", "a row per claim and per sentence of evidence", "csv"),
        Format("jsonl", "the same rows as JSON Lines", "jsonl"),
        Format("github", "workflow annotations", "github"),
        Format("sarif", "SARIF 2.1.0, for code scanning", "sarif"),
        Format("junit", "JUnit XML, for test reports", "junit"),
        Format("markdown", "a summary for pull-request comments", "markdown"),
        Format("html", "one self-contained page, to open in a browser", "html"),
    )
}


def register(fmt: Format) -> None:
    """Make a format available to ``--format`` and ``[tool.factcheck] format``; a name registered again is
    replaced. Its module (``fmt.module``) is imported when the format is first used."""
    FORMATS[fmt.name] = fmt


def names() -> tuple[str, ...]:
    """Every value ``--format`` and ``[tool.factcheck] format`` accept."""
    return (AUTO, *FORMATS)


def help_text() -> str:
    described = [f"{AUTO} ({AUTO_HELP})", *(f"{f.name} ({f.help})" for f in FORMATS.values())]
    return "Output: " + ", ".join(described) + "."


def resolve(name: str) -> Format:
    """``auto``: GitHub annotations inside GitHub Actions, the table elsewhere."""
    if name == AUTO:
        name = "github" if environment.github_actions() else "text"
    return FORMATS[name]


def _by_type(renderers: Renderers) -> dict[type, Callable[[Any, Asked], None]]:
    from factcheck.reports import ConflictReport, LintReport, VerifyReport

    return {
        VerifyReport: renderers.render_verify,
        ConflictReport: renderers.render_conflicts,
        LintReport: renderers.render_lint,
    }


def render(report: Report, fmt: Format, asked: Asked) -> None:
    """Write ``report`` to stdout in ``fmt``; its type, not the format's name, picks the renderer."""
    _by_type(fmt.renderers())[type(report)](report, asked)


def render_error(exc: FactcheckError, fmt: Format, command: str) -> None:
    """Bad input in ``fmt`` on stdout (the one line on stderr is the CLI's)."""
    fmt.renderers().render_error(exc, command)


if TYPE_CHECKING:  # every format module implements every renderer
    from factcheck.output import csv as csv_format
    from factcheck.output import github, html, jsonl, junit, markdown, sarif, text
    from factcheck.output import json as json_format

    _CHECKED: tuple[Renderers, ...] = (text, json_format, csv_format, jsonl, github, sarif, junit, markdown, html)
