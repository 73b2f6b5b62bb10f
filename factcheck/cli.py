"""The command line, and only that: parse options, call a ``factcheck.project`` function,
hand its report to the output registry (``factcheck.output``), exit with its return code.

Errors the user can fix arrive as ``FactcheckError`` and leave here, once, as one line
on stderr with exit code 2, and on stdout in the command's format where it has a
document for them (a SARIF run, a JUnit error, JSON ``{"error": ...}``, a GitHub annotation).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click
from click.core import ParameterSource

from factcheck import __version__, environment, output
from factcheck.errors import FactcheckError
from factcheck.limits import shown_warnings
from factcheck.options import (
    CONFIG_ERROR_KEY,
    FORMAT_KEY,
    allow_outside_option,
    catalogue_argument,
    changed_option,
    claims_option,
    cluster_option,
    conflicts_verbose_option,
    docs_option,
    fail_on_option,
    format_option,
    judge_option,
    keyword_option,
    no_cache_option,
    only_option,
    optional_claims_option,
    top_option,
    verbose_option,
)
from factcheck.sanitize import one_line

if TYPE_CHECKING:
    from factcheck.project import Locations

if TYPE_CHECKING:
    from factcheck.reports import VerifyReport


def warn(message: str) -> None:
    """One line on stderr, whatever the message quotes (a file name with a line break in it cannot
    start a line of its own, which GitHub Actions would read as a workflow command)."""
    click.echo(f"factcheck: warning: {one_line(message)}", err=True)


def _locations(
    ctx: click.Context, claims: Path | None, docs: Path | None, *, cache: bool = True, allow_outside: bool = False
) -> Locations:
    """What the user named. A catalogue or documents folder that pyproject.toml names is a committed
    file's word: it must lie inside pyproject.toml's project unless ``--allow-outside``."""
    from factcheck.confine import ALLOW_OPTION, Project
    from factcheck.project import Locations

    pyproject = ctx.obj.get("pyproject")
    for name, option, path in (("claims", "--claims", claims), ("docs", "--docs", docs)):
        if pyproject is None or allow_outside or path is None:
            continue
        if ctx.get_parameter_source(name) != ParameterSource.DEFAULT_MAP:
            continue
        refused = Project.of(pyproject).refusal(path)
        if refused is not None:
            raise FactcheckError(
                f"[tool.factcheck] names {path}, {refused}",
                str(pyproject),
                hint=f"pass {option} {path} on the command line to read it, or {ALLOW_OPTION}",
            )
    return Locations(claims, docs, cache=cache, allow_outside=allow_outside)


def _shown(value: object) -> str:
    """An option's value as the user gave it (a format by name; several values joined by commas)."""
    if isinstance(value, output.Format):
        return value.name
    if isinstance(value, (tuple, frozenset)):
        return ",".join(sorted(map(str, value)) if isinstance(value, frozenset) else map(str, value)) or "none"
    return str(value)


def _asked(ctx: click.Context, started: float, verbose: bool = False) -> output.Asked:
    """How the report was asked for: ``--top`` counts for the human formats only when given."""
    top = ctx.params.get("top")
    given = top is not None and ctx.get_parameter_source("top") not in (ParameterSource.DEFAULT, None)
    options = {k: _shown(v) for k, v in ctx.params.items() if v is not None and v is not False and v != ()}
    return output.Asked(
        command=ctx.command_path,
        settings=ctx.obj["settings"],
        shown=top if given else None,
        verbose=verbose,
        elapsed=time.perf_counter() - started,
        options=options,
    )


def step_summary(report: output.Report, asked: output.Asked) -> None:
    """Under GitHub Actions, the Markdown summary is appended to $GITHUB_STEP_SUMMARY (the job's page)."""
    path = environment.step_summary()
    if path is None:
        return
    from factcheck.output.markdown import document

    try:
        with open(path, "a", encoding="utf-8") as summary:
            summary.write(document(report, asked) + "\n")
    except OSError as exc:
        warn(f"cannot write the job summary to {path}: {exc.strerror}")


def inform(message: str) -> None:
    """A line about the run (not a warning) on stderr."""
    click.echo(f"factcheck: {one_line(message)}", err=True)


