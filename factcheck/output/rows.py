"""What the csv and jsonl formats write: each report as rows of plain values, with its columns.

verify and conflicts write the rows their report's ``to_records()`` gives (:mod:`factcheck.records`
names and explains the columns); lint writes one ``lint`` row, bad input one ``error`` row.
"""

from __future__ import annotations

from factcheck.errors import FactcheckError
from factcheck.output.findings import error_file
from factcheck.records import CONFLICT_COLUMNS, VERIFY_COLUMNS, Row
from factcheck.reports import ConflictReport, LintReport, VerifyReport

LINT_COLUMNS = ("kind", "catalogue", "claims", "documents", "ok")
ERROR_COLUMNS = ("kind", "message", "path", "line", "column", "hint")
Table = tuple[tuple[str, ...], list[Row]]


def verify_table(report: VerifyReport) -> Table:
    return VERIFY_COLUMNS, report.to_records()


def conflicts_table(report: ConflictReport) -> Table:
    return CONFLICT_COLUMNS, report.to_records()


def lint_table(report: LintReport) -> Table:
    row: Row = {
        "kind": "lint",
        "catalogue": str(report.catalogue),
        "claims": report.claims,
        "documents": report.files,
        "ok": True,
    }
    return LINT_COLUMNS, [row]


def error_table(exc: FactcheckError) -> Table:
    """Bad input as one row, so a consumer reads a table whatever happened (the exit code is 2)."""
    row: Row = {
        "kind": "error",
        "message": exc.message,
        "path": error_file(exc),
        "line": exc.line,
        "column": exc.column,
        "hint": exc.hint,
    }
    return ERROR_COLUMNS, [row]
