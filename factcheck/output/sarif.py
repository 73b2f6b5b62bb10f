"""The sarif format: SARIF 2.1.0, the log GitHub code scanning and other viewers read.

A claim as expected is not a result; a sound catalogue (lint) is a run with no results;
bad input is a run that failed, with one error-level result and notification at the
offending line, so the uploaded file is never empty.

Every path is a URI reference, percent-encoded; every rule links its page under ``docs/verdicts/``
(``helpUri``); a claim's evidence sentences, or a conflict's statements, are its ``relatedLocations``;
``automationDetails`` names the command, so verify's and conflicts' uploads keep apart.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

import click

from factcheck import __version__
from factcheck.errors import FactcheckError
from factcheck.output.base import Asked
from factcheck.output.findings import Finding, Related, conflict_findings, error_file, error_message, verify_findings
from factcheck.output.json import ITEMS, echo_chunks, streamed
from factcheck.records import is_url
from factcheck.reports import ConflictReport, LintReport, VerifyReport

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/factcheck/factcheck"
DOCS = f"{INFORMATION_URI}/blob/main/docs/verdicts/"  # a page per rule: what it means, an example, the fix
BAD_INPUT = "input/bad"


@dataclass(frozen=True)
class Rule:
    page: str  # docs/verdicts/<page>.md
    description: str
    fix: str


RULES = {
    "verdict/supported": Rule("supported", "The claim is supported by the documents.", "Nothing to fix."),
    "verdict/partial": Rule(
        "partial",
        "The documents back some parts of the claim, not all.",
        "Cite a document for the words marked unsupported, or take them out of the claim.",
    ),
    "verdict/contradicted": Rule(
        "contradicted",
        "A document states a figure that disagrees with the claim.",
        "Correct the claim to what the document says, or mark it 'expect: contradicted' if the claim is the"
        " error being tracked.",
    ),
    "verdict/unverified": Rule(
        "unverified",
        "Nothing in the documents speaks of the claim.",
        "Add the document the claim rests on to the documents folder (or 'factcheck fetch' its URL), or name"
        " it in the claim's 'sources:'.",
    ),
    "verdict/disputed": Rule(
        "disputed",
        "Some documents support the claim and others contradict it.",
        "Say which source stands: date the claim, narrow its 'sources:', or resolve the conflict in the"
        " catalogue's 'resolutions:'.",
    ),
    "conflict/conflict": Rule(
        "conflict",
        "Sources or claims state different values for the same quantity.",
        "Resolve it in the catalogue's 'resolutions:' (the value that stands and why), or correct the source.",
    ),
    "conflict/change": Rule(
        "change",
        "Sources state different values for the same quantity at different times.",
        "Nothing to fix if the figure changed; date the claims that use it.",
    ),
    BAD_INPUT: Rule(
        "bad-input",
        "The catalogue, a document or the settings cannot be read as they are.",
        "Fix the file at the line named; the message says what is wrong and what to do.",
    ),
}


def rule_json(rule_id: str) -> dict[str, Any]:
    """A rule with its help and the documentation page it links to (``helpUri``)."""
    rule = RULES.get(rule_id)
    if rule is None:
        return {"id": rule_id, "name": rule_id.replace("/", "-"), "shortDescription": {"text": rule_id}}
    uri = DOCS + rule.page + ".md"
    return {
        "id": rule_id,
        "name": rule_id.replace("/", "-"),
        "shortDescription": {"text": rule.description},
        "help": {"text": f"{rule.description} {rule.fix}", "markdown": f"{rule.description} {rule.fix} [More]({uri})"},
        "helpUri": uri,
    }


def artifact_uri(path: str) -> str:
    """A path as the URI reference SARIF requires: relative ones percent-encoded (``sub dir/a%b.yaml`` is
    ``sub%20dir/a%25b.yaml``), absolute ones as ``file://`` URIs, a fetched page's URL as it is."""
    if is_url(path):
        return quote(path, safe=URI_CHARACTERS)
    if PurePosixPath(path).is_absolute():
        return PurePosixPath(path).as_uri()
    if PureWindowsPath(path).is_absolute():  # C:\\x, not C:x (relative to a drive's folder): quoted below
        return PureWindowsPath(path).as_uri()
    return quote(path, safe="/")