def _finish(report: output.Report, fmt: output.Format, asked: output.Asked) -> NoReturn:
    """The report to stdout, in its format (the registry picks the renderer), and the exit code it earns."""
    output.render(report, fmt, asked)
    step_summary(report, asked)
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
    from factcheck.output.terminal import tolerant_streams

    tolerant_streams()
    width_warning = environment.columns()[1]
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
    ctx.default_map = {
        "verify": dict(loaded.options),
        "conflicts": dict(common),
        "lint": dict(common),
        "report": {k: v for k, v in loaded.options.items() if k != "fmt"},
    }
    ctx.obj = {"settings": loaded.settings, "pyproject": loaded.path}


@cli.command()
@catalogue_argument
@claims_option
@docs_option
@top_option
@verbose_option
@changed_option
@only_option
@keyword_option
@fail_on_option
@judge_option
@no_cache_option
@cluster_option
@allow_outside_option
@format_option
@click.pass_context
def verify(
    ctx: click.Context,
    claims: Path,
    docs: Path | None,
    top: int,
    verbose: bool,
    changed: str | None,
    only: tuple[str, ...],
    keyword: str | None,
    fail_on: frozenset[str] | None,
    no_cache: bool,
    cluster: str | None,
    allow_outside: bool,
    fmt: output.Format,
) -> None:
    """Find the evidence for every claim and give each a verdict.

    Verdicts: supported, partial, contradicted, unverified, disputed. The
    claims not as expected come first, each with its best sentence; --top N
    shows N, -v shows them unclipped. Exit code 0 when every claim is supported (or
    has the verdict its 'expect:' names), 1 when any is not (--fail-on: any whose
    verdict it names), 2 on bad input. CATALOGUE: as --claims.

    \b
    Example:
      factcheck verify claims.yaml --docs seeds/
      factcheck verify --format json | jq '.claims[] | {id, verdict}'
      factcheck verify --changed origin/main --format github
      factcheck verify -k agencies --fail-on contradicted,disputed
    """
    from factcheck import project
    from factcheck.output.terminal import progress_bar

    started = time.perf_counter()
    with progress_bar("checking claims") as progress:
        report = project.verify(
            _locations(ctx, claims, docs, cache=not no_cache, allow_outside=allow_outside),
            ctx.obj["settings"],
            top=top,
            progress=progress,
            reading=progress.reading,
            changed=changed is not None,
            since=changed or None,
            cluster=cluster,
            note=inform,
            select=project.Selection(only, keyword),
        )
    report.fail_on = fail_on
    _tell(report)
    _finish(report, fmt, _asked(ctx, started, verbose))


def _tell(report: VerifyReport) -> None:
    """A verify run's warnings, and with --changed what was compared, on stderr."""
    from factcheck.output.terminal import changes_note

    for message in shown_warnings(report.warnings):
        warn(message)
    note = changes_note(report)
    if note is not None:
        click.echo(one_line(note), err=True)


@cli.command()
@catalogue_argument
@optional_claims_option
@docs_option
@conflicts_verbose_option
@no_cache_option
@cluster_option
@allow_outside_option
@format_option
@click.pass_context
def conflicts(
    ctx: click.Context,
    claims: Path | None,
    docs: Path | None,
    verbose: bool,
    no_cache: bool,
    cluster: str | None,
    allow_outside: bool,
    fmt: output.Format,
) -> None:
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

    started = time.perf_counter()
    where = _locations(ctx, claims, docs, cache=not no_cache, allow_outside=allow_outside)
    report = project.conflicts(where, ctx.obj["settings"], cluster=cluster, note=inform)
    for message in shown_warnings(report.warnings):
        warn(message)
    _finish(report, fmt, _asked(ctx, started, verbose))


@cli.command()
@catalogue_argument
@claims_option
@docs_option
@allow_outside_option
@format_option
@click.pass_context
def lint(ctx: click.Context, claims: Path, docs: Path | None, allow_outside: bool, fmt: output.Format) -> None:
    """Check the catalogue alone: its format, ids, and that its sources exist.

    Reads no document's text, so it is fast enough for a pre-commit hook.
    Exit code 0 when the catalogue is sound, 2 (one line naming file, line and
    column) when it is not.

    \b
    Example:
      factcheck lint --claims claims.yaml
    """
    from factcheck import project

    where = _locations(ctx, claims, docs, allow_outside=allow_outside)
    _finish(project.lint(where), fmt, output.Asked())  # html lists no options for lint


