"""The CI formats' shared model: each report becomes a list of :class:`Finding`.

One finding per claim (verify), per group (conflicts) or per catalogue (lint), each
pointing at the claim's own line in the catalogue where it has one, so github, sarif
and junit agree on what failed and where.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from factcheck.disagreements import CONFLICT, ConflictGroup, Statement
from factcheck.errors import FactcheckError
from factcheck.records import display_path, document_paths
from factcheck.reports import ConflictReport, LintReport, VerifyReport
from factcheck.sanitize import one_line
from factcheck.verdicts import ClaimResult, Evidence

__all__ = ["Finding", "Places", "Related", "display_path", "document_paths"]


@dataclass(frozen=True)
class Places:
    """Where a report's things are, as a reader opens them from the working directory: its catalogue,
    and each document (by its path relative to the documents folder)."""

    catalogue: str | None
    doc: Callable[[str], str]

    @classmethod
    def of(cls, report: VerifyReport | ConflictReport) -> Places:
        """On one line each, nothing in them a terminal or a CI log would obey (a folder's name is a pull
        request's to choose)."""
        catalogue = one_line(display_path(report.catalogue)) if report.catalogue is not None else None
        doc = document_paths(report.documents)
        return cls(catalogue, lambda path: one_line(doc(path)))

    def evidence(self, evidence: Evidence) -> str:
        """``path:line``, or ``path:p3:line`` on a PDF's page: where a reader opens an evidence sentence."""
        page = f"p{evidence.sentence.page}:" if evidence.sentence.page is not None else ""
        return f"{self.doc(evidence.doc)}:{page}{evidence.line}"

    def source(self, st: Statement) -> str:
        """``claim x`` for a claim's figure, ``path:line`` for a document's."""
        return f"claim {st.claim}" if st.claim is not None else f"{self.doc(str(st.doc))}:{st.line}"


@dataclass(frozen=True)
class Related:
    """A place a finding rests on: an evidence sentence, or a statement of a conflict."""

    file: str
    line: int | None
    column: int | None
    message: str


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
    related: list[Related] = field(default_factory=list)


def error_message(exc: FactcheckError) -> str:
    """A bad-input error without its location (which CI formats give apart), with its hint."""
    return exc.message + (f" ({exc.hint})" if exc.hint else "")


def error_file(exc: FactcheckError) -> str | None:
    return one_line(display_path(exc.path)) if exc.path else None


def verdict_title(result: ClaimResult) -> str:
    """``claim x: contradicted``; ``(expected unverified)`` after it only when the claim says ``expect:``."""
    title = f"claim {result.claim.id}: {result.verdict}"
    return title + (f" (expected {result.expected})" if not result.ok and result.claim.expect is not None else "")


def claim_finding(r: ClaimResult, places: Places) -> Finding:
    """A claim at its line in the catalogue, its evidence sentences as the places it rests on."""
    related = [
        Related(places.doc(ev.doc), ev.line, ev.sentence.column, f"{ev.stance}: {ev.sentence.text}")
        for ev in r.evidence
    ]
    best = "no evidence found"
    if r.evidence:
        ev = r.evidence[0]
        best = f"{places.doc(ev.doc)}:{ev.line} ({ev.stance}): {ev.sentence.text}"
    return Finding(
        name=r.claim.id,
        ok=r.ok,
        level="note" if r.ok else "error",
        rule=f"verdict/{r.verdict}",
        title=verdict_title(r),
        message=f"{r.claim.text}\nbest evidence: {best}",
        file=places.catalogue,
        line=r.claim.line,
        column=r.claim.column,
        related=related,
    )


def verify_findings(report: VerifyReport) -> list[Finding]:
    places = Places.of(report)
    return [claim_finding(r, places) for r in report.results]


def _group_location(places: Places, group: ConflictGroup) -> tuple[str | None, int | None]:
    """The first claim's line in the catalogue, else the first document's line."""
    claims = [s for s in group.statements if s.claim is not None]
    if claims and places.catalogue is not None:
        first = min(claims, key=lambda s: s.line)
        return places.catalogue, first.line
    doc = next(s for s in group.statements if s.doc is not None)
    return places.doc(str(doc.doc)), doc.line


def _statement_places(places: Places, group: ConflictGroup) -> list[Related]:
    """Where each of the group's figures is stated: a document's line, or a claim's in the catalogue."""

    def place(st: Statement) -> Related | None:
        file = places.doc(st.doc) if st.doc is not None else places.catalogue
        return Related(file, st.line, st.column, f"{st.quantity.text}: {st.sentence}") if file else None

    return [r for r in map(place, group.timeline()) if r is not None]


def _side(places: Places, st: Statement) -> str:
    """One statement in a conflict's message: ``source: value (when)``, on one line."""
    return one_line(f"{places.source(st)}: {st.quantity.text}" + (f" ({st.as_of_text})" if st.as_of_text else ""))


def conflict_findings(report: ConflictReport) -> list[Finding]:
    places = Places.of(report)
    out = []
    for group in report.groups:
        failing = group.severity == CONFLICT and not group.resolved
        level = "error" if failing else ("note" if group.resolved else "warning")
        file, line = _group_location(places, group)
        sides = "; ".join(_side(places, s) for s in group.timeline())
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
                related=_statement_places(places, group),
            )
        )
    return out


def lint_summary(report: LintReport) -> str:
    catalogue, documents = one_line(str(report.catalogue)), one_line(str(report.documents))
    return f"{catalogue}: {report.claims} claims, {report.files} documents under {documents}: OK"


def lint_findings(report: LintReport) -> list[Finding]:
    """A sound catalogue is one passing check (lint raises, rather than reports, what is wrong)."""
    catalogue = one_line(display_path(report.catalogue))
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
