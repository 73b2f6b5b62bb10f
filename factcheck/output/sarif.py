"""The sarif format: SARIF 2.1.0, the log GitHub code scanning and other viewers read.

A claim as expected is not a result; a sound catalogue (lint) is a run with no results;
bad input is a run that failed, with one error-level result and notification at the
offending line, so the uploaded file is never empty.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import click

from factcheck import __version__
from factcheck.errors import FactcheckError
from factcheck.output.base import Asked
from factcheck.output.findings import Finding, conflict_findings, error_file, error_message, verify_findings
from factcheck.output.json import ITEMS, echo_chunks, streamed
from factcheck.reports import ConflictReport, LintReport, VerifyReport

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/factcheck/factcheck"
BAD_INPUT = "input/bad"

_SARIF_RULES = {
    "verdict/supported": "The claim is supported by the documents.",
    "verdict/partial": "The documents back some parts of the claim, not all.",
    "verdict/contradicted": "A document states a figure that disagrees with the claim.",
    "verdict/unverified": "Nothing in the documents speaks of the claim.",
    "verdict/disputed": "Some documents support the claim and others contradict it.",
    "conflict/conflict": "Sources or claims state different values for the same quantity.",
    "conflict/change": "Sources state different values for the same quantity at different times.",
    BAD_INPUT: "The catalogue, a document or the settings cannot be read as they are.",
}


def _location(file: str | None, line: int | None, column: int | None) -> dict[str, Any]:
    location: dict[str, Any] = {"physicalLocation": {"artifactLocation": {"uri": file}}}
    if line is not None:
        region: dict[str, Any] = {"startLine": line}
        if column is not None:
            region["startColumn"] = column
        location["physicalLocation"]["region"] = region
    return location


def _result(f: Finding, rules_used: list[str]) -> dict[str, Any]:
    return {
        "ruleId": f.rule,
        "ruleIndex": rules_used.index(f.rule),
        "level": f.level,
        "message": {"text": f"{f.title}\n{f.message}"},
        "locations": [_location(f.file, f.line, f.column)],
        "partialFingerprints": {"factcheck/v1": f"{f.rule}:{f.name}"},
    }


def _log(rules_used: list[str], results: list[dict[str, Any]], **run: Any) -> str:
    return "".join(_log_chunks(rules_used, results, **run))


def _log_chunks(rules_used: list[str], results: Iterable[dict[str, Any]], **run: Any) -> Iterator[str]:
    """The SARIF log, a result at a time (see :func:`factcheck.output.json.streamed`)."""
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "factcheck",
                        "version": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": [
                            {"id": r, "name": r.replace("/", "-"), "shortDescription": {"text": _SARIF_RULES.get(r, r)}}
                            for r in rules_used
                        ],
                    }
                },
                "results": [ITEMS],
                **run,
            }
        ],
    }
    return streamed(log, results)


def render_sarif(findings: list[Finding]) -> str:
    return "".join(sarif_chunks(findings))


def sarif_chunks(findings: list[Finding]) -> Iterator[str]:
    rules_used = sorted({f.rule for f in findings})
    # a claim as expected is not a result
    shown = (f for f in findings if not (f.ok and f.level == "note" and f.rule.startswith("verdict/")))
    return _log_chunks(rules_used, (_result(f, rules_used) for f in shown))


def sarif_error(exc: FactcheckError) -> str:
    """Bad input: a failed run with one error result at the offending line, and the same as a notification."""
    file = error_file(exc)
    where = {"locations": [_location(file, exc.line, exc.column)]} if file else {}
    result = {
        "ruleId": BAD_INPUT,
        "ruleIndex": 0,
        "level": "error",
        "message": {"text": f"factcheck: bad input\n{error_message(exc)}"},
        **where,
    }
    notification = {"level": "error", "message": {"text": str(exc)}, "descriptor": {"id": BAD_INPUT}, **where}
    invocation = {"executionSuccessful": False, "exitCode": 2, "toolExecutionNotifications": [notification]}
    return _log([BAD_INPUT], [result], invocations=[invocation])


# ------------------------------------------------------------------- renderers


def render_verify(report: VerifyReport, asked: Asked) -> None:
    echo_chunks(sarif_chunks(verify_findings(report)))


def render_conflicts(report: ConflictReport, asked: Asked) -> None:
    echo_chunks(sarif_chunks(conflict_findings(report)))


def render_lint(report: LintReport, asked: Asked) -> None:
    click.echo(render_sarif([]))  # lint raises what is wrong, so a sound catalogue has no results


def render_error(exc: FactcheckError, command: str) -> None:
    click.echo(sarif_error(exc))