@cli.command()
@catalogue_argument
@claims_option
@click.option("--check", is_flag=True, help="Compare each live page with its snapshot; change nothing (for CI).")
@click.option("--refresh", is_flag=True, help="Download again the URLs that already have a snapshot.")
@click.option("--allow-private", is_flag=True, help="Allow loopback, private and link-local addresses.")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1, max=600),
    default=30.0,
    show_default=True,
    help="Seconds for each URL, redirects included: the lookup, the connection, the headers and the body.",
)
@allow_outside_option
@click.pass_context
def fetch(
    ctx: click.Context,
    claims: Path,
    check: bool,
    refresh: bool,
    allow_private: bool,
    timeout: float,
    allow_outside: bool,
) -> None:
    """Download each URL the catalogue cites into a snapshot; verify reads the snapshots, never the network.

    Snapshots go to .snapshots/ beside the catalogue and are listed in sources.lock.yaml
    (URL, final URL, fetch time, content type, HTTP status, sha256). Exit code 0 when
    all is well, 1 when a URL failed (or, with --check, changed), 2 on bad input.

    \b
    Example:
      factcheck fetch
      factcheck fetch --check
    """
    from factcheck import project
    from factcheck.fetch import Limits

    where = _locations(ctx, claims, None, allow_outside=allow_outside)
    limits = Limits(timeout=timeout, allow_private=allow_private)
    report = project.fetch(where, limits, check=check, refresh=refresh)
    for line in report.lines:
        click.echo(one_line(line))
    for error in report.errors:
        click.echo(f"factcheck: error: {one_line(error)}", err=True)
    sys.exit(report.return_code)


@cli.command()
@click.argument("folder", type=click.Path(path_type=Path), default=Path("documents"))
@click.option(
    "--claims",
    "claims",
    type=click.Path(path_type=Path),
    default=Path("claims.yaml"),
    show_default=True,
    help="The catalogue to write.",
)
@click.option("--force", is_flag=True, help="Overwrite an existing catalogue.")
def init(folder: Path, claims: Path, force: bool) -> None:
    """Start a catalogue of your own: a commented claims.yaml reading FOLDER.

    FOLDER (default: documents/) is created when missing; put your sources
    there. Prints a pre-commit hook and a GitHub Actions workflow to copy.

    \b
    Example:
      factcheck init sources/
    """
    from factcheck.starter import start

    started = start(claims, folder, force)
    click.echo(
        f"factcheck: wrote {claims} reading {folder}/" + (" (created)" if started.created_folder else ""), err=True
    )
    from factcheck.corpus.readers import suffixes

    click.echo(
        f"Next: put your documents ({', '.join(suffixes())}) in the folder, write your claims, then run "
        "'factcheck lint' and 'factcheck verify'.\n",
        err=True,
    )
    click.echo(started.snippets())


@cli.command()
@catalogue_argument
@claims_option
@docs_option
@top_option
@judge_option
@no_cache_option
@click.option(
    "-o",
    "--output",
    "out",
    type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
    default=Path("factcheck-report.html"),
    show_default=True,
    help="The page to write ('-': stdout), whole or not at all (through a temporary file and a rename).",
)
@allow_outside_option
@click.pass_context
def report(
    ctx: click.Context, claims: Path, docs: Path | None, top: int, no_cache: bool, out: Path, allow_outside: bool
) -> None:
    """Write one HTML page with the verdicts, their evidence and the conflicts.

    Self-contained (no network): open it in any browser, or keep it as a CI
    artifact. Exit code as verify and conflicts together: 1 when either fails.

    \b
    Example:
      factcheck report -o report.html
    """
    from factcheck import project
    from factcheck.output import html
    from factcheck.output.terminal import progress_bar

    started = time.perf_counter()
    where = _locations(ctx, claims, docs, cache=not no_cache, allow_outside=allow_outside)
    if str(out) != "-" and not out.parent.is_dir():  # said before the run, not after it
        raise _unwritable(out, "its folder does not exist")
    with progress_bar("checking claims") as progress:
        verified = project.verify(where, ctx.obj["settings"], top=top, progress=progress, reading=progress.reading)
    disagreements = project.conflicts(where, ctx.obj["settings"])
    for message in dict.fromkeys([*verified.warnings, *disagreements.warnings]):
        warn(message)
    page = html.page(verified, disagreements, _asked(ctx, started))
    if str(out) == "-":
        click.echo(page, nl=False)
    else:
        _write_report(out, page.encode("utf-8"))
        click.echo(f"factcheck: wrote {one_line(str(out))} ({len(page.encode()) / 1024:.0f} KiB)", err=True)
    sys.exit(max(verified.return_code, disagreements.return_code))


