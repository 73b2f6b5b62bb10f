"""Turning results into output: a rich table for people, JSON for tools.

User text (sentences, claims) always goes into ``rich.text.Text`` objects, never into
markup strings, so a source's "[bold]" stays literal.
"""

from __future__ import annotations

import json
from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from factcheck.conflicts import CHANGE, ConflictGroup, Statement
from factcheck.reports import ConflictReport, VerifyReport
from factcheck.verdicts import ClaimResult, Evidence

VERDICT_STYLE = {
    "supported": "bold green", "contradicted": "bold red", "unverified": "yellow", "disputed": "bold magenta",
}
STANCE_STYLE = {"supports": "green", "contradicts": "red", "neutral": "dim"}


def highlighted(evidence: Evidence) -> Text:
    """The sentence with agreeing numbers in green and disagreeing ones in red."""
    text = Text(evidence.sentence.text)
    for q in evidence.agreeing:
        text.stylize("bold green underline", q.start, q.end)
    for q in evidence.disagreeing:
        text.stylize("bold red underline", q.start, q.end)
    return text


def verify_table(report: VerifyReport) -> Table:
    table = Table(show_lines=True, expand=False)
    table.add_column("claim", no_wrap=True, style="bold")
    table.add_column("verdict", no_wrap=True)
    table.add_column("evidence")
    for result in report.results:
        verdict = Text(result.verdict, style=VERDICT_STYLE[result.verdict])
        if not result.ok:
            verdict.append(f"\n(expected {result.expected})", style="red")
        table.add_row(Text(result.claim.id), verdict, _evidence_cell(result))
    return table


def _evidence_cell(result: ClaimResult) -> Text:
    cell = Text()
    cell.append(result.claim.text + "\n", style="italic")
    if not result.evidence:
        cell.append("no sentence in the documents speaks of this", style="dim")
    for n, ev in enumerate(result.evidence):
        if n:
            cell.append("\n")
        cell.append(f"{ev.doc}:{ev.line}", style="cyan")
        cell.append(f" {ev.stance} {ev.score:.0f} ", style=STANCE_STYLE[ev.stance])
        cell.append_text(highlighted(ev))
    return cell


def verify_summary(report: VerifyReport) -> Text:
    counts = report.counts
    text = Text(f"{len(report.results)} claims: ")
    text.append(", ".join(f"{n} {v}" for v, n in counts.items()))
    failures = len(report.failures)
    if failures:
        text.append(f"; {failures} not as expected", style="bold red")
    else:
        text.append("; all as expected", style="green")
    return text


def render_verify_text(report: VerifyReport, console: Console) -> None:
    console.print(verify_table(report))
    console.print(verify_summary(report))


def evidence_json(ev: Evidence) -> dict[str, Any]:
    return {
        "doc": ev.doc,
        "line": ev.line,
        "column": ev.sentence.column,
        "sentence": ev.sentence.text,
        "score": ev.score,
        "stance": ev.stance,
        "as_of": ev.as_of.isoformat() if ev.as_of else None,
        "numbers": {
            "agreeing": [q.text for q in ev.agreeing],
            "disagreeing": [q.text for q in ev.disagreeing],
        },
    }


def verify_json(report: VerifyReport) -> dict[str, Any]:
    return {
        "claims": [
            {
                "id": r.claim.id,
                "text": r.claim.text,
                "line": r.claim.line,
                "verdict": r.verdict,
                "expected": r.expected,
                "ok": r.ok,
                "evidence": [evidence_json(e) for e in r.evidence],
            }
            for r in report.results
        ],
        "summary": report.summary(),
        "warnings": report.warnings,
    }


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


# ------------------------------------------------------------------- conflicts

SEVERITY_STYLE = {"conflict": "bold red", "change": "yellow", "resolved": "green"}


def _statement_text(st: Statement) -> Text:
    text = Text(st.sentence)
    text.stylize("bold underline", st.quantity.start, st.quantity.end)
    return text


def _when(st: Statement) -> str:
    if st.as_of_text and st.as_of and st.dated_in_text:
        return st.as_of_text if str(st.as_of.year) in st.as_of_text else f"{st.as_of_text} ({st.as_of.year})"
    if st.as_of is not None:
        return st.as_of_text or st.as_of.isoformat()
    return st.as_of_text or "undated"


def timeline_text(group: ConflictGroup) -> str:
    values: list[str] = []
    for st in group.timeline():
        shown = st.quantity.text
        if not values or values[-1] != shown:
            values.append(shown)
    return " → ".join(values)


def conflict_panel(group: ConflictGroup) -> Panel:
    severity = "resolved" if group.resolved else group.severity
    table = Table(box=None, show_header=True, pad_edge=False)
    table.add_column("source", style="cyan", no_wrap=True)
    table.add_column("as of", no_wrap=True)
    table.add_column("value", no_wrap=True, style="bold")
    table.add_column("sentence")
    for st in group.timeline():
        table.add_row(Text(st.source), Text(_when(st)), Text(st.quantity.text), _statement_text(st))
    parts: list[Any] = []
    if group.severity == CHANGE:
        parts.append(Text("timeline: " + timeline_text(group), style="yellow"))
    if group.resolution is not None:
        res = group.resolution
        note = Text("resolved", style="green")
        if res.value:
            note.append(f": {res.value} stands")
        if res.note:
            note.append(f" — {res.note}")
        parts.append(note)
    parts.append(table)
    return Panel(
        Group(*parts), title=Text(group.subject, style="bold"), title_align="left",
        subtitle=Text(severity, style=SEVERITY_STYLE[severity]), subtitle_align="right",
        border_style=SEVERITY_STYLE[severity],
    )


def conflicts_summary(report: ConflictReport) -> Text:
    s = report.summary()
    text = Text(f"{s['statements']} statements; {s['conflicts']} conflicts, {s['changes']} changes over time, "
                f"{s['resolved']} resolved")
    if s["unresolved"]:
        text.append(f"; {s['unresolved']} unresolved", style="bold red")
    return text


def render_conflicts_text(report: ConflictReport, console: Console) -> None:
    if not report.groups:
        console.print(Text("No disagreements found.", style="green"))
    for group in report.groups:
        console.print(conflict_panel(group))
    console.print(conflicts_summary(report))


def statement_json(st: Statement) -> dict[str, Any]:
    out: dict[str, Any] = {"claim": st.claim} if st.claim is not None else {"doc": st.doc}
    out.update({
        "line": st.line,
        "sentence": st.sentence,
        "value": st.value,
        "kind": st.quantity.kind,
        "text": st.quantity.text,
        "as_of": st.as_of.isoformat() if st.as_of else None,
        "as_of_text": st.as_of_text,
    })
    return out


def conflicts_json(report: ConflictReport) -> dict[str, Any]:
    return {
        "conflicts": [
            {
                "subject": g.subject,
                "severity": g.severity,
                "resolved": g.resolved,
                "resolution": (
                    {"value": g.resolution.value, "note": g.resolution.note, "line": g.resolution.line}
                    if g.resolution else None
                ),
                "timeline": [st.value for st in g.timeline()],
                "statements": [statement_json(st) for st in g.timeline()],
            }
            for g in report.groups
        ],
        "summary": report.summary(),
        "warnings": report.warnings,
    }
