"""Command-line options defined once and shared by the commands (as pip-tools' options.py)."""

from __future__ import annotations

from pathlib import Path

import click

claims_option = click.option(
    "--claims", "claims", type=click.Path(path_type=Path, dir_okay=True), default=Path("claims.yaml"),
    show_default=True, help="The claim catalogue (YAML).",
)
optional_claims_option = click.option(
    "--claims", "claims", type=click.Path(path_type=Path), default=None,
    help="The claim catalogue (YAML). Default: ./claims.yaml if present, else the documents alone.",
)
docs_option = click.option(
    "--docs", "docs", type=click.Path(path_type=Path), default=None,
    help="Folder of source documents (.txt, .md, .html). Default: the catalogue's 'documents:', else seeds/.",
)
top_option = click.option(
    "--top", "top", type=click.IntRange(min=1, max=50), default=3, show_default=True,
    help="Evidence sentences shown per claim.",
)


def format_option(choices: tuple[str, ...]):  # type: ignore[no-untyped-def]
    return click.option(
        "--format", "fmt", type=click.Choice(choices), default="text", show_default=True,
        help="Output format: a table for people, or JSON on stdout for tools.",
    )