URI_CHARACTERS = "%:/?#[]@!$&'()*+,;=~"  # reserved and unreserved: a URL keeps them, spaces and the rest are quoted


def _region(line: int | None, column: int | None) -> dict[str, Any]:
    if line is None or line < 1:
        return {}
    region: dict[str, Any] = {"startLine": line}
    if column is not None and column >= 1:
        region["startColumn"] = column
    return {"region": region}


def _location(file: str | None, line: int | None, column: int | None) -> dict[str, Any]:
    artifact = {"artifactLocation": {"uri": artifact_uri(file)}} if file else {}
    return {"physicalLocation": {**artifact, **_region(line, column)}}


def _related(places: list[Related]) -> dict[str, Any]:
    """The evidence sentences (or a conflict's statements) as ``relatedLocations``, numbered from 1."""
    if not places:
        return {}
    return {
        "relatedLocations": [
            {"id": n, **_location(r.file, r.line, r.column), "message": {"text": r.message}}
            for n, r in enumerate(places, 1)
        ]
    }


def _result(f: Finding, rules_used: list[str]) -> dict[str, Any]:
    return {
        "ruleId": f.rule,
        "ruleIndex": rules_used.index(f.rule),
        "level": f.level,
        "message": {"text": f"{f.title}\n{f.message}"},
        "locations": [_location(f.file, f.line, f.column)],
        **_related(f.related),
        "partialFingerprints": {"factcheck/v1": f"{f.rule}:{f.name}"},
    }


def _log(command: str, rules_used: list[str], results: list[dict[str, Any]], **run: Any) -> str:
    return "".join(_log_chunks(command, rules_used, results, **run))


def automation(command: str) -> dict[str, Any]:
    """The run's ``automationDetails``: GitHub code scanning files each command's uploads under a category
    of its own (``factcheck/verify``, ``factcheck/conflicts``), so one does not replace the other's alerts."""
    return {"automationDetails": {"id": f"factcheck/{command.split()[-1]}/"}}


def _log_chunks(command: str, rules_used: list[str], results: Iterable[dict[str, Any]], **run: Any) -> Iterator[str]:
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
                        "rules": [rule_json(r) for r in rules_used],
                    }
                },
                **automation(command),
                "results": [ITEMS],
                **run,
            }
        ],
    }
    return streamed(log, results)


def render_sarif(findings: list[Finding], command: str) -> str:
    return "".join(sarif_chunks(findings, command))


def sarif_chunks(findings: list[Finding], command: str) -> Iterator[str]:
    rules_used = sorted({f.rule for f in findings})
    # a claim as expected is not a result
    shown = (f for f in findings if not (f.ok and f.level == "note" and f.rule.startswith("verdict/")))
    return _log_chunks(command, rules_used, (_result(f, rules_used) for f in shown))


def sarif_error(exc: FactcheckError, command: str) -> str:
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
    return _log(command, [BAD_INPUT], [result], invocations=[invocation])


# ------------------------------------------------------------------- renderers


def render_verify(report: VerifyReport, asked: Asked) -> None:
    echo_chunks(sarif_chunks(verify_findings(report), "verify"))


def render_conflicts(report: ConflictReport, asked: Asked) -> None:
    echo_chunks(sarif_chunks(conflict_findings(report), "conflicts"))


def render_lint(report: LintReport, asked: Asked) -> None:
    click.echo(render_sarif([], "lint"))  # lint raises what is wrong, so a sound catalogue has no results


def render_error(exc: FactcheckError, command: str) -> None:
    click.echo(sarif_error(exc, command))
