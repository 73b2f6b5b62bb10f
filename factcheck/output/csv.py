"""The csv format: one table, for spreadsheets and ``pandas.read_csv``.

verify: a ``claim`` row per claim, each followed by an ``evidence`` row per sentence found for it
(the ``kind`` column says which; both carry the claim's id in ``claim``); conflicts: a ``group`` row,
followed by a ``statement`` row per figure (both carry the group's number). The rows are the report's
``to_records()`` (:mod:`factcheck.records` names the columns): a header line, then one line a row
(RFC 4180 quoting; lines end in ``\\n``), an empty cell for None, ``True``/``False`` for booleans.

A text cell that a spreadsheet would run as a formula (beginning with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return: a document's sentence may) is written with a ``'`` before it, as OWASP advises
against CSV injection; the jsonl format and ``to_records()`` give every text as written.
Bad input is one ``error`` row (exit code 2).
"""

from __future__ import annotations

import csv
import io

import click

from factcheck.errors import FactcheckError
from factcheck.output.base import Asked
from factcheck.output.rows import Table, conflicts_table, error_table, lint_table, verify_table
from factcheck.records import Value
from factcheck.reports import ConflictReport, LintReport, VerifyReport

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Value) -> Value:
    """A text a spreadsheet would take for a formula, defused with a leading ``'``; any other value as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def document(table: Table) -> str:
    columns, rows = table
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(row.get(name)) for name in columns])
    return out.getvalue()


# ------------------------------------------------------------------- renderers


def render_verify(report: VerifyReport, asked: Asked) -> None:
    click.echo(document(verify_table(report)), nl=False)


def render_conflicts(report: ConflictReport, asked: Asked) -> None:
    click.echo(document(conflicts_table(report)), nl=False)


def render_lint(report: LintReport, asked: Asked) -> None:
    click.echo(document(lint_table(report)), nl=False)


def render_error(exc: FactcheckError, command: str) -> None:
    click.echo(document(error_table(exc)), nl=False)
