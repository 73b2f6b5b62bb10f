"""The jsonl format: JSON Lines, one object a line, for ``pandas.read_json(lines=True)``, ``jq -c`` and
streams.

verify: a ``claim`` line per claim, each followed by an ``evidence`` line per sentence found for it;
conflicts: a ``group`` line, followed by a ``statement`` line per figure. The lines are the report's
``to_records()`` (:mod:`factcheck.records`), every key in every line, null where it does not apply.
Bad input is one ``error`` line (exit code 2).
"""

from __future__ import annotations

import json

import click

from factcheck.errors import FactcheckError
from factcheck.output.base import Asked
from factcheck.output.rows import Table, conflicts_table, error_table, lint_table, verify_table
from factcheck.reports import ConflictReport, LintReport, VerifyReport


def lines(table: Table) -> list[str]:
    """Each row as one line of JSON (a line break inside a text is escaped, so a row is one line)."""
    columns, rows = table
    return [json.dumps({name: row.get(name) for name in columns}, ensure_ascii=False) for row in rows]


def echo(table: Table) -> None:
    for line in lines(table):
        click.echo(line)


# ------------------------------------------------------------------- renderers


def render_verify(report: VerifyReport, asked: Asked) -> None:
    echo(verify_table(report))


def render_conflicts(report: ConflictReport, asked: Asked) -> None:
    echo(conflicts_table(report))


def render_lint(report: LintReport, asked: Asked) -> None:
    echo(lint_table(report))


def render_error(exc: FactcheckError, command: str) -> None:
    echo(error_table(exc))
