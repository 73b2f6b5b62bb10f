"""The CI formats' shared model: each report becomes a list of :class:`Finding`.

One finding per claim (verify), per group (conflicts) or per catalogue (lint), each
pointing at the claim's own line in the catalogue where it has one, so github, sarif
and junit agree on what failed and where.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from factcheck.disagreements import CONFLICT, ConflictGroup, Statement
from factcheck.errors import FactcheckError
from factcheck.reports import ConflictReport, LintReport, VerifyReport
from factcheck.sanitize import one_line


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
    """A path as CI tools want it: relative to the working directory, with forward slashes; on one
    line, nothing in it a terminal would obey (a folder's name is a pull request's to choose)."""
    p = Path(path)
    try:
        rel = os.path.relpath(p.resolve(), Path.cwd())
    except ValueError:  # another drive on Windows
        return one_line(p.as_posix())
    return one_line(Path(rel).as_posix() if not rel.startswith("..") else p.resolve().as_posix())


def error_message(exc: FactcheckError) -> str:
    """A bad-input error without its location (which CI formats give apart), with its hint."""
    return exc.message + (f" ({exc.hint})" if exc.hint else "")


def error_file(exc: FactcheckError) -> str | None:
    return display_path(exc.path) if exc.path else None


def verify_findings(report: VerifyReport) -> list[Finding]:
    catalogue = display_path(report.catalogue)
    out = []
    for r in report.results:
        best = r.evidence[0] if r.evidence else None
        evidence = (
            f"{one_line(best.doc)}:{best.line} ({best.stance}): {best.sentence.text}" if best else "no evidence found"
        )
        out.append(
            Finding(
                name=r.claim.id,
                ok=r.ok,
                level="note" if r.ok else "error",
                rule=f"verdict/{r.verdict}",
                title=f"claim {r.claim.id}: {r.verdict}" + ("" if r.ok else f" (expected {r.expected})"),
                message=f"{r.claim.text}\nbest evidence: {evidence}",
                file=catalogue,
                line=r.claim.line,
                column=r.claim.column,
            )
        )
    return out


def _group_location(report: ConflictReport, group: ConflictGroup) -> tuple[str | None, int | None]:
    claims = [s for s in group.statements if s.claim is not None]
    if claims and report.catalogue is not None:
        first = min(claims, key=lambda s: s.line)
        return display_path(report.catalogue), first.line
    doc = next(s for s in group.statements if s.doc is not None)
    return display_path(report.documents / str(doc.doc)), doc.line


def _side(st: Statement) -> str:
    """One statement in a conflict's message: ``source: value (when)``, on one line."""
    return one_line(f"{st.source}: {st.quantity.text}" + (f" ({st.as_of_text})" if st.as_of_text else ""))


def conflict_findings(report: ConflictReport) -> list[Finding]:
    out = []
    for group in report.groups:
        failing = group.severity == CONFLICT and not group.resolved
        level = "error" if failing else ("note" if group.resolved else "warning")
        file, line = _group_location(report, group)
        sides = "; ".join(_side(s) for s in group.timeline())
        subject = one_line(group.subject)
        state = "resolved" if group.resolved else group.severity
        out.append(
            Finding(
                name=subject,
                ok=not failing,
                level=level,
                rule=f"conflict/{group.severity}",
                title=f"{state}: {subject}",
                message=f"the sources disagree about {subject}: {sides}",
                file=file,
                line=line,
            )
        )
    return out


def lint_summary(report: LintReport) -> str:
    catalogue, documents = one_line(str(report.catalogue)), one_line(str(report.documents))
    return f"{catalogue}: {report.claims} claims, {report.files} documents under {documents}: OK"


def lint_findings(report: LintReport) -> list[Finding]:
    """A sound catalogue is one passing check (lint raises, rather than reports, what is wrong)."""
    catalogue = display_path(report.catalogue)
    return [
        Finding(
            name=catalogue,
            ok=True,
            level="note",
            rule="lint/sound",
            title=f"{catalogue}: sound",
            message=lint_summary(report),
            file=catalogue,
        )
    ]
