"""The command line, and only that: parse options, call a ``factcheck.project`` function,
hand its report to the output registry (``factcheck.output``), exit with its return code.

Errors the user can fix arrive as ``FactcheckError`` and leave here, once, as one line
on stderr with exit code 2, and on stdout in the command's format where it has a
document for them (a SARIF run, a JUnit error, JSON ``{"error": ...}``, a GitHub annotation).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from factcheck import __version__, output
from factcheck.errors import FactcheckError
from factcheck.limits import shown_warnings
from factcheck.options import (
    CONFIG_ERROR_KEY,
    FORMAT_KEY,
    changed_option,
    claims_option,
    docs_option,
    format_option,
    optional_claims_option,
    top_option,
)


def warn(message: str) -> None:
    click.echo(f"factcheck: warning: {message}", err=True)


def _finish(report: output.Report, fmt: output.Format) -> NoReturn:
    """The report to stdout, in its format (the registry picks the renderer), and the exit code it earns."""
    output.render(report, fmt)
    sys.exit(report.return_code)


class FactcheckGroup(click.Group):
    """Turns FactcheckError into one line on stderr and exit code 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except FactcheckError as exc:
            fmt = ctx.meta.get(FORMAT_KEY)
            if fmt is not None:  # a format is known once the command's options are parsed
                output.render_error(exc, fmt, f"factcheck {ctx.invoked_subcommand}")
            click.echo(f"factcheck: error: {exc}", err=True)
            ctx.exit(2)
        except KeyboardInterrupt:
            click.echo("factcheck: interrupted", err=True)
            ctx.exit(130)


@click.group(cls=FactcheckGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="factcheck")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Keep a catalogue of claims honest against the documents they rest on.

    Settings may live under [tool.factcheck] in pyproject.toml; options win.
    """
    from factcheck import config
    from factcheck.limits import columns
    from factcheck.output.terminal import tolerant_streams

    tolerant_streams()
    width_warning = columns()[1]
    if width_warning:
        warn(width_warning)
    try:
        loaded = config.load(formats=output.names())
    except FactcheckError as exc:
        command = cli.get_command(ctx, ctx.invoked_subcommand or "")
        if command is None or not any(p.name == "fmt" for p in command.params):
            click.echo(f"factcheck: error: {exc}", err=True)
            ctx.exit(2)
        ctx.meta[CONFIG_ERROR_KEY] = exc  # raised once --format is known, so the error is written in it
        loaded = config.Config()
    common = {k: v for k, v in loaded.options.items() if k != "top"}
    ctx.default_map = {"verify": dict(loaded.options), "conflicts": dict(common), "lint": dict(common)}
    ctx.obj = {"settings": loaded.settings}


@cli.command()
@claims_option
@docs_option
@top_option
@changed_option
@format_option
@click.pass_context
def verify(ctx: click.Context, claims: Path, docs: Path | None, top: int, changed: str | None,
           fmt: output.Format) -> None:
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
    from factcheck.output.terminal import changes_note, progress_bar

    since = None if changed is None else (changed or None)
    with progress_bar("checking claims") as progress:
        report = project.verify(project.Locations(claims, docs), ctx.obj["settings"], top=top, progress=progress,
                                changed=changed is not None, since=since)
    for message in shown_warnings(report.warnings):
        warn(message)
    note = changes_note(report)
    if note is not None:
        click.echo(note, err=True)
    _finish(report, fmt)


@cli.command()
@optional_claims_option
@docs_option
@format_option
@click.pass_context
def conflicts(ctx: click.Context, claims: Path | None, docs: Path | None, fmt: output.Format) -> None:
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

    report = project.conflicts(project.Locations(claims, docs), ctx.obj["settings"])
    for message in shown_warnings(report.warnings):
        warn(message)
    _finish(report, fmt)


@cli.command()
@claims_option
@docs_option
@format_option
@click.pass_context
def lint(ctx: click.Context, claims: Path, docs: Path | None, fmt: output.Format) -> None:
    """Check the catalogue alone: its format, ids, and that its sources exist.

    Reads no document's text, so it is fast enough for a pre-commit hook.
    Exit code 0 when the catalogue is sound, 2 (one line naming file, line and
    column) when it is not.

    \b
    Example:
      factcheck lint --claims claims.yaml
    """
    from factcheck import project

    _finish(project.lint(project.Locations(claims, docs)), fmt)


def main() -> None:
    cli(prog_name="factcheck")