@cli.command()
@catalogue_argument
@claims_option
@docs_option
@only_option
@keyword_option
@judge_option
@no_cache_option
@click.pass_context
def baseline(
    ctx: click.Context, claims: Path, docs: Path | None, only: tuple[str, ...], keyword: str | None, no_cache: bool
) -> None:
    """Write each claim's verdict today into the catalogue as its 'expect:'.

    The way in for a catalogue whose claims mostly fail at first: after it,
    verify passes until a verdict changes, and each claim that is not
    supported says so in the catalogue, to fix one at a time. Only the
    'expect:' values change (added or replaced); comments and layout stay. The
    file is replaced atomically. Each change is told on stderr. Exit code 0,
    2 on bad input.

    \b
    Example:
      factcheck baseline
      factcheck baseline claims.yaml -k agencies
    """
    from factcheck import project
    from factcheck.output.terminal import progress_bar

    with progress_bar("checking claims") as progress:
        report, changes = project.baseline(
            _locations(ctx, claims, docs, cache=not no_cache),
            ctx.obj["settings"],
            select=project.Selection(only, keyword),
            progress=progress,
            reading=progress.reading,
        )
    for message in shown_warnings(report.warnings):
        warn(message)
    for change in changes:
        click.echo(f"factcheck: {change.describe(report.catalogue)}", err=True)
    inform(_baseline_summary(report.catalogue, len(report.results), len(changes)))


def _baseline_summary(catalogue: Path, claims: int, changed: int) -> str:
    if not changed:
        return f"baseline: {catalogue} unchanged: each of its {claims} claims checked has the verdict it expects"
    kept = f"; {claims - changed} already did" if claims > changed else ""
    return f"baseline: {changed} of {claims} claims checked now expect their verdict in {catalogue}{kept}"


def _unwritable(out: Path, why: str) -> FactcheckError:
    return FactcheckError(f"cannot write the report: {why}", str(out), hint="name a file in a folder you can write")


def _write_report(out: Path, data: bytes) -> None:
    """The whole page or nothing: a full disk leaves the former report (or none), never a part of one."""
    from factcheck.files import write_atomic

    umask = os.umask(0)
    os.umask(umask)
    try:
        write_atomic(out, data, make_parents=False, mode=0o666 & ~umask)
    except OSError as exc:
        raise _unwritable(out, exc.strerror or type(exc).__name__) from None


@cli.group()
def cache() -> None:
    """The cache of read and indexed documents (.factcheck/ beside the catalogue, or $FACTCHECK_CACHE_DIR).

    verify, conflicts and report keep each document's sentences and index parts there, by
    the hash of its bytes, so a run reads and indexes only the documents that changed.
    """


@cache.command("info")
@optional_claims_option
def cache_info(claims: Path | None) -> None:
    """Where the cache is, its size, its documents and what the last run found there."""
    from factcheck.cache.admin import describe
    from factcheck.cache.folder import cache_folder

    for line in describe(cache_folder(claims)):
        click.echo(line)


@cache.command("clear")
@optional_claims_option
def cache_clear(claims: Path | None) -> None:
    """Remove the cache; the next run reads and indexes every document again."""
    from factcheck.cache.admin import clear
    from factcheck.cache.folder import cache_folder

    folder = cache_folder(claims)
    removed = clear(folder)
    click.echo(
        f"factcheck: removed {removed} cache entries from {folder}"
        if removed is not None
        else f"factcheck: no cache at {folder}",
        err=True,
    )


def main() -> None:
    cli(prog_name="factcheck")
