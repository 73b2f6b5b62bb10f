"""Command-line options defined once and shared by the commands (as pip-tools' options.py).

Every command takes every format: ``--format`` choices and help come from :mod:`factcheck.output`.
"""

from __future__ import annotations

from pathlib import Path

import click

from factcheck import environment, output

FORMAT_KEY = "factcheck.format"  # ctx.meta: the output.Format of the running command
CONFIG_ERROR_KEY = "factcheck.config_error"  # ctx.meta: a broken pyproject.toml, raised once the format is known

claims_option = click.option(
    "--claims",
    "claims",
    type=click.Path(path_type=Path, dir_okay=True),
    default=Path("claims.yaml"),
    show_default=True,
    help="The claim catalogue (YAML).",
)
optional_claims_option = click.option(
    "--claims",
    "claims",
    type=click.Path(path_type=Path),
    default=None,
    help="The claim catalogue (YAML). Default: ./claims.yaml if present, else the documents alone.",
)
docs_option = click.option(
    "--docs",
    "docs",
    type=click.Path(path_type=Path),
    default=None,
    help="Folder of source documents (.txt, .md, .html). Default: the catalogue's 'documents:', else seeds/.",
)
top_option = click.option(
    "--top",
    "top",
    type=click.IntRange(min=1, max=50),
    default=3,
    show_default=True,
    help="Evidence sentences per claim: in JSON and the CI formats, and (when given) in text, markdown and html, "
    "which show the best one otherwise.",
)
verbose_option = click.option(
    "-v",
    "--verbose",
    "verbose",
    is_flag=True,
    default=False,
    help="Show the evidence sentences (--top of them) in full, not clipped around their figures.",
)


no_cache_option = click.option(
    "--no-cache",
    "no_cache",
    is_flag=True,
    default=False,
    help="Read and index every document afresh, neither using nor updating the cache (.factcheck/ beside the "
    "catalogue, or $FACTCHECK_CACHE_DIR). The run's documents wait on disk in a temporary folder of its own "
    "($TMPDIR, on a disk rather than a tmpfs; about 6x their text), removed when it ends.",
)


cluster_option = click.option(
    "--cluster",
    "cluster",
    metavar="ADDRESS",
    default=None,
    envvar=environment.CLUSTER,
    show_envvar=True,
    help="Run on a Dask cluster: its scheduler's address (tcp://HOST:8786). The workers read the documents, "
    "which must be at the same path on every worker (a shared filesystem); the output is a local run's. "
    "Needs pip install 'factcheck[cluster]'.",
)


changed_option = click.option(
    "--changed",
    "changed",
    is_flag=False,
    flag_value="",
    default=None,
    metavar="[REF]",
    help="Only claims added or edited since REF (default: the merge base with the default branch, "
    "else HEAD), and claims whose cited documents changed.",
)


def _resolve_format(ctx: click.Context, param: click.Parameter, value: str) -> output.Format:
    """The format itself (``auto`` resolved), also kept in ``ctx.meta`` so bad input is written in it.

    A broken pyproject.toml is raised here, not before: then a SARIF or JUnit run still gets
    its document describing the error.
    """
    fmt = output.resolve(value)
    ctx.meta[FORMAT_KEY] = fmt
    error = ctx.meta.pop(CONFIG_ERROR_KEY, None)
    if error is not None:
        raise error
    return fmt


format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(output.names()),
    default=output.AUTO,
    show_default=True,
    envvar=environment.FORMAT,
    show_envvar=True,
    callback=_resolve_format,
    help=output.help_text(),
)
