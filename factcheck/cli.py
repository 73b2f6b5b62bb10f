"""The command line: parse options, call a command function, render its result.

Errors the user can fix arrive as ``FactcheckError`` and leave here, once, as one line
on stderr with exit code 2 (and, in GitHub format, as an annotation on the bad line).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from factcheck import __version__
from factcheck.errors import FactcheckError
from factcheck.options import (
    changed_option, claims_option, docs_option, format_option, optional_claims_option, top_option,
)

FORMAT_KEY = "factcheck.format"


def resolve_format(fmt: str) -> str:
    """``auto``: GitHub annotations inside GitHub Actions, the table elsewhere."""
    if fmt == "auto":
        return "github" if os.environ.get("GITHUB_ACTIONS") else "text"
    return fmt


def stdout_console() -> Any:
    from rich.console import Console

    # rich already honours NO_COLOR and writes no ANSI codes when stdout is not a terminal.
    width = None if sys.stdout.isatty() else int(os.environ.get("COLUMNS", "120"))
    return Console(width=width, highlight=False)


def warn(message: str) -> None:
    click.echo(f"factcheck: warning: {message}", err=True)


class FactcheckGroup(click.Group):
    """Turns FactcheckError into one line on stderr and exit code 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except FactcheckError as exc:
            if ctx.meta.get(FORMAT_KEY) == "github":
                from factcheck.formats import github_error

                click.echo(github_error(exc))
            click.echo(f"factcheck: error: {exc}", err=True)
            ctx.exit(2)
        except KeyboardInterrupt:
            click.echo("factcheck: interrupted", err=True)
            ctx.exit(130)


@contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int, int], None]]:
    """A transient progress bar on stderr, shown only on an interactive terminal."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True, highlight=False)
    with Progress(
        TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=console, transient=True, disable=not console.is_interactive,
    ) as progress:
        task = progress.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        yield update


def _start(ctx: click.Context, fmt: str) -> str:
    fmt = resolve_format(fmt)
    ctx.meta[FORMAT_KEY] = fmt
    return fmt


@click.group(cls=FactcheckGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="factcheck")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Keep a catalogue of claims honest against the documents they rest on.

    Settings may live under [tool.factcheck] in pyproject.toml; options win.
    """
    from factcheck import config

    try:
        loaded = config.load(formats=("auto", "text", "json", "github", "sarif", "junit"))
    except FactcheckError as exc:
        click.echo(f"factcheck: error: {exc}", err=True)
        ctx.exit(2)
    common = {k: v for k, v in loaded.options.items() if k != "top"}
    ctx.default_map = {"verify": dict(loaded.options), "conflicts": dict(common), "lint": dict(common)}
    ctx.obj = {"settings": loaded.settings}


@cli.command()
@claims_option
@docs_option
@top_option
@changed_option
@format_option(("text", "json", "github", "sarif", "junit"))
@click.pass_context
def verify(ctx: click.Context, claims: Path, docs: Path | None, top: int, changed: str | None, fmt: str) -> None:
    """Find the evidence for every claim and give each a verdict.

    Verdicts: supported, contradicted, unverified, disputed. Exit code 0 when
    every claim is supported (or has the verdict its 'expect:' names), 1 when
    any is not, 2 on bad input.

    \b
    Example:
      factcheck verify --claims claims.yaml --docs seeds/
      factcheck verify --format json | jq '.claims[] | {id, verdict}'
      factcheck verify --changed origin/main --format github
    """
    from factcheck import project

    fmt = _start(ctx, fmt)
    since = None if changed is None else (changed or None)
    with progress_bar("checking claims") as progress:
        report = project.verify(project.Locations(claims, docs), ctx.obj["settings"], top=top, progress=progress,
                                changed=changed is not None, since=since)
    for message in report.warnings:
        warn(message)
    if report.changes is not None:
        ch = report.changes
        click.echo(
            f"factcheck: {len(report.results)} of {report.total_claims} claims changed since {ch.base_label}"
            f" ({ch.base[:12] or 'no commit'})" + (f"; deleted: {', '.join(ch.deleted)}" if ch.deleted else ""),
            err=True,
        )
    _emit(fmt, report, "factcheck verify")
    sys.exit(report.return_code)


@cli.command()
@optional_claims_option
@docs_option
@format_option(("text", "json", "github", "sarif", "junit"))
@click.pass_context
def conflicts(ctx: click.Context, claims: Path | None, docs: Path | None, fmt: str) -> None:
    """Show where documents and claims disagree about the same quantity.

    Statements about the same thing (what is counted, and of what) are grouped;
    a group whose values cannot all be true is a conflict, or a change over time
    when the values carry different stated times (shown as a timeline).
    Exit code 0 when no conflict is unresolved, 1 otherwise, 2 on bad input.
    Record a decision under 'resolutions:' in the catalogue to resolve a group.

    \b
    Example:
      factcheck conflicts --docs seeds/
      factcheck conflicts --claims claims.yaml --format json
    """
    from factcheck import project

    fmt = _start(ctx, fmt)
    report = project.conflicts(project.Locations(claims, docs), ctx.obj["settings"])
    for message in report.warnings:
        warn(message)
    _emit(fmt, report, "factcheck conflicts")
    sys.exit(report.return_code)


@cli.command()
@claims_option
@docs_option
@format_option(("text", "json", "github"))
@click.pass_context
def lint(ctx: click.Context, claims: Path, docs: Path | None, fmt: str) -> None:
    """Check the catalogue alone: its format, ids, and that its sources exist.

    Reads no document's text, so it is fast enough for a pre-commit hook.
    Exit code 0 when the catalogue is sound, 2 (one line naming file, line and
    column) when it is not.

    \b
    Example:
      factcheck lint --claims claims.yaml
    """
    import json

    from factcheck import project

    fmt = _start(ctx, fmt)
    report = project.lint(project.Locations(claims, docs))
    summary = f"{report.catalogue}: {report.claims} claims, {report.files} documents under {report.documents}: OK"
    if fmt == "json":
        click.echo(json.dumps({"catalogue": str(report.catalogue), "claims": report.claims,
                               "documents": report.files, "ok": True}))
    else:
        click.echo(summary)


def _emit(fmt: str, report: Any, suite: str) -> None:
    from factcheck import formats, render
    from factcheck.reports import VerifyReport

    is_verify = isinstance(report, VerifyReport)
    if fmt == "json":
        click.echo(render.dumps(render.verify_json(report) if is_verify else render.conflicts_json(report)))
    elif fmt == "text":
        (render.render_verify_text if is_verify else render.render_conflicts_text)(report, stdout_console())
    else:
        findings = formats.verify_findings(report) if is_verify else formats.conflict_findings(report)
        summary = (render.verify_summary(report) if is_verify else render.conflicts_summary(report)).plain
        if fmt == "github":
            click.echo(formats.render_github(findings, summary))
        elif fmt == "sarif":
            click.echo(formats.render_sarif(findings))
        else:
            click.echo(formats.render_junit(findings, suite))


def main() -> None:
    cli(prog_name="factcheck")
