"""The junit format: JUnit XML, which CI systems show as a test report.

One test case per claim (verify), per group (conflicts) or per catalogue (lint); bad input
is one errored test case, so the report file is never empty.

Every testsuite and testcase has a ``time`` in seconds (test-report actions show NaN without one):
the suite's is the run's, and each case's an even share of it, as claims are judged together (in
batches, in worker processes), not one at a time.
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


def seconds(elapsed: float | None) -> str:
    return f"{elapsed or 0.0:.3f}"


def _testcase(
    suite: ET.Element, name: str, classname: str, file: str | None, line: int | None, time: str = "0.000"
) -> ET.Element:
    attrs = {"name": name, "classname": classname, "time": time}
    if file:
        attrs["file"] = file
    if line is not None:
        attrs["line"] = str(line)
    return ET.SubElement(suite, "testcase", attrs)


def _document(root: ET.Element) -> str:
    ET.indent(root)
    return XML_DECLARATION + ET.tostring(root, encoding="unicode")


def render_junit(findings: list[Finding], suite: str, elapsed: float | None = None) -> str:
    """``elapsed``: the run's seconds (None: not measured, as for a report built in memory)."""
    failures = sum(1 for f in findings if not f.ok)
    total, share = seconds(elapsed), seconds((elapsed or 0.0) / max(1, len(findings)))
    counts = {"tests": str(len(findings)), "failures": str(failures)}
    root = ET.Element("testsuites", {"name": "factcheck", **counts, "time": total})
    ts = ET.SubElement(root, "testsuite", {"name": suite, **counts, "errors": "0", "skipped": "0", "time": total})
    for f in findings:
        case = _testcase(ts, f.name, suite, f.file, f.line, share)
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
    root = ET.Element("testsuites", name="factcheck", tests="1", failures="0", errors="1", time="0.000")
    ts = ET.SubElement(root, "testsuite", name=suite, tests="1", failures="0", errors="1", skipped="0", time="0.000")
    file = error_file(exc)
    case = _testcase(ts, file or "input", suite, file, exc.line)
    err = ET.SubElement(case, "error", message=error_message(exc), type="bad input")
    err.text = str(exc)
    return _document(root)


# ------------------------------------------------------------------- renderers


def render_verify(report: VerifyReport, asked: Asked) -> None:
    click.echo(render_junit(verify_findings(report), "factcheck verify", asked.elapsed))


def render_conflicts(report: ConflictReport, asked: Asked) -> None:
    click.echo(render_junit(conflict_findings(report), "factcheck conflicts", asked.elapsed))


def render_lint(report: LintReport, asked: Asked) -> None:
    click.echo(render_junit(lint_findings(report), "factcheck lint", asked.elapsed))


def render_error(exc: FactcheckError, command: str) -> None:
    click.echo(junit_error(exc, command))
