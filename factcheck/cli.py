"""The command line: parse options, call a command function, render its result.

Errors the user can fix arrive as ``FactcheckError`` and leave here, once, as one line
on stderr with exit code 2.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from factcheck import __version__, render
from factcheck.commands.conflicts import conflicts as run_conflicts
from factcheck.commands.verify import verify as run_verify
from factcheck.errors import FactcheckError
from factcheck.options import claims_option, docs_option, format_option, optional_claims_option, top_option


def stdout_console() -> Console:
    # rich already honours NO_COLOR and writes no ANSI codes when stdout is not a terminal.
    width = None if sys.stdout.isatty() else int(os.environ.get("COLUMNS", "120"))
    return Console(width=width, highlight=False)


def stderr_console() -> Console:
    return Console(stderr=True, highlight=False)


def warn(message: str) -> None:
    click.echo(f"factcheck: warning: {message}", err=True)


class FactcheckGroup(click.Group):
    """Turns FactcheckError into one line on stderr and exit code 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except FactcheckError as exc:
            click.echo(f"factcheck: error: {exc}", err=True)
            ctx.exit(2)
        except KeyboardInterrupt:
            click.echo("factcheck: interrupted", err=True)
            ctx.exit(130)


@contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int, int], None]]:
    """A transient progress bar on stderr, shown only on an interactive terminal."""
    console = stderr_console()
    with Progress(
        TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=console, transient=True, disable=not console.is_interactive,
    ) as progress:
        task = progress.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        yield update


@click.group(cls=FactcheckGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="factcheck")
def cli() -> None:
    """Keep a catalogue of claims honest against the documents they rest on."""


@cli.command()
@claims_option
@docs_option
@top_option
@format_option(("text", "json"))
def verify(claims: Path, docs: Path | None, top: int, fmt: str) -> None:
    """Find the evidence for every claim and give each a verdict.

    Verdicts: supported, contradicted, unverified, disputed. Exit code 0 when
    every claim is supported (or has the verdict its 'expect:' names), 1 when
    any is not, 2 on bad input.

    \b
    Example:
      factcheck verify --claims claims.yaml --docs seeds/
      factcheck verify --format json | jq '.claims[] | {id, verdict}'
    """
    with progress_bar("checking claims") as progress:
        report = run_verify(claims, docs, top=top, progress=progress)
    for message in report.warnings:
        warn(message)
    if fmt == "json":
        click.echo(render.dumps(render.verify_json(report)))
    else:
        render.render_verify_text(report, stdout_console())
    sys.exit(report.return_code)


@cli.command()
@optional_claims_option
@docs_option
@format_option(("text", "json"))
def conflicts(claims: Path | None, docs: Path | None, fmt: str) -> None:
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
    report = run_conflicts(claims, docs)
    for message in report.warnings:
        warn(message)
    if fmt == "json":
        click.echo(render.dumps(render.conflicts_json(report)))
    else:
        render.render_conflicts_text(report, stdout_console())
    sys.exit(report.return_code)


def main() -> None:
    cli(prog_name="factcheck")
