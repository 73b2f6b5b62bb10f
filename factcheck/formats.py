"""Output for CI: GitHub workflow commands, SARIF 2.1.0, JUnit XML.

Each report becomes a list of :class:`Finding` — one per claim (verify) or per group
(conflicts), each pointing at the claim's own line in the catalogue where it has one —
and every CI format is rendered from those.
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factcheck import __version__
from factcheck.conflicts import CONFLICT, ConflictGroup
from factcheck.errors import FactcheckError
from factcheck.reports import ConflictReport, VerifyReport

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/factcheck/factcheck"


@dataclass
class Finding:
    name: str  # the test case: a claim id, or a conflict's subject
    ok: bool
    level: str  # error | warning | note
    rule: str
    title: str
    message: str
    file: str | None
    line: int | None = None
    column: int | None = None


def display_path(path: Path | str) -> str:
    """A path as CI tools want it: relative to the working directory, with forward slashes."""
    p = Path(path)
    try:
        rel = os.path.relpath(p.resolve(), Path.cwd())
    except ValueError:  # another drive on Windows
        return p.as_posix()
    return Path(rel).as_posix() if not rel.startswith("..") else p.resolve().as_posix()


def verify_findings(report: VerifyReport) -> list[Finding]:
    catalogue = display_path(report.catalogue)
    out = []
    for r in report.results:
        best = r.evidence[0] if r.evidence else None
        evidence = f"{best.doc}:{best.line} ({best.stance}): {best.sentence.text}" if best else "no evidence found"
        out.append(Finding(
            name=r.claim.id,
            ok=r.ok,
            level="note" if r.ok else "error",
            rule=f"verdict/{r.verdict}",
            title=f"claim {r.claim.id}: {r.verdict}" + ("" if r.ok else f" (expected {r.expected})"),
            message=f"{r.claim.text}\nbest evidence: {evidence}",
            file=catalogue,
            line=r.claim.line,
            column=r.claim.column,
        ))
    return out


def _group_location(report: ConflictReport, group: ConflictGroup) -> tuple[str | None, int | None]:
    claims = [s for s in group.statements if s.claim is not None]
    if claims and report.catalogue is not None:
        first = min(claims, key=lambda s: s.line)
        return display_path(report.catalogue), first.line
    doc = next(s for s in group.statements if s.doc is not None)
    return display_path(report.documents / str(doc.doc)), doc.line


def conflict_findings(report: ConflictReport) -> list[Finding]:
    out = []
    for group in report.groups:
        failing = group.severity == CONFLICT and not group.resolved
        level = "error" if failing else ("note" if group.resolved else "warning")
        file, line = _group_location(report, group)
        sides = "; ".join(
            f"{s.source}: {s.quantity.text}" + (f" ({s.as_of_text})" if s.as_of_text else "") for s in group.timeline()
        )
        state = "resolved" if group.resolved else group.severity
        out.append(Finding(
            name=group.subject,
            ok=not failing,
            level=level,
            rule=f"conflict/{group.severity}",
            title=f"{state}: {group.subject}",
            message=f"the sources disagree about {group.subject}: {sides}",
            file=file,
            line=line,
        ))
    return out


# --------------------------------------------------------------------- github


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_command(kind: str, message: str, file: str | None = None, line: int | None = None,
                   column: int | None = None, title: str | None = None) -> str:
    """One workflow command: ``::error file=claims.yaml,line=3,title=...::message``."""
    props = []
    if file is not None:
        props.append(f"file={_escape_property(file)}")
    if line is not None:
        props.append(f"line={line}")
    if column is not None:
        props.append(f"col={column}")
    if title is not None:
        props.append(f"title={_escape_property(title)}")
    head = f"::{kind} {','.join(props)}" if props else f"::{kind}"
    return f"{head}::{_escape_data(message)}"


def render_github(findings: list[Finding], summary: str) -> str:
    lines = []
    for f in findings:
        if f.level == "note":
            continue
        lines.append(github_command(f.level, f.message, f.file, f.line, f.column, f.title))
    lines.append(summary)
    return "\n".join(lines)


def github_error(exc: FactcheckError) -> str:
    """A bad-input error as an annotation, so CI shows it on the offending line."""
    file = display_path(exc.path) if exc.path else None
    return github_command("error", exc.message + (f" ({exc.hint})" if exc.hint else ""), file, exc.line, exc.column,
                          "factcheck: bad input")


# ---------------------------------------------------------------------- sarif

_SARIF_RULES = {
    "verdict/supported": "The claim is supported by the documents.",
    "verdict/contradicted": "A document states a figure that disagrees with the claim.",
    "verdict/unverified": "Nothing in the documents speaks of the claim.",
    "verdict/disputed": "Some documents support the claim and others contradict it.",
    "conflict/conflict": "Sources or claims state different values for the same quantity.",
    "conflict/change": "Sources state different values for the same quantity at different times.",
}


def render_sarif(findings: list[Finding]) -> str:
    rules_used = sorted({f.rule for f in findings})
    results: list[dict[str, Any]] = []
    for f in findings:
        if f.ok and f.level == "note" and f.rule.startswith("verdict/"):
            continue  # a claim as expected is not a result
        location: dict[str, Any] = {"physicalLocation": {"artifactLocation": {"uri": f.file}}}
        if f.line is not None:
            region: dict[str, Any] = {"startLine": f.line}
            if f.column is not None:
                region["startColumn"] = f.column
            location["physicalLocation"]["region"] = region
        results.append({
            "ruleId": f.rule,
            "ruleIndex": rules_used.index(f.rule),
            "level": f.level,
            "message": {"text": f"{f.title}\n{f.message}"},
            "locations": [location],
            "partialFingerprints": {"factcheck/v1": f"{f.rule}:{f.name}"},
        })
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "factcheck",
                "version": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [
                    {"id": r, "name": r.replace("/", "-"), "shortDescription": {"text": _SARIF_RULES.get(r, r)}}
                    for r in rules_used
                ],
            }},
            "results": results,
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False)


# ---------------------------------------------------------------------- junit


def render_junit(findings: list[Finding], suite: str) -> str:
    failures = sum(1 for f in findings if not f.ok)
    root = ET.Element("testsuites", name="factcheck", tests=str(len(findings)), failures=str(failures))
    ts = ET.SubElement(root, "testsuite", name=suite, tests=str(len(findings)), failures=str(failures),
                       errors="0", skipped="0")
    for f in findings:
        attrs = {"name": f.name, "classname": suite}
        if f.file:
            attrs["file"] = f.file
        if f.line is not None:
            attrs["line"] = str(f.line)
        case = ET.SubElement(ts, "testcase", attrs)
        if not f.ok:
            failure = ET.SubElement(case, "failure", message=f.title, type=f.rule)
            where = f"{f.file}:{f.line}" if f.file and f.line else (f.file or "")
            failure.text = f"{where}\n{f.message}"
        elif f.level == "warning":
            out = ET.SubElement(case, "system-out")
            out.text = f"{f.title}\n{f.message}"
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")
