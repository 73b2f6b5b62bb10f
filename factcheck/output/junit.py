"""The junit format: JUnit XML, which CI systems show as a test report.

One test case per claim (verify), per group (conflicts) or per catalogue (lint); bad input
is one errored test case, so the report file is never empty.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import click

from factcheck.errors import FactcheckError
from factcheck.output.base import Asked
from factcheck.output.findings import (
    Finding,
    conflict_findings,
    error_file,
    error_message,
    lint_findings,
    verify_findings,
)
from factcheck.reports import ConflictReport, LintReport, VerifyReport

XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'


def _testcase(suite: ET.Element, name: str, classname: str, file: str | None, line: int | None) -> ET.Element:
    attrs = {"name": name, "classname": classname}
    if file:
        attrs["file"] = file
    if line is not None:
        attrs["line"] = str(line)
    return ET.SubElement(suite, "testcase", attrs)


def _document(root: ET.Element) -> str:
    ET.indent(root)
    return XML_DECLARATION + ET.tostring(root, encoding="unicode")


def render_junit(findings: list[Finding], suite: str) -> str:
    failures = sum(1 for f in findings if not f.ok)
    root = ET.Element("testsuites", name="factcheck", tests=str(len(findings)), failures=str(failures))
    ts = ET.SubElement(
        root, "testsuite", name=suite, tests=str(len(findings)), failures=str(failures), errors="0", skipped="0"
    )
    for f in findings:
        case = _testcase(ts, f.name, suite, f.file, f.line)
        if not f.ok:
            failure = ET.SubElement(case, "failure", message=f.title, type=f.rule)
            where = f"{f.file}:{f.line}" if f.file and f.line else (f.file or "")
            failure.text = f"{where}\n{f.message}"
        elif f.level == "warning":
            out = ET.SubElement(case, "system-out")
            out.text = f"{f.title}\n{f.message}"
    return _document(root)


def junit_error(exc: FactcheckError, suite: str) -> str:
    """Bad input: one test case, in error (not failed: nothing was checked), named after the bad file."""
    root = ET.Element("testsuites", name="factcheck", tests="1", failures="0", errors="1")
    ts = ET.SubElement(root, "testsuite", name=suite, tests="1", failures="0", errors="1", skipped="0")
    file = error_file(exc)
    case = _testcase(ts, file or "input", suite, file, exc.line)
    err = ET.SubElement(case, "error", message=error_message(exc), type="bad input")
    err.text = str(exc)
    return _document(root)


# ------------------------------------------------------------------- renderers


def render_verify(report: VerifyReport, asked: Asked) -> None:
    click.echo(render_junit(verify_findings(report), "factcheck verify"))


def render_conflicts(report: ConflictReport, asked: Asked) -> None:
    click.echo(render_junit(conflict_findings(report), "factcheck conflicts"))


def render_lint(report: LintReport, asked: Asked) -> None:
    click.echo(render_junit(lint_findings(report), "factcheck lint"))


def render_error(exc: FactcheckError, command: str) -> None:
    click.echo(junit_error(exc, command))
