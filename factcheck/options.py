"""Command-line options defined once and shared by the commands (as pip-tools' options.py).

Every command takes every format: ``--format`` choices and help come from :mod:`factcheck.output`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from click.core import ParameterSource

from factcheck import DISTRIBUTION, environment, output
from factcheck.errors import FactcheckError

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


class _HelpWhenShown(click.Option):
    """An option whose help is written when --help shows it: a registry read then, not at every start."""

    def __init__(self, *args: Any, help_text: Callable[[], str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._help_text = help_text

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        self.help = self._help_text()
        return super().get_help_record(ctx)


def _docs_help() -> str:
    from factcheck.corpus.readers import suffixes  # the reader registry: every format read

    return f"Folder of source documents ({', '.join(suffixes())}). Default: the catalogue's 'documents:', else seeds/."


docs_option = click.option(
    "--docs",
    "docs",
    type=click.Path(path_type=Path),
    default=None,
    cls=_HelpWhenShown,
    help_text=_docs_help,
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
conflicts_verbose_option = click.option(
    "-v",
    "--verbose",
    "verbose",
    is_flag=True,
    default=False,
    help="Show each statement's sentence in full, not clipped around its figure.",
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


allow_outside_option = click.option(
    "--allow-outside",
    "allow_outside",
    is_flag=True,
    default=False,
    help="Read what the catalogue, the lock file or pyproject.toml names outside the project (the catalogue's "
    "git work tree, else its folder). Without it they must lead inside: a pull request cannot point factcheck "
    "at /etc. --docs on the command line needs no such flag.",
)


def _check_cluster(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A scheduler's address checked before anything is read (a bad one is one line, exit code 2)."""
    if value is None:
        return None
    from factcheck.cluster.session import check_address  # imports no Dask

    return check_address(value)


cluster_option = click.option(
    "--cluster",
    "cluster",
    metavar="ADDRESS",
    default=None,
    callback=_check_cluster,
    envvar=environment.CLUSTER,
    show_envvar=True,
    help="Run on a Dask cluster: its scheduler's address (tcp://HOST:8786). The workers read the documents, "
    "which must be at the same path on every worker (a shared filesystem); the output is a local run's. "
    f"Needs pip install '{DISTRIBUTION}[cluster]'.",
)


changed_option = click.option(
    "--changed",
    "changed",
    is_flag=False,
    flag_value="",
    default=None,
    metavar="[REF]",
    help="Only the claims a change since REF can affect (default: the merge base with the default branch): "
    "added or edited, citing a document or URL snapshot that changed, or without 'sources:' when any "
    "document changed; every claim when the settings or the documents folder changed.",
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


class _FormatChoice(click.Choice[str]):
    """The registry's names when the option is parsed, so a format registered after import is a choice too."""

    def __init__(self) -> None:
        super().__init__(output.names())

    @property
    def choices(self) -> tuple[str, ...]:
        return output.names()

    @choices.setter
    def choices(self, value: object) -> None:
        pass  # the registry is the one list


format_option = click.option(
    "--format",
    "fmt",
    type=_FormatChoice(),
    default=output.AUTO,
    show_default=True,
    envvar=environment.FORMAT,
    show_envvar=True,
    callback=_resolve_format,
    help=output.help_text(),
)


def catalogue_argument(command: Callable[..., Any]) -> Callable[..., Any]:
    """``[CATALOGUE]``: the catalogue as an argument (``factcheck verify claims.yaml``, as ruff and pytest
    take paths), the same as ``--claims``; the command receives it as ``claims``. Naming two is refused."""

    @click.argument("catalogue", required=False, type=click.Path(path_type=Path), metavar="[CATALOGUE]")
    @functools.wraps(command)
    def with_catalogue(*args: Any, catalogue: Path | None = None, **kwargs: Any) -> Any:
        ctx = click.get_current_context()
        ctx.params.pop("catalogue", None)  # what the report says was asked: --claims alone
        if catalogue is not None:
            given = kwargs.get("claims")
            if ctx.get_parameter_source("claims") == ParameterSource.COMMANDLINE and given != catalogue:
                raise FactcheckError(f"two catalogues named: {catalogue} and --claims {given}", hint="name one of them")
            kwargs["claims"] = ctx.params["claims"] = catalogue
        return command(*args, **kwargs)

    return with_catalogue


ANY, NONE = "any", "none"


def _fail_on(ctx: click.Context, param: click.Parameter, value: str | None) -> frozenset[str] | None:
    """``--fail-on``: verdicts separated by commas; ``any`` (the default) every one, ``none`` no one."""
    from factcheck.catalogue import VERDICTS

    if value is None or value.strip().lower() == ANY:
        return None
    words = [w.strip().lower() for w in value.split(",") if w.strip()]
    if words == [NONE]:
        return frozenset()
    unknown = [w for w in words if w not in VERDICTS]
    if unknown or not words:
        raise click.BadParameter(
            f"'{unknown[0] if unknown else value}' is not a verdict; give verdicts separated by commas "
            f"({', '.join(VERDICTS)}), or {ANY} or {NONE}",
            ctx,
            param,
        )
    return frozenset(words)


def _set_judge(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    """``--judge NAME``: the run's settings name that judge (a registered one; the registry read only then)."""
    if value is None:
        return
    from dataclasses import replace

    from factcheck.judges import names

    if value not in names():
        raise click.BadParameter(f"'{value}' is not one of: {', '.join(names())}", ctx=ctx, param=param)
    ctx.obj["settings"] = replace(ctx.obj["settings"], judge=value)


judge_option = click.option(
    "--judge",
    metavar="rules|model",
    default=None,
    expose_value=False,
    callback=_set_judge,
    help="Who decides the verdicts: rules, or model (the rules, then a small model reading the words they "
    f"leave undecided; docs/judge-model.md; needs pip install '{DISTRIBUTION}[judge]'). "
    "Default: [tool.factcheck] judge, else rules.",
)


fail_on_option = click.option(
    "--fail-on",
    "fail_on",
    metavar="VERDICTS",
    default=None,
    callback=_fail_on,
    help="The verdicts that fail the run (exit code 1) when a claim has one it does not expect, separated by "
    "commas: e.g. contradicted,disputed, so that an unverified or partial claim is reported without failing. "
    "Default: any; none never fails (as ruff's --exit-zero).",
)
only_option = click.option(
    "--only",
    "only",
    metavar="ID",
    multiple=True,
    help="Check only the claim with this id; repeat for more.",
)
keyword_option = click.option(
    "-k",
    "keyword",
    metavar="EXPR",
    default=None,
    help="Check only the claims whose id or text contains a word, ignoring case; words may be joined by "
    'and, or, not and parentheses, as pytest\'s -k: -k "agencies and not 2017".',
)
