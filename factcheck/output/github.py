"""The github format: workflow commands, so GitHub Actions annotates the offending lines.

Only what needs attention becomes an annotation (a claim or conflict that is a note is
left out); the last line is the text format's summary.
"""

from __future__ import annotations

import click

from factcheck.errors import FactcheckError
from factcheck.output.base import Asked
from factcheck.output.findings import (
    Finding,
    conflict_findings,
    error_file,
    error_message,
    lint_summary,
    verify_findings,
)
from factcheck.reports import ConflictReport, LintReport, VerifyReport


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_command(
    kind: str,
    message: str,
    file: str | None = None,
    line: int | None = None,
    column: int | None = None,
    title: str | None = None,
) -> str:
    """One workflow command: ``::error file=claims.yaml,line=3,title=...::message``."""
    props = []
    if file is not None:
        props.append(f"file={_escape_property(file)}")
    if line is not None:
        props.append(f"line={line}")
    if column is not None:
        props.append(f"col={column}")
    if title is not None:
        props.append(f"title={_escape_property(title)}")
    head = f"::{kind} {','.join(props)}" if props else f"::{kind}"
    return f"{head}::{_escape_data(message)}"


def render_github(findings: list[Finding], summary: str) -> str:
    lines = []
    for f in findings:
        if f.level == "note":
            continue
        lines.append(github_command(f.level, f.message, f.file, f.line, f.column, f.title))
    lines.append(summary)
    return "\n".join(lines)


def github_error(exc: FactcheckError) -> str:
    """A bad-input error as an annotation, so CI shows it on the offending line."""
    return github_command("error", error_message(exc), error_file(exc), exc.line, exc.column, "factcheck: bad input")


# ------------------------------------------------------------------- renderers


def render_verify(report: VerifyReport, asked: Asked) -> None:
    from factcheck.output.text import verify_summary

    click.echo(render_github(verify_findings(report), verify_summary(report).plain))


def render_conflicts(report: ConflictReport, asked: Asked) -> None:
    from factcheck.output.text import conflicts_summary

    click.echo(render_github(conflict_findings(report), conflicts_summary(report).plain))


def render_lint(report: LintReport, asked: Asked) -> None:
    click.echo(lint_summary(report))  # a sound catalogue needs no annotation


def render_error(exc: FactcheckError, command: str) -> None:
    click.echo(github_error(exc))
